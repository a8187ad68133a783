//! The pure calendar engine of the core (`helpdesk::calendar`): working
//! calendars and their working-time arithmetic, no desk needed.
//!
//! `WorkingCalendar(time_zone=..., hours=[WorkingHours(...)], closures=[...])`
//! is one `WorkingCalendar::new` call; its methods are one core call each.
//! A bad spec (unknown zone, an interval ending before it starts, no working
//! time: CAL-4) raises `helpdesk.InvalidInput` through the usual mapping.

use crate::convert::{Arg, EnumArg, EnumOut, ReadArg};
use crate::errors::{run, to_py_err};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use helpdesk::calendar as cal;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A time of day argument: `"HH:MM"`, `"HH:MM:SS"` (up to `"24:00"`) or a
/// `datetime.time` (whole seconds).
pub struct ClockArg(pub cal::ClockTime);

impl<'py> FromPyObject<'_, 'py> for ClockArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let py = ob.py();
        let parsed = if ob.is_instance_of::<PyString>() {
            let text: String = ob.extract()?;
            text.parse::<cal::ClockTime>()
        } else if let Ok(time) = ob.extract::<NaiveTime>() {
            match (
                time.nanosecond(),
                cal::ClockTime::from_seconds(time.num_seconds_from_midnight()),
            ) {
                (0, Some(clock)) => Ok(clock),
                _ => Err(helpdesk::Error::invalid(
                    "time",
                    format!("{time} is not a whole second of the day"),
                )),
            }
        } else {
            let got = ob.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "expected a time of day (\"HH:MM\" or datetime.time), got {got}"
            )));
        };
        parsed.map(ClockArg).map_err(|err| to_py_err(py, &err))
    }
}

/// A calendar value as the core's JSON text (how `helpdesk._runtime` puts
/// it into an operation's arguments and records' `to_dict`).
fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// A calendar value from the core's JSON text (an operation's result).
fn from_json<T: DeserializeOwned>(py: Python<'_>, text: &str, what: &'static str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| {
        to_py_err(
            py,
            &helpdesk::Error::invalid(what, format!("not the JSON of a {what}: {e}")),
        )
    })
}

/// One interval of working hours on a weekday, in local time: start
/// (inclusive) to end (exclusive), `"HH:MM"` strings or `datetime.time`.
#[pyclass(frozen, eq, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingHours(pub cal::WorkingHours);

#[pymethods]
impl WorkingHours {
    /// `weekday` from `start` to `end` (checked when the calendar is built).
    #[new]
    fn new(weekday: EnumArg<cal::Weekday>, start: ClockArg, end: ClockArg) -> Self {
        WorkingHours(cal::WorkingHours {
            weekday: weekday.0,
            start: start.0,
            end: end.0,
        })
    }

    /// The day.
    #[getter]
    fn weekday(&self) -> EnumOut<cal::Weekday> {
        EnumOut(self.0.weekday)
    }

    /// Start, `"HH:MM"` (or `"HH:MM:SS"`).
    #[getter]
    fn start(&self) -> String {
        self.0.start.to_string()
    }

    /// End, `"HH:MM"` (or `"HH:MM:SS"`).
    #[getter]
    fn end(&self) -> String {
        self.0.end.to_string()
    }

    /// The core's JSON text of this interval.
    fn _to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    /// The interval whose core JSON text is `text`.
    #[staticmethod]
    fn _from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        from_json(py, text, "WorkingHours").map(WorkingHours)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "WorkingHours(weekday='{}', start='{}', end='{}')",
            crate::convert::enum_name(&self.0.weekday)?,
            self.0.start,
            self.0.end
        ))
    }
}

/// Time taken out of the weekly pattern: whole local days
/// (`Closure.days`) or an exact period (`Closure.period`).
#[pyclass(frozen, eq, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct Closure(pub cal::Closure);

#[pymethods]
impl Closure {
    /// Whole local days, `first` to `last` inclusive (`datetime.date`).
    #[staticmethod]
    fn days(py: Python<'_>, first: Arg<NaiveDate>, last: Arg<NaiveDate>) -> PyResult<Self> {
        let first = first.read(py, "first")?;
        let last = last.read(py, "last")?;
        Ok(Closure(cal::Closure::Days { first, last }))
    }

