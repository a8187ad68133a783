//! Reports (RPT): ticket analysis grouped by up to three dimensions with
//! exact counts and hours (RPT-1), the cohort view (RPT-2), and reports
//! cover only what the actor may read (RPT-4). The property test checks
//! every report of one and two dimensions against a straightforward
//! computation over the listed tickets, on the memory, SQLite and
//! PostgreSQL stores.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{at, partner, World};
use helpdesk::calendar::{CalendarSpec, ClockTime, Weekday, WorkingHours};
use helpdesk::store::{MemoryStore, SqliteStore, Store};
use helpdesk::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// Acme's world on a manual clock starting on a Friday at 16:00 UTC.
struct Desk {
    w: World,
    clock: ManualClock,
}

impl Desk {
    fn on(store: impl Store + 'static) -> Self {
        let clock = ManualClock::new(at("2026-03-06T16:00:00Z"));
        let w = World::new(Helpdesk::new(store).with_clock(Arc::new(clock.clone())));
        Self { w, clock }
    }

    fn new() -> Self {
        Self::on(MemoryStore::new())
    }

    fn stage(&self, team: &Team, folded: bool) -> StageId {
        let stages = self.w.desk.list_stages(SYS, team.id).unwrap();
        stages.iter().find(|s| s.folded == folded).unwrap().id
    }

