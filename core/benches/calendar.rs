//! Working-calendar arithmetic (CAL-5): adding 4 h and 4,000 h should cost
//! about the same. The workload of issue 7: Europe/Brussels, Mon–Fri
//! 08:00–12:00 and 13:00–17:00, the Belgian public holidays of 2026–2028 as
//! whole days, 100,000 seeded random starts in 2026–2027, beside a plain
//! day-by-day walk and the `workclock` crate on the same starts. Also what
//! a calendar costs: compiling it, laying out its first year, and the heap
//! it holds once compiled and after the workload (printed).
//!
//! Beside them, the operations of issue 21 (working days, subtracting,
//! nearest instants, breakdowns, interval lists, a two-week calendar):
//! `cargo bench -p helpdesk --bench calendar -- planning`.
//!
//! `cargo bench -p helpdesk --bench calendar`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use helpdesk::calendar::{CalendarSpec, Closure, WorkingCalendar, WorkingHours};
use std::hint::black_box;

const STARTS: usize = 100_000;
const HOURS: [i64; 4] = [4, 40, 400, 4000];
const INTERVALS: [((u32, u32), (u32, u32)); 2] = [((8, 0), (12, 0)), ((13, 0), (17, 0))];

/// New Year, Easter Monday, Labour Day, Ascension, Whit Monday, National
/// Day, Assumption, All Saints, Armistice, Christmas.
fn belgian_holidays() -> Vec<NaiveDate> {
    let movable = [
        (2026, [(4, 6), (5, 14), (5, 25)]),
        (2027, [(3, 29), (5, 6), (5, 17)]),
        (2028, [(4, 17), (5, 25), (6, 5)]),
    ];
    let fixed = [
        (1, 1),
        (5, 1),
        (7, 21),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ];
    let mut days: Vec<NaiveDate> = movable
        .iter()
        .flat_map(|(year, dates)| {
            fixed
                .iter()
                .chain(dates)
                .map(move |&(m, d)| NaiveDate::from_ymd_opt(*year, m, d).unwrap())
        })
        .collect();
    days.sort();
    days
}

fn office() -> WorkingCalendar {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    let hours: Vec<WorkingHours> = days
        .iter()
        .flat_map(|day| {
            INTERVALS.map(|((sh, sm), (eh, em))| {
                serde_json::from_value(serde_json::json!({
                    "weekday": day,
                    "start": format!("{sh:02}:{sm:02}"),
                    "end": format!("{eh:02}:{em:02}"),
                }))
                .unwrap()
            })
        })
        .collect();
    let closures = belgian_holidays()
        .into_iter()
        .map(|day| Closure::Days {
            first: day,
            last: day,
        })
        .collect();
    WorkingCalendar::new(CalendarSpec {
        second_week: None,
        time_zone: "Europe/Brussels".into(),
        hours,
        closures,
    })
    .unwrap()
}

/// 100,000 starts, uniformly spread over 2026–2027 (xorshift, fixed seed).
fn starts() -> Vec<DateTime<Utc>> {
    let from = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let span = Utc
        .with_ymd_and_hms(2028, 1, 1, 0, 0, 0)
        .unwrap()
        .timestamp()
        - from;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..STARTS)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let offset = i64::try_from(state % span as u64).unwrap();
            DateTime::from_timestamp(from + offset, 0).unwrap()
        })
        .collect()
}

/// The straightforward algorithm: walk day by day, building each day's
/// intervals in local time.
struct DayWalk {
    zone: Tz,
    holidays: Vec<NaiveDate>,
}

impl DayWalk {
    fn utc(&self, day: NaiveDate, (h, m): (u32, u32)) -> i64 {
        match self
            .zone
            .from_local_datetime(&day.and_hms_opt(h, m, 0).unwrap())
        {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp(),
            LocalResult::None => panic!("no gap at the office's hours"),
        }
    }

