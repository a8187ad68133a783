//! SQL the SQLite and PostgreSQL stores share: the conditions of a ticket
//! listing and of an SLA report, and their sort order, written once with
//! `?` placeholders ([`numbered`] turns them into PostgreSQL's `$n`).

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
        if let Some(companies) = &scope.companies {
            let (condition, values) = Self::id_list("company_id", companies.iter().map(|c| c.0));
            q.push(condition, values);
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
            q.push(format!("({})", any.join(" OR ")), values);
        }
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
            let (seconds, nanos) = instant(at);
            let not = if failed { "" } else { "NOT " };
            q.push(
                format!(
                    "{not}(sla_reached_late = 1 OR (sla_deadline IS NOT NULL AND (sla_deadline, sla_deadline_nanos) <= (?, ?)))"
                ),
                [Param::Int(seconds), Param::Int(nanos)],
            );
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
