//! The store for many application servers: one PostgreSQL database shared
//! by every desk that opens it.
//!
//! # Concurrency
//!
//! A unit of work that writes is a `SERIALIZABLE` transaction: it commits
//! only if the result is one that running the units one at a time could
//! have given, so every rule the desk checks by reading then writing (a
//! single-use coupon, a team's assignment loads, a ticket's fields) holds
//! across servers without a lock of the store's own. Two units that did
//! interfere do not wait for each other: PostgreSQL cancels one of them
//! (a serialization failure or a deadlock), and the store runs it again,
//! up to [`MAX_ATTEMPTS`] times with a short random pause, invisibly to the
//! caller. What waits is what must, on advisory locks taken where units
//! would otherwise conflict on the same rows:
//! - the numbers a company or journal gives in order (tickets `#42`,
//!   invoices and credit notes, orders, returns, repairs) are rows of
//!   `counters` updated in the unit of work: gapless, and taken by one
//!   unit at a time per company or journal (a lock per counter);
//! - a team's assignment loads are read and written by one unit at a time
//!   (a lock per team, ASG-7), so that two units never choose from the
//!   same loads;
//! - identifiers come from PostgreSQL sequences, which never wait (an id a
//!   cancelled unit took is skipped: ids are unique and increasing, not
//!   gapless);
//! - a unit that reads only is a `REPEATABLE READ READ ONLY` transaction:
//!   one consistent view, never waiting and never cancelled.
//!
//! A unit claims such a lock when it first needs it, without waiting: if
//! another unit holds it, this run ends at once (its snapshot predates
//! what the holder will write, so it could not commit anyway), and the
//! next run takes every lock the unit claimed before its transaction
//! begins, waiting for the holders, then reads what they wrote. Locks
//! taken before a run are taken in one order, and a run never waits for
//! a lock, so units never deadlock on them.
//!
//! So writes of two companies never wait for each other (they share no
//! lock and no row), and they seldom cancel each other: PostgreSQL marks
//! what a unit read by index page, not by row, where a unit reads several
//! rows of a page, so the tables are laid out for units of different
//! companies to read few pages the others write (one row per team's loads,
//! stage changes ordered by a sequence: see migration 3), and the
//! connections do not scan tables sequentially (a sequential scan marks a
//! whole table as read). The README gives the measured retries.
//!
//! Durability is the server's: with `synchronous_commit = on` (PostgreSQL's
//! default) a unit of work that returned is on disk.
//!
//! # Location
//!
//! `postgres://user:password@host:port/database?schema=desk&pool_size=8`,
//! or the `key=value` form; every parameter of the `postgres` client is
//! accepted (`connect_timeout`, in seconds, defaults to 10; `sslmode` must
//! be `disable` or `prefer`: this build connects without TLS, over a
//! private network or a Unix socket). Two parameters are the store's own:
//! - `schema`: the PostgreSQL schema the desk's tables live in (created if
//!   missing), so that several desks, or a desk and other applications,
//!   share one database; `public` when absent;
//! - `pool_size`: the most connections this store holds (default 8).

use super::semantics::{check_statuses_of, claim_end, coupon_code_taken, LoadChange, Placement};
use super::sql::{aggregate_row, aggregation, report_rows, Dialect, AGGREGATE_SUMS};
use super::sql::{instant, json, numbered, parse, Conditions, Param};
use super::TicketSort;
use super::{Followable, RecordKind, Sequence, SortKey, Store, Transaction, WorkMode};
use super::{RecordKey, RecordQuery, SlaStatusQuery, StoredRecord, TeamLoad, TicketFilter};
use super::{ReportFilter, TicketAggregate, TicketBucket, TicketKeys};
use crate::access::TicketScope;
use crate::ids::{CompanyId, CouponId, OutboxId, PartnerId, TeamId, TicketId, UserId};
use crate::model::{Coupon, Message, OutboxMessage, SlaStatus, StageChange, Ticket};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, NoTls, Row, Statement};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

