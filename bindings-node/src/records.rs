//! The records operations return, as plain objects (camelCase fields,
//! `Date` instants, `null` for an absent value, ids as numbers).

use crate::calendar::StoredCalendarSpec;
use crate::enums::{
    AssignmentMethod, DocumentKind, HelpdeskRole, InvoiceKind, InvoiceState, JournalKind,
    LocationKind, MessageKind, OutboxKind, PaymentState, Priority, RepairState, RewardKind,
    RewardScope, SaleOrderState, ServicePolicy, SlaState, TaskStage, Tracking, TransferKind,
    TransferState, UserKind, Visibility,
};
use chrono::{DateTime, Utc};
use napi_derive::napi;

macro_rules! id_into_i64 {
    ($($id:ident),*) => {$(
        impl IdValue for helpdesk::$id {
            fn value(self) -> i64 {
                self.0
            }
        }
    )*};
}

/// The raw number of an id.
pub(crate) trait IdValue {
    /// The number.
    fn value(self) -> i64;
}

id_into_i64!(
    CompanyId,
    PartnerId,
    UserId,
    TeamId,
    StageId,
    TagId,
    TicketTypeId,
    TicketId,
    MessageId,
    OutboxId,
    CalendarId,
    ProductId,
    SlaPolicyId,
    LeaveId,
    TaxId,
    JournalId,
    SaleOrderId,
    InvoiceId,
    CouponProgramId,
    CouponId,
    UnitCategoryId,
    UnitId,
    TimeEntryId,
    LocationId,
    TransferId,
    RepairId,
    FieldServiceProjectId,
    FieldServiceTaskId
);

/// The raw numbers of a list of ids.
pub(crate) fn values<T: IdValue>(ids: Vec<T>) -> Vec<i64> {
    ids.into_iter().map(IdValue::value).collect()
}

fn opt<T: IdValue>(id: Option<T>) -> Option<i64> {
    id.map(IdValue::value)
}

/// A company: teams, tickets and documents belong to exactly one.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Company {
    /// Identifier.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Upsell alerts go out when a prepaid line's delivered time passes
    /// this percentage of the ordered quantity, a decimal string (HRS-6;
    /// default `'100'`).
    pub upsell_threshold: String,
}

impl From<helpdesk::Company> for Company {
    fn from(c: helpdesk::Company) -> Self {
        Self {
            id: c.id.value(),
            name: c.name,
            upsell_threshold: dec(c.upsell_threshold),
        }
    }
}

/// A contact: a customer, a person at a customer, or a user's own contact.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Partner {
    /// Identifier.
    pub id: i64,
    /// The company the contact is restricted to; `null` = shared by all.
    pub company: Option<i64>,
    /// Display name.
    pub name: String,
    /// E-mail address, where the outbox sends to.
    pub email: Option<String>,
    /// Phone number, where SMS templates are sent to.
    pub phone: Option<String>,
    /// The parent contact (e.g. the company a person works for).
    pub parent: Option<i64>,
    /// The top of the parent chain: "same customer" means same commercial partner.
    pub commercial_partner: i64,
    /// Postal address (where field service goes).
    pub address: Option<String>,
}

impl From<helpdesk::Partner> for Partner {
    fn from(p: helpdesk::Partner) -> Self {
        Self {
            id: p.id.value(),
            company: opt(p.company),
            name: p.name,
            email: p.email,
            phone: p.phone,
            parent: opt(p.parent),
            commercial_partner: p.commercial_partner.value(),
            address: p.address,
        }
    }
}

/// Someone who acts on the desk.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct User {
    /// Identifier.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Login e-mail.
    pub email: Option<String>,
    /// The user's own contact; followers are partners.
    pub partner: i64,
    /// Employee or portal.
    pub kind: UserKind,
    /// Helpdesk role (always `none` for portal users).
    pub role: HelpdeskRole,
    /// The companies the user works for (at least one).
    pub companies: Vec<i64>,
    /// Archived users cannot act and are not assigned.
    pub active: bool,
    /// The user's own working calendar (ASG-3); `null`: available whenever
    /// their team's calendar is, or at any time without one.
    pub calendar: Option<i64>,
}

impl From<helpdesk::User> for User {
    fn from(u: helpdesk::User) -> Self {
        Self {
            id: u.id.value(),
            name: u.name,
            email: u.email,
            partner: u.partner.value(),
            kind: u.kind.into(),
            role: u.role.into(),
            companies: values(u.companies),
            active: u.active,
            calendar: opt(u.calendar),
        }
    }
}

/// A team's switches and parameters.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TeamSettings {
    /// Assign new unassigned tickets automatically (ASG-1).
    pub auto_assignment: bool,
    /// The assignment method.
    pub assignment_method: AssignmentMethod,
    /// The working calendar of the team (SLA deadlines); `null` = company default.
    pub calendar: Option<i64>,
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
    pub auto_close_from_stages: Vec<i64>,
    /// The stage closing moves to (`null` = first folded stage, else last stage).
    pub closing_stage: Option<i64>,
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

impl From<helpdesk::TeamSettings> for TeamSettings {
    fn from(s: helpdesk::TeamSettings) -> Self {
        Self {
            auto_assignment: s.auto_assignment,
            assignment_method: s.assignment_method.into(),
            calendar: opt(s.calendar),
            use_sla: s.use_sla,
            refunds: s.refunds,
            coupons: s.coupons,
            returns: s.returns,
            repairs: s.repairs,
            field_service: s.field_service,
            field_service_project: s.field_service_project,
            auto_close: s.auto_close,
            auto_close_days: s.auto_close_days,
            auto_close_from_stages: values(s.auto_close_from_stages),
            closing_stage: opt(s.closing_stage),
            customer_can_close: s.customer_can_close,
            time_tracking: s.time_tracking,
            time_billing: s.time_billing,
            ratings: s.ratings,
            public_ratings: s.public_ratings,
        }
    }
}

