//! Typed identifiers: one newtype per kind of record, so a team id can never
//! be passed where a ticket id is expected.
//!
//! An id is a whole number from 1 to 2^53 − 1 ([`crate::scalars::check_id`]).
//! `Default` is id 0, which names no record: it is what
//! `..Default::default()` leaves in an input's required id field, and an
//! operation given it answers `not_found`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<i64> for $name {
            fn from(raw: i64) -> Self {
                Self(raw)
            }
        }
    )*};
}

id_type! {
    /// Identifies a [`Company`](crate::Company).
    CompanyId,
    /// Identifies a [`Partner`](crate::Partner) (a customer contact or a user's own contact).
    PartnerId,
    /// Identifies a [`User`](crate::User).
    UserId,
    /// Identifies a [`Team`](crate::Team).
    TeamId,
    /// Identifies a [`Stage`](crate::Stage).
    StageId,
    /// Identifies a [`Tag`](crate::Tag).
    TagId,
    /// Identifies a [`TicketType`](crate::TicketType).
    TicketTypeId,
    /// Identifies a [`Ticket`](crate::Ticket).
    TicketId,
    /// Identifies a [`Message`](crate::Message) on a ticket.
    MessageId,
    /// Identifies an [`OutboxMessage`](crate::OutboxMessage).
    OutboxId,
    /// Identifies a working calendar (managed by the calendar engine).
    CalendarId,
    /// Identifies a [`Product`](crate::Product).
    ProductId,
    /// Identifies an [`SlaPolicy`](crate::SlaPolicy).
    SlaPolicyId,
    /// Identifies a [`Leave`](crate::Leave) (an agent's time off).
    LeaveId,
    /// Identifies a stored currency rounding ([`Helpdesk::define_currency`](crate::Helpdesk::define_currency)).
    CurrencyId,
    /// Identifies a [`Tax`](crate::Tax).
    TaxId,
    /// Identifies a [`Journal`](crate::Journal).
    JournalId,
    /// Identifies a [`SaleOrder`](crate::SaleOrder).
    SaleOrderId,
    /// Identifies an [`Invoice`](crate::Invoice) or credit note.
    InvoiceId,
    /// Identifies a [`CouponProgram`](crate::CouponProgram).
    CouponProgramId,
    /// Identifies a [`Coupon`](crate::Coupon).
    CouponId,
    /// Identifies a [`UnitCategory`](crate::UnitCategory).
    UnitCategoryId,
    /// Identifies a [`Unit`](crate::Unit) of measure.
    UnitId,
    /// Identifies a [`TimeEntry`](crate::TimeEntry).
    TimeEntryId,
    /// Identifies a stock [`Location`](crate::Location).
    LocationId,
    /// Identifies a [`Transfer`](crate::Transfer).
    TransferId,
    /// Identifies a [`Repair`](crate::Repair) order.
    RepairId,
    /// Identifies a [`FieldServiceProject`](crate::FieldServiceProject).
    FieldServiceProjectId,
    /// Identifies a [`FieldServiceTask`](crate::FieldServiceTask).
    FieldServiceTaskId,
    /// Identifies a [`SalesTeam`](crate::SalesTeam).
    SalesTeamId,
    /// Identifies an [`Opportunity`](crate::Opportunity).
    OpportunityId,
    /// Identifies a customer's [`Rating`](crate::Rating) of a ticket (RAT-1).
    RatingId,
}
