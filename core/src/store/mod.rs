//! What the desk needs persisted, as two traits: a [`Store`] runs units of
//! work, and a [`Transaction`] is what one unit of work may read and write.
//!
//! Two adapters ship with the crate: [`MemoryStore`] and, with the default
//! `sqlite` feature, [`SqliteStore`]. A host that brings its own store (its
//! ERP's database) implements the two traits and runs the public
//! conformance suite (`helpdesk::conformance`, feature `conformance`).

pub mod aggregate;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
pub mod semantics;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod sql;
#[cfg(feature = "sqlite")]
mod sqlite;

#[cfg(feature = "postgres")]
pub use self::postgres::{PostgresStore, MAX_ATTEMPTS, POSTGRES_SCHEMA_VERSION};
pub use aggregate::{ReportFilter, TicketAggregate, TicketBucket, TicketKeys, ZoneOffsets};
pub use memory::MemoryStore;
#[cfg(feature = "sqlite")]
pub use sqlite::{SqliteStore, SCHEMA_VERSION};

use crate::access::TicketScope;
use crate::ids::{
    CompanyId, CouponId, InvoiceId, JournalId, OutboxId, PartnerId, SaleOrderId, StageId, TeamId,
    TicketId, TransferId, UnitCategoryId, UserId,
};
use crate::model::{Coupon, Message, OutboxMessage, SlaStatus, StageChange, Ticket};
use crate::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of small records a store keeps as JSON documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordKind {
    /// [`Company`](crate::Company)
    Company,
    /// [`Partner`](crate::Partner)
    Partner,
    /// [`User`](crate::User)
    User,
    /// [`Team`](crate::Team)
    Team,
    /// [`Stage`](crate::Stage)
    Stage,
    /// [`Tag`](crate::Tag)
    Tag,
    /// [`TicketType`](crate::TicketType)
    TicketType,
    /// [`Calendar`](crate::Calendar)
    Calendar,
    /// [`SlaPolicy`](crate::SlaPolicy)
    SlaPolicy,
    /// [`Leave`](crate::Leave)
    Leave,
    /// A currency's rounding, when it is not ISO 4217's.
    Currency,
    /// [`Product`](crate::Product)
    Product,
    /// [`Tax`](crate::Tax)
    Tax,
    /// [`Journal`](crate::Journal)
    Journal,
    /// [`SaleOrder`](crate::SaleOrder)
    SaleOrder,
    /// [`Invoice`](crate::Invoice) (and credit notes)
    Invoice,
    /// [`CouponProgram`](crate::CouponProgram)
    CouponProgram,
    /// [`UnitCategory`](crate::UnitCategory)
    UnitCategory,
    /// [`Unit`](crate::Unit)
    Unit,
    /// [`TimeEntry`](crate::TimeEntry)
    TimeEntry,
    /// [`Location`](crate::Location)
    Location,
    /// [`Transfer`](crate::Transfer)
    Transfer,
    /// [`Repair`](crate::Repair)
    Repair,
    /// [`FieldServiceProject`](crate::FieldServiceProject)
    FieldServiceProject,
    /// [`FieldServiceTask`](crate::FieldServiceTask)
    FieldServiceTask,
    /// [`SalesTeam`](crate::SalesTeam)
    SalesTeam,
    /// [`Opportunity`](crate::Opportunity)
    Opportunity,
    /// [`Rating`](crate::Rating) (and the rating requests not yet answered)
    Rating,
    /// A revision token of cached configuration (id 1: users, teams and
    /// leaves), rewritten with each change of them so that every desk on
    /// the store knows when its caches are stale.
    Revision,
    /// A Message-ID of a ticket's e-mail thread (OUT-2, MAIL-2).
    MailLink,
    /// The tickets a sender's mail opened in the last hour (MAIL-3).
    MailSender,
    /// An imported ticket's id in the system it comes from (IMP-1).
    ImportLink,
}

