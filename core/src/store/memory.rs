//! The in-memory store: for tests and short-lived desks.

use super::semantics::{
    check_statuses_of, claim_end, coupon_code_taken, listing_order, matches, LoadChange, Placement,
};
use super::TicketSort;
use super::{Followable, RecordKind, Sequence, SortKey, Store, Transaction, WorkMode};
use super::{RecordKey, RecordQuery, SlaStatusQuery, StoredRecord, TeamLoad, TicketFilter};
use super::{ReportFilter, TicketAggregate, TicketBucket, TicketKeys};
use crate::access::TicketScope;
use crate::ids::{
    CompanyId, CouponId, MessageId, OutboxId, PartnerId, SlaPolicyId, TeamId, TicketId, UserId,
};
use crate::model::{Coupon, Message, OutboxMessage, SlaStatus, StageChange, Ticket};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use imbl::{OrdMap, OrdSet, Vector};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

/// Everything a [`MemoryStore`] holds.
///
/// Persistent (structurally shared) collections: cloning the state is O(1)
/// and a write copies only the O(log n) nodes on its path, so a unit of work
/// can run on a private copy whatever the size of the desk. Large values sit
/// behind an `Arc` because a copied node clones every entry it holds.
#[derive(Debug, Clone, Default)]
struct State {
    sequences: OrdMap<String, i64>,
    records: OrdMap<(RecordKind, i64), Arc<Row>>,
    /// Index of `records` by company: [`RecordQuery::InCompany`].
    company_records: OrdSet<(RecordKind, CompanyId, i64)>,
    /// Index of `records` by key: [`RecordQuery::ByKey`] and
    /// [`RecordQuery::Shared`] (company `None`).
    keyed_records: OrdSet<(RecordKind, Option<CompanyId>, RecordKey, i64)>,
    tickets: OrdMap<TicketId, Arc<Ticket>>,
    /// Index of `tickets` by company: listings of some companies only.
    company_tickets: OrdSet<(CompanyId, TicketId)>,
    /// Index of `tickets` by team: `team_ticket_ids` without a scan.
    team_tickets: OrdSet<(TeamId, TicketId)>,
    /// [`TeamLoad::last_assignee`] per team.
    last_assignees: OrdMap<TeamId, UserId>,
    /// [`TeamLoad::open`], flattened so that a change touches one entry.
    open_counts: OrdMap<(TeamId, UserId), u64>,
    followers: OrdSet<(Followable, PartnerId)>,
    /// Index of `followers` by partner: `followed_teams` without a scan.
    followed: OrdSet<(PartnerId, Followable)>,
    messages: OrdMap<MessageId, Arc<Message>>,
    /// Index of `messages` by ticket.
    ticket_messages: OrdSet<(TicketId, MessageId)>,
    stage_changes: Vector<Arc<StageChange>>,
    /// Index of `stage_changes` by ticket (ticket, position).
    ticket_stage_changes: OrdSet<(TicketId, usize)>,
    outbox: OrdMap<OutboxId, (Arc<OutboxMessage>, bool)>,
    /// The unacknowledged part of `outbox`.
    pending: OrdSet<OutboxId>,
    /// Until when a message is claimed (whole seconds since the epoch, as
    /// the SQLite store keeps it).
    outbox_claims: OrdMap<OutboxId, i64>,
    sla_statuses: OrdMap<(TicketId, SlaPolicyId), SlaStatus>,
    /// Index of `sla_statuses` by company: reports without a scan.
    company_sla_statuses: OrdSet<(CompanyId, TicketId, SlaPolicyId)>,
    coupons: OrdMap<CouponId, Arc<Coupon>>,
    /// Index of `coupons` by company and code: `coupon_by_code` without a
    /// scan, and the uniqueness of a code within its company.
    coupon_codes: OrdMap<(CompanyId, Arc<str>), CouponId>,
}

/// A stored record: its JSON, company and keys.
#[derive(Debug)]
struct Row {
    json: Arc<str>,
    company: Option<CompanyId>,
    keys: Vec<RecordKey>,
}

