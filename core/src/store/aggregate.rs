//! Ticket figures summed by the store (RPT-1): the filter of a report, the
//! columns it groups by, and the sums per group, from which the desk
//! makes averages, rates and labels. The memory store computes them here;
//! the SQL stores with one `GROUP BY` (`super::sql`), to the same result.

use crate::ids::{PartnerId, StageId, TagId, TeamId, TicketTypeId, UserId};
use crate::model::{Priority, Ticket};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which tickets a report covers, besides what the actor may read; every
/// field narrows, an empty list or `None` does not. A list keeps the
/// tickets that have one of its values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportFilter {
    /// Tickets of these teams.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub teams: Vec<TeamId>,
    /// Tickets in these stages.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub stages: Vec<StageId>,
    /// Tickets assigned to these users.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assignees: Vec<UserId>,
    /// Tickets of these customers.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customers: Vec<PartnerId>,
    /// Tickets of these priorities.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub priorities: Vec<Priority>,
    /// Tickets of these types.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ticket_types: Vec<TicketTypeId>,
    /// Tickets with at least one of these tags.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Vec<TagId>,
    /// Only open (`true`) or only closed (`false`) tickets.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub open: Option<bool>,
    /// Tickets created at or after this instant.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub created_from: Option<DateTime<Utc>>,
    /// Tickets created before this instant.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub created_to: Option<DateTime<Utc>>,
    /// Tickets closed at or after this instant.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub closed_from: Option<DateTime<Utc>>,
    /// Tickets closed before this instant.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub closed_to: Option<DateTime<Utc>>,
}

impl ReportFilter {
    /// Whether `ticket` passes the filter (archived tickets never do).
    /// Instants compare to the second, as the SQL stores keep them.
    pub fn matches(&self, ticket: &Ticket) -> bool {
        ticket.active
            && listed(&self.teams, ticket.team)
            && listed(&self.stages, Some(ticket.stage))
            && listed(&self.assignees, ticket.assignee)
            && listed(&self.customers, ticket.customer)
            && listed(&self.priorities, Some(ticket.priority))
            && listed(&self.ticket_types, ticket.ticket_type)
            && (self.tags.is_empty() || ticket.tags.iter().any(|t| self.tags.contains(t)))
            && self.open.is_none_or(|open| ticket.is_open() == open)
            && within(Some(ticket.created_at), self.created_from, self.created_to)
            && within(ticket.closed_at, self.closed_from, self.closed_to)
    }
}

/// Whether `value` is in `list`, or the list is empty.
pub(crate) fn listed<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.contains(&v))
}

/// Whether `at` is in `[from, to)` to the second; without bounds, whether
/// or not there is an instant.
fn within(
    at: Option<DateTime<Utc>>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> bool {
    (from.is_none() && to.is_none())
        || at.is_some_and(|at| {
            from.is_none_or(|f| at.timestamp() >= f.timestamp())
                && to.is_none_or(|t| at.timestamp() < t.timestamp())
        })
}

/// A time zone's offsets from UTC as steps: `(from, offset)` pairs, in
/// seconds, by increasing `from`; the first applies from the beginning of
/// time. A report's periods are local days made with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneOffsets(pub Vec<(i64, i64)>);

impl ZoneOffsets {
    /// The offset at the UTC second `at`.
    pub fn at(&self, at: i64) -> i64 {
        let after = self.0.partition_point(|(from, _)| *from <= at);
        self.0[after.saturating_sub(1)].1
    }

    /// The local day (days since 1970-01-01) of the UTC second `at`.
    pub fn day(&self, at: i64) -> i64 {
        (at + self.at(at)).div_euclid(86_400)
    }
}

/// A column a store groups tickets by. Each gives an integer key, `None`
/// where the ticket has no value (no team, unassigned, no tag …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketBucket {
    /// The ticket's own id: a group per ticket, for reports on what hangs
    /// from tickets (SLA statuses, ratings) to learn which tickets count
    /// and their other keys.
    Ticket,
    /// The team id.
    Team,
    /// The stage id.
    Stage,
    /// The assignee's user id.
    Assignee,
    /// The customer's partner id.
    Customer,
    /// The priority level (0 to 3).
    Priority,
    /// The ticket type id.
    Type,
    /// A tag id: a ticket counts once per tag (once, with `None`, when it
    /// has none).
    Tag,
    /// The instant of creation, in seconds since 1970 (UTC).
    CreatedAt,
    /// The local day of creation (days since 1970-01-01).
    CreatedDay(ZoneOffsets),
    /// The local day of closing; `None` while open.
    ClosedDay(ZoneOffsets),
}

