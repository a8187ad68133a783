//! E-mail intake (`helpdesk::mail`, MAIL-1 to MAIL-5) on a corpus of
//! real-world message shapes in `tests/mail/` (CRLF line ends): each test
//! is named after the rule it checks and asserts the exact parse of its
//! messages; property tests check that random bytes and random mutations
//! of the corpus never panic.
//!
//! The SHA-256 values were cross-checked with `sha256sum` on the decoded
//! attachment bytes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use helpdesk::mail::*;
use helpdesk::Error;
use proptest::prelude::*;

const CORPUS: [&str; 17] = [
    "plain.eml",
    "html_only.eml",
    "alternative.eml",
    "attachments.eml",
    "latin1.eml",
    "shift_jis.eml",
    "encoded_words.eml",
    "reply.eml",
    "out_of_office.eml",
    "bounce.eml",
    "no_message_id.eml",
    "mailing_list.eml",
    "garbage.eml",
    "no_from.eml",
    "no_recipient.eml",
    "broken_mime.eml",
    "fuzz_multipart_end.eml",
];

/// The raw bytes of a corpus message.
fn raw(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A corpus message parsed with the default limits.
fn parse(name: &str) -> IncomingMail {
    parse_mail(&raw(name), &MailLimits::default())
        .unwrap_or_else(|e| panic!("{name} should parse: {e}"))
}

/// The MAIL-5 reason a corpus message (or any bytes) is refused for.
fn refusal(raw: &[u8], limits: &MailLimits) -> String {
    match parse_mail(raw, limits) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "raw");
            reason
        }
        other => panic!("expected an invalid `raw`, got {other:?}"),
    }
}

fn address(name: Option<&str>, email: &str) -> MailAddress {
    MailAddress {
        name: name.map(str::to_string),
        email: email.to_string(),
    }
}

fn support() -> Vec<MailAddress> {
    vec![address(None, "support@desk.example")]
}

/// A minimal mail with `extra` header lines (CRLF-terminated) added.
fn mail_with_headers(from: &str, extra: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: support@desk.example\r\nSubject: Hi\r\nMessage-ID: <x@example.com>\r\n{extra}\r\nBody\r\n"
    )
    .into_bytes()
}

#[test]
fn mail_1_a_plain_text_mail_gives_subject_body_sender_and_cc_followers() {
    assert_eq!(
        parse("plain.eml"),
        IncomingMail {
            message_id: Some("CAF3x9_aB1c2@mail.example.com".into()),
            in_reply_to: vec![],
            references: vec![],
            from: address(Some("Jane Doe"), "jane.doe@example.com"),
            to: vec![address(Some("Support"), "support@desk.example")],
            // Lowercased, and the second spelling of Bob's address dropped.
            cc: vec![
                address(Some("Bob Martin"), "bob.martin@example.com"),
                address(None, "carol@example.org"),
            ],
            reply_to: Some(address(Some("Jane (office)"), "jane.office@example.com")),
            subject: "Printer on the 3rd floor prints blank pages".into(),
            date: Some(Utc.with_ymd_and_hms(2025, 3, 4, 8, 14, 55).unwrap()),
            text: "Hello,\n\nsince this morning the printer on the 3rd floor prints only blank pages.\n\
                   Could someone have a look?\n\nThanks,\nJane"
                .into(),
            attachments: vec![],
            attachments_truncated: false,
            automatic: None,
        }
    );
}

#[test]
fn mail_1_an_html_only_body_becomes_text_without_tags_scripts_or_styles() {
    let mail = parse("html_only.eml");
    assert_eq!(
        mail.text,
        "Hello,\nmy order #1234 has not arrived & the tracking link is broken.\nRegards,\nPaul"
    );
    for leftover in [
        "<",
        ">",
        "document.location",
        "evil",
        "font-family",
        "color",
    ] {
        assert!(
            !mail.text.contains(leftover),
            "{leftover:?} in {:?}",
            mail.text
        );
    }
    assert_eq!(mail.subject, "Order #1234 not delivered");
    assert_eq!(mail.from, address(Some("Acme Shop"), "orders@acme.example"));
    assert_eq!(mail.to, support());
    assert_eq!(
        mail.date,
        Some(Utc.with_ymd_and_hms(2025, 3, 5, 22, 30, 0).unwrap())
    );
    assert!(mail.attachments.is_empty());
}

