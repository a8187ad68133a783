//! The `WorkingCalendar` class: the core's pure working-time arithmetic
//! (`helpdesk::calendar`), synchronous (no store, no I/O; each call costs the
//! same whatever the duration).
//!
//! Units: durations are whole milliseconds in JavaScript, but the core is
//! exact to the second, so a duration must be a whole number of seconds
//! (a multiple of 1000 ms) or it is an `invalid_input` error. Instants
//! (`Date`s) are taken to the second: a sub-second part is dropped (the
//! instant is floored to its second), as the core does.

use crate::desk::instant;
use helpdesk::calendar as core;
use napi::{Env, JsDate};
use napi_derive::napi;
use std::str::FromStr;

/// A day of the week.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl From<Weekday> for core::Weekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Monday => Self::Monday,
            Weekday::Tuesday => Self::Tuesday,
            Weekday::Wednesday => Self::Wednesday,
            Weekday::Thursday => Self::Thursday,
            Weekday::Friday => Self::Friday,
            Weekday::Saturday => Self::Saturday,
            Weekday::Sunday => Self::Sunday,
        }
    }
}

/// One interval of working hours on a weekday, in local time: `start`
/// (inclusive) to `end` (exclusive), `'HH:MM'` or `'HH:MM:SS'`, `'00:00'` to
/// `'24:00'`.
#[napi(object)]
pub struct WorkingHours {
    /// The day.
    pub weekday: Weekday,
    /// Start (inclusive), `'HH:MM'`.
    pub start: String,
    /// End (exclusive), after the start, `'HH:MM'`.
    pub end: String,
}

/// Time taken out of the weekly pattern: whole local days
/// `{ kind: 'days', first: 'YYYY-MM-DD', last: 'YYYY-MM-DD' }` (inclusive)
/// or an exact period `{ kind: 'period', from: Date, to: Date }` (`to`
/// exclusive).
#[napi(discriminant = "kind", discriminant_case = "lowercase")]
// The dates are `JsDate<'static>` because the napi macros take no lifetime on
// an enum: a `Closure` only lives during the synchronous constructor call
// that converts it, never beyond.
pub enum Closure {
    /// Whole local days.
    Days {
        // Undocumented on purpose: a doc comment here is rendered inside the
        // one-line union member of `index.d.ts`; the enum's doc names them.
        #[allow(missing_docs)]
        first: String,
        #[allow(missing_docs)]
        last: String,
    },
    /// An exact period.
    Period {
        #[allow(missing_docs)]
        from: JsDate<'static>,
        #[allow(missing_docs)]
        to: JsDate<'static>,
    },
}

/// What a working calendar is made of: an IANA time zone, the weekly
/// pattern of working hours (several intervals a day for lunch breaks),
/// and closures.
#[napi(object)]
pub struct CalendarSpec {
    /// IANA time zone, e.g. `'Europe/Brussels'`.
    pub time_zone: String,
    /// The weekly pattern.
    pub hours: Vec<WorkingHours>,
    /// Public holidays, company closures, leaves.
    pub closures: Option<Vec<Closure>>,
}

fn core_error(env: &Env, error: &helpdesk::Error) -> napi::Error {
    crate::error::to_js(env, error)
}

fn date(env: &Env, text: &str) -> napi::Result<chrono::NaiveDate> {
    chrono::NaiveDate::from_str(text).map_err(|_| {
        core_error(
            env,
            &helpdesk::Error::invalid("closures", format!("{text:?} is not a date (YYYY-MM-DD)")),
        )
    })
}

fn clock_time(env: &Env, text: &str) -> napi::Result<core::ClockTime> {
    core::ClockTime::from_str(text).map_err(|error| core_error(env, &error))
}

fn to_core(env: &Env, spec: CalendarSpec) -> napi::Result<core::CalendarSpec> {
    let hours = spec
        .hours
        .iter()
        .map(|h| {
            Ok(core::WorkingHours {
                weekday: h.weekday.into(),
                start: clock_time(env, &h.start)?,
                end: clock_time(env, &h.end)?,
            })
        })
        .collect::<napi::Result<_>>()?;
    let closures = spec
        .closures
        .unwrap_or_default()
        .iter()
        .map(|c| {
            Ok(match c {
                Closure::Days { first, last } => core::Closure::Days {
                    first: date(env, first)?,
                    last: date(env, last)?,
                },
                Closure::Period { from, to } => core::Closure::Period {
                    from: instant(env, "closures", from)?,
                    to: instant(env, "closures", to)?,
                },
            })
        })
        .collect::<napi::Result<_>>()?;
    Ok(core::CalendarSpec {
        time_zone: spec.time_zone,
        hours,
        closures,
    })
}

/// A validated, compiled working calendar (CAL-1 … CAL-5). Pure arithmetic,
/// exact to the second: durations are whole milliseconds that must be whole
/// seconds (a multiple of 1000), instants are floored to the second.
/// Synchronous.
#[napi]
pub struct WorkingCalendar {
    inner: core::WorkingCalendar,
}

#[napi]
impl WorkingCalendar {
    /// Validates and compiles `spec` (a known time zone, intervals that end
    /// after they start and do not overlap, some working time in the week,
    /// closures that end after they start); an `invalid_input` error
    /// otherwise.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, spec: CalendarSpec) -> napi::Result<Self> {
        let spec = to_core(&env, spec)?;
        core::WorkingCalendar::new(spec)
            .map(|inner| Self { inner })
            .map_err(|error| core_error(&env, &error))
    }

    /// The instant at which `milliseconds` of working time (a whole number
    /// of seconds, not negative) has elapsed after `start`. Zero from outside
    /// working time gives the start of the next working interval.
    #[napi(catch_unwind)]
    pub fn add_working_time(
        &self,
        env: Env,
        start: JsDate,
        milliseconds: f64,
    ) -> napi::Result<chrono::DateTime<chrono::Utc>> {
        let start = instant(&env, "start", &start)?;
        if !milliseconds.is_finite() || milliseconds % 1000.0 != 0.0 || milliseconds.abs() > 8.64e15
        {
            return Err(core_error(
                &env,
                &helpdesk::Error::invalid(
                    "milliseconds",
                    "a whole number of seconds, in milliseconds (a multiple of 1000)",
                ),
            ));
        }
        let duration = chrono::Duration::seconds((milliseconds / 1000.0) as i64);
        self.inner
            .add_working_time(start, duration)
            .map_err(|error| core_error(&env, &error))
    }

    /// The working time inside `[a, b)`, in milliseconds (whole seconds);
    /// negative when `b` is before `a`.
    #[napi(catch_unwind)]
    pub fn working_time_between(&self, env: Env, a: JsDate, b: JsDate) -> napi::Result<f64> {
        let (a, b) = (instant(&env, "a", &a)?, instant(&env, "b", &b)?);
        Ok(self.inner.working_time_between(a, b).num_milliseconds() as f64)
    }
}