    fn create(&self, team: &Team, priority: Priority, tags: Vec<TagId>) -> Ticket {
        self.w
            .desk
            .create_ticket(
                SYS,
                NewTicket {
                    team: Some(team.id),
                    subject: "Broken".into(),
                    priority,
                    tags,
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn assign(&self, ticket: &Ticket, user: &User) {
        self.w
            .desk
            .assign_ticket(SYS, ticket.id, Some(user.id))
            .unwrap();
    }

    fn close(&self, ticket: &Ticket, team: &Team) {
        self.w
            .desk
            .move_ticket(SYS, ticket.id, self.stage(team, true))
            .unwrap();
    }

    fn after(&self, hours: i64) {
        self.clock.advance(Duration::hours(hours)).unwrap();
    }

    fn analysis(&self, actor: Actor, group_by: Vec<Dimension>) -> Result<TicketReport> {
        self.w.desk.ticket_analysis(
            actor,
            TicketAnalysisQuery {
                company: self.w.acme,
                group_by,
                ..TicketAnalysisQuery::default()
            },
        )
    }

    /// Turns SLAs and ratings on for `team`; its solved stage asks for a
    /// rating.
    fn sla_and_ratings_on(&self, team: &Team) {
        let settings = TeamSettingsPatch {
            use_sla: Some(true),
            ratings: Some(true),
            ..TeamSettingsPatch::default()
        };
        self.w
            .desk
            .update_team(
                SYS,
                team.id,
                TeamUpdate {
                    settings: Some(settings),
                    ..TeamUpdate::default()
                },
            )
            .unwrap();
        let update = StageUpdate {
            rating_request: Some(true),
            ..StageUpdate::default()
        };
        self.w
            .desk
            .update_stage(SYS, self.stage(team, true), update)
            .unwrap();
    }

    /// A policy of `team`: tickets of `priority` solved within `hours`.
    fn policy(&self, team: &Team, name: &str, priority: Priority, hours: i64) -> SlaPolicy {
        self.w
            .desk
            .create_sla_policy(
                SYS,
                NewSlaPolicy {
                    team: team.id,
                    name: name.into(),
                    priority,
                    target_stage: self.stage(team, true),
                    within: Within {
                        hours: Decimal::from(hours),
                        ..Within::default()
                    },
                    ..NewSlaPolicy::default()
                },
            )
            .unwrap()
    }

    /// Answers the rating request of `ticket`.
    fn rate(&self, ticket: &Ticket, rating: u32) -> Rating {
        let token = self
            .w
            .desk
            .pending_outbox(SYS, 1000)
            .unwrap()
            .into_iter()
            .filter(|m| m.ticket == Some(ticket.id))
            .find_map(|m| m.token)
            .unwrap();
        self.w.desk.rate_ticket(SYS, token, rating, None).unwrap()
    }

    /// Gives `team` a Monday-to-Friday 9:00–17:00 UTC calendar.
    fn office_hours(&self, team: &Team) {
        let hours = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ]
        .into_iter()
        .map(|weekday| WorkingHours {
            weekday,
            start: ClockTime::hm(9, 0).unwrap(),
            end: ClockTime::hm(17, 0).unwrap(),
        })
        .collect();
        let calendar = self
            .w
            .desk
            .create_calendar(
                SYS,
                NewCalendar {
                    company: self.w.acme,
                    name: "Office".into(),
                    spec: CalendarSpec {
                        time_zone: "UTC".into(),
                        hours,
                        closures: Vec::new(),
                        second_week: None,
                    },
                },
            )
            .unwrap();
        self.w
            .desk
            .update_team(
                SYS,
                team.id,
                TeamUpdate {
                    settings: Some(
                        TeamSettings {
                            calendar: Some(calendar.id),
                            ..team.settings.clone()
                        }
                        .into(),
                    ),
                    ..TeamUpdate::default()
                },
            )
            .unwrap();
    }
}

/// The field an `invalid_input` error names.
fn field<T: std::fmt::Debug>(result: Result<T>) -> &'static str {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected invalid_input, got {other:?}"),
    }
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn rpt_1_counts_and_hours_per_team_in_plain_and_working_hours() {
    let d = Desk::new();
    let support = d.w.portal_team.clone();
    d.office_hours(&support);
    // Friday 16:00: two tickets; one assigned at 17:00 (1 plain hour, 1
    // working hour), closed on Monday 10:00 (66 plain hours, 2 working).
    let first = d.create(&support, Priority::Urgent, vec![]);
    let second = d.create(&support, Priority::Low, vec![]);
    d.after(1);
    d.assign(&first, &d.w.bob);
    d.after(65);
    d.close(&first, &support);
    let it = d.create(&d.w.internal_team, Priority::Low, vec![]);
    let report = d.analysis(SYS, vec![Dimension::Team]).unwrap();
    let row = |team: &Team| {
        report
            .rows
            .iter()
            .find(|r| r.group[0].id == Some(team.id.0))
            .unwrap()
            .measures
            .clone()
    };
    let s = row(&support);
    assert_eq!(report.rows[0].group[0].label, "Support");
    assert_eq!((s.count, s.open, s.unassigned, s.urgent), (2, 1, 1, 1));
    let assign = s.hours_to_assign.unwrap();
    assert_eq!((assign.tickets, assign.total), (1, dec("1.00")));
    assert_eq!(s.working_hours_to_assign.unwrap().total, dec("1.00"));
    assert_eq!(s.hours_to_close.unwrap().average, dec("66.00"));
    assert_eq!(s.working_hours_to_close.unwrap().average, dec("2.00"));
    // Hours open: 66 for the closed one, 66 for the one still open (now);
    // in working hours 2 each (Friday 16:00 to 17:00, Monday 9:00 to now).
    assert_eq!(s.hours_open.unwrap().average, dec("66.00"));
    let working = s.working_hours_open.unwrap();
    assert_eq!((working.tickets, working.total), (2, dec("4.00")));
    assert_eq!(
        report.total.working_hours_open.clone().unwrap().total,
        dec("4.00")
    );
    let i = row(&d.w.internal_team);
    assert_eq!((i.count, i.hours_open.unwrap().total), (1, dec("0.00")));
    assert_eq!(report.total.count, 3);
    assert!(second.assignee.is_none() && it.assignee.is_none());
}

#[test]
fn rpt_1_an_empty_group_has_no_figure_not_zero() {
    let d = Desk::new();
    d.create(&d.w.internal_team, Priority::Low, vec![]);
    let report = d.analysis(SYS, vec![Dimension::Stage]).unwrap();
    let m = &report.rows[0].measures;
    assert_eq!(m.count, 1);
    assert_eq!(
        (
            &m.hours_to_assign,
            &m.hours_to_close,
            &m.working_hours_to_close
        ),
        (&None, &None, &None)
    );
    let none =
        d.w.desk
            .ticket_analysis(
                SYS,
                TicketAnalysisQuery {
                    company: d.w.globex,
                    group_by: vec![Dimension::Team],
                    ..TicketAnalysisQuery::default()
                },
            )
            .unwrap();
    assert!(none.rows.is_empty() && none.total.count == 0 && none.total.hours_open.is_none());
}

#[test]
fn rpt_1_a_ticket_counts_in_each_of_its_tags_and_once_in_the_total() {
    let d = Desk::new();
    let tag = |name: &str| d.w.desk.create_tag(SYS, d.w.acme, name.into()).unwrap().id;
    let (printer, network) = (tag("printer"), tag("network"));
    d.create(
        &d.w.internal_team,
        Priority::Low,
        vec![printer, network, printer],
    );
    d.create(&d.w.internal_team, Priority::Low, vec![]);
    let report = d.analysis(SYS, vec![Dimension::Tag]).unwrap();
    let counts: Vec<(String, u64)> = report
        .rows
        .iter()
        .map(|r| (r.group[0].label.clone(), r.measures.count))
        .collect();
    assert_eq!(
        counts,
        vec![("".into(), 1), ("printer".into(), 1), ("network".into(), 1)]
    );
    assert_eq!(report.total.count, 2);
}

#[test]
fn rpt_1_periods_are_local_to_the_time_zone() {
    let d = Desk::new();
    d.clock.set(at("2026-12-31T23:30:00Z"));
    d.create(&d.w.internal_team, Priority::Low, vec![]);
    let by = |zone: Option<&str>, period| {
        d.w.desk
            .ticket_analysis(
                SYS,
                TicketAnalysisQuery {
                    company: d.w.acme,
                    group_by: vec![Dimension::Created],
                    period: Some(period),
                    time_zone: zone.map(String::from),
                    ..TicketAnalysisQuery::default()
                },
            )
            .unwrap()
            .rows[0]
            .group[0]
            .label
            .clone()
    };
    assert_eq!(by(None, Period::Year), "2026");
    assert_eq!(by(Some("Europe/Paris"), Period::Year), "2027");
    assert_eq!(by(Some("Europe/Paris"), Period::Day), "2027-01-01");
    assert_eq!(by(Some("America/New_York"), Period::Quarter), "2026-Q4");
    assert_eq!(by(None, Period::Week), "2026-W53");
    let bad = d.w.desk.ticket_analysis(
        SYS,
        TicketAnalysisQuery {
            company: d.w.acme,
            time_zone: Some("Mars/Olympus".into()),
            ..TicketAnalysisQuery::default()
        },
    );
    assert_eq!(field(bad), "time_zone");
}

#[test]
fn rpt_1_at_most_three_distinct_dimensions() {
    let d = Desk::new();
    let four = vec![
        Dimension::Team,
        Dimension::Stage,
        Dimension::Priority,
        Dimension::Tag,
    ];
    assert_eq!(field(d.analysis(SYS, four)), "group_by");
    let twice = vec![Dimension::Team, Dimension::Team];
    assert_eq!(field(d.analysis(SYS, twice)), "group_by");
}

#[test]
fn rpt_2_cohort_gives_the_share_closed_by_the_end_of_each_period() {
    let d = Desk::new();
    let team = d.w.internal_team.clone();
    d.clock.set(at("2026-01-10T10:00:00Z"));
    let a = d.create(&team, Priority::Low, vec![]);
    let b = d.create(&team, Priority::Low, vec![]);
    d.create(&team, Priority::Low, vec![]);
    d.close(&a, &team);
    d.clock.set(at("2026-02-10T10:00:00Z"));
    d.close(&b, &team);
    let c = d.create(&team, Priority::Low, vec![]);
    d.clock.set(at("2026-03-05T10:00:00Z"));
    d.close(&c, &team);
    let cohort =
        d.w.desk
            .ticket_cohort(
                SYS,
                CohortQuery {
                    company: d.w.acme,
                    ..CohortQuery::default()
                },
            )
            .unwrap();
    let rows: Vec<(String, u64, Vec<Decimal>)> = cohort
        .rows
        .into_iter()
        .map(|r| (r.period, r.created, r.closed_share))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "2026-01".into(),
                3,
                vec![dec("33.33"), dec("66.67"), dec("66.67")]
            ),
            ("2026-02".into(), 1, vec![dec("0.00"), dec("100.00")]),
        ]
    );
}

