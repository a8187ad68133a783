//! Goods and people after the sale (RULES.md: RET, REP, FSM): stock transfers
//! and returns, repair orders, field-service projects and tasks.

use crate::ids::{
    CompanyId, FieldServiceProjectId, FieldServiceTaskId, LocationId, PartnerId, ProductId,
    RepairId, SaleOrderId, TicketId, TransferId, UserId,
};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a stock location is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LocationKind {
    /// Where customers' goods are (deliveries end there, returns start there).
    Customer,
    /// A warehouse's own stock (or its returns area).
    #[default]
    Internal,
}

/// A place goods are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Location {
    /// Identifier.
    pub id: LocationId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `WH/Stock`.
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

/// Which way a transfer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TransferKind {
    /// Goods to a customer.
    Delivery,
    /// Goods back from a customer.
    Return,
}

/// Where a transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TransferState {
    /// Being prepared.
    Draft,
    /// Ready to move.
    Ready,
    /// Moved.
    Done,
    /// Cancelled.
    Cancelled,
}

/// A line of a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TransferLine {
    /// The product.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Lot or serial number.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lot: Option<String>,
    /// On a return: the index of the delivery line it returns.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub returns_line: Option<u32>,
}

/// A move of goods between locations (a delivery or a return).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Transfer {
    /// Identifier.
    pub id: TransferId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `WH/OUT/00001` or `WH/IN/00001`.
    pub reference: String,
    /// Which way it goes.
    pub kind: TransferKind,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// The sales order it fulfils.
    pub sale_order: Option<SaleOrderId>,
    /// From.
    pub source: LocationId,
    /// To.
    pub destination: LocationId,
    /// Where it stands.
    pub state: TransferState,
    /// Lines.
    pub lines: Vec<TransferLine>,
    /// On a return: the delivery it returns.
    pub origin: Option<TransferId>,
    /// The ticket it was made from.
    pub ticket: Option<TicketId>,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
}

/// Where a repair stands (REP-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RepairState {
    /// Just created.
    New,
    /// Confirmed.
    Confirmed,
    /// Being repaired.
    UnderRepair,
    /// Repaired.
    Repaired,
    /// Cancelled.
    Cancelled,
}

/// A part used in a repair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RepairPart {
    /// The part.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Sale price (zero under warranty).
    pub unit_price: Decimal,
}

/// A repair order made from a ticket (REP-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Repair {
    /// Identifier.
    pub id: RepairId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `RO/00001`.
    pub reference: String,
    /// The ticket it was made from.
    pub ticket: TicketId,
    /// The customer.
    pub customer: Option<PartnerId>,
    /// The product to repair.
    pub product: ProductId,
    /// Its lot or serial number (tracked products).
    pub lot: Option<String>,
    /// The return it came back with.
    pub return_transfer: Option<TransferId>,
    /// The sales order it was sold with.
    pub sale_order: Option<SaleOrderId>,
    /// When it is planned.
    pub scheduled_date: NaiveDate,
    /// Who manages it.
    pub responsible: Option<UserId>,
    /// Tags.
    pub tags: Vec<String>,
    /// Every part's sale price is zero.
    pub under_warranty: bool,
    /// Parts.
    pub parts: Vec<RepairPart>,
    /// Internal notes.
    pub notes: String,
    /// Where it stands.
    pub state: RepairState,
    /// The quotation made from it.
    pub quotation: Option<SaleOrderId>,
}

/// A field-service project (FSM-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldServiceProject {
    /// Identifier.
    pub id: FieldServiceProjectId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Whether its tasks carry worksheets.
    pub worksheets: bool,
    /// The worksheet template its tasks get by default.
    pub default_worksheet_template: Option<String>,
}

/// Where a field-service task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TaskStage {
    /// Not planned yet.
    New,
    /// Planned.
    Planned,
    /// On site.
    InProgress,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

/// An on-site intervention planned from a ticket (FSM-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldServiceTask {
    /// Identifier.
    pub id: FieldServiceTaskId,
    /// The company.
    pub company: CompanyId,
    /// The project.
    pub project: FieldServiceProjectId,
    /// The ticket it was planned from.
    pub ticket: TicketId,
    /// Title.
    pub title: String,
    /// The customer.
    pub customer: Option<PartnerId>,
    /// Where to go (the customer's address when planned).
    pub address: Option<String>,
    /// The worksheet template (projects with worksheets only).
    pub worksheet_template: Option<String>,
    /// Where it stands.
    pub stage: TaskStage,
}
