//! The store conformance suite: what every [`Store`] must do, as one public
//! function a host runs against its own store (feature `conformance`).
//!
//! ```no_run
//! # #[cfg(feature = "conformance")] {
//! helpdesk::conformance::check_store(|| helpdesk::store::MemoryStore::new());
//! # }
//! ```
//!
//! Each check panics with a message naming the broken promise, so call it
//! from a test. It also ships [`FaultyStore`], a wrapper that fails on the
//! n-th write, to prove that an interrupted unit of work leaves nothing,
//! and [`CountingStore`], which counts what units of work read, to prove
//! that an operation's cost does not grow with unrelated data.

mod concurrency;
mod counting;

pub use concurrency::check_store_concurrency;
pub use counting::{CountingStore, Reads};

use crate::access::TicketScope;
use crate::ids::*;
use crate::model::*;
use crate::store::*;
use crate::{Error, Result};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs every conformance check, each on a fresh store from `new_store`.
pub fn check_store<S: Store>(new_store: impl Fn() -> S) {
    sequences_count_from_one_and_independently(&new_store());
    records_round_trip_by_kind(&new_store());
    records_are_found_by_company_and_key(&new_store());
    find_records_agrees_with_record_query_matches(&new_store());
    tickets_round_trip_and_list_in_order(&new_store());
    ticket_filters_and_scopes_match_the_reference(&new_store());
    team_load_follows_the_assignment_rule(&new_store());
    team_load_equals_a_recount_after_any_ticket_changes(&new_store());
    team_load_rolls_back_with_failed_work(&new_store());
    sla_statuses_round_trip_and_are_replaced_wholesale(&new_store());
    find_sla_statuses_filters_by_company_team_and_period(&new_store());
    followers_are_a_set(&new_store());
    messages_history_and_outbox_keep_order(&new_store());
    out_3_outbox_claims_hold_until_their_lease_ends(&new_store());
    coupons_round_trip_by_id_and_by_code_per_company(&new_store());
    a_coupon_code_taken_in_its_company_is_a_conflict(&new_store());
    coupons_roll_back_with_failed_work(&new_store());
    failed_work_leaves_nothing(&new_store());
    read_work_keeps_nothing(&new_store());
}

fn write<S: Store + ?Sized>(store: &S, mut work: impl FnMut(&mut dyn Transaction) -> Result<()>) {
    store
        .unit_of_work(WorkMode::Write, &mut work)
        .unwrap_or_else(|e| fail(&format!("a unit of work failed: {e}")));
}

fn read<S: Store + ?Sized, R>(
    store: &S,
    mut work: impl FnMut(&mut dyn Transaction) -> Result<R>,
) -> R {
    let mut out = None;
    store
        .unit_of_work(WorkMode::Read, &mut |tx| {
            out = Some(work(tx)?);
            Ok(())
        })
        .unwrap_or_else(|e| fail(&format!("a read failed: {e}")));
    out.unwrap_or_else(|| fail("a read returned nothing"))
}

/// What `work` returns inside a unit of work that is then abandoned, so
/// that what it wrote (a sequence's next value, say) is not kept. A read
/// may not write at all: a store may refuse it (SQLite runs reads
/// `query_only`).
fn peek<S: Store + ?Sized, R>(
    store: &S,
    mut work: impl FnMut(&mut dyn Transaction) -> Result<R>,
) -> R {
    let mut out = None;
    let _ = store.unit_of_work(WorkMode::Write, &mut |tx| {
        out = Some(work(tx)?);
        Err(Error::Internal {
            message: "abandoned on purpose".into(),
        })
    });
    out.unwrap_or_else(|| fail("a peek returned nothing"))
}

#[allow(clippy::panic)]
fn fail(message: &str) -> ! {
    panic!("store conformance: {message}")
}

fn check(ok: bool, promise: &str) {
    if !ok {
        fail(promise);
    }
}

fn at(hour: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_442_000 + hour * 3600, 0).unwrap_or_default()
}

fn millis(ms: i64) -> TimeDelta {
    TimeDelta::milliseconds(ms)
}

/// A ticket for the checks.
fn ticket(id: i64, company: i64, team: Option<i64>, priority: Priority, subject: &str) -> Ticket {
    Ticket {
        id: TicketId(id),
        company: CompanyId(company),
        number: id,
        reference: format!("#{id}"),
        subject: subject.into(),
        description: String::new(),
        team: team.map(TeamId),
        stage: StageId(1),
        priority,
        ticket_type: None,
        tags: Vec::new(),
        customer: Some(PartnerId(100 + id % 3)),
        assignee: Some(UserId(id % 2)),
        product: None,
        lot: None,
        created_at: at(id),
        assigned_at: None,
        closed_at: if id % 4 == 0 { Some(at(id)) } else { None },
        last_stage_change_at: at(id),
        last_activity_at: at(10 - id % 5),
        active: id % 7 != 0,
        closed_by_customer: false,
        documents: Vec::new(),
        // Whole hours (ties on the sort key), none, and instants within one
        // second (the failed filter must compare below the second).
        sla_deadline: match id % 3 {
            0 => None,
            1 => Some(at(id % 5)),
            _ => Some(at(2) + millis(250 * (id % 4))),
        },
        sla_reached_late: id % 11 == 0,
        sale_line: None,
        merged_into: None,
        opportunity: None,
        working_seconds_to_assign: None,
        working_seconds_to_close: None,
    }
}

fn sequences_count_from_one_and_independently(store: &dyn Store) {
    let mut got = Vec::new();
    write(store, |tx| {
        got = vec![
            tx.next_value(Sequence::Ticket)?,
            tx.next_value(Sequence::Ticket)?,
            tx.next_value(Sequence::TicketNumber(CompanyId(1)))?,
            tx.next_value(Sequence::TicketNumber(CompanyId(2)))?,
            tx.next_value(Sequence::Record(RecordKind::Team))?,
        ];
        Ok(())
    });
    check(
        got == [1, 2, 1, 1, 1],
        "sequences start at 1 and count independently",
    );
    let next = peek(store, |tx| tx.next_value(Sequence::Ticket));
    check(
        next == 3,
        "sequences continue after a committed unit of work",
    );
    // An identifier taken by an abandoned unit may be skipped; a number
    // never is (Sequence::is_number).
    let numbers = [
        peek(store, |tx| {
            tx.next_value(Sequence::TicketNumber(CompanyId(1)))
        }),
        peek(store, |tx| {
            tx.next_value(Sequence::TicketNumber(CompanyId(1)))
        }),
    ];
    check(
        numbers == [2, 2],
        "a number taken by a unit of work that did not commit is given again",
    );
    let mut ids = Vec::new();
    write(store, |tx| {
        ids = vec![
            tx.next_ticket_ids(CompanyId(2))?,
            tx.next_ticket_ids(CompanyId(3))?,
        ];
        Ok(())
    });
    let after = peek(store, |tx| {
        Ok((
            tx.next_value(Sequence::Ticket)?,
            tx.next_value(Sequence::TicketNumber(CompanyId(2)))?,
        ))
    });
    check(
        ids.len() == 2
            && ids[0].0 >= TicketId(3)
            && ids[1].0 > ids[0].0
            && after.0 > ids[1].0 .0
            && (ids[0].1, ids[1].1, after.1) == (2, 1, 3),
        "next_ticket_ids takes the next ticket id and the company's next number",
    );
}

