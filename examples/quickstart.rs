//! A whole helpdesk scenario on the embedded SQLite store: a company, a
//! portal-visible team on a working calendar with automatic assignment and
//! an SLA policy, a private team, agents, a portal customer submitting a
//! ticket, replies and internal notes, stage moves to Solved, what the
//! customer and another agent can and cannot see, the SLA report, a
//! partial refund by credit note and a coupon, prepaid support hours, a
//! repair and an on-site visit, and the outbox.
//!
//! Run it with `cargo run --example quickstart`.

use helpdesk::calendar::{CalendarSpec, ClockTime, Weekday, WorkingHours};
use helpdesk::{
    Actor, AssignmentMethod, CreditLineUpdate, Decimal, Helpdesk, HelpdeskRole, JournalKind,
    NewCalendar, NewCompany, NewCoupon, NewCouponProgram, NewFieldServiceProject,
    NewFieldServiceTask, NewInvoice, NewInvoiceLine, NewJournal, NewPartner, NewProduct, NewRepair,
    NewSaleOrder, NewSlaPolicy, NewTax, NewTeam, NewTicket, NewTimeEntry, NewUser, Priority,
    Reversal, Reward, RewardConditions, RewardKind, RewardScope, SaleOrderLine, ServicePolicy,
    SlaReportQuery, StageUpdate, Submission, TeamSettings, TeamSettingsPatch, TeamUpdate,
    TicketQuery, Tracking, UserKind, Visibility, Within,
};

