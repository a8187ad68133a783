//! The embedded default store: one SQLite file, WAL journal, schema
//! migrations applied on open.

use super::aggregate::Groups;
use super::semantics::{check_statuses_of, claim_end, coupon_code_taken, LoadChange, Placement};
use super::sql::{facts, instant, json, parse, report_rows, Conditions, Dialect, Param, FACTS};
use super::TicketSort;
use super::{Followable, RecordKind, Sequence, SortKey, Store, Transaction, WorkMode};
use super::{RecordKey, RecordQuery, SlaStatusQuery, StoredRecord, TeamLoad, TicketFilter};
use super::{ReportFilter, TicketAggregate, TicketBucket, TicketKeys};
use crate::access::TicketScope;
use crate::ids::{CompanyId, CouponId, OutboxId, PartnerId, TeamId, TicketId, UserId};
use crate::model::{Coupon, Message, OutboxMessage, SlaStatus, StageChange, Ticket};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use std::collections::{BTreeSet, HashMap};
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
    // 2: SLA deadlines and statuses, team assignment loads.
    //
    // An instant is two integers, seconds and nanoseconds (see `instant`), so
    // that comparisons are exact and index ranges work. The deadline sort
    // key puts tickets without a deadline last, like `TicketSort::primary`;
    // the expression is repeated verbatim as `DEADLINE_KEY`, which SQLite
    // needs to use the index. The JSON of existing tickets gets the new
    // fields as serde writes them, so that a dump does not depend on when a
    // ticket was last written. Loads are recounted from the tickets, with
    // the rule of `Placement`; the last assignee of a team is that of its
    // latest assigned ticket (ties and unknown times: the highest id).
    "ALTER TABLE tickets ADD COLUMN sla_deadline INTEGER;
     ALTER TABLE tickets ADD COLUMN sla_deadline_nanos INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE tickets ADD COLUMN sla_reached_late INTEGER NOT NULL DEFAULT 0;
     UPDATE tickets SET data = json_set(data, '$.sla_deadline', json('null'), '$.sla_reached_late', json('false'));
     CREATE INDEX tickets_by_sla_deadline
         ON tickets (company_id, active, coalesce(sla_deadline, 9223372036854775807), id);
     CREATE TABLE sla_statuses (
         ticket_id INTEGER NOT NULL,
         policy_id INTEGER NOT NULL,
         company_id INTEGER NOT NULL,
         team_id INTEGER NOT NULL,
         ticket_created_at INTEGER NOT NULL,
         ticket_created_at_nanos INTEGER NOT NULL,
         data TEXT NOT NULL,
         PRIMARY KEY (ticket_id, policy_id)) WITHOUT ROWID;
     CREATE INDEX sla_statuses_by_company
         ON sla_statuses (company_id, ticket_created_at, ticket_created_at_nanos);
     CREATE INDEX sla_statuses_by_team
         ON sla_statuses (team_id, ticket_created_at, ticket_created_at_nanos);
     CREATE TABLE team_open_loads (
         team_id INTEGER NOT NULL, user_id INTEGER NOT NULL, open INTEGER NOT NULL,
         PRIMARY KEY (team_id, user_id)) WITHOUT ROWID;
     CREATE TABLE team_last_assignees (team_id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);
     INSERT INTO team_open_loads (team_id, user_id, open)
         SELECT team_id, assignee_id, count(*) FROM tickets
         WHERE team_id IS NOT NULL AND assignee_id IS NOT NULL AND is_open = 1 AND active = 1
         GROUP BY team_id, assignee_id;
     INSERT INTO team_last_assignees (team_id, user_id)
         SELECT team_id, assignee_id FROM (
             SELECT team_id, assignee_id, row_number() OVER (
                 PARTITION BY team_id
                 ORDER BY unixepoch(json_extract(data, '$.assigned_at'), 'subsec') DESC NULLS LAST, id DESC
             ) AS rank
             FROM tickets WHERE team_id IS NOT NULL AND assignee_id IS NOT NULL)
         WHERE rank = 1;",
    // 3: coupons. A code is unique within its company (`coupons_by_code`
    // enforces it and serves `coupon_by_code`); the code is compared as
    // stored (binary collation: exact match on the canonical code).
    "CREATE TABLE coupons (
         id INTEGER PRIMARY KEY,
         company_id INTEGER NOT NULL,
         code TEXT NOT NULL,
         data TEXT NOT NULL);
     CREATE UNIQUE INDEX coupons_by_code ON coupons (company_id, code);",
    // 4: tickets name the order line their time is charged to (HRS-5);
    // existing tickets get none, written as serde writes it.
    "UPDATE tickets SET data = json_set(data, '$.sale_line', json('null'));",
    // 5: records are found by company and by key, never by kind alone
    // (`RecordQuery`). Company 0 marks a record shared by companies. Every
    // table's key starts with the company, so a database distributed by
    // company routes each query to one shard. The company and keys of the
    // records already stored are filled in by `index_stored_records`, from
    // the one definition of each kind's keys.
    "ALTER TABLE records ADD COLUMN company_id INTEGER NOT NULL DEFAULT 0;
     CREATE INDEX records_by_company ON records (company_id, kind, id);
     CREATE TABLE record_keys (
         company_id INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
         value INTEGER NOT NULL, id INTEGER NOT NULL,
         PRIMARY KEY (company_id, kind, key, value, id)) WITHOUT ROWID;
     CREATE INDEX record_keys_by_record ON record_keys (kind, id);",
    // 6: the listing indexes start with the company (and whether the ticket
    // is active, which every listing filters on), so a listing walks one
    // company's tickets in order, on one shard of a distributed database.
    "DROP INDEX tickets_by_priority;
     DROP INDEX tickets_by_activity;
     DROP INDEX tickets_by_assignee;
     DROP INDEX tickets_by_customer;
     CREATE INDEX tickets_by_priority ON tickets (company_id, active, priority, id);
     CREATE INDEX tickets_by_activity ON tickets (company_id, active, last_activity_at, id);
     CREATE INDEX tickets_by_assignee ON tickets (company_id, assignee_id, id);
     CREATE INDEX tickets_by_customer ON tickets (company_id, customer_id, id);",
    // 7: tickets without an assignee or customer are not in those indexes
    // (a listing filters on a given one, which implies it is set): a
    // creation without them writes two B-trees fewer.
    "DROP INDEX tickets_by_assignee;
     DROP INDEX tickets_by_customer;
     CREATE INDEX tickets_by_assignee ON tickets (company_id, assignee_id, id)
         WHERE assignee_id IS NOT NULL;
     CREATE INDEX tickets_by_customer ON tickets (company_id, customer_id, id)
         WHERE customer_id IS NOT NULL;",
    // 8: a ticket's stage history is one B-tree keyed by the ticket (and
    // the position in its history), not a table and an index: a stage
    // change writes one B-tree fewer. Positions already stored are kept.
    "CREATE TABLE stage_history (
         ticket_id INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
         PRIMARY KEY (ticket_id, seq)) WITHOUT ROWID;
     INSERT INTO stage_history (ticket_id, seq, data) SELECT ticket_id, seq, data FROM stage_changes;
     DROP TABLE stage_changes;
     ALTER TABLE stage_history RENAME TO stage_changes;",
    // 9: outbox claims for many drainers: until when (whole seconds since
    // the epoch) a message is claimed; NULL when it never was.
    "ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;",
    // 10: tickets name the ticket they were merged into (MRG-1); existing
    // tickets get none, written as serde writes it.
    "UPDATE tickets SET data = json_set(data, '$.merged_into', json('null'));",
    // 11: tickets name the opportunity they were converted into (CNV-1).
    "UPDATE tickets SET data = json_set(data, '$.opportunity', json('null'));",
    // 12: ratings (RAT-1). Stages say whether they ask for a rating, and
    // outbox messages may carry a token: existing ones get `false` and
    // `null`, written as serde writes them (the new field last), so that a
    // dump does not depend on when a record was written.
    "UPDATE records SET data = substr(data, 1, length(data) - 1) || ',\"rating_request\":false}'
         WHERE kind = 'stage';
     UPDATE outbox SET data = substr(data, 1, length(data) - 1) || ',\"token\":null}';",
    // 13: reports (RPT-1). Tickets keep their working time to assignment
    // and to closing: for existing ones, known where the team has no
    // calendar (every second counts), none otherwise (written as serde
    // writes it),
    // and the columns a report groups and sums by; one index holds them
    // all, so that a report reads the index and never the tickets' data.
    // Instants are whole seconds since the epoch.
    "ALTER TABLE tickets ADD COLUMN ticket_type_id INTEGER;
     ALTER TABLE tickets ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
     ALTER TABLE tickets ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE tickets ADD COLUMN assigned_at INTEGER;
     ALTER TABLE tickets ADD COLUMN closed_at INTEGER;
     ALTER TABLE tickets ADD COLUMN working_to_assign INTEGER;
     ALTER TABLE tickets ADD COLUMN working_to_close INTEGER;
     UPDATE tickets SET
         ticket_type_id = json_extract(data, '$.ticket_type'),
         tags = json_extract(data, '$.tags'),
         created_at = CAST(strftime('%s', json_extract(data, '$.created_at')) AS INTEGER),
         assigned_at = CAST(strftime('%s', json_extract(data, '$.assigned_at')) AS INTEGER),
         closed_at = CAST(strftime('%s', json_extract(data, '$.closed_at')) AS INTEGER);
     UPDATE tickets SET working_to_assign = assigned_at - created_at,
         working_to_close = closed_at - created_at
         WHERE team_id IS NULL OR NOT EXISTS (SELECT 1 FROM records r WHERE r.kind = 'team'
             AND r.id = tickets.team_id AND json_extract(r.data, '$.settings.calendar') IS NOT NULL);
     UPDATE tickets SET data = json_set(data, '$.working_seconds_to_assign', working_to_assign,
         '$.working_seconds_to_close', working_to_close);
     CREATE INDEX tickets_for_reports ON tickets (company_id, active, team_id, stage_id,
         assignee_id, customer_id, priority, ticket_type_id, is_open, created_at, assigned_at,
         closed_at, working_to_assign, working_to_close, sla_reached_late, sla_deadline,
         sla_deadline_nanos, tags);",
    // 14: users name the zone they work in (CAL-11); existing ones none,
    // written as serde writes it (the new field last).
    "UPDATE records SET data = substr(data, 1, length(data) - 1) || ',\"time_zone\":null}'
         WHERE kind = 'user';",
    // 15: teams have an e-mail alias (MAIL-1), existing ones none; outbox
    // messages name their event (OUT-1), with a payload and, for e-mails,
    // headers (OUT-2). Messages recorded before carry the event their kind,
    // template and subject tell (a reply: the desk's), an empty payload
    // and no headers. Written as serde writes them (the new fields last).
    "UPDATE records SET data = substr(data, 1, length(data) - 1) || ',\"email_alias\":null}'
         WHERE kind = 'team';
     UPDATE outbox SET data = substr(data, 1, length(data) - 1) || ',\"event\":\"' ||
         CASE json_extract(data, '$.kind')
             WHEN 'email_template' THEN 'stage_email'
             WHEN 'sms_template' THEN 'stage_sms'
             WHEN 'rating_request' THEN 'rating_request'
             WHEN 'opportunity_created' THEN 'opportunity_created'
             ELSE CASE json_extract(data, '$.template')
                 WHEN 'helpdesk.coupon' THEN 'coupon_sent'
                 WHEN 'helpdesk.upsell' THEN 'upsell_alert'
                 ELSE CASE WHEN json_extract(data, '$.subject') LIKE 'Re: %' THEN 'agent_reply' ELSE 'ticket_assigned' END
             END
         END || '\",\"payload\":{},\"mail\":null}';",
    // 16: partners are found by their e-mail address (IMP-1, MAIL-1): the
    // stored ones get the key in Rust (`PARTNER_EMAILS`: it is a SHA-256).
    "SELECT 1;",
    // 17: companies say how they take in e-mail (MAIL-1, MAIL-3, MAIL-4),
    // existing ones with the defaults; messages carry their attachments
    // (MAIL-4), existing ones none. Written as serde writes them (the new
    // field last).
    "UPDATE records SET data = substr(data, 1, length(data) - 1) ||
         ',\"mail\":{\"default_team\":null,\"tickets_per_sender_per_hour\":10,\"max_kept_attachment_bytes\":10485760}}'
         WHERE kind = 'company';
     UPDATE messages SET data = substr(data, 1, length(data) - 1) || ',\"attachments\":[]}';",
];

