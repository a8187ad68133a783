//! The conformance checks of a store shared by several desks (several
//! application servers) used from several threads at once.
//!
//! Each check starts its threads together and repeats its race many
//! times, so that a store which lets two units of work decide on the same
//! stale data (one without a write lock, say) fails it.

use super::{check, coupon, fail, outbox_message, read, ticket, write};
use crate::ids::*;
use crate::model::*;
use crate::store::*;
use crate::{Error, Result};
use std::collections::BTreeSet;
use std::sync::mpsc;
use std::sync::{Barrier, Mutex};
use std::time::Duration;

/// Threads (and handles on the store) of each check.
const THREADS: usize = 4;

/// Runs every concurrency check, each on a fresh store: `open(n)` gives
/// `n` handles on one new, empty store, as `n` application servers would
/// hold them (clones of one store, or one database opened `n` times).
pub fn check_store_concurrency<S: Store>(open: impl Fn(usize) -> Vec<S>) {
    cpn_4_a_single_use_coupon_is_redeemed_once(&open(THREADS));
    numbers_stay_gapless_and_identifiers_unique(&open(THREADS));
    asg_7_team_loads_stay_within_one_of_each_other(&open(THREADS));
    out_3_a_claimed_message_goes_to_one_drainer(&open(THREADS));
    no_update_to_one_ticket_is_lost(&open(THREADS));
    asg_7_busy_teams_create_tickets_without_a_failure(&open(THREADS));
    a_held_unit_of_work_of_one_company_does_not_delay_another(&open(2));
}

