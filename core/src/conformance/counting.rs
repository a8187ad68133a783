//! [`CountingStore`]: counts what the units of work read, to prove that an
//! operation's cost does not grow with data it need not read.

use crate::access::TicketScope;
use crate::ids::*;
use crate::model::*;
use crate::store::*;
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// What a [`CountingStore`] has seen read since its last reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reads {
    /// Read calls made on transactions (each a query to the store).
    pub queries: u64,
    /// Records and rows they returned (a count query counts one).
    pub rows: u64,
}

/// A store that counts the queries and rows its units of work read, and
/// otherwise does what the store it wraps does. Counting is deterministic,
/// unlike timing: an operation whose reads for one company are the same
/// whether the store holds no other company or fifty does not slow down
/// with other companies' data.
#[derive(Debug)]
pub struct CountingStore<S> {
    inner: S,
    queries: AtomicU64,
    rows: AtomicU64,
}

impl<S: Store> CountingStore<S> {
    /// Wraps `inner`, with nothing counted yet.
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            queries: AtomicU64::new(0),
            rows: AtomicU64::new(0),
        }
    }

    /// What was read since the last [`CountingStore::take`] (or creation),
    /// and starts counting afresh.
    pub fn take(&self) -> Reads {
        Reads {
            queries: self.queries.swap(0, Ordering::SeqCst),
            rows: self.rows.swap(0, Ordering::SeqCst),
        }
    }
}

impl<S: Store> Store for CountingStore<S> {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        self.inner.unit_of_work(mode, &mut |tx| {
            work(&mut CountingTx {
                inner: tx,
                store: self,
            })
        })
    }

    fn snapshot(&self) -> Result<String> {
        self.inner.snapshot()
    }

    fn writes_companies_in_parallel(&self) -> bool {
        self.inner.writes_companies_in_parallel()
    }
}

struct CountingTx<'a, S> {
    inner: &'a mut dyn Transaction,
    store: &'a CountingStore<S>,
}

impl<S> CountingTx<'_, S> {
    /// Counts one query that returned `rows` rows, and passes its result on.
    fn read<T>(&self, result: Result<T>, rows: impl Fn(&T) -> usize) -> Result<T> {
        self.store.queries.fetch_add(1, Ordering::SeqCst);
        if let Ok(value) = &result {
            self.store
                .rows
                .fetch_add(rows(value) as u64, Ordering::SeqCst);
        }
        result
    }
}

fn one<T>(value: &Option<T>) -> usize {
    usize::from(value.is_some())
}

impl<S> Transaction for CountingTx<'_, S> {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        self.inner.next_value(sequence)
    }
    fn next_ticket_ids(&mut self, company: CompanyId) -> Result<(TicketId, i64)> {
        self.inner.next_ticket_ids(company)
    }
    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()> {
        self.inner.put_record(record)
    }
    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        let found = self.inner.get_record(kind, id);
        self.read(found, one)
    }
    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>> {
        let found = self.inner.find_records(kind, query);
        self.read(found, Vec::len)
    }
    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool> {
        self.inner.delete_record(kind, id)
    }
    fn put_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        self.inner.put_ticket(ticket)
    }
    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad> {
        let found = self.inner.team_load(team);
        self.read(found, |load| load.open.len())
    }
    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        let found = self.inner.get_ticket(id);
        self.read(found, one)
    }
    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        let found = self.inner.team_ticket_ids(team);
        self.read(found, Vec::len)
    }
    fn find_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
        sort: TicketSort,
        after: Option<SortKey>,
        limit: usize,
    ) -> Result<Vec<Ticket>> {
        let found = self
            .inner
            .find_tickets(scope, filter, at, sort, after, limit);
        self.read(found, Vec::len)
    }
    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>> {
        let found = self.inner.aggregate_tickets(scope, filter, buckets, at);
        self.read(found, Vec::len)
    }
    fn ticket_report_keys(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketKeys>> {
        let found = self.inner.ticket_report_keys(scope, filter, buckets);
        self.read(found, Vec::len)
    }
    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64> {
        let found = self.inner.count_tickets(scope, filter, at);
        self.read(found, |_| 1)
    }
    fn add_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.inner.add_follower(target, partner)
    }
    fn remove_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.inner.remove_follower(target, partner)
    }
    fn followers(&mut self, target: Followable) -> Result<Vec<PartnerId>> {
        let found = self.inner.followers(target);
        self.read(found, Vec::len)
    }
    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        let found = self.inner.followed_teams(partner);
        self.read(found, BTreeSet::len)
    }
    fn add_message(&mut self, message: &Message) -> Result<()> {
        self.inner.add_message(message)
    }
    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        let found = self.inner.messages(ticket);
        self.read(found, Vec::len)
    }
    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        self.inner.add_stage_change(change)
    }
    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        let found = self.inner.stage_history(ticket);
        self.read(found, Vec::len)
    }
    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
        self.inner.put_sla_statuses(ticket, statuses)
    }
    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>> {
        let found = self.inner.sla_statuses(ticket);
        self.read(found, Vec::len)
    }
    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>> {
        let found = self.inner.find_sla_statuses(query);
        self.read(found, Vec::len)
    }
    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()> {
        self.inner.put_coupon(coupon)
    }
    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>> {
        let found = self.inner.get_coupon(id);
        self.read(found, one)
    }
    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>> {
        let found = self.inner.coupon_by_code(company, code);
        self.read(found, one)
    }
    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        self.inner.add_outbox(message)
    }
    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        let found = self.inner.pending_outbox(limit);
        self.read(found, Vec::len)
    }
    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        let found = self.inner.acknowledge_outbox(id);
        self.read(found, one)
    }
    fn claim_outbox(
        &mut self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        let found = self.inner.claim_outbox(now, until, limit);
        self.read(found, Vec::len)
    }
}