#[test]
fn mail_1_of_alternative_parts_the_plain_text_one_is_the_body() {
    let mail = parse("alternative.eml");
    assert_eq!(
        mail.text,
        "Hello, invoice 2025-017 lists two licences but we bought one."
    );
    assert_eq!(mail.message_id.as_deref(), Some("alt-1@example.de"));
    // The HTML alternative is the same body, not an attachment.
    assert!(mail.attachments.is_empty());
}

#[test]
fn mail_1_bodies_in_other_charsets_are_decoded() {
    let latin1 = parse("latin1.eml");
    assert_eq!(
        latin1.text,
        "Grüße aus Köln! Der Drucker zeigt »Fehler 42«.\nVielen Dank, Jürgen"
    );
    assert_eq!(latin1.subject, "Drucker stört");
    assert_eq!(
        latin1.from,
        address(Some("Jürgen Müller"), "juergen@example.de")
    );

    let shift_jis = parse("shift_jis.eml");
    assert_eq!(
        shift_jis.text,
        "お世話になっております。\nプリンターが動きません。"
    );
    assert_eq!(shift_jis.subject, "プリンター故障");
    assert_eq!(
        shift_jis.from,
        address(Some("山田 太郎"), "taro.yamada@example.jp")
    );

    // windows-1252 in quoted-printable: € is 0x80, – is 0x96.
    assert_eq!(
        parse("encoded_words.eml").text,
        "Bonjour, le remboursement de 49,90 € a été refusé – pourquoi ?"
    );
}

#[test]
fn mail_1_encoded_words_in_subject_and_names_are_decoded() {
    let mail = parse("encoded_words.eml");
    assert_eq!(mail.subject, "Remboursement refusé – 49,90 € “urgent”");
    assert_eq!(
        mail.from,
        address(Some("René Dupré"), "rene.dupre@example.fr")
    );
    assert_eq!(
        mail.to,
        vec![address(
            Some("Service client équipe"),
            "support@desk.example"
        )]
    );
}

#[test]
fn mail_1_subjects_and_names_are_one_line() {
    // An encoded word can hide a line break (a header injection if the
    // subject went back into a reply's headers unchecked).
    let raw = b"From: =?UTF-8?Q?Eve=0D=0ABcc:_x@evil.example?= <eve@example.com>\r\n\
                To: support@desk.example\r\n\
                Subject: =?UTF-8?Q?Hello=0D=0ABcc:_all@evil.example?=\r\n  \t and\tmore\r\n\r\nBody\r\n";
    let mail = parse_mail(raw, &MailLimits::default()).unwrap();
    assert_eq!(mail.subject, "Hello Bcc: all@evil.example and more");
    assert_eq!(
        mail.from,
        address(Some("Eve Bcc: x@evil.example"), "eve@example.com")
    );
}

#[test]
fn mail_1_a_mail_without_message_id_or_date_is_taken_in() {
    let mail = parse("no_message_id.eml");
    assert_eq!(mail.message_id, None);
    assert_eq!(mail.date, None);
    assert_eq!(mail.from, address(None, "kim@example.net"));
    assert_eq!(mail.to, support());
    assert_eq!(mail.subject, "Password reset link expired");
    assert_eq!(
        mail.text,
        "The password reset link you sent me has already expired."
    );
    assert_eq!(mail.thread_ids().count(), 0);
}

