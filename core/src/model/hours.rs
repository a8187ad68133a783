//! Units of measure, service terms and time entries (RULES.md, HRS).

use crate::ids::{
    CompanyId, InvoiceId, SaleOrderId, TicketId, TimeEntryId, UnitCategoryId, UnitId, UserId,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A kind of quantity whose units convert into one another (HRS-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UnitCategory {
    /// Identifier.
    pub id: UnitCategoryId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `Working Time`.
    pub name: String,
    /// The company's working-time category (Hours and Days).
    pub working_time: bool,
}

/// A unit of measure (HRS-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi(name = "UnitOfMeasure"))]
pub struct Unit {
    /// Identifier.
    pub id: UnitId,
    /// The company.
    pub company: CompanyId,
    /// Its category: only units of one category convert.
    pub category: UnitCategoryId,
    /// Display name, e.g. `Hours`.
    pub name: String,
    /// How many of the category's reference unit one of this unit is
    /// (Hours 1, Days 8).
    pub ratio: Decimal,
    /// Quantities in this unit are rounded half up to a multiple of this
    /// (default 0.01).
    pub rounding: Decimal,
}

/// How a service product is invoiced (HRS-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ServicePolicy {
    /// Invoice the ordered quantity; time logged is tracked against it.
    Prepaid,
    /// Post-paid: invoice the time delivered.
    Timesheets,
    /// Delivered quantity entered by hand.
    Manual,
    /// Invoiced at milestones.
    Milestones,
}

/// A line of a sales order: the order and the line's index in it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OrderLineRef {
    /// The order.
    pub order: SaleOrderId,
    /// The line's index (from 0).
    pub line: u32,
}

/// Time logged on a ticket (HRS-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimeEntry {
    /// Identifier.
    pub id: TimeEntryId,
    /// The company.
    pub company: CompanyId,
    /// The ticket.
    pub ticket: TicketId,
    /// Who worked.
    pub agent: UserId,
    /// The day worked.
    pub date: NaiveDate,
    /// How long, in `unit`.
    pub quantity: Decimal,
    /// A working-time unit.
    pub unit: UnitId,
    /// What was done.
    pub description: String,
    /// The order line it charges (the ticket's when logged).
    pub sale_line: Option<OrderLineRef>,
    /// The invoice that billed it (post-paid); it is billable again when
    /// that invoice is cancelled or fully refunded (HRS-7).
    pub invoice: Option<InvoiceId>,
}
