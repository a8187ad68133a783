//! How the scalar values JavaScript has no exact type cross into the
//! library where the binding calls core directly (`ManualClock`,
//! `WorkingCalendar`, the scalar test hooks; the operations send JSON that
//! core reads itself): every one is read by the core's one reading
//! ([`helpdesk::scalars`]), so Node accepts exactly the values Python,
//! Kotlin and Rust accept and refuses the others with the same error,
//! `invalid_input` naming the argument (`tests/golden/scalars/cases.json`
//! holds the edge cases every suite replays).
//!
//! - **Decimal** (money, quantities, rates): a string
//!   `[+-]digits[.digits][(e|E)[+-]digits]`, held exactly (at most 28
//!   digits after the point); a value that would need rounding is refused,
//!   never rounded. Results are decimal strings with their scale
//!   (`'254.10'`, `'0'`).
//! - **Date**: a `'YYYY-MM-DD'` string, years 1 to 9999.
//! - **Instant**: a `Date`, to the millisecond, years 1 to 9999; an
//!   Invalid Date is refused. Working-time arithmetic counts whole seconds
//!   and drops an instant's fraction there.
//! - **Duration**: a number of milliseconds that is a whole number of
//!   seconds (a multiple of 1000); a fraction of a second is refused, never
//!   dropped.
//! - **Id**: a number that is a whole number from 1 to 2^53 − 1; `1.9`,
//!   `0`, `-1`, `NaN` and `Infinity` are refused (napi's own integer
//!   conversion would truncate them, so ids are taken as `f64`).
//!
//! This module only hands the JavaScript value's parts to the core; it
//! reads nothing itself.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use helpdesk::scalars as core;
use napi::JsDate;
use rust_decimal::Decimal;

/// A decimal string as an exact `Decimal` (`'12.50'`, `'-3'`, `'1e3'`).
pub fn decimal(field: &'static str, text: &str) -> helpdesk::Result<Decimal> {
    core::parse_decimal(field, text)
}

/// A `'YYYY-MM-DD'` string as a calendar date.
pub fn date(field: &'static str, text: &str) -> helpdesk::Result<NaiveDate> {
    core::parse_date(field, text)
}

/// The instant a `Date` holds (its milliseconds since the epoch). Reads
/// the `Date`, so it runs on the JavaScript thread.
pub fn instant(field: &'static str, date: &JsDate) -> helpdesk::Result<DateTime<Utc>> {
    // A `Date` whose value cannot be read is refused like an Invalid Date.
    let millis = date.value_of().unwrap_or(f64::NAN);
    core::instant_from_unix_millis(field, millis)
}

/// A duration given in milliseconds, exactly (a whole number of them).
pub fn duration(field: &'static str, milliseconds: f64) -> helpdesk::Result<Duration> {
    core::duration_from_millis(field, milliseconds)
}

/// A typed id from a JavaScript number (a whole number from 1 to 2^53 − 1).
pub fn id<T: From<i64>>(field: &'static str, raw: f64) -> helpdesk::Result<T> {
    core::id_from_f64(field, raw).map(T::from)
}

/// A decimal as the string the core writes (`'254.10'`, `'-3'`, `'0'`).
pub fn format_decimal(value: Decimal) -> String {
    core::format_decimal(value)
}

/// A calendar date as the string the core writes (`'YYYY-MM-DD'`).
pub fn format_date(value: NaiveDate) -> String {
    core::format_date(value)
}

/// A whole number from 0 to 2^53 − 1 (a random seed), read by core's rule.
pub fn whole(field: &'static str, value: f64) -> helpdesk::Result<u64> {
    core::whole_from_f64(field, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_fractions_and_non_numbers_instead_of_truncating() {
        assert_eq!(
            id::<helpdesk::TicketId>("id", 3.0).ok(),
            Some(helpdesk::TicketId(3))
        );
        for bad in [1.9, f64::NAN, f64::INFINITY, -1.0, 0.0] {
            let error = id::<helpdesk::TicketId>("id", bad).err();
            assert!(
                matches!(
                    error,
                    Some(helpdesk::Error::InvalidInput { field: "id", .. })
                ),
                "{bad}: {error:?}"
            );
        }
    }
}
