//! Channels tickets arrive by, besides the forms (CHAT-1): a live-chat
//! session kept as a ticket.

use super::records::load;
use super::{Helpdesk, NewTicket};
use crate::access::Actor;
use crate::ids::{MessageId, PartnerId, TeamId, UserId};
use crate::model::{Message, MessageKind, Ticket, User, UserKind};
use crate::store::Sequence;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most lines a chat transcript may have.
pub const MAX_TRANSCRIPT_LINES: usize = 10_000;

/// The longest subject taken from a chat's first line, in characters.
const CHAT_SUBJECT_CHARS: usize = 80;

/// One line of a live-chat session (CHAT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChatLine {
    /// The employee who wrote it; `None` for the customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent: Option<UserId>,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// What was written.
    pub text: String,
}

/// Input of [`Helpdesk::create_ticket_from_chat`] (CHAT-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChatTicket {
    /// The team the ticket is filed in.
    pub team: TeamId,
    /// The customer who chatted.
    pub customer: PartnerId,
    /// The ticket's subject (default: the customer's first line, cut to 80
    /// characters).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub subject: Option<String>,
    /// The session's lines, oldest first.
    pub transcript: Vec<ChatLine>,
}

/// `text` cut to at most `chars` characters, on a character boundary.
fn cut(text: &str, chars: usize) -> String {
    text.trim().chars().take(chars).collect()
}

impl Helpdesk {
    /// CHAT-1: a live-chat session becomes a ticket of `chat.team` for
    /// `chat.customer` (as [`Helpdesk::create_ticket`] would file it:
    /// agents, managers and the system), whose first messages are the
    /// transcript's lines — replies, written by the customer or by the
    /// employee named, at the instants of the chat, sent to nobody (the
    /// customer saw them live). The transcript is checked whole first: at
    /// least one line and at most 10,000, each with text, in time order
    /// and none after now (`invalid_input` naming `transcript`); an
    /// employee who is not one of the company's is `not_found`.
    pub fn create_ticket_from_chat(&self, actor: Actor, chat: ChatTicket) -> Result<Ticket> {
        if chat.transcript.is_empty() || chat.transcript.len() > MAX_TRANSCRIPT_LINES {
            return Err(Error::invalid(
                "transcript",
                format!("a chat has 1 to {MAX_TRANSCRIPT_LINES} lines"),
            ));
        }
        self.write(actor, |w| {
            let mut previous: Option<DateTime<Utc>> = None;
            for (n, line) in chat.transcript.iter().enumerate() {
                w.required_text("transcript", &line.text)?;
                if line.at > w.now || previous.is_some_and(|p| line.at < p) {
                    return Err(Error::invalid(
                        "transcript",
                        format!("line {} is after now or before the line above it", n + 1),
                    ));
                }
                previous = Some(line.at);
            }
            let first = chat
                .transcript
                .iter()
                .find(|l| l.agent.is_none())
                .unwrap_or(&chat.transcript[0]);
            let subject = match &chat.subject {
                Some(subject) => subject.clone(),
                None => cut(&first.text, CHAT_SUBJECT_CHARS),
            };
            let ticket = w.create_one(NewTicket {
                team: Some(chat.team),
                subject,
                customer: Some(chat.customer),
                ..NewTicket::default()
            })?;
            for line in &chat.transcript {
                let author = match line.agent {
                    Some(id) => {
                        let user: User = load(w.tx, id)?;
                        if user.kind != UserKind::Internal || !user.works_for(ticket.company) {
                            return Err(Error::not_found("user", id));
                        }
                        Some(user)
                    }
                    None => None,
                };
                let message = Message {
                    id: MessageId(w.tx.next_value(Sequence::Message)?),
                    ticket: ticket.id,
                    kind: MessageKind::Reply,
                    author: author.as_ref().map(|u| u.id),
                    author_partner: Some(author.map_or(chat.customer, |u| u.partner)),
                    body: w.required_text("transcript", &line.text)?,
                    at: line.at,
                    attachments: Vec::new(),
                };
                w.tx.add_message(&message)?;
            }
            Ok(ticket)
        })
    }
}
