//! How an agent's operations scale with the size of the store (issue 14,
//! item 4): an agent of "Acme" works while a SQLite file also holds N other
//! companies of the same shape, N = 0, 10, 100, 1,000.
//!
//! Every company has 5 agents, a support team that tracks and bills time
//! (prepaid support hours, refunds, returns, automatic assignment to the
//! fewest open tickets), an internal team, and 100 customers, each with a
//! confirmed sales order (10 prepaid hours and a printer), its posted
//! invoice, its done delivery, a ticket and a time entry.
//!
//! The world is built once, in increasing order of N (build N = 10, measure,
//! add companies up to 100, measure, ...), with the system actor. The other
//! companies log their time before their support team starts billing it, so
//! building them does not pay for the billing of every ticket; their records
//! are the same in number and kind as Acme's.
//!
//! Each operation runs 3 times to warm up, then `SCALE_ITERS` times (50 by
//! default); the median time per call is reported as a Markdown table on
//! stdout (progress and setup times on stderr). Operations that write
//! accumulate their records in Acme.
//!
//! `cargo bench -p helpdesk --bench scale` (`SCALE_MAX=10` or `100` stops
//! at that N; `SCALE_MAX=10` runs in seconds).
//!
//! `SCALE_STORE=postgres` builds the same world in a schema of its own on
//! the PostgreSQL server that `HELPDESK_TEST_POSTGRES_URL` names (issue 17,
//! item 8), e.g. on a throwaway server:
//! `SCALE_STORE=postgres scripts/with-postgres cargo bench -p helpdesk --features postgres --bench scale`.
//! There, the other companies are built by `SCALE_BUILDERS` threads (2 by
//! default; units of work of different companies run in parallel), and
//! each level ends with a `VACUUM (ANALYZE)` of the schema's tables before
//! it is measured: what autovacuum does after such a bulk load, done
//! before the timing rather than during it (`SCALE_VACUUM=0` leaves both
//! to autovacuum). `SCALE_KEEP_SCHEMA=1` keeps the schema
//! for inspection (it is dropped otherwise).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use helpdesk::*;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 100;
const AGENTS: usize = 5;
const WARMUP: usize = 3;
const LEVELS: [usize; 4] = [0, 10, 100, 1_000];

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
}

/// The ids of one company of the world.
struct Company {
    id: CompanyId,
    agents: Vec<UserId>,
    support: TeamId,
    internal: TeamId,
    journal: JournalId,
    printer: ProductId,
    customers: Vec<PartnerId>,
    tickets: Vec<TicketId>,
}

fn support_settings(time_billing: bool) -> TeamSettings {
    TeamSettings {
        auto_assignment: true,
        assignment_method: AssignmentMethod::EqualOpenTickets,
        time_tracking: true,
        time_billing,
        refunds: true,
        returns: true,
        ..TeamSettings::default()
    }
}

/// A posted invoice of one printer for `customer` (outside any timing).
fn posted_invoice(desk: &Helpdesk, company: &Company, customer: PartnerId) -> InvoiceId {
    let draft = desk
        .create_invoice(
            Actor::System,
            NewInvoice {
                company: company.id,
                customer,
                journal: company.journal,
                currency: "EUR".into(),
                date: None,
                sale_order: None,
                lines: vec![NewInvoiceLine {
                    product: Some(company.printer),
                    label: None,
                    quantity: Decimal::ONE,
                    unit_price: None,
                    taxes: None,
                }],
            },
        )
        .unwrap();
    desk.post_invoice(Actor::System, draft.id).unwrap().id
}

