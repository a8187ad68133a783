//! The embedded default store: one SQLite file, WAL journal, schema
//! migrations applied on open.

use super::{Followable, RecordKind, Sequence, SortKey, Store, Transaction, WorkMode};
use super::{TicketFilter, TicketSort};
use crate::access::TicketScope;
use crate::ids::{OutboxId, PartnerId, TeamId, TicketId};
use crate::model::{Message, OutboxMessage, StageChange, Ticket};
use crate::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The schema, one migration per version; `PRAGMA user_version` records how
/// many were applied. Never edit a released migration: append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
     CREATE TABLE records (
         kind TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL,
         PRIMARY KEY (kind, id)) WITHOUT ROWID;
     CREATE TABLE tickets (
         id INTEGER PRIMARY KEY,
         company_id INTEGER NOT NULL,
         team_id INTEGER,
         stage_id INTEGER NOT NULL,
         assignee_id INTEGER,
         customer_id INTEGER,
         priority INTEGER NOT NULL,
         is_open INTEGER NOT NULL,
         active INTEGER NOT NULL,
         subject TEXT NOT NULL,
         last_activity_at INTEGER NOT NULL,
         data TEXT NOT NULL);
     CREATE INDEX tickets_by_team ON tickets (team_id, id);
     CREATE INDEX tickets_by_company ON tickets (company_id, id);
     CREATE INDEX tickets_by_priority ON tickets (priority, id);
     CREATE INDEX tickets_by_activity ON tickets (last_activity_at, id);
     CREATE INDEX tickets_by_assignee ON tickets (assignee_id, id);
     CREATE INDEX tickets_by_customer ON tickets (customer_id, id);
     CREATE TABLE followers (
         target_kind TEXT NOT NULL, target_id INTEGER NOT NULL, partner_id INTEGER NOT NULL,
         PRIMARY KEY (target_kind, target_id, partner_id)) WITHOUT ROWID;
     CREATE INDEX followers_by_partner ON followers (partner_id, target_kind, target_id);
     CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, data TEXT NOT NULL);
     CREATE INDEX messages_by_ticket ON messages (ticket_id, id);
     CREATE TABLE stage_changes (seq INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, data TEXT NOT NULL);
     CREATE INDEX stage_changes_by_ticket ON stage_changes (ticket_id, seq);
     CREATE TABLE outbox (id INTEGER PRIMARY KEY, acknowledged INTEGER NOT NULL, data TEXT NOT NULL);
     CREATE INDEX outbox_pending ON outbox (id) WHERE acknowledged = 0;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A store in one SQLite file (or in memory), shared by every clone of the
/// desk. Several processes may open the same file: each unit of work is a
/// SQLite transaction, writers take the write lock at their start.
///
/// Durability: the journal is WAL with `synchronous = NORMAL`. A unit of work
/// that returned is never lost by a crash of the process; a power loss may
/// lose the last ones (since the last checkpoint), and never corrupts the
/// file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
}

fn storage(e: rusqlite::Error) -> Error {
    Error::storage(e)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::storage)
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Storage {
        message: format!("a stored {what} cannot be read: {e}"),
    })
}

impl SqliteStore {
    /// Opens (creating if missing) the store at `path` and migrates it.
    ///
    /// A file that is not SQLite, or is damaged, is [`Error::CorruptStore`];
    /// a file written by a newer version is [`Error::SchemaTooNew`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let corrupt = |e: rusqlite::Error| Error::CorruptStore {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let connection = Connection::open(path).map_err(corrupt)?;
        connection
            .busy_timeout(Duration::from_secs(10))
            .map_err(corrupt)?;
        // Reading the journal mode is the first real read of the file: a
        // non-SQLite file fails here.
        let _: String = connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(corrupt)?;
        // synchronous = NORMAL (WAL): a crash of the process loses nothing;
        // a power loss may lose the units of work since the last checkpoint,
        // and never corrupts the file. The larger checkpoint interval (about
        // 40 MB of WAL) lets a checkpoint write each hot page once for many
        // commits: +25% ticket creations per second.
        connection
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 10000;",
            )
            .map_err(corrupt)?;
        Self::migrate(connection, &path.display().to_string())
    }

    /// A private in-memory database (tests, throw-away desks).
    pub fn in_memory() -> Result<Self> {
        let connection = Connection::open_in_memory().map_err(storage)?;
        Self::migrate(connection, ":memory:")
    }

    fn migrate(mut connection: Connection, path: &str) -> Result<Self> {
        let corrupt = |e: rusqlite::Error| Error::CorruptStore {
            path: path.to_string(),
            message: e.to_string(),
        };
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(corrupt)?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(corrupt)?;
        if version > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == 0 {
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
                .map_err(corrupt)?;
            if tables > 0 {
                return Err(Error::CorruptStore {
                    path: path.to_string(),
                    message: "the database has tables but no helpdesk schema version: it belongs to something else".into(),
                });
            }
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(migration).map_err(storage)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)
                .map_err(storage)?;
        }
        tx.commit().map_err(storage)?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(storage)
    }
}