/// The schema, one migration per version; `helpdesk_schema.version`
/// records how many were applied. Never edit a released migration: append
/// a new one.
///
/// Flags are integers 0/1 and instants whole seconds plus nanoseconds, as
/// in the SQLite store, so that both run the same listing SQL.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
     CREATE TABLE records (
         kind TEXT NOT NULL, id BIGINT NOT NULL, company_id BIGINT NOT NULL, data TEXT NOT NULL,
         PRIMARY KEY (kind, id));
     CREATE INDEX records_by_company ON records (company_id, kind, id);
     CREATE TABLE record_keys (
         company_id BIGINT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
         value BIGINT NOT NULL, id BIGINT NOT NULL,
         PRIMARY KEY (company_id, kind, key, value, id));
     CREATE INDEX record_keys_by_record ON record_keys (kind, id);
     CREATE TABLE tickets (
         id BIGINT PRIMARY KEY,
         company_id BIGINT NOT NULL,
         team_id BIGINT,
         stage_id BIGINT NOT NULL,
         assignee_id BIGINT,
         customer_id BIGINT,
         priority BIGINT NOT NULL,
         is_open BIGINT NOT NULL,
         active BIGINT NOT NULL,
         subject_folded TEXT NOT NULL,
         last_activity_at BIGINT NOT NULL,
         sla_deadline BIGINT,
         sla_deadline_nanos BIGINT NOT NULL,
         sla_reached_late BIGINT NOT NULL,
         data TEXT NOT NULL);
     CREATE INDEX tickets_by_team ON tickets (team_id, id);
     CREATE INDEX tickets_by_company ON tickets (company_id, active, id);
     CREATE INDEX tickets_by_priority ON tickets (company_id, active, priority, id);
     CREATE INDEX tickets_by_activity ON tickets (company_id, active, last_activity_at, id);
     CREATE INDEX tickets_by_assignee ON tickets (company_id, assignee_id, id)
         WHERE assignee_id IS NOT NULL;
     CREATE INDEX tickets_by_customer ON tickets (company_id, customer_id, id)
         WHERE customer_id IS NOT NULL;
     CREATE INDEX tickets_by_sla_deadline
         ON tickets (company_id, active, coalesce(sla_deadline, 9223372036854775807), id);
     CREATE TABLE followers (
         target_kind TEXT NOT NULL, target_id BIGINT NOT NULL, partner_id BIGINT NOT NULL,
         PRIMARY KEY (target_kind, target_id, partner_id));
     CREATE INDEX followers_by_partner ON followers (partner_id, target_kind, target_id);
     CREATE TABLE messages (id BIGINT PRIMARY KEY, ticket_id BIGINT NOT NULL, data TEXT NOT NULL);
     CREATE INDEX messages_by_ticket ON messages (ticket_id, id);
     CREATE TABLE stage_changes (
         ticket_id BIGINT NOT NULL, seq BIGINT NOT NULL, data TEXT NOT NULL,
         PRIMARY KEY (ticket_id, seq));
     CREATE TABLE outbox (
         id BIGINT PRIMARY KEY, acknowledged BIGINT NOT NULL, claimed_until BIGINT,
         data TEXT NOT NULL);
     CREATE INDEX outbox_pending ON outbox (id) WHERE acknowledged = 0;
     CREATE TABLE sla_statuses (
         ticket_id BIGINT NOT NULL,
         policy_id BIGINT NOT NULL,
         company_id BIGINT NOT NULL,
         team_id BIGINT NOT NULL,
         ticket_created_at BIGINT NOT NULL,
         ticket_created_at_nanos BIGINT NOT NULL,
         data TEXT NOT NULL,
         PRIMARY KEY (ticket_id, policy_id));
     CREATE INDEX sla_statuses_by_company
         ON sla_statuses (company_id, ticket_created_at, ticket_created_at_nanos);
     CREATE INDEX sla_statuses_by_team
         ON sla_statuses (team_id, ticket_created_at, ticket_created_at_nanos);
     CREATE TABLE team_open_loads (
         team_id BIGINT NOT NULL, user_id BIGINT NOT NULL, open BIGINT NOT NULL,
         PRIMARY KEY (team_id, user_id));
     CREATE TABLE team_last_assignees (team_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL);
     CREATE TABLE coupons (
         id BIGINT PRIMARY KEY, company_id BIGINT NOT NULL, code TEXT NOT NULL, data TEXT NOT NULL);
     CREATE UNIQUE INDEX coupons_by_code ON coupons (company_id, code);",
    // 2: ratings (RAT-1). Stages say whether they ask for a rating, and
    // outbox messages may carry a token: existing ones get `false` and
    // `null`, written as serde writes them (the new field last), so that a
    // dump does not depend on when a record was written.
    "UPDATE records SET data = left(data, -1) || ',\"rating_request\":false}'
         WHERE kind = 'stage';
     UPDATE outbox SET data = left(data, -1) || ',\"token\":null}';",
    // 3: a ticket's stage changes are ordered by one sequence for all
    // tickets, not by the ticket's greatest position plus one: reading
    // that greatest position locked (for serialization) an index page
    // shared with other companies' tickets, so concurrent creations
    // cancelled each other. It starts above every position already given.
    //
    // And a team's assignment loads are one row, read and written whole:
    // a unit reading one row of a team locks (for serialization) that row
    // only, where reading several rows of a page locked the page, and so
    // other teams' loads on it. Users and open counts are parallel arrays,
    // ordered by user, counts above zero.
    "CREATE SEQUENCE stage_change_seq;
     SELECT setval('stage_change_seq', coalesce((SELECT max(seq) FROM stage_changes), 0) + 1, false);
     CREATE TABLE team_loads (
         team_id BIGINT PRIMARY KEY, last_assignee BIGINT,
         users BIGINT[] NOT NULL, opens BIGINT[] NOT NULL);
     INSERT INTO team_loads (team_id, last_assignee, users, opens)
         SELECT t.team_id, a.user_id,
                coalesce(array_agg(o.user_id ORDER BY o.user_id) FILTER (WHERE o.open > 0), '{}'),
                coalesce(array_agg(o.open ORDER BY o.user_id) FILTER (WHERE o.open > 0), '{}')
         FROM (SELECT team_id FROM team_open_loads UNION SELECT team_id FROM team_last_assignees) t
         LEFT JOIN team_last_assignees a ON a.team_id = t.team_id
         LEFT JOIN team_open_loads o ON o.team_id = t.team_id
         GROUP BY t.team_id, a.user_id;
     DROP TABLE team_open_loads;
     DROP TABLE team_last_assignees;",
    // 4: reports (RPT-1). Tickets keep their working time to assignment
    // and to closing (for existing ones: known where the team has no
    // calendar, none otherwise, written as serde writes it),
    // and the columns a report groups and sums by, in one index that a
    // report reads without the tickets' data. Instants are whole seconds.
    "ALTER TABLE tickets ADD COLUMN ticket_type_id BIGINT,
         ADD COLUMN tags TEXT NOT NULL DEFAULT '[]',
         ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0,
         ADD COLUMN assigned_at BIGINT, ADD COLUMN closed_at BIGINT,
         ADD COLUMN working_to_assign BIGINT, ADD COLUMN working_to_close BIGINT;
     UPDATE tickets SET
         ticket_type_id = (data::jsonb ->> 'ticket_type')::bigint,
         tags = (data::jsonb -> 'tags')::text,
         created_at = floor(extract(epoch FROM (data::jsonb ->> 'created_at')::timestamptz))::bigint,
         assigned_at = floor(extract(epoch FROM (data::jsonb ->> 'assigned_at')::timestamptz))::bigint,
         closed_at = floor(extract(epoch FROM (data::jsonb ->> 'closed_at')::timestamptz))::bigint;
     UPDATE tickets t SET working_to_assign = t.assigned_at - t.created_at,
         working_to_close = t.closed_at - t.created_at
         WHERE t.team_id IS NULL OR NOT EXISTS (SELECT 1 FROM records r WHERE r.kind = 'team'
             AND r.id = t.team_id AND r.data::jsonb -> 'settings' ->> 'calendar' IS NOT NULL);
     UPDATE tickets SET data = left(data, -1)
         || ',\"working_seconds_to_assign\":' || coalesce(working_to_assign::text, 'null')
         || ',\"working_seconds_to_close\":' || coalesce(working_to_close::text, 'null') || '}';
     CREATE INDEX tickets_for_reports ON tickets (company_id, active, team_id, stage_id,
         assignee_id, customer_id, priority, ticket_type_id, is_open, created_at, assigned_at,
         closed_at, working_to_assign, working_to_close, sla_reached_late, sla_deadline,
         sla_deadline_nanos, tags);",
    // 5: users name the zone they work in (CAL-11); existing ones none,
    // written as serde writes it (the new field last).
    "UPDATE records SET data = left(data, -1) || ',\"time_zone\":null}' WHERE kind = 'user';",
    // 6: teams have an e-mail alias (MAIL-1); outbox messages name their
    // event (OUT-1), with a payload and headers (OUT-2): as the SQLite
    // store's migration 15.
    "UPDATE records SET data = left(data, -1) || ',\"email_alias\":null}' WHERE kind = 'team';
     UPDATE outbox SET data = left(data, -1) || ',\"event\":\"' ||
         CASE (data::jsonb)->>'kind'
             WHEN 'email_template' THEN 'stage_email'
             WHEN 'sms_template' THEN 'stage_sms'
             WHEN 'rating_request' THEN 'rating_request'
             WHEN 'opportunity_created' THEN 'opportunity_created'
             ELSE CASE (data::jsonb)->>'template'
                 WHEN 'helpdesk.coupon' THEN 'coupon_sent'
                 WHEN 'helpdesk.upsell' THEN 'upsell_alert'
                 ELSE CASE WHEN (data::jsonb)->>'subject' LIKE 'Re: %' THEN 'agent_reply' ELSE 'ticket_assigned' END
             END
         END || '\",\"payload\":{},\"mail\":null}';",
    // 7: partners are found by their e-mail address (IMP-1, MAIL-1): the
    // stored ones get the key in Rust (`PARTNER_EMAILS`: it is a SHA-256).
    "SELECT 1;",
    // 8: companies' e-mail settings and messages' attachments (MAIL-1,
    // MAIL-3, MAIL-4): as the SQLite store's migration 17.
    "UPDATE records SET data = left(data, -1) ||
         ',\"mail\":{\"default_team\":null,\"tickets_per_sender_per_hour\":10,\"max_kept_attachment_bytes\":10485760}}'
         WHERE kind = 'company';
     UPDATE messages SET data = left(data, -1) || ',\"attachments\":[]}';",
];

