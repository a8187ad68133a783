//! Side effects the host must perform, recorded in the same unit of work.

use crate::ids::{CompanyId, OutboxId, PartnerId, TicketId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the host must do with an outbox message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OutboxKind {
    /// Render the e-mail `template` for the ticket and send it to the recipients.
    EmailTemplate,
    /// Render the SMS `template` and send it to the recipients' phones.
    SmsTemplate,
    /// Notify the recipients (followers) of `subject` / `body`.
    Notification,
    /// Tell the host's CRM that an opportunity was made from the ticket
    /// (CNV-1): the ticket's `opportunity` names it; no recipients.
    OpportunityCreated,
    /// Ask the recipient (the ticket's customer) to rate the service
    /// (RAT-1): the host sends a link carrying `token`, and calls
    /// `rate_ticket` with that token and the customer's answer.
    RatingRequest,
}

impl OutboxKind {
    /// Whether messages of this kind are for people (sent to their
    /// recipients, so one without recipients is not recorded), rather
    /// than events for the host's own systems, such as its CRM.
    pub fn addresses_people(self) -> bool {
        !matches!(self, OutboxKind::OpportunityCreated)
    }
}

/// A message the host must send; acknowledged once sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxMessage {
    /// Identifier (increasing: the order to send in).
    pub id: OutboxId,
    /// The company.
    pub company: CompanyId,
    /// What to do.
    pub kind: OutboxKind,
    /// Who receives it.
    pub recipients: Vec<PartnerId>,
    /// Template reference, for template kinds.
    pub template: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// The ticket it concerns.
    pub ticket: Option<TicketId>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// The secret the recipient acts with, for kinds that carry one: a
    /// rating request's token (RAT-1), which `rate_ticket` takes. Put it in
    /// a link for the recipient only; never show or log it elsewhere.
    #[serde(default)]
    pub token: Option<String>,
}
