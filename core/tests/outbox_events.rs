//! Outbox events (OUT-1, OUT-2): every message names what happened with
//! the facts a host renders its own text from, and every e-mail carries a
//! Message-ID the desk issued, threaded to its ticket, with the team's
//! alias to answer to.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::World;
use helpdesk::*;
use std::collections::BTreeSet;

const SYS: Actor = Actor::System;

fn world() -> World {
    World::new(Helpdesk::in_memory())
}

/// The messages recorded since `after` (an outbox id), oldest first.
fn since(w: &World, after: i64) -> Vec<OutboxMessage> {
    w.desk
        .pending_outbox(SYS, 1000)
        .unwrap()
        .into_iter()
        .filter(|m| m.id.0 > after)
        .collect()
}

fn last_id(w: &World) -> i64 {
    w.desk
        .pending_outbox(SYS, 1000)
        .unwrap()
        .last()
        .map_or(0, |m| m.id.0)
}

/// A Support ticket of the first portal customer.
fn ticket(w: &World) -> Ticket {
    w.desk
        .create_ticket(
            SYS,
            NewTicket {
                team: Some(w.portal_team.id),
                subject: "Printer jam".into(),
                customer: Some(w.p1.partner),
                ..NewTicket::default()
            },
        )
        .unwrap()
}

fn set_alias(w: &World, alias: &str) -> Result<Team> {
    w.desk.update_team(
        SYS,
        w.portal_team.id,
        TeamUpdate {
            email_alias: Some(alias.into()),
            ..TeamUpdate::default()
        },
    )
}

#[test]
fn out_1_every_message_names_its_event_with_the_facts_to_render_it() {
    let w = world();
    let t = ticket(&w);
    let mark = last_id(&w);
    // Assigned by the system: Alice is told.
    w.desk.assign_ticket(SYS, t.id, Some(w.alice.id)).unwrap();
    // The customer answers, then Alice.
    w.desk
        .reply_to_ticket(Actor::User(w.p1.id), t.id, "Still jammed".into())
        .unwrap();
    w.desk
        .reply_to_ticket(Actor::User(w.alice.id), t.id, "On my way".into())
        .unwrap();
    let messages = since(&w, mark);
    let events: Vec<OutboxEvent> = messages.iter().map(|m| m.event).collect();
    assert_eq!(
        events,
        [
            OutboxEvent::TicketAssigned,
            OutboxEvent::CustomerReply,
            OutboxEvent::AgentReply
        ]
    );
    let assigned = &messages[0].payload;
    assert_eq!(
        assigned.ticket_reference.as_deref(),
        Some(t.reference.as_str())
    );
    assert_eq!(assigned.ticket_subject.as_deref(), Some("Printer jam"));
    assert_eq!(assigned.team_name.as_deref(), Some("Support"));
    assert_eq!(assigned.assignee_name.as_deref(), Some("Alice"));
    let customer = &messages[1].payload;
    assert_eq!(customer.reply.as_deref(), Some("Still jammed"));
    assert_eq!(
        customer.author_name,
        Some(w.desk.get_partner(SYS, w.p1.partner).unwrap().name)
    );
    let agent = &messages[2];
    assert_eq!(agent.payload.author_name.as_deref(), Some("Alice"));
    assert_eq!(agent.recipients, vec![w.p1.partner]);
    // The default English rendering stays beside the facts.
    assert_eq!(agent.subject, format!("Re: {} Printer jam", t.reference));
    assert_eq!(agent.body, "On my way");
}

#[test]
fn out_1_stage_templates_are_an_e_mail_event_and_an_sms_event_with_the_stage() {
    let w = world();
    let t = ticket(&w);
    let stages = w.desk.list_stages(SYS, w.portal_team.id).unwrap();
    let progress = stages.iter().find(|s| s.name == "In Progress").unwrap();
    w.desk
        .update_stage(
            SYS,
            progress.id,
            StageUpdate {
                email_template: Some("care.progress".into()),
                sms_template: Some("care.progress.sms".into()),
                ..StageUpdate::default()
            },
        )
        .unwrap();
    let mark = last_id(&w);
    w.desk.move_ticket(SYS, t.id, progress.id).unwrap();
    let messages = since(&w, mark);
    let events: Vec<(OutboxEvent, OutboxKind, bool)> = messages
        .iter()
        .map(|m| (m.event, m.kind, m.mail.is_some()))
        .collect();
    assert_eq!(
        events,
        [
            (OutboxEvent::StageEmail, OutboxKind::EmailTemplate, true),
            (OutboxEvent::StageSms, OutboxKind::SmsTemplate, false),
        ]
    );
    assert!(messages
        .iter()
        .all(|m| m.payload.stage_name.as_deref() == Some("In Progress")));
}