impl RecordKind {
    /// Every kind, in a stable order.
    pub const ALL: [RecordKind; 32] = [
        RecordKind::Company,
        RecordKind::Partner,
        RecordKind::User,
        RecordKind::Team,
        RecordKind::Stage,
        RecordKind::Tag,
        RecordKind::TicketType,
        RecordKind::Calendar,
        RecordKind::SlaPolicy,
        RecordKind::Leave,
        RecordKind::Currency,
        RecordKind::Product,
        RecordKind::Tax,
        RecordKind::Journal,
        RecordKind::SaleOrder,
        RecordKind::Invoice,
        RecordKind::CouponProgram,
        RecordKind::UnitCategory,
        RecordKind::Unit,
        RecordKind::TimeEntry,
        RecordKind::Location,
        RecordKind::Transfer,
        RecordKind::Repair,
        RecordKind::FieldServiceProject,
        RecordKind::FieldServiceTask,
        RecordKind::SalesTeam,
        RecordKind::Opportunity,
        RecordKind::Rating,
        RecordKind::Revision,
        RecordKind::MailLink,
        RecordKind::MailSender,
        RecordKind::ImportLink,
    ];

    /// The stable name of the kind, e.g. `ticket_type`.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Company => "company",
            RecordKind::Partner => "partner",
            RecordKind::User => "user",
            RecordKind::Team => "team",
            RecordKind::Stage => "stage",
            RecordKind::Tag => "tag",
            RecordKind::TicketType => "ticket_type",
            RecordKind::Calendar => "calendar",
            RecordKind::SlaPolicy => "sla_policy",
            RecordKind::Leave => "leave",
            RecordKind::Currency => "currency",
            RecordKind::Product => "product",
            RecordKind::Tax => "tax",
            RecordKind::Journal => "journal",
            RecordKind::SaleOrder => "sale_order",
            RecordKind::Invoice => "invoice",
            RecordKind::CouponProgram => "coupon_program",
            RecordKind::UnitCategory => "unit_category",
            RecordKind::Unit => "unit",
            RecordKind::TimeEntry => "time_entry",
            RecordKind::Location => "location",
            RecordKind::Transfer => "transfer",
            RecordKind::Repair => "repair",
            RecordKind::FieldServiceProject => "field_service_project",
            RecordKind::FieldServiceTask => "field_service_task",
            RecordKind::SalesTeam => "sales_team",
            RecordKind::Opportunity => "opportunity",
            RecordKind::Rating => "rating",
            RecordKind::Revision => "revision",
            RecordKind::MailLink => "mail_link",
            RecordKind::MailSender => "mail_sender",
            RecordKind::ImportLink => "import_link",
        }
    }
}

/// A key a stored record is found by besides its id
/// ([`Transaction::find_records`]). Each record kind declares its keys; a
/// store indexes them, so that no question the rules ask reads records it
/// does not need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "key", content = "value")]
#[non_exhaustive]
pub enum RecordKey {
    /// The customer (commercial partner) of an order, invoice or transfer.
    Customer(PartnerId),
    /// The ticket a document or time entry was made from.
    Ticket(TicketId),
    /// The sales order an invoice bills or a time entry charges.
    SaleOrder(SaleOrderId),
    /// The invoice a credit note reverses, or that billed a time entry.
    Invoice(InvoiceId),
    /// The team a stage or an SLA policy belongs to.
    Team(TeamId),
    /// The user a leave is of; the agent a rating rates.
    User(UserId),
    /// The contact a user logs in as.
    Partner(PartnerId),
    /// A company a user works for.
    Employer(CompanyId),
    /// The delivery a return takes back.
    Origin(TransferId),
    /// The category of a unit.
    UnitCategory(UnitCategoryId),
    /// A draft scheduled to be posted on a date (a credit note of REF-4).
    ScheduledPost,
    /// Every company has it: the directory of companies, which only the
    /// system actor lists (a listing across companies by nature).
    Directory,
    /// A short code (up to 8 ASCII bytes, e.g. a currency's ISO code),
    /// packed into an integer by [`RecordKey::code`].
    Code(i64),
    /// The first 64 of the 128 random bits of a rating token (RAT-1): the
    /// one request a customer's answer names, found without a scan (the
    /// caller compares the whole token).
    RatingToken(i64),
    /// A team and a month of answers packed into an integer by
    /// [`RecordKey::rated_in`]: the ratings a team received that month, so
    /// that a window of days reads those months only, not the team's
    /// whole history.
    RatedIn(i64),
    /// An e-mail address (a partner's, a team's alias): the first 8 bytes
    /// of the SHA-256 of the address trimmed and lowercase
    /// ([`RecordKey::email`]).
    Email(i64),
    /// A Message-ID of a ticket's e-mail thread: the first 8 bytes of its
    /// SHA-256 ([`RecordKey::message_id`]).
    MessageId(i64),
    /// The id a record had in the system it was imported from (IMP-1): the
    /// first 8 bytes of its SHA-256 ([`RecordKey::external_id`]).
    ExternalId(i64),
}

