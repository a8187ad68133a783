//! The façade: `Helpdesk`, the `Actor` performing an operation, and the
//! `ManualClock` for deterministic time.
//!
//! Every method of `Helpdesk` is one core call plus conversion, run through
//! [`run`] (GIL released, panics caught, errors mapped). Plain arguments of a
//! core method are positional-or-keyword; the fields of a core input record
//! (`NewTicket`, `TeamUpdate`, ...) are keyword-only, and a field left out
//! takes the core's default (`None` means "left out").
//!
//! Each method has the same shape: read every scalar argument by its name
//! (`let ticket = ticket.read(py, "ticket")?;`, see [`Arg`]), take the open
//! desk (`let desk = self.desk(py)?;`, `InvalidState` once closed), build
//! the core input, and make the one core call in [`run`].

use crate::calendar::{Closure, WorkingHours};
use crate::convert::{raw_opt, Arg, EnumArg, ReadArg};
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
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
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
    fn user(py: Python<'_>, user_id: Arg<hd::UserId>) -> PyResult<Self> {
        let user_id = user_id.read(py, "user_id")?;
        Ok(Actor(hd::Actor::User(user_id)))
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
    /// A clock showing `start` (an aware datetime, in any zone).
    #[new]
    fn new(py: Python<'_>, start: Arg<DateTime<Utc>>) -> PyResult<Self> {
        let start = start.read(py, "start")?;
        Ok(ManualClock(hd::ManualClock::new(start)))
    }

    /// The instant the clock shows, in UTC.
    fn now(&self) -> DateTime<Utc> {
        self.0.now()
    }

    /// Moves the clock to `instant` (backwards too).
    fn set(&self, py: Python<'_>, instant: Arg<DateTime<Utc>>) -> PyResult<()> {
        let instant = instant.read(py, "instant")?;
        self.0.set(instant);
        Ok(())
    }

    /// Moves the clock forward by `by` (any `datetime.timedelta`; negative
    /// moves it back).
    fn advance(&self, py: Python<'_>, by: Arg<TimeDelta>) -> PyResult<()> {
        let by = by.read(py, "by")?;
        run(py, || self.0.advance(by))
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", self.0.now().to_rfc3339())
    }
}

/// The helpdesk: the one object a host talks to. Safe to share between
/// threads; store work runs without the GIL. `close()` (or leaving a `with`
/// block) is core's `Helpdesk::close`: calls after it raise `InvalidState`.
#[pyclass(frozen, module = "helpdesk")]
pub struct Helpdesk {
    /// The desk; each call works on a clone of the handle (an `Arc` inside).
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

    /// A handle on the desk (a closed one refuses every call in core).
    fn desk(&self, _py: Python<'_>) -> PyResult<hd::Helpdesk> {
        Ok(self.desk.clone())
    }
}

#[pymethods]
impl Helpdesk {
    /// A desk over a fresh in-memory store. `clock` (default: the system
    /// clock) is core's `with_clock`; `seed` (default: the OS random source)
    /// is Python's spelling of core's `with_random(SeededRandom::new(seed))`,
    /// making coupon codes reproducible: for tests, not production (a seeded
    /// code can be predicted).
    #[staticmethod]
    #[pyo3(signature = (*, clock = None, seed = None))]
    fn in_memory(
        py: Python<'_>,
        clock: Option<ManualClock>,
        seed: Option<Arg<u64>>,
    ) -> PyResult<Self> {
        let seed = seed.read(py, "seed")?;
        Ok(Self::configured(hd::Helpdesk::in_memory(), clock, seed))
    }

    /// A desk over the SQLite file at `path` (created if missing; schema
    /// migrations are applied on open). `clock` and `seed` as for
    /// `in_memory`.
    #[staticmethod]
    #[pyo3(signature = (path, *, clock = None, seed = None))]
    fn open(
        py: Python<'_>,
        path: PathBuf,
        clock: Option<ManualClock>,
        seed: Option<Arg<u64>>,
    ) -> PyResult<Self> {
        let seed = seed.read(py, "seed")?;
        let desk = run(py, || hd::Helpdesk::open(&path))?;
        Ok(Self::configured(desk, clock, seed))
    }

