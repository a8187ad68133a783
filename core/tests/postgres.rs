//! Opening a PostgreSQL store: locations it cannot read, a server it cannot
//! reach, a database of a newer schema version, and desks that share a
//! database (issue 17). Each is a typed error, never a panic or a hang.

#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{team, user};
use helpdesk::store::{PostgresStore, Store, WorkMode, POSTGRES_SCHEMA_VERSION};
use helpdesk::*;

/// Acme and its "Care" team, on `desk`.
fn acme_with_team(desk: &Helpdesk) -> (CompanyId, Team) {
    let acme = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap()
        .id;
    (
        acme,
        team(desk, acme, "Care", Visibility::Portal, Vec::new()),
    )
}

/// A plain client on the database of a test location, and the location's
/// schema: to reach below the store.
fn raw_client(location: &str) -> (postgres::Client, String) {
    let (url, schema) = location.rsplit_once("?schema=").unwrap();
    let client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    (client, schema.to_string())
}

fn refusal(location: &str) -> Error {
    match Helpdesk::open(location) {
        Ok(_) => panic!("{location} was opened"),
        Err(e) => e,
    }
}

#[test]
fn a_location_that_cannot_be_read_is_invalid_input_naming_the_location() {
    for location in [
        "postgres://desk@127.0.0.1/db?pool_size=0",
        "postgres://desk@127.0.0.1/db?pool_size=many",
        "postgres://desk@127.0.0.1/db?schema=Desk",
        "postgres://desk@127.0.0.1/db?schema=1desk",
        "postgres://desk@127.0.0.1/db?schema=a;drop",
        "postgres://desk@127.0.0.1/db?sslmode=require",
        "postgres://desk@127.0.0.1:port/db",
        "postgres://desk@127.0.0.1/db?no_such_parameter=1",
    ] {
        let e = refusal(location);
        assert_eq!(e.code(), "invalid_input", "{location}: {e}");
        assert!(
            e.fields()
                .iter()
                .any(|(k, v)| *k == "field" && v == "location"),
            "{location}: {e}"
        );
    }
}

#[test]
fn an_unreachable_server_is_a_storage_error_that_never_shows_the_password() {
    // Port 1 on the loopback refuses at once; the timeout bounds the rest.
    let e = refusal("postgres://desk:s3cret@127.0.0.1:1/db?connect_timeout=5");
    assert_eq!(e.code(), "storage", "{e}");
    assert!(
        e.to_string()
            .contains("cannot connect to PostgreSQL at 127.0.0.1 port 1"),
        "{e}"
    );
    assert!(!e.to_string().contains("s3cret"), "{e}");
}

#[test]
fn a_database_of_a_newer_schema_version_is_refused() {
    let Some(location) = common::postgres_location() else {
        return;
    };
    drop(PostgresStore::open(&location).unwrap());
    let (mut client, schema) = raw_client(&location);
    client
        .execute(
            &format!("UPDATE {schema}.helpdesk_schema SET version = $1"),
            &[&(POSTGRES_SCHEMA_VERSION + 1)],
        )
        .unwrap();
    match PostgresStore::open(&location) {
        Err(Error::SchemaTooNew { found, supported }) => {
            assert_eq!(
                (found, supported),
                (POSTGRES_SCHEMA_VERSION + 1, POSTGRES_SCHEMA_VERSION)
            );
        }
        other => panic!("a newer schema was opened: {other:?}"),
    }
}

