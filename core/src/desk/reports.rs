//! Reports (RPT): ticket analysis and its cohort view, summed by the store
//! over the tickets the actor may read, with exact figures.

use super::records::load;
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, PartnerId, StageId, TagId, TeamId, TicketTypeId, UserId};
use crate::model::{Company, Priority, UserKind};
use crate::reports::{hours, percent, period_label, period_start, zone_offsets, Hours, Period};
use crate::store::{ReportFilter, TicketAggregate, TicketBucket};
use crate::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most dimensions a report groups by (RPT-1).
pub const MAX_DIMENSIONS: usize = 3;

/// What a report groups tickets by (RPT-1). The period dimensions use the
/// query's `period` and `time_zone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Dimension {
    /// The ticket's team.
    Team,
    /// Its stage.
    Stage,
    /// Its assignee.
    Assignee,
    /// Its customer.
    Customer,
    /// Its priority.
    Priority,
    /// Its type.
    TicketType,
    /// Each of its tags (a ticket with two tags counts in both groups).
    Tag,
    /// The period it was created in.
    Created,
    /// The period it was closed in (open tickets: none).
    Closed,
}

/// Input of [`Helpdesk::ticket_analysis`] (RPT-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketAnalysisQuery {
    /// The company.
    pub company: CompanyId,
    /// Which tickets (its fields beside the others in JSON).
    #[serde(flatten, default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub filter: ReportFilter,
    /// Up to three dimensions; none gives one row, the total.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub group_by: Vec<Dimension>,
    /// The length of the periods of [`Dimension::Created`] and
    /// [`Dimension::Closed`] (default: month).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub period: Option<Period>,
    /// The IANA time zone periods are local to (default: UTC).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_zone: Option<String>,
}

/// One value of a dimension in a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GroupValue {
    /// The id of the team, stage, user, partner, type or tag, or the
    /// priority's level (0 to 3); `None` for none (no team, unassigned,
    /// no tag, not closed …) and for periods.
    pub id: Option<i64>,
    /// Its name; a period as `2026-12-07` (day), `2026-W49` (ISO week),
    /// `2026-12` (month), `2026-Q4` (quarter) or `2026` (year); empty for
    /// none.
    pub label: String,
}

/// The measures of a group of tickets (RPT-1). A duration no ticket of
/// the group has is `None`, not zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketMeasures {
    /// Tickets.
    pub count: u64,
    /// Open tickets.
    pub open: u64,
    /// Tickets without an assignee.
    pub unassigned: u64,
    /// Urgent tickets.
    pub urgent: u64,
    /// Tickets failing an SLA now (SLA-7).
    pub sla_failed: u64,
    /// Plain hours from creation to the (last) assignment.
    pub hours_to_assign: Option<Hours>,
    /// The same in working hours of the team's calendar.
    pub working_hours_to_assign: Option<Hours>,
    /// Plain hours from creation to closing.
    pub hours_to_close: Option<Hours>,
    /// The same in working hours of the team's calendar.
    pub working_hours_to_close: Option<Hours>,
    /// Plain hours from creation to closing, or to now while open.
    pub hours_open: Option<Hours>,
}

/// A row of a report: the group's values, one per dimension, and its
/// measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketReportRow {
    /// One value per dimension of the query, in its order.
    pub group: Vec<GroupValue>,
    /// The group's measures.
    pub measures: TicketMeasures,
}

/// Output of [`Helpdesk::ticket_analysis`]: the rows of the groups that
/// have tickets, ordered by their values (none first, periods in time
/// order), and the total over every ticket counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketReport {
    /// The query's dimensions.
    pub group_by: Vec<Dimension>,
    /// One row per group with tickets.
    pub rows: Vec<TicketReportRow>,
    /// Every ticket the report covers.
    pub total: TicketMeasures,
}