/// A record to put: `company` 0 is shared.
fn put(
    tx: &mut dyn Transaction,
    kind: RecordKind,
    id: i64,
    company: i64,
    keys: &[RecordKey],
    json: &str,
) -> Result<()> {
    tx.put_record(&StoredRecord {
        kind,
        id,
        company: (company != 0).then_some(CompanyId(company)),
        keys,
        json,
    })
}

fn records_round_trip_by_kind(store: &dyn Store) {
    write(store, |tx| {
        put(tx, RecordKind::Team, 2, 1, &[], r#"{"b":2}"#)?;
        put(tx, RecordKind::Team, 1, 1, &[], r#"{"a":1}"#)?;
        put(tx, RecordKind::Stage, 1, 1, &[], r#"{"s":1}"#)?;
        put(tx, RecordKind::Team, 1, 1, &[], r#"{"a":2}"#)
    });
    let (one, missing, teams) = read(store, |tx| {
        Ok((
            tx.get_record(RecordKind::Team, 1)?,
            tx.get_record(RecordKind::Tag, 1)?,
            tx.find_records(RecordKind::Team, &RecordQuery::InCompany(CompanyId(1)))?,
        ))
    });
    check(
        one.as_deref() == Some(r#"{"a":2}"#),
        "put_record replaces a record",
    );
    check(missing.is_none(), "records are kept per kind");
    check(
        teams == [r#"{"a":2}"#, r#"{"b":2}"#],
        "find_records lists one kind of one company by increasing id",
    );
    let mut deleted = Vec::new();
    write(store, |tx| {
        deleted = vec![
            tx.delete_record(RecordKind::Team, 1)?,
            tx.delete_record(RecordKind::Team, 1)?,
            tx.delete_record(RecordKind::Tag, 2)?,
        ];
        Ok(())
    });
    check(
        deleted == [true, false, false],
        "delete_record reports whether there was a record",
    );
    let company_one = RecordQuery::InCompany(CompanyId(1));
    let (gone, teams, stage) = read(store, |tx| {
        Ok((
            tx.get_record(RecordKind::Team, 1)?,
            tx.find_records(RecordKind::Team, &company_one)?,
            tx.get_record(RecordKind::Stage, 1)?,
        ))
    });
    check(
        gone.is_none() && teams == [r#"{"b":2}"#] && stage.is_some(),
        "delete_record deletes one record of one kind",
    );
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        tx.delete_record(RecordKind::Team, 2)?;
        Err(Error::Internal {
            message: "injected".into(),
        })
    });
    check(
        result.is_err()
            && read(store, |tx| tx.find_records(RecordKind::Team, &company_one)) == teams,
        "a failed unit of work keeps the records it deleted",
    );
}

fn records_are_found_by_company_and_key(store: &dyn Store) {
    let customer = |id| RecordKey::Customer(PartnerId(id));
    write(store, |tx| {
        put(tx, RecordKind::Invoice, 1, 1, &[customer(7)], "i1")?;
        put(tx, RecordKind::Invoice, 2, 2, &[customer(7)], "i2")?;
        put(
            tx,
            RecordKind::Invoice,
            3,
            1,
            &[customer(8), RecordKey::Ticket(TicketId(5))],
            "i3",
        )?;
        put(tx, RecordKind::Invoice, 4, 1, &[customer(7)], "i4")?;
        put(tx, RecordKind::SaleOrder, 1, 1, &[customer(7)], "o1")?;
        put(
            tx,
            RecordKind::User,
            1,
            0,
            &[RecordKey::Employer(CompanyId(1))],
            "u1",
        )?;
        put(
            tx,
            RecordKind::User,
            2,
            0,
            &[RecordKey::Employer(CompanyId(2))],
            "u2",
        )?;
        put(
            tx,
            RecordKind::User,
            3,
            0,
            &[
                RecordKey::Employer(CompanyId(1)),
                RecordKey::Employer(CompanyId(2)),
            ],
            "u3",
        )
    });
    let find = |kind, query: RecordQuery| read(store, move |tx| tx.find_records(kind, &query));
    let of_7_in_1 = RecordQuery::ByKey(CompanyId(1), customer(7));
    check(
        find(RecordKind::Invoice, of_7_in_1) == ["i1", "i4"],
        "ByKey finds the records of one kind and company with the key, by id",
    );
    check(
        find(
            RecordKind::Invoice,
            RecordQuery::ByKey(CompanyId(1), RecordKey::Ticket(TicketId(5))),
        ) == ["i3"],
        "a record is found by each of its keys",
    );
    check(
        find(
            RecordKind::User,
            RecordQuery::Shared(RecordKey::Employer(CompanyId(1))),
        ) == ["u1", "u3"]
            && find(
                RecordKind::User,
                RecordQuery::ByKey(CompanyId(1), RecordKey::Employer(CompanyId(1))),
            )
            .is_empty(),
        "Shared finds only records without a company",
    );
    check(
        find(RecordKind::Invoice, RecordQuery::InCompany(CompanyId(2))) == ["i2"]
            && find(RecordKind::User, RecordQuery::InCompany(CompanyId(1))).is_empty(),
        "InCompany finds the records of one company only",
    );
    // A replaced record is found by its new keys only.
    write(store, |tx| {
        put(tx, RecordKind::Invoice, 4, 1, &[customer(8)], "i4b")
    });
    check(
        find(RecordKind::Invoice, of_7_in_1) == ["i1"]
            && find(
                RecordKind::Invoice,
                RecordQuery::ByKey(CompanyId(1), customer(8)),
            ) == ["i3", "i4b"],
        "put_record replaces a record's keys",
    );
    write(store, |tx| {
        tx.delete_record(RecordKind::Invoice, 1).map(|_| ())
    });
    check(
        find(RecordKind::Invoice, of_7_in_1).is_empty(),
        "delete_record removes a record's keys",
    );
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        put(tx, RecordKind::Invoice, 9, 1, &[customer(8)], "lost")?;
        Err(Error::Internal {
            message: "injected".into(),
        })
    });
    check(
        result.is_err()
            && find(
                RecordKind::Invoice,
                RecordQuery::ByKey(CompanyId(1), customer(8)),
            ) == ["i3", "i4b"],
        "a failed unit of work leaves no key behind",
    );
}

/// Every query answers exactly the records [`RecordQuery::matches`] says,
/// over records of several kinds, companies and keys (shared ones too).
fn find_records_agrees_with_record_query_matches(store: &dyn Store) {
    let keys = [
        RecordKey::Customer(PartnerId(1)),
        RecordKey::Customer(PartnerId(2)),
        RecordKey::Ticket(TicketId(1)),
        RecordKey::Employer(CompanyId(1)),
        RecordKey::Directory,
        RecordKey::code("EUR"),
    ];
    // (kind, id, company (0: shared), keys): a deterministic mix.
    let mut records = Vec::new();
    for id in 1..=24_i64 {
        let kind = [RecordKind::Invoice, RecordKind::User][(id % 2) as usize];
        let company = id % 3;
        let mine: Vec<RecordKey> = keys
            .iter()
            .enumerate()
            .filter(|(i, _)| (id as usize + i).is_multiple_of(3))
            .map(|(_, k)| *k)
            .collect();
        records.push((kind, id, company, mine));
    }
    write(store, |tx| {
        for (kind, id, company, keys) in &records {
            put(tx, *kind, *id, *company, keys, &format!("r{id}"))?;
        }
        Ok(())
    });
    let mut queries = Vec::new();
    for company in 1..=2 {
        queries.push(RecordQuery::InCompany(CompanyId(company)));
        queries.extend(
            keys.iter()
                .map(|k| RecordQuery::ByKey(CompanyId(company), *k)),
        );
    }
    queries.extend(keys.iter().map(|k| RecordQuery::Shared(*k)));
    for kind in [RecordKind::Invoice, RecordKind::User] {
        for query in &queries {
            let found = read(store, |tx| tx.find_records(kind, query));
            let expected: Vec<String> = records
                .iter()
                .filter(|(k, _, company, keys)| {
                    *k == kind
                        && query.matches((*company != 0).then_some(CompanyId(*company)), keys)
                })
                .map(|(_, id, _, _)| format!("r{id}"))
                .collect();
            check(
                found == expected,
                "find_records answers what RecordQuery::matches says, by increasing id",
            );
        }
    }
}

fn tickets_round_trip_and_list_in_order(store: &dyn Store) {
    let tickets: Vec<Ticket> = (1..=9)
        .map(|i| ticket(i, 1, Some(i % 3), Priority::Low, "t"))
        .collect();
    write(store, |tx| {
        tickets.iter().try_for_each(|t| tx.put_ticket(t))
    });
    for expected in &tickets {
        let back = read(store, |tx| tx.get_ticket(expected.id));
        check(
            back.as_ref() == Some(expected),
            "get_ticket returns the ticket as put, every field",
        );
    }
    let team = read(store, |tx| tx.team_ticket_ids(TeamId(1)));
    check(
        team == [TicketId(1), TicketId(4), TicketId(7)],
        "team_ticket_ids lists a team's tickets by id",
    );
}

fn ticket_filters_and_scopes_match_the_reference(store: &dyn Store) {
    let priorities = [
        Priority::Low,
        Priority::Urgent,
        Priority::Medium,
        Priority::High,
    ];
    let tickets: Vec<Ticket> = (1..=30)
        .map(|i| {
            let team = if i % 5 == 0 { None } else { Some(i % 4) };
            let subject = if i % 3 == 0 {
                "Printer 50% jam"
            } else {
                "Screen"
            };
            ticket(i, 1 + i % 2, team, priorities[(i % 4) as usize], subject)
        })
        .collect();
    let followed = [3, 8, 10, 15, 21];
    write(store, |tx| {
        for t in &tickets {
            tx.put_ticket(t)?;
        }
        for id in followed {
            tx.add_follower(Followable::Ticket(TicketId(id)), PartnerId(7))?;
        }
        Ok(())
    });
    let scopes = [
        TicketScope::everything(),
        TicketScope {
            companies: Some(vec![CompanyId(1)]),
            all: true,
            ..TicketScope::default()
        },
        TicketScope {
            companies: Some(vec![CompanyId(1), CompanyId(2)]),
            teams: vec![TeamId(1)],
            teamless: true,
            followed_by: Some(PartnerId(7)),
            ..TicketScope::default()
        },
        TicketScope {
            companies: Some(vec![CompanyId(2)]),
            followed_by: Some(PartnerId(7)),
            followed_in: Some(vec![TeamId(1), TeamId(3)]),
            ..TicketScope::default()
        },
        TicketScope {
            companies: Some(vec![]),
            all: true,
            ..TicketScope::default()
        },
    ];
    // Each filter with the instant it is evaluated at.
    let filters = [
        (TicketFilter::default(), DateTime::UNIX_EPOCH),
        (
            TicketFilter {
                team: Some(TeamId(2)),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                open: Some(false),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            // Whole seconds: activity at 7:00:00 is not before 7:00:00.5.
            TicketFilter {
                open: Some(true),
                last_activity_before: Some(at(7) + millis(500)),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                team: Some(TeamId(1)),
                last_activity_before: Some(at(9)),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                open: Some(true),
                assignee: Some(UserId(1)),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                customer: Some(PartnerId(101)),
                stage: Some(StageId(1)),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                text: Some("50%".into()),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        (
            TicketFilter {
                text: Some("printer".into()),
                archived: true,
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        // At the epoch, only late reaches have failed.
        (
            TicketFilter {
                sla_failed: Some(true),
                ..TicketFilter::default()
            },
            DateTime::UNIX_EPOCH,
        ),
        // Within the second of several deadlines, and on one exactly.
        (
            TicketFilter {
                sla_failed: Some(true),
                ..TicketFilter::default()
            },
            at(2) + millis(500),
        ),
        (
            TicketFilter {
                sla_failed: Some(false),
                ..TicketFilter::default()
            },
            at(2) + millis(500),
        ),
        (
            TicketFilter {
                sla_failed: Some(false),
                open: Some(true),
                ..TicketFilter::default()
            },
            at(3),
        ),
        (
            TicketFilter {
                sla_failed: Some(true),
                archived: true,
                ..TicketFilter::default()
            },
            at(9),
        ),
    ];
    for scope in &scopes {
        for (filter, at) in &filters {
            let at = *at;
            let followers = |t: &Ticket| {
                if followed.contains(&t.id.0) {
                    vec![PartnerId(7)]
                } else {
                    vec![]
                }
            };
            let expected: Vec<&Ticket> = tickets
                .iter()
                .filter(|t| {
                    crate::store::semantics::matches(filter, t, at)
                        && scope.contains(t, &followers(t))
                })
                .collect();
            let count = read(store, |tx| tx.count_tickets(scope, filter, at));
            check(
                count == expected.len() as u64,
                &format!("count_tickets agrees with the scope and filter {filter:?} {scope:?}"),
            );
            for sort in [
                TicketSort::Newest,
                TicketSort::Oldest,
                TicketSort::Priority,
                TicketSort::LastActivity,
                TicketSort::SlaDeadline,
            ] {
                let mut want: Vec<TicketId> = expected.iter().map(|t| t.id).collect();
                let key = |id: &TicketId| {
                    let t = &tickets[(id.0 - 1) as usize];
                    (sort.primary(t), t.id)
                };
                want.sort_by_key(key);
                if !matches!(sort, TicketSort::Oldest | TicketSort::SlaDeadline) {
                    want.reverse();
                }
                // Pages of 4, following keys, must give the whole listing.
                let mut got = Vec::new();
                let mut after = None;
                loop {
                    let page = read(store, |tx| {
                        tx.find_tickets(scope, filter, at, sort, after, 4)
                    });
                    got.extend(page.iter().map(|t| t.id));
                    match page.last() {
                        Some(last) if page.len() == 4 => {
                            after = Some(SortKey {
                                primary: sort.primary(last),
                                id: last.id,
                            })
                        }
                        _ => break,
                    }
                }
                check(
                    got == want,
                    &format!("find_tickets pages in {sort:?} order for {filter:?} in {scope:?}"),
                );
            }
        }
    }
}

/// The reference of [`TeamLoad::last_assignee`], written from the rule
/// independently of any store: the pointer moves when the new version has a
/// team and an assignee that the stored one did not have together.
fn follow_last_assignee(
    last: &mut BTreeMap<TeamId, UserId>,
    stored: Option<&Ticket>,
    new: &Ticket,
) {
    if let (Some(team), Some(user)) = (new.team, new.assignee) {
        if !stored.is_some_and(|old| old.team == new.team && old.assignee == new.assignee) {
            last.insert(team, user);
        }
    }
}

/// The reference of [`TeamLoad`]: a recount over every ticket.
fn recount(
    tickets: &BTreeMap<TicketId, Ticket>,
    last: &BTreeMap<TeamId, UserId>,
    team: TeamId,
) -> TeamLoad {
    let mut open = BTreeMap::new();
    for t in tickets.values() {
        if let (Some(in_team), Some(user)) = (t.team, t.assignee) {
            if in_team == team && t.is_open() && t.active {
                *open.entry(user).or_insert(0) += 1;
            }
        }
    }
    TeamLoad {
        last_assignee: last.get(&team).copied(),
        open,
    }
}

/// A ticket of `team` assigned to `user`, open and active.
fn placed(id: i64, team: Option<i64>, user: Option<i64>) -> Ticket {
    Ticket {
        team: team.map(TeamId),
        assignee: user.map(UserId),
        closed_at: None,
        active: true,
        ..ticket(id, 1, None, Priority::Low, "load")
    }
}

fn team_load_follows_the_assignment_rule(store: &dyn Store) {
    let load = |team: i64| read(store, |tx| tx.team_load(TeamId(team)));
    let last = |team: i64| load(team).last_assignee.map(|u| u.0);
    check(
        load(1) == TeamLoad::default(),
        "team_load of a team without tickets is empty",
    );
    write(store, |tx| {
        tx.put_ticket(&placed(1, Some(1), Some(1)))?;
        tx.put_ticket(&placed(2, Some(1), Some(2)))
    });
    check(
        last(1) == Some(2),
        "last_assignee is the assignee of the team's latest assigned ticket",
    );
    check(
        load(1).open == BTreeMap::from([(UserId(1), 1), (UserId(2), 1)]),
        "open counts each assignee's open active tickets",
    );
    write(store, |tx| {
        let mut again = placed(1, Some(1), Some(1));
        again.subject = "edited".into();
        tx.put_ticket(&again)
    });
    check(
        last(1) == Some(2),
        "rewriting a ticket with the assignee it had does not move last_assignee",
    );
    write(store, |tx| {
        let mut closed = placed(1, Some(1), Some(3));
        closed.closed_at = Some(at(1));
        tx.put_ticket(&closed)
    });
    check(
        last(1) == Some(3),
        "assigning a closed ticket moves last_assignee too",
    );
    check(
        load(1).open == BTreeMap::from([(UserId(2), 1)]),
        "a closed ticket does not count, and an assignee at 0 disappears",
    );
    write(store, |tx| tx.put_ticket(&placed(2, Some(2), Some(2))));
    check(
        last(2) == Some(2) && last(1) == Some(3),
        "a ticket moved into a team assigned moves that team's last_assignee only",
    );
    check(
        load(1).open.is_empty() && load(2).open == BTreeMap::from([(UserId(2), 1)]),
        "a ticket moved to another team counts there only",
    );
    write(store, |tx| tx.put_ticket(&placed(2, Some(2), None)));
    check(
        last(2) == Some(2) && load(2).open.is_empty(),
        "unassigning keeps last_assignee and stops counting",
    );
    write(store, |tx| tx.put_ticket(&placed(2, Some(2), Some(2))));
    check(
        last(2) == Some(2) && load(2).open == BTreeMap::from([(UserId(2), 1)]),
        "reassigning an unassigned ticket counts it again",
    );
}

fn team_load_equals_a_recount_after_any_ticket_changes(store: &dyn Store) {
    // xorshift64: a fixed, varied sequence without a dependency.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n) as i64
    };
    let mut tickets: BTreeMap<TicketId, Ticket> = BTreeMap::new();
    let mut last: BTreeMap<TeamId, UserId> = BTreeMap::new();
    let teams = [None, Some(1), Some(2), Some(3)];
    for round in 0..15 {
        write(store, |tx| {
            for step in 0..12 {
                let count = tickets.len() as i64;
                let op = random(10);
                let mut t = if op < 2 || count == 0 {
                    let mut new = placed(count + 1, teams[random(4) as usize], None);
                    new.assignee = [None, Some(UserId(1)), Some(UserId(2)), Some(UserId(3))]
                        [random(4) as usize];
                    new.closed_at = (random(4) == 0).then(|| at(1));
                    new.active = random(6) != 0;
                    new
                } else {
                    tickets[&TicketId(1 + random(count as u64))].clone()
                };
                match op {
                    2 => t.assignee = Some(UserId(1 + random(3))),
                    3 => t.assignee = None,
                    4 => t.closed_at = Some(at(2)),
                    5 => t.closed_at = None,
                    6 => t.active = false,
                    7 => t.active = true,
                    8 => t.team = teams[random(4) as usize].map(TeamId),
                    9 => t.subject = format!("edited {round}.{step}"),
                    _ => {}
                }
                tx.put_ticket(&t)?;
                follow_last_assignee(&mut last, tickets.get(&t.id), &t);
                tickets.insert(t.id, t);
                for team in 1..=4 {
                    let got = tx.team_load(TeamId(team))?;
                    check(
                        got == recount(&tickets, &last, TeamId(team)),
                        &format!(
                            "team_load of team {team} equals a recount over every ticket, \
                             within the unit of work (round {round}, step {step}): {got:?}"
                        ),
                    );
                }
            }
            Ok(())
        });
        for team in 1..=4 {
            let got = read(store, |tx| tx.team_load(TeamId(team)));
            check(
                got == recount(&tickets, &last, TeamId(team)),
                &format!("team_load of team {team} equals a recount after commit (round {round})"),
            );
        }
    }
}

fn team_load_rolls_back_with_failed_work(store: &dyn Store) {
    write(store, |tx| {
        tx.put_ticket(&placed(1, Some(1), Some(1)))?;
        tx.put_ticket(&placed(2, Some(1), Some(2)))
    });
    let loads = || {
        read(store, |tx| {
            Ok((tx.team_load(TeamId(1))?, tx.team_load(TeamId(2))?))
        })
    };
    let before = loads();
    let mut changed = false;
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        tx.put_ticket(&placed(1, Some(2), Some(3)))?;
        let mut closed = placed(2, Some(1), Some(2));
        closed.closed_at = Some(at(3));
        tx.put_ticket(&closed)?;
        tx.put_ticket(&placed(3, Some(1), Some(4)))?;
        changed = tx.team_load(TeamId(1))? != before.0 && tx.team_load(TeamId(2))? != before.1;
        Err(Error::Internal {
            message: "injected".into(),
        })
    });
    check(
        result.is_err() && changed,
        "a unit of work sees its own changes to the team loads",
    );
    check(
        loads() == before,
        "a failed unit of work leaves the team loads as they were",
    );
}

/// A status for the SLA checks: created at `created`, every field varied.
fn sla_status(ticket: i64, policy: i64, created: DateTime<Utc>) -> SlaStatus {
    SlaStatus {
        ticket: TicketId(ticket),
        policy: SlaPolicyId(policy),
        company: CompanyId(1 + ticket % 2),
        team: TeamId(1 + ticket % 3),
        ticket_created_at: created,
        deadline: (policy % 2 == 1).then(|| created + TimeDelta::hours(4) + millis(1)),
        reached_at: (policy == 3).then(|| created + millis(1500)),
    }
}

/// Tickets 2k and 2k+1 are created in the same second, 250 ms apart.
fn sla_created(ticket: i64) -> DateTime<Utc> {
    at(ticket / 2) + millis(250 * (ticket % 2))
}

fn sla_statuses_round_trip_and_are_replaced_wholesale(store: &dyn Store) {
    write(store, |tx| {
        for t in 1..=3 {
            let created = sla_created(t);
            let statuses = [3, 1, 2 + t].map(|p| sla_status(t, p, created));
            tx.put_sla_statuses(TicketId(t), &statuses)?;
        }
        Ok(())
    });
    let two = read(store, |tx| tx.sla_statuses(TicketId(2)));
    check(
        two == [1, 3, 4].map(|p| sla_status(2, p, sla_created(2))),
        "sla_statuses returns a ticket's statuses as put, by increasing policy id",
    );
    write(store, |tx| {
        tx.put_sla_statuses(TicketId(2), &[sla_status(2, 9, sla_created(2))])?;
        tx.put_sla_statuses(TicketId(3), &[])
    });
    let (one, two, three) = read(store, |tx| {
        Ok((
            tx.sla_statuses(TicketId(1))?,
            tx.sla_statuses(TicketId(2))?,
            tx.sla_statuses(TicketId(3))?,
        ))
    });
    check(
        two == [sla_status(2, 9, sla_created(2))] && three.is_empty(),
        "put_sla_statuses replaces every status of the ticket",
    );
    check(
        one == [1, 3].map(|p| sla_status(1, p, sla_created(1))),
        "put_sla_statuses leaves other tickets' statuses alone",
    );
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        tx.put_sla_statuses(TicketId(1), &[sla_status(2, 1, sla_created(2))])
    });
    check(
        result.is_err() && read(store, |tx| tx.sla_statuses(TicketId(1))) == one,
        "put_sla_statuses refuses a status of another ticket",
    );
}

fn find_sla_statuses_filters_by_company_team_and_period(store: &dyn Store) {
    let mut all: BTreeMap<(TicketId, SlaPolicyId), SlaStatus> = BTreeMap::new();
    write(store, |tx| {
        // Put in decreasing ticket order: the listing order is the store's.
        for t in (1..=12).rev() {
            let statuses = [t % 4 + 2, 1].map(|p| sla_status(t, p, sla_created(t)));
            tx.put_sla_statuses(TicketId(t), &statuses)?;
            all.extend(statuses.iter().map(|s| ((s.ticket, s.policy), s.clone())));
        }
        Ok(())
    });
    write(store, |tx| {
        let replaced = sla_status(5, 7, sla_created(5));
        tx.put_sla_statuses(TicketId(5), std::slice::from_ref(&replaced))?;
        all.retain(|(ticket, _), _| *ticket != TicketId(5));
        all.insert((replaced.ticket, replaced.policy), replaced);
        Ok(())
    });
    // Bounds exactly on a creation instant, and within one second.
    let froms = [None, Some(sla_created(3)), Some(sla_created(3) + millis(1))];
    let tos = [
        None,
        Some(sla_created(9)),
        Some(sla_created(8) + millis(300)),
    ];
    for company in [1, 2, 3] {
        for team in [None, Some(1), Some(3)] {
            for created_from in froms {
                for created_to in tos {
                    let query = SlaStatusQuery {
                        company: CompanyId(company),
                        team: team.map(TeamId),
                        created_from,
                        created_to,
                    };
                    let want: Vec<&SlaStatus> = all
                        .values()
                        .filter(|s| {
                            s.company == query.company
                                && query.team.is_none_or(|team| s.team == team)
                                && created_from.is_none_or(|from| s.ticket_created_at >= from)
                                && created_to.is_none_or(|to| s.ticket_created_at < to)
                        })
                        .collect();
                    let got = read(store, |tx| tx.find_sla_statuses(&query));
                    check(
                        got.iter().eq(want.iter().copied()),
                        &format!(
                            "find_sla_statuses keeps the company, team and period \
                             [from, to) by ticket then policy id: {query:?}"
                        ),
                    );
                }
            }
        }
    }
}

fn followers_are_a_set(store: &dyn Store) {
    let mut added = Vec::new();
    write(store, |tx| {
        added = vec![
            tx.add_follower(Followable::Team(TeamId(1)), PartnerId(5))?,
            tx.add_follower(Followable::Team(TeamId(1)), PartnerId(5))?,
            tx.add_follower(Followable::Team(TeamId(2)), PartnerId(5))?,
            tx.add_follower(Followable::Team(TeamId(1)), PartnerId(4))?,
            tx.add_follower(Followable::Ticket(TicketId(1)), PartnerId(5))?,
            tx.remove_follower(Followable::Team(TeamId(2)), PartnerId(5))?,
            tx.remove_follower(Followable::Team(TeamId(2)), PartnerId(5))?,
        ];
        Ok(())
    });
    check(
        added == [true, false, true, true, true, true, false],
        "add/remove_follower report whether they changed anything",
    );
    let (team, teams) = read(store, |tx| {
        Ok((
            tx.followers(Followable::Team(TeamId(1)))?,
            tx.followed_teams(PartnerId(5))?,
        ))
    });
    check(
        team == [PartnerId(4), PartnerId(5)],
        "followers lists a target's partners by id",
    );
    check(
        teams == BTreeSet::from([TeamId(1)]),
        "followed_teams lists only teams",
    );
}

/// Outbox message `id` of company 1, created at hour `id`.
fn outbox_message(id: i64) -> OutboxMessage {
    OutboxMessage {
        id: OutboxId(id),
        company: CompanyId(1),
        kind: OutboxKind::Notification,
        recipients: vec![PartnerId(1)],
        template: None,
        subject: format!("o{id}"),
        body: String::new(),
        ticket: None,
        created_at: at(id),
        token: None,
        event: OutboxEvent::TicketAssigned,
        payload: OutboxPayload {
            ticket_reference: Some(format!("#{id}")),
            ..OutboxPayload::default()
        },
        mail: Some(MailHeaders {
            message_id: format!("<{id}@helpdesk.invalid>"),
            in_reply_to: None,
            references: Vec::new(),
            reply_to: Some("care@acme.example".into()),
        }),
    }
}

/// OUT-3: a drainer's claim keeps a message from the others until it ends;
/// acknowledged messages are never claimed again.
fn out_3_outbox_claims_hold_until_their_lease_ends(store: &dyn Store) {
    write(store, |tx| {
        (1..=3).try_for_each(|id| tx.add_outbox(&outbox_message(id)))
    });
    let now = at(10);
    let until = now + chrono::Duration::seconds(60);
    let claim = |at: DateTime<Utc>, limit: usize| -> Vec<i64> {
        let mut ids = Vec::new();
        write(store, |tx| {
            ids = tx
                .claim_outbox(at, at + chrono::Duration::seconds(60), limit)?
                .iter()
                .map(|m| m.id.0)
                .collect();
            Ok(())
        });
        ids
    };
    check(
        claim(now, 2) == [1, 2],
        "a claim takes the oldest unclaimed messages",
    );
    check(
        claim(now, 5) == [3],
        "a claimed message is not claimed again while its claim holds",
    );
    check(claim(now, 5).is_empty(), "everything is claimed");
    write(store, |tx| tx.acknowledge_outbox(OutboxId(1)).map(drop));
    check(
        claim(until, 5) == [2, 3],
        "a claim ends at its instant; an acknowledged message is never claimed",
    );
}

fn messages_history_and_outbox_keep_order(store: &dyn Store) {
    let message = |id: i64, ticket: i64| Message {
        id: MessageId(id),
        ticket: TicketId(ticket),
        kind: MessageKind::Reply,
        author: None,
        author_partner: None,
        body: format!("m{id}"),
        at: at(id),
        attachments: Vec::new(),
    };
    write(store, |tx| {
        for (id, t) in [(1, 1), (2, 2), (3, 1)] {
            tx.add_message(&message(id, t))?;
            tx.add_stage_change(&StageChange {
                ticket: TicketId(t),
                stage: StageId(id),
                at: at(id),
                by: None,
            })?;
        }
        (1..=3).try_for_each(|id| tx.add_outbox(&outbox_message(id)))
    });
    let (messages, history) = read(store, |tx| {
        Ok((tx.messages(TicketId(1))?, tx.stage_history(TicketId(1))?))
    });
    check(
        messages == [message(1, 1), message(3, 1)],
        "messages lists a ticket's messages oldest first",
    );
    check(
        history.iter().map(|c| c.stage.0).collect::<Vec<_>>() == [1, 3],
        "stage_history keeps order",
    );
    write(store, |tx| tx.add_message(&message(2, 1)));
    let (one, two) = read(store, |tx| {
        Ok((tx.messages(TicketId(1))?, tx.messages(TicketId(2))?))
    });
    check(
        one == [message(1, 1), message(2, 1), message(3, 1)] && two.is_empty(),
        "add_message with the id of a stored message replaces it, moving it to the ticket it names",
    );
    let mut acks = Vec::new();
    write(store, |tx| {
        acks = vec![
            tx.acknowledge_outbox(OutboxId(2))?,
            tx.acknowledge_outbox(OutboxId(2))?,
            tx.acknowledge_outbox(OutboxId(9))?,
        ];
        Ok(())
    });
    check(
        acks == [Some(true), Some(false), None],
        "acknowledge_outbox tells pending, done and unknown apart",
    );
    let pending = read(store, |tx| tx.pending_outbox(10));
    check(
        pending == [outbox_message(1), outbox_message(3)],
        "pending_outbox lists unacknowledged messages oldest first",
    );
    check(
        read(store, |tx| tx.pending_outbox(1)).len() == 1,
        "pending_outbox honours its limit",
    );
}

/// A coupon for the checks: every optional field set for odd ids.
fn coupon(id: i64, company: i64, code: &str) -> Coupon {
    Coupon {
        id: CouponId(id),
        company: CompanyId(company),
        program: CouponProgramId(10 + company),
        code: code.into(),
        partner: (id % 2 == 1).then_some(PartnerId(100 + id)),
        points: u32::try_from(id).unwrap_or_default() * 10,
        valid_until: (id % 2 == 1).then(|| at(24 * id).date_naive()),
        ticket: (id % 2 == 1).then_some(TicketId(id)),
        created_at: at(id) + millis(250),
    }
}

fn snapshot_of(store: &dyn Store) -> String {
    store.snapshot().unwrap_or_else(|e| fail(&e.to_string()))
}

fn coupons_round_trip_by_id_and_by_code_per_company(store: &dyn Store) {
    // The same code in two companies: two coupons.
    let coupons = [
        coupon(1, 1, "AAAA-BBBB-CCCC-DDDD-E"),
        coupon(2, 2, "AAAA-BBBB-CCCC-DDDD-E"),
        coupon(3, 1, "FFFF-GGGG-HHHH-JJJJ-K"),
        coupon(4, 2, "LLLL-MMMM-NNNN-PPPP-Q"),
    ];
    let empty = snapshot_of(store);
    let mut seen = false;
    write(store, |tx| {
        coupons.iter().try_for_each(|c| tx.put_coupon(c))?;
        seen = tx.get_coupon(CouponId(3))?.as_ref() == Some(&coupons[2])
            && tx.coupon_by_code(CompanyId(1), &coupons[2].code)?.as_ref() == Some(&coupons[2]);
        Ok(())
    });
    check(seen, "a unit of work sees the coupons it put");
    check(
        snapshot_of(store) != empty,
        "the snapshot shows the coupons",
    );
    for expected in &coupons {
        let (by_id, by_code) = read(store, |tx| {
            Ok((
                tx.get_coupon(expected.id)?,
                tx.coupon_by_code(expected.company, &expected.code)?,
            ))
        });
        check(
            by_id.as_ref() == Some(expected),
            "get_coupon returns the coupon as put, every field",
        );
        check(
            by_code.as_ref() == Some(expected),
            "coupon_by_code finds a coupon by its company and code",
        );
    }
    let (missing, elsewhere, inexact) = read(store, |tx| {
        Ok((
            tx.get_coupon(CouponId(9))?,
            tx.coupon_by_code(CompanyId(2), &coupons[2].code)?,
            tx.coupon_by_code(CompanyId(1), "aaaa-bbbb-cccc-dddd-e")?,
        ))
    });
    check(missing.is_none(), "get_coupon of an unknown id is None");
    check(
        elsewhere.is_none(),
        "coupon_by_code looks in the given company only",
    );
    check(
        inexact.is_none(),
        "coupon_by_code matches the stored code exactly",
    );

    // Replacing: same id, new points; then a new code, which frees the old.
    let mut spent = coupons[0].clone();
    spent.points = 3;
    let mut recoded = coupons[2].clone();
    recoded.code = "RRRR-SSSS-TTTT-UUUU-V".into();
    write(store, |tx| {
        tx.put_coupon(&spent)?;
        tx.put_coupon(&recoded)
    });
    let (by_id, by_code, old_code, new_code) = read(store, |tx| {
        Ok((
            tx.get_coupon(spent.id)?,
            tx.coupon_by_code(CompanyId(1), &spent.code)?,
            tx.coupon_by_code(CompanyId(1), &coupons[2].code)?,
            tx.coupon_by_code(CompanyId(1), &recoded.code)?,
        ))
    });
    check(
        by_id.as_ref() == Some(&spent) && by_code.as_ref() == Some(&spent),
        "put_coupon replaces a coupon with the same id (its own code is no conflict)",
    );
    check(
        old_code.is_none() && new_code.as_ref() == Some(&recoded),
        "a coupon put with a new code is found by the new code only",
    );
    let reused = coupon(5, 1, &coupons[2].code);
    write(store, |tx| tx.put_coupon(&reused));
    check(
        read(store, |tx| tx.coupon_by_code(CompanyId(1), &reused.code)).as_ref() == Some(&reused),
        "the code a coupon gave up may be taken by another",
    );
    check(
        read(store, |tx| tx.get_coupon(CouponId(2))).as_ref() == Some(&coupons[1]),
        "changing a company's coupons leaves another company's alone",
    );
}

fn a_coupon_code_taken_in_its_company_is_a_conflict(store: &dyn Store) {
    let first = coupon(1, 1, "AAAA-BBBB-CCCC-DDDD-E");
    let second = coupon(2, 1, "FFFF-GGGG-HHHH-JJJJ-K");
    write(store, |tx| {
        tx.put_coupon(&first)?;
        tx.put_coupon(&second)
    });
    let before = snapshot_of(store);
    let is_conflict = |result: &Result<()>| {
        matches!(
            result,
            Err(Error::Conflict {
                entity: "coupon",
                ..
            })
        )
    };
    // A new coupon with a taken code, and an existing one moved onto it.
    let mut moved = second.clone();
    moved.code = first.code.clone();
    moved.points = 99;
    for (clash, what) in [
        (coupon(3, 1, &first.code), "a new coupon"),
        (moved, "an existing coupon"),
    ] {
        let result = store.unit_of_work(WorkMode::Write, &mut |tx| tx.put_coupon(&clash));
        check(
            is_conflict(&result),
            &format!("{what} with a code another coupon of the company has is a coupon conflict: {result:?}"),
        );
        check(
            snapshot_of(store) == before,
            &format!("{what} refused for its code leaves everything as it was"),
        );
        // The refusal, caught, writes nothing even in a unit of work that
        // then commits.
        let mut caught = None;
        write(store, |tx| {
            caught = Some(tx.put_coupon(&clash));
            Ok(())
        });
        check(
            caught.as_ref().is_some_and(is_conflict),
            &format!("{what} with a taken code is a conflict within any unit of work"),
        );
        check(
            snapshot_of(store) == before,
            &format!("a refused put_coupon ({what}) writes nothing, even when the work commits"),
        );
    }
    let (one, two, three, by_code) = read(store, |tx| {
        Ok((
            tx.get_coupon(first.id)?,
            tx.get_coupon(second.id)?,
            tx.get_coupon(CouponId(3))?,
            tx.coupon_by_code(CompanyId(1), &first.code)?,
        ))
    });
    check(
        one.as_ref() == Some(&first)
            && two.as_ref() == Some(&second)
            && three.is_none()
            && by_code.as_ref() == Some(&first),
        "a code conflict keeps the coupon that had the code, and the other as it was",
    );
}

fn coupons_roll_back_with_failed_work(store: &dyn Store) {
    let kept = coupon(1, 1, "AAAA-BBBB-CCCC-DDDD-E");
    write(store, |tx| tx.put_coupon(&kept));
    let before = snapshot_of(store);
    let mut spent = kept.clone();
    spent.points = 0;
    spent.code = "ZZZZ-YYYY-XXXX-WWWW-V".into();
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        tx.put_coupon(&spent)?;
        tx.put_coupon(&coupon(2, 1, &kept.code))?;
        Err(Error::Internal {
            message: "injected".into(),
        })
    });
    check(
        result.is_err() && snapshot_of(store) == before,
        "a failed unit of work leaves the coupons as they were",
    );
    let (one, two, by_old, by_new) = read(store, |tx| {
        Ok((
            tx.get_coupon(kept.id)?,
            tx.get_coupon(CouponId(2))?,
            tx.coupon_by_code(CompanyId(1), &kept.code)?,
            tx.coupon_by_code(CompanyId(1), &spent.code)?,
        ))
    });
    check(
        one.as_ref() == Some(&kept)
            && two.is_none()
            && by_old.as_ref() == Some(&kept)
            && by_new.is_none(),
        "a rolled-back put_coupon changes neither a coupon nor the codes",
    );
}

fn failed_work_leaves_nothing(store: &dyn Store) {
    let before = store.snapshot().unwrap_or_else(|e| fail(&e.to_string()));
    let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
        tx.next_value(Sequence::Ticket)?;
        put(tx, RecordKind::Company, 1, 0, &[RecordKey::Directory], "{}")?;
        tx.put_ticket(&ticket(1, 1, Some(1), Priority::Low, "lost"))?;
        tx.add_follower(Followable::Team(TeamId(1)), PartnerId(1))?;
        tx.put_sla_statuses(TicketId(1), &[sla_status(1, 1, at(1))])?;
        tx.put_coupon(&coupon(1, 1, "LOST"))?;
        Err(Error::Internal {
            message: "injected".into(),
        })
    });
    check(result.is_err(), "a failing unit of work reports its error");
    check(
        store.snapshot().ok().as_ref() == Some(&before),
        "a failed unit of work leaves nothing behind",
    );
}