/// A helpdesk team.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Team {
    /// Identifier.
    pub id: i64,
    /// The company the team belongs to.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Public description, shown on the customer form: never internal notes.
    pub description: String,
    /// Who sees the team's tickets.
    pub visibility: Visibility,
    /// Members, in assignment order (empty = every agent of the company, ASG-2).
    pub members: Vec<i64>,
    /// Switches and parameters.
    pub settings: TeamSettings,
    /// Archived teams take no new tickets.
    pub active: bool,
}

impl From<helpdesk::Team> for Team {
    fn from(t: helpdesk::Team) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            name: t.name,
            description: t.description,
            visibility: t.visibility.into(),
            members: values(t.members),
            settings: t.settings.into(),
            active: t.active,
        }
    }
}

/// A step of the ticket pipeline. A folded stage means *closed*.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Stage {
    /// Identifier.
    pub id: i64,
    /// The company of the teams using it.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Position in the pipeline (lower first).
    pub sequence: i32,
    /// Folded = closed.
    pub folded: bool,
    /// The teams that use the stage.
    pub teams: Vec<i64>,
    /// E-mail template sent to the customer when a ticket enters the stage.
    pub email_template: Option<String>,
    /// SMS template sent to the customer when a ticket enters the stage.
    pub sms_template: Option<String>,
}

impl From<helpdesk::Stage> for Stage {
    fn from(s: helpdesk::Stage) -> Self {
        Self {
            id: s.id.value(),
            company: s.company.value(),
            name: s.name,
            sequence: s.sequence,
            folded: s.folded,
            teams: values(s.teams),
            email_template: s.email_template,
            sms_template: s.sms_template,
        }
    }
}

/// A label on tickets.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Tag {
    /// Identifier.
    pub id: i64,
    /// Company.
    pub company: i64,
    /// Display name (unique per company).
    pub name: String,
}

impl From<helpdesk::Tag> for Tag {
    fn from(t: helpdesk::Tag) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            name: t.name,
        }
    }
}

/// A kind of ticket (question, issue, …).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TicketType {
    /// Identifier.
    pub id: i64,
    /// Company.
    pub company: i64,
    /// Display name (unique per company).
    pub name: String,
}

impl From<helpdesk::TicketType> for TicketType {
    fn from(t: helpdesk::TicketType) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            name: t.name,
        }
    }
}

/// A link from a ticket to a document made from it.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct DocumentRef {
    /// Kind of document.
    pub kind: DocumentKind,
    /// Its identifier.
    pub id: i64,
}

impl From<helpdesk::DocumentRef> for DocumentRef {
    fn from(d: helpdesk::DocumentRef) -> Self {
        Self {
            kind: d.kind.into(),
            id: d.id,
        }
    }
}

/// A customer request.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Ticket {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Per-company sequence number.
    pub number: i64,
    /// Display reference, `#<number>`.
    pub reference: String,
    /// Subject (never empty).
    pub subject: String,
    /// Description (public).
    pub description: String,
    /// The team (`null` = treated as `internal` visibility, VIS-3).
    pub team: Option<i64>,
    /// Current stage.
    pub stage: i64,
    /// Priority.
    pub priority: Priority,
    /// Ticket type.
    pub ticket_type: Option<i64>,
    /// Tags.
    pub tags: Vec<i64>,
    /// The customer contact.
    pub customer: Option<i64>,
    /// The assigned agent.
    pub assignee: Option<i64>,
    /// The product the ticket is about.
    pub product: Option<i64>,
    /// The lot or serial number the ticket is about.
    pub lot: Option<String>,
    /// When the ticket was created.
    pub created_at: DateTime<Utc>,
    /// When it was last assigned.
    pub assigned_at: Option<DateTime<Utc>>,
    /// When it entered a folded stage (cleared when reopened).
    pub closed_at: Option<DateTime<Utc>>,
    /// When its stage last changed.
    pub last_stage_change_at: DateTime<Utc>,
    /// When anything last happened on it (change, message, time entry).
    pub last_activity_at: DateTime<Utc>,
    /// `false` = archived.
    pub active: bool,
    /// Closed by the customer (CLS-2).
    pub closed_by_customer: bool,
    /// Documents made from the ticket.
    pub documents: Vec<DocumentRef>,
    /// The earliest deadline among its unreached SLA statuses (`null`: no
    /// SLA, all reached, or the clock is stopped; always `null` for portal
    /// users, SLA-7).
    pub sla_deadline: Option<DateTime<Utc>>,
    /// One of its SLA statuses was reached after its deadline (always
    /// `false` for portal users, SLA-7).
    pub sla_reached_late: bool,
    /// The sales order line its time is charged to (HRS-5).
    pub sale_line: Option<OrderLineRef>,
}

impl From<helpdesk::Ticket> for Ticket {
    fn from(t: helpdesk::Ticket) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            number: t.number,
            reference: t.reference,
            subject: t.subject,
            description: t.description,
            team: opt(t.team),
            stage: t.stage.value(),
            priority: t.priority.into(),
            ticket_type: opt(t.ticket_type),
            tags: values(t.tags),
            customer: opt(t.customer),
            assignee: opt(t.assignee),
            product: opt(t.product),
            lot: t.lot,
            created_at: t.created_at,
            assigned_at: t.assigned_at,
            closed_at: t.closed_at,
            last_stage_change_at: t.last_stage_change_at,
            last_activity_at: t.last_activity_at,
            active: t.active,
            closed_by_customer: t.closed_by_customer,
            documents: t.documents.into_iter().map(Into::into).collect(),
            sla_deadline: t.sla_deadline,
            sla_reached_late: t.sla_reached_late,
            sale_line: t.sale_line.map(Into::into),
        }
    }
}

/// A page of tickets.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TicketPage {
    /// The tickets, in the query's order.
    pub tickets: Vec<Ticket>,
    /// Pass it as the next query's cursor for the following page; `null` on
    /// the last page.
    pub next_cursor: Option<String>,
}

impl From<helpdesk::TicketPage> for TicketPage {
    fn from(p: helpdesk::TicketPage) -> Self {
        Self {
            tickets: p.tickets.into_iter().map(Into::into).collect(),
            next_cursor: p.next_cursor,
        }
    }
}