#[test]
fn mail_2_a_reply_names_the_desks_message_ids_newest_first() {
    let mail = parse("reply.eml");
    assert_eq!(mail.in_reply_to, vec!["ticket-42.3@desk.example"]);
    assert_eq!(
        mail.references,
        vec![
            "CAF3x9_aB1c2@mail.example.com",
            "ticket-42.1@desk.example",
            "ticket-42.3@desk.example",
        ]
    );
    assert_eq!(
        mail.thread_ids().collect::<Vec<_>>(),
        vec![
            "ticket-42.3@desk.example",
            "ticket-42.1@desk.example",
            "CAF3x9_aB1c2@mail.example.com",
        ]
    );
    assert_eq!(
        mail.message_id.as_deref(),
        Some("CAF3x9_reply2@mail.example.com")
    );
    assert_eq!(
        mail.subject,
        "Re: [#42] Printer on the 3rd floor prints blank pages"
    );
    assert_eq!(mail.subject_reference(), Some("42"));
    // The quoted previous message stays in the text.
    assert_eq!(
        mail.text,
        "It works again, thank you!\n\nOn Tue, 4 Mar 2025 at 14:40, Support <support@desk.example> wrote:\n\
         > We replaced the toner cartridge. Does it print now?\n>\n> -- Support"
    );
    assert_eq!(mail.automatic, None);
}

#[test]
fn mail_2_the_subject_hint_is_the_last_bracketed_reference() {
    let mut mail = parse("plain.eml");
    for (subject, expected) in [
        ("Printer", None),
        ("Re: [#42] Printer", Some("42")),
        ("Re: [#42] Printer [# T-7 ]", Some("T-7")),
        ("[#42] then [#]", Some("42")),
        ("[#42] then [#43", Some("42")),
        ("[#1 [#2]", Some("2")),
        ("[42] no hash", None),
        ("[#", None),
        ("]#[", None),
    ] {
        mail.subject = subject.to_string();
        assert_eq!(mail.subject_reference(), expected, "{subject:?}");
    }
}

#[test]
fn mail_3_an_out_of_office_reply_is_an_auto_reply() {
    let mail = parse("out_of_office.eml");
    assert_eq!(mail.automatic, Some(AutomaticKind::AutoReply));
    // Still threaded, so the desk can tell which ticket it answers.
    assert_eq!(
        mail.thread_ids().collect::<Vec<_>>(),
        vec!["ticket-17.2@desk.example"]
    );
    assert_eq!(mail.subject_reference(), Some("17"));
}

#[test]
fn mail_3_a_delivery_report_from_the_mailer_daemon_is_a_bounce() {
    let mail = parse("bounce.eml");
    assert_eq!(mail.automatic, Some(AutomaticKind::Bounce));
    assert_eq!(
        mail.from,
        address(
            Some("Mail Delivery System"),
            "mailer-daemon@mx.desk.example"
        )
    );
    assert_eq!(mail.subject, "Undelivered Mail Returned to Sender");
    assert_eq!(
        mail.text,
        "This is the mail system at host mx.desk.example.\n\n\
         I'm sorry to have to inform you that your message could not\n\
         be delivered to one or more recipients.\n\n\
         <nobody@gone.example>: host gone.example said: 550 5.1.1 User unknown"
    );
    let parts: Vec<(&str, &str)> = mail
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.media_type.as_str()))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("attachment-1", "message/delivery-status"),
            ("message-2.eml", "message/rfc822"),
        ]
    );
    let returned = mail.attachments[1].content.as_deref().unwrap();
    assert!(String::from_utf8_lossy(returned).contains("Message-ID: <ticket-9.4@desk.example>"));
}

#[test]
fn mail_3_a_mailing_list_message_is_bulk() {
    assert_eq!(
        parse("mailing_list.eml").automatic,
        Some(AutomaticKind::Bulk)
    );
}