    /// Closes the desk (core's `Helpdesk::close`): an SQLite file is closed
    /// once a call in flight ends; every later call raises `InvalidState`.
    /// Closing twice does nothing.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        run(py, || self.desk.close())
    }

    /// `with Helpdesk.open(path) as desk:` gives the desk itself.
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Leaving the `with` block closes the desk; an exception propagates.
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        self.close(py)
    }

    /// A canonical text dump of everything stored: equal content, equal dumps.
    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        let desk = self.desk(py)?;
        run(py, || desk.snapshot())
    }

    // ----- directory -----

    /// Creates a company.
    #[pyo3(signature = (actor, *, name))]
    fn create_company(&self, py: Python<'_>, actor: Actor, name: String) -> PyResult<Company> {
        let desk = self.desk(py)?;
        let input = hd::NewCompany { name };
        run(py, || desk.create_company(actor.0, input)).map(Company)
    }

    /// Renames a company.
    fn update_company(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
    ) -> PyResult<Company> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        run(py, || desk.update_company(actor.0, company, name)).map(Company)
    }

    /// A company.
    fn get_company(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Company> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_company(actor.0, company)).map(Company)
    }

    /// The companies the actor works for; for the system actor, every
    /// company the host created.
    fn list_companies(&self, py: Python<'_>, actor: Actor) -> PyResult<Vec<Company>> {
        let desk = self.desk(py)?;
        let companies = run(py, || desk.list_companies(actor.0))?;
        Ok(companies.into_iter().map(Company).collect())
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
        company: Option<Arg<hd::CompanyId>>,
        email: Option<String>,
        phone: Option<String>,
        parent: Option<Arg<hd::PartnerId>>,
        address: Option<String>,
    ) -> PyResult<Partner> {
        let company = company.read(py, "company")?;
        let parent = parent.read(py, "parent")?;
        let desk = self.desk(py)?;
        let input = hd::NewPartner {
            company,
            name,
            email,
            phone,
            parent,
            address,
        };
        run(py, || desk.create_partner(actor.0, input)).map(Partner)
    }

    /// Changes a contact; arguments left out are unchanged (an empty
    /// `email`, `phone` or `address` clears it).
    #[pyo3(signature = (actor, partner, *, name = None, email = None, phone = None, address = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_partner(
        &self,
        py: Python<'_>,
        actor: Actor,
        partner: Arg<hd::PartnerId>,
        name: Option<String>,
        email: Option<String>,
        phone: Option<String>,
        address: Option<String>,
    ) -> PyResult<Partner> {
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        let update = hd::PartnerUpdate {
            name,
            email,
            phone,
            address,
        };
        run(py, || desk.update_partner(actor.0, partner, update)).map(Partner)
    }

    /// A contact.
    fn get_partner(
        &self,
        py: Python<'_>,
        actor: Actor,
        partner: Arg<hd::PartnerId>,
    ) -> PyResult<Partner> {
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_partner(actor.0, partner)).map(Partner)
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
        companies: Vec<Arg<hd::CompanyId>>,
        email: Option<String>,
        role: Option<EnumArg<hd::HelpdeskRole>>,
        partner: Option<Arg<hd::PartnerId>>,
    ) -> PyResult<User> {
        let companies = companies.read(py, "companies")?;
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        let input = hd::NewUser {
            name,
            email,
            kind: kind.0,
            role: role.map(|r| r.0).unwrap_or_default(),
            companies,
            partner,
        };
        run(py, || desk.create_user(actor.0, input)).map(User)
    }

    /// Changes a user; arguments left out are unchanged.
    #[pyo3(signature = (actor, user, *, name = None, role = None, companies = None, active = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_user(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: Arg<hd::UserId>,
        name: Option<String>,
        role: Option<EnumArg<hd::HelpdeskRole>>,
        companies: Option<Vec<Arg<hd::CompanyId>>>,
        active: Option<bool>,
    ) -> PyResult<User> {
        let user = user.read(py, "user")?;
        let companies = companies.read(py, "companies")?;
        let desk = self.desk(py)?;
        let update = hd::UserUpdate {
            name,
            role: role.map(|r| r.0),
            companies,
            active,
        };
        run(py, || desk.update_user(actor.0, user, update)).map(User)
    }

    /// A user.
    fn get_user(&self, py: Python<'_>, actor: Actor, user: Arg<hd::UserId>) -> PyResult<User> {
        let user = user.read(py, "user")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_user(actor.0, user)).map(User)
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
        company: Arg<hd::CompanyId>,
        name: String,
        description: Option<String>,
        visibility: Option<EnumArg<hd::Visibility>>,
        members: Option<Vec<Arg<hd::UserId>>>,
        settings: Option<TeamSettings>,
    ) -> PyResult<Team> {
        let company = company.read(py, "company")?;
        let members = members.read(py, "members")?;
        let desk = self.desk(py)?;
        let input = hd::NewTeam {
            company,
            name,
            description: description.unwrap_or_default(),
            visibility: visibility.map(|v| v.0).unwrap_or_default(),
            members: members.unwrap_or_default(),
            settings: settings.map(|s| s.0).unwrap_or_default(),
        };
        run(py, || desk.create_team(actor.0, input)).map(Team)
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
        team: Arg<hd::TeamId>,
        name: Option<String>,
        description: Option<String>,
        visibility: Option<EnumArg<hd::Visibility>>,
        settings: Option<TeamSettings>,
        active: Option<bool>,
    ) -> PyResult<Team> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let update = hd::TeamUpdate {
            name,
            description,
            visibility: visibility.map(|v| v.0),
            settings: settings.map(|s| s.0),
            active,
        };
        run(py, || desk.update_team(actor.0, team, update)).map(Team)
    }

    /// Replaces a team's members (in assignment order).
    fn set_team_members(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
        members: Vec<Arg<hd::UserId>>,
    ) -> PyResult<Team> {
        let team = team.read(py, "team")?;
        let members = members.read(py, "members")?;
        let desk = self.desk(py)?;
        run(py, || desk.set_team_members(actor.0, team, members)).map(Team)
    }

    /// A team.
    fn get_team(&self, py: Python<'_>, actor: Actor, team: Arg<hd::TeamId>) -> PyResult<Team> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_team(actor.0, team)).map(Team)
    }

    /// The teams the actor may see.
    fn list_teams(&self, py: Python<'_>, actor: Actor) -> PyResult<Vec<Team>> {
        let desk = self.desk(py)?;
        let teams = run(py, || desk.list_teams(actor.0))?;
        Ok(teams.into_iter().map(Team).collect())
    }

    /// Makes `partner` follow a team.
    fn follow_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
        partner: Arg<hd::PartnerId>,
    ) -> PyResult<()> {
        let team = team.read(py, "team")?;
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        run(py, || desk.follow_team(actor.0, team, partner))
    }

    /// Makes `partner` stop following a team.
    fn unfollow_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
        partner: Arg<hd::PartnerId>,
    ) -> PyResult<()> {
        let team = team.read(py, "team")?;
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        run(py, || desk.unfollow_team(actor.0, team, partner))
    }

    /// The partners following a team.
    fn team_followers(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
    ) -> PyResult<Vec<i64>> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let followers = run(py, || desk.team_followers(actor.0, team))?;
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
        company: Arg<hd::CompanyId>,
        name: String,
        sequence: Option<Arg<i32>>,
        folded: Option<bool>,
        teams: Option<Vec<Arg<hd::TeamId>>>,
        email_template: Option<String>,
        sms_template: Option<String>,
    ) -> PyResult<Stage> {
        let company = company.read(py, "company")?;
        let sequence = sequence.read(py, "sequence")?;
        let teams = teams.read(py, "teams")?;
        let desk = self.desk(py)?;
        let input = hd::NewStage {
            company,
            name,
            sequence: sequence.unwrap_or_default(),
            folded: folded.unwrap_or_default(),
            teams: teams.unwrap_or_default(),
            email_template,
            sms_template,
        };
        run(py, || desk.create_stage(actor.0, input)).map(Stage)
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
        stage: Arg<hd::StageId>,
        name: Option<String>,
        sequence: Option<Arg<i32>>,
        folded: Option<bool>,
        teams: Option<Vec<Arg<hd::TeamId>>>,
        email_template: Option<String>,
        sms_template: Option<String>,
    ) -> PyResult<Stage> {
        let stage = stage.read(py, "stage")?;
        let sequence = sequence.read(py, "sequence")?;
        let teams = teams.read(py, "teams")?;
        let desk = self.desk(py)?;
        let update = hd::StageUpdate {
            name,
            sequence,
            folded,
            teams,
            email_template,
            sms_template,
        };
        run(py, || desk.update_stage(actor.0, stage, update)).map(Stage)
    }

    /// A team's stages, in pipeline order.
    fn list_stages(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
    ) -> PyResult<Vec<Stage>> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let stages = run(py, || desk.list_stages(actor.0, team))?;
        Ok(stages.into_iter().map(Stage).collect())
    }

    /// Creates a tag.
    fn create_tag(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
    ) -> PyResult<Tag> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        run(py, || desk.create_tag(actor.0, company, name)).map(Tag)
    }

    /// A company's tags.
    fn list_tags(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Vec<Tag>> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let tags = run(py, || desk.list_tags(actor.0, company))?;
        Ok(tags.into_iter().map(Tag).collect())
    }

    /// Creates a ticket type.
    fn create_ticket_type(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
    ) -> PyResult<TicketType> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        run(py, || desk.create_ticket_type(actor.0, company, name)).map(TicketType)
    }

    /// A company's ticket types.
    fn list_ticket_types(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Vec<TicketType>> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let types = run(py, || desk.list_ticket_types(actor.0, company))?;
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
        team: Option<Arg<hd::TeamId>>,
        company: Option<Arg<hd::CompanyId>>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        ticket_type: Option<Arg<hd::TicketTypeId>>,
        tags: Option<Vec<Arg<hd::TagId>>>,
        customer: Option<Arg<hd::PartnerId>>,
        assignee: Option<Arg<hd::UserId>>,
        product: Option<Arg<hd::ProductId>>,
        lot: Option<String>,
        cc: Option<Vec<Arg<hd::PartnerId>>>,
    ) -> PyResult<Ticket> {
        // The fields of a core `NewTicket`: read as `NewTicket(...)` reads them.
        let input = NewTicket::new(
            py,
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
        )?
        .0;
        let desk = self.desk(py)?;
        run(py, || desk.create_ticket(actor.0, input)).map(Ticket)
    }

    /// Creates several tickets (`NewTicket`s) in one unit of work, each
    /// assigned as if created one after another; all or none are created.
    fn create_tickets(
        &self,
        py: Python<'_>,
        actor: Actor,
        tickets: Vec<NewTicket>,
    ) -> PyResult<Vec<Ticket>> {
        let desk = self.desk(py)?;
        let inputs = tickets.into_iter().map(|t| t.0).collect();
        let tickets = run(py, || desk.create_tickets(actor.0, inputs))?;
        Ok(tickets.into_iter().map(Ticket).collect())
    }

    /// Submits a ticket from the customer portal (the actor is a portal user).
    #[pyo3(signature = (actor, *, team, subject, description = None))]
    fn submit_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
        subject: String,
        description: Option<String>,
    ) -> PyResult<Ticket> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let input = hd::Submission {
            team,
            subject,
            description: description.unwrap_or_default(),
        };
        run(py, || desk.submit_ticket(actor.0, input)).map(Ticket)
    }

    /// Changes a ticket; arguments left out are unchanged.
    #[pyo3(signature = (actor, ticket, *, subject = None, description = None, priority = None, tags = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        subject: Option<String>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<Arg<hd::TagId>>>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let tags = tags.read(py, "tags")?;
        let desk = self.desk(py)?;
        let update = hd::TicketUpdate {
            subject,
            description,
            priority: priority.map(|p| p.0),
            tags,
        };
        run(py, || desk.update_ticket(actor.0, ticket, update)).map(Ticket)
    }

    /// Assigns a ticket to `assignee` (`None` unassigns it).
    fn assign_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        assignee: Option<Arg<hd::UserId>>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let assignee = assignee.read(py, "assignee")?;
        let desk = self.desk(py)?;
        run(py, || desk.assign_ticket(actor.0, ticket, assignee)).map(Ticket)
    }

    /// Sets (or with `None` clears) a ticket's customer.
    fn set_ticket_customer(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        customer: Option<Arg<hd::PartnerId>>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let customer = customer.read(py, "customer")?;
        let desk = self.desk(py)?;
        run(py, || desk.set_ticket_customer(actor.0, ticket, customer)).map(Ticket)
    }

    /// Sets (or with `None` clears) a ticket's type.
    fn set_ticket_type(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        ticket_type: Option<Arg<hd::TicketTypeId>>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let ticket_type = ticket_type.read(py, "ticket_type")?;
        let desk = self.desk(py)?;
        run(py, || desk.set_ticket_type(actor.0, ticket, ticket_type)).map(Ticket)
    }

    /// Moves a ticket to another team (`None`: no team); unassigned, it is
    /// assigned automatically, and its SLAs are recomputed.
    fn set_ticket_team(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        team: Option<Arg<hd::TeamId>>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        run(py, || desk.set_ticket_team(actor.0, ticket, team)).map(Ticket)
    }

    /// Moves a ticket to another stage (a folded stage closes it).
    fn move_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        stage: Arg<hd::StageId>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let stage = stage.read(py, "stage")?;
        let desk = self.desk(py)?;
        run(py, || desk.move_ticket(actor.0, ticket, stage)).map(Ticket)
    }

    /// Archives a ticket.
    fn archive_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.archive_ticket(actor.0, ticket)).map(Ticket)
    }

    /// Restores an archived ticket.
    fn unarchive_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.unarchive_ticket(actor.0, ticket)).map(Ticket)
    }

    /// Makes `partner` follow a ticket.
    fn follow_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        partner: Arg<hd::PartnerId>,
    ) -> PyResult<()> {
        let ticket = ticket.read(py, "ticket")?;
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        run(py, || desk.follow_ticket(actor.0, ticket, partner))
    }

    /// Makes `partner` stop following a ticket.
    fn unfollow_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        partner: Arg<hd::PartnerId>,
    ) -> PyResult<()> {
        let ticket = ticket.read(py, "ticket")?;
        let partner = partner.read(py, "partner")?;
        let desk = self.desk(py)?;
        run(py, || desk.unfollow_ticket(actor.0, ticket, partner))
    }

    /// The partners following a ticket.
    fn ticket_followers(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<i64>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let followers = run(py, || desk.ticket_followers(actor.0, ticket))?;
        Ok(followers.into_iter().map(|p| p.0).collect())
    }

    /// Posts a public reply (seen by the customer and every follower).
    fn reply_to_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        body: String,
    ) -> PyResult<Message> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.reply_to_ticket(actor.0, ticket, body)).map(Message)
    }

    /// Posts an internal note (never shown to portal users).
    fn add_internal_note(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        body: String,
    ) -> PyResult<Message> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.add_internal_note(actor.0, ticket, body)).map(Message)
    }

    /// A ticket.
    fn get_ticket(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_ticket(actor.0, ticket)).map(Ticket)
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
        team: Option<Arg<hd::TeamId>>,
        stage: Option<Arg<hd::StageId>>,
        assignee: Option<Arg<hd::UserId>>,
        customer: Option<Arg<hd::PartnerId>>,
        open: Option<bool>,
        text: Option<String>,
        archived: Option<bool>,
        sla_failed: Option<bool>,
        sort: Option<EnumArg<hd::TicketSort>>,
        cursor: Option<String>,
        limit: Option<Arg<u32>>,
    ) -> PyResult<TicketPage> {
        let team = team.read(py, "team")?;
        let stage = stage.read(py, "stage")?;
        let assignee = assignee.read(py, "assignee")?;
        let customer = customer.read(py, "customer")?;
        let limit = limit.read(py, "limit")?;
        let desk = self.desk(py)?;
        let d = hd::TicketQuery::default();
        let query = hd::TicketQuery {
            filter: filter(
                team, stage, assignee, customer, open, text, archived, sla_failed,
            ),
            sort: sort.map_or(d.sort, |s| s.0),
            cursor,
            limit: limit.unwrap_or(d.limit),
        };
        run(py, || desk.list_tickets(actor.0, query)).map(TicketPage)
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
        team: Option<Arg<hd::TeamId>>,
        stage: Option<Arg<hd::StageId>>,
        assignee: Option<Arg<hd::UserId>>,
        customer: Option<Arg<hd::PartnerId>>,
        open: Option<bool>,
        text: Option<String>,
        archived: Option<bool>,
        sla_failed: Option<bool>,
    ) -> PyResult<u64> {
        let team = team.read(py, "team")?;
        let stage = stage.read(py, "stage")?;
        let assignee = assignee.read(py, "assignee")?;
        let customer = customer.read(py, "customer")?;
        let desk = self.desk(py)?;
        let filter = filter(
            team, stage, assignee, customer, open, text, archived, sla_failed,
        );
        run(py, || desk.count_tickets(actor.0, filter))
    }

    /// A ticket's messages, oldest first (portal users see no internal notes).
    fn list_messages(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<Message>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let messages = run(py, || desk.list_messages(actor.0, ticket))?;
        Ok(messages.into_iter().map(Message).collect())
    }

    /// The stages a ticket went through, oldest first.
    fn stage_history(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<StageChange>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let history = run(py, || desk.stage_history(actor.0, ticket))?;
        Ok(history.into_iter().map(StageChange).collect())
    }

    // ----- outbox -----

    /// Up to `limit` messages the host must send, oldest first.
    fn pending_outbox(
        &self,
        py: Python<'_>,
        actor: Actor,
        limit: Arg<u32>,
    ) -> PyResult<Vec<OutboxMessage>> {
        let limit = limit.read(py, "limit")?;
        let desk = self.desk(py)?;
        let messages = run(py, || desk.pending_outbox(actor.0, limit))?;
        Ok(messages.into_iter().map(OutboxMessage).collect())
    }

    /// Marks outbox messages as sent; returns how many were pending.
    fn acknowledge_outbox(
        &self,
        py: Python<'_>,
        actor: Actor,
        ids: Vec<Arg<hd::OutboxId>>,
    ) -> PyResult<u32> {
        let ids = ids.read(py, "ids")?;
        let desk = self.desk(py)?;
        run(py, || desk.acknowledge_outbox(actor.0, ids))
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
        company: Arg<hd::CompanyId>,
        name: String,
        time_zone: String,
        hours: Vec<WorkingHours>,
        closures: Option<Vec<Closure>>,
    ) -> PyResult<Calendar> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let spec = CalendarSpec::new(time_zone, hours, closures).0;
        let input = hd::NewCalendar {
            company,
            name,
            spec,
        };
        run(py, || desk.create_calendar(actor.0, input)).map(Calendar)
    }

    /// Renames a calendar and/or replaces its zone, hours and closures
    /// (`spec`, a `CalendarSpec`) (managers).
    #[pyo3(signature = (actor, calendar, *, name = None, spec = None))]
    fn update_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: Arg<hd::CalendarId>,
        name: Option<String>,
        spec: Option<CalendarSpec>,
    ) -> PyResult<Calendar> {
        let calendar = calendar.read(py, "calendar")?;
        let desk = self.desk(py)?;
        let update = hd::CalendarUpdate {
            name,
            spec: spec.map(|s| s.0),
        };
        run(py, || desk.update_calendar(actor.0, calendar, update)).map(Calendar)
    }

    /// A calendar (internal users of its company).
    fn get_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: Arg<hd::CalendarId>,
    ) -> PyResult<Calendar> {
        let calendar = calendar.read(py, "calendar")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_calendar(actor.0, calendar)).map(Calendar)
    }

    /// The calendars of a company (internal users of it; empty for others).
    fn list_calendars(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Vec<Calendar>> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let calendars = run(py, || desk.list_calendars(actor.0, company))?;
        Ok(calendars.into_iter().map(Calendar).collect())
    }

    /// The instant (UTC) at which `duration` of working time has elapsed
    /// after `start` on a stored calendar (CAL-2).
    fn add_working_time(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: Arg<hd::CalendarId>,
        start: Arg<DateTime<Utc>>,
        duration: Arg<TimeDelta>,
    ) -> PyResult<DateTime<Utc>> {
        let calendar = calendar.read(py, "calendar")?;
        let start = start.read(py, "start")?;
        let duration = duration.read(py, "duration")?;
        let desk = self.desk(py)?;
        run(py, || {
            desk.add_working_time(actor.0, calendar, start, duration)
        })
    }

    /// The working time inside `[a, b)` on a stored calendar; negative when
    /// `b` is before `a` (CAL-2).
    fn working_time_between(
        &self,
        py: Python<'_>,
        actor: Actor,
        calendar: Arg<hd::CalendarId>,
        a: Arg<DateTime<Utc>>,
        b: Arg<DateTime<Utc>>,
    ) -> PyResult<TimeDelta> {
        let calendar = calendar.read(py, "calendar")?;
        let a = a.read(py, "a")?;
        let b = b.read(py, "b")?;
        let desk = self.desk(py)?;
        run(py, || desk.working_time_between(actor.0, calendar, a, b))
    }

    // ----- assignment -----

    /// Sets (or with `None` clears) a user's own working calendar, which must
    /// belong to one of their companies (the user, managers).
    fn set_user_calendar(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: Arg<hd::UserId>,
        calendar: Option<Arg<hd::CalendarId>>,
    ) -> PyResult<User> {
        let user = user.read(py, "user")?;
        let calendar = calendar.read(py, "calendar")?;
        let desk = self.desk(py)?;
        run(py, || desk.set_user_calendar(actor.0, user, calendar)).map(User)
    }

    /// Records a leave (time off) of an employee from `from_` (inclusive) to
    /// `to` (exclusive) (the user, managers).
    #[pyo3(signature = (actor, *, user, from_, to, reason = None))]
    fn create_leave(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: Arg<hd::UserId>,
        from_: Arg<DateTime<Utc>>,
        to: Arg<DateTime<Utc>>,
        reason: Option<String>,
    ) -> PyResult<Leave> {
        let user = user.read(py, "user")?;
        let from_ = from_.read(py, "from_")?;
        let to = to.read(py, "to")?;
        let desk = self.desk(py)?;
        let input = hd::NewLeave {
            user,
            from: from_,
            to,
            reason: reason.unwrap_or_default(),
        };
        run(py, || desk.create_leave(actor.0, input)).map(Leave)
    }

    /// Deletes a leave (the user, managers).
    fn delete_leave(&self, py: Python<'_>, actor: Actor, leave: Arg<hd::LeaveId>) -> PyResult<()> {
        let leave = leave.read(py, "leave")?;
        let desk = self.desk(py)?;
        run(py, || desk.delete_leave(actor.0, leave))
    }

    /// A user's leaves, by start.
    fn list_leaves(
        &self,
        py: Python<'_>,
        actor: Actor,
        user: Arg<hd::UserId>,
    ) -> PyResult<Vec<Leave>> {
        let user = user.read(py, "user")?;
        let desk = self.desk(py)?;
        let leaves = run(py, || desk.list_leaves(actor.0, user))?;
        Ok(leaves.into_iter().map(Leave).collect())
    }

    /// Who automatic assignment would give a new ticket of `team` now
    /// (`None`: auto-assignment off or nobody can take it). Agents.
    fn suggest_assignee(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
    ) -> PyResult<Option<i64>> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let user = run(py, || desk.suggest_assignee(actor.0, team))?;
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
        team: Arg<hd::TeamId>,
        name: String,
        target_stage: Arg<hd::StageId>,
        within: Within,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<Arg<hd::TagId>>>,
        customers: Option<Vec<Arg<hd::PartnerId>>>,
        ticket_types: Option<Vec<Arg<hd::TicketTypeId>>>,
        excluded_stages: Option<Vec<Arg<hd::StageId>>>,
    ) -> PyResult<SlaPolicy> {
        let team = team.read(py, "team")?;
        let target_stage = target_stage.read(py, "target_stage")?;
        let tags = tags.read(py, "tags")?;
        let customers = customers.read(py, "customers")?;
        let ticket_types = ticket_types.read(py, "ticket_types")?;
        let excluded_stages = excluded_stages.read(py, "excluded_stages")?;
        let desk = self.desk(py)?;
        let input = hd::NewSlaPolicy {
            team,
            name,
            description: description.unwrap_or_default(),
            priority: priority.map(|p| p.0).unwrap_or_default(),
            tags: tags.unwrap_or_default(),
            customers: customers.unwrap_or_default(),
            ticket_types: ticket_types.unwrap_or_default(),
            target_stage,
            excluded_stages: excluded_stages.unwrap_or_default(),
            within: within.0,
        };
        run(py, || desk.create_sla_policy(actor.0, input)).map(SlaPolicy)
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
        policy: Arg<hd::SlaPolicyId>,
        name: Option<String>,
        description: Option<String>,
        priority: Option<EnumArg<hd::Priority>>,
        tags: Option<Vec<Arg<hd::TagId>>>,
        customers: Option<Vec<Arg<hd::PartnerId>>>,
        ticket_types: Option<Vec<Arg<hd::TicketTypeId>>>,
        target_stage: Option<Arg<hd::StageId>>,
        excluded_stages: Option<Vec<Arg<hd::StageId>>>,
        within: Option<Within>,
        active: Option<bool>,
    ) -> PyResult<SlaPolicy> {
        let policy = policy.read(py, "policy")?;
        let tags = tags.read(py, "tags")?;
        let customers = customers.read(py, "customers")?;
        let ticket_types = ticket_types.read(py, "ticket_types")?;
        let target_stage = target_stage.read(py, "target_stage")?;
        let excluded_stages = excluded_stages.read(py, "excluded_stages")?;
        let desk = self.desk(py)?;
        let update = hd::SlaPolicyUpdate {
            name,
            description,
            priority: priority.map(|p| p.0),
            tags,
            customers,
            ticket_types,
            target_stage,
            excluded_stages,
            within: within.map(|w| w.0),
            active,
        };
        run(py, || desk.update_sla_policy(actor.0, policy, update)).map(SlaPolicy)
    }

    /// An SLA policy (internal users of its company).
    fn get_sla_policy(
        &self,
        py: Python<'_>,
        actor: Actor,
        policy: Arg<hd::SlaPolicyId>,
    ) -> PyResult<SlaPolicy> {
        let policy = policy.read(py, "policy")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_sla_policy(actor.0, policy)).map(SlaPolicy)
    }

    /// A team's SLA policies, by id (internal users who see the team).
    fn list_sla_policies(
        &self,
        py: Python<'_>,
        actor: Actor,
        team: Arg<hd::TeamId>,
    ) -> PyResult<Vec<SlaPolicy>> {
        let team = team.read(py, "team")?;
        let desk = self.desk(py)?;
        let policies = run(py, || desk.list_sla_policies(actor.0, team))?;
        Ok(policies.into_iter().map(SlaPolicy).collect())
    }

    /// A ticket's SLA statuses as they stand now (internal users who see it).
    fn ticket_sla_statuses(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<SlaStatusView>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let statuses = run(py, || desk.ticket_sla_statuses(actor.0, ticket))?;
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
        company: Arg<hd::CompanyId>,
        team: Option<Arg<hd::TeamId>>,
        policy: Option<Arg<hd::SlaPolicyId>>,
        from_: Option<Arg<DateTime<Utc>>>,
        to: Option<Arg<DateTime<Utc>>>,
    ) -> PyResult<SlaReport> {
        let company = company.read(py, "company")?;
        let team = team.read(py, "team")?;
        let policy = policy.read(py, "policy")?;
        let from_ = from_.read(py, "from_")?;
        let to = to.read(py, "to")?;
        let desk = self.desk(py)?;
        let query = hd::SlaReportQuery {
            company,
            team,
            policy,
            from: from_,
            to,
        };
        run(py, || desk.sla_report(actor.0, query)).map(SlaReport)
    }

    // ----- commerce recorded by the host -----

    /// Sets the rounding (`decimals`, at most 12) of a currency whose ISO
    /// 4217 one does not suit. The host only (`Actor.system()`): currencies
    /// are shared by every company, so any user, a manager too, is refused
    /// (`Forbidden`).
    fn define_currency(
        &self,
        py: Python<'_>,
        actor: Actor,
        code: String,
        decimals: Arg<u32>,
    ) -> PyResult<Currency> {
        let decimals = decimals.read(py, "decimals")?;
        let desk = self.desk(py)?;
        run(py, || desk.define_currency(actor.0, code, decimals)).map(Currency)
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
        company: Arg<hd::CompanyId>,
        name: String,
        tracking: Option<EnumArg<hd::Tracking>>,
        sale_price: Option<Arg<Decimal>>,
        taxes: Option<Vec<Arg<hd::TaxId>>>,
        unit: Option<Arg<hd::UnitId>>,
        service_policy: Option<EnumArg<hd::ServicePolicy>>,
    ) -> PyResult<Product> {
        let company = company.read(py, "company")?;
        let sale_price = sale_price.read(py, "sale_price")?;
        let taxes = taxes.read(py, "taxes")?;
        let unit = unit.read(py, "unit")?;
        let desk = self.desk(py)?;
        let input = hd::NewProduct {
            company,
            name,
            tracking: tracking.map(|t| t.0).unwrap_or_default(),
            sale_price: sale_price.unwrap_or_default(),
            taxes: taxes.unwrap_or_default(),
            unit,
            service_policy: service_policy.map(|p| p.0),
        };
        run(py, || desk.create_product(actor.0, input)).map(Product)
    }

    /// Records a tax of `percent` (0 to 100) (the host, managers).
    #[pyo3(signature = (actor, *, company, name, percent, price_included = None))]
    fn create_tax(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
        percent: Arg<Decimal>,
        price_included: Option<bool>,
    ) -> PyResult<Tax> {
        let company = company.read(py, "company")?;
        let percent = percent.read(py, "percent")?;
        let desk = self.desk(py)?;
        let input = hd::NewTax {
            company,
            name,
            percent,
            price_included: price_included.unwrap_or_default(),
        };
        run(py, || desk.create_tax(actor.0, input)).map(Tax)
    }

    /// Records a journal (the host, managers); `code` (1 to 5 letters or
    /// digits) prefixes its numbers.
    #[pyo3(signature = (actor, *, company, name, code, kind))]
    fn create_journal(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
        code: String,
        kind: EnumArg<hd::JournalKind>,
    ) -> PyResult<Journal> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let input = hd::NewJournal {
            company,
            name,
            code,
            kind: kind.0,
        };
        run(py, || desk.create_journal(actor.0, input)).map(Journal)
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
        company: Arg<hd::CompanyId>,
        customer: Arg<hd::PartnerId>,
        currency: String,
        lines: Vec<SaleOrderLine>,
        salesperson: Option<Arg<hd::UserId>>,
    ) -> PyResult<SaleOrder> {
        let company = company.read(py, "company")?;
        let customer = customer.read(py, "customer")?;
        let salesperson = salesperson.read(py, "salesperson")?;
        let desk = self.desk(py)?;
        let input = hd::NewSaleOrder {
            company,
            customer,
            currency,
            lines: lines.into_iter().map(|l| l.0).collect(),
            salesperson,
        };
        run(py, || desk.create_sale_order(actor.0, input)).map(SaleOrder)
    }

    /// Confirms a draft sales order (the host, managers).
    fn confirm_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: Arg<hd::SaleOrderId>,
    ) -> PyResult<SaleOrder> {
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        run(py, || desk.confirm_sale_order(actor.0, sale_order)).map(SaleOrder)
    }

    /// A sales order (internal users of its company).
    fn get_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: Arg<hd::SaleOrderId>,
    ) -> PyResult<SaleOrder> {
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_sale_order(actor.0, sale_order)).map(SaleOrder)
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
        company: Arg<hd::CompanyId>,
        customer: Arg<hd::PartnerId>,
        journal: Arg<hd::JournalId>,
        currency: String,
        lines: Vec<NewInvoiceLine>,
        date: Option<Arg<NaiveDate>>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
    ) -> PyResult<Invoice> {
        let company = company.read(py, "company")?;
        let customer = customer.read(py, "customer")?;
        let journal = journal.read(py, "journal")?;
        let date = date.read(py, "date")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        let input = hd::NewInvoice {
            company,
            customer,
            journal,
            currency,
            date,
            sale_order,
            lines: lines.into_iter().map(|l| l.0).collect(),
        };
        run(py, || desk.create_invoice(actor.0, input)).map(Invoice)
    }

    /// An invoice or credit note (internal users of its company).
    fn get_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        invoice: Arg<hd::InvoiceId>,
    ) -> PyResult<Invoice> {
        let invoice = invoice.read(py, "invoice")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_invoice(actor.0, invoice)).map(Invoice)
    }

    /// Records a posted invoice's payment state as the ERP has it (the
    /// host, managers).
    fn set_payment_state(
        &self,
        py: Python<'_>,
        actor: Actor,
        invoice: Arg<hd::InvoiceId>,
        payment_state: EnumArg<hd::PaymentState>,
    ) -> PyResult<Invoice> {
        let invoice = invoice.read(py, "invoice")?;
        let desk = self.desk(py)?;
        run(py, || {
            desk.set_payment_state(actor.0, invoice, payment_state.0)
        })
        .map(Invoice)
    }

    /// Posts a draft invoice (the host, managers) or credit note (checked
    /// against what is left on its invoice; a ticket's agents).
    fn post_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        invoice: Arg<hd::InvoiceId>,
    ) -> PyResult<Invoice> {
        let invoice = invoice.read(py, "invoice")?;
        let desk = self.desk(py)?;
        run(py, || desk.post_invoice(actor.0, invoice)).map(Invoice)
    }

    /// Cancels a draft or posted invoice or credit note; a cancelled credit
    /// note gives its amounts back to its invoice.
    fn cancel_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        invoice: Arg<hd::InvoiceId>,
    ) -> PyResult<Invoice> {
        let invoice = invoice.read(py, "invoice")?;
        let desk = self.desk(py)?;
        run(py, || desk.cancel_invoice(actor.0, invoice)).map(Invoice)
    }

    // ----- refunds by credit note -----

    /// The posted invoices of the ticket's customer with something left to
    /// refund, newest first, narrowed by sales order and product (agents).
    #[pyo3(signature = (actor, ticket, *, sale_order = None, product = None))]
    fn refundable_invoices(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
        product: Option<Arg<hd::ProductId>>,
    ) -> PyResult<Vec<RefundableInvoice>> {
        let ticket = ticket.read(py, "ticket")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let product = product.read(py, "product")?;
        let desk = self.desk(py)?;
        let filter = hd::RefundFilter {
            sale_order,
            product,
        };
        let invoices = run(py, || desk.refundable_invoices(actor.0, ticket, filter))?;
        Ok(invoices.into_iter().map(RefundableInvoice).collect())
    }

    /// The refund wizard's defaults for a ticket (agents).
    fn refund_defaults(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<RefundDefaults> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.refund_defaults(actor.0, ticket)).map(RefundDefaults)
    }

    /// A draft credit note for what is left of a posted invoice, linked to
    /// the ticket; edit it down for a partial refund, then post it.
    #[pyo3(signature = (actor, ticket, *, invoice, reason = None, journal = None, reversal_date = None))]
    #[allow(clippy::too_many_arguments)]
    fn reverse_invoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        invoice: Arg<hd::InvoiceId>,
        reason: Option<String>,
        journal: Option<Arg<hd::JournalId>>,
        reversal_date: Option<Arg<NaiveDate>>,
    ) -> PyResult<Invoice> {
        let ticket = ticket.read(py, "ticket")?;
        let invoice = invoice.read(py, "invoice")?;
        let journal = journal.read(py, "journal")?;
        let reversal_date = reversal_date.read(py, "reversal_date")?;
        let desk = self.desk(py)?;
        let reversal = reversal(invoice, reason, journal, reversal_date);
        run(py, || desk.reverse_invoice(actor.0, ticket, reversal)).map(Invoice)
    }

    /// A credit note for the whole invoice, posted (or scheduled for a
    /// future `reversal_date`), and a draft copy of the invoice.
    #[pyo3(signature = (actor, ticket, *, invoice, reason = None, journal = None, reversal_date = None))]
    #[allow(clippy::too_many_arguments)]
    fn reverse_and_reinvoice(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        invoice: Arg<hd::InvoiceId>,
        reason: Option<String>,
        journal: Option<Arg<hd::JournalId>>,
        reversal_date: Option<Arg<NaiveDate>>,
    ) -> PyResult<Reinvoice> {
        let ticket = ticket.read(py, "ticket")?;
        let invoice = invoice.read(py, "invoice")?;
        let journal = journal.read(py, "journal")?;
        let reversal_date = reversal_date.read(py, "reversal_date")?;
        let desk = self.desk(py)?;
        let reversal = reversal(invoice, reason, journal, reversal_date);
        run(py, || desk.reverse_and_reinvoice(actor.0, ticket, reversal)).map(Reinvoice)
    }

    /// Edits line `line` (from 0) of a draft credit note down (a partial
    /// refund); arguments left out are unchanged.
    #[pyo3(signature = (actor, credit_note, line, *, quantity = None, unit_price = None))]
    #[allow(clippy::too_many_arguments)]
    fn update_credit_note_line(
        &self,
        py: Python<'_>,
        actor: Actor,
        credit_note: Arg<hd::InvoiceId>,
        line: Arg<u32>,
        quantity: Option<Arg<Decimal>>,
        unit_price: Option<Arg<Decimal>>,
    ) -> PyResult<Invoice> {
        let credit_note = credit_note.read(py, "credit_note")?;
        let line = line.read(py, "line")?;
        let quantity = quantity.read(py, "quantity")?;
        let unit_price = unit_price.read(py, "unit_price")?;
        let desk = self.desk(py)?;
        let update = hd::CreditLineUpdate {
            quantity,
            unit_price,
        };
        run(py, || {
            desk.update_credit_note_line(actor.0, credit_note, line, update)
        })
        .map(Invoice)
    }

    /// Posts the scheduled credit notes due as of `at` (a timezone-aware
    /// datetime, default the desk's clock; later than now is `InvalidInput`)
    /// (the host, managers; run it daily); returns what was posted.
    #[pyo3(signature = (actor, at = None))]
    fn post_due_credit_notes(
        &self,
        py: Python<'_>,
        actor: Actor,
        at: Option<Arg<DateTime<Utc>>>,
    ) -> PyResult<Vec<Invoice>> {
        let at = at.read(py, "at")?;
        let desk = self.desk(py)?;
        let posted = run(py, || desk.post_due_credit_notes(actor.0, at))?;
        Ok(posted.into_iter().map(Invoice).collect())
    }

    /// A ticket's credit notes (internal users who see the ticket).
    fn ticket_credit_notes(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<Invoice>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let notes = run(py, || desk.ticket_credit_notes(actor.0, ticket))?;
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
        company: Arg<hd::CompanyId>,
        name: String,
        currency: String,
        reward: Reward,
        conditions: Option<RewardConditions>,
        valid_from: Option<Arg<NaiveDate>>,
        valid_until: Option<Arg<NaiveDate>>,
        usage_limit: Option<Arg<u32>>,
        points_per_use: Option<Arg<u32>>,
    ) -> PyResult<CouponProgram> {
        let company = company.read(py, "company")?;
        let valid_from = valid_from.read(py, "valid_from")?;
        let valid_until = valid_until.read(py, "valid_until")?;
        let usage_limit = usage_limit.read(py, "usage_limit")?;
        let points_per_use = points_per_use.read(py, "points_per_use")?;
        let desk = self.desk(py)?;
        let input = hd::NewCouponProgram {
            company,
            name,
            currency,
            reward: reward.0,
            conditions: conditions.map(|c| c.0).unwrap_or_default(),
            valid_from,
            valid_until,
            usage_limit,
            points_per_use,
        };
        run(py, || desk.create_coupon_program(actor.0, input)).map(CouponProgram)
    }

    /// A coupon program (internal users of its company).
    fn get_coupon_program(
        &self,
        py: Python<'_>,
        actor: Actor,
        program: Arg<hd::CouponProgramId>,
    ) -> PyResult<CouponProgram> {
        let program = program.read(py, "program")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_coupon_program(actor.0, program)).map(CouponProgram)
    }

    /// A coupon of `program` for the ticket's customer, with a random code
    /// (agents); `points` defaults to 1, `valid_until` to never expiring.
    #[pyo3(signature = (actor, ticket, *, program, points = None, valid_until = None))]
    fn generate_coupon(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        program: Arg<hd::CouponProgramId>,
        points: Option<Arg<u32>>,
        valid_until: Option<Arg<NaiveDate>>,
    ) -> PyResult<Coupon> {
        let ticket = ticket.read(py, "ticket")?;
        let program = program.read(py, "program")?;
        let points = points.read(py, "points")?;
        let valid_until = valid_until.read(py, "valid_until")?;
        let desk = self.desk(py)?;
        let input = hd::NewCoupon {
            program,
            points,
            valid_until,
        };
        run(py, || desk.generate_coupon(actor.0, ticket, input)).map(Coupon)
    }

    /// A coupon (internal users of its company).
    fn get_coupon(
        &self,
        py: Python<'_>,
        actor: Actor,
        coupon: Arg<hd::CouponId>,
    ) -> PyResult<Coupon> {
        let coupon = coupon.read(py, "coupon")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_coupon(actor.0, coupon)).map(Coupon)
    }

    /// A ticket's coupons (internal users who see the ticket).
    fn ticket_coupons(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<Coupon>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let coupons = run(py, || desk.ticket_coupons(actor.0, ticket))?;
        Ok(coupons.into_iter().map(Coupon).collect())
    }

    /// E-mails the coupon's code to its customer through the outbox (agents).
    fn send_coupon(
        &self,
        py: Python<'_>,
        actor: Actor,
        coupon: Arg<hd::CouponId>,
    ) -> PyResult<OutboxMessage> {
        let coupon = coupon.read(py, "coupon")?;
        let desk = self.desk(py)?;
        run(py, || desk.send_coupon(actor.0, coupon)).map(OutboxMessage)
    }

    /// The link sharing a coupon: `{base_url}/coupon/{code}?r={redirect}`
    /// (`redirect` defaults to `/shop`). Internal users of its company.
    #[pyo3(signature = (actor, coupon, base_url, redirect = None))]
    fn coupon_share_link(
        &self,
        py: Python<'_>,
        actor: Actor,
        coupon: Arg<hd::CouponId>,
        base_url: String,
        redirect: Option<String>,
    ) -> PyResult<String> {
        let coupon = coupon.read(py, "coupon")?;
        let desk = self.desk(py)?;
        run(py, || {
            desk.coupon_share_link(actor.0, coupon, base_url, redirect)
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
        company: Arg<hd::CompanyId>,
        code: String,
        partner: Option<Arg<hd::PartnerId>>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
    ) -> PyResult<Redeemed> {
        let company = company.read(py, "company")?;
        let partner = partner.read(py, "partner")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        let input = hd::Redemption {
            company,
            code,
            partner,
            sale_order,
        };
        run(py, || desk.redeem_coupon(actor.0, input)).map(Redeemed)
    }

    // ----- support hours -----

    /// Creates a unit category (managers).
    fn create_unit_category(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
    ) -> PyResult<UnitCategory> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        run(py, || desk.create_unit_category(actor.0, company, name)).map(UnitCategory)
    }

    /// Creates a unit of `category` defined by its `ratio` to the
    /// category's reference unit; `rounding` defaults to 0.01 (managers).
    #[pyo3(signature = (actor, *, company, category, name, ratio, rounding = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_unit(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        category: Arg<hd::UnitCategoryId>,
        name: String,
        ratio: Arg<Decimal>,
        rounding: Option<Arg<Decimal>>,
    ) -> PyResult<Unit> {
        let company = company.read(py, "company")?;
        let category = category.read(py, "category")?;
        let ratio = ratio.read(py, "ratio")?;
        let rounding = rounding.read(py, "rounding")?;
        let desk = self.desk(py)?;
        let input = hd::NewUnit {
            company,
            category,
            name,
            ratio,
            rounding,
        };
        run(py, || desk.create_unit(actor.0, input)).map(Unit)
    }

    /// The company's units, its working-time Hours and Days created first
    /// if needed (internal users).
    fn list_units(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Vec<Unit>> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let units = run(py, || desk.list_units(actor.0, company))?;
        Ok(units.into_iter().map(Unit).collect())
    }

    /// `quantity` of unit `from_` in unit `to` (same category), rounded to
    /// `to`'s rounding (`from` in the core).
    fn convert_quantity(
        &self,
        py: Python<'_>,
        actor: Actor,
        quantity: Arg<Decimal>,
        from_: Arg<hd::UnitId>,
        to: Arg<hd::UnitId>,
    ) -> PyResult<Decimal> {
        let quantity = quantity.read(py, "quantity")?;
        let from_ = from_.read(py, "from_")?;
        let to = to.read(py, "to")?;
        let desk = self.desk(py)?;
        run(py, || desk.convert_quantity(actor.0, quantity, from_, to))
    }

    /// Sets the company's hours per working day (the Days unit) and upsell
    /// threshold in percent (managers); arguments left out are unchanged.
    #[pyo3(signature = (actor, company, *, hours_per_day = None, upsell_threshold = None))]
    fn set_support_hours(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        hours_per_day: Option<Arg<Decimal>>,
        upsell_threshold: Option<Arg<Decimal>>,
    ) -> PyResult<Company> {
        let company = company.read(py, "company")?;
        let hours_per_day = hours_per_day.read(py, "hours_per_day")?;
        let upsell_threshold = upsell_threshold.read(py, "upsell_threshold")?;
        let desk = self.desk(py)?;
        let update = hd::SupportHoursUpdate {
            hours_per_day,
            upsell_threshold,
        };
        run(py, || desk.set_support_hours(actor.0, company, update)).map(Company)
    }

    /// Marks a confirmed order done: nothing more to deliver, off the
    /// upsell list (the host, managers).
    fn mark_sale_order_done(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: Arg<hd::SaleOrderId>,
    ) -> PyResult<SaleOrder> {
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        run(py, || desk.mark_sale_order_done(actor.0, sale_order)).map(SaleOrder)
    }

    /// Cancels a draft or confirmed order (the host, managers).
    fn cancel_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: Arg<hd::SaleOrderId>,
    ) -> PyResult<SaleOrder> {
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        run(py, || desk.cancel_sale_order(actor.0, sale_order)).map(SaleOrder)
    }

    /// A draft invoice, in a sale `journal`, of what a confirmed order may
    /// bill now: prepaid lines for their ordered quantity not yet invoiced,
    /// post-paid lines for the time delivered and not yet billed (the host,
    /// managers).
    fn invoice_sale_order(
        &self,
        py: Python<'_>,
        actor: Actor,
        sale_order: Arg<hd::SaleOrderId>,
        journal: Arg<hd::JournalId>,
    ) -> PyResult<Invoice> {
        let sale_order = sale_order.read(py, "sale_order")?;
        let journal = journal.read(py, "journal")?;
        let desk = self.desk(py)?;
        run(py, || desk.invoice_sale_order(actor.0, sale_order, journal)).map(Invoice)
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
        ticket: Arg<hd::TicketId>,
        quantity: Arg<Decimal>,
        unit: Option<Arg<hd::UnitId>>,
        description: Option<String>,
        date: Option<Arg<NaiveDate>>,
        agent: Option<Arg<hd::UserId>>,
    ) -> PyResult<TimeEntry> {
        let ticket = ticket.read(py, "ticket")?;
        let quantity = quantity.read(py, "quantity")?;
        let unit = unit.read(py, "unit")?;
        let date = date.read(py, "date")?;
        let agent = agent.read(py, "agent")?;
        let desk = self.desk(py)?;
        let input = hd::NewTimeEntry {
            quantity,
            unit,
            description: description.unwrap_or_default(),
            date,
            agent,
        };
        run(py, || desk.log_time(actor.0, ticket, input)).map(TimeEntry)
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
        entry: Arg<hd::TimeEntryId>,
        quantity: Option<Arg<Decimal>>,
        unit: Option<Arg<hd::UnitId>>,
        description: Option<String>,
        date: Option<Arg<NaiveDate>>,
    ) -> PyResult<TimeEntry> {
        let entry = entry.read(py, "entry")?;
        let quantity = quantity.read(py, "quantity")?;
        let unit = unit.read(py, "unit")?;
        let date = date.read(py, "date")?;
        let desk = self.desk(py)?;
        let update = hd::TimeEntryUpdate {
            quantity,
            unit,
            description,
            date,
        };
        run(py, || desk.update_time_entry(actor.0, entry, update)).map(TimeEntry)
    }

    /// Deletes a time entry not yet billed (agents).
    fn delete_time_entry(
        &self,
        py: Python<'_>,
        actor: Actor,
        entry: Arg<hd::TimeEntryId>,
    ) -> PyResult<()> {
        let entry = entry.read(py, "entry")?;
        let desk = self.desk(py)?;
        run(py, || desk.delete_time_entry(actor.0, entry))
    }

    /// A ticket's time entries, by id (internal users who see it).
    fn ticket_time_entries(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<TimeEntry>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let entries = run(py, || desk.ticket_time_entries(actor.0, ticket))?;
        Ok(entries.into_iter().map(TimeEntry).collect())
    }

    /// Charges a ticket's time to another service line (an `OrderLineRef`)
    /// of the same customer, or with `None` to none (agents); its unbilled
    /// entries follow.
    fn set_ticket_sale_line(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        sale_line: Option<OrderLineRef>,
    ) -> PyResult<Ticket> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let line = sale_line.map(|l| l.0);
        run(py, || desk.set_ticket_sale_line(actor.0, ticket, line)).map(Ticket)
    }

    /// A ticket's logged hours and the hours left on its contract (internal
    /// users who see it).
    fn ticket_hours(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<TicketHours> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        run(py, || desk.ticket_hours(actor.0, ticket)).map(TicketHours)
    }

    /// A customer's support contracts: the service lines of their confirmed
    /// orders with their balances (internal users of the company; portal
    /// users for their own company).
    fn customer_contracts(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        customer: Arg<hd::PartnerId>,
    ) -> PyResult<Vec<ContractLine>> {
        let company = company.read(py, "company")?;
        let customer = customer.read(py, "customer")?;
        let desk = self.desk(py)?;
        let lines = run(py, || desk.customer_contracts(actor.0, company, customer))?;
        Ok(lines.into_iter().map(ContractLine).collect())
    }

    /// The confirmed orders with a prepaid line delivered beyond what was
    /// ordered (internal users of the company).
    fn upsell_orders(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
    ) -> PyResult<Vec<SaleOrder>> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let orders = run(py, || desk.upsell_orders(actor.0, company))?;
        Ok(orders.into_iter().map(SaleOrder).collect())
    }

    // ----- stock and returns -----

    /// Records a stock location (the host, managers).
    #[pyo3(signature = (actor, *, company, name, kind))]
    fn create_location(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
        kind: EnumArg<hd::LocationKind>,
    ) -> PyResult<Location> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let input = hd::NewLocation {
            company,
            name,
            kind: kind.0,
        };
        run(py, || desk.create_location(actor.0, input)).map(Location)
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
        company: Arg<hd::CompanyId>,
        customer: Arg<hd::PartnerId>,
        source: Arg<hd::LocationId>,
        destination: Arg<hd::LocationId>,
        lines: Vec<TransferLine>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
    ) -> PyResult<Transfer> {
        let company = company.read(py, "company")?;
        let customer = customer.read(py, "customer")?;
        let source = source.read(py, "source")?;
        let destination = destination.read(py, "destination")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let desk = self.desk(py)?;
        let input = hd::NewDelivery {
            company,
            customer,
            sale_order,
            source,
            destination,
            lines: lines.into_iter().map(|l| l.0).collect(),
        };
        run(py, || desk.create_delivery(actor.0, input)).map(Transfer)
    }

    /// Validates a ready transfer: the goods moved (the host, managers, and
    /// agents for the returns of their tickets).
    fn validate_transfer(
        &self,
        py: Python<'_>,
        actor: Actor,
        transfer: Arg<hd::TransferId>,
    ) -> PyResult<Transfer> {
        let transfer = transfer.read(py, "transfer")?;
        let desk = self.desk(py)?;
        run(py, || desk.validate_transfer(actor.0, transfer)).map(Transfer)
    }

    /// Cancels a transfer not yet done.
    fn cancel_transfer(
        &self,
        py: Python<'_>,
        actor: Actor,
        transfer: Arg<hd::TransferId>,
    ) -> PyResult<Transfer> {
        let transfer = transfer.read(py, "transfer")?;
        let desk = self.desk(py)?;
        run(py, || desk.cancel_transfer(actor.0, transfer)).map(Transfer)
    }

    /// A transfer (internal users of its company; portal users for the
    /// returns of tickets they see).
    fn get_transfer(
        &self,
        py: Python<'_>,
        actor: Actor,
        transfer: Arg<hd::TransferId>,
    ) -> PyResult<Transfer> {
        let transfer = transfer.read(py, "transfer")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_transfer(actor.0, transfer)).map(Transfer)
    }

    /// The done deliveries of the ticket's customer with something left to
    /// return, narrowed by sales order and product (agents).
    #[pyo3(signature = (actor, ticket, *, sale_order = None, product = None))]
    fn returnable_deliveries(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
        product: Option<Arg<hd::ProductId>>,
    ) -> PyResult<Vec<ReturnableDelivery>> {
        let ticket = ticket.read(py, "ticket")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let product = product.read(py, "product")?;
        let desk = self.desk(py)?;
        let filter = hd::ReturnFilter {
            sale_order,
            product,
        };
        let deliveries = run(py, || desk.returnable_deliveries(actor.0, ticket, filter))?;
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
        ticket: Arg<hd::TicketId>,
        delivery: Arg<hd::TransferId>,
        lines: Option<Vec<ReturnQuantity>>,
        location: Option<Arg<hd::LocationId>>,
    ) -> PyResult<Transfer> {
        let ticket = ticket.read(py, "ticket")?;
        let delivery = delivery.read(py, "delivery")?;
        let location = location.read(py, "location")?;
        let desk = self.desk(py)?;
        let request = return_request(delivery, lines, location);
        run(py, || desk.return_products(actor.0, ticket, request)).map(Transfer)
    }

    /// The return (as `return_products`) and the outgoing delivery of the
    /// same products and quantities (agents).
    #[pyo3(signature = (actor, ticket, *, delivery, lines = None, location = None))]
    fn return_for_exchange(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
        delivery: Arg<hd::TransferId>,
        lines: Option<Vec<ReturnQuantity>>,
        location: Option<Arg<hd::LocationId>>,
    ) -> PyResult<Exchange> {
        let ticket = ticket.read(py, "ticket")?;
        let delivery = delivery.read(py, "delivery")?;
        let location = location.read(py, "location")?;
        let desk = self.desk(py)?;
        let request = return_request(delivery, lines, location);
        run(py, || desk.return_for_exchange(actor.0, ticket, request)).map(Exchange)
    }

    /// The returns made from a ticket (internal users who see it).
    fn ticket_returns(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<Transfer>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let returns = run(py, || desk.ticket_returns(actor.0, ticket))?;
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
        ticket: Arg<hd::TicketId>,
        customer: Option<Arg<hd::PartnerId>>,
        product: Option<Arg<hd::ProductId>>,
        lot: Option<String>,
        return_transfer: Option<Arg<hd::TransferId>>,
        sale_order: Option<Arg<hd::SaleOrderId>>,
        scheduled_date: Option<Arg<NaiveDate>>,
        responsible: Option<Arg<hd::UserId>>,
        tags: Option<Vec<String>>,
        under_warranty: Option<bool>,
        notes: Option<String>,
    ) -> PyResult<Repair> {
        let ticket = ticket.read(py, "ticket")?;
        let customer = customer.read(py, "customer")?;
        let product = product.read(py, "product")?;
        let return_transfer = return_transfer.read(py, "return_transfer")?;
        let sale_order = sale_order.read(py, "sale_order")?;
        let scheduled_date = scheduled_date.read(py, "scheduled_date")?;
        let responsible = responsible.read(py, "responsible")?;
        let desk = self.desk(py)?;
        let d = hd::NewRepair::default();
        let input = hd::NewRepair {
            customer,
            product,
            lot,
            return_transfer,
            sale_order,
            scheduled_date,
            responsible,
            tags: tags.unwrap_or(d.tags),
            under_warranty: under_warranty.unwrap_or(d.under_warranty),
            notes: notes.unwrap_or(d.notes),
        };
        run(py, || desk.create_repair(actor.0, ticket, input)).map(Repair)
    }

    /// A repair, to whoever sees its ticket.
    fn get_repair(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_repair(actor.0, repair)).map(Repair)
    }

    /// The repairs of a ticket, to whoever sees it.
    fn ticket_repairs(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<Repair>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let repairs = run(py, || desk.ticket_repairs(actor.0, ticket))?;
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
        repair: Arg<hd::RepairId>,
        under_warranty: Option<bool>,
        scheduled_date: Option<Arg<NaiveDate>>,
        responsible: Option<Arg<hd::UserId>>,
        tags: Option<Vec<String>>,
        notes: Option<String>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let scheduled_date = scheduled_date.read(py, "scheduled_date")?;
        let responsible = responsible.read(py, "responsible")?;
        let desk = self.desk(py)?;
        let update = hd::RepairUpdate {
            under_warranty,
            scheduled_date,
            responsible,
            tags,
            notes,
        };
        run(py, || desk.update_repair(actor.0, repair, update)).map(Repair)
    }

    /// Adds a part (agents); `unit_price` defaults to the product's, and is
    /// zero under warranty.
    #[pyo3(signature = (actor, repair, *, product, quantity, unit_price = None))]
    fn add_repair_part(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
        product: Arg<hd::ProductId>,
        quantity: Arg<Decimal>,
        unit_price: Option<Arg<Decimal>>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let product = product.read(py, "product")?;
        let quantity = quantity.read(py, "quantity")?;
        let unit_price = unit_price.read(py, "unit_price")?;
        let desk = self.desk(py)?;
        let part = hd::NewRepairPart {
            product,
            quantity,
            unit_price,
        };
        run(py, || desk.add_repair_part(actor.0, repair, part)).map(Repair)
    }

    /// Removes the part at `index` (from 0) (agents).
    fn remove_repair_part(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
        index: Arg<u32>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let index = index.read(py, "index")?;
        let desk = self.desk(py)?;
        run(py, || desk.remove_repair_part(actor.0, repair, index)).map(Repair)
    }

    /// Moves a repair on: new, confirmed, under repair, repaired (agents).
    fn advance_repair(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let desk = self.desk(py)?;
        run(py, || desk.advance_repair(actor.0, repair)).map(Repair)
    }

    /// Cancels a repair not yet repaired (agents).
    fn cancel_repair(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
    ) -> PyResult<Repair> {
        let repair = repair.read(py, "repair")?;
        let desk = self.desk(py)?;
        run(py, || desk.cancel_repair(actor.0, repair)).map(Repair)
    }

    /// A draft quotation (sales order) of the repair's parts for its
    /// customer, in `currency` (agents).
    fn repair_quotation(
        &self,
        py: Python<'_>,
        actor: Actor,
        repair: Arg<hd::RepairId>,
        currency: String,
    ) -> PyResult<SaleOrder> {
        let repair = repair.read(py, "repair")?;
        let desk = self.desk(py)?;
        run(py, || desk.repair_quotation(actor.0, repair, currency)).map(SaleOrder)
    }

    // ----- field service -----

    /// Creates a field-service project (managers); a
    /// `default_worksheet_template` needs `worksheets`.
    #[pyo3(signature = (actor, *, company, name, worksheets = None, default_worksheet_template = None))]
    fn create_field_service_project(
        &self,
        py: Python<'_>,
        actor: Actor,
        company: Arg<hd::CompanyId>,
        name: String,
        worksheets: Option<bool>,
        default_worksheet_template: Option<String>,
    ) -> PyResult<FieldServiceProject> {
        let company = company.read(py, "company")?;
        let desk = self.desk(py)?;
        let input = hd::NewFieldServiceProject {
            company,
            name,
            worksheets: worksheets.unwrap_or_default(),
            default_worksheet_template,
        };
        run(py, || desk.create_field_service_project(actor.0, input)).map(FieldServiceProject)
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
        ticket: Arg<hd::TicketId>,
        title: Option<String>,
        project: Option<Arg<hd::FieldServiceProjectId>>,
        worksheet_template: Option<String>,
    ) -> PyResult<FieldServiceTask> {
        let ticket = ticket.read(py, "ticket")?;
        let project = project.read(py, "project")?;
        let desk = self.desk(py)?;
        let input = hd::NewFieldServiceTask {
            title,
            project,
            worksheet_template,
        };
        run(py, || {
            desk.create_field_service_task(actor.0, ticket, input)
        })
        .map(FieldServiceTask)
    }

    /// A field-service task, to whoever sees its ticket (portal customers
    /// too).
    fn get_field_service_task(
        &self,
        py: Python<'_>,
        actor: Actor,
        task: Arg<hd::FieldServiceTaskId>,
    ) -> PyResult<FieldServiceTask> {
        let task = task.read(py, "task")?;
        let desk = self.desk(py)?;
        run(py, || desk.get_field_service_task(actor.0, task)).map(FieldServiceTask)
    }

    /// The field-service tasks of a ticket, to whoever sees it.
    fn ticket_field_service_tasks(
        &self,
        py: Python<'_>,
        actor: Actor,
        ticket: Arg<hd::TicketId>,
    ) -> PyResult<Vec<FieldServiceTask>> {
        let ticket = ticket.read(py, "ticket")?;
        let desk = self.desk(py)?;
        let tasks = run(py, || desk.ticket_field_service_tasks(actor.0, ticket))?;
        Ok(tasks.into_iter().map(FieldServiceTask).collect())
    }

    /// Moves a task to a stage (agents of its ticket).
    fn move_field_service_task(
        &self,
        py: Python<'_>,
        actor: Actor,
        task: Arg<hd::FieldServiceTaskId>,
        stage: EnumArg<hd::TaskStage>,
    ) -> PyResult<FieldServiceTask> {
        let task = task.read(py, "task")?;
        let desk = self.desk(py)?;
        run(py, || desk.move_field_service_task(actor.0, task, stage.0)).map(FieldServiceTask)
    }
}