/// A store that keeps everything in memory.
///
/// A unit of work runs on a copy of the state that replaces it on commit, so
/// a failed operation leaves nothing behind. The state is made of persistent
/// collections: the copy is O(1) and each write O(log n). Writers run one
/// at a time; a reader works on the state committed when it started and
/// blocks no one. Ticket listings, counts and SLA reports walk the tickets
/// or statuses of the companies asked for: use
/// [`SqliteStore`](super::SqliteStore) for large desks.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn committed(&self) -> State {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Store for MemoryStore {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        match mode {
            // A reader's writes (a bug) die with its private copy; releasing
            // the lock before the work lets writers proceed meanwhile.
            WorkMode::Read => work(&mut self.committed()),
            // The lock is held for the whole work: writers never decide on
            // stale data (ASG-7).
            WorkMode::Write => {
                let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                let mut draft = state.clone();
                work(&mut draft)?;
                *state = draft;
                Ok(())
            }
        }
    }

    fn snapshot(&self) -> Result<String> {
        let state = self.committed();
        let mut out = String::new();
        for (name, value) in &state.sequences {
            out.push_str(&format!("sequence {name} {value}\n"));
        }
        for ((kind, id), row) in &state.records {
            out.push_str(&format!("record {} {id} {}\n", kind.name(), row.json));
        }
        // Derived, dumped anyway: a drifted index shows in a comparison.
        for (kind, company, key, id) in &state.keyed_records {
            let company = company.map_or(0, |c| c.0);
            let (name, value) = (key.name(), key.value());
            out.push_str(&format!(
                "record_key {} {company} {name} {value} {id}\n",
                kind.name()
            ));
        }
        for (id, ticket) in &state.tickets {
            out.push_str(&format!("ticket {id} {}\n", to_json(&**ticket)?));
        }
        for (target, partner) in &state.followers {
            out.push_str(&format!("follower {} {partner}\n", to_json(target)?));
        }
        for message in state.messages.values() {
            out.push_str(&format!("message {}\n", to_json(&**message)?));
        }
        for change in &state.stage_changes {
            out.push_str(&format!("stage_change {}\n", to_json(&**change)?));
        }
        for (id, until) in &state.outbox_claims {
            out.push_str(&format!("outbox_claim {id} {until}\n"));
        }
        for (message, acknowledged) in state.outbox.values() {
            out.push_str(&format!("outbox {acknowledged} {}\n", to_json(&**message)?));
        }
        for status in state.sla_statuses.values() {
            out.push_str(&format!("sla_status {}\n", to_json(status)?));
        }
        // Derived data, dumped anyway: a dump comparison then also catches
        // a load that drifted from the tickets (e.g. a half-rolled-back one).
        for (team, user) in &state.last_assignees {
            out.push_str(&format!("team_last_assignee {team} {user}\n"));
        }
        for ((team, user), open) in &state.open_counts {
            out.push_str(&format!("team_open {team} {user} {open}\n"));
        }
        for (id, coupon) in &state.coupons {
            out.push_str(&format!("coupon {id} {}\n", to_json(&**coupon)?));
        }
        Ok(out)
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

impl State {
    /// The ids of the records of `kind` in `company` with `key`.
    fn keyed(&self, kind: RecordKind, company: Option<CompanyId>, key: RecordKey) -> Vec<i64> {
        self.keyed_records
            .range((kind, company, key, i64::MIN)..=(kind, company, key, i64::MAX))
            .map(|(_, _, _, id)| *id)
            .collect()
    }

    fn ticket_followers(&self, ticket: TicketId) -> Vec<PartnerId> {
        let target = Followable::Ticket(ticket);
        self.followers
            .range((target, PartnerId(i64::MIN))..=(target, PartnerId(i64::MAX)))
            .map(|(_, partner)| *partner)
            .collect()
    }

    fn visible<'a>(
        &'a self,
        scope: &'a TicketScope,
        filter: &'a TicketFilter,
        at: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Ticket> + 'a {
        // The scope's companies only, through the index: a listing never
        // walks other companies' tickets.
        let candidates: Box<dyn Iterator<Item = &'a Ticket> + 'a> = match &scope.companies {
            None => Box::new(self.tickets.values().map(|t| &**t)),
            Some(companies) => Box::new(companies.iter().flat_map(move |company| {
                self.company_tickets
                    .range((*company, TicketId(i64::MIN))..=(*company, TicketId(i64::MAX)))
                    .filter_map(move |(_, id)| self.tickets.get(id).map(|t| &**t))
            })),
        };
        candidates.filter(move |t| {
            matches(filter, t, at) && scope.contains(t, &self.ticket_followers(t.id))
        })
    }

    fn add_open(&mut self, key: (TeamId, UserId)) {
        *self.open_counts.entry(key).or_insert(0) += 1;
    }

    fn remove_open(&mut self, key: (TeamId, UserId)) {
        // Only called for a stored ticket that counts: the entry exists.
        if let Some(open) = self.open_counts.get_mut(&key) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                self.open_counts.remove(&key);
            }
        }
    }
}