/// Input of [`Helpdesk::ticket_cohort`] (RPT-2).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CohortQuery {
    /// The company.
    pub company: CompanyId,
    /// Which tickets (its fields beside the others in JSON).
    #[serde(flatten, default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub filter: ReportFilter,
    /// The length of the periods (default: month).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub period: Option<Period>,
    /// The IANA time zone periods are local to (default: UTC).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_zone: Option<String>,
}

/// The tickets created in one period, and how many of them were closed by
/// the end of each period since (RPT-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CohortRow {
    /// The period of creation (labelled as in [`GroupValue::label`]).
    pub period: String,
    /// Tickets created in it.
    pub created: u64,
    /// For the period of creation and each one after it up to the current
    /// one: the percentage of those tickets closed by its end (a ticket
    /// reopened since counts as open), two places.
    pub closed_share: Vec<Decimal>,
}

/// Output of [`Helpdesk::ticket_cohort`]: one row per period in which
/// tickets were created, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Cohort {
    /// The periods.
    pub rows: Vec<CohortRow>,
}

impl Work<'_> {
    /// The checks every report makes (RPT-4): an internal user of the
    /// company (or the system), and the zone of its periods.
    fn report_setup(
        &mut self,
        company: CompanyId,
        time_zone: Option<&str>,
    ) -> Result<chrono_tz::Tz> {
        if self.user().is_some_and(|u| u.kind == UserKind::Portal) {
            return Err(Error::forbidden(
                "read a report",
                "portal users get no reports (RPT-4)",
            ));
        }
        let _: Company = self.load_own(company)?;
        match time_zone {
            None => Ok(chrono_tz::UTC),
            Some(zone) => zone.parse().map_err(|_| {
                Error::invalid("time_zone", format!("{zone:?} is not an IANA time zone"))
            }),
        }
    }

    /// The groups the store sums over what the actor may read of
    /// `company`, by `buckets`.
    fn report_groups(
        &mut self,
        company: CompanyId,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketAggregate>> {
        let mut scope = self.scope()?;
        scope.companies = Some(match scope.companies {
            Some(companies) if !companies.contains(&company) => Vec::new(),
            _ => vec![company],
        });
        self.tx.aggregate_tickets(&scope, filter, buckets, self.now)
    }

    /// The label of `id` in `dimension`.
    fn group_label(&mut self, dimension: Dimension, id: i64) -> Result<String> {
        Ok(match dimension {
            Dimension::Team => load(self.tx, TeamId(id))?.name,
            Dimension::Stage => load(self.tx, StageId(id))?.name,
            Dimension::Assignee => load(self.tx, UserId(id))?.name,
            Dimension::Customer => load(self.tx, PartnerId(id))?.name,
            Dimension::TicketType => load(self.tx, TicketTypeId(id))?.name,
            Dimension::Tag => load(self.tx, TagId(id))?.name,
            Dimension::Priority => priority_label(id),
            Dimension::Created | Dimension::Closed => String::new(),
        })
    }
}

/// The English name of a priority level.
fn priority_label(level: i64) -> String {
    match Priority::from_level(level) {
        Some(Priority::Low) => "Low",
        Some(Priority::Medium) => "Medium",
        Some(Priority::High) => "High",
        Some(Priority::Urgent) => "Urgent",
        None => "",
    }
    .to_string()
}

/// The measures of summed tickets.
fn measures(sums: &TicketAggregate) -> TicketMeasures {
    TicketMeasures {
        count: sums.count,
        open: sums.open,
        unassigned: sums.unassigned,
        urgent: sums.urgent,
        sla_failed: sums.sla_failed,
        hours_to_assign: hours(sums.assigned, sums.seconds_to_assign),
        working_hours_to_assign: hours(sums.assigned_working, sums.working_seconds_to_assign),
        hours_to_close: hours(sums.closed, sums.seconds_to_close),
        working_hours_to_close: hours(sums.closed_working, sums.working_seconds_to_close),
        hours_open: hours(sums.count, sums.seconds_open),
    }
}

