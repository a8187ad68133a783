//! Customer ratings (RAT-1): requested on entering a stage that asks, with
//! a per-ticket token reused while unanswered; answered through the token
//! (1, 3 or 5, optional feedback; a second answer updates the first; a
//! note on the ticket); hidden or published by managers; a team's
//! satisfaction over 7 days and its public page over 30; listed with the
//! access rules of the tickets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::{at, partner, World};
use helpdesk::conformance::CountingStore;
use helpdesk::store::MemoryStore;
use helpdesk::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Acme's world (common::World) on a manual clock, every team with ratings
/// and public ratings on, each team's "Solved" stage asking for a rating.
struct Desk {
    w: World,
    clock: ManualClock,
}

const START: &str = "2026-03-02T09:00:00Z";

fn sys() -> Actor {
    Actor::System
}

fn as_user(user: &User) -> Actor {
    Actor::User(user.id)
}

impl Desk {
    fn new() -> Self {
        Self::on(MemoryStore::new())
    }

    fn on(store: impl store::Store + 'static) -> Self {
        let clock = ManualClock::new(at(START));
        let w = World::new(Helpdesk::new(store).with_clock(Arc::new(clock.clone())));
        let d = Self { w, clock };
        for team in [&d.w.portal_team, &d.w.private_team, &d.w.internal_team] {
            d.switch(team, true, true);
            d.asks(team, "Solved", true);
        }
        d
    }

    fn switch(&self, team: &Team, ratings: bool, public: bool) {
        self.w
            .desk
            .update_team(
                sys(),
                team.id,
                TeamUpdate {
                    settings: Some(TeamSettingsPatch {
                        ratings: Some(ratings),
                        public_ratings: Some(public),
                        ..TeamSettingsPatch::default()
                    }),
                    ..TeamUpdate::default()
                },
            )
            .unwrap();
    }

    fn stage(&self, team: &Team, name: &str) -> Stage {
        self.w
            .desk
            .list_stages(sys(), team.id)
            .unwrap()
            .into_iter()
            .find(|s| s.name == name)
            .unwrap()
    }

    fn asks(&self, team: &Team, stage: &str, asks: bool) {
        let stage = self.stage(team, stage);
        let updated = self
            .w
            .desk
            .update_stage(
                sys(),
                stage.id,
                StageUpdate {
                    rating_request: Some(asks),
                    ..StageUpdate::default()
                },
            )
            .unwrap();
        assert_eq!(updated.rating_request, asks);
    }

    fn c1(&self) -> PartnerId {
        self.w.p1.partner
    }

    fn c2(&self) -> PartnerId {
        self.w.p2.partner
    }

    fn move_to(&self, ticket: &Ticket, team: &Team, stage: &str) {
        self.w
            .desk
            .move_ticket(
                as_user(&self.w.alice),
                ticket.id,
                self.stage(team, stage).id,
            )
            .unwrap();
    }

    /// A ticket of `team` for `customer`, moved to its Solved stage.
    fn solved(&self, team: &Team, subject: &str, customer: Option<PartnerId>) -> Ticket {
        let ticket = self.w.ticket(team, subject, customer);
        self.move_to(&ticket, team, "Solved");
        ticket
    }

    /// The rating requests in the outbox for `ticket`, oldest first.
    fn requests(&self, ticket: &Ticket) -> Vec<OutboxMessage> {
        self.w
            .desk
            .pending_outbox(sys(), 500)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == OutboxKind::RatingRequest && m.ticket == Some(ticket.id))
            .collect()
    }

    /// The token of the latest rating request for `ticket`.
    fn token(&self, ticket: &Ticket) -> String {
        self.requests(ticket)
            .last()
            .and_then(|m| m.token.clone())
            .expect("a rating request with a token")
    }

    fn rate(&self, token: &str, rating: u32, feedback: Option<&str>) -> Result<Rating> {
        self.w
            .desk
            .rate_ticket(sys(), token.into(), rating, feedback.map(str::to_string))
    }

    fn rated(&self, team: &Team, subject: &str, customer: PartnerId, rating: u32) -> Rating {
        let ticket = self.solved(team, subject, Some(customer));
        self.rate(&self.token(&ticket), rating, None).unwrap()
    }

    fn list(&self, actor: Actor, query: RatingQuery) -> Vec<RatingId> {
        self.w
            .desk
            .list_ratings(actor, query)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }

    fn acme(&self) -> RatingQuery {
        RatingQuery {
            company: self.w.acme,
            ..RatingQuery::default()
        }
    }

    fn satisfaction(&self, team: &Team) -> TeamSatisfaction {
        self.w
            .desk
            .team_satisfaction(as_user(&self.w.manager), team.id)
            .unwrap()
    }

    fn public(&self, team: &Team) -> Vec<PublicRating> {
        self.w.desk.public_ratings(sys(), team.id).unwrap()
    }

    fn snapshot(&self) -> String {
        self.w.desk.snapshot().unwrap()
    }
}