fn read_work_keeps_nothing(store: &dyn Store) {
    let before = store.snapshot().unwrap_or_else(|e| fail(&e.to_string()));
    let _ = store.unit_of_work(WorkMode::Read, &mut |tx| {
        tx.next_value(Sequence::Outbox)?;
        Ok(())
    });
    check(
        store.snapshot().ok().as_ref() == Some(&before),
        "a read-only unit of work keeps no write",
    );
}

/// A store that fails the n-th write of its next units of work, to prove
/// that an operation interrupted midway leaves nothing behind.
#[derive(Debug)]
pub struct FaultyStore<S> {
    inner: S,
    fail_at: AtomicUsize,
    writes: AtomicUsize,
}

impl<S: Store> FaultyStore<S> {
    /// Wraps `inner`; no failure until [`FaultyStore::fail_at_write`].
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            fail_at: AtomicUsize::new(usize::MAX),
            writes: AtomicUsize::new(0),
        }
    }

    /// Fails the `n`-th write (0-based) from now on; `usize::MAX` never fails.
    pub fn fail_at_write(&self, n: usize) {
        self.writes.store(0, Ordering::SeqCst);
        self.fail_at.store(n, Ordering::SeqCst);
    }

    /// How many writes were attempted since the last [`FaultyStore::fail_at_write`].
    pub fn writes(&self) -> usize {
        self.writes.load(Ordering::SeqCst)
    }
}

