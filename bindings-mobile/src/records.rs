//! The core's records, enums and ids, exposed as they are (`#[uniffi::remote]`): Kotlin data
//! classes and enums, Swift structs and enums. Each declaration below restates a core type
//! field for field; uniffi generates the conversion, and the compiler rejects any drift from
//! the core's definition (a field added in core fails to build here).
//!
//! Ids are custom types over `i64` (Kotlin `typealias TicketId = Long`, Swift `Int64`): a
//! whole number from 1 to 2^53 − 1 (the largest integer every language holds exactly), checked
//! by the core's `scalars::check_id` as it is lifted; any other is refused as `InvalidInput`
//! naming the entity (`ticket` for a `TicketId`, `user` for a `UserId`, …), as the lift does
//! not know the argument or record field it fills. Two ids are plain `i64` because the core
//! declares them so: `TeamSettings.fieldServiceProject` and `DocumentRef.id`.
//! An invoice line's index (`usize` in the core) is [`LineIndex`], over `u32` (Kotlin `UInt`,
//! Swift `UInt32`), like the `line` argument of `updateCreditNoteLine`.

use crate::types::{LocalDate, UtcDateTime};
use crate::HelpdeskError;
use helpdesk::{
    Actor, AssignmentMethod, CalendarId, Company, CompanyId, ContractLine, Coupon, CouponId,
    CouponProgram, CouponProgramId, CreditLineUpdate, Currency, DocumentKind, DocumentRef,
    Exchange, FieldServiceProject, FieldServiceProjectId, FieldServiceTask, FieldServiceTaskId,
    HelpdeskRole, Invoice, InvoiceId, InvoiceKind, InvoiceLine, InvoiceState, Journal, JournalId,
    JournalKind, Leave, LeaveId, Location, LocationId, LocationKind, Message, MessageId,
    MessageKind, NewCompany, NewCoupon, NewDelivery, NewFieldServiceProject, NewFieldServiceTask,
    NewInvoice, NewInvoiceLine, NewJournal, NewLeave, NewLocation, NewPartner, NewRepair,
    NewRepairPart, NewSaleOrder, NewStage, NewTax, NewTimeEntry, NewUnit, OrderLineRef, OutboxId,
    OutboxKind, OutboxMessage, Partner, PartnerId, PartnerUpdate, PaymentState, Priority, Product,
    ProductId, Redeemed, Redemption, RefundDefaults, RefundFilter, RefundableInvoice, Reinvoice,
    Repair, RepairId, RepairPart, RepairState, RepairUpdate, ReturnFilter, ReturnQuantity,
    ReturnRequest, ReturnableDelivery, ReturnableLine, Reversal, Reward, RewardConditions,
    RewardKind, RewardScope, SaleOrder, SaleOrderId, SaleOrderLine, SaleOrderState, ServicePolicy,
    SlaFigures, SlaPolicy, SlaPolicyFigures, SlaPolicyId, SlaPolicyUpdate, SlaReport,
    SlaReportQuery, SlaState, SlaStatusView, Stage, StageChange, StageId, StageUpdate, Submission,
    SupportHoursUpdate, Tag, TagId, TaskStage, Tax, TaxId, Team, TeamId, TeamSettings, TeamUpdate,
    Ticket, TicketFilter, TicketHours, TicketId, TicketPage, TicketSort, TicketType, TicketTypeId,
    TicketUpdate, TimeEntry, TimeEntryId, TimeEntryUpdate, Tracking, Transfer, TransferId,
    TransferKind, TransferLine, TransferState, Unit, UnitCategory, UnitCategoryId, UnitId, User,
    UserId, UserKind, UserUpdate, Visibility, Within,
};
use rust_decimal::Decimal;

macro_rules! id_types {
    ($($name:ident => $field:literal),* $(,)?) => {$(
        uniffi::custom_type!($name, i64, {
            remote,
            lower: |id| id.0,
            try_lift: |raw| Ok($name(
                helpdesk::scalars::check_id($field, raw).map_err(HelpdeskError::from)?,
            )),
        });
    )*};
}

// A refused id names its entity, in snake_case like the core's fields.
id_types!(
    CompanyId => "company",
    PartnerId => "partner",
    UserId => "user",
    TeamId => "team",
    StageId => "stage",
    TagId => "tag",
    TicketTypeId => "ticket_type",
    TicketId => "ticket",
    MessageId => "message",
    OutboxId => "outbox",
    CalendarId => "calendar",
    ProductId => "product",
    SlaPolicyId => "sla_policy",
    LeaveId => "leave",
    TaxId => "tax",
    JournalId => "journal",
    SaleOrderId => "sale_order",
    InvoiceId => "invoice",
    CouponProgramId => "coupon_program",
    CouponId => "coupon",
    UnitCategoryId => "unit_category",
    UnitId => "unit",
    TimeEntryId => "time_entry",
    LocationId => "location",
    TransferId => "transfer",
    RepairId => "repair",
    FieldServiceProjectId => "field_service_project",
    FieldServiceTaskId => "field_service_task",
);

/// The index of a line in an invoice (`usize` in the core), as the `line` argument of
/// `updateCreditNoteLine` takes it: Kotlin `UInt`, Swift `UInt32`.
pub type LineIndex = usize;

uniffi::custom_type!(LineIndex, u32, {
    remote,
    // An invoice never has 2^32 lines; saturating keeps `lower` total.
    lower: |index| u32::try_from(index).unwrap_or(u32::MAX),
    try_lift: |raw| Ok(LineIndex::try_from(raw)?),
});

/// Who performs an operation: the host itself (every rule bypassed), or a user.
#[uniffi::remote(Enum)]
pub enum Actor {
    /// The host application (no access rule applies).
    System,
    /// A user of the desk, by id.
    User(UserId),
}

// ---- directory ----

/// A company (a tenant of the desk).
#[uniffi::remote(Record)]
pub struct Company {
    /// Identifier.
    pub id: CompanyId,
    /// Display name.
    pub name: String,
    /// Upsell alerts go out when a prepaid line's delivered time passes this percentage of
    /// the ordered quantity (default 100; `setSupportHours` changes it).
    pub upsell_threshold: Decimal,
}

/// A contact: a customer, a person at a customer, or the contact of a user.
#[uniffi::remote(Record)]
pub struct Partner {
    /// Identifier.
    pub id: PartnerId,
    /// The company the contact belongs to (`null` = shared).
    pub company: Option<CompanyId>,
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// The parent contact (a person's company).
    pub parent: Option<PartnerId>,
    /// The top-most parent (the commercial entity).
    pub commercial_partner: PartnerId,
    /// Postal address (where field service goes).
    pub address: Option<String>,
}

/// Internal user or portal (customer) user.
#[uniffi::remote(Enum)]
pub enum UserKind {
    /// An employee.
    Internal,
    /// A customer with portal access.
    Portal,
}

/// The helpdesk role of an internal user.
#[uniffi::remote(Enum)]
pub enum HelpdeskRole {
    /// No helpdesk rights.
    None,
    /// Agent: works tickets.
    Agent,
    /// Manager: configures teams and stages.
    Manager,
}

