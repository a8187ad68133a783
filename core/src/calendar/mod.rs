//! Working calendars (CAL-1 … CAL-11, stated in RULES.md): pure arithmetic of
//! working time, exact to the second, across time zones and DST.
//!
//! A calendar is a weekly pattern of working hours in local time (or two
//! alternating ones, CAL-6), an IANA time zone, and closures (public
//! holidays, company closures, an agent's leaves). [`WorkingCalendar::new`]
//! validates and compiles it (the zone, the weekly patterns, the closures
//! merged, where each local year starts); then every operation costs the
//! same whatever the duration or period:
//! [`WorkingCalendar::add_working_time`] and
//! [`WorkingCalendar::working_time_between`] (CAL-2),
//! [`WorkingCalendar::add_working_days`] (CAL-7),
//! [`WorkingCalendar::subtract_working_time`] (CAL-8),
//! [`WorkingCalendar::next_working_instant`] and
//! [`WorkingCalendar::previous_working_instant`] (CAL-10), and
//! [`WorkingCalendar::in_time_zone`] (CAL-11). The per-day breakdowns
//! ([`WorkingCalendar::working_time_by_day`],
//! [`WorkingCalendar::closed_time_by_day`], CAL-9) and
//! [`WorkingCalendar::working_intervals`] (CAL-10) cost a search per day or
//! interval they return. Planning lives in `planning.rs`, breakdowns in
//! `breakdown.rs`; this file holds the engine they share.
//!
//! A calendar costs what it is used for: the working intervals of a local
//! year of 2000–2099 are laid out (with prefix sums of working seconds) the
//! first time a call touches that year, a few KB each; a call is then a
//! binary search in the year of its start and one in the year where it ends,
//! stepping over the totals of the years between. Outside those years (or in
//! a year whose intervals a zone's rules put out of order) runs of ordinary
//! weeks (no closure, no DST change) are skipped arithmetically, counting
//! weeks 1 and weeks 2 of a two-week calendar by their parity, and the
//! unusual weeks, indexed on first use, are found by binary search. Both
//! paths give the same results; [`WorkingCalendar::heap_bytes`] tells what
//! has been laid out so far.
//!
//! Conventions (the reference planner's, where it has one):
//! - Work that ends exactly at the end of an interval ends *at* that end
//!   (17:00), not at the start of the next interval; work that starts
//!   exactly at an interval's start, planned backwards, starts there.
//! - Zero duration from outside working time gives the start of the next
//!   working interval; from inside, the instant itself. Zero *days* give the
//!   start unchanged, and subtracting zero gives the end unchanged.
//! - Intervals are half-open: touching intervals merge in a union (an
//!   overnight shift is one stretch of work) but never overlap.
//! - Local times that do not exist (spring forward) move forward to the first
//!   existing instant; ambiguous ones (fall back) take the earlier instant.
//! - Overnight shifts are written as two intervals (22:00–24:00 and
//!   00:00–06:00 of the next weekday).
//! - A computation that cannot be met within [`HORIZON_YEARS`] is an error.

mod breakdown;
mod planning;

pub use breakdown::{DayTime, TimeByDay};
pub use planning::WorkingInterval;

use crate::{Error, Result};
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

/// How far ahead a computation may look before it is an error.
pub const HORIZON_YEARS: i64 = 100;

const DAY: i64 = 86_400;

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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

impl Weekday {
    /// Monday to Sunday, in the order of [`Weekday::index`].
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// A local time of day, `00:00` to `24:00` inclusive, to the second;
/// written `"HH:MM"` or `"HH:MM:SS"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClockTime(u32);

impl ClockTime {
    /// The time `hours:minutes`, if valid.
    pub fn hm(hours: u32, minutes: u32) -> Option<Self> {
        Self::from_seconds(hours * 3600 + minutes * 60).filter(|_| minutes < 60)
    }

    /// The time `seconds` after midnight (at most 86,400).
    pub fn from_seconds(seconds: u32) -> Option<Self> {
        (seconds <= DAY as u32).then_some(Self(seconds))
    }

