//! [`parse_mail`]: raw bytes to an [`IncomingMail`] (MAIL-1 to MAIL-5).

use super::automatic::automatic_kind;
use super::{html, IncomingMail, MailAddress, MailAttachment, MailLimits};
use crate::{Error, Result};
use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

/// Reads a raw RFC 5322 / MIME message (any line ends, any charset
/// `mail-parser` knows, RFC 2047 encoded words) into an [`IncomingMail`].
///
/// Refused with [`Error::InvalidInput`] on the field `raw` (MAIL-5), the
/// reason saying which: a message over [`MailLimits::max_message_bytes`];
/// empty bytes, or no well-formed header at all; no `From` header, or one
/// without an address; a multipart part without a usable boundary (broken
/// MIME); no address in `To`, `Cc` or `Bcc` (a mail addressed only to an
/// empty group such as `undisclosed-recipients:;` names nobody).
///
/// Never panics, whatever the bytes.
pub fn parse_mail(raw: &[u8], limits: &MailLimits) -> Result<IncomingMail> {
    if raw.len() > limits.max_message_bytes {
        return Err(refused(format!(
            "the message is {} bytes, over the limit of {} bytes",
            raw.len(),
            limits.max_message_bytes
        )));
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(refused("the message is empty"));
    }
    // mail-parser promises not to panic; should it break that promise on
    // some input, the mail is one it cannot read (MAIL-5), not a crash.
    let parsed = std::panic::catch_unwind(|| MessageParser::default().parse(raw))
        .map_err(|_| refused("broken MIME: the message's structure could not be read"))?;
    let message = parsed
        .filter(|m| !m.parts.is_empty() && m.headers().iter().any(|h| is_field_name(h.name())))
        .ok_or_else(|| refused("no header could be read: this is not an e-mail message"))?;

    let from =
        match message.header("From") {
            None => return Err(refused(
                "the message has no From header: not an e-mail message, or its sender is unknown",
            )),
            Some(value) => value
                .as_address()
                .and_then(|address| mailboxes(address).into_iter().next())
                .ok_or_else(|| refused("the From header holds no e-mail address"))?,
        };

    if let Some(broken) = broken_multipart(&message) {
        return Err(refused(broken));
    }

    let to = all_mailboxes(message.header_values("To"));
    let cc = all_mailboxes(message.header_values("Cc"));
    let bcc = all_mailboxes(message.header_values("Bcc"));
    if to.is_empty() && cc.is_empty() && bcc.is_empty() {
        return Err(refused(
            "the message has no recipient: no address in To, Cc or Bcc",
        ));
    }
    let reply_to = message
        .reply_to()
        .and_then(|address| mailboxes(address).into_iter().next());

    let message_id = message
        .message_id()
        .map(clean_id)
        .filter(|id| !id.is_empty());
    let in_reply_to = ids(message.in_reply_to());
    let references = ids(message.references());

    let subject = one_line(message.subject().unwrap_or(""));
    let date = message
        .date()
        .filter(|date| date.is_valid())
        .and_then(|date| chrono::DateTime::from_timestamp(date.to_timestamp(), 0));

    let text = body_text(&message);
    let (attachments, attachments_truncated) = attachments(&message, limits);
    let automatic = automatic_kind(&message, &from);

    Ok(IncomingMail {
        message_id,
        in_reply_to,
        references,
        from,
        to,
        cc,
        reply_to,
        subject,
        date,
        text,
        attachments,
        attachments_truncated,
        automatic,
    })
}

/// Whether `name` is a well-formed header field name (RFC 5322: printable
/// ASCII but the colon). `mail-parser` takes any text before a colon or
/// the end as a name, so prose or binary would otherwise pass for headers.
fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| (33..=126).contains(&b) && b != b':')
}

/// The MAIL-5 error for the raw message.
fn refused(reason: impl Into<String>) -> Error {
    Error::invalid("raw", format!("{} (MAIL-5)", reason.into()))
}

/// The mailboxes of one address header, groups flattened, blank addresses
/// left out, each address trimmed and lowercased.
fn mailboxes(address: &Address<'_>) -> Vec<MailAddress> {
    address
        .iter()
        .filter_map(|addr| {
            let email = addr.address()?.trim().to_lowercase();
            if email.is_empty() || !email.contains('@') {
                return None;
            }
            let name = addr.name().map(one_line).filter(|name| !name.is_empty());
            Some(MailAddress { name, email })
        })
        .collect()
}

