//! The façade: `Helpdesk`, the `Actor` performing an operation, and the
//! `ManualClock` for deterministic time.
//!
//! Every method of `Helpdesk` is one core call plus conversion, run through
//! [`run`] (GIL released, panics caught, errors mapped). Plain arguments of a
//! core method are positional-or-keyword; the fields of a core input record
//! (`NewTicket`, `TeamUpdate`, ...) are keyword-only, and a field left out
//! takes the core's default (`None` means "left out").

use crate::calendar::{Closure, WorkingHours};
use crate::convert::{
    decimal, opt_date, opt_decimal, raw_opt, typed_ids, DateArg, DecimalArg, EnumArg, Instant,
};
use crate::errors::run;
use crate::records::{
    Calendar, CalendarSpec, Company, ContractLine, Coupon, CouponProgram, Currency, Exchange,
    FieldServiceProject, FieldServiceTask, Invoice, Journal, Leave, Location, Message,
    NewInvoiceLine, NewTicket, OrderLineRef, OutboxMessage, Partner, Product, Redeemed,
    RefundDefaults, RefundableInvoice, Reinvoice, Repair, ReturnQuantity, ReturnableDelivery,
    Reward, RewardConditions, SaleOrder, SaleOrderLine, SlaPolicy, SlaReport, SlaStatusView, Stage,
    StageChange, Tag, Tax, Team, TeamSettings, Ticket, TicketHours, TicketPage, TicketType,
    TimeEntry, Transfer, TransferLine, Unit, UnitCategory, User, Within,
};
use chrono::{DateTime, TimeDelta, Utc};
use helpdesk as hd;
use helpdesk::Clock;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::sync::Arc;

/// Who performs an operation: the system (bypasses every access rule; for
/// set-up, imports and scheduled jobs) or a user (checked against every rule).
#[pyclass(frozen, eq, hash, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Actor(pub hd::Actor);

#[pymethods]
impl Actor {
    /// The host itself, bypassing every access rule.
    #[staticmethod]
    fn system() -> Self {
        Actor(hd::Actor::System)
    }

    /// The user with id `user_id`.
    #[staticmethod]
    fn user(user_id: i64) -> Self {
        Actor(hd::Actor::User(hd::UserId(user_id)))
    }

    /// The user's id, or `None` for the system.
    #[getter]
    fn user_id(&self) -> Option<i64> {
        match self.0 {
            hd::Actor::System => None,
            hd::Actor::User(id) => Some(id.0),
        }
    }

    /// Whether this is the system actor.
    #[getter]
    fn is_system(&self) -> bool {
        self.0 == hd::Actor::System
    }

    fn __repr__(&self) -> String {
        match self.0 {
            hd::Actor::System => "Actor.system()".to_owned(),
            hd::Actor::User(id) => format!("Actor.user({id})"),
        }
    }
}

/// A clock that stands still until told to move; give it to a desk for
/// deterministic time. Copies share the instant.
#[pyclass(frozen, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone)]
pub struct ManualClock(hd::ManualClock);

#[pymethods]
impl ManualClock {
    /// A clock showing `start` (a timezone-aware datetime).
    #[new]
    fn new(start: Instant) -> Self {
        ManualClock(hd::ManualClock::new(start.0))
    }

    /// The instant the clock shows, in UTC.
    fn now(&self) -> DateTime<Utc> {
        self.0.now()
    }

    /// Moves the clock to `instant` (backwards too).
    fn set(&self, instant: Instant) {
        self.0.set(instant.0);
    }

    /// Moves the clock forward by `by` (a `datetime.timedelta`).
    fn advance(&self, py: Python<'_>, by: TimeDelta) -> PyResult<()> {
        run(py, || self.0.advance(by))
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", self.0.now().to_rfc3339())
    }
}

/// The helpdesk: the one object a host talks to. Safe to share between
/// threads; store work runs without the GIL.
#[pyclass(frozen, module = "helpdesk")]
pub struct Helpdesk {
    desk: hd::Helpdesk,
}

impl Helpdesk {
    /// The desk with the optional clock and random seed applied.
    fn configured(desk: hd::Helpdesk, clock: Option<ManualClock>, seed: Option<u64>) -> Self {
        let desk = match clock {
            Some(clock) => desk.with_clock(Arc::new(clock.0)),
            None => desk,
        };
        let desk = match seed {
            Some(seed) => desk.with_random(Arc::new(hd::SeededRandom::new(seed))),
            None => desk,
        };
        Helpdesk { desk }
    }
}

#[pymethods]
impl Helpdesk {
    /// A desk over a fresh in-memory store. `clock` (default: the system
    /// clock) and `seed` (default: the OS random source) make it deterministic.
    #[staticmethod]
    #[pyo3(signature = (*, clock = None, seed = None))]
    fn in_memory(clock: Option<ManualClock>, seed: Option<u64>) -> Self {
        Self::configured(hd::Helpdesk::in_memory(), clock, seed)
    }

    /// A desk over the SQLite file at `path` (created if missing; schema
    /// migrations are applied on open).
    #[staticmethod]
    #[pyo3(signature = (path, *, clock = None, seed = None))]
    fn open(
        py: Python<'_>,
        path: PathBuf,
        clock: Option<ManualClock>,
        seed: Option<u64>,
    ) -> PyResult<Self> {
        let desk = run(py, || hd::Helpdesk::open(&path))?;
        Ok(Self::configured(desk, clock, seed))
    }

