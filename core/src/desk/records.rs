//! Typed access to the JSON records of a [`Transaction`].

use crate::ids::{
    CalendarId, CompanyId, CouponProgramId, FieldServiceProjectId, FieldServiceTaskId, InvoiceId,
    JournalId, LeaveId, LocationId, OpportunityId, PartnerId, ProductId, RatingId, RepairId,
    SaleOrderId, SalesTeamId, SlaPolicyId, StageId, TagId, TaxId, TeamId, TicketTypeId,
    TimeEntryId, TransferId, UnitCategoryId, UnitId, UserId,
};
use crate::model::{
    Calendar, Company, CouponProgram, FieldServiceProject, FieldServiceTask, Invoice, InvoiceState,
    Journal, Leave, Location, Opportunity, Partner, Product, Repair, SaleOrder, SalesTeam,
    SlaPolicy, Stage, Tag, Tax, Team, TicketType, TimeEntry, Transfer, Unit, UnitCategory, User,
};
use crate::store::{RecordKey, RecordKind, RecordQuery, Sequence, StoredRecord, Transaction};
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeSet;

/// A record kept as a JSON document, with the company it belongs to and
/// the keys it is found by: the one definition of each kind's keys (the
/// stores index them; the SQLite upgrade to indexed records reads them
/// through [`index_of`]).
pub(crate) trait Record: Serialize + DeserializeOwned {
    /// The store kind.
    const KIND: RecordKind;
    /// The raw id.
    fn raw_id(&self) -> i64;
    /// The company the record belongs to; `None` when it is shared.
    fn company(&self) -> Option<CompanyId>;
    /// The keys the record is found by.
    fn keys(&self) -> Vec<RecordKey> {
        Vec::new()
    }
}

/// Records of one company: `$keys` maps `$this` to its keys (none by
/// default).
macro_rules! record {
    ($ty:ty => $kind:ident $(, |$this:ident| $keys:expr)?) => {
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn raw_id(&self) -> i64 {
                self.id.0
            }
            fn company(&self) -> Option<CompanyId> {
                Some(self.company)
            }
            $(fn keys(&self) -> Vec<RecordKey> {
                let $this = self;
                $keys
            })?
        }
    };
}

record!(Team => Team, |t| t.email_alias.iter().map(|a| RecordKey::email(a)).collect());
record!(Tag => Tag);
record!(TicketType => TicketType);
record!(Calendar => Calendar);
record!(Product => Product);
record!(Tax => Tax);
record!(Journal => Journal);
record!(CouponProgram => CouponProgram);
record!(UnitCategory => UnitCategory);
record!(Location => Location);
record!(FieldServiceProject => FieldServiceProject);
record!(SalesTeam => SalesTeam);
record!(Opportunity => Opportunity, |o| vec![RecordKey::Ticket(o.ticket)]);
record!(Stage => Stage, |s| s.teams.iter().map(|t| RecordKey::Team(*t)).collect());
record!(SlaPolicy => SlaPolicy, |p| vec![RecordKey::Team(p.team)]);
record!(SaleOrder => SaleOrder, |o| vec![RecordKey::Customer(o.commercial_partner)]);
record!(Invoice => Invoice, |i| {
    let mut keys = vec![RecordKey::Customer(i.commercial_partner)];
    keys.extend(i.sale_order.map(RecordKey::SaleOrder));
    keys.extend(i.reversed_invoice.map(RecordKey::Invoice));
    keys.extend(i.ticket.map(RecordKey::Ticket));
    if i.state == InvoiceState::Draft && i.scheduled_post.is_some() {
        keys.push(RecordKey::ScheduledPost);
    }
    keys
});
record!(TimeEntry => TimeEntry, |e| {
    let mut keys = vec![RecordKey::Ticket(e.ticket)];
    keys.extend(e.sale_line.map(|l| RecordKey::SaleOrder(l.order)));
    keys.extend(e.invoice.map(RecordKey::Invoice));
    keys
});
record!(Transfer => Transfer, |t| {
    let mut keys = vec![RecordKey::Customer(t.commercial_partner)];
    keys.extend(t.origin.map(RecordKey::Origin));
    keys.extend(t.ticket.map(RecordKey::Ticket));
    keys
});
record!(Repair => Repair, |r| vec![RecordKey::Ticket(r.ticket)]);
record!(FieldServiceTask => FieldServiceTask, |t| vec![RecordKey::Ticket(t.ticket)]);
record!(Unit => Unit, |u| vec![RecordKey::UnitCategory(u.category)]);