/// A message in a ticket's chatter.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Message {
    /// Identifier.
    pub id: i64,
    /// The ticket.
    pub ticket: i64,
    /// Reply or note.
    pub kind: MessageKind,
    /// The user who wrote it (`null` for the system).
    pub author: Option<i64>,
    /// The author's contact.
    pub author_partner: Option<i64>,
    /// Text.
    pub body: String,
    /// When it was posted.
    pub at: DateTime<Utc>,
}

impl From<helpdesk::Message> for Message {
    fn from(m: helpdesk::Message) -> Self {
        Self {
            id: m.id.value(),
            ticket: m.ticket.value(),
            kind: m.kind.into(),
            author: opt(m.author),
            author_partner: opt(m.author_partner),
            body: m.body,
            at: m.at,
        }
    }
}

/// One entry of a ticket's stage history: the ticket entered `stage` at `at`.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct StageChange {
    /// The ticket.
    pub ticket: i64,
    /// The stage entered.
    pub stage: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who moved it (`null` for the system).
    pub by: Option<i64>,
}

impl From<helpdesk::StageChange> for StageChange {
    fn from(s: helpdesk::StageChange) -> Self {
        Self {
            ticket: s.ticket.value(),
            stage: s.stage.value(),
            at: s.at,
            by: opt(s.by),
        }
    }
}

/// A message the host must send; acknowledged once sent.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    /// Identifier (increasing: the order to send in).
    pub id: i64,
    /// The company.
    pub company: i64,
    /// What to do.
    pub kind: OutboxKind,
    /// Who receives it.
    pub recipients: Vec<i64>,
    /// Template reference, for template kinds.
    pub template: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// The ticket it concerns.
    pub ticket: Option<i64>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl From<helpdesk::OutboxMessage> for OutboxMessage {
    fn from(m: helpdesk::OutboxMessage) -> Self {
        Self {
            id: m.id.value(),
            company: m.company.value(),
            kind: m.kind.into(),
            recipients: values(m.recipients),
            template: m.template,
            subject: m.subject,
            body: m.body,
            ticket: opt(m.ticket),
            created_at: m.created_at,
        }
    }
}

/// Converts every element of a list.
pub(crate) fn all<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(Into::into).collect()
}

/// A named working calendar of a company (a team's, for SLA deadlines).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Time zone, weekly hours and closures.
    pub spec: StoredCalendarSpec,
}

impl From<helpdesk::Calendar> for Calendar {
    fn from(c: helpdesk::Calendar) -> Self {
        Self {
            id: c.id.value(),
            company: c.company.value(),
            name: c.name,
            spec: c.spec.into(),
        }
    }
}

/// A period a user does not work (time off, ASG-3).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Leave {
    /// Identifier.
    pub id: i64,
    /// Who is away.
    pub user: i64,
    /// First instant away.
    pub from: DateTime<Utc>,
    /// First instant back.
    pub to: DateTime<Utc>,
    /// Why (e.g. `'Holidays'`).
    pub reason: String,
}

impl From<helpdesk::Leave> for Leave {
    fn from(l: helpdesk::Leave) -> Self {
        Self {
            id: l.id.value(),
            user: l.user.value(),
            from: l.from,
            to: l.to,
            reason: l.reason,
        }
    }
}

/// The working time an SLA policy allows: `days` count as the team
/// calendar's hours per day (24 h for a team without a calendar).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone, Copy)]
pub struct Within {
    /// Working days.
    pub days: u32,
    /// Working hours.
    pub hours: u32,
    /// Working minutes.
    pub minutes: u32,
}

impl From<helpdesk::Within> for Within {
    fn from(w: helpdesk::Within) -> Self {
        Self {
            days: w.days,
            hours: w.hours,
            minutes: w.minutes,
        }
    }
}

/// A service-level agreement of a team (SLA-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SlaPolicy {
    /// Identifier.
    pub id: i64,
    /// The company (the team's).
    pub company: i64,
    /// The team whose tickets it applies to.
    pub team: i64,
    /// Display name.
    pub name: String,
    /// Internal description (never shown to portal users).
    pub description: String,
    /// The priority a ticket must have.
    pub priority: Priority,
    /// Empty, or the ticket must have one of these tags.
    pub tags: Vec<i64>,
    /// Empty, or the ticket's customer, its parent or a child must be one of these.
    pub customers: Vec<i64>,
    /// Empty, or the ticket's type must be one of these.
    pub ticket_types: Vec<i64>,
    /// The stage to reach (of the team).
    pub target_stage: i64,
    /// Stages that stop the clock.
    pub excluded_stages: Vec<i64>,
    /// The working time allowed.
    pub within: Within,
    /// Archived policies no longer apply.
    pub active: bool,
}

impl From<helpdesk::SlaPolicy> for SlaPolicy {
    fn from(p: helpdesk::SlaPolicy) -> Self {
        Self {
            id: p.id.value(),
            company: p.company.value(),
            team: p.team.value(),
            name: p.name,
            description: p.description,
            priority: p.priority.into(),
            tags: values(p.tags),
            customers: values(p.customers),
            ticket_types: values(p.ticket_types),
            target_stage: p.target_stage.value(),
            excluded_stages: values(p.excluded_stages),
            within: p.within.into(),
            active: p.active,
        }
    }
}

/// One SLA status of a ticket as it stands now (SLA-6).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SlaStatusView {
    /// The policy.
    pub policy: i64,
    /// Its name.
    pub policy_name: String,
    /// The stage to reach.
    pub target_stage: i64,
    /// The deadline (`null` while the clock is stopped).
    pub deadline: Option<DateTime<Utc>>,
    /// When the target was reached.
    pub reached_at: Option<DateTime<Utc>>,
    /// Where it stands.
    pub state: SlaState,
    /// Signed working time between the deadline and reached-or-now, in
    /// whole seconds (positive = late; `null` while the deadline is unknown).
    pub exceeded_seconds: Option<i64>,
}