    /// A canonical text dump of everything stored: equal content, equal dumps.
    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || self.desk.snapshot())
    }

    // ----- directory -----

    /// Creates a company.
    #[pyo3(signature = (actor, *, name))]
    fn create_company(&self, py: Python<'_>, actor: Actor, name: String) -> PyResult<Company> {
        let input = hd::NewCompany { name };
        run(py, || self.desk.create_company(actor.0, input)).map(Company)
    }

    /// Renames a company.
    fn update_company(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
    ) -> PyResult<Company> {
        run(py, || {
            self.desk
                .update_company(actor.0, hd::CompanyId(company), name)
        })
        .map(Company)
    }

    /// A company.
    fn get_company(&self, py: Python<'_>, actor: Actor, company: i64) -> PyResult<Company> {
        run(py, || {
            self.desk.get_company(actor.0, hd::CompanyId(company))
        })
        .map(Company)
    }

    /// Creates a contact (a customer, or a person at a customer with
    /// `parent`); `address` is where field service goes.
    #[pyo3(signature = (
        actor, *, name, company = None, email = None, phone = None, parent = None,
        address = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_partner(
        &self,
        py: Python<'_>,
        actor: Actor,
        name: String,
        company: Option<i64>,
        email: Option<String>,
        phone: Option<String>,
        parent: Option<i64>,
        address: Option<String>,
    ) -> PyResult<Partner> {
        let input = hd::NewPartner {
            company: company.map(hd::CompanyId),
            name,
            email,
            phone,
            parent: parent.map(hd::PartnerId),
            address,
        };
        run(py, || self.desk.create_partner(actor.0, input)).map(Partner)
    }

    /// Changes a contact; arguments left out are unchanged (an empty
    /// `email`, `phone` or `address` clears it).
    #[pyo3(signature = (actor, partner, *, name = None, email = None, phone = None, address = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_partner(
        &self,
        py: Python<'_>,
        actor: Actor,
        partner: i64,
        name: Option<String>,
        email: Option<String>,
        phone: Option<String>,
        address: Option<String>,
    ) -> PyResult<Partner> {
        let update = hd::PartnerUpdate {
            name,
            email,
            phone,
            address,
        };
        run(py, || {
            self.desk
                .update_partner(actor.0, hd::PartnerId(partner), update)
        })
        .map(Partner)
    }

    /// A contact.
    fn get_partner(&self, py: Python<'_>, actor: Actor, partner: i64) -> PyResult<Partner> {
        run(py, || {
            self.desk.get_partner(actor.0, hd::PartnerId(partner))
        })
        .map(Partner)
    }

    /// Creates a user (an employee, or a portal login linked to `partner`).
    #[pyo3(signature = (actor, *, name, kind, companies, email = None, role = None, partner = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_user(
        &self,
        py: Python<'_>,
        actor: Actor,
        name: String,
        kind: EnumArg<hd::UserKind>,
        companies: Vec<i64>,
        email: Option<String>,
        role: Option<EnumArg<hd::HelpdeskRole>>,
        partner: Option<i64>,
    ) -> PyResult<User> {
        let input = hd::NewUser {
            name,
            email,
            kind: kind.0,
            role: role.map(|r| r.0).unwrap_or_default(),
            companies: typed_ids(companies),
            partner: partner.map(hd::PartnerId),
        };
        run(py, || self.desk.create_user(actor.0, input)).map(User)
    }

    /// Changes a user; arguments left out are unchanged.
    #[pyo3(signature = (actor, user, *, name = None, role = None, companies = None, active = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_user(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: i64,
        name: Option<String>,
        role: Option<EnumArg<hd::HelpdeskRole>>,
        companies: Option<Vec<i64>>,
        active: Option<bool>,
    ) -> PyResult<User> {
        let update = hd::UserUpdate {
            name,
            role: role.map(|r| r.0),
            companies: companies.map(typed_ids),
            active,
        };
        run(py, || {
            self.desk.update_user(actor.0, hd::UserId(user), update)
        })
        .map(User)
    }

    /// A user.
    fn get_user(&self, py: Python<'_>, actor: Actor, user: i64) -> PyResult<User> {
        run(py, || self.desk.get_user(actor.0, hd::UserId(user))).map(User)
    }

    // ----- teams and their configuration -----

    /// Creates a team.
    #[pyo3(signature = (
        actor, *, company, name, description = None, visibility = None, members = None,
        settings = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        description: Option<String>,
        visibility: Option<EnumArg<hd::Visibility>>,
        members: Option<Vec<i64>>,
        settings: Option<TeamSettings>,
    ) -> PyResult<Team> {
        let input = hd::NewTeam {
            company: hd::CompanyId(company),
            name,
            description: description.unwrap_or_default(),
            visibility: visibility.map(|v| v.0).unwrap_or_default(),
            members: members.map(typed_ids).unwrap_or_default(),
            settings: settings.map(|s| s.0).unwrap_or_default(),
        };
        run(py, || self.desk.create_team(actor.0, input)).map(Team)
    }

    /// Changes a team; arguments left out are unchanged.
    #[pyo3(signature = (
        actor, team, *, name = None, description = None, visibility = None, settings = None,
        active = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: i64,
        name: Option<String>,
        description: Option<String>,
        visibility: Option<EnumArg<hd::Visibility>>,
        settings: Option<TeamSettings>,
        active: Option<bool>,
    ) -> PyResult<Team> {
        let update = hd::TeamUpdate {
            name,
            description,
            visibility: visibility.map(|v| v.0),
            settings: settings.map(|s| s.0),
            active,
        };
        run(py, || {
            self.desk.update_team(actor.0, hd::TeamId(team), update)
        })
        .map(Team)
    }

    /// Replaces a team's members (in assignment order).
    fn set_team_members(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: i64,
        members: Vec<i64>,
    ) -> PyResult<Team> {
        let members = typed_ids(members);
        run(py, || {
            self.desk
                .set_team_members(actor.0, hd::TeamId(team), members)
        })
        .map(Team)
    }

    /// A team.
    fn get_team(&self, py: Python<'_>, actor: Actor, team: i64) -> PyResult<Team> {
        run(py, || self.desk.get_team(actor.0, hd::TeamId(team))).map(Team)
    }

    /// The teams the actor may see.
    fn list_teams(&self, py: Python<'_>, actor: Actor) -> PyResult<Vec<Team>> {
        let teams = run(py, || self.desk.list_teams(actor.0))?;
        Ok(teams.into_iter().map(Team).collect())
    }

    /// Makes `partner` follow a team.
    fn follow_team(&self, py: Python<'_>, actor: Actor, team: i64, partner: i64) -> PyResult<()> {
        run(py, || {
            self.desk
                .follow_team(actor.0, hd::TeamId(team), hd::PartnerId(partner))
        })
    }

    /// Makes `partner` stop following a team.
    fn unfollow_team(&self, py: Python<'_>, actor: Actor, team: i64, partner: i64) -> PyResult<()> {
        run(py, || {
            self.desk
                .unfollow_team(actor.0, hd::TeamId(team), hd::PartnerId(partner))
        })
    }

    /// The partners following a team.
    fn team_followers(&self, py: Python<'_>, actor: Actor, team: i64) -> PyResult<Vec<i64>> {
        let followers = run(py, || self.desk.team_followers(actor.0, hd::TeamId(team)))?;
        Ok(followers.into_iter().map(|p| p.0).collect())
    }

    /// Creates a stage.
    #[pyo3(signature = (
        actor, *, company, name, sequence = None, folded = None, teams = None,
        email_template = None, sms_template = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_stage(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        sequence: Option<i32>,
        folded: Option<bool>,
        teams: Option<Vec<i64>>,
        email_template: Option<String>,
        sms_template: Option<String>,
    ) -> PyResult<Stage> {
        let input = hd::NewStage {
            company: hd::CompanyId(company),
            name,
            sequence: sequence.unwrap_or_default(),
            folded: folded.unwrap_or_default(),
            teams: teams.map(typed_ids).unwrap_or_default(),
            email_template,
            sms_template,
        };
        run(py, || self.desk.create_stage(actor.0, input)).map(Stage)
    }

    /// Changes a stage; arguments left out are unchanged.
    #[pyo3(signature = (
        actor, stage, *, name = None, sequence = None, folded = None, teams = None,
        email_template = None, sms_template = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_stage(
        &self,
        py: Python<'_>,
        actor: Actor,
        stage: i64,
        name: Option<String>,
        sequence: Option<i32>,
        folded: Option<bool>,
        teams: Option<Vec<i64>>,
        email_template: Option<String>,
        sms_template: Option<String>,
    ) -> PyResult<Stage> {
        let update = hd::StageUpdate {
            name,
            sequence,
            folded,
            teams: teams.map(typed_ids),
            email_template,
            sms_template,
        };
        run(py, || {
            self.desk.update_stage(actor.0, hd::StageId(stage), update)
        })
        .map(Stage)
    }

    /// A team's stages, in pipeline order.
    fn list_stages(&self, py: Python<'_>, actor: Actor, team: i64) -> PyResult<Vec<Stage>> {
        let stages = run(py, || self.desk.list_stages(actor.0, hd::TeamId(team)))?;
        Ok(stages.into_iter().map(Stage).collect())
    }

    /// Creates a tag.
    fn create_tag(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
    ) -> PyResult<Tag> {
        run(py, || {
            self.desk.create_tag(actor.0, hd::CompanyId(company), name)
        })
        .map(Tag)
    }

    /// A company's tags.
    fn list_tags(&self, py: Python<'_>, actor: Actor, company: i64) -> PyResult<Vec<Tag>> {
        let tags = run(py, || self.desk.list_tags(actor.0, hd::CompanyId(company)))?;
        Ok(tags.into_iter().map(Tag).collect())
    }

    /// Creates a ticket type.
    fn create_ticket_type(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
    ) -> PyResult<TicketType> {
        run(py, || {
            self.desk
                .create_ticket_type(actor.0, hd::CompanyId(company), name)
        })
        .map(TicketType)
    }

    /// A company's ticket types.
    fn list_ticket_types(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
    ) -> PyResult<Vec<TicketType>> {
        let types = run(py, || {
            self.desk.list_ticket_types(actor.0, hd::CompanyId(company))
        })?;
        Ok(types.into_iter().map(TicketType).collect())
    }

    // ----- tickets -----

    /// Creates a ticket (agents and the system; customers use `submit_ticket`).
    #[pyo3(signature = (
        actor, *, subject, team = None, company = None, description = None, priority = None,
        ticket_type = None, tags = None, customer = None, assignee = None, product = None,
        lot = None, cc = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        subject: String,
        team: Option<i64>,
        company: Option<i64>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        ticket_type: Option<i64>,
        tags: Option<Vec<i64>>,
        customer: Option<i64>,
        assignee: Option<i64>,
        product: Option<i64>,
        lot: Option<String>,
        cc: Option<Vec<i64>>,
    ) -> PyResult<Ticket> {
        let input = NewTicket::new(
            subject,
            team,
            company,
            description,
            priority,
            ticket_type,
            tags,
            customer,
            assignee,
            product,
            lot,
            cc,
        )
        .0;
        run(py, || self.desk.create_ticket(actor.0, input)).map(Ticket)
    }

    /// Creates several tickets (`NewTicket`s) in one unit of work, each
    /// assigned as if created one after another; all or none are created.
    fn create_tickets(
        &self,
        py: Python<'_>,
        actor: Actor,
        tickets: Vec<NewTicket>,
    ) -> PyResult<Vec<Ticket>> {
        let inputs = tickets.into_iter().map(|t| t.0).collect();
        let tickets = run(py, || self.desk.create_tickets(actor.0, inputs))?;
        Ok(tickets.into_iter().map(Ticket).collect())
    }

    /// Submits a ticket from the customer portal (the actor is a portal user).
    #[pyo3(signature = (actor, *, team, subject, description = None))]
    fn submit_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: i64,
        subject: String,
        description: Option<String>,
    ) -> PyResult<Ticket> {
        let input = hd::Submission {
            team: hd::TeamId(team),
            subject,
            description: description.unwrap_or_default(),
        };
        run(py, || self.desk.submit_ticket(actor.0, input)).map(Ticket)
    }

    /// Changes a ticket; arguments left out are unchanged.
    #[pyo3(signature = (actor, ticket, *, subject = None, description = None, priority = None, tags = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        subject: Option<String>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<i64>>,
    ) -> PyResult<Ticket> {
        let update = hd::TicketUpdate {
            subject,
            description,
            priority: priority.map(|p| p.0),
            tags: tags.map(typed_ids),
        };
        run(py, || {
            self.desk
                .update_ticket(actor.0, hd::TicketId(ticket), update)
        })
        .map(Ticket)
    }

    /// Assigns a ticket to `assignee` (`None` unassigns it).
    fn assign_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        assignee: Option<i64>,
    ) -> PyResult<Ticket> {
        let assignee = assignee.map(hd::UserId);
        run(py, || {
            self.desk
                .assign_ticket(actor.0, hd::TicketId(ticket), assignee)
        })
        .map(Ticket)
    }

    /// Sets (or with `None` clears) a ticket's customer.
    fn set_ticket_customer(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        customer: Option<i64>,
    ) -> PyResult<Ticket> {
        let customer = customer.map(hd::PartnerId);
        run(py, || {
            self.desk
                .set_ticket_customer(actor.0, hd::TicketId(ticket), customer)
        })
        .map(Ticket)
    }

    /// Sets (or with `None` clears) a ticket's type.
    fn set_ticket_type(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        ticket_type: Option<i64>,
    ) -> PyResult<Ticket> {
        let ticket_type = ticket_type.map(hd::TicketTypeId);
        run(py, || {
            self.desk
                .set_ticket_type(actor.0, hd::TicketId(ticket), ticket_type)
        })
        .map(Ticket)
    }

    /// Moves a ticket to another team (`None`: no team); unassigned, it is
    /// assigned automatically, and its SLAs are recomputed.
    fn set_ticket_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        team: Option<i64>,
    ) -> PyResult<Ticket> {
        let team = team.map(hd::TeamId);
        run(py, || {
            self.desk
                .set_ticket_team(actor.0, hd::TicketId(ticket), team)
        })
        .map(Ticket)
    }

    /// Moves a ticket to another stage (a folded stage closes it).
    fn move_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        stage: i64,
    ) -> PyResult<Ticket> {
        run(py, || {
            self.desk
                .move_ticket(actor.0, hd::TicketId(ticket), hd::StageId(stage))
        })
        .map(Ticket)
    }

    /// Archives a ticket.
    fn archive_ticket(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Ticket> {
        run(py, || {
            self.desk.archive_ticket(actor.0, hd::TicketId(ticket))
        })
        .map(Ticket)
    }

    /// Restores an archived ticket.
    fn unarchive_ticket(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Ticket> {
        run(py, || {
            self.desk.unarchive_ticket(actor.0, hd::TicketId(ticket))
        })
        .map(Ticket)
    }

    /// Makes `partner` follow a ticket.
    fn follow_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        partner: i64,
    ) -> PyResult<()> {
        run(py, || {
            self.desk
                .follow_ticket(actor.0, hd::TicketId(ticket), hd::PartnerId(partner))
        })
    }

    /// Makes `partner` stop following a ticket.
    fn unfollow_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        partner: i64,
    ) -> PyResult<()> {
        run(py, || {
            self.desk
                .unfollow_ticket(actor.0, hd::TicketId(ticket), hd::PartnerId(partner))
        })
    }

    /// The partners following a ticket.
    fn ticket_followers(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Vec<i64>> {
        let followers = run(py, || {
            self.desk.ticket_followers(actor.0, hd::TicketId(ticket))
        })?;
        Ok(followers.into_iter().map(|p| p.0).collect())
    }

    /// Posts a public reply (seen by the customer and every follower).
    fn reply_to_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        body: String,
    ) -> PyResult<Message> {
        run(py, || {
            self.desk
                .reply_to_ticket(actor.0, hd::TicketId(ticket), body)
        })
        .map(Message)
    }

    /// Posts an internal note (never shown to portal users).
    fn add_internal_note(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        body: String,
    ) -> PyResult<Message> {
        run(py, || {
            self.desk
                .add_internal_note(actor.0, hd::TicketId(ticket), body)
        })
        .map(Message)
    }

    /// A ticket.
    fn get_ticket(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Ticket> {
        run(py, || self.desk.get_ticket(actor.0, hd::TicketId(ticket))).map(Ticket)
    }

    /// A page of the tickets the actor may see; every filter narrows.
    #[pyo3(signature = (
        actor, *, team = None, stage = None, assignee = None, customer = None, open = None,
        text = None, archived = None, sla_failed = None, sort = None, cursor = None,
        limit = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn list_tickets(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Option<i64>,
        stage: Option<i64>,
        assignee: Option<i64>,
        customer: Option<i64>,
        open: Option<bool>,
        text: Option<String>,
        archived: Option<bool>,
        sla_failed: Option<bool>,
        sort: Option<EnumArg<hd::TicketSort>>,
        cursor: Option<String>,
        limit: Option<u32>,
    ) -> PyResult<TicketPage> {
        let d = hd::TicketQuery::default();
        let query = hd::TicketQuery {
            filter: filter(
                team, stage, assignee, customer, open, text, archived, sla_failed,
            ),
            sort: sort.map_or(d.sort, |s| s.0),
            cursor,
            limit: limit.unwrap_or(d.limit),
        };
        run(py, || self.desk.list_tickets(actor.0, query)).map(TicketPage)
    }

    /// How many tickets the actor may see match the filters.
    #[pyo3(signature = (
        actor, *, team = None, stage = None, assignee = None, customer = None, open = None,
        text = None, archived = None, sla_failed = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn count_tickets(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Option<i64>,
        stage: Option<i64>,
        assignee: Option<i64>,
        customer: Option<i64>,
        open: Option<bool>,
        text: Option<String>,
        archived: Option<bool>,
        sla_failed: Option<bool>,
    ) -> PyResult<u64> {
        let filter = filter(
            team, stage, assignee, customer, open, text, archived, sla_failed,
        );
        run(py, || self.desk.count_tickets(actor.0, filter))
    }

    /// A ticket's messages, oldest first (portal users see no internal notes).
    fn list_messages(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Vec<Message>> {
        let messages = run(py, || {
            self.desk.list_messages(actor.0, hd::TicketId(ticket))
        })?;
        Ok(messages.into_iter().map(Message).collect())
    }

    /// The stages a ticket went through, oldest first.
    fn stage_history(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<Vec<StageChange>> {
        let history = run(py, || {
            self.desk.stage_history(actor.0, hd::TicketId(ticket))
        })?;
        Ok(history.into_iter().map(StageChange).collect())
    }

    // ----- outbox -----

    /// Up to `limit` messages the host must send, oldest first.
    fn pending_outbox(
        &self,
        py: Python<'_>,
        actor: Actor,
        limit: u32,
    ) -> PyResult<Vec<OutboxMessage>> {
        let messages = run(py, || self.desk.pending_outbox(actor.0, limit))?;
        Ok(messages.into_iter().map(OutboxMessage).collect())
    }

    /// Marks outbox messages as sent; returns how many were pending.
    fn acknowledge_outbox(&self, py: Python<'_>, actor: Actor, ids: Vec<i64>) -> PyResult<u32> {
        let ids = typed_ids(ids);
        run(py, || self.desk.acknowledge_outbox(actor.0, ids))
    }

    // ----- working calendars -----

    /// Creates a working calendar of `company` (its managers); `InvalidInput`
    /// for a bad spec (CAL-4).
    #[pyo3(signature = (actor, *, company, name, time_zone, hours, closures = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        time_zone: String,
        hours: Vec<WorkingHours>,
        closures: Option<Vec<Closure>>,
    ) -> PyResult<Calendar> {
        let spec = CalendarSpec::new(time_zone, hours, closures).0;
        let input = hd::NewCalendar {
            company: hd::CompanyId(company),
            name,
            spec,
        };
        run(py, || self.desk.create_calendar(actor.0, input)).map(Calendar)
    }

    /// Renames a calendar and/or replaces its zone, hours and closures
    /// (`spec`, a `CalendarSpec`) (managers).
    #[pyo3(signature = (actor, calendar, *, name = None, spec = None))]
    fn update_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: i64,
        name: Option<String>,
        spec: Option<CalendarSpec>,
    ) -> PyResult<Calendar> {
        let update = hd::CalendarUpdate {
            name,
            spec: spec.map(|s| s.0),
        };
        run(py, || {
            self.desk
                .update_calendar(actor.0, hd::CalendarId(calendar), update)
        })
        .map(Calendar)
    }

    /// A calendar (internal users of its company).
    fn get_calendar(&self, py: Python<'_>, actor: Actor, calendar: i64) -> PyResult<Calendar> {
        run(py, || {
            self.desk.get_calendar(actor.0, hd::CalendarId(calendar))
        })
        .map(Calendar)
    }

    /// The calendars of a company (internal users of it; empty for others).
    fn list_calendars(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
    ) -> PyResult<Vec<Calendar>> {
        let calendars = run(py, || {
            self.desk.list_calendars(actor.0, hd::CompanyId(company))
        })?;
        Ok(calendars.into_iter().map(Calendar).collect())
    }

    /// The instant (UTC) at which `duration` of working time has elapsed
    /// after `start` on a stored calendar (CAL-2).
    fn add_working_time(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: i64,
        start: Instant,
        duration: TimeDelta,
    ) -> PyResult<DateTime<Utc>> {
        run(py, || {
            self.desk
                .add_working_time(actor.0, hd::CalendarId(calendar), start.0, duration)
        })
    }

    /// The working time inside `[a, b)` on a stored calendar; negative when
    /// `b` is before `a` (CAL-2).
    fn working_time_between(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: i64,
        a: Instant,
        b: Instant,
    ) -> PyResult<TimeDelta> {
        run(py, || {
            self.desk
                .working_time_between(actor.0, hd::CalendarId(calendar), a.0, b.0)
        })
    }

    // ----- assignment -----

    /// Sets (or with `None` clears) a user's own working calendar, which must
    /// belong to one of their companies (the user, managers).
    fn set_user_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: i64,
        calendar: Option<i64>,
    ) -> PyResult<User> {
        let calendar = calendar.map(hd::CalendarId);
        run(py, || {
            self.desk
                .set_user_calendar(actor.0, hd::UserId(user), calendar)
        })
        .map(User)
    }

    /// Records a leave (time off) of an employee from `from_` (inclusive) to
    /// `to` (exclusive) (the user, managers).
    #[pyo3(signature = (actor, *, user, from_, to, reason = None))]
    fn create_leave(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: i64,
        from_: Instant,
        to: Instant,
        reason: Option<String>,
    ) -> PyResult<Leave> {
        let input = hd::NewLeave {
            user: hd::UserId(user),
            from: from_.0,
            to: to.0,
            reason: reason.unwrap_or_default(),
        };
        run(py, || self.desk.create_leave(actor.0, input)).map(Leave)
    }

    /// Deletes a leave (the user, managers).
    fn delete_leave(&self, py: Python<'_>, actor: Actor, leave: i64) -> PyResult<()> {
        run(py, || self.desk.delete_leave(actor.0, hd::LeaveId(leave)))
    }

    /// A user's leaves, by start.
    fn list_leaves(&self, py: Python<'_>, actor: Actor, user: i64) -> PyResult<Vec<Leave>> {
        let leaves = run(py, || self.desk.list_leaves(actor.0, hd::UserId(user)))?;
        Ok(leaves.into_iter().map(Leave).collect())
    }

    /// Who automatic assignment would give a new ticket of `team` now
    /// (`None`: auto-assignment off or nobody can take it). Agents.
    fn suggest_assignee(&self, py: Python<'_>, actor: Actor, team: i64) -> PyResult<Option<i64>> {
        let user = run(py, || self.desk.suggest_assignee(actor.0, hd::TeamId(team)))?;
        Ok(raw_opt(user))
    }

    // ----- SLA -----

    /// Creates an SLA policy for a team (managers); existing tickets get it
    /// when they next change.
    #[pyo3(signature = (
        actor, *, team, name, target_stage, within, description = None, priority = None,
        tags = None, customers = None, ticket_types = None, excluded_stages = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_sla_policy(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: i64,
        name: String,
        target_stage: i64,
        within: Within,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<i64>>,
        customers: Option<Vec<i64>>,
        ticket_types: Option<Vec<i64>>,
        excluded_stages: Option<Vec<i64>>,
    ) -> PyResult<SlaPolicy> {
        let input = hd::NewSlaPolicy {
            team: hd::TeamId(team),
            name,
            description: description.unwrap_or_default(),
            priority: priority.map(|p| p.0).unwrap_or_default(),
            tags: tags.map(typed_ids).unwrap_or_default(),
            customers: customers.map(typed_ids).unwrap_or_default(),
            ticket_types: ticket_types.map(typed_ids).unwrap_or_default(),
            target_stage: hd::StageId(target_stage),
            excluded_stages: excluded_stages.map(typed_ids).unwrap_or_default(),
            within: within.0,
        };
        run(py, || self.desk.create_sla_policy(actor.0, input)).map(SlaPolicy)
    }

    /// Changes an SLA policy (managers); arguments left out are unchanged,
    /// `active=False` archives it.
    #[pyo3(signature = (
        actor, policy, *, name = None, description = None, priority = None, tags = None,
        customers = None, ticket_types = None, target_stage = None, excluded_stages = None,
        within = None, active = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_sla_policy(
        &self,
        py: Python<'_>,
        actor: Actor,
        policy: i64,
        name: Option<String>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<i64>>,
        customers: Option<Vec<i64>>,
        ticket_types: Option<Vec<i64>>,
        target_stage: Option<i64>,
        excluded_stages: Option<Vec<i64>>,
        within: Option<Within>,
        active: Option<bool>,
    ) -> PyResult<SlaPolicy> {
        let update = hd::SlaPolicyUpdate {
            name,
            description,
            priority: priority.map(|p| p.0),
            tags: tags.map(typed_ids),
            customers: customers.map(typed_ids),
            ticket_types: ticket_types.map(typed_ids),
            target_stage: target_stage.map(hd::StageId),
            excluded_stages: excluded_stages.map(typed_ids),
            within: within.map(|w| w.0),
            active,
        };
        run(py, || {
            self.desk
                .update_sla_policy(actor.0, hd::SlaPolicyId(policy), update)
        })
        .map(SlaPolicy)
    }

    /// An SLA policy (internal users of its company).
    fn get_sla_policy(&self, py: Python<'_>, actor: Actor, policy: i64) -> PyResult<SlaPolicy> {
        run(py, || {
            self.desk.get_sla_policy(actor.0, hd::SlaPolicyId(policy))
        })
        .map(SlaPolicy)
    }

    /// A team's SLA policies, by id (internal users who see the team).
    fn list_sla_policies(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: i64,
    ) -> PyResult<Vec<SlaPolicy>> {
        let policies = run(py, || {
            self.desk.list_sla_policies(actor.0, hd::TeamId(team))
        })?;
        Ok(policies.into_iter().map(SlaPolicy).collect())
    }

    /// A ticket's SLA statuses as they stand now (internal users who see it).
    fn ticket_sla_statuses(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<Vec<SlaStatusView>> {
        let statuses = run(py, || {
            self.desk.ticket_sla_statuses(actor.0, hd::TicketId(ticket))
        })?;
        Ok(statuses.into_iter().map(SlaStatusView).collect())
    }

    /// The SLA report of a company, optionally narrowed to a team, a policy
    /// and tickets created in `[from_, to)` (managers; agents for a team
    /// they work in).
    #[pyo3(signature = (actor, *, company, team = None, policy = None, from_ = None, to = None))]
    #[allow(clippy::too_many_arguments)]
    fn sla_report(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        team: Option<i64>,
        policy: Option<i64>,
        from_: Option<Instant>,
        to: Option<Instant>,
    ) -> PyResult<SlaReport> {
        let query = hd::SlaReportQuery {
            company: hd::CompanyId(company),
            team: team.map(hd::TeamId),
            policy: policy.map(hd::SlaPolicyId),
            from: from_.map(|i| i.0),
            to: to.map(|i| i.0),
        };
        run(py, || self.desk.sla_report(actor.0, query)).map(SlaReport)
    }

    // ----- commerce recorded by the host -----

    /// Sets the rounding (`decimals`, at most 12) of a currency whose ISO
    /// 4217 one does not suit (the host, managers).
    fn define_currency(
        &self,
        py: Python<'_>,
        actor: Actor,
        code: String,
        decimals: u32,
    ) -> PyResult<Currency> {
        run(py, || self.desk.define_currency(actor.0, code, decimals)).map(Currency)
    }

    /// Records a product (the host, managers); a service has a
    /// `service_policy` and is sold in a working-time `unit` (default Hours).
    #[pyo3(signature = (
        actor, *, company, name, tracking = None, sale_price = None, taxes = None, unit = None,
        service_policy = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_product(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        tracking: Option<EnumArg<hd::Tracking>>,
        sale_price: Option<DecimalArg>,
        taxes: Option<Vec<i64>>,
        unit: Option<i64>,
        service_policy: Option<EnumArg<hd::ServicePolicy>>,
    ) -> PyResult<Product> {
        let input = hd::NewProduct {
            company: hd::CompanyId(company),
            name,
            tracking: tracking.map(|t| t.0).unwrap_or_default(),
            sale_price: opt_decimal(py, "sale_price", sale_price.as_ref())?.unwrap_or_default(),
            taxes: taxes.map(typed_ids).unwrap_or_default(),
            unit: unit.map(hd::UnitId),
            service_policy: service_policy.map(|p| p.0),
        };
        run(py, || self.desk.create_product(actor.0, input)).map(Product)
    }

    /// Records a tax of `percent` (0 to 100) (the host, managers).
    #[pyo3(signature = (actor, *, company, name, percent, price_included = None))]
    fn create_tax(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        percent: DecimalArg,
        price_included: Option<bool>,
    ) -> PyResult<Tax> {
        let input = hd::NewTax {
            company: hd::CompanyId(company),
            name,
            percent: decimal(py, "percent", &percent)?,
            price_included: price_included.unwrap_or_default(),
        };
        run(py, || self.desk.create_tax(actor.0, input)).map(Tax)
    }

    /// Records a journal (the host, managers); `code` (1 to 5 letters or
    /// digits) prefixes its numbers.
    #[pyo3(signature = (actor, *, company, name, code, kind))]
    fn create_journal(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        code: String,
        kind: EnumArg<hd::JournalKind>,
    ) -> PyResult<Journal> {
        let input = hd::NewJournal {
            company: hd::CompanyId(company),
            name,
            code,
            kind: kind.0,
        };
        run(py, || self.desk.create_journal(actor.0, input)).map(Journal)
    }

    /// Records a draft sales order of `lines` (`SaleOrderLine`s) in
    /// `currency` (an ISO 4217 code) (the host, managers); upsell alerts go
    /// to the `salesperson`.
    #[pyo3(signature = (actor, *, company, customer, currency, lines, salesperson = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        customer: i64,
        currency: String,
        lines: Vec<SaleOrderLine>,
        salesperson: Option<i64>,
    ) -> PyResult<SaleOrder> {
        let input = hd::NewSaleOrder {
            company: hd::CompanyId(company),
            customer: hd::PartnerId(customer),
            currency,
            lines: lines.into_iter().map(|l| l.0).collect(),
            salesperson: salesperson.map(hd::UserId),
        };
        run(py, || self.desk.create_sale_order(actor.0, input)).map(SaleOrder)
    }

    /// Confirms a draft sales order (the host, managers).
    fn confirm_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: i64,
    ) -> PyResult<SaleOrder> {
        run(py, || {
            self.desk
                .confirm_sale_order(actor.0, hd::SaleOrderId(sale_order))
        })
        .map(SaleOrder)
    }

    /// A sales order (internal users of its company).
    fn get_sale_order(&self, py: Python<'_>, actor: Actor, sale_order: i64) -> PyResult<SaleOrder> {
        run(py, || {
            self.desk
                .get_sale_order(actor.0, hd::SaleOrderId(sale_order))
        })
        .map(SaleOrder)
    }

    /// Records a draft customer invoice of `lines` (`NewInvoiceLine`s) in a
    /// sale `journal` (the host, managers); `date` defaults to today.
    #[pyo3(signature = (
        actor, *, company, customer, journal, currency, lines, date = None, sale_order = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        customer: i64,
        journal: i64,
        currency: String,
        lines: Vec<NewInvoiceLine>,
        date: Option<DateArg>,
        sale_order: Option<i64>,
    ) -> PyResult<Invoice> {
        let input = hd::NewInvoice {
            company: hd::CompanyId(company),
            customer: hd::PartnerId(customer),
            journal: hd::JournalId(journal),
            currency,
            date: opt_date(date),
            sale_order: sale_order.map(hd::SaleOrderId),
            lines: lines.into_iter().map(|l| l.0).collect(),
        };
        run(py, || self.desk.create_invoice(actor.0, input)).map(Invoice)
    }

    /// An invoice or credit note (internal users of its company).
    fn get_invoice(&self, py: Python<'_>, actor: Actor, invoice: i64) -> PyResult<Invoice> {
        run(py, || {
            self.desk.get_invoice(actor.0, hd::InvoiceId(invoice))
        })
        .map(Invoice)
    }

    /// Records a posted invoice's payment state as the ERP has it (the
    /// host, managers).
    fn set_payment_state(
        &self,
        py: Python<'_>,
        actor: Actor,
        invoice: i64,
        payment_state: EnumArg<hd::PaymentState>,
    ) -> PyResult<Invoice> {
        run(py, || {
            self.desk
                .set_payment_state(actor.0, hd::InvoiceId(invoice), payment_state.0)
        })
        .map(Invoice)
    }

    /// Posts a draft invoice (the host, managers) or credit note (checked
    /// against what is left on its invoice; a ticket's agents).
    fn post_invoice(&self, py: Python<'_>, actor: Actor, invoice: i64) -> PyResult<Invoice> {
        run(py, || {
            self.desk.post_invoice(actor.0, hd::InvoiceId(invoice))
        })
        .map(Invoice)
    }

    /// Cancels a draft or posted invoice or credit note; a cancelled credit
    /// note gives its amounts back to its invoice.
    fn cancel_invoice(&self, py: Python<'_>, actor: Actor, invoice: i64) -> PyResult<Invoice> {
        run(py, || {
            self.desk.cancel_invoice(actor.0, hd::InvoiceId(invoice))
        })
        .map(Invoice)
    }

    // ----- refunds by credit note -----

    /// The posted invoices of the ticket's customer with something left to
    /// refund, newest first, narrowed by sales order and product (agents).
    #[pyo3(signature = (actor, ticket, *, sale_order = None, product = None))]
    fn refundable_invoices(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        sale_order: Option<i64>,
        product: Option<i64>,
    ) -> PyResult<Vec<RefundableInvoice>> {
        let filter = hd::RefundFilter {
            sale_order: sale_order.map(hd::SaleOrderId),
            product: product.map(hd::ProductId),
        };
        let invoices = run(py, || {
            self.desk
                .refundable_invoices(actor.0, hd::TicketId(ticket), filter)
        })?;
        Ok(invoices.into_iter().map(RefundableInvoice).collect())
    }

    /// The refund wizard's defaults for a ticket (agents).
    fn refund_defaults(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<RefundDefaults> {
        run(py, || {
            self.desk.refund_defaults(actor.0, hd::TicketId(ticket))
        })
        .map(RefundDefaults)
    }

    /// A draft credit note for what is left of a posted invoice, linked to
    /// the ticket; edit it down for a partial refund, then post it.
    #[pyo3(signature = (actor, ticket, *, invoice, reason = None, journal = None, reversal_date = None))]
    #[allow(clippy::too_many_arguments)]
    fn reverse_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        invoice: i64,
        reason: Option<String>,
        journal: Option<i64>,
        reversal_date: Option<DateArg>,
    ) -> PyResult<Invoice> {
        let reversal = reversal(invoice, reason, journal, reversal_date);
        run(py, || {
            self.desk
                .reverse_invoice(actor.0, hd::TicketId(ticket), reversal)
        })
        .map(Invoice)
    }

    /// A credit note for the whole invoice, posted (or scheduled for a
    /// future `reversal_date`), and a draft copy of the invoice.
    #[pyo3(signature = (actor, ticket, *, invoice, reason = None, journal = None, reversal_date = None))]
    #[allow(clippy::too_many_arguments)]
    fn reverse_and_reinvoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        invoice: i64,
        reason: Option<String>,
        journal: Option<i64>,
        reversal_date: Option<DateArg>,
    ) -> PyResult<Reinvoice> {
        let reversal = reversal(invoice, reason, journal, reversal_date);
        run(py, || {
            self.desk
                .reverse_and_reinvoice(actor.0, hd::TicketId(ticket), reversal)
        })
        .map(Reinvoice)
    }

    /// Edits line `line` (from 0) of a draft credit note down (a partial
    /// refund); arguments left out are unchanged.
    #[pyo3(signature = (actor, credit_note, line, *, quantity = None, unit_price = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_credit_note_line(
        &self,
        py: Python<'_>,
        actor: Actor,
        credit_note: i64,
        line: u32,
        quantity: Option<DecimalArg>,
        unit_price: Option<DecimalArg>,
    ) -> PyResult<Invoice> {
        let update = hd::CreditLineUpdate {
            quantity: opt_decimal(py, "quantity", quantity.as_ref())?,
            unit_price: opt_decimal(py, "unit_price", unit_price.as_ref())?,
        };
        run(py, || {
            self.desk
                .update_credit_note_line(actor.0, hd::InvoiceId(credit_note), line, update)
        })
        .map(Invoice)
    }

    /// Posts the scheduled credit notes due as of `at` (a timezone-aware
    /// datetime, default the desk's clock; later than now is `InvalidInput`)
    /// (the host, managers; run it daily); returns what was posted.
    #[pyo3(signature = (actor, *, at = None))]
    fn post_due_credit_notes(
        &self,
        py: Python<'_>,
        actor: Actor,
        at: Option<Instant>,
    ) -> PyResult<Vec<Invoice>> {
        let at = at.map(|i| i.0);
        let posted = run(py, || self.desk.post_due_credit_notes(actor.0, at))?;
        Ok(posted.into_iter().map(Invoice).collect())
    }

    /// A ticket's credit notes (internal users who see the ticket).
    fn ticket_credit_notes(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<Vec<Invoice>> {
        let notes = run(py, || {
            self.desk.ticket_credit_notes(actor.0, hd::TicketId(ticket))
        })?;
        Ok(notes.into_iter().map(Invoice).collect())
    }

    // ----- coupons -----

    /// Creates a coupon program (managers).
    #[pyo3(signature = (
        actor, *, company, name, currency, reward, conditions = None, valid_from = None,
        valid_until = None, usage_limit = None, points_per_use = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_coupon_program(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        currency: String,
        reward: Reward,
        conditions: Option<RewardConditions>,
        valid_from: Option<DateArg>,
        valid_until: Option<DateArg>,
        usage_limit: Option<u32>,
        points_per_use: Option<u32>,
    ) -> PyResult<CouponProgram> {
        let input = hd::NewCouponProgram {
            company: hd::CompanyId(company),
            name,
            currency,
            reward: reward.0,
            conditions: conditions.map(|c| c.0).unwrap_or_default(),
            valid_from: opt_date(valid_from),
            valid_until: opt_date(valid_until),
            usage_limit,
            points_per_use,
        };
        run(py, || self.desk.create_coupon_program(actor.0, input)).map(CouponProgram)
    }

    /// A coupon program (internal users of its company).
    fn get_coupon_program(
        &self,
        py: Python<'_>,
        actor: Actor,
        program: i64,
    ) -> PyResult<CouponProgram> {
        run(py, || {
            self.desk
                .get_coupon_program(actor.0, hd::CouponProgramId(program))
        })
        .map(CouponProgram)
    }

    /// A coupon of `program` for the ticket's customer, with a random code
    /// (agents); `points` defaults to 1, `valid_until` to never expiring.
    #[pyo3(signature = (actor, ticket, *, program, points = None, valid_until = None))]
    fn generate_coupon(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        program: i64,
        points: Option<u32>,
        valid_until: Option<DateArg>,
    ) -> PyResult<Coupon> {
        let input = hd::NewCoupon {
            program: hd::CouponProgramId(program),
            points,
            valid_until: opt_date(valid_until),
        };
        run(py, || {
            self.desk
                .generate_coupon(actor.0, hd::TicketId(ticket), input)
        })
        .map(Coupon)
    }

    /// A coupon (internal users of its company).
    fn get_coupon(&self, py: Python<'_>, actor: Actor, coupon: i64) -> PyResult<Coupon> {
        run(py, || self.desk.get_coupon(actor.0, hd::CouponId(coupon))).map(Coupon)
    }

    /// A ticket's coupons (internal users who see the ticket).
    fn ticket_coupons(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Vec<Coupon>> {
        let coupons = run(py, || {
            self.desk.ticket_coupons(actor.0, hd::TicketId(ticket))
        })?;
        Ok(coupons.into_iter().map(Coupon).collect())
    }

    /// E-mails the coupon's code to its customer through the outbox (agents).
    fn send_coupon(&self, py: Python<'_>, actor: Actor, coupon: i64) -> PyResult<OutboxMessage> {
        run(py, || self.desk.send_coupon(actor.0, hd::CouponId(coupon))).map(OutboxMessage)
    }

    /// The link sharing a coupon: `{base_url}/coupon/{code}?r={redirect}`
    /// (`redirect` defaults to `/shop`). Internal users of its company.
    #[pyo3(signature = (actor, coupon, base_url, redirect = None))]
    fn coupon_share_link(
        &self,
        py: Python<'_>,
        actor: Actor,
        coupon: i64,
        base_url: String,
        redirect: Option<String>,
    ) -> PyResult<String> {
        run(py, || {
            self.desk
                .coupon_share_link(actor.0, hd::CouponId(coupon), base_url, redirect)
        })
    }

    /// Redeems the coupon with `code` (as typed), consuming its points
    /// atomically; refusals raise `InvalidInput` (`coupon_unknown`,
    /// `coupon_mistyped`) or `InvalidState` (`coupon_expired`, `coupon_used`,
    /// `coupon_reserved`). The host, agents, portal users for themselves.
    #[pyo3(signature = (actor, *, company, code, partner = None, sale_order = None))]
    fn redeem_coupon(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        code: String,
        partner: Option<i64>,
        sale_order: Option<i64>,
    ) -> PyResult<Redeemed> {
        let input = hd::Redemption {
            company: hd::CompanyId(company),
            code,
            partner: partner.map(hd::PartnerId),
            sale_order: sale_order.map(hd::SaleOrderId),
        };
        run(py, || self.desk.redeem_coupon(actor.0, input)).map(Redeemed)
    }

    // ----- support hours -----

    /// Creates a unit category (managers).
    fn create_unit_category(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
    ) -> PyResult<UnitCategory> {
        run(py, || {
            self.desk
                .create_unit_category(actor.0, hd::CompanyId(company), name)
        })
        .map(UnitCategory)
    }

    /// Creates a unit of `category` defined by its `ratio` to the
    /// category's reference unit; `rounding` defaults to 0.01 (managers).
    #[pyo3(signature = (actor, *, company, category, name, ratio, rounding = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_unit(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        category: i64,
        name: String,
        ratio: DecimalArg,
        rounding: Option<DecimalArg>,
    ) -> PyResult<Unit> {
        let input = hd::NewUnit {
            company: hd::CompanyId(company),
            category: hd::UnitCategoryId(category),
            name,
            ratio: decimal(py, "ratio", &ratio)?,
            rounding: opt_decimal(py, "rounding", rounding.as_ref())?,
        };
        run(py, || self.desk.create_unit(actor.0, input)).map(Unit)
    }

    /// The company's units, its working-time Hours and Days created first
    /// if needed (internal users).
    fn list_units(&self, py: Python<'_>, actor: Actor, company: i64) -> PyResult<Vec<Unit>> {
        let units = run(py, || self.desk.list_units(actor.0, hd::CompanyId(company)))?;
        Ok(units.into_iter().map(Unit).collect())
    }

    /// `quantity` of unit `from_` in unit `to` (same category), rounded to
    /// `to`'s rounding (`from` in the core).
    fn convert_quantity(
        &self,
        py: Python<'_>,
        actor: Actor,
        quantity: DecimalArg,
        from_: i64,
        to: i64,
    ) -> PyResult<Decimal> {
        let quantity = decimal(py, "quantity", &quantity)?;
        run(py, || {
            self.desk
                .convert_quantity(actor.0, quantity, hd::UnitId(from_), hd::UnitId(to))
        })
    }

    /// Sets the company's hours per working day (the Days unit) and upsell
    /// threshold in percent (managers); arguments left out are unchanged.
    #[pyo3(signature = (actor, company, *, hours_per_day = None, upsell_threshold = None))]
    fn set_support_hours(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        hours_per_day: Option<DecimalArg>,
        upsell_threshold: Option<DecimalArg>,
    ) -> PyResult<Company> {
        let update = hd::SupportHoursUpdate {
            hours_per_day: opt_decimal(py, "hours_per_day", hours_per_day.as_ref())?,
            upsell_threshold: opt_decimal(py, "upsell_threshold", upsell_threshold.as_ref())?,
        };
        run(py, || {
            self.desk
                .set_support_hours(actor.0, hd::CompanyId(company), update)
        })
        .map(Company)
    }

    /// Marks a confirmed order done: nothing more to deliver, off the
    /// upsell list (the host, managers).
    fn mark_sale_order_done(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: i64,
    ) -> PyResult<SaleOrder> {
        run(py, || {
            self.desk
                .mark_sale_order_done(actor.0, hd::SaleOrderId(sale_order))
        })
        .map(SaleOrder)
    }

    /// Cancels a draft or confirmed order (the host, managers).
    fn cancel_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: i64,
    ) -> PyResult<SaleOrder> {
        run(py, || {
            self.desk
                .cancel_sale_order(actor.0, hd::SaleOrderId(sale_order))
        })
        .map(SaleOrder)
    }

    /// A draft invoice, in a sale `journal`, of what a confirmed order may
    /// bill now: prepaid lines for their ordered quantity not yet invoiced,
    /// post-paid lines for the time delivered and not yet billed (the host,
    /// managers).
    fn invoice_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: i64,
        journal: i64,
    ) -> PyResult<Invoice> {
        run(py, || {
            self.desk.invoice_sale_order(
                actor.0,
                hd::SaleOrderId(sale_order),
                hd::JournalId(journal),
            )
        })
        .map(Invoice)
    }

    /// Logs time on a ticket of a team that tracks time (agents); it
    /// charges the ticket's order line. `unit` defaults to Hours, `date` to
    /// today, `agent` to the acting user.
    #[pyo3(signature = (
        actor, ticket, *, quantity, unit = None, description = None, date = None, agent = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn log_time(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        quantity: DecimalArg,
        unit: Option<i64>,
        description: Option<String>,
        date: Option<DateArg>,
        agent: Option<i64>,
    ) -> PyResult<TimeEntry> {
        let input = hd::NewTimeEntry {
            quantity: decimal(py, "quantity", &quantity)?,
            unit: unit.map(hd::UnitId),
            description: description.unwrap_or_default(),
            date: opt_date(date),
            agent: agent.map(hd::UserId),
        };
        run(py, || {
            self.desk.log_time(actor.0, hd::TicketId(ticket), input)
        })
        .map(TimeEntry)
    }

    /// Changes a time entry not yet billed (agents); arguments left out are
    /// unchanged.
    #[pyo3(signature = (
        actor, entry, *, quantity = None, unit = None, description = None, date = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_time_entry(
        &self,
        py: Python<'_>,
        actor: Actor,
        entry: i64,
        quantity: Option<DecimalArg>,
        unit: Option<i64>,
        description: Option<String>,
        date: Option<DateArg>,
    ) -> PyResult<TimeEntry> {
        let update = hd::TimeEntryUpdate {
            quantity: opt_decimal(py, "quantity", quantity.as_ref())?,
            unit: unit.map(hd::UnitId),
            description,
            date: opt_date(date),
        };
        run(py, || {
            self.desk
                .update_time_entry(actor.0, hd::TimeEntryId(entry), update)
        })
        .map(TimeEntry)
    }

    /// Deletes a time entry not yet billed (agents).
    fn delete_time_entry(&self, py: Python<'_>, actor: Actor, entry: i64) -> PyResult<()> {
        run(py, || {
            self.desk.delete_time_entry(actor.0, hd::TimeEntryId(entry))
        })
    }

    /// A ticket's time entries, by id (internal users who see it).
    fn ticket_time_entries(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<Vec<TimeEntry>> {
        let entries = run(py, || {
            self.desk.ticket_time_entries(actor.0, hd::TicketId(ticket))
        })?;
        Ok(entries.into_iter().map(TimeEntry).collect())
    }

    /// Charges a ticket's time to another service line (an `OrderLineRef`)
    /// of the same customer, or with `None` to none (agents); its unbilled
    /// entries follow.
    fn set_ticket_sale_line(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        sale_line: Option<OrderLineRef>,
    ) -> PyResult<Ticket> {
        let line = sale_line.map(|l| l.0);
        run(py, || {
            self.desk
                .set_ticket_sale_line(actor.0, hd::TicketId(ticket), line)
        })
        .map(Ticket)
    }

    /// A ticket's logged hours and the hours left on its contract (internal
    /// users who see it).
    fn ticket_hours(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<TicketHours> {
        run(py, || self.desk.ticket_hours(actor.0, hd::TicketId(ticket))).map(TicketHours)
    }

    /// A customer's support contracts: the service lines of their confirmed
    /// orders with their balances (internal users of the company; portal
    /// users for their own company).
    fn customer_contracts(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        customer: i64,
    ) -> PyResult<Vec<ContractLine>> {
        let lines = run(py, || {
            self.desk
                .customer_contracts(actor.0, hd::CompanyId(company), hd::PartnerId(customer))
        })?;
        Ok(lines.into_iter().map(ContractLine).collect())
    }

    /// The confirmed orders with a prepaid line delivered beyond what was
    /// ordered (internal users of the company).
    fn upsell_orders(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
    ) -> PyResult<Vec<SaleOrder>> {
        let orders = run(py, || {
            self.desk.upsell_orders(actor.0, hd::CompanyId(company))
        })?;
        Ok(orders.into_iter().map(SaleOrder).collect())
    }

    // ----- stock and returns -----

    /// Records a stock location (the host, managers).
    #[pyo3(signature = (actor, *, company, name, kind))]
    fn create_location(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        kind: EnumArg<hd::LocationKind>,
    ) -> PyResult<Location> {
        let input = hd::NewLocation {
            company: hd::CompanyId(company),
            name,
            kind: kind.0,
        };
        run(py, || self.desk.create_location(actor.0, input)).map(Location)
    }

    /// Records a delivery of `lines` (`TransferLine`s) to a customer, from an
    /// internal `source` to a customer `destination`, ready to go (the host,
    /// managers).
    #[pyo3(signature = (actor, *, company, customer, source, destination, lines, sale_order = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_delivery(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        customer: i64,
        source: i64,
        destination: i64,
        lines: Vec<TransferLine>,
        sale_order: Option<i64>,
    ) -> PyResult<Transfer> {
        let input = hd::NewDelivery {
            company: hd::CompanyId(company),
            customer: hd::PartnerId(customer),
            sale_order: sale_order.map(hd::SaleOrderId),
            source: hd::LocationId(source),
            destination: hd::LocationId(destination),
            lines: lines.into_iter().map(|l| l.0).collect(),
        };
        run(py, || self.desk.create_delivery(actor.0, input)).map(Transfer)
    }

    /// Validates a ready transfer: the goods moved (the host, managers, and
    /// agents for the returns of their tickets).
    fn validate_transfer(&self, py: Python<'_>, actor: Actor, transfer: i64) -> PyResult<Transfer> {
        run(py, || {
            self.desk
                .validate_transfer(actor.0, hd::TransferId(transfer))
        })
        .map(Transfer)
    }

    /// Cancels a transfer not yet done.
    fn cancel_transfer(&self, py: Python<'_>, actor: Actor, transfer: i64) -> PyResult<Transfer> {
        run(py, || {
            self.desk.cancel_transfer(actor.0, hd::TransferId(transfer))
        })
        .map(Transfer)
    }

    /// A transfer (internal users of its company; portal users for the
    /// returns of tickets they see).
    fn get_transfer(&self, py: Python<'_>, actor: Actor, transfer: i64) -> PyResult<Transfer> {
        run(py, || {
            self.desk.get_transfer(actor.0, hd::TransferId(transfer))
        })
        .map(Transfer)
    }

    /// The done deliveries of the ticket's customer with something left to
    /// return, narrowed by sales order and product (agents).
    #[pyo3(signature = (actor, ticket, *, sale_order = None, product = None))]
    fn returnable_deliveries(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        sale_order: Option<i64>,
        product: Option<i64>,
    ) -> PyResult<Vec<ReturnableDelivery>> {
        let filter = hd::ReturnFilter {
            sale_order: sale_order.map(hd::SaleOrderId),
            product: product.map(hd::ProductId),
        };
        let deliveries = run(py, || {
            self.desk
                .returnable_deliveries(actor.0, hd::TicketId(ticket), filter)
        })?;
        Ok(deliveries.into_iter().map(ReturnableDelivery).collect())
    }

    /// The incoming return of a done `delivery` (agents of a team with
    /// returns on): `lines` (`ReturnQuantity`s; default everything
    /// returnable), to `location` (default the delivery's source).
    #[pyo3(signature = (actor, ticket, *, delivery, lines = None, location = None))]
    fn return_products(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        delivery: i64,
        lines: Option<Vec<ReturnQuantity>>,
        location: Option<i64>,
    ) -> PyResult<Transfer> {
        let request = return_request(delivery, lines, location);
        run(py, || {
            self.desk
                .return_products(actor.0, hd::TicketId(ticket), request)
        })
        .map(Transfer)
    }

    /// The return (as `return_products`) and the outgoing delivery of the
    /// same products and quantities (agents).
    #[pyo3(signature = (actor, ticket, *, delivery, lines = None, location = None))]
    fn return_for_exchange(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        delivery: i64,
        lines: Option<Vec<ReturnQuantity>>,
        location: Option<i64>,
    ) -> PyResult<Exchange> {
        let request = return_request(delivery, lines, location);
        run(py, || {
            self.desk
                .return_for_exchange(actor.0, hd::TicketId(ticket), request)
        })
        .map(Exchange)
    }

    /// The returns made from a ticket (internal users who see it).
    fn ticket_returns(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Vec<Transfer>> {
        let returns = run(py, || {
            self.desk.ticket_returns(actor.0, hd::TicketId(ticket))
        })?;
        Ok(returns.into_iter().map(Transfer).collect())
    }

    // ----- repairs -----

    /// A repair order from a ticket (agents of a team with repairs on),
    /// taking the ticket's customer, product, lot, return and sales order
    /// unless given; `scheduled_date` defaults to today.
    #[pyo3(signature = (
        actor, ticket, *, customer = None, product = None, lot = None, return_transfer = None,
        sale_order = None, scheduled_date = None, responsible = None, tags = None,
        under_warranty = None, notes = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn create_repair(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        customer: Option<i64>,
        product: Option<i64>,
        lot: Option<String>,
        return_transfer: Option<i64>,
        sale_order: Option<i64>,
        scheduled_date: Option<DateArg>,
        responsible: Option<i64>,
        tags: Option<Vec<String>>,
        under_warranty: Option<bool>,
        notes: Option<String>,
    ) -> PyResult<Repair> {
        let d = hd::NewRepair::default();
        let input = hd::NewRepair {
            customer: customer.map(hd::PartnerId),
            product: product.map(hd::ProductId),
            lot,
            return_transfer: return_transfer.map(hd::TransferId),
            sale_order: sale_order.map(hd::SaleOrderId),
            scheduled_date: opt_date(scheduled_date),
            responsible: responsible.map(hd::UserId),
            tags: tags.unwrap_or(d.tags),
            under_warranty: under_warranty.unwrap_or(d.under_warranty),
            notes: notes.unwrap_or(d.notes),
        };
        run(py, || {
            self.desk
                .create_repair(actor.0, hd::TicketId(ticket), input)
        })
        .map(Repair)
    }

    /// A repair, to whoever sees its ticket.
    fn get_repair(&self, py: Python<'_>, actor: Actor, repair: i64) -> PyResult<Repair> {
        run(py, || self.desk.get_repair(actor.0, hd::RepairId(repair))).map(Repair)
    }

    /// The repairs of a ticket, to whoever sees it.
    fn ticket_repairs(&self, py: Python<'_>, actor: Actor, ticket: i64) -> PyResult<Vec<Repair>> {
        let repairs = run(py, || {
            self.desk.ticket_repairs(actor.0, hd::TicketId(ticket))
        })?;
        Ok(repairs.into_iter().map(Repair).collect())
    }

    /// Changes a repair's warranty (on: every part's price becomes zero;
    /// off: each part takes its product's price back), date, responsible,
    /// tags or notes (agents); arguments left out are unchanged.
    #[pyo3(signature = (
        actor, repair, *, under_warranty = None, scheduled_date = None, responsible = None,
        tags = None, notes = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_repair(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: i64,
        under_warranty: Option<bool>,
        scheduled_date: Option<DateArg>,
        responsible: Option<i64>,
        tags: Option<Vec<String>>,
        notes: Option<String>,
    ) -> PyResult<Repair> {
        let update = hd::RepairUpdate {
            under_warranty,
            scheduled_date: opt_date(scheduled_date),
            responsible: responsible.map(hd::UserId),
            tags,
            notes,
        };
        run(py, || {
            self.desk
                .update_repair(actor.0, hd::RepairId(repair), update)
        })
        .map(Repair)
    }

    /// Adds a part (agents); `unit_price` defaults to the product's, and is
    /// zero under warranty.
    #[pyo3(signature = (actor, repair, *, product, quantity, unit_price = None))]
    fn add_repair_part(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: i64,
        product: i64,
        quantity: DecimalArg,
        unit_price: Option<DecimalArg>,
    ) -> PyResult<Repair> {
        let part = hd::NewRepairPart {
            product: hd::ProductId(product),
            quantity: decimal(py, "quantity", &quantity)?,
            unit_price: opt_decimal(py, "unit_price", unit_price.as_ref())?,
        };
        run(py, || {
            self.desk
                .add_repair_part(actor.0, hd::RepairId(repair), part)
        })
        .map(Repair)
    }

    /// Removes the part at `index` (from 0) (agents).
    fn remove_repair_part(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: i64,
        index: u32,
    ) -> PyResult<Repair> {
        run(py, || {
            self.desk
                .remove_repair_part(actor.0, hd::RepairId(repair), index)
        })
        .map(Repair)
    }

    /// Moves a repair on: new, confirmed, under repair, repaired (agents).
    fn advance_repair(&self, py: Python<'_>, actor: Actor, repair: i64) -> PyResult<Repair> {
        run(py, || {
            self.desk.advance_repair(actor.0, hd::RepairId(repair))
        })
        .map(Repair)
    }

    /// Cancels a repair not yet repaired (agents).
    fn cancel_repair(&self, py: Python<'_>, actor: Actor, repair: i64) -> PyResult<Repair> {
        run(py, || {
            self.desk.cancel_repair(actor.0, hd::RepairId(repair))
        })
        .map(Repair)
    }

    /// A draft quotation (sales order) of the repair's parts for its
    /// customer, in `currency` (agents).
    fn repair_quotation(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: i64,
        currency: String,
    ) -> PyResult<SaleOrder> {
        run(py, || {
            self.desk
                .repair_quotation(actor.0, hd::RepairId(repair), currency)
        })
        .map(SaleOrder)
    }

    // ----- field service -----

    /// Creates a field-service project (managers); a
    /// `default_worksheet_template` needs `worksheets`.
    #[pyo3(signature = (actor, *, company, name, worksheets = None, default_worksheet_template = None))]
    fn create_field_service_project(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: i64,
        name: String,
        worksheets: Option<bool>,
        default_worksheet_template: Option<String>,
    ) -> PyResult<FieldServiceProject> {
        let input = hd::NewFieldServiceProject {
            company: hd::CompanyId(company),
            name,
            worksheets: worksheets.unwrap_or_default(),
            default_worksheet_template,
        };
        run(py, || {
            self.desk.create_field_service_project(actor.0, input)
        })
        .map(FieldServiceProject)
    }

    /// A field-service task from a ticket (agents of a team with field
    /// service on): `title` defaults to the ticket's subject, `project` to
    /// the team's, `worksheet_template` to the project's (only for projects
    /// with worksheets); it goes to the customer's address.
    #[pyo3(signature = (actor, ticket, *, title = None, project = None, worksheet_template = None))]
    fn create_field_service_task(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
        title: Option<String>,
        project: Option<i64>,
        worksheet_template: Option<String>,
    ) -> PyResult<FieldServiceTask> {
        let input = hd::NewFieldServiceTask {
            title,
            project: project.map(hd::FieldServiceProjectId),
            worksheet_template,
        };
        run(py, || {
            self.desk
                .create_field_service_task(actor.0, hd::TicketId(ticket), input)
        })
        .map(FieldServiceTask)
    }

    /// A field-service task, to whoever sees its ticket (portal customers
    /// too).
    fn get_field_service_task(
        &self,
        py: Python<'_>,
        actor: Actor,
        task: i64,
    ) -> PyResult<FieldServiceTask> {
        run(py, || {
            self.desk
                .get_field_service_task(actor.0, hd::FieldServiceTaskId(task))
        })
        .map(FieldServiceTask)
    }

    /// The field-service tasks of a ticket, to whoever sees it.
    fn ticket_field_service_tasks(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: i64,
    ) -> PyResult<Vec<FieldServiceTask>> {
        let tasks = run(py, || {
            self.desk
                .ticket_field_service_tasks(actor.0, hd::TicketId(ticket))
        })?;
        Ok(tasks.into_iter().map(FieldServiceTask).collect())
    }

    /// Moves a task to a stage (agents of its ticket).
    fn move_field_service_task(
        &self,
        py: Python<'_>,
        actor: Actor,
        task: i64,
        stage: EnumArg<hd::TaskStage>,
    ) -> PyResult<FieldServiceTask> {
        run(py, || {
            self.desk
                .move_field_service_task(actor.0, hd::FieldServiceTaskId(task), stage.0)
        })
        .map(FieldServiceTask)
    }
}

/// The ticket filter of `list_tickets` and `count_tickets`, from their
/// keyword arguments (left-out ones take the core's defaults).
#[allow(clippy::too_many_arguments)]
fn filter(
    team: Option<i64>,
    stage: Option<i64>,
    assignee: Option<i64>,
    customer: Option<i64>,
    open: Option<bool>,
    text: Option<String>,
    archived: Option<bool>,
    sla_failed: Option<bool>,
) -> hd::TicketFilter {
    let d = hd::TicketFilter::default();
    hd::TicketFilter {
        team: team.map(hd::TeamId),
        stage: stage.map(hd::StageId),
        assignee: assignee.map(hd::UserId),
        customer: customer.map(hd::PartnerId),
        open,
        text,
        archived: archived.unwrap_or(d.archived),
        sla_failed,
    }
}

/// The input of `reverse_invoice` and `reverse_and_reinvoice`.
fn reversal(
    invoice: i64,
    reason: Option<String>,
    journal: Option<i64>,
    reversal_date: Option<DateArg>,
) -> hd::Reversal {
    hd::Reversal {
        invoice: hd::InvoiceId(invoice),
        reason,
        journal: journal.map(hd::JournalId),
        reversal_date: opt_date(reversal_date),
    }
}

/// The input of `return_products` and `return_for_exchange`.
fn return_request(
    delivery: i64,
    lines: Option<Vec<ReturnQuantity>>,
    location: Option<i64>,
) -> hd::ReturnRequest {
    hd::ReturnRequest {
        delivery: hd::TransferId(delivery),
        lines: lines.map(|lines| lines.into_iter().map(|l| l.0).collect()),
        location: location.map(hd::LocationId),
    }
}

/// The names of every operation of the core façade (snake_case): each is a
/// method of `Helpdesk`.
#[pyfunction]
pub fn operations() -> Vec<&'static str> {
    hd::OPERATIONS.to_vec()
}

/// Sleeps in Rust with the GIL released (tests only: proves that work done
/// through the same path as every operation lets other threads run).
#[pyfunction]
pub fn _sleep_for_test(py: Python<'_>, seconds: f64) -> PyResult<()> {
    let pause = std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    run(py, || {
        std::thread::sleep(pause);
        Ok(())
    })
}

/// Registers the façade's classes and functions on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Actor>()?;
    m.add_class::<ManualClock>()?;
    m.add_class::<Helpdesk>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(_sleep_for_test, m)?)?;
    Ok(())
}