/// The first 8 bytes of the SHA-256 of `text`: a key for text too long to
/// pack (those found by it compare the whole text).
fn digest_key(text: &str) -> i64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

impl RecordKey {
    /// The key of a short code: its bytes packed big-endian, so distinct
    /// codes of up to 8 bytes have distinct keys (longer ones share the key
    /// of their first 8 bytes; the caller compares the code itself).
    pub fn code(code: &str) -> Self {
        let mut packed = [0u8; 8];
        for (slot, byte) in packed.iter_mut().zip(code.bytes()) {
            *slot = byte;
        }
        RecordKey::Code(i64::from_be_bytes(packed))
    }

    /// The key of an e-mail address, whatever its case and surrounding
    /// spaces.
    pub fn email(address: &str) -> Self {
        RecordKey::Email(digest_key(&address.trim().to_lowercase()))
    }

    /// The key of a Message-ID (without angle brackets).
    pub fn message_id(id: &str) -> Self {
        RecordKey::MessageId(digest_key(id))
    }

    /// The key of an imported record's id in the system it comes from.
    pub fn external_id(id: &str) -> Self {
        RecordKey::ExternalId(digest_key(id))
    }

    /// The key of the ratings `team` received in the month (UTC) of `at`:
    /// the team's id and the month (years 1 to 9999: fewer than 2^17
    /// months) packed, distinct for every team id below 2^46; beyond, teams
    /// may share a key, and the caller compares the team and the instant.
    pub fn rated_in(team: TeamId, at: DateTime<Utc>) -> Self {
        use chrono::Datelike;
        let month = i64::from(at.year()) * 12 + i64::from(at.month0());
        RecordKey::RatedIn(team.0.wrapping_mul(1 << 17).wrapping_add(month))
    }

    /// The stable name of the key, as stored.
    pub fn name(self) -> &'static str {
        match self {
            RecordKey::Customer(_) => "customer",
            RecordKey::Ticket(_) => "ticket",
            RecordKey::SaleOrder(_) => "sale_order",
            RecordKey::Invoice(_) => "invoice",
            RecordKey::Team(_) => "team",
            RecordKey::User(_) => "user",
            RecordKey::Partner(_) => "partner",
            RecordKey::Employer(_) => "employer",
            RecordKey::Origin(_) => "origin",
            RecordKey::UnitCategory(_) => "unit_category",
            RecordKey::ScheduledPost => "scheduled_post",
            RecordKey::Directory => "directory",
            RecordKey::Code(_) => "code",
            RecordKey::RatingToken(_) => "rating_token",
            RecordKey::RatedIn(_) => "rated_in",
            RecordKey::Email(_) => "email",
            RecordKey::MessageId(_) => "message_id",
            RecordKey::ExternalId(_) => "external_id",
        }
    }

    /// The key's value, as stored.
    pub fn value(self) -> i64 {
        match self {
            RecordKey::Customer(id) | RecordKey::Partner(id) => id.0,
            RecordKey::Ticket(id) => id.0,
            RecordKey::SaleOrder(id) => id.0,
            RecordKey::Invoice(id) => id.0,
            RecordKey::Team(id) => id.0,
            RecordKey::User(id) => id.0,
            RecordKey::Employer(id) => id.0,
            RecordKey::Origin(id) => id.0,
            RecordKey::UnitCategory(id) => id.0,
            RecordKey::ScheduledPost | RecordKey::Directory => 0,
            RecordKey::Code(value)
            | RecordKey::RatingToken(value)
            | RecordKey::RatedIn(value)
            | RecordKey::Email(value)
            | RecordKey::MessageId(value)
            | RecordKey::ExternalId(value) => value,
        }
    }
}

