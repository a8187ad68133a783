//! Planning on a working calendar beyond adding working time (CAL-7,
//! CAL-8, CAL-10): in working days, backwards, to the nearest working
//! instant, and the working intervals of a period. Each call costs what
//! [`WorkingCalendar::add_working_time`] costs (binary searches, whole weeks
//! and years stepped over), whatever the length of the period; listing
//! intervals costs that per interval listed.

use super::{instant, monday_of, seconds, WorkingCalendar, Year, HORIZON_YEARS, YEARS};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A span of working time, `start` (inclusive) to `end` (exclusive), in UTC
/// (CAL-10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WorkingInterval {
    /// First working instant.
    pub start: DateTime<Utc>,
    /// Where the work stops (not itself working time).
    pub end: DateTime<Utc>,
}

/// How many weeks the horizon holds.
const HORIZON_WEEKS: i64 = HORIZON_YEARS * 53;

fn beyond_horizon(field: &'static str, what: impl std::fmt::Display) -> Error {
    Error::invalid(
        field,
        format!("{what} cannot be met within {HORIZON_YEARS} years on this calendar"),
    )
}

impl Year {
    /// The latest instant (seconds from the year's start) with at most
    /// `target` working seconds of the year before it; `None` when that is
    /// the year's end (`target` is its total): the next working start is
    /// then in a later year.
    fn latest_with(&self, target: i64) -> Option<i64> {
        // The first interval whose end is past the target: the instant is
        // inside it, or its start when the target is the previous one's end.
        let j = self.before[1..].partition_point(|&end| i64::from(end) <= target);
        let start = i64::from(*self.starts.get(j)?);
        Some(start + (target - i64::from(self.before[j])))
    }
}

