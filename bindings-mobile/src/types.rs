//! How scalar values cross the boundary: each is lifted by one call of the core's
//! `helpdesk::scalars` (the one reading every binding shares) and never parsed here.
//!
//! The rules, as the library states them:
//! - **Decimal** (money, quantities, rates): exact. Kotlin `java.math.BigDecimal`, Swift
//!   `Foundation.Decimal`, crossing as their decimal text (`"254.10"`, `"1E+3"`); at most 28
//!   digits after the point and a magnitude below 2^96 / 10^scale. A value that would need
//!   rounding is refused, never rounded; the digits written keep their scale.
//! - **Date**: a calendar day `YYYY-MM-DD`, years 1 to 9999. Kotlin `java.time.LocalDate`,
//!   Swift ISO `String`.
//! - **Instant**: any instant of the years 1 to 9999 (in UTC), to the nanosecond. Kotlin
//!   `java.time.Instant`, Swift `Date`. Working-time arithmetic counts whole seconds: there an
//!   instant's fraction is dropped (floored) by the core.
//! - **Duration**: whole seconds, signed. Kotlin `java.time.Duration`, Swift `Int64` seconds.
//!   A duration with a fraction of a second is refused, never cut: Kotlin lowers the exact
//!   decimal number of seconds (`"0.720000000"`), so the fraction reaches the core, which
//!   refuses it.
//! - **Id**: a whole number from 1 to 2^53 − 1 (Kotlin `Long`, Swift `Int64`); see
//!   `crate::records`.
//!
//! Anything else is refused as `HelpdeskError.InvalidInput` (code `invalid_input`) naming
//! the field. A custom type's lift does not know the argument or record field it fills, so
//! the field it names is the kind of value: `decimal`, `date`, `instant`, `duration`, and for
//! an id the entity (`ticket`, `user`, …). See `crate::error` for how a lift failure becomes
//! that typed error.

use crate::HelpdeskError;
use chrono::{DateTime, Utc};
use helpdesk::scalars;
use rust_decimal::Decimal;
use std::time::{SystemTime, UNIX_EPOCH};

/// The field a refused decimal names.
const DECIMAL: &str = "decimal";
/// The field a refused date names.
const DATE: &str = "date";
/// The field a refused instant names.
const INSTANT: &str = "instant";
/// The field a refused duration names.
const DURATION: &str = "duration";

/// An instant in UTC (`chrono::DateTime<Utc>`): Kotlin `java.time.Instant`, Swift `Date`.
pub type UtcDateTime = DateTime<Utc>;

/// A calendar date (`chrono::NaiveDate`, years 1 to 9999): Kotlin `java.time.LocalDate`, Swift
/// `String` (ISO `YYYY-MM-DD`).
pub type LocalDate = chrono::NaiveDate;

/// A signed duration of whole seconds (`chrono::Duration`): Kotlin `java.time.Duration`, Swift
/// `Int64` seconds. Crosses as the exact decimal number of seconds (see `uniffi.toml`).
pub type SignedDuration = chrono::Duration;

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |value| scalars::format_decimal(value),
    try_lift: |text| Ok(lift_decimal(&text)?),
});

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |date| scalars::format_date(date),
    try_lift: |text| Ok(lift_date(&text)?),
});

// Over uniffi's timestamp (seconds and nanoseconds from the epoch), which Kotlin's `Instant` and
// Swift's `Date` map to; `SystemTime` itself holds far more than the years 1 to 9999.
uniffi::custom_type!(UtcDateTime, SystemTime, {
    remote,
    lower: |value| SystemTime::from(value),
    try_lift: |value| Ok(lift_instant(value)?),
});

// Over the decimal text of its seconds, not whole seconds: a host's sub-second part must reach
// the core to be refused, where an integer would have dropped it on the host's side.
uniffi::custom_type!(SignedDuration, String, {
    remote,
    lower: |duration| lower_duration(duration),
    try_lift: |text| Ok(lift_duration(&text)?),
});

/// A decimal from its text (a Kotlin `BigDecimal.toString()`, a Swift `Decimal.description`).
pub(crate) fn lift_decimal(text: &str) -> Result<Decimal, HelpdeskError> {
    Ok(scalars::parse_decimal(DECIMAL, text)?)
}

/// A date from its ISO text (a Kotlin `LocalDate.toString()`, a Swift `String`).
pub(crate) fn lift_date(text: &str) -> Result<LocalDate, HelpdeskError> {
    Ok(scalars::parse_date(DATE, text)?)
}

