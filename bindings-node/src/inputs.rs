//! The inputs of operations, as plain objects. Optional fields may be left
//! out (or `null`); they then take the core's defaults.

use crate::calendar::{to_core, CalendarSpec, Closure, WorkingHours};
use crate::enums::{
    AssignmentMethod, HelpdeskRole, JournalKind, LocationKind, Priority, RewardKind, RewardScope,
    ServicePolicy, TicketSort, Tracking, UserKind, Visibility,
};
use crate::scalars::{self, decimal, opt_date, opt_decimal, opt_u32, whole_u32};
use napi::bindgen_prelude::{Either, Null};
use napi::JsDate;
use napi_derive::napi;

/// An optional input field: absent, `undefined` and `null` all mean "none"
/// (the field's type is `T | null`, optional, in `index.d.ts`).
fn opt<T>(field: Option<Either<T, Null>>) -> Option<T> {
    match field {
        Some(Either::A(value)) => Some(value),
        Some(Either::B(Null)) | None => None,
    }
}

/// An optional id field (see `crate::scalars::id`); a number that is not
/// an id is `invalid_input` naming `field`.
fn opt_id<T: From<i64>>(
    field: &'static str,
    raw: Option<Either<f64, Null>>,
) -> helpdesk::Result<Option<T>> {
    scalars::opt_id(field, opt(raw))
}

/// An optional list of ids (see `crate::scalars::ids`).
fn opt_ids<T: From<i64>>(
    field: &'static str,
    raw: Option<Either<Vec<f64>, Null>>,
) -> helpdesk::Result<Option<Vec<T>>> {
    opt(raw).map(|ids| scalars::ids(field, ids)).transpose()
}

/// Input of `createCompany`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewCompany {
    /// Display name (required).
    pub name: String,
}

impl From<NewCompany> for helpdesk::NewCompany {
    fn from(i: NewCompany) -> Self {
        Self { name: i.name }
    }
}

/// Input of `createPartner`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// Restrict the contact to a company (absent: shared).
    pub company: Option<Either<f64, Null>>,
    /// Display name (required).
    pub name: String,
    /// E-mail address.
    pub email: Option<Either<String, Null>>,
    /// Phone number.
    pub phone: Option<Either<String, Null>>,
    /// Parent contact (e.g. the customer company of a person).
    pub parent: Option<Either<f64, Null>>,
    /// Postal address (where field service goes).
    pub address: Option<Either<String, Null>>,
}

impl NewPartner {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewPartner> {
        let i = self;
        Ok(helpdesk::NewPartner {
            company: opt_id("company", i.company)?,
            name: i.name,
            email: opt(i.email),
            phone: opt(i.phone),
            parent: opt_id("parent", i.parent)?,
            address: opt(i.address),
        })
    }
}

/// Input of `updatePartner`: an absent field is kept, an empty e-mail or
/// phone clears it.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct PartnerUpdate {
    /// New display name.
    pub name: Option<Either<String, Null>>,
    /// New e-mail (empty clears).
    pub email: Option<Either<String, Null>>,
    /// New phone (empty clears).
    pub phone: Option<Either<String, Null>>,
    /// New postal address (empty clears).
    pub address: Option<Either<String, Null>>,
}

impl From<PartnerUpdate> for helpdesk::PartnerUpdate {
    fn from(i: PartnerUpdate) -> Self {
        Self {
            name: opt(i.name),
            email: opt(i.email),
            phone: opt(i.phone),
            address: opt(i.address),
        }
    }
}

/// Input of `createUser`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Display name (required).
    pub name: String,
    /// Login e-mail.
    pub email: Option<Either<String, Null>>,
    /// Employee or portal.
    pub kind: UserKind,
    /// Helpdesk role (default `none`; must be `none` for portal users).
    pub role: Option<Either<HelpdeskRole, Null>>,
    /// Companies the user works for (at least one).
    pub companies: Vec<f64>,
    /// The user's contact: required for portal users (the customer contact
    /// they log in for); created from name and e-mail when absent for
    /// employees.
    pub partner: Option<Either<f64, Null>>,
}

impl NewUser {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewUser> {
        let i = self;
        Ok(helpdesk::NewUser {
            name: i.name,
            email: opt(i.email),
            kind: i.kind.into(),
            role: opt(i.role).map(Into::into).unwrap_or_default(),
            companies: scalars::ids("companies", i.companies)?,
            partner: opt_id("partner", i.partner)?,
        })
    }
}

/// Input of `updateUser`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct UserUpdate {
    /// New display name.
    pub name: Option<Either<String, Null>>,
    /// New helpdesk role (internal users only).
    pub role: Option<Either<HelpdeskRole, Null>>,
    /// New company list (at least one).
    pub companies: Option<Either<Vec<f64>, Null>>,
    /// Archive (`false`) or restore (`true`).
    pub active: Option<Either<bool, Null>>,
}

impl UserUpdate {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::UserUpdate> {
        let i = self;
        Ok(helpdesk::UserUpdate {
            name: opt(i.name),
            role: opt(i.role).map(Into::into),
            companies: opt_ids("companies", i.companies)?,
            active: opt(i.active),
        })
    }
}

/// A team's switches and parameters, as given to `createTeam` and
/// `updateTeam`: an absent field takes its default (so an update replaces
/// all the settings).
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct TeamSettingsInput {
    /// Assign new unassigned tickets automatically (ASG-1).
    pub auto_assignment: Option<Either<bool, Null>>,
    /// The assignment method (default `equal_tickets`).
    pub assignment_method: Option<Either<AssignmentMethod, Null>>,
    /// The working calendar of the team (SLA deadlines); absent = company default.
    pub calendar: Option<Either<f64, Null>>,
    /// Whether SLA policies apply to the team's tickets.
    pub use_sla: Option<Either<bool, Null>>,
    /// Refunds by credit note.
    pub refunds: Option<Either<bool, Null>>,
    /// Coupons from a ticket.
    pub coupons: Option<Either<bool, Null>>,
    /// Product returns.
    pub returns: Option<Either<bool, Null>>,
    /// Repair orders.
    pub repairs: Option<Either<bool, Null>>,
    /// Field-service tasks.
    pub field_service: Option<Either<bool, Null>>,
    /// The default field-service project of the team's tasks.
    pub field_service_project: Option<Either<f64, Null>>,
    /// Close inactive tickets automatically (CLS-1).
    pub auto_close: Option<Either<bool, Null>>,
    /// Days of inactivity before auto-close (at least 1; default 7).
    pub auto_close_days: Option<Either<u32, Null>>,
    /// The stages auto-close looks at (empty = every open stage).
    pub auto_close_from_stages: Option<Either<Vec<f64>, Null>>,
    /// The stage closing moves to (absent = first folded stage, else last stage).
    pub closing_stage: Option<Either<f64, Null>>,
    /// Whether customers may close their own tickets (CLS-2).
    pub customer_can_close: Option<Either<bool, Null>>,
    /// Time tracking on tickets (timesheets).
    pub time_tracking: Option<Either<bool, Null>>,
    /// Bill the time tracked (prepaid or post-paid).
    pub time_billing: Option<Either<bool, Null>>,
    /// Ask customers for ratings (RAT-1).
    pub ratings: Option<Either<bool, Null>>,
    /// Show ratings on the public page.
    pub public_ratings: Option<Either<bool, Null>>,
}