/// Runs `body(thread, handle)` on one thread per handle, all started at
/// once, and gives what each returned, in handle order.
fn race<S: Store, R: Send>(handles: &[S], body: impl Fn(usize, &S) -> R + Sync) -> Vec<R> {
    let start = Barrier::new(handles.len());
    std::thread::scope(|scope| {
        let running: Vec<_> = handles
            .iter()
            .enumerate()
            .map(|(thread, handle)| {
                let (start, body) = (&start, &body);
                scope.spawn(move || {
                    start.wait();
                    body(thread, handle)
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|_| fail("a racing thread panicked"))
            })
            .collect()
    })
}

/// CPN-4: of several units of work redeeming one single-use coupon at
/// once, exactly one does.
fn cpn_4_a_single_use_coupon_is_redeemed_once<S: Store>(handles: &[S]) {
    for round in 1..=20 {
        let fresh = Coupon {
            points: 10,
            ..coupon(round, 1, &format!("RACE{round}"))
        };
        write(&handles[0], |tx| tx.put_coupon(&fresh));
        let redeemed = race(handles, |_, store| {
            let mut won = false;
            write(store, |tx| {
                won = false;
                let Some(mut held) = tx.get_coupon(CouponId(round))? else {
                    return Ok(());
                };
                if held.points > 0 {
                    held.points = 0;
                    tx.put_coupon(&held)?;
                    won = true;
                }
                Ok(())
            });
            won
        });
        check(
            redeemed.iter().filter(|won| **won).count() == 1,
            "a single-use coupon redeemed by several units at once is redeemed exactly once (CPN-4)",
        );
    }
}

/// Numbers stay gapless and identifiers unique when units of work take
/// them at once, some of them failing after taking them.
fn numbers_stay_gapless_and_identifiers_unique<S: Store>(handles: &[S]) {
    let journal = Sequence::InvoiceNumber(JournalId(1), false, 2026);
    let taken = race(handles, |thread, store| {
        let mut kept = Vec::new();
        for unit in 0..25 {
            let mut values = (0, 0);
            let result = store.unit_of_work(WorkMode::Write, &mut |tx| {
                values = (tx.next_value(journal)?, tx.next_value(Sequence::Ticket)?);
                if (thread + unit) % 5 == 0 {
                    return Err(Error::Internal {
                        message: "abandoned on purpose".into(),
                    });
                }
                Ok(())
            });
            if result.is_ok() {
                kept.push(values);
            }
        }
        kept
    });
    let kept: Vec<(i64, i64)> = taken.into_iter().flatten().collect();
    let numbers: BTreeSet<i64> = kept.iter().map(|(number, _)| *number).collect();
    let ids: BTreeSet<i64> = kept.iter().map(|(_, id)| *id).collect();
    let expected: BTreeSet<i64> = (1..=i64::try_from(kept.len()).unwrap_or(0)).collect();
    check(
        numbers == expected,
        "numbers taken by concurrent units are gapless: exactly 1 to the number of committed units",
    );
    check(
        ids.len() == kept.len(),
        "identifiers taken by concurrent units are unique",
    );
}

/// ASG-7: units of work that each read a team's loads, choose its least
/// loaded member and store a ticket assigned to them, all at once, leave
/// the members' loads within one of each other.
fn asg_7_team_loads_stay_within_one_of_each_other<S: Store>(handles: &[S]) {
    let members = [UserId(1), UserId(2), UserId(3)];
    race(handles, |_, store| {
        for _ in 0..15 {
            write(store, |tx| {
                let load = tx.team_load(TeamId(1))?;
                let count = |user: &UserId| load.open.get(user).copied().unwrap_or(0);
                let least = members
                    .iter()
                    .min_by_key(|user| (count(user), user.0))
                    .copied();
                let id = tx.next_value(Sequence::Ticket)?;
                tx.put_ticket(&Ticket {
                    team: Some(TeamId(1)),
                    assignee: least,
                    closed_at: None,
                    active: true,
                    ..ticket(id, 1, None, Priority::Low, "balanced")
                })
            });
        }
    });
    let load = read(&handles[0], |tx| tx.team_load(TeamId(1)));
    let counts: Vec<u64> = members
        .iter()
        .map(|user| load.open.get(user).copied().unwrap_or(0))
        .collect();
    let (least, most) = (
        counts.iter().min().copied().unwrap_or(0),
        counts.iter().max().copied().unwrap_or(0),
    );
    check(
        counts.iter().sum::<u64>() == 15 * handles.len() as u64 && most - least <= 1,
        "concurrent assignments to the least loaded member keep every load counted and within one of each other (ASG-7)",
    );
}

/// ASG-7 under load: threads creating tickets as the desk does (a
/// company's next number, the team's loads, the ticket assigned to its
/// least loaded member, a stage change, a message, a follower, an outbox
/// message), two threads per company and team, many units each: every
/// unit commits (a store may run one again, never give up on it), each
/// company's numbers are gapless and its team's loads within one.
fn asg_7_busy_teams_create_tickets_without_a_failure<S: Store>(handles: &[S]) {
    const UNITS: usize = 40;
    let members = [UserId(1), UserId(2), UserId(3)];
    let numbers = race(handles, |thread, store| {
        let company = i64::try_from(thread % 2 + 1).unwrap_or(1);
        let mut numbers = Vec::new();
        for _ in 0..UNITS {
            numbers.push(read_write(store, |tx| {
                let number = tx.next_value(Sequence::TicketNumber(CompanyId(company)))?;
                let id = tx.next_value(Sequence::Ticket)?;
                let load = tx.team_load(TeamId(company))?;
                let count = |user: &UserId| load.open.get(user).copied().unwrap_or(0);
                let least = members.iter().min_by_key(|user| (count(user), user.0));
                tx.put_ticket(&Ticket {
                    number,
                    assignee: least.copied(),
                    closed_at: None,
                    active: true,
                    ..ticket(id, company, Some(company), Priority::Low, "busy")
                })?;
                tx.add_stage_change(&StageChange {
                    ticket: TicketId(id),
                    stage: StageId(1),
                    at: super::at(1),
                    by: None,
                })?;
                let message = tx.next_value(Sequence::Message)?;
                tx.add_message(&Message {
                    id: MessageId(message),
                    ticket: TicketId(id),
                    kind: MessageKind::Reply,
                    author: None,
                    author_partner: None,
                    body: "created".into(),
                    at: super::at(1),
                    attachments: Vec::new(),
                })?;
                tx.add_follower(Followable::Ticket(TicketId(id)), PartnerId(company))?;
                let outbox = tx.next_value(Sequence::Outbox)?;
                tx.add_outbox(&outbox_message(outbox))?;
                Ok((company, number))
            }));
        }
        numbers
    });
    for company in [1, 2] {
        let mut taken: Vec<i64> = numbers
            .iter()
            .flatten()
            .filter(|(c, _)| *c == company)
            .map(|(_, number)| *number)
            .collect();
        taken.sort_unstable();
        let load = read(&handles[0], |tx| tx.team_load(TeamId(company)));
        let counts: Vec<u64> = members
            .iter()
            .map(|user| load.open.get(user).copied().unwrap_or(0))
            .collect();
        let spread = counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0);
        check(
            taken == (1..=i64::try_from(taken.len()).unwrap_or(0)).collect::<Vec<_>>()
                && counts.iter().sum::<u64>() == taken.len() as u64
                && spread <= 1,
            "busy teams' creations all commit, with gapless numbers and loads within one (ASG-7)",
        );
    }
}

/// OUT-3: drainers claiming at once never take the same message while
/// its claim holds, and together take every message.
fn out_3_a_claimed_message_goes_to_one_drainer<S: Store>(handles: &[S]) {
    write(&handles[0], |tx| {
        (1..=60).try_for_each(|id| tx.add_outbox(&outbox_message(id)))
    });
    let now = super::at(100);
    let claims = race(handles, |_, store| {
        let mut mine = Vec::new();
        loop {
            let batch = read_write(store, |tx| tx.claim_outbox(now, super::at(101), 4));
            if batch.is_empty() {
                break mine;
            }
            mine.extend(batch.into_iter().map(|m| m.id.0));
        }
    });
    let all: Vec<i64> = claims.into_iter().flatten().collect();
    let distinct: BTreeSet<i64> = all.iter().copied().collect();
    check(
        all.len() == 60 && distinct == (1..=60).collect(),
        "drainers claiming at once take each message exactly once while the claims hold (OUT-3)",
    );
}