/// A ticket a report counts, with its keys in the report's buckets: one
/// list of choices per bucket (several for tags, one otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketKeys {
    /// The ticket.
    pub ticket: crate::ids::TicketId,
    /// Per bucket, its keys.
    pub keys: Vec<Vec<Option<i64>>>,
}

impl TicketKeys {
    /// The keys of `ticket` in `buckets`.
    pub fn of(ticket: &Ticket, buckets: &[TicketBucket]) -> Self {
        Self {
            ticket: ticket.id,
            keys: buckets.iter().map(|b| b.keys(ticket)).collect(),
        }
    }
}

/// The sums of one group of tickets. Durations are in whole seconds (each
/// instant taken to the second); the working ones are those stored on the
/// tickets (see [`Ticket::working_seconds_to_assign`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketAggregate {
    /// The group's keys, one per bucket, in the buckets' order.
    pub keys: Vec<Option<i64>>,
    /// Tickets.
    pub count: u64,
    /// Open tickets.
    pub open: u64,
    /// Tickets without an assignee.
    pub unassigned: u64,
    /// Urgent tickets.
    pub urgent: u64,
    /// Tickets failing an SLA at the report's instant (SLA-7).
    pub sla_failed: u64,
    /// Assigned tickets, and their seconds from creation to assignment.
    pub assigned: u64,
    /// See [`TicketAggregate::assigned`].
    pub seconds_to_assign: i64,
    /// Tickets with working seconds to assignment, and their sum.
    pub assigned_working: u64,
    /// See [`TicketAggregate::assigned_working`].
    pub working_seconds_to_assign: i64,
    /// Closed tickets, and their seconds from creation to closing.
    pub closed: u64,
    /// See [`TicketAggregate::closed`].
    pub seconds_to_close: i64,
    /// Tickets with working seconds to closing, and their sum.
    pub closed_working: u64,
    /// See [`TicketAggregate::closed_working`].
    pub working_seconds_to_close: i64,
    /// Seconds from creation to closing, or to the report's instant for
    /// open tickets, summed over every ticket.
    pub seconds_open: i64,
}

/// What a report sums of one ticket, as the SQL stores keep it in
/// columns: instants in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFacts {
    /// Open (not folded).
    pub open: bool,
    /// Without an assignee.
    pub unassigned: bool,
    /// Urgent.
    pub urgent: bool,
    /// Failing an SLA at the report's instant.
    pub sla_failed: bool,
    /// Created, assigned and closed at.
    pub created_at: i64,
    /// See [`TicketFacts::created_at`].
    pub assigned_at: Option<i64>,
    /// See [`TicketFacts::created_at`].
    pub closed_at: Option<i64>,
    /// The working seconds to assignment and to closing.
    pub working_to_assign: Option<i64>,
    /// See [`TicketFacts::working_to_assign`].
    pub working_to_close: Option<i64>,
}

impl TicketFacts {
    /// The facts of `ticket` at `at`.
    pub fn of(ticket: &Ticket, at: DateTime<Utc>) -> Self {
        Self {
            open: ticket.is_open(),
            unassigned: ticket.assignee.is_none(),
            urgent: ticket.priority == Priority::Urgent,
            sla_failed: ticket.sla_failed(at),
            created_at: ticket.created_at.timestamp(),
            assigned_at: ticket.assigned_at.map(|a| a.timestamp()),
            closed_at: ticket.closed_at.map(|c| c.timestamp()),
            working_to_assign: ticket.working_seconds_to_assign,
            working_to_close: ticket.working_seconds_to_close,
        }
    }
}

impl TicketAggregate {
    /// Adds one ticket's figures, at the instant of second `at`.
    pub fn add(&mut self, facts: &TicketFacts, at: i64) {
        let created = facts.created_at;
        self.count += 1;
        self.open += u64::from(facts.open);
        self.unassigned += u64::from(facts.unassigned);
        self.urgent += u64::from(facts.urgent);
        self.sla_failed += u64::from(facts.sla_failed);
        if let Some(assigned) = facts.assigned_at {
            self.assigned += 1;
            self.seconds_to_assign += assigned - created;
        }
        if let Some(seconds) = facts.working_to_assign {
            self.assigned_working += 1;
            self.working_seconds_to_assign += seconds;
        }
        if let Some(closed) = facts.closed_at {
            self.closed += 1;
            self.seconds_to_close += closed - created;
        }
        if let Some(seconds) = facts.working_to_close {
            self.closed_working += 1;
            self.working_seconds_to_close += seconds;
        }
        self.seconds_open += facts.closed_at.unwrap_or(at) - created;
    }