/// A record as a store keeps it: its JSON, the company it belongs to and
/// the keys it is found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredRecord<'a> {
    /// The kind.
    pub kind: RecordKind,
    /// The id, unique within the kind.
    pub id: i64,
    /// The company the record belongs to; `None` for records shared by
    /// companies (companies themselves, users, their leaves, currencies,
    /// revisions, partners without a company).
    pub company: Option<CompanyId>,
    /// The keys the record is found by ([`RecordQuery::ByKey`],
    /// [`RecordQuery::Shared`]).
    pub keys: &'a [RecordKey],
    /// The record as JSON.
    pub json: &'a str,
}

/// Which records of a kind [`Transaction::find_records`] returns. Every
/// query names a company or a key: there is no way to ask for every record
/// of a kind, so no operation can come to read other companies' records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordQuery {
    /// The records that belong to the company (for configuration that is
    /// small per company: stages, tags, units, journals, calendars).
    InCompany(CompanyId),
    /// The records of the company that have the key.
    ByKey(CompanyId, RecordKey),
    /// The records that belong to no company and have the key.
    Shared(RecordKey),
}

impl RecordQuery {
    /// Whether a stored record answers the query: the one statement of
    /// what a query means, for every store.
    pub fn matches(&self, company: Option<CompanyId>, keys: &[RecordKey]) -> bool {
        match *self {
            RecordQuery::InCompany(c) => company == Some(c),
            RecordQuery::ByKey(c, key) => company == Some(c) && keys.contains(&key),
            RecordQuery::Shared(key) => company.is_none() && keys.contains(&key),
        }
    }
}

/// The sequences a store hands out, of two sorts ([`Sequence::is_number`]):
/// - **identifiers** (of records, tickets, messages, outbox messages,
///   coupons): unique and increasing, starting at 1. A store may skip a
///   value that a unit of work which did not commit took (PostgreSQL's
///   sequences do, so that writers never wait for each other);
/// - **numbers** a company or journal gives (ticket `#42`, invoices and
///   credit notes, orders, deliveries, returns, repairs): gapless, starting
///   at 1, so a value taken by a unit of work that did not commit is given
///   again (many countries require gapless invoice numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Sequence {
    /// Identifiers of a record kind.
    Record(RecordKind),
    /// Ticket identifiers.
    Ticket,
    /// Message identifiers.
    Message,
    /// Outbox identifiers.
    Outbox,
    /// The per-company ticket number (`#42`).
    TicketNumber(CompanyId),
    /// Coupon identifiers.
    Coupon,
    /// The per-company numbers of deliveries (`false`) and returns (`true`).
    TransferNumber(CompanyId, bool),
    /// The per-company repair order numbers.
    RepairNumber(CompanyId),
    /// The per-company sales order number (`S00042`).
    SaleOrderNumber(CompanyId),
    /// The numbers a sale journal gives its invoices (`false`) or credit
    /// notes (`true`) in a year.
    InvoiceNumber(JournalId, bool, i32),
}

