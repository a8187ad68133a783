//! The façade: `Helpdesk` (Kotlin `Helpdesk`, Swift `Helpdesk`), one method per core
//! operation (lowerCamelCase in Kotlin and Swift), and the `ManualClock` a host or a test
//! drives time with.
//!
//! Every method is one core call plus the conversion of its inputs and error. Store work is
//! synchronous: on Android call it off the main thread (e.g. `withContext(Dispatchers.IO)`).
//! A `Helpdesk` is safe to share between threads.

use crate::inputs::{
    NewCouponProgram, NewProduct, NewSlaPolicy, NewTeam, NewTicket, NewUser, TicketQuery,
};
use crate::types::{SignedDuration, UtcDateTime};
use crate::HelpdeskError;
use helpdesk::TicketFilter;
use helpdesk::{
    Actor, Calendar, CalendarId, CalendarUpdate, Clock, Company, CompanyId, ContractLine, Coupon,
    CouponId, CouponProgram, CouponProgramId, CreditLineUpdate, Currency, Decimal, Exchange,
    FieldServiceProject, FieldServiceTask, FieldServiceTaskId, Invoice, InvoiceId, Journal,
    JournalId, Leave, LeaveId, Location, Message, NewCalendar, NewCompany, NewCoupon, NewDelivery,
    NewFieldServiceProject, NewFieldServiceTask, NewInvoice, NewJournal, NewLeave, NewLocation,
    NewPartner, NewRepair, NewRepairPart, NewSaleOrder, NewStage, NewTax, NewTimeEntry, NewUnit,
    OrderLineRef, OutboxId, OutboxMessage, Partner, PartnerId, PartnerUpdate, PaymentState,
    Product, Redeemed, Redemption, RefundDefaults, RefundFilter, RefundableInvoice, Reinvoice,
    Repair, RepairId, RepairUpdate, ReturnFilter, ReturnRequest, ReturnableDelivery, Reversal,
    SaleOrder, SaleOrderId, SlaPolicy, SlaPolicyId, SlaPolicyUpdate, SlaReport, SlaReportQuery,
    SlaStatusView, Stage, StageChange, StageId, StageUpdate, Submission, SupportHoursUpdate, Tag,
    TaskStage, Tax, Team, TeamId, TeamSettings, TeamUpdate, Ticket, TicketHours, TicketId,
    TicketPage, TicketType, TicketTypeId, TicketUpdate, TimeEntry, TimeEntryId, TimeEntryUpdate,
    Transfer, TransferId, Unit, UnitCategory, UnitId, User, UserId, UserUpdate,
};
use std::sync::Arc;
use std::time::Duration;

type Result<T, E = HelpdeskError> = std::result::Result<T, E>;

/// The names of every operation of `Helpdesk`, in snake_case, as the core lists them
/// (`helpdesk::OPERATIONS`): the source of truth of the parity test.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    helpdesk::OPERATIONS
        .iter()
        .map(|name| name.to_string())
        .collect()
}

/// The core's default team settings (what `NewTeam(settings = null)` gets), to copy and change.
#[uniffi::export]
pub fn default_team_settings() -> TeamSettings {
    TeamSettings::default()
}

/// A clock that only moves when told to; clones share the same time. Pass it to
/// `Helpdesk.inMemory(clock)` / `Helpdesk.open(path, clock)` to make a desk deterministic.
#[derive(Debug, uniffi::Object)]
pub struct ManualClock {
    clock: helpdesk::ManualClock,
}

#[uniffi::export]
impl ManualClock {
    /// A clock stopped at `start`. Fallible only because an instant outside the years 1 to
    /// 9999 is refused (`InvalidInput`) when lifted.
    #[uniffi::constructor]
    pub fn new(start: UtcDateTime) -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            clock: helpdesk::ManualClock::new(start),
        }))
    }

    /// The current instant of the clock.
    pub fn now(&self) -> UtcDateTime {
        self.clock.now()
    }

    /// Moves the clock to `instant` (forwards or backwards). Fallible only because an instant
    /// outside the years 1 to 9999 is refused (`InvalidInput`) when lifted.
    pub fn set(&self, instant: UtcDateTime) -> Result<()> {
        self.clock.set(instant);
        Ok(())
    }

    /// Moves the clock forwards by `by`, exactly (to the nanosecond: a clock is not working
    /// time, which counts whole seconds). A move beyond the representable instants is
    /// `InvalidInput` and the clock does not move.
    pub fn advance(&self, by: Duration) -> Result<()> {
        let by = chrono::Duration::from_std(by).map_err(|_| {
            helpdesk::Error::invalid("by", "moves the clock beyond the representable instants")
        })?;
        Ok(self.clock.advance(by)?)
    }
}

/// The helpdesk: the one object a host talks to. Safe to use from many threads at once.
#[derive(Debug, uniffi::Object)]
pub struct Helpdesk {
    desk: helpdesk::Helpdesk,
}

impl Helpdesk {
    fn wrap(desk: helpdesk::Helpdesk, clock: Option<Arc<ManualClock>>) -> Arc<Self> {
        let desk = match clock {
            Some(clock) => desk.with_clock(Arc::new(clock.clock.clone())),
            None => desk,
        };
        Arc::new(Self { desk })
    }
}

#[uniffi::export]
impl Helpdesk {
    /// A desk over a fresh in-memory store, reading time from `clock` (`null` = system clock).
    #[uniffi::constructor(default(clock = None))]
    pub fn in_memory(clock: Option<Arc<ManualClock>>) -> Arc<Self> {
        Self::wrap(helpdesk::Helpdesk::in_memory(), clock)
    }

