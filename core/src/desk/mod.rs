//! The desk: the one façade a host talks to.
//!
//! Each operation takes the acting user ([`Actor`]), loads what it needs from
//! the store, checks access, applies the pure rules and writes the result,
//! all in one unit of work that commits whole or not at all.

mod assignment;
mod calendars;
mod channels;
mod closing;
mod commerce;
mod coupons;
mod directory;
mod features;
mod field_service;
mod hours;
mod imports;
mod invoices;
mod mail_intake;
mod merging;
mod opportunities;
mod outbox;
mod queries;
mod rating_analysis;
mod ratings;
mod records;
pub(crate) use records::index_of;
mod refunds;
mod repairs;
mod reports;
mod returns;
mod sale_orders;
mod sla;
mod sla_analysis;
mod teams;
mod tickets;

pub use assignment::NewLeave;
pub use calendars::{CalendarUpdate, NewCalendar};
pub use channels::{ChatLine, ChatTicket, MAX_TRANSCRIPT_LINES};
pub use commerce::{NewJournal, NewProduct, NewTax};
pub use coupons::{NewCoupon, NewCouponProgram, Redeemed, Redemption};
pub use directory::{NewCompany, NewPartner, NewUser, PartnerUpdate, UserUpdate};
pub use field_service::{NewFieldServiceProject, NewFieldServiceTask};
pub use hours::{
    ContractLine, NewTimeEntry, NewUnit, SupportHoursUpdate, TicketHours, TimeEntryUpdate,
};
pub use imports::TicketImport;
pub use invoices::{NewInvoice, NewInvoiceLine};
pub use mail_intake::{MailOutcome, MailReceipt, MAX_MAIL_FOLLOWERS};
pub use opportunities::{Conversion, NewSalesTeam};
pub use queries::{TicketPage, TicketQuery};
pub use rating_analysis::{RatingAnalysisQuery, RatingMeasures, RatingReport, RatingReportRow};
pub use ratings::RatingQuery;
pub use refunds::{
    CreditLineUpdate, RefundDefaults, RefundFilter, RefundableInvoice, Reinvoice, Reversal,
};
pub use repairs::{NewRepair, NewRepairPart, RepairUpdate};
pub use reports::{
    Cohort, CohortQuery, CohortRow, Dashboard, DashboardFigures, Dimension, GroupValue,
    TeamDashboard, TicketAnalysisQuery, TicketMeasures, TicketReport, TicketReportRow,
};
pub use returns::{
    Exchange, NewDelivery, NewLocation, ReturnFilter, ReturnQuantity, ReturnRequest,
    ReturnableDelivery, ReturnableLine,
};
pub use sale_orders::NewSaleOrder;
pub use sla::{
    NewSlaPolicy, SlaPolicyFigures, SlaPolicyUpdate, SlaReport, SlaReportQuery, SlaStatusView,
};
pub use sla_analysis::{
    SlaStatusAnalysisQuery, SlaStatusMeasures, SlaStatusReport, SlaStatusReportRow,
};
pub use teams::{NewStage, NewTeam, StageUpdate, TeamUpdate};
pub use tickets::{NewTicket, Submission, TicketUpdate};