#[test]
fn mail_3_each_sign_of_a_machine_alone() {
    let person = "Jane <jane@example.com>";
    let cases = [
        (
            person,
            "Auto-Submitted: auto-replied",
            Some(AutomaticKind::AutoReply),
        ),
        (
            person,
            "Auto-Submitted: auto-generated; owner-email=\"x@example.com\"",
            Some(AutomaticKind::AutoReply),
        ),
        (
            person,
            "auto-submitted: Auto-Notified",
            Some(AutomaticKind::AutoReply),
        ),
        (person, "Auto-Submitted: no", None),
        (person, "Auto-Submitted: No ", None),
        (person, "X-Autoreply: yes", Some(AutomaticKind::AutoReply)),
        (
            person,
            "X-Autorespond: Vacation",
            Some(AutomaticKind::AutoReply),
        ),
        (person, "Precedence: bulk", Some(AutomaticKind::Bulk)),
        (person, "Precedence: JUNK", Some(AutomaticKind::Bulk)),
        (person, "Precedence: list", Some(AutomaticKind::Bulk)),
        (person, "Precedence: first-class", None),
        (
            person,
            "X-Failed-Recipients: gone@example.org",
            Some(AutomaticKind::Bounce),
        ),
        (person, "Return-Path: <>", Some(AutomaticKind::Bounce)),
        (person, "Return-Path: < >", Some(AutomaticKind::Bounce)),
        (person, "Return-Path: <jane@example.com>", None),
        (
            "MAILER-DAEMON@mx.example.org",
            "",
            Some(AutomaticKind::Bounce),
        ),
        (
            "Postmaster <postmaster@example.org>",
            "",
            Some(AutomaticKind::Bounce),
        ),
        (
            person,
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
            Some(AutomaticKind::Bounce),
        ),
        (
            person,
            "Content-Type: multipart/report; report-type=disposition-notification; boundary=b",
            Some(AutomaticKind::AutoReply),
        ),
        // An auto-reply sent with a null return path is an auto-reply, and
        // an auto-reply to a list stays an auto-reply.
        (
            person,
            "Return-Path: <>\r\nAuto-Submitted: auto-replied",
            Some(AutomaticKind::AutoReply),
        ),
        (
            person,
            "Precedence: bulk\r\nX-Autoreply: yes",
            Some(AutomaticKind::AutoReply),
        ),
        (person, "List-Id: <support.example.com>", None),
    ];
    for (from, extra, expected) in cases {
        let raw = if extra.starts_with("Content-Type: multipart/report") {
            format!(
                "From: {from}\r\nTo: support@desk.example\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n{extra}\r\n\r\n\
                 --b\r\nContent-Type: text/plain\r\n\r\nReport\r\n--b--\r\n"
            )
            .into_bytes()
        } else if extra.is_empty() {
            mail_with_headers(from, "")
        } else {
            mail_with_headers(from, &format!("{extra}\r\n"))
        };
        let mail =
            parse_mail(&raw, &MailLimits::default()).unwrap_or_else(|e| panic!("{extra:?}: {e}"));
        assert_eq!(mail.automatic, expected, "from {from:?} with {extra:?}");
    }
    assert_eq!(
        serde_json::to_string(&AutomaticKind::AutoReply).unwrap(),
        "\"auto_reply\""
    );
}

#[test]
fn mail_3_mail_from_people_is_not_automatic() {
    for name in [
        "plain.eml",
        "html_only.eml",
        "alternative.eml",
        "attachments.eml",
        "latin1.eml",
        "shift_jis.eml",
        "encoded_words.eml",
        "reply.eml",
        "no_message_id.eml",
    ] {
        assert_eq!(parse(name).automatic, None, "{name}");
    }
}

const SMALL_SHA256: &str = "47062c0a8ba24945f97440b80a944f8057e7d2df9e029f045ac1fd8c080a074f";
const LARGE_SHA256: &str = "f541874101876255b4baf3a739778d04cb9cba25ffa38b30bc1fb8b0701f2a45";

/// The large attachment's bytes, as the corpus was written.
fn large_attachment() -> Vec<u8> {
    (0..3000u32).map(|i| ((i * 7 + 3) % 256) as u8).collect()
}