impl TeamSettingsInput {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TeamSettings> {
        let i = self;
        let d = helpdesk::TeamSettings::default();
        Ok(helpdesk::TeamSettings {
            auto_assignment: opt(i.auto_assignment).unwrap_or(d.auto_assignment),
            assignment_method: opt(i.assignment_method).map_or(d.assignment_method, Into::into),
            calendar: opt_id("calendar", i.calendar)?.or(d.calendar),
            use_sla: opt(i.use_sla).unwrap_or(d.use_sla),
            refunds: opt(i.refunds).unwrap_or(d.refunds),
            coupons: opt(i.coupons).unwrap_or(d.coupons),
            returns: opt(i.returns).unwrap_or(d.returns),
            repairs: opt(i.repairs).unwrap_or(d.repairs),
            field_service: opt(i.field_service).unwrap_or(d.field_service),
            field_service_project: opt_id("field_service_project", i.field_service_project)?
                .or(d.field_service_project),
            auto_close: opt(i.auto_close).unwrap_or(d.auto_close),
            auto_close_days: opt(i.auto_close_days).unwrap_or(d.auto_close_days),
            auto_close_from_stages: opt_ids("auto_close_from_stages", i.auto_close_from_stages)?
                .unwrap_or(d.auto_close_from_stages),
            closing_stage: opt_id("closing_stage", i.closing_stage)?.or(d.closing_stage),
            customer_can_close: opt(i.customer_can_close).unwrap_or(d.customer_can_close),
            time_tracking: opt(i.time_tracking).unwrap_or(d.time_tracking),
            time_billing: opt(i.time_billing).unwrap_or(d.time_billing),
            ratings: opt(i.ratings).unwrap_or(d.ratings),
            public_ratings: opt(i.public_ratings).unwrap_or(d.public_ratings),
        })
    }
}

/// Input of `createTeam`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewTeam {
    /// The company (required).
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// Public description, shown on the customer form.
    pub description: Option<Either<String, Null>>,
    /// Who sees its tickets (default `portal`, VIS-1).
    pub visibility: Option<Either<Visibility, Null>>,
    /// Members in assignment order (agents or managers of the company).
    pub members: Option<Either<Vec<f64>, Null>>,
    /// Switches and parameters.
    pub settings: Option<Either<TeamSettingsInput, Null>>,
}

impl NewTeam {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewTeam> {
        let i = self;
        Ok(helpdesk::NewTeam {
            company: scalars::id("company", i.company)?,
            name: i.name,
            description: opt(i.description).unwrap_or_default(),
            visibility: opt(i.visibility).map(Into::into).unwrap_or_default(),
            members: opt_ids("members", i.members)?.unwrap_or_default(),
            settings: opt(i.settings).unwrap_or_default().into_core()?,
        })
    }
}

/// Input of `updateTeam`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct TeamUpdate {
    /// New name.
    pub name: Option<Either<String, Null>>,
    /// New public description.
    pub description: Option<Either<String, Null>>,
    /// New visibility (VIS-6 side effects apply).
    pub visibility: Option<Either<Visibility, Null>>,
    /// New settings (all of them: absent fields take their defaults).
    pub settings: Option<Either<TeamSettingsInput, Null>>,
    /// Archive (`false`) or restore (`true`).
    pub active: Option<Either<bool, Null>>,
}

impl TeamUpdate {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TeamUpdate> {
        let i = self;
        Ok(helpdesk::TeamUpdate {
            name: opt(i.name),
            description: opt(i.description),
            visibility: opt(i.visibility).map(Into::into),
            settings: opt(i.settings)
                .map(TeamSettingsInput::into_core)
                .transpose()?,
            active: opt(i.active),
        })
    }
}

/// Input of `createStage`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewStage {
    /// The company (required).
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// Position (lower first; default 0).
    pub sequence: Option<Either<i32, Null>>,
    /// Folded = closed.
    pub folded: Option<Either<bool, Null>>,
    /// The teams using it (of the same company).
    pub teams: Option<Either<Vec<f64>, Null>>,
    /// E-mail template sent to the customer on entering it.
    pub email_template: Option<Either<String, Null>>,
    /// SMS template sent to the customer on entering it.
    pub sms_template: Option<Either<String, Null>>,
}

impl NewStage {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewStage> {
        let i = self;
        Ok(helpdesk::NewStage {
            company: scalars::id("company", i.company)?,
            name: i.name,
            sequence: opt(i.sequence).unwrap_or_default(),
            folded: opt(i.folded).unwrap_or_default(),
            teams: opt_ids("teams", i.teams)?.unwrap_or_default(),
            email_template: opt(i.email_template),
            sms_template: opt(i.sms_template),
        })
    }
}

/// Input of `updateStage`: an absent field is kept; an empty template
/// clears it.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct StageUpdate {
    /// New name.
    pub name: Option<Either<String, Null>>,
    /// New position (reordering).
    pub sequence: Option<Either<i32, Null>>,
    /// Fold (close) or unfold; tickets in the stage follow.
    pub folded: Option<Either<bool, Null>>,
    /// New team list.
    pub teams: Option<Either<Vec<f64>, Null>>,
    /// New e-mail template (empty clears).
    pub email_template: Option<Either<String, Null>>,
    /// New SMS template (empty clears).
    pub sms_template: Option<Either<String, Null>>,
}

impl StageUpdate {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::StageUpdate> {
        let i = self;
        Ok(helpdesk::StageUpdate {
            name: opt(i.name),
            sequence: opt(i.sequence),
            folded: opt(i.folded),
            teams: opt_ids("teams", i.teams)?,
            email_template: opt(i.email_template),
            sms_template: opt(i.sms_template),
        })
    }
}