/// A user of the desk.
#[uniffi::remote(Record)]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// E-mail address (login).
    pub email: Option<String>,
    /// The user's contact.
    pub partner: PartnerId,
    /// Internal or portal.
    pub kind: UserKind,
    /// Helpdesk role.
    pub role: HelpdeskRole,
    /// The companies the user works for.
    pub companies: Vec<CompanyId>,
    /// `false` = archived.
    pub active: bool,
    /// The user's own working calendar for automatic assignment (`null`: available whenever
    /// their team's calendar is, or at any time without one). Set with `setUserCalendar`.
    pub calendar: Option<CalendarId>,
}

/// Input of `createCompany`.
#[uniffi::remote(Record)]
pub struct NewCompany {
    /// Display name.
    pub name: String,
}

/// Input of `createPartner`.
#[uniffi::remote(Record)]
pub struct NewPartner {
    /// The company (`null` = shared).
    #[uniffi(default)]
    pub company: Option<CompanyId>,
    /// Display name.
    pub name: String,
    /// E-mail address.
    #[uniffi(default)]
    pub email: Option<String>,
    /// Phone number.
    #[uniffi(default)]
    pub phone: Option<String>,
    /// The parent contact.
    #[uniffi(default)]
    pub parent: Option<PartnerId>,
    /// Postal address (where field service goes).
    #[uniffi(default)]
    pub address: Option<String>,
}

/// Input of `updatePartner`: `null` leaves a field unchanged.
#[uniffi::remote(Record)]
pub struct PartnerUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New e-mail (empty string clears it).
    #[uniffi(default)]
    pub email: Option<String>,
    /// New phone (empty string clears it).
    #[uniffi(default)]
    pub phone: Option<String>,
    /// New postal address (empty string clears it).
    #[uniffi(default)]
    pub address: Option<String>,
}

/// Input of `updateUser`: `null` leaves a field unchanged.
#[uniffi::remote(Record)]
pub struct UserUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New role.
    #[uniffi(default)]
    pub role: Option<HelpdeskRole>,
    /// New companies.
    #[uniffi(default)]
    pub companies: Option<Vec<CompanyId>>,
    /// Archive (`false`) or restore (`true`).
    #[uniffi(default)]
    pub active: Option<bool>,
}

// ---- teams and their configuration ----

/// Who can see a team's tickets.
#[uniffi::remote(Enum)]
pub enum Visibility {
    /// Private: only managers and invited (following) internal users.
    InvitedInternal,
    /// Every internal user of the company.
    Internal,
    /// Internal users, plus portal users who follow the ticket or the team.
    Portal,
}

/// How a team with auto-assignment chooses the next agent.
#[uniffi::remote(Enum)]
pub enum AssignmentMethod {
    /// Round robin over the members (equal number of tickets).
    EqualTickets,
    /// The member with the fewest open tickets in the team.
    EqualOpenTickets,
}

/// A team's switches and parameters. `defaultTeamSettings()` gives the core's defaults.
#[uniffi::remote(Record)]
pub struct TeamSettings {
    /// Assign new unassigned tickets automatically.
    pub auto_assignment: bool,
    /// The assignment method.
    pub assignment_method: AssignmentMethod,
    /// The working calendar of the team (`null` = company default): an existing calendar of
    /// the team's company (`createCalendar`): another company's is `InvalidInput`, a missing
    /// one `NotFound`.
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
    /// Close inactive tickets automatically.
    pub auto_close: bool,
    /// Days of inactivity before auto-close.
    pub auto_close_days: u32,
    /// The stages auto-close looks at (empty = every open stage).
    pub auto_close_from_stages: Vec<StageId>,
    /// The stage closing moves to.
    pub closing_stage: Option<StageId>,
    /// Whether customers may close their own tickets.
    pub customer_can_close: bool,
    /// Time tracking on tickets.
    pub time_tracking: bool,
    /// Bill the time tracked.
    pub time_billing: bool,
    /// Ask customers for ratings.
    pub ratings: bool,
    /// Show ratings on the public page.
    pub public_ratings: bool,
}

/// A helpdesk team.
#[uniffi::remote(Record)]
pub struct Team {
    /// Identifier.
    pub id: TeamId,
    /// The company the team belongs to.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Public description.
    pub description: String,
    /// Who sees the team's tickets.
    pub visibility: Visibility,
    /// Members, in assignment order (empty = every agent of the company).
    pub members: Vec<UserId>,
    /// Switches and parameters.
    pub settings: TeamSettings,
    /// Archived teams take no new tickets.
    pub active: bool,
}

/// Input of `updateTeam`: `null` leaves a field unchanged.
#[uniffi::remote(Record)]
pub struct TeamUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New description.
    #[uniffi(default)]
    pub description: Option<String>,
    /// New visibility.
    #[uniffi(default)]
    pub visibility: Option<Visibility>,
    /// New settings (whole).
    #[uniffi(default)]
    pub settings: Option<TeamSettings>,
    /// Archive (`false`) or restore (`true`).
    #[uniffi(default)]
    pub active: Option<bool>,
}

/// A stage of the ticket pipeline.
#[uniffi::remote(Record)]
pub struct Stage {
    /// Identifier.
    pub id: StageId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Order in the pipeline.
    pub sequence: i32,
    /// Folded stages close the ticket.
    pub folded: bool,
    /// The teams using the stage.
    pub teams: Vec<TeamId>,
    /// E-mail template sent when a ticket enters the stage.
    pub email_template: Option<String>,
    /// SMS template sent when a ticket enters the stage.
    pub sms_template: Option<String>,
}

/// Input of `createStage`.
#[uniffi::remote(Record)]
pub struct NewStage {
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Order in the pipeline.
    #[uniffi(default)]
    pub sequence: i32,
    /// Whether the stage closes tickets.
    #[uniffi(default)]
    pub folded: bool,
    /// The teams using the stage.
    #[uniffi(default)]
    pub teams: Vec<TeamId>,
    /// E-mail template.
    #[uniffi(default)]
    pub email_template: Option<String>,
    /// SMS template.
    #[uniffi(default)]
    pub sms_template: Option<String>,
}

/// Input of `updateStage`: `null` leaves a field unchanged.
#[uniffi::remote(Record)]
pub struct StageUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New sequence.
    #[uniffi(default)]
    pub sequence: Option<i32>,
    /// New folded flag.
    #[uniffi(default)]
    pub folded: Option<bool>,
    /// New teams.
    #[uniffi(default)]
    pub teams: Option<Vec<TeamId>>,
    /// New e-mail template (empty string clears it).
    #[uniffi(default)]
    pub email_template: Option<String>,
    /// New SMS template (empty string clears it).
    #[uniffi(default)]
    pub sms_template: Option<String>,
}

/// A ticket tag.
#[uniffi::remote(Record)]
pub struct Tag {
    /// Identifier.
    pub id: TagId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
}

/// A ticket type.
#[uniffi::remote(Record)]
pub struct TicketType {
    /// Identifier.
    pub id: TicketTypeId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
}

// ---- tickets ----

/// Ticket priority.
#[uniffi::remote(Enum)]
pub enum Priority {
    /// `0`
    Low,
    /// `1`
    Medium,
    /// `2`
    High,
    /// `3`
    Urgent,
}