    /// Seconds after midnight.
    pub fn seconds(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl FromStr for ClockTime {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "time",
                format!("{text:?} is not a time of day (HH:MM or HH:MM:SS, 00:00 to 24:00)"),
            )
        };
        let parts: Vec<u32> = text
            .split(':')
            .map(|p| p.parse().map_err(|_| bad()))
            .collect::<Result<_>>()?;
        let (h, m, s) = match parts[..] {
            [h, m] => (h, m, 0),
            [h, m, s] => (h, m, s),
            _ => return Err(bad()),
        };
        if m >= 60 || s >= 60 {
            return Err(bad());
        }
        Self::from_seconds(h * 3600 + m * 60 + s).ok_or_else(bad)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One interval of working hours on a weekday, in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WorkingHours {
    /// The day.
    pub weekday: Weekday,
    /// Start (inclusive).
    pub start: ClockTime,
    /// End (exclusive), after the start.
    pub end: ClockTime,
}

/// Time taken out of the weekly pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Closure {
    /// Whole local days, `first` to `last` inclusive (a public holiday, a
    /// company closure, a day of leave).
    Days {
        /// First closed day.
        first: NaiveDate,
        /// Last closed day (inclusive).
        last: NaiveDate,
    },
    /// An exact period, `from` (inclusive) to `to` (exclusive): an afternoon
    /// off, a closure starting at noon.
    Period {
        /// Start.
        from: DateTime<Utc>,
        /// End.
        to: DateTime<Utc>,
    },
}

/// What a working calendar is made of (CAL-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CalendarSpec {
    /// IANA time zone, e.g. `Europe/Brussels`.
    pub time_zone: String,
    /// The weekly pattern (several intervals per day for lunch breaks).
    pub hours: Vec<WorkingHours>,
    /// Closures and leaves.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub closures: Vec<Closure>,
    /// A second weekly pattern alternating with `hours` (CAL-6); none for
    /// a calendar whose weeks are all alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub second_week: Option<SecondWeek>,
}

/// The second week of a two-week calendar (CAL-6): weeks alternate between
/// the spec's `hours` (week 1) and these (week 2), counting from `anchor`,
/// before it as after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SecondWeek {
    /// A Monday that starts a week 1 (local date).
    pub anchor: NaiveDate,
    /// The weekly pattern of week 2 (may leave days, or the whole week, off).
    pub hours: Vec<WorkingHours>,
}

/// A validated, compiled calendar.
///
/// Compiling validates the spec and merges the closures; the working
/// intervals of a year are laid out the first time a call touches that year,
/// and the per-week index used outside the laid-out years is built the first
/// time it is needed. Clones share what has been laid out.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    spec: CalendarSpec,
    zone: Tz,
    /// The weekly patterns (one, or two alternating: CAL-6): per weekday
    /// (Monday first), sorted disjoint `(start, end)` seconds of day.
    weeks: Vec<[Vec<(i64, i64)>; 7]>,
    /// The Monday-based week that is a week 1 of a two-week calendar.
    anchor_week: i64,
    /// Local working seconds in an ordinary week 1 and week 2.
    week_seconds: [i64; 2],
    /// Days with working time in an ordinary week 1 and week 2.
    week_days: [i64; 2],
    /// Closures as sorted, disjoint `[from, to)` UTC seconds.
    closed: Vec<(i64, i64)>,
    /// `bounds[k]`: the UTC second at which local year `FIRST_YEAR + k`
    /// starts, for the [`YEARS`] years and the end of the last; empty if the
    /// zone's rules ever made them go backwards.
    bounds: Vec<i64>,
    /// What is laid out on demand.
    lazy: Arc<Lazy>,
}

/// The first local year whose working intervals may be laid out: calls
/// inside `FIRST_YEAR .. FIRST_YEAR + YEARS` are two binary searches once
/// the years they touch are laid out; calls outside take the week-based
/// path (same results, a few microseconds).
const FIRST_YEAR: i32 = 2000;
/// How many years from [`FIRST_YEAR`] may be laid out.
const YEARS: usize = 100;
/// The mean Gregorian year, in seconds: the first guess of an instant's year.
const MEAN_YEAR: i64 = 31_556_952;

/// The parts of a calendar computed on first use.
struct Lazy {
    /// One slot per local year from [`FIRST_YEAR`]; `None` once laid out if
    /// the year cannot take the fast path (intervals out of order).
    years: Box<[OnceLock<Option<Box<Year>>>]>,
    /// The unusual weeks, for instants outside the laid-out years.
    weeks: OnceLock<WeekIndex>,
}

impl fmt::Debug for Lazy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let laid_out = self.years.iter().filter(|y| y.get().is_some()).count();
        f.debug_struct("Lazy")
            .field("years_laid_out", &laid_out)
            .field("weeks_indexed", &self.weeks.get().is_some())
            .finish()
    }
}

/// Weeks (Monday-based indices) where a plain week's arithmetic does not
/// hold (a closure or a DST change).
#[derive(Debug)]
struct WeekIndex {
    /// The unusual weeks, sorted.
    unusual: Vec<i64>,
    /// `prefix[i]`: the working seconds of `unusual[..i]`, so the working
    /// time of any run of weeks is two binary searches away.
    prefix: Vec<i64>,
    /// `days[i]`: the days with working time in `unusual[..i]` (CAL-7).
    days: Vec<i64>,
    /// `seconds_weeks[i]`: how many of `unusual[..i]` are weeks 2 (CAL-6).
    second_weeks: Vec<i64>,
}