impl From<helpdesk::SlaStatusView> for SlaStatusView {
    fn from(v: helpdesk::SlaStatusView) -> Self {
        Self {
            policy: v.policy.value(),
            policy_name: v.policy_name,
            target_stage: v.target_stage.value(),
            deadline: v.deadline,
            reached_at: v.reached_at,
            state: v.state.into(),
            exceeded_seconds: v.exceeded_seconds,
        }
    }
}

/// The SLA figures of a set of tickets (SLA-8).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SlaFigures {
    /// Tickets with at least one status.
    pub tickets: i64,
    /// Tickets with at least one failed status.
    pub failed: i64,
    /// `(tickets − failed) / tickets` in percent, a decimal string with two
    /// decimals (`'50.00'`); `null` without tickets (no figure is not 0 %).
    pub success_rate: Option<String>,
    /// The average exceeded working time over the statuses with a known
    /// deadline, in whole seconds (negative = early).
    pub average_exceeded_seconds: Option<i64>,
    /// The largest exceeded working time, in whole seconds.
    pub worst_exceeded_seconds: Option<i64>,
}

/// A count as a JavaScript number (saturating; counts never get near 2^53).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<helpdesk::SlaFigures> for SlaFigures {
    fn from(f: helpdesk::SlaFigures) -> Self {
        Self {
            tickets: count(f.tickets),
            failed: count(f.failed),
            success_rate: f.success_rate.map(dec),
            average_exceeded_seconds: f.average_exceeded_seconds,
            worst_exceeded_seconds: f.worst_exceeded_seconds,
        }
    }
}

/// The figures of one policy in an SLA report.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SlaPolicyFigures {
    /// The policy.
    pub policy: i64,
    /// Its name.
    pub name: String,
    /// Its figures.
    pub figures: SlaFigures,
}

impl From<helpdesk::SlaPolicyFigures> for SlaPolicyFigures {
    fn from(f: helpdesk::SlaPolicyFigures) -> Self {
        Self {
            policy: f.policy.value(),
            name: f.name,
            figures: f.figures.into(),
        }
    }
}

/// The SLA report (SLA-8).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SlaReport {
    /// Over every status the query selects.
    pub total: SlaFigures,
    /// Per policy, by increasing id.
    pub by_policy: Vec<SlaPolicyFigures>,
}

impl From<helpdesk::SlaReport> for SlaReport {
    fn from(r: helpdesk::SlaReport) -> Self {
        Self {
            total: r.total.into(),
            by_policy: all(r.by_policy),
        }
    }
}

/// A decimal as a JavaScript decimal string with its scale (`'254.10'`),
/// as the core writes it.
fn dec(value: rust_decimal::Decimal) -> String {
    crate::scalars::format_decimal(value)
}

/// A calendar date as a `'YYYY-MM-DD'` string, as the core writes it.
fn day(value: chrono::NaiveDate) -> String {
    crate::scalars::format_date(value)
}

/// A currency: an ISO 4217 code and the decimal places its amounts are
/// rounded to (EUR and USD 2, JPY 0, KWD 3).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Currency {
    /// Three upper-case letters, e.g. `'EUR'`.
    pub code: String,
    /// Decimal places of its amounts.
    pub decimals: u32,
}

impl From<helpdesk::Currency> for Currency {
    fn from(c: helpdesk::Currency) -> Self {
        Self {
            code: c.code,
            decimals: c.decimals,
        }
    }
}

/// Something sold: goods or a service.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Product {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Lot or serial tracking.
    pub tracking: Tracking,
    /// Default sale price, a decimal string (tax as its taxes say).
    pub sale_price: String,
    /// Default customer taxes.
    pub taxes: Vec<i64>,
    /// The unit it is sold in (`null`: units).
    pub unit: Option<i64>,
    /// For a service: how it is invoiced (HRS-2).
    pub service_policy: Option<ServicePolicy>,
}

impl From<helpdesk::Product> for Product {
    fn from(p: helpdesk::Product) -> Self {
        Self {
            id: p.id.value(),
            company: p.company.value(),
            name: p.name,
            tracking: p.tracking.into(),
            sale_price: dec(p.sale_price),
            taxes: values(p.taxes),
            unit: opt(p.unit),
            service_policy: p.service_policy.map(Into::into),
        }
    }
}

/// A sales tax.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Tax {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name, e.g. `'VAT 21%'`.
    pub name: String,
    /// The rate in percent, a decimal string, e.g. `'21'`.
    pub percent: String,
    /// Whether prices with this tax include it.
    pub price_included: bool,
}

impl From<helpdesk::Tax> for Tax {
    fn from(t: helpdesk::Tax) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            name: t.name,
            percent: dec(t.percent),
            price_included: t.price_included,
        }
    }
}

/// An accounting journal.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Journal {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Short code, the prefix of its numbers (`INV` gives `INV/2026/00001`,
    /// its credit notes `RINV/2026/00001`).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

impl From<helpdesk::Journal> for Journal {
    fn from(j: helpdesk::Journal) -> Self {
        Self {
            id: j.id.value(),
            company: j.company.value(),
            name: j.name,
            code: j.code,
            kind: j.kind.into(),
        }
    }
}

/// A line of a sales order.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SaleOrderLine {
    /// The product.
    pub product: i64,
    /// Ordered quantity, a decimal string.
    pub quantity: String,
    /// Unit price, a decimal string.
    pub unit_price: String,
    /// The unit of `quantity` (`null`: the product's).
    pub unit: Option<i64>,
}

impl From<helpdesk::SaleOrderLine> for SaleOrderLine {
    fn from(l: helpdesk::SaleOrderLine) -> Self {
        Self {
            product: l.product.value(),
            quantity: dec(l.quantity),
            unit_price: dec(l.unit_price),
            unit: opt(l.unit),
        }
    }
}