/// Builds one company. With `bill_now` false, its support team starts
/// billing time only once its tickets and time entries exist.
fn build_company(desk: &Helpdesk, name: &str, bill_now: bool) -> Company {
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
    let team = |team_name: &str, settings| {
        desk.create_team(
            sys,
            NewTeam {
                company: id,
                name: team_name.into(),
                description: String::new(),
                visibility: Visibility::Internal,
                members: agents.clone(),
                // Every company's teams take mail at the same aliases:
                // intake finds the alias within the company only.
                email_alias: Some(format!("{}@desk.example", team_name.to_lowercase())),
                settings,
            },
        )
        .unwrap()
        .id
    };
    let support = team("Support", support_settings(bill_now));
    let internal = team("IT", TeamSettings::default());
    let journal = desk
        .create_journal(
            sys,
            NewJournal {
                company: id,
                name: "Customer Invoices".into(),
                code: "INV".into(),
                kind: JournalKind::Sale,
            },
        )
        .unwrap()
        .id;
    let hours = desk
        .list_units(sys, id)
        .unwrap()
        .into_iter()
        .find(|u| u.name == "Hours")
        .unwrap()
        .id;
    let product = |product_name: &str, price: &str, unit, service_policy| {
        desk.create_product(
            sys,
            NewProduct {
                company: id,
                name: product_name.into(),
                tracking: Tracking::None,
                sale_price: dec(price),
                taxes: Vec::new(),
                unit,
                service_policy,
            },
        )
        .unwrap()
        .id
    };
    let support_hours = product(
        "Support hours",
        "100",
        Some(hours),
        Some(ServicePolicy::Prepaid),
    );
    let printer = product("Printer", "250", None, None);
    let location = |location_name: &str, kind| {
        desk.create_location(
            sys,
            NewLocation {
                company: id,
                name: location_name.into(),
                kind,
            },
        )
        .unwrap()
        .id
    };
    let stock = location("WH/Stock", LocationKind::Internal);
    let at_customers = location("Customers", LocationKind::Customer);
    let mut customers = Vec::with_capacity(CUSTOMERS);
    for i in 0..CUSTOMERS {
        let customer = desk
            .create_partner(
                sys,
                NewPartner {
                    company: Some(id),
                    name: format!("{name} customer {i}"),
                    ..NewPartner::default()
                },
            )
            .unwrap()
            .id;
        let order = desk
            .create_sale_order(
                sys,
                NewSaleOrder {
                    company: id,
                    customer,
                    currency: "EUR".into(),
                    lines: vec![
                        SaleOrderLine {
                            product: support_hours,
                            quantity: dec("10"),
                            unit_price: dec("100"),
                            unit: None,
                        },
                        SaleOrderLine {
                            product: printer,
                            quantity: Decimal::ONE,
                            unit_price: dec("250"),
                            unit: None,
                        },
                    ],
                    salesperson: Some(agents[0]),
                },
            )
            .unwrap()
            .id;
        desk.confirm_sale_order(sys, order).unwrap();
        let line = |product, quantity: &str| NewInvoiceLine {
            product: Some(product),
            label: None,
            quantity: dec(quantity),
            unit_price: None,
            taxes: None,
        };
        let invoice = desk
            .create_invoice(
                sys,
                NewInvoice {
                    company: id,
                    customer,
                    journal,
                    currency: "EUR".into(),
                    date: None,
                    sale_order: Some(order),
                    lines: vec![line(support_hours, "10"), line(printer, "1")],
                },
            )
            .unwrap()
            .id;
        desk.post_invoice(sys, invoice).unwrap();
        let delivery = desk
            .create_delivery(
                sys,
                NewDelivery {
                    company: id,
                    customer,
                    sale_order: Some(order),
                    source: stock,
                    destination: at_customers,
                    lines: vec![TransferLine {
                        product: printer,
                        quantity: Decimal::ONE,
                        lot: None,
                        returns_line: None,
                    }],
                },
            )
            .unwrap()
            .id;
        desk.validate_transfer(sys, delivery).unwrap();
        customers.push(customer);
    }
    let tickets: Vec<TicketId> = desk
        .create_tickets(
            sys,
            customers
                .iter()
                .enumerate()
                .map(|(i, customer)| NewTicket {
                    team: Some(support),
                    subject: format!("Printer {i} jams"),
                    customer: Some(*customer),
                    product: Some(printer),
                    ..NewTicket::default()
                })
                .collect(),
        )
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    for (i, ticket) in tickets.iter().enumerate() {
        desk.log_time(
            sys,
            *ticket,
            NewTimeEntry {
                quantity: Decimal::ONE,
                unit: None,
                description: "Diagnosis".into(),
                date: None,
                agent: Some(agents[i % AGENTS]),
            },
        )
        .unwrap();
    }
    if !bill_now {
        desk.update_team(
            sys,
            support,
            TeamUpdate {
                settings: Some(support_settings(true).into()),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    }
    Company {
        id,
        agents,
        support,
        internal,
        journal,
        printer,
        customers,
        tickets,
    }
}

/// Warms up, then times `iters` calls; `call(turn)` returns the time of
/// its timed part only. The median.
fn median(iters: usize, turn: &mut usize, mut call: impl FnMut(usize) -> Duration) -> Duration {
    for _ in 0..WARMUP {
        call(*turn);
        *turn += 1;
    }
    let mut times: Vec<Duration> = (0..iters)
        .map(|_| {
            let time = call(*turn);
            *turn += 1;
            time
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn timed<R>(call: impl FnOnce() -> R) -> Duration {
    let start = Instant::now();
    let out = call();
    let elapsed = start.elapsed();
    black_box(out);
    elapsed
}

const OPERATIONS: [&str; 14] = [
    "get_ticket (control)",
    "list_tickets, first page (agent)",
    "create_ticket, team billing time",
    "create_ticket, internal team",
    "log_time",
    "ticket_hours",
    "customer_contracts",
    "refundable_invoices",
    "reverse_invoice",
    "returnable_deliveries",
    "suggest_assignee",
    "receive_email, new ticket",
    "receive_email, reply",
    "import_ticket, closed",
];

/// The median of every operation of `OPERATIONS`, as Acme's first agent.
fn measure(desk: &Helpdesk, acme: &Company, iters: usize, turn: &mut usize) -> Vec<Duration> {
    let agent = Actor::User(acme.agents[0]);
    // Each writing operation has its own fifth of Acme's customers, and the
    // reads the first two fifths: what the timed writes add to Acme from
    // one level to the next never lands where a later measure reads.
    let fifth = CUSTOMERS / 5;
    let ticket = |turn: usize| acme.tickets[turn % (2 * fifth)];
    let customer = |turn: usize| acme.customers[turn % (2 * fifth)];
    let writing = |part: usize, turn: usize| (part * fifth) + turn % fifth;
    let new_ticket = |team, part: usize, turn: usize| NewTicket {
        team: Some(team),
        subject: format!("Scale {turn}"),
        customer: Some(acme.customers[writing(part, turn)]),
        ..NewTicket::default()
    };
    let mut out = Vec::with_capacity(OPERATIONS.len());
    let mut run = |name: &str, call: &mut dyn FnMut(usize) -> Duration| {
        let time = median(iters, turn, call);
        eprintln!("    {name}: {}", format_duration(time));
        out.push(time);
    };
    run(OPERATIONS[0], &mut |t| {
        timed(|| desk.get_ticket(agent, ticket(t)).unwrap())
    });
    run(OPERATIONS[1], &mut |_| {
        timed(|| {
            let page = desk.list_tickets(agent, TicketQuery::default()).unwrap();
            assert_eq!(page.tickets.len(), 50);
            page
        })
    });
    run(OPERATIONS[2], &mut |t| {
        let input = new_ticket(acme.support, 2, t);
        timed(|| {
            let created = desk.create_ticket(agent, input).unwrap();
            assert!(created.sale_line.is_some(), "the ticket bills a contract");
            created
        })
    });
    run(OPERATIONS[3], &mut |t| {
        let input = new_ticket(acme.internal, 2, t);
        timed(|| desk.create_ticket(agent, input).unwrap())
    });
    run(OPERATIONS[4], &mut |t| {
        let entry = NewTimeEntry {
            quantity: dec("0.05"),
            unit: None,
            description: "Follow-up".into(),
            date: None,
            agent: None,
        };
        let ticket = acme.tickets[writing(3, t)];
        timed(|| desk.log_time(agent, ticket, entry).unwrap())
    });
    run(OPERATIONS[5], &mut |t| {
        timed(|| desk.ticket_hours(agent, ticket(t)).unwrap())
    });
    run(OPERATIONS[6], &mut |t| {
        timed(|| {
            let contracts = desk
                .customer_contracts(agent, acme.id, customer(t))
                .unwrap();
            assert_eq!(contracts.len(), 1);
            contracts
        })
    });
    run(OPERATIONS[7], &mut |t| {
        timed(|| {
            let invoices = desk
                .refundable_invoices(agent, ticket(t), RefundFilter::default())
                .unwrap();
            assert!(!invoices.is_empty());
            invoices
        })
    });
    run(OPERATIONS[8], &mut |t| {
        let mine = writing(4, t);
        let invoice = posted_invoice(desk, acme, acme.customers[mine]);
        let reversal = Reversal {
            invoice,
            reason: None,
            journal: None,
            reversal_date: None,
        };
        timed(|| {
            desk.reverse_invoice(agent, acme.tickets[mine], reversal)
                .unwrap()
        })
    });
    run(OPERATIONS[9], &mut |t| {
        timed(|| {
            let deliveries = desk
                .returnable_deliveries(agent, ticket(t), ReturnFilter::default())
                .unwrap();
            assert_eq!(deliveries.len(), 1);
            deliveries
        })
    });
    run(OPERATIONS[10], &mut |_| {
        timed(|| {
            let suggested = desk.suggest_assignee(agent, acme.support).unwrap();
            assert!(suggested.is_some());
            suggested
        })
    });
    // E-mail intake and imports are the host's (system actor). Each mail
    // has its own sender and Message-ID, so none is throttled or a
    // duplicate.
    let sys = Actor::System;
    let mail = |turn: usize, kind: &str, headers: &str| {
        format!(
            "From: Sender {turn} <{kind}{turn}@mail.example>\r\nTo: it@desk.example\r\n\
             Subject: Scale {turn}\r\nMessage-ID: <{kind}-{turn}@mail.example>\r\n{headers}\
             Content-Type: text/plain; charset=utf-8\r\n\r\nThe printer is broken.\r\n"
        )
        .into_bytes()
    };
    run(OPERATIONS[11], &mut |t| {
        let raw = mail(t, "new", "");
        timed(|| {
            let receipt = desk.receive_email(sys, acme.id, raw).unwrap();
            assert_eq!(receipt.outcome, MailOutcome::TicketCreated);
            receipt
        })
    });
    run(OPERATIONS[12], &mut |t| {
        let opening = desk
            .receive_email(sys, acme.id, mail(t, "open", ""))
            .unwrap();
        let headers = format!("In-Reply-To: <open-{t}@mail.example>\r\n");
        let raw = mail(t, "reply", &headers);
        timed(|| {
            let receipt = desk.receive_email(sys, acme.id, raw).unwrap();
            assert_eq!(receipt.ticket, opening.ticket);
            receipt
        })
    });
    run(OPERATIONS[13], &mut |t| {
        let input = new_ticket(acme.internal, 2, t);
        let now = chrono::Utc::now();
        let imported = TicketImport {
            external_id: format!("EXT-{t}"),
            created_at: Some(now - chrono::Duration::days(3)),
            assigned_at: None,
            closed_at: Some(now - chrono::Duration::days(1)),
            notify: false,
        };
        timed(|| desk.import_ticket(sys, input, imported).unwrap())
    });
    out
}

fn format_duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1_000.0 {
        format!("{micros:.0} µs")
    } else if micros < 10_000.0 {
        format!("{:.2} ms", micros / 1e3)
    } else if micros < 100_000.0 {
        format!("{:.1} ms", micros / 1e3)
    } else {
        format!("{:.0} ms", micros / 1e3)
    }
}

fn format_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The size of the database and its write-ahead log, in MB.
fn file_megabytes(path: &Path) -> f64 {
    let wal = path.with_extension("sqlite-wal");
    [path, wal.as_path()]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1e6
}

/// Where the world is stored.
enum Backing {
    /// A SQLite file in a temporary directory.
    Sqlite {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
    /// A schema of its own on a PostgreSQL server.
    #[cfg(feature = "postgres")]
    Postgres {
        client: Box<postgres::Client>,
        schema: String,
        url: String,
    },
}

impl Backing {
    /// The store `SCALE_STORE` names; `None` (after saying why) when it
    /// cannot be used in this build or without a server.
    fn from_env() -> Option<Self> {
        let store = std::env::var("SCALE_STORE").unwrap_or_default();
        match store.as_str() {
            "" | "sqlite" => {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("scale.sqlite");
                Some(Backing::Sqlite { _dir: dir, path })
            }
            "postgres" => Self::postgres(),
            other => {
                eprintln!("SCALE_STORE={other}: the stores are sqlite (default) and postgres");
                None
            }
        }
    }

    #[cfg(not(feature = "postgres"))]
    fn postgres() -> Option<Self> {
        eprintln!(
            "SCALE_STORE=postgres needs the postgres feature: \
             SCALE_STORE=postgres scripts/with-postgres cargo bench -p helpdesk --features postgres --bench scale"
        );
        None
    }

    #[cfg(feature = "postgres")]
    fn postgres() -> Option<Self> {
        let Some(url) = std::env::var("HELPDESK_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.is_empty())
        else {
            eprintln!(
                "SCALE_STORE=postgres needs a server in HELPDESK_TEST_POSTGRES_URL; a throwaway one: \
                 SCALE_STORE=postgres scripts/with-postgres cargo bench -p helpdesk --features postgres --bench scale"
            );
            return None;
        };
        let client = Box::new(postgres::Client::connect(&url, postgres::NoTls).unwrap());
        let schema = format!("scale_{}", std::process::id());
        Some(Backing::Postgres {
            client,
            schema,
            url,
        })
    }

    fn location(&self) -> String {
        match self {
            Backing::Sqlite { path, .. } => path.display().to_string(),
            #[cfg(feature = "postgres")]
            Backing::Postgres { schema, url, .. } => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}schema={schema}&pool_size=4")
            }
        }
    }

    /// How many threads build the other companies.
    fn builders(&self) -> usize {
        match self {
            // One writer at a time: more threads would only wait.
            Backing::Sqlite { .. } => 1,
            #[cfg(feature = "postgres")]
            Backing::Postgres { .. } => env_usize("SCALE_BUILDERS", 2).max(1),
        }
    }

    /// The size of the store, in MB.
    fn megabytes(&mut self) -> f64 {
        match self {
            Backing::Sqlite { path, .. } => file_megabytes(path),
            #[cfg(feature = "postgres")]
            Backing::Postgres { client, schema, .. } => {
                let bytes: i64 = client
                    .query_one(
                        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
                         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = $1 AND c.relkind = 'r'",
                        &[&*schema],
                    )
                    .unwrap()
                    .get(0);
                bytes as f64 / 1e6
            }
        }
    }

    /// After a level's companies are built, before measuring: PostgreSQL's
    /// tables vacuumed and their planner statistics brought up to date
    /// (unless `SCALE_VACUUM=0`). `Some(seconds)` when it did.
    fn settle(&mut self) -> Option<f64> {
        match self {
            Backing::Sqlite { .. } => None,
            #[cfg(feature = "postgres")]
            Backing::Postgres { client, schema, .. } => {
                if env_usize("SCALE_VACUUM", 1) == 0 {
                    return None;
                }
                let started = Instant::now();
                let tables: Vec<String> = client
                    .query(
                        "SELECT tablename::text FROM pg_tables WHERE schemaname = $1",
                        &[&*schema],
                    )
                    .unwrap()
                    .iter()
                    .map(|row| row.get(0))
                    .collect();
                for table in tables {
                    client
                        .batch_execute(&format!("VACUUM (ANALYZE) {schema}.{table}"))
                        .unwrap();
                }
                Some(started.elapsed().as_secs_f64())
            }
        }
    }

    /// What the table's footnote says of the store.
    fn describe(&mut self) -> String {
        match self {
            Backing::Sqlite { .. } => "SQLite file".into(),
            #[cfg(feature = "postgres")]
            Backing::Postgres { client, .. } => {
                let setting = |client: &mut postgres::Client, name: &str| -> String {
                    client
                        .query_one("SELECT current_setting($1)", &[&name])
                        .unwrap()
                        .get(0)
                };
                let version = setting(client, "server_version");
                let fsync = setting(client, "fsync");
                let buffers = setting(client, "shared_buffers");
                let analyze = if env_usize("SCALE_VACUUM", 1) == 0 {
                    "vacuum and statistics left to autovacuum"
                } else {
                    "VACUUM (ANALYZE) after each level's setup"
                };
                format!(
                    "PostgreSQL {version} on this machine (fsync={fsync}, shared_buffers={buffers}), \
                     one schema, {analyze}"
                )
            }
        }
    }

    /// Drops the PostgreSQL schema, unless `SCALE_KEEP_SCHEMA=1`.
    fn finish(&mut self) {
        #[cfg(feature = "postgres")]
        if let Backing::Postgres { client, schema, .. } = self {
            if env_usize("SCALE_KEEP_SCHEMA", 0) != 0 {
                eprintln!("schema {schema} kept");
            } else {
                client
                    .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
                    .unwrap();
            }
        }
    }
}

fn main() {
    let max = env_usize("SCALE_MAX", 1_000);
    let iters = env_usize("SCALE_ITERS", 50).max(1);
    let mut levels: Vec<usize> = LEVELS.iter().copied().filter(|&n| n <= max).collect();
    if !levels.contains(&max) {
        levels.push(max);
    }
    let Some(mut backing) = Backing::from_env() else {
        return;
    };
    let desk = Helpdesk::open(backing.location()).unwrap();
    let builders = backing.builders();
    let started = Instant::now();
    let acme = build_company(&desk, "Acme", true);
    eprintln!(
        "Acme built in {:.1} s; levels {levels:?}, {iters} timed calls per operation, {builders} builder(s)",
        started.elapsed().as_secs_f64()
    );
    let built = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let mut turn = 0;
    let mut columns: Vec<Vec<Duration>> = Vec::new();
    let mut setups: Vec<String> = Vec::new();
    for &n in &levels {
        let setup = Instant::now();
        let step = (n / 20).max(10);
        std::thread::scope(|scope| {
            for _ in 0..builders {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        // Taken but not built: given back for the next level.
                        next.fetch_sub(1, Ordering::SeqCst);
                        break;
                    }
                    build_company(&desk, &format!("Company {i}"), false);
                    let done = built.fetch_add(1, Ordering::SeqCst) + 1;
                    if done.is_multiple_of(step) || done == n {
                        eprintln!(
                            "  {done}/{n} companies, {:.1} s for this level, {:.1} s in all",
                            setup.elapsed().as_secs_f64(),
                            started.elapsed().as_secs_f64()
                        );
                    }
                });
            }
        });
        let analyzed = backing.settle();
        let setup = setup.elapsed();
        let line = format!(
            "N = {}: built in {:.1} s{} (total {:.1} s), store {:.0} MB",
            format_count(n),
            setup.as_secs_f64(),
            analyzed.map_or(String::new(), |s| format!(" (VACUUM {s:.1} s)")),
            started.elapsed().as_secs_f64(),
            backing.megabytes(),
        );
        eprintln!("{line}; measuring");
        setups.push(line);
        let measuring = Instant::now();
        columns.push(measure(&desk, &acme, iters, &mut turn));
        eprintln!("  measured in {:.1} s", measuring.elapsed().as_secs_f64());
    }
    let described = backing.describe();
    drop(desk);
    backing.finish();

    // The table: one row per operation, one column per N, and the growth
    // from N = 10 to the largest N.
    let largest = *levels.last().unwrap();
    let ratio = levels
        .iter()
        .position(|&n| n == 10)
        .filter(|_| largest > 10);
    let mut header = String::from("| Operation (median per call) |");
    let mut rule = String::from("|---|");
    for &n in &levels {
        header.push_str(&format!(" N={} |", format_count(n)));
        rule.push_str("---:|");
    }
    if ratio.is_some() {
        header.push_str(&format!(" {}/10 |", format_count(largest)));
        rule.push_str("---:|");
    }
    println!("{header}\n{rule}");
    for (row, name) in OPERATIONS.iter().enumerate() {
        let mut line = format!("| {name} |");
        for column in &columns {
            line.push_str(&format!(" {} |", format_duration(column[row])));
        }
        if let Some(ten) = ratio {
            let growth =
                columns.last().unwrap()[row].as_secs_f64() / columns[ten][row].as_secs_f64();
            line.push_str(&format!(" ×{growth:.1} |"));
        }
        println!("{line}");
    }
    println!();
    println!(
        "{described}, {} customers per company, {iters} timed calls per operation (median).",
        CUSTOMERS
    );
    for line in &setups {
        println!("- {line}");
    }
}
