//! The SQLite file store: persistence across opens, schema versions, and
//! clear errors for files it cannot use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use helpdesk::store::{SqliteStore, SCHEMA_VERSION};
use helpdesk::*;

#[test]
fn a_desk_reopened_from_its_file_finds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let (company, snapshot) = {
        let desk = Helpdesk::open(&path).unwrap();
        let company = desk
            .create_company(
                Actor::System,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap();
        (company, desk.snapshot().unwrap())
    };
    let desk = Helpdesk::open(&path).unwrap();
    assert_eq!(
        desk.get_company(Actor::System, company.id).unwrap(),
        company
    );
    assert_eq!(desk.snapshot().unwrap(), snapshot);
    assert_eq!(
        SqliteStore::open(&path).unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    drop(SqliteStore::open(&path).unwrap());
    {
        let connection = rusqlite_connection(&path);
        connection
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let error = SqliteStore::open(&path).unwrap_err();
    assert_eq!(error.code(), "schema_too_new");
    assert!(error.to_string().contains("upgrade helpdesk"), "{error}");
}

#[test]
fn a_file_that_is_not_sqlite_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "these are not the droids you are looking for, and certainly not a database file at all"
            .repeat(50),
    )
    .unwrap();
    let error = SqliteStore::open(&path).unwrap_err();
    assert_eq!(error.code(), "corrupt_store", "{error}");
    assert!(error.to_string().contains("notes.txt"), "{error}");
}

#[test]
fn a_truncated_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    {
        let desk = Helpdesk::open(&path).unwrap();
        desk.create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap();
    }
    // Checkpointed into the main file on close; keep its header, drop the rest.
    let bytes = std::fs::read(&path).unwrap();
    let mut damaged = bytes[..100].to_vec();
    damaged.extend(std::iter::repeat_n(
        0xA5u8,
        bytes.len().saturating_sub(100).max(4096),
    ));
    std::fs::write(&path, damaged).unwrap();
    let _ = std::fs::remove_file(dir.path().join("desk.sqlite-wal"));
    let outcome = SqliteStore::open(&path)
        .and_then(|store| Helpdesk::new(store).get_company(Actor::System, CompanyId(1)));
    let error = outcome.unwrap_err();
    assert!(
        matches!(error.code(), "corrupt_store" | "storage"),
        "{error}"
    );
}

#[test]
fn a_database_of_another_application_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("erp.sqlite");
    rusqlite_connection(&path)
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        .unwrap();
    assert_eq!(
        SqliteStore::open(&path).unwrap_err().code(),
        "corrupt_store"
    );
}

/// Migration 1 exactly as released: a file of schema version 1 is this
/// schema (a released migration never changes, so neither does this copy).
const SCHEMA_1: &str = "CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
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
     CREATE INDEX outbox_pending ON outbox (id) WHERE acknowledged = 0;";

fn at(seconds: i64, millis: u32) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_772_442_000 + seconds, millis * 1_000_000).unwrap()
}