/// The mailboxes of every occurrence of an address header, each address
/// once (its first occurrence).
fn all_mailboxes<'a>(values: impl Iterator<Item = &'a HeaderValue<'a>>) -> Vec<MailAddress> {
    let mut seen = std::collections::HashSet::new();
    values
        .filter_map(HeaderValue::as_address)
        .flat_map(mailboxes)
        .filter(|mailbox| seen.insert(mailbox.email.clone()))
        .collect()
}

/// `text` on one line: control characters (line breaks an encoded word may
/// hide among them) turned into spaces, runs of blanks into one, trimmed;
/// a subject or name can then go back into a header without injecting one.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The message ids of an `In-Reply-To` or `References` header.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let ids: Vec<&str> = match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(list) => list.iter().map(|id| id.as_ref()).collect(),
        _ => Vec::new(),
    };
    ids.into_iter()
        .map(clean_id)
        .filter(|id| !id.is_empty())
        .collect()
}

/// A message id without surrounding blanks or angle brackets.
fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// Why the MIME structure is broken, if it is: a part declared multipart
/// whose boundary is missing or never appears (`mail-parser` then reads
/// the whole part, boundaries and all, as text).
fn broken_multipart(message: &Message<'_>) -> Option<String> {
    message.parts.iter().find_map(|part| {
        let content_type = part.content_type()?;
        if !content_type.ctype().eq_ignore_ascii_case("multipart")
            || matches!(part.body, PartType::Multipart(_))
        {
            return None;
        }
        let kind = format!(
            "multipart/{}",
            content_type.subtype().unwrap_or("").to_ascii_lowercase()
        );
        Some(match content_type.attribute("boundary") {
            None => format!("broken MIME: a {kind} part has no boundary parameter"),
            Some(_) => format!("broken MIME: the boundary of a {kind} part never appears"),
        })
    })
}

/// The body as plain text (MAIL-1): the text parts `mail-parser` chose as
/// the body (`text/plain` where the sender gave it, else HTML), HTML turned
/// into safe text, parts joined by a blank line, line ends `\n`, trimmed.
fn body_text(message: &Message<'_>) -> String {
    let parts: Vec<String> = (0..message.text_body_count())
        .filter_map(|index| message.text_part(u32::try_from(index).ok()?))
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(text.to_string()),
            PartType::Html(markup) => Some(html::html_to_text(markup)),
            _ => None,
        })
        .map(|text| text.replace("\r\n", "\n").replace('\r', "\n"))
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
        .collect();
    parts.join("\n\n")
}

/// The attachments (MAIL-4), and whether some bytes were dropped: bytes
/// are kept in message order while the kept total stays within the limit;
/// from the first attachment that does not fit, only records are kept.
fn attachments(message: &Message<'_>, limits: &MailLimits) -> (Vec<MailAttachment>, bool) {
    let mut kept_bytes = 0usize;
    let mut truncated = false;
    let list = message
        .attachments()
        .enumerate()
        .map(|(index, part)| {
            let content = part.contents();
            let is_message = matches!(part.body, PartType::Message(_));
            let fits = !truncated
                && kept_bytes
                    .checked_add(content.len())
                    .is_some_and(|total| total <= limits.max_kept_attachment_bytes);
            if fits {
                kept_bytes += content.len();
            } else {
                truncated = true;
            }
            MailAttachment {
                name: attachment_name(part.attachment_name(), index + 1, is_message),
                media_type: media_type(part, is_message),
                size: content.len() as u64,
                sha256: sha256_hex(content),
                content: fits.then(|| content.to_vec()),
            }
        })
        .collect();
    (list, truncated)
}

/// The name of the `number`th attachment: the sender's, reduced to its last
/// path component without control characters, else a made-up one.
fn attachment_name(given: Option<&str>, number: usize, is_message: bool) -> String {
    let cleaned: String = given
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let cleaned = cleaned.trim();
    if !cleaned.is_empty() && cleaned != "." && cleaned != ".." {
        cleaned.to_string()
    } else if is_message {
        format!("message-{number}.eml")
    } else {
        format!("attachment-{number}")
    }
}

/// The media type of a part, lowercased, without parameters.
fn media_type(part: &mail_parser::MessagePart<'_>, is_message: bool) -> String {
    match part.content_type() {
        Some(content_type) => match content_type.subtype() {
            Some(subtype) => format!("{}/{}", content_type.ctype(), subtype),
            None => content_type.ctype().to_string(),
        }
        .to_ascii_lowercase(),
        None if is_message => "message/rfc822".to_string(),
        None => match part.body {
            PartType::Text(_) => "text/plain".to_string(),
            PartType::Html(_) => "text/html".to_string(),
            _ => "application/octet-stream".to_string(),
        },
    }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
