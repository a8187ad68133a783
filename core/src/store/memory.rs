//! The in-memory store: for tests and short-lived desks.

use super::{Followable, RecordKind, Sequence, SortKey, Store, Transaction, WorkMode};
use super::{TicketFilter, TicketSort};
use crate::access::TicketScope;
use crate::ids::{OutboxId, PartnerId, TeamId, TicketId};
use crate::model::{Message, OutboxMessage, StageChange, Ticket};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

/// Everything a [`MemoryStore`] holds.
#[derive(Debug, Clone, Default)]
struct State {
    sequences: BTreeMap<String, i64>,
    records: BTreeMap<(RecordKind, i64), String>,
    tickets: BTreeMap<TicketId, Ticket>,
    followers: BTreeSet<(Followable, PartnerId)>,
    messages: BTreeMap<i64, Message>,
    stage_changes: Vec<StageChange>,
    outbox: BTreeMap<OutboxId, (OutboxMessage, bool)>,
}

/// A store that keeps everything in memory.
///
/// A unit of work runs on a copy of the state that replaces it on commit, so
/// a failed operation leaves nothing behind. The copy costs time linear in
/// the data: use [`SqliteStore`](super::SqliteStore) for large desks.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Store for MemoryStore {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut draft = state.clone();
        work(&mut draft)?;
        if mode == WorkMode::Write {
            *state = draft;
        }
        Ok(())
    }

    fn snapshot(&self) -> Result<String> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out = String::new();
        for (name, value) in &state.sequences {
            out.push_str(&format!("sequence {name} {value}\n"));
        }
        for ((kind, id), json) in &state.records {
            out.push_str(&format!("record {} {id} {json}\n", kind.name()));
        }
        for (id, ticket) in &state.tickets {
            out.push_str(&format!("ticket {id} {}\n", to_json(ticket)?));
        }
        for (target, partner) in &state.followers {
            out.push_str(&format!("follower {} {partner}\n", to_json(target)?));
        }
        for message in state.messages.values() {
            out.push_str(&format!("message {}\n", to_json(message)?));
        }
        for change in &state.stage_changes {
            out.push_str(&format!("stage_change {}\n", to_json(change)?));
        }
        for (message, acknowledged) in state.outbox.values() {
            out.push_str(&format!("outbox {acknowledged} {}\n", to_json(message)?));
        }
        Ok(out)
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

/// Whether `ticket` matches `filter`: the reference every store's query
/// must agree with (the conformance suite checks it).
pub fn matches(filter: &TicketFilter, ticket: &Ticket) -> bool {
    filter.team.is_none_or(|team| ticket.team == Some(team))
        && filter.stage.is_none_or(|stage| ticket.stage == stage)
        && filter
            .assignee
            .is_none_or(|user| ticket.assignee == Some(user))
        && filter
            .customer
            .is_none_or(|partner| ticket.customer == Some(partner))
        && filter.open.is_none_or(|open| ticket.is_open() == open)
        && filter.text.as_ref().is_none_or(|text| {
            ticket
                .subject
                .to_ascii_lowercase()
                .contains(&text.to_ascii_lowercase())
        })
        && ticket.active != filter.archived
}

impl State {
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
    ) -> impl Iterator<Item = &'a Ticket> + 'a {
        self.tickets
            .values()
            .filter(move |t| matches(filter, t) && scope.contains(t, &self.ticket_followers(t.id)))
    }
}

impl Transaction for State {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        let value = self.sequences.entry(sequence.name()).or_insert(0);
        *value += 1;
        Ok(*value)
    }

    fn put_record(&mut self, kind: RecordKind, id: i64, json: &str) -> Result<()> {
        self.records.insert((kind, id), json.to_string());
        Ok(())
    }

    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        Ok(self.records.get(&(kind, id)).cloned())
    }

    fn list_records(&mut self, kind: RecordKind) -> Result<Vec<String>> {
        Ok(self
            .records
            .range((kind, i64::MIN)..=(kind, i64::MAX))
            .map(|(_, json)| json.clone())
            .collect())
    }

    fn put_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        self.tickets.insert(ticket.id, ticket.clone());
        Ok(())
    }

    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        Ok(self.tickets.get(&id).cloned())
    }

    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        Ok(self
            .tickets
            .values()
            .filter(|t| t.team == Some(team))
            .map(|t| t.id)
            .collect())
    }

    fn find_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        sort: TicketSort,
        after: Option<SortKey>,
        limit: usize,
    ) -> Result<Vec<Ticket>> {
        let key = |t: &Ticket| SortKey {
            primary: sort.primary(t),
            id: t.id,
        };
        let mut found: Vec<&Ticket> = self
            .visible(scope, filter)
            .filter(|t| after.is_none_or(|a| a.is_before(sort, &key(t))))
            .collect();
        found.sort_by(|a, b| {
            let (a, b) = (key(a), key(b));
            match sort {
                TicketSort::Oldest => a.id.cmp(&b.id),
                _ => (b.primary, b.id).cmp(&(a.primary, a.id)),
            }
        });
        Ok(found.into_iter().take(limit).cloned().collect())
    }

    fn count_tickets(&mut self, scope: &TicketScope, filter: &TicketFilter) -> Result<u64> {
        Ok(self.visible(scope, filter).count() as u64)
    }

    fn add_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        Ok(self.followers.insert((target, partner)))
    }

    fn remove_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        Ok(self.followers.remove(&(target, partner)))
    }

    fn followers(&mut self, target: Followable) -> Result<Vec<PartnerId>> {
        Ok(self
            .followers
            .iter()
            .filter(|(t, _)| *t == target)
            .map(|(_, p)| *p)
            .collect())
    }

    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        Ok(self
            .followers
            .iter()
            .filter_map(|(target, p)| match target {
                Followable::Team(team) if *p == partner => Some(*team),
                _ => None,
            })
            .collect())
    }

    fn add_message(&mut self, message: &Message) -> Result<()> {
        self.messages.insert(message.id.0, message.clone());
        Ok(())
    }

    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        Ok(self
            .messages
            .values()
            .filter(|m| m.ticket == ticket)
            .cloned()
            .collect())
    }

    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        self.stage_changes.push(change.clone());
        Ok(())
    }

    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        Ok(self
            .stage_changes
            .iter()
            .filter(|c| c.ticket == ticket)
            .cloned()
            .collect())
    }

    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        self.outbox.insert(message.id, (message.clone(), false));
        Ok(())
    }

    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        Ok(self
            .outbox
            .values()
            .filter(|(_, acknowledged)| !acknowledged)
            .take(limit)
            .map(|(m, _)| m.clone())
            .collect())
    }

    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        Ok(self
            .outbox
            .get_mut(&id)
            .map(|(_, acknowledged)| !std::mem::replace(acknowledged, true)))
    }
}