    fn add(&self, start: DateTime<Utc>, duration: Duration) -> DateTime<Utc> {
        let t = start.timestamp();
        let mut remaining = duration.num_seconds();
        let mut day = start.with_timezone(&self.zone).date_naive();
        loop {
            let weekday = day.weekday().num_days_from_monday();
            if weekday < 5 && self.holidays.binary_search(&day).is_err() {
                for (from, to) in INTERVALS {
                    let (a, b) = (self.utc(day, from).max(t), self.utc(day, to));
                    if b <= a {
                        continue;
                    }
                    if remaining <= b - a {
                        return DateTime::from_timestamp(a + remaining, 0).unwrap();
                    }
                    remaining -= b - a;
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}

fn workclock_schedule() -> workclock::Schedule {
    use jiff::civil::{date, time};
    let days = workclock::Weekdays::MON_TO_FRI;
    let holidays = belgian_holidays()
        .into_iter()
        .map(|d| date(d.year() as i16, d.month() as i8, d.day() as i8));
    workclock::Schedule::builder()
        .time_zone("Europe/Brussels")
        .rule(workclock::WorkDay::new(
            time(8, 0, 0, 0),
            time(17, 0, 0, 0),
            days,
        ))
        .rule(workclock::Break::new(
            time(12, 0, 0, 0),
            time(13, 0, 0, 0),
            days,
        ))
        .rule(workclock::Holidays::new(holidays))
        .build()
        .unwrap()
}

fn to_jiff(t: DateTime<Utc>) -> jiff::Timestamp {
    jiff::Timestamp::from_second(t.timestamp()).unwrap()
}

fn add_working_time(c: &mut Criterion) {
    let calendar = office();
    let walk = DayWalk {
        zone: chrono_tz::Europe::Brussels,
        holidays: belgian_holidays(),
    };
    let schedule = workclock_schedule();
    let starts = starts();
    // The three agree on every start of the sample before anything is timed.
    for &start in starts.iter().step_by(97) {
        for hours in HOURS {
            let ours = calendar
                .add_working_time(start, Duration::hours(hours))
                .unwrap();
            assert_eq!(
                ours,
                walk.add(start, Duration::hours(hours)),
                "{start} + {hours} h"
            );
            let theirs = schedule
                .add(to_jiff(start), jiff::SignedDuration::from_hours(hours))
                .unwrap();
            assert_eq!(
                ours.timestamp(),
                theirs.as_second(),
                "workclock {start} + {hours} h"
            );
        }
    }
    let mut group = c.benchmark_group("add_working_time (Brussels, lunch, Belgian holidays)");
    for hours in HOURS {
        let duration = Duration::hours(hours);
        let mut i = 0;
        let mut next = move || {
            i = (i + 1) % STARTS;
            i
        };
        group.bench_function(BenchmarkId::new("helpdesk", format!("{hours} h")), |b| {
            b.iter(|| calendar.add_working_time(black_box(starts[next()]), duration))
        });
        group.bench_function(BenchmarkId::new("day walk", format!("{hours} h")), |b| {
            b.iter(|| walk.add(black_box(starts[next()]), duration))
        });
        let jiff_duration = jiff::SignedDuration::from_hours(hours);
        let jiff_starts: Vec<jiff::Timestamp> = starts.iter().map(|&t| to_jiff(t)).collect();
        group.bench_function(
            BenchmarkId::new("workclock 0.1.4", format!("{hours} h")),
            |b| b.iter(|| schedule.add(black_box(jiff_starts[next()]), jiff_duration)),
        );
    }
    group.finish();
    let mut i = 0;
    c.bench_function("working_time_between (same workload, 400 h apart)", |b| {
        b.iter(|| {
            i = (i + 1) % STARTS;
            let a = starts[i];
            calendar.working_time_between(black_box(a), a + Duration::hours(400))
        })
    });
    let compiled = office().heap_bytes();
    println!(
        "heap of the calendar: {:.1} KB compiled, {:.1} KB after the workload (2026-2029 laid out)",
        compiled as f64 / 1024.0,
        calendar.heap_bytes() as f64 / 1024.0
    );
    c.bench_function(
        "compile the calendar (validation, closures; years laid out on demand)",
        |b| b.iter(office),
    );
    let start = starts[0];
    c.bench_function(
        "compile, then a first add_working_time of 4 h (lays out one year)",
        |b| b.iter(|| office().add_working_time(black_box(start), Duration::hours(4))),
    );
}

/// The operations of issue 21 (CAL-6 … CAL-10) on the same calendar and
/// starts, each across sizes that differ 1,000-fold: the cost must not grow
/// with the size (breakdowns and lists: per day or interval returned).
fn planning(c: &mut Criterion) {
    let calendar = office();
    let starts = starts();
    let mut i = 0;
    let mut next = move || {
        i = (i + 1) % STARTS;
        starts[i]
    };
    let mut group = c.benchmark_group("planning (Brussels, lunch, Belgian holidays)");
    for hours in HOURS {
        let duration = Duration::hours(hours);
        group.bench_function(
            BenchmarkId::new("subtract_working_time", format!("{hours} h")),
            |b| b.iter(|| calendar.subtract_working_time(black_box(next()), duration)),
        );
    }
    for days in [1, 10, 100, 1000] {
        group.bench_function(
            BenchmarkId::new("add_working_days", format!("{days} days")),
            |b| b.iter(|| calendar.add_working_days(black_box(next()), days)),
        );
        group.bench_function(
            BenchmarkId::new("add_working_days", format!("-{days} days")),
            |b| b.iter(|| calendar.add_working_days(black_box(next()), -days)),
        );
    }
    group.bench_function("next_working_instant", |b| {
        b.iter(|| calendar.next_working_instant(black_box(next())))
    });
    group.bench_function("previous_working_instant", |b| {
        b.iter(|| calendar.previous_working_instant(black_box(next())))
    });
    for days in [7, 70] {
        group.bench_function(
            BenchmarkId::new("working_time_by_day", format!("{days} days")),
            |b| {
                b.iter(|| {
                    let a = next();
                    calendar.working_time_by_day(black_box(a), a + Duration::days(days))
                })
            },
        );
        group.bench_function(
            BenchmarkId::new("working_intervals", format!("{days} days")),
            |b| {
                b.iter(|| {
                    let a = next();
                    calendar.working_intervals(black_box(a), a + Duration::days(days))
                })
            },
        );
    }
    let (a, b) = (next(), next());
    group.bench_function("closed_time_by_day (two years)", |bench| {
        bench.iter(|| {
            calendar.closed_time_by_day(black_box(a.min(b)), a.max(b) + Duration::days(365))
        })
    });
    // CAL-6: the same office alternating with a Monday-to-Wednesday week.
    let mut spec = calendar.spec().clone();
    spec.second_week = Some(helpdesk::calendar::SecondWeek {
        anchor: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        hours: spec.hours[..6].to_vec(),
    });
    let two_weeks = WorkingCalendar::new(spec).unwrap();
    for hours in [4, 4000] {
        group.bench_function(
            BenchmarkId::new("two-week add_working_time", format!("{hours} h")),
            |b| b.iter(|| two_weeks.add_working_time(black_box(next()), Duration::hours(hours))),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = add_working_time, planning
}
criterion_main!(benches);
