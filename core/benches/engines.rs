//! Assignment and SLA engines (issue 7):
//! - one automatic-assignment choice among 1,000 agents with 10⁶ tickets
//!   stored (memory and SQLite), and the pure choice alone;
//! - SLA deadlines and statuses of 100,000 tickets.
//!
//! `cargo bench -p helpdesk --bench engines` (`TICKETS=n` changes the number
//! of stored tickets; 1,000,000 by default).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use helpdesk::assignment::{choose, Candidate};
use helpdesk::calendar::{CalendarSpec, WorkingCalendar, WorkingHours};
use helpdesk::sla::{self, TeamTime};
use helpdesk::store::{MemoryStore, Store, TeamLoad, WorkMode};
use helpdesk::*;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;

const AGENTS: usize = 1_000;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn office_spec() -> CalendarSpec {
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
    CalendarSpec {
        second_week: None,
        time_zone: "Europe/Brussels".into(),
        hours,
        closures: Vec::new(),
    }
}

/// A desk over `store` with a company, `AGENTS` agents (the last ten on
/// leave), a team assigning by `method` on an office calendar, and
/// `tickets` open tickets spread over the agents, written straight into the
/// store.
fn desk(store: Arc<dyn Store>, method: AssignmentMethod, tickets: usize) -> (Helpdesk, TeamId) {
    let clock = ManualClock::new(start());
    let desk = Helpdesk::new(store.clone()).with_clock(Arc::new(clock));
    let sys = Actor::System;
    let acme = desk
        .create_company(
            sys,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap()
        .id;
    let calendar = desk
        .create_calendar(
            sys,
            NewCalendar {
                company: acme,
                name: "Office".into(),
                spec: office_spec(),
            },
        )
        .unwrap()
        .id;
    let agents: Vec<UserId> = (0..AGENTS)
        .map(|i| {
            desk.create_user(
                sys,
                NewUser {
                    name: format!("Agent {i}"),
                    email: None,
                    kind: UserKind::Internal,
                    role: HelpdeskRole::Agent,
                    companies: vec![acme],
                    partner: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    for agent in &agents[AGENTS - 10..] {
        desk.create_leave(
            sys,
            NewLeave {
                user: *agent,
                from: start() - Duration::days(1),
                to: start() + Duration::days(2),
                reason: "Away".into(),
            },
        )
        .unwrap();
    }
    let team = desk
        .create_team(
            sys,
            NewTeam {
                company: acme,
                name: "Support".into(),
                description: String::new(),
                visibility: Visibility::Internal,
                members: agents.clone(),
                settings: TeamSettings {
                    auto_assignment: true,
                    assignment_method: method,
                    calendar: Some(calendar),
                    ..TeamSettings::default()
                },
                email_alias: None,
            },
        )
        .unwrap();
    let template = desk
        .create_ticket(
            sys,
            NewTicket {
                team: Some(team.id),
                subject: "Template".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    store
        .unit_of_work(WorkMode::Write, &mut |tx| {
            for i in 0..tickets {
                let id = template.id.0 + 1 + i as i64;
                let ticket = Ticket {
                    id: TicketId(id),
                    number: id,
                    reference: format!("#{id}"),
                    assignee: Some(agents[i % AGENTS]),
                    ..template.clone()
                };
                tx.put_ticket(&ticket)?;
            }
            Ok(())
        })
        .unwrap();
    (desk, team.id)
}

fn tickets() -> usize {
    std::env::var("TICKETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

fn assignment(c: &mut Criterion) {
    let candidates: Vec<Candidate> = (0..AGENTS as i64)
        .map(|i| Candidate {
            user: UserId(i + 1),
            first_day: start()
                .date_naive()
                .checked_add_signed(Duration::days(i % 3)),
        })
        .collect();
    let load = TeamLoad {
        last_assignee: Some(UserId(500)),
        open: (1..=AGENTS as i64)
            .map(|i| (UserId(i), 1_000 + (i as u64 % 7)))
            .collect::<BTreeMap<_, _>>(),
    };
    let mut group = c.benchmark_group("assignment among 1,000 agents");
    for method in [
        AssignmentMethod::EqualTickets,
        AssignmentMethod::EqualOpenTickets,
    ] {
        group.bench_function(format!("choice alone, {method:?}"), |b| {
            b.iter(|| choose(method, black_box(&candidates), black_box(&load)))
        });
    }
    let n = tickets();
    let dir = tempfile::tempdir().unwrap();
    let stores: [(&str, Arc<dyn Store>); 2] = [
        ("memory", Arc::new(MemoryStore::new())),
        (
            "sqlite file",
            Arc::new(store::SqliteStore::open(dir.path().join("bench.sqlite")).unwrap()),
        ),
    ];
    for (name, store) in stores {
        let (desk, team) = desk(store, AssignmentMethod::EqualOpenTickets, n);
        group.bench_function(format!("suggest_assignee, {name}, {n} tickets"), |b| {
            b.iter(|| desk.suggest_assignee(Actor::System, team).unwrap())
        });
        group.bench_function(
            format!("create_ticket auto-assigned, {name}, {n} tickets"),
            |b| {
                b.iter(|| {
                    desk.create_ticket(
                        Actor::System,
                        NewTicket {
                            team: Some(team),
                            subject: "Help".into(),
                            ..NewTicket::default()
                        },
                    )
                    .unwrap()
                })
            },
        );
    }
    group.finish();
}

/// ASG-3 at scale: 1,000 agents, each with their own calendar, a leave and
/// an open ticket,
/// on a SQLite file. Warm: the desk has the team's roster (compiled
/// calendars included). Cold: a new desk on the same store, which builds
/// the roster (decodes the users, leaves and calendars, compiles them).
fn own_calendars(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(store::SqliteStore::open(dir.path().join("calendars.sqlite")).unwrap());
    let clock = ManualClock::new(start());
    // One open ticket per agent: the load has 1,000 counters.
    let (desk, team) = desk(store.clone(), AssignmentMethod::EqualOpenTickets, AGENTS);
    let sys = Actor::System;
    let members = desk.get_team(sys, team).unwrap().members;
    for (i, agent) in members.iter().enumerate() {
        let mut spec = office_spec();
        // Everyone's own hours: a start from 07:00 to 09:59.
        for hours in &mut spec.hours {
            if hours.start.seconds() == 8 * 3600 {
                hours.start =
                    helpdesk::calendar::ClockTime::hm(7 + (i as u32 % 3), (i as u32 * 7) % 60)
                        .unwrap();
            }
        }
        let company = desk.get_user(sys, *agent).unwrap().companies[0];
        let own = desk
            .create_calendar(
                sys,
                NewCalendar {
                    company,
                    name: format!("Agent {i}"),
                    spec,
                },
            )
            .unwrap();
        desk.set_user_calendar(sys, *agent, Some(own.id)).unwrap();
        desk.create_leave(
            sys,
            NewLeave {
                user: *agent,
                from: start() + Duration::days(30 + (i as i64 % 20)),
                to: start() + Duration::days(35 + (i as i64 % 20)),
                reason: "Holidays".into(),
            },
        )
        .unwrap();
    }
    let mut group = c.benchmark_group(
        "assignment among 1,000 agents with their own calendars and leaves (sqlite file)",
    );
    group.bench_function("suggest_assignee, warm", |b| {
        b.iter(|| desk.suggest_assignee(sys, team).unwrap())
    });
    group.sample_size(10);
    group.bench_function(
        "suggest_assignee, cold (a new desk on the same store)",
        |b| {
            b.iter(|| {
                Helpdesk::new(store.clone())
                    .with_clock(Arc::new(clock.clone()))
                    .suggest_assignee(sys, team)
                    .unwrap()
            })
        },
    );
    group.finish();
}

/// A ticket's creation, stage history and reach instant.
type SlaTicketFacts = (DateTime<Utc>, Vec<StageChange>, Option<DateTime<Utc>>);

/// Deadlines (with an excluded stage in the history) and statuses of
/// 100,000 tickets created over two years, evaluated at one instant.
fn sla_evaluation(c: &mut Criterion) {
    let calendar = WorkingCalendar::new(office_spec()).unwrap();
    let time = TeamTime(Some(&calendar));
    let allowed = time.allowed(Within {
        days: 2.into(),
        ..Within::default()
    });
    let excluded = [StageId(3)];
    let tickets: Vec<SlaTicketFacts> = (0..100_000)
        .map(|i| {
            let created = start() + Duration::minutes(i * 7);
            let change = |stage, hours| StageChange {
                ticket: TicketId(i),
                stage: StageId(stage),
                at: created + Duration::hours(hours),
                by: None,
            };
            let history = vec![change(1, 0), change(3, 2 + i % 5), change(2, 20)];
            let reached = (i % 3 == 0).then(|| created + Duration::hours(30));
            (created, history, reached)
        })
        .collect();
    let now = start() + Duration::days(800);
    c.bench_function("SLA deadlines and statuses of 100,000 tickets", |b| {
        b.iter(|| {
            let mut failed = 0;
            for (created, history, reached) in &tickets {
                let deadline =
                    sla::deadline(*created, allowed, history, &excluded, now, time).unwrap();
                let (state, _) = sla::evaluate(deadline, *reached, now, time);
                failed += usize::from(state == SlaState::Failed);
            }
            failed
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = sla_evaluation, assignment, own_calendars
}
criterion_main!(benches);