use crate::access::{Actor, TicketFacts};
use crate::clock::{Clock, SystemClock};
use crate::ids::TicketId;
use crate::model::{Team, Ticket, User};
use crate::random::{OsRandom, RandomSource};
use crate::store::{Followable, MemoryStore, Store, Transaction, WorkMode};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use records::Records;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The names of every operation of [`Helpdesk`], in snake_case: the single
/// source of truth for the bindings' parity tests. A test in this crate
/// keeps it equal to the façade's public methods.
pub const OPERATIONS: &[&str] = &[
    // directory
    "create_company",
    "update_company",
    "get_company",
    "list_companies",
    "create_partner",
    "update_partner",
    "get_partner",
    "find_partner_by_email",
    "import_partner",
    "create_user",
    "update_user",
    "get_user",
    // teams and their configuration
    "create_team",
    "update_team",
    "set_team_members",
    "get_team",
    "list_teams",
    "follow_team",
    "unfollow_team",
    "team_followers",
    "create_stage",
    "update_stage",
    "list_stages",
    "create_tag",
    "list_tags",
    "create_ticket_type",
    "list_ticket_types",
    // tickets
    "create_ticket",
    "create_ticket_from_chat",
    "import_ticket",
    "receive_email",
    "set_mail_settings",
    "create_tickets",
    "submit_ticket",
    "update_ticket",
    "assign_ticket",
    "set_ticket_customer",
    "set_ticket_type",
    "set_ticket_team",
    "move_ticket",
    "close_ticket",
    "close_inactive_tickets",
    "merge_tickets",
    "suggest_duplicates",
    "convert_to_opportunity",
    "get_opportunity",
    "create_sales_team",
    "list_sales_teams",
    "archive_ticket",
    "unarchive_ticket",
    "follow_ticket",
    "unfollow_ticket",
    "ticket_followers",
    "reply_to_ticket",
    "add_internal_note",
    "get_ticket",
    "list_tickets",
    "count_tickets",
    "list_messages",
    "stage_history",
    // working calendars
    "create_calendar",
    "update_calendar",
    "get_calendar",
    "list_calendars",
    "add_working_time",
    "working_time_between",
    // automatic assignment
    "set_user_calendar",
    "set_user_time_zone",
    "create_leave",
    "delete_leave",
    "list_leaves",
    "suggest_assignee",
    // SLA policies
    "create_sla_policy",
    "update_sla_policy",
    "get_sla_policy",
    "list_sla_policies",
    "ticket_sla_statuses",
    "sla_report",
    // reports
    "ticket_analysis",
    "ticket_analysis_csv",
    "ticket_cohort",
    "sla_status_analysis",
    "sla_status_analysis_csv",
    "rating_analysis",
    "rating_analysis_csv",
    "team_dashboard",
    // commerce recorded by the host
    "define_currency",
    "create_product",
    "create_tax",
    "create_journal",
    "create_sale_order",
    "confirm_sale_order",
    "get_sale_order",
    "create_invoice",
    "get_invoice",
    "set_payment_state",
    "post_invoice",
    "cancel_invoice",
    "set_invoice_date",
    // refunds by credit note
    "refundable_invoices",
    "refund_defaults",
    "reverse_invoice",
    "reverse_and_reinvoice",
    "update_credit_note_line",
    "post_due_credit_notes",
    "ticket_credit_notes",
    // coupons
    "create_coupon_program",
    "get_coupon_program",
    "generate_coupon",
    "get_coupon",
    "ticket_coupons",
    "send_coupon",
    "coupon_share_link",
    "redeem_coupon",
    // support hours
    "create_unit_category",
    "create_unit",
    "list_units",
    "convert_quantity",
    "set_support_hours",
    "mark_sale_order_done",
    "cancel_sale_order",
    "invoice_sale_order",
    "log_time",
    "update_time_entry",
    "delete_time_entry",
    "ticket_time_entries",
    "set_ticket_sale_line",
    "ticket_hours",
    "customer_contracts",
    "upsell_orders",
    // stock and returns
    "create_location",
    "create_delivery",
    "validate_transfer",
    "cancel_transfer",
    "get_transfer",
    "returnable_deliveries",
    "return_products",
    "return_for_exchange",
    "ticket_returns",
    // repairs
    "create_repair",
    "get_repair",
    "ticket_repairs",
    "update_repair",
    "add_repair_part",
    "remove_repair_part",
    "advance_repair",
    "cancel_repair",
    "repair_quotation",
    // field service
    "create_field_service_project",
    "create_field_service_task",
    "get_field_service_task",
    "ticket_field_service_tasks",
    "move_field_service_task",
    // ratings
    "rate_ticket",
    "set_rating_published",
    "list_ratings",
    "team_satisfaction",
    "public_ratings",
    // outbox
    "pending_outbox",
    "claim_outbox",
    "acknowledge_outbox",
];

/// The parameters a caller may leave out, as `(operation, parameter)` by
/// their published names: an input record whose every field has a default
/// (left out, it is the record's `Default`), or an optional value whose
/// absence has a meaning (`at`: now; `redirect`: none). Every binding gives
/// them a default; `core/api.json` marks them `optional`. An optional value
/// that clears something when absent (`assign_ticket`'s `assignee`) is not
/// here: a caller says `None` on purpose.
pub const OPTIONAL_PARAMETERS: &[(&str, &str)] = &[
    ("list_tickets", "query"),
    ("count_tickets", "filter"),
    ("refundable_invoices", "filter"),
    ("returnable_deliveries", "filter"),
    ("post_due_credit_notes", "at"),
    ("coupon_share_link", "redirect"),
    ("create_repair", "input"),
    ("create_field_service_task", "input"),
    ("rate_ticket", "feedback"),
];