impl Transaction for State {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        let value = self.sequences.entry(sequence.name()).or_insert(0);
        *value += 1;
        Ok(*value)
    }

    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()> {
        let (kind, id) = (record.kind, record.id);
        self.delete_record(kind, id)?;
        if let Some(company) = record.company {
            self.company_records.insert((kind, company, id));
        }
        for key in record.keys {
            self.keyed_records.insert((kind, record.company, *key, id));
        }
        let row = Row {
            json: Arc::from(record.json),
            company: record.company,
            keys: record.keys.to_vec(),
        };
        self.records.insert((kind, id), Arc::new(row));
        Ok(())
    }

    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        Ok(self
            .records
            .get(&(kind, id))
            .map(|row| row.json.to_string()))
    }

    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>> {
        let ids: Vec<i64> = match *query {
            RecordQuery::InCompany(company) => self
                .company_records
                .range((kind, company, i64::MIN)..=(kind, company, i64::MAX))
                .map(|(_, _, id)| *id)
                .collect(),
            RecordQuery::ByKey(company, key) => self.keyed(kind, Some(company), key),
            RecordQuery::Shared(key) => self.keyed(kind, None, key),
        };
        Ok(ids
            .iter()
            .filter_map(|id| self.records.get(&(kind, *id)))
            .map(|row| row.json.to_string())
            .collect())
    }

    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool> {
        let Some(old) = self.records.remove(&(kind, id)) else {
            return Ok(false);
        };
        if let Some(company) = old.company {
            self.company_records.remove(&(kind, company, id));
        }
        for key in &old.keys {
            self.keyed_records.remove(&(kind, old.company, *key, id));
        }
        Ok(true)
    }

    fn put_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        let old = self.tickets.insert(ticket.id, Arc::new(ticket.clone()));
        let old = old.as_deref();
        if let Some(old) = old {
            self.company_tickets.remove(&(old.company, old.id));
        }
        self.company_tickets.insert((ticket.company, ticket.id));
        if let Some(team) = old.and_then(|t| t.team) {
            self.team_tickets.remove(&(team, ticket.id));
        }
        if let Some(team) = ticket.team {
            self.team_tickets.insert((team, ticket.id));
        }
        let change = LoadChange::between(old.map(Placement::of).as_ref(), &Placement::of(ticket));
        if let Some(key) = change.leaves {
            self.remove_open(key);
        }
        if let Some(key) = change.enters {
            self.add_open(key);
        }
        if let Some((team, user)) = change.assigned {
            self.last_assignees.insert(team, user);
        }
        Ok(())
    }

    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad> {
        Ok(TeamLoad {
            last_assignee: self.last_assignees.get(&team).copied(),
            open: self
                .open_counts
                .range((team, UserId(i64::MIN))..=(team, UserId(i64::MAX)))
                .map(|((_, user), open)| (*user, *open))
                .collect(),
        })
    }

    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        Ok(self.tickets.get(&id).map(|t| Ticket::clone(t)))
    }

    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        Ok(self
            .team_tickets
            .range((team, TicketId(i64::MIN))..=(team, TicketId(i64::MAX)))
            .map(|(_, id)| *id)
            .collect())
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
        let key = |t: &Ticket| SortKey {
            primary: sort.primary(t),
            id: t.id,
        };
        let mut found: Vec<&Ticket> = self
            .visible(scope, filter, at)
            .filter(|t| after.is_none_or(|a| a.is_before(sort, &key(t))))
            .collect();
        found.sort_by(|a, b| listing_order(sort, &key(a), &key(b)));
        Ok(found.into_iter().take(limit).cloned().collect())
    }

    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>> {
        let all = TicketFilter::default();
        let tickets = self.visible(scope, &all, at).filter(|t| filter.matches(t));
        Ok(super::aggregate::aggregate(tickets, buckets, at))
    }

    fn ticket_report_keys(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketKeys>> {
        let all = TicketFilter::default();
        // Scopes do not depend on the instant.
        let mut found: Vec<TicketKeys> = self
            .visible(scope, &all, DateTime::<Utc>::UNIX_EPOCH)
            .filter(|t| filter.matches(t))
            .map(|t| TicketKeys::of(t, buckets))
            .collect();
        found.sort_by_key(|k| k.ticket);
        Ok(found)
    }

    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64> {
        Ok(self.visible(scope, filter, at).count() as u64)
    }

    fn add_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.followed.insert((partner, target));
        Ok(self.followers.insert((target, partner)).is_none())
    }

    fn remove_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.followed.remove(&(partner, target));
        Ok(self.followers.remove(&(target, partner)).is_some())
    }

    fn followers(&mut self, target: Followable) -> Result<Vec<PartnerId>> {
        Ok(self
            .followers
            .range((target, PartnerId(i64::MIN))..=(target, PartnerId(i64::MAX)))
            .map(|(_, p)| *p)
            .collect())
    }

    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        let teams = Followable::Team(TeamId(i64::MIN))..=Followable::Team(TeamId(i64::MAX));
        Ok(self
            .followed
            .range((partner, *teams.start())..=(partner, *teams.end()))
            .filter_map(|(_, target)| match target {
                Followable::Team(team) => Some(*team),
                Followable::Ticket(_) => None,
            })
            .collect())
    }

    fn add_message(&mut self, message: &Message) -> Result<()> {
        if let Some(old) = self.messages.insert(message.id, Arc::new(message.clone())) {
            self.ticket_messages.remove(&(old.ticket, old.id));
        }
        self.ticket_messages.insert((message.ticket, message.id));
        Ok(())
    }

    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        Ok(self
            .ticket_messages
            .range((ticket, MessageId(i64::MIN))..=(ticket, MessageId(i64::MAX)))
            .filter_map(|(_, id)| self.messages.get(id))
            .map(|m| Message::clone(m))
            .collect())
    }

    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        self.ticket_stage_changes
            .insert((change.ticket, self.stage_changes.len()));
        self.stage_changes.push_back(Arc::new(change.clone()));
        Ok(())
    }

    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        Ok(self
            .ticket_stage_changes
            .range((ticket, 0)..=(ticket, usize::MAX))
            .filter_map(|(_, position)| self.stage_changes.get(*position))
            .map(|c| StageChange::clone(c))
            .collect())
    }

    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
        check_statuses_of(ticket, statuses)?;
        let old: Vec<_> = self
            .sla_statuses
            .range((ticket, SlaPolicyId(i64::MIN))..=(ticket, SlaPolicyId(i64::MAX)))
            .map(|(key, _)| *key)
            .collect();
        for key in old {
            if let Some(status) = self.sla_statuses.remove(&key) {
                self.company_sla_statuses
                    .remove(&(status.company, key.0, key.1));
            }
        }
        for status in statuses {
            self.company_sla_statuses
                .insert((status.company, ticket, status.policy));
            self.sla_statuses
                .insert((ticket, status.policy), status.clone());
        }
        Ok(())
    }

    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>> {
        Ok(self
            .sla_statuses
            .range((ticket, SlaPolicyId(i64::MIN))..=(ticket, SlaPolicyId(i64::MAX)))
            .map(|(_, status)| status.clone())
            .collect())
    }

    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>> {
        let company = query.company;
        let (low, high) = (TicketId(i64::MIN), TicketId(i64::MAX));
        let (first, last) = (SlaPolicyId(i64::MIN), SlaPolicyId(i64::MAX));
        Ok(self
            .company_sla_statuses
            .range((company, low, first)..=(company, high, last))
            .filter_map(|(_, ticket, policy)| self.sla_statuses.get(&(*ticket, *policy)))
            .filter(|s| {
                query.team.is_none_or(|team| s.team == team)
                    && query
                        .created_from
                        .is_none_or(|from| s.ticket_created_at >= from)
                    && query.created_to.is_none_or(|to| s.ticket_created_at < to)
            })
            .cloned()
            .collect())
    }

    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()> {
        let key: (CompanyId, Arc<str>) = (coupon.company, Arc::from(coupon.code.as_str()));
        if self
            .coupon_codes
            .get(&key)
            .is_some_and(|owner| *owner != coupon.id)
        {
            return Err(coupon_code_taken(coupon));
        }
        if let Some(old) = self.coupons.insert(coupon.id, Arc::new(coupon.clone())) {
            if old.company != coupon.company || old.code != coupon.code {
                self.coupon_codes
                    .remove(&(old.company, Arc::from(old.code.as_str())));
            }
        }
        self.coupon_codes.insert(key, coupon.id);
        Ok(())
    }

    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>> {
        Ok(self.coupons.get(&id).map(|c| Coupon::clone(c)))
    }

    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>> {
        Ok(self
            .coupon_codes
            .get(&(company, Arc::from(code)))
            .and_then(|id| self.coupons.get(id))
            .map(|c| Coupon::clone(c)))
    }

    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        self.outbox
            .insert(message.id, (Arc::new(message.clone()), false));
        self.pending.insert(message.id);
        Ok(())
    }

    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        Ok(self
            .pending
            .iter()
            .filter_map(|id| self.outbox.get(id))
            .take(limit)
            .map(|(m, _)| OutboxMessage::clone(m))
            .collect())
    }

    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        let was = self
            .outbox
            .get_mut(&id)
            .map(|(_, acknowledged)| !std::mem::replace(acknowledged, true));
        self.pending.remove(&id);
        Ok(was)
    }

    fn claim_outbox(
        &mut self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        let until = claim_end(until);
        let free: Vec<OutboxId> = self
            .pending
            .iter()
            .filter(|id| {
                self.outbox_claims
                    .get(*id)
                    .is_none_or(|&t| t <= now.timestamp())
            })
            .take(limit)
            .copied()
            .collect();
        let mut claimed = Vec::with_capacity(free.len());
        for id in free {
            self.outbox_claims.insert(id, until);
            if let Some((message, _)) = self.outbox.get(&id) {
                claimed.push(OutboxMessage::clone(message));
            }
        }
        Ok(claimed)
    }
}