/// What a writing unit of work returns.
fn read_write<S: Store + ?Sized, R>(
    store: &S,
    mut work: impl FnMut(&mut dyn Transaction) -> Result<R>,
) -> R {
    let mut out = None;
    write(store, |tx| {
        out = Some(work(tx)?);
        Ok(())
    });
    out.unwrap_or_else(|| fail("a unit of work returned nothing"))
}

/// Replies, stage moves and changes to one ticket at once (a tag each, a
/// message, a stage change) lose none of them.
fn no_update_to_one_ticket_is_lost<S: Store>(handles: &[S]) {
    let original = Ticket {
        tags: Vec::new(),
        ..ticket(1, 1, Some(1), Priority::Low, "busy")
    };
    write(&handles[0], |tx| tx.put_ticket(&original));
    race(handles, |thread, store| {
        for n in 0..10 {
            let tag = TagId(i64::try_from(thread * 100 + n).unwrap_or_default());
            write(store, |tx| {
                let mut held = tx.get_ticket(TicketId(1))?.ok_or_else(|| Error::Internal {
                    message: "the ticket vanished".into(),
                })?;
                held.tags.push(tag);
                tx.put_ticket(&held)?;
                let id = tx.next_value(Sequence::Message)?;
                tx.add_message(&Message {
                    id: MessageId(id),
                    ticket: TicketId(1),
                    kind: MessageKind::Reply,
                    author: None,
                    author_partner: None,
                    body: format!("{}", tag.0),
                    at: super::at(1),
                    attachments: Vec::new(),
                })?;
                tx.add_stage_change(&StageChange {
                    ticket: TicketId(1),
                    stage: StageId(tag.0),
                    at: super::at(1),
                    by: None,
                })
            });
        }
    });
    let (stored, messages, history) = read(&handles[0], |tx| {
        Ok((
            tx.get_ticket(TicketId(1))?,
            tx.messages(TicketId(1))?,
            tx.stage_history(TicketId(1))?,
        ))
    });
    let expected = 10 * handles.len();
    let tags: BTreeSet<TagId> = stored
        .map(|t| t.tags)
        .unwrap_or_default()
        .into_iter()
        .collect();
    check(
        tags.len() == expected && messages.len() == expected && history.len() == expected,
        "concurrent changes, messages and stage changes of one ticket are all kept (no lost update)",
    );
}

/// A unit of work of company A held open does not delay one of company B:
/// a read never delays a write, on every store; a write does not delay a
/// write when the store says it writes companies in parallel
/// ([`Store::writes_companies_in_parallel`]).
fn a_held_unit_of_work_of_one_company_does_not_delay_another<S: Store>(handles: &[S]) {
    write(&handles[0], |tx| {
        tx.put_ticket(&ticket(1, 1, Some(1), Priority::Low, "A"))
    });
    held_unit_does_not_delay(handles, WorkMode::Read);
    if handles[0].writes_companies_in_parallel() {
        held_unit_does_not_delay(handles, WorkMode::Write);
    }
}

fn held_unit_does_not_delay<S: Store>(handles: &[S], held: WorkMode) {
    let (holding_tx, holding) = mpsc::channel::<()>();
    let (done_tx, done) = mpsc::channel::<()>();
    let done = Mutex::new(done);
    // Whether B finished while A still held its unit of work; A waits for
    // B at most this long (a store that makes B wait for A fails then).
    let patience = Duration::from_secs(10);
    let b_finished_while_held = std::thread::scope(|scope| {
        let a = scope.spawn(|| {
            let mut first = true;
            let mut saw_b = false;
            let _ = handles[0].unit_of_work(held, &mut |tx| {
                let mut a = tx.get_ticket(TicketId(1))?.ok_or_else(|| Error::Internal {
                    message: "company A's ticket vanished".into(),
                })?;
                if held == WorkMode::Write {
                    a.subject = "A, held".into();
                    tx.put_ticket(&a)?;
                    tx.next_value(Sequence::TicketNumber(CompanyId(1)))?;
                }
                // A store may run the unit again (a lost conflict): only
                // the first run holds.
                if std::mem::take(&mut first) {
                    let _ = holding_tx.send(());
                    let waiting = done
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    saw_b = waiting.recv_timeout(patience).is_ok();
                }
                Ok(())
            });
            saw_b
        });
        if holding.recv_timeout(patience).is_ok() {
            write(&handles[1], |tx| {
                tx.next_value(Sequence::TicketNumber(CompanyId(2)))?;
                tx.put_ticket(&ticket(2, 2, Some(2), Priority::Low, "B"))
            });
            let _ = done_tx.send(());
        }
        a.join().unwrap_or(false)
    });
    let what = match held {
        WorkMode::Read => "a read",
        WorkMode::Write => "a write",
    };
    check(
        b_finished_while_held,
        &format!("{what} of company A held open does not delay a write of company B"),
    );
}