/// Input of `createTicket`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewTicket {
    /// The team; the ticket's company is the team's.
    pub team: Option<Either<f64, Null>>,
    /// The company, required only for a ticket without a team.
    pub company: Option<Either<f64, Null>>,
    /// Subject (required, not empty).
    pub subject: String,
    /// Description.
    pub description: Option<Either<String, Null>>,
    /// Priority (default `low`).
    pub priority: Option<Either<Priority, Null>>,
    /// Ticket type.
    pub ticket_type: Option<Either<f64, Null>>,
    /// Tags.
    pub tags: Option<Either<Vec<f64>, Null>>,
    /// Customer contact (made a follower, VIS-5).
    pub customer: Option<Either<f64, Null>>,
    /// Assignee (made a follower, VIS-5).
    pub assignee: Option<Either<f64, Null>>,
    /// Product the ticket is about.
    pub product: Option<Either<f64, Null>>,
    /// Lot or serial number.
    pub lot: Option<Either<String, Null>>,
    /// CC'd contacts: those that are internal users follow the ticket (VIS-5).
    pub cc: Option<Either<Vec<f64>, Null>>,
}

impl NewTicket {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewTicket> {
        let i = self;
        Ok(helpdesk::NewTicket {
            team: opt_id("team", i.team)?,
            company: opt_id("company", i.company)?,
            subject: i.subject,
            description: opt(i.description).unwrap_or_default(),
            priority: opt(i.priority).map(Into::into).unwrap_or_default(),
            ticket_type: opt_id("ticket_type", i.ticket_type)?,
            tags: opt_ids("tags", i.tags)?.unwrap_or_default(),
            customer: opt_id("customer", i.customer)?,
            assignee: opt_id("assignee", i.assignee)?,
            product: opt_id("product", i.product)?,
            lot: opt(i.lot),
            cc: opt_ids("cc", i.cc)?.unwrap_or_default(),
        })
    }
}

/// Input of `submitTicket`: the public ticket form.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Submission {
    /// The team (must be visible on the portal, VIS-7).
    pub team: f64,
    /// Subject (required).
    pub subject: String,
    /// Description.
    pub description: Option<Either<String, Null>>,
}

impl Submission {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::Submission> {
        let i = self;
        Ok(helpdesk::Submission {
            team: scalars::id("team", i.team)?,
            subject: i.subject,
            description: opt(i.description).unwrap_or_default(),
        })
    }
}

/// Input of `updateTicket`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct TicketUpdate {
    /// New subject (not empty).
    pub subject: Option<Either<String, Null>>,
    /// New description.
    pub description: Option<Either<String, Null>>,
    /// New priority.
    pub priority: Option<Either<Priority, Null>>,
    /// New tag list.
    pub tags: Option<Either<Vec<f64>, Null>>,
}

impl TicketUpdate {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TicketUpdate> {
        let i = self;
        Ok(helpdesk::TicketUpdate {
            subject: opt(i.subject),
            description: opt(i.description),
            priority: opt(i.priority).map(Into::into),
            tags: opt_ids("tags", i.tags)?,
        })
    }
}

/// Filters of a ticket listing; every field narrows, an absent one does not.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    /// Only this team's tickets.
    pub team: Option<Either<f64, Null>>,
    /// Only tickets in this stage.
    pub stage: Option<Either<f64, Null>>,
    /// Only tickets assigned to this user.
    pub assignee: Option<Either<f64, Null>>,
    /// Only this customer's tickets.
    pub customer: Option<Either<f64, Null>>,
    /// `true` open only, `false` closed only.
    pub open: Option<Either<bool, Null>>,
    /// Only tickets whose subject contains this text (case-insensitive for ASCII).
    pub text: Option<Either<String, Null>>,
    /// Archived tickets instead of active ones (default `false`).
    pub archived: Option<Either<bool, Null>>,
    /// `true`: only tickets that have failed an SLA now; `false`: only those
    /// that have not (internal users only).
    pub sla_failed: Option<Either<bool, Null>>,
}

impl TicketFilter {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TicketFilter> {
        let i = self;
        Ok(helpdesk::TicketFilter {
            team: opt_id("team", i.team)?,
            stage: opt_id("stage", i.stage)?,
            assignee: opt_id("assignee", i.assignee)?,
            customer: opt_id("customer", i.customer)?,
            open: opt(i.open),
            text: opt(i.text),
            archived: opt(i.archived).unwrap_or_default(),
            sla_failed: opt(i.sla_failed),
        })
    }
}

/// Input of `listTickets`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    /// What to list.
    pub filter: Option<Either<TicketFilter, Null>>,
    /// In which order (default `newest`).
    pub sort: Option<Either<TicketSort, Null>>,
    /// Continue after the page that returned this cursor.
    pub cursor: Option<Either<String, Null>>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<Either<u32, Null>>,
}

impl TicketQuery {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TicketQuery> {
        let i = self;
        let d = helpdesk::TicketQuery::default();
        Ok(helpdesk::TicketQuery {
            filter: opt(i.filter)
                .map(TicketFilter::into_core)
                .transpose()?
                .unwrap_or(d.filter),
            sort: opt(i.sort).map_or(d.sort, Into::into),
            cursor: opt(i.cursor),
            limit: opt(i.limit).unwrap_or(d.limit),
        })
    }
}

/// Input of `createCalendar`: a company, a name, and the fields of a
/// `CalendarSpec` (time zone, weekly hours, closures).
#[napi(object)]
pub struct NewCalendar {
    /// The company.
    pub company: f64,
    /// Display name.
    pub name: String,
    /// IANA time zone, e.g. `'Europe/Brussels'`.
    pub time_zone: String,
    /// The weekly pattern.
    pub hours: Vec<WorkingHours>,
    /// Public holidays, company closures, leaves.
    pub closures: Option<Vec<Closure>>,
}

impl NewCalendar {
    /// The core input (reads the closures' `Date`s: JavaScript thread).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewCalendar> {
        Ok(helpdesk::NewCalendar {
            company: scalars::id("company", self.company)?,
            name: self.name,
            spec: to_core(CalendarSpec {
                time_zone: self.time_zone,
                hours: self.hours,
                closures: self.closures,
            })?,
        })
    }
}

/// Input of `updateCalendar`: an absent field is kept.
#[napi(object)]
pub struct CalendarUpdate {
    /// New name.
    pub name: Option<String>,
    /// New time zone, hours and closures (replaced as a whole).
    pub spec: Option<CalendarSpec>,
}

impl CalendarUpdate {
    /// The core input (reads the closures' `Date`s: JavaScript thread).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::CalendarUpdate> {
        Ok(helpdesk::CalendarUpdate {
            name: self.name,
            spec: self.spec.map(to_core).transpose()?,
        })
    }
}

/// An optional `Date` input as a core instant (read on the JavaScript
/// thread); an Invalid Date is `invalid_input` naming `field`.
fn opt_instant(
    field: &'static str,
    date: Option<Either<JsDate<'static>, Null>>,
) -> helpdesk::Result<Option<chrono::DateTime<chrono::Utc>>> {
    opt(date).map(|d| scalars::instant(field, &d)).transpose()
}