#[test]
fn rat_1_entering_a_stage_that_asks_sends_the_customer_a_request_with_a_token() {
    let d = Desk::new();
    let ticket = d.w.ticket(&d.w.portal_team, "Printer", Some(d.c1()));
    assert!(d.requests(&ticket).is_empty(), "New does not ask");
    d.move_to(&ticket, &d.w.portal_team, "Solved");
    let requests = d.requests(&ticket);
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.recipients, vec![d.c1()]);
    assert_eq!(request.company, d.w.acme);
    assert_eq!(request.template, None);
    let token = request.token.clone().unwrap();
    let (company, secret) = token.split_once('-').unwrap();
    assert_eq!(company, d.w.acme.to_string());
    assert_eq!(secret.len(), 32, "128 random bits in hex");
    assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(
        !request.body.contains(&token),
        "the token travels in its field only"
    );
    // No other message carries a token.
    assert!(d
        .w
        .desk
        .pending_outbox(sys(), 500)
        .unwrap()
        .iter()
        .filter(|m| m.kind != OutboxKind::RatingRequest)
        .all(|m| m.token.is_none()));
    // Another ticket gets another token.
    let other = d.solved(&d.w.portal_team, "Screen", Some(d.c1()));
    assert_ne!(d.token(&other), token);
}

#[test]
fn rat_1_no_request_when_the_team_has_ratings_off_the_ticket_no_customer_or_the_stage_does_not_ask()
{
    let d = Desk::new();
    let anonymous = d.solved(&d.w.portal_team, "Nobody to ask", None);
    assert!(d.requests(&anonymous).is_empty(), "no customer");
    let cancelled = d.w.ticket(&d.w.portal_team, "Cancelled", Some(d.c1()));
    d.move_to(&cancelled, &d.w.portal_team, "Cancelled");
    assert!(d.requests(&cancelled).is_empty(), "the stage does not ask");
    d.switch(&d.w.portal_team, false, true);
    let off = d.solved(&d.w.portal_team, "Ratings off", Some(d.c1()));
    assert!(d.requests(&off).is_empty(), "the team's ratings are off");
    // A ticket without a team never asks, whatever its stage.
    let teamless =
        d.w.desk
            .create_ticket(
                as_user(&d.w.alice),
                NewTicket {
                    company: Some(d.w.acme),
                    subject: "No team".into(),
                    customer: Some(d.c1()),
                    ..NewTicket::default()
                },
            )
            .unwrap();
    assert!(d.requests(&teamless).is_empty());
}

#[test]
fn rat_1_every_way_into_an_asking_stage_sends_the_request() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    // Creation in a first stage that asks.
    d.asks(team, "New", true);
    let created = d.w.ticket(team, "Asked at once", Some(d.c1()));
    assert_eq!(d.requests(&created).len(), 1);
    d.asks(team, "New", false);
    // A customer closing their ticket (CLS-2) into the Solved stage.
    d.w.desk
        .update_team(
            sys(),
            team.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    customer_can_close: Some(true),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let closed = d.w.ticket(team, "Closed by Paula", Some(d.c1()));
    d.w.desk.close_ticket(as_user(&d.w.p1), closed.id).unwrap();
    assert_eq!(d.requests(&closed).len(), 1);
    // Moving a ticket to a team whose first stage asks.
    d.asks(&d.w.internal_team, "New", true);
    let moved = d.w.ticket(team, "Moved to IT", Some(d.c2()));
    d.w.desk
        .set_ticket_team(as_user(&d.w.alice), moved.id, Some(d.w.internal_team.id))
        .unwrap();
    assert_eq!(d.requests(&moved).len(), 1);
}