/// The schema version from which partners carry their e-mail key.
const PARTNER_EMAILS: i64 = 7;

/// The PostgreSQL schema version this build writes.
pub const POSTGRES_SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How many times a unit of work runs before a run of serialization
/// conflicts is reported as a storage error.
pub const MAX_ATTEMPTS: u32 = 30;

/// Connections a store holds at most, unless the location says otherwise.
const DEFAULT_POOL_SIZE: u32 = 8;

/// How long opening waits for the server, unless the location says.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A desk's store in a PostgreSQL database (see the module documentation
/// for what is locked when).
#[derive(Debug)]
pub struct PostgresStore {
    /// The connections; `None` once [`Store::close`] released them.
    pool: RwLock<Option<r2d2::Pool<Manager>>>,
}

/// What opens the pool's connections.
#[derive(Debug)]
struct Manager {
    config: postgres::Config,
    schema: Option<String>,
}

/// A pooled connection and the statements prepared on it.
struct Connection {
    client: Client,
    statements: HashMap<&'static str, Statement>,
    /// What the store's advisory lock keys are made from besides their
    /// names: the schema, so that desks in two schemas do not share keys.
    lock_space: String,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Connection;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<Connection, postgres::Error> {
        let mut client = self.config.connect(NoTls)?;
        if let Some(schema) = &self.schema {
            client.batch_execute(&format!("SET search_path TO {schema}"))?;
        }
        // A sequential scan in a SERIALIZABLE unit locks the whole table
        // for conflict detection, so that any write to it cancels the unit
        // (PostgreSQL's own advice for such workloads): every query here
        // has an index, and small tables must use it too.
        client.batch_execute("SET enable_seqscan = off")?;
        Ok(Connection {
            client,
            statements: HashMap::new(),
            lock_space: self.schema.clone().unwrap_or_default(),
        })
    }

    fn is_valid(&self, connection: &mut Connection) -> std::result::Result<(), postgres::Error> {
        connection.client.simple_query("").map(drop)
    }

    fn has_broken(&self, connection: &mut Connection) -> bool {
        connection.client.is_closed()
    }
}

/// The pieces of a location.
struct Location {
    config: postgres::Config,
    schema: Option<String>,
    pool_size: u32,
}

impl Location {
    /// Reads a location (see the module documentation); a bad one is
    /// `invalid_input` naming `location`, and never echoes a password.
    fn parse(text: &str) -> Result<Self> {
        let bad = |why: String| Error::invalid("location", why);
        let (mut schema, mut pool_size) = (None, DEFAULT_POOL_SIZE);
        let is_url = text.starts_with("postgres://") || text.starts_with("postgresql://");
        let mut rest: Vec<String> = Vec::new();
        let pairs: Vec<&str> = if is_url {
            text.split_once('?')
                .map(|(_, query)| query.split('&').collect())
                .unwrap_or_default()
        } else {
            text.split_whitespace().collect()
        };
        for pair in pairs {
            match pair.split_once('=') {
                Some(("schema", value)) => schema = Some(value.to_string()),
                Some(("pool_size", value)) => {
                    pool_size = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=1000).contains(n))
                        .ok_or_else(|| {
                            bad(format!("pool_size must be 1 to 1000, not {value:?}"))
                        })?;
                }
                _ => rest.push(pair.to_string()),
            }
        }
        if let Some(name) = &schema {
            let valid = name.len() <= 63
                && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(bad(format!(
                    "schema must be 1 to 63 lowercase ASCII letters, digits or _ (not starting with a digit), not {name:?}"
                )));
            }
        }
        let client_part = if is_url {
            let base = text.split_once('?').map_or(text, |(base, _)| base);
            if rest.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{}", rest.join("&"))
            }
        } else {
            rest.join(" ")
        };
        let mut config = postgres::Config::from_str(&client_part)
            .map_err(|e| bad(format!("not a PostgreSQL connection string: {e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
        }
        if config.get_ssl_mode() == postgres::config::SslMode::Require {
            return Err(bad(
                "sslmode=require: this build connects without TLS (use a private network or a Unix socket)".into(),
            ));
        }
        Ok(Self {
            config,
            schema,
            pool_size,
        })
    }

    /// Where the server is, for messages: hosts and ports, never a password.
    fn describe(&self) -> String {
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|host| match host {
                postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        let ports: Vec<String> = self.config.get_ports().iter().map(u16::to_string).collect();
        format!(
            "PostgreSQL at {} port {} database {}",
            hosts.join(","),
            if ports.is_empty() {
                "5432".into()
            } else {
                ports.join(",")
            },
            self.config.get_dbname().unwrap_or("(the user's)")
        )
    }
}

/// A PostgreSQL error as the desk reports it: its SQLSTATE and message.
fn storage(e: &postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => Error::Storage {
            message: format!("PostgreSQL {}: {}", db.code().code(), db.message()),
        },
        None => Error::Storage {
            message: format!("PostgreSQL: {e}"),
        },
    }
}

/// Whether running the unit of work again may succeed.
fn is_conflict(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(&SqlState::T_R_SERIALIZATION_FAILURE) | Some(&SqlState::T_R_DEADLOCK_DETECTED)
    )
}