/// Input of `createLeave`: a period an employee does not work.
#[napi(object)]
// `JsDate<'static>`: the napi macros take no lifetime on an object; a
// `NewLeave` only lives during the synchronous call that converts it.
pub struct NewLeave {
    /// Who is away (an employee).
    pub user: f64,
    /// First instant away.
    pub from: JsDate<'static>,
    /// First instant back (after `from`).
    pub to: JsDate<'static>,
    /// Why (default empty).
    pub reason: Option<Either<String, Null>>,
}

impl NewLeave {
    /// The core input (reads the `Date`s: JavaScript thread).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewLeave> {
        Ok(helpdesk::NewLeave {
            user: scalars::id("user", self.user)?,
            from: scalars::instant("from", &self.from)?,
            to: scalars::instant("to", &self.to)?,
            reason: opt(self.reason).unwrap_or_default(),
        })
    }
}

/// The working time an SLA policy allows, as given to `createSlaPolicy` and
/// `updateSlaPolicy`: an absent field is 0. Each is a whole number from 0 to
/// 4294967295 (anything else is `invalid_input` naming `within`).
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct WithinInput {
    /// Working days (each the team calendar's hours per day).
    pub days: Option<Either<f64, Null>>,
    /// Working hours.
    pub hours: Option<Either<f64, Null>>,
    /// Working minutes.
    pub minutes: Option<Either<f64, Null>>,
}

impl WithinInput {
    /// The core value; an absent part takes the core's default (0).
    fn into_core(self) -> helpdesk::Result<helpdesk::Within> {
        let d = helpdesk::Within::default();
        let part = |value: Option<Either<f64, Null>>, default: u32| {
            opt(value).map_or(Ok(default), |v| whole_u32("within", v))
        };
        Ok(helpdesk::Within {
            days: part(self.days, d.days)?,
            hours: part(self.hours, d.hours)?,
            minutes: part(self.minutes, d.minutes)?,
        })
    }
}

/// Input of `createSlaPolicy`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewSlaPolicy {
    /// The team.
    pub team: f64,
    /// Display name (required).
    pub name: String,
    /// Internal description.
    pub description: Option<Either<String, Null>>,
    /// The priority a ticket must have (default `low`).
    pub priority: Option<Either<Priority, Null>>,
    /// Empty, or one of these tags.
    pub tags: Option<Either<Vec<f64>, Null>>,
    /// Empty, or one of these customers (or their parent or a child).
    pub customers: Option<Either<Vec<f64>, Null>>,
    /// Empty, or one of these ticket types.
    pub ticket_types: Option<Either<Vec<f64>, Null>>,
    /// The stage to reach (a stage of the team).
    pub target_stage: f64,
    /// Stages of the team that stop the clock.
    pub excluded_stages: Option<Either<Vec<f64>, Null>>,
    /// The working time allowed (more than zero).
    pub within: WithinInput,
}

impl NewSlaPolicy {
    /// The core input (`within` checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewSlaPolicy> {
        let i = self;
        Ok(helpdesk::NewSlaPolicy {
            team: scalars::id("team", i.team)?,
            name: i.name,
            description: opt(i.description).unwrap_or_default(),
            priority: opt(i.priority).map(Into::into).unwrap_or_default(),
            tags: opt_ids("tags", i.tags)?.unwrap_or_default(),
            customers: opt_ids("customers", i.customers)?.unwrap_or_default(),
            ticket_types: opt_ids("ticket_types", i.ticket_types)?.unwrap_or_default(),
            target_stage: scalars::id("target_stage", i.target_stage)?,
            excluded_stages: opt_ids("excluded_stages", i.excluded_stages)?.unwrap_or_default(),
            within: i.within.into_core()?,
        })
    }
}

/// Input of `updateSlaPolicy`: an absent field is kept. Tickets keep their
/// statuses until they change (SLA-3).
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct SlaPolicyUpdate {
    /// New name.
    pub name: Option<Either<String, Null>>,
    /// New description.
    pub description: Option<Either<String, Null>>,
    /// New priority.
    pub priority: Option<Either<Priority, Null>>,
    /// New tag list.
    pub tags: Option<Either<Vec<f64>, Null>>,
    /// New customer list.
    pub customers: Option<Either<Vec<f64>, Null>>,
    /// New ticket type list.
    pub ticket_types: Option<Either<Vec<f64>, Null>>,
    /// New target stage.
    pub target_stage: Option<Either<f64, Null>>,
    /// New excluded stages.
    pub excluded_stages: Option<Either<Vec<f64>, Null>>,
    /// New working time allowed (replaced as a whole: absent parts are 0).
    pub within: Option<Either<WithinInput, Null>>,
    /// Archive (`false`) or restore (`true`).
    pub active: Option<Either<bool, Null>>,
}

impl SlaPolicyUpdate {
    /// The core input (`within` checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::SlaPolicyUpdate> {
        let i = self;
        Ok(helpdesk::SlaPolicyUpdate {
            name: opt(i.name),
            description: opt(i.description),
            priority: opt(i.priority).map(Into::into),
            tags: opt_ids("tags", i.tags)?,
            customers: opt_ids("customers", i.customers)?,
            ticket_types: opt_ids("ticket_types", i.ticket_types)?,
            target_stage: opt_id("target_stage", i.target_stage)?,
            excluded_stages: opt_ids("excluded_stages", i.excluded_stages)?,
            within: opt(i.within).map(WithinInput::into_core).transpose()?,
            active: opt(i.active),
        })
    }
}

/// Input of `slaReport`: which tickets' SLA statuses to count.
#[napi(object)]
// `JsDate<'static>`: see `NewLeave`.
pub struct SlaReportQuery {
    /// The company.
    pub company: f64,
    /// Only this team's tickets (required for agents).
    pub team: Option<Either<f64, Null>>,
    /// Only this policy's statuses.
    pub policy: Option<Either<f64, Null>>,
    /// Tickets created at or after this instant.
    pub from: Option<Either<JsDate<'static>, Null>>,
    /// Tickets created before this instant.
    pub to: Option<Either<JsDate<'static>, Null>>,
}

impl SlaReportQuery {
    /// The core input (reads the `Date`s: JavaScript thread).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::SlaReportQuery> {
        Ok(helpdesk::SlaReportQuery {
            company: scalars::id("company", self.company)?,
            team: opt_id("team", self.team)?,
            policy: opt_id("policy", self.policy)?,
            from: opt_instant("from", self.from)?,
            to: opt_instant("to", self.to)?,
        })
    }
}

// --- commerce recorded by the host, refunds and coupons ---
//
// Money, quantities and percentages are decimal strings (`'12.50'`), dates
// `'YYYY-MM-DD'` strings: see `crate::scalars`. Each input converts with
// `into_core`, whose error (`invalid_input` naming the field) rejects the
// operation's Promise before anything is written.