#[test]
fn rat_1_the_token_is_reused_while_unanswered_and_a_new_one_follows_an_answer() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    let ticket = d.solved(team, "Printer", Some(d.c1()));
    let first = d.token(&ticket);
    d.move_to(&ticket, team, "In Progress");
    d.move_to(&ticket, team, "Solved");
    let requests = d.requests(&ticket);
    assert_eq!(requests.len(), 2, "asked again");
    assert_eq!(
        requests[1].token.as_deref(),
        Some(first.as_str()),
        "same token"
    );
    let rating = d.rate(&first, 5, None).unwrap();
    d.move_to(&ticket, team, "In Progress");
    d.move_to(&ticket, team, "Solved");
    let second = d.token(&ticket);
    assert_ne!(
        second, first,
        "an answered request's token is not sent again"
    );
    let again = d.rate(&second, 3, None).unwrap();
    assert_ne!(again.id, rating.id, "a new request is a new rating");
    // The answered token still updates its own rating.
    assert_eq!(d.rate(&first, 1, None).unwrap().id, rating.id);
}

#[test]
fn rat_1_a_token_answers_only_its_own_request_and_other_companies_tokens_are_unknown() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    let mine = d.solved(team, "Mine", Some(d.c1()));
    let theirs = d.solved(team, "Theirs", Some(d.c2()));
    let rating = d.rate(&d.token(&mine), 5, None).unwrap();
    assert_eq!(rating.ticket, mine.id);
    assert_eq!(rating.customer, d.c1());
    assert!(d
        .w
        .desk
        .list_ratings(sys(), d.acme())
        .unwrap()
        .iter()
        .all(|r| r.ticket != theirs.id));
    // Globex's own rated ticket.
    let globex = d.w.globex;
    let gteam = common::team(&d.w.desk, globex, "Globex care", Visibility::Portal, vec![]);
    d.switch(&gteam, true, true);
    d.asks(&gteam, "Solved", true);
    let gcustomer = partner(&d.w.desk, Some(globex), "Gus");
    let gticket =
        d.w.desk
            .create_ticket(
                sys(),
                NewTicket {
                    team: Some(gteam.id),
                    subject: "Globex".into(),
                    customer: Some(gcustomer.id),
                    ..NewTicket::default()
                },
            )
            .unwrap();
    d.w.desk
        .move_ticket(sys(), gticket.id, d.stage(&gteam, "Solved").id)
        .unwrap();
    let gtoken = d.token(&gticket);
    // Acme's customer with Globex's token: unknown, as a missing one.
    let before = d.snapshot();
    let refused =
        d.w.desk
            .rate_ticket(as_user(&d.w.p1), gtoken.clone(), 5, None)
            .unwrap_err();
    assert_eq!(refused.code(), "not_found");
    // Globex's secret under Acme's company: unknown.
    let (_, secret) = gtoken.split_once('-').unwrap();
    let moved = format!("{}-{secret}", d.w.acme);
    assert_eq!(d.rate(&moved, 5, None).unwrap_err().code(), "not_found");
    // Another customer's token, for a user: unknown too.
    let refused =
        d.w.desk
            .rate_ticket(as_user(&d.w.p1), d.token(&theirs), 5, None)
            .unwrap_err();
    assert_eq!(refused.code(), "not_found");
    assert_eq!(d.snapshot(), before, "nothing written");
    // Each error is the one a missing token gives.
    let missing = d
        .rate(&format!("{}-{}", d.w.acme, "0".repeat(32)), 5, None)
        .unwrap_err();
    assert_eq!(refused.to_string(), missing.to_string());
    assert_eq!(refused.fields(), missing.fields());
    // The host rates Globex's through its token; Paula rates her own.
    assert_eq!(d.rate(&gtoken, 3, None).unwrap().company, globex);
    let own =
        d.w.desk
            .rate_ticket(as_user(&d.w.p1), d.token(&mine), 3, None)
            .unwrap();
    assert_eq!((own.id, own.rating), (rating.id, 3));
}