#[test]
fn rpt_4_a_report_covers_only_what_the_actor_may_read() {
    let d = Desk::new();
    d.create(&d.w.private_team, Priority::Low, vec![]);
    d.create(&d.w.portal_team, Priority::Low, vec![]);
    let count = |user: &User| {
        d.analysis(Actor::User(user.id), vec![])
            .map(|r| r.total.count)
    };
    // Alice is invited to the private team, Bob is not.
    assert_eq!(count(&d.w.alice).unwrap(), 2);
    assert_eq!(count(&d.w.bob).unwrap(), 1);
    assert_eq!(count(&d.w.manager).unwrap(), 2);
    assert_eq!(count(&d.w.p1).unwrap_err().code(), "forbidden");
    // Another company's report is as unknown as a missing company.
    assert_eq!(count(&d.w.gina).unwrap_err().code(), "not_found");
}

/// The measures the property compares: count, open, unassigned, urgent,
/// SLA failed, and the average hours to assign, to close and open.
type Compared = (
    u64,
    u64,
    u64,
    u64,
    u64,
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
);

/// The reference meaning: the measures of `tickets`, computed directly.
fn reference_measures(tickets: &[&Ticket], now: DateTime<Utc>) -> Compared {
    let hours = |seconds: Vec<i64>| {
        (!seconds.is_empty()).then(|| {
            let total = Decimal::from(seconds.iter().sum::<i64>()) / Decimal::from(3600);
            (total / Decimal::from(seconds.len() as u64))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        })
    };
    let count = |f: &dyn Fn(&Ticket) -> bool| tickets.iter().filter(|t| f(t)).count() as u64;
    (
        tickets.len() as u64,
        count(&|t| t.closed_at.is_none()),
        count(&|t| t.assignee.is_none()),
        count(&|t| t.priority == Priority::Urgent),
        count(&|t| t.sla_failed(now)),
        hours(
            tickets
                .iter()
                .filter_map(|t| Some(t.assigned_at?.timestamp() - t.created_at.timestamp()))
                .collect(),
        ),
        hours(
            tickets
                .iter()
                .filter_map(|t| Some(t.closed_at?.timestamp() - t.created_at.timestamp()))
                .collect(),
        ),
        hours(
            tickets
                .iter()
                .map(|t| t.closed_at.unwrap_or(now).timestamp() - t.created_at.timestamp())
                .collect(),
        ),
    )
}

/// The reference keys of `ticket` in `dimension` (periods: local days in
/// `zone`, labelled).
fn reference_keys(ticket: &Ticket, dimension: Dimension, zone: chrono_tz::Tz) -> Vec<String> {
    let day = |at: DateTime<Utc>| local_day(at, zone);
    let id = |v: Option<i64>| vec![v.map_or(String::new(), |v| v.to_string())];
    match dimension {
        Dimension::Team => id(ticket.team.map(|t| t.0)),
        Dimension::Stage => id(Some(ticket.stage.0)),
        Dimension::Assignee => id(ticket.assignee.map(|u| u.0)),
        Dimension::Customer => id(ticket.customer.map(|p| p.0)),
        Dimension::Priority => id(Some(i64::from(ticket.priority.level()))),
        Dimension::TicketType => id(ticket.ticket_type.map(|t| t.0)),
        Dimension::Tag if ticket.tags.is_empty() => vec![String::new()],
        Dimension::Tag => ticket.tags.iter().map(|t| t.0.to_string()).collect(),
        Dimension::Created => vec![day(ticket.created_at)],
        Dimension::Closed => vec![ticket.closed_at.map_or(String::new(), day)],
        Dimension::SlaPolicy | Dimension::SlaStatus | Dimension::Rated => {
            panic!("{dimension:?} is not a ticket's")
        }
    }
}

/// The local day of `at` in `zone`, as a day period's label.
fn local_day(at: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d").to_string()
}

/// The reference groups of `units` by `dimensions`: every combination of
/// their keys (`keys` gives a unit's in one dimension).
fn reference_groups<'a, U>(
    units: &'a [U],
    dimensions: &[Dimension],
    keys: impl Fn(&U, Dimension) -> Vec<String>,
) -> BTreeMap<Vec<String>, Vec<&'a U>> {
    let mut groups: BTreeMap<Vec<String>, Vec<&U>> = BTreeMap::new();
    for unit in units {
        let mut combinations: Vec<Vec<String>> = vec![Vec::new()];
        for dimension in dimensions {
            let values = keys(unit, *dimension);
            combinations = combinations
                .into_iter()
                .flat_map(|prefix| {
                    values.iter().map(move |v| {
                        let mut k = prefix.clone();
                        k.push(v.clone());
                        k
                    })
                })
                .collect();
        }
        for key in combinations {
            groups.entry(key).or_default().push(unit);
        }
    }
    groups
}

/// The one- and two-dimension combinations of `dimensions`.
fn combinations(dimensions: &[Dimension]) -> Vec<Vec<Dimension>> {
    let mut all: Vec<Vec<Dimension>> = dimensions.iter().map(|d| vec![*d]).collect();
    for a in dimensions {
        for b in dimensions {
            if a != b {
                all.push(vec![*a, *b]);
            }
        }
    }
    all
}

/// `part` of `whole` in percent, two places, as the reference computes it.
fn reference_percent(part: usize, whole: usize) -> Option<Decimal> {
    (whole > 0).then(|| {
        (Decimal::from(part as u64) * Decimal::ONE_HUNDRED / Decimal::from(whole as u64))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    })
}

/// A report row's keys as the reference writes them.
fn row_keys(group: &[GroupValue], dimensions: &[Dimension]) -> Vec<String> {
    group
        .iter()
        .zip(dimensions)
        .map(|(value, dimension)| match dimension {
            Dimension::Created | Dimension::Closed | Dimension::Rated => value.label.clone(),
            _ => value.id.map_or(String::new(), |v| v.to_string()),
        })
        .collect()
}

/// One random ticket's life: team, priority, tags, customer, assignment
/// and closing after some minutes (or never).
#[derive(Debug, Clone)]
struct Life {
    team: usize,
    priority: u8,
    tags: Vec<usize>,
    customer: bool,
    start_minutes: i64,
    assign_after: Option<i64>,
    close_after: Option<i64>,
    rating: u32,
}

