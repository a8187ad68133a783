//! The pure working-calendar engine of the core (`helpdesk::calendar`, CAL-1 … CAL-5), as the
//! `WorkingCalendar` object: no desk, no store, only arithmetic of working time, exact to the
//! second. Not a façade operation (it is not in `helpdesk::OPERATIONS`): a separate class.
//!
//! - `CalendarSpec`, `WorkingHours`, `Weekday` and `Closure` are the core's own types, restated
//!   for uniffi (`#[uniffi::remote]`); the compiler rejects any drift from the core.
//! - Times of day ([`ClockTime`]) cross as their `"HH:MM"` / `"HH:MM:SS"` string (`00:00` to
//!   `24:00`; `java.time.LocalTime` cannot say `24:00`, so Kotlin and Swift see a `String`).
//! - Local dates ([`LocalDate`]) and signed durations ([`SignedDuration`]) are the scalars of
//!   `crate::types`: a date is `YYYY-MM-DD` in the years 1 to 9999 (Kotlin
//!   `java.time.LocalDate`, Swift `String`); a duration is whole seconds (Kotlin
//!   `java.time.Duration`, Swift `Int64` seconds), and one with a fraction of a second is
//!   refused as `InvalidInput`, never cut.
//!
//! The stored calendars of the desk (`Calendar`, `NewCalendar`, `CalendarUpdate`, operated by
//! `Helpdesk.createCalendar` … `workingTimeBetween`) reuse these spec types.
//!
//! A bad spec (unknown zone, a malformed time or date, hours ending before they start, no
//! working time) raises `HelpdeskError.InvalidInput` (code `invalid_input`).

use crate::types::{LocalDate, SignedDuration, UtcDateTime};
use crate::HelpdeskError;
use helpdesk::calendar::{self, CalendarSpec, ClockTime, Closure, Weekday, WorkingHours};
use helpdesk::{Calendar, CalendarId, CalendarUpdate, CompanyId, NewCalendar};
use std::sync::Arc;

uniffi::custom_type!(ClockTime, String, {
    remote,
    lower: |time| time.to_string(),
    try_lift: |text| Ok(text.parse::<ClockTime>().map_err(HelpdeskError::from)?),
});

/// A day of the week.
#[uniffi::remote(Enum)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// One interval of working hours on a weekday, in local time (`"HH:MM"` or `"HH:MM:SS"`,
/// `00:00` to `24:00`).
#[uniffi::remote(Record)]
pub struct WorkingHours {
    /// The day.
    pub weekday: Weekday,
    /// Start (inclusive).
    pub start: ClockTime,
    /// End (exclusive), after the start.
    pub end: ClockTime,
}

/// Time taken out of the weekly pattern.
#[uniffi::remote(Enum)]
pub enum Closure {
    /// Whole local days, `first` to `last` inclusive (a public holiday, a company closure, a
    /// day of leave).
    Days {
        /// First closed day.
        first: LocalDate,
        /// Last closed day (inclusive).
        last: LocalDate,
    },
    /// An exact period, `from` (inclusive) to `to` (exclusive): an afternoon off.
    Period {
        /// Start.
        from: UtcDateTime,
        /// End.
        to: UtcDateTime,
    },
}

/// What a working calendar is made of (CAL-1).
#[uniffi::remote(Record)]
pub struct CalendarSpec {
    /// IANA time zone, e.g. `Europe/Brussels`.
    pub time_zone: String,
    /// The weekly pattern (several intervals per day for lunch breaks).
    pub hours: Vec<WorkingHours>,
    /// Closures and leaves.
    pub closures: Vec<Closure>,
}

/// A named working calendar of a company, stored by the desk (`Helpdesk.createCalendar`).
#[uniffi::remote(Record)]
pub struct Calendar {
    /// Identifier.
    pub id: CalendarId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `Brussels office hours`.
    pub name: String,
    /// Zone, weekly hours and closures.
    pub spec: CalendarSpec,
}

/// Input of `Helpdesk.createCalendar` (managers of the company).
#[uniffi::remote(Record)]
pub struct NewCalendar {
    /// The company (required).
    pub company: CompanyId,
    /// Display name (required, not blank).
    pub name: String,
    /// Zone, weekly hours and closures (validated as by `WorkingCalendar(spec)`).
    pub spec: CalendarSpec,
}

/// Input of `Helpdesk.updateCalendar`: `null` keeps a field.
#[uniffi::remote(Record)]
pub struct CalendarUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New zone, hours and closures (validated).
    #[uniffi(default)]
    pub spec: Option<CalendarSpec>,
}

/// A validated working calendar: working-time arithmetic across time zones, DST and
/// closures (`helpdesk::calendar::WorkingCalendar`). Immutable, safe to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct WorkingCalendar {
    calendar: calendar::WorkingCalendar,
}

#[uniffi::export]
impl WorkingCalendar {
    /// Validates and compiles `spec`: a known time zone, intervals that end after they start
    /// and do not overlap, some working time in the week (CAL-4), closures that end after they
    /// start. A bad spec raises `InvalidInput`.
    #[uniffi::constructor]
    pub fn new(spec: CalendarSpec) -> Result<Arc<Self>, HelpdeskError> {
        Ok(Arc::new(Self {
            calendar: calendar::WorkingCalendar::new(spec)?,
        }))
    }

    /// What the calendar was made from.
    pub fn spec(&self) -> CalendarSpec {
        self.calendar.spec().clone()
    }

    /// The instant at which `duration` of working time has elapsed after `start` (CAL-2),
    /// exact to the second (`start` counts from its whole second). `duration` is whole
    /// seconds (Kotlin `java.time.Duration`, Swift `Int64` seconds): a fraction of a second,
    /// a negative duration, or one that cannot be met within 100 years raises `InvalidInput`.
    pub fn add_working_time(
        &self,
        start: UtcDateTime,
        duration: SignedDuration,
    ) -> Result<UtcDateTime, HelpdeskError> {
        Ok(self.calendar.add_working_time(start, duration)?)
    }

    /// The working time inside `[a, b)` (CAL-2), signed: negative when `b` is before `a`.
    /// Whole seconds (Kotlin `java.time.Duration`, Swift `Int64` seconds). Fallible only
    /// because an instant outside the years 1 to 9999 is refused (`InvalidInput`) when lifted.
    pub fn working_time_between(
        &self,
        a: UtcDateTime,
        b: UtcDateTime,
    ) -> Result<SignedDuration, HelpdeskError> {
        Ok(self.calendar.working_time_between(a, b))
    }
}
