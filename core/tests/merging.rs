//! Merging tickets into one (MRG-1).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{partner, user};
use helpdesk::conformance::FaultyStore;
use helpdesk::store::MemoryStore;
use helpdesk::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Acme's "Care" team (SLA on, time tracked, field service), its agent, a
/// customer, and Globex with a ticket of its own.
struct Desk {
    desk: Helpdesk,
    clock: ManualClock,
    agent: User,
    carla: Partner,
    care: Team,
    solve: SlaPolicy,
    globex_ticket: Ticket,
}

impl Desk {
    fn new(store: impl store::Store + 'static) -> Self {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
        // Seeded: rebuilt desks issue the same Message-IDs (OUT-2).
        let desk = Helpdesk::new(store)
            .with_clock(Arc::new(clock.clone()))
            .with_random(Arc::new(helpdesk::SeededRandom::new(7)));
        let sys = Actor::System;
        let company = |name: &str| {
            desk.create_company(sys, NewCompany { name: name.into() })
                .unwrap()
                .id
        };
        let (acme, globex) = (company("Acme"), company("Globex"));
        let agent = user(
            &desk,
            "Alice",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let carla = partner(&desk, Some(acme), "Carla");
        let project = desk
            .create_field_service_project(
                sys,
                NewFieldServiceProject {
                    company: acme,
                    name: "On site".into(),
                    worksheets: false,
                    default_worksheet_template: None,
                },
            )
            .unwrap();
        let settings = TeamSettings {
            use_sla: true,
            time_tracking: true,
            field_service: true,
            field_service_project: Some(project.id.0),
            ..TeamSettings::default()
        };
        let team = |company: CompanyId, members: Vec<UserId>| {
            desk.create_team(
                sys,
                NewTeam {
                    company,
                    name: "Care".into(),
                    description: String::new(),
                    visibility: Visibility::Internal,
                    members,
                    settings: settings.clone(),
                    email_alias: None,
                },
            )
            .unwrap()
        };
        let care = team(acme, vec![agent.id]);
        let elsewhere = desk
            .create_team(
                sys,
                NewTeam {
                    company: globex,
                    name: "Care".into(),
                    description: String::new(),
                    visibility: Visibility::Internal,
                    members: Vec::new(),
                    settings: TeamSettings::default(),
                    email_alias: None,
                },
            )
            .unwrap();
        let stages = desk.list_stages(sys, care.id).unwrap();
        let solved = stages.iter().find(|s| s.name == "Solved").unwrap().id;
        let solve = desk
            .create_sla_policy(
                sys,
                NewSlaPolicy {
                    team: care.id,
                    name: "Solve in 8 hours".into(),
                    target_stage: solved,
                    within: Within {
                        hours: 8.into(),
                        ..Within::default()
                    },
                    ..NewSlaPolicy::default()
                },
            )
            .unwrap();
        let globex_ticket = desk
            .create_ticket(
                sys,
                NewTicket {
                    team: Some(elsewhere.id),
                    subject: "Theirs".into(),
                    ..NewTicket::default()
                },
            )
            .unwrap();
        Self {
            desk,
            clock,
            agent,
            carla,
            care,
            solve,
            globex_ticket,
        }
    }

    fn ticket(&self, subject: &str) -> Ticket {
        self.desk
            .create_ticket(
                Actor::User(self.agent.id),
                NewTicket {
                    team: Some(self.care.id),
                    subject: subject.into(),
                    customer: Some(self.carla.id),
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn merge(&self, into: &Ticket, others: &[&Ticket]) -> Result<Ticket> {
        self.desk.merge_tickets(
            Actor::User(self.agent.id),
            into.id,
            others.iter().map(|t| t.id).collect(),
        )
    }

    fn bodies(&self, ticket: &Ticket) -> Vec<String> {
        self.desk
            .list_messages(Actor::System, ticket.id)
            .unwrap()
            .into_iter()
            .map(|m| m.body)
            .collect()
    }
}

#[test]
fn mrg_1_messages_followers_documents_and_unbilled_time_move_to_the_kept_ticket() {
    let d = Desk::new(MemoryStore::new());
    let sys = Actor::System;
    let kept = d.ticket("Printer broken");
    let other = d.ticket("Printer still broken");
    d.desk
        .reply_to_ticket(sys, kept.id, "First on the kept ticket".into())
        .unwrap();
    d.desk
        .reply_to_ticket(sys, other.id, "First on the other".into())
        .unwrap();
    let watcher = partner(&d.desk, None, "Watcher");
    d.desk.follow_ticket(sys, other.id, watcher.id).unwrap();
    let task = d
        .desk
        .create_field_service_task(sys, other.id, NewFieldServiceTask::default())
        .unwrap();
    let entry = d
        .desk
        .log_time(
            Actor::User(d.agent.id),
            other.id,
            NewTimeEntry {
                quantity: Decimal::ONE,
                unit: None,
                description: "Diagnosis".into(),
                date: None,
                agent: None,
            },
        )
        .unwrap();
    let merged = d.merge(&kept, &[&other]).unwrap();
    assert_eq!(
        d.bodies(&kept),
        [
            "First on the kept ticket",
            "First on the other",
            "Field-service task \"Printer still broken\" planned in On site",
            &format!("Merged {} into this ticket.", other.reference),
        ]
    );
    assert_eq!(
        d.bodies(&other),
        [format!("Merged into {}.", kept.reference)],
        "the other ticket keeps only its note"
    );
    assert!(d
        .desk
        .ticket_followers(sys, kept.id)
        .unwrap()
        .contains(&watcher.id));
    assert!(merged.documents.contains(&DocumentRef {
        kind: DocumentKind::FieldServiceTask,
        id: task.id.0
    }));
    assert_eq!(
        d.desk.get_field_service_task(sys, task.id).unwrap().ticket,
        kept.id
    );
    let entries = d.desk.ticket_time_entries(sys, kept.id).unwrap();
    assert_eq!(entries.iter().map(|e| e.id).collect::<Vec<_>>(), [entry.id]);
    assert!(d
        .desk
        .ticket_time_entries(sys, other.id)
        .unwrap()
        .is_empty());
}

#[test]
fn mrg_1_the_others_are_archived_pointing_to_the_kept_ticket_whose_own_fields_stay() {
    let d = Desk::new(MemoryStore::new());
    let kept = d.ticket("Kept");
    let (two, three) = (d.ticket("Two"), d.ticket("Three"));
    let _ = d.clock.advance(Duration::hours(1));
    let merged = d.merge(&kept, &[&two, &three]).unwrap();
    for other in [&two, &three] {
        let archived = d.desk.get_ticket(Actor::System, other.id).unwrap();
        assert!(!archived.active);
        assert_eq!(archived.merged_into, Some(kept.id));
    }
    assert_eq!(
        (
            merged.subject.as_str(),
            merged.customer,
            merged.stage,
            merged.assignee,
            merged.active
        ),
        (
            kept.subject.as_str(),
            kept.customer,
            kept.stage,
            kept.assignee,
            true
        )
    );
    assert_eq!(merged.merged_into, None);
    assert_eq!(
        d.bodies(&kept).last().unwrap(),
        &format!(
            "Merged {}, {} into this ticket.",
            two.reference, three.reference
        )
    );
    // A merged ticket is archived: it does not merge again.
    let again = d.merge(&kept, &[&two]).unwrap_err();
    assert_eq!(again.code(), "invalid_state");
}

#[test]
fn mrg_1_per_policy_the_status_with_the_earliest_deadline_is_kept() {
    let d = Desk::new(MemoryStore::new());
    let older = d.ticket("Since 9:00");
    let _ = d.clock.advance(Duration::hours(3));
    let newer = d.ticket("Since 12:00");
    let deadline = |t: &Ticket| {
        d.desk
            .ticket_sla_statuses(Actor::System, t.id)
            .unwrap()
            .into_iter()
            .find(|s| s.policy == d.solve.id)
            .unwrap()
            .deadline
    };
    let earliest = deadline(&older);
    assert!(earliest < deadline(&newer));
    let merged = d.merge(&newer, &[&older]).unwrap();
    assert_eq!(deadline(&newer), earliest);
    assert_eq!(
        merged.sla_deadline, earliest,
        "the ticket's SLA deadline follows"
    );
    assert_eq!(
        d.desk
            .ticket_sla_statuses(Actor::System, newer.id)
            .unwrap()
            .len(),
        1,
        "one status per policy"
    );
    assert!(d
        .desk
        .ticket_sla_statuses(Actor::System, older.id)
        .unwrap()
        .is_empty());
}

#[test]
fn mrg_1_tickets_of_two_companies_are_refused_and_nothing_changes() {
    let d = Desk::new(MemoryStore::new());
    let ours = d.ticket("Ours");
    let before = d.desk.snapshot().unwrap();
    // The agent cannot see Globex's ticket: as unknown as a missing one.
    let hidden = d.merge(&ours, &[&d.globex_ticket]).unwrap_err();
    assert_eq!(hidden.code(), "not_found");
    // The host sees both, and is refused: tickets merge within a company.
    let refused = d
        .desk
        .merge_tickets(Actor::System, ours.id, vec![d.globex_ticket.id])
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(d.desk.snapshot().unwrap(), before);
}

#[test]
fn mrg_1_bad_lists_and_actors_who_may_not_change_every_ticket_are_refused() {
    let d = Desk::new(MemoryStore::new());
    let (one, two) = (d.ticket("One"), d.ticket("Two"));
    for others in [vec![], vec![two.id, two.id], vec![one.id]] {
        let e = d
            .desk
            .merge_tickets(Actor::User(d.agent.id), one.id, others)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e
            .fields()
            .iter()
            .any(|(k, v)| *k == "field" && v == "others"));
    }
    let company = d.care.company;
    let reader = user(
        &d.desk,
        "Eve",
        UserKind::Internal,
        HelpdeskRole::None,
        company,
        None,
    );
    let e = d
        .desk
        .merge_tickets(Actor::User(reader.id), one.id, vec![two.id])
        .unwrap_err();
    assert!(matches!(e.code(), "forbidden" | "not_found"), "{e}");
}

#[test]
fn mrg_1_a_merge_interrupted_at_any_write_leaves_nothing() {
    let store = Arc::new(FaultyStore::new(MemoryStore::new()));
    let d = Desk::new(store.clone());
    let kept = d.ticket("Kept");
    let other = d.ticket("Other");
    d.desk
        .reply_to_ticket(Actor::System, other.id, "Hello".into())
        .unwrap();
    let before = d.desk.snapshot().unwrap();
    store.fail_at_write(usize::MAX);
    d.merge(&kept, &[&other]).unwrap();
    let writes = store.writes();
    assert!(writes > 5);
    // Undo by rebuilding: each interrupted run is checked on a fresh desk.
    for n in 0..writes {
        let store = Arc::new(FaultyStore::new(MemoryStore::new()));
        let d = Desk::new(store.clone());
        let kept = d.ticket("Kept");
        let other = d.ticket("Other");
        d.desk
            .reply_to_ticket(Actor::System, other.id, "Hello".into())
            .unwrap();
        assert_eq!(d.desk.snapshot().unwrap(), before);
        store.fail_at_write(n);
        assert!(d.merge(&kept, &[&other]).is_err());
        store.fail_at_write(usize::MAX);
        assert_eq!(
            d.desk.snapshot().unwrap(),
            before,
            "interrupted at write {n}"
        );
    }
}

#[test]
fn mrg_1_duplicates_are_suggested_from_the_customers_recent_tickets_with_alike_subjects() {
    let d = Desk::new(MemoryStore::new());
    let ticket = d.ticket("Printer on floor 3 jams");
    let alike = d.ticket("printer jams again");
    let same_words = d.ticket("Floor 3 printer");
    d.ticket("Invoice question");
    let other_customer = d
        .desk
        .create_ticket(
            Actor::User(d.agent.id),
            NewTicket {
                team: Some(d.care.id),
                subject: "Printer on floor 3 jams".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    let _ = d.clock.advance(Duration::days(15));
    d.ticket("Printer on floor 3 jams");
    let suggested: Vec<TicketId> = d
        .desk
        .suggest_duplicates(Actor::User(d.agent.id), ticket.id)
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(suggested, [same_words.id, alike.id]);
    assert!(!suggested.contains(&other_customer.id));
    // A ticket without a customer has no basis for a suggestion.
    assert!(d
        .desk
        .suggest_duplicates(Actor::User(d.agent.id), other_customer.id)
        .unwrap()
        .is_empty());
}
