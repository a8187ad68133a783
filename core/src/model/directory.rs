//! Companies, partners and users.

use crate::ids::{CalendarId, CompanyId, PartnerId, TeamId, UserId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A company: teams, tickets and documents belong to exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Company {
    /// Identifier.
    pub id: CompanyId,
    /// Display name.
    pub name: String,
    /// Upsell alerts go out when a prepaid line's delivered time passes
    /// this percentage of the ordered quantity (HRS-6; default 100).
    #[serde(default = "hundred")]
    pub upsell_threshold: Decimal,
    /// How e-mail to the company is taken in (MAIL-1, MAIL-3, MAIL-4).
    #[serde(default)]
    pub mail: MailSettings,
}

/// How a company takes in e-mail ([`crate::Helpdesk::receive_email`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MailSettings {
    /// The team that gets a new mail addressed to no team's alias (MAIL-1);
    /// `None` (the default): such a mail is refused.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_team: Option<TeamId>,
    /// The most tickets one sender's mail opens in an hour (MAIL-3); past
    /// it a new mail of theirs is throttled: no ticket (default 10).
    #[cfg_attr(feature = "uniffi", uniffi(default = 10))]
    pub tickets_per_sender_per_hour: u32,
    /// The most attachment bytes of one mail handed back to the host to
    /// keep (MAIL-4); past it an attachment keeps its record but not its
    /// bytes (default 10,485,760: 10 MiB).
    #[cfg_attr(feature = "uniffi", uniffi(default = 10485760))]
    pub max_kept_attachment_bytes: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            default_team: None,
            tickets_per_sender_per_hour: 10,
            max_kept_attachment_bytes: crate::mail::MailLimits::DEFAULT_MAX_KEPT_ATTACHMENT_BYTES
                as u64,
        }
    }
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// A contact: a customer, a person at a customer, or a user's own contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Partner {
    /// Identifier.
    pub id: PartnerId,
    /// The company the contact is restricted to; `None` = shared by all.
    pub company: Option<CompanyId>,
    /// Display name.
    pub name: String,
    /// E-mail address, where the outbox sends to.
    pub email: Option<String>,
    /// Phone number, where SMS templates are sent to.
    pub phone: Option<String>,
    /// The parent contact (e.g. the company a person works for).
    pub parent: Option<PartnerId>,
    /// The top of the parent chain: "same customer" means same commercial partner.
    pub commercial_partner: PartnerId,
    /// Postal address (where field service goes).
    #[serde(default)]
    pub address: Option<String>,
}

/// Whether a user is an employee or a customer's portal login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum UserKind {
    /// An employee.
    #[default]
    Internal,
    /// A customer's login, linked to a partner.
    Portal,
}

/// The helpdesk role of an internal user (portal users always have `none`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum HelpdeskRole {
    /// No helpdesk rights: reads what VIS-3 allows, changes nothing.
    #[default]
    None,
    /// Works tickets.
    Agent,
    /// Administrator: sees and configures everything of their companies.
    Manager,
}

/// Someone who acts on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// Login e-mail.
    pub email: Option<String>,
    /// The user's own contact; followers are partners.
    pub partner: PartnerId,
    /// Employee or portal.
    pub kind: UserKind,
    /// Helpdesk role (always `none` for portal users).
    pub role: HelpdeskRole,
    /// The companies the user works for (at least one).
    pub companies: Vec<CompanyId>,
    /// Archived users cannot act and are not assigned.
    pub active: bool,
    /// The user's working calendar (ASG-3); `None`: available whenever
    /// their team's calendar is, or at any time without one.
    #[serde(default)]
    pub calendar: Option<CalendarId>,
    /// CAL-11: the IANA zone the user works in, when it differs from their
    /// calendar's: the calendar's hours and whole-day closures are then read
    /// in this zone (an office calendar of 9:00 to 17:00 is 9:00 to 17:00 where
    /// the user is). `None`: the calendar's own zone.
    #[serde(default)]
    pub time_zone: Option<String>,
}

impl User {
    /// Whether the user may change tickets (VIS-8).
    pub fn is_agent(&self) -> bool {
        self.kind == UserKind::Internal && self.role >= HelpdeskRole::Agent
    }

    /// Whether the user is a helpdesk manager (VIS-2, VIS-8).
    pub fn is_manager(&self) -> bool {
        self.kind == UserKind::Internal && self.role == HelpdeskRole::Manager
    }

    /// Whether the user works for `company`.
    pub fn works_for(&self, company: CompanyId) -> bool {
        self.companies.contains(&company)
    }
}
