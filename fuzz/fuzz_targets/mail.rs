//! A raw e-mail as it reaches the desk (`helpdesk::mail`, MAIL-1 to
//! MAIL-5): any bytes are read without panicking, and an accepted mail keeps
//! the intake's promises (a sender with an address, kept attachment bytes
//! within the limit, a SHA-256 for every attachment).
//!
//! Run with `-O` (CONTRIBUTING.md): cargo-fuzz's default debug assertions
//! reach into mail-parser, whose `debug_assert!`s fire on malformed nesting
//! that release builds (and this crate's dev profile) recover from.
#![no_main]

use helpdesk::mail::{parse_mail, MailLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    let limits = MailLimits {
        max_message_bytes: 1 << 20,
        max_kept_attachment_bytes: 4096,
    };
    if let Ok(mail) = parse_mail(raw, &limits) {
        assert!(mail.from.email.contains('@'));
        let kept: usize = mail
            .attachments
            .iter()
            .filter_map(|a| a.content.as_ref().map(Vec::len))
            .sum();
        assert!(kept <= limits.max_kept_attachment_bytes);
        assert_eq!(
            mail.attachments_truncated,
            mail.attachments.iter().any(|a| a.content.is_none())
        );
        for attachment in &mail.attachments {
            assert_eq!(attachment.sha256.len(), 64);
        }
        let _ = mail.thread_ids().count();
        let _ = mail.subject_reference();
    }
});
