//! A model-based property test of access (hardening): random sequences of
//! operations — tickets created, moved between teams, given customers and
//! followers; teams narrowed and widened; coupons, credit notes, returns,
//! repairs, field-service tasks and time entries made from tickets;
//! tickets closed, merged and converted into opportunities — by
//! random actors (the host, managers, agents, an employee without a
//! helpdesk role, portal users, a manager of another company) on the SQLite
//! store. After every step:
//!
//! - a refused operation left the store byte-for-byte as it was;
//! - for every actor and ticket, `get_ticket` succeeds exactly when the VIS
//!   rules allow (`access::can_read_ticket` on the facts the host reads),
//!   and `list_tickets` lists exactly those tickets;
//! - every customer rating (RAT-1) is listed exactly to whoever reads its
//!   ticket (a portal user: only the ratings they gave), is answered only
//!   by the host or the customer it was asked of, and is hidden or
//!   published only by the host and the company's managers;
//! - every coupon, credit note, return, repair and field-service task is
//!   read exactly by whoever reads its ticket or manages its company
//!   (VIS-10), a denied read is `not_found`, and a portal user sees neither
//!   internal notes nor another customer's contact or address (VIS-4);
//!   invoices and deliveries not made from a ticket are the company's
//!   employees'; time entries are the ticket's readers among employees;
//! - nothing panics.
//!
//! 2,000 sequences of up to 10 steps by default (about a minute and a
//! quarter in a debug build); set `PROPTEST_CASES` for more.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use helpdesk::access::{can_configure, can_read_ticket, TicketFacts};
use helpdesk::store::SqliteStore;
use helpdesk::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// One operation of a sequence; indices pick among what exists (modulo).
#[derive(Debug, Clone)]
enum Step {
    CreateTicket {
        actor: usize,
        team: usize,
        customer: Option<usize>,
    },
    SetTeam {
        actor: usize,
        ticket: usize,
        team: Option<usize>,
    },
    SetCustomer {
        actor: usize,
        ticket: usize,
        customer: Option<usize>,
    },
    FollowTicket {
        actor: usize,
        ticket: usize,
        partner: usize,
    },
    FollowTeam {
        actor: usize,
        team: usize,
        partner: usize,
    },
    SetVisibility {
        actor: usize,
        team: usize,
        visibility: Visibility,
    },
    GenerateCoupon {
        actor: usize,
        ticket: usize,
    },
    PlanTask {
        actor: usize,
        ticket: usize,
    },
    CreateRepair {
        actor: usize,
        ticket: usize,
    },
    ReverseInvoice {
        actor: usize,
        ticket: usize,
        invoice: usize,
    },
    ReturnProducts {
        actor: usize,
        ticket: usize,
        delivery: usize,
    },
    LogTime {
        actor: usize,
        ticket: usize,
    },
    CloseTicket {
        actor: usize,
        ticket: usize,
    },
    MergeTickets {
        actor: usize,
        into: usize,
        other: usize,
    },
    ConvertToOpportunity {
        actor: usize,
        ticket: usize,
    },
    /// Moves a ticket to its team's Solved stage, which asks for a rating.
    Solve {
        actor: usize,
        ticket: usize,
    },
    /// Answers the latest rating request of a ticket (1, 3, 5, or the
    /// refused 4).
    Rate {
        actor: usize,
        ticket: usize,
        rating: usize,
    },
    Publish {
        actor: usize,
        rating: usize,
        published: bool,
    },
    /// The host files a ticket for a customer, solves it and answers its
    /// rating request (1, 3 or 5) for the customer: ratings to list.
    Rated {
        team: usize,
        customer: usize,
        rating: usize,
    },
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::InvitedInternal),
        Just(Visibility::Internal),
        Just(Visibility::Portal)
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let i = || 0usize..16;
    prop_oneof![
        3 => (i(), i(), prop::option::of(i()))
            .prop_map(|(actor, team, customer)| Step::CreateTicket { actor, team, customer }),
        1 => (i(), i(), prop::option::weighted(0.8, i()))
            .prop_map(|(actor, ticket, team)| Step::SetTeam { actor, ticket, team }),
        1 => (i(), i(), prop::option::of(i()))
            .prop_map(|(actor, ticket, customer)| Step::SetCustomer { actor, ticket, customer }),
        2 => (i(), i(), i()).prop_map(|(actor, ticket, partner)| Step::FollowTicket { actor, ticket, partner }),
        2 => (i(), i(), i()).prop_map(|(actor, team, partner)| Step::FollowTeam { actor, team, partner }),
        1 => (i(), i(), visibility())
            .prop_map(|(actor, team, visibility)| Step::SetVisibility { actor, team, visibility }),
        2 => (i(), i()).prop_map(|(actor, ticket)| Step::GenerateCoupon { actor, ticket }),
        2 => (i(), i()).prop_map(|(actor, ticket)| Step::PlanTask { actor, ticket }),
        2 => (i(), i()).prop_map(|(actor, ticket)| Step::CreateRepair { actor, ticket }),
        2 => (i(), i(), i())
            .prop_map(|(actor, ticket, invoice)| Step::ReverseInvoice { actor, ticket, invoice }),
        2 => (i(), i(), i())
            .prop_map(|(actor, ticket, delivery)| Step::ReturnProducts { actor, ticket, delivery }),
        1 => (i(), i()).prop_map(|(actor, ticket)| Step::LogTime { actor, ticket }),
        1 => (i(), i()).prop_map(|(actor, ticket)| Step::CloseTicket { actor, ticket }),
        1 => (i(), i(), i()).prop_map(|(actor, into, other)| Step::MergeTickets { actor, into, other }),
        1 => (i(), i()).prop_map(|(actor, ticket)| Step::ConvertToOpportunity { actor, ticket }),
        2 => (i(), i()).prop_map(|(actor, ticket)| Step::Solve { actor, ticket }),
        2 => (i(), i(), i()).prop_map(|(actor, ticket, rating)| Step::Rate { actor, ticket, rating }),
        1 => (i(), i(), any::<bool>())
            .prop_map(|(actor, rating, published)| Step::Publish { actor, rating, published }),
        2 => (i(), i(), i()).prop_map(|(team, customer, rating)| Step::Rated { team, customer, rating }),
    ]
}

