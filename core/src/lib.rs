//! # helpdesk
//!
//! The rules of a customer-service desk — teams and who may see what, ticket
//! stages, followers, messages and the outbox — written once in Rust and
//! embedded from Rust, Python, Node.js and mobile apps.
//!
//! The crate has three layers (see `ARCHITECTURE.md`): pure rules
//! ([`access`]), the [`Helpdesk`] façade a host talks to, and the stores
//! behind [`store::Store`].

pub mod access;
pub mod assignment;
pub mod calendar;
mod clock;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod coupon_code;
mod desk;
mod error;
pub mod hour_accounting;
mod ids;
pub mod invoicing;
pub mod json_api;
pub mod limits;
pub mod mail;
mod model;
pub mod money;
mod random;
pub mod reports;
pub mod scalars;
pub mod sla;
pub mod store;
#[cfg(feature = "uniffi")]
pub mod uniffi_support;
pub mod units;

// The uniffi scaffolding of the core's namespace (`helpdesk`): the records, enums, ids, scalars
// and `HelpdeskError` that the Kotlin/Swift binding (`bindings-mobile`) exposes, declared once
// here (see `uniffi_support`).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub use access::Actor;
pub use clock::{Clock, ManualClock, SystemClock};
pub use desk::*;
pub use error::{CouponRefusal, Error, ErrorKind, Result};
pub use ids::*;
pub use limits::{DeskOptions, Limits};
pub use mail::{AutomaticKind, MailAttachment};
pub use model::*;
pub use money::Currency;
pub use random::{OsRandom, RandomSource, SeededRandom};
pub use reports::{Hours, Period};
/// Exact decimals for money and quantities (`rust_decimal`).
pub use rust_decimal::Decimal;
pub use sla::SlaFigures;
pub use store::{ReportFilter, TicketFilter, TicketSort};

/// The version of this library.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
