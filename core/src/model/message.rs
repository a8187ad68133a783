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
