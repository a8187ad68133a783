//! SQLite store benchmarks: ticket creation throughput beside a plain
//! rusqlite single-row insert transaction on the same settings (the ratio
//! is the figure to quote), and the first page of visible tickets among
//! 100,000 for a portal user and for an agent.
//!
//! `cargo bench -p helpdesk --bench store` (`TEAMS=n` sets the number of
//! teams of the creation bench; 20 by default).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use helpdesk::*;

struct Desk {
    desk: Helpdesk,
    agent: UserId,
    portal: UserId,
    teams: Vec<TeamId>,
    customers: Vec<PartnerId>,
    _dir: tempfile::TempDir,
}

fn desk(teams: usize) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let desk = Helpdesk::open(dir.path().join("bench.sqlite")).unwrap();
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
    let user = |name: &str, kind, role, partner| {
        desk.create_user(
            sys,
            NewUser {
                name: name.into(),
                email: None,
                kind,
                role,
                companies: vec![acme],
                partner,
            },
        )
        .unwrap()
    };
    let agent = user("Agent", UserKind::Internal, HelpdeskRole::Agent, None);
    let customers: Vec<PartnerId> = (0..50)
        .map(|i| {
            desk.create_partner(
                sys,
                NewPartner {
                    name: format!("Customer {i}"),
                    ..NewPartner::default()
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let portal = user(
        "Portal",
        UserKind::Portal,
        HelpdeskRole::None,
        Some(customers[0]),
    );
    let teams = (0..teams)
        .map(|i| {
            let visibility = if i % 4 == 0 {
                Visibility::InvitedInternal
            } else {
                Visibility::Portal
            };
            let team = NewTeam {
                company: acme,
                name: format!("Team {i}"),
                description: String::new(),
                visibility,
                members: vec![agent.id],
                settings: TeamSettings::default(),
                email_alias: None,
            };
            desk.create_team(sys, team).unwrap().id
        })
        .collect();
    Desk {
        desk,
        agent: agent.id,
        portal: portal.id,
        teams,
        customers,
        _dir: dir,
    }
}

fn ticket(d: &Desk, i: usize) -> NewTicket {
    NewTicket {
        team: Some(d.teams[i % d.teams.len()]),
        subject: format!("Ticket {i}"),
        customer: Some(d.customers[i % d.customers.len()]),
        priority: Priority::from_level((i % 4) as i64).unwrap_or_default(),
        ..NewTicket::default()
    }
}

fn creation(c: &mut Criterion) {
    let d = desk(
        std::env::var("TEAMS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    );
    let mut i = 0;
    let mut group = c.benchmark_group("sqlite");
    group.throughput(Throughput::Elements(1));
    group.bench_function("create_ticket (one unit of work, file database)", |b| {
        b.iter(|| {
            i += 1;
            d.desk
                .create_ticket(Actor::User(d.agent), ticket(&d, i))
                .unwrap()
        })
    });
    group.finish();
}

/// The baseline of `creation`, measured in the same run: one plain
/// rusqlite transaction inserting one row, on the settings the store uses
/// (WAL, `synchronous = NORMAL`, the same checkpoint interval).
fn baseline(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut connection = rusqlite::Connection::open(dir.path().join("baseline.sqlite")).unwrap();
    let _: String = connection
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .unwrap();
    connection
        .execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;
             CREATE TABLE rows (id INTEGER PRIMARY KEY, data TEXT NOT NULL);",
        )
        .unwrap();
    let mut group = c.benchmark_group("sqlite");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: plain rusqlite, one row per transaction", |b| {
        b.iter(|| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .unwrap();
            tx.prepare_cached("INSERT INTO rows (data) VALUES (?1)")
                .unwrap()
                .execute(["a ticket of about this many bytes"])
                .unwrap();
            tx.commit().unwrap();
        })
    });
    group.finish();
}

fn listing(c: &mut Criterion) {
    let d = desk(20);
    for i in 0..100_000 {
        d.desk.create_ticket(Actor::System, ticket(&d, i)).unwrap();
    }
    let mut group = c.benchmark_group("sqlite, 100,000 tickets in 20 teams");
    for (who, user) in [("portal user", d.portal), ("agent", d.agent)] {
        group.bench_function(format!("first page of 50 visible tickets, {who}"), |b| {
            b.iter(|| {
                let page = d
                    .desk
                    .list_tickets(Actor::User(user), TicketQuery::default())
                    .unwrap();
                assert_eq!(page.tickets.len(), 50);
                page
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(5));
    targets = creation, baseline, listing
}
criterion_main!(benches);