#[test]
fn out_2_e_mails_carry_a_desk_message_id_threaded_to_the_ticket_and_reply_to_the_alias() {
    let w = world();
    set_alias(&w, " Support@Acme.Example ").unwrap();
    let t = ticket(&w);
    let mark = last_id(&w);
    w.desk.assign_ticket(SYS, t.id, Some(w.alice.id)).unwrap();
    for n in 0..12 {
        w.desk
            .reply_to_ticket(Actor::User(w.alice.id), t.id, format!("Update {n}"))
            .unwrap();
    }
    let mails: Vec<MailHeaders> = since(&w, mark)
        .into_iter()
        .map(|m| m.mail.expect("an e-mail event has headers"))
        .collect();
    assert_eq!(mails.len(), 13);
    let ids: BTreeSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), 13, "every e-mail has its own Message-ID");
    for (n, mail) in mails.iter().enumerate() {
        assert!(mail.message_id.starts_with('<'));
        assert!(
            mail.message_id.ends_with("@acme.example>"),
            "{}",
            mail.message_id
        );
        assert_eq!(mail.reply_to.as_deref(), Some("support@acme.example"));
        // In reply to the one before; the thread's first and latest ones.
        let before = n.checked_sub(1).map(|b| mails[b].message_id.clone());
        assert_eq!(mail.in_reply_to, before);
        assert_eq!(mail.references.len(), n.min(10));
        if n > 0 {
            assert_eq!(mail.references[0], mails[0].message_id);
            assert_eq!(mail.references.last(), before.as_ref());
        }
    }
    // Another ticket has a thread of its own.
    let other = ticket(&w);
    let mark = last_id(&w);
    w.desk
        .reply_to_ticket(Actor::User(w.alice.id), other.id, "Hello".into())
        .unwrap();
    let first = since(&w, mark).remove(0).mail.unwrap();
    assert_eq!((first.in_reply_to, first.references.len()), (None, 0));
}

#[test]
fn out_2_a_team_alias_is_an_address_unique_in_its_company() {
    let w = world();
    match set_alias(&w, "not an address") {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "email_alias"),
        other => panic!("expected invalid_input, got {other:?}"),
    }
    let set = set_alias(&w, "care@acme.example").unwrap();
    assert_eq!(set.email_alias.as_deref(), Some("care@acme.example"));
    let twice = w.desk.update_team(
        SYS,
        w.private_team.id,
        TeamUpdate {
            email_alias: Some("CARE@acme.example".into()),
            ..TeamUpdate::default()
        },
    );
    assert_eq!(twice.unwrap_err().code(), "conflict");
    // Another company may use it; an empty alias removes it.
    let globex = w
        .desk
        .create_team(
            SYS,
            NewTeam {
                company: w.globex,
                name: "Care".into(),
                email_alias: Some("care@acme.example".into()),
                ..NewTeam::default()
            },
        )
        .unwrap();
    assert_eq!(globex.email_alias.as_deref(), Some("care@acme.example"));
    assert_eq!(set_alias(&w, "").unwrap().email_alias, None);
    // Without an alias the Message-IDs are the desk's own domain.
    let t = ticket(&w);
    let mark = last_id(&w);
    w.desk
        .reply_to_ticket(Actor::User(w.alice.id), t.id, "Hi".into())
        .unwrap();
    let mail = since(&w, mark).remove(0).mail.unwrap();
    assert!(mail.message_id.ends_with("@helpdesk.invalid>"));
    assert_eq!(mail.reply_to, None);
}

#[test]
fn out_2_a_merged_tickets_thread_joins_the_ticket_it_is_merged_into() {
    let w = world();
    let kept = ticket(&w);
    let other = ticket(&w);
    let reply = |t: &Ticket, text: &str| {
        let mark = last_id(&w);
        w.desk
            .reply_to_ticket(Actor::User(w.alice.id), t.id, text.into())
            .unwrap();
        since(&w, mark).remove(0).mail.unwrap()
    };
    let first = reply(&kept, "About the jam");
    let theirs = reply(&other, "About the same jam");
    w.desk
        .merge_tickets(Actor::User(w.alice.id), kept.id, vec![other.id])
        .unwrap();
    let after = reply(&kept, "Both fixed");
    assert_eq!(
        after.references,
        vec![first.message_id, theirs.message_id.clone()]
    );
    assert_eq!(after.in_reply_to, Some(theirs.message_id));
}