fn life() -> impl Strategy<Value = Life> {
    (
        0..3usize,
        0..4u8,
        proptest::collection::vec(0..3usize, 0..3),
        proptest::bool::weighted(0.8),
        0..120_000i64,
        proptest::option::of(0..12_000i64),
        proptest::option::of(1..54_000i64),
        proptest::sample::select(vec![1u32, 3, 5]),
    )
        .prop_map(
            |(team, priority, tags, customer, start_minutes, assign_after, close_after, rating)| {
                Life {
                    team,
                    priority,
                    tags,
                    customer,
                    start_minutes,
                    assign_after,
                    close_after,
                    rating,
                }
            },
        )
}

/// Plays `lives` on `store` in time order and checks every report of one
/// and two dimensions against the reference over the listed tickets.
fn reports_match_the_reference(store: impl Store + 'static, lives: &[Life]) {
    let d = Desk::on(store);
    let start = at("2026-01-01T00:00:00Z");
    let teams = [&d.w.portal_team, &d.w.private_team, &d.w.internal_team];
    let tags: Vec<TagId> = ["a", "b", "c"]
        .iter()
        .map(|n| d.w.desk.create_tag(SYS, d.w.acme, (*n).into()).unwrap().id)
        .collect();
    let customer = partner(&d.w.desk, Some(d.w.acme), "Cust").id;
    // SLAs and ratings in two teams: two policies for urgent tickets, one
    // for high and one for low ones.
    d.sla_and_ratings_on(teams[0]);
    d.sla_and_ratings_on(teams[1]);
    d.policy(teams[0], "A", Priority::Urgent, 2);
    d.policy(teams[0], "B", Priority::Urgent, 10);
    d.policy(teams[0], "C", Priority::High, 5);
    d.policy(teams[1], "D", Priority::Low, 1);
    // Events in time order: (minute, life, what: 0 create, 1 assign, 2 close).
    let mut events: Vec<(i64, usize, u8)> = Vec::new();
    for (n, life) in lives.iter().enumerate() {
        events.push((life.start_minutes, n, 0));
        if let Some(after) = life.assign_after {
            events.push((life.start_minutes + after, n, 1));
        }
        if let Some(after) = life.close_after {
            events.push((life.start_minutes + after, n, 2));
        }
    }
    events.sort();
    let mut made: BTreeMap<usize, Ticket> = BTreeMap::new();
    for (minute, n, what) in events {
        d.clock.set(start + Duration::minutes(minute));
        let life = &lives[n];
        let team = teams[life.team];
        match what {
            0 => {
                let ticket =
                    d.w.desk
                        .create_ticket(
                            SYS,
                            NewTicket {
                                team: Some(team.id),
                                subject: "t".into(),
                                priority: Priority::from_level(i64::from(life.priority)).unwrap(),
                                tags: life.tags.iter().map(|t| tags[*t]).collect(),
                                customer: life.customer.then_some(customer),
                                ..NewTicket::default()
                            },
                        )
                        .unwrap();
                made.insert(n, ticket);
            }
            1 => d.assign(&made[&n], &d.w.bob),
            _ => {
                d.close(&made[&n], team);
                if life.customer && life.team < 2 {
                    d.rate(&made[&n], life.rating);
                }
            }
        }
    }
    d.clock.set(start + Duration::hours(3000));
    let now = start + Duration::hours(3000);
    let listed: Vec<Ticket> =
        d.w.desk
            .list_tickets(
                SYS,
                TicketQuery {
                    limit: 500,
                    ..TicketQuery::default()
                },
            )
            .unwrap()
            .tickets;
    let zone: chrono_tz::Tz = "Europe/Paris".parse().unwrap();
    let all = [
        Dimension::Team,
        Dimension::Stage,
        Dimension::Assignee,
        Dimension::Customer,
        Dimension::Priority,
        Dimension::TicketType,
        Dimension::Tag,
        Dimension::Created,
        Dimension::Closed,
    ];
    for dimensions in combinations(&all) {
        let report =
            d.w.desk
                .ticket_analysis(
                    SYS,
                    TicketAnalysisQuery {
                        company: d.w.acme,
                        group_by: dimensions.clone(),
                        period: Some(Period::Day),
                        time_zone: Some("Europe/Paris".into()),
                        ..TicketAnalysisQuery::default()
                    },
                )
                .unwrap();
        let expected = reference_groups(&listed, &dimensions, |t, d| reference_keys(t, d, zone));
        let got: BTreeMap<Vec<String>, _> = report
            .rows
            .iter()
            .map(|row| {
                let m = &row.measures;
                let average = |h: &Option<Hours>| h.as_ref().map(|h| h.average);
                (
                    row_keys(&row.group, &dimensions),
                    (
                        m.count,
                        m.open,
                        m.unassigned,
                        m.urgent,
                        m.sla_failed,
                        average(&m.hours_to_assign),
                        average(&m.hours_to_close),
                        average(&m.hours_open),
                    ),
                )
            })
            .collect();
        let want: BTreeMap<Vec<String>, _> = expected
            .iter()
            .map(|(k, tickets)| (k.clone(), reference_measures(tickets, now)))
            .collect();
        assert_eq!(got, want, "grouped by {dimensions:?}");
        assert_eq!(report.total.count, listed.len() as u64);
        // No team has a calendar: every hour is a working hour.
        for m in report
            .rows
            .iter()
            .map(|r| &r.measures)
            .chain([&report.total])
        {
            assert_eq!(m.working_hours_open, m.hours_open);
        }
    }
    sla_analyses_match_the_reference(&d, &listed, &all, zone);
    rating_analyses_match_the_reference(&d, &listed, &all, zone);
}

