//! Coupons on the SQLite store (issue 8): generating a coupon from a ticket
//! and redeeming one, each its own unit of work on a file.
//!
//! `cargo bench -p helpdesk --bench coupons`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use helpdesk::*;
use rust_decimal::Decimal;

fn coupons(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Helpdesk::open(dir.path().join("bench.sqlite")).unwrap();
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
    let customer = desk
        .create_partner(
            sys,
            NewPartner {
                company: Some(acme),
                name: "Carla".into(),
                ..NewPartner::default()
            },
        )
        .unwrap()
        .id;
    let team = desk
        .create_team(
            sys,
            NewTeam {
                company: acme,
                name: "Care".into(),
                description: String::new(),
                visibility: Visibility::Internal,
                members: Vec::new(),
                settings: TeamSettings {
                    coupons: true,
                    ..TeamSettings::default()
                },
                email_alias: None,
            },
        )
        .unwrap()
        .id;
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
        )
        .unwrap()
        .id;
    // Coupons spread over 200 tickets, as a desk would have them.
    let tickets: Vec<TicketId> = (0..200)
        .map(|i| {
            desk.create_ticket(
                sys,
                NewTicket {
                    team: Some(team),
                    subject: format!("Late {i}"),
                    customer: Some(customer),
                    ..NewTicket::default()
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let mut turn = tickets.iter().cycle();
    let mut generate = |points| {
        let ticket = *turn.next().unwrap();
        desk.generate_coupon(
            sys,
            ticket,
            NewCoupon {
                program,
                points,
                valid_until: None,
            },
        )
        .unwrap()
    };
    let mut group = c.benchmark_group("coupons on a SQLite file");
    group.throughput(Throughput::Elements(1));
    group.bench_function("generate_coupon", |b| b.iter(|| generate(None)));
    // Redeeming takes one point of coupons holding many, so every call succeeds.
    let codes: Vec<String> = (0..1_000).map(|_| generate(Some(1_000_000)).code).collect();
    let mut next = codes.iter().cycle();
    group.bench_function("redeem_coupon", |b| {
        b.iter(|| {
            let code = next.next().unwrap().clone();
            desk.redeem_coupon(
                sys,
                Redemption {
                    company: acme,
                    code,
                    partner: Some(customer),
                    sale_order: None,
                },
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = coupons
}
criterion_main!(benches);