    /// A desk over the SQLite file at `path` (created if missing, migrated on open), reading
    /// time from `clock` (`null` = system clock).
    #[uniffi::constructor(default(clock = None))]
    pub fn open(path: String, clock: Option<Arc<ManualClock>>) -> Result<Arc<Self>> {
        Ok(Self::wrap(helpdesk::Helpdesk::open(path)?, clock))
    }

    /// A canonical dump of everything stored: equal dumps mean equal stores.
    pub fn snapshot(&self) -> Result<String> {
        Ok(self.desk.snapshot()?)
    }

    // ---- directory ----

    /// Creates a company (system only).
    pub fn create_company(&self, actor: Actor, input: NewCompany) -> Result<Company> {
        Ok(self.desk.create_company(actor, input)?)
    }

    /// Renames a company.
    pub fn update_company(
        &self,
        actor: Actor,
        company: CompanyId,
        name: String,
    ) -> Result<Company> {
        Ok(self.desk.update_company(actor, company, name)?)
    }

    /// A company the actor may see.
    pub fn get_company(&self, actor: Actor, company: CompanyId) -> Result<Company> {
        Ok(self.desk.get_company(actor, company)?)
    }

    /// The companies the actor works for; for the system actor, every company the host created.
    pub fn list_companies(&self, actor: Actor) -> Result<Vec<Company>> {
        Ok(self.desk.list_companies(actor)?)
    }

    /// Creates a contact (agents, managers, the system).
    pub fn create_partner(&self, actor: Actor, input: NewPartner) -> Result<Partner> {
        Ok(self.desk.create_partner(actor, input)?)
    }

    /// Changes a contact's name, e-mail or phone.
    pub fn update_partner(
        &self,
        actor: Actor,
        partner: PartnerId,
        update: PartnerUpdate,
    ) -> Result<Partner> {
        Ok(self.desk.update_partner(actor, partner, update)?)
    }

    /// A contact the actor may see.
    pub fn get_partner(&self, actor: Actor, partner: PartnerId) -> Result<Partner> {
        Ok(self.desk.get_partner(actor, partner)?)
    }

    /// Creates a user.
    pub fn create_user(&self, actor: Actor, input: NewUser) -> Result<User> {
        Ok(self.desk.create_user(actor, input.into())?)
    }

    /// Changes a user's name, role, companies or archives it.
    pub fn update_user(&self, actor: Actor, user: UserId, update: UserUpdate) -> Result<User> {
        Ok(self.desk.update_user(actor, user, update)?)
    }

    /// A user the actor may see.
    pub fn get_user(&self, actor: Actor, user: UserId) -> Result<User> {
        Ok(self.desk.get_user(actor, user)?)
    }

    // ---- teams and their configuration ----

    /// Creates a team (managers), with its default stages.
    pub fn create_team(&self, actor: Actor, input: NewTeam) -> Result<Team> {
        Ok(self.desk.create_team(actor, input.into())?)
    }

    /// Changes a team (managers).
    pub fn update_team(&self, actor: Actor, team: TeamId, update: TeamUpdate) -> Result<Team> {
        Ok(self.desk.update_team(actor, team, update)?)
    }

    /// Replaces a team's members (managers).
    pub fn set_team_members(
        &self,
        actor: Actor,
        team: TeamId,
        members: Vec<UserId>,
    ) -> Result<Team> {
        Ok(self.desk.set_team_members(actor, team, members)?)
    }

    /// A team the actor may see.
    pub fn get_team(&self, actor: Actor, team: TeamId) -> Result<Team> {
        Ok(self.desk.get_team(actor, team)?)
    }

    /// The teams the actor may see.
    pub fn list_teams(&self, actor: Actor) -> Result<Vec<Team>> {
        Ok(self.desk.list_teams(actor)?)
    }

    /// Makes `partner` follow `team`.
    pub fn follow_team(&self, actor: Actor, team: TeamId, partner: PartnerId) -> Result<()> {
        Ok(self.desk.follow_team(actor, team, partner)?)
    }

    /// Stops `partner` following `team`.
    pub fn unfollow_team(&self, actor: Actor, team: TeamId, partner: PartnerId) -> Result<()> {
        Ok(self.desk.unfollow_team(actor, team, partner)?)
    }

    /// The contacts following `team`.
    pub fn team_followers(&self, actor: Actor, team: TeamId) -> Result<Vec<PartnerId>> {
        Ok(self.desk.team_followers(actor, team)?)
    }

    /// Creates a stage (managers).
    pub fn create_stage(&self, actor: Actor, input: NewStage) -> Result<Stage> {
        Ok(self.desk.create_stage(actor, input)?)
    }

    /// Changes a stage (managers).
    pub fn update_stage(&self, actor: Actor, stage: StageId, update: StageUpdate) -> Result<Stage> {
        Ok(self.desk.update_stage(actor, stage, update)?)
    }

    /// The stages of `team`, in pipeline order.
    pub fn list_stages(&self, actor: Actor, team: TeamId) -> Result<Vec<Stage>> {
        Ok(self.desk.list_stages(actor, team)?)
    }

    /// Creates a tag (agents of the company).
    pub fn create_tag(&self, actor: Actor, company: CompanyId, name: String) -> Result<Tag> {
        Ok(self.desk.create_tag(actor, company, name)?)
    }