/// The PostgreSQL sequence of an identifier sequence.
fn sequence_name(sequence: Sequence) -> String {
    format!("id_{}", sequence.name())
}

/// Every identifier sequence this build uses (each is created on open).
fn identifier_sequences() -> impl Iterator<Item = Sequence> {
    RecordKind::ALL.into_iter().map(Sequence::Record).chain([
        Sequence::Ticket,
        Sequence::Message,
        Sequence::Outbox,
        Sequence::Coupon,
    ])
}

impl PostgresStore {
    /// Opens the store at `location` (see the module documentation),
    /// creating its schema or migrating it. Waits for the server at most
    /// the location's `connect_timeout` (10 s by default).
    ///
    /// A bad location is `invalid_input` (field `location`); a server that
    /// cannot be reached or refuses the login is `storage`; a database
    /// written by a newer version is [`Error::SchemaTooNew`].
    pub fn open(location: &str) -> Result<Self> {
        let location = Location::parse(location)?;
        let unreachable = |e: postgres::Error| Error::Storage {
            message: format!("cannot connect to {}: {e}", location.describe()),
        };
        let mut client = location.config.connect(NoTls).map_err(unreachable)?;
        migrate(&mut client, location.schema.as_deref())?;
        drop(client);
        let pool = r2d2::Pool::builder()
            .max_size(location.pool_size)
            .min_idle(Some(0))
            .connection_timeout(
                location
                    .config
                    .get_connect_timeout()
                    .copied()
                    .unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            )
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(Manager {
                config: location.config,
                schema: location.schema,
            });
        Ok(Self {
            pool: RwLock::new(Some(pool)),
        })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        let mut connection = self.connection()?;
        connection
            .client
            .query_one("SELECT version FROM helpdesk_schema", &[])
            .map(|row| row.get(0))
            .map_err(|e| storage(&e))
    }

    fn connection(&self) -> Result<r2d2::PooledConnection<Manager>> {
        let pool = self
            .pool
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or_else(Error::closed)?;
        pool.get().map_err(|e| Error::Storage {
            message: format!("no PostgreSQL connection: {e}"),
        })
    }