/// Companies are the tenants themselves: shared, in the directory.
impl Record for Company {
    const KIND: RecordKind = RecordKind::Company;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        None
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![RecordKey::Directory]
    }
}

/// A partner belongs to its company, or is shared when it has none.
/// Partners are found by their e-mail address (IMP-1, MAIL-1).
impl Record for Partner {
    const KIND: RecordKind = RecordKind::Partner;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        self.company
    }
    fn keys(&self) -> Vec<RecordKey> {
        self.email.iter().map(|e| RecordKey::email(e)).collect()
    }
}

/// Users work for several companies: shared, found by employer and by the
/// contact they log in as.
impl Record for User {
    const KIND: RecordKind = RecordKind::User;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        None
    }
    fn keys(&self) -> Vec<RecordKey> {
        let mut keys = vec![RecordKey::Partner(self.partner)];
        keys.extend(self.companies.iter().map(|c| RecordKey::Employer(*c)));
        keys
    }
}

/// A leave is its user's: shared like the user.
impl Record for Leave {
    const KIND: RecordKind = RecordKind::Leave;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        None
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![RecordKey::User(self.user)]
    }
}

/// Currencies are the host's, for every company: found by code.
impl Record for super::commerce::CurrencyRecord {
    const KIND: RecordKind = RecordKind::Currency;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        None
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![RecordKey::code(&self.currency.code)]
    }
}

/// The company and keys of a stored record of `kind`, from its JSON.
pub(crate) fn index_of(
    kind: RecordKind,
    json: &str,
) -> Result<(Option<CompanyId>, Vec<RecordKey>)> {
    fn of<R: Record>(json: &str) -> Result<(Option<CompanyId>, Vec<RecordKey>)> {
        let record: R = decode(json)?;
        Ok((record.company(), record.keys()))
    }
    match kind {
        RecordKind::Company => of::<Company>(json),
        RecordKind::Partner => of::<Partner>(json),
        RecordKind::User => of::<User>(json),
        RecordKind::Team => of::<Team>(json),
        RecordKind::Stage => of::<Stage>(json),
        RecordKind::Tag => of::<Tag>(json),
        RecordKind::TicketType => of::<TicketType>(json),
        RecordKind::Calendar => of::<Calendar>(json),
        RecordKind::SlaPolicy => of::<SlaPolicy>(json),
        RecordKind::Leave => of::<Leave>(json),
        RecordKind::Currency => of::<super::commerce::CurrencyRecord>(json),
        RecordKind::Product => of::<Product>(json),
        RecordKind::Tax => of::<Tax>(json),
        RecordKind::Journal => of::<Journal>(json),
        RecordKind::SaleOrder => of::<SaleOrder>(json),
        RecordKind::Invoice => of::<Invoice>(json),
        RecordKind::CouponProgram => of::<CouponProgram>(json),
        RecordKind::UnitCategory => of::<UnitCategory>(json),
        RecordKind::Unit => of::<Unit>(json),
        RecordKind::TimeEntry => of::<TimeEntry>(json),
        RecordKind::Location => of::<Location>(json),
        RecordKind::Transfer => of::<Transfer>(json),
        RecordKind::Repair => of::<Repair>(json),
        RecordKind::FieldServiceProject => of::<FieldServiceProject>(json),
        RecordKind::FieldServiceTask => of::<FieldServiceTask>(json),
        RecordKind::SalesTeam => of::<SalesTeam>(json),
        RecordKind::Opportunity => of::<Opportunity>(json),
        RecordKind::Rating => of::<super::ratings::RatingRecord>(json),
        RecordKind::MailLink => of::<super::outbox::MailLink>(json),
        RecordKind::MailSender => of::<super::mail_intake::MailSender>(json),
        RecordKind::ImportLink => of::<super::imports::ImportLink>(json),
        // Revision tokens are written raw, without keys.
        RecordKind::Revision => Ok((None, Vec::new())),
    }
}

