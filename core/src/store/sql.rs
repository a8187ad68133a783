//! SQL the SQLite and PostgreSQL stores share: the conditions of a ticket
//! listing and of an SLA report, and their sort order, written once with
//! `?` placeholders ([`numbered`] turns them into PostgreSQL's `$n`).

use super::aggregate::TicketFacts;
#[cfg(feature = "postgres")]
use super::TicketAggregate;
use super::{ReportFilter, TicketBucket, ZoneOffsets};
use super::{SlaStatusQuery, SortKey, TicketFilter, TicketSort};
use crate::access::TicketScope;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

/// A record as stored JSON text.
pub(super) fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

/// A stored `what` read back from its JSON text.
pub(super) fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Storage {
        message: format!("a stored {what} cannot be read: {e}"),
    })
}

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Param {
    /// An integer (ids, flags as 0/1, seconds).
    Int(i64),
    /// A text.
    Text(String),
}

/// The deadline sort key of a ticket row, exactly as indexed: tickets
/// without a deadline last, like [`TicketSort::primary`].
pub(super) const DEADLINE_KEY: &str = "coalesce(sla_deadline, 9223372036854775807)";

/// An instant as stored: whole seconds (as [`DateTime::timestamp`], the
/// sort keys' unit) and the nanoseconds within, so that comparing the pair
/// compares the instants exactly.
pub(super) fn instant(at: DateTime<Utc>) -> (i64, i64) {
    (at.timestamp(), i64::from(at.timestamp_subsec_nanos()))
}

/// `Ticket::sla_failed` of a ticket row at the instant whose seconds and
/// nanoseconds are `seconds` and `nanos` (placeholders or literals):
/// never NULL (a NULL deadline makes the AND false), so that NOT is its
/// exact negation.
fn sla_failed(seconds: &str, nanos: &str) -> String {
    format!(
        "(sla_reached_late = 1 OR (sla_deadline IS NOT NULL AND (sla_deadline, sla_deadline_nanos) <= ({seconds}, {nanos})))"
    )
}

/// The placeholder values of an instant: seconds, then nanoseconds.
fn instant_params(at: DateTime<Utc>) -> [Param; 2] {
    let (seconds, nanos) = instant(at);
    [Param::Int(seconds), Param::Int(nanos)]
}

/// What differs between the SQL of the two stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    #[cfg(feature = "postgres")]
    Postgres,
}

impl Dialect {
    /// The tag ids of the ticket row `row` (its `data`), as a table with
    /// an integer column `value`, joined so that a ticket without tags
    /// keeps one row with a NULL value.
    fn tags_join(self, row: &str) -> String {
        match self {
            Dialect::Sqlite => format!("LEFT JOIN json_each({row}.tags) AS tag ON 1"),
            #[cfg(feature = "postgres")]
            Dialect::Postgres => format!(
                "LEFT JOIN LATERAL (SELECT value::bigint AS value
                 FROM jsonb_array_elements_text({row}.tags::jsonb)) AS tag ON true"
            ),
        }
    }

    /// Whether the ticket row has one of the tags of the placeholders `marks`.
    fn has_tag(self, marks: &str) -> String {
        match self {
            Dialect::Sqlite => {
                format!("EXISTS (SELECT 1 FROM json_each(tickets.tags) WHERE value IN ({marks}))")
            }
            #[cfg(feature = "postgres")]
            Dialect::Postgres => format!(
                "EXISTS (SELECT 1 FROM jsonb_array_elements_text(tickets.tags::jsonb) AS g(value)
                 WHERE g.value::bigint IN ({marks}))"
            ),
        }
    }
}

/// The local seconds of the UTC seconds `column` in `zone`: the offsets
/// as a balanced tree of CASEs, so that a row takes log2(steps)
/// comparisons. Literals only (integers).
fn local_seconds(column: &str, zone: &ZoneOffsets) -> String {
    fn tree(column: &str, steps: &[(i64, i64)]) -> String {
        match steps {
            [] => "0".into(),
            [(_, offset)] => offset.to_string(),
            _ => {
                let middle = steps.len() / 2;
                format!(
                    "CASE WHEN {column} < {} THEN {} ELSE {} END",
                    steps[middle].0,
                    tree(column, &steps[..middle]),
                    tree(column, &steps[middle..])
                )
            }
        }
    }
    format!("({column} + {})", tree(column, &zone.0))
}

