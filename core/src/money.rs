//! Money: exact decimals in a currency, rounded the way the currency says.
//! No float anywhere.

use crate::{Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// ISO 4217 minor units of the currencies whose rounding is not the usual
/// two decimals (the others in use have two).
const MINOR_UNITS: &[(&str, u32)] = &[
    ("BHD", 3),
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

/// Checks an amount, quantity or rate given as input: at most 10^12 in
/// magnitude and 12 decimal places — beyond any real document, and far
/// from where exact decimal arithmetic would overflow.
pub fn bounded(field: &'static str, value: Decimal) -> Result<Decimal> {
    if value.abs() > Decimal::from(1_000_000_000_000_i64) || value.normalize().scale() > 12 {
        return Err(Error::invalid(
            field,
            format!("{value} is out of range: at most 10^12 in magnitude, with 12 decimal places"),
        ));
    }
    Ok(value)
}

/// A currency: an ISO 4217 code and the decimal places its amounts are
/// rounded to (EUR and USD 2, JPY 0, KWD 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Currency {
    /// Three upper-case letters, e.g. `EUR`.
    pub code: String,
    /// Decimal places of its amounts.
    pub decimals: u32,
}

impl Currency {
    /// The currency of an ISO 4217 code, with its standard rounding (two
    /// decimals unless the standard says otherwise).
    pub fn iso(code: &str) -> Result<Self> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid(
                "currency",
                format!("{code:?} is not an ISO 4217 code (three letters)"),
            ));
        }
        let decimals = MINOR_UNITS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(2, |(_, d)| *d);
        Ok(Self { code, decimals })
    }

    /// `amount` rounded to the currency's decimals, half away from zero
    /// (the accountant's "half up").
    pub fn round(&self, amount: Decimal) -> Decimal {
        let mut rounded =
            amount.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(self.decimals);
        rounded
    }

    /// Whether `amount` has no more decimals than the currency allows.
    pub fn is_rounded(&self, amount: Decimal) -> bool {
        amount.normalize().scale() <= self.decimals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_round_half_up_to_their_minor_unit() {
        let eur = Currency::iso("eur").unwrap();
        assert_eq!(eur.round(Decimal::new(1005, 3)).to_string(), "1.01");
        assert_eq!(eur.round(Decimal::new(-1005, 3)).to_string(), "-1.01");
        assert_eq!(eur.round(Decimal::ONE).to_string(), "1.00");
        let jpy = Currency::iso("JPY").unwrap();
        assert_eq!(jpy.round(Decimal::new(1255, 1)).to_string(), "126");
        assert_eq!(Currency::iso("KWD").unwrap().decimals, 3);
        assert!(Currency::iso("EURO").is_err());
        assert!(eur.is_rounded(Decimal::new(1250, 3)));
        assert!(!eur.is_rounded(Decimal::new(1255, 3)));
    }
}
