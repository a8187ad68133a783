//! Working calendars: one test per CAL rule, and properties checked against
//! a brute-force reference over random calendars, zones with DST included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
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
        second_week: None,
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
        second_week: None,
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
        second_week: None,
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
        second_week: None,
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

/// Week 1: the office; week 2: Monday to Wednesday only; week 1 starts on
/// Monday 2026-03-02.
fn two_weeks(closures: Vec<Closure>) -> WorkingCalendar {
    let mut spec = office(closures).spec().clone();
    spec.second_week = Some(SecondWeek {
        anchor: date(2026, 3, 2),
        hours: WORKDAYS[..3]
            .iter()
            .flat_map(|d| [hours(*d, "08:00", "12:00"), hours(*d, "13:00", "17:00")])
            .collect(),
    });
    WorkingCalendar::new(spec).unwrap()
}

#[test]
fn cal_6_two_week_calendars_alternate_their_weeks_from_the_anchor() {
    let cal = two_weeks(vec![]);
    assert!(cal.is_two_weeks());
    // Friday of week 1 + 2 h: Monday of week 2 works.
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 6, 16, 0), Duration::hours(2))
            .unwrap(),
        brussels(2026, 3, 9, 9, 0)
    );
    // Wednesday of week 2 + 2 h: Thursday and Friday are off, so Monday of week 1.
    assert_eq!(
        cal.add_working_time(brussels(2026, 3, 11, 16, 0), Duration::hours(2))
            .unwrap(),
        brussels(2026, 3, 16, 9, 0)
    );
    // Four weeks: 40 + 24 + 40 + 24 hours, and the mean week.
    assert_eq!(
        cal.working_time_between(brussels(2026, 3, 2, 0, 0), brussels(2026, 3, 30, 0, 0)),
        Duration::hours(128)
    );
    assert_eq!(cal.week_seconds(), 32 * 3600);
    // Eight working days in a fortnight of 64 h: a working day is 8 h.
    assert_eq!(cal.working_day(), Duration::hours(8));
    // The weeks alternate before the anchor too: 2026-02-23 is a week 2.
    assert!(!cal.is_working(brussels(2026, 2, 26, 10, 0)));
    assert!(cal.is_working(brussels(2026, 2, 19, 10, 0)));
    // Far from the anchor (the week-based path), still alternating:
    // 2126-03-04 is a Monday, 5,218 weeks after the anchor (a week 1).
    let far = brussels(2126, 3, 7, 10, 0);
    assert_eq!(date(2126, 3, 4).weekday(), chrono::Weekday::Mon);
    assert!(cal.is_working(far) && !cal.is_working(far + Duration::weeks(1)));
    assert_eq!(
        cal.add_working_time(far + Duration::weeks(1), Duration::zero())
            .unwrap(),
        brussels(2126, 3, 18, 8, 0)
    );
    // Ten weeks there (2126-06-10 is a Monday of a week 1; summer, no DST
    // change): the weeks between are skipped arithmetically, week 1 and
    // week 2 each by its own hours.
    assert_eq!(
        cal.working_time_between(brussels(2126, 6, 10, 0, 0), brussels(2126, 8, 19, 0, 0)),
        Duration::hours(5 * 40 + 5 * 24)
    );
    // Every operation honours the pattern: working days skip week 2's Thursday.
    assert_eq!(
        cal.add_working_days(brussels(2026, 3, 11, 18, 0), 1)
            .unwrap(),
        brussels(2026, 3, 16, 17, 0)
    );
    // The anchor must be a Monday.
    let mut spec = cal.spec().clone();
    spec.second_week.as_mut().unwrap().anchor = date(2026, 3, 3);
    let error = WorkingCalendar::new(spec).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(error.to_string().contains("Monday"), "{error}");
    // JSON: the second week is written only when there is one, and a spec
    // without it still reads.
    let json = serde_json::to_value(cal.spec()).unwrap();
    assert_eq!(json["second_week"]["anchor"], "2026-03-02");
    let plain = serde_json::to_value(office(vec![]).spec()).unwrap();
    assert!(plain.get("second_week").is_none());
    let old: CalendarSpec = serde_json::from_value(serde_json::json!({
        "time_zone": "UTC", "hours": [{"weekday": "monday", "start": "08:00", "end": "12:00"}]
    }))
    .unwrap();
    assert_eq!(old.second_week, None);
    // Week 2 may be empty (every other week off), not both.
    let mut spec = office(vec![]).spec().clone();
    spec.second_week = Some(SecondWeek {
        anchor: date(2026, 3, 2),
        hours: vec![],
    });
    let alternate = WorkingCalendar::new(spec.clone()).unwrap();
    assert_eq!(
        alternate
            .add_working_time(brussels(2026, 3, 6, 17, 0), Duration::hours(1))
            .unwrap(),
        brussels(2026, 3, 16, 9, 0)
    );
    spec.hours.clear();
    assert_eq!(
        WorkingCalendar::new(spec).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn cal_7_working_days_end_at_the_end_of_the_nth_day_with_working_time() {
    // Tuesday 2026-03-03 is a holiday.
    let cal = office(vec![Closure::Days {
        first: date(2026, 3, 3),
        last: date(2026, 3, 3),
    }]);
    let monday_10 = brussels(2026, 3, 2, 10, 0);
    // The start's day counts while work remains in it.
    assert_eq!(
        cal.add_working_days(monday_10, 1).unwrap(),
        brussels(2026, 3, 2, 17, 0)
    );
    // The holiday has no working time: the second day is Wednesday.
    assert_eq!(
        cal.add_working_days(monday_10, 2).unwrap(),
        brussels(2026, 3, 4, 17, 0)
    );
    // From the end of Monday's work, Monday no longer counts.
    assert_eq!(
        cal.add_working_days(brussels(2026, 3, 2, 17, 0), 1)
            .unwrap(),
        brussels(2026, 3, 4, 17, 0)
    );
    // From a Saturday: Monday.
    let saturday = brussels(2026, 3, 7, 10, 0);
    assert_eq!(
        cal.add_working_days(saturday, 1).unwrap(),
        brussels(2026, 3, 9, 17, 0)
    );
    // Zero days: the start unchanged, even outside working time (zero
    // hours would move to Monday 08:00).
    assert_eq!(cal.add_working_days(saturday, 0).unwrap(), saturday);
    // Backwards: the start of the n-th day with work before the start.
    let next_monday_10 = brussels(2026, 3, 9, 10, 0);
    assert_eq!(
        cal.add_working_days(next_monday_10, -1).unwrap(),
        brussels(2026, 3, 9, 8, 0)
    );
    assert_eq!(
        cal.add_working_days(next_monday_10, -2).unwrap(),
        brussels(2026, 3, 6, 8, 0)
    );
    assert_eq!(
        cal.add_working_days(brussels(2026, 3, 4, 8, 0), -1)
            .unwrap(),
        brussels(2026, 3, 2, 8, 0)
    );
    // 2,000 days is 2,000 steps of one (flat cost, same answer).
    let mut stepped = saturday;
    for _ in 0..2000 {
        stepped = cal.add_working_days(stepped, 1).unwrap();
    }
    assert_eq!(cal.add_working_days(saturday, 2000).unwrap(), stepped);
    let mut back = stepped;
    for _ in 0..1999 {
        back = cal.add_working_days(back, -1).unwrap();
    }
    assert_eq!(cal.add_working_days(stepped, -1999).unwrap(), back);
    // Back 1,999 days from the end of the 2,000th: its own day counts, so
    // the start of the second.
    assert_eq!(back, brussels(2026, 3, 10, 8, 0));
    // Beyond the horizon, either way: an error, not a hang.
    let closed = office(vec![Closure::Days {
        first: date(1900, 1, 1),
        last: date(2226, 1, 1),
    }]);
    assert_eq!(
        closed.add_working_days(monday_10, 1).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        closed.add_working_days(monday_10, -1).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn cal_8_subtracting_working_time_gives_the_latest_start_that_fits() {
    let cal = office(vec![]);
    // Tuesday 10:00 − 3 h: 2 h on Tuesday morning, 1 h on Monday afternoon.
    assert_eq!(
        cal.subtract_working_time(brussels(2026, 3, 3, 10, 0), Duration::hours(3))
            .unwrap(),
        brussels(2026, 3, 2, 16, 0)
    );
    // Ending at noon, 4 h start at 08:00 (not the evening before).
    assert_eq!(
        cal.subtract_working_time(brussels(2026, 3, 2, 12, 0), Duration::hours(4))
            .unwrap(),
        brussels(2026, 3, 2, 8, 0)
    );
    // Ending at 13:30, 30 min start at 13:00, the afternoon's start.
    assert_eq!(
        cal.subtract_working_time(brussels(2026, 3, 2, 13, 30), Duration::minutes(30))
            .unwrap(),
        brussels(2026, 3, 2, 13, 0)
    );
    // Ending Monday 08:00: Friday afternoon.
    assert_eq!(
        cal.subtract_working_time(brussels(2026, 3, 9, 8, 0), Duration::hours(1))
            .unwrap(),
        brussels(2026, 3, 6, 16, 0)
    );
    // Zero: the end itself; negative and fractional durations are refused.
    let saturday = brussels(2026, 3, 7, 10, 0);
    assert_eq!(
        cal.subtract_working_time(saturday, Duration::zero())
            .unwrap(),
        saturday
    );
    for bad in [Duration::seconds(-1), Duration::milliseconds(1500)] {
        assert_eq!(
            cal.subtract_working_time(saturday, bad).unwrap_err().code(),
            "invalid_input"
        );
    }
    // 4,000 h back, exact, and the mirror of adding.
    let end = brussels(2028, 2, 1, 17, 0);
    let start = cal
        .subtract_working_time(end, Duration::hours(4000))
        .unwrap();
    assert_eq!(cal.working_time_between(start, end), Duration::hours(4000));
    assert_eq!(
        cal.add_working_time(start, Duration::hours(4000)).unwrap(),
        end
    );
    // 100 weeks of 40 h.
    assert_eq!(start, brussels(2026, 3, 4, 8, 0));
}

#[test]
fn cal_9_per_day_breakdown_of_working_time_and_of_closed_time() {
    // Wednesday afternoon off (13:00–17:00 local).
    let cal = office(vec![Closure::Period {
        from: brussels(2026, 3, 4, 13, 0),
        to: brussels(2026, 3, 4, 17, 0),
    }]);
    let (a, b) = (brussels(2026, 3, 2, 10, 0), brussels(2026, 3, 5, 12, 0));
    let work = cal.working_time_by_day(a, b);
    let rows: Vec<(NaiveDate, i64, i64, String)> = work
        .per_day
        .iter()
        .map(|d| {
            (
                d.date,
                d.time.num_hours(),
                d.normal.num_hours(),
                d.days.to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (date(2026, 3, 2), 6, 8, "0.75".into()),
            (date(2026, 3, 3), 8, 8, "1".into()),
            (date(2026, 3, 4), 4, 8, "0.5".into()),
            (date(2026, 3, 5), 4, 8, "0.5".into()),
        ]
    );
    // The reference's pair: days and hours.
    assert_eq!(work.days.to_string(), "2.75");
    assert_eq!(work.time, Duration::hours(22));
    assert_eq!(work.time, cal.working_time_between(a, b));
    // How much of the week the leave closes.
    let closed = cal.closed_time_by_day(brussels(2026, 3, 2, 0, 0), brussels(2026, 3, 9, 0, 0));
    assert_eq!(closed.per_day.len(), 1);
    assert_eq!(closed.per_day[0].date, date(2026, 3, 4));
    assert_eq!(closed.time, Duration::hours(4));
    assert_eq!(closed.days.to_string(), "0.5");
    // A holiday week-end is not closed time: only the weekdays count.
    let holiday = office(vec![Closure::Days {
        first: date(2026, 3, 6),
        last: date(2026, 3, 9),
    }]);
    let closed =
        holiday.closed_time_by_day(brussels(2026, 3, 1, 0, 0), brussels(2026, 3, 31, 0, 0));
    assert_eq!(closed.days.to_string(), "2");
    assert_eq!(closed.time, Duration::hours(16));
    // Fractions round to sixteenths of a day, as the reference does: 1 h
    // of 8 is 0.125; 20 min of 8 h (1/24) is 0.0625.
    let a = brussels(2026, 3, 2, 8, 0);
    assert_eq!(
        cal.working_time_by_day(a, a + Duration::hours(1))
            .days
            .to_string(),
        "0.125"
    );
    assert_eq!(
        cal.working_time_by_day(a, a + Duration::minutes(20))
            .days
            .to_string(),
        "0.0625"
    );
    // DST: the spring-forward night of a 01:00–04:00 calendar is a 2 h day.
    let night = every_day("Europe/Brussels", "01:00", "04:00");
    let day = night.working_time_by_day(brussels(2026, 3, 29, 0, 0), brussels(2026, 3, 30, 0, 0));
    assert_eq!(day.per_day[0].normal, Duration::hours(2));
    assert_eq!(day.days.to_string(), "1");
    // Nothing in an empty or reversed period.
    assert!(cal.working_time_by_day(b, a).per_day.is_empty());
    // JSON: durations as whole seconds, days as decimal text.
    let json = serde_json::to_value(&closed).unwrap();
    assert_eq!(json["time"], 16 * 3600);
    assert_eq!(json["per_day"][0]["date"], "2026-03-06");
}

#[test]
fn cal_10_nearest_working_instants_and_the_intervals_between() {
    let cal = office(vec![]);
    let saturday = brussels(2026, 3, 7, 10, 0);
    assert_eq!(
        cal.next_working_instant(saturday).unwrap(),
        brussels(2026, 3, 9, 8, 0)
    );
    assert_eq!(
        cal.previous_working_instant(saturday).unwrap(),
        brussels(2026, 3, 6, 17, 0)
    );
    let lunch = brussels(2026, 3, 2, 12, 30);
    assert_eq!(
        cal.next_working_instant(lunch).unwrap(),
        brussels(2026, 3, 2, 13, 0)
    );
    assert_eq!(
        cal.previous_working_instant(lunch).unwrap(),
        brussels(2026, 3, 2, 12, 0)
    );
    // Inside working time, the instant itself, both ways.
    let inside = brussels(2026, 3, 2, 9, 17);
    assert_eq!(cal.next_working_instant(inside).unwrap(), inside);
    assert_eq!(cal.previous_working_instant(inside).unwrap(), inside);
    // The intervals of a period, clipped to it.
    let listed = cal
        .working_intervals(brussels(2026, 3, 2, 10, 0), brussels(2026, 3, 3, 9, 0))
        .unwrap();
    let pairs: Vec<_> = listed.iter().map(|i| (i.start, i.end)).collect();
    assert_eq!(
        pairs,
        vec![
            (brussels(2026, 3, 2, 10, 0), brussels(2026, 3, 2, 12, 0)),
            (brussels(2026, 3, 2, 13, 0), brussels(2026, 3, 2, 17, 0)),
            (brussels(2026, 3, 3, 8, 0), brussels(2026, 3, 3, 9, 0)),
        ]
    );
    // An overnight shift written as two intervals is one stretch of work:
    // touching intervals merge (the union), half-open ends never overlap.
    let night = WorkingCalendar::new(CalendarSpec {
        second_week: None,
        time_zone: "Europe/Brussels".into(),
        hours: vec![
            hours(Weekday::Monday, "22:00", "24:00"),
            hours(Weekday::Tuesday, "00:00", "06:00"),
        ],
        closures: vec![],
    })
    .unwrap();
    let listed = night
        .working_intervals(brussels(2026, 3, 2, 0, 0), brussels(2026, 3, 9, 0, 0))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].start, listed[0].end),
        (brussels(2026, 3, 2, 22, 0), brussels(2026, 3, 3, 6, 0))
    );
    assert!(cal
        .working_intervals(saturday, saturday + Duration::hours(20))
        .unwrap()
        .is_empty());
}

#[test]
fn cal_11_a_resource_reads_the_calendar_in_its_own_zone() {
    let cal = office(vec![Closure::Days {
        first: date(2026, 3, 3),
        last: date(2026, 3, 3),
    }]);
    let agent = cal.in_time_zone("America/New_York").unwrap();
    let new_york = |d, h| {
        chrono_tz::America::New_York
            .with_ymd_and_hms(2026, 3, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    // Monday 08:00 in New York, not in Brussels.
    assert_eq!(
        agent
            .next_working_instant(brussels(2026, 3, 2, 0, 0))
            .unwrap(),
        new_york(2, 8)
    );
    // The holiday is New York's Tuesday.
    assert!(!agent.is_working(new_york(3, 10)) && agent.is_working(new_york(4, 10)));
    // US DST starts 2026-03-08, Europe's on 03-29: the agent's day stays 8 h.
    assert_eq!(
        agent.working_time_between(new_york(9, 0), new_york(10, 0)),
        Duration::hours(8)
    );
    assert_eq!(
        cal.in_time_zone("Mars/Olympus").unwrap_err().code(),
        "invalid_input"
    );
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
    // Half the calendars alternate two weeks (CAL-6), anchored on a Monday
    // around 2026; the second week may be empty.
    let second = prop::option::of((prop::collection::vec(interval.clone(), 0..6), -3i64..3));
    (
        0usize..ZONES.len(),
        prop::collection::vec(interval, 1..8),
        prop::collection::vec(closure, 0..6),
        second,
    )
        .prop_filter_map(
            "overlapping hours",
            |(zone, intervals, closures, second)| {
                let to_hours = |intervals: Vec<(usize, u32, u32)>| -> Vec<WorkingHours> {
                    intervals
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
                        .collect()
                };
                WorkingCalendar::new(CalendarSpec {
                    second_week: second.map(|(intervals, weeks)| SecondWeek {
                        anchor: date(2026, 1, 5) + Duration::weeks(weeks),
                        hours: to_hours(intervals),
                    }),
                    time_zone: ZONES[zone].into(),
                    hours: to_hours(intervals),
                    closures,
                })
                .ok()
            },
        )
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
    let mut out: Vec<(i64, i64)> = reference_days(spec, first, last, true)
        .into_iter()
        .map(|(_, a, b)| (a, b))
        .collect();
    out.sort_unstable();
    out
}

/// The reference walk's intervals with the local day each belongs to, in
/// order of days; `closures: false` gives the normal hours (CAL-9). A
/// two-week calendar takes week 1's or week 2's hours by the parity of the
/// day's week counted from the anchor (CAL-6).
fn reference_days(
    spec: &CalendarSpec,
    first: NaiveDate,
    last: NaiveDate,
    closures: bool,
) -> Vec<(NaiveDate, i64, i64)> {
    use chrono::{Datelike, LocalResult};
    let week = |day: NaiveDate| (i64::from(day.num_days_from_ce()) - 1).div_euclid(7);
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
        .filter(|_| closures)
        .map(|c| match c {
            Closure::Days { first, last } => (utc(*first, 0), utc(*last + Duration::days(1), 0)),
            Closure::Period { from, to } => (from.timestamp(), to.timestamp()),
        })
        .collect();
    let mut out = Vec::new();
    for day in first.iter_days().take_while(|d| *d < last) {
        let pattern = match &spec.second_week {
            Some(second) if (week(day) - week(second.anchor)).rem_euclid(2) == 1 => &second.hours,
            _ => &spec.hours,
        };
        let mut hours: Vec<_> = pattern
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
            out.extend(
                pieces
                    .into_iter()
                    .filter(|(a, b)| a < b)
                    .map(|(a, b)| (day, a, b)),
            );
        }
    }
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

/// The reference's working days after `t` (CAL-7): the distinct local
/// days with work ending after `t`, in order; the `n`-th one's last end.
fn reference_days_forward(days: &[(NaiveDate, i64, i64)], t: i64, n: usize) -> Option<i64> {
    let mut counted: Vec<NaiveDate> = Vec::new();
    for &(day, _, b) in days {
        if b > t && counted.last() != Some(&day) {
            counted.push(day);
        }
    }
    let day = *counted.get(n - 1)?;
    days.iter().filter(|d| d.0 == day).map(|d| d.2).max()
}

/// Backwards: the distinct local days with work starting before `t`,
/// latest first; the `n`-th one's first start.
fn reference_days_backward(days: &[(NaiveDate, i64, i64)], t: i64, n: usize) -> Option<i64> {
    let mut counted: Vec<NaiveDate> = Vec::new();
    for &(day, a, _) in days.iter().rev() {
        if a < t && counted.last() != Some(&day) {
            counted.push(day);
        }
    }
    let day = *counted.get(n - 1)?;
    days.iter().filter(|d| d.0 == day).map(|d| d.1).min()
}

/// The latest start of `remaining` (> 0) seconds of work ending by `end`.
fn reference_subtract(intervals: &[(i64, i64)], end: i64, mut remaining: i64) -> Option<i64> {
    for &(a, b) in intervals.iter().rev().filter(|(a, _)| *a < end) {
        let b = b.min(end);
        if remaining <= b - a {
            return Some(b - remaining);
        }
        remaining -= b - a;
    }
    None
}

/// The union of the intervals (touching ones merged), clipped to `[a, b)`.
fn reference_union(intervals: &[(i64, i64)], a: i64, b: i64) -> Vec<(i64, i64)> {
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for &(s, e) in intervals {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
        .into_iter()
        .map(|(s, e)| (s.max(a), e.min(b)))
        .filter(|(s, e)| s < e)
        .collect()
}

/// Per local day: the time of `counted` inside `[a, b)` and the day's
/// normal hours, for the days with some time counted.
fn reference_by_day(
    counted: &[(NaiveDate, i64)],
    normal: &[(NaiveDate, i64, i64)],
) -> Vec<(NaiveDate, i64, i64)> {
    let mut out: Vec<(NaiveDate, i64, i64)> = Vec::new();
    for &(day, time) in counted {
        match out.last_mut() {
            Some(last) if last.0 == day => last.1 += time,
            _ => out.push((day, time, 0)),
        }
    }
    out.retain(|d| d.1 > 0);
    for d in &mut out {
        d.2 = normal
            .iter()
            .filter(|n| n.0 == d.0)
            .map(|n| n.2 - n.1)
            .sum();
    }
    out
}

fn random_leaves(year: i32) -> impl Strategy<Value = Vec<Closure>> {
    let leave = (0i64..400 * 96, 1i64..600).prop_map(move |(q, len)| {
        let from = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(15 * q);
        Closure::Period {
            from,
            to: from + Duration::minutes(15 * len),
        }
    });
    prop::collection::vec(leave, 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every operation of CAL-6 … CAL-10 agrees with the reference walk, on
    /// the five zones, random closures, two-week patterns (half the
    /// calendars) and random leaves, in the laid-out years (2026) and on
    /// the week-based path beyond them (2099–2101).
    #[test]
    fn cal_6_to_10_every_operation_agrees_with_the_reference_walk(
        (cal, late, leaves) in (calendar(), any::<bool>()).prop_flat_map(|(cal, late)| {
            let year = if late { 2099 } else { 2026 };
            (Just(cal), Just(late), random_leaves(year))
        }),
        start_s in 0i64..500 * 86_400,
        seconds in 1i64..400 * 3600,
        days in 1usize..40,
        span_s in 0i64..40 * 86_400,
    ) {
        let cal = cal.with_closures(leaves).unwrap();
        let year = if late { 2099 } else { 2026 };
        let origin = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
        let start = origin + Duration::seconds(start_s);
        let t = start.timestamp();
        let (first, last) = (date(year - 1, 1, 1), date(year + 8, 1, 1));
        let work = reference_days(cal.spec(), first, last, true);
        let normal = reference_days(cal.spec(), first, last, false);
        let mut intervals: Vec<(i64, i64)> = work.iter().map(|d| (d.1, d.2)).collect();
        intervals.sort_unstable();
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap();

        // CAL-7, forwards and backwards.
        if let Some(wanted) = reference_days_forward(&work, t, days) {
            prop_assert_eq!(cal.add_working_days(start, days as i64).unwrap(), at(wanted));
        }
        if let Some(wanted) = reference_days_backward(&work, t, days) {
            prop_assert_eq!(cal.add_working_days(start, -(days as i64)).unwrap(), at(wanted));
        }
        prop_assert_eq!(cal.add_working_days(start, 0).unwrap(), start);

        // CAL-8.
        if let Some(wanted) = reference_subtract(&intervals, t, seconds) {
            prop_assert_eq!(cal.subtract_working_time(start, Duration::seconds(seconds)).unwrap(), at(wanted));
        }

        // CAL-10: nearest working instants, and the intervals as a list.
        let inside = intervals.iter().any(|&(a, b)| a <= t && t < b);
        if let Some(&(a, _)) = intervals.iter().find(|(_, b)| *b > t) {
            prop_assert_eq!(cal.next_working_instant(start).unwrap(), at(a.max(t)));
        }
        let before = intervals.iter().filter(|(_, b)| *b <= t).map(|i| i.1).max();
        if inside {
            prop_assert_eq!(cal.previous_working_instant(start).unwrap(), start);
        } else if let Some(end) = before {
            prop_assert_eq!(cal.previous_working_instant(start).unwrap(), at(end));
        }
        let b = t + span_s;
        let listed: Vec<(i64, i64)> = cal
            .working_intervals(start, at(b))
            .unwrap()
            .iter()
            .map(|i| (i.start.timestamp(), i.end.timestamp()))
            .collect();
        prop_assert_eq!(listed, reference_union(&intervals, t, b));

        // CAL-9: working time and closed time, per local day.
        let clip = |d: &(NaiveDate, i64, i64)| (d.0, (d.2.min(b) - d.1.max(t)).max(0));
        let worked: Vec<(NaiveDate, i64)> = work.iter().map(clip).collect();
        let by_day = cal.working_time_by_day(start, at(b));
        let got: Vec<(NaiveDate, i64, i64)> = by_day
            .per_day
            .iter()
            .map(|d| (d.date, d.time.num_seconds(), d.normal.num_seconds()))
            .collect();
        prop_assert_eq!(&got, &reference_by_day(&worked, &normal));
        prop_assert_eq!(by_day.time, cal.working_time_between(start, at(b)));
        // Closed time: normal hours minus working time, day by day.
        let mut closed: Vec<(NaiveDate, i64)> = normal.iter().map(clip).collect();
        closed.extend(worked.iter().map(|&(day, time)| (day, -time)));
        closed.sort_by_key(|c| c.0);
        let got: Vec<(NaiveDate, i64, i64)> = cal
            .closed_time_by_day(start, at(b))
            .per_day
            .iter()
            .map(|d| (d.date, d.time.num_seconds(), d.normal.num_seconds()))
            .collect();
        prop_assert_eq!(got, reference_by_day(&closed, &normal));
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
        let calendar = |case: &Value| {
            let spec: CalendarSpec = serde_json::from_value(
                file["calendars"][case["calendar"].as_str().unwrap()].clone(),
            )
            .unwrap();
            let calendar = WorkingCalendar::new(spec).unwrap();
            match case["time_zone"].as_str() {
                Some(zone) => calendar.in_time_zone(zone).unwrap(),
                None => calendar,
            }
        };
        let instant = |v: &Value| v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
        let text =
            |t: DateTime<Utc>| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let by_day = |b: TimeByDay| serde_json::to_value(b).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let seconds = || Duration::seconds(case["seconds"].as_i64().unwrap());
            let outcome: helpdesk::Result<Value> = match case["op"].as_str().unwrap() {
                "new" => serde_json::from_value::<CalendarSpec>(case["spec"].clone())
                    .map_err(|e| helpdesk::Error::invalid("spec", e.to_string()))
                    .and_then(WorkingCalendar::new)
                    .map(|_| Value::Null),
                "add_working_time" => calendar(case)
                    .add_working_time(instant(&case["start"]), seconds())
                    .map(text),
                "working_time_between" => Ok(Value::from(
                    calendar(case)
                        .working_time_between(instant(&case["a"]), instant(&case["b"]))
                        .num_seconds(),
                )),
                "add_working_days" => calendar(case)
                    .add_working_days(instant(&case["start"]), case["days"].as_i64().unwrap())
                    .map(text),
                "subtract_working_time" => calendar(case)
                    .subtract_working_time(instant(&case["end"]), seconds())
                    .map(text),
                "next_working_instant" => calendar(case)
                    .next_working_instant(instant(&case["at"]))
                    .map(text),
                "previous_working_instant" => calendar(case)
                    .previous_working_instant(instant(&case["at"]))
                    .map(text),
                "working_intervals" => calendar(case)
                    .working_intervals(instant(&case["a"]), instant(&case["b"]))
                    .map(|list| {
                        list.into_iter()
                            .map(|i| Value::from(vec![text(i.start), text(i.end)]))
                            .collect()
                    }),
                "working_time_by_day" => Ok(by_day(
                    calendar(case).working_time_by_day(instant(&case["a"]), instant(&case["b"])),
                )),
                "closed_time_by_day" => Ok(by_day(
                    calendar(case).closed_time_by_day(instant(&case["a"]), instant(&case["b"])),
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
    assert!(replayed >= 30);
}