/// The kind of a document linked to a ticket.
#[uniffi::remote(Enum)]
pub enum DocumentKind {
    /// A credit note (refund).
    CreditNote,
    /// A coupon.
    Coupon,
    /// A return transfer.
    Return,
    /// A repair order.
    Repair,
    /// A field-service task.
    FieldServiceTask,
    /// The sales order line billed for the ticket's time.
    SaleOrderLine,
}

/// A document linked to a ticket.
#[uniffi::remote(Record)]
pub struct DocumentRef {
    /// Kind of document.
    pub kind: DocumentKind,
    /// Its identifier.
    pub id: i64,
}

/// A helpdesk ticket.
#[uniffi::remote(Record)]
pub struct Ticket {
    /// Identifier.
    pub id: TicketId,
    /// The company.
    pub company: CompanyId,
    /// Per-company sequence number.
    pub number: i64,
    /// Display reference, `#<number>`.
    pub reference: String,
    /// Subject (never empty).
    pub subject: String,
    /// Description (public).
    pub description: String,
    /// The team.
    pub team: Option<TeamId>,
    /// Current stage.
    pub stage: StageId,
    /// Priority.
    pub priority: Priority,
    /// Ticket type.
    pub ticket_type: Option<TicketTypeId>,
    /// Tags.
    pub tags: Vec<TagId>,
    /// The customer contact.
    pub customer: Option<PartnerId>,
    /// The assigned agent.
    pub assignee: Option<UserId>,
    /// The product the ticket is about.
    pub product: Option<ProductId>,
    /// The lot or serial number the ticket is about.
    pub lot: Option<String>,
    /// When the ticket was created.
    pub created_at: UtcDateTime,
    /// When it was last assigned.
    pub assigned_at: Option<UtcDateTime>,
    /// When it entered a folded stage (cleared when reopened).
    pub closed_at: Option<UtcDateTime>,
    /// When its stage last changed.
    pub last_stage_change_at: UtcDateTime,
    /// When anything last happened on it.
    pub last_activity_at: UtcDateTime,
    /// `false` = archived.
    pub active: bool,
    /// Whether the customer closed it.
    pub closed_by_customer: bool,
    /// Documents linked to the ticket.
    pub documents: Vec<DocumentRef>,
    /// The earliest deadline among its unreached SLA statuses (`null`: no SLA, all reached,
    /// or the clock is stopped). Never shown to portal users.
    pub sla_deadline: Option<UtcDateTime>,
    /// One of its SLA statuses was reached after its deadline (a failure time cannot undo).
    /// Never shown to portal users.
    pub sla_reached_late: bool,
    /// The order line its time is charged to (`setTicketSaleLine`).
    pub sale_line: Option<OrderLineRef>,
}

/// Input of `submitTicket` (a portal user's request).
#[uniffi::remote(Record)]
pub struct Submission {
    /// The team asked.
    pub team: TeamId,
    /// Subject.
    pub subject: String,
    /// Description.
    #[uniffi(default)]
    pub description: String,
}

/// Which tickets a query or count looks at; every field narrows the set.
#[uniffi::remote(Record)]
pub struct TicketFilter {
    /// Only this team's tickets.
    #[uniffi(default)]
    pub team: Option<TeamId>,
    /// Only tickets in this stage.
    #[uniffi(default)]
    pub stage: Option<StageId>,
    /// Only tickets assigned to this user.
    #[uniffi(default)]
    pub assignee: Option<UserId>,
    /// Only this customer's tickets.
    #[uniffi(default)]
    pub customer: Option<PartnerId>,
    /// Only open (`true`) or closed (`false`) tickets.
    #[uniffi(default)]
    pub open: Option<bool>,
    /// Text searched in reference, subject and description.
    #[uniffi(default)]
    pub text: Option<String>,
    /// Archived tickets instead of active ones.
    #[uniffi(default)]
    pub archived: bool,
    /// Only tickets that have failed an SLA now (`true`) or have not (`false`); refused to
    /// portal users.
    #[uniffi(default)]
    pub sla_failed: Option<bool>,
}

/// Input of `updateTicket`: `null` leaves a field unchanged.
#[uniffi::remote(Record)]
pub struct TicketUpdate {
    /// New subject.
    #[uniffi(default)]
    pub subject: Option<String>,
    /// New description.
    #[uniffi(default)]
    pub description: Option<String>,
    /// New priority.
    #[uniffi(default)]
    pub priority: Option<Priority>,
    /// New tags (whole list).
    #[uniffi(default)]
    pub tags: Option<Vec<TagId>>,
}

/// The order of a ticket list.
#[uniffi::remote(Enum)]
pub enum TicketSort {
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest priority first.
    Priority,
    /// Most recent activity first.
    LastActivity,
    /// Earliest SLA deadline first (tickets without one last), then oldest. Refused to portal
    /// users.
    SlaDeadline,
}

/// One page of `listTickets`.
#[uniffi::remote(Record)]
pub struct TicketPage {
    /// The tickets of the page.
    pub tickets: Vec<Ticket>,
    /// The cursor of the next page (`null` = last page).
    pub next_cursor: Option<String>,
}

// ---- messages, history, outbox ----

/// Public reply or internal note.
#[uniffi::remote(Enum)]
pub enum MessageKind {
    /// A reply, visible to the customer.
    Reply,
    /// An internal note, never shown to portal users.
    Note,
}

/// A message on a ticket.
#[uniffi::remote(Record)]
pub struct Message {
    /// Identifier.
    pub id: MessageId,
    /// The ticket.
    pub ticket: TicketId,
    /// Reply or note.
    pub kind: MessageKind,
    /// The author (`null` = the system).
    pub author: Option<UserId>,
    /// The author's contact.
    pub author_partner: Option<PartnerId>,
    /// Body text.
    pub body: String,
    /// When it was posted.
    pub at: UtcDateTime,
}

/// One entry of a ticket's stage history.
#[uniffi::remote(Record)]
pub struct StageChange {
    /// The ticket.
    pub ticket: TicketId,
    /// The stage entered.
    pub stage: StageId,
    /// When.
    pub at: UtcDateTime,
    /// By whom (`null` = the system).
    pub by: Option<UserId>,
}

/// The kind of a side effect the host performs.
#[uniffi::remote(Enum)]
pub enum OutboxKind {
    /// Send an e-mail template.
    EmailTemplate,
    /// Send an SMS template.
    SmsTemplate,
    /// Notify followers.
    Notification,
}

/// A side effect the host must perform, recorded in the same unit of work.
#[uniffi::remote(Record)]
pub struct OutboxMessage {
    /// Identifier.
    pub id: OutboxId,
    /// The company.
    pub company: CompanyId,
    /// What to do.
    pub kind: OutboxKind,
    /// The contacts to reach.
    pub recipients: Vec<PartnerId>,
    /// The template to render.
    pub template: Option<String>,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// The ticket concerned.
    pub ticket: Option<TicketId>,
    /// When it was recorded.
    pub created_at: UtcDateTime,
}

// ---- automatic assignment ----

/// A period a user does not work: automatic assignment skips them (`createLeave`).
#[uniffi::remote(Record)]
pub struct Leave {
    /// Identifier.
    pub id: LeaveId,
    /// Who is away.
    pub user: UserId,
    /// First instant away.
    pub from: UtcDateTime,
    /// First instant back.
    pub to: UtcDateTime,
    /// Why (e.g. "Holidays").
    pub reason: String,
}