/// The desk and what the steps choose among.
struct World {
    desk: Helpdesk,
    acme: CompanyId,
    /// The acting users (the host is `Actor::System`, index 0 of `actors`).
    users: Vec<User>,
    teams: Vec<TeamId>,
    /// Customers (with an address) and every user's own contact.
    partners: Vec<PartnerId>,
    /// Customers a ticket may have.
    customers: Vec<PartnerId>,
    program: CouponProgramId,
    product: ProductId,
    /// Posted invoices of the customers, not made from a ticket.
    invoices: Vec<InvoiceId>,
    /// Done deliveries to the customers, not made from a ticket.
    deliveries: Vec<TransferId>,
    returns: Vec<TransferId>,
    tickets: Vec<TicketId>,
    coupons: Vec<CouponId>,
    tasks: Vec<FieldServiceTaskId>,
    repairs: Vec<RepairId>,
    credit_notes: Vec<InvoiceId>,
    ratings: Vec<RatingId>,
}

impl World {
    fn new() -> Self {
        let desk = Helpdesk::new(SqliteStore::in_memory().unwrap());
        let sys = Actor::System;
        let company = |name: &str| {
            desk.create_company(sys, NewCompany { name: name.into() })
                .unwrap()
                .id
        };
        let (acme, globex) = (company("Acme"), company("Globex"));
        let customer = |company, name: &str, address: &str| {
            desk.create_partner(
                sys,
                NewPartner {
                    company: Some(company),
                    name: name.into(),
                    address: Some(address.into()),
                    ..NewPartner::default()
                },
            )
            .unwrap()
            .id
        };
        let c1 = customer(acme, "Carla", "1 Main St");
        let c2 = customer(acme, "Dan", "9 Side St");
        let c3 = customer(globex, "Gus", "3 Far Rd");
        let user = |name, kind, role, company, partner| {
            common::user(&desk, name, kind, role, company, partner)
        };
        use HelpdeskRole::{Agent, Manager, None as NoRole};
        use UserKind::{Internal, Portal};
        let users = vec![
            user("Mia", Internal, Manager, acme, None),
            user("Alice", Internal, Agent, acme, None),
            user("Bob", Internal, Agent, acme, None),
            user("Erin", Internal, NoRole, acme, None),
            user("Carla", Portal, NoRole, acme, Some(c1)),
            user("Dan", Portal, NoRole, acme, Some(c2)),
            user("Gina", Internal, Manager, globex, None),
        ];
        let project = desk
            .create_field_service_project(
                sys,
                NewFieldServiceProject {
                    company: acme,
                    name: "On site".into(),
                    ..NewFieldServiceProject::default()
                },
            )
            .unwrap()
            .id;
        let settings = TeamSettings {
            coupons: true,
            refunds: true,
            repairs: true,
            returns: true,
            time_tracking: true,
            field_service: true,
            field_service_project: Some(project.0),
            ratings: true,
            ..TeamSettings::default()
        };
        let team =
            |company, name: &str, visibility, members: Vec<UserId>, settings: &TeamSettings| {
                desk.create_team(
                    sys,
                    NewTeam {
                        company,
                        name: name.into(),
                        description: String::new(),
                        visibility,
                        members,
                        settings: settings.clone(),
                        email_alias: None,
                    },
                )
                .unwrap()
                .id
            };
        let teams = vec![
            team(
                acme,
                "Payroll",
                Visibility::InvitedInternal,
                vec![users[1].id],
                &settings,
            ),
            team(
                acme,
                "IT",
                Visibility::Internal,
                vec![users[2].id],
                &settings,
            ),
            team(
                acme,
                "Support",
                Visibility::Portal,
                vec![users[1].id, users[2].id],
                &settings,
            ),
            team(
                globex,
                "Globex care",
                Visibility::Portal,
                vec![],
                &TeamSettings::default(),
            ),
        ];
        // Acme's Solved stages ask for a rating (RAT-1).
        for &team in &teams[..3] {
            let solved = desk
                .list_stages(sys, team)
                .unwrap()
                .into_iter()
                .find(|s| s.name == "Solved")
                .unwrap();
            desk.update_stage(
                sys,
                solved.id,
                StageUpdate {
                    rating_request: Some(true),
                    ..StageUpdate::default()
                },
            )
            .unwrap();
        }
        let program = desk
            .create_coupon_program(
                sys,
                NewCouponProgram {
                    company: acme,
                    name: "Sorry".into(),
                    currency: "EUR".into(),
                    reward: Reward {
                        kind: RewardKind::Discount,
                        discount_percent: Decimal::TEN,
                        ..Reward::default()
                    },
                    ..NewCouponProgram::default()
                },
            )
            .unwrap()
            .id;
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
            .unwrap()
            .id;
        let product = desk
            .create_product(
                sys,
                NewProduct {
                    company: acme,
                    name: "Printer".into(),
                    sale_price: Decimal::ONE_HUNDRED,
                    ..NewProduct::default()
                },
            )
            .unwrap()
            .id;
        let invoices = [c1, c2]
            .map(|customer| {
                let draft = desk
                    .create_invoice(
                        sys,
                        NewInvoice {
                            company: acme,
                            customer,
                            journal,
                            currency: "EUR".into(),
                            date: None,
                            sale_order: None,
                            lines: vec![NewInvoiceLine {
                                product: Some(product),
                                label: None,
                                quantity: Decimal::ONE,
                                unit_price: None,
                                taxes: None,
                            }],
                        },
                    )
                    .unwrap();
                desk.post_invoice(sys, draft.id).unwrap().id
            })
            .to_vec();
        let location = |name: &str, kind| {
            desk.create_location(
                sys,
                NewLocation {
                    company: acme,
                    name: name.into(),
                    kind,
                },
            )
            .unwrap()
            .id
        };
        let stock = location("Stock", LocationKind::Internal);
        let out = location("Customers", LocationKind::Customer);
        let deliveries = [c1, c2]
            .map(|customer| {
                let delivery = desk
                    .create_delivery(
                        sys,
                        NewDelivery {
                            company: acme,
                            customer,
                            sale_order: None,
                            source: stock,
                            destination: out,
                            lines: vec![TransferLine {
                                product,
                                quantity: Decimal::TEN,
                                lot: None,
                                returns_line: None,
                            }],
                        },
                    )
                    .unwrap();
                desk.validate_transfer(sys, delivery.id).unwrap().id
            })
            .to_vec();
        let mut partners = vec![c1, c2, c3];
        partners.extend(users.iter().map(|u| u.partner));
        World {
            desk,
            acme,
            users,
            teams,
            partners,
            customers: vec![c1, c2, c3],
            program,
            product,
            invoices,
            deliveries,
            returns: Vec::new(),
            tickets: Vec::new(),
            coupons: Vec::new(),
            tasks: Vec::new(),
            repairs: Vec::new(),
            credit_notes: Vec::new(),
            ratings: Vec::new(),
        }
    }