    /// The tags of `company` the actor may see.
    pub fn list_tags(&self, actor: Actor, company: CompanyId) -> Result<Vec<Tag>> {
        Ok(self.desk.list_tags(actor, company)?)
    }

    /// Creates a ticket type (managers).
    pub fn create_ticket_type(
        &self,
        actor: Actor,
        company: CompanyId,
        name: String,
    ) -> Result<TicketType> {
        Ok(self.desk.create_ticket_type(actor, company, name)?)
    }

    /// The ticket types of `company` the actor may see.
    pub fn list_ticket_types(&self, actor: Actor, company: CompanyId) -> Result<Vec<TicketType>> {
        Ok(self.desk.list_ticket_types(actor, company)?)
    }

    // ---- working calendars ----

    /// Creates a working calendar of a company (its managers). A bad spec raises `InvalidInput`.
    pub fn create_calendar(&self, actor: Actor, input: NewCalendar) -> Result<Calendar> {
        Ok(self.desk.create_calendar(actor, input)?)
    }

    /// Renames a calendar or replaces its zone, hours and closures (managers).
    pub fn update_calendar(
        &self,
        actor: Actor,
        calendar: CalendarId,
        update: CalendarUpdate,
    ) -> Result<Calendar> {
        Ok(self.desk.update_calendar(actor, calendar, update)?)
    }

    /// A calendar (internal users of its company).
    pub fn get_calendar(&self, actor: Actor, calendar: CalendarId) -> Result<Calendar> {
        Ok(self.desk.get_calendar(actor, calendar)?)
    }

    /// The calendars of `company` (internal users of the company; empty for portal users).
    pub fn list_calendars(&self, actor: Actor, company: CompanyId) -> Result<Vec<Calendar>> {
        Ok(self.desk.list_calendars(actor, company)?)
    }

    /// The instant at which `duration` of working time has elapsed after `start` on a stored
    /// calendar (CAL-2), exact to the second. `duration` is whole seconds (Kotlin
    /// `java.time.Duration`, Swift `Int64` seconds): a fraction of a second or a negative
    /// duration raises `InvalidInput`.
    pub fn add_working_time(
        &self,
        actor: Actor,
        calendar: CalendarId,
        start: UtcDateTime,
        duration: SignedDuration,
    ) -> Result<UtcDateTime> {
        Ok(self
            .desk
            .add_working_time(actor, calendar, start, duration)?)
    }

    /// The working time inside `[a, b)` on a stored calendar (CAL-2), signed: negative when `b`
    /// is before `a`. Whole seconds (Kotlin `java.time.Duration`, Swift `Int64` seconds).
    pub fn working_time_between(
        &self,
        actor: Actor,
        calendar: CalendarId,
        a: UtcDateTime,
        b: UtcDateTime,
    ) -> Result<SignedDuration> {
        Ok(self.desk.working_time_between(actor, calendar, a, b)?)
    }

    // ---- tickets ----

    /// Creates a ticket (agents, the system).
    pub fn create_ticket(&self, actor: Actor, input: NewTicket) -> Result<Ticket> {
        Ok(self.desk.create_ticket(actor, input.into())?)
    }

    /// Creates several tickets in one unit of work: all of them, or none when one is refused.
    /// Automatic assignment sees each ticket of the batch in turn.
    pub fn create_tickets(&self, actor: Actor, tickets: Vec<NewTicket>) -> Result<Vec<Ticket>> {
        let tickets = tickets.into_iter().map(Into::into).collect();
        Ok(self.desk.create_tickets(actor, tickets)?)
    }

    /// Files a ticket as a portal user (the customer form).
    pub fn submit_ticket(&self, actor: Actor, input: Submission) -> Result<Ticket> {
        Ok(self.desk.submit_ticket(actor, input)?)
    }

    /// Changes a ticket's subject, description, priority or tags.
    pub fn update_ticket(
        &self,
        actor: Actor,
        ticket: TicketId,
        update: TicketUpdate,
    ) -> Result<Ticket> {
        Ok(self.desk.update_ticket(actor, ticket, update)?)
    }

    /// Assigns a ticket (`null` unassigns).
    pub fn assign_ticket(
        &self,
        actor: Actor,
        ticket: TicketId,
        assignee: Option<UserId>,
    ) -> Result<Ticket> {
        Ok(self.desk.assign_ticket(actor, ticket, assignee)?)
    }

    /// Sets (or clears) a ticket's customer.
    pub fn set_ticket_customer(
        &self,
        actor: Actor,
        ticket: TicketId,
        customer: Option<PartnerId>,
    ) -> Result<Ticket> {
        Ok(self.desk.set_ticket_customer(actor, ticket, customer)?)
    }

    /// Sets (or clears) a ticket's type.
    pub fn set_ticket_type(
        &self,
        actor: Actor,
        ticket: TicketId,
        ticket_type: Option<TicketTypeId>,
    ) -> Result<Ticket> {
        Ok(self.desk.set_ticket_type(actor, ticket, ticket_type)?)
    }

    /// Moves a ticket to another team (`null`: no team); automatic assignment of the new team
    /// applies to an unassigned ticket.
    pub fn set_ticket_team(
        &self,
        actor: Actor,
        ticket: TicketId,
        team: Option<TeamId>,
    ) -> Result<Ticket> {
        Ok(self.desk.set_ticket_team(actor, ticket, team)?)
    }