fn main() -> helpdesk::Result<()> {
    let path = std::env::temp_dir().join("helpdesk-quickstart.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let desk = Helpdesk::open(&path)?;
    println!("helpdesk {} on {}", helpdesk::version(), path.display());

    // The host sets up the directory as the system actor.
    let system = Actor::System;
    let acme = desk.create_company(
        system,
        NewCompany {
            name: "Acme Inc.".into(),
        },
    )?;
    let staff = |name: &str, role| NewUser {
        name: name.into(),
        email: Some(format!("{}@acme.example", name.to_lowercase())),
        kind: UserKind::Internal,
        role,
        companies: vec![acme.id],
        partner: None,
    };
    let manager = desk.create_user(system, staff("Mia", HelpdeskRole::Manager))?;
    let alice = desk.create_user(system, staff("Alice", HelpdeskRole::Agent))?;
    let bob = desk.create_user(system, staff("Bob", HelpdeskRole::Agent))?;
    let customer = desk.create_partner(
        system,
        NewPartner {
            company: Some(acme.id),
            name: "Carla Customer".into(),
            email: Some("carla@example.com".into()),
            ..NewPartner::default()
        },
    )?;
    let carla = desk.create_user(
        system,
        NewUser {
            name: "Carla".into(),
            email: customer.email.clone(),
            kind: UserKind::Portal,
            role: HelpdeskRole::None,
            companies: vec![acme.id],
            partner: Some(customer.id),
        },
    )?;

    // The manager configures two teams: one on the portal, one private.
    let as_manager = Actor::User(manager.id);
    let team = |name: &str, visibility, members| NewTeam {
        company: acme.id,
        name: name.into(),
        description: format!("{name} questions"),
        visibility,
        members,
        settings: TeamSettings::default(),
        email_alias: None,
    };
    let support = desk.create_team(
        as_manager,
        team("Customer Care", Visibility::Portal, vec![alice.id, bob.id]),
    )?;
    let payroll = desk.create_team(
        as_manager,
        team("Payroll", Visibility::InvitedInternal, vec![alice.id]),
    )?;
    let stages = desk.list_stages(as_manager, support.id)?;
    println!(
        "team {:?} stages: {:?}",
        support.name,
        stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>()
    );
    let (in_progress, solved) = (&stages[1], &stages[2]);

    // Customer Care works Mon–Fri 09:00–12:00 and 13:00–17:00 in Brussels,
    // assigns new tickets to the agent with the fewest open ones, and
    // promises urgent tickets a first answer within 4 working hours.
    let mut office_hours = Vec::new();
    for weekday in [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ] {
        for (start, end) in [(9, 12), (13, 17)] {
            let time = |hour| {
                ClockTime::hm(hour, 0)
                    .ok_or_else(|| helpdesk::Error::invalid("hours", "not a time of day"))
            };
            office_hours.push(WorkingHours {
                weekday,
                start: time(start)?,
                end: time(end)?,
            });
        }
    }
    let office = desk.create_calendar(
        as_manager,
        NewCalendar {
            company: acme.id,
            name: "Brussels office".into(),
            spec: CalendarSpec {
                second_week: None,
                time_zone: "Europe/Brussels".into(),
                hours: office_hours,
                closures: Vec::new(),
            },
        },
    )?;
    desk.update_team(
        as_manager,
        support.id,
        TeamUpdate {
            settings: Some(TeamSettingsPatch {
                auto_assignment: Some(true),
                assignment_method: Some(AssignmentMethod::EqualOpenTickets),
                calendar: Some(office.id),
                use_sla: Some(true),
                refunds: Some(true),
                coupons: Some(true),
                ..TeamSettingsPatch::default()
            }),
            ..TeamUpdate::default()
        },
    )?;
    let first_answer = desk.create_sla_policy(
        as_manager,
        NewSlaPolicy {
            team: support.id,
            name: "Urgent: first answer in 4 h".into(),
            description: String::new(),
            priority: Priority::Urgent,
            tags: Vec::new(),
            customers: Vec::new(),
            ticket_types: Vec::new(),
            target_stage: in_progress.id,
            excluded_stages: Vec::new(),
            within: Within {
                hours: 4.into(),
                ..Within::default()
            },
        },
    )?;
    desk.update_stage(
        as_manager,
        solved.id,
        StageUpdate {
            email_template: Some("helpdesk.ticket_solved".into()),
            ..StageUpdate::default()
        },
    )?;

    // The customer submits a ticket through the portal form.
    let ticket = desk.submit_ticket(
        Actor::User(carla.id),
        Submission {
            team: support.id,
            subject: "My printer eats paper".into(),
            description: "Since Monday.".into(),
        },
    )?;
    let name_of = |id: Option<helpdesk::UserId>| {
        [&alice, &bob]
            .into_iter()
            .find(|u| Some(u.id) == id)
            .map_or("nobody", |u| u.name.as_str())
    };
    println!(
        "Carla submitted {} {:?}, assigned to {}",
        ticket.reference,
        ticket.subject,
        name_of(desk.get_ticket(as_manager, ticket.id)?.assignee)
    );

    // Two urgent tickets at once: each goes to whoever has fewer open ones,
    // and gets the deadline of the SLA policy on the team's calendar.
    let urgent = |subject: &str| NewTicket {
        team: Some(support.id),
        subject: subject.into(),
        priority: Priority::Urgent,
        customer: Some(customer.id),
        ..NewTicket::default()
    };
    for created in desk.create_tickets(
        as_manager,
        vec![urgent("Invoice printer on fire"), urgent("Scanner offline")],
    )? {
        println!(
            "{} {:?}: assigned to {}, SLA deadline {:?}",
            created.reference,
            created.subject,
            name_of(created.assignee),
            created.sla_deadline
        );
    }

    // Alice takes it, notes and replies, and solves it.
    let as_alice = Actor::User(alice.id);
    desk.assign_ticket(as_alice, ticket.id, Some(alice.id))?;
    desk.move_ticket(as_alice, ticket.id, in_progress.id)?;
    desk.add_internal_note(
        as_alice,
        ticket.id,
        "Model 3000: known roller issue.".into(),
    )?;
    desk.reply_to_ticket(as_alice, ticket.id, "We are sending a new roller.".into())?;
    desk.reply_to_ticket(Actor::User(carla.id), ticket.id, "Thank you!".into())?;
    let closed = desk.move_ticket(as_alice, ticket.id, solved.id)?;
    println!(
        "{} is now {:?}, closed at {:?}",
        closed.reference, solved.name, closed.closed_at
    );

    // A private payroll ticket.
    let private = desk.create_ticket(
        as_alice,
        NewTicket {
            team: Some(payroll.id),
            subject: "Salary review".into(),
            priority: Priority::High,
            ..NewTicket::default()
        },
    )?;

    // What each person sees.
    for (name, actor) in [
        ("Carla", Actor::User(carla.id)),
        ("Bob", Actor::User(bob.id)),
        ("Mia", as_manager),
    ] {
        let page = desk.list_tickets(actor, TicketQuery::default())?;
        let refs: Vec<&str> = page.tickets.iter().map(|t| t.reference.as_str()).collect();
        println!("{name} sees {refs:?}");
    }
    let carla_view = desk.list_messages(Actor::User(carla.id), ticket.id)?;
    println!(
        "Carla reads {} messages (internal notes hidden): {:?}",
        carla_view.len(),
        carla_view.iter().map(|m| &m.body).collect::<Vec<_>>()
    );
    match desk.get_ticket(Actor::User(bob.id), private.id) {
        Err(error) => println!(
            "Bob opens {}: {} ({})",
            private.reference,
            error,
            error.code()
        ),
        Ok(_) => println!("Bob unexpectedly sees the payroll ticket"),
    }
    match desk.move_ticket(Actor::User(carla.id), ticket.id, in_progress.id) {
        Err(error) => println!("Carla tries to reopen: {} ({})", error, error.code()),
        Ok(_) => println!("Carla unexpectedly moved the ticket"),
    }

    // How the team keeps its promises so far.
    let report = desk.sla_report(
        as_manager,
        SlaReportQuery {
            company: acme.id,
            team: Some(support.id),
            policy: Some(first_answer.id),
            from: None,
            to: None,
        },
    )?;
    println!(
        "SLA {:?}: {} tickets, {} failed, success rate {:?}",
        first_answer.name, report.total.tickets, report.total.failed, report.total.success_rate
    );

    // The ERP's invoice for Carla's printer, recorded by the host.
    let money = |text: &str| {
        text.parse::<Decimal>()
            .map_err(|e| helpdesk::Error::invalid("amount", e.to_string()))
    };
    let vat = desk.create_tax(
        system,
        NewTax {
            company: acme.id,
            name: "VAT 21%".into(),
            percent: money("21")?,
            price_included: false,
        },
    )?;
    let product = |name: &str, price: &str| -> helpdesk::Result<helpdesk::Product> {
        desk.create_product(
            system,
            NewProduct {
                company: acme.id,
                name: name.into(),
                tracking: Tracking::Serial,
                sale_price: money(price)?,
                taxes: vec![vat.id],
                unit: None,
                service_policy: None,
            },
        )
    };
    let (printer, roller) = (
        product("Printer 3000", "249.00")?,
        product("Spare roller", "12.50")?,
    );
    let sales = desk.create_journal(
        system,
        NewJournal {
            company: acme.id,
            name: "Customer Invoices".into(),
            code: "INV".into(),
            kind: JournalKind::Sale,
        },
    )?;
    let line = |product: &helpdesk::Product, quantity: &str| -> helpdesk::Result<NewInvoiceLine> {
        Ok(NewInvoiceLine {
            product: Some(product.id),
            label: None,
            quantity: money(quantity)?,
            unit_price: None,
            taxes: None,
        })
    };
    let invoice = desk.create_invoice(
        system,
        NewInvoice {
            company: acme.id,
            customer: customer.id,
            journal: sales.id,
            currency: "EUR".into(),
            date: None,
            sale_order: None,
            lines: vec![line(&printer, "1")?, line(&roller, "2")?],
        },
    )?;
    let invoice = desk.post_invoice(system, invoice.id)?;
    println!(
        "{} for Carla: {} EUR",
        invoice.number.as_deref().unwrap_or("?"),
        invoice.total
    );

    // From the ticket, Alice refunds one of the two rollers by credit note.
    let reversal = Reversal {
        invoice: invoice.id,
        reason: None,
        journal: None,
        reversal_date: None,
    };
    let draft = desk.reverse_invoice(as_alice, ticket.id, reversal)?;
    desk.update_credit_note_line(
        as_alice,
        draft.id,
        0,
        CreditLineUpdate {
            quantity: Some(Decimal::ZERO),
            unit_price: None,
        },
    )?;
    desk.update_credit_note_line(
        as_alice,
        draft.id,
        1,
        CreditLineUpdate {
            quantity: Some(Decimal::ONE),
            unit_price: None,
        },
    )?;
    let credit_note = desk.post_invoice(as_alice, draft.id)?;
    println!(
        "{} ({}): {} EUR refunded",
        credit_note.number.as_deref().unwrap_or("?"),
        credit_note.reference,
        credit_note.total
    );

    // And gives Carla a coupon for her trouble.
    let program = desk.create_coupon_program(
        as_manager,
        NewCouponProgram {
            company: acme.id,
            name: "Sorry: 10% off".into(),
            currency: "EUR".into(),
            reward: Reward {
                kind: RewardKind::Discount,
                discount_percent: Decimal::TEN,
                fixed_amount: Decimal::ZERO,
                free_product: None,
                scope: RewardScope::Order,
                products: Vec::new(),
                max_discount: None,
            },
            conditions: RewardConditions::default(),
            valid_from: None,
            valid_until: None,
            usage_limit: None,
            points_per_use: None,
        },
    )?;
    let coupon = desk.generate_coupon(
        as_alice,
        ticket.id,
        NewCoupon {
            program: program.id,
            points: None,
            valid_until: None,
        },
    )?;
    desk.send_coupon(as_alice, coupon.id)?;
    println!("coupon {} e-mailed to Carla", coupon.code);

    // Ten hours of prepaid support sold to Carla; time logged on a ticket.
    let on_site = desk.create_field_service_project(
        as_manager,
        NewFieldServiceProject {
            company: acme.id,
            name: "On-site visits".into(),
            worksheets: false,
            default_worksheet_template: None,
        },
    )?;
    desk.update_team(
        as_manager,
        support.id,
        TeamUpdate {
            // Only what changes: the settings made above stay as they are.
            settings: Some(TeamSettingsPatch {
                time_tracking: Some(true),
                time_billing: Some(true),
                repairs: Some(true),
                field_service: Some(true),
                field_service_project: Some(on_site.id.0),
                ..TeamSettingsPatch::default()
            }),
            ..TeamUpdate::default()
        },
    )?;
    let technical_support = desk.create_product(
        system,
        NewProduct {
            company: acme.id,
            name: "Technical Support".into(),
            tracking: Tracking::None,
            sale_price: money("80")?,
            taxes: Vec::new(),
            unit: None,
            service_policy: Some(ServicePolicy::Prepaid),
        },
    )?;
    let order = desk.create_sale_order(
        system,
        NewSaleOrder {
            company: acme.id,
            customer: customer.id,
            currency: "EUR".into(),
            lines: vec![SaleOrderLine {
                product: technical_support.id,
                quantity: money("10")?,
                unit_price: money("80")?,
                unit: None,
            }],
            salesperson: Some(manager.id),
        },
    )?;
    desk.confirm_sale_order(system, order.id)?;
    let visit = desk.create_ticket(
        as_alice,
        NewTicket {
            team: Some(support.id),
            subject: "Set up the network printer".into(),
            customer: Some(customer.id),
            product: Some(printer.id),
            lot: Some("SN-3000-42".into()),
            ..NewTicket::default()
        },
    )?;
    desk.log_time(
        as_alice,
        visit.id,
        NewTimeEntry {
            quantity: money("1.5")?,
            unit: None,
            description: "Remote diagnosis".into(),
            date: None,
            agent: None,
        },
    )?;
    let hours = desk.ticket_hours(as_alice, visit.id)?;
    println!(
        "{}: {} h logged on {}, {:?} h left on the contract",
        visit.reference, hours.logged_hours, order.reference, hours.remaining_hours
    );

    // The printer goes for repair under warranty, and a technician visits.
    let repair = desk.create_repair(
        as_alice,
        visit.id,
        NewRepair {
            under_warranty: true,
            ..NewRepair::default()
        },
    )?;
    let task =
        desk.create_field_service_task(as_alice, visit.id, NewFieldServiceTask::default())?;
    println!(
        "repair {} of serial {:?}; field-service task {:?} in {}",
        repair.reference, repair.lot, task.title, on_site.name
    );

    // The host drains the outbox: it sends, then acknowledges.
    let outbox = desk.pending_outbox(system, 100)?;
    for message in &outbox {
        println!(
            "outbox #{}: {:?} to {:?}: {}",
            message.id, message.kind, message.recipients, message.subject
        );
    }
    let sent = desk.acknowledge_outbox(system, outbox.iter().map(|m| m.id).collect())?;
    println!(
        "acknowledged {sent} outbox messages; {} left",
        desk.pending_outbox(system, 100)?.len()
    );
    Ok(())
}