impl WorkingCalendar {
    /// The instant `days` working days after `start` (CAL-7): counting the
    /// local days that have working time after `start` (the start's own day
    /// counts when work remains in it after `start`), the end of the last
    /// working interval of the `days`-th such day.
    ///
    /// Negative `days` plan backwards: counting the local days that have
    /// working time before `start` (its own day counts when work was done
    /// in it before `start`), the start of the first working interval of
    /// the `|days|`-th such day. Zero days return `start` unchanged, even
    /// outside working time (unlike zero hours, which move to the next
    /// working start: the reference does the same).
    ///
    /// Closures count: a closed day has no working time. Costs the same for
    /// 2 days as for 2,000. A count that cannot be met within
    /// [`HORIZON_YEARS`] is an error (`invalid_input`).
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use helpdesk::calendar::{CalendarSpec, WorkingCalendar};
    ///
    /// // Monday to Friday, 09:00–17:00 UTC.
    /// let hours: Vec<_> = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    ///     .map(|day| serde_json::json!({"weekday": day, "start": "09:00", "end": "17:00"}))
    ///     .to_vec();
    /// let spec: CalendarSpec =
    ///     serde_json::from_value(serde_json::json!({"time_zone": "UTC", "hours": hours}))?;
    /// let calendar = WorkingCalendar::new(spec)?;
    /// let friday_noon = Utc.with_ymd_and_hms(2026, 3, 6, 12, 0, 0).unwrap();
    /// // Friday counts (work remains after noon): the second day ends Monday 17:00.
    /// let monday_close = Utc.with_ymd_and_hms(2026, 3, 9, 17, 0, 0).unwrap();
    /// assert_eq!(calendar.add_working_days(friday_noon, 2)?, monday_close);
    /// // Backwards, 4 h before Monday 11:00 start on Friday at 15:00.
    /// let monday_11 = Utc.with_ymd_and_hms(2026, 3, 9, 11, 0, 0).unwrap();
    /// assert_eq!(
    ///     calendar.subtract_working_time(monday_11, Duration::hours(4))?,
    ///     Utc.with_ymd_and_hms(2026, 3, 6, 15, 0, 0).unwrap()
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_working_days(&self, start: DateTime<Utc>, days: i64) -> Result<DateTime<Utc>> {
        let t = seconds(start);
        let mut remaining = days.unsigned_abs().min(i64::MAX as u64) as i64;
        if days != 0 {
            if let Some(done) = self.days_in_years(t, days) {
                return instant(done);
            }
        }
        let week = self.week_at(t);
        let too_far = || beyond_horizon("days", format!("{days} working days"));
        let mut segments = Vec::new();
        match days.signum() {
            0 => Ok(start),
            1 => {
                if let Some(end) = self.days_forward(week, t, &mut remaining, &mut segments) {
                    return instant(end);
                }
                let first = week + 1;
                if self.weeks_days(first, first + HORIZON_WEEKS) < remaining {
                    return Err(too_far());
                }
                let (mut lo, mut hi) = (first, first + HORIZON_WEEKS - 1);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if self.weeks_days(first, mid + 1) >= remaining {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                remaining -= self.weeks_days(first, lo);
                self.days_forward(lo, i64::MIN, &mut remaining, &mut segments)
                    .map_or_else(|| Err(lost()), instant)
            }
            _ => {
                if let Some(begin) = self.days_backward(week, t, &mut remaining, &mut segments) {
                    return instant(begin);
                }
                let last = week - 1;
                if self.weeks_days(last - HORIZON_WEEKS + 1, last + 1) < remaining {
                    return Err(too_far());
                }
                // The latest week `lo` whose weeks `lo..=last` hold the days.
                let (mut lo, mut hi) = (last - HORIZON_WEEKS + 1, last);
                while lo < hi {
                    let mid = hi - (hi - lo) / 2;
                    if self.weeks_days(mid, last + 1) >= remaining {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                remaining -= self.weeks_days(lo + 1, last + 1);
                self.days_backward(lo, i64::MAX, &mut remaining, &mut segments)
                    .map_or_else(|| Err(lost()), instant)
            }
        }
    }

    /// [`Self::add_working_days`] inside the years that can be laid out: a
    /// binary search on the ranks of the days in the year of `t`, the day
    /// counts of the years between, a binary search in the last.
    fn days_in_years(&self, t: i64, days: i64) -> Option<i64> {
        let mut k = self.year_of(t)?;
        let year = self.year(k)?;
        let local = t - self.bounds[k];
        let mut n = usize::try_from(days.unsigned_abs()).ok()?;
        if days > 0 {
            // Days ranked from the day of the first interval ending after `t`.
            let (i, _) = year.worked_before(local);
            let mut from = year.days.get(i).map_or(usize::MAX, |&d| usize::from(d));
            loop {
                let year = self.year(k)?;
                let available =
                    (year.day_count() + 1).saturating_sub(from.min(year.day_count() + 1));
                if n <= available {
                    let rank = from + n - 1;
                    let j = year
                        .days
                        .partition_point(|&d| usize::from(d) <= rank)
                        .checked_sub(1)?;
                    return Some(self.bounds[k] + year.interval(j)?.1);
                }
                n -= available;
                (k, from) = (k + 1, 1);
                if k >= YEARS {
                    return None;
                }
            }
        } else {
            // Days ranked down from the day of the last interval starting
            // before `t`.
            let idx = year.starts.partition_point(|&s| i64::from(s) < local);
            let mut upto = idx.checked_sub(1).map_or(0, |i| usize::from(year.days[i]));
            loop {
                let year = self.year(k)?;
                if n <= upto {
                    let rank = upto + 1 - n;
                    let j = year.days.partition_point(|&d| usize::from(d) < rank);
                    return Some(self.bounds[k] + year.interval(j)?.0);
                }
                n -= upto;
                k = k.checked_sub(1)?;
                upto = self.year(k)?.day_count();
            }
        }
    }

    /// Counts down the days of `week` with working time after `from`; the
    /// end of the day's work where the count reaches zero.
    fn days_forward(
        &self,
        week: i64,
        from: i64,
        remaining: &mut i64,
        segments: &mut Vec<(i64, i64)>,
    ) -> Option<i64> {
        for day in monday_of(week)?.iter_days().take(7) {
            self.day_segments(day, segments);
            if let Some(&(_, end)) = segments.last().filter(|(_, end)| *end > from) {
                *remaining -= 1;
                if *remaining == 0 {
                    return Some(end);
                }
            }
        }
        None
    }

    /// Counts down the days of `week`, latest first, with working time
    /// before `until`; the start of the day's work where the count reaches
    /// zero.
    fn days_backward(
        &self,
        week: i64,
        until: i64,
        remaining: &mut i64,
        segments: &mut Vec<(i64, i64)>,
    ) -> Option<i64> {
        let days: Vec<_> = monday_of(week)?.iter_days().take(7).collect();
        for day in days.into_iter().rev() {
            self.day_segments(day, segments);
            if let Some(&(start, _)) = segments.first().filter(|(start, _)| *start < until) {
                *remaining -= 1;
                if *remaining == 0 {
                    return Some(start);
                }
            }
        }
        None
    }

    /// The latest start from which `duration` of working time ends by `end`
    /// (CAL-8): the mirror of [`Self::add_working_time`]. Work that would
    /// start exactly at an interval's start starts there (08:00), not at the
    /// end of the interval before; zero duration returns `end` itself (its
    /// whole second). Exact to the second (a duration with a fraction of a
    /// second, or a negative one, is `invalid_input`), the same cost for 4 h
    /// as for 4,000 h; a duration that cannot be met within
    /// [`HORIZON_YEARS`] before `end` is an error.
    pub fn subtract_working_time(
        &self,
        end: DateTime<Utc>,
        duration: Duration,
    ) -> Result<DateTime<Utc>> {
        if duration < Duration::zero() {
            return Err(Error::invalid(
                "duration",
                "a working duration cannot be negative",
            ));
        }
        crate::scalars::whole_seconds("duration", duration)?;
        let t = seconds(end);
        let mut remaining = duration.num_seconds();
        if remaining == 0 {
            return instant(t);
        }
        if let Some(start) = self.subtract_in_years(t, remaining) {
            return instant(start);
        }
        let mut segments = Vec::new();
        let week = self.week_at(t);
        if let Some(start) = self.consume_week_backward(week, t, &mut remaining, &mut segments) {
            return instant(start);
        }
        let last = week - 1;
        if self.weeks_total(last - HORIZON_WEEKS + 1, last + 1) < remaining {
            return Err(beyond_horizon(
                "duration",
                format!("{duration} of working time"),
            ));
        }
        let (mut lo, mut hi) = (last - HORIZON_WEEKS + 1, last);
        while lo < hi {
            let mid = hi - (hi - lo) / 2;
            if self.weeks_total(mid, last + 1) >= remaining {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        remaining -= self.weeks_total(lo + 1, last + 1);
        self.consume_week_backward(lo, i64::MAX, &mut remaining, &mut segments)
            .map_or_else(|| Err(lost()), instant)
    }

    /// The latest start of `duration` (> 0) seconds of work ending by `t`,
    /// if the work stays inside the years that can be laid out: a binary
    /// search in the year of `t`, the totals of the years before, a binary
    /// search in the year where the work starts.
    fn subtract_in_years(&self, t: i64, duration: i64) -> Option<i64> {
        let mut k = self.year_of(t)?;
        let mut target = self.year(k)?.worked_before(t - self.bounds[k]).1 - duration;
        while target < 0 {
            k = k.checked_sub(1)?;
            target += self.year(k)?.total();
        }
        loop {
            if let Some(start) = self.year(k)?.latest_with(target) {
                return Some(self.bounds[k] + start);
            }
            // The target is the year's end: the work starts at the next
            // year's first working instant.
            (k, target) = (k + 1, 0);
            if k >= YEARS {
                return None;
            }
        }
    }

    /// Consumes the working time of `week` before `until`, latest first;
    /// the start instant when `remaining` runs out inside it.
    fn consume_week_backward(
        &self,
        week: i64,
        until: i64,
        remaining: &mut i64,
        segments: &mut Vec<(i64, i64)>,
    ) -> Option<i64> {
        let days: Vec<_> = monday_of(week)?.iter_days().take(7).collect();
        for day in days.into_iter().rev() {
            self.day_segments(day, segments);
            for &(a, b) in segments.iter().rev() {
                if a >= until {
                    continue;
                }
                let b = b.min(until);
                if *remaining <= b - a {
                    return Some(b - *remaining);
                }
                *remaining -= b - a;
            }
        }
        None
    }

    /// The first working instant at or after `t` (CAL-10): `t` itself inside
    /// working time, else the start of the next working interval (as adding
    /// zero working time does). An error when there is none within
    /// [`HORIZON_YEARS`].
    pub fn next_working_instant(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        self.add_working_time(t, Duration::zero())
    }

    /// The last working instant at or before `t`, as an end (CAL-10): `t`
    /// itself inside working time, else the end of the last working
    /// interval before `t` (where the work stopped; the end itself is not
    /// working time, as intervals are half-open). An error when there is
    /// none within [`HORIZON_YEARS`].
    pub fn previous_working_instant(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        if let Some(done) = self.previous_in_years(seconds(t)) {
            return instant(done);
        }
        if self.is_working(t) {
            return instant(seconds(t));
        }
        // The latest start of one second of work before `t` is one second
        // before the end of the last interval.
        let start = self.subtract_working_time(t, Duration::seconds(1))?;
        instant(seconds(start) + 1)
    }

    /// [`Self::previous_working_instant`] inside the years that can be laid
    /// out: `t` inside an interval, else the end of the last one before it.
    fn previous_in_years(&self, t: i64) -> Option<i64> {
        let mut k = self.year_of(t)?;
        let year = self.year(k)?;
        let local = t - self.bounds[k];
        let idx = year.starts.partition_point(|&s| i64::from(s) <= local);
        if let Some((_, end)) = idx.checked_sub(1).and_then(|i| year.interval(i)) {
            return Some(if local < end { t } else { self.bounds[k] + end });
        }
        loop {
            k = k.checked_sub(1)?;
            let year = self.year(k)?;
            if let Some((_, end)) = year
                .starts
                .len()
                .checked_sub(1)
                .and_then(|i| year.interval(i))
            {
                return Some(self.bounds[k] + end);
            }
        }
    }

    /// Where the working time containing `t` stops, at most `limit`, inside
    /// the laid-out year of `t`: touching intervals followed; `None` when
    /// the stretch reaches the year's end (the days path goes on).
    fn stretch_in_years(&self, t: i64, limit: i64) -> Option<i64> {
        let k = self.year_of(t)?;
        let year = self.year(k)?;
        let from = self.bounds[k];
        let mut j = year
            .starts
            .partition_point(|&s| i64::from(s) <= t - from)
            .checked_sub(1)?;
        let (_, mut end) = year.interval(j)?;
        while from + end < limit {
            match year.interval(j + 1) {
                Some((start, next_end)) if start == end => (j, end) = (j + 1, next_end),
                Some(_) => break,
                None => return None,
            }
        }
        Some((from + end).min(limit))
    }

    /// The working intervals inside `[a, b)`, in order, clipped to it
    /// (CAL-10). Intervals that touch (an overnight shift written as
    /// 22:00–24:00 and 00:00–06:00) come out as one: the list is the union
    /// of the working time, as the reference's union merges touching
    /// intervals. Empty when `b <= a`. Each interval costs one search.
    pub fn working_intervals(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Result<Vec<WorkingInterval>> {
        let (mut t, b) = (seconds(a), seconds(b));
        let mut out = Vec::new();
        let mut segments = Vec::new();
        while t < b {
            let Ok(start) = self.add_working_time(instant(t)?, Duration::zero()) else {
                break; // no more working time within the horizon
            };
            let start = seconds(start);
            if start >= b {
                break;
            }
            // At least a second past the start: a working instant is inside
            // an interval, so this only guards the loop's progress.
            let end = match self.stretch_in_years(start, b) {
                Some(end) => end,
                None => self.stretch_end(start, b, &mut segments),
            }
            .max(start + 1);
            out.push(WorkingInterval {
                start: instant(start)?,
                end: instant(end)?,
            });
            t = end;
        }
        Ok(out)
    }

    /// Where the working time that contains `t` stops, following touching
    /// intervals across midnight, at most `limit`.
    fn stretch_end(&self, t: i64, limit: i64, segments: &mut Vec<(i64, i64)>) -> i64 {
        let mut end = t;
        let mut day = self.local_date(t).pred_opt().unwrap_or_default();
        // A stretch ends on the day where no interval continues it.
        loop {
            self.day_segments(day, segments);
            for &(a, b) in segments.iter() {
                if a <= end && end < b {
                    end = b;
                }
            }
            if end >= limit || self.local_date(end) < day {
                return end.min(limit);
            }
            match day.succ_opt() {
                Some(next) if next <= self.local_date(end) => day = next,
                _ => return end.min(limit),
            }
        }
    }
}

fn lost() -> Error {
    Error::Internal {
        message: "working time ran out inside its own week".into(),
    }
}
