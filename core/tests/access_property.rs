//! Access over random worlds: for every user, `get_ticket` and
//! `list_tickets` return exactly the tickets the pure VIS decision allows —
//! no leak, no omission — and `list_ratings` exactly the ratings of those
//! tickets (RAT-1; a portal user: those they gave), company by company, on
//! the SQLite store (each world on a fresh desk)
//! and on PostgreSQL (every world on one desk, beside the worlds before
//! it: a user must see their world's tickets only).
//!
//! 10,000 worlds on SQLite and 300 on PostgreSQL by default; set
//! `PROPTEST_CASES` for more (PostgreSQL takes a thirtieth of it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use helpdesk::access::{can_read_ticket, TicketFacts};
use helpdesk::store::SqliteStore;
use helpdesk::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
struct WorldSpec {
    companies: usize,
    teams: Vec<(usize, Visibility)>,
    users: Vec<(usize, Option<HelpdeskRole>, bool)>, // company, role (None = portal), second company
    team_follows: Vec<(usize, usize)>,               // user, team
    tickets: Vec<(usize, Option<usize>, Option<usize>)>, // company, team, customer (user index)
    ticket_follows: Vec<(usize, usize)>,             // user, ticket
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::InvitedInternal),
        Just(Visibility::Internal),
        Just(Visibility::Portal)
    ]
}

fn role() -> impl Strategy<Value = Option<HelpdeskRole>> {
    prop_oneof![
        Just(None),
        Just(Some(HelpdeskRole::None)),
        Just(Some(HelpdeskRole::Agent)),
        Just(Some(HelpdeskRole::Manager))
    ]
}

fn world() -> impl Strategy<Value = WorldSpec> {
    (
        1usize..=2,
        prop::collection::vec((0usize..2, visibility()), 1..=4),
        prop::collection::vec((0usize..2, role(), any::<bool>()), 1..=5),
    )
        .prop_flat_map(|(companies, teams, users)| {
            let (t, u) = (teams.len(), users.len());
            (
                Just(companies),
                Just(teams),
                Just(users),
                prop::collection::vec((0..u, 0..t), 0..=4),
                prop::collection::vec(
                    (
                        0usize..2,
                        prop::option::weighted(0.85, 0..t),
                        prop::option::of(0..u),
                    ),
                    1..=8,
                ),
            )
        })
        .prop_flat_map(|(companies, teams, users, team_follows, tickets)| {
            let (u, n) = (users.len(), tickets.len());
            (
                Just(companies),
                Just(teams),
                Just(users),
                Just(team_follows),
                Just(tickets),
                prop::collection::vec((0..u, 0..n), 0..=6),
            )
        })
        .prop_map(
            |(companies, teams, users, team_follows, tickets, ticket_follows)| WorldSpec {
                teams: teams.into_iter().map(|(c, v)| (c % companies, v)).collect(),
                users: users
                    .into_iter()
                    .map(|(c, r, s)| (c % companies, r, s && companies > 1))
                    .collect(),
                tickets: tickets
                    .into_iter()
                    .map(|(c, t, cu)| (c % companies, t, cu))
                    .collect(),
                companies,
                team_follows,
                ticket_follows,
            },
        )
}

