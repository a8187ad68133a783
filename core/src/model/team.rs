//! Teams and their settings.

use crate::ids::{CalendarId, CompanyId, StageId, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// Who can see a team's tickets (VIS-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Visibility {
    /// Private: only managers and invited (following) internal users.
    InvitedInternal,
    /// Every internal user of the company.
    Internal,
    /// Internal users, plus portal users who follow the ticket or the team.
    #[default]
    Portal,
}

/// How a team with auto-assignment chooses the next agent (ASG-4, ASG-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AssignmentMethod {
    /// Round robin in member order: each user gets an equal number of tickets.
    #[default]
    EqualTickets,
    /// The member with the fewest open tickets in the team.
    EqualOpenTickets,
}

/// A team's switches and parameters. Settings whose behaviour comes with a
/// later engine (SLA, after-sales, billing, ratings) are stored and validated
/// here already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamSettings {
    /// Assign new unassigned tickets automatically (ASG-1).
    pub auto_assignment: bool,
    /// The assignment method.
    pub assignment_method: AssignmentMethod,
    /// The working calendar of the team (SLA deadlines); `None` = company default.
    pub calendar: Option<CalendarId>,
    /// Whether SLA policies apply to the team's tickets.
    pub use_sla: bool,
    /// Refunds by credit note.
    pub refunds: bool,
    /// Coupons from a ticket.
    pub coupons: bool,
    /// Product returns.
    pub returns: bool,
    /// Repair orders.
    pub repairs: bool,
    /// Field-service tasks.
    pub field_service: bool,
    /// The default field-service project of the team's tasks.
    pub field_service_project: Option<i64>,
    /// Close inactive tickets automatically (CLS-1).
    pub auto_close: bool,
    /// Days of inactivity before auto-close (at least 1; default 7).
    pub auto_close_days: u32,
    /// The stages auto-close looks at (empty = every open stage).
    pub auto_close_from_stages: Vec<StageId>,
    /// The stage closing moves to (`None` = first folded stage, else last stage).
    pub closing_stage: Option<StageId>,
    /// Whether customers may close their own tickets (CLS-2).
    pub customer_can_close: bool,
    /// Time tracking on tickets (timesheets).
    pub time_tracking: bool,
    /// Bill the time tracked (prepaid or post-paid).
    pub time_billing: bool,
    /// Ask customers for ratings (RAT-1).
    pub ratings: bool,
    /// Show ratings on the public page.
    pub public_ratings: bool,
}

impl Default for TeamSettings {
    fn default() -> Self {
        Self {
            auto_assignment: false,
            assignment_method: AssignmentMethod::default(),
            calendar: None,
            use_sla: false,
            refunds: false,
            coupons: false,
            returns: false,
            repairs: false,
            field_service: false,
            field_service_project: None,
            auto_close: false,
            auto_close_days: 7,
            auto_close_from_stages: Vec::new(),
            closing_stage: None,
            customer_can_close: false,
            time_tracking: false,
            time_billing: false,
            ratings: false,
            public_ratings: false,
        }
    }
}

/// A helpdesk team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Team {
    /// Identifier.
    pub id: TeamId,
    /// The company the team belongs to.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Public description, shown on the customer form: never internal notes.
    pub description: String,
    /// Who sees the team's tickets.
    pub visibility: Visibility,
    /// Members, in assignment order (empty = every agent of the company, ASG-2).
    pub members: Vec<UserId>,
    /// Switches and parameters.
    pub settings: TeamSettings,
    /// Archived teams take no new tickets.
    pub active: bool,
}
