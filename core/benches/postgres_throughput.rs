//! Ticket creations per second from several processes on one PostgreSQL
//! server (issue 17, item 8), beside pgbench's built-in simple-update
//! script on the same server, in the same run, with the same numbers of
//! clients.
//!
//! The parent builds one desk in a schema of its own: 4 companies, each
//! with 5 agents and 20 customers; the first company has 4 support teams,
//! the others one. Every team assigns new tickets automatically to the
//! member with the fewest open tickets. For 1, 2 and 4 clients it runs:
//! - `pgbench -b simple-update -c N -j N -T <secs>` (the same as `-N`) on
//!   a database of its own (`pgbench -i -s 1` first): one UPDATE, one
//!   SELECT and one INSERT per transaction, READ COMMITTED; once before
//!   and once after the desk's runs, the ratio being to their mean;
//! - N child processes of this program, each opening its own desk on the
//!   schema (one connection), each creating tickets as one agent, one
//!   SERIALIZABLE unit of work per ticket, for `<secs>` seconds, in three
//!   placements: every process in its own company; every process in its
//!   own team of one company (they share the company's gapless ticket
//!   numbers); every process in the same team (they also share the
//!   team's assignment loads).
//!
//! Each child counts its units of work and how many times their work ran
//! (a unit that lost a serialization conflict runs again: the difference
//! is the retries), the time of each creation, and the creations that
//! failed (a unit of work that lost `MAX_ATTEMPTS` times in a row). The
//! tables go to stdout as Markdown, progress to stderr.
//!
//! `scripts/with-postgres cargo bench -p helpdesk --features postgres --bench postgres_throughput`
//! (`THROUGHPUT_SECS`, 5 by default, is the length of each run;
//! `THROUGHPUT_CLIENTS`, `1,2,4` by default, the numbers of clients;
//! `THROUGHPUT_PLACEMENTS`, `companies,teams,team` by default, the
//! placements; `THROUGHPUT_KEEP_SCHEMA=1` keeps the desk's schema).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use helpdesk::store::{PostgresStore, Store, Transaction, WorkMode};
use helpdesk::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const AGENTS: usize = 5;
const CUSTOMERS: usize = 20;
/// Creations each child makes before the clock starts (statements
/// prepared, caches filled).
const WARMUP: usize = 20;

/// A store that counts its units of work and the runs of their work.
#[derive(Debug)]
struct Attempts<S> {
    inner: S,
    units: AtomicU64,
    runs: AtomicU64,
}

impl<S: Store> Store for Attempts<S> {
    fn unit_of_work(
        &self,
        mode: WorkMode,
        work: &mut dyn FnMut(&mut dyn Transaction) -> helpdesk::Result<()>,
    ) -> helpdesk::Result<()> {
        self.units.fetch_add(1, Ordering::Relaxed);
        self.inner.unit_of_work(mode, &mut |tx| {
            self.runs.fetch_add(1, Ordering::Relaxed);
            work(tx)
        })
    }

    fn snapshot(&self) -> helpdesk::Result<String> {
        self.inner.snapshot()
    }

    fn writes_companies_in_parallel(&self) -> bool {
        self.inner.writes_companies_in_parallel()
    }

    fn close(&self) -> helpdesk::Result<()> {
        self.inner.close()
    }
}

/// What one child is told to do.
struct Assignment {
    team: TeamId,
    agent: UserId,
    customers: Vec<PartnerId>,
}

/// What one child reports.
#[derive(Debug, Clone, Copy, Default)]
struct Report {
    created: u64,
    failed: u64,
    units: u64,
    runs: u64,
    seconds: f64,
    p50_micros: f64,
    p99_micros: f64,
}

