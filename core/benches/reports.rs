//! Reports over many tickets (issue 20): a support manager's pivots over
//! Acme's 100,000 tickets on a SQLite file, while the file also holds N
//! other companies of 1,000 tickets each, N = 0, 10, 100.
//!
//! Acme has 4 teams of 5 agents, 200 customers and 100,000 tickets created
//! over two years (one every ~10 minutes), of every priority, 3 in 4
//! assigned within a day, 2 in 3 closed within a week, a third of them
//! tagged; the high and urgent ones (half) have an SLA status of their
//! team's 4-hour policy. The tickets are written straight into the store (one unit of
//! work per 5,000), as the desk writes them, with their working times; the
//! teams, agents and customers through the desk.
//!
//! Each report runs 3 times to warm up, then `REPORTS_ITERS` times (20 by
//! default); the median is printed as a Markdown table on stdout.
//!
//! `cargo bench -p helpdesk --bench reports` (`REPORTS_MAX=10` stops at
//! N = 10; `REPORTS_TICKETS` sets Acme's tickets, 100,000 by default).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, Utc};
use helpdesk::store::{Sequence, SqliteStore, Store, WorkMode};
use helpdesk::*;
use std::hint::black_box;
use std::time::Instant;

const TEAMS: usize = 4;
const AGENTS: usize = 5;
const CUSTOMERS: usize = 200;
const OTHER_TICKETS: usize = 1_000;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A company's teams (with their stages), agents and customers.
struct Company {
    id: CompanyId,
    manager: User,
    teams: Vec<(Team, Vec<Stage>, SlaPolicyId)>,
    agents: Vec<User>,
    customers: Vec<PartnerId>,
    tags: Vec<TagId>,
}