/// Adds the sums of `other` to `sums` (groups of days merged into a
/// longer period).
fn merge(sums: &mut TicketAggregate, other: &TicketAggregate) {
    sums.count += other.count;
    sums.open += other.open;
    sums.unassigned += other.unassigned;
    sums.urgent += other.urgent;
    sums.sla_failed += other.sla_failed;
    sums.assigned += other.assigned;
    sums.seconds_to_assign += other.seconds_to_assign;
    sums.assigned_working += other.assigned_working;
    sums.working_seconds_to_assign += other.working_seconds_to_assign;
    sums.closed += other.closed;
    sums.seconds_to_close += other.seconds_to_close;
    sums.closed_working += other.closed_working;
    sums.working_seconds_to_close += other.working_seconds_to_close;
    sums.seconds_open += other.seconds_open;
}

/// The groups of days in `groups` rolled up into `period`s, where the
/// keys of `dimensions` are days (day numbers become the day number of
/// the period's first day), ordered by key.
fn roll_up(
    groups: Vec<TicketAggregate>,
    dimensions: &[Dimension],
    period: Period,
) -> Vec<TicketAggregate> {
    let mut rolled: BTreeMap<Vec<Option<i64>>, TicketAggregate> = BTreeMap::new();
    for group in groups {
        let keys: Vec<Option<i64>> = group
            .keys
            .iter()
            .zip(dimensions)
            .map(|(key, dimension)| match dimension {
                Dimension::Created | Dimension::Closed => key.map(|day| period_start(period, day)),
                _ => *key,
            })
            .collect();
        match rolled.get_mut(&keys) {
            Some(sums) => merge(sums, &group),
            None => {
                rolled.insert(keys.clone(), TicketAggregate { keys, ..group });
            }
        }
    }
    rolled.into_values().collect()
}

impl Helpdesk {
    /// RPT-1: ticket analysis — the tickets of `query.company` the actor
    /// may read (RPT-4; portal users get none) that pass the filter,
    /// grouped by up to three dimensions, with their counts and durations.
    /// The store sums them (one `GROUP BY` on SQLite and PostgreSQL); the
    /// working hours are those stored on each ticket when it was assigned
    /// or closed (tickets assigned or closed before they were stored have
    /// none).
    pub fn ticket_analysis(
        &self,
        actor: Actor,
        query: TicketAnalysisQuery,
    ) -> Result<TicketReport> {
        if query.group_by.len() > MAX_DIMENSIONS {
            return Err(Error::invalid(
                "group_by",
                format!("a report groups by at most {MAX_DIMENSIONS} dimensions"),
            ));
        }
        if let Some(twice) = query
            .group_by
            .iter()
            .enumerate()
            .find(|(n, d)| query.group_by[..*n].contains(d))
        {
            return Err(Error::invalid(
                "group_by",
                format!("{:?} is given twice", twice.1),
            ));
        }
        let period = query.period.unwrap_or(Period::Month);
        self.read(actor, |w| {
            let zone = w.report_setup(query.company, query.time_zone.as_deref())?;
            let offsets = zone_offsets(zone);
            let buckets: Vec<TicketBucket> = query
                .group_by
                .iter()
                .map(|dimension| match dimension {
                    Dimension::Team => TicketBucket::Team,
                    Dimension::Stage => TicketBucket::Stage,
                    Dimension::Assignee => TicketBucket::Assignee,
                    Dimension::Customer => TicketBucket::Customer,
                    Dimension::Priority => TicketBucket::Priority,
                    Dimension::TicketType => TicketBucket::Type,
                    Dimension::Tag => TicketBucket::Tag,
                    Dimension::Created => TicketBucket::CreatedDay((*offsets).clone()),
                    Dimension::Closed => TicketBucket::ClosedDay((*offsets).clone()),
                })
                .collect();
            let groups = w.report_groups(query.company, &query.filter, &buckets)?;
            let groups = roll_up(groups, &query.group_by, period);
            // A ticket is in one group but with tags (one per tag): the
            // total is the groups' sum, or asked of the store.
            let total = if query.group_by.contains(&Dimension::Tag) {
                w.report_groups(query.company, &query.filter, &[])?
                    .first()
                    .cloned()
                    .unwrap_or_default()
            } else {
                let mut total = TicketAggregate::default();
                groups.iter().for_each(|group| merge(&mut total, group));
                total
            };
            let total = measures(&total);
            let mut labels: BTreeMap<(Dimension, i64), String> = BTreeMap::new();
            let mut rows = Vec::with_capacity(groups.len());
            for group in &groups {
                let mut values = Vec::with_capacity(group.keys.len());
                for (key, dimension) in group.keys.iter().zip(&query.group_by) {
                    let value = match (key, dimension) {
                        (None, _) => GroupValue {
                            id: None,
                            label: String::new(),
                        },
                        (Some(day), Dimension::Created | Dimension::Closed) => GroupValue {
                            id: None,
                            label: period_label(period, *day),
                        },
                        (Some(id), dimension) => {
                            let label = match labels.get(&(*dimension, *id)) {
                                Some(label) => label.clone(),
                                None => {
                                    let label = w.group_label(*dimension, *id)?;
                                    labels.insert((*dimension, *id), label.clone());
                                    label
                                }
                            };
                            GroupValue {
                                id: Some(*id),
                                label,
                            }
                        }
                    };
                    values.push(value);
                }
                rows.push(TicketReportRow {
                    group: values,
                    measures: measures(group),
                });
            }
            Ok(TicketReport {
                group_by: query.group_by.clone(),
                rows,
                total,
            })
        })
    }