/// The schema version from which partners carry their e-mail key.
const PARTNER_EMAILS: i64 = 16;

/// The first schema version whose records carry their company and keys.
const INDEXED_RECORDS: i64 = 5;

/// A company's records of a kind ([`RecordQuery::InCompany`]). The index
/// is named: without statistics SQLite prefers the primary key (kind, id)
/// for its order, and filters every company's records of the kind.
const RECORDS_IN_COMPANY: &str = "SELECT data FROM records INDEXED BY records_by_company
     WHERE company_id = ?1 AND kind = ?2 ORDER BY id";

/// A company's (or, as company 0, the shared) records of a kind with a key
/// ([`RecordQuery::ByKey`], [`RecordQuery::Shared`]).
const RECORDS_BY_KEY: &str =
    "SELECT r.data FROM record_keys k JOIN records r ON r.kind = k.kind AND r.id = k.id
     WHERE k.company_id = ?1 AND k.kind = ?2 AND k.key = ?3 AND k.value = ?4
     ORDER BY k.id";

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
    /// The connection; `None` once [`Store::close`] closed it.
    connection: Mutex<Option<Connection>>,
    /// Team loads as last read or written through this store, so that an
    /// assignment does not read a team's counters at every choice.
    loads: Mutex<LoadCache>,
}