#[test]
fn rat_1_a_malformed_or_unknown_token_is_not_found_and_writes_nothing() {
    let d = Desk::new();
    let ticket = d.solved(&d.w.portal_team, "Printer", Some(d.c1()));
    let token = d.token(&ticket);
    let before = d.snapshot();
    let upper = token.to_uppercase();
    let short = &token[..token.len() - 1];
    let longer = format!("{token}0");
    let padded = format!("0{token}");
    let spaced = format!(" {token}");
    let mut flipped = token.clone().into_bytes();
    let last = flipped.len() - 1;
    flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).unwrap();
    let huge = "9".repeat(100_000);
    for bad in [
        "",
        "-",
        "not a token",
        upper.as_str(),
        short,
        longer.as_str(),
        padded.as_str(),
        spaced.as_str(),
        flipped.as_str(),
        huge.as_str(),
    ] {
        let error = d.rate(bad, 5, None).unwrap_err();
        assert_eq!(error.code(), "not_found", "{bad:?}");
        assert!(!error.to_string().contains(bad) || bad.is_empty() || bad == "-");
    }
    assert_eq!(d.snapshot(), before);
    assert_eq!(d.rate(&token, 5, None).unwrap().ticket, ticket.id);
}

#[test]
fn rat_1_a_rating_is_1_3_or_5_and_anything_else_is_invalid_input_naming_rating() {
    let d = Desk::new();
    let ticket = d.solved(&d.w.portal_team, "Printer", Some(d.c1()));
    let token = d.token(&ticket);
    let before = d.snapshot();
    for bad in [0, 2, 4, 6, 10, u32::MAX] {
        let error = d.rate(&token, bad, None).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{bad}");
        assert!(error.fields().contains(&("field", "rating".into())));
    }
    // Feedback over the desk's limit for long text is refused too.
    let long = "x".repeat(Limits::default().text as usize + 1);
    let error = d.rate(&token, 5, Some(&long)).unwrap_err();
    assert!(error.fields().contains(&("field", "feedback".into())));
    assert_eq!(d.snapshot(), before);
    for good in [1, 3, 5] {
        assert_eq!(d.rate(&token, good, None).unwrap().rating, good);
    }
}

#[test]
fn rat_1_a_second_answer_updates_the_first() {
    let d = Desk::new();
    let ticket = d.solved(&d.w.portal_team, "Printer", Some(d.c1()));
    let token = d.token(&ticket);
    let first = d.rate(&token, 1, Some("Slow")).unwrap();
    assert_eq!(first.feedback.as_deref(), Some("Slow"));
    assert_eq!(first.rated_at, at(START));
    d.clock.advance(Duration::hours(2)).unwrap();
    let second = d.rate(&token, 5, Some("  Solved after all  ")).unwrap();
    assert_eq!(second.id, first.id);
    assert_eq!(second.rating, 5);
    assert_eq!(second.feedback.as_deref(), Some("Solved after all"));
    assert_eq!(second.rated_at, at(START) + Duration::hours(2));
    assert_eq!(second.requested_at, first.requested_at);
    let third = d.rate(&token, 3, None).unwrap();
    assert_eq!(third.feedback, None, "the answer is replaced whole");
    let listed = d.w.desk.list_ratings(sys(), d.acme()).unwrap();
    assert_eq!(listed, vec![third]);
    assert_eq!(d.satisfaction(&d.w.portal_team).ratings, 1);
}

#[test]
fn rat_1_each_answer_leaves_an_internal_note_on_the_ticket() {
    let d = Desk::new();
    let ticket = d.solved(&d.w.portal_team, "Printer", Some(d.c1()));
    let token = d.token(&ticket);
    d.clock.advance(Duration::hours(1)).unwrap();
    d.rate(&token, 5, Some("Great")).unwrap();
    d.rate(&token, 3, None).unwrap();
    let notes: Vec<Message> =
        d.w.desk
            .list_messages(as_user(&d.w.alice), ticket.id)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == MessageKind::Note)
            .collect();
    let bodies: Vec<&str> = notes.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "The customer rated the service 5 (happy).\nFeedback: Great",
            "The customer changed their rating to 3 (okay)."
        ]
    );
    assert!(notes.iter().all(|n| n.author_partner == Some(d.c1())));
    // The customer never sees internal notes (VIS-4).
    assert!(d
        .w
        .desk
        .list_messages(as_user(&d.w.p1), ticket.id)
        .unwrap()
        .iter()
        .all(|m| m.kind == MessageKind::Reply));
    // An answer is activity on the ticket (CLS-1).
    assert_eq!(
        d.w.desk
            .get_ticket(sys(), ticket.id)
            .unwrap()
            .last_activity_at,
        at(START) + Duration::hours(1)
    );
}

