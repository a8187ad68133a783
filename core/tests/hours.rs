//! Support hours (RULES.md, HRS), one test per rule, the reference's
//! prepaid scenario end to end, and a property test of post-paid billing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{TimeZone, Utc};
use common::{partner, user};
use helpdesk::*;
use proptest::prelude::*;
use std::sync::Arc;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

struct Desk {
    desk: Helpdesk,
    acme: CompanyId,
    manager: User,
    agent: User,
    customer: Partner,
    team: Team,
    journal: Journal,
    hours: Unit,
    days: Unit,
}

impl Desk {
    fn new() -> Self {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
        let desk = Helpdesk::in_memory().with_clock(Arc::new(clock));
        let sys = Actor::System;
        let acme = desk
            .create_company(
                sys,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap()
            .id;
        let manager = user(
            &desk,
            "Mia",
            UserKind::Internal,
            HelpdeskRole::Manager,
            acme,
            None,
        );
        let agent = user(
            &desk,
            "Alice",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let customer = partner(&desk, Some(acme), "Agrolait");
        let team = desk
            .create_team(
                sys,
                NewTeam {
                    company: acme,
                    name: "Support".into(),
                    description: String::new(),
                    visibility: Visibility::Internal,
                    members: vec![agent.id],
                    settings: TeamSettings {
                        time_tracking: true,
                        time_billing: true,
                        refunds: true,
                        ..TeamSettings::default()
                    },
                    email_alias: None,
                },
            )
            .unwrap();
        let journal = desk
            .create_journal(
                sys,
                NewJournal {
                    company: acme,
                    name: "Sales".into(),
                    code: "INV".into(),
                    kind: JournalKind::Sale,
                },
            )
            .unwrap();
        let units = desk.list_units(sys, acme).unwrap();
        let hours = units.iter().find(|u| u.name == "Hours").unwrap().clone();
        let days = units.iter().find(|u| u.name == "Days").unwrap().clone();
        Self {
            desk,
            acme,
            manager,
            agent,
            customer,
            team,
            journal,
            hours,
            days,
        }
    }

    fn service(&self, name: &str, policy: ServicePolicy, price: &str) -> Product {
        self.desk
            .create_product(
                Actor::System,
                NewProduct {
                    company: self.acme,
                    name: name.into(),
                    tracking: Tracking::None,
                    sale_price: dec(price),
                    taxes: Vec::new(),
                    unit: Some(self.hours.id),
                    service_policy: Some(policy),
                },
            )
            .unwrap()
    }

    /// A confirmed order of `lines` (product, hours, price per hour).
    fn order(&self, lines: &[(&Product, &str, &str)]) -> SaleOrder {
        let order = self
            .desk
            .create_sale_order(
                Actor::System,
                NewSaleOrder {
                    company: self.acme,
                    salesperson: Some(self.manager.id),
                    customer: self.customer.id,
                    currency: "EUR".into(),
                    lines: lines
                        .iter()
                        .map(|(p, q, price)| SaleOrderLine {
                            product: p.id,
                            quantity: dec(q),
                            unit_price: dec(price),
                            unit: None,
                        })
                        .collect(),
                },
            )
            .unwrap();
        self.desk
            .confirm_sale_order(Actor::System, order.id)
            .unwrap()
    }

    fn ticket(&self, subject: &str) -> Ticket {
        self.desk
            .create_ticket(
                Actor::System,
                NewTicket {
                    team: Some(self.team.id),
                    subject: subject.into(),
                    customer: Some(self.customer.id),
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn log(&self, ticket: &Ticket, quantity: &str, unit: &Unit) -> Result<TimeEntry> {
        self.desk.log_time(
            Actor::User(self.agent.id),
            ticket.id,
            NewTimeEntry {
                quantity: dec(quantity),
                unit: Some(unit.id),
                description: "Work".into(),
                date: None,
                agent: None,
            },
        )
    }

    fn contract(&self, order: &SaleOrder, line: u32) -> ContractLine {
        self.desk
            .customer_contracts(Actor::System, self.acme, self.customer.id)
            .unwrap()
            .into_iter()
            .find(|c| {
                c.line
                    == OrderLineRef {
                        order: order.id,
                        line,
                    }
            })
            .unwrap()
    }
}

#[test]
fn hrs_1_days_convert_with_the_companys_hours_per_day_and_categories_do_not_mix() {
    let d = Desk::new();
    let sys = Actor::System;
    assert_eq!(
        d.desk
            .convert_quantity(sys, dec("1.5"), d.days.id, d.hours.id)
            .unwrap(),
        dec("12.00")
    );
    d.desk
        .set_support_hours(
            sys,
            d.acme,
            SupportHoursUpdate {
                hours_per_day: Some(dec("7.6")),
                upsell_threshold: None,
            },
        )
        .unwrap();
    assert_eq!(
        d.desk
            .convert_quantity(sys, dec("1"), d.hours.id, d.days.id)
            .unwrap(),
        dec("0.13")
    );
    assert_eq!(
        d.desk
            .convert_quantity(sys, dec("2"), d.days.id, d.hours.id)
            .unwrap(),
        dec("15.20")
    );
    let weight = d
        .desk
        .create_unit_category(sys, d.acme, "Weight".into())
        .unwrap();
    let kilo = d
        .desk
        .create_unit(
            sys,
            NewUnit {
                company: d.acme,
                category: weight.id,
                name: "kg".into(),
                ratio: dec("1"),
                rounding: None,
            },
        )
        .unwrap();
    let error = d
        .desk
        .convert_quantity(sys, dec("1"), d.hours.id, kilo.id)
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    let ticket = d.ticket("Weighed");
    assert_eq!(
        d.log(&ticket, "1", &kilo).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn hrs_2_a_service_is_sold_in_working_time() {
    let d = Desk::new();
    let weight = d
        .desk
        .create_unit_category(Actor::System, d.acme, "Weight".into())
        .unwrap();
    let kilo = d
        .desk
        .create_unit(
            Actor::System,
            NewUnit {
                company: d.acme,
                category: weight.id,
                name: "kg".into(),
                ratio: dec("1"),
                rounding: None,
            },
        )
        .unwrap();
    let error = d
        .desk
        .create_product(
            Actor::System,
            NewProduct {
                company: d.acme,
                name: "Support by the kilo".into(),
                tracking: Tracking::None,
                sale_price: dec("1"),
                taxes: Vec::new(),
                unit: Some(kilo.id),
                service_policy: Some(ServicePolicy::Prepaid),
            },
        )
        .unwrap_err();
    assert_eq!(error.fields()[0].1, "unit");
}

#[test]
fn hrs_3_a_confirmed_prepaid_order_invoices_its_ordered_quantity_once() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "50", "500")]);
    let invoice = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap();
    assert_eq!(
        (invoice.lines[0].quantity, invoice.total),
        (dec("50"), dec("25000.00"))
    );
    let error = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap_err();
    assert_eq!(error.code(), "invalid_state");
    assert_eq!(d.contract(&order, 0).invoiced, dec("50"));
}

#[test]
fn hrs_4_delivered_is_the_sum_of_entries_in_the_lines_unit() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "50", "500")]);
    let ticket = d.ticket("Printer");
    d.log(&ticket, "1.5", &d.hours).unwrap();
    let day = d.log(&ticket, "0.5", &d.days).unwrap();
    assert_eq!(d.contract(&order, 0).delivered, dec("5.50"));
    d.desk
        .update_time_entry(
            Actor::User(d.agent.id),
            day.id,
            TimeEntryUpdate {
                quantity: Some(dec("1")),
                ..TimeEntryUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(d.contract(&order, 0).delivered, dec("9.50"));
    d.desk
        .delete_time_entry(Actor::User(d.agent.id), day.id)
        .unwrap();
    assert_eq!(d.contract(&order, 0).delivered, dec("1.50"));
    assert_eq!(
        d.desk
            .ticket_hours(Actor::System, ticket.id)
            .unwrap()
            .logged_hours,
        dec("1.50")
    );
}

#[test]
fn hrs_5_remaining_may_go_negative_and_new_tickets_take_the_first_line_with_hours_left() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let premium = d.service("Premium Support", ServicePolicy::Prepaid, "800");
    let order = d.order(&[(&support, "2", "500"), (&premium, "10", "800")]);
    let first = d.ticket("First");
    assert_eq!(
        first.sale_line,
        Some(OrderLineRef {
            order: order.id,
            line: 0
        })
    );
    d.log(&first, "3", &d.hours).unwrap();
    assert_eq!(d.contract(&order, 0).remaining, dec("-1.00"));
    assert_eq!(
        d.desk
            .ticket_hours(Actor::System, first.id)
            .unwrap()
            .remaining_hours,
        Some(dec("-1.00"))
    );
    let second = d.ticket("Second");
    assert_eq!(
        second.sale_line,
        Some(OrderLineRef {
            order: order.id,
            line: 1
        })
    );
    // An agent may charge another line of the customer, or none.
    let moved = d
        .desk
        .set_ticket_sale_line(Actor::User(d.agent.id), second.id, None)
        .unwrap();
    assert_eq!(moved.sale_line, None);
    let stranger = partner(&d.desk, Some(d.acme), "Stranger");
    let foreign = d
        .desk
        .create_sale_order(
            Actor::System,
            NewSaleOrder {
                company: d.acme,
                salesperson: None,
                customer: stranger.id,
                currency: "EUR".into(),
                lines: vec![SaleOrderLine {
                    product: support.id,
                    quantity: dec("5"),
                    unit_price: dec("500"),
                    unit: None,
                }],
            },
        )
        .unwrap();
    d.desk
        .confirm_sale_order(Actor::System, foreign.id)
        .unwrap();
    let error = d
        .desk
        .set_ticket_sale_line(
            Actor::User(d.agent.id),
            second.id,
            Some(OrderLineRef {
                order: foreign.id,
                line: 0,
            }),
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
}

#[test]
fn hrs_6_one_upsell_alert_per_line_and_done_orders_leave_the_list() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "4", "500")]);
    let ticket = d.ticket("Busy");
    let alerts = |d: &Desk| {
        d.desk
            .pending_outbox(Actor::System, 100)
            .unwrap()
            .into_iter()
            .filter(|m| m.template.as_deref() == Some("helpdesk.upsell"))
            .inspect(|m| {
                // OUT-1: the line's quantities for the host's own text.
                assert_eq!(m.event, OutboxEvent::UpsellAlert);
                assert_eq!(m.payload.order_line, Some(1));
                assert!(m.payload.delivered > m.payload.ordered);
            })
            .count()
    };
    d.log(&ticket, "4", &d.hours).unwrap();
    assert_eq!(alerts(&d), 0, "at the threshold, not over it");
    d.log(&ticket, "1", &d.hours).unwrap();
    d.log(&ticket, "1", &d.hours).unwrap();
    assert_eq!(alerts(&d), 1);
    assert_eq!(
        d.desk.upsell_orders(Actor::System, d.acme).unwrap().len(),
        1
    );
    d.desk
        .mark_sale_order_done(Actor::System, order.id)
        .unwrap();
    assert!(d
        .desk
        .upsell_orders(Actor::System, d.acme)
        .unwrap()
        .is_empty());
}