/// The ticket filter of `list_tickets` and `count_tickets`, from their
/// keyword arguments (left-out ones take the core's defaults).
#[allow(clippy::too_many_arguments)]
fn filter(
    team: Option<hd::TeamId>,
    stage: Option<hd::StageId>,
    assignee: Option<hd::UserId>,
    customer: Option<hd::PartnerId>,
    open: Option<bool>,
    text: Option<String>,
    archived: Option<bool>,
    sla_failed: Option<bool>,
) -> hd::TicketFilter {
    let d = hd::TicketFilter::default();
    hd::TicketFilter {
        team,
        stage,
        assignee,
        customer,
        open,
        text,
        archived: archived.unwrap_or(d.archived),
        sla_failed,
    }
}

/// The input of `reverse_invoice` and `reverse_and_reinvoice`.
fn reversal(
    invoice: hd::InvoiceId,
    reason: Option<String>,
    journal: Option<hd::JournalId>,
    reversal_date: Option<NaiveDate>,
) -> hd::Reversal {
    hd::Reversal {
        invoice,
        reason,
        journal,
        reversal_date,
    }
}

/// The input of `return_products` and `return_for_exchange`.
fn return_request(
    delivery: hd::TransferId,
    lines: Option<Vec<ReturnQuantity>>,
    location: Option<hd::LocationId>,
) -> hd::ReturnRequest {
    hd::ReturnRequest {
        delivery,
        lines: lines.map(|lines| lines.into_iter().map(|l| l.0).collect()),
        location,
    }
}

/// The names of every operation of the core façade (snake_case): each is a
/// method of `Helpdesk`.
#[pyfunction]
pub fn operations() -> Vec<&'static str> {
    hd::OPERATIONS.to_vec()
}

/// Registers the façade's classes and functions on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Actor>()?;
    m.add_class::<ManualClock>()?;
    m.add_class::<Helpdesk>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    Ok(())
}