    /// Moves a ticket to `stage` (a folded stage closes it, an unfolded one reopens it).
    pub fn move_ticket(&self, actor: Actor, ticket: TicketId, stage: StageId) -> Result<Ticket> {
        Ok(self.desk.move_ticket(actor, ticket, stage)?)
    }

    /// Archives a ticket.
    pub fn archive_ticket(&self, actor: Actor, ticket: TicketId) -> Result<Ticket> {
        Ok(self.desk.archive_ticket(actor, ticket)?)
    }

    /// Restores an archived ticket.
    pub fn unarchive_ticket(&self, actor: Actor, ticket: TicketId) -> Result<Ticket> {
        Ok(self.desk.unarchive_ticket(actor, ticket)?)
    }

    /// Makes `partner` follow `ticket`.
    pub fn follow_ticket(&self, actor: Actor, ticket: TicketId, partner: PartnerId) -> Result<()> {
        Ok(self.desk.follow_ticket(actor, ticket, partner)?)
    }

    /// Stops `partner` following `ticket`.
    pub fn unfollow_ticket(
        &self,
        actor: Actor,
        ticket: TicketId,
        partner: PartnerId,
    ) -> Result<()> {
        Ok(self.desk.unfollow_ticket(actor, ticket, partner)?)
    }

    /// The contacts following `ticket`.
    pub fn ticket_followers(&self, actor: Actor, ticket: TicketId) -> Result<Vec<PartnerId>> {
        Ok(self.desk.ticket_followers(actor, ticket)?)
    }

    /// Posts a public reply on a ticket.
    pub fn reply_to_ticket(&self, actor: Actor, ticket: TicketId, body: String) -> Result<Message> {
        Ok(self.desk.reply_to_ticket(actor, ticket, body)?)
    }

    /// Posts an internal note (agents): never shown to portal users.
    pub fn add_internal_note(
        &self,
        actor: Actor,
        ticket: TicketId,
        body: String,
    ) -> Result<Message> {
        Ok(self.desk.add_internal_note(actor, ticket, body)?)
    }

    /// A ticket the actor may see.
    pub fn get_ticket(&self, actor: Actor, ticket: TicketId) -> Result<Ticket> {
        Ok(self.desk.get_ticket(actor, ticket)?)
    }

    /// One page of the tickets the actor may see.
    #[uniffi::method(default(query))]
    pub fn list_tickets(&self, actor: Actor, query: TicketQuery) -> Result<TicketPage> {
        Ok(self.desk.list_tickets(actor, query.into())?)
    }

    /// How many tickets the actor may see match `filter`.
    #[uniffi::method(default(filter))]
    pub fn count_tickets(&self, actor: Actor, filter: TicketFilter) -> Result<u64> {
        Ok(self.desk.count_tickets(actor, filter)?)
    }