/// The [`TeamLoad`]s a store knows, valid while no other connection has
/// committed: `PRAGMA data_version` changes when one has.
#[derive(Debug, Default)]
struct LoadCache {
    version: Option<i64>,
    teams: HashMap<TeamId, TeamLoad>,
}

/// A shared SQL parameter as SQLite binds it.
fn value(param: &Param) -> Value {
    match param {
        Param::Int(v) => Value::Integer(*v),
        Param::Text(v) => Value::Text(v.clone()),
    }
}

fn storage(e: rusqlite::Error) -> Error {
    Error::storage(e)
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
        // A 64 MiB page cache (SQLite's default is 2 MiB): the indexes a
        // unit of work walks stay in memory however many companies the file
        // holds, so a large file costs what a small one does.
        connection
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 10000;
                 PRAGMA cache_size = -65536;",
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
        // Plans that do not depend on the values bound: without it SQLite
        // prepares a cached statement anew whenever a value its estimates
        // looked at changes (an id between -1 and 1 or not), which was a
        // third of a ticket creation's time. Every query here goes through
        // the index it is written for anyway.
        connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(corrupt)?;
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
            let reached = index as i64 + 1;
            if reached == INDEXED_RECORDS {
                index_stored_records(&tx, None)?;
            }
            if reached == PARTNER_EMAILS {
                index_stored_records(&tx, Some(RecordKind::Partner))?;
            }
            tx.pragma_update(None, "user_version", reached)
                .map_err(storage)?;
        }
        tx.commit().map_err(storage)?;
        Ok(Self {
            connection: Mutex::new(Some(connection)),
            loads: Mutex::default(),
        })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        let guard = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        guard
            .as_ref()
            .ok_or_else(Error::closed)?
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(storage)
    }
}