/// Input of `createProduct`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewProduct {
    /// The company.
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// Lot or serial tracking (default `none`).
    pub tracking: Option<Either<Tracking, Null>>,
    /// Default sale price, a decimal string (default `'0'`; not negative).
    pub sale_price: Option<Either<String, Null>>,
    /// Default customer taxes (of the company).
    pub taxes: Option<Either<Vec<f64>, Null>>,
    /// The unit it is sold in (a service: a working-time unit, default
    /// Hours).
    pub unit: Option<Either<f64, Null>>,
    /// For a service: how it is invoiced (HRS-2).
    pub service_policy: Option<Either<ServicePolicy, Null>>,
}

impl NewProduct {
    /// The core input (`salePrice` parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewProduct> {
        Ok(helpdesk::NewProduct {
            company: scalars::id("company", self.company)?,
            name: self.name,
            tracking: opt(self.tracking).map(Into::into).unwrap_or_default(),
            sale_price: opt_decimal("sale_price", opt(self.sale_price))?.unwrap_or_default(),
            taxes: opt_ids("taxes", self.taxes)?.unwrap_or_default(),
            unit: opt_id("unit", self.unit)?,
            service_policy: opt(self.service_policy).map(Into::into),
        })
    }
}

/// Input of `createTax`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewTax {
    /// The company.
    pub company: f64,
    /// Display name (required), e.g. `'VAT 21%'`.
    pub name: String,
    /// Rate in percent, a decimal string from `'0'` to `'100'`.
    pub percent: String,
    /// Whether prices include it (default `false`).
    pub price_included: Option<Either<bool, Null>>,
}

impl NewTax {
    /// The core input (`percent` parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewTax> {
        Ok(helpdesk::NewTax {
            company: scalars::id("company", self.company)?,
            name: self.name,
            percent: decimal("percent", &self.percent)?,
            price_included: opt(self.price_included).unwrap_or_default(),
        })
    }
}

/// Input of `createJournal`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewJournal {
    /// The company.
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// Short code (1 to 5 letters or digits, unique in the company).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

impl NewJournal {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewJournal> {
        let i = self;
        Ok(helpdesk::NewJournal {
            company: scalars::id("company", i.company)?,
            name: i.name,
            code: i.code,
            kind: i.kind.into(),
        })
    }
}

/// A line of `NewSaleOrder`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct SaleOrderLineInput {
    /// The product.
    pub product: f64,
    /// Ordered quantity, a decimal string (positive).
    pub quantity: String,
    /// Unit price, a decimal string (not negative).
    pub unit_price: String,
    /// The unit of `quantity` (default the product's; of its category).
    pub unit: Option<Either<f64, Null>>,
}

impl SaleOrderLineInput {
    fn into_core(self) -> helpdesk::Result<helpdesk::SaleOrderLine> {
        Ok(helpdesk::SaleOrderLine {
            product: scalars::id("product", self.product)?,
            quantity: decimal("quantity", &self.quantity)?,
            unit_price: decimal("unit_price", &self.unit_price)?,
            unit: opt_id("unit", self.unit)?,
        })
    }
}

/// Input of `createSaleOrder`: a draft order.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewSaleOrder {
    /// The company.
    pub company: f64,
    /// The customer.
    pub customer: f64,
    /// ISO 4217 code of its currency, e.g. `'EUR'`.
    pub currency: String,
    /// Lines (at least one).
    pub lines: Vec<SaleOrderLineInput>,
    /// Who sold it (an employee of the company; upsell alerts go to them).
    pub salesperson: Option<Either<f64, Null>>,
}

impl NewSaleOrder {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewSaleOrder> {
        Ok(helpdesk::NewSaleOrder {
            company: scalars::id("company", self.company)?,
            customer: scalars::id("customer", self.customer)?,
            currency: self.currency,
            lines: self
                .lines
                .into_iter()
                .map(SaleOrderLineInput::into_core)
                .collect::<helpdesk::Result<_>>()?,
            salesperson: opt_id("salesperson", self.salesperson)?,
        })
    }
}

/// A line of `NewInvoice`: an absent field takes the product's value.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewInvoiceLine {
    /// The product (its name, price and taxes are the defaults).
    pub product: Option<Either<f64, Null>>,
    /// Description (default the product's name).
    pub label: Option<Either<String, Null>>,
    /// Quantity, a decimal string (positive).
    pub quantity: String,
    /// Unit price, a decimal string (default the product's sale price).
    pub unit_price: Option<Either<String, Null>>,
    /// Taxes (default the product's).
    pub taxes: Option<Either<Vec<f64>, Null>>,
}

impl NewInvoiceLine {
    fn into_core(self) -> helpdesk::Result<helpdesk::NewInvoiceLine> {
        Ok(helpdesk::NewInvoiceLine {
            product: opt_id("product", self.product)?,
            label: opt(self.label),
            quantity: decimal("quantity", &self.quantity)?,
            unit_price: opt_decimal("unit_price", opt(self.unit_price))?,
            taxes: opt_ids("taxes", self.taxes)?,
        })
    }
}

/// Input of `createInvoice`: a draft customer invoice.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewInvoice {
    /// The company.
    pub company: f64,
    /// The customer.
    pub customer: f64,
    /// A sale journal of the company.
    pub journal: f64,
    /// ISO 4217 code of its currency, e.g. `'EUR'`.
    pub currency: String,
    /// Accounting date, `'YYYY-MM-DD'` (default today).
    pub date: Option<Either<String, Null>>,
    /// The sales order it invoices (of the same customer).
    pub sale_order: Option<Either<f64, Null>>,
    /// Lines (at least one).
    pub lines: Vec<NewInvoiceLine>,
}

impl NewInvoice {
    /// The core input (decimals and date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewInvoice> {
        Ok(helpdesk::NewInvoice {
            company: scalars::id("company", self.company)?,
            customer: scalars::id("customer", self.customer)?,
            journal: scalars::id("journal", self.journal)?,
            currency: self.currency,
            date: opt_date("date", opt(self.date))?,
            sale_order: opt_id("sale_order", self.sale_order)?,
            lines: self
                .lines
                .into_iter()
                .map(NewInvoiceLine::into_core)
                .collect::<helpdesk::Result<_>>()?,
        })
    }
}

/// Narrows `refundableInvoices` (REF-2): an absent field does not.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RefundFilter {
    /// Only invoices of this sales order.
    pub sale_order: Option<Either<f64, Null>>,
    /// Only invoices with a line of this product.
    pub product: Option<Either<f64, Null>>,
}

