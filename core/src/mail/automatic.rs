//! MAIL-3: recognising the mail of machines (auto-replies, bounces, bulk).

use super::{AutomaticKind, MailAddress};
use mail_parser::{Message, MimeHeaders};

/// What kind of machine sent `message`, if one did (MAIL-3).
///
/// The signs are weighed in this order: a sure sign of a bounce (a
/// delivery-status report, `X-Failed-Recipients`, a `MAILER-DAEMON` or
/// `postmaster` sender), then of an auto-reply (`Auto-Submitted` other than
/// `no`, `X-Autoreply`, `X-Autorespond`, another `multipart/report`), then
/// bulk (`Precedence: bulk`, `junk`, `list`), and last an empty
/// `Return-Path: <>` alone, which only bounces and the like carry.
pub(super) fn automatic_kind(message: &Message<'_>, from: &MailAddress) -> Option<AutomaticKind> {
    let report_type = message.content_type().and_then(|ct| {
        (ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report")))
        .then(|| {
            ct.attribute("report-type")
                .unwrap_or("")
                .to_ascii_lowercase()
        })
    });
    let sender_local = from.email.rsplit_once('@').map_or("", |(local, _)| local);
    if report_type.as_deref() == Some("delivery-status")
        || has_header(message, "x-failed-recipients")
        || sender_local == "mailer-daemon"
        || sender_local == "postmaster"
    {
        return Some(AutomaticKind::Bounce);
    }

    let auto_submitted = header_values(message, "auto-submitted").any(|value| {
        let token = value.split(';').next().unwrap_or("").trim();
        !token.is_empty() && !token.eq_ignore_ascii_case("no")
    });
    if auto_submitted
        || has_header(message, "x-autoreply")
        || has_header(message, "x-autorespond")
        || report_type.is_some()
    {
        return Some(AutomaticKind::AutoReply);
    }

    let bulk = header_values(message, "precedence").any(|value| {
        let value = value.trim();
        ["bulk", "junk", "list"]
            .iter()
            .any(|p| value.eq_ignore_ascii_case(p))
    });
    if bulk {
        return Some(AutomaticKind::Bulk);
    }

    // The topmost Return-Path is the one the receiving server wrote.
    let null_return_path = header_values(message, "return-path")
        .next()
        .is_some_and(|value| {
            value
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq("<>".chars())
        });
    null_return_path.then_some(AutomaticKind::Bounce)
}

/// Whether the top-level header `name` (lowercase) is present.
fn has_header(message: &Message<'_>, name: &str) -> bool {
    header_values(message, name).next().is_some()
}

/// The raw values of the top-level header `name` (lowercase), in order.
fn header_values<'m>(message: &'m Message<'_>, name: &'m str) -> impl Iterator<Item = &'m str> {
    message
        .headers_raw()
        .filter(move |(header, _)| header.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}