/// Every SLA status analysis of one and two dimensions against the
/// statuses of the listed tickets, as `ticket_sla_statuses` gives them.
fn sla_analyses_match_the_reference(
    d: &Desk,
    listed: &[Ticket],
    ticket_dimensions: &[Dimension],
    zone: chrono_tz::Tz,
) {
    let statuses: Vec<(&Ticket, SlaStatusView)> = listed
        .iter()
        .flat_map(|t| {
            d.w.desk
                .ticket_sla_statuses(SYS, t.id)
                .unwrap()
                .into_iter()
                .map(move |s| (t, s))
        })
        .collect();
    let keys = |(ticket, status): &(&Ticket, SlaStatusView), dimension| match dimension {
        Dimension::SlaPolicy => vec![status.policy.0.to_string()],
        Dimension::SlaStatus => vec![match status.state {
            SlaState::Ongoing => "0",
            SlaState::Reached => "1",
            SlaState::Failed => "2",
        }
        .to_string()],
        _ => reference_keys(ticket, dimension, zone),
    };
    let measures = |units: &[&(&Ticket, SlaStatusView)]| {
        let state = |s: SlaState| units.iter().filter(|(_, v)| v.state == s).count() as u64;
        let tickets: BTreeMap<TicketId, bool> =
            units.iter().fold(BTreeMap::new(), |mut m, (t, v)| {
                *m.entry(t.id).or_default() |= v.state == SlaState::Failed;
                m
            });
        let failed = tickets.values().filter(|f| **f).count();
        let exceeded: Vec<i64> = units
            .iter()
            .filter_map(|(_, v)| v.exceeded_seconds)
            .collect();
        let total_hours = (!exceeded.is_empty()).then(|| {
            (Decimal::from(exceeded.iter().sum::<i64>()) / Decimal::from(3600))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        });
        (
            units.len() as u64,
            (
                state(SlaState::Ongoing),
                state(SlaState::Reached),
                state(SlaState::Failed),
            ),
            (tickets.len() as u64, failed as u64),
            reference_percent(tickets.len() - failed, tickets.len()),
            total_hours,
        )
    };
    let mut all = ticket_dimensions.to_vec();
    all.extend([Dimension::SlaPolicy, Dimension::SlaStatus]);
    for dimensions in combinations(&all) {
        let report =
            d.w.desk
                .sla_status_analysis(
                    SYS,
                    SlaStatusAnalysisQuery {
                        company: d.w.acme,
                        group_by: dimensions.clone(),
                        period: Some(Period::Day),
                        time_zone: Some(zone.name().into()),
                        ..SlaStatusAnalysisQuery::default()
                    },
                )
                .unwrap();
        let got: BTreeMap<Vec<String>, _> = report
            .rows
            .iter()
            .map(|row| {
                let m = &row.measures;
                (
                    row_keys(&row.group, &dimensions),
                    (
                        m.statuses,
                        (m.ongoing, m.reached, m.failed),
                        (m.tickets, m.failed_tickets),
                        m.success_rate,
                        m.exceeded_hours.as_ref().map(|h| h.total),
                    ),
                )
            })
            .collect();
        let want: BTreeMap<Vec<String>, _> = reference_groups(&statuses, &dimensions, keys)
            .into_iter()
            .map(|(k, units)| (k, measures(&units)))
            .collect();
        assert_eq!(got, want, "SLA statuses grouped by {dimensions:?}");
        assert_eq!(report.total.statuses, statuses.len() as u64);
    }
}

/// Every ratings analysis of one and two dimensions against the ratings
/// `list_ratings` gives.
fn rating_analyses_match_the_reference(
    d: &Desk,
    listed: &[Ticket],
    ticket_dimensions: &[Dimension],
    zone: chrono_tz::Tz,
) {
    let ratings =
        d.w.desk
            .list_ratings(
                SYS,
                RatingQuery {
                    company: d.w.acme,
                    ..RatingQuery::default()
                },
            )
            .unwrap();
    let ticket = |id: TicketId| listed.iter().find(|t| t.id == id).unwrap();
    let id = |v: Option<i64>| vec![v.map_or(String::new(), |v| v.to_string())];
    let keys = |rating: &Rating, dimension| match dimension {
        Dimension::Team => id(Some(rating.team.0)),
        Dimension::Assignee => id(rating.assignee.map(|u| u.0)),
        Dimension::Customer => id(Some(rating.customer.0)),
        Dimension::Rated => vec![local_day(rating.rated_at, zone)],
        _ => reference_keys(ticket(rating.ticket), dimension, zone),
    };
    let measures = |units: &[&Rating]| {
        let sum: u32 = units.iter().map(|r| r.rating).sum();
        let average = (!units.is_empty()).then(|| {
            (Decimal::from(sum) / Decimal::from(units.len() as u64))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        });
        let satisfied = units.iter().filter(|r| r.rating >= 4).count();
        (
            units.len() as u64,
            average,
            reference_percent(satisfied, units.len()),
        )
    };
    let mut all = ticket_dimensions.to_vec();
    all.push(Dimension::Rated);
    for dimensions in combinations(&all) {
        let report =
            d.w.desk
                .rating_analysis(
                    SYS,
                    RatingAnalysisQuery {
                        company: d.w.acme,
                        group_by: dimensions.clone(),
                        period: Some(Period::Day),
                        time_zone: Some(zone.name().into()),
                        ..RatingAnalysisQuery::default()
                    },
                )
                .unwrap();
        let got: BTreeMap<Vec<String>, _> = report
            .rows
            .iter()
            .map(|row| {
                let m = &row.measures;
                (
                    row_keys(&row.group, &dimensions),
                    (m.ratings, m.average_rating, m.satisfied_share),
                )
            })
            .collect();
        let want: BTreeMap<Vec<String>, _> = reference_groups(&ratings, &dimensions, keys)
            .into_iter()
            .map(|(k, units)| (k, measures(&units)))
            .collect();
        assert_eq!(got, want, "ratings grouped by {dimensions:?}");
        assert_eq!(report.total.ratings, ratings.len() as u64);
        // Read by the months since a first instant, the same ratings.
        let since_start =
            d.w.desk
                .rating_analysis(
                    SYS,
                    RatingAnalysisQuery {
                        company: d.w.acme,
                        group_by: dimensions.clone(),
                        period: Some(Period::Day),
                        time_zone: Some(zone.name().into()),
                        rated_from: Some(at("2025-12-01T00:00:00Z")),
                        ..RatingAnalysisQuery::default()
                    },
                )
                .unwrap();
        assert_eq!(
            since_start, report,
            "ratings since a first instant by {dimensions:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn rpt_1_every_report_matches_the_listed_tickets(lives in proptest::collection::vec(life(), 1..25)) {
        reports_match_the_reference(MemoryStore::new(), &lives);
        reports_match_the_reference(SqliteStore::in_memory().unwrap(), &lives);
    }
}

#[cfg(feature = "postgres")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    /// The same on PostgreSQL, a fresh schema per case (fewer cases: each
    /// builds a desk on the server).
    #[test]
    fn rpt_1_every_report_matches_the_listed_tickets_on_postgres(lives in proptest::collection::vec(life(), 1..25)) {
        if let Some(location) = common::postgres_location() {
            reports_match_the_reference(store::PostgresStore::open(&location).unwrap(), &lives);
        }
    }
}

