//! What the desk hands to a CRM: sales teams and the opportunities made
//! from tickets (CNV-1).

use crate::ids::{CompanyId, MessageId, OpportunityId, PartnerId, SalesTeamId, TicketId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A sales team of a company: who may take an opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SalesTeam {
    /// Identifier.
    pub id: SalesTeamId,
    /// The company.
    pub company: CompanyId,
    /// Display name, unique in the company.
    pub name: String,
    /// Its salespeople (internal users of the company).
    pub members: Vec<UserId>,
}

/// An opportunity made from a ticket (CNV-1), for the host's CRM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Opportunity {
    /// Identifier.
    pub id: OpportunityId,
    /// The company.
    pub company: CompanyId,
    /// Its name: the ticket's subject.
    pub name: String,
    /// The customer, if any.
    pub customer: Option<PartnerId>,
    /// The sales team, if any.
    pub sales_team: Option<SalesTeamId>,
    /// The salesperson, if any.
    pub salesperson: Option<UserId>,
    /// The ticket's description.
    pub description: String,
    /// The ticket it was made from.
    pub ticket: TicketId,
    /// That ticket's reference (`#42`).
    pub ticket_reference: String,
    /// The ticket's messages, linked to the opportunity.
    pub messages: Vec<MessageId>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Whom an opportunity made from a ticket is for (CNV-1); without one, it
/// is for no customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ConversionCustomer {
    /// A new customer, a copy of the ticket's customer contact (name,
    /// e-mail, phone, address) as a contact of its own.
    Create,
    /// The existing contact named by `partner`.
    Link,
}
