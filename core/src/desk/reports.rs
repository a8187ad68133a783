//! Reports (RPT): ticket analysis and its cohort view, summed by the store
//! over the tickets the actor may read, with exact figures.

use super::records::load;
use super::{Helpdesk, Work};
use crate::access::{Actor, TicketScope};
use crate::ids::{
    CompanyId, PartnerId, SlaPolicyId, StageId, TagId, TeamId, TicketId, TicketTypeId, UserId,
};
use crate::model::{Company, Priority, SlaState, SlaStatus, UserKind};
use crate::reports::{hours, percent, period_label, period_start, zone_offsets, Hours, Period};
use crate::sla::{EvaluatedStatus, TeamTime};
use crate::store::SlaStatusQuery;
use crate::store::{ReportFilter, TicketAggregate, TicketBucket, TicketKeys, ZoneOffsets};
use crate::{Error, Result};
use chrono::DateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The most dimensions a report groups by (RPT-1).
pub const MAX_DIMENSIONS: usize = 3;

/// What a report groups tickets, SLA statuses or ratings by (RPT-1). The
/// period dimensions use the query's `period` and `time_zone`.
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
    /// The SLA policy (SLA status analysis only).
    SlaPolicy,
    /// Where the SLA status stands now: ongoing, reached or failed (SLA
    /// status analysis only).
    SlaStatus,
    /// The period the rating was given in (ratings analysis only).
    Rated,
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
    /// The same in working hours of the team's calendar (closed tickets:
    /// as stored when they were closed; open ones: to now).
    pub working_hours_open: Option<Hours>,
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

impl Dimension {
    /// The dimension's snake_case name, as in JSON (a CSV column's).
    fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// Whether tickets have it (the others are SLA statuses' and
    /// ratings' own).
    pub(super) fn of_ticket(self) -> bool {
        !matches!(
            self,
            Dimension::SlaPolicy | Dimension::SlaStatus | Dimension::Rated
        )
    }

    /// Whether its values are periods (labelled, without ids).
    fn is_period(self) -> bool {
        matches!(
            self,
            Dimension::Created | Dimension::Closed | Dimension::Rated
        )
    }

    /// The column a store groups tickets by for it; `None` for the
    /// dimensions tickets do not have.
    fn bucket(self, offsets: &ZoneOffsets) -> Option<TicketBucket> {
        Some(match self {
            Dimension::Team => TicketBucket::Team,
            Dimension::Stage => TicketBucket::Stage,
            Dimension::Assignee => TicketBucket::Assignee,
            Dimension::Customer => TicketBucket::Customer,
            Dimension::Priority => TicketBucket::Priority,
            Dimension::TicketType => TicketBucket::Type,
            Dimension::Tag => TicketBucket::Tag,
            Dimension::Created => TicketBucket::CreatedDay(offsets.clone()),
            Dimension::Closed => TicketBucket::ClosedDay(offsets.clone()),
            Dimension::SlaPolicy | Dimension::SlaStatus | Dimension::Rated => return None,
        })
    }
}