#[test]
fn rpt_3_the_dashboard_counts_per_team_and_for_the_acting_agent() {
    let d = Desk::new();
    let care = d.w.portal_team.clone();
    // SLA on, one policy for urgent tickets: solved within 2 hours.
    d.sla_and_ratings_on(&care);
    d.policy(&care, "Fast", Priority::Urgent, 2);
    let customer = d.w.p1.partner;
    let urgent = |customer| {
        d.w.desk
            .create_ticket(
                SYS,
                NewTicket {
                    team: Some(care.id),
                    subject: "Down".into(),
                    priority: Priority::Urgent,
                    customer,
                    ..NewTicket::default()
                },
            )
            .unwrap()
    };
    let fast = urgent(Some(customer));
    let slow = urgent(None);
    d.create(&care, Priority::Low, vec![]);
    d.assign(&fast, &d.w.alice);
    d.after(1);
    d.close(&fast, &care);
    d.rate(&fast, 3);
    d.after(2);
    // The slow one has failed its SLA (3 h > 2 h), the fast one made it.
    let dashboard =
        d.w.desk
            .team_dashboard(Actor::User(d.w.alice.id), d.w.acme)
            .unwrap();
    let line = dashboard.teams.iter().find(|t| t.team == care.id).unwrap();
    let f = &line.figures;
    assert_eq!(line.name, "Support");
    assert_eq!(
        (
            f.open,
            f.unassigned,
            f.urgent,
            f.sla_failed,
            f.recently_closed
        ),
        (2, 2, 1, 1, 1)
    );
    assert_eq!(f.recent_success_rate, Some(dec("50.00")));
    assert_eq!(f.recent_average_rating, Some(dec("3.00")));
    let mine = dashboard.mine.unwrap();
    assert_eq!((mine.open, mine.recently_closed), (0, 1));
    assert_eq!(mine.recent_success_rate, Some(dec("100.00")));
    assert_eq!(mine.recent_average_rating, Some(dec("3.00")));
    assert!(slow.assignee.is_none());
    // Eight days later the closed ticket and the rating are no longer recent.
    d.after(8 * 24);
    let later = d.w.desk.team_dashboard(SYS, d.w.acme).unwrap();
    let f = &later
        .teams
        .iter()
        .find(|t| t.team == care.id)
        .unwrap()
        .figures;
    assert_eq!(
        (
            f.recently_closed,
            f.recent_success_rate,
            f.recent_average_rating
        ),
        (0, None, None)
    );
    assert!(later.mine.is_none());
    // Portal users get no dashboard; another company's is unknown.
    let portal = d.w.desk.team_dashboard(Actor::User(d.w.p1.id), d.w.acme);
    assert_eq!(portal.unwrap_err().code(), "forbidden");
    let other = d.w.desk.team_dashboard(Actor::User(d.w.gina.id), d.w.acme);
    assert_eq!(other.unwrap_err().code(), "not_found");
}

#[test]
fn rpt_1_a_report_reads_as_csv_with_a_column_per_dimension_and_measure() {
    let d = Desk::new();
    let team = d.w.internal_team.clone();
    let ticket = d.create(&team, Priority::High, vec![]);
    d.after(4);
    d.close(&ticket, &team);
    let csv =
        d.w.desk
            .ticket_analysis_csv(
                SYS,
                TicketAnalysisQuery {
                    company: d.w.acme,
                    group_by: vec![Dimension::Priority, Dimension::Created],
                    period: Some(Period::Day),
                    ..TicketAnalysisQuery::default()
                },
            )
            .unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "priority,priority_id,created,count,open,unassigned,urgent,sla_failed,\
         hours_to_assign_tickets,hours_to_assign_total,hours_to_assign_average,\
         working_hours_to_assign_tickets,working_hours_to_assign_total,working_hours_to_assign_average,\
         hours_to_close_tickets,hours_to_close_total,hours_to_close_average,\
         working_hours_to_close_tickets,working_hours_to_close_total,working_hours_to_close_average,\
         hours_open_tickets,hours_open_total,hours_open_average,\
         working_hours_open_tickets,working_hours_open_total,working_hours_open_average"
    );
    assert_eq!(
        lines[1],
        "High,2,2026-03-06,1,0,1,0,0,,,,,,,1,4.00,4.00,1,4.00,4.00,1,4.00,4.00,1,4.00,4.00"
    );
    assert_eq!(lines[2..], [""]);
    // A label with a comma or a quote is quoted, its quotes doubled.
    let odd =
        d.w.desk
            .create_tag(SYS, d.w.acme, "printer, \"laser\"".into())
            .unwrap();
    d.create(&team, Priority::Low, vec![odd.id]);
    let csv =
        d.w.desk
            .ticket_analysis_csv(
                SYS,
                TicketAnalysisQuery {
                    company: d.w.acme,
                    group_by: vec![Dimension::Tag],
                    ..TicketAnalysisQuery::default()
                },
            )
            .unwrap();
    let tagged = format!("\"printer, \"\"laser\"\"\",{},1,", odd.id.0);
    assert!(csv.contains(&tagged), "{csv}");
}

/// Two policies for urgent tickets of `care` (2 h and 10 h), a fast
/// ticket solved in 1 h and a slow one open for 3 h since: the fast one
/// reached both, the slow one failed the first and is ongoing on the
/// second.
fn two_policies_two_tickets(d: &Desk) -> (SlaPolicy, SlaPolicy) {
    let care = d.w.portal_team.clone();
    d.sla_and_ratings_on(&care);
    let fast_policy = d.policy(&care, "Fast", Priority::Urgent, 2);
    let slow_policy = d.policy(&care, "Slow", Priority::Urgent, 10);
    let fast = d.create(&care, Priority::Urgent, vec![]);
    let _slow = d.create(&care, Priority::Urgent, vec![]);
    d.after(1);
    d.close(&fast, &care);
    d.after(2);
    (fast_policy, slow_policy)
}

