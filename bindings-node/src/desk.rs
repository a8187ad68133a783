//! The `Helpdesk` class (the façade) and the `ManualClock` class.
//!
//! Each method is one core call plus conversion; store operations return a
//! Promise and run on a worker thread ([`crate::task`]).

use crate::enums::{Actor, PaymentState, TaskStage};
use crate::error::to_js;
use crate::inputs::{
    CalendarUpdate, CreditLineUpdate, NewCalendar, NewCompany, NewCoupon, NewCouponProgram,
    NewDelivery, NewFieldServiceProject, NewFieldServiceTask, NewInvoice, NewJournal, NewLeave,
    NewLocation, NewPartner, NewProduct, NewRepair, NewRepairPart, NewSaleOrder, NewSlaPolicy,
    NewStage, NewTax, NewTeam, NewTicket, NewTimeEntry, NewUnit, NewUser, OrderLineRefInput,
    PartnerUpdate, Redemption, RefundFilter, RepairUpdate, ReturnFilter, ReturnRequest, Reversal,
    SlaPolicyUpdate, SlaReportQuery, StageUpdate, Submission, SupportHoursUpdate, TeamUpdate,
    TicketFilter, TicketQuery, TicketUpdate, TimeEntryUpdate, UserUpdate,
};
use crate::records::{
    all, values, Calendar, Company, ContractLine, Coupon, CouponProgram, Currency, Exchange,
    FieldServiceProject, FieldServiceTask, Invoice, Journal, Leave, Location, Message,
    OutboxMessage, Partner, Product, Redeemed, RefundDefaults, RefundableInvoice, Reinvoice,
    Repair, ReturnableDelivery, SaleOrder, SlaPolicy, SlaReport, SlaStatusView, Stage, StageChange,
    Tag, Tax, Team, Ticket, TicketHours, TicketPage, TicketType, TimeEntry, Transfer, Unit,
    UnitCategory, User,
};
use crate::scalars::{self, decimal, whole_u32};
use crate::task::{run, DeskTask};
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::AsyncTask;
use napi::Env;
use napi::JsDate;
use napi_derive::napi;
use std::sync::Arc;

/// A clock that stands still until told to move, for tests and replays.
/// Give it to `Helpdesk.inMemory(clock)` or `Helpdesk.open(path, clock)`;
/// the desk then reads the time from it.
#[napi]
pub struct ManualClock {
    inner: helpdesk::ManualClock,
}

#[napi]
impl ManualClock {
    /// A clock showing `start` (a valid `Date`, years 1 to 9999).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, start: JsDate) -> napi::Result<Self> {
        let start = scalars::instant("start", &start).map_err(|e| to_js(&env, &e))?;
        Ok(Self {
            inner: helpdesk::ManualClock::new(start),
        })
    }

    /// The instant the clock shows.
    #[napi(catch_unwind)]
    pub fn now(&self) -> DateTime<Utc> {
        helpdesk::Clock::now(&self.inner)
    }

    /// Moves the clock to `instant` (backwards too).
    #[napi(catch_unwind)]
    pub fn set(&self, env: Env, instant: JsDate) -> napi::Result<()> {
        let instant = scalars::instant("instant", &instant).map_err(|e| to_js(&env, &e))?;
        self.inner.set(instant);
        Ok(())
    }

    /// Moves the clock forward by `milliseconds` (negative moves it back):
    /// a whole number of seconds, like every duration the library takes;
    /// a fraction of a second is `invalid_input`.
    #[napi(catch_unwind)]
    pub fn advance(&self, env: Env, milliseconds: f64) -> napi::Result<()> {
        scalars::duration("milliseconds", milliseconds)
            .and_then(|by| self.inner.advance(by))
            .map_err(|error| to_js(&env, &error))
    }
}

/// The helpdesk: the one object a host talks to. Every operation takes the
/// acting user first (`{ kind: 'system' }` or `{ kind: 'user', id }`) and
/// returns a Promise; it rejects with a `HelpdeskError` (a stable `code`, a
/// `kind` and the structured `fields`), also for an argument of the wrong
/// type. `close()` (or `await using`) closes the desk.
///
/// Arguments are read by the library's one reading of scalars: ids are
/// whole numbers from 1 to 2^53 − 1 (`1.9`, `0`, `NaN` are refused, never
/// truncated), decimals are exact strings (`'12.50'`; more than 28 decimal
/// places is refused, never rounded), dates `'YYYY-MM-DD'`, instants valid
/// `Date`s, durations milliseconds of whole seconds. Anything else rejects
/// the Promise with `invalid_input` naming the argument, nothing written.
#[napi]
pub struct Helpdesk {
    inner: helpdesk::Helpdesk,
}

/// The desk reading time from `clock` (if any) and drawing randomness from
/// a generator seeded with `seed` (if any; else the OS random source).
fn configured(
    desk: helpdesk::Helpdesk,
    clock: Option<helpdesk::ManualClock>,
    seed: Option<u64>,
) -> helpdesk::Helpdesk {
    let desk = match clock {
        Some(clock) => desk.with_clock(Arc::new(clock)),
        None => desk,
    };
    match seed {
        Some(seed) => desk.with_random(Arc::new(helpdesk::SeededRandom::new(seed))),
        None => desk,
    }
}

#[napi]
impl Helpdesk {
    /// A desk over a fresh in-memory store (with the system clock, or
    /// `clock`). `seed` (a whole number; default: the OS random source)
    /// makes coupon codes reproducible: for tests, not production, since a
    /// seeded code can be predicted.
    // Writable and configurable, as `open`: the package entry makes the
    // argument errors napi throws `HelpdeskError`s.
    #[napi(factory, catch_unwind, writable = true, configurable = true)]
    pub fn in_memory(
        env: Env,
        clock: Option<&ManualClock>,
        seed: Option<f64>,
    ) -> napi::Result<Self> {
        let seed = seed
            .map(|s| scalars::whole("seed", s))
            .transpose()
            .map_err(|e| crate::error::to_js(&env, &e))?;
        Ok(Self {
            inner: configured(
                helpdesk::Helpdesk::in_memory(),
                clock.map(|c| c.inner.clone()),
                seed,
            ),
        })
    }