/// The columns of a ticket row a report sums, in the order of
/// [`facts`], after the keys.
const FACT_COLUMNS: &str = "is_open, assignee_id, priority, sla_reached_late, sla_deadline, \
     sla_deadline_nanos, created_at, assigned_at, closed_at, working_to_assign, working_to_close";

/// How many columns follow the keys in a row of [`report_rows`].
pub(super) const FACTS: usize = 11;

/// The [`TicketFacts`] of the fact columns of a row of [`report_rows`]
/// (`get(n)`: the nth fact column, `None` for NULL), at the instant `at`.
pub(super) fn facts(get: impl Fn(usize) -> Option<i64>, at: DateTime<Utc>) -> TicketFacts {
    let (seconds, nanos) = instant(at);
    let deadline = get(4).map(|deadline| (deadline, get(5).unwrap_or(0)));
    TicketFacts {
        open: get(0) == Some(1),
        unassigned: get(1).is_none(),
        urgent: get(2) == Some(i64::from(crate::model::Priority::Urgent.level())),
        // `Ticket::sla_failed`, to the nanosecond as stored.
        sla_failed: get(3) == Some(1) || deadline.is_some_and(|d| d <= (seconds, nanos)),
        created_at: get(6).unwrap_or(0),
        assigned_at: get(7),
        closed_at: get(8),
        working_to_assign: get(9),
        working_to_close: get(10),
    }
}

/// The rows a report sums ([`super::Transaction::aggregate_tickets`]):
/// the key of each bucket (`k0` …; on SQLite, the instant for a day
/// bucket and the tags' JSON for the tag bucket), then the
/// [`FACT_COLUMNS`], one row per ticket (on PostgreSQL, per tag of it
/// when grouped by tag). An inner query picks the tickets; tags are
/// joined outside it, where `id` is the ticket's alone.
pub(super) fn report_rows(
    dialect: Dialect,
    scope: &TicketScope,
    filter: &ReportFilter,
    buckets: &[TicketBucket],
) -> (String, Vec<Param>) {
    let mut q = Conditions::default();
    q.push("active = 1", []);
    q.scope(scope);
    let lists = [
        (
            "team_id",
            filter.teams.iter().map(|v| v.0).collect::<Vec<_>>(),
        ),
        ("stage_id", filter.stages.iter().map(|v| v.0).collect()),
        (
            "assignee_id",
            filter.assignees.iter().map(|v| v.0).collect(),
        ),
        (
            "customer_id",
            filter.customers.iter().map(|v| v.0).collect(),
        ),
        (
            "priority",
            filter
                .priorities
                .iter()
                .map(|p| i64::from(p.level()))
                .collect(),
        ),
        (
            "ticket_type_id",
            filter.ticket_types.iter().map(|v| v.0).collect(),
        ),
    ];
    for (column, ids) in lists {
        if !ids.is_empty() {
            let (condition, values) = Conditions::id_list(column, ids);
            q.push(condition, values);
        }
    }
    if !filter.tags.is_empty() {
        let marks = vec!["?"; filter.tags.len()].join(",");
        q.push(
            dialect.has_tag(&marks),
            filter.tags.iter().map(|t| Param::Int(t.0)),
        );
    }
    if let Some(open) = filter.open {
        q.push("is_open = ?", [Param::Int(i64::from(open))]);
    }
    let bounds = [
        ("created_at >= ?", filter.created_from),
        ("created_at < ?", filter.created_to),
        ("closed_at >= ?", filter.closed_from),
        ("closed_at < ?", filter.closed_to),
    ];
    for (condition, bound) in bounds {
        if let Some(bound) = bound {
            q.push(condition, [Param::Int(bound.timestamp())]);
        }
    }
    let day = |column: &str, zone: &ZoneOffsets| {
        let local = local_seconds(column, zone);
        // Floor division: `%` truncates towards zero.
        format!("({local} - ((({local}) % 86400) + 86400) % 86400) / 86400")
    };
    let mut inner_keys = String::new();
    let mut outer_keys = Vec::new();
    for (n, bucket) in buckets.iter().enumerate() {
        let key = match bucket {
            // SQLite gives the tags' JSON, its store the tags.
            TicketBucket::Tag if dialect == Dialect::Sqlite => "tags".into(),
            TicketBucket::Tag => {
                outer_keys.push(format!("tag.value AS k{n}"));
                continue;
            }
            TicketBucket::Ticket => "id".to_string(),
            TicketBucket::CreatedAt => "created_at".into(),
            TicketBucket::Team => "team_id".into(),
            TicketBucket::Stage => "stage_id".into(),
            TicketBucket::Assignee => "assignee_id".into(),
            TicketBucket::Customer => "customer_id".into(),
            TicketBucket::Priority => "priority".into(),
            TicketBucket::Type => "ticket_type_id".into(),
            // SQLite gives the instant, its store the day (a CASE tree per
            // row costs SQLite more than a binary search costs the store).
            TicketBucket::CreatedDay(_) if dialect == Dialect::Sqlite => "created_at".into(),
            TicketBucket::ClosedDay(_) if dialect == Dialect::Sqlite => "closed_at".into(),
            TicketBucket::CreatedDay(zone) => day("created_at", zone),
            TicketBucket::ClosedDay(zone) => day("closed_at", zone),
        };
        inner_keys.push_str(&format!(", {key} AS k{n}"));
        outer_keys.push(format!("r.k{n} AS k{n}"));
    }
    let join = if buckets.contains(&TicketBucket::Tag) && dialect != Dialect::Sqlite {
        dialect.tags_join("r")
    } else {
        String::new()
    };
    let select: Vec<String> = outer_keys
        .into_iter()
        .chain([FACT_COLUMNS.into()])
        .collect();
    let sql = format!(
        "SELECT {} FROM (SELECT tags, {FACT_COLUMNS}{inner_keys} FROM tickets WHERE {}) AS r {join}",
        select.join(", "),
        q.clause()
    );
    (sql, q.values)
}