    /// The token and customer of the latest rating request of `ticket`.
    fn request_of(&self, ticket: TicketId) -> Option<(String, PartnerId)> {
        self.desk
            .pending_outbox(Actor::System, 10_000)
            .unwrap()
            .into_iter()
            .rfind(|m| m.kind == OutboxKind::RatingRequest && m.ticket == Some(ticket))
            .map(|m| (m.token.unwrap(), m.recipients[0]))
    }

    /// Whether `user` sees `rating` (RAT-1): they read its ticket, and a
    /// portal user only the ratings they gave.
    fn sees_rating(&self, user: &User, rating: &Rating, readable: &BTreeSet<TicketId>) -> bool {
        readable.contains(&rating.ticket)
            && (user.kind == UserKind::Internal || rating.customer == user.partner)
    }

    /// The host or one of the users.
    fn actor(&self, i: usize) -> Actor {
        match i % (self.users.len() + 1) {
            0 => Actor::System,
            n => Actor::User(self.users[n - 1].id),
        }
    }

    fn ticket(&self, i: usize) -> Option<TicketId> {
        (!self.tickets.is_empty()).then(|| self.tickets[i % self.tickets.len()])
    }

    fn pick<T: Copy>(items: &[T], i: usize) -> T {
        items[i % items.len()]
    }

