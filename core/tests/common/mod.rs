//! A small world shared by the integration tests.

#![allow(dead_code)]

use chrono::{DateTime, Utc};
use helpdesk::*;
use std::sync::Arc;

/// An instant written as RFC 3339 (`"2026-03-02T10:00:00Z"`).
pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Ids of a company with three teams (one per visibility), agents, an
/// employee without helpdesk role, two portal customers and another company.
pub struct World {
    pub desk: Helpdesk,
    pub acme: CompanyId,
    pub globex: CompanyId,
    pub manager: User,
    pub alice: User,
    pub bob: User,
    pub erin: User,
    pub gina: User,
    pub p1: User,
    pub p2: User,
    pub portal_team: Team,
    pub private_team: Team,
    pub internal_team: Team,
}

pub fn user(
    desk: &Helpdesk,
    name: &str,
    kind: UserKind,
    role: HelpdeskRole,
    company: CompanyId,
    partner: Option<PartnerId>,
) -> User {
    desk.create_user(
        Actor::System,
        NewUser {
            name: name.into(),
            email: None,
            kind,
            role,
            companies: vec![company],
            partner,
        },
    )
    .unwrap()
}

pub fn team(
    desk: &Helpdesk,
    company: CompanyId,
    name: &str,
    visibility: Visibility,
    members: Vec<UserId>,
) -> Team {
    desk.create_team(
        Actor::System,
        NewTeam {
            company,
            name: name.into(),
            description: String::new(),
            visibility,
            members,
            ..NewTeam::default()
        },
    )
    .unwrap()
}

pub fn partner(desk: &Helpdesk, company: Option<CompanyId>, name: &str) -> Partner {
    desk.create_partner(
        Actor::System,
        NewPartner {
            company,
            name: name.into(),
            ..NewPartner::default()
        },
    )
    .unwrap()
}

impl World {
    /// The world on `desk` with a manual clock standing at `now`, returned
    /// for the test to move.
    pub fn on_clock(desk: Helpdesk, now: &str) -> (Self, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(at(now)));
        (Self::new(desk.with_clock(clock.clone())), clock)
    }

    pub fn new(desk: Helpdesk) -> Self {
        let acme = desk
            .create_company(
                Actor::System,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap()
            .id;
        let globex = desk
            .create_company(
                Actor::System,
                NewCompany {
                    name: "Globex".into(),
                },
            )
            .unwrap()
            .id;
        let c1 = partner(&desk, Some(acme), "Customer One").id;
        let c2 = partner(&desk, Some(acme), "Customer Two").id;
        let manager = user(
            &desk,
            "Mia",
            UserKind::Internal,
            HelpdeskRole::Manager,
            acme,
            None,
        );
        let alice = user(
            &desk,
            "Alice",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let bob = user(
            &desk,
            "Bob",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let erin = user(
            &desk,
            "Erin",
            UserKind::Internal,
            HelpdeskRole::None,
            acme,
            None,
        );
        let gina = user(
            &desk,
            "Gina",
            UserKind::Internal,
            HelpdeskRole::Manager,
            globex,
            None,
        );
        let p1 = user(
            &desk,
            "Paula",
            UserKind::Portal,
            HelpdeskRole::None,
            acme,
            Some(c1),
        );
        let p2 = user(
            &desk,
            "Peter",
            UserKind::Portal,
            HelpdeskRole::None,
            acme,
            Some(c2),
        );
        let portal_team = team(&desk, acme, "Support", Visibility::Portal, vec![alice.id]);
        let private_team = team(
            &desk,
            acme,
            "Payroll",
            Visibility::InvitedInternal,
            vec![alice.id],
        );
        let internal_team = team(&desk, acme, "IT", Visibility::Internal, vec![]);
        World {
            desk,
            acme,
            globex,
            manager,
            alice,
            bob,
            erin,
            gina,
            p1,
            p2,
            portal_team,
            private_team,
            internal_team,
        }
    }

    /// A ticket created by Alice in `team` for `customer`.
    pub fn ticket(&self, team: &Team, subject: &str, customer: Option<PartnerId>) -> Ticket {
        self.desk
            .create_ticket(
                Actor::User(self.alice.id),
                NewTicket {
                    team: Some(team.id),
                    subject: subject.into(),
                    customer,
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    /// The references `user` lists, newest first.
    pub fn listed(&self, user: &User) -> Vec<String> {
        self.desk
            .list_tickets(Actor::User(user.id), TicketQuery::default())
            .unwrap()
            .tickets
            .into_iter()
            .map(|t| t.reference)
            .collect()
    }

    pub fn sees(&self, user: &User, ticket: &Ticket) -> bool {
        match self.desk.get_ticket(Actor::User(user.id), ticket.id) {
            Ok(_) => true,
            Err(Error::NotFound { .. }) => false,
            Err(other) => panic!("unexpected {other}"),
        }
    }
}

/// The location of a fresh, empty desk on the PostgreSQL server that
/// `HELPDESK_TEST_POSTGRES_URL` names (`make test` starts one): a schema of
/// its own, so tests never see each other's data. `None` without a server,
/// unless `HELPDESK_REQUIRE_POSTGRES` is set (`make test` sets it), which
/// makes a missing server a failure rather than a skipped test.
pub fn postgres_location() -> Option<String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let url = std::env::var("HELPDESK_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let Some(url) = url else {
        assert!(
            std::env::var_os("HELPDESK_REQUIRE_POSTGRES").is_none(),
            "HELPDESK_REQUIRE_POSTGRES is set but HELPDESK_TEST_POSTGRES_URL is not: run the tests through scripts/with-postgres"
        );
        eprintln!("no HELPDESK_TEST_POSTGRES_URL: the PostgreSQL part of this test is skipped");
        return None;
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let schema = format!(
        "t{}_{}_{}",
        std::process::id(),
        nanos,
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{separator}schema={schema}"))
}
