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
mod desk;
mod error;
mod ids;
mod model;
mod random;
pub mod sla;
pub mod store;

pub use access::Actor;
pub use clock::{Clock, ManualClock, SystemClock};
pub use desk::*;
pub use error::{Error, ErrorKind, Result};
pub use ids::*;
pub use model::*;
pub use random::{OsRandom, RandomSource, SeededRandom};
pub use sla::SlaFigures;
pub use store::{TicketFilter, TicketSort};

/// The version of this library.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