    /// Runs `step`; a refusal must leave the store as it was.
    fn run(&mut self, step: &Step) {
        let before = self.desk.snapshot().unwrap();
        let d = &self.desk;
        let outcome: Result<()> = match *step {
            Step::CreateTicket {
                actor,
                team,
                customer,
            } => d
                .create_ticket(
                    self.actor(actor),
                    NewTicket {
                        team: Some(Self::pick(&self.teams, team)),
                        subject: "Help".into(),
                        customer: customer.map(|c| Self::pick(&self.customers, c)),
                        ..NewTicket::default()
                    },
                )
                .map(|t| self.tickets.push(t.id)),
            Step::SetTeam {
                actor,
                ticket,
                team,
            } => match self.ticket(ticket) {
                Some(t) => d
                    .set_ticket_team(
                        self.actor(actor),
                        t,
                        team.map(|i| Self::pick(&self.teams, i)),
                    )
                    .map(drop),
                None => Ok(()),
            },
            Step::SetCustomer {
                actor,
                ticket,
                customer,
            } => match self.ticket(ticket) {
                Some(t) => d
                    .set_ticket_customer(
                        self.actor(actor),
                        t,
                        customer.map(|c| Self::pick(&self.customers, c)),
                    )
                    .map(drop),
                None => Ok(()),
            },
            Step::FollowTicket {
                actor,
                ticket,
                partner,
            } => match self.ticket(ticket) {
                Some(t) => {
                    d.follow_ticket(self.actor(actor), t, Self::pick(&self.partners, partner))
                }
                None => Ok(()),
            },
            Step::FollowTeam {
                actor,
                team,
                partner,
            } => d.follow_team(
                self.actor(actor),
                Self::pick(&self.teams, team),
                Self::pick(&self.partners, partner),
            ),
            Step::SetVisibility {
                actor,
                team,
                visibility,
            } => d
                .update_team(
                    self.actor(actor),
                    Self::pick(&self.teams, team),
                    TeamUpdate {
                        visibility: Some(visibility),
                        ..TeamUpdate::default()
                    },
                )
                .map(drop),
            Step::GenerateCoupon { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d
                    .generate_coupon(
                        self.actor(actor),
                        t,
                        NewCoupon {
                            program: self.program,
                            ..NewCoupon::default()
                        },
                    )
                    .map(|c| self.coupons.push(c.id)),
                None => Ok(()),
            },
            Step::PlanTask { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d
                    .create_field_service_task(self.actor(actor), t, NewFieldServiceTask::default())
                    .map(|task| self.tasks.push(task.id)),
                None => Ok(()),
            },
            Step::CreateRepair { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d
                    .create_repair(
                        self.actor(actor),
                        t,
                        NewRepair {
                            product: Some(self.product),
                            ..NewRepair::default()
                        },
                    )
                    .map(|repair| self.repairs.push(repair.id)),
                None => Ok(()),
            },
            Step::ReverseInvoice {
                actor,
                ticket,
                invoice,
            } => match self.ticket(ticket) {
                Some(t) => d
                    .reverse_invoice(
                        self.actor(actor),
                        t,
                        Reversal {
                            invoice: Self::pick(&self.invoices, invoice),
                            reason: None,
                            journal: None,
                            reversal_date: None,
                        },
                    )
                    .map(|note| self.credit_notes.push(note.id)),
                None => Ok(()),
            },
            Step::ReturnProducts {
                actor,
                ticket,
                delivery,
            } => match self.ticket(ticket) {
                Some(t) => d
                    .return_products(
                        self.actor(actor),
                        t,
                        ReturnRequest {
                            delivery: Self::pick(&self.deliveries, delivery),
                            lines: Some(vec![ReturnQuantity {
                                line: 0,
                                quantity: Decimal::ONE,
                            }]),
                            location: None,
                        },
                    )
                    .map(|transfer| self.returns.push(transfer.id)),
                None => Ok(()),
            },
            Step::LogTime { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d
                    .log_time(
                        self.actor(actor),
                        t,
                        NewTimeEntry {
                            quantity: Decimal::ONE,
                            ..NewTimeEntry::default()
                        },
                    )
                    .map(drop),
                None => Ok(()),
            },
            Step::CloseTicket { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d.close_ticket(self.actor(actor), t).map(drop),
                None => Ok(()),
            },
            Step::MergeTickets { actor, into, other } => {
                match (self.ticket(into), self.ticket(other)) {
                    (Some(into), Some(other)) if into != other => d
                        .merge_tickets(self.actor(actor), into, vec![other])
                        .map(drop),
                    _ => Ok(()),
                }
            }
            Step::ConvertToOpportunity { actor, ticket } => match self.ticket(ticket) {
                Some(t) => d
                    .convert_to_opportunity(self.actor(actor), t, Conversion::default())
                    .map(drop),
                None => Ok(()),
            },
            Step::Rated {
                team,
                customer,
                rating,
            } => {
                let sys = Actor::System;
                let filed = d.create_ticket(
                    sys,
                    NewTicket {
                        team: Some(Self::pick(&self.teams, team)),
                        subject: "Rate us".into(),
                        customer: Some(Self::pick(&self.customers, customer)),
                        ..NewTicket::default()
                    },
                );
                match filed {
                    Ok(ticket) => {
                        self.tickets.push(ticket.id);
                        let solved = d
                            .list_stages(sys, ticket.team.unwrap())
                            .unwrap()
                            .into_iter()
                            .find(|s| s.name == "Solved")
                            .unwrap();
                        d.move_ticket(sys, ticket.id, solved.id).unwrap();
                        if let Some((token, _)) = self.request_of(ticket.id) {
                            let answer = d
                                .rate_ticket(sys, token, [1, 3, 5][rating % 3], None)
                                .unwrap();
                            self.ratings.push(answer.id);
                        }
                        Ok(())
                    }
                    Err(error) => Err(error),
                }
            }
            Step::Solve { actor, ticket } => {
                let team = self.ticket(ticket).and_then(|t| {
                    d.get_ticket(Actor::System, t)
                        .unwrap()
                        .team
                        .map(|team| (t, team))
                });
                match team {
                    Some((t, team)) => {
                        let solved = d
                            .list_stages(Actor::System, team)
                            .unwrap()
                            .into_iter()
                            .find(|s| s.name == "Solved")
                            .unwrap();
                        d.move_ticket(self.actor(actor), t, solved.id).map(drop)
                    }
                    None => Ok(()),
                }
            }
            Step::Rate {
                actor,
                ticket,
                rating,
            } => match self.ticket(ticket).and_then(|t| self.request_of(t)) {
                Some((token, customer)) => {
                    let value = [1, 3, 5, 4][rating % 4];
                    let actor = self.actor(actor);
                    let asked = match actor {
                        Actor::System => true,
                        Actor::User(id) => {
                            let user = self.users.iter().find(|u| u.id == id).unwrap();
                            user.kind == UserKind::Portal && user.partner == customer
                        }
                    };
                    let result = d.rate_ticket(actor, token, value, None);
                    assert_eq!(result.is_ok(), asked && value != 4, "{step:?}: {result:?}");
                    if let Err(error) = &result {
                        let kind = if value == 4 {
                            ErrorKind::InvalidInput
                        } else {
                            ErrorKind::NotFound
                        };
                        assert_eq!(error.kind(), kind, "{step:?}: {error}");
                    }
                    result.map(|r| {
                        if !self.ratings.contains(&r.id) {
                            self.ratings.push(r.id);
                        }
                    })
                }
                None => Ok(()),
            },
            Step::Publish {
                actor,
                rating,
                published,
            } => match (!self.ratings.is_empty()).then(|| Self::pick(&self.ratings, rating)) {
                Some(id) => {
                    let actor_id = self.actor(actor);
                    let result = d.set_rating_published(actor_id, id, published);
                    match actor_id {
                        Actor::System => assert!(result.is_ok(), "{result:?}"),
                        Actor::User(uid) => {
                            let user = self.users.iter().find(|u| u.id == uid).unwrap();
                            let rating = d
                                .list_ratings(
                                    Actor::System,
                                    RatingQuery {
                                        company: self.acme,
                                        ..RatingQuery::default()
                                    },
                                )
                                .unwrap()
                                .into_iter()
                                .find(|r| r.id == id)
                                .unwrap();
                            let manager = can_configure(user, rating.company);
                            let sees = self.sees_rating(user, &rating, &self.readable(user));
                            match &result {
                                Ok(_) => assert!(manager, "{} published {id}", user.name),
                                Err(error) => {
                                    assert!(!manager, "{error}");
                                    let kind = if sees {
                                        ErrorKind::Forbidden
                                    } else {
                                        ErrorKind::NotFound
                                    };
                                    assert_eq!(error.kind(), kind, "{} publishes {id}", user.name);
                                }
                            }
                        }
                    }
                    result.map(drop)
                }
                None => Ok(()),
            },
        };
        if let Err(error) = outcome {
            assert!(
                !matches!(error, Error::Internal { .. }),
                "{step:?}: {error}"
            );
            assert_eq!(
                self.desk.snapshot().unwrap(),
                before,
                "{step:?} was refused ({error}) but changed the store"
            );
        }
    }

