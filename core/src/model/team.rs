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

/// Changes to a team's settings ([`crate::TeamUpdate::settings`]): a field
/// left out (`None`) keeps its value, so a caller names only what changes;
/// `clear` removes the optional references it names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamSettingsPatch {
    /// Assign new unassigned tickets automatically (ASG-1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub auto_assignment: Option<bool>,
    /// The assignment method.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assignment_method: Option<AssignmentMethod>,
    /// The working calendar of the team (to remove it: `clear`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub calendar: Option<CalendarId>,
    /// Whether SLA policies apply to the team's tickets.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub use_sla: Option<bool>,
    /// Refunds by credit note.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub refunds: Option<bool>,
    /// Coupons from a ticket.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub coupons: Option<bool>,
    /// Product returns.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub returns: Option<bool>,
    /// Repair orders.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repairs: Option<bool>,
    /// Field-service tasks.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub field_service: Option<bool>,
    /// The default field-service project (to remove it: `clear`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub field_service_project: Option<i64>,
    /// Close inactive tickets automatically (CLS-1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub auto_close: Option<bool>,
    /// Days of inactivity before auto-close (at least 1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub auto_close_days: Option<u32>,
    /// The stages auto-close looks at (empty = every open stage).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub auto_close_from_stages: Option<Vec<StageId>>,
    /// The stage closing moves to (to go back to the default: `clear`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub closing_stage: Option<StageId>,
    /// Whether customers may close their own tickets (CLS-2).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customer_can_close: Option<bool>,
    /// Time tracking on tickets (timesheets).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_tracking: Option<bool>,
    /// Bill the time tracked (prepaid or post-paid).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_billing: Option<bool>,
    /// Ask customers for ratings (RAT-1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ratings: Option<bool>,
    /// Show ratings on the public page.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub public_ratings: Option<bool>,
    /// The optional references to remove (a reference both set and
    /// removed is refused).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clear: Vec<TeamSettingsReference>,
}

/// An optional reference of a team's settings, which a
/// [`TeamSettingsPatch`] may remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TeamSettingsReference {
    /// The team's working calendar (back to the company default).
    Calendar,
    /// The default field-service project.
    FieldServiceProject,
    /// The closing stage (back to the first folded stage, else the last).
    ClosingStage,
}

impl TeamSettingsReference {
    /// The setting's name, as a [`TeamSettings`] field.
    pub fn name(self) -> &'static str {
        match self {
            TeamSettingsReference::Calendar => "calendar",
            TeamSettingsReference::FieldServiceProject => "field_service_project",
            TeamSettingsReference::ClosingStage => "closing_stage",
        }
    }
}

impl TeamSettingsPatch {
    /// `settings` with the patch applied; a reference both set and removed
    /// is `invalid_input` on `settings.clear`.
    pub fn apply(&self, settings: &TeamSettings) -> crate::Result<TeamSettings> {
        let mut out = settings.clone();
        if let Some(value) = self.auto_assignment {
            out.auto_assignment = value;
        }
        if let Some(value) = self.assignment_method {
            out.assignment_method = value;
        }
        if let Some(value) = self.calendar {
            out.calendar = Some(value);
        }
        if let Some(value) = self.use_sla {
            out.use_sla = value;
        }
        if let Some(value) = self.refunds {
            out.refunds = value;
        }
        if let Some(value) = self.coupons {
            out.coupons = value;
        }
        if let Some(value) = self.returns {
            out.returns = value;
        }
        if let Some(value) = self.repairs {
            out.repairs = value;
        }
        if let Some(value) = self.field_service {
            out.field_service = value;
        }
        if let Some(value) = self.field_service_project {
            out.field_service_project = Some(value);
        }
        if let Some(value) = self.auto_close {
            out.auto_close = value;
        }
        if let Some(value) = self.auto_close_days {
            out.auto_close_days = value;
        }
        if let Some(value) = &self.auto_close_from_stages {
            out.auto_close_from_stages = value.clone();
        }
        if let Some(value) = self.closing_stage {
            out.closing_stage = Some(value);
        }
        if let Some(value) = self.customer_can_close {
            out.customer_can_close = value;
        }
        if let Some(value) = self.time_tracking {
            out.time_tracking = value;
        }
        if let Some(value) = self.time_billing {
            out.time_billing = value;
        }
        if let Some(value) = self.ratings {
            out.ratings = value;
        }
        if let Some(value) = self.public_ratings {
            out.public_ratings = value;
        }
        for reference in &self.clear {
            let set = match reference {
                TeamSettingsReference::Calendar => out.calendar.take().and(self.calendar).is_some(),
                TeamSettingsReference::FieldServiceProject => out
                    .field_service_project
                    .take()
                    .and(self.field_service_project)
                    .is_some(),
                TeamSettingsReference::ClosingStage => {
                    out.closing_stage.take().and(self.closing_stage).is_some()
                }
            };
            if set {
                return Err(crate::Error::invalid(
                    "settings.clear",
                    format!("{} is both set and removed", reference.name()),
                ));
            }
        }
        Ok(out)
    }
}

/// Every setting as given: the patch that makes a team's settings exactly
/// `settings` (an absent reference is removed).
impl From<TeamSettings> for TeamSettingsPatch {
    fn from(settings: TeamSettings) -> Self {
        let mut clear = Vec::new();
        if settings.calendar.is_none() {
            clear.push(TeamSettingsReference::Calendar);
        }
        if settings.field_service_project.is_none() {
            clear.push(TeamSettingsReference::FieldServiceProject);
        }
        if settings.closing_stage.is_none() {
            clear.push(TeamSettingsReference::ClosingStage);
        }
        Self {
            auto_assignment: Some(settings.auto_assignment),
            assignment_method: Some(settings.assignment_method),
            calendar: settings.calendar,
            use_sla: Some(settings.use_sla),
            refunds: Some(settings.refunds),
            coupons: Some(settings.coupons),
            returns: Some(settings.returns),
            repairs: Some(settings.repairs),
            field_service: Some(settings.field_service),
            field_service_project: settings.field_service_project,
            auto_close: Some(settings.auto_close),
            auto_close_days: Some(settings.auto_close_days),
            auto_close_from_stages: Some(settings.auto_close_from_stages),
            closing_stage: settings.closing_stage,
            customer_can_close: Some(settings.customer_can_close),
            time_tracking: Some(settings.time_tracking),
            time_billing: Some(settings.time_billing),
            ratings: Some(settings.ratings),
            public_ratings: Some(settings.public_ratings),
            clear,
        }
    }
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
    /// The address customers write to the team at, lowercase (MAIL-1),
    /// and where answers to its e-mails go (their Reply-To, OUT-2); unique
    /// in its company.
    pub email_alias: Option<String>,
}