impl Sequence {
    /// Whether the sequence gives numbers (gapless) rather than
    /// identifiers (unique and increasing).
    pub fn is_number(self) -> bool {
        match self {
            Sequence::Record(_)
            | Sequence::Ticket
            | Sequence::Message
            | Sequence::Outbox
            | Sequence::Coupon => false,
            Sequence::TicketNumber(_)
            | Sequence::TransferNumber(..)
            | Sequence::RepairNumber(_)
            | Sequence::SaleOrderNumber(_)
            | Sequence::InvoiceNumber(..) => true,
        }
    }

    /// The stable name of the sequence, as stored.
    pub fn name(self) -> String {
        match self {
            Sequence::Record(kind) => kind.name().to_string(),
            Sequence::Ticket => "ticket".into(),
            Sequence::Message => "message".into(),
            Sequence::Outbox => "outbox".into(),
            Sequence::TicketNumber(company) => format!("ticket_number:{company}"),
            Sequence::Coupon => "coupon".into(),
            Sequence::TransferNumber(company, back) => {
                format!(
                    "{}_number:{company}",
                    if back { "return" } else { "delivery" }
                )
            }
            Sequence::RepairNumber(company) => format!("repair_number:{company}"),
            Sequence::SaleOrderNumber(company) => format!("sale_order_number:{company}"),
            Sequence::InvoiceNumber(journal, refund, year) => {
                let kind = if refund { "credit_note" } else { "invoice" };
                format!("{kind}_number:{journal}:{year}")
            }
        }
    }
}

/// What can be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Followable {
    /// A team (following it shows its tickets: VIS-3, VIS-4).
    Team(TeamId),
    /// A ticket.
    Ticket(TicketId),
}

/// Filters of a ticket listing; every field narrows, `None` does not.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketFilter {
    /// Only this team's tickets.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub team: Option<TeamId>,
    /// Only tickets in this stage.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub stage: Option<StageId>,
    /// Only tickets assigned to this user.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assignee: Option<UserId>,
    /// Only this customer's tickets.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customer: Option<PartnerId>,
    /// `Some(true)` open only, `Some(false)` closed only.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub open: Option<bool>,
    /// Only tickets whose subject contains this text (case-insensitive for ASCII).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub text: Option<String>,
    /// Archived tickets instead of active ones.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub archived: bool,
    /// `Some(true)` only tickets that have failed an SLA at the instant the
    /// listing is made ([`Ticket::sla_failed`]), `Some(false)` only those
    /// that have not.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sla_failed: Option<bool>,
    /// Only tickets whose last activity (a change, a message or a time
    /// entry) is before this instant, compared in whole seconds as the
    /// last-activity sort is (the fraction of a second is dropped): the
    /// idle tickets automatic closing looks for (CLS-1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_activity_before: Option<DateTime<Utc>>,
}

/// The order of a ticket listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TicketSort {
    /// Most recently created first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest priority first, then newest.
    Priority,
    /// Most recent activity first, then newest.
    LastActivity,
    /// Earliest SLA deadline first (tickets without one last), then oldest.
    SlaDeadline,
}

impl TicketSort {
    /// The primary sort value of `ticket` (0 when the sort is by id only).
    pub fn primary(self, ticket: &Ticket) -> i64 {
        match self {
            TicketSort::Newest | TicketSort::Oldest => 0,
            TicketSort::Priority => i64::from(ticket.priority.level()),
            TicketSort::LastActivity => ticket.last_activity_at.timestamp(),
            TicketSort::SlaDeadline => ticket.sla_deadline.map_or(i64::MAX, |d| d.timestamp()),
        }
    }
}

/// A position in a sorted listing: continue strictly after this ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    /// The primary sort value ([`TicketSort::primary`]).
    pub primary: i64,
    /// The ticket id (the tie-breaker).
    pub id: TicketId,
}