#[test]
fn hrs_7_post_paid_time_is_billed_once_and_again_after_a_cancellation_or_refund() {
    let d = Desk::new();
    let consulting = d.service("Consulting", ServicePolicy::Timesheets, "100");
    let order = d.order(&[(&consulting, "1", "100")]);
    let ticket = d.ticket("Audit");
    let entry = d.log(&ticket, "3", &d.hours).unwrap();
    let first = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap();
    assert_eq!(
        (first.lines[0].quantity, first.total),
        (dec("3.00"), dec("300.00"))
    );
    let error = d
        .desk
        .update_time_entry(
            Actor::User(d.agent.id),
            entry.id,
            TimeEntryUpdate {
                quantity: Some(dec("1")),
                ..TimeEntryUpdate::default()
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_state");
    assert_eq!(
        d.desk
            .invoice_sale_order(Actor::System, order.id, d.journal.id)
            .unwrap_err()
            .code(),
        "invalid_state"
    );
    d.log(&ticket, "2", &d.hours).unwrap();
    assert_eq!(d.contract(&order, 0).invoiceable, dec("2.00"));
    d.desk.cancel_invoice(Actor::System, first.id).unwrap();
    assert_eq!(d.contract(&order, 0).invoiceable, dec("5.00"));
    let second = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap();
    let second = d.desk.post_invoice(Actor::System, second.id).unwrap();
    assert_eq!(second.lines[0].quantity, dec("5.00"));
    // A full refund makes the time billable again.
    let reversal = Reversal {
        invoice: second.id,
        reason: None,
        journal: None,
        reversal_date: None,
    };
    let agent = Actor::User(d.agent.id);
    let note = d.desk.reverse_invoice(agent, ticket.id, reversal).unwrap();
    d.desk.post_invoice(agent, note.id).unwrap();
    assert_eq!(d.contract(&order, 0).invoiceable, dec("5.00"));
}

#[test]
fn hrs_8_several_contracts_on_one_order_keep_their_own_balance() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "10", "500"), (&support, "20", "450")]);
    let ticket = d.ticket("One");
    d.log(&ticket, "4", &d.hours).unwrap();
    let second = OrderLineRef {
        order: order.id,
        line: 1,
    };
    let other = d.ticket("Two");
    d.desk
        .set_ticket_sale_line(Actor::User(d.agent.id), other.id, Some(second))
        .unwrap();
    d.log(&other, "1", &d.days).unwrap();
    assert_eq!(d.contract(&order, 0).remaining, dec("6.00"));
    assert_eq!(d.contract(&order, 1).remaining, dec("12.00"));
}

