//! The `WorkingCalendar` class: the core's pure working-time arithmetic
//! (`helpdesk::calendar`), synchronous (no store, no I/O; each call costs the
//! same whatever the duration).
//!
//! Units (the core's scalar rules, see [`crate::scalars`]): durations are
//! milliseconds in JavaScript, but the calendar is exact to the second, so
//! a duration must be a whole number of seconds (a multiple of 1000 ms) or
//! it is an `invalid_input` error, never cut. Instants are `Date`s; the
//! working-time arithmetic counts whole seconds, so an instant's fraction
//! of a second is dropped there (floored), as the core does.

use crate::scalars;
use helpdesk::calendar as core;
use napi::bindgen_prelude::{Either, Null};
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
#[derive(Debug, Clone)]
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
    // May be null too, as in the generated `CalendarSpec` of the desk (an
    // input field that may be left out takes null), so a stored calendar's
    // spec is an argument of `new WorkingCalendar`; napi's `Option` alone
    // takes only `undefined`.
    pub closures: Option<Either<Vec<Closure>, Null>>,
    /// A second weekly pattern alternating with `hours` (CAL-6); none (or
    /// null) when all weeks are alike.
    pub second_week: Option<Either<SecondWeek, Null>>,
}

/// The second week of a two-week calendar (CAL-6): weeks alternate between
/// the spec's `hours` (week 1) and these (week 2), counting from `anchor`.
#[napi(object)]
pub struct SecondWeek {
    /// A Monday that starts a week 1, `'YYYY-MM-DD'`.
    pub anchor: String,
    /// The weekly pattern of week 2.
    pub hours: Vec<WorkingHours>,
}

/// A span of working time (CAL-10): `start` inclusive, `end` exclusive.
#[napi(object)]
pub struct WorkingInterval {
    /// First working instant.
    pub start: chrono::DateTime<chrono::Utc>,
    /// Where the work stops (not itself working time).
    pub end: chrono::DateTime<chrono::Utc>,
}

/// One local day of a breakdown (CAL-9); durations in milliseconds (whole
/// seconds).
#[napi(object)]
pub struct DayTime {
    /// The local date, `'YYYY-MM-DD'`, in the calendar's zone.
    pub date: String,
    /// The time counted that day inside the period (working, or closed).
    pub time: f64,
    /// The day's normal working time (its hours in the pattern, whole day).
    pub normal: f64,
    /// `time` as a fraction of `normal`, to the nearest sixteenth of a day
    /// (a decimal string).
    pub days: String,
}

/// A period broken down by local day (CAL-9): `days` (a decimal string)
/// and `time` (milliseconds) are the totals.
#[napi(object)]
pub struct TimeByDay {
    /// The sum of the days' `days`.
    pub days: String,
    /// The sum of the days' `time`, in milliseconds.
    pub time: f64,
    /// The days with some time counted, in order.
    pub per_day: Vec<DayTime>,
}

fn milliseconds(duration: chrono::Duration) -> f64 {
    duration.num_milliseconds() as f64
}

impl From<core::TimeByDay> for TimeByDay {
    fn from(breakdown: core::TimeByDay) -> Self {
        Self {
            days: helpdesk::scalars::format_decimal(breakdown.days),
            time: milliseconds(breakdown.time),
            per_day: breakdown
                .per_day
                .into_iter()
                .map(|day| DayTime {
                    date: helpdesk::scalars::format_date(day.date),
                    time: milliseconds(day.time),
                    normal: milliseconds(day.normal),
                    days: helpdesk::scalars::format_decimal(day.days),
                })
                .collect(),
        }
    }
}

fn to_core_hours(hours: &[WorkingHours]) -> helpdesk::Result<Vec<core::WorkingHours>> {
    hours
        .iter()
        .map(|h| {
            Ok(core::WorkingHours {
                weekday: h.weekday.into(),
                start: core::ClockTime::from_str(&h.start)?,
                end: core::ClockTime::from_str(&h.end)?,
            })
        })
        .collect()
}

/// A whole number of days (a JavaScript number without a fraction).
fn whole_days(days: f64) -> helpdesk::Result<i64> {
    if days.is_finite() && days.fract() == 0.0 && days.abs() < 1e15 {
        Ok(days as i64)
    } else {
        Err(helpdesk::Error::invalid(
            "days",
            format!("{days} is not a whole number of days"),
        ))
    }
}

fn core_error(env: &Env, error: &helpdesk::Error) -> napi::Error {
    crate::error::to_js(env, error)
}

/// The core's spec for `spec` (dates and clock times parsed; the rest is
/// validated by the core when the calendar is built). Runs on the
/// JavaScript thread (it reads `Date`s); the result is plain data.
pub(crate) fn to_core(spec: CalendarSpec) -> helpdesk::Result<core::CalendarSpec> {
    let hours = to_core_hours(&spec.hours)?;
    let second_week = match spec.second_week {
        Some(Either::A(second)) => Some(core::SecondWeek {
            anchor: scalars::date("second_week", &second.anchor)?,
            hours: to_core_hours(&second.hours)?,
        }),
        Some(Either::B(Null)) | None => None,
    };
    let closures = match spec.closures {
        Some(Either::A(closures)) => closures,
        Some(Either::B(Null)) | None => Vec::new(),
    }
    .iter()
    .map(|c| {
        Ok(match c {
            Closure::Days { first, last } => core::Closure::Days {
                first: scalars::date("closures", first)?,
                last: scalars::date("closures", last)?,
            },
            Closure::Period { from, to } => core::Closure::Period {
                from: scalars::instant("closures", from)?,
                to: scalars::instant("closures", to)?,
            },
        })
    })
    .collect::<helpdesk::Result<_>>()?;
    Ok(core::CalendarSpec {
        second_week,
        time_zone: spec.time_zone,
        hours,
        closures,
    })
}

