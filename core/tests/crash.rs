//! Crash safety across processes (issue 17, item 7): `kill -9` of an
//! application process in the middle of its writes loses no committed unit
//! of work and leaves no partial one, on a SQLite file and on PostgreSQL.
//!
//! The parent test sets up a desk (a team with three agents, automatic
//! round-robin assignment, an SLA policy, an e-mail template on the first
//! stage, a customer), closes it, and runs this test binary again as a
//! child process ([`crash_child_writes_until_killed`], which does nothing
//! unless `HELPDESK_CRASH_CHILD` names a location). The child opens the
//! desk and writes in a loop: a ticket (one unit of work: the ticket, its
//! number, followers, stage history, SLA status, outbox messages and the
//! team's assignment load), then a reply to it (another: the message, an
//! outbox notification, the ticket's activity). It prints one line per
//! unit *after* the call returned, and flushes it. Once the parent has read
//! a number of lines it pauses for a fraction of the time a unit takes the
//! child (none to one and three quarters units), then kills the child with
//! SIGKILL, most likely in the middle of a unit, waits for it and reads
//! what it printed before dying. This runs eight times on the same store,
//! each child killed after a different number of units and at a different
//! point of the next one.
//!
//! After each kill the parent opens the store anew (SQLite recovers the
//! write-ahead log a dead process left) and checks:
//! - every unit the child reported is there, and at most one unit that it
//!   did not report (the one it was killed after committing, before
//!   printing);
//! - ticket numbers run from `#1` to the number of tickets, with no gap;
//! - every ticket is whole: first stage in its history, its SLA status and
//!   deadline, its customer and assignee as followers, the assignee the
//!   round robin gives that number, its outbox messages (assignment,
//!   template, one per reply), its last activity that of its reply;
//! - the team's stored assignment load equals a recount from the tickets;
//! - the store's dump holds no history, SLA status, follower, message or
//!   outbox row of a unit whose ticket is not there;
//! - the desk takes new work: a new ticket gets the next number and the
//!   next assignee.
//!
//! No assertion depends on timing: the pauses only spread the kills over
//! the units, and a kill may land anywhere (a slow machine moves it, and
//! every check holds wherever it lands).

// A test fails by panicking: unwrap, expect and panic are its assertions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use helpdesk::store::{TeamLoad, WorkMode};
use helpdesk::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The child test, run only in a child process.
const CHILD: &str = "crash_child_writes_until_killed";
/// The desk the child writes to (its absence: not a child).
const LOCATION: &str = "HELPDESK_CRASH_CHILD";
/// The team and the customer of the child's tickets: `<team> <customer>`.
const IDS: &str = "HELPDESK_CRASH_IDS";
/// The most units a child writes if nobody kills it.
const MAX_UNITS: usize = 10_000;
/// Each child in turn: after how many reported units it is killed, and
/// how far into the next unit, in quarters of the time a unit took it on
/// average (a kill right after a report would land at the start of a unit,
/// nearly always before anything of it is written).
const ROUNDS: [(usize, u32); 8] = [
    (30, 0),
    (21, 1),
    (26, 2),
    (17, 3),
    (24, 4),
    (19, 5),
    (22, 6),
    (15, 7),
];

/// What the parent set up, and what a whole ticket of it looks like.
struct Setup {
    team: TeamId,
    /// The team's agents, in member order (the round robin's order).
    agents: Vec<User>,
    customer: PartnerId,
    first_stage: StageId,
    policy: SlaPolicyId,
}