#[test]
fn desks_on_one_schema_share_it_and_desks_on_two_schemas_do_not() {
    let (Some(one), Some(other)) = (common::postgres_location(), common::postgres_location())
    else {
        return;
    };
    let first = Helpdesk::open(&one).unwrap();
    let acme = first
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap();
    let second = Helpdesk::open(&one).unwrap();
    assert_eq!(
        second.get_company(Actor::System, acme.id).unwrap().name,
        "Acme"
    );
    let elsewhere = Helpdesk::open(&other).unwrap();
    assert_eq!(
        elsewhere
            .get_company(Actor::System, acme.id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    let store = PostgresStore::open(&one).unwrap();
    assert_eq!(store.schema_version().unwrap(), POSTGRES_SCHEMA_VERSION);
}

#[test]
fn a_closed_store_refuses_work_and_closing_twice_is_harmless() {
    let Some(location) = common::postgres_location() else {
        return;
    };
    let desk = Helpdesk::open(&location).unwrap();
    desk.close().unwrap();
    desk.close().unwrap();
    let e = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Late".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_state");
}

#[test]
fn a_database_opened_again_is_left_as_it_was_and_its_numbers_go_on() {
    let Some(location) = common::postgres_location() else {
        return;
    };
    let desk = Helpdesk::open(&location).unwrap();
    let (_, team) = acme_with_team(&desk);
    let ticket = |desk: &Helpdesk| {
        desk.create_ticket(
            Actor::System,
            NewTicket {
                team: Some(team.id),
                subject: "Broken".into(),
                ..NewTicket::default()
            },
        )
        .unwrap()
        .reference
    };
    assert_eq!(ticket(&desk), "#1");
    let before = desk.snapshot().unwrap();
    desk.close().unwrap();
    // Opening runs the migrations' check and creates missing sequences:
    // nothing stored changes, and numbering goes on where it stopped.
    let again = Helpdesk::open(&location).unwrap();
    assert_eq!(again.snapshot().unwrap(), before);
    assert_eq!(ticket(&again), "#2");
}

#[test]
fn work_that_swallows_a_failed_statement_does_not_look_committed() {
    use helpdesk::store::{RecordKey, RecordKind, Store, StoredRecord, WorkMode};
    let Some(location) = common::postgres_location() else {
        return;
    };
    let store = PostgresStore::open(&location).unwrap();
    let before = store.snapshot().unwrap();
    // A write inside a read fails; PostgreSQL then aborts the transaction,
    // so work that ignores the failure and carries on must fail too.
    let result = store.unit_of_work(WorkMode::Read, &mut |tx| {
        let _ = tx.put_record(&StoredRecord {
            kind: RecordKind::Company,
            id: 1,
            company: None,
            keys: &[RecordKey::Directory],
            json: "{}",
        });
        Ok(())
    });
    assert_eq!(result.unwrap_err().code(), "storage");
    assert_eq!(store.snapshot().unwrap(), before);
}

#[test]
fn a_schema_1_database_is_migrated_to_what_this_version_writes() {
    let Some(location) = common::postgres_location() else {
        return;
    };
    let desk = Helpdesk::open(&location).unwrap();
    let (acme, team) = acme_with_team(&desk);
    let agent = user(
        &desk,
        "Alice",
        UserKind::Internal,
        HelpdeskRole::Agent,
        acme,
        None,
    );
    // A contact found by its address (IMP-1: keyed since migration 7).
    desk.create_partner(
        Actor::System,
        NewPartner {
            company: Some(acme),
            name: "Carla".into(),
            email: Some("carla@example.com".into()),
            ..NewPartner::default()
        },
    )
    .unwrap();
    // Stages, and an outbox message (the assignee is notified).
    let ticket = desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(team.id),
                subject: "Broken".into(),
                assignee: Some(agent.id),
                ..NewTicket::default()
            },
        )
        .unwrap();
    // A message (MAIL-4: with its attachments since migration 8).
    desk.add_internal_note(Actor::System, ticket.id, "Seen".into())
        .unwrap();
    // OUT-1/OUT-2: messages recorded before migration 6 get their event
    // (compared) but no payload, headers nor thread (left out).
    let without_mail = |dump: String| -> String {
        dump.lines()
            .filter(|l| !l.contains(" mail_link "))
            .map(|l| match l.split_once(r#","payload":"#) {
                Some((kept, _)) if l.starts_with("outbox ") => format!("{kept}}}\n"),
                _ => format!("{l}\n"),
            })
            .collect()
    };
    let now = without_mail(desk.snapshot().unwrap());
    assert!(
        now.contains(r#","rating_request":false}"#)
            && now.contains(r#","token":null,"event":"ticket_assigned"}"#)
    );
    desk.close().unwrap();
    // The same data as version 1 wrote it: without the fields of RAT-1
    // (migration 2), with a team's loads in rows per member and without the
    // stage change sequence (migration 3), without the report columns and
    // the tickets' working times (migration 4: the ticket's team has no
    // calendar, so they come back as every second), and without the users'
    // zones (migration 5), without the teams' aliases and the outbox
    // messages' events (migration 6), without the contacts' e-mail keys
    // (migration 7), and without the companies' mail settings and the
    // messages' attachments (migration 8).
    let (mut client, schema) = raw_client(&location);
    client
        .batch_execute(&format!(
            "SET search_path TO {schema};
             UPDATE records SET data = replace(data, ',\"rating_request\":false}}', '}}');
             UPDATE records SET data = replace(data, ',\"time_zone\":null}}', '}}') WHERE kind = 'user';
             UPDATE records SET data = replace(data, ',\"email_alias\":null}}', '}}') WHERE kind = 'team';
             UPDATE outbox SET data = regexp_replace(data, ',\"token\":null,\"event\":.*$', '}}');
             CREATE TABLE team_open_loads (
                 team_id BIGINT NOT NULL, user_id BIGINT NOT NULL, open BIGINT NOT NULL,
                 PRIMARY KEY (team_id, user_id));
             CREATE TABLE team_last_assignees (team_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL);
             INSERT INTO team_open_loads SELECT team_id, u, o FROM team_loads, unnest(users, opens) AS l(u, o);
             INSERT INTO team_last_assignees SELECT team_id, last_assignee FROM team_loads
                 WHERE last_assignee IS NOT NULL;
             DROP TABLE team_loads;
             DROP SEQUENCE stage_change_seq;
             DROP INDEX tickets_for_reports;
             ALTER TABLE tickets DROP COLUMN ticket_type_id, DROP COLUMN tags, DROP COLUMN created_at,
                 DROP COLUMN assigned_at, DROP COLUMN closed_at,
                 DROP COLUMN working_to_assign, DROP COLUMN working_to_close;
             UPDATE tickets SET data = regexp_replace(data,
                 ',\"working_seconds_to_assign\":[^,]*,\"working_seconds_to_close\":[^,]*}}$', '}}');
             DELETE FROM record_keys WHERE kind = 'partner' AND key = 'email';
             UPDATE records SET data = regexp_replace(data, ',\"mail\":\\{{[^}}]*\\}}}}$', '}}') WHERE kind = 'company';
             UPDATE messages SET data = replace(data, ',\"attachments\":[]}}', '}}');
             UPDATE helpdesk_schema SET version = 1;"
        ))
        .unwrap();
    let stripped = PostgresStore::open(&location).unwrap();
    assert_eq!(stripped.schema_version().unwrap(), POSTGRES_SCHEMA_VERSION);
    assert_eq!(without_mail(stripped.snapshot().unwrap()), now);
    // A stage change of the migrated ticket comes after its old ones.
    let ticket = TicketId(1);
    let later = StageChange {
        ticket,
        stage: StageId(99),
        at: chrono::Utc::now(),
        by: None,
    };
    let mut history = Vec::new();
    stripped
        .unit_of_work(WorkMode::Write, &mut |tx| {
            tx.add_stage_change(&later)?;
            history = tx.stage_history(ticket)?;
            Ok(())
        })
        .unwrap();
    assert!(history.len() > 1 && history.last() == Some(&later));
}
