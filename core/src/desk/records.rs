//! Typed access to the JSON records of a [`Transaction`].

use crate::ids::{
    CalendarId, CompanyId, CouponProgramId, FieldServiceProjectId, FieldServiceTaskId, InvoiceId,
    JournalId, LeaveId, LocationId, PartnerId, ProductId, RepairId, SaleOrderId, SlaPolicyId,
    StageId, TagId, TaxId, TeamId, TicketTypeId, TimeEntryId, TransferId, UnitCategoryId, UnitId,
    UserId,
};
use crate::model::{
    Calendar, Company, CouponProgram, FieldServiceProject, FieldServiceTask, Invoice, Journal,
    Leave, Location, Partner, Product, Repair, SaleOrder, SlaPolicy, Stage, Tag, Tax, Team,
    TicketType, TimeEntry, Transfer, Unit, UnitCategory, User,
};
use crate::store::{RecordKind, Sequence, Transaction};
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A record kept as a JSON document.
pub(crate) trait Record: Serialize + DeserializeOwned {
    /// The store kind.
    const KIND: RecordKind;
    /// The raw id.
    fn raw_id(&self) -> i64;
}

macro_rules! record {
    ($($ty:ty => $kind:ident),* $(,)?) => {$(
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn raw_id(&self) -> i64 {
                self.id.0
            }
        }
    )*};
}

record! {
    Company => Company,
    Partner => Partner,
    User => User,
    Team => Team,
    Stage => Stage,
    Tag => Tag,
    TicketType => TicketType,
    Calendar => Calendar,
    SlaPolicy => SlaPolicy,
    Leave => Leave,
    super::commerce::CurrencyRecord => Currency,
    Product => Product,
    Tax => Tax,
    Journal => Journal,
    SaleOrder => SaleOrder,
    Invoice => Invoice,
    CouponProgram => CouponProgram,
    UnitCategory => UnitCategory,
    Unit => Unit,
    TimeEntry => TimeEntry,
    Location => Location,
    Transfer => Transfer,
    Repair => Repair,
    FieldServiceProject => FieldServiceProject,
    FieldServiceTask => FieldServiceTask,
}

/// Typed helpers over any transaction.
pub(crate) trait Records {
    /// A record by id.
    fn get<R: Record>(&mut self, id: i64) -> Result<Option<R>>;
    /// A record by id, or `not_found`.
    fn require<R: Record>(&mut self, id: i64) -> Result<R>;
    /// Inserts or replaces a record.
    fn put<R: Record>(&mut self, record: &R) -> Result<()>;
    /// Every record of a kind.
    fn all<R: Record>(&mut self) -> Result<Vec<R>>;
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
        self.put_record(R::KIND, record.raw_id(), &json)?;
        if matches!(
            R::KIND,
            RecordKind::User | RecordKind::Team | RecordKind::Leave
        ) {
            advance_directory_revision(self, R::KIND, record.raw_id(), &json)?;
        }
        Ok(())
    }

    fn all<R: Record>(&mut self) -> Result<Vec<R>> {
        self.list_records(R::KIND)?
            .iter()
            .map(|json| decode(json))
            .collect()
    }

    fn new_id<R: Record>(&mut self) -> Result<i64> {
        self.next_value(Sequence::Record(R::KIND))
    }
}

/// The id of the directory's revision record.
const DIRECTORY_REVISION: i64 = 1;

/// Marks users, teams or leaves changed. The token chains a hash of the
/// change onto the previous token, so equal tokens mean equal histories of
/// these records: a token written by a unit of work that rolled back can
/// only come back with the very same change.
pub(crate) fn advance_directory_revision(
    tx: &mut (dyn Transaction + '_),
    kind: RecordKind,
    id: i64,
    content: &str,
) -> Result<()> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    directory_revision(tx)?.hash(&mut hasher);
    (kind, id, content).hash(&mut hasher);
    let token = format!("\"{:016x}\"", hasher.finish());
    tx.put_record(RecordKind::Revision, DIRECTORY_REVISION, &token)
}

/// The current revision token of users, teams and leaves.
pub(crate) fn directory_revision(tx: &mut (dyn Transaction + '_)) -> Result<Option<String>> {
    tx.get_record(RecordKind::Revision, DIRECTORY_REVISION)
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
}

/// Loads the record an id names, or `not_found`.
pub(crate) fn load<I: RecordId>(tx: &mut (dyn Transaction + '_), id: I) -> Result<I::Record> {
    tx.require::<I::Record>(id.raw())
}
