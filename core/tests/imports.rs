//! Imports (IMP-1): a ticket brought over from another system keeps the
//! instants it had there, is safe to import again, and tells nobody.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Utc};
use common::{at, World};
use helpdesk::*;

const SYS: Actor = Actor::System;

/// Acme's world on SQLite at 2026-03-02 10:00.
fn world() -> World {
    let store = store::SqliteStore::in_memory().unwrap();
    World::on_clock(Helpdesk::new(store), "2026-03-02T10:00:00Z").0
}

fn row(w: &World, subject: &str, assignee: Option<UserId>) -> NewTicket {
    NewTicket {
        team: Some(w.portal_team.id),
        subject: subject.into(),
        customer: Some(w.p1.partner),
        assignee,
        ..NewTicket::default()
    }
}

fn history(external_id: &str) -> TicketImport {
    TicketImport {
        external_id: external_id.into(),
        created_at: Some(at("2026-01-12T09:00:00Z")),
        assigned_at: Some(at("2026-01-12T10:30:00Z")),
        closed_at: Some(at("2026-01-14T16:00:00Z")),
        notify: false,
    }
}

#[test]
fn imp_1_an_imported_ticket_keeps_its_created_assigned_and_closed_instants() {
    let w = world();
    let outbox = w.desk.pending_outbox(SYS, 1000).unwrap().len();
    let ticket = w
        .desk
        .import_ticket(
            SYS,
            row(&w, "Old printer case", Some(w.alice.id)),
            history("ZD-1001"),
        )
        .unwrap();
    assert_eq!(ticket.created_at, at("2026-01-12T09:00:00Z"));
    assert_eq!(ticket.assignee, Some(w.alice.id));
    assert_eq!(ticket.assigned_at, Some(at("2026-01-12T10:30:00Z")));
    assert_eq!(ticket.closed_at, Some(at("2026-01-14T16:00:00Z")));
    assert!(!ticket.is_open());
    assert_eq!(ticket.last_activity_at, at("2026-01-14T16:00:00Z"));
    // The team has no calendar: working times are plain seconds.
    assert_eq!(ticket.working_seconds_to_assign, Some(90 * 60));
    assert_eq!(ticket.working_seconds_to_close, Some(55 * 3600));
    let stages: Vec<DateTime<Utc>> = w
        .desk
        .stage_history(SYS, ticket.id)
        .unwrap()
        .into_iter()
        .map(|change| change.at)
        .collect();
    assert_eq!(
        stages,
        [at("2026-01-12T09:00:00Z"), at("2026-01-14T16:00:00Z")]
    );
    // Nobody is told: the assignment and the closing record nothing.
    assert_eq!(w.desk.pending_outbox(SYS, 1000).unwrap().len(), outbox);
    assert_eq!(w.desk.get_ticket(SYS, ticket.id).unwrap(), ticket);
}

#[test]
fn imp_1_importing_an_external_id_again_returns_the_first_ticket_and_writes_nothing() {
    let w = world();
    let first = w
        .desk
        .import_ticket(SYS, row(&w, "Case", Some(w.alice.id)), history("ZD-7"))
        .unwrap();
    let before = w.desk.snapshot().unwrap();
    let again = w
        .desk
        .import_ticket(SYS, row(&w, "Case, edited", None), history("ZD-7"))
        .unwrap();
    assert_eq!(again, first);
    assert_eq!(w.desk.snapshot().unwrap(), before);
    // Another id is another ticket; the same id in another company too.
    let other = w
        .desk
        .import_ticket(SYS, row(&w, "Case", Some(w.alice.id)), history("ZD-8"))
        .unwrap();
    assert_ne!(other.id, first.id);
    let globex_team = common::team(&w.desk, w.globex, "G", Visibility::Internal, vec![]);
    let elsewhere = w
        .desk
        .import_ticket(
            SYS,
            NewTicket {
                team: Some(globex_team.id),
                subject: "Case".into(),
                ..NewTicket::default()
            },
            TicketImport {
                assigned_at: None,
                ..history("ZD-7")
            },
        )
        .unwrap();
    assert_eq!(elsewhere.company, w.globex);
}

#[test]
fn imp_1_an_import_asked_to_notify_records_its_notifications() {
    let w = world();
    let outbox = w.desk.pending_outbox(SYS, 1000).unwrap().len();
    let imported = TicketImport {
        notify: true,
        closed_at: None,
        ..history("ZD-9")
    };
    let ticket = w
        .desk
        .import_ticket(SYS, row(&w, "Loud", Some(w.alice.id)), imported)
        .unwrap();
    let out = w.desk.pending_outbox(SYS, 1000).unwrap();
    assert_eq!(out.len(), outbox + 1);
    let note = out.last().unwrap();
    assert_eq!(note.event, OutboxEvent::TicketAssigned);
    assert_eq!(note.ticket, Some(ticket.id));
    assert_eq!(note.created_at, at("2026-01-12T10:30:00Z"));
}

