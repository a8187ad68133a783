//! Per-day breakdowns of a period (CAL-9): the working time of each local
//! day, and the time closures (holidays, leaves) take out of each day's
//! normal hours, each day also as a fraction of its normal hours: the
//! reference's `days` and `hours` pair, exact.

use super::{instant, seconds, WorkingCalendar};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One local day of a breakdown (CAL-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DayTime {
    /// The local date, in the calendar's zone.
    pub date: NaiveDate,
    /// The time counted on that day inside the period: working time, or
    /// time closed by closures (whole seconds).
    #[serde(with = "whole_seconds")]
    pub time: Duration,
    /// The day's normal working time: its hours in the weekly pattern, DST
    /// included, closures not removed, whole day (not only the period).
    #[serde(with = "whole_seconds")]
    pub normal: Duration,
    /// `time` as a fraction of `normal`, rounded to the nearest sixteenth
    /// of a day (halves up), as the reference rounds; 0 when the day has no
    /// normal hours.
    pub days: Decimal,
}

/// The breakdown of a period by local day (CAL-9), with the reference's
/// `days` / `hours` pair as totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimeByDay {
    /// The sum of the days' `days`.
    pub days: Decimal,
    /// The sum of the days' `time`.
    #[serde(with = "whole_seconds")]
    pub time: Duration,
    /// The days with some time counted, in order.
    pub per_day: Vec<DayTime>,
}

/// A duration as whole seconds in JSON.
mod whole_seconds {
    use chrono::Duration;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(d.num_seconds())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        i64::deserialize(d).and_then(|n| {
            Duration::try_seconds(n).ok_or_else(|| serde::de::Error::custom("out of range"))
        })
    }
}

/// `time / normal` rounded to the nearest sixteenth (halves up).
fn sixteenths(time: i64, normal: i64) -> Decimal {
    if normal <= 0 {
        return Decimal::ZERO;
    }
    // round(16 t / n) = floor((32 t + n) / 2n), in i128: no overflow.
    let q = (32 * i128::from(time) + i128::from(normal)).div_euclid(2 * i128::from(normal));
    // A sixteenth is 0.0625: exact in decimal.
    Decimal::from_i128_with_scale(q * 625, 4).normalize()
}

fn overlap(segments: &[(i64, i64)], a: i64, b: i64) -> i64 {
    segments
        .iter()
        .map(|&(s, e)| (e.min(b) - s.max(a)).max(0))
        .sum()
}

impl TimeByDay {
    fn from_days(per_day: Vec<DayTime>) -> Self {
        Self {
            days: per_day.iter().map(|d| d.days).sum::<Decimal>().normalize(),
            time: per_day.iter().map(|d| d.time).sum(),
            per_day,
        }
    }
}

impl WorkingCalendar {
    /// The working time inside `[a, b)` local day by local day (CAL-9):
    /// the days that have some, each with its normal hours and the
    /// fraction of them worked; totals give the reference's `days` and
    /// `hours`. Empty when `b <= a`. Costs a search per day returned, not
    /// per day of the period.
    pub fn working_time_by_day(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeByDay {
        let (mut t, b, a) = (seconds(a), seconds(b), seconds(a));
        let (mut segments, mut normal) = (Vec::new(), Vec::new());
        let mut per_day = Vec::new();
        while t < b {
            let Some(start) = instant(t)
                .and_then(|t| self.add_working_time(t, Duration::zero()))
                .ok()
                .map(seconds)
                .filter(|&start| start < b)
            else {
                break;
            };
            let date = self.local_date(start);
            self.day_segments(date, &mut segments);
            self.normal_segments(date, &mut normal);
            let time = overlap(&segments, a, b);
            if time > 0 {
                per_day.push(self.day_time(date, time, &normal));
            }
            t = match date.succ_opt() {
                Some(next) => self.local_midnight(next).max(start + 1),
                None => break,
            };
        }
        TimeByDay::from_days(per_day)
    }

    /// The time closures take out of the normal hours inside `[a, b)`, local
    /// day by local day (CAL-9): how much of a period is leave or holiday,
    /// each day also as a fraction of its normal hours. Days the pattern
    /// does not work are not closed time. Empty when `b <= a`. Costs a
    /// search per day of closure inside the period.
    pub fn closed_time_by_day(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeByDay {
        let (mut t, b, a) = (seconds(a), seconds(b), seconds(a));
        let (mut segments, mut normal) = (Vec::new(), Vec::new());
        let mut per_day = Vec::new();
        while t < b {
            // The first closure still open at `t`.
            let i = self.closed.partition_point(|&(_, to)| to <= t);
            let Some(&(from, _)) = self.closed.get(i).filter(|(from, _)| *from < b) else {
                break;
            };
            let start = t.max(from);
            let date = self.local_date(start);
            self.day_segments(date, &mut segments);
            self.normal_segments(date, &mut normal);
            let closed = overlap(&normal, a, b) - overlap(&segments, a, b);
            if closed > 0 {
                per_day.push(self.day_time(date, closed, &normal));
            }
            t = match date.succ_opt() {
                Some(next) => self.local_midnight(next).max(start + 1),
                None => break,
            };
        }
        TimeByDay::from_days(per_day)
    }

    fn day_time(&self, date: NaiveDate, time: i64, normal: &[(i64, i64)]) -> DayTime {
        let normal: i64 = normal.iter().map(|(s, e)| e - s).sum();
        DayTime {
            date,
            time: Duration::seconds(time),
            normal: Duration::seconds(normal),
            days: sixteenths(time, normal),
        }
    }
}