/// A sales order.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct SaleOrder {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Its number, e.g. `'S00001'`.
    pub reference: String,
    /// The customer.
    pub customer: i64,
    /// The customer's commercial partner ("same customer").
    pub commercial_partner: i64,
    /// Currency of its prices.
    pub currency: Currency,
    /// Where it stands.
    pub state: SaleOrderState,
    /// Lines.
    pub lines: Vec<SaleOrderLine>,
    /// When it was confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Who sold it (upsell alerts go to them, HRS-6).
    pub salesperson: Option<i64>,
    /// The indexes of the lines whose upsell alert was raised (HRS-6: once
    /// per line).
    pub upsell_alerted: Vec<u32>,
}

impl From<helpdesk::SaleOrder> for SaleOrder {
    fn from(o: helpdesk::SaleOrder) -> Self {
        Self {
            id: o.id.value(),
            company: o.company.value(),
            reference: o.reference,
            customer: o.customer.value(),
            commercial_partner: o.commercial_partner.value(),
            currency: o.currency.into(),
            state: o.state.into(),
            lines: all(o.lines),
            confirmed_at: o.confirmed_at,
            salesperson: opt(o.salesperson),
            upsell_alerted: o.upsell_alerted,
        }
    }
}

/// A line of an invoice or credit note, its amounts (decimal strings)
/// rounded per the currency (taxes per line).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct InvoiceLine {
    /// The product, if any.
    pub product: Option<i64>,
    /// Description.
    pub label: String,
    /// Quantity (positive).
    pub quantity: String,
    /// Unit price (as the taxes say: tax included or not).
    pub unit_price: String,
    /// Taxes.
    pub taxes: Vec<i64>,
    /// Amount without taxes.
    pub subtotal: String,
    /// Tax amount.
    pub tax: String,
    /// `subtotal + tax`.
    pub total: String,
    /// On a credit note: the index (from 0) of the invoice line it reverses.
    pub reverses: Option<i64>,
    /// The index (from 0) of the line of the invoice's sales order it bills.
    pub sale_line: Option<u32>,
}

impl From<helpdesk::InvoiceLine> for InvoiceLine {
    fn from(l: helpdesk::InvoiceLine) -> Self {
        Self {
            product: opt(l.product),
            label: l.label,
            quantity: dec(l.quantity),
            unit_price: dec(l.unit_price),
            taxes: values(l.taxes),
            subtotal: dec(l.subtotal),
            tax: dec(l.tax),
            total: dec(l.total),
            reverses: l.reverses.map(|i| i64::try_from(i).unwrap_or(i64::MAX)),
            sale_line: l.sale_line,
        }
    }
}

/// A customer invoice or credit note. Amounts are decimal strings, dates
/// `'YYYY-MM-DD'` strings.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Invoice {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Invoice or credit note.
    pub kind: InvoiceKind,
    /// Its number, given when posted (`'INV/2026/00001'`).
    pub number: Option<String>,
    /// The customer.
    pub customer: i64,
    /// The customer's commercial partner.
    pub commercial_partner: i64,
    /// The journal.
    pub journal: i64,
    /// Currency of its amounts.
    pub currency: Currency,
    /// Accounting date, `'YYYY-MM-DD'`.
    pub date: String,
    /// Where it stands.
    pub state: InvoiceState,
    /// Whether it is paid.
    pub payment_state: PaymentState,
    /// The sales order it invoices.
    pub sale_order: Option<i64>,
    /// Reference, e.g. `'Reversal of: INV/2026/00001, Helpdesk Ticket #42'`.
    pub reference: String,
    /// On a credit note: the invoice it reverses.
    pub reversed_invoice: Option<i64>,
    /// The ticket it was made from.
    pub ticket: Option<i64>,
    /// A draft credit note with a future reversal date posts on this date,
    /// `'YYYY-MM-DD'` (REF-4).
    pub scheduled_post: Option<String>,
    /// Lines.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines' subtotals.
    pub untaxed: String,
    /// Sum of the lines' taxes.
    pub tax: String,
    /// Sum of the lines' totals.
    pub total: String,
}

impl From<helpdesk::Invoice> for Invoice {
    fn from(i: helpdesk::Invoice) -> Self {
        Self {
            id: i.id.value(),
            company: i.company.value(),
            kind: i.kind.into(),
            number: i.number,
            customer: i.customer.value(),
            commercial_partner: i.commercial_partner.value(),
            journal: i.journal.value(),
            currency: i.currency.into(),
            date: day(i.date),
            state: i.state.into(),
            payment_state: i.payment_state.into(),
            sale_order: opt(i.sale_order),
            reference: i.reference,
            reversed_invoice: opt(i.reversed_invoice),
            ticket: opt(i.ticket),
            scheduled_post: i.scheduled_post.map(day),
            lines: all(i.lines),
            untaxed: dec(i.untaxed),
            tax: dec(i.tax),
            total: dec(i.total),
        }
    }
}

/// An invoice that may be refunded, with what is left of it (REF-5).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct RefundableInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// Its total not yet taken by credit notes (drafts included), a decimal
    /// string.
    pub remaining: String,
}

impl From<helpdesk::RefundableInvoice> for RefundableInvoice {
    fn from(r: helpdesk::RefundableInvoice) -> Self {
        Self {
            invoice: r.invoice.into(),
            remaining: dec(r.remaining),
        }
    }
}

/// The refund wizard's defaults for a ticket (REF-2).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct RefundDefaults {
    /// The customer's latest confirmed order with posted invoices.
    pub sale_order: Option<i64>,
    /// `'Helpdesk Ticket #<ref>'`.
    pub reason: String,
    /// Today, `'YYYY-MM-DD'`.
    pub reversal_date: String,
}

impl From<helpdesk::RefundDefaults> for RefundDefaults {
    fn from(d: helpdesk::RefundDefaults) -> Self {
        Self {
            sale_order: opt(d.sale_order),
            reason: d.reason,
            reversal_date: day(d.reversal_date),
        }
    }
}

/// What `reverseAndReinvoice` made (REF-4).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Reinvoice {
    /// The credit note: posted, or a draft scheduled for its date.
    pub credit_note: Invoice,
    /// The draft copy of the invoice, to correct and send again.
    pub invoice: Invoice,
}