fn sla_analysis(d: &Desk, actor: Actor, group_by: Vec<Dimension>) -> Result<SlaStatusReport> {
    d.w.desk.sla_status_analysis(
        actor,
        SlaStatusAnalysisQuery {
            company: d.w.acme,
            group_by,
            ..SlaStatusAnalysisQuery::default()
        },
    )
}

#[test]
fn rpt_1_sla_status_analysis_groups_statuses_by_policy_and_state() {
    let d = Desk::new();
    let (fast, slow) = two_policies_two_tickets(&d);
    let report = sla_analysis(&d, SYS, vec![Dimension::SlaPolicy, Dimension::SlaStatus]).unwrap();
    type Row = (String, String, u64, Option<Decimal>, Option<Decimal>);
    let rows: Vec<Row> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.group[0].label.clone(),
                r.group[1].label.clone(),
                r.measures.statuses,
                r.measures.success_rate,
                r.measures.exceeded_hours.as_ref().map(|h| h.total),
            )
        })
        .collect();
    // Fast: reached 1 h early, failed 1 h late; Slow: reached 9 h early,
    // ongoing with 7 h left.
    assert_eq!(
        rows,
        vec![
            (
                "Fast".into(),
                "Reached".into(),
                1,
                Some(dec("100.00")),
                Some(dec("-1.00"))
            ),
            (
                "Fast".into(),
                "Failed".into(),
                1,
                Some(dec("0.00")),
                Some(dec("1.00"))
            ),
            (
                "Slow".into(),
                "Ongoing".into(),
                1,
                Some(dec("100.00")),
                Some(dec("-7.00"))
            ),
            (
                "Slow".into(),
                "Reached".into(),
                1,
                Some(dec("100.00")),
                Some(dec("-9.00"))
            ),
        ]
    );
    assert_eq!(report.rows[0].group[0].id, Some(fast.id.0));
    assert_eq!(report.rows[2].group[0].id, Some(slow.id.0));
    assert_eq!(report.rows[1].group[1].id, Some(2));
    let t = &report.total;
    assert_eq!(
        (
            t.statuses,
            t.ongoing,
            t.reached,
            t.failed,
            t.tickets,
            t.failed_tickets
        ),
        (4, 1, 2, 1, 2, 1)
    );
    // The total is the SLA report's (SLA-8): one ticket of two failed.
    let sla =
        d.w.desk
            .sla_report(
                SYS,
                SlaReportQuery {
                    company: d.w.acme,
                    ..SlaReportQuery::default()
                },
            )
            .unwrap();
    assert_eq!(t.success_rate, sla.total.success_rate);
    assert_eq!(t.success_rate, Some(dec("50.00")));
    let exceeded = t.exceeded_hours.clone().unwrap();
    assert_eq!(
        (exceeded.tickets, exceeded.total, exceeded.average),
        (4, dec("-16.00"), dec("-4.00"))
    );
    // Grouped by the ticket's dimension: both tickets are urgent.
    let by_priority = sla_analysis(&d, SYS, vec![Dimension::Priority]).unwrap();
    assert_eq!(by_priority.rows.len(), 1);
    assert_eq!(by_priority.rows[0].group[0].label, "Urgent");
    assert_eq!(by_priority.rows[0].measures, report.total);
}

#[test]
fn rpt_1_sla_status_analysis_filters_by_policy_state_and_ticket() {
    let d = Desk::new();
    let (fast, _) = two_policies_two_tickets(&d);
    let query = |policies, states, filter| {
        d.w.desk
            .sla_status_analysis(
                SYS,
                SlaStatusAnalysisQuery {
                    company: d.w.acme,
                    filter,
                    policies,
                    states,
                    ..SlaStatusAnalysisQuery::default()
                },
            )
            .unwrap()
            .total
    };
    let failed = query(vec![], vec![SlaState::Failed], ReportFilter::default());
    assert_eq!(
        (failed.statuses, failed.failed, failed.success_rate),
        (1, 1, Some(dec("0.00")))
    );
    let of_fast = query(vec![fast.id], vec![], ReportFilter::default());
    assert_eq!(
        (of_fast.statuses, of_fast.reached, of_fast.failed),
        (2, 1, 1)
    );
    let open = ReportFilter {
        open: Some(true),
        ..ReportFilter::default()
    };
    let of_open = query(vec![], vec![], open);
    assert_eq!((of_open.statuses, of_open.tickets), (2, 1));
    // No status: no rate and no hours, not zero.
    let none = query(
        vec![],
        vec![],
        ReportFilter {
            priorities: vec![Priority::Low],
            ..ReportFilter::default()
        },
    );
    assert_eq!(
        (none.statuses, none.success_rate, none.exceeded_hours),
        (0, None, None)
    );
    // Ratings are not an SLA dimension.
    assert_eq!(
        field(sla_analysis(&d, SYS, vec![Dimension::Rated])),
        "group_by"
    );
}

fn rating_analysis(d: &Desk, actor: Actor, query: RatingAnalysisQuery) -> Result<RatingReport> {
    d.w.desk.rating_analysis(
        actor,
        RatingAnalysisQuery {
            company: d.w.acme,
            ..query
        },
    )
}

/// Three tickets of `care` for the customer, closed and rated 5 (Alice's),
/// 3 (Alice's) and 1 (Bob's), a day apart.
fn three_ratings(d: &Desk) -> Vec<Rating> {
    let care = d.w.portal_team.clone();
    d.sla_and_ratings_on(&care);
    let mut ratings = Vec::new();
    for (value, agent) in [(5, &d.w.alice), (3, &d.w.alice), (1, &d.w.bob)] {
        let ticket =
            d.w.desk
                .create_ticket(
                    SYS,
                    NewTicket {
                        team: Some(care.id),
                        subject: "Help".into(),
                        customer: Some(d.w.p1.partner),
                        ..NewTicket::default()
                    },
                )
                .unwrap();
        d.assign(&ticket, agent);
        d.close(&ticket, &care);
        ratings.push(d.rate(&ticket, value));
        d.after(24);
    }
    ratings
}