    /// The messages of a ticket the actor may see (portal users: replies only).
    pub fn list_messages(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Message>> {
        Ok(self.desk.list_messages(actor, ticket)?)
    }

    /// The stage history of a ticket (internal users).
    pub fn stage_history(&self, actor: Actor, ticket: TicketId) -> Result<Vec<StageChange>> {
        Ok(self.desk.stage_history(actor, ticket)?)
    }

    // ---- automatic assignment ----

    /// Sets (or clears, `null`) a user's own working calendar, a calendar of one of their
    /// companies (the user, managers).
    pub fn set_user_calendar(
        &self,
        actor: Actor,
        user: UserId,
        calendar: Option<CalendarId>,
    ) -> Result<User> {
        Ok(self.desk.set_user_calendar(actor, user, calendar)?)
    }

    /// Records a leave (time off) of an employee (the user, managers). `to` must be after
    /// `from` (`InvalidInput`).
    pub fn create_leave(&self, actor: Actor, input: NewLeave) -> Result<Leave> {
        Ok(self.desk.create_leave(actor, input)?)
    }

    /// Deletes a leave (the user, managers).
    pub fn delete_leave(&self, actor: Actor, leave: LeaveId) -> Result<()> {
        Ok(self.desk.delete_leave(actor, leave)?)
    }

    /// A user's leaves, by start (employees of a company the user works for).
    pub fn list_leaves(&self, actor: Actor, user: UserId) -> Result<Vec<Leave>> {
        Ok(self.desk.list_leaves(actor, user)?)
    }

    /// Who automatic assignment would give a new ticket of `team` now (`null`: auto-assignment
    /// off, or nobody can take it). Agents and managers.
    pub fn suggest_assignee(&self, actor: Actor, team: TeamId) -> Result<Option<UserId>> {
        Ok(self.desk.suggest_assignee(actor, team)?)
    }

    // ---- SLA policies ----

    /// Creates an SLA policy for a team (managers). Existing tickets get it when they next
    /// change.
    pub fn create_sla_policy(&self, actor: Actor, input: NewSlaPolicy) -> Result<SlaPolicy> {
        Ok(self.desk.create_sla_policy(actor, input.into())?)
    }

    /// Changes an SLA policy (managers).
    pub fn update_sla_policy(
        &self,
        actor: Actor,
        policy: SlaPolicyId,
        update: SlaPolicyUpdate,
    ) -> Result<SlaPolicy> {
        Ok(self.desk.update_sla_policy(actor, policy, update)?)
    }

    /// An SLA policy (internal users of its company).
    pub fn get_sla_policy(&self, actor: Actor, policy: SlaPolicyId) -> Result<SlaPolicy> {
        Ok(self.desk.get_sla_policy(actor, policy)?)
    }

    /// A team's SLA policies, by id (internal users who see the team).
    pub fn list_sla_policies(&self, actor: Actor, team: TeamId) -> Result<Vec<SlaPolicy>> {
        Ok(self.desk.list_sla_policies(actor, team)?)
    }

    /// A ticket's SLA statuses as they stand now (internal users who see the ticket; portal
    /// users get `Forbidden`).
    pub fn ticket_sla_statuses(
        &self,
        actor: Actor,
        ticket: TicketId,
    ) -> Result<Vec<SlaStatusView>> {
        Ok(self.desk.ticket_sla_statuses(actor, ticket)?)
    }

    /// The SLA report of a company, per team, policy and period of creation (managers of the
    /// company; agents for a team they are a member of).
    pub fn sla_report(&self, actor: Actor, query: SlaReportQuery) -> Result<SlaReport> {
        Ok(self.desk.sla_report(actor, query)?)
    }

    // ---- commerce recorded by the host ----

    /// Sets the rounding of a currency whose ISO 4217 one does not suit, e.g. a token currency
    /// with 8 decimals (the system only: currencies are shared by every company of the store;
    /// at most 12 decimals).
    pub fn define_currency(&self, actor: Actor, code: String, decimals: u32) -> Result<Currency> {
        Ok(self.desk.define_currency(actor, code, decimals)?)
    }

    /// Records a product (the system, managers).
    pub fn create_product(&self, actor: Actor, input: NewProduct) -> Result<Product> {
        Ok(self.desk.create_product(actor, input.into())?)
    }

    /// Records a tax (the system, managers).
    pub fn create_tax(&self, actor: Actor, input: NewTax) -> Result<Tax> {
        Ok(self.desk.create_tax(actor, input)?)
    }

    /// Records a journal (the system, managers).
    pub fn create_journal(&self, actor: Actor, input: NewJournal) -> Result<Journal> {
        Ok(self.desk.create_journal(actor, input)?)
    }

    /// Records a draft sales order (the system, managers).
    pub fn create_sale_order(&self, actor: Actor, input: NewSaleOrder) -> Result<SaleOrder> {
        Ok(self.desk.create_sale_order(actor, input)?)
    }

    /// Confirms a draft sales order (the system, managers).
    pub fn confirm_sale_order(&self, actor: Actor, sale_order: SaleOrderId) -> Result<SaleOrder> {
        Ok(self.desk.confirm_sale_order(actor, sale_order)?)
    }

    /// A sales order (internal users of its company).
    pub fn get_sale_order(&self, actor: Actor, sale_order: SaleOrderId) -> Result<SaleOrder> {
        Ok(self.desk.get_sale_order(actor, sale_order)?)
    }

    /// Records a draft customer invoice (the system, managers).
    pub fn create_invoice(&self, actor: Actor, input: NewInvoice) -> Result<Invoice> {
        Ok(self.desk.create_invoice(actor, input)?)
    }

    /// An invoice or credit note (internal users of its company).
    pub fn get_invoice(&self, actor: Actor, invoice: InvoiceId) -> Result<Invoice> {
        Ok(self.desk.get_invoice(actor, invoice)?)
    }

    /// Records a posted invoice's payment state as the ERP has it (the system, managers).
    pub fn set_payment_state(
        &self,
        actor: Actor,
        invoice: InvoiceId,
        payment_state: PaymentState,
    ) -> Result<Invoice> {
        Ok(self.desk.set_payment_state(actor, invoice, payment_state)?)
    }

    /// Posts a draft invoice or credit note, numbering it (`INV/2026/00001`, credit notes
    /// `RINV/2026/00001`). Invoices: the system and managers; credit notes of a ticket: its
    /// agents.
    pub fn post_invoice(&self, actor: Actor, invoice: InvoiceId) -> Result<Invoice> {
        Ok(self.desk.post_invoice(actor, invoice)?)
    }

    /// Cancels a draft or posted invoice or credit note; a cancelled credit note gives its
    /// amounts back to its invoice.
    pub fn cancel_invoice(&self, actor: Actor, invoice: InvoiceId) -> Result<Invoice> {
        Ok(self.desk.cancel_invoice(actor, invoice)?)
    }

    // ---- refunds by credit note ----

    /// The posted invoices of the ticket's customer and company with something left to refund,
    /// newest first, narrowed by `filter` (agents of a team with refunds on).
    #[uniffi::method(default(filter))]
    pub fn refundable_invoices(
        &self,
        actor: Actor,
        ticket: TicketId,
        filter: RefundFilter,
    ) -> Result<Vec<RefundableInvoice>> {
        Ok(self.desk.refundable_invoices(actor, ticket, filter)?)
    }

    /// The refund wizard's defaults for a ticket (agents).
    pub fn refund_defaults(&self, actor: Actor, ticket: TicketId) -> Result<RefundDefaults> {
        Ok(self.desk.refund_defaults(actor, ticket)?)
    }

    /// A draft credit note for what is left of a posted invoice, linked to the ticket; edit it
    /// down (`updateCreditNoteLine`) for a partial refund, then `postInvoice`.
    pub fn reverse_invoice(
        &self,
        actor: Actor,
        ticket: TicketId,
        reversal: Reversal,
    ) -> Result<Invoice> {
        Ok(self.desk.reverse_invoice(actor, ticket, reversal)?)
    }

    /// A credit note for the whole invoice, posted and settling it (or scheduled for a future
    /// reversal date), and a draft copy of the invoice to correct and send again.
    pub fn reverse_and_reinvoice(
        &self,
        actor: Actor,
        ticket: TicketId,
        reversal: Reversal,
    ) -> Result<Reinvoice> {
        Ok(self.desk.reverse_and_reinvoice(actor, ticket, reversal)?)
    }

    /// Edits line `line` (from 0) of a draft credit note down (a partial refund): never more
    /// than is left on the invoice line, never above its price.
    pub fn update_credit_note_line(
        &self,
        actor: Actor,
        credit_note: InvoiceId,
        line: u32,
        update: CreditLineUpdate,
    ) -> Result<Invoice> {
        Ok(self
            .desk
            .update_credit_note_line(actor, credit_note, line, update)?)
    }

    /// Posts the scheduled credit notes due at `at` (`null` = now, on the desk's clock; an
    /// instant later than now is invalid input): those whose reversal date is that instant's
    /// date or earlier (the system, managers; run it daily). Returns what was posted.
    #[uniffi::method(default(at = None))]
    pub fn post_due_credit_notes(
        &self,
        actor: Actor,
        at: Option<UtcDateTime>,
    ) -> Result<Vec<Invoice>> {
        Ok(self.desk.post_due_credit_notes(actor, at)?)
    }

    /// A ticket's credit notes (internal users who see the ticket).
    pub fn ticket_credit_notes(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Invoice>> {
        Ok(self.desk.ticket_credit_notes(actor, ticket)?)
    }

    // ---- coupons ----

    /// Creates a coupon program (managers).
    pub fn create_coupon_program(
        &self,
        actor: Actor,
        input: NewCouponProgram,
    ) -> Result<CouponProgram> {
        Ok(self.desk.create_coupon_program(actor, input.into())?)
    }

    /// A coupon program (internal users of its company).
    pub fn get_coupon_program(
        &self,
        actor: Actor,
        program: CouponProgramId,
    ) -> Result<CouponProgram> {
        Ok(self.desk.get_coupon_program(actor, program)?)
    }

    /// A coupon for the ticket's customer, its code drawn at random, kept by the ticket
    /// (agents of a team with coupons on).
    pub fn generate_coupon(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewCoupon,
    ) -> Result<Coupon> {
        Ok(self.desk.generate_coupon(actor, ticket, input)?)
    }

    /// A coupon (internal users of its company).
    pub fn get_coupon(&self, actor: Actor, coupon: CouponId) -> Result<Coupon> {
        Ok(self.desk.get_coupon(actor, coupon)?)
    }

    /// A ticket's coupons (internal users who see the ticket).
    pub fn ticket_coupons(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Coupon>> {
        Ok(self.desk.ticket_coupons(actor, ticket)?)
    }

    /// E-mails the coupon's code to its customer through the outbox (agents).
    pub fn send_coupon(&self, actor: Actor, coupon: CouponId) -> Result<OutboxMessage> {
        Ok(self.desk.send_coupon(actor, coupon)?)
    }

    /// The link sharing a coupon: `{baseUrl}/coupon/{code}?r={redirect}` (`redirect` `null` =
    /// `/shop`). Internal users of its company.
    #[uniffi::method(default(redirect = None))]
    pub fn coupon_share_link(
        &self,
        actor: Actor,
        coupon: CouponId,
        base_url: String,
        redirect: Option<String>,
    ) -> Result<String> {
        Ok(self
            .desk
            .coupon_share_link(actor, coupon, base_url, redirect)?)
    }

    /// Redeems a coupon, consuming its points atomically. Refusals keep their own codes:
    /// `coupon_unknown`, `coupon_mistyped` (`InvalidInput`), `coupon_expired`, `coupon_used`,
    /// `coupon_reserved` (`InvalidState`). The system, agents of the company, and portal users
    /// for themselves.
    pub fn redeem_coupon(&self, actor: Actor, input: Redemption) -> Result<Redeemed> {
        Ok(self.desk.redeem_coupon(actor, input)?)
    }

    // ---- support hours ----

    /// Creates a unit category (managers).
    pub fn create_unit_category(
        &self,
        actor: Actor,
        company: CompanyId,
        name: String,
    ) -> Result<UnitCategory> {
        Ok(self.desk.create_unit_category(actor, company, name)?)
    }

    /// Creates a unit defined by its ratio to its category's reference unit (managers).
    pub fn create_unit(&self, actor: Actor, input: NewUnit) -> Result<Unit> {
        Ok(self.desk.create_unit(actor, input)?)
    }

    /// The company's units, its working-time Hours and Days created first if needed
    /// (internal users).
    pub fn list_units(&self, actor: Actor, company: CompanyId) -> Result<Vec<Unit>> {
        Ok(self.desk.list_units(actor, company)?)
    }

    /// `quantity` of unit `from` in unit `to` (same category), rounded by `to`'s rounding.
    pub fn convert_quantity(
        &self,
        actor: Actor,
        quantity: Decimal,
        from: UnitId,
        to: UnitId,
    ) -> Result<Decimal> {
        Ok(self.desk.convert_quantity(actor, quantity, from, to)?)
    }

    /// Sets the company's hours per working day (the Days unit) and upsell threshold
    /// (managers).
    pub fn set_support_hours(
        &self,
        actor: Actor,
        company: CompanyId,
        update: SupportHoursUpdate,
    ) -> Result<Company> {
        Ok(self.desk.set_support_hours(actor, company, update)?)
    }

    /// Marks a confirmed order done: nothing more to deliver, off the upsell list (the
    /// system, managers).
    pub fn mark_sale_order_done(&self, actor: Actor, sale_order: SaleOrderId) -> Result<SaleOrder> {
        Ok(self.desk.mark_sale_order_done(actor, sale_order)?)
    }

    /// Cancels a draft or confirmed order (the system, managers).
    pub fn cancel_sale_order(&self, actor: Actor, sale_order: SaleOrderId) -> Result<SaleOrder> {
        Ok(self.desk.cancel_sale_order(actor, sale_order)?)
    }

    /// A draft invoice of what a confirmed order may bill now: prepaid lines for their ordered
    /// quantity not yet invoiced, post-paid lines for the time delivered and not yet billed
    /// (never billed twice). The system, managers.
    pub fn invoice_sale_order(
        &self,
        actor: Actor,
        sale_order: SaleOrderId,
        journal: JournalId,
    ) -> Result<Invoice> {
        Ok(self.desk.invoice_sale_order(actor, sale_order, journal)?)
    }

    /// Logs time on a ticket (agents; the team tracks time), charged to the ticket's order
    /// line.
    pub fn log_time(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewTimeEntry,
    ) -> Result<TimeEntry> {
        Ok(self.desk.log_time(actor, ticket, input)?)
    }

    /// Changes a time entry not yet billed (agents).
    pub fn update_time_entry(
        &self,
        actor: Actor,
        entry: TimeEntryId,
        update: TimeEntryUpdate,
    ) -> Result<TimeEntry> {
        Ok(self.desk.update_time_entry(actor, entry, update)?)
    }

    /// Deletes a time entry not yet billed (agents).
    pub fn delete_time_entry(&self, actor: Actor, entry: TimeEntryId) -> Result<()> {
        Ok(self.desk.delete_time_entry(actor, entry)?)
    }

    /// A ticket's time entries, by id (internal users who see it).
    pub fn ticket_time_entries(&self, actor: Actor, ticket: TicketId) -> Result<Vec<TimeEntry>> {
        Ok(self.desk.ticket_time_entries(actor, ticket)?)
    }

    /// Charges a ticket's time to another service line of the same customer, or to none
    /// (`null`); its unbilled entries follow (agents).
    pub fn set_ticket_sale_line(
        &self,
        actor: Actor,
        ticket: TicketId,
        sale_line: Option<OrderLineRef>,
    ) -> Result<Ticket> {
        Ok(self.desk.set_ticket_sale_line(actor, ticket, sale_line)?)
    }

    /// A ticket's logged hours and the hours left on its contract (internal users who see
    /// it).
    pub fn ticket_hours(&self, actor: Actor, ticket: TicketId) -> Result<TicketHours> {
        Ok(self.desk.ticket_hours(actor, ticket)?)
    }

    /// A customer's support contracts: the service lines of their confirmed orders with
    /// ordered, delivered, remaining and invoiced quantities (internal users of the company;
    /// portal users for their own company).
    pub fn customer_contracts(
        &self,
        actor: Actor,
        company: CompanyId,
        customer: PartnerId,
    ) -> Result<Vec<ContractLine>> {
        Ok(self.desk.customer_contracts(actor, company, customer)?)
    }

    /// The confirmed orders with a prepaid line delivered beyond what was ordered (internal
    /// users of the company).
    pub fn upsell_orders(&self, actor: Actor, company: CompanyId) -> Result<Vec<SaleOrder>> {
        Ok(self.desk.upsell_orders(actor, company)?)
    }

    // ---- stock and returns ----

    /// Records a stock location (the system, managers).
    pub fn create_location(&self, actor: Actor, input: NewLocation) -> Result<Location> {
        Ok(self.desk.create_location(actor, input)?)
    }

    /// Records a delivery to a customer as the ERP has it, ready to go (the system, managers).
    pub fn create_delivery(&self, actor: Actor, input: NewDelivery) -> Result<Transfer> {
        Ok(self.desk.create_delivery(actor, input)?)
    }

    /// Validates a ready transfer: the goods moved (the system, managers, and agents for the
    /// returns of their tickets).
    pub fn validate_transfer(&self, actor: Actor, transfer: TransferId) -> Result<Transfer> {
        Ok(self.desk.validate_transfer(actor, transfer)?)
    }

    /// Cancels a transfer not yet done.
    pub fn cancel_transfer(&self, actor: Actor, transfer: TransferId) -> Result<Transfer> {
        Ok(self.desk.cancel_transfer(actor, transfer)?)
    }

    /// A transfer (internal users of its company; portal users for the returns of tickets
    /// they see).
    pub fn get_transfer(&self, actor: Actor, transfer: TransferId) -> Result<Transfer> {
        Ok(self.desk.get_transfer(actor, transfer)?)
    }

    /// The done deliveries of the ticket's customer with something left to return, narrowed
    /// by sales order and product (agents of a team with returns on).
    #[uniffi::method(default(filter))]
    pub fn returnable_deliveries(
        &self,
        actor: Actor,
        ticket: TicketId,
        filter: ReturnFilter,
    ) -> Result<Vec<ReturnableDelivery>> {
        Ok(self.desk.returnable_deliveries(actor, ticket, filter)?)
    }

    /// The incoming return of a done delivery, kept by the ticket (agents); never more than is
    /// left to return (`InvalidInput`, nothing written).
    pub fn return_products(
        &self,
        actor: Actor,
        ticket: TicketId,
        request: ReturnRequest,
    ) -> Result<Transfer> {
        Ok(self.desk.return_products(actor, ticket, request)?)
    }

    /// The return and the outgoing delivery of the same products and quantities (agents).
    pub fn return_for_exchange(
        &self,
        actor: Actor,
        ticket: TicketId,
        request: ReturnRequest,
    ) -> Result<Exchange> {
        Ok(self.desk.return_for_exchange(actor, ticket, request)?)
    }

    /// The returns made from a ticket (internal users who see it).
    pub fn ticket_returns(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Transfer>> {
        Ok(self.desk.ticket_returns(actor, ticket)?)
    }

    // ---- repairs ----

    /// A repair order from a ticket, taking its customer, product, lot, return and sales order
    /// (each may be given instead); kept by the ticket (agents of a team with repairs on).
    #[uniffi::method(default(input))]
    pub fn create_repair(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewRepair,
    ) -> Result<Repair> {
        Ok(self.desk.create_repair(actor, ticket, input)?)
    }

    /// A repair order, to whoever sees its ticket.
    pub fn get_repair(&self, actor: Actor, repair: RepairId) -> Result<Repair> {
        Ok(self.desk.get_repair(actor, repair)?)
    }

    /// The repair orders of a ticket, to whoever sees it.
    pub fn ticket_repairs(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Repair>> {
        Ok(self.desk.ticket_repairs(actor, ticket)?)
    }

    /// Changes a repair's warranty, date, responsible, tags or notes (agents).
    pub fn update_repair(
        &self,
        actor: Actor,
        repair: RepairId,
        update: RepairUpdate,
    ) -> Result<Repair> {
        Ok(self.desk.update_repair(actor, repair, update)?)
    }

    /// Adds a part to a repair order (agents); under warranty its price is zero.
    pub fn add_repair_part(
        &self,
        actor: Actor,
        repair: RepairId,
        part: NewRepairPart,
    ) -> Result<Repair> {
        Ok(self.desk.add_repair_part(actor, repair, part)?)
    }

    /// Removes part `index` (from 0) of a repair order (agents).
    pub fn remove_repair_part(&self, actor: Actor, repair: RepairId, index: u32) -> Result<Repair> {
        Ok(self.desk.remove_repair_part(actor, repair, index)?)
    }

    /// Moves a repair on: new → confirmed → under repair → repaired (agents).
    pub fn advance_repair(&self, actor: Actor, repair: RepairId) -> Result<Repair> {
        Ok(self.desk.advance_repair(actor, repair)?)
    }

    /// Cancels a repair not yet repaired (agents).
    pub fn cancel_repair(&self, actor: Actor, repair: RepairId) -> Result<Repair> {
        Ok(self.desk.cancel_repair(actor, repair)?)
    }

    /// A draft quotation (sales order) of the repair's parts for its customer, in `currency`
    /// (agents).
    pub fn repair_quotation(
        &self,
        actor: Actor,
        repair: RepairId,
        currency: String,
    ) -> Result<SaleOrder> {
        Ok(self.desk.repair_quotation(actor, repair, currency)?)
    }

    // ---- field service ----

    /// Creates a field-service project (managers).
    pub fn create_field_service_project(
        &self,
        actor: Actor,
        input: NewFieldServiceProject,
    ) -> Result<FieldServiceProject> {
        Ok(self.desk.create_field_service_project(actor, input)?)
    }

    /// A field-service task from a ticket: title, project, the customer and their address, a
    /// worksheet template only when the project uses worksheets; kept by the ticket (agents of
    /// a team with field service on).
    #[uniffi::method(default(input))]
    pub fn create_field_service_task(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewFieldServiceTask,
    ) -> Result<FieldServiceTask> {
        Ok(self.desk.create_field_service_task(actor, ticket, input)?)
    }

    /// A field-service task, to whoever sees its ticket (portal customers follow it like the
    /// ticket).
    pub fn get_field_service_task(
        &self,
        actor: Actor,
        task: FieldServiceTaskId,
    ) -> Result<FieldServiceTask> {
        Ok(self.desk.get_field_service_task(actor, task)?)
    }

    /// The field-service tasks of a ticket, to whoever sees it.
    pub fn ticket_field_service_tasks(
        &self,
        actor: Actor,
        ticket: TicketId,
    ) -> Result<Vec<FieldServiceTask>> {
        Ok(self.desk.ticket_field_service_tasks(actor, ticket)?)
    }

    /// Moves a field-service task to `stage` (agents of its ticket).
    pub fn move_field_service_task(
        &self,
        actor: Actor,
        task: FieldServiceTaskId,
        stage: TaskStage,
    ) -> Result<FieldServiceTask> {
        Ok(self.desk.move_field_service_task(actor, task, stage)?)
    }

    // ---- outbox ----

    /// Up to `limit` side effects the host has not acknowledged yet, oldest first (system).
    pub fn pending_outbox(&self, actor: Actor, limit: u32) -> Result<Vec<OutboxMessage>> {
        Ok(self.desk.pending_outbox(actor, limit)?)
    }

    /// Marks side effects as done; returns how many were pending (system).
    pub fn acknowledge_outbox(&self, actor: Actor, ids: Vec<OutboxId>) -> Result<u32> {
        Ok(self.desk.acknowledge_outbox(actor, ids)?)
    }
}