impl From<helpdesk::Reinvoice> for Reinvoice {
    fn from(r: helpdesk::Reinvoice) -> Self {
        Self {
            credit_note: r.credit_note.into(),
            invoice: r.invoice.into(),
        }
    }
}

/// A coupon program's reward (CPN-1); amounts are decimal strings.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Reward {
    /// What it gives.
    pub kind: RewardKind,
    /// Percent off, for a discount (0 < p ≤ 100).
    pub discount_percent: String,
    /// Amount off, for a fixed amount (in the program's currency).
    pub fixed_amount: String,
    /// The free product, for a free product.
    pub free_product: Option<i64>,
    /// What a discount applies to.
    pub scope: RewardScope,
    /// The products a `products` scope discounts.
    pub products: Vec<i64>,
    /// The most a discount may take off.
    pub max_discount: Option<String>,
}

impl From<helpdesk::Reward> for Reward {
    fn from(r: helpdesk::Reward) -> Self {
        Self {
            kind: r.kind.into(),
            discount_percent: dec(r.discount_percent),
            fixed_amount: dec(r.fixed_amount),
            free_product: opt(r.free_product),
            scope: r.scope.into(),
            products: values(r.products),
            max_discount: r.max_discount.map(dec),
        }
    }
}

/// When an order qualifies for a reward (CPN-1); every set condition must
/// hold. Amounts and quantities are decimal strings.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct RewardConditions {
    /// Minimum quantity of (qualifying) products.
    pub minimum_quantity: Option<String>,
    /// Minimum order total.
    pub minimum_amount: Option<String>,
    /// Empty, or the order must hold one of these products.
    pub products: Vec<i64>,
}

impl From<helpdesk::RewardConditions> for RewardConditions {
    fn from(c: helpdesk::RewardConditions) -> Self {
        Self {
            minimum_quantity: c.minimum_quantity.map(dec),
            minimum_amount: c.minimum_amount.map(dec),
            products: values(c.products),
        }
    }
}

/// A coupon program (CPN-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct CouponProgram {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Currency of its amounts.
    pub currency: Currency,
    /// The reward.
    pub reward: Reward,
    /// The conditions.
    pub conditions: RewardConditions,
    /// First valid day, `'YYYY-MM-DD'`.
    pub valid_from: Option<String>,
    /// Last valid day, `'YYYY-MM-DD'`.
    pub valid_until: Option<String>,
    /// Redemptions allowed over the whole program.
    pub usage_limit: Option<u32>,
    /// Redemptions so far.
    pub used: u32,
    /// Points a redemption takes from a coupon.
    pub points_per_use: u32,
    /// Archived programs redeem nothing.
    pub active: bool,
}

impl From<helpdesk::CouponProgram> for CouponProgram {
    fn from(p: helpdesk::CouponProgram) -> Self {
        Self {
            id: p.id.value(),
            company: p.company.value(),
            name: p.name,
            currency: p.currency.into(),
            reward: p.reward.into(),
            conditions: p.conditions.into(),
            valid_from: p.valid_from.map(day),
            valid_until: p.valid_until.map(day),
            usage_limit: p.usage_limit,
            used: p.used,
            points_per_use: p.points_per_use,
            active: p.active,
        }
    }
}

/// A coupon generated from a ticket (CPN-2).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Coupon {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// The program.
    pub program: i64,
    /// The code, canonical (`XXXX-XXXX-XXXX-XXXX-C`, CPN-3).
    pub code: String,
    /// Reserved for this customer (CPN-4).
    pub partner: Option<i64>,
    /// Points left.
    pub points: u32,
    /// Last valid day, `'YYYY-MM-DD'` (`null`: never expires).
    pub valid_until: Option<String>,
    /// The ticket it was generated from.
    pub ticket: Option<i64>,
    /// When it was generated.
    pub created_at: DateTime<Utc>,
}

impl From<helpdesk::Coupon> for Coupon {
    fn from(c: helpdesk::Coupon) -> Self {
        Self {
            id: c.id.value(),
            company: c.company.value(),
            program: c.program.value(),
            code: c.code,
            partner: opt(c.partner),
            points: c.points,
            valid_until: c.valid_until.map(day),
            ticket: opt(c.ticket),
            created_at: c.created_at,
        }
    }
}

/// What a redemption gave (CPN-4).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Redeemed {
    /// The coupon, with its points taken.
    pub coupon: Coupon,
    /// The amount off the order, a decimal string (`'0'` without an order or
    /// for a free product).
    pub discount: String,
    /// The free product, for such a reward.
    pub free_product: Option<i64>,
}

impl From<helpdesk::Redeemed> for Redeemed {
    fn from(r: helpdesk::Redeemed) -> Self {
        Self {
            coupon: r.coupon.into(),
            discount: dec(r.discount),
            free_product: opt(r.free_product),
        }
    }
}

// --- support hours (issue 9) ---

/// A kind of quantity whose units convert into one another (HRS-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct UnitCategory {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name, e.g. `'Working Time'`.
    pub name: String,
    /// The company's working-time category (Hours and Days).
    pub working_time: bool,
}

impl From<helpdesk::UnitCategory> for UnitCategory {
    fn from(c: helpdesk::UnitCategory) -> Self {
        Self {
            id: c.id.value(),
            company: c.company.value(),
            name: c.name,
            working_time: c.working_time,
        }
    }
}

/// A unit of measure (HRS-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Unit {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Its category: only units of one category convert.
    pub category: i64,
    /// Display name, e.g. `'Hours'`.
    pub name: String,
    /// How many of the category's reference unit one of this unit is, a
    /// decimal string (Hours `'1'`, Days `'8'`).
    pub ratio: String,
    /// Quantities in this unit are rounded half up to a multiple of this, a
    /// decimal string (default `'0.01'`).
    pub rounding: String,
}

impl From<helpdesk::Unit> for Unit {
    fn from(u: helpdesk::Unit) -> Self {
        Self {
            id: u.id.value(),
            company: u.company.value(),
            category: u.category.value(),
            name: u.name,
            ratio: dec(u.ratio),
            rounding: dec(u.rounding),
        }
    }
}