    /// Adds the sums of `other` (groups merged into a coarser one, such
    /// as days into a month); the keys stay `self`'s.
    pub fn merge(&mut self, other: &TicketAggregate) {
        self.count += other.count;
        self.open += other.open;
        self.unassigned += other.unassigned;
        self.urgent += other.urgent;
        self.sla_failed += other.sla_failed;
        self.assigned += other.assigned;
        self.seconds_to_assign += other.seconds_to_assign;
        self.assigned_working += other.assigned_working;
        self.working_seconds_to_assign += other.working_seconds_to_assign;
        self.closed += other.closed;
        self.seconds_to_close += other.seconds_to_close;
        self.closed_working += other.closed_working;
        self.working_seconds_to_close += other.working_seconds_to_close;
        self.seconds_open += other.seconds_open;
    }
}

/// Groups being summed: each combination of keys with its sums.
#[derive(Debug, Default)]
pub struct Groups {
    groups: HashMap<Vec<Option<i64>>, TicketAggregate>,
    /// The combination being added (reused: adding a row to a group that
    /// exists allocates nothing).
    scratch: Vec<Option<i64>>,
}

impl Groups {
    /// Adds a ticket's `facts` to every group of `keys` (one key list per
    /// bucket: several for tags).
    pub fn add(&mut self, keys: &[Vec<Option<i64>>], facts: &TicketFacts, at: i64) {
        self.scratch.clear();
        self.add_from(keys, facts, at);
    }

    fn add_from(&mut self, keys: &[Vec<Option<i64>>], facts: &TicketFacts, at: i64) {
        let depth = self.scratch.len();
        let Some(choices) = keys.get(depth) else {
            match self.groups.get_mut(self.scratch.as_slice()) {
                Some(group) => group.add(facts, at),
                None => {
                    let mut group = TicketAggregate {
                        keys: self.scratch.clone(),
                        ..TicketAggregate::default()
                    };
                    group.add(facts, at);
                    self.groups.insert(self.scratch.clone(), group);
                }
            }
            return;
        };
        for key in choices {
            self.scratch.truncate(depth);
            self.scratch.push(*key);
            self.add_from(keys, facts, at);
        }
    }

    /// The groups, ordered by their keys (`None` first).
    pub fn into_sorted(self) -> Vec<TicketAggregate> {
        let mut groups: Vec<TicketAggregate> = self.groups.into_values().collect();
        groups.sort_by(|a, b| a.keys.cmp(&b.keys));
        groups
    }
}

impl TicketBucket {
    /// The keys of `ticket` in this column (several for tags).
    fn keys(&self, ticket: &Ticket) -> Vec<Option<i64>> {
        match self {
            TicketBucket::Ticket => vec![Some(ticket.id.0)],
            TicketBucket::Team => vec![ticket.team.map(|t| t.0)],
            TicketBucket::Stage => vec![Some(ticket.stage.0)],
            TicketBucket::Assignee => vec![ticket.assignee.map(|u| u.0)],
            TicketBucket::Customer => vec![ticket.customer.map(|p| p.0)],
            TicketBucket::Priority => vec![Some(i64::from(ticket.priority.level()))],
            TicketBucket::Type => vec![ticket.ticket_type.map(|t| t.0)],
            TicketBucket::Tag if ticket.tags.is_empty() => vec![None],
            TicketBucket::Tag => ticket.tags.iter().map(|t| Some(t.0)).collect(),
            TicketBucket::CreatedAt => vec![Some(ticket.created_at.timestamp())],
            TicketBucket::CreatedDay(zone) => vec![Some(zone.day(ticket.created_at.timestamp()))],
            TicketBucket::ClosedDay(zone) => {
                vec![ticket.closed_at.map(|at| zone.day(at.timestamp()))]
            }
        }
    }
}

/// The groups of `tickets` by `buckets`, ordered by their keys (`None`
/// first), as every store gives them.
pub fn aggregate<'a>(
    tickets: impl IntoIterator<Item = &'a Ticket>,
    buckets: &[TicketBucket],
    at: DateTime<Utc>,
) -> Vec<TicketAggregate> {
    let mut groups = Groups::default();
    for ticket in tickets {
        let keys: Vec<Vec<Option<i64>>> = buckets.iter().map(|b| b.keys(ticket)).collect();
        groups.add(&keys, &TicketFacts::of(ticket, at), at.timestamp());
    }
    groups.into_sorted()
}