/// The child: creates tickets from "go" for the given seconds.
fn child() {
    let var = |name: &str| std::env::var(name).unwrap();
    let location = var("THROUGHPUT_LOCATION");
    let team = TeamId(var("THROUGHPUT_TEAM").parse().unwrap());
    let agent = Actor::User(UserId(var("THROUGHPUT_AGENT").parse().unwrap()));
    let customers: Vec<PartnerId> = var("THROUGHPUT_CUSTOMERS")
        .split(',')
        .map(|c| PartnerId(c.parse().unwrap()))
        .collect();
    let seconds: f64 = var("THROUGHPUT_SECS").parse().unwrap();
    let store = Arc::new(Attempts {
        inner: PostgresStore::open(&location).unwrap(),
        units: AtomicU64::new(0),
        runs: AtomicU64::new(0),
    });
    let desk = Helpdesk::new(store.clone());
    let pid = std::process::id();
    let input = |turn: usize| NewTicket {
        team: Some(team),
        subject: format!("Printer {pid}-{turn} jams"),
        customer: Some(customers[turn % customers.len()]),
        ..NewTicket::default()
    };
    // The children warm up at the same time: a creation may fail here too.
    for turn in 0..WARMUP {
        if let Err(e) = desk.create_ticket(agent, input(turn)) {
            eprintln!("child {pid}, warming up: {e}");
        }
    }
    store.units.store(0, Ordering::SeqCst);
    store.runs.store(0, Ordering::SeqCst);
    let mut stdout = std::io::stdout();
    writeln!(stdout, "ready").unwrap();
    stdout.flush().unwrap();
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).unwrap();

    let length = Duration::from_secs_f64(seconds);
    let mut times: Vec<Duration> = Vec::with_capacity(100_000);
    let (mut created, mut failed) = (0u64, 0u64);
    let start = Instant::now();
    let mut turn = WARMUP;
    while start.elapsed() < length {
        let call = Instant::now();
        match desk.create_ticket(agent, input(turn)) {
            Ok(_) => created += 1,
            Err(e) => {
                if failed == 0 {
                    eprintln!("child {pid}: {e}");
                }
                failed += 1;
            }
        }
        times.push(call.elapsed());
        turn += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e6)
    };
    writeln!(
        stdout,
        "done {created} {failed} {} {} {elapsed} {} {}",
        store.units.load(Ordering::SeqCst),
        store.runs.load(Ordering::SeqCst),
        at(0.5),
        at(0.99)
    )
    .unwrap();
}