/// [`report_rows`] grouped and summed by the server (PostgreSQL hashes
/// them; SQLite would sort them, so its store sums the rows itself):
/// each row the keys, then [`AGGREGATE_SUMS`] sums in the order of
/// [`TicketAggregate`]'s fields.
#[cfg(feature = "postgres")]
pub(super) fn aggregation(
    scope: &TicketScope,
    filter: &ReportFilter,
    buckets: &[TicketBucket],
    at: DateTime<Utc>,
) -> (String, Vec<Param>) {
    let (rows, values) = report_rows(Dialect::Postgres, scope, filter, buckets);
    let (seconds, nanos) = instant(at);
    // PostgreSQL sums `bigint` into `numeric`.
    let sum = |expression: &str| format!("coalesce(sum({expression}), 0)::bigint");
    let count_if = |condition: &str| format!("count(*) FILTER (WHERE {condition})");
    let measures = [
        "count(*)".to_string(),
        sum("is_open"),
        "count(*) - count(assignee_id)".into(),
        count_if(&format!(
            "priority = {}",
            crate::model::Priority::Urgent.level()
        )),
        count_if(&sla_failed(&seconds.to_string(), &nanos.to_string())),
        "count(assigned_at)".into(),
        sum("assigned_at - created_at"),
        "count(working_to_assign)".into(),
        sum("working_to_assign"),
        "count(closed_at)".into(),
        sum("closed_at - created_at"),
        "count(working_to_close)".into(),
        sum("working_to_close"),
        sum(&format!("coalesce(closed_at, {seconds}) - created_at")),
    ];
    let keys: Vec<String> = (0..buckets.len()).map(|n| format!("k{n}")).collect();
    let group = if keys.is_empty() {
        String::new()
    } else {
        format!(" GROUP BY {}", keys.join(", "))
    };
    let select: Vec<String> = keys.into_iter().chain(measures).collect();
    let sql = format!("SELECT {} FROM ({rows}) AS g{group}", select.join(", "));
    (sql, values)
}

/// A WHERE clause being built: conditions joined by AND, and the values of
/// their placeholders in order.
#[derive(Debug, Default)]
pub(super) struct Conditions {
    conditions: Vec<String>,
    /// The values of the placeholders, in order.
    pub(super) values: Vec<Param>,
}

