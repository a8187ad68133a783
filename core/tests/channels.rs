//! Channels (CHAT-1): a live-chat session becomes a ticket whose first
//! messages are the transcript, authored and dated as in the chat; and
//! imports (IMP-1) find a contact by its e-mail address.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Utc};
use common::{at, World};
use helpdesk::*;

const SYS: Actor = Actor::System;

/// Acme's world at 10:00 on a manual clock.
fn world() -> World {
    World::on_clock(Helpdesk::in_memory(), "2026-03-02T10:00:00Z").0
}

fn line(agent: Option<UserId>, at_text: &str, text: &str) -> ChatLine {
    ChatLine {
        agent,
        at: at(at_text),
        text: text.into(),
    }
}

fn chat(w: &World, transcript: Vec<ChatLine>) -> ChatTicket {
    ChatTicket {
        team: w.portal_team.id,
        customer: w.p1.partner,
        subject: None,
        transcript,
    }
}

#[test]
fn chat_1_the_transcript_becomes_the_first_messages_with_their_authors_and_instants() {
    let w = world();
    let before = w.desk.pending_outbox(SYS, 100).unwrap().len();
    let transcript = vec![
        line(
            Some(w.alice.id),
            "2026-03-02T09:40:00Z",
            "Hello, how can I help?",
        ),
        line(
            None,
            "2026-03-02T09:41:00Z",
            "My printer prints blank pages since this morning",
        ),
        line(
            Some(w.alice.id),
            "2026-03-02T09:45:00Z",
            "I'll open a ticket for a technician.",
        ),
    ];
    let ticket = w
        .desk
        .create_ticket_from_chat(Actor::User(w.alice.id), chat(&w, transcript))
        .unwrap();
    // The subject is the customer's first line, cut to 80 characters.
    assert_eq!(
        ticket.subject,
        "My printer prints blank pages since this morning"
    );
    assert_eq!(ticket.customer, Some(w.p1.partner));
    assert_eq!(ticket.team, Some(w.portal_team.id));
    let messages = w.desk.list_messages(SYS, ticket.id).unwrap();
    type Seen = (
        Option<UserId>,
        Option<PartnerId>,
        DateTime<Utc>,
        MessageKind,
    );
    let seen: Vec<Seen> = messages
        .iter()
        .map(|m| (m.author, m.author_partner, m.at, m.kind))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                Some(w.alice.id),
                Some(w.alice.partner),
                at("2026-03-02T09:40:00Z"),
                MessageKind::Reply
            ),
            (
                None,
                Some(w.p1.partner),
                at("2026-03-02T09:41:00Z"),
                MessageKind::Reply
            ),
            (
                Some(w.alice.id),
                Some(w.alice.partner),
                at("2026-03-02T09:45:00Z"),
                MessageKind::Reply
            ),
        ]
    );
    assert_eq!(messages[2].body, "I'll open a ticket for a technician.");
    // The customer saw the lines live: nobody is sent them again.
    assert_eq!(w.desk.pending_outbox(SYS, 100).unwrap().len(), before);
    // The customer reads the chat in the portal.
    let theirs = w
        .desk
        .list_messages(Actor::User(w.p1.id), ticket.id)
        .unwrap();
    assert_eq!(theirs.len(), 3);
}

#[test]
fn chat_1_a_given_subject_is_kept_and_a_long_first_line_is_cut() {
    let w = world();
    let long = "é".repeat(100);
    let mut input = chat(&w, vec![line(None, "2026-03-02T09:00:00Z", &long)]);
    let cut = w.desk.create_ticket_from_chat(SYS, input.clone()).unwrap();
    assert_eq!(cut.subject.chars().count(), 80);
    input.subject = Some("Printer".into());
    assert_eq!(
        w.desk.create_ticket_from_chat(SYS, input).unwrap().subject,
        "Printer"
    );
}