impl SortKey {
    /// Whether a ticket with this key comes strictly after `self` in `sort`.
    pub fn is_before(&self, sort: TicketSort, other: &SortKey) -> bool {
        match sort {
            TicketSort::Oldest => other.id > self.id,
            TicketSort::Newest => other.id < self.id,
            TicketSort::Priority | TicketSort::LastActivity => {
                (other.primary, other.id) < (self.primary, self.id)
            }
            TicketSort::SlaDeadline => (other.primary, other.id) > (self.primary, self.id),
        }
    }
}

/// What automatic assignment needs to know of a team (ASG-4, ASG-5),
/// maintained by the store inside [`Transaction::put_ticket`] so that no
/// choice ever counts tickets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TeamLoad {
    /// The assignee of the team's most recently assigned ticket: set
    /// whenever a stored ticket of the team gets an assignee it did not
    /// have (created assigned, assigned, or moved into the team assigned).
    pub last_assignee: Option<UserId>,
    /// Per assignee, the number of the team's tickets that are open
    /// (not folded) and active, for assignees with at least one.
    pub open: BTreeMap<UserId, u64>,
}

/// Which SLA statuses a report reads ([`Transaction::find_sla_statuses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaStatusQuery {
    /// The company.
    pub company: CompanyId,
    /// Only this team's tickets.
    pub team: Option<TeamId>,
    /// Only tickets created at or after this instant.
    pub created_from: Option<DateTime<Utc>>,
    /// Only tickets created before this instant.
    pub created_to: Option<DateTime<Utc>>,
}

/// Read-only or read-write unit of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkMode {
    /// Reads only: may run beside other readers.
    Read,
    /// Reads and writes: takes the write lock at the start, so two writers
    /// never decide on stale data (ASG-7).
    Write,
}

/// A unit of work in progress. Every method reads or writes inside it; a
/// store makes all writes visible at once on commit, or none of them.
pub trait Transaction {
    /// The next value of `sequence` (starting at 1).
    fn next_value(&mut self, sequence: Sequence) -> Result<i64>;
    /// The id and the per-company number of a new ticket of `company`:
    /// the next values of [`Sequence::Ticket`] and
    /// [`Sequence::TicketNumber`]. A store may take both in one statement.
    fn next_ticket_ids(&mut self, company: CompanyId) -> Result<(TicketId, i64)> {
        let number = self.next_value(Sequence::TicketNumber(company))?;
        Ok((TicketId(self.next_value(Sequence::Ticket)?), number))
    }

    /// Inserts or replaces a record (by kind and id), with its company and
    /// keys: a replaced record's old keys no longer find it.
    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()>;
    /// The JSON of a record, if any.
    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>>;
    /// The JSON of the records of `kind` that answer `query`
    /// ([`RecordQuery::matches`]), by increasing id.
    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>>;
    /// Deletes a record and its keys; `false` if there was none.
    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool>;