#[test]
fn imp_1_an_imported_ticket_keeps_the_assignee_it_had_none_included() {
    let w = world();
    w.desk
        .update_team(
            SYS,
            w.portal_team.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    auto_assignment: Some(true),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let imported = TicketImport {
        assigned_at: None,
        ..history("ZD-10")
    };
    let ticket = w
        .desk
        .import_ticket(SYS, row(&w, "Nobody's", None), imported)
        .unwrap();
    assert_eq!(ticket.assignee, None);
    // Created tickets are still auto-assigned.
    let created = w.ticket(&w.portal_team, "Fresh", None);
    assert_eq!(created.assignee, Some(w.alice.id));
    // Without assigned_at, the assignee given has it from the creation.
    let imported = TicketImport {
        assigned_at: None,
        closed_at: None,
        ..history("ZD-11")
    };
    let ticket = w
        .desk
        .import_ticket(SYS, row(&w, "Alice's", Some(w.alice.id)), imported)
        .unwrap();
    assert_eq!(ticket.assigned_at, Some(at("2026-01-12T09:00:00Z")));
}

#[test]
fn imp_1_bad_imports_name_the_field_and_write_nothing() {
    let w = world();
    let cases: Vec<(&str, NewTicket, TicketImport)> = vec![
        (
            "external_id",
            row(&w, "x", None),
            TicketImport {
                external_id: " ".into(),
                ..TicketImport::default()
            },
        ),
        (
            "created_at",
            row(&w, "x", None),
            TicketImport {
                created_at: Some(at("2026-03-03T00:00:00Z")),
                ..history("B-1")
            },
        ),
        (
            "assigned_at",
            row(&w, "x", Some(w.alice.id)),
            TicketImport {
                assigned_at: Some(at("2026-01-01T00:00:00Z")),
                ..history("B-2")
            },
        ),
        (
            "closed_at",
            row(&w, "x", Some(w.alice.id)),
            TicketImport {
                closed_at: Some(at("2026-03-02T10:00:01Z")),
                ..history("B-3")
            },
        ),
        ("assigned_at", row(&w, "x", None), history("B-4")),
        ("subject", row(&w, "", Some(w.alice.id)), history("B-5")),
    ];
    for (field, ticket, imported) in cases {
        let before = w.desk.snapshot().unwrap();
        match w.desk.import_ticket(SYS, ticket, imported) {
            Err(Error::InvalidInput { field: named, .. }) => assert_eq!(named, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
        assert_eq!(w.desk.snapshot().unwrap(), before, "{field}");
    }
    let error = w
        .desk
        .import_ticket(
            Actor::User(w.manager.id),
            row(&w, "x", None),
            history("B-6"),
        )
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
}

#[test]
fn imp_1_a_contact_imported_again_is_the_first_one_and_nothing_is_written() {
    let w = world();
    let row = |name: &str| NewPartner {
        company: Some(w.acme),
        name: name.into(),
        email: Some("carla@example.com".into()),
        ..NewPartner::default()
    };
    let carla = w
        .desk
        .import_partner(SYS, row("Carla"), "CRM-42".into())
        .unwrap();
    assert_eq!(carla.email.as_deref(), Some("carla@example.com"));
    let before = w.desk.snapshot().unwrap();
    let again = w
        .desk
        .import_partner(SYS, row("Carla (edited)"), "CRM-42".into())
        .unwrap();
    assert_eq!(again, carla);
    assert_eq!(w.desk.snapshot().unwrap(), before);
    // A ticket's external id and a contact's are of different kinds.
    let ticket = w
        .desk
        .import_ticket(
            SYS,
            NewTicket {
                team: Some(w.portal_team.id),
                subject: "Hers".into(),
                customer: Some(carla.id),
                ..NewTicket::default()
            },
            TicketImport {
                external_id: "CRM-42".into(),
                ..TicketImport::default()
            },
        )
        .unwrap();
    assert_eq!(ticket.customer, Some(carla.id));
    let other = w
        .desk
        .import_partner(SYS, row("Dora"), "CRM-43".into())
        .unwrap();
    assert_ne!(other.id, carla.id);
    // Imports are the host's, of a company's contacts.
    let error = w
        .desk
        .import_partner(Actor::User(w.manager.id), row("X"), "CRM-44".into())
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    let shared = NewPartner {
        company: None,
        ..row("Shared")
    };
    let error = w
        .desk
        .import_partner(SYS, shared, "CRM-45".into())
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput { field, .. } if field == "company"));
}