#[test]
fn rat_1_a_hidden_rating_is_left_out_of_the_public_page_and_the_satisfaction() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    let happy = d.rated(team, "Happy", d.c1(), 5);
    let unhappy = d.rated(team, "Unhappy", d.c2(), 1);
    let figures = d.satisfaction(team);
    assert_eq!((figures.ratings, figures.satisfied), (2, 1));
    assert_eq!(figures.satisfaction, Some(Decimal::new(5000, 2)));
    assert_eq!(d.public(team).len(), 2);
    // Only managers hide; an agent who reads it is refused, another
    // company's manager does not find it.
    let refused =
        d.w.desk
            .set_rating_published(as_user(&d.w.alice), unhappy.id, false)
            .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
    let hidden =
        d.w.desk
            .set_rating_published(as_user(&d.w.gina), unhappy.id, false)
            .unwrap_err();
    assert_eq!(hidden.code(), "not_found");
    let missing =
        d.w.desk
            .set_rating_published(as_user(&d.w.gina), RatingId(999), false)
            .unwrap_err();
    assert_eq!(
        hidden.to_string().replace(&unhappy.id.to_string(), "999"),
        missing.to_string(),
        "the same error as a missing rating"
    );
    let unpublished =
        d.w.desk
            .set_rating_published(as_user(&d.w.manager), unhappy.id, false)
            .unwrap();
    assert!(!unpublished.published);
    let figures = d.satisfaction(team);
    assert_eq!((figures.ratings, figures.satisfied), (1, 1));
    assert_eq!(figures.satisfaction, Some(Decimal::new(10000, 2)));
    assert_eq!(
        d.public(team),
        vec![PublicRating {
            rating: 5,
            rated_at: happy.rated_at
        }]
    );
    // Agents still list it, marked hidden.
    let listed =
        d.w.desk
            .list_ratings(as_user(&d.w.alice), d.acme())
            .unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|r| r.id == unhappy.id && !r.published));
    // Published again, it counts again.
    d.w.desk
        .set_rating_published(sys(), unhappy.id, true)
        .unwrap();
    assert_eq!(d.satisfaction(team).ratings, 2);
}

#[test]
fn rat_1_satisfaction_counts_the_last_7_days_and_the_public_page_the_last_30() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    // Answered on Monday 2 March at 09:00.
    d.rated(team, "Early", d.c1(), 5);
    d.clock.set(at("2026-03-05T09:00:00Z"));
    d.rated(team, "Later", d.c1(), 3);
    d.rated(team, "Later still", d.c2(), 5);
    let figures = d.satisfaction(team);
    assert_eq!((figures.ratings, figures.satisfied), (3, 2));
    assert_eq!(
        figures.satisfaction,
        Some(Decimal::new(6667, 2)),
        "2/3 rounded once"
    );
    assert_eq!(figures.satisfaction.unwrap().to_string(), "66.67");
    // Exactly 7 days later the first still counts; a second later it does not.
    d.clock.set(at("2026-03-09T09:00:00Z"));
    assert_eq!(d.satisfaction(team).ratings, 3);
    assert_eq!(d.satisfaction(team).since, at("2026-03-02T09:00:00Z"));
    d.clock.set(at("2026-03-09T09:00:01Z"));
    assert_eq!(d.satisfaction(team).ratings, 2);
    assert_eq!(
        d.satisfaction(team).satisfaction,
        Some(Decimal::new(5000, 2))
    );
    d.clock.set(at("2026-03-12T09:00:01Z"));
    let none = d.satisfaction(team);
    assert_eq!(
        (none.ratings, none.satisfaction),
        (0, None),
        "no ratings: no figure"
    );
    // The public page: 30 days, across the end of March.
    assert_eq!(d.public(team).len(), 3);
    d.clock.set(at("2026-04-01T09:00:00Z"));
    assert_eq!(d.public(team).len(), 3);
    d.clock.set(at("2026-04-01T09:00:01Z"));
    let page = d.public(team);
    assert_eq!(page.len(), 2);
    assert!(page
        .iter()
        .all(|r| r.rated_at == at("2026-03-05T09:00:00Z")));
    d.clock.set(at("2026-04-04T09:00:01Z"));
    assert!(d.public(team).is_empty());
    // Ratings count for the team they were asked for.
    assert_eq!(d.satisfaction(&d.w.internal_team).ratings, 0);
}

