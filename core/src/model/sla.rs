//! SLA policies and the statuses they give tickets (RULES.md, SLA).

use crate::ids::{
    CompanyId, PartnerId, SlaPolicyId, StageId, TagId, TeamId, TicketId, TicketTypeId,
};
use crate::model::Priority;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The working time a policy allows (SLA-1): `days` count as the team
/// calendar's hours per day (a team without a calendar: 24 h). Days and
/// hours may have a fraction (CAL-11: `1.5` hours, `0.25` of a day), exact
/// to the second; in JSON they are numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Within {
    /// Working days (a fraction allowed). No default in Kotlin and Swift:
    /// uniffi cannot give a decimal one (pass `BigDecimal.ZERO`).
    #[serde(with = "crate::scalars::decimal_number")]
    pub days: Decimal,
    /// Working hours (a fraction allowed); no default in Kotlin and Swift.
    #[serde(with = "crate::scalars::decimal_number")]
    pub hours: Decimal,
    /// Working minutes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub minutes: u32,
}

impl Within {
    /// Whole working hours and minutes (no days).
    pub fn hours_minutes(hours: u32, minutes: u32) -> Self {
        Self {
            days: Decimal::ZERO,
            hours: Decimal::from(hours),
            minutes,
        }
    }
}

/// A service-level agreement of a team (SLA-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaPolicy {
    /// Identifier.
    pub id: SlaPolicyId,
    /// The company (the team's).
    pub company: CompanyId,
    /// The team whose tickets it applies to.
    pub team: TeamId,
    /// Display name.
    pub name: String,
    /// Internal description (never shown to portal users).
    pub description: String,
    /// The priority a ticket must have.
    pub priority: Priority,
    /// Empty, or the ticket must have one of these tags.
    pub tags: Vec<TagId>,
    /// Empty, or the ticket's customer, its parent or a child must be one of these.
    pub customers: Vec<PartnerId>,
    /// Empty, or the ticket's type must be one of these.
    pub ticket_types: Vec<TicketTypeId>,
    /// The stage to reach (of the team).
    pub target_stage: StageId,
    /// Stages that stop the clock.
    pub excluded_stages: Vec<StageId>,
    /// The working time allowed.
    pub within: Within,
    /// Archived policies no longer apply.
    pub active: bool,
}

/// A policy's stored status on one ticket (SLA-2 … SLA-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaStatus {
    /// The ticket.
    pub ticket: TicketId,
    /// The policy.
    pub policy: SlaPolicyId,
    /// The ticket's company.
    pub company: CompanyId,
    /// The ticket's team.
    pub team: TeamId,
    /// When the ticket was created (the report's period is on it).
    pub ticket_created_at: DateTime<Utc>,
    /// The deadline; `None` while the ticket sits in an excluded stage.
    pub deadline: Option<DateTime<Utc>>,
    /// When the target stage was reached (cleared when the ticket goes back).
    pub reached_at: Option<DateTime<Utc>>,
}

/// Where a status stands at an instant (SLA-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SlaState {
    /// Not reached, deadline unknown or ahead.
    Ongoing,
    /// Reached before the deadline.
    Reached,
    /// Reached at or after the deadline, or not reached and the deadline is past.
    Failed,
}
