//! Stages, tags and ticket types.

use crate::ids::{CompanyId, StageId, TagId, TeamId, TicketTypeId};
use serde::{Deserialize, Serialize};

/// A step of the ticket pipeline. A folded stage means *closed*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Stage {
    /// Identifier.
    pub id: StageId,
    /// The company of the teams using it.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Position in the pipeline (lower first).
    pub sequence: i32,
    /// Folded = closed.
    pub folded: bool,
    /// The teams that use the stage.
    pub teams: Vec<TeamId>,
    /// E-mail template sent to the customer when a ticket enters the stage.
    pub email_template: Option<String>,
    /// SMS template sent to the customer when a ticket enters the stage.
    pub sms_template: Option<String>,
    /// A ticket entering the stage asks its customer for a rating, when
    /// its team has ratings on (RAT-1).
    #[serde(default)]
    pub rating_request: bool,
}

/// A label on tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Tag {
    /// Identifier.
    pub id: TagId,
    /// Company.
    pub company: CompanyId,
    /// Display name (unique per company).
    pub name: String,
}

/// A kind of ticket (question, issue, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketType {
    /// Identifier.
    pub id: TicketTypeId,
    /// Company.
    pub company: CompanyId,
    /// Display name (unique per company).
    pub name: String,
}