/// Gives every stored record (or those of kind `only`) its company and
/// keys as this version computes them: records stored before version 5,
/// partners before version 16.
fn index_stored_records(tx: &rusqlite::Transaction<'_>, only: Option<RecordKind>) -> Result<()> {
    let rows: Vec<(String, i64, String)> = {
        let mut statement = tx
            .prepare("SELECT kind, id, data FROM records WHERE ?1 IS NULL OR kind = ?1")
            .map_err(storage)?;
        let rows = statement
            .query_map([only.map(RecordKind::name)], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .map_err(storage)?;
        rows.collect::<rusqlite::Result<_>>().map_err(storage)?
    };
    let mut unit = Unit::new(tx, None);
    for (kind, id, json) in rows {
        let kind = RecordKind::ALL
            .into_iter()
            .find(|k| k.name() == kind)
            .ok_or_else(|| Error::Storage {
                message: format!("a stored record has an unknown kind {kind:?}"),
            })?;
        let (company, keys) = crate::desk::index_of(kind, &json)?;
        unit.put_record(&StoredRecord {
            kind,
            id,
            company,
            keys: &keys,
            json: &json,
        })?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let mut guard = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let connection = guard.as_mut().ok_or_else(Error::closed)?;
        // VIS-13: reads never write. A read runs with `query_only`, so a
        // write inside one fails at once (a bug every test on this store
        // would show) instead of contending for the file's write lock. Set
        // for every unit, so that no state outlives one that panicked.
        connection
            .execute_batch(match mode {
                WorkMode::Read => "PRAGMA query_only = ON",
                WorkMode::Write => "PRAGMA query_only = OFF",
            })
            .map_err(storage)?;
        self.run_unit(connection, mode, work)
    }

    fn snapshot(&self) -> Result<String> {
        let guard = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let connection = guard.as_ref().ok_or_else(Error::closed)?;
        let mut out = String::new();
        let queries = [
            "SELECT 'sequence', name || ' ' || value FROM sequences ORDER BY name",
            "SELECT 'record', kind || ' ' || id || ' ' || data FROM records ORDER BY kind, id",
            "SELECT 'record_key', kind || ' ' || company_id || ' ' || key || ' ' || value || ' ' || id
             FROM record_keys ORDER BY kind, company_id, key, value, id",
            "SELECT 'ticket', id || ' ' || data FROM tickets ORDER BY id",
            "SELECT 'follower', target_kind || ' ' || target_id || ' ' || partner_id FROM followers ORDER BY 2",
            "SELECT 'message', data FROM messages ORDER BY id",
            "SELECT 'stage_change', data FROM stage_changes ORDER BY ticket_id, seq",
            "SELECT 'outbox', acknowledged || ' ' || data FROM outbox ORDER BY id",
            "SELECT 'outbox_claim', id || ' ' || claimed_until FROM outbox
             WHERE claimed_until IS NOT NULL ORDER BY id",
            "SELECT 'sla_status', data FROM sla_statuses ORDER BY ticket_id, policy_id",
            // Derived data, dumped anyway: a dump comparison then also
            // catches a load that drifted from the tickets.
            "SELECT 'team_last_assignee', team_id || ' ' || user_id FROM team_last_assignees ORDER BY team_id",
            "SELECT 'team_open', team_id || ' ' || user_id || ' ' || open FROM team_open_loads ORDER BY team_id, user_id",
            "SELECT 'coupon', id || ' ' || data FROM coupons ORDER BY id",
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

    /// Closes the connection (and so the file, after SQLite's final
    /// checkpoint of the WAL); later units of work are `invalid_state`.
    /// Closing twice is harmless.
    fn close(&self) -> Result<()> {
        let taken = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        match taken {
            Some(connection) => connection.close().map_err(|(_, e)| storage(e)),
            None => Ok(()),
        }
    }

    /// Copies the whole database to a new SQLite file at `to`, as of one
    /// instant, with SQLite's online backup: one read transaction copies
    /// every page, so writers (in WAL mode) go on while it runs. The copy
    /// is a store that [`SqliteStore::open`] opens like the original.
    fn backup(&self, to: &Path) -> Result<()> {
        let guard = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let source = guard.as_ref().ok_or_else(Error::closed)?;
        if to.exists() {
            return Err(Error::invalid(
                "to",
                format!("{} exists: a backup never overwrites a file", to.display()),
            ));
        }
        let mut target = Connection::open(to).map_err(storage)?;
        let backup = rusqlite::backup::Backup::new(source, &mut target).map_err(storage)?;
        // -1: every page in one step, under one read snapshot.
        backup.step(-1).map_err(storage)?;
        Ok(())
    }
}

/// One SQLite transaction seen as a [`Transaction`].
struct Unit<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    /// The store's known loads, current for this unit of work.
    known: Option<&'a HashMap<TeamId, TeamLoad>>,
    /// Loads this unit of work read or changed (`None`: changed, unknown),
    /// for the store to keep once it commits.
    loads: HashMap<TeamId, Option<TeamLoad>>,
}

impl<'a> Unit<'a> {
    fn new(
        tx: &'a rusqlite::Transaction<'a>,
        known: Option<&'a HashMap<TeamId, TeamLoad>>,
    ) -> Self {
        Self {
            tx,
            known,
            loads: HashMap::new(),
        }
    }

    /// The load of `team` as known to this unit of work, if it is.
    fn known_load(&self, team: TeamId) -> Option<TeamLoad> {
        match self.loads.get(&team) {
            Some(load) => load.clone(),
            None => self.known.and_then(|k| k.get(&team)).cloned(),
        }
    }

    /// Applies to the known load of `team` what `put_ticket` wrote.
    fn adjust_load(&mut self, team: TeamId, change: impl FnOnce(&mut TeamLoad)) {
        let load = self.known_load(team).map(|mut load| {
            change(&mut load);
            load
        });
        self.loads.insert(team, load);
    }
}

fn target(target: Followable) -> (&'static str, i64) {
    match target {
        Followable::Team(id) => ("team", id.0),
        Followable::Ticket(id) => ("ticket", id.0),
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

    /// What the team loads know of the stored version of a ticket, from its
    /// columns (no JSON parsing on the write path).
    fn placement(&self, id: TicketId) -> Result<Option<Placement>> {
        self.tx
            .prepare_cached(
                "SELECT team_id, assignee_id, is_open, active FROM tickets WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id.0], |row| {
                    Ok(Placement {
                        team: row.get::<_, Option<i64>>(0)?.map(TeamId),
                        assignee: row.get::<_, Option<i64>>(1)?.map(UserId),
                        open: row.get(2)?,
                        active: row.get(3)?,
                    })
                })
                .optional()
            })
            .map_err(storage)
    }

    /// The records of `kind` of `company` (0: shared) with `key`.
    fn keyed(&self, kind: RecordKind, company: i64, key: RecordKey) -> Result<Vec<String>> {
        self.strings(
            RECORDS_BY_KEY,
            params![company, kind.name(), key.name(), key.value()],
        )
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

    fn next_ticket_ids(&mut self, company: CompanyId) -> Result<(TicketId, i64)> {
        let (ids, numbers) = (
            Sequence::Ticket.name(),
            Sequence::TicketNumber(company).name(),
        );
        let mut statement = self
            .tx
            .prepare_cached(
                "INSERT INTO sequences (name, value) VALUES (?1, 1), (?2, 1)
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING name, value",
            )
            .map_err(storage)?;
        let rows = statement
            .query_map(params![ids, numbers], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(storage)?;
        let (mut id, mut number) = (None, None);
        for row in rows {
            let (name, value) = row.map_err(storage)?;
            if name == ids {
                id = Some(TicketId(value));
            } else {
                number = Some(value);
            }
        }
        id.zip(number).ok_or_else(|| Error::Internal {
            message: "the ticket sequences returned no value".into(),
        })
    }

    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()> {
        let (kind, id) = (record.kind.name(), record.id);
        let company = record.company.map_or(0, |c| c.0);
        self.tx
            .prepare_cached("DELETE FROM record_keys WHERE kind = ?1 AND id = ?2")
            .and_then(|mut s| s.execute(params![kind, id]))
            .map_err(storage)?;
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO records (kind, id, company_id, data) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| s.execute(params![kind, id, company, record.json]))
            .map_err(storage)?;
        for key in record.keys {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO record_keys (company_id, kind, key, value, id)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut s| s.execute(params![company, kind, key.name(), key.value(), id]))
                .map_err(storage)?;
        }
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

    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>> {
        match *query {
            RecordQuery::InCompany(company) => {
                self.strings(RECORDS_IN_COMPANY, params![company.0, kind.name()])
            }
            RecordQuery::ByKey(company, key) => self.keyed(kind, company.0, key),
            RecordQuery::Shared(key) => self.keyed(kind, 0, key),
        }
    }

    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool> {
        self.tx
            .prepare_cached("DELETE FROM record_keys WHERE kind = ?1 AND id = ?2")
            .and_then(|mut s| s.execute(params![kind.name(), id]))
            .map_err(storage)?;
        let deleted = self
            .tx
            .prepare_cached("DELETE FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut s| s.execute(params![kind.name(), id]))
            .map_err(storage)?;
        Ok(deleted > 0)
    }

    fn put_ticket(&mut self, t: &Ticket) -> Result<()> {
        let old = self.placement(t.id)?;
        let data = json(t)?;
        let tags = json(&t.tags)?;
        let (deadline, deadline_nanos) = match t.sla_deadline.map(instant) {
            Some((seconds, nanos)) => (Some(seconds), nanos),
            None => (None, 0),
        };
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO tickets (id, company_id, team_id, stage_id, assignee_id, customer_id,
                 priority, is_open, active, subject, last_activity_at, sla_deadline, sla_deadline_nanos,
                 sla_reached_late, data, ticket_type_id, created_at, assigned_at, closed_at,
                 working_to_assign, working_to_close, tags)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22)",
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
                    deadline,
                    deadline_nanos,
                    t.sla_reached_late,
                    data,
                    t.ticket_type.map(|v| v.0),
                    t.created_at.timestamp(),
                    t.assigned_at.map(|at| at.timestamp()),
                    t.closed_at.map(|at| at.timestamp()),
                    t.working_seconds_to_assign,
                    t.working_seconds_to_close,
                    tags
                ])
            })
            .map_err(storage)?;
        let change = LoadChange::between(old.as_ref(), &Placement::of(t));
        if let Some((team, user)) = change.leaves {
            self.tx
                .prepare_cached(
                    "UPDATE team_open_loads SET open = open - 1 WHERE team_id = ?1 AND user_id = ?2",
                )
                .and_then(|mut s| s.execute([team.0, user.0]))
                .map_err(storage)?;
            self.tx
                .prepare_cached(
                    "DELETE FROM team_open_loads WHERE team_id = ?1 AND user_id = ?2 AND open <= 0",
                )
                .and_then(|mut s| s.execute([team.0, user.0]))
                .map_err(storage)?;
        }
        if let Some((team, user)) = change.enters {
            self.tx
                .prepare_cached(
                    "INSERT INTO team_open_loads (team_id, user_id, open) VALUES (?1, ?2, 1)
                     ON CONFLICT (team_id, user_id) DO UPDATE SET open = open + 1",
                )
                .and_then(|mut s| s.execute([team.0, user.0]))
                .map_err(storage)?;
        }
        if let Some((team, user)) = change.assigned {
            self.tx
                .prepare_cached(
                    "INSERT INTO team_last_assignees (team_id, user_id) VALUES (?1, ?2)
                     ON CONFLICT (team_id) DO UPDATE SET user_id = excluded.user_id",
                )
                .and_then(|mut s| s.execute([team.0, user.0]))
                .map_err(storage)?;
        }
        for team in change.teams() {
            self.adjust_load(team, |load| change.apply(team, load));
        }
        Ok(())
    }

    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad> {
        if let Some(load) = self.known_load(team) {
            return Ok(load);
        }
        let last_assignee: Option<i64> = self
            .tx
            .prepare_cached("SELECT user_id FROM team_last_assignees WHERE team_id = ?1")
            .and_then(|mut s| s.query_row([team.0], |row| row.get(0)).optional())
            .map_err(storage)?;
        let mut statement = self
            .tx
            .prepare_cached(
                "SELECT user_id, open FROM team_open_loads WHERE team_id = ?1 ORDER BY user_id",
            )
            .map_err(storage)?;
        let open = statement
            .query_map([team.0], |row| {
                Ok((UserId(row.get(0)?), row.get::<_, i64>(1)?.unsigned_abs()))
            })
            .map_err(storage)?
            .collect::<rusqlite::Result<_>>()
            .map_err(storage)?;
        let load = TeamLoad {
            last_assignee: last_assignee.map(UserId),
            open,
        };
        self.loads.insert(team, Some(load.clone()));
        Ok(load)
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
        at: DateTime<Utc>,
        sort: TicketSort,
        after: Option<SortKey>,
        limit: usize,
    ) -> Result<Vec<Ticket>> {
        let (sql, values) = Conditions::listing(scope, filter, at, "subject", sort, after, limit);
        let rows = self.strings(&sql, params_from_iter(values.iter().map(value)))?;
        rows.iter().map(|d| parse("ticket", d)).collect()
    }

    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>> {
        // Summed here rather than by GROUP BY, which SQLite sorts: hashing
        // the rows of the covering index is about three times faster (and
        // reading a ticket's tags here than joining SQLite's json_each).
        let (sql, values) = report_rows(Dialect::Sqlite, scope, filter, buckets);
        let keys = buckets.len();
        let mut statement = self.tx.prepare_cached(&sql).map_err(storage)?;
        let mut rows = statement
            .query(params_from_iter(values.iter().map(value)))
            .map_err(storage)?;
        let mut groups = Groups::default();
        let mut key_lists: Vec<Vec<Option<i64>>> = vec![Vec::with_capacity(1); keys];
        let second = at.timestamp();
        while let Some(row) = rows.next().map_err(storage)? {
            read_keys(row, buckets, &mut key_lists)?;
            let mut fact = [None; FACTS];
            for (n, slot) in fact.iter_mut().enumerate() {
                *slot = row.get(keys + n).map_err(storage)?;
            }
            groups.add(&key_lists, &facts(|n| fact[n], at), second);
        }
        Ok(groups.into_sorted())
    }

    fn ticket_report_keys(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketKeys>> {
        let with_id: Vec<TicketBucket> = std::iter::once(TicketBucket::Ticket)
            .chain(buckets.iter().cloned())
            .collect();
        let (sql, values) = report_rows(Dialect::Sqlite, scope, filter, &with_id);
        let mut statement = self.tx.prepare_cached(&sql).map_err(storage)?;
        let mut rows = statement
            .query(params_from_iter(values.iter().map(value)))
            .map_err(storage)?;
        let mut found = Vec::new();
        let mut key_lists: Vec<Vec<Option<i64>>> = vec![Vec::with_capacity(1); with_id.len()];
        while let Some(row) = rows.next().map_err(storage)? {
            read_keys(row, &with_id, &mut key_lists)?;
            if let Some(Some(id)) = key_lists[0].first() {
                found.push(TicketKeys {
                    ticket: TicketId(*id),
                    keys: key_lists[1..].to_vec(),
                });
            }
        }
        found.sort_by_key(|k| k.ticket);
        Ok(found)
    }

    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64> {
        let (sql, values) = Conditions::count(scope, filter, at, "subject");
        let count: i64 = self
            .tx
            .query_row(&sql, params_from_iter(values.iter().map(value)), |row| {
                row.get(0)
            })
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
            .prepare_cached(
                "INSERT OR REPLACE INTO messages (id, ticket_id, data) VALUES (?1, ?2, ?3)",
            )
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
            .prepare_cached(
                "INSERT INTO stage_changes (ticket_id, seq, data) VALUES (?1,
                 (SELECT coalesce(max(seq), 0) + 1 FROM stage_changes WHERE ticket_id = ?1), ?2)",
            )
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

    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
        check_statuses_of(ticket, statuses)?;
        self.tx
            .prepare_cached("DELETE FROM sla_statuses WHERE ticket_id = ?1")
            .and_then(|mut s| s.execute([ticket.0]))
            .map_err(storage)?;
        for status in statuses {
            let data = json(status)?;
            let (created, created_nanos) = instant(status.ticket_created_at);
            // OR REPLACE: a policy given twice keeps its last status, as in
            // the memory store.
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO sla_statuses (ticket_id, policy_id, company_id, team_id,
                     ticket_created_at, ticket_created_at_nanos, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        ticket.0,
                        status.policy.0,
                        status.company.0,
                        status.team.0,
                        created,
                        created_nanos,
                        data
                    ])
                })
                .map_err(storage)?;
        }
        Ok(())
    }

    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>> {
        let rows = self.strings(
            "SELECT data FROM sla_statuses WHERE ticket_id = ?1 ORDER BY policy_id",
            [ticket.0],
        )?;
        rows.iter().map(|d| parse("SLA status", d)).collect()
    }

    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>> {
        let q = Conditions::sla_statuses(query);
        let sql = format!(
            "SELECT data FROM sla_statuses WHERE {} ORDER BY ticket_id, policy_id",
            q.clause()
        );
        let rows = self.strings(&sql, params_from_iter(q.values.iter().map(value)))?;
        rows.iter().map(|d| parse("SLA status", d)).collect()
    }

    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()> {
        let data = json(coupon)?;
        // An upsert on the id only: `INSERT OR REPLACE` would also resolve a
        // clash on the code by deleting the other coupon. A clash on the
        // code aborts this statement alone (nothing written) and is the
        // caller's conflict, not a storage failure.
        let result = self
            .tx
            .prepare_cached(
                "INSERT INTO coupons (id, company_id, code, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET
                     company_id = excluded.company_id, code = excluded.code, data = excluded.data",
            )
            .and_then(|mut s| s.execute(params![coupon.id.0, coupon.company.0, coupon.code, data]));
        match result {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Err(coupon_code_taken(coupon))
            }
            Err(e) => Err(storage(e)),
        }
    }

    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>> {
        let data: Option<String> = self
            .tx
            .prepare_cached("SELECT data FROM coupons WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0], |row| row.get(0)).optional())
            .map_err(storage)?;
        data.map(|d| parse("coupon", &d)).transpose()
    }

    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>> {
        let data: Option<String> = self
            .tx
            .prepare_cached("SELECT data FROM coupons WHERE company_id = ?1 AND code = ?2")
            .and_then(|mut s| {
                s.query_row(params![company.0, code], |row| row.get(0))
                    .optional()
            })
            .map_err(storage)?;
        data.map(|d| parse("coupon", &d)).transpose()
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

    fn claim_outbox(
        &mut self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let until = claim_end(until);
        let mut claimed = Vec::new();
        {
            let mut select = self
                .tx
                .prepare_cached(
                    "SELECT id, data FROM outbox
                     WHERE acknowledged = 0 AND (claimed_until IS NULL OR claimed_until <= ?1)
                     ORDER BY id LIMIT ?2",
                )
                .map_err(storage)?;
            let rows = select
                .query_map(params![now.timestamp(), limit], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                })
                .map_err(storage)?;
            for row in rows {
                claimed.push(row.map_err(storage)?);
            }
        }
        let mut update = self
            .tx
            .prepare_cached("UPDATE outbox SET claimed_until = ?1 WHERE id = ?2")
            .map_err(storage)?;
        for (id, _) in &claimed {
            update.execute(params![until, id]).map_err(storage)?;
        }
        claimed
            .iter()
            .map(|(_, data)| parse("outbox message", data))
            .collect()
    }
}