    /// Inserts or replaces a ticket, and keeps the [`TeamLoad`] of the
    /// teams it leaves and enters up to date.
    fn put_ticket(&mut self, ticket: &Ticket) -> Result<()>;
    /// The assignment load of `team` (empty for a team without tickets).
    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad>;
    /// A ticket, if any.
    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>>;
    /// The ids of every ticket of `team`, by increasing id.
    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>>;
    /// Up to `limit` tickets in `scope` matching `filter` at the instant
    /// `at` (time-dependent filters such as `sla_failed`), in `sort` order,
    /// strictly after `after` when given.
    fn find_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
        sort: TicketSort,
        after: Option<SortKey>,
        limit: usize,
    ) -> Result<Vec<Ticket>>;
    /// RPT-1: the active tickets in `scope` that pass `filter`, grouped by
    /// `buckets` and summed at the instant `at`, ordered by their keys
    /// (`None` first). [`aggregate::aggregate`] states the result.
    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>>;
    /// RPT-1: the active tickets in `scope` that pass `filter`, each with
    /// its keys in `buckets`, by increasing id: which tickets a report on
    /// what hangs from them (SLA statuses, ratings) counts, and how it
    /// groups them.
    fn ticket_report_keys(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketKeys>>;
    /// How many tickets in `scope` match `filter` at the instant `at`.
    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64>;

    /// Makes `partner` follow `target`; `false` if it already did.
    fn add_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool>;
    /// Stops `partner` following `target`; `false` if it did not.
    fn remove_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool>;
    /// The followers of `target`, by increasing id.
    fn followers(&mut self, target: Followable) -> Result<Vec<PartnerId>>;
    /// The teams `partner` follows.
    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>>;

    /// Appends a message (its id comes from [`Sequence::Message`]), or
    /// replaces the message with its id, which moves it to the ticket it
    /// now names (merging tickets, MRG-1).
    fn add_message(&mut self, message: &Message) -> Result<()>;
    /// The messages of a ticket, oldest first.
    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>>;
    /// Appends to a ticket's stage history.
    fn add_stage_change(&mut self, change: &StageChange) -> Result<()>;
    /// A ticket's stage history, oldest first.
    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>>;

    /// Replaces every SLA status of `ticket` with `statuses` (all of that ticket).
    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()>;
    /// The SLA statuses of a ticket, by increasing policy id.
    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>>;
    /// Every SLA status matching `query`, by increasing ticket then policy id.
    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>>;

    /// Inserts or replaces a coupon. Its code must be unique in its company:
    /// another coupon with the same code is a `conflict`.
    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()>;
    /// A coupon by id.
    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>>;
    /// A company's coupon by its canonical code.
    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>>;

    /// Records a message the host must send.
    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()>;
    /// Up to `limit` unacknowledged outbox messages, oldest first.
    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>>;
    /// Marks a message sent: `Some(true)` if it was pending,
    /// `Some(false)` if already acknowledged, `None` if unknown.
    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>>;
    /// Claims up to `limit` unacknowledged messages, oldest first, whose
    /// claim is absent or ended at or before `now`: each is claimed until
    /// `until`, so another drainer does not take it while the claim holds.
    fn claim_outbox(
        &mut self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>>;
}

/// A place the desk persists to.
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Runs `work` as one unit of work: commits if it returns `Ok`, rolls
    /// back everything it wrote if it returns `Err`.
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()>;

    /// A canonical text dump of everything stored: two stores with equal
    /// content give equal dumps (tests compare dumps before and after).
    fn snapshot(&self) -> Result<String>;

    /// Whether units of work that write different companies' data run at
    /// the same time (`true`: the PostgreSQL store) rather than one after
    /// the other (the default: a store with one writer at a time, such as
    /// SQLite and the memory store, where only readers run beside a
    /// writer). The conformance suite holds a store to what it says.
    fn writes_companies_in_parallel(&self) -> bool {
        false
    }

    /// Releases what the store holds (a file, connections); a store that
    /// released them fails later units of work with `invalid_state`.
    /// Closing twice is harmless. A store that holds nothing to release
    /// keeps the default, which does nothing ([`crate::Helpdesk::close`]
    /// refuses further work on every store).
    fn close(&self) -> Result<()> {
        Ok(())
    }

    /// Writes a consistent copy of the whole store to a new file at `to`
    /// while the store stays in use. Stores that cannot (the default) say
    /// so with a storage error.
    fn backup(&self, to: &std::path::Path) -> Result<()> {
        Err(crate::Error::Storage {
            message: format!("this store cannot back up to {}", to.display()),
        })
    }
}

/// A shared store is a store: lets a host keep a handle on the store it
/// gives the desk (e.g. to take snapshots).
impl<S: Store + ?Sized> Store for std::sync::Arc<S> {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        (**self).unit_of_work(mode, work)
    }

    fn snapshot(&self) -> Result<String> {
        (**self).snapshot()
    }

    fn writes_companies_in_parallel(&self) -> bool {
        (**self).writes_companies_in_parallel()
    }

    fn close(&self) -> Result<()> {
        (**self).close()
    }

    fn backup(&self, to: &std::path::Path) -> Result<()> {
        (**self).backup(to)
    }
}