/// The working intervals of one local year, as seconds from the year's
/// start, with the working seconds before each: working time between two
/// instants is a difference of two prefix sums, and the instant where a
/// duration ends is a binary search on them (CAL-5).
#[derive(Debug)]
struct Year {
    /// Start of each interval, sorted; the intervals are disjoint.
    starts: Box<[u32]>,
    /// `before[i]`: working seconds of the intervals before `i`; one more
    /// entry than intervals (the year's total). Interval `i` ends at
    /// `starts[i] + before[i + 1] - before[i]`.
    before: Box<[u32]>,
    /// `days[i]`: how many local days have intervals among `..=i` (the
    /// rank of interval `i`'s day, from 1), for working days (CAL-7).
    days: Box<[u16]>,
}

impl Year {
    /// The year's working seconds.
    fn total(&self) -> i64 {
        self.before.last().map_or(0, |&b| i64::from(b))
    }

    /// The index of the first interval ending after `t` (seconds from the
    /// year's start, at most its length), and the working seconds before
    /// `t`.
    fn worked_before(&self, t: i64) -> (usize, i64) {
        // Intervals before `k` start before `t`; all but the last of them
        // end before it too, as the intervals are disjoint and sorted.
        let k = self.starts.partition_point(|&start| i64::from(start) < t);
        if k > 0 {
            let start = i64::from(self.starts[k - 1]);
            let (before, after) = (i64::from(self.before[k - 1]), i64::from(self.before[k]));
            if start + (after - before) > t {
                return (k - 1, before + (t - start));
            }
        }
        (k, self.before.get(k).map_or(0, |&b| i64::from(b)))
    }

    /// Where the work reaching `target` working seconds of the year ends,
    /// looking from interval `i` on (seconds from the year's start); `None`
    /// when the year's working time falls short.
    fn reach(&self, i: usize, target: i64) -> Option<i64> {
        // The first interval from `i` on whose end reaches the target: work
        // ending exactly at an interval's end ends there (CAL-2).
        let after = self.before.get(i + 1..)?;
        let j = i + after.partition_point(|&end| i64::from(end) < target);
        let start = i64::from(*self.starts.get(j)?);
        Some(start + (target - i64::from(self.before[j])))
    }

    fn heap_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + std::mem::size_of_val(&*self.starts)
            + std::mem::size_of_val(&*self.before)
            + std::mem::size_of_val(&*self.days)
    }

    /// Interval `i` as `(start, end)`, seconds from the year's start.
    fn interval(&self, i: usize) -> Option<(i64, i64)> {
        let start = i64::from(*self.starts.get(i)?);
        let length = i64::from(*self.before.get(i + 1)?) - i64::from(self.before[i]);
        Some((start, start + length))
    }

    /// The local days of the year with working time.
    fn day_count(&self) -> usize {
        self.days.last().map_or(0, |&d| usize::from(d))
    }
}

fn seconds(instant: DateTime<Utc>) -> i64 {
    instant.timestamp()
}

/// The instant a computation ends at, within the years 1 to 9999 that every
/// instant of the library keeps to (a result past them is refused, never
/// handed back unreadable); `field` is the input that led there.
fn instant(seconds: i64) -> Result<DateTime<Utc>> {
    let field = "duration";
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| Error::invalid(field, "it ends outside the years 1 to 9999"))
        .and_then(|t| crate::scalars::check_instant(field, t))
}

/// The Monday-based week of a local date.
fn week_of(date: NaiveDate) -> i64 {
    // Day 1 of the common era (0001-01-01) is a Monday.
    (i64::from(date.num_days_from_ce()) - 1).div_euclid(7)
}

fn monday_of(week: i64) -> Option<NaiveDate> {
    i32::try_from(week * 7 + 1)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// One weekly pattern, validated (intervals that end after they start and do
/// not overlap): per weekday, sorted `(start, end)` seconds of day.
fn compile_week(hours: &[WorkingHours], field: &'static str) -> Result<[Vec<(i64, i64)>; 7]> {
    let mut week: [Vec<(i64, i64)>; 7] = Default::default();
    for hours in hours {
        if hours.end <= hours.start {
            return Err(Error::invalid(
                field,
                format!(
                    "{:?} {}–{} ends before it starts: split an overnight shift in two",
                    hours.weekday, hours.start, hours.end
                ),
            ));
        }
        week[hours.weekday.index()].push((i64::from(hours.start.0), i64::from(hours.end.0)));
    }
    for (day, intervals) in week.iter_mut().enumerate() {
        intervals.sort_unstable();
        if intervals.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(Error::invalid(
                field,
                format!("working hours overlap on {:?}", Weekday::ALL[day]),
            ));
        }
    }
    Ok(week)
}