    /// An exact period, `from_` (inclusive) to `to` (exclusive): aware
    /// datetimes in any zone.
    #[staticmethod]
    fn period(py: Python<'_>, from_: Arg<DateTime<Utc>>, to: Arg<DateTime<Utc>>) -> PyResult<Self> {
        let from = from_.read(py, "from_")?;
        let to = to.read(py, "to")?;
        Ok(Closure(cal::Closure::Period { from, to }))
    }

    /// `"days"` or `"period"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0 {
            cal::Closure::Days { .. } => "days",
            cal::Closure::Period { .. } => "period",
        }
    }

    /// The core's JSON text of this closure (`{"kind": "days", ...}`).
    fn _to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    /// The closure whose core JSON text is `text`.
    #[staticmethod]
    fn _from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        from_json(py, text, "Closure").map(Closure)
    }

    fn __repr__(&self) -> String {
        match &self.0 {
            cal::Closure::Days { first, last } => {
                format!("Closure.days(first={first}, last={last})")
            }
            cal::Closure::Period { from, to } => format!(
                "Closure.period(from_={}, to={})",
                from.to_rfc3339(),
                to.to_rfc3339()
            ),
        }
    }
}

/// A span of working time, `start` (inclusive) to `end` (exclusive), UTC
/// (CAL-10).
#[pyclass(frozen, eq, module = "helpdesk")]
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingInterval(cal::WorkingInterval);

#[pymethods]
impl WorkingInterval {
    /// First working instant (UTC).
    #[getter]
    fn start(&self) -> DateTime<Utc> {
        self.0.start
    }

    /// Where the work stops (UTC; not itself working time).
    #[getter]
    fn end(&self) -> DateTime<Utc> {
        self.0.end
    }

    fn __repr__(&self) -> String {
        format!(
            "WorkingInterval(start={}, end={})",
            self.0.start.to_rfc3339(),
            self.0.end.to_rfc3339()
        )
    }
}

/// One local day of a breakdown (CAL-9).
#[pyclass(frozen, eq, module = "helpdesk")]
#[derive(Debug, Clone, PartialEq)]
pub struct DayTime(cal::DayTime);

#[pymethods]
impl DayTime {
    /// The local date, in the calendar's zone.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.0.date
    }

    /// The time counted that day inside the period (working or closed).
    #[getter]
    fn time(&self) -> TimeDelta {
        self.0.time
    }

    /// The day's normal working time (its hours in the pattern, whole day).
    #[getter]
    fn normal(&self) -> TimeDelta {
        self.0.normal
    }

    /// `time` as a fraction of `normal`, to the nearest sixteenth of a day.
    #[getter]
    fn days<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.0.days)
    }

    fn __repr__(&self) -> String {
        format!(
            "DayTime(date={}, time={}s, normal={}s, days={})",
            self.0.date,
            self.0.time.num_seconds(),
            self.0.normal.num_seconds(),
            self.0.days
        )
    }
}

/// A period broken down by local day (CAL-9), with the totals `days` and
/// `time` (the reference's days / hours pair).
#[pyclass(frozen, eq, module = "helpdesk")]
#[derive(Debug, Clone, PartialEq)]
pub struct TimeByDay(cal::TimeByDay);

#[pymethods]
impl TimeByDay {
    /// The sum of the days' `days`.
    #[getter]
    fn days<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.0.days)
    }

    /// The sum of the days' `time`.
    #[getter]
    fn time(&self) -> TimeDelta {
        self.0.time
    }

    /// The days with some time counted, in order.
    #[getter]
    fn per_day(&self) -> Vec<DayTime> {
        self.0.per_day.iter().cloned().map(DayTime).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "TimeByDay(days={}, time={}s, {} days)",
            self.0.days,
            self.0.time.num_seconds(),
            self.0.per_day.len()
        )
    }
}