impl RefundFilter {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::RefundFilter> {
        let i = self;
        Ok(helpdesk::RefundFilter {
            sale_order: opt_id("sale_order", i.sale_order)?,
            product: opt_id("product", i.product)?,
        })
    }
}

/// Input of `reverseInvoice` and `reverseAndReinvoice` (REF-2).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Reversal {
    /// The posted invoice to refund.
    pub invoice: f64,
    /// Why (default `'Helpdesk Ticket #<ref>'`).
    pub reason: Option<Either<String, Null>>,
    /// A sale journal of the company (default the invoice's).
    pub journal: Option<Either<f64, Null>>,
    /// The credit note's date, `'YYYY-MM-DD'` (default today; a later date
    /// schedules the posting).
    pub reversal_date: Option<Either<String, Null>>,
}

impl Reversal {
    /// The core input (date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::Reversal> {
        Ok(helpdesk::Reversal {
            invoice: scalars::id("invoice", self.invoice)?,
            reason: opt(self.reason),
            journal: opt_id("journal", self.journal)?,
            reversal_date: opt_date("reversal_date", opt(self.reversal_date))?,
        })
    }
}

/// Input of `updateCreditNoteLine`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct CreditLineUpdate {
    /// New quantity, a decimal string (at most what is left to refund on
    /// the invoice line).
    pub quantity: Option<Either<String, Null>>,
    /// New unit price, a decimal string (at most the invoice line's).
    pub unit_price: Option<Either<String, Null>>,
}

impl CreditLineUpdate {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::CreditLineUpdate> {
        Ok(helpdesk::CreditLineUpdate {
            quantity: opt_decimal("quantity", opt(self.quantity))?,
            unit_price: opt_decimal("unit_price", opt(self.unit_price))?,
        })
    }
}

/// A coupon program's reward (CPN-1), as given to `createCouponProgram`;
/// amounts are decimal strings, absent ones `'0'` / none.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RewardInput {
    /// What it gives.
    pub kind: RewardKind,
    /// Percent off, for a discount (0 < p ≤ 100).
    pub discount_percent: Option<Either<String, Null>>,
    /// Amount off, for a fixed amount (in the program's currency).
    pub fixed_amount: Option<Either<String, Null>>,
    /// The free product, for a free product.
    pub free_product: Option<Either<f64, Null>>,
    /// What a discount applies to (default `order`).
    pub scope: Option<Either<RewardScope, Null>>,
    /// The products a `products` scope discounts.
    pub products: Option<Either<Vec<f64>, Null>>,
    /// The most a discount may take off.
    pub max_discount: Option<Either<String, Null>>,
}

impl RewardInput {
    fn into_core(self) -> helpdesk::Result<helpdesk::Reward> {
        Ok(helpdesk::Reward {
            kind: self.kind.into(),
            discount_percent: opt_decimal("discount_percent", opt(self.discount_percent))?
                .unwrap_or_default(),
            fixed_amount: opt_decimal("fixed_amount", opt(self.fixed_amount))?.unwrap_or_default(),
            free_product: opt_id("free_product", self.free_product)?,
            scope: opt(self.scope).map(Into::into).unwrap_or_default(),
            products: opt_ids("products", self.products)?.unwrap_or_default(),
            max_discount: opt_decimal("max_discount", opt(self.max_discount))?,
        })
    }
}

/// When an order qualifies (CPN-1), as given to `createCouponProgram`;
/// every set condition must hold.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RewardConditionsInput {
    /// Minimum quantity of (qualifying) products, a decimal string.
    pub minimum_quantity: Option<Either<String, Null>>,
    /// Minimum order total, a decimal string.
    pub minimum_amount: Option<Either<String, Null>>,
    /// Empty, or the order must hold one of these products.
    pub products: Option<Either<Vec<f64>, Null>>,
}

impl RewardConditionsInput {
    fn into_core(self) -> helpdesk::Result<helpdesk::RewardConditions> {
        Ok(helpdesk::RewardConditions {
            minimum_quantity: opt_decimal("minimum_quantity", opt(self.minimum_quantity))?,
            minimum_amount: opt_decimal("minimum_amount", opt(self.minimum_amount))?,
            products: opt_ids("products", self.products)?.unwrap_or_default(),
        })
    }
}

/// Input of `createCouponProgram` (CPN-1).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewCouponProgram {
    /// The company.
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// ISO 4217 code of its amounts, e.g. `'EUR'`.
    pub currency: String,
    /// The reward.
    pub reward: RewardInput,
    /// The conditions (default none).
    pub conditions: Option<Either<RewardConditionsInput, Null>>,
    /// First valid day, `'YYYY-MM-DD'`.
    pub valid_from: Option<Either<String, Null>>,
    /// Last valid day, `'YYYY-MM-DD'`.
    pub valid_until: Option<Either<String, Null>>,
    /// Redemptions allowed over the whole program (a whole number).
    pub usage_limit: Option<Either<f64, Null>>,
    /// Points a redemption takes from a coupon (a whole number; default 1).
    pub points_per_use: Option<Either<f64, Null>>,
}

impl NewCouponProgram {
    /// The core input (decimals, dates and counts checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewCouponProgram> {
        Ok(helpdesk::NewCouponProgram {
            company: scalars::id("company", self.company)?,
            name: self.name,
            currency: self.currency,
            reward: self.reward.into_core()?,
            conditions: opt(self.conditions)
                .map(RewardConditionsInput::into_core)
                .transpose()?
                .unwrap_or_default(),
            valid_from: opt_date("valid_from", opt(self.valid_from))?,
            valid_until: opt_date("valid_until", opt(self.valid_until))?,
            usage_limit: opt_u32("usage_limit", opt(self.usage_limit))?,
            points_per_use: opt_u32("points_per_use", opt(self.points_per_use))?,
        })
    }
}

/// Input of `generateCoupon` (CPN-2).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewCoupon {
    /// The program (of the ticket's company).
    pub program: f64,
    /// Points (a whole number; default 1).
    pub points: Option<Either<f64, Null>>,
    /// Last valid day, `'YYYY-MM-DD'` (default: never expires).
    pub valid_until: Option<Either<String, Null>>,
}

impl NewCoupon {
    /// The core input (points and date checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewCoupon> {
        Ok(helpdesk::NewCoupon {
            program: scalars::id("program", self.program)?,
            points: opt_u32("points", opt(self.points))?,
            valid_until: opt_date("valid_until", opt(self.valid_until))?,
        })
    }
}

/// Input of `redeemCoupon` (CPN-4).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Redemption {
    /// The company.
    pub company: f64,
    /// The code as the customer typed it.
    pub code: String,
    /// Who redeems (a portal user: always themselves).
    pub partner: Option<Either<f64, Null>>,
    /// The order the reward applies to (its conditions are checked).
    pub sale_order: Option<Either<f64, Null>>,
}