/// Merges `[from, to)` ranges into sorted disjoint ones.
fn merge(mut ranges: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    ranges.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

impl WorkingCalendar {
    /// Validates and compiles `spec`: a known time zone, intervals that end
    /// after they start and do not overlap, some working time in the week
    /// (CAL-4), closures that end after they start.
    pub fn new(spec: CalendarSpec) -> Result<Self> {
        let zone: Tz = spec.time_zone.parse().map_err(|_| {
            Error::invalid(
                "time_zone",
                format!("{:?} is not an IANA time zone", spec.time_zone),
            )
        })?;
        let mut weeks = vec![compile_week(&spec.hours, "hours")?];
        let mut anchor_week = 0;
        if let Some(second) = &spec.second_week {
            if second.anchor.weekday() != chrono::Weekday::Mon {
                return Err(Error::invalid(
                    "second_week",
                    format!(
                        "the anchor {} is a {:?}: a two-week calendar is anchored on a Monday",
                        second.anchor,
                        second.anchor.weekday()
                    ),
                ));
            }
            anchor_week = week_of(second.anchor);
            weeks.push(compile_week(&second.hours, "second_week")?);
        }
        let seconds = |week: &[Vec<(i64, i64)>; 7]| -> i64 {
            week.iter().flatten().map(|(s, e)| e - s).sum()
        };
        let days = |week: &[Vec<(i64, i64)>; 7]| -> i64 {
            week.iter().filter(|day| !day.is_empty()).count() as i64
        };
        let last = weeks.len() - 1;
        let week_seconds = [seconds(&weeks[0]), seconds(&weeks[last])];
        let week_days = [days(&weeks[0]), days(&weeks[last])];
        if week_seconds[0] + week_seconds[1] == 0 {
            return Err(Error::invalid(
                "hours",
                "a calendar needs some working time in its week (CAL-4)",
            ));
        }
        let mut calendar = Self {
            spec,
            zone,
            weeks,
            anchor_week,
            week_seconds,
            week_days,
            closed: Vec::new(),
            bounds: Vec::new(),
            lazy: Arc::new(Lazy {
                years: (0..YEARS).map(|_| OnceLock::new()).collect(),
                weeks: OnceLock::new(),
            }),
        };
        calendar.compile_closures()?;
        calendar.bounds = calendar.year_bounds();
        Ok(calendar)
    }

    /// The same calendar with more closures (a resource's leaves).
    pub fn with_closures(&self, closures: impl IntoIterator<Item = Closure>) -> Result<Self> {
        let mut spec = self.spec.clone();
        spec.closures.extend(closures);
        Self::new(spec)
    }

    /// The same calendar read in another IANA time zone (CAL-11): a
    /// resource (an agent) working the company's hours in their own zone.
    /// The weekly pattern and whole-day closures are local times and dates
    /// of `time_zone`; period closures stay the instants they are.
    pub fn in_time_zone(&self, time_zone: &str) -> Result<Self> {
        let mut spec = self.spec.clone();
        spec.time_zone = time_zone.to_owned();
        Self::new(spec)
    }

    /// What the calendar was made from.
    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    /// The calendar's time zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// Working seconds in an ordinary week (no closure, no DST change); for
    /// a two-week calendar (CAL-6), the mean of its two weeks (rounded
    /// down to the second).
    pub fn week_seconds(&self) -> i64 {
        (self.week_seconds[0] + self.week_seconds[1]) / 2
    }

    /// Whether the calendar alternates two weekly patterns (CAL-6).
    pub fn is_two_weeks(&self) -> bool {
        self.weeks.len() == 2
    }

    /// The length of a working day: the working time of an ordinary week
    /// (or of both weeks of a two-week calendar) over its days with working
    /// time (40 h on 5 days: 8 h), rounded down to the second. This is what
    /// "a day" of working time means (SLA-1, CAL-11).
    pub fn working_day(&self) -> Duration {
        let seconds = self.week_seconds[0] + self.week_seconds[1];
        let days = (self.week_days[0] + self.week_days[1]).max(1);
        Duration::seconds(seconds / days)
    }

    /// An estimate of the heap the compiled calendar holds now, in bytes:
    /// it grows as the years that calls touch are laid out (a few KB per
    /// year of an office calendar).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let spec = self.spec.time_zone.capacity()
            + self.spec.hours.capacity() * size_of::<WorkingHours>()
            + self.spec.closures.capacity() * size_of::<Closure>();
        let week: usize = self
            .weeks
            .iter()
            .flatten()
            .map(|day| day.capacity() * size_of::<(i64, i64)>())
            .sum::<usize>()
            + self.weeks.capacity() * size_of::<[Vec<(i64, i64)>; 7]>();
        let lazy = size_of::<Lazy>()
            + 2 * size_of::<usize>() // the Arc's counts
            + std::mem::size_of_val(&*self.lazy.years)
            + self
                .lazy
                .years
                .iter()
                .filter_map(|slot| slot.get().and_then(Option::as_deref))
                .map(Year::heap_bytes)
                .sum::<usize>()
            + self.lazy.weeks.get().map_or(0, |index| {
                (index.unusual.capacity()
                    + index.prefix.capacity()
                    + index.days.capacity()
                    + index.second_weeks.capacity())
                    * size_of::<i64>()
            });
        spec + week
            + self.closed.capacity() * size_of::<(i64, i64)>()
            + self.bounds.capacity() * size_of::<i64>()
            + lazy
    }

    fn compile_closures(&mut self) -> Result<()> {
        let mut closed = Vec::new();
        for closure in &self.spec.closures {
            let (from, to) = match closure {
                Closure::Days { first, last } => {
                    if last < first {
                        return Err(Error::invalid(
                            "closures",
                            format!("the last day {last} is before the first day {first}"),
                        ));
                    }
                    let after = last
                        .succ_opt()
                        .ok_or_else(|| Error::invalid("closures", "date out of range"))?;
                    (self.local_midnight(*first), self.local_midnight(after))
                }
                Closure::Period { from, to } => {
                    // The instants are not repeated: they are held in UTC,
                    // not in the offset the caller wrote them in.
                    if to <= from {
                        return Err(Error::invalid(
                            "closures",
                            if to == from {
                                "a period is empty when `to` equals `from`"
                            } else {
                                "a period's `to` is before its `from`"
                            },
                        ));
                    }
                    (seconds(*from), seconds(*to))
                }
            };
            closed.push((from, to));
        }
        self.closed = merge(closed);
        Ok(())
    }

    /// The unusual weeks and their working time, built on first use.
    fn week_index(&self) -> &WeekIndex {
        self.lazy.weeks.get_or_init(|| {
            let mut unusual: Vec<i64> = Vec::new();
            for &(from, to) in &self.closed {
                unusual.extend(self.week_at(from)..=self.week_at(to - 1));
            }
            for (first, last) in self.dst_weeks() {
                unusual.extend(first..=last);
            }
            unusual.sort_unstable();
            unusual.dedup();
            let mut segments = Vec::new();
            let (mut prefix, mut days, mut second_weeks) = (vec![0], vec![0], vec![0]);
            let (mut total, mut total_days, mut seconds) = (0, 0, 0);
            for &week in &unusual {
                let (time, working_days) = self.week_by_days(week, &mut segments);
                total += time;
                total_days += working_days;
                seconds += self.pattern(week) as i64;
                prefix.push(total);
                days.push(total_days);
                second_weeks.push(seconds);
            }
            WeekIndex {
                unusual,
                prefix,
                days,
                second_weeks,
            }
        })
    }

    /// The weeks in which the zone's UTC offset changes, over the horizon
    /// around today's era (1970 to 2200).
    fn dst_weeks(&self) -> Vec<(i64, i64)> {
        let offset_at = |t: i64| match self.zone.timestamp_opt(t, 0) {
            LocalResult::Single(dt) => dt.offset().fix().local_minus_utc(),
            _ => 0,
        };
        let mut weeks = Vec::new();
        let (start, end) = (0i64, 7_258_118_400i64); // 1970-01-01 .. 2200-01-01
        let step = 7 * DAY;
        let mut t = start;
        let mut offset = offset_at(t);
        while t < end {
            let next = offset_at(t + step);
            // A change inside the step: find it by bisection. Two changes
            // within one week that cancel out are not seen (no zone has them).
            if next != offset {
                let (mut lo, mut hi) = (t, t + step);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset_at(mid) == offset {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let week = self.week_at(hi);
                // The instants around a change may belong to two local weeks.
                weeks.push((self.week_at(hi - 1).min(week), week));
                offset = next;
            }
            t += step;
        }
        weeks
    }

    /// The UTC second of local midnight starting `date` (the first existing
    /// instant of the day).
    fn local_midnight(&self, date: NaiveDate) -> i64 {
        self.utc_of(date, 0)
    }

    /// The UTC second of `date` at `second_of_day` local (up to 24:00).
    fn utc_of(&self, date: NaiveDate, second_of_day: i64) -> i64 {
        utc_of(self.zone, date, second_of_day)
    }

    fn local_date(&self, t: i64) -> NaiveDate {
        match self.zone.timestamp_opt(t, 0) {
            LocalResult::Single(dt) => dt.date_naive(),
            _ => NaiveDate::default(),
        }
    }

    fn week_at(&self, t: i64) -> i64 {
        week_of(self.local_date(t))
    }

    /// The working seconds of the weeks `from..to` (`from <= to`), in
    /// O(log n): ordinary weeks count a plain week each, unusual ones their
    /// precomputed time.
    fn weeks_total(&self, from: i64, to: i64) -> i64 {
        self.weeks_sum(from, to, self.week_seconds, |index| &index.prefix)
    }

    /// The days with working time in the weeks `from..to` (`from <= to`),
    /// in O(log n) as [`Self::weeks_total`] (CAL-7).
    fn weeks_days(&self, from: i64, to: i64) -> i64 {
        self.weeks_sum(from, to, self.week_days, |index| &index.days)
    }

    /// A quantity summed over the weeks `from..to`: `per_week` for each
    /// ordinary week 1 and week 2, the `unusual` prefix sums for the rest.
    fn weeks_sum(
        &self,
        from: i64,
        to: i64,
        per_week: [i64; 2],
        unusual: impl Fn(&WeekIndex) -> &[i64],
    ) -> i64 {
        let index = self.week_index();
        let i = index.unusual.partition_point(|&w| w < from);
        let j = index.unusual.partition_point(|&w| w < to);
        let ordinary = to - from - (j - i) as i64;
        // Weeks 2 below `week`, counted from the anchor (a difference of
        // two of these counts those in between).
        let seconds_below = |week: i64| (week - self.anchor_week).div_euclid(2);
        let ordinary_second = if self.is_two_weeks() {
            seconds_below(to)
                - seconds_below(from)
                - (index.second_weeks[j] - index.second_weeks[i])
        } else {
            0
        };
        let prefix = unusual(index);
        (ordinary - ordinary_second) * per_week[0] + ordinary_second * per_week[1] + prefix[j]
            - prefix[i]
    }

    /// Which weekly pattern the Monday-based `week` follows: 0 (week 1) or
    /// 1 (week 2 of a two-week calendar, CAL-6).
    fn pattern(&self, week: i64) -> usize {
        if self.is_two_weeks() {
            usize::from((week - self.anchor_week).rem_euclid(2) == 1)
        } else {
            0
        }
    }

    /// The working intervals of `date` in the weekly pattern, as local
    /// seconds of the day.
    fn pattern_of(&self, date: NaiveDate) -> &[(i64, i64)] {
        let weekday = date.weekday().num_days_from_monday() as usize;
        &self.weeks[self.pattern(week_of(date))][weekday]
    }

    /// The normal working segments of a local date, in UTC seconds: the
    /// pattern's hours converted with the real offset, closures ignored.
    fn normal_segments(&self, date: NaiveDate, out: &mut Vec<(i64, i64)>) {
        out.clear();
        for &(start, end) in self.pattern_of(date) {
            let (from, to) = (self.utc_of(date, start), self.utc_of(date, end));
            if from < to {
                out.push((from, to));
            }
        }
    }

    /// The working segments of a local date, in UTC seconds, closures removed.
    fn day_segments(&self, date: NaiveDate, out: &mut Vec<(i64, i64)>) {
        out.clear();
        for &(start, end) in self.pattern_of(date) {
            let (mut from, to) = (self.utc_of(date, start), self.utc_of(date, end));
            // Subtract the closures overlapping [from, to).
            let mut i = self.closed.partition_point(|&(_, c_to)| c_to <= from);
            while from < to {
                match self.closed.get(i) {
                    Some(&(c_from, c_to)) if c_from < to => {
                        if c_from > from {
                            out.push((from, c_from));
                        }
                        from = from.max(c_to);
                        i += 1;
                    }
                    _ => {
                        out.push((from, to));
                        break;
                    }
                }
            }
        }
    }

    /// The UTC seconds at which the local years `FIRST_YEAR ..= FIRST_YEAR +
    /// YEARS` start; empty if they do not increase (no fast path then).
    fn year_bounds(&self) -> Vec<i64> {
        let bounds: Vec<i64> = (FIRST_YEAR..)
            .take(YEARS + 1)
            .map_while(|year| NaiveDate::from_ymd_opt(year, 1, 1))
            .map(|first| self.local_midnight(first))
            .collect();
        if bounds.len() == YEARS + 1 && bounds.windows(2).all(|w| w[0] < w[1]) {
            bounds
        } else {
            Vec::new()
        }
    }

    /// The local year (from [`FIRST_YEAR`]) holding `t`, found in O(1):
    /// `bounds[k] <= t < bounds[k + 1]`, or the last year for its end.
    fn year_of(&self, t: i64) -> Option<usize> {
        let (&first, &end) = (self.bounds.first()?, self.bounds.last()?);
        if t < first || t > end {
            return None;
        }
        // The guess from the mean year is off by at most one year.
        let mut k = usize::try_from((t - first) / MEAN_YEAR)
            .unwrap_or(0)
            .min(YEARS - 1);
        while k > 0 && t < self.bounds[k] {
            k -= 1;
        }
        while k + 1 < YEARS && t >= self.bounds[k + 1] {
            k += 1;
        }
        Some(k)
    }

    /// Year `k`, laid out on first use; `None` if it cannot take the fast
    /// path.
    fn year(&self, k: usize) -> Option<&Year> {
        self.lazy
            .years
            .get(k)?
            .get_or_init(|| self.lay_out(k).map(Box::new))
            .as_deref()
    }

    /// The working intervals of local year `k` in order; `None` if the
    /// zone's rules ever made them go backwards or out of the year.
    fn lay_out(&self, k: usize) -> Option<Year> {
        let (from, to) = (*self.bounds.get(k)?, *self.bounds.get(k + 1)?);
        let year = FIRST_YEAR + i32::try_from(k).ok()?;
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
        let (mut starts, mut before, mut days) = (Vec::new(), vec![0], Vec::new());
        let (mut segments, mut total, mut previous_end) = (Vec::new(), 0, from);
        let mut day_count: u16 = 0;
        for day in first.iter_days().take_while(|d| *d < last) {
            self.day_segments(day, &mut segments);
            if segments.iter().any(|(a, b)| a < b) {
                day_count += 1;
            }
            for &(a, b) in segments.iter().filter(|(a, b)| a < b) {
                if a < previous_end || b > to {
                    return None;
                }
                total += b - a;
                starts.push(u32::try_from(a - from).ok()?);
                before.push(u32::try_from(total).ok()?);
                days.push(day_count);
                previous_end = b;
            }
        }
        Some(Year {
            starts: starts.into_boxed_slice(),
            before: before.into_boxed_slice(),
            days: days.into_boxed_slice(),
        })
    }

    /// The instant where `duration` seconds of work after `t` end, if `t`
    /// and that instant are inside the years that can be laid out: a binary
    /// search in the year of `t`, the totals of the years the work spans
    /// (each laid out as it is crossed), a binary search in the last.
    fn add_in_years(&self, t: i64, duration: i64) -> Option<i64> {
        let mut k = self.year_of(t)?;
        let (mut i, worked) = self.year(k)?.worked_before(t - self.bounds[k]);
        let mut target = worked.checked_add(duration)?;
        loop {
            let year = self.year(k)?;
            // A year whose total falls short is stepped over in O(1).
            if target <= year.total() {
                if let Some(end) = year.reach(i, target) {
                    return Some(self.bounds[k] + end);
                }
            }
            target -= year.total();
            (k, i) = (k + 1, 0);
            if k >= YEARS {
                return None;
            }
        }
    }

    /// Working seconds inside `[a, b)` (`a <= b`), if both are inside the
    /// laid-out years.
    fn between_in_years(&self, a: i64, b: i64) -> Option<i64> {
        let (first, last) = (self.year_of(a)?, self.year_of(b)?);
        let mut total = -self.year(first)?.worked_before(a - self.bounds[first]).1;
        for k in first..last {
            total += self.year(k)?.total();
        }
        Some(total + self.year(last)?.worked_before(b - self.bounds[last]).1)
    }

    /// Working seconds in the local week `week`, and its days with working
    /// time, day by day.
    fn week_by_days(&self, week: i64, segments: &mut Vec<(i64, i64)>) -> (i64, i64) {
        let Some(monday) = monday_of(week) else {
            return (0, 0);
        };
        monday
            .iter_days()
            .take(7)
            .map(|day| {
                self.day_segments(day, segments);
                let time = segments.iter().map(|(a, b)| b - a).sum::<i64>();
                (time, i64::from(time > 0))
            })
            .fold((0, 0), |(t, d), (time, day)| (t + time, d + day))
    }

    /// The instant at which `duration` of working time has elapsed after
    /// `start` (CAL-2), exact to the second: a duration with a fraction of a
    /// second is refused (`invalid_input`), and `start` counts from its
    /// whole second.
    pub fn add_working_time(
        &self,
        start: DateTime<Utc>,
        duration: Duration,
    ) -> Result<DateTime<Utc>> {
        if duration < Duration::zero() {
            return Err(Error::invalid(
                "duration",
                "a working duration cannot be negative",
            ));
        }
        crate::scalars::whole_seconds("duration", duration)?;
        let mut remaining = duration.num_seconds();
        let t = seconds(start);
        if let Some(done) = self.add_in_years(t, remaining) {
            return instant(done);
        }
        let limit = week_of(self.local_date(t)) + HORIZON_YEARS * 53;
        let mut segments = Vec::new();
        let mut week = self.week_at(t);
        // The rest of the start's week, day by day.
        if let Some(done) = self.consume_week(week, t, &mut remaining, &mut segments) {
            return instant(done);
        }
        week += 1;
        // The week where the work ends: the first `m` whose weeks
        // `week..=m` hold the remaining time (at least one second, so that
        // zero duration lands in a week that has working time).
        let needed = remaining.max(1);
        if self.weeks_total(week, limit + 1) < needed {
            return Err(Error::invalid(
                "duration",
                format!("{duration} of working time cannot be met within {HORIZON_YEARS} years on this calendar"),
            ));
        }
        let (mut lo, mut hi) = (week, limit);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.weeks_total(week, mid + 1) >= needed {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        remaining -= self.weeks_total(week, lo);
        match self.consume_week(lo, i64::MIN, &mut remaining, &mut segments) {
            Some(done) => instant(done),
            None => Err(Error::Internal {
                message: "working time ran out inside its own week".into(),
            }),
        }
    }

    /// Consumes the working time of `week` from `from` on; the end instant
    /// when `remaining` runs out inside it.
    fn consume_week(
        &self,
        week: i64,
        from: i64,
        remaining: &mut i64,
        segments: &mut Vec<(i64, i64)>,
    ) -> Option<i64> {
        let monday = monday_of(week)?;
        for day in monday.iter_days().take(7) {
            self.day_segments(day, segments);
            for &(a, b) in segments.iter() {
                if b <= from {
                    continue;
                }
                let a = a.max(from);
                if *remaining <= b - a {
                    return Some(a + *remaining);
                }
                *remaining -= b - a;
            }
        }
        None
    }

    /// The working time inside `[a, b)` (CAL-2); negative when `b < a`.
    pub fn working_time_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
        if b < a {
            return -self.working_time_between(b, a);
        }
        let (a, b) = (seconds(a), seconds(b));
        if let Some(total) = self.between_in_years(a, b) {
            return Duration::seconds(total);
        }
        let mut segments = Vec::new();
        let overlap = |segments: &[(i64, i64)]| -> i64 {
            segments
                .iter()
                .map(|&(s, e)| (e.min(b) - s.max(a)).max(0))
                .sum()
        };
        let (first, last) = (self.week_at(a), self.week_at(b));
        let mut total = 0;
        for week in [first, last] {
            if let Some(monday) = monday_of(week) {
                for day in monday.iter_days().take(7) {
                    self.day_segments(day, &mut segments);
                    total += overlap(&segments);
                }
            }
            if first == last {
                break;
            }
        }
        if last > first + 1 {
            total += self.weeks_total(first + 1, last);
        }
        Duration::seconds(total)
    }

    /// Whether `t` is inside working time.
    pub fn is_working(&self, t: DateTime<Utc>) -> bool {
        let t = seconds(t);
        let mut segments = Vec::new();
        let date = self.local_date(t);
        [date.pred_opt(), Some(date), date.succ_opt()]
            .into_iter()
            .flatten()
            .any(|day| {
                self.day_segments(day, &mut segments);
                segments.iter().any(|&(a, b)| a <= t && t < b)
            })
    }
}

/// The UTC second of `date` at `second_of_day` local time in `zone` (up to
/// 24:00). Non-existent local times move forward to the first instant that
/// exists; ambiguous ones take the earlier.
pub(crate) fn utc_of(zone: Tz, date: NaiveDate, second_of_day: i64) -> i64 {
    let naive: NaiveDateTime =
        date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(second_of_day);
    let mut probe = naive;
    // A gap is at most a few hours (in practice 30 min to 2 h): walk
    // forward by minutes to its end, which is the first existing instant.
    for _ in 0..=24 * 60 {
        match zone.from_local_datetime(&probe) {
            LocalResult::Single(dt) => {
                return dt.timestamp() - (probe - naive).num_seconds().min(0)
            }
            LocalResult::Ambiguous(earlier, _) => return earlier.timestamp(),
            LocalResult::None => probe += Duration::minutes(1),
        }
    }
    naive.and_utc().timestamp()
}
