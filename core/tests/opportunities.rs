//! Converting a ticket into an opportunity for the host's CRM (CNV-1).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{partner, team, user};
use helpdesk::*;

struct Desk {
    desk: Helpdesk,
    acme: CompanyId,
    globex: CompanyId,
    agent: User,
    seller: User,
    carla: Partner,
    sales: SalesTeam,
    care: Team,
}

impl Desk {
    fn new() -> Self {
        let desk = Helpdesk::in_memory();
        let sys = Actor::System;
        let company = |name: &str| {
            desk.create_company(sys, NewCompany { name: name.into() })
                .unwrap()
                .id
        };
        let (acme, globex) = (company("Acme"), company("Globex"));
        let agent = user(
            &desk,
            "Alice",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let seller = user(
            &desk,
            "Sam",
            UserKind::Internal,
            HelpdeskRole::None,
            acme,
            None,
        );
        let mut carla = partner(&desk, Some(acme), "Carla");
        carla = desk
            .update_partner(
                sys,
                carla.id,
                PartnerUpdate {
                    email: Some("carla@example.com".into()),
                    ..PartnerUpdate::default()
                },
            )
            .unwrap();
        let sales = desk
            .create_sales_team(
                sys,
                NewSalesTeam {
                    company: acme,
                    name: "Direct sales".into(),
                    members: vec![seller.id],
                },
            )
            .unwrap();
        let care = team(&desk, acme, "Care", Visibility::Internal, vec![agent.id]);
        Self {
            desk,
            acme,
            globex,
            agent,
            seller,
            carla,
            sales,
            care,
        }
    }

    fn ticket(&self, subject: &str) -> Ticket {
        self.desk
            .create_ticket(
                Actor::User(self.agent.id),
                NewTicket {
                    team: Some(self.care.id),
                    subject: subject.into(),
                    description: "Wants 40 more seats".into(),
                    customer: Some(self.carla.id),
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn convert(&self, ticket: &Ticket, conversion: Conversion) -> Result<Opportunity> {
        self.desk
            .convert_to_opportunity(Actor::User(self.agent.id), ticket.id, conversion)
    }
}

#[test]
fn cnv_1_the_opportunity_takes_the_ticket_and_its_messages_and_the_ticket_is_archived() {
    let d = Desk::new();
    let ticket = d.ticket("More seats");
    let reply = d
        .desk
        .reply_to_ticket(
            Actor::User(d.agent.id),
            ticket.id,
            "Passing to sales".into(),
        )
        .unwrap();
    let opportunity = d
        .convert(
            &ticket,
            Conversion {
                customer: Some(ConversionCustomer::Link),
                partner: Some(d.carla.id),
                sales_team: Some(d.sales.id),
                salesperson: Some(d.seller.id),
            },
        )
        .unwrap();
    assert_eq!(
        (
            opportunity.name.as_str(),
            opportunity.description.as_str(),
            opportunity.ticket_reference.as_str(),
            opportunity.customer,
            opportunity.sales_team,
            opportunity.salesperson,
        ),
        (
            "More seats",
            "Wants 40 more seats",
            ticket.reference.as_str(),
            Some(d.carla.id),
            Some(d.sales.id),
            Some(d.seller.id),
        )
    );
    assert_eq!(opportunity.messages, [reply.id]);
    let archived = d.desk.get_ticket(Actor::System, ticket.id).unwrap();
    assert!(!archived.active);
    assert_eq!(archived.opportunity, Some(opportunity.id));
    let event = d
        .desk
        .pending_outbox(Actor::System, 100)
        .unwrap()
        .into_iter()
        .find(|m| m.kind == OutboxKind::OpportunityCreated)
        .expect("the CRM is told through the outbox");
    assert_eq!(event.ticket, Some(ticket.id));
    // OUT-1: for the host's CRM, not an e-mail.
    assert_eq!(event.event, OutboxEvent::OpportunityCreated);
    assert_eq!(event.payload.opportunity, Some(opportunity.id));
    assert_eq!(event.mail, None);
    assert_eq!(
        d.desk
            .get_opportunity(Actor::User(d.seller.id), opportunity.id)
            .unwrap(),
        opportunity
    );
}

#[test]
fn cnv_1_a_ticket_converted_once_is_not_converted_again() {
    let d = Desk::new();
    let ticket = d.ticket("Twice");
    d.convert(&ticket, Conversion::default()).unwrap();
    let before = d.desk.snapshot().unwrap();
    let again = d.convert(&ticket, Conversion::default()).unwrap_err();
    assert_eq!(again.code(), "invalid_state");
    assert_eq!(d.desk.snapshot().unwrap(), before);
}

#[test]
fn cnv_1_the_customer_is_created_from_the_ticket_linked_or_left_out() {
    let d = Desk::new();
    let created = d
        .convert(
            &d.ticket("Create"),
            Conversion {
                customer: Some(ConversionCustomer::Create),
                ..Conversion::default()
            },
        )
        .unwrap();
    let customer = d
        .desk
        .get_partner(Actor::System, created.customer.unwrap())
        .unwrap();
    assert_ne!(customer.id, d.carla.id);
    assert_eq!(
        (
            customer.name.as_str(),
            customer.email.as_deref(),
            customer.company
        ),
        ("Carla", Some("carla@example.com"), Some(d.acme))
    );
    let without = d.convert(&d.ticket("None"), Conversion::default()).unwrap();
    assert_eq!(without.customer, None);
    let missing = d
        .convert(
            &d.ticket("Link nobody"),
            Conversion {
                customer: Some(ConversionCustomer::Link),
                ..Conversion::default()
            },
        )
        .unwrap_err();
    assert_eq!(missing.code(), "invalid_input");
}

#[test]
fn cnv_1_sales_teams_and_salespeople_of_another_company_are_refused() {
    let d = Desk::new();
    let theirs = d
        .desk
        .create_sales_team(
            Actor::System,
            NewSalesTeam {
                company: d.globex,
                name: "Theirs".into(),
                members: Vec::new(),
            },
        )
        .unwrap();
    let ticket = d.ticket("Elsewhere");
    let team = d
        .convert(
            &ticket,
            Conversion {
                sales_team: Some(theirs.id),
                ..Conversion::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        team.code(),
        "not_found",
        "another company's team is unknown"
    );
    let stranger = user(
        &d.desk,
        "Stan",
        UserKind::Internal,
        HelpdeskRole::None,
        d.globex,
        None,
    );
    let person = d
        .convert(
            &ticket,
            Conversion {
                salesperson: Some(stranger.id),
                ..Conversion::default()
            },
        )
        .unwrap_err();
    assert_eq!(person.code(), "invalid_input");
    let outsider = d
        .convert(
            &ticket,
            Conversion {
                sales_team: Some(d.sales.id),
                salesperson: Some(d.agent.id),
                ..Conversion::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        outsider.code(),
        "invalid_input",
        "not a member of the sales team"
    );
    assert!(d.desk.get_ticket(Actor::System, ticket.id).unwrap().active);
}

#[test]
fn cnv_1_only_those_who_may_change_the_ticket_convert_it() {
    let d = Desk::new();
    let ticket = d.ticket("Mine");
    let e = d
        .desk
        .convert_to_opportunity(Actor::User(d.seller.id), ticket.id, Conversion::default())
        .unwrap_err();
    assert!(matches!(e.code(), "forbidden" | "not_found"), "{e}");
    let other = user(
        &d.desk,
        "Gus",
        UserKind::Internal,
        HelpdeskRole::Agent,
        d.globex,
        None,
    );
    let hidden = d
        .desk
        .get_opportunity(
            Actor::User(other.id),
            d.convert(&ticket, Conversion::default()).unwrap().id,
        )
        .unwrap_err();
    assert_eq!(hidden.code(), "not_found");
}