/// A child process being run.
struct Running {
    process: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Running {
    fn line(&mut self) -> String {
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        assert!(
            !line.is_empty(),
            "a child ended early (see its error above)"
        );
        line
    }
}

/// Runs one child per assignment, all at once; their reports.
fn run_children(location: &str, seconds: f64, assignments: &[Assignment]) -> Vec<Report> {
    let exe = std::env::current_exe().unwrap();
    let mut children: Vec<Running> = assignments
        .iter()
        .map(|a| {
            let customers: Vec<String> = a.customers.iter().map(|c| c.0.to_string()).collect();
            let mut process = Command::new(&exe)
                .env("THROUGHPUT_CHILD", "1")
                .env("THROUGHPUT_LOCATION", location)
                .env("THROUGHPUT_TEAM", a.team.0.to_string())
                .env("THROUGHPUT_AGENT", a.agent.0.to_string())
                .env("THROUGHPUT_CUSTOMERS", customers.join(","))
                .env("THROUGHPUT_SECS", seconds.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            let stdin = process.stdin.take().unwrap();
            let stdout = BufReader::new(process.stdout.take().unwrap());
            Running {
                process,
                stdin,
                stdout,
            }
        })
        .collect();
    for child in &mut children {
        assert_eq!(child.line().trim(), "ready");
    }
    for child in &mut children {
        writeln!(child.stdin, "go").unwrap();
        child.stdin.flush().unwrap();
    }
    children
        .iter_mut()
        .map(|child| {
            let line = child.line();
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields[0], "done", "{line}");
            let report = Report {
                created: fields[1].parse().unwrap(),
                failed: fields[2].parse().unwrap(),
                units: fields[3].parse().unwrap(),
                runs: fields[4].parse().unwrap(),
                seconds: fields[5].parse().unwrap(),
                p50_micros: fields[6].parse().unwrap(),
                p99_micros: fields[7].parse().unwrap(),
            };
            assert!(child.process.wait().unwrap().success());
            report
        })
        .collect()
}

/// One company of the world.
struct Company {
    agents: Vec<UserId>,
    teams: Vec<TeamId>,
    customers: Vec<PartnerId>,
}

fn build_company(desk: &Helpdesk, name: &str, teams: usize) -> Company {
    let sys = Actor::System;
    let id = desk
        .create_company(sys, NewCompany { name: name.into() })
        .unwrap()
        .id;
    let agents: Vec<UserId> = (0..AGENTS)
        .map(|i| {
            desk.create_user(
                sys,
                NewUser {
                    name: format!("{name} agent {i}"),
                    email: None,
                    kind: UserKind::Internal,
                    role: HelpdeskRole::Agent,
                    companies: vec![id],
                    partner: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let teams = (0..teams)
        .map(|i| {
            desk.create_team(
                sys,
                NewTeam {
                    company: id,
                    name: format!("Support {i}"),
                    description: String::new(),
                    visibility: Visibility::Internal,
                    members: agents.clone(),
                    settings: TeamSettings {
                        auto_assignment: true,
                        assignment_method: AssignmentMethod::EqualOpenTickets,
                        ..TeamSettings::default()
                    },
                    email_alias: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let customers = (0..CUSTOMERS)
        .map(|i| {
            desk.create_partner(
                sys,
                NewPartner {
                    company: Some(id),
                    name: format!("{name} customer {i}"),
                    ..NewPartner::default()
                },
            )
            .unwrap()
            .id
        })
        .collect();
    Company {
        agents,
        teams,
        customers,
    }
}

/// Where the children create their tickets.
#[derive(Clone, Copy)]
enum Placement {
    Companies,
    TeamsOfOneCompany,
    OneTeam,
}

impl Placement {
    const ALL: [Placement; 3] = [
        Placement::Companies,
        Placement::TeamsOfOneCompany,
        Placement::OneTeam,
    ];

    /// What `THROUGHPUT_PLACEMENTS` calls it.
    fn key(self) -> &'static str {
        match self {
            Placement::Companies => "companies",
            Placement::TeamsOfOneCompany => "teams",
            Placement::OneTeam => "team",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Placement::Companies => "each in its own company",
            Placement::TeamsOfOneCompany => "each in its own team of one company",
            Placement::OneTeam => "all in one team",
        }
    }

    fn assignments(self, companies: &[Company], n: usize) -> Vec<Assignment> {
        (0..n)
            .map(|i| {
                let (company, team) = match self {
                    Placement::Companies => (&companies[i], companies[i].teams[0]),
                    Placement::TeamsOfOneCompany => (&companies[0], companies[0].teams[i]),
                    Placement::OneTeam => (&companies[0], companies[0].teams[0]),
                };
                Assignment {
                    team,
                    agent: company.agents[i % AGENTS],
                    customers: company.customers.clone(),
                }
            })
            .collect()
    }
}

/// `url` with its database replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    format!("{}/{database}{query}", &base[..authority_end])
}

/// The pgbench of this machine's PostgreSQL.
fn pgbench_program() -> String {
    if let Ok(program) = std::env::var("PGBENCH") {
        return program;
    }
    let bindir = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    match bindir {
        Some(dir) if std::path::Path::new(&dir).join("pgbench").exists() => {
            format!("{dir}/pgbench")
        }
        _ => "pgbench".into(),
    }
}

/// Runs pgbench; its output, or the reason it failed.
fn pgbench(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

/// pgbench's transactions per second (without connection time).
fn pgbench_tps(program: &str, url: &str, clients: usize, seconds: f64) -> f64 {
    let n = clients.to_string();
    let secs = (seconds.round() as u64).max(1).to_string();
    let out = pgbench(
        program,
        &["-b", "simple-update", "-c", &n, "-j", &n, "-T", &secs, url],
    );
    out.lines()
        .find_map(|line| line.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|tps| tps.parse().ok())
        .ok_or_else(|| format!("no tps in pgbench's output:\n{out}"))
        .unwrap()
}

/// The figures of one number of clients.
struct Row {
    clients: usize,
    /// pgbench's transactions per second before and after the desk's runs.
    pgbench: (f64, f64),
    by_placement: Vec<Figures>,
}

/// The summary of one run of N children.
struct Figures {
    per_second: f64,
    retries_per_100: f64,
    p50_micros: f64,
    p99_micros: f64,
    failed: u64,
}

fn figures(reports: &[Report]) -> Figures {
    let per_second = reports.iter().map(|r| r.created as f64 / r.seconds).sum();
    let units: u64 = reports.iter().map(|r| r.units).sum();
    let runs: u64 = reports.iter().map(|r| r.runs).sum();
    let mut p50s: Vec<f64> = reports.iter().map(|r| r.p50_micros).collect();
    p50s.sort_by(f64::total_cmp);
    Figures {
        per_second,
        retries_per_100: 100.0 * (runs - units) as f64 / (units.max(1)) as f64,
        p50_micros: p50s[p50s.len() / 2],
        p99_micros: reports.iter().map(|r| r.p99_micros).fold(0.0, f64::max),
        failed: reports.iter().map(|r| r.failed).sum(),
    }
}

fn main() {
    if std::env::var_os("THROUGHPUT_CHILD").is_some() {
        child();
        return;
    }
    let Some(url) = std::env::var("HELPDESK_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        eprintln!(
            "This benchmark needs a PostgreSQL server in HELPDESK_TEST_POSTGRES_URL; \
             a throwaway one: scripts/with-postgres cargo bench -p helpdesk --features postgres --bench postgres_throughput"
        );
        return;
    };
    let seconds: f64 = std::env::var("THROUGHPUT_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&s: &f64| s > 0.0)
        .unwrap_or(5.0);
    let clients: Vec<usize> = std::env::var("THROUGHPUT_CLIENTS")
        .unwrap_or_else(|_| "1,2,4".into())
        .split(',')
        .map(|n| n.trim().parse().unwrap())
        .collect();
    let placements: Vec<Placement> = match std::env::var("THROUGHPUT_PLACEMENTS") {
        Ok(keys) => Placement::ALL
            .into_iter()
            .filter(|p| keys.split(',').any(|k| k.trim() == p.key()))
            .collect(),
        Err(_) => Placement::ALL.to_vec(),
    };
    let most = clients.iter().copied().max().unwrap_or(1);
    assert!(most <= AGENTS, "at most {AGENTS} clients");

    let pid = std::process::id();
    let schema = format!("throughput_{pid}");
    let separator = if url.contains('?') { '&' } else { '?' };
    let location = format!("{url}{separator}schema={schema}&pool_size=1");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let setting = |admin: &mut postgres::Client, name: &str| -> String {
        admin
            .query_one("SELECT current_setting($1)", &[&name])
            .unwrap()
            .get(0)
    };
    let server = format!(
        "PostgreSQL {} (fsync={}, synchronous_commit={}, shared_buffers={})",
        setting(&mut admin, "server_version"),
        setting(&mut admin, "fsync"),
        setting(&mut admin, "synchronous_commit"),
        setting(&mut admin, "shared_buffers"),
    );

    let desk = Helpdesk::open(&location).unwrap();
    let companies: Vec<Company> = (0..most)
        .map(|i| {
            build_company(
                &desk,
                &format!("Company {i}"),
                if i == 0 { most } else { 1 },
            )
        })
        .collect();
    drop(desk);

    let program = pgbench_program();
    let database = format!("throughput_pgbench_{pid}");
    admin
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .unwrap();
    let bench_url = with_database(&url, &database);
    pgbench(&program, &["-i", "-q", "-s", "1", &bench_url]);
    eprintln!("{server}; {seconds} s per run; pgbench: {program}");

    // pgbench runs before and after the desk's runs of each number of
    // clients; the ratio is to the mean of the two.
    let mut rows: Vec<Row> = Vec::new();
    for &n in &clients {
        let before = pgbench_tps(&program, &bench_url, n, seconds);
        eprintln!("{n} client(s): pgbench simple-update {before:.0} tx/s");
        let mut by_placement = Vec::new();
        for &placement in &placements {
            let reports = run_children(&location, seconds, &placement.assignments(&companies, n));
            let f = figures(&reports);
            eprintln!(
                "{n} process(es), {}: {:.0} tickets/s, {:.1} retries per 100, p50 {:.0} µs, p99 {:.0} µs{}",
                placement.name(),
                f.per_second,
                f.retries_per_100,
                f.p50_micros,
                f.p99_micros,
                if f.failed > 0 {
                    format!(", {} failed", f.failed)
                } else {
                    String::new()
                }
            );
            by_placement.push(f);
        }
        let after = pgbench_tps(&program, &bench_url, n, seconds);
        eprintln!("{n} client(s): pgbench simple-update {after:.0} tx/s");
        rows.push(Row {
            clients: n,
            pgbench: (before, after),
            by_placement,
        });
    }

    // Two statements: DROP DATABASE runs outside any transaction block.
    if std::env::var_os("THROUGHPUT_KEEP_SCHEMA").is_some() {
        eprintln!("schema {schema} kept");
    } else {
        admin
            .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
            .unwrap();
    }
    admin
        .batch_execute(&format!("DROP DATABASE {database}"))
        .unwrap();

    let mut header = String::from("| clients | pgbench simple-update, mean (before / after) |");
    let mut rule = String::from("|---:|---:|");
    for placement in &placements {
        header.push_str(&format!(" creations, {} |", placement.name()));
        rule.push_str("---:|");
    }
    println!("Ticket creations per second, and their ratio to pgbench's transactions:\n");
    println!("{header}\n{rule}");
    for row in &rows {
        let (before, after) = row.pgbench;
        let tps = (before + after) / 2.0;
        let mut line = format!(
            "| {} | {tps:.0}/s ({before:.0} / {after:.0}) |",
            row.clients
        );
        for f in &row.by_placement {
            line.push_str(&format!(
                " {:.0}/s ({:.3}) |",
                f.per_second,
                f.per_second / tps
            ));
        }
        println!("{line}");
    }
    println!("\nRetries (serialization conflicts) per 100 creations; creation time p50 / p99:\n");
    let mut header = String::from("| clients |");
    let mut rule = String::from("|---:|");
    for placement in &placements {
        header.push_str(&format!(" {} |", placement.name()));
        rule.push_str("---:|");
    }
    println!("{header}\n{rule}");
    for row in &rows {
        let mut line = format!("| {} |", row.clients);
        for f in &row.by_placement {
            line.push_str(&format!(
                " {:.1}; {:.2} / {:.1} ms{} |",
                f.retries_per_100,
                f.p50_micros / 1e3,
                f.p99_micros / 1e3,
                if f.failed > 0 {
                    format!("; {} failed", f.failed)
                } else {
                    String::new()
                }
            ));
        }
        println!("{line}");
    }
    println!(
        "\n{server} on this machine; {seconds} s per run; each client one process and one connection; \
         pgbench -s 1, -j = -c."
    );
}