struct FaultyTx<'a> {
    inner: &'a mut dyn Transaction,
    fail_at: usize,
    writes: &'a AtomicUsize,
}

impl FaultyTx<'_> {
    fn tick(&mut self) -> Result<()> {
        if self.writes.fetch_add(1, Ordering::SeqCst) == self.fail_at {
            return Err(Error::Storage {
                message: "injected failure (FaultyStore)".into(),
            });
        }
        Ok(())
    }
}

impl<S: Store> Store for FaultyStore<S> {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> Result<()>,
    ) -> Result<()> {
        let fail_at = self.fail_at.load(Ordering::SeqCst);
        self.inner.unit_of_work(mode, &mut |tx| {
            work(&mut FaultyTx {
                inner: tx,
                fail_at,
                writes: &self.writes,
            })
        })
    }

    fn snapshot(&self) -> Result<String> {
        self.inner.snapshot()
    }

    fn writes_companies_in_parallel(&self) -> bool {
        self.inner.writes_companies_in_parallel()
    }
}

impl Transaction for FaultyTx<'_> {
    fn next_value(&mut self, sequence: Sequence) -> Result<i64> {
        self.tick()?;
        self.inner.next_value(sequence)
    }
    fn next_ticket_ids(&mut self, company: CompanyId) -> Result<(TicketId, i64)> {
        self.tick()?;
        self.inner.next_ticket_ids(company)
    }
    fn put_record(&mut self, record: &StoredRecord<'_>) -> Result<()> {
        self.tick()?;
        self.inner.put_record(record)
    }
    fn get_record(&mut self, kind: RecordKind, id: i64) -> Result<Option<String>> {
        self.inner.get_record(kind, id)
    }
    fn find_records(&mut self, kind: RecordKind, query: &RecordQuery) -> Result<Vec<String>> {
        self.inner.find_records(kind, query)
    }
    fn delete_record(&mut self, kind: RecordKind, id: i64) -> Result<bool> {
        self.tick()?;
        self.inner.delete_record(kind, id)
    }
    fn put_ticket(&mut self, ticket: &Ticket) -> Result<()> {
        self.tick()?;
        self.inner.put_ticket(ticket)
    }
    fn team_load(&mut self, team: TeamId) -> Result<TeamLoad> {
        self.inner.team_load(team)
    }
    fn get_ticket(&mut self, id: TicketId) -> Result<Option<Ticket>> {
        self.inner.get_ticket(id)
    }
    fn team_ticket_ids(&mut self, team: TeamId) -> Result<Vec<TicketId>> {
        self.inner.team_ticket_ids(team)
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
        self.inner
            .find_tickets(scope, filter, at, sort, after, limit)
    }
    fn aggregate_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
        at: DateTime<Utc>,
    ) -> Result<Vec<TicketAggregate>> {
        self.inner.aggregate_tickets(scope, filter, buckets, at)
    }
    fn ticket_report_keys(
        &mut self,
        scope: &TicketScope,
        filter: &ReportFilter,
        buckets: &[TicketBucket],
    ) -> Result<Vec<TicketKeys>> {
        self.inner.ticket_report_keys(scope, filter, buckets)
    }
    fn count_tickets(
        &mut self,
        scope: &TicketScope,
        filter: &TicketFilter,
        at: DateTime<Utc>,
    ) -> Result<u64> {
        self.inner.count_tickets(scope, filter, at)
    }
    fn add_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.tick()?;
        self.inner.add_follower(target, partner)
    }
    fn remove_follower(&mut self, target: Followable, partner: PartnerId) -> Result<bool> {
        self.tick()?;
        self.inner.remove_follower(target, partner)
    }
    fn followers(&mut self, target: Followable) -> Result<Vec<PartnerId>> {
        self.inner.followers(target)
    }
    fn followed_teams(&mut self, partner: PartnerId) -> Result<BTreeSet<TeamId>> {
        self.inner.followed_teams(partner)
    }
    fn add_message(&mut self, message: &Message) -> Result<()> {
        self.tick()?;
        self.inner.add_message(message)
    }
    fn messages(&mut self, ticket: TicketId) -> Result<Vec<Message>> {
        self.inner.messages(ticket)
    }
    fn add_stage_change(&mut self, change: &StageChange) -> Result<()> {
        self.tick()?;
        self.inner.add_stage_change(change)
    }
    fn stage_history(&mut self, ticket: TicketId) -> Result<Vec<StageChange>> {
        self.inner.stage_history(ticket)
    }
    fn put_sla_statuses(&mut self, ticket: TicketId, statuses: &[SlaStatus]) -> Result<()> {
        self.tick()?;
        self.inner.put_sla_statuses(ticket, statuses)
    }
    fn sla_statuses(&mut self, ticket: TicketId) -> Result<Vec<SlaStatus>> {
        self.inner.sla_statuses(ticket)
    }
    fn find_sla_statuses(&mut self, query: &SlaStatusQuery) -> Result<Vec<SlaStatus>> {
        self.inner.find_sla_statuses(query)
    }
    fn put_coupon(&mut self, coupon: &Coupon) -> Result<()> {
        self.tick()?;
        self.inner.put_coupon(coupon)
    }
    fn get_coupon(&mut self, id: CouponId) -> Result<Option<Coupon>> {
        self.inner.get_coupon(id)
    }
    fn coupon_by_code(&mut self, company: CompanyId, code: &str) -> Result<Option<Coupon>> {
        self.inner.coupon_by_code(company, code)
    }
    fn add_outbox(&mut self, message: &OutboxMessage) -> Result<()> {
        self.tick()?;
        self.inner.add_outbox(message)
    }
    fn pending_outbox(&mut self, limit: usize) -> Result<Vec<OutboxMessage>> {
        self.inner.pending_outbox(limit)
    }
    fn acknowledge_outbox(&mut self, id: OutboxId) -> Result<Option<bool>> {
        self.tick()?;
        self.inner.acknowledge_outbox(id)
    }

    fn claim_outbox(
        &mut self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        self.tick()?;
        self.inner.claim_outbox(now, until, limit)
    }
}