/// Typed helpers over any transaction.
pub(crate) trait Records {
    /// A record by id.
    fn get<R: Record>(&mut self, id: i64) -> Result<Option<R>>;
    /// A record by id, or `not_found`.
    fn require<R: Record>(&mut self, id: i64) -> Result<R>;
    /// Inserts or replaces a record.
    fn put<R: Record>(&mut self, record: &R) -> Result<()>;
    /// The records of a kind that belong to `company`.
    fn in_company<R: Record>(&mut self, company: CompanyId) -> Result<Vec<R>>;
    /// The records of a kind of `company` with `key`.
    fn by_key<R: Record>(&mut self, company: CompanyId, key: RecordKey) -> Result<Vec<R>>;
    /// The shared records of a kind with `key`.
    fn shared<R: Record>(&mut self, key: RecordKey) -> Result<Vec<R>>;
    /// A new id for a kind.
    fn new_id<R: Record>(&mut self) -> Result<i64>;
}

fn decode<R: Record>(json: &str) -> Result<R> {
    serde_json::from_str(json).map_err(|e| Error::Storage {
        message: format!("a stored {} cannot be read: {e}", R::KIND.name()),
    })
}

impl Records for dyn Transaction + '_ {
    fn get<R: Record>(&mut self, id: i64) -> Result<Option<R>> {
        self.get_record(R::KIND, id)?
            .map(|json| decode(&json))
            .transpose()
    }

    fn require<R: Record>(&mut self, id: i64) -> Result<R> {
        self.get(id)?
            .ok_or_else(|| Error::not_found(R::KIND.name(), id))
    }

    fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        let json = serde_json::to_string(record).map_err(Error::storage)?;
        let (id, company, keys) = (record.raw_id(), record.company(), record.keys());
        let directory = matches!(
            R::KIND,
            RecordKind::User | RecordKind::Team | RecordKind::Leave | RecordKind::Calendar
        );
        // The companies whose directory changes: read before the write, so
        // that a user who leaves a company changes that company's too.
        let changed = if directory {
            directory_companies(self, R::KIND, id, company, &keys)?
        } else {
            BTreeSet::new()
        };
        self.put_record(&StoredRecord {
            kind: R::KIND,
            id,
            company,
            keys: &keys,
            json: &json,
        })?;
        for company in changed {
            advance_directory_revision(self, company, R::KIND, id, &json)?;
        }
        Ok(())
    }

    fn in_company<R: Record>(&mut self, company: CompanyId) -> Result<Vec<R>> {
        find(self, RecordQuery::InCompany(company))
    }

    fn by_key<R: Record>(&mut self, company: CompanyId, key: RecordKey) -> Result<Vec<R>> {
        find(self, RecordQuery::ByKey(company, key))
    }

    fn shared<R: Record>(&mut self, key: RecordKey) -> Result<Vec<R>> {
        find(self, RecordQuery::Shared(key))
    }

    fn new_id<R: Record>(&mut self) -> Result<i64> {
        self.next_value(Sequence::Record(R::KIND))
    }
}