/// A `decimal.Decimal` of the core's exact decimal.
fn decimal(py: Python<'_>, value: helpdesk::Decimal) -> PyResult<Bound<'_, PyAny>> {
    crate::convert::decimal_class(py)?.call1((value.to_string(),))
}

/// The core's second week from a `helpdesk.SecondWeek` record (CAL-6).
fn second_week(py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<cal::SecondWeek> {
    let class = py.import("helpdesk._generated")?.getattr("SecondWeek")?;
    if !record.is_instance(&class)? {
        let got = record.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "second_week: expected a helpdesk.SecondWeek, got {got}"
        )));
    }
    let json: String = py
        .import("json")?
        .call_method1("dumps", (record.call_method0("to_dict")?,))?
        .extract()?;
    from_json(py, &json, "SecondWeek")
}

/// A validated, compiled working calendar: weekly hours (one week, or two
/// alternating) in an IANA time zone, minus closures (CAL-1 … CAL-11).
/// Immutable and thread-safe.
#[pyclass(frozen, module = "helpdesk")]
pub struct WorkingCalendar(cal::WorkingCalendar);

#[pymethods]
impl WorkingCalendar {
    /// Validates and compiles the calendar; `helpdesk.InvalidInput` if the
    /// spec is wrong.
    #[new]
    #[pyo3(signature = (*, time_zone, hours, closures = None, second_week = None))]
    fn new(
        py: Python<'_>,
        time_zone: String,
        hours: Vec<WorkingHours>,
        closures: Option<Vec<Closure>>,
        second_week: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let second_week = second_week
            .filter(|record| !record.is_none())
            .map(|record| self::second_week(py, &record))
            .transpose()?;
        let spec = cal::CalendarSpec {
            second_week,
            time_zone,
            hours: hours.into_iter().map(|h| h.0).collect(),
            closures: closures
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.0)
                .collect(),
        };
        run(py, || cal::WorkingCalendar::new(spec)).map(WorkingCalendar)
    }

    /// The instant at which `duration` (whole seconds) of working time has
    /// elapsed after `start`, in UTC.
    fn add_working_time(
        &self,
        py: Python<'_>,
        start: Arg<DateTime<Utc>>,
        duration: Arg<TimeDelta>,
    ) -> PyResult<DateTime<Utc>> {
        let start = start.read(py, "start")?;
        let duration = duration.read(py, "duration")?;
        run(py, || self.0.add_working_time(start, duration))
    }

    /// The working time inside `[a, b)`; negative when `b` is before `a`.
    fn working_time_between(
        &self,
        py: Python<'_>,
        a: Arg<DateTime<Utc>>,
        b: Arg<DateTime<Utc>>,
    ) -> PyResult<TimeDelta> {
        let a = a.read(py, "a")?;
        let b = b.read(py, "b")?;
        run(py, || Ok(self.0.working_time_between(a, b)))
    }

    /// Whether `instant` is inside working time.
    fn is_working(&self, py: Python<'_>, instant: Arg<DateTime<Utc>>) -> PyResult<bool> {
        let instant = instant.read(py, "instant")?;
        run(py, || Ok(self.0.is_working(instant)))
    }

    /// The end of the `days`-th local day with working time after `start`
    /// (CAL-7); negative `days` plan backwards (the start of that day's
    /// work), zero returns `start`.
    fn add_working_days(
        &self,
        py: Python<'_>,
        start: Arg<DateTime<Utc>>,
        days: i64,
    ) -> PyResult<DateTime<Utc>> {
        let start = start.read(py, "start")?;
        run(py, || self.0.add_working_days(start, days))
    }

    /// The latest start from which `duration` (whole seconds) of working
    /// time ends by `end` (CAL-8).
    fn subtract_working_time(
        &self,
        py: Python<'_>,
        end: Arg<DateTime<Utc>>,
        duration: Arg<TimeDelta>,
    ) -> PyResult<DateTime<Utc>> {
        let end = end.read(py, "end")?;
        let duration = duration.read(py, "duration")?;
        run(py, || self.0.subtract_working_time(end, duration))
    }

    /// The first working instant at or after `instant` (CAL-10).
    fn next_working_instant(
        &self,
        py: Python<'_>,
        instant: Arg<DateTime<Utc>>,
    ) -> PyResult<DateTime<Utc>> {
        let instant = instant.read(py, "instant")?;
        run(py, || self.0.next_working_instant(instant))
    }

    /// `instant` inside working time, else the end of the last working
    /// interval before it (CAL-10).
    fn previous_working_instant(
        &self,
        py: Python<'_>,
        instant: Arg<DateTime<Utc>>,
    ) -> PyResult<DateTime<Utc>> {
        let instant = instant.read(py, "instant")?;
        run(py, || self.0.previous_working_instant(instant))
    }

    /// The working intervals inside `[a, b)`, touching ones merged (CAL-10).
    fn working_intervals(
        &self,
        py: Python<'_>,
        a: Arg<DateTime<Utc>>,
        b: Arg<DateTime<Utc>>,
    ) -> PyResult<Vec<WorkingInterval>> {
        let a = a.read(py, "a")?;
        let b = b.read(py, "b")?;
        let list = run(py, || self.0.working_intervals(a, b))?;
        Ok(list.into_iter().map(WorkingInterval).collect())
    }

    /// The working time inside `[a, b)` per local day (CAL-9).
    fn working_time_by_day(
        &self,
        py: Python<'_>,
        a: Arg<DateTime<Utc>>,
        b: Arg<DateTime<Utc>>,
    ) -> PyResult<TimeByDay> {
        let a = a.read(py, "a")?;
        let b = b.read(py, "b")?;
        run(py, || Ok(self.0.working_time_by_day(a, b))).map(TimeByDay)
    }

    /// The time closures take out of the normal hours inside `[a, b)`, per
    /// local day (CAL-9).
    fn closed_time_by_day(
        &self,
        py: Python<'_>,
        a: Arg<DateTime<Utc>>,
        b: Arg<DateTime<Utc>>,
    ) -> PyResult<TimeByDay> {
        let a = a.read(py, "a")?;
        let b = b.read(py, "b")?;
        run(py, || Ok(self.0.closed_time_by_day(a, b))).map(TimeByDay)
    }

    /// The same calendar read in another IANA zone (CAL-11).
    fn in_time_zone(&self, py: Python<'_>, time_zone: String) -> PyResult<Self> {
        run(py, || self.0.in_time_zone(&time_zone)).map(WorkingCalendar)
    }

    /// A working day's length: the week's (or fortnight's) working time
    /// over its days with working time.
    #[getter]
    fn working_day(&self) -> TimeDelta {
        self.0.working_day()
    }

    /// The spec the calendar was built from (as `Calendar.spec` holds it):
    /// the generated record `helpdesk.CalendarSpec`, read from core's JSON.
    #[getter]
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = py
            .import("json")?
            .call_method1("loads", (to_json(self.0.spec())?,))?;
        py.import("helpdesk._generated")?
            .getattr("CalendarSpec")?
            .call_method1("from_dict", (json,))
    }

    /// The IANA time zone.
    #[getter]
    fn time_zone(&self) -> String {
        self.0.spec().time_zone.clone()
    }

    /// The weekly pattern.
    #[getter]
    fn hours(&self) -> Vec<WorkingHours> {
        self.0
            .spec()
            .hours
            .iter()
            .copied()
            .map(WorkingHours)
            .collect()
    }

    /// The closures.
    #[getter]
    fn closures(&self) -> Vec<Closure> {
        self.0
            .spec()
            .closures
            .iter()
            .cloned()
            .map(Closure)
            .collect()
    }

    /// Working time in an ordinary week (no closure, no DST change).
    #[getter]
    fn week_time(&self) -> TimeDelta {
        TimeDelta::seconds(self.0.week_seconds())
    }

    fn __repr__(&self) -> String {
        let spec = self.0.spec();
        format!(
            "WorkingCalendar(time_zone={:?}, {} intervals, {} closures)",
            spec.time_zone,
            spec.hours.len(),
            spec.closures.len()
        )
    }
}

/// Registers the calendar classes and `HORIZON_YEARS`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<WorkingHours>()?;
    m.add_class::<Closure>()?;
    m.add_class::<WorkingCalendar>()?;
    m.add_class::<WorkingInterval>()?;
    m.add_class::<DayTime>()?;
    m.add_class::<TimeByDay>()?;
    m.add("HORIZON_YEARS", cal::HORIZON_YEARS)?;
    Ok(())
}