impl Setup {
    fn new(desk: &Helpdesk) -> Self {
        let acme = desk
            .create_company(
                Actor::System,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap()
            .id;
        let customer = common::partner(desk, Some(acme), "Customer").id;
        let agents: Vec<User> = ["Alice", "Bob", "Carol"]
            .into_iter()
            .map(|name| {
                common::user(
                    desk,
                    name,
                    UserKind::Internal,
                    HelpdeskRole::Agent,
                    acme,
                    None,
                )
            })
            .collect();
        let team = desk
            .create_team(
                Actor::System,
                NewTeam {
                    company: acme,
                    name: "Support".into(),
                    description: String::new(),
                    visibility: Visibility::Portal,
                    members: agents.iter().map(|a| a.id).collect(),
                    settings: TeamSettings {
                        auto_assignment: true,
                        assignment_method: AssignmentMethod::EqualTickets,
                        use_sla: true,
                        ..TeamSettings::default()
                    },
                    email_alias: None,
                },
            )
            .unwrap()
            .id;
        let stages = desk.list_stages(Actor::System, team).unwrap();
        let first_stage = stages[0].id;
        // A template on the first stage: a creation also writes it to the outbox.
        desk.update_stage(
            Actor::System,
            first_stage,
            StageUpdate {
                email_template: Some("ticket_received".into()),
                ..StageUpdate::default()
            },
        )
        .unwrap();
        let policy = desk
            .create_sla_policy(
                Actor::System,
                NewSlaPolicy {
                    team,
                    name: "Solved within 4 hours".into(),
                    description: String::new(),
                    priority: Priority::Low,
                    tags: Vec::new(),
                    customers: Vec::new(),
                    ticket_types: Vec::new(),
                    target_stage: stages[2].id,
                    excluded_stages: Vec::new(),
                    within: Within {
                        hours: 4.into(),
                        ..Within::default()
                    },
                },
            )
            .unwrap()
            .id;
        Self {
            team,
            agents,
            customer,
            first_stage,
            policy,
        }
    }

    /// Who the round robin gives ticket `number`: the agents in turn.
    fn assignee_of(&self, number: i64) -> &User {
        let turn = usize::try_from(number - 1).unwrap() % self.agents.len();
        &self.agents[turn]
    }
}

/// The ticket the child creates (the same in the parent's last creation).
fn new_ticket(team: TeamId, customer: PartnerId) -> NewTicket {
    NewTicket {
        team: Some(team),
        subject: "The printer is on fire".into(),
        customer: Some(customer),
        ..NewTicket::default()
    }
}

/// The body of the reply to the ticket `reference`.
fn reply_body(reference: &str) -> String {
    format!("Reply to {reference}")
}

/// The child: writes units of work until killed, reporting each one once
/// it returned. Does nothing in an ordinary test run.
#[test]
fn crash_child_writes_until_killed() {
    let Some(location) = std::env::var_os(LOCATION) else {
        return;
    };
    let ids: Vec<i64> = std::env::var(IDS)
        .unwrap()
        .split(' ')
        .map(|id| id.parse().unwrap())
        .collect();
    let (team, customer) = (TeamId(ids[0]), PartnerId(ids[1]));
    let desk = Helpdesk::open(location).unwrap();
    let mut out = std::io::stdout().lock();
    for _ in 0..MAX_UNITS {
        let ticket = desk
            .create_ticket(Actor::System, new_ticket(team, customer))
            .unwrap();
        let line = format!("committed ticket {} {}", ticket.id.0, ticket.reference);
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return; // The parent is gone.
        }
        let reply = desk
            .reply_to_ticket(Actor::System, ticket.id, reply_body(&ticket.reference))
            .unwrap();
        let line = format!("committed reply {} {}", ticket.id.0, reply.id.0);
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// What the children reported committed.
#[derive(Debug, Default)]
struct Reported {
    /// Tickets by id, with their references.
    tickets: BTreeMap<TicketId, String>,
    /// Replies by id, with their tickets.
    replies: BTreeMap<MessageId, TicketId>,
}

impl Reported {
    fn units(&self) -> usize {
        self.tickets.len() + self.replies.len()
    }

    /// Records the `committed …` report of a line of the child's output, if
    /// it has one. The test harness writes its own lines, and the first
    /// report follows its `test crash_child_writes_until_killed ... `.
    fn read(&mut self, line: &str) -> bool {
        let Some(start) = line.find("committed ") else {
            return false;
        };
        // An id reported again was given twice: the unit that first had it
        // is gone (and the map would hide it).
        let words: Vec<&str> = line[start..].split(' ').collect();
        match words[..] {
            ["committed", "ticket", id, reference] => {
                let id = TicketId(id.parse().unwrap());
                let known = self.tickets.insert(id, reference.to_string());
                assert_eq!(known, None, "{id:?} reported twice, now as {reference}");
                true
            }
            ["committed", "reply", ticket, id] => {
                let id = MessageId(id.parse().unwrap());
                let known = self.replies.insert(id, TicketId(ticket.parse().unwrap()));
                assert_eq!(known, None, "{id:?} reported twice, now on ticket {ticket}");
                true
            }
            _ => false,
        }
    }
}

/// A child process, killed if the parent panics before killing it.
struct Writer {
    child: Child,
    stdout: BufReader<ChildStdout>,
    /// What the child writes to stderr (a panic), read aside.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Writer {
    fn start(location: &str, setup: &Setup) -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", CHILD, "--nocapture", "--test-threads=1"])
            .env(LOCATION, location)
            .env(IDS, format!("{} {}", setup.team.0, setup.customer.0))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Self {
            child,
            stdout,
            stderr: Some(stderr),
        }
    }

    /// Reads the child's reports until it made `units` more of them (or
    /// ended), waits `quarters` quarters of the time a unit took it on
    /// average, then kills it, and reads what it printed before it died.
    fn kill_after(mut self, units: usize, quarters: u32, reported: &mut Reported) {
        let goal = reported.units() + units;
        let mut line = String::new();
        let mut first = None;
        while reported.units() < goal {
            line.clear();
            if self.stdout.read_line(&mut line).unwrap() == 0 {
                break;
            }
            if reported.read(line.trim_end()) && first.is_none() {
                first = Some(std::time::Instant::now());
            }
        }
        // Not an assertion on time: where the kill lands is all it changes.
        if let Some(first) = first {
            let intervals = u32::try_from(units.max(2) - 1).unwrap();
            std::thread::sleep(first.elapsed() / intervals * quarters / 4);
        }
        // SIGKILL on Unix: the child stops wherever it is.
        self.child.kill().unwrap();
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        self.stdout.read_to_string(&mut rest).unwrap();
        for line in rest.lines() {
            reported.read(line);
        }
        let stderr = self.stderr.take().unwrap().join().unwrap();
        assert!(
            reported.units() >= goal,
            "the child ended ({status}) after {} of {goal} units:\n{stderr}",
            reported.units()
        );
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status}");
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Checks that the desk holds every reported unit, at most one more, and
/// only whole ones (see the file's documentation); then counts every unit
/// stored as reported (the next check allows one more again). Returns the
/// tickets, by number.
fn check_whole(desk: &Helpdesk, setup: &Setup, reported: &mut Reported) -> Vec<Ticket> {
    let page = desk
        .list_tickets(
            Actor::System,
            TicketQuery {
                limit: 500,
                ..TicketQuery::default()
            },
        )
        .unwrap();
    assert_eq!(page.next_cursor, None, "every ticket on one page");
    let mut tickets = page.tickets;
    tickets.sort_by_key(|t| t.number);
    let count = tickets.len();
    assert_eq!(
        desk.count_tickets(Actor::System, TicketFilter::default())
            .unwrap(),
        u64::try_from(count).unwrap()
    );

    // Gapless numbers: no unit took a number and left without its ticket.
    let numbers: Vec<i64> = tickets.iter().map(|t| t.number).collect();
    let expected: Vec<i64> = (1..=i64::try_from(count).unwrap()).collect();
    assert_eq!(numbers, expected, "ticket numbers run from 1 with no gap");

    // Nothing reported is lost.
    let stored: BTreeMap<TicketId, &Ticket> = tickets.iter().map(|t| (t.id, t)).collect();
    for (id, reference) in &reported.tickets {
        let ticket = stored
            .get(id)
            .unwrap_or_else(|| panic!("ticket {reference} ({id:?}) was reported but is lost"));
        assert_eq!(&ticket.reference, reference);
    }

    let outbox = desk.pending_outbox(Actor::System, 100_000).unwrap();
    let mut outbox_of: BTreeMap<TicketId, Vec<&OutboxMessage>> = BTreeMap::new();
    for message in &outbox {
        let ticket = message.ticket.expect("every message concerns a ticket");
        assert!(
            stored.contains_key(&ticket),
            "an outbox message of a ticket that is not there: {message:?}"
        );
        outbox_of.entry(ticket).or_default().push(message);
    }

    let mut messages = BTreeMap::new();
    for ticket in &tickets {
        let reference = format!("#{}", ticket.number);
        assert_eq!(ticket.reference, reference);
        let agent = setup.assignee_of(ticket.number);
        assert_eq!(
            (
                ticket.team,
                ticket.stage,
                ticket.customer,
                ticket.assignee,
                ticket.is_open(),
                ticket.active,
            ),
            (
                Some(setup.team),
                setup.first_stage,
                Some(setup.customer),
                Some(agent.id),
                true,
                true,
            ),
            "ticket {reference}: its team, stage, customer, and the assignee its turn gives"
        );
        assert_eq!(
            desk.stage_history(Actor::System, ticket.id).unwrap(),
            [StageChange {
                ticket: ticket.id,
                stage: setup.first_stage,
                at: ticket.created_at,
                by: None,
            }],
            "ticket {reference}: its history is its entry into the first stage"
        );
        let statuses = desk.ticket_sla_statuses(Actor::System, ticket.id).unwrap();
        assert_eq!(statuses.len(), 1, "ticket {reference}: {statuses:?}");
        assert_eq!(statuses[0].policy, setup.policy);
        assert!(ticket.sla_deadline.is_some(), "ticket {reference}");
        assert_eq!(
            statuses[0].deadline, ticket.sla_deadline,
            "ticket {reference}: its deadline is its status's"
        );
        let followers: BTreeSet<PartnerId> = desk
            .ticket_followers(Actor::System, ticket.id)
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(
            followers,
            BTreeSet::from([setup.customer, agent.partner]),
            "ticket {reference}: the customer and the assignee follow it"
        );

        let replies = desk.list_messages(Actor::System, ticket.id).unwrap();
        assert!(replies.len() <= 1, "ticket {reference}: {replies:?}");
        for reply in &replies {
            assert_eq!(
                (reply.ticket, reply.kind, reply.body.as_str()),
                (
                    ticket.id,
                    MessageKind::Reply,
                    reply_body(&reference).as_str()
                )
            );
            messages.insert(reply.id, reply.ticket);
        }
        // A reply's unit stamps the ticket's activity with its own instant.
        let last_activity = replies.last().map_or(ticket.created_at, |m| m.at);
        assert_eq!(
            ticket.last_activity_at, last_activity,
            "ticket {reference}: its activity is its last unit's"
        );

        let sent: Vec<(OutboxKind, Vec<PartnerId>, String)> = outbox_of
            .get(&ticket.id)
            .into_iter()
            .flatten()
            .map(|m| (m.kind, m.recipients.clone(), m.subject.clone()))
            .collect();
        let mut expected = vec![
            (
                OutboxKind::Notification,
                vec![agent.partner],
                format!("Ticket {reference} assigned to you"),
            ),
            (
                OutboxKind::EmailTemplate,
                vec![setup.customer],
                format!("Ticket {reference}: New"),
            ),
        ];
        if !replies.is_empty() {
            expected.push((
                OutboxKind::Notification,
                vec![setup.customer, agent.partner]
                    .into_iter()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                format!("Re: {reference} {}", ticket.subject),
            ));
        }
        let sent: Vec<_> = sent
            .into_iter()
            .map(|(kind, mut recipients, subject)| {
                recipients.sort();
                (kind, recipients, subject)
            })
            .collect();
        assert_eq!(sent, expected, "ticket {reference}: its outbox messages");
    }
    for (id, ticket) in &reported.replies {
        assert_eq!(
            messages.get(id),
            Some(ticket),
            "reply {id:?} to {ticket:?} was reported but is lost"
        );
    }
    let unreported = (count - reported.tickets.len()) + (messages.len() - reported.replies.len());
    assert!(
        unreported <= 1,
        "{unreported} units stored that the child never reported: it reports each one once it returned"
    );

    // The stored assignment load is the recount of the tickets.
    let mut open = BTreeMap::new();
    for ticket in &tickets {
        *open.entry(ticket.assignee.unwrap()).or_insert(0u64) += 1;
    }
    let recount = TeamLoad {
        last_assignee: tickets.last().and_then(|t| t.assignee),
        open,
    };
    let mut load = None;
    desk.store()
        .unit_of_work(WorkMode::Read, &mut |tx| {
            load = Some(tx.team_load(setup.team)?);
            Ok(())
        })
        .unwrap();
    assert_eq!(
        load,
        Some(recount),
        "the team's load is its tickets' recount"
    );

    // No row of a unit whose ticket is missing: the dump holds exactly the
    // rows of the tickets checked above.
    let dump = desk.snapshot().unwrap();
    let rows = |prefix: &str| dump.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(
        (
            rows("stage_change "),
            rows("sla_status "),
            rows("follower ticket "),
            rows("message "),
            rows("outbox "),
        ),
        (count, count, 2 * count, messages.len(), outbox.len()),
        "history, SLA statuses, followers, messages and outbox of the tickets only"
    );
    reported
        .tickets
        .extend(tickets.iter().map(|t| (t.id, t.reference.clone())));
    reported.replies.extend(messages);
    tickets
}

/// The test on the desk at `location`, which must be empty.
fn a_killed_writer_loses_nothing_committed_and_leaves_nothing_partial(location: &str) {
    let desk = Helpdesk::open(location).unwrap();
    let setup = Setup::new(&desk);
    // The children write alone; each check opens the store anew.
    desk.close().unwrap();
    drop(desk);
    let mut reported = Reported::default();
    for (units, quarters) in ROUNDS {
        Writer::start(location, &setup).kill_after(units, quarters, &mut reported);
        let desk = Helpdesk::open(location).unwrap();
        check_whole(&desk, &setup, &mut reported);
        desk.close().unwrap();
    }

    // The desk takes new work where the last child stopped.
    let desk = Helpdesk::open(location).unwrap();
    let before = check_whole(&desk, &setup, &mut reported).len();
    let ticket = desk
        .create_ticket(Actor::System, new_ticket(setup.team, setup.customer))
        .unwrap();
    let next = i64::try_from(before).unwrap() + 1;
    assert_eq!(ticket.reference, format!("#{next}"));
    assert_eq!(ticket.assignee, Some(setup.assignee_of(next).id));
    reported.tickets.insert(ticket.id, ticket.reference);
    assert_eq!(check_whole(&desk, &setup, &mut reported).len(), before + 1);
}

#[test]
fn a_process_killed_mid_write_loses_no_committed_unit_on_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    a_killed_writer_loses_nothing_committed_and_leaves_nothing_partial(path.to_str().unwrap());
}

#[cfg(feature = "postgres")]
#[test]
fn a_process_killed_mid_write_loses_no_committed_unit_on_postgres() {
    if let Some(location) = common::postgres_location() {
        a_killed_writer_loses_nothing_committed_and_leaves_nothing_partial(&location);
    }
}
