//! Tickets.

use crate::ids::{
    CompanyId, PartnerId, ProductId, StageId, TagId, TeamId, TicketId, TicketTypeId, UserId,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Ticket priority: `0` low (default), `1` medium, `2` high, `3` urgent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Priority {
    /// `0`
    #[default]
    Low,
    /// `1`
    Medium,
    /// `2`
    High,
    /// `3`
    Urgent,
}

impl Priority {
    /// The reference's numeric code (`0`–`3`).
    pub fn level(self) -> u8 {
        self as u8
    }

    /// The priority of a numeric code, if valid.
    pub fn from_level(level: i64) -> Option<Self> {
        match level {
            0 => Some(Self::Low),
            1 => Some(Self::Medium),
            2 => Some(Self::High),
            3 => Some(Self::Urgent),
            _ => None,
        }
    }
}

/// The kind of document a ticket links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DocumentKind {
    /// A credit note (refund).
    CreditNote,
    /// A coupon.
    Coupon,
    /// A return transfer.
    Return,
    /// A repair order.
    Repair,
    /// A field-service task.
    FieldServiceTask,
    /// The sales order line billed for the ticket's time.
    SaleOrderLine,
}

/// A link from a ticket to a document made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentRef {
    /// Kind of document.
    pub kind: DocumentKind,
    /// Its identifier.
    pub id: i64,
}

/// A customer request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Ticket {
    /// Identifier.
    pub id: TicketId,
    /// The company.
    pub company: CompanyId,
    /// Per-company sequence number.
    pub number: i64,
    /// Display reference, `#<number>`.
    pub reference: String,
    /// Subject (never empty).
    pub subject: String,
    /// Description (public).
    pub description: String,
    /// The team (`None` = treated as `internal` visibility, VIS-3).
    pub team: Option<TeamId>,
    /// Current stage.
    pub stage: StageId,
    /// Priority.
    pub priority: Priority,
    /// Ticket type.
    pub ticket_type: Option<TicketTypeId>,
    /// Tags.
    pub tags: Vec<TagId>,
    /// The customer contact.
    pub customer: Option<PartnerId>,
    /// The assigned agent.
    pub assignee: Option<UserId>,
    /// The product the ticket is about.
    pub product: Option<ProductId>,
    /// The lot or serial number the ticket is about.
    pub lot: Option<String>,
    /// When the ticket was created.
    pub created_at: DateTime<Utc>,
    /// When it was last assigned.
    pub assigned_at: Option<DateTime<Utc>>,
    /// When it entered a folded stage (cleared when reopened).
    pub closed_at: Option<DateTime<Utc>>,
    /// When its stage last changed.
    pub last_stage_change_at: DateTime<Utc>,
    /// When anything last happened on it (change, message, time entry).
    pub last_activity_at: DateTime<Utc>,
    /// `false` = archived.
    pub active: bool,
    /// Closed by the customer (CLS-2).
    pub closed_by_customer: bool,
    /// Documents made from the ticket.
    pub documents: Vec<DocumentRef>,
    /// SLA-7: the earliest deadline among its unreached SLA statuses
    /// (`None`: no SLA, all reached, or the clock is stopped). Never shown
    /// to portal users.
    #[serde(default)]
    pub sla_deadline: Option<DateTime<Utc>>,
    /// SLA-7: one of its SLA statuses was reached after its deadline (a
    /// failure that time cannot undo). Never shown to portal users.
    #[serde(default)]
    pub sla_reached_late: bool,
    /// The order line its time is charged to (HRS-5).
    #[serde(default)]
    pub sale_line: Option<crate::model::OrderLineRef>,
    /// The ticket it was merged into (MRG-1): set on the archived ones.
    #[serde(default)]
    pub merged_into: Option<TicketId>,
    /// The opportunity it was converted into (CNV-1): set on the archived
    /// ticket.
    #[serde(default)]
    pub opportunity: Option<crate::ids::OpportunityId>,
    /// RPT-1: the working time, in seconds of the team's calendar (every
    /// second without one), from creation to `assigned_at`; set when the
    /// ticket is assigned, cleared when it is unassigned.
    #[serde(default)]
    pub working_seconds_to_assign: Option<i64>,
    /// RPT-1: the working time, in seconds of the team's calendar, from
    /// creation to `closed_at`; set when the ticket is closed, cleared
    /// when it is reopened.
    #[serde(default)]
    pub working_seconds_to_close: Option<i64>,
}

impl Ticket {
    /// Open = not in a folded stage (`closed_at` is set exactly when folded).
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// SLA-7: whether the ticket has failed an SLA at `now`: a status was
    /// reached late, or its earliest unreached deadline is past.
    pub fn sla_failed(&self, now: DateTime<Utc>) -> bool {
        self.sla_reached_late || self.sla_deadline.is_some_and(|d| d <= now)
    }
}

impl Ticket {
    /// DOMAIN §0: entering a folded stage sets `closed_at` (if unset);
    /// entering an unfolded one clears it and `closed_by_customer`.
    pub(crate) fn enter_stage_state(&mut self, folded: bool, now: DateTime<Utc>) {
        if folded {
            self.closed_at.get_or_insert(now);
        } else {
            self.closed_at = None;
            self.closed_by_customer = false;
            self.working_seconds_to_close = None;
        }
    }
}
