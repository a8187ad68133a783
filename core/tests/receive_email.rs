//! E-mail in through the desk (MAIL-1 … MAIL-5): `receive_email` routes a
//! mail to a team, threads replies, keeps machines and floods out, records
//! attachments, and refuses what it cannot take, writing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::World;
use helpdesk::*;
use proptest::prelude::*;
use std::sync::Arc;

const SYS: Actor = Actor::System;
const ALIAS: &str = "support@desk.example";

/// Acme's world on SQLite, its portal team taking mail at `ALIAS`, with
/// the clock to move.
fn world() -> (World, Arc<ManualClock>) {
    let store = store::SqliteStore::in_memory().unwrap();
    let (w, clock) = World::on_clock(Helpdesk::new(store), "2026-03-02T10:00:00Z");
    w.desk
        .update_team(
            SYS,
            w.portal_team.id,
            TeamUpdate {
                email_alias: Some(ALIAS.into()),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    (w, clock)
}

/// The raw bytes of a message of the corpus (`core/tests/mail`).
fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A plain-text mail; `headers` adds lines (In-Reply-To, Cc…).
fn mail(from: &str, to: &str, subject: &str, id: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n{headers}\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn receive(w: &World, raw: Vec<u8>) -> MailReceipt {
    w.desk.receive_email(SYS, w.acme, raw).unwrap()
}

fn followers(w: &World, ticket: TicketId) -> Vec<Option<String>> {
    w.desk
        .ticket_followers(SYS, ticket)
        .unwrap()
        .into_iter()
        .map(|p| w.desk.get_partner(SYS, p).unwrap().email)
        .collect()
}

/// The Message-ID (with brackets) of the latest e-mail in the outbox about
/// `ticket`.
fn latest_desk_mail(w: &World, ticket: TicketId) -> String {
    w.desk
        .pending_outbox(SYS, 1000)
        .unwrap()
        .into_iter()
        .rev()
        .find(|m| m.ticket == Some(ticket) && m.mail.is_some())
        .and_then(|m| m.mail)
        .expect("an e-mail about the ticket")
        .message_id
}

fn invalid_raw(result: Result<MailReceipt>) -> String {
    match result {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "raw");
            reason
        }
        other => panic!("expected an invalid `raw`, got {other:?}"),
    }
}

#[test]
fn mail_1_a_mail_to_a_team_alias_opens_a_ticket_with_its_sender_as_customer_and_cc_as_followers() {
    let (w, _) = world();
    let receipt = receive(&w, corpus("plain.eml"));
    assert_eq!(receipt.outcome, MailOutcome::TicketCreated);
    let ticket = w.desk.get_ticket(SYS, receipt.ticket.unwrap()).unwrap();
    assert_eq!(ticket.team, Some(w.portal_team.id));
    assert_eq!(
        ticket.subject,
        "Printer on the 3rd floor prints blank pages"
    );
    assert!(ticket
        .description
        .starts_with("Hello,\n\nsince this morning"));
    // The customer is a new contact of the company, named as in From.
    let customer = w.desk.get_partner(SYS, ticket.customer.unwrap()).unwrap();
    assert_eq!(customer.name, "Jane Doe");
    assert_eq!(customer.email.as_deref(), Some("jane.doe@example.com"));
    assert_eq!(customer.company, Some(w.acme));
    // The CC'd (Bob once, though named twice) follow as the customer does.
    let mut seen = followers(&w, ticket.id);
    seen.sort();
    assert_eq!(
        seen,
        [
            Some("bob.martin@example.com".to_string()),
            Some("carol@example.org".to_string()),
            Some("jane.doe@example.com".to_string()),
        ]
    );
    // The mail is the ticket's first message, the customer's.
    let messages = w.desk.list_messages(SYS, ticket.id).unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(Some(messages[0].id), receipt.message);
    assert_eq!(messages[0].kind, MessageKind::Reply);
    assert_eq!(messages[0].author, None);
    assert_eq!(messages[0].author_partner, Some(customer.id));
    assert_eq!(messages[0].body, ticket.description);
}

#[test]
fn mail_1_the_customer_is_the_contact_found_by_the_senders_address() {
    let (w, _) = world();
    let jane = w
        .desk
        .create_partner(
            SYS,
            NewPartner {
                company: Some(w.acme),
                name: "Jane D.".into(),
                email: Some(" JANE.doe@example.com ".into()),
                ..NewPartner::default()
            },
        )
        .unwrap();
    let receipt = receive(&w, corpus("plain.eml"));
    let ticket = w.desk.get_ticket(SYS, receipt.ticket.unwrap()).unwrap();
    assert_eq!(ticket.customer, Some(jane.id));
}

#[test]
fn mail_1_a_mail_to_no_alias_goes_to_the_default_team_or_is_refused_writing_nothing() {
    let (w, _) = world();
    let stray = || {
        mail(
            "kim@example.net",
            "sales@desk.example",
            "Hello",
            "s-1@x",
            "",
            "Hi",
        )
    };
    let before = w.desk.snapshot().unwrap();
    let reason = invalid_raw(w.desk.receive_email(SYS, w.acme, stray()));
    assert!(reason.contains("no team's alias"), "{reason}");
    assert_eq!(w.desk.snapshot().unwrap(), before);

    let settings = MailSettings {
        default_team: Some(w.internal_team.id),
        ..MailSettings::default()
    };
    w.desk.set_mail_settings(SYS, w.acme, settings).unwrap();
    let receipt = receive(&w, stray());
    assert_eq!(receipt.outcome, MailOutcome::TicketCreated);
    let ticket = w.desk.get_ticket(SYS, receipt.ticket.unwrap()).unwrap();
    assert_eq!(ticket.team, Some(w.internal_team.id));
    // A mail to the alias still goes to the alias's team, even in Cc.
    let cc = mail(
        "kim@example.net",
        "someone@example.net",
        "Copy",
        "s-2@x",
        "Cc: Support <SUPPORT@desk.example>\r\n",
        "Hi",
    );
    let receipt = receive(&w, cc);
    let ticket = w.desk.get_ticket(SYS, receipt.ticket.unwrap()).unwrap();
    assert_eq!(ticket.team, Some(w.portal_team.id));
    // The alias itself is not a follower; the other recipient is.
    assert_eq!(
        followers(&w, ticket.id),
        [
            Some("kim@example.net".to_string()),
            Some("someone@example.net".to_string())
        ]
    );
}

#[test]
fn mail_1_settings_are_the_managers_and_name_a_team_of_the_company() {
    let (w, _) = world();
    let agent = Actor::User(w.alice.id);
    let error = w
        .desk
        .set_mail_settings(agent, w.acme, MailSettings::default())
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    let globex_team = common::team(&w.desk, w.globex, "G", Visibility::Internal, vec![]);
    let other = MailSettings {
        default_team: Some(globex_team.id),
        ..MailSettings::default()
    };
    let error = w.desk.set_mail_settings(SYS, w.acme, other).unwrap_err();
    assert_eq!(error.code(), "not_found");
    let zero = MailSettings {
        tickets_per_sender_per_hour: 0,
        ..MailSettings::default()
    };
    let error = w.desk.set_mail_settings(SYS, w.acme, zero).unwrap_err();
    assert!(
        matches!(error, Error::InvalidInput { field, .. } if field == "tickets_per_sender_per_hour")
    );
    let manager = Actor::User(w.manager.id);
    let company = w
        .desk
        .set_mail_settings(
            manager,
            w.acme,
            MailSettings {
                tickets_per_sender_per_hour: 3,
                ..MailSettings::default()
            },
        )
        .unwrap();
    assert_eq!(company.mail.tickets_per_sender_per_hour, 3);
    assert_eq!(w.desk.get_company(SYS, w.acme).unwrap().mail, company.mail);
}

#[test]
fn mail_1_only_the_host_takes_mail_in() {
    let (w, _) = world();
    let raw = mail("kim@example.net", ALIAS, "Hi", "h-1@x", "", "Hi");
    let error = w
        .desk
        .receive_email(Actor::User(w.manager.id), w.acme, raw)
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
}

#[test]
fn mail_2_a_reply_to_a_desk_email_joins_its_ticket_and_reaches_the_followers() {
    let (w, _) = world();
    let opened = receive(&w, corpus("plain.eml"));
    let ticket = opened.ticket.unwrap();
    w.desk.assign_ticket(SYS, ticket, Some(w.alice.id)).unwrap();
    w.desk
        .reply_to_ticket(Actor::User(w.alice.id), ticket, "Is it plugged in?".into())
        .unwrap();
    let desk_id = latest_desk_mail(&w, ticket);
    let headers = format!(
        "In-Reply-To: {desk_id}\r\nReferences: <CAF3x9_aB1c2@mail.example.com> {desk_id}\r\n"
    );
    let reply = mail(
        "Jane Doe <jane.doe@example.com>",
        ALIAS,
        "Re: Printer",
        "r-1@example.com",
        &headers,
        "Yes, it is.",
    );
    let receipt = receive(&w, reply);
    assert_eq!(receipt.outcome, MailOutcome::MessageAdded);
    assert_eq!(receipt.ticket, Some(ticket));
    let messages = w.desk.list_messages(SYS, ticket).unwrap();
    let last = messages.last().unwrap();
    assert_eq!(last.body, "Yes, it is.");
    assert_eq!(last.kind, MessageKind::Reply);
    // The other followers hear of it as a customer's reply, Alice included.
    let out = w.desk.pending_outbox(SYS, 1000).unwrap();
    let note = out.last().unwrap();
    assert_eq!(note.event, OutboxEvent::CustomerReply);
    assert!(note.recipients.contains(&w.alice.partner));
    assert!(!note.recipients.contains(&last.author_partner.unwrap()));
    // A reply to the customer's own first mail threads as well.
    let again = mail(
        "carol@example.org",
        ALIAS,
        "Re: Printer",
        "r-2@example.org",
        "In-Reply-To: <CAF3x9_aB1c2@mail.example.com>\r\n",
        "Same here.",
    );
    assert_eq!(receive(&w, again).ticket, Some(ticket));
}

#[test]
fn mail_2_a_subject_reference_is_trusted_only_from_a_follower_of_that_ticket() {
    let (w, _) = world();
    let opened = receive(&w, corpus("plain.eml"));
    let ticket = w.desk.get_ticket(SYS, opened.ticket.unwrap()).unwrap();
    let subject = format!("Re: more [{}]", ticket.reference);
    // Carol was CC'd: she follows, so her hint is trusted.
    let carol = mail(
        "carol@example.org",
        ALIAS,
        &subject,
        "c-1@x",
        "",
        "More info",
    );
    let receipt = receive(&w, carol);
    assert_eq!(receipt.outcome, MailOutcome::MessageAdded);
    assert_eq!(receipt.ticket, Some(ticket.id));
    // A known customer who does not follow it, guessing the number, opens
    // a ticket of their own.
    let own = mail("mallory@evil.example", ALIAS, "Mine", "m-0@x", "", "Hi");
    assert_eq!(receive(&w, own).outcome, MailOutcome::TicketCreated);
    let stranger = mail(
        "mallory@evil.example",
        ALIAS,
        &subject,
        "m-1@x",
        "",
        "Let me in",
    );
    let receipt = receive(&w, stranger);
    assert_eq!(receipt.outcome, MailOutcome::TicketCreated);
    assert_ne!(receipt.ticket, Some(ticket.id));
    assert_eq!(w.desk.list_messages(SYS, ticket.id).unwrap().len(), 2);
}

#[test]
fn mail_3_machines_mail_never_opens_a_ticket_but_a_bounce_on_a_thread_is_noted() {
    let (w, _) = world();
    for name in ["out_of_office.eml", "bounce.eml", "mailing_list.eml"] {
        let before = w.desk.snapshot().unwrap();
        let receipt = receive(&w, corpus(name));
        assert_eq!(receipt.outcome, MailOutcome::Ignored, "{name}");
        assert!(receipt.automatic.is_some(), "{name}");
        assert_eq!(w.desk.snapshot().unwrap(), before, "{name} wrote");
    }
    // An out-of-office answer to the desk's own mail lands as a note.
    let opened = receive(&w, corpus("plain.eml"));
    let ticket = opened.ticket.unwrap();
    w.desk
        .reply_to_ticket(SYS, ticket, "We are on it.".into())
        .unwrap();
    let desk_id = latest_desk_mail(&w, ticket);
    let sent = w.desk.pending_outbox(SYS, 1000).unwrap().len();
    let ooo = mail(
        "jane.doe@example.com",
        ALIAS,
        "Out of office",
        "ooo-2@x",
        &format!("In-Reply-To: {desk_id}\r\nAuto-Submitted: auto-replied\r\n"),
        "Back on Monday.",
    );
    let receipt = receive(&w, ooo);
    assert_eq!(receipt.outcome, MailOutcome::NoteAdded);
    assert_eq!(receipt.automatic, Some(AutomaticKind::AutoReply));
    let last = w.desk.list_messages(SYS, ticket).unwrap().pop().unwrap();
    assert_eq!(last.kind, MessageKind::Note);
    assert_eq!(w.desk.pending_outbox(SYS, 1000).unwrap().len(), sent);
}

#[test]
fn mail_3_the_same_message_id_is_stored_once() {
    let (w, _) = world();
    let first = receive(&w, corpus("plain.eml"));
    let before = w.desk.snapshot().unwrap();
    let second = receive(&w, corpus("plain.eml"));
    assert_eq!(second.outcome, MailOutcome::Duplicate);
    assert_eq!(second.ticket, first.ticket);
    assert_eq!(second.message, None);
    assert_eq!(w.desk.snapshot().unwrap(), before);
    // Without a Message-ID, the same bytes are the same mail.
    let once = receive(&w, corpus("no_message_id.eml"));
    assert_eq!(once.outcome, MailOutcome::TicketCreated);
    let twice = receive(&w, corpus("no_message_id.eml"));
    assert_eq!(twice.outcome, MailOutcome::Duplicate);
    assert_eq!(twice.ticket, once.ticket);
    // The desk's own e-mail come back to its alias opens nothing.
    let ticket = first.ticket.unwrap();
    w.desk.reply_to_ticket(SYS, ticket, "Done.".into()).unwrap();
    let desk_id = latest_desk_mail(&w, ticket);
    let echo = mail(
        ALIAS,
        ALIAS,
        "Re: Printer",
        desk_id.trim_matches(['<', '>']),
        "",
        "Done.",
    );
    assert_eq!(receive(&w, echo).outcome, MailOutcome::Duplicate);
}

#[test]
fn mail_3_a_sender_over_the_hourly_limit_is_throttled_until_the_hour_has_passed() {
    let (w, clock) = world();
    let settings = MailSettings {
        tickets_per_sender_per_hour: 2,
        ..MailSettings::default()
    };
    w.desk.set_mail_settings(SYS, w.acme, settings).unwrap();
    let flood = |n: u32| {
        mail(
            "bot@example.net",
            ALIAS,
            "Buy",
            &format!("f-{n}@x"),
            "",
            "Buy now",
        )
    };
    assert_eq!(receive(&w, flood(1)).outcome, MailOutcome::TicketCreated);
    clock.advance(Duration::minutes(30)).unwrap();
    let second = receive(&w, flood(2));
    assert_eq!(second.outcome, MailOutcome::TicketCreated);
    let before = w.desk.snapshot().unwrap();
    let third = receive(&w, flood(3));
    assert_eq!(third.outcome, MailOutcome::Throttled);
    assert_eq!(third.ticket, None);
    assert_eq!(w.desk.snapshot().unwrap(), before);
    // Another sender is not held back, nor is a reply of the same sender.
    let other = mail("kim@example.net", ALIAS, "Help", "k-1@x", "", "Help");
    assert_eq!(receive(&w, other).outcome, MailOutcome::TicketCreated);
    let reply = mail(
        "bot@example.net",
        ALIAS,
        "Re: Buy",
        "f-r@x",
        "In-Reply-To: <f-2@x>\r\n",
        "Again",
    );
    assert_eq!(receive(&w, reply).outcome, MailOutcome::MessageAdded);
    // An hour after the first, one more is let through.
    clock.advance(Duration::minutes(31)).unwrap();
    assert_eq!(receive(&w, flood(3)).outcome, MailOutcome::TicketCreated);
    assert_eq!(receive(&w, flood(4)).outcome, MailOutcome::Throttled);
}

#[test]
fn mail_4_attachments_are_recorded_on_the_message_and_their_bytes_handed_to_the_host() {
    let (w, _) = world();
    let receipt = receive(&w, corpus("attachments.eml"));
    let ticket = receipt.ticket.unwrap();
    let message = w.desk.list_messages(SYS, ticket).unwrap().remove(0);
    let parsed =
        mail::parse_mail(&corpus("attachments.eml"), &mail::MailLimits::default()).unwrap();
    assert!(!parsed.attachments.is_empty());
    // The message records each attachment but its bytes.
    let expected: Vec<MessageAttachment> = parsed
        .attachments
        .iter()
        .map(MessageAttachment::from)
        .collect();
    assert_eq!(message.attachments, expected);
    assert_eq!(receipt.attachments, parsed.attachments);
    assert!(receipt.attachments.iter().all(|a| a.content.is_some()));

    // A company keeping fewer bytes gets the records without the bytes.
    let settings = MailSettings {
        max_kept_attachment_bytes: 10,
        ..MailSettings::default()
    };
    w.desk.set_mail_settings(SYS, w.acme, settings).unwrap();
    let raw = String::from_utf8(corpus("attachments.eml"))
        .unwrap()
        .replace("att-1@", "att-2@");
    let receipt = receive(&w, raw.into_bytes());
    assert!(receipt.attachments.iter().all(|a| a.content.is_none()));
    let message = w
        .desk
        .list_messages(SYS, receipt.ticket.unwrap())
        .unwrap()
        .remove(0);
    assert_eq!(message.attachments.len(), parsed.attachments.len());
}

#[test]
fn mail_5_what_cannot_be_taken_in_is_invalid_raw_and_writes_nothing() {
    let (w, _) = world();
    let oversized = {
        let mut raw = mail("kim@example.net", ALIAS, "Big", "big@x", "", "");
        raw.resize(mail::MailLimits::DEFAULT_MAX_MESSAGE_BYTES + 1, b'a');
        raw
    };
    let cases = [
        corpus("garbage.eml"),
        corpus("no_from.eml"),
        corpus("no_recipient.eml"),
        corpus("broken_mime.eml"),
        Vec::new(),
        oversized,
    ];
    for raw in cases {
        let before = w.desk.snapshot().unwrap();
        invalid_raw(w.desk.receive_email(SYS, w.acme, raw));
        assert_eq!(w.desk.snapshot().unwrap(), before);
    }
    // Another company's id is a missing one.
    let raw = mail("kim@example.net", ALIAS, "Hi", "x@x", "", "Hi");
    let error = w.desk.receive_email(SYS, CompanyId(999), raw).unwrap_err();
    assert_eq!(error.code(), "not_found");
}

/// Every message of the corpus through the desk, with its outcome.
#[test]
fn mail_1_to_5_the_corpus_through_the_desk() {
    use MailOutcome::*;
    let expected: &[(&str, Option<MailOutcome>)] = &[
        ("plain.eml", Some(TicketCreated)),
        ("html_only.eml", Some(TicketCreated)),
        ("alternative.eml", Some(TicketCreated)),
        ("attachments.eml", Some(TicketCreated)),
        ("latin1.eml", Some(TicketCreated)),
        ("shift_jis.eml", Some(TicketCreated)),
        ("encoded_words.eml", Some(TicketCreated)),
        ("no_message_id.eml", Some(TicketCreated)),
        // Its References name plain.eml's Message-ID, taken in above.
        ("reply.eml", Some(MessageAdded)),
        ("out_of_office.eml", Some(Ignored)),
        ("bounce.eml", Some(Ignored)),
        ("mailing_list.eml", Some(Ignored)),
        ("garbage.eml", None),
        ("no_from.eml", None),
        ("no_recipient.eml", None),
        ("broken_mime.eml", None),
    ];
    let (w, _) = world();
    for (name, outcome) in expected {
        match outcome {
            Some(outcome) => assert_eq!(receive(&w, corpus(name)).outcome, *outcome, "{name}"),
            None => {
                invalid_raw(w.desk.receive_email(SYS, w.acme, corpus(name)));
            }
        }
    }
}

/// One step of a mail conversation over several tickets.
#[derive(Debug, Clone)]
enum Step {
    /// An agent replies on ticket `n` (an e-mail with a Message-ID).
    AgentReply(usize),
    /// The customer of ticket `n` answers the `k`-th mail of its thread
    /// (counting from the newest), naming the thread in References.
    CustomerReply(usize, usize),
}

fn step(tickets: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..tickets).prop_map(Step::AgentReply),
        (0..tickets, 0..4usize).prop_map(|(n, k)| Step::CustomerReply(n, k)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// MAIL-2: whatever the interleaving of the desk's replies and the
    /// customers' answers, each answer lands on the ticket it answers.
    #[test]
    fn mail_2_interleaved_replies_always_land_on_the_right_ticket(
        steps in proptest::collection::vec(step(3), 1..25)
    ) {
        let (w, _) = world();
        // The ids of each ticket's thread, oldest first, with brackets.
        let mut threads: Vec<Vec<String>> = Vec::new();
        let mut tickets = Vec::new();
        for n in 0..3 {
            let id = format!("open-{n}@customer{n}.example");
            let raw = mail(&format!("c{n}@customer{n}.example"), ALIAS, &format!("Case {n}"), &id, "", "Help");
            tickets.push(receive(&w, raw).ticket.unwrap());
            threads.push(vec![format!("<{id}>")]);
        }
        for (i, step) in steps.into_iter().enumerate() {
            match step {
                Step::AgentReply(n) => {
                    w.desk.reply_to_ticket(SYS, tickets[n], format!("Answer {i}")).unwrap();
                    threads[n].push(latest_desk_mail(&w, tickets[n]));
                }
                Step::CustomerReply(n, k) => {
                    let thread = &threads[n];
                    let answered = &thread[thread.len() - 1 - k.min(thread.len() - 1)];
                    let id = format!("answer-{i}@customer{n}.example");
                    let headers = format!("In-Reply-To: {answered}\r\nReferences: {}\r\n", thread.join(" "));
                    let raw = mail(&format!("c{n}@customer{n}.example"), ALIAS, "Re: case", &id, &headers, "More");
                    let receipt = receive(&w, raw);
                    prop_assert_eq!(receipt.outcome, MailOutcome::MessageAdded);
                    prop_assert_eq!(receipt.ticket, Some(tickets[n]));
                    threads[n].push(format!("<{id}>"));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// MAIL-5: whatever the bytes — random, or a mail with bytes changed —
    /// the desk answers a receipt or a typed error, never a panic, and an
    /// error writes nothing.
    #[test]
    fn mail_5_any_bytes_give_a_receipt_or_an_error_that_writes_nothing(
        random in proptest::collection::vec(any::<u8>(), 0..400),
        changes in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
    ) {
        let (w, _) = world();
        let mut mangled = corpus("attachments.eml");
        for (at, byte) in changes {
            let at = at % mangled.len();
            mangled[at] = byte;
        }
        for raw in [random, mangled] {
            let before = w.desk.snapshot().unwrap();
            if w.desk.receive_email(SYS, w.acme, raw).is_err() {
                prop_assert_eq!(w.desk.snapshot().unwrap(), before);
            }
        }
    }
}