#[test]
fn rat_1_the_public_page_shows_ratings_only_when_the_team_has_public_ratings() {
    let d = Desk::new();
    let team = &d.w.portal_team;
    let ticket = d.solved(team, "Printer", Some(d.c1()));
    d.clock.advance(Duration::minutes(5)).unwrap();
    let secret_feedback = "The agent's name is Alice";
    d.rate(&d.token(&ticket), 5, Some(secret_feedback)).unwrap();
    let page = d.public(team);
    assert_eq!(
        page,
        vec![PublicRating {
            rating: 5,
            rated_at: at(START) + Duration::minutes(5)
        }]
    );
    let json = serde_json::to_string(&page).unwrap();
    assert!(!json.contains("Alice") && !json.contains("feedback"));
    // Customers on the portal see it too; another company does not find it.
    assert_eq!(
        d.w.desk.public_ratings(as_user(&d.w.p2), team.id).unwrap(),
        page
    );
    let other =
        d.w.desk
            .public_ratings(as_user(&d.w.gina), team.id)
            .unwrap_err();
    assert_eq!(other.code(), "not_found");
    // Public ratings off, or ratings off: there is no page.
    d.switch(team, true, false);
    let off = d.w.desk.public_ratings(sys(), team.id).unwrap_err();
    assert_eq!(off.code(), "not_found");
    d.switch(team, false, true);
    assert_eq!(
        d.w.desk.public_ratings(sys(), team.id).unwrap_err().code(),
        "not_found"
    );
    // Customers read no satisfaction figures.
    let refused =
        d.w.desk
            .team_satisfaction(as_user(&d.w.p1), team.id)
            .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
}

#[test]
fn rat_1_listing_follows_the_access_rules_of_the_tickets() {
    let d = Desk::new();
    let w = &d.w;
    let portal = d.rated(&w.portal_team, "Portal, Paula's", d.c1(), 5);
    let portal2 = d.rated(&w.portal_team, "Portal, Peter's", d.c2(), 3);
    let private = d.rated(&w.private_team, "Private", d.c1(), 1);
    let internal = d.rated(&w.internal_team, "Internal", d.c2(), 5);
    let all = vec![internal.id, private.id, portal2.id, portal.id];
    assert_eq!(d.list(sys(), d.acme()), all, "newest first");
    assert_eq!(d.list(as_user(&w.manager), d.acme()), all);
    assert_eq!(
        d.list(as_user(&w.alice), d.acme()),
        all,
        "Alice follows the private team"
    );
    let without_private = vec![internal.id, portal2.id, portal.id];
    assert_eq!(d.list(as_user(&w.bob), d.acme()), without_private);
    assert_eq!(d.list(as_user(&w.erin), d.acme()), without_private);
    // Bob follows the private ticket: he reads it, and its rating.
    w.desk
        .follow_ticket(as_user(&w.alice), private.ticket, w.bob.partner)
        .unwrap();
    assert_eq!(d.list(as_user(&w.bob), d.acme()), all);
    // Portal users: only the ratings they gave, of tickets they read.
    assert_eq!(d.list(as_user(&w.p1), d.acme()), vec![portal.id]);
    w.desk
        .follow_ticket(as_user(&w.alice), portal2.ticket, w.p1.partner)
        .unwrap();
    assert_eq!(
        d.list(as_user(&w.p1), d.acme()),
        vec![portal.id],
        "reading Peter's ticket does not show Peter's rating"
    );
    assert_eq!(d.list(as_user(&w.p2), d.acme()), vec![portal2.id]);
    // Another company's manager: not found, as a missing company.
    let other = w.desk.list_ratings(as_user(&w.gina), d.acme()).unwrap_err();
    assert_eq!(other.code(), "not_found");
    // By team: a team the actor cannot see is not found.
    let by_team = |team: &Team| RatingQuery {
        team: Some(team.id),
        ..d.acme()
    };
    assert_eq!(
        d.list(as_user(&w.alice), by_team(&w.portal_team)),
        vec![portal2.id, portal.id]
    );
    let hidden = w
        .desk
        .list_ratings(as_user(&w.erin), by_team(&w.private_team))
        .unwrap_err();
    assert_eq!(hidden.code(), "not_found");
    let globex_team = common::team(&w.desk, w.globex, "Globex", Visibility::Portal, vec![]);
    let foreign = w
        .desk
        .list_ratings(sys(), by_team(&globex_team))
        .unwrap_err();
    assert_eq!(foreign.code(), "not_found", "a team of another company");
}

