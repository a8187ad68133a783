//! The arithmetic of reports (RPT): periods of local days, the steps of
//! a time zone's offsets, and figures as exact decimals rounded once.

use crate::store::ZoneOffsets;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A length of period a report groups instants by (RPT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Period {
    /// A local day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    #[default]
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

/// A duration measure over the tickets that have it: how many, the total
/// and the average, in hours (RPT-1), exact decimals rounded once, to two
/// places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Hours {
    /// The tickets measured.
    pub tickets: u64,
    /// Their total, in hours.
    pub total: Decimal,
    /// Their average, in hours.
    pub average: Decimal,
}

/// `value` rounded once to two places, half away from zero, written with
/// two places.
fn two_places(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// `part` of `whole` as a percentage with two places; `None` when `whole`
/// is zero (an empty group has no rate).
pub fn percent(part: u64, whole: u64) -> Option<Decimal> {
    (whole > 0)
        .then(|| two_places(Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)))
}

/// The mean of `count` values summing to `sum`, two places; `None` when
/// there are none.
pub fn mean(sum: i64, count: u64) -> Option<Decimal> {
    (count > 0).then(|| two_places(Decimal::from(sum) / Decimal::from(count)))
}

/// The [`Hours`] of `tickets` tickets whose durations sum to `seconds`;
/// `None` without tickets.
pub fn hours(tickets: u64, seconds: i64) -> Option<Hours> {
    (tickets > 0).then(|| {
        let total = Decimal::from(seconds) / Decimal::from(3600);
        Hours {
            tickets,
            total: two_places(total),
            average: two_places(total / Decimal::from(tickets)),
        }
    })
}

/// The date of a day number (days since 1970-01-01).
fn date(day: i64) -> NaiveDate {
    NaiveDate::default() + Duration::days(day)
}

/// The day number of a date.
fn day_of(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// The day number of the first day of the `period` that holds `day`.
pub fn period_start(period: Period, day: i64) -> i64 {
    let d = date(day);
    let first = |month: u32| NaiveDate::from_ymd_opt(d.year(), month, 1).map_or(day, day_of);
    match period {
        Period::Day => day,
        // 1970-01-01 was a Thursday: Monday is 3 days before.
        Period::Week => day - (day + 3).rem_euclid(7),
        Period::Month => first(d.month()),
        Period::Quarter => first((d.month0() / 3) * 3 + 1),
        Period::Year => first(1),
    }
}

/// The first day of the `period` after the one starting on `start`.
pub fn next_period(period: Period, start: i64) -> i64 {
    let d = date(start);
    let months = |n: u32| {
        d.checked_add_months(chrono::Months::new(n))
            .map_or(start + 1, day_of)
    };
    match period {
        Period::Day => start + 1,
        Period::Week => start + 7,
        Period::Month => months(1),
        Period::Quarter => months(3),
        Period::Year => months(12),
    }
}

/// The label of the `period` starting on `start`: `2026-12-07`,
/// `2026-W49`, `2026-12`, `2026-Q4` or `2026`.
pub fn period_label(period: Period, start: i64) -> String {
    let d = date(start);
    match period {
        Period::Day => d.format("%Y-%m-%d").to_string(),
        Period::Week => format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week()),
        Period::Month => d.format("%Y-%m").to_string(),
        Period::Quarter => format!("{}-Q{}", d.year(), d.month0() / 3 + 1),
        Period::Year => d.year().to_string(),
    }
}

/// The first and last years whose offsets are stepped exactly; outside,
/// the nearest step holds.
const YEARS: (i32, i32) = (1970, 2100);

/// The offset of `zone` at the UTC second `at`, in seconds.
fn offset(zone: Tz, at: i64) -> i64 {
    DateTime::from_timestamp(at, 0).map_or(0, |utc| {
        i64::from(
            zone.offset_from_utc_datetime(&utc.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// The steps of `zone`'s offset from 1970 to 2100, found by sampling every
/// 12 hours and bisecting each change to the second; computed once per
/// zone and process.
pub fn zone_offsets(zone: Tz) -> Arc<ZoneOffsets> {
    static CACHE: OnceLock<Mutex<HashMap<Tz, Arc<ZoneOffsets>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(known) = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&zone)
    {
        return known.clone();
    }
    let year_start = |year: i32| {
        Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0)
            .single()
            .map_or(0, |at| at.timestamp())
    };
    let (first, last) = (year_start(YEARS.0), year_start(YEARS.1 + 1));
    let mut steps = vec![(i64::MIN, offset(zone, first))];
    let mut at = first;
    while at < last {
        let next = at + 12 * 3600;
        let before = offset(zone, at);
        if offset(zone, next) != before {
            // The first second whose offset is not `before`.
            let (mut low, mut high) = (at, next);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if offset(zone, middle) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            steps.push((high, offset(zone, high)));
        }
        at = next;
    }
    let offsets = Arc::new(ZoneOffsets(steps));
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(zone, offsets.clone());
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpt_1_periods_start_on_their_first_day_and_are_labelled_iso() {
        let day = day_of(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default());
        let label = |period| period_label(period, period_start(period, day));
        assert_eq!(label(Period::Day), "2026-12-07");
        assert_eq!(label(Period::Week), "2026-W50");
        assert_eq!(label(Period::Month), "2026-12");
        assert_eq!(label(Period::Quarter), "2026-Q4");
        assert_eq!(label(Period::Year), "2026");
        assert_eq!(
            date(period_start(Period::Week, day)).weekday(),
            chrono::Weekday::Mon
        );
        assert_eq!(
            period_label(
                Period::Month,
                next_period(Period::Month, period_start(Period::Month, day))
            ),
            "2027-01"
        );
    }

    #[test]
    fn rpt_1_zone_offsets_step_at_the_exact_second_of_a_dst_change() {
        let zone: Tz = "Europe/Paris".parse().unwrap_or(chrono_tz::UTC);
        let offsets = zone_offsets(zone);
        // 2026-03-29 01:00:00 UTC: 02:00 CET becomes 03:00 CEST.
        let change = Utc
            .with_ymd_and_hms(2026, 3, 29, 1, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(offsets.at(change - 1), 3600);
        assert_eq!(offsets.at(change), 7200);
        assert_eq!(zone_offsets(chrono_tz::UTC).0, vec![(i64::MIN, 0)]);
    }

    #[test]
    fn rpt_1_figures_round_once_to_two_places() {
        assert_eq!(percent(2, 3).map(|d| d.to_string()), Some("66.67".into()));
        assert_eq!(percent(0, 0), None);
        let h = hours(3, 3600 + 1).unwrap();
        assert_eq!(
            (h.total.to_string(), h.average.to_string()),
            ("1.00".into(), "0.33".into())
        );
        assert_eq!(hours(0, 0), None);
    }
}