/// A line of a sales order: the order and the line's index in it (from 0).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone, Copy)]
pub struct OrderLineRef {
    /// The order.
    pub order: i64,
    /// The line's index (from 0).
    pub line: u32,
}

impl From<helpdesk::OrderLineRef> for OrderLineRef {
    fn from(r: helpdesk::OrderLineRef) -> Self {
        Self {
            order: r.order.value(),
            line: r.line,
        }
    }
}

/// Time logged on a ticket (HRS-4).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TimeEntry {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// The ticket.
    pub ticket: i64,
    /// Who worked.
    pub agent: i64,
    /// The day worked, `'YYYY-MM-DD'`.
    pub date: String,
    /// How long, in `unit`, a decimal string.
    pub quantity: String,
    /// A working-time unit.
    pub unit: i64,
    /// What was done.
    pub description: String,
    /// The order line it charges (the ticket's when logged).
    pub sale_line: Option<OrderLineRef>,
    /// The invoice that billed it (post-paid); it is billable again when
    /// that invoice is cancelled or fully refunded (HRS-7).
    pub invoice: Option<i64>,
}

impl From<helpdesk::TimeEntry> for TimeEntry {
    fn from(e: helpdesk::TimeEntry) -> Self {
        Self {
            id: e.id.value(),
            company: e.company.value(),
            ticket: e.ticket.value(),
            agent: e.agent.value(),
            date: day(e.date),
            quantity: dec(e.quantity),
            unit: e.unit.value(),
            description: e.description,
            sale_line: e.sale_line.map(Into::into),
            invoice: opt(e.invoice),
        }
    }
}

/// A ticket's time and its contract.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TicketHours {
    /// Hours logged on the ticket, a decimal string.
    pub logged_hours: String,
    /// The order line its time is charged to.
    pub sale_line: Option<OrderLineRef>,
    /// Hours left on that line when it is prepaid, a decimal string (may be
    /// negative, HRS-5).
    pub remaining_hours: Option<String>,
}

impl From<helpdesk::TicketHours> for TicketHours {
    fn from(h: helpdesk::TicketHours) -> Self {
        Self {
            logged_hours: dec(h.logged_hours),
            sale_line: h.sale_line.map(Into::into),
            remaining_hours: h.remaining_hours.map(dec),
        }
    }
}

/// A service line of a customer's order with its balance; quantities are
/// decimal strings in the line's `unit`.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct ContractLine {
    /// The line.
    pub line: OrderLineRef,
    /// The order's number.
    pub order_reference: String,
    /// The order's state.
    pub order_state: SaleOrderState,
    /// The service.
    pub product: i64,
    /// How it is invoiced.
    pub policy: ServicePolicy,
    /// The unit of the quantities below.
    pub unit: i64,
    /// Ordered.
    pub ordered: String,
    /// Delivered: the time logged on it, in its unit (HRS-4).
    pub delivered: String,
    /// `ordered − delivered`; negative when overspent (HRS-5).
    pub remaining: String,
    /// `remaining` in hours.
    pub remaining_hours: String,
    /// Invoiced (by invoices neither cancelled nor fully refunded).
    pub invoiced: String,
    /// What invoicing would bill now.
    pub invoiceable: String,
    /// Delivered more than ordered (HRS-6).
    pub upselling: bool,
}

impl From<helpdesk::ContractLine> for ContractLine {
    fn from(c: helpdesk::ContractLine) -> Self {
        Self {
            line: c.line.into(),
            order_reference: c.order_reference,
            order_state: c.order_state.into(),
            product: c.product.value(),
            policy: c.policy.into(),
            unit: c.unit.value(),
            ordered: dec(c.ordered),
            delivered: dec(c.delivered),
            remaining: dec(c.remaining),
            remaining_hours: dec(c.remaining_hours),
            invoiced: dec(c.invoiced),
            invoiceable: dec(c.invoiceable),
            upselling: c.upselling,
        }
    }
}

// --- stock and returns, repairs, field service (issue 10) ---

/// A place goods are in.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Location {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name, e.g. `'WH/Stock'`.
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

impl From<helpdesk::Location> for Location {
    fn from(l: helpdesk::Location) -> Self {
        Self {
            id: l.id.value(),
            company: l.company.value(),
            name: l.name,
            kind: l.kind.into(),
        }
    }
}

/// A line of a transfer.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct TransferLine {
    /// The product.
    pub product: i64,
    /// Quantity (positive), a decimal string.
    pub quantity: String,
    /// Lot or serial number.
    pub lot: Option<String>,
    /// On a return: the index (from 0) of the delivery line it returns.
    pub returns_line: Option<u32>,
}

impl From<helpdesk::TransferLine> for TransferLine {
    fn from(l: helpdesk::TransferLine) -> Self {
        Self {
            product: l.product.value(),
            quantity: dec(l.quantity),
            lot: l.lot,
            returns_line: l.returns_line,
        }
    }
}

/// A move of goods between locations (a delivery or a return).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Transfer {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Its number, e.g. `'WH/OUT/00001'` or `'WH/IN/00001'`.
    pub reference: String,
    /// Which way it goes.
    pub kind: TransferKind,
    /// The customer.
    pub customer: i64,
    /// The customer's commercial partner.
    pub commercial_partner: i64,
    /// The sales order it fulfils.
    pub sale_order: Option<i64>,
    /// From.
    pub source: i64,
    /// To.
    pub destination: i64,
    /// Where it stands.
    pub state: TransferState,
    /// Lines.
    pub lines: Vec<TransferLine>,
    /// On a return: the delivery it returns.
    pub origin: Option<i64>,
    /// The ticket it was made from.
    pub ticket: Option<i64>,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
}