#[test]
fn rat_1_listing_by_agent_and_by_period() {
    let d = Desk::new();
    let w = &d.w;
    let team = &w.portal_team;
    let mine =
        d.w.desk
            .create_ticket(
                as_user(&w.alice),
                NewTicket {
                    team: Some(team.id),
                    subject: "Bob's".into(),
                    customer: Some(d.c1()),
                    assignee: Some(w.bob.id),
                    ..NewTicket::default()
                },
            )
            .unwrap();
    d.move_to(&mine, team, "Solved");
    let bobs = d.rate(&d.token(&mine), 5, None).unwrap();
    assert_eq!(bobs.assignee, Some(w.bob.id));
    d.clock.set(at("2026-03-10T12:00:00Z"));
    let later = d.rated(team, "Unassigned", d.c2(), 1);
    assert_eq!(later.assignee, None);
    let by_agent = RatingQuery {
        assignee: Some(w.bob.id),
        ..d.acme()
    };
    assert_eq!(d.list(as_user(&w.manager), by_agent), vec![bobs.id]);
    let in_period = |from: &str, to: &str| RatingQuery {
        from: Some(at(from)),
        to: Some(at(to)),
        ..d.acme()
    };
    assert_eq!(
        d.list(sys(), in_period(START, "2026-03-10T12:00:00Z")),
        vec![bobs.id],
        "`to` is exclusive"
    );
    assert_eq!(
        d.list(
            sys(),
            in_period("2026-03-10T12:00:00Z", "2026-03-11T00:00:00Z")
        ),
        vec![later.id],
        "`from` is inclusive"
    );
    assert!(d
        .list(
            sys(),
            in_period("2026-03-11T00:00:00Z", "2026-04-01T00:00:00Z")
        )
        .is_empty());
    // Requests not answered yet are not ratings.
    d.solved(team, "Unanswered", Some(d.c1()));
    assert_eq!(d.list(sys(), d.acme()).len(), 2);
}

#[test]
fn rat_1_satisfaction_reads_only_the_months_of_its_window() {
    let reads_with = |old: usize| {
        let store = Arc::new(CountingStore::new(MemoryStore::new()));
        let d = Desk::on(store.clone());
        for n in 0..old {
            d.rated(&d.w.portal_team, &format!("Old {n}"), d.c1(), 5);
        }
        d.clock.set(at("2026-05-20T09:00:00Z"));
        d.rated(&d.w.portal_team, "Recent", d.c2(), 1);
        store.take();
        let figures = d.satisfaction(&d.w.portal_team);
        assert_eq!(figures.ratings, 1);
        let satisfaction = store.take();
        let page = d.public(&d.w.portal_team);
        assert_eq!(page.len(), 1);
        (satisfaction, store.take())
    };
    assert_eq!(
        reads_with(2),
        reads_with(40),
        "a team's older ratings are not read for its 7-day and 30-day figures"
    );
}

#[test]
fn rat_1_an_answer_finds_its_request_by_key_whatever_else_the_company_holds() {
    let reads_with = |others: usize| {
        let store = Arc::new(CountingStore::new(MemoryStore::new()));
        let d = Desk::on(store.clone());
        for n in 0..others {
            let customer = if n % 2 == 0 { d.c1() } else { d.c2() };
            let ticket = d.solved(&d.w.portal_team, &format!("Other {n}"), Some(customer));
            if n % 3 == 0 {
                d.rate(&d.token(&ticket), 5, None).unwrap();
            }
        }
        let ticket = d.solved(&d.w.portal_team, "Mine", Some(d.c1()));
        let token = d.token(&ticket);
        store.take();
        d.rate(&token, 3, Some("Fine")).unwrap();
        store.take()
    };
    assert_eq!(
        reads_with(2),
        reads_with(40),
        "an answer reads as much beside 2 or 40 other requests and ratings"
    );
}
