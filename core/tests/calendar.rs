//! Working calendars: one test per CAL rule, and properties checked against
//! a brute-force reference over random calendars, zones with DST included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use helpdesk::calendar::*;
use proptest::prelude::*;

fn hours(weekday: Weekday, start: &str, end: &str) -> WorkingHours {
    WorkingHours {
        weekday,
        start: start.parse().unwrap(),
        end: end.parse().unwrap(),
    }
}

const WORKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];
const ALL_DAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// Monday to Friday, 08:00–12:00 and 13:00–17:00, in Brussels.
fn office(closures: Vec<Closure>) -> WorkingCalendar {
    let hours = WORKDAYS
        .iter()
        .flat_map(|d| [hours(*d, "08:00", "12:00"), hours(*d, "13:00", "17:00")])
        .collect();
    WorkingCalendar::new(CalendarSpec {
        time_zone: "Europe/Brussels".into(),
        hours,
        closures,
    })
    .unwrap()
}

fn brussels(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Brussels
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// 2026-03-02 is a Monday.

#[test]
fn cal_1_a_calendar_has_a_zone_a_weekly_pattern_with_breaks_and_closures() {
    let cal = office(vec![Closure::Days {
        first: date(2026, 3, 3),
        last: date(2026, 3, 3),
    }]);
    assert_eq!(cal.week_seconds(), 5 * 8 * 3600);
    // Monday 08:00 + 5 h: four hours to noon, the lunch break, one more hour.
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 2, 8, 0), Duration::hours(5))
            .unwrap(),
        brussels(2026, 3, 2, 14, 0)
    );
    // Monday 16:00 + 2 h: Tuesday is a public holiday, so Wednesday 09:00.
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 2, 16, 0), Duration::hours(2))
            .unwrap(),
        brussels(2026, 3, 4, 9, 0)
    );
    // An agent's afternoon off is a period closure.
    let leave = Closure::Period {
        from: brussels(2026, 3, 4, 13, 0),
        to: brussels(2026, 3, 4, 17, 0),
    };
    let agent = cal.with_closures([leave]).unwrap();
    assert_eq!(
        agent.working_time_between(brussels(2026, 3, 4, 0, 0), brussels(2026, 3, 5, 0, 0)),
        Duration::hours(4)
    );
    let json = serde_json::to_value(cal.spec()).unwrap();
    assert_eq!(
        json["hours"][0],
        serde_json::json!({"weekday": "monday", "start": "08:00", "end": "12:00"})
    );
    assert_eq!(
        json["closures"][0],
        serde_json::json!({"kind": "days", "first": "2026-03-03", "last": "2026-03-03"})
    );
}

#[test]
fn cal_2_work_ending_at_the_end_of_an_interval_ends_there() {
    let cal = office(vec![]);
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 2, 8, 0), Duration::hours(8))
            .unwrap(),
        brussels(2026, 3, 2, 17, 0)
    );
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 2, 8, 0), Duration::hours(4))
            .unwrap(),
        brussels(2026, 3, 2, 12, 0)
    );
    // A second more starts the next interval.
    assert_eq!(
        cal.add_working_time(
            brussels(2026, 3, 2, 8, 0),
            Duration::hours(8) + Duration::seconds(1)
        )
        .unwrap(),
        brussels(2026, 3, 3, 8, 0) + Duration::seconds(1)
    );
}