/// A ticket as the current version reads it back from a version 1 file.
fn old_ticket(
    id: i64,
    team: Option<i64>,
    assignee: Option<i64>,
    open: bool,
    active: bool,
    assigned_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Ticket {
    Ticket {
        id: TicketId(id),
        company: CompanyId(1),
        number: id,
        reference: format!("#{id}"),
        // What a re-serialisation could render differently: non-ASCII,
        // quotes, backslashes, control characters, slashes.
        subject: format!("Imprimante \"cassée\" \\ n°{id}\t</b>"),
        description: "ligne 1\nligne 2 \u{1F5A8} \u{7f}".into(),
        team: team.map(TeamId),
        stage: StageId(1),
        priority: Priority::High,
        ticket_type: None,
        tags: vec![TagId(2), TagId(1)],
        customer: Some(PartnerId(7)),
        assignee: assignee.map(UserId),
        product: None,
        lot: Some("L-1".into()),
        created_at: at(id, 0),
        assigned_at,
        closed_at: (!open).then(|| at(100, 0)),
        last_stage_change_at: at(id, 0),
        last_activity_at: at(id, 0),
        active,
        closed_by_customer: false,
        documents: Vec::new(),
        sla_deadline: None,
        sla_reached_late: false,
        sale_line: None,
        merged_into: None,
        opportunity: None,
        working_seconds_to_assign: None,
        working_seconds_to_close: None,
    }
}

#[test]
fn a_version_1_file_migrates_with_sla_columns_recounted_team_loads_and_coupons() {
    use helpdesk::access::TicketScope;
    use helpdesk::store::{Store, TeamLoad, WorkMode};
    use std::collections::BTreeMap;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    let tickets = [
        old_ticket(1, Some(1), Some(1), true, true, Some(at(5, 0))),
        old_ticket(2, Some(1), Some(2), true, true, Some(at(3, 0))),
        old_ticket(3, Some(1), Some(1), false, true, Some(at(1, 0))),
        old_ticket(4, Some(1), Some(2), true, false, None),
        // Within one second: the later is the half second, although its
        // text sorts before the whole second's.
        old_ticket(5, Some(2), Some(3), true, true, Some(at(1, 500))),
        old_ticket(6, Some(2), Some(4), false, true, Some(at(1, 0))),
        old_ticket(7, None, Some(1), true, true, Some(at(9, 0))),
        old_ticket(8, Some(3), None, true, true, None),
        // Assigned at an unknown time: not the latest, whatever its id.
        old_ticket(9, Some(1), Some(3), true, true, None),
    ];
    {
        let connection = rusqlite_connection(&path);
        connection.execute_batch(SCHEMA_1).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
        for t in &tickets {
            // Version 1 wrote the same JSON without the fields added since.
            let json = serde_json::to_string(t).unwrap();
            let v1 = json
                .strip_suffix(
                    r#","sla_deadline":null,"sla_reached_late":false,"sale_line":null,"merged_into":null,"opportunity":null,"working_seconds_to_assign":null,"working_seconds_to_close":null}"#,
                )
                .expect("the SLA, order-line, merge, conversion and report fields are the ticket's last ones");
            connection
                .execute(
                    "INSERT INTO tickets (id, company_id, team_id, stage_id, assignee_id, customer_id,
                     priority, is_open, active, subject, last_activity_at, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    rusqlite::params![
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
                        format!("{v1}}}")
                    ],
                )
                .unwrap();
        }
    }

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mut back = Vec::new();
    let mut loads = Vec::new();
    let mut listed = Vec::new();
    let mut summed = Vec::new();
    store
        .unit_of_work(WorkMode::Read, &mut |tx| {
            summed = tx.aggregate_tickets(
                &TicketScope::everything(),
                &ReportFilter::default(),
                &[],
                at(1_000_000, 0),
            )?;
            back = tickets
                .iter()
                .map(|t| tx.get_ticket(t.id))
                .collect::<Result<_>>()?;
            loads = (1..=4)
                .map(|team| tx.team_load(TeamId(team)))
                .collect::<Result<_>>()?;
            listed = tx.find_tickets(
                &TicketScope::everything(),
                &TicketFilter {
                    sla_failed: Some(false),
                    ..TicketFilter::default()
                },
                at(1_000_000, 0),
                TicketSort::SlaDeadline,
                None,
                100,
            )?;
            Ok(())
        })
        .unwrap();
    // Without a team calendar, every second of an old ticket was working
    // time (migration 13).
    let plain = |t: &Ticket, of: Option<chrono::DateTime<chrono::Utc>>| {
        of.map(|at| at.timestamp() - t.created_at.timestamp())
    };
    let expected: Vec<Option<Ticket>> = tickets
        .iter()
        .map(|t| {
            Some(Ticket {
                working_seconds_to_assign: plain(t, t.assigned_at),
                working_seconds_to_close: plain(t, t.closed_at),
                ..t.clone()
            })
        })
        .collect();
    assert_eq!(
        back, expected,
        "old tickets read back with no deadline and no late reach"
    );
    // Migration 13 filled the report columns from the tickets' data.
    let active: Vec<&Ticket> = tickets.iter().filter(|t| t.active).collect();
    let seconds = |of: fn(&Ticket) -> Option<chrono::DateTime<chrono::Utc>>| -> i64 {
        active
            .iter()
            .filter_map(|t| Some(of(t)?.timestamp() - t.created_at.timestamp()))
            .sum()
    };
    // No team has a calendar: every second was working time.
    let (to_assign, to_close) = (seconds(|t| t.assigned_at), seconds(|t| t.closed_at));
    assert_eq!(
        summed
            .iter()
            .map(|g| {
                let s = (g.seconds_to_assign, g.seconds_to_close);
                (
                    g.count,
                    s,
                    (g.working_seconds_to_assign, g.working_seconds_to_close),
                )
            })
            .collect::<Vec<_>>(),
        vec![(
            active.len() as u64,
            (to_assign, to_close),
            (to_assign, to_close)
        )],
        "migrated tickets are summed from their own instants"
    );
    let load = |last: Option<i64>, open: &[(i64, u64)]| TeamLoad {
        last_assignee: last.map(UserId),
        open: open
            .iter()
            .map(|&(u, n)| (UserId(u), n))
            .collect::<BTreeMap<_, _>>(),
    };
    assert_eq!(
        loads,
        [
            load(Some(1), &[(1, 1), (2, 1), (3, 1)]),
            load(Some(3), &[(3, 1)]),
            load(None, &[]),
            load(None, &[]),
        ],
        "the loads are recounted from the tickets: open and active only, \
         last assignee of the latest assignment"
    );
    assert_eq!(
        listed.iter().map(|t| t.id.0).collect::<Vec<_>>(),
        [1, 2, 3, 5, 6, 7, 8, 9],
        "old tickets have no deadline: listed by id, never failed"
    );

    // The migrated JSON is what this version writes: rewriting every
    // ticket as it is changes nothing in the dump (loads included).
    let before = store.snapshot().unwrap();
    store
        .unit_of_work(WorkMode::Write, &mut |tx| {
            expected.iter().flatten().try_for_each(|t| tx.put_ticket(t))
        })
        .unwrap();
    assert_eq!(store.snapshot().unwrap(), before);

    // Migration 3 gave the old file its coupons, codes unique per company.
    let coupon = |id: i64, company: i64| Coupon {
        id: CouponId(id),
        company: CompanyId(company),
        program: CouponProgramId(1),
        code: "AAAA-BBBB-CCCC-DDDD-E".into(),
        partner: None,
        points: 10,
        valid_until: None,
        ticket: Some(TicketId(1)),
        created_at: at(1, 0),
    };
    store
        .unit_of_work(WorkMode::Write, &mut |tx| {
            tx.put_coupon(&coupon(1, 1))?;
            tx.put_coupon(&coupon(2, 2))
        })
        .unwrap();
    let clash = store
        .unit_of_work(WorkMode::Write, &mut |tx| tx.put_coupon(&coupon(3, 1)))
        .unwrap_err();
    assert_eq!(clash.code(), "conflict", "{clash}");
    let mut found = None;
    store
        .unit_of_work(WorkMode::Read, &mut |tx| {
            found = tx.coupon_by_code(CompanyId(2), &coupon(2, 2).code)?;
            Ok(())
        })
        .unwrap();
    assert_eq!(found, Some(coupon(2, 2)));
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// A desk with a company, a team and a ticket, on the file at `path`.
fn desk_with_a_ticket(path: &std::path::Path) -> Helpdesk {
    let desk = Helpdesk::open(path).unwrap();
    let company = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap();
    let team = desk
        .create_team(
            Actor::System,
            NewTeam {
                company: company.id,
                name: "Support".into(),
                ..Default::default()
            },
        )
        .unwrap();
    desk.create_ticket(
        Actor::System,
        NewTicket {
            team: Some(team.id),
            subject: "Printer".into(),
            ..Default::default()
        },
    )
    .unwrap();
    desk
}

#[test]
fn an_online_backup_opens_as_a_store_equal_to_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_with_a_ticket(&dir.path().join("desk.sqlite"));
    let copy = dir.path().join("backup.sqlite");
    desk.backup(&copy).unwrap();
    // The original stays in use.
    assert!(desk.snapshot().is_ok());
    let restored = Helpdesk::open(&copy).unwrap();
    assert_eq!(restored.snapshot().unwrap(), desk.snapshot().unwrap());
    assert!(!restored.snapshot().unwrap().is_empty());
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_with_a_ticket(&dir.path().join("desk.sqlite"));
    let taken = dir.path().join("taken");
    std::fs::write(&taken, "keep me").unwrap();
    let error = desk.backup(&taken).unwrap_err();
    assert!(
        matches!(error, Error::InvalidInput { field: "to", .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me");
}

#[test]
fn an_in_memory_desk_says_it_cannot_back_up() {
    let desk = Helpdesk::in_memory();
    let dir = tempfile::tempdir().unwrap();
    let error = desk.backup(dir.path().join("copy")).unwrap_err();
    assert_eq!(error.code(), "storage");
    assert!(!dir.path().join("copy").exists());
}

#[test]
fn a_closed_desk_refuses_every_operation_in_every_clone_and_releases_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let desk = desk_with_a_ticket(&path);
    let clone = desk.clone();
    let wal = dir.path().join("desk.sqlite-wal");
    assert!(wal.exists(), "an open WAL-mode file has its log");
    desk.close().unwrap();
    // SQLite checkpoints and deletes the log when the last connection closes.
    assert!(!wal.exists(), "the file is released");
    for error in [
        clone.get_company(Actor::System, CompanyId(1)).unwrap_err(),
        desk.snapshot().unwrap_err(),
        desk.backup(dir.path().join("copy")).unwrap_err(),
    ] {
        assert_eq!(error.code(), "invalid_state", "{error}");
    }
    desk.close().unwrap();
    // What was written before closing is all there.
    let reopened = Helpdesk::open(&path).unwrap();
    assert_eq!(
        reopened
            .list_tickets(Actor::System, TicketQuery::default())
            .unwrap()
            .tickets
            .len(),
        1
    );
}

#[test]
fn a_closed_in_memory_desk_refuses_every_operation() {
    let desk = Helpdesk::in_memory();
    desk.close().unwrap();
    let error = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_state");
}

/// Every input record can be built from its defaults, so a field added
/// later is not a breaking change for `..Default::default()` callers.
#[test]
fn every_input_record_has_defaults() {
    fn defaults<T: Default>() {}
    defaults::<NewCompany>();
    defaults::<NewPartner>();
    defaults::<PartnerUpdate>();
    defaults::<NewUser>();
    defaults::<UserUpdate>();
    defaults::<NewTeam>();
    defaults::<TeamUpdate>();
    defaults::<NewStage>();
    defaults::<StageUpdate>();
    defaults::<NewTicket>();
    defaults::<TicketUpdate>();
    defaults::<Submission>();
    defaults::<TicketQuery>();
    defaults::<NewCalendar>();
    defaults::<CalendarUpdate>();
    defaults::<NewLeave>();
    defaults::<NewSlaPolicy>();
    defaults::<SlaPolicyUpdate>();
    defaults::<SlaReportQuery>();
    defaults::<NewProduct>();
    defaults::<NewTax>();
    defaults::<NewJournal>();
    defaults::<NewSaleOrder>();
    defaults::<SaleOrderLine>();
    defaults::<NewInvoice>();
    defaults::<NewInvoiceLine>();
    defaults::<RefundFilter>();
    defaults::<Reversal>();
    defaults::<CreditLineUpdate>();
    defaults::<NewCouponProgram>();
    defaults::<NewCoupon>();
    defaults::<Redemption>();
    defaults::<NewLocation>();
    defaults::<NewDelivery>();
    defaults::<TransferLine>();
    defaults::<ReturnFilter>();
    defaults::<ReturnQuantity>();
    defaults::<ReturnRequest>();
    defaults::<NewUnit>();
    defaults::<SupportHoursUpdate>();
    defaults::<NewTimeEntry>();
    defaults::<TimeEntryUpdate>();
    defaults::<NewRepair>();
    defaults::<RepairUpdate>();
    defaults::<NewRepairPart>();
    defaults::<NewFieldServiceProject>();
    defaults::<NewFieldServiceTask>();
}