#[test]
fn chat_1_a_bad_transcript_is_refused_whole_and_writes_nothing() {
    let w = world();
    let snapshot = w.desk.snapshot().unwrap();
    let field = |result: Result<Ticket>| match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected invalid_input, got {other:?}"),
    };
    let try_chat = |lines: Vec<ChatLine>| w.desk.create_ticket_from_chat(SYS, chat(&w, lines));
    assert_eq!(field(try_chat(vec![])), "transcript");
    let backwards = vec![
        line(None, "2026-03-02T09:50:00Z", "Hi"),
        line(None, "2026-03-02T09:40:00Z", "Earlier?"),
    ];
    assert_eq!(field(try_chat(backwards)), "transcript");
    let future = vec![line(None, "2026-03-02T11:00:00Z", "Tomorrow")];
    assert_eq!(field(try_chat(future)), "transcript");
    let blank = vec![
        line(None, "2026-03-02T09:00:00Z", "Hi"),
        line(None, "2026-03-02T09:01:00Z", "  "),
    ];
    assert_eq!(field(try_chat(blank)), "transcript");
    // An employee of another company is unknown here.
    let theirs = vec![line(Some(w.gina.id), "2026-03-02T09:00:00Z", "Hello")];
    assert_eq!(try_chat(theirs).unwrap_err().code(), "not_found");
    assert_eq!(w.desk.snapshot().unwrap(), snapshot);
}

#[test]
fn chat_1_only_those_who_file_tickets_turn_a_chat_into_one() {
    let w = world();
    let lines = vec![line(None, "2026-03-02T09:00:00Z", "Hi")];
    let portal = w
        .desk
        .create_ticket_from_chat(Actor::User(w.p1.id), chat(&w, lines.clone()));
    assert_eq!(portal.unwrap_err().code(), "forbidden");
    let other = w
        .desk
        .create_ticket_from_chat(Actor::User(w.gina.id), chat(&w, lines));
    assert_eq!(other.unwrap_err().code(), "not_found");
}

#[test]
fn imp_1_a_contact_is_found_by_its_e_mail_address_in_its_company() {
    let w = world();
    let partner = |company, name: &str, email: &str| {
        w.desk
            .create_partner(
                SYS,
                NewPartner {
                    company: Some(company),
                    name: name.into(),
                    email: Some(email.into()),
                    ..NewPartner::default()
                },
            )
            .unwrap()
    };
    let carla = partner(w.acme, "Carla", "Carla@Example.com");
    partner(w.acme, "Carla again", "carla@example.com");
    let theirs = partner(w.globex, "Carla at Globex", "carla@example.com");
    let find =
        |actor, company, email: &str| w.desk.find_partner_by_email(actor, company, email.into());
    // Whatever the case and spaces; the oldest of the company's.
    let found = find(SYS, w.acme, "  CARLA@example.COM ").unwrap();
    assert_eq!(found.map(|p| p.id), Some(carla.id));
    assert_eq!(
        find(SYS, w.globex, "carla@example.com")
            .unwrap()
            .map(|p| p.id),
        Some(theirs.id)
    );
    assert_eq!(find(SYS, w.acme, "nobody@example.com").unwrap(), None);
    // A changed address is found by the new one only.
    w.desk
        .update_partner(
            SYS,
            carla.id,
            PartnerUpdate {
                email: Some("carla@new.example".into()),
                ..PartnerUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(
        find(SYS, w.acme, "carla@new.example")
            .unwrap()
            .map(|p| p.id),
        Some(carla.id)
    );
    assert_ne!(
        find(SYS, w.acme, "carla@example.com")
            .unwrap()
            .map(|p| p.id),
        Some(carla.id)
    );
    // Agents of the company look up; customers may not; other companies do not know it.
    assert!(find(Actor::User(w.alice.id), w.acme, "carla@new.example")
        .unwrap()
        .is_some());
    assert_eq!(
        find(Actor::User(w.p1.id), w.acme, "carla@new.example")
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        find(Actor::User(w.gina.id), w.acme, "carla@new.example")
            .unwrap_err()
            .code(),
        "not_found"
    );
    match find(SYS, w.acme, "not an address") {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "email"),
        other => panic!("expected invalid_input, got {other:?}"),
    }
}
