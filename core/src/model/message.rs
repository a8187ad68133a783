//! Messages on tickets and the stage history.

use crate::ids::{MessageId, PartnerId, StageId, TicketId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Public reply or internal note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MessageKind {
    /// Seen by the customer and every follower.
    Reply,
    /// Internal users only; never shown to portal users (VIS-4).
    Note,
}

/// A message in a ticket's chatter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Message {
    /// Identifier.
    pub id: MessageId,
    /// The ticket.
    pub ticket: TicketId,
    /// Reply or note.
    pub kind: MessageKind,
    /// The user who wrote it (`None` for the system).
    pub author: Option<UserId>,
    /// The author's contact.
    pub author_partner: Option<PartnerId>,
    /// Text.
    pub body: String,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// The files that came with it (MAIL-4): their records; the host keeps
    /// the bytes, found by their SHA-256.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub attachments: Vec<MessageAttachment>,
}

/// A file that came with a message (MAIL-4). The desk records what it is;
/// the bytes are the host's to keep (the receipt of
/// [`crate::Helpdesk::receive_email`] hands them over), found by `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MessageAttachment {
    /// The file name the sender gave (its last path component).
    pub name: String,
    /// The media type, lowercase, e.g. `application/pdf`.
    pub media_type: String,
    /// The size, in bytes.
    pub size: u64,
    /// The SHA-256 of the bytes, 64 lowercase hex digits.
    pub sha256: String,
}

/// One entry of a ticket's stage history: the ticket entered `stage` at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StageChange {
    /// The ticket.
    pub ticket: TicketId,
    /// The stage entered.
    pub stage: StageId,
    /// When.
    pub at: DateTime<Utc>,
    /// Who moved it (`None` for the system).
    pub by: Option<UserId>,
}