    /// A desk over the SQLite file at `path` (created if missing; schema
    /// migrations are applied on open), with the system clock or `clock`,
    /// and `seed` as for `inMemory`.
    // Writable and configurable (napi makes statics neither) so that the
    // package entry (helpdesk.js) can make argument errors reject its Promise.
    #[napi(
        catch_unwind,
        writable = true,
        configurable = true,
        ts_return_type = "Promise<Helpdesk>"
    )]
    pub fn open(
        path: String,
        clock: Option<&ManualClock>,
        seed: Option<f64>,
    ) -> AsyncTask<DeskTask<Helpdesk>> {
        let clock = clock.map(|c| c.inner.clone());
        let seed = seed.map(|s| scalars::whole("seed", s)).transpose();
        run(move || {
            Ok(Helpdesk {
                inner: configured(helpdesk::Helpdesk::open(path)?, clock, seed?),
            })
        })
    }

    /// A canonical dump of everything stored (for tests: compare before and
    /// after).
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn snapshot(&self) -> AsyncTask<DeskTask<String>> {
        let desk = self.inner.clone();
        run(move || desk.snapshot())
    }

    /// Closes the desk: from now on every operation of this desk rejects
    /// with `invalid_state`, and the store releases what it holds (a
    /// SQLite store closes its file, once the operations already running
    /// have finished). Closing twice is harmless. `await using desk = …`
    /// calls it at the end of the block (`[Symbol.asyncDispose]`, defined
    /// by the package entry where the runtime has that symbol).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn close(&self) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || desk.close())
    }

    // --- directory ---

    /// Creates a company.
    #[napi(catch_unwind, ts_return_type = "Promise<Company>")]
    pub fn create_company(&self, actor: Actor, input: NewCompany) -> AsyncTask<DeskTask<Company>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_company(actor.core()?, input.into())
                .map(Into::into)
        })
    }

    /// Renames a company.
    #[napi(catch_unwind, ts_return_type = "Promise<Company>")]
    pub fn update_company(
        &self,
        actor: Actor,
        company: f64,
        name: String,
    ) -> AsyncTask<DeskTask<Company>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_company(actor.core()?, scalars::id("company", company)?, name)
                .map(Into::into)
        })
    }

    /// A company.
    #[napi(catch_unwind, ts_return_type = "Promise<Company>")]
    pub fn get_company(&self, actor: Actor, company: f64) -> AsyncTask<DeskTask<Company>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_company(actor.core()?, scalars::id("company", company)?)
                .map(Into::into)
        })
    }

    /// The companies the actor works for; for the system actor, every
    /// company the host created.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Company>>")]
    pub fn list_companies(&self, actor: Actor) -> AsyncTask<DeskTask<Vec<Company>>> {
        let desk = self.inner.clone();
        run(move || desk.list_companies(actor.core()?).map(all))
    }

    /// Creates a contact.
    #[napi(catch_unwind, ts_return_type = "Promise<Partner>")]
    pub fn create_partner(&self, actor: Actor, input: NewPartner) -> AsyncTask<DeskTask<Partner>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_partner(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Changes a contact.
    #[napi(catch_unwind, ts_return_type = "Promise<Partner>")]
    pub fn update_partner(
        &self,
        actor: Actor,
        partner: f64,
        update: PartnerUpdate,
    ) -> AsyncTask<DeskTask<Partner>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_partner(
                actor.core()?,
                scalars::id("partner", partner)?,
                update.into(),
            )
            .map(Into::into)
        })
    }

    /// A contact.
    #[napi(catch_unwind, ts_return_type = "Promise<Partner>")]
    pub fn get_partner(&self, actor: Actor, partner: f64) -> AsyncTask<DeskTask<Partner>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_partner(actor.core()?, scalars::id("partner", partner)?)
                .map(Into::into)
        })
    }

    /// Creates a user.
    #[napi(catch_unwind, ts_return_type = "Promise<User>")]
    pub fn create_user(&self, actor: Actor, input: NewUser) -> AsyncTask<DeskTask<User>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_user(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Changes a user (name, role, companies, archived).
    #[napi(catch_unwind, ts_return_type = "Promise<User>")]
    pub fn update_user(
        &self,
        actor: Actor,
        user: f64,
        update: UserUpdate,
    ) -> AsyncTask<DeskTask<User>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_user(
                actor.core()?,
                scalars::id("user", user)?,
                update.into_core()?,
            )
            .map(Into::into)
        })
    }

    /// A user.
    #[napi(catch_unwind, ts_return_type = "Promise<User>")]
    pub fn get_user(&self, actor: Actor, user: f64) -> AsyncTask<DeskTask<User>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_user(actor.core()?, scalars::id("user", user)?)
                .map(Into::into)
        })
    }

    // --- teams and their configuration ---

    /// Creates a team (with the default stages).
    #[napi(catch_unwind, ts_return_type = "Promise<Team>")]
    pub fn create_team(&self, actor: Actor, input: NewTeam) -> AsyncTask<DeskTask<Team>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_team(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Changes a team.
    #[napi(catch_unwind, ts_return_type = "Promise<Team>")]
    pub fn update_team(
        &self,
        actor: Actor,
        team: f64,
        update: TeamUpdate,
    ) -> AsyncTask<DeskTask<Team>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_team(
                actor.core()?,
                scalars::id("team", team)?,
                update.into_core()?,
            )
            .map(Into::into)
        })
    }

    /// Replaces a team's members (in assignment order).
    #[napi(catch_unwind, ts_return_type = "Promise<Team>")]
    pub fn set_team_members(
        &self,
        actor: Actor,
        team: f64,
        members: Vec<f64>,
    ) -> AsyncTask<DeskTask<Team>> {
        let desk = self.inner.clone();
        run(move || {
            let members = scalars::ids("members", members)?;
            desk.set_team_members(actor.core()?, scalars::id("team", team)?, members)
                .map(Into::into)
        })
    }

    /// A team the actor may see.
    #[napi(catch_unwind, ts_return_type = "Promise<Team>")]
    pub fn get_team(&self, actor: Actor, team: f64) -> AsyncTask<DeskTask<Team>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_team(actor.core()?, scalars::id("team", team)?)
                .map(Into::into)
        })
    }

    /// The teams the actor may see.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Team>>")]
    pub fn list_teams(&self, actor: Actor) -> AsyncTask<DeskTask<Vec<Team>>> {
        let desk = self.inner.clone();
        run(move || desk.list_teams(actor.core()?).map(all))
    }

    /// Makes a contact follow a team.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn follow_team(&self, actor: Actor, team: f64, partner: f64) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || {
            desk.follow_team(
                actor.core()?,
                scalars::id("team", team)?,
                scalars::id("partner", partner)?,
            )
        })
    }

    /// Stops a contact following a team.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn unfollow_team(&self, actor: Actor, team: f64, partner: f64) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || {
            desk.unfollow_team(
                actor.core()?,
                scalars::id("team", team)?,
                scalars::id("partner", partner)?,
            )
        })
    }

    /// The contacts following a team.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<number>>")]
    pub fn team_followers(&self, actor: Actor, team: f64) -> AsyncTask<DeskTask<Vec<i64>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.team_followers(actor.core()?, scalars::id("team", team)?)
                .map(values)
        })
    }

    /// Creates a stage.
    #[napi(catch_unwind, ts_return_type = "Promise<Stage>")]
    pub fn create_stage(&self, actor: Actor, input: NewStage) -> AsyncTask<DeskTask<Stage>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_stage(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Changes a stage.
    #[napi(catch_unwind, ts_return_type = "Promise<Stage>")]
    pub fn update_stage(
        &self,
        actor: Actor,
        stage: f64,
        update: StageUpdate,
    ) -> AsyncTask<DeskTask<Stage>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_stage(
                actor.core()?,
                scalars::id("stage", stage)?,
                update.into_core()?,
            )
            .map(Into::into)
        })
    }

    /// The stages of a team, in pipeline order.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Stage>>")]
    pub fn list_stages(&self, actor: Actor, team: f64) -> AsyncTask<DeskTask<Vec<Stage>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_stages(actor.core()?, scalars::id("team", team)?)
                .map(all)
        })
    }

    /// Creates a tag.
    #[napi(catch_unwind, ts_return_type = "Promise<Tag>")]
    pub fn create_tag(&self, actor: Actor, company: f64, name: String) -> AsyncTask<DeskTask<Tag>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_tag(actor.core()?, scalars::id("company", company)?, name)
                .map(Into::into)
        })
    }

    /// The tags of a company.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Tag>>")]
    pub fn list_tags(&self, actor: Actor, company: f64) -> AsyncTask<DeskTask<Vec<Tag>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_tags(actor.core()?, scalars::id("company", company)?)
                .map(all)
        })
    }

    /// Creates a ticket type.
    #[napi(catch_unwind, ts_return_type = "Promise<TicketType>")]
    pub fn create_ticket_type(
        &self,
        actor: Actor,
        company: f64,
        name: String,
    ) -> AsyncTask<DeskTask<TicketType>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_ticket_type(actor.core()?, scalars::id("company", company)?, name)
                .map(Into::into)
        })
    }

    /// The ticket types of a company.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<TicketType>>")]
    pub fn list_ticket_types(
        &self,
        actor: Actor,
        company: f64,
    ) -> AsyncTask<DeskTask<Vec<TicketType>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_ticket_types(actor.core()?, scalars::id("company", company)?)
                .map(all)
        })
    }

    // --- tickets ---

    /// Creates a ticket (agents and the system).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn create_ticket(&self, actor: Actor, input: NewTicket) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_ticket(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Creates several tickets in one unit of work, each assigned as if
    /// created one after another (ASG-6): all or none are created.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Ticket>>")]
    pub fn create_tickets(
        &self,
        actor: Actor,
        tickets: Vec<NewTicket>,
    ) -> AsyncTask<DeskTask<Vec<Ticket>>> {
        let desk = self.inner.clone();
        run(move || {
            let tickets = tickets
                .into_iter()
                .map(NewTicket::into_core)
                .collect::<helpdesk::Result<_>>()?;
            desk.create_tickets(actor.core()?, tickets).map(all)
        })
    }

    /// Submits a ticket through the public form (portal users, VIS-7).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn submit_ticket(&self, actor: Actor, input: Submission) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.submit_ticket(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Changes a ticket's subject, description, priority or tags.
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn update_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        update: TicketUpdate,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.update_ticket(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                update.into_core()?,
            )
            .map(Into::into)
        })
    }

    /// Assigns a ticket (`null` unassigns).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn assign_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        assignee: Option<f64>,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.assign_ticket(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::opt_id("assignee", assignee)?,
            )
            .map(Into::into)
        })
    }

    /// Sets a ticket's customer contact (`null` clears it).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn set_ticket_customer(
        &self,
        actor: Actor,
        ticket: f64,
        customer: Option<f64>,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.set_ticket_customer(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::opt_id("customer", customer)?,
            )
            .map(Into::into)
        })
    }

    /// Sets a ticket's type (`null` clears it).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn set_ticket_type(
        &self,
        actor: Actor,
        ticket: f64,
        ticket_type: Option<f64>,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.set_ticket_type(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::opt_id("ticket_type", ticket_type)?,
            )
            .map(Into::into)
        })
    }

    /// Moves a ticket to another team of its company (`null`: no team);
    /// it enters the new team's first stage unless its stage is shared,
    /// is assigned automatically when unassigned (ASG-1) and its SLAs are
    /// recomputed (SLA-3).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn set_ticket_team(
        &self,
        actor: Actor,
        ticket: f64,
        team: Option<f64>,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.set_ticket_team(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::opt_id("team", team)?,
            )
            .map(Into::into)
        })
    }

    /// Moves a ticket to a stage.
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn move_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        stage: f64,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.move_ticket(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::id("stage", stage)?,
            )
            .map(Into::into)
        })
    }

    /// Archives a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn archive_ticket(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.archive_ticket(actor.core()?, scalars::id("ticket", ticket)?)
                .map(Into::into)
        })
    }

    /// Restores an archived ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn unarchive_ticket(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.unarchive_ticket(actor.core()?, scalars::id("ticket", ticket)?)
                .map(Into::into)
        })
    }

    /// Makes a contact follow a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn follow_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        partner: f64,
    ) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || {
            desk.follow_ticket(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::id("partner", partner)?,
            )
        })
    }

    /// Stops a contact following a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn unfollow_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        partner: f64,
    ) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || {
            desk.unfollow_ticket(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                scalars::id("partner", partner)?,
            )
        })
    }

    /// The contacts following a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<number>>")]
    pub fn ticket_followers(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Vec<i64>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_followers(actor.core()?, scalars::id("ticket", ticket)?)
                .map(values)
        })
    }

    /// Posts a public reply on a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<Message>")]
    pub fn reply_to_ticket(
        &self,
        actor: Actor,
        ticket: f64,
        body: String,
    ) -> AsyncTask<DeskTask<Message>> {
        let desk = self.inner.clone();
        run(move || {
            desk.reply_to_ticket(actor.core()?, scalars::id("ticket", ticket)?, body)
                .map(Into::into)
        })
    }

    /// Posts an internal note on a ticket.
    #[napi(catch_unwind, ts_return_type = "Promise<Message>")]
    pub fn add_internal_note(
        &self,
        actor: Actor,
        ticket: f64,
        body: String,
    ) -> AsyncTask<DeskTask<Message>> {
        let desk = self.inner.clone();
        run(move || {
            desk.add_internal_note(actor.core()?, scalars::id("ticket", ticket)?, body)
                .map(Into::into)
        })
    }

    /// A ticket the actor may see; `not_found` otherwise (VIS-9).
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn get_ticket(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_ticket(actor.core()?, scalars::id("ticket", ticket)?)
                .map(Into::into)
        })
    }

    /// A page of the tickets the actor may see, filtered and sorted.
    #[napi(catch_unwind, ts_return_type = "Promise<TicketPage>")]
    pub fn list_tickets(
        &self,
        actor: Actor,
        query: Option<TicketQuery>,
    ) -> AsyncTask<DeskTask<TicketPage>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_tickets(actor.core()?, query.unwrap_or_default().into_core()?)
                .map(Into::into)
        })
    }

    /// How many tickets the actor may see match `filter`.
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn count_tickets(
        &self,
        actor: Actor,
        filter: Option<TicketFilter>,
    ) -> AsyncTask<DeskTask<i64>> {
        let desk = self.inner.clone();
        run(move || {
            let count =
                desk.count_tickets(actor.core()?, filter.unwrap_or_default().into_core()?)?;
            Ok(i64::try_from(count).unwrap_or(i64::MAX))
        })
    }

    /// The messages of a ticket, oldest first (portal users never receive
    /// internal notes, VIS-4).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Message>>")]
    pub fn list_messages(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Vec<Message>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_messages(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// The stage history of a ticket, oldest first.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<StageChange>>")]
    pub fn stage_history(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<Vec<StageChange>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.stage_history(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    // --- calendars ---

    /// Creates a working calendar of a company (managers of the company);
    /// the spec is validated as by `new WorkingCalendar`.
    #[napi(catch_unwind, ts_return_type = "Promise<Calendar>")]
    pub fn create_calendar(
        &self,
        actor: Actor,
        input: NewCalendar,
    ) -> AsyncTask<DeskTask<Calendar>> {
        let desk = self.inner.clone();
        // The spec holds `Date`s: it is read here, on the JavaScript thread.
        let input = input.into_core();
        run(move || desk.create_calendar(actor.core()?, input?).map(Into::into))
    }

    /// Renames a calendar or replaces its spec (managers of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<Calendar>")]
    pub fn update_calendar(
        &self,
        actor: Actor,
        calendar: f64,
        update: CalendarUpdate,
    ) -> AsyncTask<DeskTask<Calendar>> {
        let desk = self.inner.clone();
        let update = update.into_core();
        run(move || {
            desk.update_calendar(actor.core()?, scalars::id("calendar", calendar)?, update?)
                .map(Into::into)
        })
    }

    /// A calendar (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<Calendar>")]
    pub fn get_calendar(&self, actor: Actor, calendar: f64) -> AsyncTask<DeskTask<Calendar>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_calendar(actor.core()?, scalars::id("calendar", calendar)?)
                .map(Into::into)
        })
    }

    /// The calendars of a company (internal users of the company; empty for
    /// others).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Calendar>>")]
    pub fn list_calendars(&self, actor: Actor, company: f64) -> AsyncTask<DeskTask<Vec<Calendar>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_calendars(actor.core()?, scalars::id("company", company)?)
                .map(all)
        })
    }

    /// The instant at which `duration` milliseconds of working time (a whole number
    /// of seconds, not negative) has elapsed after `start` on a stored
    /// calendar; `start` is floored to the second.
    #[napi(catch_unwind, ts_return_type = "Promise<Date>")]
    pub fn add_working_time(
        &self,
        actor: Actor,
        calendar: f64,
        start: JsDate,
        duration: f64,
    ) -> AsyncTask<DeskTask<DateTime<Utc>>> {
        let desk = self.inner.clone();
        let start = scalars::instant("start", &start);
        let duration = scalars::duration("duration", duration);
        run(move || {
            desk.add_working_time(
                actor.core()?,
                scalars::id("calendar", calendar)?,
                start?,
                duration?,
            )
        })
    }

    /// The working time inside `[a, b)` on a stored calendar, in
    /// milliseconds (whole seconds); negative when `b` is before `a`.
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn working_time_between(
        &self,
        actor: Actor,
        calendar: f64,
        a: JsDate,
        b: JsDate,
    ) -> AsyncTask<DeskTask<f64>> {
        let desk = self.inner.clone();
        let (a, b) = (scalars::instant("a", &a), scalars::instant("b", &b));
        run(move || {
            let time = desk.working_time_between(
                actor.core()?,
                scalars::id("calendar", calendar)?,
                a?,
                b?,
            )?;
            Ok(time.num_milliseconds() as f64)
        })
    }

    // --- automatic assignment ---

    /// Sets or clears (`null`) a user's own working calendar (ASG-3), of one
    /// of their companies (the user, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<User>")]
    pub fn set_user_calendar(
        &self,
        actor: Actor,
        user: f64,
        calendar: Option<f64>,
    ) -> AsyncTask<DeskTask<User>> {
        let desk = self.inner.clone();
        run(move || {
            desk.set_user_calendar(
                actor.core()?,
                scalars::id("user", user)?,
                scalars::opt_id("calendar", calendar)?,
            )
            .map(Into::into)
        })
    }

    /// Records a leave (time off) of an employee (the user, managers);
    /// `to` must be after `from`.
    #[napi(catch_unwind, ts_return_type = "Promise<Leave>")]
    pub fn create_leave(&self, actor: Actor, input: NewLeave) -> AsyncTask<DeskTask<Leave>> {
        let desk = self.inner.clone();
        // The input holds `Date`s: it is read here, on the JavaScript thread.
        let input = input.into_core();
        run(move || desk.create_leave(actor.core()?, input?).map(Into::into))
    }

    /// Deletes a leave (the user, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn delete_leave(&self, actor: Actor, leave: f64) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || desk.delete_leave(actor.core()?, scalars::id("leave", leave)?))
    }

    /// A user's leaves, by start (employees of a company the user works for).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Leave>>")]
    pub fn list_leaves(&self, actor: Actor, user: f64) -> AsyncTask<DeskTask<Vec<Leave>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_leaves(actor.core()?, scalars::id("user", user)?)
                .map(all)
        })
    }

    /// Who automatic assignment would give a new ticket of `team` now
    /// (`null`: auto-assignment off or nobody can take it). Agents.
    #[napi(catch_unwind, ts_return_type = "Promise<number | null>")]
    pub fn suggest_assignee(&self, actor: Actor, team: f64) -> AsyncTask<DeskTask<Option<i64>>> {
        let desk = self.inner.clone();
        run(move || {
            let user = desk.suggest_assignee(actor.core()?, scalars::id("team", team)?)?;
            Ok(user.map(|u| u.0))
        })
    }

    // --- SLA policies ---

    /// Creates an SLA policy for a team (managers). Existing tickets get it
    /// when they next change (SLA-3).
    #[napi(catch_unwind, ts_return_type = "Promise<SlaPolicy>")]
    pub fn create_sla_policy(
        &self,
        actor: Actor,
        input: NewSlaPolicy,
    ) -> AsyncTask<DeskTask<SlaPolicy>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || {
            desk.create_sla_policy(actor.core()?, input?)
                .map(Into::into)
        })
    }

    /// Changes an SLA policy (managers).
    #[napi(catch_unwind, ts_return_type = "Promise<SlaPolicy>")]
    pub fn update_sla_policy(
        &self,
        actor: Actor,
        policy: f64,
        update: SlaPolicyUpdate,
    ) -> AsyncTask<DeskTask<SlaPolicy>> {
        let desk = self.inner.clone();
        let update = update.into_core();
        run(move || {
            desk.update_sla_policy(actor.core()?, scalars::id("policy", policy)?, update?)
                .map(Into::into)
        })
    }

    /// An SLA policy (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<SlaPolicy>")]
    pub fn get_sla_policy(&self, actor: Actor, policy: f64) -> AsyncTask<DeskTask<SlaPolicy>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_sla_policy(actor.core()?, scalars::id("policy", policy)?)
                .map(Into::into)
        })
    }

    /// A team's SLA policies, by id (internal users who see the team).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<SlaPolicy>>")]
    pub fn list_sla_policies(
        &self,
        actor: Actor,
        team: f64,
    ) -> AsyncTask<DeskTask<Vec<SlaPolicy>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_sla_policies(actor.core()?, scalars::id("team", team)?)
                .map(all)
        })
    }

    /// A ticket's SLA statuses as they stand now (SLA-6; internal users who
    /// see the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<SlaStatusView>>")]
    pub fn ticket_sla_statuses(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<Vec<SlaStatusView>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_sla_statuses(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// The SLA report per team, policy and period of creation (SLA-8):
    /// managers of the company; agents for a team they work in.
    #[napi(catch_unwind, ts_return_type = "Promise<SlaReport>")]
    pub fn sla_report(
        &self,
        actor: Actor,
        query: SlaReportQuery,
    ) -> AsyncTask<DeskTask<SlaReport>> {
        let desk = self.inner.clone();
        let query = query.into_core();
        run(move || desk.sla_report(actor.core()?, query?).map(Into::into))
    }

    // --- commerce recorded by the host ---

    /// Sets the rounding of a currency whose ISO 4217 one does not suit
    /// (the host or managers): e.g. a token currency with 8 decimals
    /// (`decimals`: a whole number, at most 12).
    #[napi(catch_unwind, ts_return_type = "Promise<Currency>")]
    pub fn define_currency(
        &self,
        actor: Actor,
        code: String,
        decimals: f64,
    ) -> AsyncTask<DeskTask<Currency>> {
        let desk = self.inner.clone();
        let decimals = whole_u32("decimals", decimals);
        run(move || {
            desk.define_currency(actor.core()?, code, decimals?)
                .map(Into::into)
        })
    }

    /// Records a product (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Product>")]
    pub fn create_product(&self, actor: Actor, input: NewProduct) -> AsyncTask<DeskTask<Product>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || desk.create_product(actor.core()?, input?).map(Into::into))
    }

    /// Records a tax (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Tax>")]
    pub fn create_tax(&self, actor: Actor, input: NewTax) -> AsyncTask<DeskTask<Tax>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || desk.create_tax(actor.core()?, input?).map(Into::into))
    }

    /// Records a journal (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Journal>")]
    pub fn create_journal(&self, actor: Actor, input: NewJournal) -> AsyncTask<DeskTask<Journal>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_journal(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Records a draft sales order (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn create_sale_order(
        &self,
        actor: Actor,
        input: NewSaleOrder,
    ) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || {
            desk.create_sale_order(actor.core()?, input?)
                .map(Into::into)
        })
    }

    /// Confirms a draft sales order (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn confirm_sale_order(
        &self,
        actor: Actor,
        sale_order: f64,
    ) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        run(move || {
            desk.confirm_sale_order(actor.core()?, scalars::id("sale_order", sale_order)?)
                .map(Into::into)
        })
    }

    /// A sales order (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn get_sale_order(&self, actor: Actor, sale_order: f64) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_sale_order(actor.core()?, scalars::id("sale_order", sale_order)?)
                .map(Into::into)
        })
    }

    /// Records a draft customer invoice (the host, managers); its amounts
    /// are computed and rounded by the core.
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn create_invoice(&self, actor: Actor, input: NewInvoice) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || desk.create_invoice(actor.core()?, input?).map(Into::into))
    }

    /// An invoice or credit note (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn get_invoice(&self, actor: Actor, invoice: f64) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_invoice(actor.core()?, scalars::id("invoice", invoice)?)
                .map(Into::into)
        })
    }

    /// Records a posted invoice's payment state as the ERP has it (the
    /// host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn set_payment_state(
        &self,
        actor: Actor,
        invoice: f64,
        payment_state: PaymentState,
    ) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        run(move || {
            desk.set_payment_state(
                actor.core()?,
                scalars::id("invoice", invoice)?,
                payment_state.into(),
            )
            .map(Into::into)
        })
    }

    /// Posts a draft invoice or credit note: numbers it in its journal and
    /// year (`INV/2026/00001`, credit notes `RINV/2026/00001`). Invoices:
    /// the host and managers; credit notes of a ticket: its agents.
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn post_invoice(&self, actor: Actor, invoice: f64) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        run(move || {
            desk.post_invoice(actor.core()?, scalars::id("invoice", invoice)?)
                .map(Into::into)
        })
    }

    /// Cancels a draft or posted invoice or credit note; a cancelled credit
    /// note gives its amounts back to its invoice (REF-5).
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn cancel_invoice(&self, actor: Actor, invoice: f64) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        run(move || {
            desk.cancel_invoice(actor.core()?, scalars::id("invoice", invoice)?)
                .map(Into::into)
        })
    }

    // --- refunds by credit note ---

    /// The posted invoices of the ticket's customer with something left to
    /// refund, newest first, narrowed by `filter` (REF-1, REF-2; agents of a
    /// team with refunds on).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<RefundableInvoice>>")]
    pub fn refundable_invoices(
        &self,
        actor: Actor,
        ticket: f64,
        filter: Option<RefundFilter>,
    ) -> AsyncTask<DeskTask<Vec<RefundableInvoice>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.refundable_invoices(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                filter.unwrap_or_default().into_core()?,
            )
            .map(all)
        })
    }

    /// The refund wizard's defaults for a ticket (REF-2; agents).
    #[napi(catch_unwind, ts_return_type = "Promise<RefundDefaults>")]
    pub fn refund_defaults(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<RefundDefaults>> {
        let desk = self.inner.clone();
        run(move || {
            desk.refund_defaults(actor.core()?, scalars::id("ticket", ticket)?)
                .map(Into::into)
        })
    }

    /// A draft credit note for what is left of a posted invoice, linked to
    /// the ticket (REF-3): edit it down for a partial refund, then post it.
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn reverse_invoice(
        &self,
        actor: Actor,
        ticket: f64,
        reversal: Reversal,
    ) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        let reversal = reversal.into_core();
        run(move || {
            desk.reverse_invoice(actor.core()?, scalars::id("ticket", ticket)?, reversal?)
                .map(Into::into)
        })
    }

    /// A credit note for the whole invoice, posted and settling it (or
    /// scheduled for a future reversal date), and a draft copy of the
    /// invoice to correct and send again (REF-4).
    #[napi(catch_unwind, ts_return_type = "Promise<Reinvoice>")]
    pub fn reverse_and_reinvoice(
        &self,
        actor: Actor,
        ticket: f64,
        reversal: Reversal,
    ) -> AsyncTask<DeskTask<Reinvoice>> {
        let desk = self.inner.clone();
        let reversal = reversal.into_core();
        run(move || {
            desk.reverse_and_reinvoice(actor.core()?, scalars::id("ticket", ticket)?, reversal?)
                .map(Into::into)
        })
    }

    /// Edits line `line` (an index from 0) of a draft credit note down, for
    /// a partial refund (REF-3): never more than is left on the invoice
    /// line, never above its price.
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn update_credit_note_line(
        &self,
        actor: Actor,
        credit_note: f64,
        line: f64,
        update: CreditLineUpdate,
    ) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        let line = whole_u32("line", line);
        let update = update.into_core();
        run(move || {
            desk.update_credit_note_line(
                actor.core()?,
                scalars::id("credit_note", credit_note)?,
                line?,
                update?,
            )
            .map(Into::into)
        })
    }

    /// Posts the scheduled credit notes whose date has come (REF-4; the
    /// host, managers; run it daily). Resolves to what was posted.
    /// `at` is the instant to post as of (default: the desk's clock); one
    /// later than now is `invalid_input`.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Invoice>>")]
    pub fn post_due_credit_notes(
        &self,
        actor: Actor,
        at: Option<JsDate>,
    ) -> AsyncTask<DeskTask<Vec<Invoice>>> {
        let desk = self.inner.clone();
        let at = at.map(|d| scalars::instant("at", &d)).transpose();
        run(move || desk.post_due_credit_notes(actor.core()?, at?).map(all))
    }

    /// A ticket's credit notes (REF-6; internal users who see the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Invoice>>")]
    pub fn ticket_credit_notes(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<Vec<Invoice>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_credit_notes(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    // --- coupons ---

    /// Creates a coupon program (CPN-1; managers).
    #[napi(catch_unwind, ts_return_type = "Promise<CouponProgram>")]
    pub fn create_coupon_program(
        &self,
        actor: Actor,
        input: NewCouponProgram,
    ) -> AsyncTask<DeskTask<CouponProgram>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || {
            desk.create_coupon_program(actor.core()?, input?)
                .map(Into::into)
        })
    }

    /// A coupon program (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<CouponProgram>")]
    pub fn get_coupon_program(
        &self,
        actor: Actor,
        program: f64,
    ) -> AsyncTask<DeskTask<CouponProgram>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_coupon_program(actor.core()?, scalars::id("program", program)?)
                .map(Into::into)
        })
    }

    /// Generates a coupon for the ticket's customer, its code drawn from the
    /// desk's random source (CPN-2, CPN-3; agents of a team with coupons on).
    #[napi(catch_unwind, ts_return_type = "Promise<Coupon>")]
    pub fn generate_coupon(
        &self,
        actor: Actor,
        ticket: f64,
        input: NewCoupon,
    ) -> AsyncTask<DeskTask<Coupon>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || {
            desk.generate_coupon(actor.core()?, scalars::id("ticket", ticket)?, input?)
                .map(Into::into)
        })
    }

    /// A coupon (internal users of its company).
    #[napi(catch_unwind, ts_return_type = "Promise<Coupon>")]
    pub fn get_coupon(&self, actor: Actor, coupon: f64) -> AsyncTask<DeskTask<Coupon>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_coupon(actor.core()?, scalars::id("coupon", coupon)?)
                .map(Into::into)
        })
    }

    /// A ticket's coupons (CPN-2; internal users who see the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Coupon>>")]
    pub fn ticket_coupons(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Vec<Coupon>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_coupons(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// E-mails the coupon's code to its customer through the outbox (CPN-5;
    /// agents).
    #[napi(catch_unwind, ts_return_type = "Promise<OutboxMessage>")]
    pub fn send_coupon(&self, actor: Actor, coupon: f64) -> AsyncTask<DeskTask<OutboxMessage>> {
        let desk = self.inner.clone();
        run(move || {
            desk.send_coupon(actor.core()?, scalars::id("coupon", coupon)?)
                .map(Into::into)
        })
    }

    /// The link sharing a coupon (CPN-5):
    /// `{baseUrl}/coupon/{code}?r={redirect}` (redirect default `/shop`).
    /// Internal users of its company.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn coupon_share_link(
        &self,
        actor: Actor,
        coupon: f64,
        base_url: String,
        redirect: Option<String>,
    ) -> AsyncTask<DeskTask<String>> {
        let desk = self.inner.clone();
        run(move || {
            desk.coupon_share_link(
                actor.core()?,
                scalars::id("coupon", coupon)?,
                base_url,
                redirect,
            )
        })
    }

    /// Redeems a coupon, consuming its points atomically (CPN-4). A refusal
    /// rejects with its own code: `coupon_unknown`, `coupon_mistyped` (kind
    /// `invalid_input`), `coupon_expired`, `coupon_used`, `coupon_reserved`
    /// (kind `invalid_state`). The host, agents of the company, and portal
    /// users for themselves.
    #[napi(catch_unwind, ts_return_type = "Promise<Redeemed>")]
    pub fn redeem_coupon(&self, actor: Actor, input: Redemption) -> AsyncTask<DeskTask<Redeemed>> {
        let desk = self.inner.clone();
        run(move || {
            desk.redeem_coupon(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    // --- support hours ---

    /// Creates a unit category (managers).
    #[napi(catch_unwind, ts_return_type = "Promise<UnitCategory>")]
    pub fn create_unit_category(
        &self,
        actor: Actor,
        company: f64,
        name: String,
    ) -> AsyncTask<DeskTask<UnitCategory>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_unit_category(actor.core()?, scalars::id("company", company)?, name)
                .map(Into::into)
        })
    }

    /// Creates a unit defined by its ratio to its category's reference
    /// (HRS-1; managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Unit>")]
    pub fn create_unit(&self, actor: Actor, input: NewUnit) -> AsyncTask<DeskTask<Unit>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || desk.create_unit(actor.core()?, input?).map(Into::into))
    }

    /// The company's units, its working-time Hours and Days first created
    /// if needed (internal users).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Unit>>")]
    pub fn list_units(&self, actor: Actor, company: f64) -> AsyncTask<DeskTask<Vec<Unit>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.list_units(actor.core()?, scalars::id("company", company)?)
                .map(all)
        })
    }

    /// `quantity` (a decimal string) of unit `from` in unit `to` of the same
    /// category, rounded half up to `to`'s rounding (HRS-1): e.g. `'1.5'`
    /// days is `'12.00'` hours.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn convert_quantity(
        &self,
        actor: Actor,
        quantity: String,
        from: f64,
        to: f64,
    ) -> AsyncTask<DeskTask<String>> {
        let desk = self.inner.clone();
        let quantity = decimal("quantity", &quantity);
        run(move || {
            desk.convert_quantity(
                actor.core()?,
                quantity?,
                scalars::id("from", from)?,
                scalars::id("to", to)?,
            )
            .map(scalars::format_decimal)
        })
    }

    /// Sets the company's hours per day (the Days unit) and upsell
    /// threshold (managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Company>")]
    pub fn set_support_hours(
        &self,
        actor: Actor,
        company: f64,
        update: SupportHoursUpdate,
    ) -> AsyncTask<DeskTask<Company>> {
        let desk = self.inner.clone();
        let update = update.into_core();
        run(move || {
            desk.set_support_hours(actor.core()?, scalars::id("company", company)?, update?)
                .map(Into::into)
        })
    }

    /// Marks a confirmed order done: nothing more to deliver, off the
    /// upsell list (HRS-6). The host and managers.
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn mark_sale_order_done(
        &self,
        actor: Actor,
        sale_order: f64,
    ) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        run(move || {
            desk.mark_sale_order_done(actor.core()?, scalars::id("sale_order", sale_order)?)
                .map(Into::into)
        })
    }

    /// Cancels a draft or confirmed order (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn cancel_sale_order(
        &self,
        actor: Actor,
        sale_order: f64,
    ) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        run(move || {
            desk.cancel_sale_order(actor.core()?, scalars::id("sale_order", sale_order)?)
                .map(Into::into)
        })
    }

    /// A draft invoice of what a confirmed order may bill now (HRS-3,
    /// HRS-7): prepaid lines for their ordered quantity not yet invoiced,
    /// post-paid lines for the time delivered and not yet billed. The host
    /// and managers.
    #[napi(catch_unwind, ts_return_type = "Promise<Invoice>")]
    pub fn invoice_sale_order(
        &self,
        actor: Actor,
        sale_order: f64,
        journal: f64,
    ) -> AsyncTask<DeskTask<Invoice>> {
        let desk = self.inner.clone();
        run(move || {
            desk.invoice_sale_order(
                actor.core()?,
                scalars::id("sale_order", sale_order)?,
                scalars::id("journal", journal)?,
            )
            .map(Into::into)
        })
    }

    /// Logs time on a ticket (HRS-4; agents, the team tracks time); it
    /// charges the ticket's order line.
    #[napi(catch_unwind, ts_return_type = "Promise<TimeEntry>")]
    pub fn log_time(
        &self,
        actor: Actor,
        ticket: f64,
        input: NewTimeEntry,
    ) -> AsyncTask<DeskTask<TimeEntry>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || {
            desk.log_time(actor.core()?, scalars::id("ticket", ticket)?, input?)
                .map(Into::into)
        })
    }

    /// Changes a time entry not yet billed (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<TimeEntry>")]
    pub fn update_time_entry(
        &self,
        actor: Actor,
        entry: f64,
        update: TimeEntryUpdate,
    ) -> AsyncTask<DeskTask<TimeEntry>> {
        let desk = self.inner.clone();
        let update = update.into_core();
        run(move || {
            desk.update_time_entry(actor.core()?, scalars::id("entry", entry)?, update?)
                .map(Into::into)
        })
    }

    /// Deletes a time entry not yet billed (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn delete_time_entry(&self, actor: Actor, entry: f64) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || desk.delete_time_entry(actor.core()?, scalars::id("entry", entry)?))
    }

    /// A ticket's time entries, by id (internal users who see it).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<TimeEntry>>")]
    pub fn ticket_time_entries(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<Vec<TimeEntry>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_time_entries(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// Charges a ticket's time to another service line of the same customer
    /// (`null`: to none; HRS-5; agents); its unbilled entries follow.
    #[napi(catch_unwind, ts_return_type = "Promise<Ticket>")]
    pub fn set_ticket_sale_line(
        &self,
        actor: Actor,
        ticket: f64,
        sale_line: Option<OrderLineRefInput>,
    ) -> AsyncTask<DeskTask<Ticket>> {
        let desk = self.inner.clone();
        let sale_line = sale_line.map(OrderLineRefInput::into_core).transpose();
        run(move || {
            desk.set_ticket_sale_line(actor.core()?, scalars::id("ticket", ticket)?, sale_line?)
                .map(Into::into)
        })
    }

    /// A ticket's logged hours and the hours left on its contract (internal
    /// users who see it).
    #[napi(catch_unwind, ts_return_type = "Promise<TicketHours>")]
    pub fn ticket_hours(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<TicketHours>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_hours(actor.core()?, scalars::id("ticket", ticket)?)
                .map(Into::into)
        })
    }

    /// A customer's support contracts: the service lines of their confirmed
    /// orders with ordered, delivered, remaining and invoiced quantities
    /// (internal users of the company; portal users for their own company).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<ContractLine>>")]
    pub fn customer_contracts(
        &self,
        actor: Actor,
        company: f64,
        customer: f64,
    ) -> AsyncTask<DeskTask<Vec<ContractLine>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.customer_contracts(
                actor.core()?,
                scalars::id("company", company)?,
                scalars::id("customer", customer)?,
            )
            .map(all)
        })
    }

    /// The confirmed orders with a prepaid line delivered beyond what was
    /// ordered (HRS-6; internal users of the company).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<SaleOrder>>")]
    pub fn upsell_orders(&self, actor: Actor, company: f64) -> AsyncTask<DeskTask<Vec<SaleOrder>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.upsell_orders(actor.core()?, scalars::id("company", company)?)
                .map(all)
        })
    }

    // --- stock and returns ---

    /// Records a stock location (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Location>")]
    pub fn create_location(
        &self,
        actor: Actor,
        input: NewLocation,
    ) -> AsyncTask<DeskTask<Location>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_location(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// Records a delivery as the ERP has it, `ready` (the host, managers).
    #[napi(catch_unwind, ts_return_type = "Promise<Transfer>")]
    pub fn create_delivery(
        &self,
        actor: Actor,
        input: NewDelivery,
    ) -> AsyncTask<DeskTask<Transfer>> {
        let desk = self.inner.clone();
        let input = input.into_core();
        run(move || desk.create_delivery(actor.core()?, input?).map(Into::into))
    }

    /// Validates a ready transfer: the goods moved (the host, managers, and
    /// agents for the returns of their tickets).
    #[napi(catch_unwind, ts_return_type = "Promise<Transfer>")]
    pub fn validate_transfer(&self, actor: Actor, transfer: f64) -> AsyncTask<DeskTask<Transfer>> {
        let desk = self.inner.clone();
        run(move || {
            desk.validate_transfer(actor.core()?, scalars::id("transfer", transfer)?)
                .map(Into::into)
        })
    }

    /// Cancels a transfer not yet done.
    #[napi(catch_unwind, ts_return_type = "Promise<Transfer>")]
    pub fn cancel_transfer(&self, actor: Actor, transfer: f64) -> AsyncTask<DeskTask<Transfer>> {
        let desk = self.inner.clone();
        run(move || {
            desk.cancel_transfer(actor.core()?, scalars::id("transfer", transfer)?)
                .map(Into::into)
        })
    }

    /// A transfer (internal users of its company; portal users for the
    /// returns of tickets they see).
    #[napi(catch_unwind, ts_return_type = "Promise<Transfer>")]
    pub fn get_transfer(&self, actor: Actor, transfer: f64) -> AsyncTask<DeskTask<Transfer>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_transfer(actor.core()?, scalars::id("transfer", transfer)?)
                .map(Into::into)
        })
    }

    /// The done deliveries of the ticket's customer with something left to
    /// return, narrowed by `filter` (RET-1; agents of a team with returns
    /// on).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<ReturnableDelivery>>")]
    pub fn returnable_deliveries(
        &self,
        actor: Actor,
        ticket: f64,
        filter: Option<ReturnFilter>,
    ) -> AsyncTask<DeskTask<Vec<ReturnableDelivery>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.returnable_deliveries(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                filter.unwrap_or_default().into_core()?,
            )
            .map(all)
        })
    }

    /// A return of a done delivery, linked to the ticket (RET-1): never more
    /// than is left to return.
    #[napi(catch_unwind, ts_return_type = "Promise<Transfer>")]
    pub fn return_products(
        &self,
        actor: Actor,
        ticket: f64,
        request: ReturnRequest,
    ) -> AsyncTask<DeskTask<Transfer>> {
        let desk = self.inner.clone();
        let request = request.into_core();
        run(move || {
            desk.return_products(actor.core()?, scalars::id("ticket", ticket)?, request?)
                .map(Into::into)
        })
    }

    /// A return and the delivery of its replacements (RET-2).
    #[napi(catch_unwind, ts_return_type = "Promise<Exchange>")]
    pub fn return_for_exchange(
        &self,
        actor: Actor,
        ticket: f64,
        request: ReturnRequest,
    ) -> AsyncTask<DeskTask<Exchange>> {
        let desk = self.inner.clone();
        let request = request.into_core();
        run(move || {
            desk.return_for_exchange(actor.core()?, scalars::id("ticket", ticket)?, request?)
                .map(Into::into)
        })
    }

    /// A ticket's returns (internal users who see the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Transfer>>")]
    pub fn ticket_returns(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Vec<Transfer>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_returns(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    // --- repairs ---

    /// A repair order from a ticket (REP-1; agents of a team with repairs
    /// on); absent fields take the ticket's values.
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn create_repair(
        &self,
        actor: Actor,
        ticket: f64,
        input: Option<NewRepair>,
    ) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        let input = input.unwrap_or_default().into_core();
        run(move || {
            desk.create_repair(actor.core()?, scalars::id("ticket", ticket)?, input?)
                .map(Into::into)
        })
    }

    /// A repair (whoever sees its ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn get_repair(&self, actor: Actor, repair: f64) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_repair(actor.core()?, scalars::id("repair", repair)?)
                .map(Into::into)
        })
    }

    /// A ticket's repairs (whoever sees the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Repair>>")]
    pub fn ticket_repairs(&self, actor: Actor, ticket: f64) -> AsyncTask<DeskTask<Vec<Repair>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_repairs(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// Changes a repair (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn update_repair(
        &self,
        actor: Actor,
        repair: f64,
        update: RepairUpdate,
    ) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        let update = update.into_core();
        run(move || {
            desk.update_repair(actor.core()?, scalars::id("repair", repair)?, update?)
                .map(Into::into)
        })
    }

    /// Adds a part to an open repair (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn add_repair_part(
        &self,
        actor: Actor,
        repair: f64,
        part: NewRepairPart,
    ) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        let part = part.into_core();
        run(move || {
            desk.add_repair_part(actor.core()?, scalars::id("repair", repair)?, part?)
                .map(Into::into)
        })
    }

    /// Removes part `index` (from 0) of an open repair (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn remove_repair_part(
        &self,
        actor: Actor,
        repair: f64,
        index: f64,
    ) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        let index = whole_u32("index", index);
        run(move || {
            desk.remove_repair_part(actor.core()?, scalars::id("repair", repair)?, index?)
                .map(Into::into)
        })
    }

    /// Moves a repair one state on: `new` → `confirmed` → `under_repair` →
    /// `repaired` (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn advance_repair(&self, actor: Actor, repair: f64) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        run(move || {
            desk.advance_repair(actor.core()?, scalars::id("repair", repair)?)
                .map(Into::into)
        })
    }

    /// Cancels an open repair (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<Repair>")]
    pub fn cancel_repair(&self, actor: Actor, repair: f64) -> AsyncTask<DeskTask<Repair>> {
        let desk = self.inner.clone();
        run(move || {
            desk.cancel_repair(actor.core()?, scalars::id("repair", repair)?)
                .map(Into::into)
        })
    }

    /// A draft sales order quoting a repair's parts in `currency` (an ISO
    /// 4217 code; agents).
    #[napi(catch_unwind, ts_return_type = "Promise<SaleOrder>")]
    pub fn repair_quotation(
        &self,
        actor: Actor,
        repair: f64,
        currency: String,
    ) -> AsyncTask<DeskTask<SaleOrder>> {
        let desk = self.inner.clone();
        run(move || {
            desk.repair_quotation(actor.core()?, scalars::id("repair", repair)?, currency)
                .map(Into::into)
        })
    }

    // --- field service ---

    /// Creates a field-service project (managers).
    #[napi(catch_unwind, ts_return_type = "Promise<FieldServiceProject>")]
    pub fn create_field_service_project(
        &self,
        actor: Actor,
        input: NewFieldServiceProject,
    ) -> AsyncTask<DeskTask<FieldServiceProject>> {
        let desk = self.inner.clone();
        run(move || {
            desk.create_field_service_project(actor.core()?, input.into_core()?)
                .map(Into::into)
        })
    }

    /// An on-site task planned from a ticket (FSM-1; agents of a team with
    /// field service on), at the customer's address.
    #[napi(catch_unwind, ts_return_type = "Promise<FieldServiceTask>")]
    pub fn create_field_service_task(
        &self,
        actor: Actor,
        ticket: f64,
        input: Option<NewFieldServiceTask>,
    ) -> AsyncTask<DeskTask<FieldServiceTask>> {
        let desk = self.inner.clone();
        let input = input.unwrap_or_default();
        run(move || {
            desk.create_field_service_task(
                actor.core()?,
                scalars::id("ticket", ticket)?,
                input.into_core()?,
            )
            .map(Into::into)
        })
    }

    /// A field-service task (whoever sees its ticket, portal customers
    /// included).
    #[napi(catch_unwind, ts_return_type = "Promise<FieldServiceTask>")]
    pub fn get_field_service_task(
        &self,
        actor: Actor,
        task: f64,
    ) -> AsyncTask<DeskTask<FieldServiceTask>> {
        let desk = self.inner.clone();
        run(move || {
            desk.get_field_service_task(actor.core()?, scalars::id("task", task)?)
                .map(Into::into)
        })
    }

    /// A ticket's field-service tasks (whoever sees the ticket).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<FieldServiceTask>>")]
    pub fn ticket_field_service_tasks(
        &self,
        actor: Actor,
        ticket: f64,
    ) -> AsyncTask<DeskTask<Vec<FieldServiceTask>>> {
        let desk = self.inner.clone();
        run(move || {
            desk.ticket_field_service_tasks(actor.core()?, scalars::id("ticket", ticket)?)
                .map(all)
        })
    }

    /// Moves a field-service task to `stage` (agents).
    #[napi(catch_unwind, ts_return_type = "Promise<FieldServiceTask>")]
    pub fn move_field_service_task(
        &self,
        actor: Actor,
        task: f64,
        stage: TaskStage,
    ) -> AsyncTask<DeskTask<FieldServiceTask>> {
        let desk = self.inner.clone();
        run(move || {
            desk.move_field_service_task(actor.core()?, scalars::id("task", task)?, stage.into())
                .map(Into::into)
        })
    }

    // --- outbox ---

    /// Up to `limit` messages waiting to be sent, oldest first (system actor).
    #[napi(catch_unwind, ts_return_type = "Promise<Array<OutboxMessage>>")]
    pub fn pending_outbox(
        &self,
        actor: Actor,
        limit: u32,
    ) -> AsyncTask<DeskTask<Vec<OutboxMessage>>> {
        let desk = self.inner.clone();
        run(move || desk.pending_outbox(actor.core()?, limit).map(all))
    }

    /// Marks messages as sent (system actor); resolves to how many were
    /// still pending.
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn acknowledge_outbox(&self, actor: Actor, ids: Vec<f64>) -> AsyncTask<DeskTask<u32>> {
        let desk = self.inner.clone();
        run(move || {
            let ids = scalars::ids("ids", ids)?;
            desk.acknowledge_outbox(actor.core()?, ids)
        })
    }
}