/// The keys of a row of [`report_rows`] in `buckets`, into `lists` (one
/// per bucket): the tags of the tag bucket (one `None` without), the day
/// of a day bucket, else the column.
fn read_keys(
    row: &rusqlite::Row<'_>,
    buckets: &[TicketBucket],
    lists: &mut [Vec<Option<i64>>],
) -> Result<()> {
    for (n, (list, bucket)) in lists.iter_mut().zip(buckets).enumerate() {
        list.clear();
        if *bucket == TicketBucket::Tag {
            // A ticket counts once per tag, once with none.
            let tags: String = row.get(n).map_err(storage)?;
            let tags: Vec<i64> = parse("ticket's tags", &tags)?;
            list.extend(tags.into_iter().map(Some));
            if list.is_empty() {
                list.push(None);
            }
            continue;
        }
        let key: Option<i64> = row.get(n).map_err(storage)?;
        list.push(match bucket {
            TicketBucket::CreatedDay(zone) | TicketBucket::ClosedDay(zone) => {
                key.map(|at| zone.day(at))
            }
            _ => key,
        });
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The plan SQLite chooses for `sql`, one step a line.
    fn plan(store: &SqliteStore, sql: &str) -> String {
        let guard = store.connection.lock().unwrap();
        let connection = guard.as_ref().unwrap();
        let mut statement = connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let values: Vec<Value> = [
            Value::Integer(1),
            Value::Text("invoice".into()),
            Value::Text("customer".into()),
            Value::Integer(1),
        ]
        .into_iter()
        .take(statement.parameter_count())
        .collect();
        let rows = statement
            .query_map(params_from_iter(values), |row| row.get::<_, String>(3))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    /// No record query walks the records of other companies: each
    /// searches an index by company first (the counting test cannot see
    /// inside a store; this sees inside this one).
    #[test]
    fn record_queries_search_by_company_first() {
        let store = SqliteStore::in_memory().unwrap();
        let in_company = plan(&store, RECORDS_IN_COMPANY);
        assert!(
            in_company.contains("records_by_company (company_id=? AND kind=?)"),
            "{in_company}"
        );
        let by_key = plan(&store, RECORDS_BY_KEY);
        assert!(
            by_key.contains("k USING PRIMARY KEY (company_id=? AND kind=? AND key=? AND value=?)")
                && by_key.contains("r USING PRIMARY KEY (kind=? AND id=?)"),
            "{by_key}"
        );
        assert!(!in_company.contains("SCAN") && !by_key.contains("SCAN"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod plan_stability {
    use super::*;
    use rusqlite::StatementStatus;

    /// A cached statement is prepared once, whatever values are bound to
    /// it (a statement prepared anew at each execution made a ticket
    /// creation a third slower).
    #[test]
    fn cached_statements_are_not_prepared_again_for_new_values() {
        let store = SqliteStore::in_memory().unwrap();
        let guard = store.connection.lock().unwrap();
        let connection = guard.as_ref().unwrap();
        for sql in [RECORDS_BY_KEY, RECORDS_IN_COMPANY] {
            let mut statement = connection.prepare(sql).unwrap();
            let count = statement.parameter_count();
            for company in [0, 1, 2, 1, 7] {
                let values: Vec<Value> = [
                    Value::Integer(company),
                    Value::Text("invoice".into()),
                    Value::Text("customer".into()),
                    Value::Integer(company + 1),
                ]
                .into_iter()
                .take(count)
                .collect();
                let mut rows = statement.query(params_from_iter(values)).unwrap();
                while rows.next().unwrap().is_some() {}
            }
            assert_eq!(statement.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
    }
}

impl SqliteStore {
    /// One unit of work on `connection` (see [`Store::unit_of_work`]).
    fn run_unit(
        &self,
        connection: &mut rusqlite::Connection,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let behavior = match mode {
            WorkMode::Read => TransactionBehavior::Deferred,
            WorkMode::Write => TransactionBehavior::Immediate,
        };
        let tx = connection
            .transaction_with_behavior(behavior)
            .map_err(storage)?;
        let mut loads = self.loads.lock().unwrap_or_else(PoisonError::into_inner);
        // The schema read starts a reader's snapshot, so that a commit of
        // another connection before it shows in the version read after it.
        let version: i64 = tx
            .query_row(
                "SELECT (SELECT count(*) FROM sqlite_master), data_version FROM pragma_data_version",
                [],
                |row| row.get(1),
            )
            .map_err(storage)?;
        if loads.version != Some(version) {
            loads.teams.clear();
            loads.version = Some(version);
        }
        let mut unit = Unit::new(&tx, Some(&loads.teams));
        work(&mut unit)?;
        let changed = std::mem::take(&mut unit.loads);
        match mode {
            WorkMode::Write => {
                tx.commit().map_err(storage)?;
                // Only once committed: a failed unit of work changes nothing.
                for (team, load) in changed {
                    match load {
                        Some(load) => loads.teams.insert(team, load),
                        None => loads.teams.remove(&team),
                    };
                }
                Ok(())
            }
            WorkMode::Read => {
                // Nothing written to keep (a read that wrote would be a
                // bug); the loads it read are those of the version above.
                tx.rollback().map_err(storage)?;
                for (team, load) in changed {
                    if let Some(load) = load {
                        loads.teams.insert(team, load);
                    }
                }
                Ok(())
            }
        }
    }
}