#[test]
fn hrs_reference_scenario_fifty_hours_prepaid() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "50", "500"), (&support, "10", "500")]);
    let invoice = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap();
    let invoice = d.desk.post_invoice(Actor::System, invoice.id).unwrap();
    assert_eq!(invoice.lines[0].total, dec("25000.00"));
    let remaining = |d: &Desk| d.contract(&order, 0).remaining_hours;
    let t1 = d.ticket("Cannot log in");
    d.log(&t1, "10", &d.hours).unwrap();
    assert_eq!(remaining(&d), dec("40.00"));
    let t2 = d.ticket("Slow reports");
    d.log(&t2, "2", &d.days).unwrap();
    assert_eq!(remaining(&d), dec("24.00"));
    let t3 = d.ticket("Data import");
    d.log(&t3, "20", &d.hours).unwrap();
    assert_eq!(remaining(&d), dec("4.00"));
    assert!(d
        .desk
        .pending_outbox(Actor::System, 100)
        .unwrap()
        .iter()
        .all(|m| m.template.as_deref() != Some("helpdesk.upsell")));
    d.log(&t3, "5", &d.hours).unwrap();
    assert_eq!(remaining(&d), dec("-1.00"));
    let alerts: Vec<OutboxMessage> = d
        .desk
        .pending_outbox(Actor::System, 100)
        .unwrap()
        .into_iter()
        .filter(|m| m.template.as_deref() == Some("helpdesk.upsell"))
        .collect();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].recipients, vec![d.manager.partner]);
    assert_eq!(
        d.desk.upsell_orders(Actor::System, d.acme).unwrap()[0].id,
        order.id
    );
    // The second contract on the same order: new tickets charge it.
    let t4 = d.ticket("After the first contract");
    assert_eq!(
        t4.sale_line,
        Some(OrderLineRef {
            order: order.id,
            line: 1
        })
    );
    d.log(&t4, "3", &d.hours).unwrap();
    assert_eq!(d.contract(&order, 1).remaining_hours, dec("7.00"));
    assert_eq!(d.contract(&order, 0).remaining_hours, dec("-1.00"));
}