impl Conditions {
    fn push(&mut self, condition: impl Into<String>, values: impl IntoIterator<Item = Param>) {
        self.conditions.push(condition.into());
        self.values.extend(values);
    }

    /// `column IN (…)` for `ids`, and its values; an empty list (which
    /// PostgreSQL does not parse) is a condition nothing meets.
    fn id_list(column: &str, ids: impl IntoIterator<Item = i64>) -> (String, Vec<Param>) {
        let values: Vec<Param> = ids.into_iter().map(Param::Int).collect();
        if values.is_empty() {
            return ("1 = 0".into(), values);
        }
        let marks = vec!["?"; values.len()].join(",");
        (format!("{column} IN ({marks})"), values)
    }

    /// The tickets `scope` lets an actor read.
    fn scope(&mut self, scope: &TicketScope) {
        if let Some(companies) = &scope.companies {
            let (condition, values) = Self::id_list("company_id", companies.iter().map(|c| c.0));
            self.push(condition, values);
        }
        if !scope.all {
            let mut any = Vec::new();
            let mut values = Vec::new();
            if !scope.teams.is_empty() {
                let (condition, ids) = Self::id_list("team_id", scope.teams.iter().map(|t| t.0));
                any.push(condition);
                values.extend(ids);
            }
            if scope.teamless {
                any.push("team_id IS NULL".to_string());
            }
            if let Some(partner) = scope.followed_by {
                let mut followed = "id IN (SELECT target_id FROM followers WHERE target_kind = 'ticket' AND partner_id = ?)".to_string();
                values.push(Param::Int(partner.0));
                if let Some(teams) = &scope.followed_in {
                    let (condition, ids) = Self::id_list("team_id", teams.iter().map(|t| t.0));
                    followed = format!("({followed} AND {condition})");
                    values.extend(ids);
                }
                any.push(followed);
            }
            if any.is_empty() {
                any.push("1 = 0".to_string());
            }
            self.push(format!("({})", any.join(" OR ")), values);
        }
    }

    /// The tickets of a listing: in `scope`, matching `filter` at `at`
    /// ([`super::semantics::matches`]). `folded_subject` is the column
    /// that holds the subject for the text filter: its ASCII letters
    /// lowercased (or compared so, as SQLite's LIKE does).
    pub(super) fn tickets(
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
        folded_subject: &str,
    ) -> Self {
        let mut q = Conditions::default();
        q.push("active = ?", [Param::Int(i64::from(!filter.archived))]);
        q.scope(scope);
        let columns = [
            ("team_id", filter.team.map(|v| v.0)),
            ("stage_id", filter.stage.map(|v| v.0)),
            ("assignee_id", filter.assignee.map(|v| v.0)),
            ("customer_id", filter.customer.map(|v| v.0)),
            ("is_open", filter.open.map(i64::from)),
        ];
        for (column, value) in columns {
            if let Some(value) = value {
                q.push(format!("{column} = ?"), [Param::Int(value)]);
            }
        }
        if let Some(text) = &filter.text {
            let escaped = text
                .to_ascii_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q.push(
                format!("{folded_subject} LIKE ? ESCAPE '\\'"),
                [Param::Text(format!("%{escaped}%"))],
            );
        }
        if let Some(failed) = filter.sla_failed {
            // `Ticket::sla_failed`; never NULL (a NULL deadline makes the
            // AND false), so NOT is its exact negation.
            let not = if failed { "" } else { "NOT " };
            q.push(format!("{not}{}", sla_failed("?", "?")), instant_params(at));
        }
        if let Some(before) = filter.last_activity_before {
            q.push("last_activity_at < ?", [Param::Int(before.timestamp())]);
        }
        q
    }