fn find<R: Record>(tx: &mut (dyn Transaction + '_), query: RecordQuery) -> Result<Vec<R>> {
    tx.find_records(R::KIND, &query)?
        .iter()
        .map(|json| decode(json))
        .collect()
}

/// The companies whose directory (users, teams, leaves, calendars: what
/// assignment caches) a write of this record changes: the team's or
/// calendar's company, the companies the user works for (before and
/// after), or those of the user whose leave it is.
pub(crate) fn directory_companies(
    tx: &mut (dyn Transaction + '_),
    kind: RecordKind,
    id: i64,
    company: Option<CompanyId>,
    keys: &[RecordKey],
) -> Result<BTreeSet<CompanyId>> {
    let mut companies: BTreeSet<CompanyId> = company.into_iter().collect();
    for key in keys {
        match *key {
            RecordKey::Employer(company) => {
                companies.insert(company);
            }
            RecordKey::User(user) if kind == RecordKind::Leave => {
                companies.extend(tx.require::<User>(user.0)?.companies);
            }
            _ => {}
        }
    }
    if kind == RecordKind::User {
        if let Some(before) = tx.get::<User>(id)? {
            companies.extend(before.companies);
        }
    }
    Ok(companies)
}

/// Marks the directory of `company` changed (a user, team, leave or
/// calendar). Its
/// token, stored under the company's id, chains a hash of the change onto
/// the previous token, so equal tokens mean equal histories: a token
/// written by a unit of work that rolled back can only come back with the
/// very same change. Per company, so that one company's changes never
/// make another's caches stale.
pub(crate) fn advance_directory_revision(
    tx: &mut (dyn Transaction + '_),
    company: CompanyId,
    kind: RecordKind,
    id: i64,
    content: &str,
) -> Result<()> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    directory_revision(tx, company)?.hash(&mut hasher);
    (kind, id, content).hash(&mut hasher);
    let token = format!("\"{:016x}\"", hasher.finish());
    tx.put_record(&StoredRecord {
        kind: RecordKind::Revision,
        id: company.0,
        company: Some(company),
        keys: &[],
        json: &token,
    })
}

/// The current revision token of the directory of `company`.
pub(crate) fn directory_revision(
    tx: &mut (dyn Transaction + '_),
    company: CompanyId,
) -> Result<Option<String>> {
    tx.get_record(RecordKind::Revision, company.0)
}

/// Id newtypes that name a record kind, so `tx.load(team_id)` reads well.
pub(crate) trait RecordId: Copy + std::fmt::Display {
    /// The record the id names.
    type Record: Record;
    /// The raw id.
    fn raw(self) -> i64;
}

macro_rules! record_id {
    ($($id:ty => $ty:ty),* $(,)?) => {$(
        impl RecordId for $id {
            type Record = $ty;
            fn raw(self) -> i64 {
                self.0
            }
        }
    )*};
}

record_id! {
    CompanyId => Company,
    PartnerId => Partner,
    UserId => User,
    TeamId => Team,
    StageId => Stage,
    TagId => Tag,
    TicketTypeId => TicketType,
    CalendarId => Calendar,
    SlaPolicyId => SlaPolicy,
    LeaveId => Leave,
    ProductId => Product,
    TaxId => Tax,
    JournalId => Journal,
    SaleOrderId => SaleOrder,
    InvoiceId => Invoice,
    CouponProgramId => CouponProgram,
    UnitCategoryId => UnitCategory,
    UnitId => Unit,
    TimeEntryId => TimeEntry,
    LocationId => Location,
    TransferId => Transfer,
    RepairId => Repair,
    FieldServiceProjectId => FieldServiceProject,
    FieldServiceTaskId => FieldServiceTask,
    SalesTeamId => SalesTeam,
    OpportunityId => Opportunity,
    RatingId => super::ratings::RatingRecord,
}

/// Loads the record an id names, or `not_found`.
pub(crate) fn load<I: RecordId>(tx: &mut (dyn Transaction + '_), id: I) -> Result<I::Record> {
    tx.require::<I::Record>(id.raw())
}

/// VIS-11: loads the record an id names when it is of `company` (or
/// shared); a record of another company is `not_found` exactly as a
/// missing one, so that an error never tells what another company holds.
pub(crate) fn load_in<I: RecordId>(
    tx: &mut (dyn Transaction + '_),
    id: I,
    company: CompanyId,
) -> Result<I::Record> {
    let record = load(tx, id)?;
    match record.company() {
        Some(owner) if owner != company => Err(Error::not_found(I::Record::KIND.name(), id.raw())),
        _ => Ok(record),
    }
}
