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

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}