#[test]
fn hrs_bad_input_is_typed_and_changes_nothing() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    d.order(&[(&support, "5", "500")]);
    let ticket = d.ticket("Bad");
    let globex = d
        .desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Globex".into(),
            },
        )
        .unwrap();
    let their_team = d
        .desk
        .create_team(
            Actor::System,
            NewTeam {
                company: globex.id,
                name: "Globex support".into(),
                description: String::new(),
                visibility: Visibility::Internal,
                members: Vec::new(),
                settings: TeamSettings {
                    time_tracking: true,
                    ..TeamSettings::default()
                },
                email_alias: None,
            },
        )
        .unwrap();
    let theirs = d
        .desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(their_team.id),
                subject: "Theirs".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    let before = d.desk.snapshot().unwrap();
    assert_eq!(
        d.log(&ticket, "0", &d.hours).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        d.log(&ticket, "-1", &d.hours).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        d.log(&theirs, "1", &d.hours).unwrap_err().code(),
        "not_found"
    );
    let host = d.desk.log_time(
        Actor::System,
        theirs.id,
        NewTimeEntry {
            quantity: dec("1"),
            unit: Some(d.hours.id),
            description: String::new(),
            date: None,
            agent: Some(d.agent.id),
        },
    );
    assert_eq!(
        host.unwrap_err().code(),
        "not_found",
        "VIS-11: an Acme unit on a Globex ticket is as unknown as a missing one"
    );
    assert_eq!(before, d.desk.snapshot().unwrap());
}