fn check_world(desk: &Helpdesk, spec: &WorldSpec) -> Result<(), TestCaseError> {
    let sys = Actor::System;
    let companies: Vec<CompanyId> = (0..spec.companies)
        .map(|i| {
            desk.create_company(
                sys,
                NewCompany {
                    name: format!("C{i}"),
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let teams: Vec<Team> = spec
        .teams
        .iter()
        .enumerate()
        .map(|(i, (c, visibility))| {
            desk.create_team(
                sys,
                NewTeam {
                    company: companies[*c],
                    name: format!("T{i}"),
                    description: String::new(),
                    visibility: *visibility,
                    members: vec![],
                    settings: TeamSettings {
                        ratings: true,
                        ..TeamSettings::default()
                    },
                    email_alias: None,
                },
            )
            .unwrap()
        })
        .collect();
    // RAT-1: every team's first stage asks, so a ticket with a customer is
    // asked for a rating as it is created.
    for team in &teams {
        let first = desk.list_stages(sys, team.id).unwrap()[0].id;
        desk.update_stage(
            sys,
            first,
            StageUpdate {
                rating_request: Some(true),
                ..StageUpdate::default()
            },
        )
        .unwrap();
    }
    let users: Vec<User> = spec
        .users
        .iter()
        .enumerate()
        .map(|(i, (c, role, second))| {
            let mut list = vec![companies[*c]];
            if *second {
                list.push(companies[1 - *c]);
            }
            let (kind, role, partner) = match role {
                None => {
                    let p = desk
                        .create_partner(
                            sys,
                            NewPartner {
                                name: format!("P{i}"),
                                ..NewPartner::default()
                            },
                        )
                        .unwrap();
                    (UserKind::Portal, HelpdeskRole::None, Some(p.id))
                }
                Some(role) => (UserKind::Internal, *role, None),
            };
            desk.create_user(
                sys,
                NewUser {
                    name: format!("U{i}"),
                    email: None,
                    kind,
                    role,
                    companies: list,
                    partner,
                },
            )
            .unwrap()
        })
        .collect();
    for (u, t) in &spec.team_follows {
        // Refused when a portal user would follow a non-portal team (VIS-6).
        let _ = desk.follow_team(sys, teams[*t].id, users[*u].partner);
    }
    let tickets: Vec<Ticket> = spec
        .tickets
        .iter()
        .enumerate()
        .map(|(i, (c, team, customer))| {
            let team = team.map(|t| &teams[t]);
            // A ticket without a team takes the first stage of its company: pick
            // a company with teams (every world has one).
            let company = team.map_or(teams[0].company, |t| t.company);
            let _ = c;
            let customer = customer.map(|u| users[u].partner);
            desk.create_ticket(
                sys,
                NewTicket {
                    team: team.map(|t| t.id),
                    company: Some(company),
                    subject: format!("S{i}"),
                    customer,
                    ..NewTicket::default()
                },
            )
            .unwrap()
        })
        .collect();
    for (u, t) in &spec.ticket_follows {
        let _ = desk.follow_ticket(sys, tickets[*t].id, users[*u].partner);
    }
    // The host answers every request of the world's tickets, and drains
    // the outbox (on PostgreSQL, worlds share it).
    let requests = desk.pending_outbox(sys, 10_000).unwrap();
    let mut ratings: Vec<Rating> = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        if request.kind == OutboxKind::RatingRequest
            && tickets.iter().any(|t| Some(t.id) == request.ticket)
        {
            let token = request.token.clone().unwrap();
            ratings.push(
                desk.rate_ticket(sys, token, [1, 3, 5][i % 3], None)
                    .unwrap(),
            );
        }
    }
    desk.acknowledge_outbox(sys, requests.iter().map(|m| m.id).collect())
        .unwrap();
    let team_followers: Vec<Vec<PartnerId>> = teams
        .iter()
        .map(|t| desk.team_followers(sys, t.id).unwrap())
        .collect();
    let ticket_followers: Vec<Vec<PartnerId>> = tickets
        .iter()
        .map(|t| desk.ticket_followers(sys, t.id).unwrap())
        .collect();
    for user in &users {
        let mut expected = BTreeSet::new();
        for (ticket, followers) in tickets.iter().zip(&ticket_followers) {
            let team = ticket
                .team
                .and_then(|t| teams.iter().position(|x| x.id == t));
            let facts = TicketFacts {
                company: ticket.company,
                team_visibility: team.map(|t| teams[t].visibility),
                follows_team: team.is_some_and(|t| team_followers[t].contains(&user.partner)),
                follows_ticket: followers.contains(&user.partner),
            };
            let allowed = can_read_ticket(user, &facts);
            let got = desk.get_ticket(Actor::User(user.id), ticket.id);
            prop_assert_eq!(
                got.is_ok(),
                allowed,
                "get_ticket of {} by {:?}",
                ticket.reference,
                user
            );
            if let Err(e) = got {
                prop_assert_eq!(e.code(), "not_found");
            }
            if allowed {
                expected.insert(ticket.id);
            }
        }
        let listed: BTreeSet<TicketId> = desk
            .list_tickets(
                Actor::User(user.id),
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
        prop_assert_eq!(&listed, &expected, "list_tickets of {:?}", user);
        let counted = desk
            .count_tickets(Actor::User(user.id), TicketFilter::default())
            .unwrap();
        prop_assert_eq!(counted, expected.len() as u64);
        for &company in &companies {
            let got = desk.list_ratings(
                Actor::User(user.id),
                RatingQuery {
                    company,
                    ..RatingQuery::default()
                },
            );
            if !user.works_for(company) {
                prop_assert_eq!(got.unwrap_err().code(), "not_found");
                continue;
            }
            let listed: BTreeSet<RatingId> = got.unwrap().iter().map(|r| r.id).collect();
            let wanted: BTreeSet<RatingId> = ratings
                .iter()
                .filter(|r| r.company == company && expected.contains(&r.ticket))
                .filter(|r| user.kind == UserKind::Internal || r.customer == user.partner)
                .map(|r| r.id)
                .collect();
            prop_assert_eq!(
                &listed,
                &wanted,
                "list_ratings of {:?} in {}",
                user,
                company
            );
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn vis_listing_and_reading_agree_with_the_pure_rule(spec in world()) {
        check_world(&Helpdesk::new(SqliteStore::in_memory().unwrap()), &spec)?;
    }
}

/// One desk on a fresh PostgreSQL schema for every world of the run.
#[cfg(feature = "postgres")]
fn postgres_desk() -> Option<&'static Helpdesk> {
    static DESK: std::sync::OnceLock<Option<Helpdesk>> = std::sync::OnceLock::new();
    DESK.get_or_init(|| common::postgres_location().map(|l| Helpdesk::open(l).unwrap()))
        .as_ref()
}

#[cfg(feature = "postgres")]
proptest! {
    #![proptest_config(ProptestConfig { cases: cases() / 30, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn vis_listing_and_reading_agree_with_the_pure_rule_on_postgres(spec in world()) {
        if let Some(desk) = postgres_desk() {
            check_world(desk, &spec)?;
        }
    }
}
