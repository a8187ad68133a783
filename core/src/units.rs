//! Quantities in units of measure (HRS-1): exact decimal conversion within
//! a category, rounded half up to the target unit's rounding.

use crate::model::Unit;
use crate::{Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};

/// The error of a quantity too large for exact arithmetic.
fn too_large() -> Error {
    Error::invalid("quantity", "the quantity is too large to convert exactly")
}

/// `quantity` rounded half up to a multiple of `rounding` (no rounding
/// when `rounding` is not positive).
pub fn round_to(quantity: Decimal, rounding: Decimal) -> Result<Decimal> {
    if rounding <= Decimal::ZERO {
        return Ok(quantity);
    }
    let steps = quantity
        .checked_div(rounding)
        .ok_or_else(too_large)?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let mut rounded = steps.checked_mul(rounding).ok_or_else(too_large)?;
    rounded.rescale(rounding.normalize().scale());
    Ok(rounded)
}

/// `quantity` in `from` expressed in the category's reference unit, exactly.
pub fn to_reference(quantity: Decimal, from: &Unit) -> Result<Decimal> {
    quantity.checked_mul(from.ratio).ok_or_else(too_large)
}

/// `reference` (in the category's reference unit) expressed in `to`,
/// rounded to `to`'s rounding.
pub fn from_reference(reference: Decimal, to: &Unit) -> Result<Decimal> {
    round_to(
        reference.checked_div(to.ratio).ok_or_else(too_large)?,
        to.rounding,
    )
}

/// `quantity` of `from` in `to`, rounded to `to`'s rounding; converting
/// across categories (hours into kilograms) is an error.
pub fn convert(quantity: Decimal, from: &Unit, to: &Unit) -> Result<Decimal> {
    if from.category != to.category {
        return Err(Error::invalid(
            "unit",
            format!(
                "{} and {} are not of the same category: they do not convert",
                from.name, to.name
            ),
        ));
    }
    from_reference(to_reference(quantity, from)?, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CompanyId, UnitCategoryId, UnitId};

    fn unit(id: i64, category: i64, name: &str, ratio: &str) -> Unit {
        Unit {
            id: UnitId(id),
            company: CompanyId(1),
            category: UnitCategoryId(category),
            name: name.into(),
            ratio: ratio.parse().unwrap(),
            rounding: "0.01".parse().unwrap(),
        }
    }

    #[test]
    fn hrs_1_conversions_are_exact_and_round_half_up() {
        let (hours, days) = (unit(1, 1, "Hours", "1"), unit(2, 1, "Days", "8"));
        assert_eq!(
            convert("1.5".parse().unwrap(), &days, &hours)
                .unwrap()
                .to_string(),
            "12.00"
        );
        assert_eq!(
            convert("1".parse().unwrap(), &hours, &days)
                .unwrap()
                .to_string(),
            "0.13"
        ); // 0.125 → 0.13
        assert_eq!(
            convert("3".parse().unwrap(), &hours, &days)
                .unwrap()
                .to_string(),
            "0.38"
        ); // 0.375
        let kilos = unit(3, 2, "kg", "1");
        assert_eq!(
            convert(Decimal::ONE, &hours, &kilos).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            round_to("2.345".parse().unwrap(), "0.5".parse().unwrap())
                .unwrap()
                .to_string(),
            "2.5"
        );
        let huge: Decimal = "79000000000000000000000000000".parse().unwrap();
        assert_eq!(
            convert(huge, &days, &hours).unwrap_err().code(),
            "invalid_input"
        );
    }
}
