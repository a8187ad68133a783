//! Side effects the host must perform, recorded in the same unit of work.

use crate::ids::{CompanyId, OpportunityId, OutboxId, PartnerId, TicketId};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
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

/// What happened, by a stable name a host renders its own message from,
/// in the customer's language (OUT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OutboxEvent {
    /// A ticket was assigned to the recipient (an agent), by someone else.
    TicketAssigned,
    /// The customer (or another portal user) replied on a ticket; its
    /// other followers are told.
    CustomerReply,
    /// An employee replied on a ticket; its other followers (the customer
    /// among them) are told.
    AgentReply,
    /// A ticket entered a stage with an e-mail template, for its customer.
    StageEmail,
    /// A ticket entered a stage with an SMS template, for its customer.
    StageSms,
    /// The customer is asked to rate the service (RAT-1).
    RatingRequest,
    /// An opportunity was made from a ticket (CNV-1), for the host's CRM.
    OpportunityCreated,
    /// A coupon was sent to its customer.
    CouponSent,
    /// A sale order line was delivered beyond what was ordered (HRS-6),
    /// for its salesperson or the managers.
    UpsellAlert,
}

impl OutboxEvent {
    /// Whether the event goes out as an e-mail, with [`MailHeaders`]
    /// (OUT-2): every event for people but the SMS.
    pub fn is_email(self) -> bool {
        !matches!(
            self,
            OutboxEvent::StageSms | OutboxEvent::OpportunityCreated
        )
    }
}

/// The facts an outbox event carries for the host's own rendering
/// (OUT-1); each event gives those that concern it, the others are
/// `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxPayload {
    /// The ticket's reference (`#42`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ticket_reference: Option<String>,
    /// The ticket's subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ticket_subject: Option<String>,
    /// The ticket's team.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub team_name: Option<String>,
    /// The stage entered (stage events).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub stage_name: Option<String>,
    /// The ticket's customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customer_name: Option<String>,
    /// The agent assigned (ticket assigned).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assignee_name: Option<String>,
    /// Who wrote the reply (replies).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub author_name: Option<String>,
    /// The reply's text (replies).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reply: Option<String>,
    /// The coupon's code (coupon sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub coupon_code: Option<String>,
    /// Its program's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub program_name: Option<String>,
    /// The last day it is valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub valid_until: Option<NaiveDate>,
    /// The sale order's reference (upsell alert).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order_reference: Option<String>,
    /// The order line, counted from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order_line: Option<u32>,
    /// The quantity ordered on the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ordered: Option<Decimal>,
    /// The quantity delivered on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub delivered: Option<Decimal>,
    /// The unit of both quantities.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit_name: Option<String>,
    /// The opportunity made (opportunity created).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub opportunity: Option<OpportunityId>,
}

/// The headers of an e-mail event (OUT-2), ready to write: ids in angle
/// brackets. A customer's answer names `message_id` in its In-Reply-To,
/// which threads it back to the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MailHeaders {
    /// The Message-ID the desk issued for this e-mail (unguessable).
    pub message_id: String,
    /// The latest Message-ID of the ticket's thread before it, if any.
    pub in_reply_to: Option<String>,
    /// The ticket's thread, oldest first (its first Message-ID and the
    /// latest ones).
    pub references: Vec<String>,
    /// The team's e-mail alias, where answers go, if it has one.
    pub reply_to: Option<String>,
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
    /// What happened (OUT-1): the stable name a host renders from.
    pub event: OutboxEvent,
    /// The facts of the event, for the host's own rendering (OUT-1);
    /// `subject` and `body` are the default English rendering.
    pub payload: OutboxPayload,
    /// For e-mail events, the headers to send with (OUT-2).
    pub mail: Option<MailHeaders>,
}
