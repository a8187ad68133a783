//! VIS-11: an id of another company behaves exactly like an id that does
//! not exist, and no error message names or describes a record the actor
//! may not read. (VIS-10 and VIS-12 are replayed in every language by the
//! golden case `tests/golden/isolation.json`.)

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
                    hours: 1,
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
