//! What every store must agree on, stated once so that the bundled stores
//! and a host's own store share it instead of learning it from
//! conformance failures: what a ticket filter means, what counts in a
//! team's assignment load and who was last assigned, which SLA statuses a
//! ticket may hold, when a coupon code is taken, and the order of a
//! listing. (What a record query means is [`RecordQuery::matches`].)
//!
//! [`RecordQuery::matches`]: super::RecordQuery::matches

use super::{SortKey, TeamLoad, TicketFilter, TicketSort};
use crate::ids::{TeamId, TicketId, UserId};
use crate::model::{Coupon, SlaStatus, Ticket};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// Whether `ticket` matches `filter` at the instant `at`: the meaning every
/// store's ticket query must have (the conformance suite checks it).
pub fn matches(filter: &TicketFilter, ticket: &Ticket, at: DateTime<Utc>) -> bool {
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
        && filter
            .sla_failed
            .is_none_or(|failed| ticket.sla_failed(at) == failed)
        && filter
            .last_activity_before
            .is_none_or(|before| ticket.last_activity_at.timestamp() < before.timestamp())
}

/// What of a stored ticket its team's [`TeamLoad`]
/// depends on: the one statement of the rule (a store may read it from
/// columns, without parsing the stored ticket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The ticket's team.
    pub team: Option<TeamId>,
    /// Its assignee.
    pub assignee: Option<UserId>,
    /// Whether it is open (its stage does not fold it).
    pub open: bool,
    /// Whether it is active (not archived).
    pub active: bool,
}

impl Placement {
    /// The placement of a ticket.
    pub fn of(ticket: &Ticket) -> Self {
        Self {
            team: ticket.team,
            assignee: ticket.assignee,
            open: ticket.is_open(),
            active: ticket.active,
        }
    }

    /// Where the ticket counts in [`super::TeamLoad::open`]: only an open, active
    /// ticket with both a team and an assignee.
    pub fn open_load(&self) -> Option<(TeamId, UserId)> {
        match (self.team, self.assignee) {
            (Some(team), Some(user)) if self.open && self.active => Some((team, user)),
            _ => None,
        }
    }

    /// The team whose [`super::TeamLoad::last_assignee`] becomes this ticket's
    /// assignee when it replaces `old`: the ticket has a team and an
    /// assignee it did not have together before (created assigned,
    /// assigned to someone else, or moved into the team assigned). Open or
    /// not: the pointer follows assignments, not load.
    pub fn new_assignment(&self, old: Option<&Placement>) -> Option<(TeamId, UserId)> {
        let (team, user) = (self.team?, self.assignee?);
        let had = old.is_some_and(|old| old.team == Some(team) && old.assignee == Some(user));
        (!had).then_some((team, user))
    }
}

/// What a write of a ticket changes in its teams' [`TeamLoad`]s: the one
/// statement of the delta, from the placements before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadChange {
    /// The (team, assignee) whose open count loses this ticket.
    pub leaves: Option<(TeamId, UserId)>,
    /// The (team, assignee) whose open count gains it.
    pub enters: Option<(TeamId, UserId)>,
    /// The (team, assignee) that becomes the team's last assignee.
    pub assigned: Option<(TeamId, UserId)>,
}

impl LoadChange {
    /// The change from `old` (none: a new ticket) to `new`. Most writes
    /// (activity, messages, stage moves within the open ones) change nothing.
    pub fn between(old: Option<&Placement>, new: &Placement) -> Self {
        let (before, after) = (old.and_then(Placement::open_load), new.open_load());
        let moved = before != after;
        Self {
            leaves: before.filter(|_| moved),
            enters: after.filter(|_| moved),
            assigned: new.new_assignment(old),
        }
    }

    /// The teams whose load changes, each once.
    pub fn teams(&self) -> BTreeSet<TeamId> {
        [self.leaves, self.enters, self.assigned]
            .into_iter()
            .flatten()
            .map(|(team, _)| team)
            .collect()
    }

    /// Applies the change to `load`, the load of `team`.
    pub fn apply(&self, team: TeamId, load: &mut TeamLoad) {
        if let Some((_, user)) = self.leaves.filter(|(t, _)| *t == team) {
            if let Some(open) = load.open.get_mut(&user) {
                *open = open.saturating_sub(1);
                if *open == 0 {
                    load.open.remove(&user);
                }
            }
        }
        if let Some((_, user)) = self.enters.filter(|(t, _)| *t == team) {
            *load.open.entry(user).or_insert(0) += 1;
        }
        if let Some((_, user)) = self.assigned.filter(|(t, _)| *t == team) {
            load.last_assignee = Some(user);
        }
    }
}

/// Refuses statuses of another ticket: storing them under `ticket` would
/// lose them from their own ticket's list.
pub fn check_statuses_of(ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
    match statuses.iter().find(|s| s.ticket != ticket) {
        Some(other) => Err(Error::Internal {
            message: format!(
                "put_sla_statuses for ticket {ticket} got a status of ticket {}",
                other.ticket
            ),
        }),
        None => Ok(()),
    }
}

/// The error of a coupon whose code another coupon of its company has
/// (a coupon code is taken once per company): the one wording.
pub fn coupon_code_taken(coupon: &Coupon) -> Error {
    Error::Conflict {
        entity: "coupon",
        reason: format!(
            "the code {:?} is already used by another coupon of company {}",
            coupon.code, coupon.company
        ),
    }
}

/// The order of a listing: how `a` compares with `b` in `sort` (less: `a` comes first).
pub fn listing_order(sort: TicketSort, a: &SortKey, b: &SortKey) -> std::cmp::Ordering {
    match sort {
        TicketSort::Oldest => a.id.cmp(&b.id),
        TicketSort::SlaDeadline => (a.primary, a.id).cmp(&(b.primary, b.id)),
        TicketSort::Newest | TicketSort::Priority | TicketSort::LastActivity => {
            (b.primary, b.id).cmp(&(a.primary, a.id))
        }
    }
}

/// The whole second an outbox claim ends at, as stores keep it (OUT-3):
/// `until` rounded up, so that a claim never ends early.
pub fn claim_end(until: DateTime<Utc>) -> i64 {
    until.timestamp() + i64::from(until.timestamp_subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(team: i64, user: Option<i64>, open: bool) -> Placement {
        Placement {
            team: Some(TeamId(team)),
            assignee: user.map(UserId),
            open,
            active: true,
        }
    }

    /// ASG-5: a team's load counts its open, active, assigned tickets, and
    /// follows each write of one: created, reassigned, closed.
    #[test]
    fn asg_5_a_write_moves_a_ticket_between_open_counts() {
        let mut load = TeamLoad::default();
        let created = placed(1, Some(7), true);
        let change = LoadChange::between(None, &created);
        change.apply(TeamId(1), &mut load);
        assert_eq!(
            (load.open.get(&UserId(7)), load.last_assignee),
            (Some(&1), Some(UserId(7)))
        );
        let moved = placed(1, Some(8), true);
        LoadChange::between(Some(&created), &moved).apply(TeamId(1), &mut load);
        assert_eq!(load.open.into_iter().collect::<Vec<_>>(), [(UserId(8), 1)]);
        let closed = placed(1, Some(8), false);
        let change = LoadChange::between(Some(&moved), &closed);
        assert_eq!(
            (change.leaves, change.enters, change.assigned),
            (Some((TeamId(1), UserId(8))), None, None)
        );
        assert_eq!(
            LoadChange::between(Some(&closed), &closed),
            LoadChange::default()
        );
    }
}
