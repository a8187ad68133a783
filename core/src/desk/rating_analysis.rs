//! Ratings analysis (RPT-1): the customers' ratings of the tickets the
//! actor reads, grouped by up to three dimensions (the rating's team,
//! agent, customer and period, the ticket's others), with the average
//! and the share satisfied (RAT-1) per group.

use super::ratings::RatingRecord;
use super::records::Records;
use super::reports::{
    average_rating, cell, check_group_by, report_csv, unit_keys, GroupValue, Labels,
};
use super::{Dimension, Helpdesk};
use crate::access::Actor;
use crate::ids::CompanyId;
use crate::model::{satisfaction, Rating};
use crate::reports::{period_start, zone_offsets, Period};
use crate::store::aggregate::listed;
use crate::store::ReportFilter;
use crate::Result;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Input of [`Helpdesk::rating_analysis`] (RPT-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RatingAnalysisQuery {
    /// The company.
    pub company: CompanyId,
    /// Which ratings (its fields beside the others in JSON): `teams`,
    /// `assignees` and `customers` select the rating's own team, agent
    /// and customer (as they were when it was asked for); the other
    /// fields select by its ticket.
    #[serde(flatten, default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub filter: ReportFilter,
    /// Ratings given at or after this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rated_from: Option<DateTime<Utc>>,
    /// Ratings given before this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rated_to: Option<DateTime<Utc>>,
    /// Only published (`true`) or only hidden (`false`) ratings.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub published: Option<bool>,
    /// Up to three dimensions: the rating's team, assignee (the agent
    /// rated), customer and [`Dimension::Rated`] period, or its ticket's
    /// others; none gives one row, the total.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub group_by: Vec<Dimension>,
    /// The length of the periods (default: month).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub period: Option<Period>,
    /// The IANA time zone periods are local to (default: UTC).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_zone: Option<String>,
}

/// The measures of a group of ratings (RPT-1, RAT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RatingMeasures {
    /// Ratings.
    pub ratings: u64,
    /// Ratings of 1 (unhappy).
    pub unhappy: u64,
    /// Ratings of 3 (okay).
    pub okay: u64,
    /// Ratings of 5 (happy).
    pub happy: u64,
    /// Their average (1 to 5), two places.
    pub average_rating: Option<Decimal>,
    /// The percentage of them satisfied (4 or more), two places.
    pub satisfied_share: Option<Decimal>,
}

/// A row of the ratings analysis: the group's values, one per dimension,
/// and its measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RatingReportRow {
    /// One value per dimension of the query, in its order.
    pub group: Vec<GroupValue>,
    /// The group's measures.
    pub measures: RatingMeasures,
}

/// Output of [`Helpdesk::rating_analysis`]: the rows of the groups that
/// have ratings, ordered by their values (none first, periods in time
/// order), and the total over every rating counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RatingReport {
    /// The query's dimensions.
    pub group_by: Vec<Dimension>,
    /// One row per group with ratings.
    pub rows: Vec<RatingReportRow>,
    /// Every rating the report covers.
    pub total: RatingMeasures,
}

/// The measures of the rating `values`.
fn measures(values: &[u32]) -> RatingMeasures {
    let count = |value: u32| values.iter().filter(|v| **v == value).count() as u64;
    RatingMeasures {
        ratings: values.len() as u64,
        unhappy: count(1),
        okay: count(3),
        happy: count(5),
        average_rating: average_rating(values),
        satisfied_share: satisfaction(values.iter().copied()),
    }
}

impl RatingMeasures {
    /// The measures' CSV columns.
    fn csv_columns() -> Vec<String> {
        [
            "ratings",
            "unhappy",
            "okay",
            "happy",
            "average_rating",
            "satisfied_share",
        ]
        .map(String::from)
        .into()
    }

    /// The measures' CSV cells, in [`RatingMeasures::csv_columns`] order.
    fn csv_cells(&self) -> Vec<String> {
        let mut cells: Vec<String> = [self.ratings, self.unhappy, self.okay, self.happy]
            .map(|n| n.to_string())
            .into();
        cells.push(cell(self.average_rating));
        cells.push(cell(self.satisfied_share));
        cells
    }
}

impl RatingReport {
    /// The rows as CSV, as [`TicketReport::to_csv`](super::TicketReport::to_csv)
    /// writes them, with this report's measures (`ratings`, …,
    /// `satisfied_share`).
    pub fn to_csv(&self) -> String {
        report_csv(
            &self.group_by,
            &RatingMeasures::csv_columns(),
            self.rows
                .iter()
                .map(|row| (row.group.as_slice(), row.measures.csv_cells())),
        )
    }
}