impl Store for SqliteStore {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let behavior = match mode {
            WorkMode::Read => TransactionBehavior::Deferred,
            WorkMode::Write => TransactionBehavior::Immediate,
        };
        let tx = connection
            .transaction_with_behavior(behavior)
            .map_err(storage)?;
        let mut unit = Unit { tx: &tx };
        work(&mut unit)?;
        match mode {
            WorkMode::Write => tx.commit().map_err(storage),
            // Nothing to keep: a read that wrote would be a bug.
            WorkMode::Read => tx.rollback().map_err(storage),
        }
    }

    fn snapshot(&self) -> Result<String> {
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut out = String::new();
        let queries = [
            "SELECT 'sequence', name || ' ' || value FROM sequences ORDER BY name",
            "SELECT 'record', kind || ' ' || id || ' ' || data FROM records ORDER BY kind, id",
            "SELECT 'ticket', id || ' ' || data FROM tickets ORDER BY id",
            "SELECT 'follower', target_kind || ' ' || target_id || ' ' || partner_id FROM followers ORDER BY 2",
            "SELECT 'message', data FROM messages ORDER BY id",
            "SELECT 'stage_change', data FROM stage_changes ORDER BY seq",
            "SELECT 'outbox', acknowledged || ' ' || data FROM outbox ORDER BY id",
        ];
        for query in queries {
            let mut statement = connection.prepare(query).map_err(storage)?;
            let rows = statement
                .query_map([], |row| {
                    Ok(format!(
                        "{} {}\n",
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?
                    ))
                })
                .map_err(storage)?;
            for row in rows {
                out.push_str(&row.map_err(storage)?);
            }
        }
        Ok(out)
    }
}

/// One SQLite transaction seen as a [`Transaction`].
struct Unit<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

fn target(target: Followable) -> (&'static str, i64) {
    match target {
        Followable::Team(id) => ("team", id.0),
        Followable::Ticket(id) => ("ticket", id.0),
    }
}

/// Builds the WHERE clause of a ticket listing.
#[derive(Default)]
struct Query {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Query {
    fn push(&mut self, condition: impl Into<String>, values: impl IntoIterator<Item = Value>) {
        self.conditions.push(condition.into());
        self.values.extend(values);
    }

    fn id_list(ids: impl IntoIterator<Item = i64>) -> (String, Vec<Value>) {
        let values: Vec<Value> = ids.into_iter().map(Value::Integer).collect();
        let marks = vec!["?"; values.len()].join(",");
        (marks, values)
    }

    fn new(scope: &TicketScope, filter: &TicketFilter) -> Self {
        let mut q = Query::default();
        q.push("active = ?", [Value::Integer(i64::from(!filter.archived))]);
        if let Some(companies) = &scope.companies {
            let (marks, values) = Self::id_list(companies.iter().map(|c| c.0));
            q.push(format!("company_id IN ({marks})"), values);
        }
        if !scope.all {
            let mut any = Vec::new();
            let mut values = Vec::new();
            if !scope.teams.is_empty() {
                let (marks, ids) = Self::id_list(scope.teams.iter().map(|t| t.0));
                any.push(format!("team_id IN ({marks})"));
                values.extend(ids);
            }
            if scope.teamless {
                any.push("team_id IS NULL".to_string());
            }
            if let Some(partner) = scope.followed_by {
                let mut followed = "id IN (SELECT target_id FROM followers WHERE target_kind = 'ticket' AND partner_id = ?)".to_string();
                values.push(Value::Integer(partner.0));
                if let Some(teams) = &scope.followed_in {
                    let (marks, ids) = Self::id_list(teams.iter().map(|t| t.0));
                    followed = format!("({followed} AND team_id IN ({marks}))");
                    values.extend(ids);
                }
                any.push(followed);
            }
            if any.is_empty() {
                any.push("0".to_string());
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
                q.push(format!("{column} = ?"), [Value::Integer(value)]);
            }
        }
        if let Some(text) = &filter.text {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q.push(
                "subject LIKE ? ESCAPE '\\'",
                [Value::Text(format!("%{escaped}%"))],
            );
        }
        q
    }