    /// One run of a unit of work, holding the advisory locks of `held`
    /// (taken before the transaction begins, so that its snapshot follows
    /// every unit that held them before).
    fn attempt(
        connection: &mut Connection,
        mode: WorkMode,
        held: &BTreeSet<i64>,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Outcome {
        let Connection {
            client,
            statements,
            lock_space,
        } = connection;
        for key in held {
            if let Err(e) = client.execute("SELECT pg_advisory_lock($1)", &[key]) {
                return Outcome::Failed(storage(&e));
            }
        }
        let outcome = Self::transaction(client, statements, lock_space, mode, held, work);
        // Session locks outlive the transaction: release them whatever
        // its outcome (a broken connection releases them with itself).
        if !held.is_empty() {
            if let Err(e) = client.execute("SELECT pg_advisory_unlock_all()", &[]) {
                return Outcome::Failed(storage(&e));
            }
        }
        outcome
    }

    fn transaction(
        client: &mut Client,
        statements: &mut HashMap<&'static str, Statement>,
        lock_space: &str,
        mode: WorkMode,
        held: &BTreeSet<i64>,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Outcome {
        let tx = match mode {
            WorkMode::Read => client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start(),
            WorkMode::Write => client
                .build_transaction()
                .isolation_level(IsolationLevel::Serializable)
                .start(),
        };
        let tx = match tx {
            Ok(tx) => tx,
            Err(e) => return Outcome::Failed(storage(&e)),
        };
        let mut unit = Unit {
            tx,
            statements,
            writes: mode == WorkMode::Write,
            lock_space,
            held,
            claimed: BTreeSet::new(),
            busy: false,
            placements: HashMap::new(),
            conflict: false,
            failed: None,
        };
        let result = work(&mut unit);
        let Unit {
            tx,
            claimed,
            busy,
            conflict,
            failed,
            ..
        } = unit;
        let retry = Outcome::Retry { claimed, busy };
        match (result, failed) {
            (Err(_), _) | (Ok(()), Some(_)) if conflict => retry,
            (Err(e), _) => Outcome::Failed(e),
            // PostgreSQL aborts a transaction at its first failed statement
            // and then ends it with a rollback whatever is asked: work that
            // went on after a failure it swallowed must not look committed.
            (Ok(()), Some(e)) => Outcome::Failed(e),
            // A read commits too: ending it is all its commit does.
            (Ok(()), None) => match tx.commit() {
                Ok(()) => Outcome::Done,
                Err(e) if is_conflict(&e) => retry,
                Err(e) => Outcome::Failed(storage(&e)),
            },
        }
    }
}

/// How one run of a unit of work ended.
enum Outcome {
    Done,
    /// It failed for good.
    Failed(Error),
    /// It lost a conflict and may run again, then holding the locks it
    /// claimed from the start; `busy` when it stopped at a lock another
    /// unit held (waiting for that lock is then its pause).
    Retry {
        claimed: BTreeSet<i64>,
        busy: bool,
    },
}

/// The advisory lock key of `name` in `space`: FNV-1a, 64 bits (two names
/// sharing a key only makes their units wait for each other).
fn lock_key(space: &str, name: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in space.bytes().chain([0]).chain(name.bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// Creates or migrates the schema, one opener at a time.
fn migrate(client: &mut Client, schema: Option<&str>) -> Result<()> {
    let fail = |e: postgres::Error| storage(&e);
    let mut tx = client.transaction().map_err(fail)?;
    // One migrator per schema: the others wait here, then find it done.
    let name = schema.unwrap_or("public");
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtext('helpdesk schema ' || $1::text))",
        &[&name],
    )
    .map_err(fail)?;
    if let Some(schema) = schema {
        tx.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}; SET LOCAL search_path TO {schema}"
        ))
        .map_err(fail)?;
    }
    tx.batch_execute("CREATE TABLE IF NOT EXISTS helpdesk_schema (version BIGINT NOT NULL)")
        .map_err(fail)?;
    let version: i64 = match tx
        .query_opt("SELECT version FROM helpdesk_schema", &[])
        .map_err(fail)?
    {
        Some(row) => row.get(0),
        None => {
            tx.execute("INSERT INTO helpdesk_schema (version) VALUES (0)", &[])
                .map_err(fail)?;
            0
        }
    };
    if version > POSTGRES_SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: POSTGRES_SCHEMA_VERSION,
        });
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.batch_execute(migration).map_err(fail)?;
        let reached = index as i64 + 1;
        if reached == PARTNER_EMAILS {
            index_stored_records(&mut tx, RecordKind::Partner)?;
        }
        tx.execute("UPDATE helpdesk_schema SET version = $1", &[&reached])
            .map_err(fail)?;
    }
    for sequence in identifier_sequences() {
        tx.batch_execute(&format!(
            "CREATE SEQUENCE IF NOT EXISTS {}",
            sequence_name(sequence)
        ))
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

/// A short random pause before running a unit of work again, growing with
/// the attempts (up to about 50 ms), so that the units that collided do
/// not collide again.
fn pause(attempt: u32) {
    let mut seed = [0u8; 4];
    let jitter = match getrandom::fill(&mut seed) {
        Ok(()) => u64::from(u32::from_le_bytes(seed)),
        Err(_) => u64::from(attempt) * 7919,
    };
    let ceiling = 1000u64 << attempt.min(6);
    std::thread::sleep(Duration::from_micros(jitter % ceiling.min(50_000)));
}

/// One key of a record (`put_record`, and the migrations that give stored
/// records the keys a new version computes).
const INSERT_RECORD_KEY: &str = "INSERT INTO record_keys (company_id, kind, key, value, id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";

/// Gives the stored records of `kind` the keys this version computes, as
/// the SQLite store's `index_stored_records` does: partners stored before
/// version 7 (their e-mail address).
fn index_stored_records(tx: &mut postgres::Transaction<'_>, kind: RecordKind) -> Result<()> {
    let fail = |e: postgres::Error| storage(&e);
    let (record_kind, kind) = (kind, kind.name());
    let rows = tx
        .query(
            "SELECT id, company_id, data FROM records WHERE kind = $1",
            &[&kind],
        )
        .map_err(fail)?;
    for row in rows {
        let (id, company, json): (i64, i64, String) = (row.get(0), row.get(1), row.get(2));
        let (_, keys) = crate::desk::index_of(record_kind, &json)?;
        for key in keys {
            tx.execute(
                INSERT_RECORD_KEY,
                &[&company, &kind, &key.name(), &key.value(), &id],
            )
            .map_err(fail)?;
        }
    }
    Ok(())
}

impl Store for PostgresStore {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let mut connection = self.connection()?;
        let mut held = BTreeSet::new();
        for attempt in 1..=MAX_ATTEMPTS {
            match Self::attempt(&mut connection, mode, &held, work) {
                Outcome::Done => return Ok(()),
                Outcome::Failed(e) => return Err(e),
                Outcome::Retry { claimed, busy } => {
                    held.extend(claimed);
                    if !busy {
                        pause(attempt);
                    }
                }
            }
        }
        Err(Error::Storage {
            message: format!(
                "a unit of work lost a serialization conflict {MAX_ATTEMPTS} times in a row"
            ),
        })
    }

    fn snapshot(&self) -> Result<String> {
        let mut connection = self.connection()?;
        let client = &mut connection.client;
        let queries = [
            "SELECT 'counter', name || ' ' || value FROM counters ORDER BY name",
            "SELECT 'record', kind || ' ' || id || ' ' || data FROM records ORDER BY kind, id",
            "SELECT 'record_key', kind || ' ' || company_id || ' ' || key || ' ' || value || ' ' || id
             FROM record_keys ORDER BY kind, company_id, key, value, id",
            "SELECT 'ticket', id || ' ' || data FROM tickets ORDER BY id",
            "SELECT 'follower', target_kind || ' ' || target_id || ' ' || partner_id FROM followers
             ORDER BY target_kind, target_id, partner_id",
            "SELECT 'message', data FROM messages ORDER BY id",
            "SELECT 'stage_change', data FROM stage_changes ORDER BY ticket_id, seq",
            "SELECT 'outbox', acknowledged || ' ' || data FROM outbox ORDER BY id",
            "SELECT 'outbox_claim', id || ' ' || claimed_until FROM outbox
             WHERE claimed_until IS NOT NULL ORDER BY id",
            "SELECT 'sla_status', data FROM sla_statuses ORDER BY ticket_id, policy_id",
            "SELECT 'team_last_assignee', team_id || ' ' || last_assignee FROM team_loads
             WHERE last_assignee IS NOT NULL ORDER BY team_id",
            "SELECT 'team_open', team_id || ' ' || u || ' ' || o
             FROM team_loads, unnest(users, opens) AS l(u, o) ORDER BY team_id, u",
            "SELECT 'coupon', id || ' ' || data FROM coupons ORDER BY id",
        ];
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(|e| storage(&e))?;
        let mut out = String::new();
        for query in queries {
            for row in tx.query(query, &[]).map_err(|e| storage(&e))? {
                out.push_str(&format!(
                    "{} {}\n",
                    row.get::<_, String>(0),
                    row.get::<_, String>(1)
                ));
            }
        }
        tx.commit().map_err(|e| storage(&e))?;
        Ok(out)
    }

    /// Units of work of different companies share no row, so they never
    /// wait for each other.
    fn writes_companies_in_parallel(&self) -> bool {
        true
    }

    /// Releases the connections (each closes when its unit of work ends);
    /// later units of work are `invalid_state`. Closing twice is harmless.
    fn close(&self) -> Result<()> {
        self.pool
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        Ok(())
    }
}

/// One PostgreSQL transaction seen as a [`Transaction`].
struct Unit<'a> {
    tx: postgres::Transaction<'a>,
    statements: &'a mut HashMap<&'static str, Statement>,
    /// Whether the unit may write (only then does it claim locks).
    writes: bool,
    lock_space: &'a str,
    /// The advisory locks this run holds from its start.
    held: &'a BTreeSet<i64>,
    /// The advisory locks this run claimed (see [`Unit::claim`]).
    claimed: BTreeSet<i64>,
    /// Whether a claim found its lock held by another unit.
    busy: bool,
    /// What this run knows of the stored placement of tickets, so that
    /// writing a ticket need not read it again: from `get_ticket`, from a
    /// ticket id just taken (`None`: not stored yet), and from the unit's
    /// own writes.
    placements: HashMap<TicketId, Option<Placement>>,
    /// Whether a statement lost a serialization conflict (the unit then
    /// fails, whatever the work makes of the error, and is run again).
    conflict: bool,
    /// The first statement that failed, if any: the transaction is aborted
    /// from then on, so the unit fails even if the work went on.
    failed: Option<Error>,
}

/// A parameter list.
type Params<'p> = [&'p (dyn ToSql + Sync)];