#[derive(Debug, Clone)]
enum Step {
    Log(u8, bool),
    Edit(usize, u8),
    Delete(usize),
    Invoice,
    Cancel(usize),
    Refund(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1u8..20, any::<bool>()).prop_map(|(q, days)| Step::Log(q, days)),
        1 => (0usize..10, 1u8..20).prop_map(|(i, q)| Step::Edit(i, q)),
        1 => (0usize..10).prop_map(Step::Delete),
        2 => Just(Step::Invoice),
        1 => (0usize..5).prop_map(Step::Cancel),
        1 => (0usize..5).prop_map(Step::Refund),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, failure_persistence: None, ..ProptestConfig::default() })]

    /// HRS-4, HRS-5, HRS-7 over random sequences: no entry is billed by
    /// two live invoices, delivered is the sum of the entries, remaining
    /// is ordered − delivered exactly, and every refused operation
    /// changes nothing.
    #[test]
    fn hrs_7_random_billing_never_bills_twice(steps in prop::collection::vec(step(), 1..25)) {
        let d = Desk::new();
        let consulting = d.service("Consulting", ServicePolicy::Timesheets, "100");
        let order = d.order(&[(&consulting, "40", "100")]);
        let ticket = d.ticket("Project");
        let agent = Actor::User(d.agent.id);
        let mut entries: Vec<TimeEntryId> = Vec::new();
        let mut invoices: Vec<InvoiceId> = Vec::new();
        for step in steps {
            let before = d.desk.snapshot().unwrap();
            let quarter = |q: u8| Decimal::from(q) / Decimal::from(4);
            let result: Result<()> = match step {
                Step::Log(q, days) => {
                    let unit = if days { &d.days } else { &d.hours };
                    d.desk.log_time(agent, ticket.id, NewTimeEntry { quantity: quarter(q), unit: Some(unit.id), description: String::new(), date: None, agent: None })
                        .map(|e| entries.push(e.id))
                }
                Step::Edit(i, q) if !entries.is_empty() => d.desk
                    .update_time_entry(agent, entries[i % entries.len()], TimeEntryUpdate { quantity: Some(quarter(q)), ..TimeEntryUpdate::default() })
                    .map(|_| ()),
                Step::Delete(i) if !entries.is_empty() => {
                    let id = entries[i % entries.len()];
                    d.desk.delete_time_entry(agent, id).map(|()| entries.retain(|e| *e != id))
                }
                Step::Invoice => d.desk.invoice_sale_order(Actor::System, order.id, d.journal.id)
                    .and_then(|i| d.desk.post_invoice(Actor::System, i.id))
                    .map(|i| invoices.push(i.id)),
                Step::Cancel(i) if !invoices.is_empty() => d.desk.cancel_invoice(Actor::System, invoices[i % invoices.len()]).map(|_| ()),
                Step::Refund(i) if !invoices.is_empty() => {
                    let reversal = Reversal { invoice: invoices[i % invoices.len()], reason: None, journal: None, reversal_date: None };
                    d.desk.reverse_invoice(agent, ticket.id, reversal).and_then(|n| d.desk.post_invoice(agent, n.id)).map(|_| ())
                }
                _ => Ok(()),
            };
            if result.is_err() {
                prop_assert_eq!(&before, &d.desk.snapshot().unwrap());
            }
        }
        let all = d.desk.ticket_time_entries(Actor::System, ticket.id).unwrap();
        let hours_of = |e: &TimeEntry| if e.unit == d.days.id { e.quantity * Decimal::from(8) } else { e.quantity };
        let contract = d.contract(&order, 0);
        let total: Decimal = all.iter().map(hours_of).sum();
        prop_assert_eq!(contract.delivered, total);
        prop_assert_eq!(contract.remaining, contract.ordered - contract.delivered);
        // Live invoices bill exactly the entries marked with them.
        let mut billed = Decimal::ZERO;
        for id in &invoices {
            let invoice = d.desk.get_invoice(Actor::System, *id).unwrap();
            let live = invoice.state != InvoiceState::Cancelled && invoice.payment_state != PaymentState::Reversed;
            let marked: Decimal = all.iter().filter(|e| e.invoice == Some(*id)).map(hours_of).sum();
            if live {
                prop_assert_eq!(invoice.lines[0].quantity, marked);
                billed += marked;
            }
        }
        prop_assert_eq!(contract.invoiced, billed);
        prop_assert_eq!(contract.invoiceable, total - billed);
    }
}