/// The helpdesk façade. Cheap to clone; clones share the store, clock and
/// random source. Safe to use from many threads at once.
///
/// ```
/// use helpdesk::{Actor, Helpdesk, NewCompany};
///
/// let desk = Helpdesk::in_memory();
/// let acme = desk.create_company(Actor::System, NewCompany { name: "Acme".into() })?;
/// assert_eq!(desk.get_company(Actor::System, acme.id)?.name, "Acme");
/// # Ok::<(), helpdesk::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Helpdesk {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn RandomSource>,
    calendars: Arc<calendars::CompiledCalendars>,
    rosters: Arc<assignment::Rosters>,
    /// Set by [`Helpdesk::close`], seen by every clone.
    closed: Arc<AtomicBool>,
    /// VIS-13: how much text the desk keeps.
    limits: crate::Limits,
}

impl Helpdesk {
    /// A desk over `store`, with the system clock and the OS random source.
    pub fn new(store: impl Store + 'static) -> Self {
        Self {
            store: Arc::new(store),
            clock: Arc::new(SystemClock),
            random: Arc::new(OsRandom),
            calendars: Arc::default(),
            rosters: Arc::default(),
            closed: Arc::default(),
            limits: crate::Limits::default(),
        }
    }

    /// A desk over a fresh [`MemoryStore`].
    pub fn in_memory() -> Self {
        Self::new(MemoryStore::new())
    }