impl Unit<'_> {
    fn fail(&mut self, e: &postgres::Error) -> Error {
        if is_conflict(e) {
            self.conflict = true;
        }
        let error = storage(e);
        self.failed.get_or_insert_with(|| error.clone());
        error
    }

    /// The statement of `sql`, prepared once per connection.
    fn statement(&mut self, sql: &'static str) -> Result<Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let prepared = self.tx.prepare(sql);
        let statement = prepared.map_err(|e| self.fail(&e))?;
        self.statements.insert(sql, statement.clone());
        Ok(statement)
    }

    fn rows(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Vec<Row>> {
        let statement = self.statement(sql)?;
        let rows = self.tx.query(&statement, params);
        rows.map_err(|e| self.fail(&e))
    }

    fn row(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Option<Row>> {
        let statement = self.statement(sql)?;
        let row = self.tx.query_opt(&statement, params);
        row.map_err(|e| self.fail(&e))
    }

    fn execute(&mut self, sql: &'static str, params: &Params<'_>) -> Result<u64> {
        let statement = self.statement(sql)?;
        let changed = self.tx.execute(&statement, params);
        changed.map_err(|e| self.fail(&e))
    }

    fn strings(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Vec<String>> {
        Ok(self.rows(sql, params)?.iter().map(|r| r.get(0)).collect())
    }

    fn ids(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Vec<i64>> {
        Ok(self.rows(sql, params)?.iter().map(|r| r.get(0)).collect())
    }

    /// Runs built SQL (a listing: not cached, its shape varies).
    fn built(&mut self, sql: &str, values: &[Param]) -> Result<Vec<Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = values
            .iter()
            .map(|value| match value {
                Param::Int(v) => v as &(dyn ToSql + Sync),
                Param::Text(v) => v as &(dyn ToSql + Sync),
            })
            .collect();
        let rows = self.tx.query(&numbered(sql), &params);
        rows.map_err(|e| self.fail(&e))
    }

    /// Claims the advisory lock named `name` for the rest of the unit,
    /// where several units would otherwise conflict on the same rows: a
    /// counter of numbers, a team's assignment loads. A lock held by
    /// another unit ends this run at once (its snapshot is older than what
    /// that unit will write, so it could not commit anyway); the next run
    /// takes the lock before it begins and so waits for it.
    fn claim(&mut self, name: &str) -> Result<()> {
        if !self.writes {
            return Ok(());
        }
        let key = lock_key(self.lock_space, name);
        if self.held.contains(&key) || !self.claimed.insert(key) {
            return Ok(());
        }
        let free = self.row("SELECT pg_try_advisory_xact_lock($1)", &[&key])?;
        if free.is_some_and(|row| row.get::<_, bool>(0)) {
            return Ok(());
        }
        self.busy = true;
        self.conflict = true;
        let error = Error::Storage {
            message: format!("{name} is locked by another unit of work"),
        };
        self.failed.get_or_insert_with(|| error.clone());
        Err(error)
    }

    /// What the team loads know of the stored version of a ticket.
    fn placement(&mut self, id: TicketId) -> Result<Option<Placement>> {
        if let Some(known) = self.placements.get(&id) {
            return Ok(*known);
        }
        let row = self.row(
            "SELECT team_id, assignee_id, is_open, active FROM tickets WHERE id = $1",
            &[&id.0],
        )?;
        Ok(row.map(|row| Placement {
            team: row.get::<_, Option<i64>>(0).map(TeamId),
            assignee: row.get::<_, Option<i64>>(1).map(UserId),
            open: row.get::<_, i64>(2) != 0,
            active: row.get::<_, i64>(3) != 0,
        }))
    }

    fn keyed(&mut self, kind: RecordKind, company: i64, key: RecordKey) -> Result<Vec<String>> {
        self.strings(
            "SELECT r.data FROM record_keys k JOIN records r ON r.kind = k.kind AND r.id = k.id
             WHERE k.company_id = $1 AND k.kind = $2 AND k.key = $3 AND k.value = $4
             ORDER BY k.id",
            &[&company, &kind.name(), &key.name(), &key.value()],
        )
    }
}

/// The name of the lock on a team's assignment loads (ASG-7).
fn team_lock(team: TeamId) -> String {
    format!("team:{}", team.0)
}

fn target(target: Followable) -> (&'static str, i64) {
    match target {
        Followable::Team(id) => ("team", id.0),
        Followable::Ticket(id) => ("ticket", id.0),
    }
}

impl Transaction for Unit<'_> {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        if !sequence.is_number() {
            let name = sequence_name(sequence);
            let row = self.row("SELECT nextval($1::text::regclass)", &[&name])?;
            let id = row.map(|r| r.get(0)).ok_or_else(|| Error::Internal {
                message: "nextval returned no row".into(),
            })?;
            if sequence == Sequence::Ticket {
                self.placements.insert(TicketId(id), None);
            }
            return Ok(id);
        }
        self.claim(&format!("counter:{}", sequence.name()))?;
        let row = self.row(
            "INSERT INTO counters (name, value) VALUES ($1, 1)
             ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
            &[&sequence.name()],
        )?;
        row.map(|r| r.get(0)).ok_or_else(|| Error::Internal {
            message: "a counter returned no value".into(),
        })
    }

    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()> {
        let (kind, id) = (record.kind.name(), record.id);
        let company = record.company.map_or(0, |c| c.0);
        self.execute(
            "DELETE FROM record_keys WHERE kind = $1 AND id = $2",
            &[&kind, &id],
        )?;
        self.execute(
            "INSERT INTO records (kind, id, company_id, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind, id) DO UPDATE SET company_id = excluded.company_id, data = excluded.data",
            &[&kind, &id, &company, &record.json],
        )?;
        for key in record.keys {
            self.execute(
                INSERT_RECORD_KEY,
                &[&company, &kind, &key.name(), &key.value(), &id],
            )?;
        }
        Ok(())
    }

    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        let row = self.row(
            "SELECT data FROM records WHERE kind = $1 AND id = $2",
            &[&kind.name(), &id],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>> {
        match *query {
            RecordQuery::InCompany(company) => self.strings(
                "SELECT data FROM records WHERE company_id = $1 AND kind = $2 ORDER BY id",
                &[&company.0, &kind.name()],
            ),
            RecordQuery::ByKey(company, key) => self.keyed(kind, company.0, key),
            RecordQuery::Shared(key) => self.keyed(kind, 0, key),
        }
    }

    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool> {
        self.execute(
            "DELETE FROM record_keys WHERE kind = $1 AND id = $2",
            &[&kind.name(), &id],
        )?;
        let deleted = self.execute(
            "DELETE FROM records WHERE kind = $1 AND id = $2",
            &[&kind.name(), &id],
        )?;
        Ok(deleted > 0)
    }

    fn put_ticket(&mut self, t: &Ticket) -> Result<()> {
        let old = self.placement(t.id)?;
        let data = json(t)?;
        let (deadline, deadline_nanos) = match t.sla_deadline.map(instant) {
            Some((seconds, nanos)) => (Some(seconds), nanos),
            None => (None, 0),
        };
        self.execute(
            "INSERT INTO tickets (id, company_id, team_id, stage_id, assignee_id, customer_id,
             priority, is_open, active, subject_folded, last_activity_at, sla_deadline,
             sla_deadline_nanos, sla_reached_late, data, ticket_type_id, created_at, assigned_at,
             closed_at, working_to_assign, working_to_close, tags)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20, $21, $22)
             ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id,
             team_id = excluded.team_id, stage_id = excluded.stage_id,
             assignee_id = excluded.assignee_id, customer_id = excluded.customer_id,
             priority = excluded.priority, is_open = excluded.is_open, active = excluded.active,
             subject_folded = excluded.subject_folded, last_activity_at = excluded.last_activity_at,
             sla_deadline = excluded.sla_deadline, sla_deadline_nanos = excluded.sla_deadline_nanos,
             sla_reached_late = excluded.sla_reached_late, data = excluded.data,
             ticket_type_id = excluded.ticket_type_id, created_at = excluded.created_at,
             assigned_at = excluded.assigned_at, closed_at = excluded.closed_at,
             working_to_assign = excluded.working_to_assign,
             working_to_close = excluded.working_to_close, tags = excluded.tags",
            &[
                &t.id.0,
                &t.company.0,
                &t.team.map(|v| v.0),
                &t.stage.0,
                &t.assignee.map(|v| v.0),
                &t.customer.map(|v| v.0),
                &i64::from(t.priority.level()),
                &i64::from(t.is_open()),
                &i64::from(t.active),
                &t.subject.to_ascii_lowercase(),
                &t.last_activity_at.timestamp(),
                &deadline,
                &deadline_nanos,
                &i64::from(t.sla_reached_late),
                &data,
                &t.ticket_type.map(|v| v.0),
                &t.created_at.timestamp(),
                &t.assigned_at.map(|at| at.timestamp()),
                &t.closed_at.map(|at| at.timestamp()),
                &t.working_seconds_to_assign,
                &t.working_seconds_to_close,
                &json(&t.tags)?,
            ],
        )?;
        let new = Placement::of(t);
        self.placements.insert(t.id, Some(new));
        let change = LoadChange::between(old.as_ref(), &new);
        for team in change.teams() {
            let mut load = self.team_load(team)?;
            change.apply(team, &mut load);
            let (users, opens): (Vec<i64>, Vec<i64>) = load
                .open
                .iter()
                .map(|(user, open)| (user.0, i64::try_from(*open).unwrap_or(i64::MAX)))
                .unzip();
            self.execute(
                "INSERT INTO team_loads (team_id, last_assignee, users, opens)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (team_id) DO UPDATE SET last_assignee = excluded.last_assignee,
                 users = excluded.users, opens = excluded.opens",
                &[&team.0, &load.last_assignee.map(|u| u.0), &users, &opens],
            )?;
        }
        Ok(())
    }

    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad> {
        self.claim(&team_lock(team))?;
        let row = self.row(
            "SELECT last_assignee, users, opens FROM team_loads WHERE team_id = $1",
            &[&team.0],
        )?;
        let Some(row) = row else {
            return Ok(TeamLoad::default());
        };
        let (users, opens): (Vec<i64>, Vec<i64>) = (row.get(1), row.get(2));
        Ok(TeamLoad {
            last_assignee: row.get::<_, Option<i64>>(0).map(UserId),
            open: users
                .into_iter()
                .zip(opens)
                .map(|(user, open)| (UserId(user), open.unsigned_abs()))
                .collect(),
        })
    }

    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        let row = self.row("SELECT data FROM tickets WHERE id = $1", &[&id.0])?;
        let ticket: Option<Ticket> = row.map(|r| parse("ticket", r.get(0))).transpose()?;
        self.placements
            .insert(id, ticket.as_ref().map(Placement::of));
        Ok(ticket)
    }

    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        let ids = self.ids(
            "SELECT id FROM tickets WHERE team_id = $1 ORDER BY id",
            &[&team.0],
        )?;
        Ok(ids.into_iter().map(TicketId).collect())
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
        let mut q = Conditions::tickets(scope, filter, at, "subject_folded");
        let order = q.page(sort, after);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT data FROM tickets WHERE {} ORDER BY {order} LIMIT {limit}",
            q.clause()
        );
        let rows = self.built(&sql, &q.values)?;
        rows.iter().map(|r| parse("ticket", r.get(0))).collect()
    }

    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>> {
        let (sql, values) = aggregation(scope, filter, buckets, at);
        let keys = buckets.len();
        let mut groups: Vec<TicketAggregate> = self
            .built(&sql, &values)?
            .iter()
            .map(|row| {
                let sums: Vec<i64> = (keys..keys + AGGREGATE_SUMS).map(|n| row.get(n)).collect();
                aggregate_row((0..keys).map(|n| row.get(n)).collect(), &sums)
            })
            .collect();
        groups.sort_by(|a, b| a.keys.cmp(&b.keys));
        Ok(groups)
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
        let (sql, values) = report_rows(Dialect::Postgres, scope, filter, &with_id);
        // One row per tag of a ticket when grouped by tag: its choices.
        let mut found: BTreeMap<i64, Vec<Vec<Option<i64>>>> = BTreeMap::new();
        for row in self.built(&sql, &values)? {
            let id: i64 = row.get(0);
            let keys = found
                .entry(id)
                .or_insert_with(|| vec![Vec::with_capacity(1); buckets.len()]);
            for (n, list) in keys.iter_mut().enumerate() {
                let key: Option<i64> = row.get(n + 1);
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        }
        Ok(found
            .into_iter()
            .map(|(id, keys)| TicketKeys {
                ticket: TicketId(id),
                keys,
            })
            .collect())
    }

    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64> {
        let (sql, values) = Conditions::count(scope, filter, at, "subject_folded");
        let rows = self.built(&sql, &values)?;
        Ok(rows
            .first()
            .map_or(0, |r| r.get::<_, i64>(0).unsigned_abs()))
    }

    fn add_follower(&mut self, of: Followable, partner: PartnerId) -> Result<bool> {
        let (kind, id) = target(of);
        let changed = self.execute(
            "INSERT INTO followers (target_kind, target_id, partner_id) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&kind, &id, &partner.0],
        )?;
        Ok(changed > 0)
    }

    fn remove_follower(&mut self, of: Followable, partner: PartnerId) -> Result<bool> {
        let (kind, id) = target(of);
        let changed = self.execute(
            "DELETE FROM followers WHERE target_kind = $1 AND target_id = $2 AND partner_id = $3",
            &[&kind, &id, &partner.0],
        )?;
        Ok(changed > 0)
    }

    fn followers(&mut self, of: Followable) -> Result<Vec<PartnerId>> {
        let (kind, id) = target(of);
        let ids = self.ids(
            "SELECT partner_id FROM followers WHERE target_kind = $1 AND target_id = $2
             ORDER BY partner_id",
            &[&kind, &id],
        )?;
        Ok(ids.into_iter().map(PartnerId).collect())
    }

    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        let ids = self.ids(
            "SELECT target_id FROM followers WHERE partner_id = $1 AND target_kind = 'team'",
            &[&partner.0],
        )?;
        Ok(ids.into_iter().map(TeamId).collect())
    }

    fn add_message(&mut self, message: &Message) -> Result<()> {
        let data = json(message)?;
        self.execute(
            "INSERT INTO messages (id, ticket_id, data) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, data = excluded.data",
            &[&message.id.0, &message.ticket.0, &data],
        )?;
        Ok(())
    }

    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        let rows = self.strings(
            "SELECT data FROM messages WHERE ticket_id = $1 ORDER BY id",
            &[&ticket.0],
        )?;
        rows.iter().map(|d| parse("message", d)).collect()
    }

    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        let data = json(change)?;
        self.execute(
            "INSERT INTO stage_changes (ticket_id, seq, data)
             VALUES ($1, nextval('stage_change_seq'), $2)",
            &[&change.ticket.0, &data],
        )?;
        Ok(())
    }

    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        let rows = self.strings(
            "SELECT data FROM stage_changes WHERE ticket_id = $1 ORDER BY seq",
            &[&ticket.0],
        )?;
        rows.iter().map(|d| parse("stage change", d)).collect()
    }

    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
        check_statuses_of(ticket, statuses)?;
        self.execute(
            "DELETE FROM sla_statuses WHERE ticket_id = $1",
            &[&ticket.0],
        )?;
        for status in statuses {
            let data = json(status)?;
            let (created, created_nanos) = instant(status.ticket_created_at);
            // A policy given twice keeps its last status, as in the other stores.
            self.execute(
                "INSERT INTO sla_statuses (ticket_id, policy_id, company_id, team_id,
                 ticket_created_at, ticket_created_at_nanos, data)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (ticket_id, policy_id) DO UPDATE SET company_id = excluded.company_id,
                 team_id = excluded.team_id, ticket_created_at = excluded.ticket_created_at,
                 ticket_created_at_nanos = excluded.ticket_created_at_nanos, data = excluded.data",
                &[
                    &ticket.0,
                    &status.policy.0,
                    &status.company.0,
                    &status.team.0,
                    &created,
                    &created_nanos,
                    &data,
                ],
            )?;
        }
        Ok(())
    }

    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>> {
        let rows = self.strings(
            "SELECT data FROM sla_statuses WHERE ticket_id = $1 ORDER BY policy_id",
            &[&ticket.0],
        )?;
        rows.iter().map(|d| parse("SLA status", d)).collect()
    }

    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>> {
        let q = Conditions::sla_statuses(query);
        let sql = format!(
            "SELECT data FROM sla_statuses WHERE {} ORDER BY ticket_id, policy_id",
            q.clause()
        );
        let rows = self.built(&sql, &q.values)?;
        rows.iter().map(|r| parse("SLA status", r.get(0))).collect()
    }

    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()> {
        let data = json(coupon)?;
        // A clash on the code must fail this statement alone (the caller's
        // conflict), not the whole transaction as PostgreSQL would: the
        // savepoint keeps the rest of the unit of work.
        self.tx
            .batch_execute("SAVEPOINT put_coupon")
            .map_err(|e| self.fail(&e))?;
        let statement = self.statement(
            "INSERT INTO coupons (id, company_id, code, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET
                 company_id = excluded.company_id, code = excluded.code, data = excluded.data",
        )?;
        let result = self.tx.execute(
            &statement,
            &[&coupon.id.0, &coupon.company.0, &coupon.code, &data],
        );
        match result {
            Ok(_) => {
                let released = self.tx.batch_execute("RELEASE SAVEPOINT put_coupon");
                released.map_err(|e| self.fail(&e))
            }
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                let back = self.tx.batch_execute("ROLLBACK TO SAVEPOINT put_coupon");
                back.map_err(|e| self.fail(&e))?;
                Err(coupon_code_taken(coupon))
            }
            Err(e) => Err(self.fail(&e)),
        }
    }

    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>> {
        let row = self.row("SELECT data FROM coupons WHERE id = $1", &[&id.0])?;
        row.map(|r| parse("coupon", r.get(0))).transpose()
    }

    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>> {
        let row = self.row(
            "SELECT data FROM coupons WHERE company_id = $1 AND code = $2",
            &[&company.0, &code],
        )?;
        row.map(|r| parse("coupon", r.get(0))).transpose()
    }

    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        let data = json(message)?;
        self.execute(
            "INSERT INTO outbox (id, acknowledged, data) VALUES ($1, 0, $2)",
            &[&message.id.0, &data],
        )?;
        Ok(())
    }

    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.strings(
            "SELECT data FROM outbox WHERE acknowledged = 0 ORDER BY id LIMIT $1",
            &[&limit],
        )?;
        rows.iter().map(|d| parse("outbox message", d)).collect()
    }

    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        let was = self
            .row("SELECT acknowledged FROM outbox WHERE id = $1", &[&id.0])?
            .map(|r| r.get::<_, i64>(0) != 0);
        if was == Some(false) {
            self.execute("UPDATE outbox SET acknowledged = 1 WHERE id = $1", &[&id.0])?;
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
        // SKIP LOCKED: drainers claiming at once take different messages
        // instead of waiting for each other's batch.
        let mut rows: Vec<(i64, String)> = self
            .rows(
                "UPDATE outbox SET claimed_until = $1 WHERE id IN (
                     SELECT id FROM outbox
                     WHERE acknowledged = 0 AND (claimed_until IS NULL OR claimed_until <= $2)
                     ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
                 RETURNING id, data",
                &[&until, &now.timestamp(), &limit],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        rows.sort_unstable_by_key(|(id, _)| *id);
        rows.iter()
            .map(|(_, data)| parse("outbox message", data))
            .collect()
    }
}