/// RPT-1: checks a query's dimensions — at most three, none twice, each
/// one `subject` groups by (`allowed`).
pub(super) fn check_group_by(
    group_by: &[Dimension],
    subject: &str,
    allowed: impl Fn(Dimension) -> bool,
) -> Result<()> {
    if group_by.len() > MAX_DIMENSIONS {
        return Err(Error::invalid(
            "group_by",
            format!("a report groups by at most {MAX_DIMENSIONS} dimensions"),
        ));
    }
    for (n, dimension) in group_by.iter().enumerate() {
        if group_by[..n].contains(dimension) {
            return Err(Error::invalid(
                "group_by",
                format!("{} is given twice", dimension.name()),
            ));
        }
        if !allowed(*dimension) {
            return Err(Error::invalid(
                "group_by",
                format!("the {subject} is not grouped by {}", dimension.name()),
            ));
        }
    }
    Ok(())
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a
/// line break, its quotes doubled.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The columns of a duration measure in CSV: its tickets, total and
/// average.
pub(super) fn hours_columns(name: &str) -> [String; 3] {
    ["tickets", "total", "average"].map(|part| format!("{name}_{part}"))
}

/// The cells of a duration measure in CSV; empty without a figure.
pub(super) fn hours_cells(hours: Option<&Hours>) -> [String; 3] {
    match hours {
        Some(h) => [
            h.tickets.to_string(),
            h.total.to_string(),
            h.average.to_string(),
        ],
        None => Default::default(),
    }
}

/// The cell of an optional figure; empty without one.
pub(super) fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A report's rows as CSV (RFC 4180, `\r\n` line ends): per dimension its
/// label and, but for periods, its id (`team`, `team_id`, …); then the
/// measures' `columns`, each row's from its cells.
pub(super) fn report_csv<'a>(
    group_by: &[Dimension],
    columns: &[String],
    rows: impl Iterator<Item = (&'a [GroupValue], Vec<String>)>,
) -> String {
    let mut header: Vec<String> = Vec::new();
    for dimension in group_by {
        header.push(dimension.name());
        if !dimension.is_period() {
            header.push(format!("{}_id", dimension.name()));
        }
    }
    header.extend(columns.iter().cloned());
    let mut out = header.join(",") + "\r\n";
    for (group, measures) in rows {
        let mut cells: Vec<String> = Vec::with_capacity(header.len());
        for (value, dimension) in group.iter().zip(group_by) {
            cells.push(csv_field(&value.label));
            if !dimension.is_period() {
                cells.push(cell(value.id));
            }
        }
        cells.extend(measures);
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The durations of [`TicketMeasures`], by CSV name.
const TICKET_HOURS: [&str; 6] = [
    "hours_to_assign",
    "working_hours_to_assign",
    "hours_to_close",
    "working_hours_to_close",
    "hours_open",
    "working_hours_open",
];

impl TicketMeasures {
    /// The measures' CSV cells, in [`TicketMeasures::csv_columns`] order.
    fn csv_cells(&self) -> Vec<String> {
        let mut cells: Vec<String> = [
            self.count,
            self.open,
            self.unassigned,
            self.urgent,
            self.sla_failed,
        ]
        .map(|n| n.to_string())
        .into();
        let durations = [
            &self.hours_to_assign,
            &self.working_hours_to_assign,
            &self.hours_to_close,
            &self.working_hours_to_close,
            &self.hours_open,
            &self.working_hours_open,
        ];
        for hours in durations {
            cells.extend(hours_cells(hours.as_ref()));
        }
        cells
    }

    /// The measures' CSV columns: the counts, then per duration its
    /// tickets, total and average (`hours_to_assign_tickets`, …).
    fn csv_columns() -> Vec<String> {
        let mut columns: Vec<String> = ["count", "open", "unassigned", "urgent", "sla_failed"]
            .map(String::from)
            .into();
        columns.extend(TICKET_HOURS.iter().flat_map(|name| hours_columns(name)));
        columns
    }
}

impl TicketReport {
    /// The rows as CSV (RFC 4180, `\r\n` line ends): per dimension its
    /// label and, but for periods, its id (`team`, `team_id`, …); then
    /// the counts and, per duration, its tickets, total and average
    /// (`hours_to_assign_tickets`, …); an empty cell where there is no
    /// value.
    pub fn to_csv(&self) -> String {
        report_csv(
            &self.group_by,
            &TicketMeasures::csv_columns(),
            self.rows
                .iter()
                .map(|row| (row.group.as_slice(), row.measures.csv_cells())),
        )
    }
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

/// The figures of a team's dashboard, or of the acting agent's (RPT-3).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DashboardFigures {
    /// Open tickets.
    pub open: u64,
    /// Open tickets without an assignee.
    pub unassigned: u64,
    /// Open urgent tickets.
    pub urgent: u64,
    /// Open tickets failing an SLA now.
    pub sla_failed: u64,
    /// Tickets closed in the last 7 days (recently: the last 7 days,
    /// whatever the weekday).
    pub recently_closed: u64,
    /// The percentage of the tickets created in the last 7 days that have
    /// an SLA and fail none of them (`None`: no such ticket).
    pub recent_success_rate: Option<Decimal>,
    /// The average of the published ratings given in the last 7 days (1
    /// to 5, two places; `None`: no rating).
    pub recent_average_rating: Option<Decimal>,
}

/// One team's line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamDashboard {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Its figures.
    pub figures: DashboardFigures,
}

/// Output of [`Helpdesk::team_dashboard`] (RPT-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Dashboard {
    /// The company's teams the actor reads, by id.
    pub teams: Vec<TeamDashboard>,
    /// The tickets assigned to the acting user (`None` for the system).
    pub mine: Option<DashboardFigures>,
}

/// How far back the dashboard's recent figures look.
const DASHBOARD_DAYS: i64 = 7;

impl Work<'_> {
    /// The checks every report makes (RPT-4): an internal user of the
    /// company (or the system), and the zone of its periods.
    pub(super) fn report_setup(
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
        let scope = self.report_scope(company)?;
        self.tx.aggregate_tickets(&scope, filter, buckets, self.now)
    }

    /// RPT-1: per group of `dimensions` (keys as [`roll_up`] gives them),
    /// and over every ticket once, how much longer in
    /// seconds the open tickets that pass `filter` have been open in their
    /// team's working time than plainly (negative: nights and weekends do
    /// not count). Only the teams with a calendar differ, so only their
    /// open tickets are read.
    fn open_working_corrections(
        &mut self,
        company: CompanyId,
        filter: &ReportFilter,
        dimensions: &[Dimension],
        offsets: &ZoneOffsets,
        period: Period,
    ) -> Result<OpenCorrections> {
        let mut calendars = HashMap::new();
        for team in self.teams_of(&[company])? {
            if let Some(calendar) = self.team_time(Some(&team))? {
                if filter.teams.is_empty() || filter.teams.contains(&team.id) {
                    calendars.insert(team.id.0, calendar);
                }
            }
        }
        let mut corrections = OpenCorrections::default();
        if calendars.is_empty() || filter.open == Some(false) {
            return Ok(corrections);
        }
        let open = ReportFilter {
            open: Some(true),
            teams: calendars.keys().map(|id| TeamId(*id)).collect(),
            ..filter.clone()
        };
        let buckets: Vec<TicketBucket> = dimensions
            .iter()
            .filter_map(|d| d.bucket(offsets))
            .chain([TicketBucket::Team, TicketBucket::CreatedAt])
            .collect();
        let scope = self.report_scope(company)?;
        let now = self.now.timestamp();
        for ticket in self.tx.ticket_report_keys(&scope, &open, &buckets)? {
            let n = dimensions.len();
            let (Some(Some(team)), Some(Some(created))) =
                (ticket.keys[n].first(), ticket.keys[n + 1].first())
            else {
                continue;
            };
            let (Some(calendar), Some(from), Some(to)) = (
                calendars.get(team),
                DateTime::from_timestamp(*created, 0),
                DateTime::from_timestamp(now, 0),
            ) else {
                continue;
            };
            let working = TeamTime(Some(calendar)).between(from, to).num_seconds();
            let correction = working - (now - created);
            corrections.total += correction;
            for keys in combinations(&ticket.keys[..n], dimensions, period) {
                *corrections.groups.entry(keys).or_insert(0) += correction;
            }
        }
        Ok(corrections)
    }

    /// What the actor reads of `company`'s tickets (`report_setup`
    /// checked that the company is the actor's).
    fn report_scope(&mut self, company: CompanyId) -> Result<TicketScope> {
        let mut scope = self.scope()?;
        scope.companies = Some(vec![company]);
        Ok(scope)
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
            Dimension::SlaPolicy => load(self.tx, SlaPolicyId(id))?.name,
            Dimension::Priority => priority_label(id),
            Dimension::SlaStatus => sla_state_label(id),
            Dimension::Created | Dimension::Closed | Dimension::Rated => String::new(),
        })
    }

    /// The values of a group's `keys` in `dimensions`: ids with their
    /// names (each read once per report, in `labels`), periods labelled.
    pub(super) fn group_values(
        &mut self,
        keys: &[Option<i64>],
        dimensions: &[Dimension],
        period: Period,
        labels: &mut Labels,
    ) -> Result<Vec<GroupValue>> {
        let mut values = Vec::with_capacity(keys.len());
        for (key, dimension) in keys.iter().zip(dimensions) {
            values.push(match key {
                None => GroupValue {
                    id: None,
                    label: String::new(),
                },
                Some(day) if dimension.is_period() => GroupValue {
                    id: None,
                    label: period_label(period, *day),
                },
                Some(id) => {
                    let label = match labels.get(&(*dimension, *id)) {
                        Some(label) => label.clone(),
                        None => {
                            let label = self.group_label(*dimension, *id)?;
                            labels.insert((*dimension, *id), label.clone());
                            label
                        }
                    };
                    GroupValue {
                        id: Some(*id),
                        label,
                    }
                }
            });
        }
        Ok(values)
    }

    /// Which tickets of `company` a report on what hangs from tickets
    /// counts (those the actor reads that pass `filter`), each with its
    /// keys in the `dimensions` tickets have (several lists for tags; days
    /// rolled up into `period`s); the others' keys are left out.
    pub(super) fn ticket_keys(
        &mut self,
        company: CompanyId,
        filter: &ReportFilter,
        dimensions: &[Dimension],
        offsets: &ZoneOffsets,
        period: Period,
    ) -> Result<HashMap<TicketId, Vec<Vec<Option<i64>>>>> {
        let ticket_dimensions: Vec<Dimension> = dimensions
            .iter()
            .copied()
            .filter(|d| d.of_ticket())
            .collect();
        let buckets: Vec<TicketBucket> = ticket_dimensions
            .iter()
            .filter_map(|d| d.bucket(offsets))
            .collect();
        let scope = self.report_scope(company)?;
        let found = self.tx.ticket_report_keys(&scope, filter, &buckets)?;
        let mut keys = HashMap::with_capacity(found.len());
        for TicketKeys {
            ticket,
            keys: choices,
        } in found
        {
            keys.insert(ticket, combinations(&choices, &ticket_dimensions, period));
        }
        Ok(keys)
    }
}

