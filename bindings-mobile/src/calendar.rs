//! The pure working-calendar engine of the core (`helpdesk::calendar`, CAL-1 … CAL-11), as the
//! `WorkingCalendar` object: no desk, no store, only arithmetic of working time, exact to the
//! second. Not a façade operation (it is not in `helpdesk::OPERATIONS`): a separate class.
//!
//! Its spec types (`CalendarSpec`, `WorkingHours`, `Weekday`, `Closure`) and the stored
//! calendars of the desk (`Calendar`, `NewCalendar`, `CalendarUpdate`, operated by
//! `Helpdesk.createCalendar` … `workingTimeBetween`) are the core's own, exposed by the core
//! itself (`helpdesk::uniffi_support`), as are times of day (`ClockTime`, an `"HH:MM"` /
//! `"HH:MM:SS"` `String`), local dates and signed durations (whole seconds: Kotlin
//! `java.time.Duration`, Swift `Int64` seconds; one with a fraction of a second is refused as
//! `InvalidInput`, never cut).
//!
//! A bad spec (unknown zone, a malformed time or date, hours ending before they start, no
//! working time) raises `HelpdeskError.InvalidInput` (code `invalid_input`).

use crate::types::{SignedDuration, UtcDateTime};
use crate::HelpdeskError;
use helpdesk::calendar::{self, CalendarSpec, TimeByDay, WorkingInterval};
use std::sync::Arc;

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

    /// The end of the `days`-th local day with working time after `start` (CAL-7): the start's
    /// own day counts while work remains in it; negative `days` plan backwards (the start of that
    /// day's work); zero returns `start`. A count that cannot be met within 100 years raises
    /// `InvalidInput`.
    pub fn add_working_days(
        &self,
        start: UtcDateTime,
        days: i64,
    ) -> Result<UtcDateTime, HelpdeskError> {
        Ok(self.calendar.add_working_days(start, days)?)
    }

    /// The latest start from which `duration` (whole seconds, not negative) of working time ends
    /// by `end` (CAL-8); zero returns `end`.
    pub fn subtract_working_time(
        &self,
        end: UtcDateTime,
        duration: SignedDuration,
    ) -> Result<UtcDateTime, HelpdeskError> {
        Ok(self.calendar.subtract_working_time(end, duration)?)
    }

    /// `instant` inside working time, else the start of the next working interval (CAL-10).
    pub fn next_working_instant(&self, instant: UtcDateTime) -> Result<UtcDateTime, HelpdeskError> {
        Ok(self.calendar.next_working_instant(instant)?)
    }

    /// `instant` inside working time, else the end of the last working interval before it, where
    /// the work stopped (CAL-10).
    pub fn previous_working_instant(
        &self,
        instant: UtcDateTime,
    ) -> Result<UtcDateTime, HelpdeskError> {
        Ok(self.calendar.previous_working_instant(instant)?)
    }

    /// The working intervals inside `[a, b)`, in order, touching ones merged (CAL-10).
    pub fn working_intervals(
        &self,
        a: UtcDateTime,
        b: UtcDateTime,
    ) -> Result<Vec<WorkingInterval>, HelpdeskError> {
        Ok(self.calendar.working_intervals(a, b)?)
    }

    /// The working time inside `[a, b)` per local day, with the totals (CAL-9). Fallible only
    /// because an instant outside the years 1 to 9999 is refused when lifted.
    pub fn working_time_by_day(
        &self,
        a: UtcDateTime,
        b: UtcDateTime,
    ) -> Result<TimeByDay, HelpdeskError> {
        Ok(self.calendar.working_time_by_day(a, b))
    }

    /// The time closures take out of the normal hours inside `[a, b)`, per local day (CAL-9).
    pub fn closed_time_by_day(
        &self,
        a: UtcDateTime,
        b: UtcDateTime,
    ) -> Result<TimeByDay, HelpdeskError> {
        Ok(self.calendar.closed_time_by_day(a, b))
    }

    /// The same calendar read in another IANA zone: a resource's own (CAL-11).
    pub fn in_time_zone(&self, time_zone: String) -> Result<Arc<Self>, HelpdeskError> {
        Ok(Arc::new(Self {
            calendar: self.calendar.in_time_zone(&time_zone)?,
        }))
    }

    /// A working day's length: the week's (or fortnight's) working time over its days with
    /// working time.
    pub fn working_day(&self) -> SignedDuration {
        self.calendar.working_day()
    }
}