#[test]
fn hrs_7_reverse_and_reinvoice_keeps_the_time_billed_once() {
    let d = Desk::new();
    let consulting = d.service("Consulting", ServicePolicy::Timesheets, "100");
    let order = d.order(&[(&consulting, "1", "100")]);
    let ticket = d.ticket("Audit");
    d.log(&ticket, "5", &d.hours).unwrap();
    let first = d
        .desk
        .invoice_sale_order(Actor::System, order.id, d.journal.id)
        .unwrap();
    let first = d.desk.post_invoice(Actor::System, first.id).unwrap();
    let reversal = Reversal {
        invoice: first.id,
        reason: None,
        journal: None,
        reversal_date: None,
    };
    let done = d
        .desk
        .reverse_and_reinvoice(Actor::User(d.agent.id), ticket.id, reversal)
        .unwrap();
    d.desk.post_invoice(Actor::System, done.invoice.id).unwrap();
    assert_eq!(d.contract(&order, 0).invoiceable, dec("0.00"));
    assert_eq!(
        d.desk
            .invoice_sale_order(Actor::System, order.id, d.journal.id)
            .unwrap_err()
            .code(),
        "invalid_state"
    );
}

#[test]
fn hrs_5_a_new_customer_brings_their_own_contract() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "10", "500")]);
    let ticket = d.ticket("Shared");
    d.log(&ticket, "3", &d.hours).unwrap();
    let other = partner(&d.desk, Some(d.acme), "Other customer");
    let moved = d
        .desk
        .set_ticket_customer(Actor::User(d.agent.id), ticket.id, Some(other.id))
        .unwrap();
    assert_eq!(moved.sale_line, None);
    // The unbilled time left the previous customer's contract with the ticket.
    assert_eq!(d.contract(&order, 0).remaining, dec("10.00"));
}

#[test]
fn hrs_bad_input_huge_quantities_are_refused_not_a_panic() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    d.order(&[(&support, "10", "500")]);
    let ticket = d.ticket("Huge");
    assert_eq!(
        d.log(&ticket, "1000000000000000000000000000", &d.hours)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let error = d
        .desk
        .convert_quantity(
            Actor::System,
            dec("70000000000000000000000000000"),
            d.days.id,
            d.hours.id,
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    let stranger_company = d
        .desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Globex".into(),
            },
        )
        .unwrap();
    let carla = user(
        &d.desk,
        "Carla",
        UserKind::Portal,
        HelpdeskRole::None,
        d.acme,
        Some(d.customer.id),
    );
    let error = d
        .desk
        .customer_contracts(Actor::User(carla.id), stranger_company.id, d.customer.id)
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
}

#[test]
fn hrs_5_a_team_that_does_not_bill_time_charges_no_line() {
    let d = Desk::new();
    let support = d.service("Technical Support", ServicePolicy::Prepaid, "500");
    let order = d.order(&[(&support, "10", "500")]);
    let ticket = d.ticket("Moving");
    assert_eq!(
        ticket.sale_line,
        Some(OrderLineRef {
            order: order.id,
            line: 0
        })
    );
    let free = d
        .desk
        .create_team(
            Actor::System,
            NewTeam {
                company: d.acme,
                name: "Free help".into(),
                description: String::new(),
                visibility: Visibility::Internal,
                members: vec![d.agent.id],
                settings: TeamSettings {
                    time_tracking: true,
                    ..TeamSettings::default()
                },
                email_alias: None,
            },
        )
        .unwrap();
    let moved = d
        .desk
        .set_ticket_team(Actor::System, ticket.id, Some(free.id))
        .unwrap();
    assert_eq!(moved.sale_line, None);
    let back = d
        .desk
        .set_ticket_team(Actor::System, ticket.id, Some(d.team.id))
        .unwrap();
    assert_eq!(
        back.sale_line,
        Some(OrderLineRef {
            order: order.id,
            line: 0
        })
    );
}