#[test]
fn cal_2_zero_duration_from_outside_working_time_is_the_next_interval_start() {
    let cal = office(vec![]);
    let saturday = brussels(2026, 3, 7, 10, 0);
    assert_eq!(
        cal.add_working_time(saturday, Duration::zero()).unwrap(),
        brussels(2026, 3, 9, 8, 0)
    );
    let lunch = brussels(2026, 3, 2, 12, 30);
    assert_eq!(
        cal.add_working_time(lunch, Duration::zero()).unwrap(),
        brussels(2026, 3, 2, 13, 0)
    );
    let inside = brussels(2026, 3, 2, 9, 17);
    assert_eq!(
        cal.add_working_time(inside, Duration::zero()).unwrap(),
        inside
    );
    assert_eq!(
        cal.add_working_time(inside, Duration::seconds(-1))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn cal_2_working_time_between_counts_only_working_seconds_and_is_signed() {
    let cal = office(vec![]);
    let (a, b) = (brussels(2026, 3, 2, 7, 0), brussels(2026, 3, 3, 10, 0));
    assert_eq!(cal.working_time_between(a, b), Duration::hours(10));
    assert_eq!(cal.working_time_between(b, a), -Duration::hours(10));
    assert_eq!(cal.working_time_between(a, a), Duration::zero());
    // Four whole weeks.
    assert_eq!(
        cal.working_time_between(brussels(2026, 3, 2, 0, 0), brussels(2026, 3, 30, 0, 0)),
        Duration::hours(160)
    );
}

fn every_day(zone: &str, start: &str, end: &str) -> WorkingCalendar {
    let hours = ALL_DAYS.iter().map(|d| hours(*d, start, end)).collect();
    WorkingCalendar::new(CalendarSpec {
        time_zone: zone.into(),
        hours,
        closures: vec![],
    })
    .unwrap()
}

#[test]
fn cal_3_a_nine_hour_day_is_nine_hours_on_dst_days() {
    let cal = every_day("Europe/Brussels", "08:00", "17:00");
    // 2026-03-29: clocks jump from 02:00 to 03:00; 2026-10-25: back from 03:00 to 02:00.
    for (day, next) in [
        ((2026, 3, 29), (2026, 3, 30)),
        ((2026, 10, 25), (2026, 10, 26)),
    ] {
        let from = brussels(day.0, day.1, day.2, 0, 0);
        let to = brussels(next.0, next.1, next.2, 0, 0);
        assert_eq!(
            cal.working_time_between(from, to),
            Duration::hours(9),
            "{day:?}"
        );
    }
    // The day itself is 23 or 25 hours long.
    assert_eq!(
        brussels(2026, 3, 30, 0, 0) - brussels(2026, 3, 29, 0, 0),
        Duration::hours(23)
    );
}

#[test]
fn cal_3_an_interval_crossing_the_jump_is_shortened_or_lengthened() {
    let cal = every_day("Europe/Brussels", "01:00", "04:00");
    let day = |m, d, nm, nd| {
        cal.working_time_between(brussels(2026, m, d, 0, 0), brussels(2026, nm, nd, 0, 0))
    };
    assert_eq!(
        day(3, 29, 3, 30),
        Duration::hours(2),
        "spring forward loses an hour"
    );
    assert_eq!(
        day(10, 25, 10, 26),
        Duration::hours(4),
        "fall back gains one"
    );
    assert_eq!(day(3, 30, 3, 31), Duration::hours(3), "an ordinary day");
}

#[test]
fn cal_3_non_existent_local_times_move_forward_and_ambiguous_ones_take_the_earlier() {
    let cal = every_day("Europe/Brussels", "02:30", "05:00");
    // 02:30 does not exist on 2026-03-29: the interval starts at 03:00 CEST = 01:00 UTC.
    let start = cal
        .add_working_time(
            Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap(),
            Duration::zero(),
        )
        .unwrap();
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
    // 02:30 happens twice on 2026-10-25: the earlier is 00:30 UTC.
    let start = cal
        .add_working_time(
            Utc.with_ymd_and_hms(2026, 10, 24, 23, 0, 0).unwrap(),
            Duration::zero(),
        )
        .unwrap();
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
}

#[test]
fn cal_4_a_calendar_without_working_time_is_rejected_at_creation() {
    let spec = |hours| CalendarSpec {
        time_zone: "UTC".into(),
        hours,
        closures: vec![],
    };
    let error = WorkingCalendar::new(spec(vec![])).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(error.to_string().contains("CAL-4"));
    assert!(WorkingCalendar::new(spec(vec![hours(Weekday::Monday, "10:00", "09:00")])).is_err());
    assert!(WorkingCalendar::new(spec(vec![
        hours(Weekday::Monday, "08:00", "12:00"),
        hours(Weekday::Monday, "11:00", "13:00")
    ]))
    .is_err());
    let bad_zone = CalendarSpec {
        time_zone: "Mars/Olympus".into(),
        hours: vec![hours(Weekday::Monday, "08:00", "12:00")],
        closures: vec![],
    };
    assert_eq!(
        WorkingCalendar::new(bad_zone).unwrap_err().code(),
        "invalid_input"
    );
    assert!(
        "25:00".parse::<ClockTime>().is_err()
            && "08:61".parse::<ClockTime>().is_err()
            && "24:00".parse::<ClockTime>().is_ok()
    );
}

#[test]
fn cal_4_a_duration_beyond_the_horizon_is_an_error_not_a_hang() {
    // Closed for 200 years: nothing can be done.
    let cal = office(vec![Closure::Days {
        first: date(2026, 1, 1),
        last: date(2226, 1, 1),
    }]);
    let error = cal
        .add_working_time(brussels(2026, 3, 2, 8, 0), Duration::hours(1))
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(error.to_string().contains("100 years"), "{error}");
}

#[test]
fn cal_5_long_durations_are_exact() {
    let cal = office(vec![Closure::Days {
        first: date(2026, 12, 24),
        last: date(2026, 12, 26),
    }]);
    let start = brussels(2026, 3, 2, 8, 0);
    let end = cal.add_working_time(start, Duration::hours(4000)).unwrap();
    assert_eq!(cal.working_time_between(start, end), Duration::hours(4000));
    // 100 weeks of 40 h end on Friday 2028-01-28; the two weekdays of the
    // Christmas closure push the end to Tuesday 2028-02-01, 17:00.
    assert_eq!(end, brussels(2028, 2, 1, 17, 0));
}

/// A calendar costs what it is used for: used over three years (the
/// Belgian-style office, with holidays in each), it holds the intervals of
/// those years only, not the century around them.
#[test]
fn cal_cost_calendar_used_over_three_years_holds_at_most_64_kb() {
    let closures = (2026..=2028)
        .flat_map(|y| {
            [
                (1, 1),
                (5, 1),
                (7, 21),
                (8, 15),
                (11, 1),
                (11, 11),
                (12, 25),
            ]
            .map(|(m, d)| (y, m, d))
        })
        .map(|(y, m, d)| Closure::Days {
            first: date(y, m, d),
            last: date(y, m, d),
        })
        .collect();
    let cal = office(closures);
    let compiled = cal.heap_bytes();
    assert!(compiled <= 16 * 1024, "{compiled} bytes once compiled");
    // Starts all over 2026, up to 4,000 h (into 2028), and the time between.
    for week in 0..52 {
        let start = brussels(2026, 1, 5, 9, 30) + Duration::days(7 * week);
        for hours in [4, 40, 400, 4000] {
            let end = cal.add_working_time(start, Duration::hours(hours)).unwrap();
            assert_eq!(cal.working_time_between(start, end), Duration::hours(hours));
        }
    }
    let used = cal.heap_bytes();
    eprintln!("heap: {compiled} bytes compiled, {used} after three years of use");
    assert!(
        used > compiled,
        "{used} bytes after use, {compiled} compiled"
    );
    assert!(used <= 64 * 1024, "{used} bytes after three years of use");
    // Clones share what is laid out (not only the spec).
    assert!(cal.clone().heap_bytes() >= used - compiled);
}

/// Years are laid out on first use from whichever thread gets there first:
/// a calendar shared behind an `Arc` gives every thread the same answers.
#[test]
fn cal_cost_a_shared_calendar_lays_out_its_years_once_for_all_threads() {
    fn shareable<T: Send + Sync + Clone>(_: &T) {}
    let cal = std::sync::Arc::new(office(Vec::new()));
    shareable(&*cal);
    let start = brussels(2026, 3, 2, 8, 0);
    let ends: Vec<DateTime<Utc>> = (0..4)
        .map(|_| {
            let cal = std::sync::Arc::clone(&cal);
            std::thread::spawn(move || cal.add_working_time(start, Duration::hours(4000)).unwrap())
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .collect();
    // 100 weeks of 40 h: Friday 2028-01-28, 17:00.
    assert!(
        ends.iter().all(|&end| end == brussels(2028, 1, 28, 17, 0)),
        "{ends:?}"
    );
}

/// Whether `t` is working time, by the calendar's own `is_working`.
fn brute_force_between(cal: &WorkingCalendar, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
    // Every boundary in these calendars is on a quarter hour (UTC).
    let step = Duration::minutes(15);
    let mut t = a;
    let mut total = Duration::zero();
    while t < b {
        if cal.is_working(t + Duration::minutes(7)) {
            total += step;
        }
        t += step;
    }
    total
}

const ZONES: [&str; 5] = [
    "UTC",
    "Europe/Brussels",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
];

fn calendar() -> impl Strategy<Value = WorkingCalendar> {
    let interval = (0usize..7, 0u32..90, 1u32..16);
    let closure = prop_oneof![
        (0i64..120, 0i64..4).prop_map(|(d, len)| {
            let first = date(2026, 1, 5) + Duration::days(d);
            Closure::Days {
                first,
                last: first + Duration::days(len),
            }
        }),
        (0i64..120 * 96, 1i64..300).prop_map(|(q, len)| {
            let from =
                Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap() + Duration::minutes(15 * q);
            Closure::Period {
                from,
                to: from + Duration::minutes(15 * len),
            }
        }),
    ];
    (
        0usize..ZONES.len(),
        prop::collection::vec(interval, 1..8),
        prop::collection::vec(closure, 0..6),
    )
        .prop_filter_map("overlapping hours", |(zone, intervals, closures)| {
            let hours = intervals
                .into_iter()
                .map(|(day, start_q, len_q)| {
                    let start = start_q * 900;
                    let end = (start + len_q * 900).min(86_400);
                    WorkingHours {
                        weekday: ALL_DAYS[day],
                        start: ClockTime::from_seconds(start).unwrap(),
                        end: ClockTime::from_seconds(end).unwrap(),
                    }
                })
                .collect();
            WorkingCalendar::new(CalendarSpec {
                time_zone: ZONES[zone].into(),
                hours,
                closures,
            })
            .ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cal_2_between_agrees_with_a_brute_force_count(cal in calendar(), start_q in 0i64..150 * 96, len_q in 0i64..40 * 96) {
        let a = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(15 * start_q);
        let b = a + Duration::minutes(15 * len_q);
        prop_assert_eq!(cal.working_time_between(a, b), brute_force_between(&cal, a, b));
    }

    #[test]
    fn cal_2_adding_then_measuring_gives_back_the_duration(cal in calendar(), start_s in 0i64..400 * 86_400, hours in 0i64..4_000, extra in 0i64..3600) {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(start_s);
        let duration = Duration::hours(hours) + Duration::seconds(extra);
        // Within the horizon: at most 50 years of this calendar's weeks.
        prop_assume!(duration.num_seconds() < cal.week_seconds() * 52 * 50);
        let end = cal.add_working_time(start, duration).unwrap();
        prop_assert!(end >= start);
        prop_assert_eq!(cal.working_time_between(start, end), duration);
        if duration > Duration::zero() {
            // The end is the earliest such instant: one second less is short.
            prop_assert_eq!(cal.working_time_between(start, end - Duration::seconds(1)), duration - Duration::seconds(1));
        } else {
            // Zero duration: the start itself, or the start of the next interval.
            prop_assert!(cal.is_working(end));
        }
    }
}

/// The reference walk: every working interval of the local days
/// `first..last`, built directly from the spec with chrono-tz (non-existent
/// local times move forward minute by minute, ambiguous ones take the
/// earlier), closures cut out one by one. Slow and obviously right.
fn reference_intervals(spec: &CalendarSpec, first: NaiveDate, last: NaiveDate) -> Vec<(i64, i64)> {
    use chrono::{Datelike, LocalResult};
    let zone: chrono_tz::Tz = spec.time_zone.parse().unwrap();
    let utc = |day: NaiveDate, second: u32| -> i64 {
        let mut local = day.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(i64::from(second));
        loop {
            match zone.from_local_datetime(&local) {
                LocalResult::Single(t) => return t.timestamp(),
                LocalResult::Ambiguous(earlier, _) => return earlier.timestamp(),
                LocalResult::None => local += Duration::minutes(1),
            }
        }
    };
    let closed: Vec<(i64, i64)> = spec
        .closures
        .iter()
        .map(|c| match c {
            Closure::Days { first, last } => (utc(*first, 0), utc(*last + Duration::days(1), 0)),
            Closure::Period { from, to } => (from.timestamp(), to.timestamp()),
        })
        .collect();
    let mut out = Vec::new();
    for day in first.iter_days().take_while(|d| *d < last) {
        let mut hours: Vec<_> = spec
            .hours
            .iter()
            .filter(|h| h.weekday == ALL_DAYS[day.weekday().num_days_from_monday() as usize])
            .collect();
        hours.sort_by_key(|h| h.start.seconds());
        for h in hours {
            let mut pieces = vec![(utc(day, h.start.seconds()), utc(day, h.end.seconds()))];
            for &(c_from, c_to) in &closed {
                pieces = pieces
                    .into_iter()
                    .flat_map(|(a, b)| [(a, b.min(c_from)), (a.max(c_to), b)])
                    .filter(|(a, b)| a < b)
                    .collect();
            }
            out.extend(pieces);
        }
    }
    out.sort_unstable();
    out
}

fn reference_add(intervals: &[(i64, i64)], start: i64, mut remaining: i64) -> Option<i64> {
    for &(a, b) in intervals.iter().filter(|(_, b)| *b > start) {
        let a = a.max(start);
        if remaining <= b - a {
            return Some(a + remaining);
        }
        remaining -= b - a;
    }
    None
}

fn reference_between(intervals: &[(i64, i64)], a: i64, b: i64) -> i64 {
    intervals
        .iter()
        .map(|&(s, e)| (e.min(b) - s.max(a)).max(0))
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

    /// Both the laid-out years (2026) and the week-based path beyond them
    /// (2099–2101, across the end of the laid-out window) agree with the
    /// reference walk, for durations up to 400 working hours.
    #[test]
    fn cal_2_add_and_between_agree_with_the_reference_walk(
        cal in calendar(),
        late in any::<bool>(),
        start_s in 0i64..500 * 86_400,
        seconds in 0i64..400 * 3600,
        span_s in 0i64..60 * 86_400,
    ) {
        let year = if late { 2099 } else { 2026 };
        let origin = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
        let start = origin + Duration::seconds(start_s);
        let intervals = reference_intervals(cal.spec(), date(year, 1, 1) - Duration::days(2), date(year + 8, 1, 1));
        let t = start.timestamp();
        let wanted = reference_add(&intervals, t, seconds);
        prop_assume!(wanted.is_some());
        let got = cal.add_working_time(start, Duration::seconds(seconds)).unwrap().timestamp();
        prop_assert_eq!(Some(got), wanted);
        let b = t + span_s;
        prop_assert_eq!(
            cal.working_time_between(start, start + Duration::seconds(span_s)).num_seconds(),
            reference_between(&intervals, t, b)
        );
    }
}

/// Replays `tests/golden/calendar/*.json`, the cases every binding replays.
#[test]
fn golden_calendar_cases() {
    use serde_json::Value;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/calendar");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let file: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let calendar = |name: &Value| {
            let spec: CalendarSpec =
                serde_json::from_value(file["calendars"][name.as_str().unwrap()].clone()).unwrap();
            WorkingCalendar::new(spec).unwrap()
        };
        let instant = |v: &Value| v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
        for case in file["cases"].as_array().unwrap() {
            let outcome: helpdesk::Result<Value> = match case["op"].as_str().unwrap() {
                "new" => serde_json::from_value::<CalendarSpec>(case["spec"].clone())
                    .map_err(|e| helpdesk::Error::invalid("spec", e.to_string()))
                    .and_then(WorkingCalendar::new)
                    .map(|_| Value::Null),
                "add_working_time" => calendar(&case["calendar"])
                    .add_working_time(
                        instant(&case["start"]),
                        Duration::seconds(case["seconds"].as_i64().unwrap()),
                    )
                    .map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))),
                "working_time_between" => Ok(Value::from(
                    calendar(&case["calendar"])
                        .working_time_between(instant(&case["a"]), instant(&case["b"]))
                        .num_seconds(),
                )),
                other => panic!("unknown calendar op {other}"),
            };
            match (&case["expect_error"], outcome) {
                (Value::String(code), Err(error)) => assert_eq!(error.code(), code, "{case}"),
                (Value::String(_), Ok(value)) => panic!("{case}: expected an error, got {value}"),
                (_, Err(error)) => panic!("{case}: {error}"),
                (_, Ok(value)) => {
                    let expected = if case["expect"].is_null() {
                        &case["expect_seconds"]
                    } else {
                        &case["expect"]
                    };
                    assert_eq!(&value, expected, "{case}");
                }
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 10);
}