impl From<helpdesk::Transfer> for Transfer {
    fn from(t: helpdesk::Transfer) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            reference: t.reference,
            kind: t.kind.into(),
            customer: t.customer.value(),
            commercial_partner: t.commercial_partner.value(),
            sale_order: opt(t.sale_order),
            source: t.source.value(),
            destination: t.destination.value(),
            state: t.state.into(),
            lines: all(t.lines),
            origin: opt(t.origin),
            ticket: opt(t.ticket),
            done_at: t.done_at,
        }
    }
}

/// A delivery line and what may come back of it (RET-1); quantities are
/// decimal strings.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct ReturnableLine {
    /// The line's index in the delivery (from 0).
    pub line: u32,
    /// The product.
    pub product: i64,
    /// Its lot or serial number.
    pub lot: Option<String>,
    /// Delivered.
    pub delivered: String,
    /// Already returned (returns not cancelled).
    pub returned: String,
    /// `delivered − returned`: the default quantity to return.
    pub returnable: String,
}

impl From<helpdesk::ReturnableLine> for ReturnableLine {
    fn from(l: helpdesk::ReturnableLine) -> Self {
        Self {
            line: l.line,
            product: l.product.value(),
            lot: l.lot,
            delivered: dec(l.delivered),
            returned: dec(l.returned),
            returnable: dec(l.returnable),
        }
    }
}

/// A done delivery with something left to return (RET-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct ReturnableDelivery {
    /// The delivery.
    pub delivery: Transfer,
    /// Its lines.
    pub lines: Vec<ReturnableLine>,
}

impl From<helpdesk::ReturnableDelivery> for ReturnableDelivery {
    fn from(d: helpdesk::ReturnableDelivery) -> Self {
        Self {
            delivery: d.delivery.into(),
            lines: all(d.lines),
        }
    }
}

/// What `returnForExchange` made (RET-2).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The incoming return.
    pub return_transfer: Transfer,
    /// The outgoing delivery of the replacements.
    pub delivery: Transfer,
}

impl From<helpdesk::Exchange> for Exchange {
    fn from(e: helpdesk::Exchange) -> Self {
        Self {
            return_transfer: e.return_transfer.into(),
            delivery: e.delivery.into(),
        }
    }
}

/// A part used in a repair; amounts are decimal strings.
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct RepairPart {
    /// The part.
    pub product: i64,
    /// Quantity (positive).
    pub quantity: String,
    /// Sale price (`'0'` under warranty).
    pub unit_price: String,
}

impl From<helpdesk::RepairPart> for RepairPart {
    fn from(p: helpdesk::RepairPart) -> Self {
        Self {
            product: p.product.value(),
            quantity: dec(p.quantity),
            unit_price: dec(p.unit_price),
        }
    }
}

/// A repair order made from a ticket (REP-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct Repair {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Its number, e.g. `'RO/00001'`.
    pub reference: String,
    /// The ticket it was made from.
    pub ticket: i64,
    /// The customer.
    pub customer: Option<i64>,
    /// The product to repair.
    pub product: i64,
    /// Its lot or serial number (tracked products).
    pub lot: Option<String>,
    /// The return it came back with.
    pub return_transfer: Option<i64>,
    /// The sales order it was sold with.
    pub sale_order: Option<i64>,
    /// When it is planned, `'YYYY-MM-DD'`.
    pub scheduled_date: String,
    /// Who manages it.
    pub responsible: Option<i64>,
    /// Tags.
    pub tags: Vec<String>,
    /// Every part's sale price is zero.
    pub under_warranty: bool,
    /// Parts.
    pub parts: Vec<RepairPart>,
    /// Internal notes.
    pub notes: String,
    /// Where it stands.
    pub state: RepairState,
    /// The quotation made from it.
    pub quotation: Option<i64>,
}

impl From<helpdesk::Repair> for Repair {
    fn from(r: helpdesk::Repair) -> Self {
        Self {
            id: r.id.value(),
            company: r.company.value(),
            reference: r.reference,
            ticket: r.ticket.value(),
            customer: opt(r.customer),
            product: r.product.value(),
            lot: r.lot,
            return_transfer: opt(r.return_transfer),
            sale_order: opt(r.sale_order),
            scheduled_date: day(r.scheduled_date),
            responsible: opt(r.responsible),
            tags: r.tags,
            under_warranty: r.under_warranty,
            parts: all(r.parts),
            notes: r.notes,
            state: r.state.into(),
            quotation: opt(r.quotation),
        }
    }
}

/// A field-service project (FSM-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct FieldServiceProject {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// Display name.
    pub name: String,
    /// Whether its tasks carry worksheets.
    pub worksheets: bool,
    /// The worksheet template its tasks get by default.
    pub default_worksheet_template: Option<String>,
}

impl From<helpdesk::FieldServiceProject> for FieldServiceProject {
    fn from(p: helpdesk::FieldServiceProject) -> Self {
        Self {
            id: p.id.value(),
            company: p.company.value(),
            name: p.name,
            worksheets: p.worksheets,
            default_worksheet_template: p.default_worksheet_template,
        }
    }
}

/// An on-site intervention planned from a ticket (FSM-1).
#[napi(object, use_nullable = true)]
#[derive(Debug, Clone)]
pub struct FieldServiceTask {
    /// Identifier.
    pub id: i64,
    /// The company.
    pub company: i64,
    /// The project.
    pub project: i64,
    /// The ticket it was planned from.
    pub ticket: i64,
    /// Title.
    pub title: String,
    /// The customer.
    pub customer: Option<i64>,
    /// Where to go (the customer's address when planned).
    pub address: Option<String>,
    /// The worksheet template (projects with worksheets only).
    pub worksheet_template: Option<String>,
    /// Where it stands.
    pub stage: TaskStage,
}

impl From<helpdesk::FieldServiceTask> for FieldServiceTask {
    fn from(t: helpdesk::FieldServiceTask) -> Self {
        Self {
            id: t.id.value(),
            company: t.company.value(),
            project: t.project.value(),
            ticket: t.ticket.value(),
            title: t.title,
            customer: opt(t.customer),
            address: t.address,
            worksheet_template: t.worksheet_template,
            stage: t.stage.into(),
        }
    }
}