    /// A desk over the store at `location`, created if missing and
    /// migrated on open:
    /// - `postgres://…` or `postgresql://…`: a PostgreSQL database shared
    ///   by many application servers ([`PostgresStore`](crate::store::PostgresStore),
    ///   feature `postgres`; its documentation lists the parameters, such
    ///   as `schema` and `pool_size`);
    /// - `sqlite:///path/desk.sqlite`, or a plain path: a SQLite file.
    ///
    /// A location this build cannot open (PostgreSQL without the feature)
    /// is `invalid_input` naming `location`.
    #[cfg(feature = "sqlite")]
    pub fn open(location: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = location.as_ref();
        let text = path.to_str().unwrap_or_default();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            #[cfg(feature = "postgres")]
            return Ok(Self::new(crate::store::PostgresStore::open(text)?));
            #[cfg(not(feature = "postgres"))]
            return Err(Error::invalid(
                "location",
                "this build has no PostgreSQL store (cargo feature `postgres`)",
            ));
        }
        let path = text
            .strip_prefix("sqlite://")
            .map_or(path, std::path::Path::new);
        Ok(Self::new(crate::store::SqliteStore::open(path)?))
    }

    /// The same desk reading time from `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The same desk set up by `options`: its random source seeded when a
    /// seed is given, its text limits.
    pub fn with_options(self, options: crate::DeskOptions) -> Self {
        let desk = self.with_limits(options.limits);
        match options.seed {
            Some(seed) => desk.with_random(Arc::new(crate::SeededRandom::new(seed))),
            None => desk,
        }
    }

    /// The same desk keeping text to `limits` (VIS-13).
    pub fn with_limits(mut self, limits: crate::Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The text limits of the desk.
    pub fn limits(&self) -> crate::Limits {
        self.limits
    }

    /// The same desk drawing randomness from `random`.
    pub fn with_random(mut self, random: Arc<dyn RandomSource>) -> Self {
        self.random = random;
        self
    }

    /// The store behind the desk.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// A canonical dump of everything stored (see [`Store::snapshot`]).
    pub fn snapshot(&self) -> Result<String> {
        self.refuse_if_closed()?;
        self.store.snapshot()
    }

    /// Closes the desk: this handle and every clone of it refuse further
    /// operations with `invalid_state`, and the store releases what it
    /// holds (a SQLite store closes its file). Closing twice is harmless.
    /// Dropping the last clone closes the store as well; `close` is for a
    /// host that wants the moment chosen and the error seen.
    pub fn close(&self) -> Result<()> {
        self.closed.store(true, Ordering::Release);
        self.store.close()
    }

    /// Writes a consistent copy of everything stored to a new file at `to`
    /// while the desk stays in use (SQLite: the online backup API; writers
    /// go on meanwhile). A file already at `to` is never overwritten
    /// (`invalid_input`). A store without backups says so (`storage`).
    pub fn backup(&self, to: impl AsRef<std::path::Path>) -> Result<()> {
        self.refuse_if_closed()?;
        self.store.backup(to.as_ref())
    }

    fn refuse_if_closed(&self) -> Result<()> {
        if self.closed.load(Ordering::Acquire) {
            Err(Error::closed())
        } else {
            Ok(())
        }
    }

    /// Runs `work` in one unit of work as `actor`.
    fn run<R>(
        &self,
        mode: WorkMode,
        actor: Actor,
        mut work: impl FnMut(&mut Work<'_>) -> Result<R>,
    ) -> Result<R> {
        self.refuse_if_closed()?;
        // VIS-13: nothing is written at an instant the desk could not read
        // back (a host's clock set past the year 9999, say).
        let now = crate::scalars::check_instant("clock", self.clock.now())?;
        let mut out = None;
        self.store.unit_of_work(mode, &mut |tx| {
            let viewer = Viewer::resolve(tx, actor)?;
            out = Some(work(&mut Work {
                tx,
                now,
                viewer,
                calendars: &self.calendars,
                rosters: &self.rosters,
                limits: self.limits,
                random: self.random.as_ref(),
                quiet: false,
                importing: false,
            })?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::Internal {
            message: "a unit of work returned nothing".into(),
        })
    }

    fn read<R>(&self, actor: Actor, work: impl FnMut(&mut Work<'_>) -> Result<R>) -> Result<R> {
        self.run(WorkMode::Read, actor, work)
    }

    fn write<R>(&self, actor: Actor, work: impl FnMut(&mut Work<'_>) -> Result<R>) -> Result<R> {
        self.run(WorkMode::Write, actor, work)
    }
}

/// The acting user, resolved inside the unit of work.
#[derive(Debug, Clone)]
pub(crate) enum Viewer {
    /// The host: every rule bypassed.
    System,
    /// A user (active, known).
    User(User),
}

impl Viewer {
    fn resolve(tx: &mut dyn Transaction, actor: Actor) -> Result<Self> {
        match actor {
            Actor::System => Ok(Viewer::System),
            Actor::User(id) => match tx.get::<User>(id.0)? {
                Some(user) if user.active => Ok(Viewer::User(user)),
                _ => Err(Error::forbidden(
                    format!("act as user {id}"),
                    "the acting user does not exist or is archived",
                )),
            },
        }
    }
}

/// One operation in progress: the transaction, the instant it happens at,
/// and who performs it.
pub(crate) struct Work<'a> {
    pub(crate) tx: &'a mut dyn Transaction,
    pub(crate) now: DateTime<Utc>,
    pub(crate) viewer: Viewer,
    pub(crate) calendars: &'a calendars::CompiledCalendars,
    pub(crate) rosters: &'a assignment::Rosters,
    pub(crate) limits: crate::Limits,
    /// The desk's random source (rating tokens).
    pub(crate) random: &'a dyn RandomSource,
    /// Set while importing (IMP-1): the outbox records nothing.
    pub(crate) quiet: bool,
    /// Set while importing (IMP-1): a ticket keeps the assignee it had,
    /// none included; no auto-assignment.
    pub(crate) importing: bool,
}

impl Work<'_> {
    /// The facts the visibility of `ticket` depends on, for the viewer.
    fn ticket_facts(&mut self, ticket: &Ticket, team: Option<&Team>) -> Result<TicketFacts> {
        let (follows_team, follows_ticket) = match &self.viewer {
            Viewer::System => (true, true),
            Viewer::User(user) => {
                let partner = user.partner;
                let follows_team = match team {
                    Some(team) => self
                        .tx
                        .followers(Followable::Team(team.id))?
                        .contains(&partner),
                    None => false,
                };
                (
                    follows_team,
                    self.tx
                        .followers(Followable::Ticket(ticket.id))?
                        .contains(&partner),
                )
            }
        };
        Ok(TicketFacts {
            company: ticket.company,
            team_visibility: team.map(|t| t.visibility),
            follows_team,
            follows_ticket,
        })
    }

    /// The ticket and its team if the viewer may read it; "not found"
    /// otherwise (VIS-9: no existence leak).
    fn readable_ticket(&mut self, id: TicketId) -> Result<(Ticket, Option<Team>)> {
        let ticket = self
            .tx
            .get_ticket(id)?
            .ok_or_else(|| Error::not_found("ticket", id))?;
        let team = match ticket.team {
            Some(team) => Some(self.tx.require::<Team>(team.0)?),
            None => None,
        };
        if let Viewer::User(user) = &self.viewer {
            let user = user.clone();
            let facts = self.ticket_facts(&ticket, team.as_ref())?;
            if !crate::access::can_read_ticket(&user, &facts) {
                return Err(Error::not_found("ticket", id));
            }
        }
        Ok((ticket, team))
    }

    /// The ticket and its team if the viewer may change it: "not found" when
    /// they may not even see it, `forbidden` when they may only read it.
    fn changeable_ticket(&mut self, id: TicketId) -> Result<(Ticket, Option<Team>)> {
        let (ticket, team) = self.readable_ticket(id)?;
        if let Viewer::User(user) = &self.viewer {
            if !user.is_agent() {
                return Err(Error::forbidden(
                    format!("change ticket {}", ticket.reference),
                    "only agents and managers change tickets; portal users and other employees read only (VIS-8)",
                ));
            }
        }
        Ok((ticket, team))
    }

    /// VIS-11: the record `id` names when the viewer works for its company
    /// (for a company id: that company); for a user of other companies it
    /// is "not found", exactly as an id that does not exist.
    fn load_own<I: records::RecordId>(&mut self, id: I) -> Result<I::Record> {
        use records::Record;
        let record = records::load(self.tx, id)?;
        let kind = <I::Record as Record>::KIND;
        let owner = match kind {
            crate::store::RecordKind::Company => Some(crate::ids::CompanyId(id.raw())),
            _ => record.company(),
        };
        match (self.user(), owner) {
            (Some(user), Some(company)) if !user.works_for(company) => {
                Err(Error::not_found(kind.name(), id.raw()))
            }
            _ => Ok(record),
        }
    }

    /// Requires the viewer to be a manager of `company` (or the system).
    fn require_configure(&self, company: crate::ids::CompanyId, action: &str) -> Result<()> {
        match &self.viewer {
            Viewer::System => Ok(()),
            Viewer::User(user) if crate::access::can_configure(user, company) => Ok(()),
            Viewer::User(_) => Err(Error::forbidden(
                action.to_string(),
                "only helpdesk managers of the company configure it (VIS-8)",
            )),
        }
    }

    /// VIS-10: requires that the viewer may read a document of `company`
    /// made from `ticket`: whoever can read the ticket, and otherwise only
    /// managers of the company. A document not made from a ticket is read
    /// by the company's internal users. Anyone else gets "not found" for
    /// the record `entity` `id` (VIS-9).
    fn require_document_reader(
        &mut self,
        company: crate::ids::CompanyId,
        ticket: Option<TicketId>,
        entity: &'static str,
        id: i64,
    ) -> Result<()> {
        let Some(user) = self.user() else {
            return Ok(());
        };
        if crate::access::can_configure(user, company) {
            return Ok(());
        }
        match ticket {
            Some(ticket) => self
                .readable_ticket(ticket)
                .map(drop)
                .map_err(|_| Error::not_found(entity, id)),
            None => self.require_company_reader(company, entity, id),
        }
    }

    /// Whether the viewer is a portal user and `partner` is not of their
    /// own customer (their commercial partner): data VIS-4 keeps from them.
    fn is_other_customer(&mut self, partner: Option<crate::ids::PartnerId>) -> Result<bool> {
        let Some(own) = self
            .user()
            .filter(|u| u.kind == crate::model::UserKind::Portal)
            .map(|u| u.partner)
        else {
            return Ok(false);
        };
        let own: crate::model::Partner = records::load(self.tx, own)?;
        Ok(match partner {
            Some(partner) => {
                let partner: crate::model::Partner = records::load(self.tx, partner)?;
                partner.commercial_partner != own.commercial_partner
            }
            None => false,
        })
    }

    /// Requires the host or an internal user of `company`; others get
    /// "not found" for the record `entity` `id` (VIS-9: no existence leak).
    fn require_company_reader(
        &self,
        company: crate::ids::CompanyId,
        entity: &'static str,
        id: i64,
    ) -> Result<()> {
        match self.user() {
            Some(u) if u.kind == crate::model::UserKind::Portal || !u.works_for(company) => {
                Err(Error::not_found(entity, id))
            }
            _ => Ok(()),
        }
    }

    /// Refuses `action` to portal users (VIS-4: internals stay internal),
    /// saying why.
    fn require_internal(&self, action: &str, reason: &str) -> Result<()> {
        match self.user() {
            Some(u) if u.kind == crate::model::UserKind::Portal => {
                Err(Error::forbidden(action.to_string(), reason.to_string()))
            }
            _ => Ok(()),
        }
    }

    /// The acting user, if not the system.
    fn user(&self) -> Option<&User> {
        match &self.viewer {
            Viewer::System => None,
            Viewer::User(user) => Some(user),
        }
    }
}

impl Work<'_> {
    /// A text input trimmed and within the desk's limits (VIS-13).
    fn text(&self, field: &'static str, value: &str) -> Result<String> {
        self.limits.text(field, value)
    }

    /// An optional text input (empty = none), within the desk's limits.
    fn optional_text(&self, field: &'static str, value: Option<String>) -> Result<Option<String>> {
        self.limits.optional_text(field, value)
    }

    /// A text input that must not be empty, within the desk's limits.
    fn required_text(&self, field: &'static str, value: &str) -> Result<String> {
        self.limits.required_text(field, value)
    }
}