    /// RPT-2: the cohort view — per period of creation, the tickets created
    /// and, for that period and each one after it up to the current one,
    /// the percentage of them closed by its end. Same access as
    /// [`Helpdesk::ticket_analysis`].
    pub fn ticket_cohort(&self, actor: Actor, query: CohortQuery) -> Result<Cohort> {
        let period = query.period.unwrap_or(Period::Month);
        self.read(actor, |w| {
            let zone = w.report_setup(query.company, query.time_zone.as_deref())?;
            let offsets = zone_offsets(zone);
            let buckets = [
                TicketBucket::CreatedDay((*offsets).clone()),
                TicketBucket::ClosedDay((*offsets).clone()),
            ];
            let groups = w.report_groups(query.company, &query.filter, &buckets)?;
            let dimensions = [Dimension::Created, Dimension::Closed];
            let now = period_start(period, offsets.day(w.now.timestamp()));
            // Per period of creation: tickets, and closed per period of closing.
            let mut cohorts: BTreeMap<i64, (u64, BTreeMap<i64, u64>)> = BTreeMap::new();
            for group in roll_up(groups, &dimensions, period) {
                let (Some(created), closed) = (group.keys[0], group.keys[1]) else {
                    continue;
                };
                let cohort = cohorts.entry(created).or_default();
                cohort.0 += group.count;
                if let Some(closed) = closed {
                    *cohort.1.entry(closed).or_default() += group.count;
                }
            }
            let rows = cohorts
                .into_iter()
                .map(|(created, (count, closed))| {
                    let mut starts = vec![created];
                    while let Some(last) = starts.last().copied().filter(|last| *last < now) {
                        starts.push(crate::reports::next_period(period, last));
                    }
                    let closed_share = starts
                        .iter()
                        .map(|start| {
                            let by_end: u64 = closed.range(..=*start).map(|(_, n)| n).sum();
                            percent(by_end, count).unwrap_or(Decimal::ZERO)
                        })
                        .collect();
                    CohortRow {
                        period: period_label(period, created),
                        created: count,
                        closed_share,
                    }
                })
                .collect();
            Ok(Cohort { rows })
        })
    }
}