fn build_company(desk: &Helpdesk, name: &str) -> Company {
    let sys = Actor::System;
    let id = desk
        .create_company(sys, NewCompany { name: name.into() })
        .unwrap()
        .id;
    let user = |name: String, role| {
        desk.create_user(
            sys,
            NewUser {
                name,
                email: None,
                kind: UserKind::Internal,
                role,
                companies: vec![id],
                partner: None,
            },
        )
        .unwrap()
    };
    let manager = user(format!("{name} manager"), HelpdeskRole::Manager);
    let agents: Vec<User> = (0..AGENTS)
        .map(|n| user(format!("{name} agent {n}"), HelpdeskRole::Agent))
        .collect();
    let teams = (0..TEAMS)
        .map(|n| {
            let team = desk
                .create_team(
                    sys,
                    NewTeam {
                        company: id,
                        name: format!("Team {n}"),
                        visibility: Visibility::Internal,
                        members: agents.iter().map(|a| a.id).collect(),
                        ..NewTeam::default()
                    },
                )
                .unwrap();
            let stages = desk.list_stages(sys, team.id).unwrap();
            let policy = desk
                .create_sla_policy(
                    sys,
                    NewSlaPolicy {
                        team: team.id,
                        name: format!("Team {n} in 4 hours"),
                        priority: Priority::High,
                        target_stage: stages.iter().find(|s| s.folded).unwrap().id,
                        within: Within {
                            hours: 4.into(),
                            ..Within::default()
                        },
                        ..NewSlaPolicy::default()
                    },
                )
                .unwrap()
                .id;
            (team, stages, policy)
        })
        .collect();
    let customers = (0..CUSTOMERS)
        .map(|n| {
            desk.create_partner(
                sys,
                NewPartner {
                    company: Some(id),
                    name: format!("{name} customer {n}"),
                    ..NewPartner::default()
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let tags = ["printer", "network", "billing"]
        .iter()
        .map(|t| desk.create_tag(sys, id, (*t).into()).unwrap().id)
        .collect();
    Company {
        id,
        manager,
        teams,
        agents,
        customers,
        tags,
    }
}

/// A small deterministic generator (no dependency on the desk's).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

/// Writes `count` tickets of `company` into `store`, created from `start`
/// one every ~10 minutes.
fn fill(store: &SqliteStore, company: &Company, count: usize, start: DateTime<Utc>, seed: u64) {
    let mut random = Lcg(seed);
    let mut written = 0;
    while written < count {
        let batch = (count - written).min(5_000);
        store
            .unit_of_work(WorkMode::Write, &mut |tx| {
                for n in written..written + batch {
                    let id = TicketId(tx.next_value(Sequence::Ticket)?);
                    let number = tx.next_value(Sequence::TicketNumber(company.id))?;
                    let created = start + Duration::seconds(n as i64 * 631);
                    let (team, stages, policy) = &company.teams[random.next(TEAMS as u64) as usize];
                    let assigned = (random.next(4) != 0)
                        .then(|| created + Duration::seconds(random.next(86_400) as i64));
                    let closed = (random.next(3) != 0)
                        .then(|| created + Duration::seconds(random.next(7 * 86_400) as i64 + 1));
                    let stage = stages
                        .iter()
                        .find(|s| s.folded == closed.is_some())
                        .unwrap();
                    let ticket = Ticket {
                        id,
                        company: company.id,
                        number,
                        reference: format!("#{number}"),
                        subject: format!("Ticket {n}"),
                        description: String::new(),
                        team: Some(team.id),
                        stage: stage.id,
                        priority: Priority::from_level(random.next(4) as i64).unwrap(),
                        ticket_type: None,
                        tags: if random.next(3) == 0 {
                            vec![company.tags[random.next(3) as usize]]
                        } else {
                            Vec::new()
                        },
                        customer: Some(company.customers[random.next(CUSTOMERS as u64) as usize]),
                        assignee: assigned
                            .map(|_| company.agents[random.next(AGENTS as u64) as usize].id),
                        product: None,
                        lot: None,
                        created_at: created,
                        assigned_at: assigned,
                        closed_at: closed,
                        last_stage_change_at: closed.unwrap_or(created),
                        last_activity_at: closed.unwrap_or(created),
                        active: true,
                        closed_by_customer: false,
                        documents: Vec::new(),
                        sla_deadline: None,
                        sla_reached_late: false,
                        sale_line: None,
                        merged_into: None,
                        opportunity: None,
                        working_seconds_to_assign: assigned.map(|a| (a - created).num_seconds()),
                        working_seconds_to_close: closed.map(|c| (c - created).num_seconds()),
                    };
                    tx.put_ticket(&ticket)?;
                    // High and urgent tickets have the team's 4-hour SLA.
                    if ticket.priority >= Priority::High {
                        let status = SlaStatus {
                            ticket: id,
                            policy: *policy,
                            company: company.id,
                            team: team.id,
                            ticket_created_at: created,
                            deadline: Some(created + Duration::hours(4)),
                            reached_at: closed,
                        };
                        tx.put_sla_statuses(id, &[status])?;
                    }
                }
                Ok(())
            })
            .unwrap();
        written += batch;
    }
}

fn median_ms(iters: usize, mut run: impl FnMut()) -> f64 {
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<f64> = (0..iters)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let iters = env("REPORTS_ITERS", 20);
    let max = env("REPORTS_MAX", 100);
    let tickets = env("REPORTS_TICKETS", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reports.sqlite");
    let desk = Helpdesk::open(path.to_str().unwrap()).unwrap();
    let bulk = SqliteStore::open(&path).unwrap();
    let start = "2024-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
    let built = Instant::now();
    let acme = build_company(&desk, "Acme");
    fill(&bulk, &acme, tickets, start, 1);
    eprintln!(
        "Acme: {tickets} tickets in {:.1} s",
        built.elapsed().as_secs_f64()
    );
    let reports: Vec<(&str, TicketAnalysisQuery)> = vec![
        (
            "team × priority",
            TicketAnalysisQuery {
                company: acme.id,
                group_by: vec![Dimension::Team, Dimension::Priority],
                ..TicketAnalysisQuery::default()
            },
        ),
        (
            "created per month (Europe/Paris) × stage",
            TicketAnalysisQuery {
                company: acme.id,
                group_by: vec![Dimension::Created, Dimension::Stage],
                period: Some(Period::Month),
                time_zone: Some("Europe/Paris".into()),
                ..TicketAnalysisQuery::default()
            },
        ),
        (
            "assignee × closed per week, one team's open and closed",
            TicketAnalysisQuery {
                company: acme.id,
                filter: ReportFilter {
                    teams: vec![acme.teams[0].0.id],
                    ..ReportFilter::default()
                },
                group_by: vec![Dimension::Assignee, Dimension::Closed],
                period: Some(Period::Week),
                ..TicketAnalysisQuery::default()
            },
        ),
        (
            "tag × team",
            TicketAnalysisQuery {
                company: acme.id,
                group_by: vec![Dimension::Tag, Dimension::Team],
                ..TicketAnalysisQuery::default()
            },
        ),
    ];
    let manager = Actor::User(acme.manager.id);
    let mut table: Vec<(String, Vec<f64>)> = reports
        .iter()
        .map(|(name, _)| ((*name).to_string(), Vec::new()))
        .collect();
    table.push(("cohort per month".into(), Vec::new()));
    let sla_reports: Vec<(&str, SlaStatusAnalysisQuery)> = vec![
        (
            "SLA statuses: policy × state",
            SlaStatusAnalysisQuery {
                company: acme.id,
                group_by: vec![Dimension::SlaPolicy, Dimension::SlaStatus],
                ..SlaStatusAnalysisQuery::default()
            },
        ),
        (
            "SLA statuses: created per month × priority",
            SlaStatusAnalysisQuery {
                company: acme.id,
                group_by: vec![Dimension::Created, Dimension::Priority],
                ..SlaStatusAnalysisQuery::default()
            },
        ),
    ];
    table.extend(
        sla_reports
            .iter()
            .map(|(name, _)| ((*name).to_string(), Vec::new())),
    );
    let mut levels = Vec::new();
    let mut others = 0;
    for n in [0usize, 10, 100].into_iter().filter(|n| *n <= max) {
        let building = Instant::now();
        while others < n {
            let other = build_company(&desk, &format!("Other {others}"));
            fill(&bulk, &other, OTHER_TICKETS, start, 100 + others as u64);
            others += 1;
        }
        eprintln!(
            "N={n}: {} other tickets, built in {:.1} s",
            n * OTHER_TICKETS,
            building.elapsed().as_secs_f64()
        );
        levels.push(n);
        for (row, (_, query)) in table.iter_mut().zip(&reports) {
            let rows = desk
                .ticket_analysis(manager, query.clone())
                .unwrap()
                .rows
                .len();
            let ms = median_ms(iters, || {
                black_box(desk.ticket_analysis(manager, query.clone()).unwrap());
            });
            eprintln!("  {}: {ms:.1} ms ({rows} rows)", row.0);
            row.1.push(ms);
        }
        let cohort = CohortQuery {
            company: acme.id,
            ..CohortQuery::default()
        };
        let ms = median_ms(iters, || {
            black_box(desk.ticket_cohort(manager, cohort.clone()).unwrap());
        });
        table[reports.len()].1.push(ms);
        for (row, (_, query)) in table[reports.len() + 1..].iter_mut().zip(&sla_reports) {
            let ms = median_ms(iters, || {
                black_box(desk.sla_status_analysis(manager, query.clone()).unwrap());
            });
            eprintln!("  {}: {ms:.1} ms", row.0);
            row.1.push(ms);
        }
    }
    let header: Vec<String> = levels.iter().map(|n| format!("N={n}")).collect();
    println!(
        "| Report over {tickets} tickets (median) | {} | {} |",
        header.join(" | "),
        format_args!("{}/{}", levels.last().unwrap(), levels.first().unwrap())
    );
    println!("|---|{}---:|", "---:|".repeat(levels.len()));
    for (name, times) in &table {
        let cells: Vec<String> = times.iter().map(|ms| format!("{ms:.1} ms")).collect();
        let ratio = times.last().unwrap() / times.first().unwrap();
        println!("| {name} | {} | ×{ratio:.2} |", cells.join(" | "));
    }
}