#[test]
fn mail_4_attachments_are_recorded_and_their_bytes_kept_within_the_limit() {
    let small = b"Serial: PRN-3F-0042\nError: E-201 paper feed\n".to_vec();
    let limits = |kept| MailLimits {
        max_kept_attachment_bytes: kept,
        ..MailLimits::default()
    };
    let record = |name: &str, media_type: &str, size, sha256: &str, content| MailAttachment {
        name: name.into(),
        media_type: media_type.into(),
        size,
        sha256: sha256.into(),
        content,
    };

    // Under a 1,000-byte allowance the small file's bytes are kept, the
    // 3,000-byte dump's are not, and the flag says so.
    let mail = parse_mail(&raw("attachments.eml"), &limits(1000)).unwrap();
    assert_eq!(mail.text, "The logs are attached.");
    assert_eq!(
        mail.attachments,
        vec![
            // The sender's Windows path is cut to the file name.
            record(
                "printer-log.txt",
                "text/plain",
                44,
                SMALL_SHA256,
                Some(small.clone())
            ),
            record(
                "dump.bin",
                "application/octet-stream",
                3000,
                LARGE_SHA256,
                None
            ),
        ]
    );
    assert!(mail.attachments_truncated);

    // Room for both (the default limits, or exactly their total).
    for limits in [MailLimits::default(), limits(44 + 3000)] {
        let mail = parse_mail(&raw("attachments.eml"), &limits).unwrap();
        assert!(!mail.attachments_truncated);
        assert_eq!(mail.attachments[0].content.as_deref(), Some(&small[..]));
        assert_eq!(
            mail.attachments[1].content.as_deref(),
            Some(&large_attachment()[..])
        );
    }

    // Room for nothing: records only.
    let mail = parse_mail(&raw("attachments.eml"), &limits(0)).unwrap();
    assert!(mail.attachments_truncated);
    assert!(mail.attachments.iter().all(|a| a.content.is_none()));
    assert_eq!(mail.attachments[1].sha256, LARGE_SHA256);
}

#[test]
fn mail_5_what_is_not_a_mail_is_refused_with_a_specific_reason() {
    let limits = MailLimits::default();
    assert_eq!(
        refusal(&raw("garbage.eml"), &limits),
        "no header could be read: this is not an e-mail message (MAIL-5)"
    );
    assert_eq!(
        refusal(&raw("no_from.eml"), &limits),
        "the message has no From header: not an e-mail message, or its sender is unknown (MAIL-5)"
    );
    assert_eq!(refusal(b"", &limits), "the message is empty (MAIL-5)");
    assert_eq!(
        refusal(b"\r\n\r\n \t", &limits),
        "the message is empty (MAIL-5)"
    );
    assert_eq!(
        refusal(b"just some words, no header at all", &limits),
        "no header could be read: this is not an e-mail message (MAIL-5)"
    );
    assert_eq!(
        refusal(&mail_with_headers("Jane Doe", ""), &limits),
        "the From header holds no e-mail address (MAIL-5)"
    );
    assert_eq!(
        refusal(&raw("broken_mime.eml"), &limits),
        "broken MIME: a multipart/mixed part has no boundary parameter (MAIL-5)"
    );
    let boundary_never_seen = mail_with_headers(
        "jane@example.com",
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"zzz\"\r\n",
    );
    assert_eq!(
        refusal(&boundary_never_seen, &limits),
        "broken MIME: the boundary of a multipart/mixed part never appears (MAIL-5)"
    );
}

#[test]
fn mail_5_a_mangled_multipart_found_by_fuzzing_does_not_panic() {
    // A bounce with a NUL-ridden boundary line: mail-parser tripped a
    // debug assertion on it (now off in every profile) and reads on.
    let raw = raw("fuzz_multipart_end.eml");
    let mail = parse_mail(&raw, &MailLimits::default()).unwrap();
    assert_eq!(mail.automatic, Some(AutomaticKind::Bounce));
    assert_eq!(mail.from.email, "mailer-daemon@mx.desk.ezample");
}

