//! The public store conformance suite on both bundled stores, and the
//! kill-safety of desk operations interrupted midway.

// A test fails by panicking: unwrap, expect and panic are its assertions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use helpdesk::conformance::{check_store, check_store_concurrency, FaultyStore};
use helpdesk::store::{MemoryStore, SqliteStore, Store};
use helpdesk::*;

#[test]
fn memory_store_passes_the_conformance_suite() {
    check_store(MemoryStore::new);
}

#[test]
fn sqlite_store_passes_the_conformance_suite() {
    check_store(|| SqliteStore::in_memory().unwrap());
}

#[test]
fn sqlite_file_store_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::sync::atomic::AtomicUsize::new(0);
    check_store(|| {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        SqliteStore::open(dir.path().join(format!("desk{i}.sqlite"))).unwrap()
    });
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_store_passes_the_conformance_suite() {
    if common::postgres_location().is_some() {
        check_store(|| {
            let location = common::postgres_location().unwrap();
            helpdesk::store::PostgresStore::open(&location).unwrap()
        });
    }
}

#[test]
fn memory_store_passes_the_concurrency_checks() {
    check_store_concurrency(|n| {
        let store = std::sync::Arc::new(MemoryStore::new());
        vec![store; n]
    });
}

#[test]
fn sqlite_file_opened_by_several_desks_passes_the_concurrency_checks() {
    let dir = tempfile::tempdir().unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    check_store_concurrency(|n| {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = dir.path().join(format!("shared{i}.sqlite"));
        (0..n).map(|_| SqliteStore::open(&path).unwrap()).collect()
    });
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_database_opened_by_several_desks_passes_the_concurrency_checks() {
    if common::postgres_location().is_some() {
        check_store_concurrency(|n| {
            let location = common::postgres_location().unwrap();
            (0..n)
                .map(|_| helpdesk::store::PostgresStore::open(&location).unwrap())
                .collect()
        });
    }
}

/// Interrupts `create_ticket` at every one of its writes in turn: each
/// interrupted run leaves the store byte-for-byte as it was.
fn interrupted_creation_leaves_nothing(store: impl Store + 'static) {
    let store = std::sync::Arc::new(FaultyStore::new(store));
    let desk = Helpdesk::new(store.clone());
    let acme = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap();
    let customer = desk
        .create_partner(
            Actor::System,
            NewPartner {
                name: "C".into(),
                ..NewPartner::default()
            },
        )
        .unwrap();
    let agent = desk
        .create_user(
            Actor::System,
            NewUser {
                name: "Agent".into(),
                email: None,
                kind: UserKind::Internal,
                role: HelpdeskRole::Agent,
                companies: vec![acme.id],
                partner: None,
            },
        )
        .unwrap();
    let team = desk
        .create_team(
            Actor::System,
            NewTeam {
                company: acme.id,
                name: "Support".into(),
                description: String::new(),
                visibility: Visibility::Portal,
                members: vec![agent.id],
                settings: TeamSettings::default(),
                email_alias: None,
            },
        )
        .unwrap();
    // A template on the first stage: creation also writes to the outbox.
    let first = desk.list_stages(Actor::System, team.id).unwrap()[0].id;
    desk.update_stage(
        Actor::System,
        first,
        StageUpdate {
            email_template: Some("ticket_received".into()),
            ..StageUpdate::default()
        },
    )
    .unwrap();
    let new = NewTicket {
        team: Some(team.id),
        subject: "Broken".into(),
        customer: Some(customer.id),
        assignee: Some(agent.id),
        ..NewTicket::default()
    };
    for n in 0.. {
        let before = store.snapshot().unwrap();
        store.fail_at_write(n);
        match desk.create_ticket(Actor::User(agent.id), new.clone()) {
            Err(error) => {
                assert_eq!(error.code(), "storage");
                assert_eq!(
                    store.snapshot().unwrap(),
                    before,
                    "a failure at write {n} left something behind"
                );
            }
            Ok(ticket) => {
                assert!(
                    n >= 5,
                    "create_ticket writes in several steps, here only {n}"
                );
                assert_eq!(
                    ticket.reference, "#1",
                    "no failed attempt consumed a ticket number"
                );
                break;
            }
        }
    }
}

#[test]
fn an_interrupted_unit_of_work_leaves_nothing_on_sqlite() {
    interrupted_creation_leaves_nothing(SqliteStore::in_memory().unwrap());
}

#[test]
fn an_interrupted_unit_of_work_leaves_nothing_in_memory() {
    interrupted_creation_leaves_nothing(MemoryStore::new());
}