impl Helpdesk {
    /// RPT-1: ratings analysis — the customers' answers to rating
    /// requests (RAT-1) on the tickets of `query.company` the actor may
    /// read (RPT-4; portal users get none), hidden ones included unless
    /// `published` says otherwise, grouped by up to three dimensions.
    /// Team, assignee and customer are the rating's own (as when it was
    /// asked for); the others its ticket's. Reads the company's ratings
    /// and the rows of its tickets the filter keeps.
    pub fn rating_analysis(
        &self,
        actor: Actor,
        query: RatingAnalysisQuery,
    ) -> Result<RatingReport> {
        check_group_by(&query.group_by, "ratings analysis", |d| {
            !matches!(d, Dimension::SlaPolicy | Dimension::SlaStatus)
        })?;
        let period = query.period.unwrap_or(Period::Month);
        self.read(actor, |w| {
            let zone = w.report_setup(query.company, query.time_zone.as_deref())?;
            let offsets = zone_offsets(zone);
            // The rating's own dimensions are not asked of its ticket.
            let own = |d: &Dimension| {
                matches!(
                    d,
                    Dimension::Team | Dimension::Assignee | Dimension::Customer | Dimension::Rated
                )
            };
            let ticket_dimensions: Vec<Dimension> =
                query.group_by.iter().copied().filter(|d| !own(d)).collect();
            let ticket_filter = ReportFilter {
                teams: Vec::new(),
                assignees: Vec::new(),
                customers: Vec::new(),
                ..query.filter.clone()
            };
            let tickets = w.ticket_keys(
                query.company,
                &ticket_filter,
                &ticket_dimensions,
                &offsets,
                period,
            )?;
            let f = &query.filter;
            // From a first instant, only the months since are read (per
            // team, by the key of their month); else the company's ratings.
            let given: Vec<Rating> = match query.rated_from {
                Some(from) => {
                    let until = query.rated_to.map_or(w.now, |to| to.min(w.now));
                    w.company_ratings_given(query.company, &f.teams, from, until)?
                        .iter()
                        .filter_map(RatingRecord::view)
                        .collect()
                }
                None => {
                    w.tx.in_company::<RatingRecord>(query.company)?
                        .iter()
                        .filter_map(RatingRecord::view)
                        .collect()
                }
            };
            let ratings: Vec<Rating> = given
                .into_iter()
                .filter(|r| {
                    tickets.contains_key(&r.ticket)
                        && listed(&f.teams, Some(r.team))
                        && listed(&f.assignees, r.assignee)
                        && listed(&f.customers, Some(r.customer))
                        && query.published.is_none_or(|p| r.published == p)
                        && query.rated_from.is_none_or(|from| r.rated_at >= from)
                        && query.rated_to.is_none_or(|to| r.rated_at < to)
                })
                .collect();
            let mut groups: BTreeMap<Vec<Option<i64>>, Vec<u32>> = BTreeMap::new();
            for rating in &ratings {
                let own = |d: Dimension| match d {
                    Dimension::Team => Some(Some(rating.team.0)),
                    Dimension::Assignee => Some(rating.assignee.map(|u| u.0)),
                    Dimension::Customer => Some(Some(rating.customer.0)),
                    Dimension::Rated => Some(Some(period_start(
                        period,
                        offsets.day(rating.rated_at.timestamp()),
                    ))),
                    _ => None,
                };
                let of_ticket = tickets.get(&rating.ticket).map_or(&[][..], Vec::as_slice);
                for keys in unit_keys(&query.group_by, of_ticket, own) {
                    groups.entry(keys).or_default().push(rating.rating);
                }
            }
            let mut labels = Labels::default();
            let mut rows = Vec::with_capacity(groups.len());
            for (keys, values) in &groups {
                rows.push(RatingReportRow {
                    group: w.group_values(keys, &query.group_by, period, &mut labels)?,
                    measures: measures(values),
                });
            }
            let all: Vec<u32> = ratings.iter().map(|r| r.rating).collect();
            Ok(RatingReport {
                group_by: query.group_by.clone(),
                rows,
                total: measures(&all),
            })
        })
    }

    /// RPT-1: [`Helpdesk::rating_analysis`] as CSV
    /// ([`RatingReport::to_csv`]).
    pub fn rating_analysis_csv(&self, actor: Actor, query: RatingAnalysisQuery) -> Result<String> {
        Ok(self.rating_analysis(actor, query)?.to_csv())
    }
}