/// Input of `createLeave`.
#[uniffi::remote(Record)]
pub struct NewLeave {
    /// Who is away (an employee).
    pub user: UserId,
    /// First instant away.
    pub from: UtcDateTime,
    /// First instant back (after `from`, else `InvalidInput`).
    pub to: UtcDateTime,
    /// Why.
    #[uniffi(default)]
    pub reason: String,
}

// ---- SLA ----

/// The working time an SLA policy allows: `days` count as the team calendar's hours per day
/// (a team without a calendar: 24 h). Every part defaults to 0.
#[uniffi::remote(Record)]
pub struct Within {
    /// Working days.
    #[uniffi(default)]
    pub days: u32,
    /// Working hours.
    #[uniffi(default)]
    pub hours: u32,
    /// Working minutes.
    #[uniffi(default)]
    pub minutes: u32,
}

/// A service-level agreement of a team.
#[uniffi::remote(Record)]
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

/// Input of `updateSlaPolicy`: `null` leaves a field unchanged. Tickets keep their statuses
/// until they change.
#[uniffi::remote(Record)]
pub struct SlaPolicyUpdate {
    /// New name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// New description.
    #[uniffi(default)]
    pub description: Option<String>,
    /// New priority.
    #[uniffi(default)]
    pub priority: Option<Priority>,
    /// New tag list.
    #[uniffi(default)]
    pub tags: Option<Vec<TagId>>,
    /// New customer list.
    #[uniffi(default)]
    pub customers: Option<Vec<PartnerId>>,
    /// New type list.
    #[uniffi(default)]
    pub ticket_types: Option<Vec<TicketTypeId>>,
    /// New target stage.
    #[uniffi(default)]
    pub target_stage: Option<StageId>,
    /// New excluded stages.
    #[uniffi(default)]
    pub excluded_stages: Option<Vec<StageId>>,
    /// New working time allowed.
    #[uniffi(default)]
    pub within: Option<Within>,
    /// Archive (`false`) or restore (`true`).
    #[uniffi(default)]
    pub active: Option<bool>,
}

/// Where an SLA status stands now.
#[uniffi::remote(Enum)]
pub enum SlaState {
    /// Not reached, deadline unknown or ahead.
    Ongoing,
    /// Reached before the deadline.
    Reached,
    /// Reached at or after the deadline, or not reached and the deadline is past.
    Failed,
}

/// One SLA status of a ticket as it stands now (`ticketSlaStatuses`).
#[uniffi::remote(Record)]
pub struct SlaStatusView {
    /// The policy.
    pub policy: SlaPolicyId,
    /// Its name.
    pub policy_name: String,
    /// The stage to reach.
    pub target_stage: StageId,
    /// The deadline (`null` while the clock is stopped).
    pub deadline: Option<UtcDateTime>,
    /// When the target was reached.
    pub reached_at: Option<UtcDateTime>,
    /// Where it stands.
    pub state: SlaState,
    /// Signed working time between the deadline and reached-or-now, in whole seconds
    /// (positive = late; `null` while the deadline is unknown).
    pub exceeded_seconds: Option<i64>,
}

/// Input of `slaReport`: which statuses the report reads.
#[uniffi::remote(Record)]
pub struct SlaReportQuery {
    /// The company.
    pub company: CompanyId,
    /// Only this team's tickets (required for agents).
    #[uniffi(default)]
    pub team: Option<TeamId>,
    /// Only this policy's statuses.
    #[uniffi(default)]
    pub policy: Option<SlaPolicyId>,
    /// Tickets created at or after this instant.
    #[uniffi(default)]
    pub from: Option<UtcDateTime>,
    /// Tickets created before this instant.
    #[uniffi(default)]
    pub to: Option<UtcDateTime>,
}

/// The figures of a set of SLA statuses.
#[uniffi::remote(Record)]
pub struct SlaFigures {
    /// Tickets with at least one status.
    pub tickets: u64,
    /// Tickets with at least one failed status.
    pub failed: u64,
    /// `(tickets − failed) / tickets` in percent, two decimals (Kotlin `BigDecimal`, Swift
    /// `Decimal`); `null` without tickets (no figure is not 0 %).
    pub success_rate: Option<Decimal>,
    /// The average exceeded working time over the statuses with a known deadline, in whole
    /// seconds (rounded half away from zero).
    pub average_exceeded_seconds: Option<i64>,
    /// The largest exceeded working time, in whole seconds.
    pub worst_exceeded_seconds: Option<i64>,
}

/// The figures of one policy in a report.
#[uniffi::remote(Record)]
pub struct SlaPolicyFigures {
    /// The policy.
    pub policy: SlaPolicyId,
    /// Its name.
    pub name: String,
    /// Its figures.
    pub figures: SlaFigures,
}

/// The SLA report (`slaReport`).
#[uniffi::remote(Record)]
pub struct SlaReport {
    /// Over every status the query selects.
    pub total: SlaFigures,
    /// Per policy, by increasing id.
    pub by_policy: Vec<SlaPolicyFigures>,
}

// ---- commerce recorded by the host ----

/// A currency: an ISO 4217 code and the decimal places its amounts are rounded to (EUR and
/// USD 2, JPY 0, KWD 3; `defineCurrency` changes one).
#[uniffi::remote(Record)]
pub struct Currency {
    /// Three upper-case letters, e.g. `EUR`.
    pub code: String,
    /// Decimal places of its amounts.
    pub decimals: u32,
}

/// How a product's units are told apart.
#[uniffi::remote(Enum)]
pub enum Tracking {
    /// Not tracked.
    None,
    /// By lot number.
    Lot,
    /// By unique serial number.
    Serial,
}

/// Something sold: goods or a service (`createProduct`).
#[uniffi::remote(Record)]
pub struct Product {
    /// Identifier.
    pub id: ProductId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Lot or serial tracking.
    pub tracking: Tracking,
    /// Default sale price (tax as its taxes say).
    pub sale_price: Decimal,
    /// Default customer taxes.
    pub taxes: Vec<TaxId>,
    /// The unit it is sold in (`null`: units).
    pub unit: Option<UnitId>,
    /// For a service: how it is invoiced.
    pub service_policy: Option<ServicePolicy>,
}

/// A sales tax (`createTax`).
#[uniffi::remote(Record)]
pub struct Tax {
    /// Identifier.
    pub id: TaxId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `VAT 21%`.
    pub name: String,
    /// The rate in percent, e.g. `21`.
    pub percent: Decimal,
    /// Whether prices with this tax include it.
    pub price_included: bool,
}

/// Input of `createTax`.
#[uniffi::remote(Record)]
pub struct NewTax {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Rate in percent (0 to 100).
    pub percent: Decimal,
    /// Whether prices include it.
    #[uniffi(default)]
    pub price_included: bool,
}

/// What a journal records.
#[uniffi::remote(Enum)]
pub enum JournalKind {
    /// Customer invoices and their credit notes.
    Sale,
    /// Vendor bills.
    Purchase,
    /// Bank statements.
    Bank,
    /// Cash.
    Cash,
    /// Miscellaneous entries.
    General,
}