/// Every combination of one key per dimension (several with tags) of a
/// ticket's `choices` in `dimensions`, days rolled up into `period`s.
fn combinations(
    choices: &[Vec<Option<i64>>],
    dimensions: &[Dimension],
    period: Period,
) -> Vec<Vec<Option<i64>>> {
    let mut combinations: Vec<Vec<Option<i64>>> = vec![Vec::new()];
    for (choices, dimension) in choices.iter().zip(dimensions) {
        combinations = combinations
            .into_iter()
            .flat_map(|prefix| {
                choices.iter().map(move |key| {
                    let mut combination = prefix.clone();
                    combination.push(match dimension.is_period() {
                        true => key.map(|day| period_start(period, day)),
                        false => *key,
                    });
                    combination
                })
            })
            .collect();
    }
    combinations
}

/// How much longer in seconds open tickets have been open in working
/// time than plainly ([`Work::open_working_corrections`]).
#[derive(Debug, Default)]
struct OpenCorrections {
    /// Per group, by its keys.
    groups: HashMap<Vec<Option<i64>>, i64>,
    /// Over every ticket counted once.
    total: i64,
}

/// The names of the ids in a report's groups, read once per report.
pub(super) type Labels = BTreeMap<(Dimension, i64), String>;

/// The keys of a unit of a report on what hangs from tickets (an SLA
/// status, a rating) in `dimensions`: its `own` key where it has the
/// dimension itself, else its ticket's, one list per list of
/// `ticket_keys` (from [`Work::ticket_keys`]).
pub(super) fn unit_keys(
    dimensions: &[Dimension],
    ticket_keys: &[Vec<Option<i64>>],
    own: impl Fn(Dimension) -> Option<Option<i64>>,
) -> Vec<Vec<Option<i64>>> {
    ticket_keys
        .iter()
        .map(|of_ticket| {
            let mut of_ticket = of_ticket.iter();
            dimensions
                .iter()
                .map(|d| match own(*d) {
                    Some(key) => key,
                    None => of_ticket.next().copied().flatten(),
                })
                .collect()
        })
        .collect()
}

