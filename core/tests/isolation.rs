//! VIS-10, VIS-11, VIS-12: documents made from a ticket are read through
//! the ticket; an id of another company behaves exactly like an id that
//! does not exist, and no error message names or describes a record the
//! actor may not read; a private team's SLA data follows the team and an
//! employee's contact their companies. The golden case
//! `tests/golden/isolation.json` replays the same rules in every language.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{partner, World};
use helpdesk::*;

fn world() -> World {
    World::new(Helpdesk::new(store::SqliteStore::in_memory().unwrap()))
}

/// The error for another company's record: the same kind and text as for
/// an id that does not exist, nothing of the record in it, nothing written.
fn as_if_missing<T: std::fmt::Debug>(
    w: &World,
    entity: &'static str,
    id: i64,
    attempt: impl FnOnce(&Helpdesk) -> Result<T>,
) {
    let before = w.desk.snapshot().unwrap();
    let error = attempt(&w.desk).unwrap_err();
    assert_eq!(
        error.to_string(),
        Error::not_found(entity, id).to_string(),
        "{error}"
    );
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert!(!error.to_string().contains("Globex"), "{error}");
    assert_eq!(w.desk.snapshot().unwrap(), before);
}

#[test]
fn vis_11_another_companys_customer_tag_or_product_is_as_unknown_as_a_missing_one() {
    let w = world();
    let secret = partner(&w.desk, Some(w.globex), "Globex secret customer");
    let tag = w
        .desk
        .create_tag(Actor::System, w.globex, "Globex VIP".into())
        .unwrap();
    let product = w
        .desk
        .create_product(
            Actor::System,
            NewProduct {
                company: w.globex,
                name: "Globex printer".into(),
                ..NewProduct::default()
            },
        )
        .unwrap();
    let alice = Actor::User(w.alice.id);
    let ticket = |input: NewTicket| NewTicket {
        team: Some(w.portal_team.id),
        subject: "x".into(),
        ..input
    };
    as_if_missing(&w, "partner", secret.id.0, |d| {
        d.create_ticket(
            alice,
            ticket(NewTicket {
                customer: Some(secret.id),
                ..NewTicket::default()
            }),
        )
    });
    as_if_missing(&w, "tag", tag.id.0, |d| {
        d.create_ticket(
            alice,
            ticket(NewTicket {
                tags: vec![tag.id],
                ..NewTicket::default()
            }),
        )
    });
    // Item 10 of the hardening issue: the product was not checked at all.
    as_if_missing(&w, "product", product.id.0, |d| {
        d.create_ticket(
            alice,
            ticket(NewTicket {
                product: Some(product.id),
                ..NewTicket::default()
            }),
        )
    });
    as_if_missing(&w, "product", 404, |d| {
        d.create_ticket(
            alice,
            ticket(NewTicket {
                product: Some(ProductId(404)),
                ..NewTicket::default()
            }),
        )
    });
}

#[test]
fn vis_11_another_companys_team_or_company_is_not_forbidden_but_unknown() {
    let w = world();
    let globex_team = common::team(
        &w.desk,
        w.globex,
        "Globex care",
        Visibility::Internal,
        vec![],
    );
    let manager = Actor::User(w.manager.id);
    let stage = w.desk.list_stages(manager, w.portal_team.id).unwrap()[0].id;
    as_if_missing(&w, "team", globex_team.id.0, |d| {
        d.create_sla_policy(
            manager,
            NewSlaPolicy {
                team: globex_team.id,
                name: "x".into(),
                target_stage: stage,
                within: Within {
                    hours: 1.into(),
                    ..Within::default()
                },
                ..NewSlaPolicy::default()
            },
        )
    });
    as_if_missing(&w, "team", globex_team.id.0, |d| {
        d.sla_report(
            manager,
            SlaReportQuery {
                company: w.acme,
                team: Some(globex_team.id),
                ..SlaReportQuery::default()
            },
        )
    });
    as_if_missing(&w, "company", w.globex.0, |d| {
        d.create_tag(manager, w.globex, "x".into())
    });
    // Inside the company, a user without the right is refused as such.
    let error = w
        .desk
        .create_tag(Actor::User(w.erin.id), w.acme, "x".into())
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Forbidden);
}

/// A coupon of `team`'s ticket, made by Alice (a member of every team).
fn coupon_of(w: &World, team: &Team) -> (Ticket, Coupon) {
    let customer = partner(&w.desk, Some(w.acme), "Customer");
    w.desk
        .update_team(
            Actor::System,
            team.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    coupons: Some(true),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let program = w
        .desk
        .create_coupon_program(
            Actor::System,
            NewCouponProgram {
                company: w.acme,
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
        .unwrap();
    let ticket = w.ticket(team, "VIP", Some(customer.id));
    let coupon = w
        .desk
        .generate_coupon(
            Actor::User(w.alice.id),
            ticket.id,
            NewCoupon {
                program: program.id,
                ..NewCoupon::default()
            },
        )
        .unwrap();
    (ticket, coupon)
}

#[test]
fn vis_10_a_document_of_a_private_ticket_is_read_through_the_ticket() {
    let w = world();
    let (ticket, coupon) = coupon_of(&w, &w.private_team);
    let reads = |user: &User| w.desk.get_coupon(Actor::User(user.id), coupon.id);
    // Bob (an agent of no private team) and Erin (no role) do not see the
    // ticket, so not its coupon either: the same not_found as a missing one.
    for outsider in [&w.bob, &w.erin, &w.gina] {
        assert!(w
            .desk
            .get_ticket(Actor::User(outsider.id), ticket.id)
            .is_err());
        let error = reads(outsider).unwrap_err();
        assert_eq!(
            error.to_string(),
            Error::not_found("coupon", coupon.id.0).to_string()
        );
    }
    // Who reads the ticket reads the coupon; managers of the company too.
    assert_eq!(reads(&w.alice).unwrap().code, coupon.code);
    assert_eq!(reads(&w.manager).unwrap().code, coupon.code);
}

#[test]
fn vis_12_a_private_teams_sla_policies_follow_the_team_and_employees_contacts_their_companies() {
    let w = world();
    let manager = Actor::User(w.manager.id);
    let stage = w.desk.list_stages(manager, w.private_team.id).unwrap()[2].id;
    let policy = w
        .desk
        .create_sla_policy(
            manager,
            NewSlaPolicy {
                team: w.private_team.id,
                name: "Resolution".into(),
                target_stage: stage,
                within: Within {
                    hours: 4.into(),
                    ..Within::default()
                },
                ..NewSlaPolicy::default()
            },
        )
        .unwrap();
    let reads = |user: &User| w.desk.get_sla_policy(Actor::User(user.id), policy.id);
    assert!(reads(&w.alice).is_ok(), "a member of the team");
    for outsider in [&w.bob, &w.erin, &w.p1, &w.gina] {
        assert_eq!(reads(outsider).unwrap_err().kind(), ErrorKind::NotFound);
    }
    let report = w.desk.sla_report(
        Actor::User(w.bob.id),
        SlaReportQuery {
            company: w.acme,
            team: Some(w.private_team.id),
            ..SlaReportQuery::default()
        },
    );
    assert_eq!(report.unwrap_err().kind(), ErrorKind::NotFound);
    // An employee's own contact is their companies', not everyone's.
    let contact = w.alice.partner;
    assert!(w.desk.get_partner(Actor::User(w.bob.id), contact).is_ok());
    assert_eq!(
        w.desk
            .get_partner(Actor::User(w.gina.id), contact)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
}
