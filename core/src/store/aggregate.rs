//! Ticket figures summed by the store (RPT-1): the filter of a report, the
//! columns it groups by, and the sums per group, from which the desk
//! makes averages, rates and labels. The memory store computes them here;
//! the SQL stores with one `GROUP BY` (`super::sql`), to the same result.

use crate::ids::{PartnerId, StageId, TagId, TeamId, TicketTypeId, UserId};
use crate::model::{Priority, Ticket};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
fn listed<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
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
    /// The local day of creation (days since 1970-01-01).
    CreatedDay(ZoneOffsets),
    /// The local day of closing; `None` while open.
    ClosedDay(ZoneOffsets),
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

impl TicketAggregate {
    /// Adds one ticket's figures.
    fn add(&mut self, ticket: &Ticket, at: DateTime<Utc>) {
        let created = ticket.created_at.timestamp();
        self.count += 1;
        self.open += u64::from(ticket.is_open());
        self.unassigned += u64::from(ticket.assignee.is_none());
        self.urgent += u64::from(ticket.priority == Priority::Urgent);
        self.sla_failed += u64::from(ticket.sla_failed(at));
        if let Some(assigned) = ticket.assigned_at {
            self.assigned += 1;
            self.seconds_to_assign += assigned.timestamp() - created;
        }
        if let Some(seconds) = ticket.working_seconds_to_assign {
            self.assigned_working += 1;
            self.working_seconds_to_assign += seconds;
        }
        if let Some(closed) = ticket.closed_at {
            self.closed += 1;
            self.seconds_to_close += closed.timestamp() - created;
        }
        if let Some(seconds) = ticket.working_seconds_to_close {
            self.closed_working += 1;
            self.working_seconds_to_close += seconds;
        }
        self.seconds_open += ticket.closed_at.unwrap_or(at).timestamp() - created;
    }
}

impl TicketBucket {
    /// The keys of `ticket` in this column (several for tags).
    fn keys(&self, ticket: &Ticket) -> Vec<Option<i64>> {
        match self {
            TicketBucket::Team => vec![ticket.team.map(|t| t.0)],
            TicketBucket::Stage => vec![Some(ticket.stage.0)],
            TicketBucket::Assignee => vec![ticket.assignee.map(|u| u.0)],
            TicketBucket::Customer => vec![ticket.customer.map(|p| p.0)],
            TicketBucket::Priority => vec![Some(i64::from(ticket.priority.level()))],
            TicketBucket::Type => vec![ticket.ticket_type.map(|t| t.0)],
            TicketBucket::Tag if ticket.tags.is_empty() => vec![None],
            TicketBucket::Tag => {
                let mut tags: Vec<i64> = ticket.tags.iter().map(|t| t.0).collect();
                tags.sort_unstable();
                tags.dedup();
                tags.into_iter().map(Some).collect()
            }
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
    let mut groups: BTreeMap<Vec<Option<i64>>, TicketAggregate> = BTreeMap::new();
    for ticket in tickets {
        let mut combinations: Vec<Vec<Option<i64>>> = vec![Vec::new()];
        for bucket in buckets {
            let keys = bucket.keys(ticket);
            combinations = combinations
                .into_iter()
                .flat_map(|prefix| {
                    keys.iter().map(move |key| {
                        let mut keys = prefix.clone();
                        keys.push(*key);
                        keys
                    })
                })
                .collect();
        }
        for keys in combinations {
            groups
                .entry(keys.clone())
                .or_insert_with(|| TicketAggregate {
                    keys,
                    ..TicketAggregate::default()
                })
                .add(ticket, at);
        }
    }
    groups.into_values().collect()
}