/// The English name of an SLA state's key (see [`sla_state_key`]).
fn sla_state_label(key: i64) -> String {
    match key {
        0 => "Ongoing",
        1 => "Reached",
        2 => "Failed",
        _ => "",
    }
    .to_string()
}

/// The key of an SLA state in a report's groups: ongoing, reached, failed
/// in that order.
pub(super) fn sla_state_key(state: SlaState) -> i64 {
    match state {
        SlaState::Ongoing => 0,
        SlaState::Reached => 1,
        SlaState::Failed => 2,
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

/// The measures of summed tickets, with `calendar_open`: the working
/// seconds their open tickets of teams with a calendar are open beyond
/// their plain seconds (negative: nights and weekends), see
/// [`Work::open_working_corrections`].
fn measures(sums: &TicketAggregate, calendar_open: i64) -> TicketMeasures {
    // Open tickets' plain seconds: every ticket's, less the closed ones'.
    let open_seconds = sums.seconds_open - sums.seconds_to_close;
    let open_count = sums.count - sums.closed;
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
        working_hours_open: hours(
            sums.closed_working + open_count,
            sums.working_seconds_to_close + open_seconds + calendar_open,
        ),
    }
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
            Some(sums) => sums.merge(&group),
            None => {
                rolled.insert(keys.clone(), TicketAggregate { keys, ..group });
            }
        }
    }
    rolled.into_values().collect()
}

