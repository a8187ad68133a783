//! Custom types: how values without a native uniffi representation cross the boundary.
//!
//! - Money and quantities (`rust_decimal::Decimal`) cross as their exact decimal string:
//!   Kotlin `java.math.BigDecimal`, Swift `Foundation.Decimal` (see `uniffi.toml`).
//!   Never a float.
//! - Instants (`chrono::DateTime<Utc>`, alias [`UtcDateTime`]) cross as uniffi timestamps:
//!   Kotlin `java.time.Instant`, Swift `Date`.

use crate::HelpdeskError;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::time::SystemTime;

/// An instant in UTC (`chrono::DateTime<Utc>`): Kotlin `java.time.Instant`, Swift `Date`.
pub type UtcDateTime = DateTime<Utc>;

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |value| value.to_string(),
    try_lift: |text| Ok(parse_decimal(&text)?),
});

uniffi::custom_type!(UtcDateTime, SystemTime, {
    remote,
    lower: |value| SystemTime::from(value),
    try_lift: |value| Ok(DateTime::<Utc>::from(value)),
});

/// Parses an exact decimal string (`"12.50"`, `"-3"`, `"1e3"` is refused); what a host's
/// `BigDecimal`/`Decimal` becomes on the way in.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, HelpdeskError> {
    Decimal::from_str_exact(text.trim()).map_err(|error| {
        HelpdeskError::invalid_input(
            "decimal",
            format!("{text:?} is not an exact decimal: {error}"),
        )
    })
}

/// Test-only round trip of a decimal through the boundary: returns `value` unchanged
/// (same digits, same scale). Lets the Kotlin suite prove `BigDecimal` ⇄ `Decimal` is exact
/// before any operation takes money. A value the core cannot hold (more than 28 digits) is
/// refused as `invalid_input`, like it will be by every operation taking a decimal.
#[doc(hidden)]
#[uniffi::export]
pub fn test_only_decimal_round_trip(value: Decimal) -> Result<Decimal, HelpdeskError> {
    Ok(value)
}

/// Test-only round trip of an instant through the boundary (microsecond-exact).
#[doc(hidden)]
#[uniffi::export]
pub fn test_only_instant_round_trip(value: UtcDateTime) -> UtcDateTime {
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_digits_and_scale() -> Result<(), HelpdeskError> {
        assert_eq!(parse_decimal("12.50")?.to_string(), "12.50");
        assert_eq!(parse_decimal("-0.001")?.to_string(), "-0.001");
        assert!(parse_decimal("1.2.3").is_err());
        assert!(parse_decimal("").is_err());
        Ok(())
    }
}
