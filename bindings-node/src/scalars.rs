//! How the scalar values JavaScript has no exact type cross into the
//! library where the binding calls core directly (`ManualClock`,
//! `WorkingCalendar`; the operations and a desk's options send JSON that
//! core reads itself): every one is read by the core's one reading
//! ([`helpdesk::scalars`]), so Node accepts exactly the values Python,
//! Kotlin and Rust accept and refuses the others with the same error,
//! `invalid_input` naming the argument (`tests/golden/scalars/cases.json`
//! holds the edge cases every suite replays).
//!
//! - **Date**: a `'YYYY-MM-DD'` string, years 1 to 9999.
//! - **Instant**: a `Date`, to the millisecond, years 1 to 9999; an
//!   Invalid Date is refused. Working-time arithmetic counts whole seconds
//!   and drops an instant's fraction there.
//! - **Duration**: a number of milliseconds that is a whole number of
//!   seconds (a multiple of 1000); a fraction of a second is refused, never
//!   dropped.
//!
//! This module only hands the JavaScript value's parts to the core; it
//! reads nothing itself.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use helpdesk::scalars as core;
use napi::JsDate;

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