    /// The tickets `user` may read by the VIS rules, on the host's facts.
    fn readable(&self, user: &User) -> BTreeSet<TicketId> {
        let sys = Actor::System;
        let mut out = BTreeSet::new();
        for &id in &self.tickets {
            let ticket = self.desk.get_ticket(sys, id).unwrap();
            let team = ticket.team.map(|t| self.desk.get_team(sys, t).unwrap());
            let facts = TicketFacts {
                company: ticket.company,
                team_visibility: team.as_ref().map(|t| t.visibility),
                follows_team: team.as_ref().is_some_and(|t| {
                    self.desk
                        .team_followers(sys, t.id)
                        .unwrap()
                        .contains(&user.partner)
                }),
                follows_ticket: self
                    .desk
                    .ticket_followers(sys, id)
                    .unwrap()
                    .contains(&user.partner),
            };
            if can_read_ticket(user, &facts) {
                out.insert(id);
            }
        }
        out
    }

    /// Every read agrees with the rules, for every user.
    fn check(&self) {
        let sys = Actor::System;
        let of_acme = RatingQuery {
            company: self.acme,
            ..RatingQuery::default()
        };
        let ratings = self.desk.list_ratings(sys, of_acme).unwrap();
        let ids: BTreeSet<RatingId> = ratings.iter().map(|r| r.id).collect();
        assert_eq!(ids, self.ratings.iter().copied().collect(), "every rating");
        for user in &self.users {
            let actor = Actor::User(user.id);
            let allowed = self.readable(user);
            // RAT-1: ratings follow their tickets; a portal user lists the
            // ratings they gave; another company's user finds no company.
            match self.desk.list_ratings(actor, of_acme) {
                Ok(listed) => {
                    let listed: BTreeSet<RatingId> = listed.iter().map(|r| r.id).collect();
                    let expected: BTreeSet<RatingId> = ratings
                        .iter()
                        .filter(|r| self.sees_rating(user, r, &allowed))
                        .map(|r| r.id)
                        .collect();
                    assert_eq!(listed, expected, "{} lists ratings", user.name);
                }
                Err(error) => {
                    assert!(!user.works_for(self.acme), "{error}");
                    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
                }
            }
            for &id in &self.tickets {
                let got = self.desk.get_ticket(actor, id);
                assert_eq!(
                    got.is_ok(),
                    allowed.contains(&id),
                    "{} reads ticket {id}",
                    user.name
                );
                if let Err(error) = got {
                    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
                }
            }
            // Time entries are timesheets: the ticket's readers among the
            // employees (a portal user who reads the ticket is refused).
            for &id in &self.tickets {
                let got = self.desk.ticket_time_entries(actor, id);
                let employee = user.kind == UserKind::Internal;
                assert_eq!(
                    got.is_ok(),
                    employee && allowed.contains(&id),
                    "{} reads time of {id}",
                    user.name
                );
                if let Ok(entries) = got {
                    assert_eq!(entries, self.desk.ticket_time_entries(sys, id).unwrap());
                } else if !allowed.contains(&id) {
                    assert_eq!(got.unwrap_err().kind(), ErrorKind::NotFound);
                }
            }
            let listed: BTreeSet<TicketId> = self
                .desk
                .list_tickets(
                    actor,
                    TicketQuery {
                        limit: 500,
                        ..TicketQuery::default()
                    },
                )
                .unwrap()
                .tickets
                .iter()
                .map(|t| t.id)
                .collect();
            // Listings show active tickets (merged and converted ones are
            // archived).
            let active: BTreeSet<TicketId> = allowed
                .iter()
                .copied()
                .filter(|id| self.desk.get_ticket(sys, *id).unwrap().active)
                .collect();
            assert_eq!(listed, active, "{} lists", user.name);
            // VIS-10: a document follows its ticket, or its company's managers.
            let reads_document =
                |company, ticket| can_configure(user, company) || allowed.contains(&ticket);
            for &id in &self.coupons {
                let coupon = self.desk.get_coupon(sys, id).unwrap();
                let ticket = coupon.ticket.unwrap();
                let got = self.desk.get_coupon(actor, id);
                assert_eq!(
                    got.is_ok(),
                    reads_document(coupon.company, ticket),
                    "{} reads coupon {id}",
                    user.name
                );
                if let Err(error) = got {
                    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
                }
            }
            for &id in &self.tasks {
                let task = self.desk.get_field_service_task(sys, id).unwrap();
                let got = self.desk.get_field_service_task(actor, id);
                assert_eq!(
                    got.is_ok(),
                    reads_document(task.company, task.ticket),
                    "{} reads task {id}",
                    user.name
                );
                match got {
                    Ok(seen) if user.kind == UserKind::Portal => {
                        let own = self.desk.get_partner(sys, user.partner).unwrap();
                        let theirs = task
                            .customer
                            .map(|c| self.desk.get_partner(sys, c).unwrap().commercial_partner);
                        if theirs.is_some_and(|c| c != own.commercial_partner) {
                            assert_eq!((seen.customer, seen.address), (None, None), "VIS-4");
                        } else {
                            assert_eq!(seen, task);
                        }
                    }
                    Ok(seen) => assert_eq!(seen, task),
                    Err(error) => assert_eq!(error.kind(), ErrorKind::NotFound, "{error}"),
                }
            }
            for &id in &self.repairs {
                let repair = self.desk.get_repair(sys, id).unwrap();
                let got = self.desk.get_repair(actor, id);
                assert_eq!(
                    got.is_ok(),
                    reads_document(repair.company, repair.ticket),
                    "{} reads repair {id}",
                    user.name
                );
                match got {
                    Ok(seen) if user.kind == UserKind::Portal => {
                        assert_eq!(seen.notes, "", "VIS-4: no internal notes");
                        let own = self.desk.get_partner(sys, user.partner).unwrap();
                        let theirs = repair
                            .customer
                            .map(|c| self.desk.get_partner(sys, c).unwrap().commercial_partner);
                        let other = theirs.is_some_and(|c| c != own.commercial_partner);
                        assert_eq!(seen.customer, repair.customer.filter(|_| !other), "VIS-4");
                    }
                    Ok(seen) => assert_eq!(seen, repair),
                    Err(error) => assert_eq!(error.kind(), ErrorKind::NotFound, "{error}"),
                }
            }
            for &id in &self.credit_notes {
                let note = self.desk.get_invoice(sys, id).unwrap();
                let got = self.desk.get_invoice(actor, id);
                assert_eq!(
                    got.is_ok(),
                    reads_document(note.company, note.ticket.unwrap()),
                    "{} reads credit note {id}",
                    user.name
                );
                if let Err(error) = got {
                    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
                }
            }
            for &id in &self.returns {
                let transfer = self.desk.get_transfer(sys, id).unwrap();
                let got = self.desk.get_transfer(actor, id);
                assert_eq!(
                    got.is_ok(),
                    reads_document(transfer.company, transfer.ticket.unwrap()),
                    "{} reads return {id}",
                    user.name
                );
                if let Err(error) = got {
                    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
                }
            }
            for &id in &self.deliveries {
                let delivery = self.desk.get_transfer(sys, id).unwrap();
                let employee = user.kind == UserKind::Internal && user.works_for(delivery.company);
                assert_eq!(
                    self.desk.get_transfer(actor, id).is_ok(),
                    employee,
                    "{} reads delivery {id}",
                    user.name
                );
            }
            // An invoice not made from a ticket: the company's employees.
            for &id in &self.invoices {
                let invoice = self.desk.get_invoice(sys, id).unwrap();
                let employee = user.kind == UserKind::Internal && user.works_for(invoice.company);
                assert_eq!(
                    self.desk.get_invoice(actor, id).is_ok(),
                    employee,
                    "{} reads invoice {id}",
                    user.name
                );
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn vis_every_read_by_every_actor_follows_the_rules_after_every_step(
        steps in prop::collection::vec(step(), 1..=10)
    ) {
        let mut world = World::new();
        for step in &steps {
            world.run(step);
            world.check();
        }
    }
}
