//! SLA status analysis (RPT-1): the SLA statuses of the tickets the actor
//! reads, grouped by up to three dimensions (the ticket's, the policy and
//! where the status stands), with the SLA-8 figures per group.

use super::reports::{check_group_by, report_csv, sla_state_key, unit_keys, GroupValue, Labels};
use super::{Dimension, Helpdesk};
use crate::access::Actor;
use crate::ids::{CompanyId, SlaPolicyId};
use crate::model::SlaState;
use crate::reports::{hours, zone_offsets, Hours, Period};
use crate::sla::{figures_of, EvaluatedStatus};
use crate::store::{ReportFilter, SlaStatusQuery};
use crate::Result;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Input of [`Helpdesk::sla_status_analysis`] (RPT-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaStatusAnalysisQuery {
    /// The company.
    pub company: CompanyId,
    /// Which tickets' statuses (its fields beside the others in JSON).
    #[serde(flatten, default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub filter: ReportFilter,
    /// Only the statuses of these policies (empty: every policy).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policies: Vec<SlaPolicyId>,
    /// Only the statuses standing so now (empty: every state).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<SlaState>,
    /// Up to three dimensions of tickets, or [`Dimension::SlaPolicy`] and
    /// [`Dimension::SlaStatus`]; none gives one row, the total.
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

/// The measures of a group of SLA statuses (RPT-1, SLA-8): a status is
/// one policy applied to one ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaStatusMeasures {
    /// Statuses.
    pub statuses: u64,
    /// Statuses not reached, whose deadline is unknown or ahead.
    pub ongoing: u64,
    /// Statuses reached before their deadline.
    pub reached: u64,
    /// Statuses reached late, or not reached with their deadline past.
    pub failed: u64,
    /// The tickets of the statuses.
    pub tickets: u64,
    /// Those of them with a failed status in the group.
    pub failed_tickets: u64,
    /// The percentage of the tickets with no failed status, two places
    /// (as the SLA report's, SLA-8).
    pub success_rate: Option<Decimal>,
    /// The working hours from the deadline to reaching the target (or to
    /// now), over the statuses with a known deadline (here `tickets`
    /// counts statuses): negative when early, positive when late.
    pub exceeded_hours: Option<Hours>,
}

/// A row of the SLA status analysis: the group's values, one per
/// dimension, and its measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaStatusReportRow {
    /// One value per dimension of the query, in its order; a status's
    /// state has the id 0 (ongoing), 1 (reached) or 2 (failed).
    pub group: Vec<GroupValue>,
    /// The group's measures.
    pub measures: SlaStatusMeasures,
}

/// Output of [`Helpdesk::sla_status_analysis`]: the rows of the groups
/// that have statuses, ordered by their values (none first, periods in
/// time order), and the total over every status counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaStatusReport {
    /// The query's dimensions.
    pub group_by: Vec<Dimension>,
    /// One row per group with statuses.
    pub rows: Vec<SlaStatusReportRow>,
    /// Every status the report covers.
    pub total: SlaStatusMeasures,
}

/// The measures of `statuses`.
fn measures<'a>(statuses: impl Iterator<Item = &'a EvaluatedStatus> + Clone) -> SlaStatusMeasures {
    let figures = figures_of(statuses.clone());
    let (mut count, mut states, mut measured, mut exceeded) = (0, [0u64; 3], 0u64, 0i64);
    for status in statuses {
        count += 1;
        states[usize::try_from(sla_state_key(status.state)).unwrap_or(0)] += 1;
        if let Some(seconds) = status.exceeded {
            measured += 1;
            exceeded += seconds.num_seconds();
        }
    }
    SlaStatusMeasures {
        statuses: count,
        ongoing: states[0],
        reached: states[1],
        failed: states[2],
        tickets: figures.tickets,
        failed_tickets: figures.failed,
        success_rate: figures.success_rate,
        exceeded_hours: hours(measured, exceeded),
    }
}

impl SlaStatusMeasures {
    /// The measures' CSV columns.
    fn csv_columns() -> Vec<String> {
        let mut columns: Vec<String> = [
            "statuses",
            "ongoing",
            "reached",
            "failed",
            "tickets",
            "failed_tickets",
            "success_rate",
        ]
        .map(String::from)
        .into();
        columns.extend(super::reports::hours_columns("exceeded_hours"));
        columns
    }