/// The dashboard figures of the groups of an aggregation by team (or of
/// one group), keyed by its first key.
fn by_first_key(groups: Vec<TicketAggregate>) -> BTreeMap<Option<i64>, TicketAggregate> {
    groups
        .into_iter()
        .map(|g| (g.keys.first().copied().flatten(), g))
        .collect()
}

/// The average of rating values, two places.
pub(super) fn average_rating(values: &[u32]) -> Option<Decimal> {
    let sum: i64 = values.iter().map(|v| i64::from(*v)).sum();
    crate::reports::mean(sum, values.len() as u64)
}

impl Helpdesk {
    /// RPT-3: the team dashboard of `company` — per team the actor reads,
    /// and for the acting user's own tickets: open, unassigned, urgent and
    /// failing-SLA tickets, the tickets closed in the last 7 days, the SLA
    /// success rate of the tickets created in them and the average of the
    /// ratings given in them. Internal users of the company (RPT-4).
    pub fn team_dashboard(&self, actor: Actor, company: CompanyId) -> Result<Dashboard> {
        self.read(actor, |w| {
            w.report_setup(company, None)?;
            let since = w.now - chrono::Duration::days(DASHBOARD_DAYS);
            let open = ReportFilter {
                open: Some(true),
                ..ReportFilter::default()
            };
            let closed = ReportFilter {
                closed_from: Some(since),
                ..ReportFilter::default()
            };
            let me = w.user().map(|u| u.id);
            let teams = w.readable_teams_of(&[company])?;
            let open_by_team =
                by_first_key(w.report_groups(company, &open, &[TicketBucket::Team])?);
            let closed_by_team =
                by_first_key(w.report_groups(company, &closed, &[TicketBucket::Team])?);
            // SLA statuses of the tickets created in the window, with their
            // tickets' assignees (for the user's own figure).
            let statuses = w.tx.find_sla_statuses(&SlaStatusQuery {
                company,
                team: None,
                created_from: Some(since),
                created_to: None,
            })?;
            let evaluated = w.evaluate_statuses(&statuses)?;
            let mut assignees: BTreeMap<TicketId, Option<UserId>> = BTreeMap::new();
            if me.is_some() {
                for status in &statuses {
                    if let std::collections::btree_map::Entry::Vacant(entry) =
                        assignees.entry(status.ticket)
                    {
                        entry.insert(w.tx.get_ticket(status.ticket)?.and_then(|t| t.assignee));
                    }
                }
            }
            let success = |keep: &dyn Fn(&SlaStatus) -> bool| {
                let kept: Vec<EvaluatedStatus> = statuses
                    .iter()
                    .zip(&evaluated)
                    .filter(|(status, _)| keep(status))
                    .map(|(_, e)| *e)
                    .collect();
                crate::sla::figures(&kept).0.success_rate
            };
            let figures = |open: Option<&TicketAggregate>, closed: Option<&TicketAggregate>| {
                let open = open.cloned().unwrap_or_default();
                DashboardFigures {
                    open: open.count,
                    unassigned: open.unassigned,
                    urgent: open.urgent,
                    sla_failed: open.sla_failed,
                    recently_closed: closed.map_or(0, |c| c.count),
                    recent_success_rate: None,
                    recent_average_rating: None,
                }
            };
            let mut my_ratings = Vec::new();
            let mut lines = Vec::with_capacity(teams.len());
            for team in &teams {
                let key = Some(team.id.0);
                let ratings = w.published_ratings(team, since)?;
                my_ratings.extend(
                    ratings
                        .iter()
                        .filter(|r| me.is_some() && r.assignee == me)
                        .map(|r| r.rating),
                );
                let values: Vec<u32> = ratings.iter().map(|r| r.rating).collect();
                lines.push(TeamDashboard {
                    team: team.id,
                    name: team.name.clone(),
                    figures: DashboardFigures {
                        recent_success_rate: success(&|s| s.team == team.id),
                        recent_average_rating: average_rating(&values),
                        ..figures(open_by_team.get(&key), closed_by_team.get(&key))
                    },
                });
            }
            let mine = match me {
                None => None,
                Some(me) => {
                    let mine = |filter: &ReportFilter| ReportFilter {
                        assignees: vec![me],
                        ..filter.clone()
                    };
                    let open = w.report_groups(company, &mine(&open), &[])?;
                    let closed = w.report_groups(company, &mine(&closed), &[])?;
                    Some(DashboardFigures {
                        recent_success_rate: success(&|s| {
                            assignees.get(&s.ticket).copied().flatten() == Some(me)
                        }),
                        recent_average_rating: average_rating(&my_ratings),
                        ..figures(open.first(), closed.first())
                    })
                }
            };
            Ok(Dashboard { teams: lines, mine })
        })
    }

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
        check_group_by(&query.group_by, "ticket analysis", Dimension::of_ticket)?;
        let period = query.period.unwrap_or(Period::Month);
        self.read(actor, |w| {
            let zone = w.report_setup(query.company, query.time_zone.as_deref())?;
            let offsets = zone_offsets(zone);
            let buckets: Vec<TicketBucket> = query
                .group_by
                .iter()
                .filter_map(|dimension| dimension.bucket(&offsets))
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
                groups.iter().for_each(|group| total.merge(group));
                total
            };
            let corrections = w.open_working_corrections(
                query.company,
                &query.filter,
                &query.group_by,
                &offsets,
                period,
            )?;
            let total = measures(&total, corrections.total);
            let mut labels = Labels::default();
            let mut rows = Vec::with_capacity(groups.len());
            for group in &groups {
                rows.push(TicketReportRow {
                    group: w.group_values(&group.keys, &query.group_by, period, &mut labels)?,
                    measures: measures(
                        group,
                        corrections.groups.get(&group.keys).copied().unwrap_or(0),
                    ),
                });
            }
            Ok(TicketReport {
                group_by: query.group_by.clone(),
                rows,
                total,
            })
        })
    }

    /// RPT-1: [`Helpdesk::ticket_analysis`] as CSV ([`TicketReport::to_csv`]),
    /// for a spreadsheet or a data frame.
    pub fn ticket_analysis_csv(&self, actor: Actor, query: TicketAnalysisQuery) -> Result<String> {
        Ok(self.ticket_analysis(actor, query)?.to_csv())
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