    fn clause(&self) -> String {
        self.conditions.join(" AND ")
    }
}

fn sort_column(sort: TicketSort) -> Option<&'static str> {
    match sort {
        TicketSort::Newest | TicketSort::Oldest => None,
        TicketSort::Priority => Some("priority"),
        TicketSort::LastActivity => Some("last_activity_at"),
    }
}

impl Unit<'_> {
    fn strings(&self, sql: &str, values: impl rusqlite::Params) -> Result<Vec<String>> {
        let mut statement = self.tx.prepare_cached(sql).map_err(storage)?;
        let rows = statement
            .query_map(values, |row| row.get(0))
            .map_err(storage)?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(storage)
    }

    fn ids(&self, sql: &str, values: impl rusqlite::Params) -> Result<Vec<i64>> {
        let mut statement = self.tx.prepare_cached(sql).map_err(storage)?;
        let rows = statement
            .query_map(values, |row| row.get(0))
            .map_err(storage)?;
        rows.collect::<rusqlite::Result<Vec<i64>>>()
            .map_err(storage)
    }
}

impl Transaction for Unit<'_> {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO sequences (name, value) VALUES (?1, 1)
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            )
            .and_then(|mut s| s.query_row([sequence.name()], |row| row.get(0)))
            .map_err(storage)
    }

    fn put_record(&mut self, kind: RecordKind, id: i64, json: &str) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO records (kind, id, data) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![kind.name(), id, json]))
            .map_err(storage)?;
        Ok(())
    }

    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        self.tx
            .prepare_cached("SELECT data FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut s| {
                s.query_row(params![kind.name(), id], |row| row.get(0))
                    .optional()
            })
            .map_err(storage)
    }

    fn list_records(&mut self, kind: RecordKind) -> Result<Vec<String>> {
        self.strings(
            "SELECT data FROM records WHERE kind = ?1 ORDER BY id",
            [kind.name()],
        )
    }

    fn put_ticket(&mut self, t: &Ticket) -> Result<()> {
        let data = json(t)?;
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO tickets (id, company_id, team_id, stage_id, assignee_id, customer_id,
                 priority, is_open, active, subject, last_activity_at, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    t.id.0,
                    t.company.0,
                    t.team.map(|v| v.0),
                    t.stage.0,
                    t.assignee.map(|v| v.0),
                    t.customer.map(|v| v.0),
                    i64::from(t.priority.level()),
                    t.is_open(),
                    t.active,
                    t.subject,
                    t.last_activity_at.timestamp(),
                    data
                ])
            })
            .map_err(storage)?;
        Ok(())
    }

    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        let data: Option<String> = self
            .tx
            .prepare_cached("SELECT data FROM tickets WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0], |row| row.get(0)).optional())
            .map_err(storage)?;
        data.map(|d| parse("ticket", &d)).transpose()
    }

    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        Ok(self
            .ids(
                "SELECT id FROM tickets WHERE team_id = ?1 ORDER BY id",
                [team.0],
            )?
            .into_iter()
            .map(TicketId)
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
        let mut q = Query::new(scope, filter);
        let (direction, comparison) = if sort == TicketSort::Oldest {
            ("ASC", ">")
        } else {
            ("DESC", "<")
        };
        let order = match sort_column(sort) {
            Some(column) => format!("{column} {direction}, id {direction}"),
            None => format!("id {direction}"),
        };
        if let Some(after) = after {
            match sort_column(sort) {
                Some(column) => q.push(
                    format!("({column}, id) {comparison} (?, ?)"),
                    [Value::Integer(after.primary), Value::Integer(after.id.0)],
                ),
                None => q.push(format!("id {comparison} ?"), [Value::Integer(after.id.0)]),
            }
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT data FROM tickets WHERE {} ORDER BY {order} LIMIT {limit}",
            q.clause()
        );
        let rows = self.strings(&sql, params_from_iter(q.values.iter()))?;
        rows.iter().map(|d| parse("ticket", d)).collect()
    }

    fn count_tickets(&mut self, scope: &TicketScope, filter: &TicketFilter) -> Result<u64> {
        let q = Query::new(scope, filter);
        let sql = format!("SELECT count(*) FROM tickets WHERE {}", q.clause());
        let count: i64 = self
            .tx
            .query_row(&sql, params_from_iter(q.values.iter()), |row| row.get(0))
            .map_err(storage)?;
        Ok(count.unsigned_abs())
    }

    fn add_follower(&mut self, of: Followable, partner: PartnerId) -> Result<bool> {
        let (kind, id) = target(of);
        let changed = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO followers (target_kind, target_id, partner_id) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![kind, id, partner.0]))
            .map_err(storage)?;
        Ok(changed > 0)
    }

    fn remove_follower(&mut self, of: Followable, partner: PartnerId) -> Result<bool> {
        let (kind, id) = target(of);
        let changed = self
            .tx
            .prepare_cached("DELETE FROM followers WHERE target_kind = ?1 AND target_id = ?2 AND partner_id = ?3")
            .and_then(|mut s| s.execute(params![kind, id, partner.0]))
            .map_err(storage)?;
        Ok(changed > 0)
    }

    fn followers(&mut self, of: Followable) -> Result<Vec<PartnerId>> {
        let (kind, id) = target(of);
        let ids = self.ids(
            "SELECT partner_id FROM followers WHERE target_kind = ?1 AND target_id = ?2 ORDER BY partner_id",
            params![kind, id],
        )?;
        Ok(ids.into_iter().map(PartnerId).collect())
    }

    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        let ids = self.ids(
            "SELECT target_id FROM followers WHERE partner_id = ?1 AND target_kind = 'team'",
            [partner.0],
        )?;
        Ok(ids.into_iter().map(TeamId).collect())
    }

    fn add_message(&mut self, message: &Message) -> Result<()> {
        let data = json(message)?;
        self.tx
            .prepare_cached("INSERT INTO messages (id, ticket_id, data) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![message.id.0, message.ticket.0, data]))
            .map_err(storage)?;
        Ok(())
    }

    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        let rows = self.strings(
            "SELECT data FROM messages WHERE ticket_id = ?1 ORDER BY id",
            [ticket.0],
        )?;
        rows.iter().map(|d| parse("message", d)).collect()
    }

    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        let data = json(change)?;
        self.tx
            .prepare_cached("INSERT INTO stage_changes (ticket_id, data) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![change.ticket.0, data]))
            .map_err(storage)?;
        Ok(())
    }

    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        let rows = self.strings(
            "SELECT data FROM stage_changes WHERE ticket_id = ?1 ORDER BY seq",
            [ticket.0],
        )?;
        rows.iter().map(|d| parse("stage change", d)).collect()
    }

    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        let data = json(message)?;
        self.tx
            .prepare_cached("INSERT INTO outbox (id, acknowledged, data) VALUES (?1, 0, ?2)")
            .and_then(|mut s| s.execute(params![message.id.0, data]))
            .map_err(storage)?;
        Ok(())
    }

    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.strings(
            "SELECT data FROM outbox WHERE acknowledged = 0 ORDER BY id LIMIT ?1",
            [limit],
        )?;
        rows.iter().map(|d| parse("outbox message", d)).collect()
    }

    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        let was: Option<bool> = self
            .tx
            .prepare_cached("SELECT acknowledged FROM outbox WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0], |row| row.get(0)).optional())
            .map_err(storage)?;
        if was == Some(false) {
            self.tx
                .execute("UPDATE outbox SET acknowledged = 1 WHERE id = ?1", [id.0])
                .map_err(storage)?;
        }
        Ok(was.map(|acknowledged| !acknowledged))
    }
}