impl Redemption {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::Redemption> {
        let i = self;
        Ok(helpdesk::Redemption {
            company: scalars::id("company", i.company)?,
            code: i.code,
            partner: opt_id("partner", i.partner)?,
            sale_order: opt_id("sale_order", i.sale_order)?,
        })
    }
}

// --- support hours (issue 9) ---

/// Input of `createUnit`: a unit defined by its ratio to its category's
/// reference unit (HRS-1).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewUnit {
    /// The company.
    pub company: f64,
    /// Its category (of the company).
    pub category: f64,
    /// Display name (required).
    pub name: String,
    /// How many of the category's reference unit one of it is, a positive
    /// decimal string (e.g. `'8'` for a day of 8 hours).
    pub ratio: String,
    /// Quantities are rounded half up to a multiple of this, a decimal
    /// string (default `'0.01'`).
    pub rounding: Option<Either<String, Null>>,
}

impl NewUnit {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewUnit> {
        Ok(helpdesk::NewUnit {
            company: scalars::id("company", self.company)?,
            category: scalars::id("category", self.category)?,
            name: self.name,
            ratio: decimal("ratio", &self.ratio)?,
            rounding: opt_decimal("rounding", opt(self.rounding))?,
        })
    }
}

/// Input of `setSupportHours`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct SupportHoursUpdate {
    /// Hours in a working day (the Days unit), a decimal string (default
    /// `'8'`).
    pub hours_per_day: Option<Either<String, Null>>,
    /// Upsell alert threshold in percent of the ordered quantity, a decimal
    /// string (default `'100'`, HRS-6).
    pub upsell_threshold: Option<Either<String, Null>>,
}

impl SupportHoursUpdate {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::SupportHoursUpdate> {
        Ok(helpdesk::SupportHoursUpdate {
            hours_per_day: opt_decimal("hours_per_day", opt(self.hours_per_day))?,
            upsell_threshold: opt_decimal("upsell_threshold", opt(self.upsell_threshold))?,
        })
    }
}

/// Input of `logTime` (HRS-4).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewTimeEntry {
    /// How long, a positive decimal string (in `unit`).
    pub quantity: String,
    /// A working-time unit (default Hours).
    pub unit: Option<Either<f64, Null>>,
    /// What was done.
    pub description: Option<Either<String, Null>>,
    /// The day, `'YYYY-MM-DD'` (default today).
    pub date: Option<Either<String, Null>>,
    /// Who worked (default the acting user).
    pub agent: Option<Either<f64, Null>>,
}

impl NewTimeEntry {
    /// The core input (decimal and date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewTimeEntry> {
        Ok(helpdesk::NewTimeEntry {
            quantity: decimal("quantity", &self.quantity)?,
            unit: opt_id("unit", self.unit)?,
            description: opt(self.description).unwrap_or_default(),
            date: opt_date("date", opt(self.date))?,
            agent: opt_id("agent", self.agent)?,
        })
    }
}

/// Input of `updateTimeEntry`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct TimeEntryUpdate {
    /// New duration, a positive decimal string.
    pub quantity: Option<Either<String, Null>>,
    /// New unit.
    pub unit: Option<Either<f64, Null>>,
    /// New description.
    pub description: Option<Either<String, Null>>,
    /// New day, `'YYYY-MM-DD'`.
    pub date: Option<Either<String, Null>>,
}

impl TimeEntryUpdate {
    /// The core input (decimal and date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::TimeEntryUpdate> {
        Ok(helpdesk::TimeEntryUpdate {
            quantity: opt_decimal("quantity", opt(self.quantity))?,
            unit: opt_id("unit", self.unit)?,
            description: opt(self.description),
            date: opt_date("date", opt(self.date))?,
        })
    }
}

/// A sales order line as given to `setTicketSaleLine`: the order and the
/// line's index in it (a whole number from 0). A ticket's `saleLine` can be
/// passed as is.
#[napi(object)]
#[derive(Debug, Clone, Copy)]
pub struct OrderLineRefInput {
    /// The order.
    pub order: f64,
    /// The line's index (from 0).
    pub line: f64,
}

impl OrderLineRefInput {
    /// The core value (the index checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::OrderLineRef> {
        Ok(helpdesk::OrderLineRef {
            order: scalars::id("sale_line.order", self.order)?,
            line: whole_u32("sale_line.line", self.line)?,
        })
    }
}

// --- stock and returns (issue 10) ---

/// Input of `createLocation`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewLocation {
    /// The company.
    pub company: f64,
    /// Display name (required), e.g. `'WH/Stock'`.
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

impl NewLocation {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewLocation> {
        let i = self;
        Ok(helpdesk::NewLocation {
            company: scalars::id("company", i.company)?,
            name: i.name,
            kind: i.kind.into(),
        })
    }
}

/// A line of `NewDelivery`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct TransferLineInput {
    /// The product (of the company).
    pub product: f64,
    /// Quantity, a positive decimal string.
    pub quantity: String,
    /// Lot or serial number.
    pub lot: Option<Either<String, Null>>,
}

impl TransferLineInput {
    fn into_core(self) -> helpdesk::Result<helpdesk::TransferLine> {
        Ok(helpdesk::TransferLine {
            product: scalars::id("product", self.product)?,
            quantity: decimal("quantity", &self.quantity)?,
            lot: opt(self.lot),
            // Set by returns only.
            returns_line: None,
        })
    }
}

/// Input of `createDelivery`: a delivery as the ERP has it (created
/// `ready`; `validateTransfer` marks it done).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewDelivery {
    /// The company.
    pub company: f64,
    /// The customer.
    pub customer: f64,
    /// The sales order it fulfils.
    pub sale_order: Option<Either<f64, Null>>,
    /// From (an internal location).
    pub source: f64,
    /// To (a customer location).
    pub destination: f64,
    /// Lines (at least one).
    pub lines: Vec<TransferLineInput>,
}

impl NewDelivery {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewDelivery> {
        Ok(helpdesk::NewDelivery {
            company: scalars::id("company", self.company)?,
            customer: scalars::id("customer", self.customer)?,
            sale_order: opt_id("sale_order", self.sale_order)?,
            source: scalars::id("source", self.source)?,
            destination: scalars::id("destination", self.destination)?,
            lines: self
                .lines
                .into_iter()
                .map(TransferLineInput::into_core)
                .collect::<helpdesk::Result<_>>()?,
        })
    }
}

/// Narrows `returnableDeliveries` (RET-1): an absent field does not.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct ReturnFilter {
    /// Only deliveries of this sales order.
    pub sale_order: Option<Either<f64, Null>>,
    /// Only deliveries with this product.
    pub product: Option<Either<f64, Null>>,
}