#[test]
fn mail_5_a_mail_to_nobody_is_refused() {
    assert_eq!(
        refusal(&raw("no_recipient.eml"), &MailLimits::default()),
        "the message has no recipient: no address in To, Cc or Bcc (MAIL-5)"
    );
    // An empty group names nobody either; a Bcc alone is a recipient.
    let undisclosed =
        b"From: jane@example.com\r\nTo: undisclosed-recipients:;\r\nSubject: x\r\n\r\nBody\r\n";
    assert_eq!(
        refusal(undisclosed, &MailLimits::default()),
        "the message has no recipient: no address in To, Cc or Bcc (MAIL-5)"
    );
    let bcc_only =
        b"From: jane@example.com\r\nBcc: support@desk.example\r\nSubject: x\r\n\r\nBody\r\n";
    let mail = parse_mail(bcc_only, &MailLimits::default()).unwrap();
    assert!(mail.to.is_empty() && mail.cc.is_empty());
}

#[test]
fn mail_5_a_mail_over_the_size_limit_is_refused() {
    let plain = raw("plain.eml");
    let limits = |max| MailLimits {
        max_message_bytes: max,
        ..MailLimits::default()
    };
    assert_eq!(plain.len(), 819);
    assert_eq!(
        refusal(&plain, &limits(818)),
        "the message is 819 bytes, over the limit of 818 bytes (MAIL-5)"
    );
    assert!(parse_mail(&plain, &limits(819)).is_ok());
    assert_eq!(MailLimits::default().max_message_bytes, 25 * 1024 * 1024);
    assert_eq!(
        MailLimits::default().max_kept_attachment_bytes,
        10 * 1024 * 1024
    );
}

/// The outcome of any bytes is a value or an error, never a panic; an
/// accepted mail keeps its promises.
fn check_any(raw: &[u8], limits: &MailLimits) {
    if let Ok(mail) = parse_mail(raw, limits) {
        assert!(raw.len() <= limits.max_message_bytes);
        assert!(mail.from.email.contains('@'));
        let kept: usize = mail
            .attachments
            .iter()
            .filter_map(|a| a.content.as_ref().map(Vec::len))
            .sum();
        assert!(kept <= limits.max_kept_attachment_bytes);
        for attachment in &mail.attachments {
            assert_eq!(attachment.sha256.len(), 64);
            if let Some(content) = &attachment.content {
                assert_eq!(content.len() as u64, attachment.size);
            }
        }
        let _ = mail.thread_ids().count();
        let _ = mail.subject_reference();
    }
}

proptest! {
    #[test]
    fn mail_5_random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        kept in 0usize..4096,
    ) {
        let limits = MailLimits { max_message_bytes: 4096, max_kept_attachment_bytes: kept };
        check_any(&bytes, &limits);
        // The same bytes behind headers that make them a mail's body.
        let mut mail = b"From: a@example.com\r\nTo: b@example.com\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n".to_vec();
        mail.extend_from_slice(&bytes);
        check_any(&mail, &limits);
    }

    #[test]
    fn mail_5_mutated_corpus_messages_never_panic(
        file in 0..CORPUS.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..24),
        cut in any::<prop::sample::Index>(),
        kept in 0usize..8192,
    ) {
        let mut raw = raw(CORPUS[file]);
        for (at, byte, how) in edits {
            if raw.is_empty() {
                raw.push(byte);
                continue;
            }
            let at = at.index(raw.len());
            match how {
                0 => raw[at] = byte,
                1 => raw.insert(at, byte),
                2 => { raw.remove(at); }
                // Characters that steer MIME parsing.
                _ => {
                    let steer: &[u8] = [&b"\r\n"[..], b"--", b"=?", b"?=", b"<", b">", b";", b":", b"\"", b"\r\n\r\n"]
                        [usize::from(byte) % 10];
                    raw.splice(at..at, steer.iter().copied());
                }
            }
        }
        let limits = MailLimits { max_message_bytes: MailLimits::DEFAULT_MAX_MESSAGE_BYTES, max_kept_attachment_bytes: kept };
        check_any(&raw, &limits);
        if !raw.is_empty() {
            raw.truncate(cut.index(raw.len()));
            check_any(&raw, &limits);
        }
    }
}
