//! Working-calendar arithmetic: adding 4 h and 4,000 h should cost about the
//! same (CAL-5).
//!
//! `cargo bench -p helpdesk --bench calendar`

#![allow(missing_docs, clippy::unwrap_used)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use helpdesk::calendar::{CalendarSpec, Closure, WorkingCalendar, WorkingHours};

fn office() -> WorkingCalendar {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    let hours: Vec<WorkingHours> = days
        .iter()
        .flat_map(|day| {
            [("08:00", "12:00"), ("13:00", "17:00")].map(|(start, end)| {
                serde_json::from_value(
                    serde_json::json!({"weekday": day, "start": start, "end": end}),
                )
                .unwrap()
            })
        })
        .collect();
    // Ten public holidays a year for three years.
    let closures = (2026..2029)
        .flat_map(|year| {
            [
                (1, 1),
                (4, 6),
                (5, 1),
                (5, 14),
                (5, 25),
                (7, 21),
                (8, 15),
                (11, 1),
                (11, 11),
                (12, 25),
            ]
            .map(|(m, d)| {
                let day = NaiveDate::from_ymd_opt(year, m, d).unwrap();
                Closure::Days {
                    first: day,
                    last: day,
                }
            })
        })
        .collect();
    WorkingCalendar::new(CalendarSpec {
        time_zone: "Europe/Brussels".into(),
        hours,
        closures,
    })
    .unwrap()
}

fn add_working_time(c: &mut Criterion) {
    let calendar = office();
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 10, 30, 0).unwrap();
    let mut group =
        c.benchmark_group("calendar add_working_time, Europe/Brussels, lunch breaks, holidays");
    for hours in [4, 40, 400, 4000] {
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{hours} h")),
            &hours,
            |b, &hours| {
                b.iter(|| {
                    calendar
                        .add_working_time(start, Duration::hours(hours))
                        .unwrap()
                })
            },
        );
    }
    group.finish();
    c.bench_function(
        "calendar compile (validate, closures, DST weeks 1970-2200)",
        |b| b.iter(office),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = add_working_time
}
criterion_main!(benches);