/// An instant from a uniffi timestamp, through the core's seconds and nanoseconds from the
/// epoch.
pub(crate) fn lift_instant(time: SystemTime) -> Result<UtcDateTime, HelpdeskError> {
    let (seconds, nanos) = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        // Before the epoch: whole seconds floored, nanoseconds counted forwards from them.
        // Saturated values are far outside the years 1 to 9999, so the core refuses them.
        Err(before) => {
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).map_or(i64::MIN, |s| -s);
            match before.subsec_nanos() {
                0 => (seconds, 0),
                nanos => (seconds.saturating_sub(1), 1_000_000_000 - nanos),
            }
        }
    };
    Ok(scalars::instant_from_unix(INSTANT, seconds, nanos)?)
}

/// A duration from the exact decimal text of its seconds (`"3600"`, `"-0.720000000"`):
/// read by the core's decimal reading, then refused by the core unless whole seconds.
pub(crate) fn lift_duration(text: &str) -> Result<SignedDuration, HelpdeskError> {
    let seconds = scalars::parse_decimal(DURATION, text)?;
    let whole = seconds.trunc();
    // The fraction in nanoseconds, rounded away from zero: a fraction below a nanosecond stays
    // a fraction for `whole_seconds` to refuse (a Kotlin `Duration` has none; hand-written
    // text may).
    let nanos = ((seconds - whole) * Decimal::from(1_000_000_000))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::AwayFromZero);
    let duration = i64::try_from(whole)
        .ok()
        .and_then(chrono::Duration::try_seconds)
        .zip(i64::try_from(nanos).ok())
        .and_then(|(whole, nanos)| whole.checked_add(&chrono::Duration::nanoseconds(nanos)))
        .ok_or_else(|| {
            helpdesk::Error::invalid(
                DURATION,
                format!("{text} s is beyond the longest duration (about 292 million years)"),
            )
        })?;
    Ok(scalars::whole_seconds(DURATION, duration)?)
}

/// The exact decimal text of a duration's seconds (`"3600"`, `"-1.5"`): what Kotlin reads back
/// into a `java.time.Duration` and Swift into `Int64` (the core's durations are whole seconds).
pub(crate) fn lower_duration(duration: SignedDuration) -> String {
    // `num_seconds` truncates towards zero and `subsec_nanos` carries the same sign.
    let seconds =
        Decimal::from(duration.num_seconds()) + Decimal::new(i64::from(duration.subsec_nanos()), 9);
    scalars::format_decimal(seconds.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use std::time::Duration as StdDuration;

    fn refused_field(error: HelpdeskError) -> Option<String> {
        match error {
            HelpdeskError::InvalidInput { fields, .. } => fields.get("field").cloned(),
            _ => None,
        }
    }

    #[test]
    fn decimals_are_read_by_the_core_exponent_included() -> Result<(), HelpdeskError> {
        assert_eq!(lift_decimal("12.50")?.to_string(), "12.50");
        assert_eq!(lift_decimal("1E+3")?.to_string(), "1000");
        assert_eq!(lift_decimal("1.5E-7")?.to_string(), "0.00000015");
        for bad in [" 7 ", "", "1.2.3", "1E+999"] {
            let error = lift_decimal(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("decimal".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn dates_are_strict_iso_days() -> Result<(), HelpdeskError> {
        assert_eq!(lift_date("0001-01-01")?.to_string(), "0001-01-01");
        for bad in ["+10000-01-01", "0000-12-31", "2026-3-4"] {
            let error = lift_date(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("date".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn instants_before_the_epoch_keep_their_nanoseconds() -> Result<(), HelpdeskError> {
        let before = UNIX_EPOCH - StdDuration::new(1, 250_000_000);
        assert_eq!(
            scalars::format_instant(lift_instant(before)?),
            "1969-12-31T23:59:58.750Z"
        );
        let last = UNIX_EPOCH + StdDuration::new(253_402_300_799, 999_999_999);
        assert_eq!(
            scalars::format_instant(lift_instant(last)?),
            "9999-12-31T23:59:59.999999999Z"
        );
        let beyond = UNIX_EPOCH + StdDuration::new(253_402_300_800, 0);
        let error = lift_instant(beyond).err().map(refused_field);
        assert_eq!(error, Some(Some("instant".into())));
        Ok(())
    }

    #[test]
    fn durations_with_a_fraction_are_refused_not_cut() -> Result<(), HelpdeskError> {
        assert_eq!(lift_duration("3600.000000000")?, Duration::hours(1));
        assert_eq!(lift_duration("-5")?, Duration::seconds(-5));
        for bad in [
            "0.720000000",
            "-0.5",
            "0.0000000001",
            "1e30",
            "9223372036854775807.5",
        ] {
            let error = lift_duration(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("duration".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn durations_are_lowered_exactly() -> Result<(), HelpdeskError> {
        assert_eq!(lower_duration(Duration::hours(-4)), "-14400");
        assert_eq!(lower_duration(Duration::milliseconds(-1500)), "-1.5");
        assert_eq!(lower_duration(Duration::zero()), "0");
        assert_eq!(
            lift_duration(&lower_duration(Duration::days(3)))?,
            Duration::days(3)
        );
        Ok(())
    }
}
