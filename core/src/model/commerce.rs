//! The commerce an after-sales desk reads and writes (RULES.md: REF, CPN):
//! products, taxes, journals, sales orders, customer invoices and credit
//! notes. A host records what its ERP holds; the desk produces credit notes
//! and coupons an ERP can take back.

use crate::ids::{
    CompanyId, InvoiceId, JournalId, PartnerId, ProductId, SaleOrderId, TaxId, TicketId, UnitId,
    UserId,
};
use crate::model::ServicePolicy;
use crate::money::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a product's units are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Tracking {
    /// Not tracked.
    #[default]
    None,
    /// By lot number.
    Lot,
    /// By unique serial number.
    Serial,
}

/// Something sold: goods or a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Product {
    /// Identifier.
    pub id: ProductId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Lot or serial tracking.
    pub tracking: Tracking,
    /// Default sale price (tax as its taxes say).
    pub sale_price: Decimal,
    /// Default customer taxes.
    pub taxes: Vec<TaxId>,
    /// The unit it is sold in (`None`: units).
    #[serde(default)]
    pub unit: Option<UnitId>,
    /// For a service: how it is invoiced (HRS-2).
    #[serde(default)]
    pub service_policy: Option<ServicePolicy>,
}

/// A sales tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Tax {
    /// Identifier.
    pub id: TaxId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `VAT 21%`.
    pub name: String,
    /// The rate in percent, e.g. `21`.
    pub percent: Decimal,
    /// Whether prices with this tax include it.
    pub price_included: bool,
}

/// What a journal records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum JournalKind {
    /// Customer invoices and their credit notes.
    #[default]
    Sale,
    /// Vendor bills.
    Purchase,
    /// Bank statements.
    Bank,
    /// Cash.
    Cash,
    /// Miscellaneous entries.
    General,
}

/// An accounting journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Journal {
    /// Identifier.
    pub id: JournalId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Short code, the prefix of its numbers (`INV` gives `INV/2026/00001`,
    /// its credit notes `RINV/2026/00001`).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

/// Where a sales order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SaleOrderState {
    /// A quotation.
    Draft,
    /// Confirmed by the customer.
    Confirmed,
    /// Locked: nothing more to deliver or invoice.
    Done,
    /// Cancelled.
    Cancelled,
}

/// A line of a sales order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SaleOrderLine {
    /// The product.
    pub product: ProductId,
    /// Ordered quantity.
    pub quantity: Decimal,
    /// Unit price.
    pub unit_price: Decimal,
    /// The unit of `quantity` (default the product's).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit: Option<UnitId>,
}

/// A sales order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SaleOrder {
    /// Identifier.
    pub id: SaleOrderId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `S00001`.
    pub reference: String,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner ("same customer", DOMAIN §0).
    pub commercial_partner: PartnerId,
    /// Currency of its prices.
    pub currency: Currency,
    /// Where it stands.
    pub state: SaleOrderState,
    /// Lines.
    pub lines: Vec<SaleOrderLine>,
    /// When it was confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Who sold it (upsell alerts go to them, HRS-6).
    #[serde(default)]
    pub salesperson: Option<UserId>,
    /// The lines whose upsell alert was raised (HRS-6: once per line).
    #[serde(default)]
    pub upsell_alerted: Vec<u32>,
}

/// Invoice or credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum InvoiceKind {
    /// A customer invoice.
    Invoice,
    /// A customer credit note (a refund).
    CreditNote,
}

/// Where an invoice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum InvoiceState {
    /// Editable, not in the books.
    Draft,
    /// In the books.
    Posted,
    /// Cancelled.
    Cancelled,
}

/// Whether an invoice is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentState {
    /// Nothing paid.
    #[default]
    NotPaid,
    /// Partly paid.
    Partial,
    /// Fully paid.
    Paid,
    /// Settled by a credit note (REF-4).
    Reversed,
}

/// A line of an invoice or credit note, with its amounts rounded per the
/// currency (taxes per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InvoiceLine {
    /// The product, if any.
    pub product: Option<ProductId>,
    /// Description.
    pub label: String,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Unit price (as the taxes say: tax included or not).
    pub unit_price: Decimal,
    /// Taxes.
    pub taxes: Vec<TaxId>,
    /// Amount without taxes.
    pub subtotal: Decimal,
    /// Tax amount.
    pub tax: Decimal,
    /// `subtotal + tax`.
    pub total: Decimal,
    /// On a credit note: the index of the invoice line it reverses.
    pub reverses: Option<usize>,
    /// The line of the invoice's sales order it bills.
    #[serde(default)]
    pub sale_line: Option<u32>,
}

/// A customer invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Invoice {
    /// Identifier.
    pub id: InvoiceId,
    /// The company.
    pub company: CompanyId,
    /// Invoice or credit note.
    pub kind: InvoiceKind,
    /// Its number, given when posted (`INV/2026/00001`).
    pub number: Option<String>,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// The journal.
    pub journal: JournalId,
    /// Currency of its amounts.
    pub currency: Currency,
    /// Accounting date.
    pub date: NaiveDate,
    /// Where it stands.
    pub state: InvoiceState,
    /// Whether it is paid.
    pub payment_state: PaymentState,
    /// The sales order it invoices.
    pub sale_order: Option<SaleOrderId>,
    /// Reference, e.g. `Reversal of: INV/2026/00001, Helpdesk Ticket #42`.
    pub reference: String,
    /// On a credit note: the invoice it reverses.
    pub reversed_invoice: Option<InvoiceId>,
    /// The ticket it was made from.
    pub ticket: Option<TicketId>,
    /// A draft credit note with a future reversal date posts on this date (REF-4).
    pub scheduled_post: Option<NaiveDate>,
    /// Lines.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines' subtotals.
    pub untaxed: Decimal,
    /// Sum of the lines' taxes.
    pub tax: Decimal,
    /// Sum of the lines' totals.
    pub total: Decimal,
}