/// A validated, compiled working calendar (CAL-1 … CAL-11). Pure arithmetic,
/// exact to the second: durations are milliseconds that must be whole
/// seconds (a multiple of 1000; a fraction is refused, never cut), instants
/// are floored to the second. Synchronous.
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
        to_core(spec)
            .and_then(core::WorkingCalendar::new)
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
        scalars::instant("start", &start)
            .and_then(|start| {
                let duration = scalars::duration("milliseconds", milliseconds)?;
                self.inner.add_working_time(start, duration)
            })
            .map_err(|error| core_error(&env, &error))
    }

    /// The working time inside `[a, b)`, in milliseconds (whole seconds);
    /// negative when `b` is before `a`.
    #[napi(catch_unwind)]
    pub fn working_time_between(&self, env: Env, a: JsDate, b: JsDate) -> napi::Result<f64> {
        let a = scalars::instant("a", &a).map_err(|error| core_error(&env, &error))?;
        let b = scalars::instant("b", &b).map_err(|error| core_error(&env, &error))?;
        Ok(self.inner.working_time_between(a, b).num_milliseconds() as f64)
    }

    /// The end of the `days`-th local day with working time after `start`
    /// (CAL-7): the start's own day counts while work remains in it;
    /// negative `days` plan backwards (the start of that day's work); zero
    /// returns `start`. `days` must be a whole number.
    #[napi(catch_unwind)]
    pub fn add_working_days(
        &self,
        env: Env,
        start: JsDate,
        days: f64,
    ) -> napi::Result<chrono::DateTime<chrono::Utc>> {
        scalars::instant("start", &start)
            .and_then(|start| self.inner.add_working_days(start, whole_days(days)?))
            .map_err(|error| core_error(&env, &error))
    }

    /// The latest start from which `milliseconds` (whole seconds) of working
    /// time end by `end` (CAL-8); zero returns `end`.
    #[napi(catch_unwind)]
    pub fn subtract_working_time(
        &self,
        env: Env,
        end: JsDate,
        milliseconds: f64,
    ) -> napi::Result<chrono::DateTime<chrono::Utc>> {
        scalars::instant("end", &end)
            .and_then(|end| {
                let duration = scalars::duration("milliseconds", milliseconds)?;
                self.inner.subtract_working_time(end, duration)
            })
            .map_err(|error| core_error(&env, &error))
    }

    /// `instant` inside working time, else the start of the next working
    /// interval (CAL-10).
    #[napi(catch_unwind)]
    pub fn next_working_instant(
        &self,
        env: Env,
        instant: JsDate,
    ) -> napi::Result<chrono::DateTime<chrono::Utc>> {
        scalars::instant("instant", &instant)
            .and_then(|t| self.inner.next_working_instant(t))
            .map_err(|error| core_error(&env, &error))
    }

    /// `instant` inside working time, else the end of the last working
    /// interval before it, where the work stopped (CAL-10).
    #[napi(catch_unwind)]
    pub fn previous_working_instant(
        &self,
        env: Env,
        instant: JsDate,
    ) -> napi::Result<chrono::DateTime<chrono::Utc>> {
        scalars::instant("instant", &instant)
            .and_then(|t| self.inner.previous_working_instant(t))
            .map_err(|error| core_error(&env, &error))
    }

    /// The working intervals inside `[a, b)`, in order, touching ones merged
    /// (CAL-10).
    #[napi(catch_unwind)]
    pub fn working_intervals(
        &self,
        env: Env,
        a: JsDate,
        b: JsDate,
    ) -> napi::Result<Vec<WorkingInterval>> {
        scalars::instant("a", &a)
            .and_then(|a| Ok((a, scalars::instant("b", &b)?)))
            .and_then(|(a, b)| self.inner.working_intervals(a, b))
            .map(|list| {
                list.into_iter()
                    .map(|i| WorkingInterval {
                        start: i.start,
                        end: i.end,
                    })
                    .collect()
            })
            .map_err(|error| core_error(&env, &error))
    }

    /// The working time inside `[a, b)` per local day (CAL-9).
    #[napi(catch_unwind)]
    pub fn working_time_by_day(&self, env: Env, a: JsDate, b: JsDate) -> napi::Result<TimeByDay> {
        scalars::instant("a", &a)
            .and_then(|a| Ok((a, scalars::instant("b", &b)?)))
            .map(|(a, b)| self.inner.working_time_by_day(a, b).into())
            .map_err(|error| core_error(&env, &error))
    }

    /// The time closures take out of the normal hours inside `[a, b)`, per
    /// local day (CAL-9).
    #[napi(catch_unwind)]
    pub fn closed_time_by_day(&self, env: Env, a: JsDate, b: JsDate) -> napi::Result<TimeByDay> {
        scalars::instant("a", &a)
            .and_then(|a| Ok((a, scalars::instant("b", &b)?)))
            .map(|(a, b)| self.inner.closed_time_by_day(a, b).into())
            .map_err(|error| core_error(&env, &error))
    }

    /// The same calendar read in another IANA zone: a resource's own
    /// (CAL-11).
    #[napi(catch_unwind)]
    pub fn in_time_zone(&self, env: Env, time_zone: String) -> napi::Result<WorkingCalendar> {
        self.inner
            .in_time_zone(&time_zone)
            .map(|inner| Self { inner })
            .map_err(|error| core_error(&env, &error))
    }

    /// A working day's length in milliseconds: the week's (or fortnight's)
    /// working time over its days with working time.
    #[napi(getter, catch_unwind)]
    pub fn working_day(&self) -> f64 {
        milliseconds(self.inner.working_day())
    }
}