impl ReturnFilter {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::ReturnFilter> {
        let i = self;
        Ok(helpdesk::ReturnFilter {
            sale_order: opt_id("sale_order", i.sale_order)?,
            product: opt_id("product", i.product)?,
        })
    }
}

/// A quantity to return of one delivery line.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ReturnQuantity {
    /// The delivery line's index (a whole number from 0).
    pub line: f64,
    /// How many, a decimal string (`'0'` leaves the line out).
    pub quantity: String,
}

impl ReturnQuantity {
    fn into_core(self) -> helpdesk::Result<helpdesk::ReturnQuantity> {
        Ok(helpdesk::ReturnQuantity {
            line: whole_u32("lines.line", self.line)?,
            quantity: decimal("quantity", &self.quantity)?,
        })
    }
}

/// Input of `returnProducts` and `returnForExchange` (RET-1, RET-2).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ReturnRequest {
    /// The done delivery.
    pub delivery: f64,
    /// Quantities per line (default: everything returnable).
    pub lines: Option<Either<Vec<ReturnQuantity>, Null>>,
    /// Where the goods go (an internal location; default the delivery's
    /// source).
    pub location: Option<Either<f64, Null>>,
}

impl ReturnRequest {
    /// The core input (indexes and decimals checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::ReturnRequest> {
        Ok(helpdesk::ReturnRequest {
            delivery: scalars::id("delivery", self.delivery)?,
            lines: opt(self.lines)
                .map(|lines| {
                    lines
                        .into_iter()
                        .map(ReturnQuantity::into_core)
                        .collect::<helpdesk::Result<Vec<_>>>()
                })
                .transpose()?,
            location: opt_id("location", self.location)?,
        })
    }
}

// --- repairs (issue 10) ---

/// Input of `createRepair`: an absent field takes the ticket's value.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct NewRepair {
    /// The customer (default the ticket's).
    pub customer: Option<Either<f64, Null>>,
    /// The product to repair (default the ticket's; one is required).
    pub product: Option<Either<f64, Null>>,
    /// Its lot or serial number (default the ticket's).
    pub lot: Option<Either<String, Null>>,
    /// The return it came back with (default the ticket's latest return).
    pub return_transfer: Option<Either<f64, Null>>,
    /// The sales order (default the ticket's charged order, or the
    /// return's).
    pub sale_order: Option<Either<f64, Null>>,
    /// When, `'YYYY-MM-DD'` (default today).
    pub scheduled_date: Option<Either<String, Null>>,
    /// Who manages it.
    pub responsible: Option<Either<f64, Null>>,
    /// Tags.
    pub tags: Option<Either<Vec<String>, Null>>,
    /// Every part free of charge (default `false`).
    pub under_warranty: Option<Either<bool, Null>>,
    /// Internal notes.
    pub notes: Option<Either<String, Null>>,
}

impl NewRepair {
    /// The core input (date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewRepair> {
        Ok(helpdesk::NewRepair {
            customer: opt_id("customer", self.customer)?,
            product: opt_id("product", self.product)?,
            lot: opt(self.lot),
            return_transfer: opt_id("return_transfer", self.return_transfer)?,
            sale_order: opt_id("sale_order", self.sale_order)?,
            scheduled_date: opt_date("scheduled_date", opt(self.scheduled_date))?,
            responsible: opt_id("responsible", self.responsible)?,
            tags: opt(self.tags).unwrap_or_default(),
            under_warranty: opt(self.under_warranty).unwrap_or_default(),
            notes: opt(self.notes).unwrap_or_default(),
        })
    }
}

/// Input of `updateRepair`: an absent field is kept.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RepairUpdate {
    /// Under warranty: every part's price becomes zero; off again, each
    /// part takes its product's price back.
    pub under_warranty: Option<Either<bool, Null>>,
    /// New date, `'YYYY-MM-DD'`.
    pub scheduled_date: Option<Either<String, Null>>,
    /// New responsible.
    pub responsible: Option<Either<f64, Null>>,
    /// New tags.
    pub tags: Option<Either<Vec<String>, Null>>,
    /// New notes.
    pub notes: Option<Either<String, Null>>,
}

impl RepairUpdate {
    /// The core input (date parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::RepairUpdate> {
        Ok(helpdesk::RepairUpdate {
            under_warranty: opt(self.under_warranty),
            scheduled_date: opt_date("scheduled_date", opt(self.scheduled_date))?,
            responsible: opt_id("responsible", self.responsible)?,
            tags: opt(self.tags),
            notes: opt(self.notes),
        })
    }
}

/// Input of `addRepairPart`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewRepairPart {
    /// The part (a product of the company).
    pub product: f64,
    /// Quantity, a positive decimal string.
    pub quantity: String,
    /// Sale price, a decimal string (default the product's; zero under
    /// warranty).
    pub unit_price: Option<Either<String, Null>>,
}

impl NewRepairPart {
    /// The core input (decimals parsed).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewRepairPart> {
        Ok(helpdesk::NewRepairPart {
            product: scalars::id("product", self.product)?,
            quantity: decimal("quantity", &self.quantity)?,
            unit_price: opt_decimal("unit_price", opt(self.unit_price))?,
        })
    }
}

// --- field service (issue 10) ---

/// Input of `createFieldServiceProject`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NewFieldServiceProject {
    /// The company.
    pub company: f64,
    /// Display name (required).
    pub name: String,
    /// Whether tasks carry worksheets (default `false`).
    pub worksheets: Option<Either<bool, Null>>,
    /// The default worksheet template (projects with worksheets only).
    pub default_worksheet_template: Option<Either<String, Null>>,
}

impl NewFieldServiceProject {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewFieldServiceProject> {
        let i = self;
        Ok(helpdesk::NewFieldServiceProject {
            company: scalars::id("company", i.company)?,
            name: i.name,
            worksheets: opt(i.worksheets).unwrap_or_default(),
            default_worksheet_template: opt(i.default_worksheet_template),
        })
    }
}

/// Input of `createFieldServiceTask`: an absent field takes its default.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct NewFieldServiceTask {
    /// Title (default the ticket's subject).
    pub title: Option<Either<String, Null>>,
    /// Project (default the team's field-service project).
    pub project: Option<Either<f64, Null>>,
    /// Worksheet template (default the project's; only with worksheets).
    pub worksheet_template: Option<Either<String, Null>>,
}

impl NewFieldServiceTask {
    /// The core input (ids checked).
    pub(crate) fn into_core(self) -> helpdesk::Result<helpdesk::NewFieldServiceTask> {
        let i = self;
        Ok(helpdesk::NewFieldServiceTask {
            title: opt(i.title),
            project: opt_id("project", i.project)?,
            worksheet_template: opt(i.worksheet_template),
        })
    }
}