    /// The measures' CSV cells, in [`SlaStatusMeasures::csv_columns`] order.
    fn csv_cells(&self) -> Vec<String> {
        let mut cells: Vec<String> = [
            self.statuses,
            self.ongoing,
            self.reached,
            self.failed,
            self.tickets,
            self.failed_tickets,
        ]
        .map(|n| n.to_string())
        .into();
        cells.push(super::reports::cell(self.success_rate));
        cells.extend(super::reports::hours_cells(self.exceeded_hours.as_ref()));
        cells
    }
}

impl SlaStatusReport {
    /// The rows as CSV, as [`TicketReport::to_csv`](super::TicketReport::to_csv)
    /// writes them, with this report's measures (`statuses`, …,
    /// `success_rate`, `exceeded_hours_tickets`, …).
    pub fn to_csv(&self) -> String {
        report_csv(
            &self.group_by,
            &SlaStatusMeasures::csv_columns(),
            self.rows
                .iter()
                .map(|row| (row.group.as_slice(), row.measures.csv_cells())),
        )
    }
}

impl Helpdesk {
    /// RPT-1: SLA status analysis — the SLA statuses of the tickets of
    /// `query.company` the actor may read (RPT-4; portal users get none)
    /// that pass the filter, as they stand now (SLA-6, in each team's
    /// working time), grouped by up to three dimensions: the ticket's, the
    /// policy, the state. Reads the company's statuses and the rows of its
    /// tickets the filter keeps, nothing of other companies.
    pub fn sla_status_analysis(
        &self,
        actor: Actor,
        query: SlaStatusAnalysisQuery,
    ) -> Result<SlaStatusReport> {
        check_group_by(&query.group_by, "SLA status analysis", |d| {
            d != Dimension::Rated
        })?;
        let period = query.period.unwrap_or(Period::Month);
        self.read(actor, |w| {
            let zone = w.report_setup(query.company, query.time_zone.as_deref())?;
            let offsets = zone_offsets(zone);
            let tickets = w.ticket_keys(
                query.company,
                &query.filter,
                &query.group_by,
                &offsets,
                period,
            )?;
            // The store narrows by creation and by a single team.
            let mut statuses = w.tx.find_sla_statuses(&SlaStatusQuery {
                company: query.company,
                team: match query.filter.teams.as_slice() {
                    [team] => Some(*team),
                    _ => None,
                },
                created_from: query.filter.created_from,
                created_to: query.filter.created_to,
            })?;
            statuses.retain(|s| {
                tickets.contains_key(&s.ticket)
                    && (query.policies.is_empty() || query.policies.contains(&s.policy))
            });
            let mut evaluated = w.evaluate_statuses(&statuses)?;
            evaluated.retain(|s| query.states.is_empty() || query.states.contains(&s.state));
            let mut groups: BTreeMap<Vec<Option<i64>>, Vec<usize>> = BTreeMap::new();
            for (n, status) in evaluated.iter().enumerate() {
                let own = |d: Dimension| match d {
                    Dimension::SlaPolicy => Some(Some(status.policy.0)),
                    Dimension::SlaStatus => Some(Some(sla_state_key(status.state))),
                    _ => None,
                };
                let of_ticket = tickets.get(&status.ticket).map_or(&[][..], Vec::as_slice);
                for keys in unit_keys(&query.group_by, of_ticket, own) {
                    groups.entry(keys).or_default().push(n);
                }
            }
            let mut labels = Labels::default();
            let mut rows = Vec::with_capacity(groups.len());
            for (keys, members) in &groups {
                rows.push(SlaStatusReportRow {
                    group: w.group_values(keys, &query.group_by, period, &mut labels)?,
                    measures: measures(members.iter().map(|n| &evaluated[*n])),
                });
            }
            Ok(SlaStatusReport {
                group_by: query.group_by.clone(),
                rows,
                total: measures(evaluated.iter()),
            })
        })
    }

    /// RPT-1: [`Helpdesk::sla_status_analysis`] as CSV
    /// ([`SlaStatusReport::to_csv`]).
    pub fn sla_status_analysis_csv(
        &self,
        actor: Actor,
        query: SlaStatusAnalysisQuery,
    ) -> Result<String> {
        Ok(self.sla_status_analysis(actor, query)?.to_csv())
    }
}