    /// Narrows a listing in `sort` order to the tickets strictly after
    /// `after`, and gives its ORDER BY.
    pub(super) fn page(&mut self, sort: TicketSort, after: Option<SortKey>) -> String {
        let (direction, comparison) = match sort {
            TicketSort::Oldest | TicketSort::SlaDeadline => ("ASC", ">"),
            TicketSort::Newest | TicketSort::Priority | TicketSort::LastActivity => ("DESC", "<"),
        };
        let column = match sort {
            TicketSort::Newest | TicketSort::Oldest => None,
            TicketSort::Priority => Some("priority"),
            TicketSort::LastActivity => Some("last_activity_at"),
            TicketSort::SlaDeadline => Some(DEADLINE_KEY),
        };
        if let Some(after) = after {
            match column {
                Some(column) => {
                    // Implied by the next condition, but SQLite seeks an
                    // index on it, where it only filters with a row value
                    // whose first member is an expression (`DEADLINE_KEY`).
                    self.push(
                        format!("{column} {comparison}= ?"),
                        [Param::Int(after.primary)],
                    );
                    self.push(
                        format!("({column}, id) {comparison} (?, ?)"),
                        [Param::Int(after.primary), Param::Int(after.id.0)],
                    );
                }
                None => self.push(format!("id {comparison} ?"), [Param::Int(after.id.0)]),
            }
        }
        match column {
            Some(column) => format!("{column} {direction}, id {direction}"),
            None => format!("id {direction}"),
        }
    }

    /// The SQL and values of a ticket listing ([`super::Transaction::find_tickets`]).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn listing(
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
        folded_subject: &str,
        sort: TicketSort,
        after: Option<SortKey>,
        limit: usize,
    ) -> (String, Vec<Param>) {
        let mut q = Self::tickets(scope, filter, at, folded_subject);
        let order = q.page(sort, after);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT data FROM tickets WHERE {} ORDER BY {order} LIMIT {limit}",
            q.clause()
        );
        (sql, q.values)
    }

    /// The SQL and values of a ticket count ([`super::Transaction::count_tickets`]).
    pub(super) fn count(
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
        folded_subject: &str,
    ) -> (String, Vec<Param>) {
        let q = Self::tickets(scope, filter, at, folded_subject);
        let sql = format!("SELECT count(*) FROM tickets WHERE {}", q.clause());
        (sql, q.values)
    }

    /// The SLA statuses of a report ([`SlaStatusQuery`]).
    pub(super) fn sla_statuses(query: &SlaStatusQuery) -> Self {
        let mut q = Conditions::default();
        q.push("company_id = ?", [Param::Int(query.company.0)]);
        if let Some(team) = query.team {
            q.push("team_id = ?", [Param::Int(team.0)]);
        }
        if let Some(from) = query.created_from {
            let (seconds, nanos) = instant(from);
            q.push(
                "(ticket_created_at, ticket_created_at_nanos) >= (?, ?)",
                [Param::Int(seconds), Param::Int(nanos)],
            );
        }
        if let Some(to) = query.created_to {
            let (seconds, nanos) = instant(to);
            q.push(
                "(ticket_created_at, ticket_created_at_nanos) < (?, ?)",
                [Param::Int(seconds), Param::Int(nanos)],
            );
        }
        q
    }

    /// The conditions joined by AND.
    pub(super) fn clause(&self) -> String {
        self.conditions.join(" AND ")
    }
}

/// `sql` with its `?` placeholders numbered `$1`, `$2`, … (PostgreSQL).
/// The shared SQL has no `?` but placeholders (no literal holds one).
#[cfg(feature = "postgres")]
pub(super) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// How many sums follow the keys in a row of [`aggregation`].
#[cfg(feature = "postgres")]
pub(super) const AGGREGATE_SUMS: usize = 14;

/// The [`TicketAggregate`] of a row of [`aggregation`]: its keys, then its
/// [`AGGREGATE_SUMS`] sums.
#[cfg(feature = "postgres")]
pub(super) fn aggregate_row(keys: Vec<Option<i64>>, sums: &[i64]) -> TicketAggregate {
    let sum = |n: usize| sums.get(n).copied().unwrap_or(0);
    let count = |n: usize| sum(n).unsigned_abs();
    TicketAggregate {
        keys,
        count: count(0),
        open: count(1),
        unassigned: count(2),
        urgent: count(3),
        sla_failed: count(4),
        assigned: count(5),
        seconds_to_assign: sum(6),
        assigned_working: count(7),
        working_seconds_to_assign: sum(8),
        closed: count(9),
        seconds_to_close: sum(10),
        closed_working: count(11),
        working_seconds_to_close: sum(12),
        seconds_open: sum(13),
    }
}