/// An accounting journal (`createJournal`).
#[uniffi::remote(Record)]
pub struct Journal {
    /// Identifier.
    pub id: JournalId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Short code, the prefix of its numbers (`INV` gives `INV/2026/00001`, its credit notes
    /// `RINV/2026/00001`).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

/// Input of `createJournal`.
#[uniffi::remote(Record)]
pub struct NewJournal {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Short code (1 to 5 letters or digits, unique in the company).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

/// Where a sales order stands.
#[uniffi::remote(Enum)]
pub enum SaleOrderState {
    /// A quotation.
    Draft,
    /// Confirmed by the customer.
    Confirmed,
    /// Locked: nothing more to deliver or invoice.
    Done,
    /// Cancelled.
    Cancelled,
}

/// A line of a sales order.
#[uniffi::remote(Record)]
pub struct SaleOrderLine {
    /// The product.
    pub product: ProductId,
    /// Ordered quantity.
    pub quantity: Decimal,
    /// Unit price.
    pub unit_price: Decimal,
    /// The unit of `quantity` (`null`: the product's).
    #[uniffi(default)]
    pub unit: Option<UnitId>,
}

/// A sales order (`createSaleOrder`).
#[uniffi::remote(Record)]
pub struct SaleOrder {
    /// Identifier.
    pub id: SaleOrderId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `S00001`.
    pub reference: String,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// Currency of its prices.
    pub currency: Currency,
    /// Where it stands.
    pub state: SaleOrderState,
    /// Lines.
    pub lines: Vec<SaleOrderLine>,
    /// When it was confirmed.
    pub confirmed_at: Option<UtcDateTime>,
    /// Who sold it (upsell alerts go to them).
    pub salesperson: Option<UserId>,
    /// The lines (indices from 0) whose upsell alert was raised (once per line).
    pub upsell_alerted: Vec<u32>,
}

/// Input of `createSaleOrder`: a draft order.
#[uniffi::remote(Record)]
pub struct NewSaleOrder {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// ISO 4217 code of its currency.
    pub currency: String,
    /// Lines (at least one; quantities positive, prices not negative).
    pub lines: Vec<SaleOrderLine>,
    /// Who sold it (an employee of the company; upsell alerts go to them).
    #[uniffi(default)]
    pub salesperson: Option<UserId>,
}

/// Invoice or credit note.
#[uniffi::remote(Enum)]
pub enum InvoiceKind {
    /// A customer invoice.
    Invoice,
    /// A customer credit note (a refund).
    CreditNote,
}

/// Where an invoice stands.
#[uniffi::remote(Enum)]
pub enum InvoiceState {
    /// Editable, not in the books.
    Draft,
    /// In the books.
    Posted,
    /// Cancelled.
    Cancelled,
}

/// Whether an invoice is paid.
#[uniffi::remote(Enum)]
pub enum PaymentState {
    /// Nothing paid.
    NotPaid,
    /// Partly paid.
    Partial,
    /// Fully paid.
    Paid,
    /// Settled by a credit note.
    Reversed,
}

/// A line of an invoice or credit note, with its amounts rounded per the currency (taxes per
/// line).
#[uniffi::remote(Record)]
pub struct InvoiceLine {
    /// The product, if any.
    pub product: Option<ProductId>,
    /// Description.
    pub label: String,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Unit price (as the taxes say: tax included or not).
    pub unit_price: Decimal,
    /// Taxes.
    pub taxes: Vec<TaxId>,
    /// Amount without taxes.
    pub subtotal: Decimal,
    /// Tax amount.
    pub tax: Decimal,
    /// `subtotal + tax`.
    pub total: Decimal,
    /// On a credit note: the index (from 0) of the invoice line it reverses.
    pub reverses: Option<LineIndex>,
    /// The index (from 0) of the line of the invoice's sales order it bills.
    pub sale_line: Option<u32>,
}

/// A customer invoice or credit note.
#[uniffi::remote(Record)]
pub struct Invoice {
    /// Identifier.
    pub id: InvoiceId,
    /// The company.
    pub company: CompanyId,
    /// Invoice or credit note.
    pub kind: InvoiceKind,
    /// Its number, given when posted (`INV/2026/00001`).
    pub number: Option<String>,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// The journal.
    pub journal: JournalId,
    /// Currency of its amounts.
    pub currency: Currency,
    /// Accounting date (Kotlin `java.time.LocalDate`, Swift ISO `String`).
    pub date: LocalDate,
    /// Where it stands.
    pub state: InvoiceState,
    /// Whether it is paid.
    pub payment_state: PaymentState,
    /// The sales order it invoices.
    pub sale_order: Option<SaleOrderId>,
    /// Reference, e.g. `Reversal of: INV/2026/00001, Helpdesk Ticket #42`.
    pub reference: String,
    /// On a credit note: the invoice it reverses.
    pub reversed_invoice: Option<InvoiceId>,
    /// The ticket it was made from.
    pub ticket: Option<TicketId>,
    /// A draft credit note with a future reversal date posts on this date.
    pub scheduled_post: Option<LocalDate>,
    /// Lines.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines' subtotals.
    pub untaxed: Decimal,
    /// Sum of the lines' taxes.
    pub tax: Decimal,
    /// Sum of the lines' totals.
    pub total: Decimal,
}

/// A line of `NewInvoice`: `null` takes the product's value.
#[uniffi::remote(Record)]
pub struct NewInvoiceLine {
    /// The product (its name, price and taxes are the defaults).
    #[uniffi(default)]
    pub product: Option<ProductId>,
    /// Description (default the product's name).
    #[uniffi(default)]
    pub label: Option<String>,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Unit price (default the product's sale price).
    #[uniffi(default)]
    pub unit_price: Option<Decimal>,
    /// Taxes (default the product's).
    #[uniffi(default)]
    pub taxes: Option<Vec<TaxId>>,
}

/// Input of `createInvoice`: a draft customer invoice.
#[uniffi::remote(Record)]
pub struct NewInvoice {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// A sale journal of the company.
    pub journal: JournalId,
    /// ISO 4217 code of its currency.
    pub currency: String,
    /// Accounting date (`null` = today).
    #[uniffi(default)]
    pub date: Option<LocalDate>,
    /// The sales order it invoices (of the same customer).
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
    /// Lines (at least one).
    pub lines: Vec<NewInvoiceLine>,
}

// ---- refunds by credit note ----

/// Narrows `refundableInvoices`.
#[uniffi::remote(Record)]
pub struct RefundFilter {
    /// Only invoices of this sales order.
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
    /// Only invoices with a line of this product.
    #[uniffi(default)]
    pub product: Option<ProductId>,
}

/// An invoice that may be refunded, with what is left of it.
#[uniffi::remote(Record)]
pub struct RefundableInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// Its total not yet taken by credit notes (drafts included).
    pub remaining: Decimal,
}

/// The refund wizard's defaults for a ticket (`refundDefaults`).
#[uniffi::remote(Record)]
pub struct RefundDefaults {
    /// The customer's latest confirmed order with posted invoices.
    pub sale_order: Option<SaleOrderId>,
    /// `Helpdesk Ticket #<ref>`.
    pub reason: String,
    /// Today.
    pub reversal_date: LocalDate,
}

/// Input of `reverseInvoice` and `reverseAndReinvoice`: `null` takes the default.
#[uniffi::remote(Record)]
pub struct Reversal {
    /// The posted invoice to refund.
    pub invoice: InvoiceId,
    /// Why (default `Helpdesk Ticket #<ref>`).
    #[uniffi(default)]
    pub reason: Option<String>,
    /// A sale journal of the company (default the invoice's).
    #[uniffi(default)]
    pub journal: Option<JournalId>,
    /// The credit note's date (default today; a later date schedules the posting).
    #[uniffi(default)]
    pub reversal_date: Option<LocalDate>,
}

/// What `reverseAndReinvoice` made.
#[uniffi::remote(Record)]
pub struct Reinvoice {
    /// The credit note: posted, or a draft scheduled for its date.
    pub credit_note: Invoice,
    /// The draft copy of the invoice, to correct and send again.
    pub invoice: Invoice,
}

/// Input of `updateCreditNoteLine`: `null` keeps a value.
#[uniffi::remote(Record)]
pub struct CreditLineUpdate {
    /// New quantity (at most what is left to refund on the invoice line).
    #[uniffi(default)]
    pub quantity: Option<Decimal>,
    /// New unit price (at most the invoice line's).
    #[uniffi(default)]
    pub unit_price: Option<Decimal>,
}

// ---- coupons ----

/// What a reward gives.
#[uniffi::remote(Enum)]
pub enum RewardKind {
    /// A percentage off (`discountPercent`).
    Discount,
    /// A fixed amount off (`fixedAmount`).
    FixedAmount,
    /// A product for free (`freeProduct`).
    FreeProduct,
}

/// What a discount applies to.
#[uniffi::remote(Enum)]
pub enum RewardScope {
    /// The whole order.
    Order,
    /// The cheapest line (one unit of it).
    CheapestLine,
    /// The lines of `products`.
    Products,
}

/// A program's reward (as stored; `NewReward` is its input, with defaults).
#[uniffi::remote(Record)]
pub struct Reward {
    /// What it gives.
    pub kind: RewardKind,
    /// Percent off, for a discount (0 < p ≤ 100).
    pub discount_percent: Decimal,
    /// Amount off, for a fixed amount (in the program's currency).
    pub fixed_amount: Decimal,
    /// The free product, for a free product.
    pub free_product: Option<ProductId>,
    /// What a discount applies to.
    pub scope: RewardScope,
    /// The products a `PRODUCTS` scope discounts.
    pub products: Vec<ProductId>,
    /// The most a discount may take off.
    pub max_discount: Option<Decimal>,
}

/// When an order qualifies; every set condition must hold.
#[uniffi::remote(Record)]
pub struct RewardConditions {
    /// Minimum quantity of (qualifying) products.
    #[uniffi(default)]
    pub minimum_quantity: Option<Decimal>,
    /// Minimum order total.
    #[uniffi(default)]
    pub minimum_amount: Option<Decimal>,
    /// Empty, or the order must hold one of these products.
    #[uniffi(default)]
    pub products: Vec<ProductId>,
}

/// A coupon program (`createCouponProgram`).
#[uniffi::remote(Record)]
pub struct CouponProgram {
    /// Identifier.
    pub id: CouponProgramId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Currency of its amounts.
    pub currency: Currency,
    /// The reward.
    pub reward: Reward,
    /// The conditions.
    pub conditions: RewardConditions,
    /// First valid day.
    pub valid_from: Option<LocalDate>,
    /// Last valid day.
    pub valid_until: Option<LocalDate>,
    /// Redemptions allowed over the whole program.
    pub usage_limit: Option<u32>,
    /// Redemptions so far.
    pub used: u32,
    /// Points a redemption takes from a coupon.
    pub points_per_use: u32,
    /// Archived programs redeem nothing.
    pub active: bool,
}

/// A coupon (`generateCoupon`).
#[uniffi::remote(Record)]
pub struct Coupon {
    /// Identifier.
    pub id: CouponId,
    /// The company.
    pub company: CompanyId,
    /// The program.
    pub program: CouponProgramId,
    /// The code, canonical (`XXXX-XXXX-XXXX-XXXX-C`).
    pub code: String,
    /// Reserved for this customer.
    pub partner: Option<PartnerId>,
    /// Points left.
    pub points: u32,
    /// Last valid day (`null`: never expires).
    pub valid_until: Option<LocalDate>,
    /// The ticket it was generated from.
    pub ticket: Option<TicketId>,
    /// When it was generated.
    pub created_at: UtcDateTime,
}

/// Input of `generateCoupon`: `null` takes the default.
#[uniffi::remote(Record)]
pub struct NewCoupon {
    /// The program.
    pub program: CouponProgramId,
    /// Points (default 1).
    #[uniffi(default)]
    pub points: Option<u32>,
    /// Last valid day (default: never expires).
    #[uniffi(default)]
    pub valid_until: Option<LocalDate>,
}

/// Input of `redeemCoupon`.
#[uniffi::remote(Record)]
pub struct Redemption {
    /// The company.
    pub company: CompanyId,
    /// The code as the customer typed it.
    pub code: String,
    /// Who redeems (a portal user: always themselves).
    #[uniffi(default)]
    pub partner: Option<PartnerId>,
    /// The order the reward applies to (its conditions are checked).
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
}

/// What a redemption gave (`redeemCoupon`).
#[uniffi::remote(Record)]
pub struct Redeemed {
    /// The coupon, with its points taken.
    pub coupon: Coupon,
    /// The amount off the order (zero without an order or for a free product).
    pub discount: Decimal,
    /// The free product, for such a reward.
    pub free_product: Option<ProductId>,
}

// ---- support hours ----

/// A kind of quantity whose units convert into one another (`createUnitCategory`).
#[uniffi::remote(Record)]
pub struct UnitCategory {
    /// Identifier.
    pub id: UnitCategoryId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `Working Time`.
    pub name: String,
    /// The company's working-time category (Hours and Days).
    pub working_time: bool,
}

/// A unit of measure (`createUnit`, `listUnits`). The core's `Unit`: Kotlin and Swift call it
/// `UnitOfMeasure` (Kotlin's `Unit` is the empty type, Foundation's `Unit` a physical unit).
#[uniffi::remote(Record)]
#[uniffi(name = "UnitOfMeasure")]
pub struct Unit {
    /// Identifier.
    pub id: UnitId,
    /// The company.
    pub company: CompanyId,
    /// Its category: only units of one category convert.
    pub category: UnitCategoryId,
    /// Display name, e.g. `Hours`.
    pub name: String,
    /// How many of the category's reference unit one of this unit is (Hours 1, Days 8).
    pub ratio: Decimal,
    /// Quantities in this unit are rounded half up to a multiple of this (default 0.01).
    pub rounding: Decimal,
}

/// Input of `createUnit`.
#[uniffi::remote(Record)]
pub struct NewUnit {
    /// The company.
    pub company: CompanyId,
    /// Its category.
    pub category: UnitCategoryId,
    /// Display name (required).
    pub name: String,
    /// How many of the category's reference unit one of it is (positive).
    pub ratio: Decimal,
    /// Rounding (`null` = the core's default, 0.01).
    #[uniffi(default)]
    pub rounding: Option<Decimal>,
}

/// How a service product is invoiced.
#[uniffi::remote(Enum)]
pub enum ServicePolicy {
    /// Invoice the ordered quantity; time logged is tracked against it.
    Prepaid,
    /// Post-paid: invoice the time delivered.
    Timesheets,
    /// Delivered quantity entered by hand.
    Manual,
    /// Invoiced at milestones.
    Milestones,
}

/// A line of a sales order: the order and the line's index in it.
#[uniffi::remote(Record)]
pub struct OrderLineRef {
    /// The order.
    pub order: SaleOrderId,
    /// The line's index (from 0).
    pub line: u32,
}

/// Time logged on a ticket (`logTime`).
#[uniffi::remote(Record)]
pub struct TimeEntry {
    /// Identifier.
    pub id: TimeEntryId,
    /// The company.
    pub company: CompanyId,
    /// The ticket.
    pub ticket: TicketId,
    /// Who worked.
    pub agent: UserId,
    /// The day worked.
    pub date: LocalDate,
    /// How long, in `unit`.
    pub quantity: Decimal,
    /// A working-time unit.
    pub unit: UnitId,
    /// What was done.
    pub description: String,
    /// The order line it charges (the ticket's when logged).
    pub sale_line: Option<OrderLineRef>,
    /// The invoice that billed it (post-paid); billable again when that invoice is cancelled
    /// or fully refunded.
    pub invoice: Option<InvoiceId>,
}

/// Input of `setSupportHours`: `null` keeps a value.
#[uniffi::remote(Record)]
pub struct SupportHoursUpdate {
    /// Hours in a working day (the Days unit; default 8).
    #[uniffi(default)]
    pub hours_per_day: Option<Decimal>,
    /// Upsell alert threshold in percent of the ordered quantity (default 100).
    #[uniffi(default)]
    pub upsell_threshold: Option<Decimal>,
}

/// Input of `logTime`: `null` takes the default.
#[uniffi::remote(Record)]
pub struct NewTimeEntry {
    /// How long (positive).
    pub quantity: Decimal,
    /// A working-time unit (default Hours).
    #[uniffi(default)]
    pub unit: Option<UnitId>,
    /// What was done.
    #[uniffi(default)]
    pub description: String,
    /// The day (default today).
    #[uniffi(default)]
    pub date: Option<LocalDate>,
    /// Who worked (default the acting user).
    #[uniffi(default)]
    pub agent: Option<UserId>,
}

/// Input of `updateTimeEntry`: `null` keeps a value.
#[uniffi::remote(Record)]
pub struct TimeEntryUpdate {
    /// New duration (positive).
    #[uniffi(default)]
    pub quantity: Option<Decimal>,
    /// New unit.
    #[uniffi(default)]
    pub unit: Option<UnitId>,
    /// New description.
    #[uniffi(default)]
    pub description: Option<String>,
    /// New day.
    #[uniffi(default)]
    pub date: Option<LocalDate>,
}

/// A ticket's time and its contract (`ticketHours`).
#[uniffi::remote(Record)]
pub struct TicketHours {
    /// Hours logged on the ticket.
    pub logged_hours: Decimal,
    /// The order line its time is charged to.
    pub sale_line: Option<OrderLineRef>,
    /// Hours left on that line when it is prepaid (may be negative).
    pub remaining_hours: Option<Decimal>,
}

/// A service line of a customer's order with its balance (`customerContracts`).
#[uniffi::remote(Record)]
pub struct ContractLine {
    /// The line.
    pub line: OrderLineRef,
    /// The order's number.
    pub order_reference: String,
    /// The order's state.
    pub order_state: SaleOrderState,
    /// The service.
    pub product: ProductId,
    /// How it is invoiced.
    pub policy: ServicePolicy,
    /// The unit of the quantities below.
    pub unit: UnitId,
    /// Ordered.
    pub ordered: Decimal,
    /// Delivered: the time logged on it, in its unit.
    pub delivered: Decimal,
    /// `ordered − delivered`; negative when overspent.
    pub remaining: Decimal,
    /// `remaining` in hours.
    pub remaining_hours: Decimal,
    /// Invoiced (by invoices neither cancelled nor fully refunded).
    pub invoiced: Decimal,
    /// What invoicing would bill now.
    pub invoiceable: Decimal,
    /// Delivered more than ordered.
    pub upselling: bool,
}

// ---- stock and returns ----

/// What a stock location is.
#[uniffi::remote(Enum)]
pub enum LocationKind {
    /// Where customers' goods are (deliveries end there, returns start there).
    Customer,
    /// A warehouse's own stock (or its returns area).
    Internal,
}

/// A place goods are in (`createLocation`).
#[uniffi::remote(Record)]
pub struct Location {
    /// Identifier.
    pub id: LocationId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `WH/Stock`.
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

/// Input of `createLocation`.
#[uniffi::remote(Record)]
pub struct NewLocation {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

/// Which way a transfer goes.
#[uniffi::remote(Enum)]
pub enum TransferKind {
    /// Goods to a customer.
    Delivery,
    /// Goods back from a customer.
    Return,
}

/// Where a transfer stands.
#[uniffi::remote(Enum)]
pub enum TransferState {
    /// Being prepared.
    Draft,
    /// Ready to move.
    Ready,
    /// Moved.
    Done,
    /// Cancelled.
    Cancelled,
}

/// A line of a transfer (also the lines of `NewDelivery`).
#[uniffi::remote(Record)]
pub struct TransferLine {
    /// The product.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Lot or serial number.
    #[uniffi(default)]
    pub lot: Option<String>,
    /// On a return: the index of the delivery line it returns.
    #[uniffi(default)]
    pub returns_line: Option<u32>,
}

/// A move of goods between locations: a delivery or a return.
#[uniffi::remote(Record)]
pub struct Transfer {
    /// Identifier.
    pub id: TransferId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `WH/OUT/00001` or `WH/IN/00001`.
    pub reference: String,
    /// Which way it goes.
    pub kind: TransferKind,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// The sales order it fulfils.
    pub sale_order: Option<SaleOrderId>,
    /// From.
    pub source: LocationId,
    /// To.
    pub destination: LocationId,
    /// Where it stands.
    pub state: TransferState,
    /// Lines.
    pub lines: Vec<TransferLine>,
    /// On a return: the delivery it returns.
    pub origin: Option<TransferId>,
    /// The ticket it was made from.
    pub ticket: Option<TicketId>,
    /// When it was done.
    pub done_at: Option<UtcDateTime>,
}

/// Input of `createDelivery`: a delivery as the ERP has it.
#[uniffi::remote(Record)]
pub struct NewDelivery {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// The sales order it fulfils.
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
    /// From (an internal location).
    pub source: LocationId,
    /// To (a customer location).
    pub destination: LocationId,
    /// Lines (at least one).
    pub lines: Vec<TransferLine>,
}

/// Narrows `returnableDeliveries`.
#[uniffi::remote(Record)]
pub struct ReturnFilter {
    /// Only deliveries of this sales order.
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
    /// Only deliveries with this product.
    #[uniffi(default)]
    pub product: Option<ProductId>,
}

/// A delivery line and what may come back of it.
#[uniffi::remote(Record)]
pub struct ReturnableLine {
    /// The line's index in the delivery.
    pub line: u32,
    /// The product.
    pub product: ProductId,
    /// Its lot or serial number.
    pub lot: Option<String>,
    /// Delivered.
    pub delivered: Decimal,
    /// Already returned (returns not cancelled).
    pub returned: Decimal,
    /// `delivered − returned`: the default quantity to return.
    pub returnable: Decimal,
}

/// A done delivery with something left to return (`returnableDeliveries`).
#[uniffi::remote(Record)]
pub struct ReturnableDelivery {
    /// The delivery.
    pub delivery: Transfer,
    /// Its lines.
    pub lines: Vec<ReturnableLine>,
}

/// A quantity to return of one delivery line.
#[uniffi::remote(Record)]
pub struct ReturnQuantity {
    /// The delivery line's index.
    pub line: u32,
    /// How many (0 leaves the line out).
    pub quantity: Decimal,
}

/// Input of `returnProducts` and `returnForExchange`.
#[uniffi::remote(Record)]
pub struct ReturnRequest {
    /// The done delivery.
    pub delivery: TransferId,
    /// Quantities per line (`null` = everything returnable).
    #[uniffi(default)]
    pub lines: Option<Vec<ReturnQuantity>>,
    /// Where the goods go (an internal location; `null` = the delivery's source).
    #[uniffi(default)]
    pub location: Option<LocationId>,
}

/// What `returnForExchange` made.
#[uniffi::remote(Record)]
pub struct Exchange {
    /// The incoming return.
    pub return_transfer: Transfer,
    /// The outgoing delivery of the replacements.
    pub delivery: Transfer,
}

// ---- repairs ----

/// Where a repair stands.
#[uniffi::remote(Enum)]
pub enum RepairState {
    /// Just created.
    New,
    /// Confirmed.
    Confirmed,
    /// Being repaired.
    UnderRepair,
    /// Repaired.
    Repaired,
    /// Cancelled.
    Cancelled,
}

/// A part used in a repair.
#[uniffi::remote(Record)]
pub struct RepairPart {
    /// The part.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Sale price (zero under warranty).
    pub unit_price: Decimal,
}

/// A repair order made from a ticket (`createRepair`).
#[uniffi::remote(Record)]
pub struct Repair {
    /// Identifier.
    pub id: RepairId,
    /// The company.
    pub company: CompanyId,
    /// Its number, e.g. `RO/00001`.
    pub reference: String,
    /// The ticket it was made from.
    pub ticket: TicketId,
    /// The customer.
    pub customer: Option<PartnerId>,
    /// The product to repair.
    pub product: ProductId,
    /// Its lot or serial number (tracked products).
    pub lot: Option<String>,
    /// The return it came back with.
    pub return_transfer: Option<TransferId>,
    /// The sales order it was sold with.
    pub sale_order: Option<SaleOrderId>,
    /// When it is planned.
    pub scheduled_date: LocalDate,
    /// Who manages it.
    pub responsible: Option<UserId>,
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
    pub quotation: Option<SaleOrderId>,
}

/// Input of `createRepair`: `null` takes the ticket's value.
#[uniffi::remote(Record)]
pub struct NewRepair {
    /// The customer (default the ticket's).
    #[uniffi(default)]
    pub customer: Option<PartnerId>,
    /// The product to repair (default the ticket's; required).
    #[uniffi(default)]
    pub product: Option<ProductId>,
    /// Its lot or serial number (default the ticket's).
    #[uniffi(default)]
    pub lot: Option<String>,
    /// The return it came back with (default the ticket's latest return).
    #[uniffi(default)]
    pub return_transfer: Option<TransferId>,
    /// The sales order (default the ticket's charged order, or the return's).
    #[uniffi(default)]
    pub sale_order: Option<SaleOrderId>,
    /// When (default today).
    #[uniffi(default)]
    pub scheduled_date: Option<LocalDate>,
    /// Who manages it.
    #[uniffi(default)]
    pub responsible: Option<UserId>,
    /// Tags.
    #[uniffi(default)]
    pub tags: Vec<String>,
    /// Every part free of charge.
    #[uniffi(default)]
    pub under_warranty: bool,
    /// Internal notes.
    #[uniffi(default)]
    pub notes: String,
}

/// Input of `updateRepair`: `null` keeps a value.
#[uniffi::remote(Record)]
pub struct RepairUpdate {
    /// Under warranty: every part's price becomes zero; off again, each part takes its
    /// product's price back.
    #[uniffi(default)]
    pub under_warranty: Option<bool>,
    /// New date.
    #[uniffi(default)]
    pub scheduled_date: Option<LocalDate>,
    /// New responsible.
    #[uniffi(default)]
    pub responsible: Option<UserId>,
    /// New tags.
    #[uniffi(default)]
    pub tags: Option<Vec<String>>,
    /// New notes.
    #[uniffi(default)]
    pub notes: Option<String>,
}

/// Input of `addRepairPart`.
#[uniffi::remote(Record)]
pub struct NewRepairPart {
    /// The part.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Sale price (`null` = the product's; zero under warranty).
    #[uniffi(default)]
    pub unit_price: Option<Decimal>,
}

// ---- field service ----

/// A field-service project (`createFieldServiceProject`).
#[uniffi::remote(Record)]
pub struct FieldServiceProject {
    /// Identifier.
    pub id: FieldServiceProjectId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Whether its tasks carry worksheets.
    pub worksheets: bool,
    /// The worksheet template its tasks get by default.
    pub default_worksheet_template: Option<String>,
}

/// Input of `createFieldServiceProject`.
#[uniffi::remote(Record)]
pub struct NewFieldServiceProject {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Whether tasks carry worksheets.
    #[uniffi(default)]
    pub worksheets: bool,
    /// The default worksheet template (projects with worksheets only).
    #[uniffi(default)]
    pub default_worksheet_template: Option<String>,
}

/// Where a field-service task stands.
#[uniffi::remote(Enum)]
pub enum TaskStage {
    /// Not planned yet.
    New,
    /// Planned.
    Planned,
    /// On site.
    InProgress,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

/// An on-site intervention planned from a ticket (`createFieldServiceTask`).
#[uniffi::remote(Record)]
pub struct FieldServiceTask {
    /// Identifier.
    pub id: FieldServiceTaskId,
    /// The company.
    pub company: CompanyId,
    /// The project.
    pub project: FieldServiceProjectId,
    /// The ticket it was planned from.
    pub ticket: TicketId,
    /// Title.
    pub title: String,
    /// The customer.
    pub customer: Option<PartnerId>,
    /// Where to go (the customer's address when planned).
    pub address: Option<String>,
    /// The worksheet template (projects with worksheets only).
    pub worksheet_template: Option<String>,
    /// Where it stands.
    pub stage: TaskStage,
}

/// Input of `createFieldServiceTask`: `null` takes the default.
#[uniffi::remote(Record)]
pub struct NewFieldServiceTask {
    /// Title (default the ticket's subject).
    #[uniffi(default)]
    pub title: Option<String>,
    /// Project (default the team's field-service project).
    #[uniffi(default)]
    pub project: Option<FieldServiceProjectId>,
    /// Worksheet template (default the project's; only with worksheets).
    #[uniffi(default)]
    pub worksheet_template: Option<String>,
}