#[test]
fn rpt_1_ratings_analysis_gives_the_average_and_the_share_satisfied() {
    let d = Desk::new();
    let ratings = three_ratings(&d);
    let by_agent = rating_analysis(
        &d,
        SYS,
        RatingAnalysisQuery {
            group_by: vec![Dimension::Assignee],
            ..RatingAnalysisQuery::default()
        },
    )
    .unwrap();
    let rows: Vec<(String, u64, Option<Decimal>, Option<Decimal>)> = by_agent
        .rows
        .iter()
        .map(|r| {
            (
                r.group[0].label.clone(),
                r.measures.ratings,
                r.measures.average_rating,
                r.measures.satisfied_share,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Alice".into(), 2, Some(dec("4.00")), Some(dec("50.00"))),
            ("Bob".into(), 1, Some(dec("1.00")), Some(dec("0.00"))),
        ]
    );
    let t = &by_agent.total;
    assert_eq!((t.ratings, t.unhappy, t.okay, t.happy), (3, 1, 1, 1));
    assert_eq!(
        (t.average_rating, t.satisfied_share),
        (Some(dec("3.00")), Some(dec("33.33")))
    );
    // Per day given: one rating a day.
    let by_day = rating_analysis(
        &d,
        SYS,
        RatingAnalysisQuery {
            group_by: vec![Dimension::Rated],
            period: Some(Period::Day),
            ..RatingAnalysisQuery::default()
        },
    )
    .unwrap();
    let days: Vec<&str> = by_day
        .rows
        .iter()
        .map(|r| r.group[0].label.as_str())
        .collect();
    assert_eq!(days, ["2026-03-06", "2026-03-07", "2026-03-08"]);
    // Hidden ratings are counted unless the query asks for published ones.
    d.w.desk
        .set_rating_published(SYS, ratings[0].id, false)
        .unwrap();
    let published = |published| {
        rating_analysis(
            &d,
            SYS,
            RatingAnalysisQuery {
                published,
                ..RatingAnalysisQuery::default()
            },
        )
        .unwrap()
        .total
        .ratings
    };
    assert_eq!(
        (
            published(None),
            published(Some(true)),
            published(Some(false))
        ),
        (3, 2, 1)
    );
    // The team filter selects the rating's team; a rated period bound.
    let filtered = rating_analysis(
        &d,
        SYS,
        RatingAnalysisQuery {
            filter: ReportFilter {
                assignees: vec![d.w.bob.id],
                ..ReportFilter::default()
            },
            rated_from: Some(at("2026-03-08T00:00:00Z")),
            ..RatingAnalysisQuery::default()
        },
    )
    .unwrap();
    assert_eq!(filtered.total.ratings, 1);
    // SLA dimensions are not the ratings'.
    let wrong = rating_analysis(
        &d,
        SYS,
        RatingAnalysisQuery {
            group_by: vec![Dimension::SlaPolicy],
            ..RatingAnalysisQuery::default()
        },
    );
    assert_eq!(field(wrong), "group_by");
}

#[test]
fn rpt_4_sla_and_ratings_analyses_cover_only_what_the_actor_may_read() {
    let d = Desk::new();
    three_ratings(&d);
    // A rated ticket in the private team, which Bob may not read.
    let private = d.w.private_team.clone();
    d.sla_and_ratings_on(&private);
    d.policy(&private, "Private", Priority::Low, 4);
    let ticket =
        d.w.desk
            .create_ticket(
                SYS,
                NewTicket {
                    team: Some(private.id),
                    subject: "Secret".into(),
                    customer: Some(d.w.p1.partner),
                    ..NewTicket::default()
                },
            )
            .unwrap();
    d.close(&ticket, &private);
    d.rate(&ticket, 5);
    let ratings = |user: &User| {
        rating_analysis(&d, Actor::User(user.id), RatingAnalysisQuery::default())
            .map(|r| r.total.ratings)
    };
    let statuses =
        |user: &User| sla_analysis(&d, Actor::User(user.id), vec![]).map(|r| r.total.statuses);
    assert_eq!(ratings(&d.w.alice).unwrap(), 4);
    assert_eq!(ratings(&d.w.bob).unwrap(), 3);
    assert_eq!(statuses(&d.w.alice).unwrap(), 1);
    assert_eq!(statuses(&d.w.bob).unwrap(), 0);
    assert_eq!(ratings(&d.w.p1).unwrap_err().code(), "forbidden");
    assert_eq!(statuses(&d.w.p1).unwrap_err().code(), "forbidden");
    assert_eq!(ratings(&d.w.gina).unwrap_err().code(), "not_found");
    assert_eq!(statuses(&d.w.gina).unwrap_err().code(), "not_found");
}

/// RPT-1 and the cost principle: a ratings analysis (and the list of
/// ratings, RAT-1) from a first instant
/// reads the same whether the company's older tickets were rated or not
/// (the same tickets either way: only the ratings differ).
#[test]
fn rpt_1_a_ratings_analysis_since_an_instant_does_not_read_older_ratings() {
    let reads = |old_rated: bool| {
        let counter = Arc::new(helpdesk::conformance::CountingStore::new(MemoryStore::new()));
        let d = Desk::on(counter.clone());
        let care = d.w.portal_team.clone();
        d.sla_and_ratings_on(&care);
        let closed = |d: &Desk, rate: bool| {
            let ticket =
                d.w.desk
                    .create_ticket(
                        SYS,
                        NewTicket {
                            team: Some(care.id),
                            subject: "Help".into(),
                            customer: Some(d.w.p1.partner),
                            ..NewTicket::default()
                        },
                    )
                    .unwrap();
            // Closing asks for a rating (a rating record); open, none.
            if rate {
                d.close(&ticket, &care);
                d.rate(&ticket, 5);
            }
        };
        for _ in 0..5 {
            closed(&d, old_rated);
        }
        d.after(24 * 400);
        closed(&d, true);
        let since = d.clock.now() - Duration::hours(1);
        counter.take();
        let report =
            d.w.desk
                .rating_analysis(
                    SYS,
                    RatingAnalysisQuery {
                        company: d.w.acme,
                        rated_from: Some(since),
                        ..RatingAnalysisQuery::default()
                    },
                )
                .unwrap();
        assert_eq!(report.total.ratings, 1);
        let analysis = counter.take().rows;
        // RAT-1: so does the list of ratings given since an instant.
        let listed =
            d.w.desk
                .list_ratings(
                    SYS,
                    RatingQuery {
                        company: d.w.acme,
                        from: Some(since),
                        ..RatingQuery::default()
                    },
                )
                .unwrap();
        assert_eq!(listed.len(), 1);
        (analysis, counter.take().rows)
    };
    assert_eq!(reads(false), reads(true));
}
