//! Coupons (RULES.md, CPN), one test per rule.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{partner, team, user};
use helpdesk::*;
use rust_decimal::Decimal;
use std::sync::Arc;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

struct Shop {
    desk: Helpdesk,
    clock: ManualClock,
    acme: CompanyId,
    agent: User,
    team: Team,
    customer: Partner,
    printer: Product,
    toner: Product,
}

fn shop_on(desk: Helpdesk) -> Shop {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let desk = desk
        .with_clock(Arc::new(clock.clone()))
        .with_random(Arc::new(SeededRandom::new(42)));
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
    let agent = user(
        &desk,
        "Agent",
        UserKind::Internal,
        HelpdeskRole::Agent,
        acme,
        None,
    );
    let care = team(&desk, acme, "Care", Visibility::Portal, vec![agent.id]);
    let team = desk
        .update_team(
            sys,
            care.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    coupons: Some(true),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let customer = partner(&desk, Some(acme), "Carla");
    let product = |name: &str, price: &str| {
        desk.create_product(
            sys,
            NewProduct {
                company: acme,
                name: name.into(),
                tracking: Tracking::None,
                sale_price: dec(price),
                taxes: Vec::new(),
                unit: None,
                service_policy: None,
            },
        )
        .unwrap()
    };
    let printer = product("Printer", "200");
    let toner = product("Toner", "30");
    Shop {
        desk,
        clock,
        acme,
        agent,
        team,
        customer,
        printer,
        toner,
    }
}

impl Shop {
    fn agent(&self) -> Actor {
        Actor::User(self.agent.id)
    }

    fn ticket(&self) -> Ticket {
        self.desk
            .create_ticket(
                Actor::System,
                NewTicket {
                    team: Some(self.team.id),
                    subject: "Late delivery".into(),
                    customer: Some(self.customer.id),
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn program(&self, reward: Reward) -> CouponProgram {
        self.desk
            .create_coupon_program(
                Actor::System,
                NewCouponProgram {
                    company: self.acme,
                    name: "Sorry".into(),
                    currency: "EUR".into(),
                    reward,
                    conditions: RewardConditions::default(),
                    valid_from: None,
                    valid_until: None,
                    usage_limit: None,
                    points_per_use: None,
                },
            )
            .unwrap()
    }

    fn ten_percent(&self) -> CouponProgram {
        self.program(percent("10"))
    }

    fn coupon(&self, program: &CouponProgram) -> Coupon {
        let ticket = self.ticket();
        self.desk
            .generate_coupon(
                self.agent(),
                ticket.id,
                NewCoupon {
                    program: program.id,
                    points: None,
                    valid_until: None,
                },
            )
            .unwrap()
    }

    fn redeem(&self, code: &str) -> Result<Redeemed> {
        self.desk.redeem_coupon(
            Actor::System,
            Redemption {
                company: self.acme,
                code: code.into(),
                partner: Some(self.customer.id),
                sale_order: None,
            },
        )
    }
}

fn percent(value: &str) -> Reward {
    Reward {
        kind: RewardKind::Discount,
        discount_percent: dec(value),
        fixed_amount: Decimal::ZERO,
        free_product: None,
        scope: RewardScope::Order,
        products: Vec::new(),
        max_discount: None,
    }
}

#[test]
fn cpn_1_programs_are_checked_and_coupons_need_the_team_switch() {
    let shop = shop_on(Helpdesk::in_memory());
    let bad = NewCouponProgram {
        company: shop.acme,
        name: "Too generous".into(),
        currency: "EUR".into(),
        reward: percent("120"),
        conditions: RewardConditions::default(),
        valid_from: None,
        valid_until: None,
        usage_limit: None,
        points_per_use: None,
    };
    let error = shop
        .desk
        .create_coupon_program(Actor::System, bad.clone())
        .unwrap_err();
    assert_eq!(error.fields()[0].1, "reward.discount_percent");
    let cents = Reward {
        kind: RewardKind::FixedAmount,
        fixed_amount: dec("5.005"),
        ..percent("0")
    };
    let error = shop
        .desk
        .create_coupon_program(
            Actor::System,
            NewCouponProgram {
                reward: cents,
                ..bad.clone()
            },
        )
        .unwrap_err();
    assert_eq!(error.fields()[0].1, "reward.fixed_amount");
    let error = shop
        .desk
        .create_coupon_program(
            shop.agent(),
            NewCouponProgram {
                reward: percent("10"),
                ..bad
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    let program = shop.ten_percent();
    let off = team(
        &shop.desk,
        shop.acme,
        "No coupons",
        Visibility::Internal,
        vec![shop.agent.id],
    );
    let ticket = shop
        .desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(off.id),
                subject: "x".into(),
                customer: Some(shop.customer.id),
                ..NewTicket::default()
            },
        )
        .unwrap();
    let error = shop
        .desk
        .generate_coupon(
            shop.agent(),
            ticket.id,
            NewCoupon {
                program: program.id,
                points: None,
                valid_until: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        (error.code(), error.fields()[1].1.as_str()),
        ("invalid_state", "No coupons")
    );
}

#[test]
fn cpn_1_rewards_apply_to_the_order_cheapest_line_or_products_with_a_cap() {
    let shop = shop_on(Helpdesk::in_memory());
    let order = shop
        .desk
        .create_sale_order(
            Actor::System,
            NewSaleOrder {
                company: shop.acme,
                salesperson: None,
                customer: shop.customer.id,
                currency: "EUR".into(),
                lines: vec![
                    SaleOrderLine {
                        product: shop.printer.id,
                        quantity: dec("1"),
                        unit_price: dec("200"),
                        unit: None,
                    },
                    SaleOrderLine {
                        product: shop.toner.id,
                        quantity: dec("3"),
                        unit_price: dec("30.05"),
                        unit: None,
                    },
                ],
            },
        )
        .unwrap();
    let discount = |reward: Reward, conditions: RewardConditions| {
        let program = shop
            .desk
            .create_coupon_program(
                Actor::System,
                NewCouponProgram {
                    company: shop.acme,
                    name: "P".into(),
                    currency: "EUR".into(),
                    reward,
                    conditions,
                    valid_from: None,
                    valid_until: None,
                    usage_limit: None,
                    points_per_use: None,
                },
            )
            .unwrap();
        let coupon = shop.coupon(&program);
        shop.desk
            .redeem_coupon(
                Actor::System,
                Redemption {
                    company: shop.acme,
                    code: coupon.code,
                    partner: Some(shop.customer.id),
                    sale_order: Some(order.id),
                },
            )
            .map(|r| r.discount)
    };
    let none = RewardConditions::default;
    assert_eq!(discount(percent("10"), none()).unwrap(), dec("29.02")); // 10% of 290.15, half up
    assert_eq!(
        discount(
            Reward {
                scope: RewardScope::CheapestLine,
                ..percent("50")
            },
            none()
        )
        .unwrap(),
        dec("15.03")
    );
    assert_eq!(
        discount(
            Reward {
                scope: RewardScope::Products,
                products: vec![shop.toner.id],
                ..percent("100")
            },
            none()
        )
        .unwrap(),
        dec("90.15")
    );
    assert_eq!(
        discount(
            Reward {
                max_discount: Some(dec("20")),
                ..percent("50")
            },
            none()
        )
        .unwrap(),
        dec("20.00")
    );
    let fixed = Reward {
        kind: RewardKind::FixedAmount,
        fixed_amount: dec("25"),
        ..percent("0")
    };
    assert_eq!(discount(fixed, none()).unwrap(), dec("25.00"));
    let demanding = RewardConditions {
        minimum_amount: Some(dec("500")),
        ..RewardConditions::default()
    };
    assert_eq!(
        discount(percent("10"), demanding).unwrap_err().code(),
        "invalid_state"
    );
}

#[test]
fn cpn_2_a_coupon_is_for_the_tickets_customer_and_kept_by_the_ticket() {
    let shop = shop_on(Helpdesk::in_memory());
    let program = shop.ten_percent();
    let ticket = shop.ticket();
    let until = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let coupon = shop
        .desk
        .generate_coupon(
            shop.agent(),
            ticket.id,
            NewCoupon {
                program: program.id,
                points: None,
                valid_until: Some(until),
            },
        )
        .unwrap();
    assert_eq!(
        (coupon.partner, coupon.points, coupon.valid_until),
        (Some(shop.customer.id), 1, Some(until))
    );
    assert_eq!(
        shop.desk.ticket_coupons(shop.agent(), ticket.id).unwrap(),
        vec![coupon.clone()]
    );
    let kept = shop
        .desk
        .get_ticket(shop.agent(), ticket.id)
        .unwrap()
        .documents;
    assert_eq!(
        kept,
        vec![DocumentRef {
            kind: DocumentKind::Coupon,
            id: coupon.id.0
        }]
    );
}

#[test]
fn cpn_3_codes_are_unique_grouped_and_checked() {
    let shop = shop_on(Helpdesk::in_memory().with_random(Arc::new(OsRandom)));
    let program = shop.ten_percent();
    let codes: std::collections::BTreeSet<String> =
        (0..50).map(|_| shop.coupon(&program).code).collect();
    assert_eq!(codes.len(), 50);
    for code in &codes {
        assert_eq!(
            helpdesk::coupon_code::parse(code),
            helpdesk::coupon_code::Parsed::Valid(code.clone())
        );
        assert_eq!(code.len(), 21, "{code}");
    }
}

#[test]
fn cpn_3_a_mistyped_code_is_reported_as_mistyped_not_unknown() {
    let shop = shop_on(Helpdesk::in_memory());
    let coupon = shop.coupon(&shop.ten_percent());
    let mut chars: Vec<char> = coupon.code.chars().collect();
    chars.swap(0, 1);
    if chars[0] == chars[1] {
        chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
    }
    let typo: String = chars.into_iter().collect();
    assert_eq!(shop.redeem(&typo).unwrap_err().code(), "coupon_mistyped");
    let random_other = helpdesk::coupon_code::generate(&SeededRandom::new(999)).unwrap();
    assert_eq!(
        shop.redeem(&random_other).unwrap_err().code(),
        "coupon_unknown"
    );
    assert_eq!(shop.redeem("HELLO").unwrap_err().code(), "coupon_unknown");
    // Typed sloppily but right: redeemed.
    assert!(shop
        .redeem(&coupon.code.to_lowercase().replace('-', ""))
        .is_ok());
}

#[test]
fn cpn_4_expired_used_and_reserved_coupons_are_refused() {
    let shop = shop_on(Helpdesk::in_memory());
    let program = shop.ten_percent();
    let ticket = shop.ticket();
    let until = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let coupon = shop
        .desk
        .generate_coupon(
            shop.agent(),
            ticket.id,
            NewCoupon {
                program: program.id,
                points: Some(2),
                valid_until: Some(until),
            },
        )
        .unwrap();
    let stranger = partner(&shop.desk, Some(shop.acme), "Stranger");
    let as_stranger = Redemption {
        company: shop.acme,
        code: coupon.code.clone(),
        partner: Some(stranger.id),
        sale_order: None,
    };
    assert_eq!(
        shop.desk
            .redeem_coupon(Actor::System, as_stranger)
            .unwrap_err()
            .code(),
        "coupon_reserved"
    );
    // Without a customer, the refusal says one is needed, not "another".
    let anonymous = shop
        .desk
        .redeem_coupon(
            Actor::System,
            Redemption {
                company: shop.acme,
                code: coupon.code.clone(),
                partner: None,
                sale_order: None,
            },
        )
        .unwrap_err();
    assert_eq!(anonymous.code(), "coupon_reserved");
    assert!(
        anonymous
            .to_string()
            .contains("give the redeeming customer"),
        "{anonymous}"
    );
    assert_eq!(shop.redeem(&coupon.code).unwrap().coupon.points, 1);
    assert_eq!(shop.redeem(&coupon.code).unwrap().coupon.points, 0);
    let before = shop.desk.snapshot().unwrap();
    let used = shop.redeem(&coupon.code).unwrap_err();
    assert_eq!(
        (used.code(), used.kind()),
        ("coupon_used", ErrorKind::InvalidState)
    );
    assert_eq!(before, shop.desk.snapshot().unwrap());
    let fresh = shop
        .desk
        .generate_coupon(
            shop.agent(),
            ticket.id,
            NewCoupon {
                program: program.id,
                points: None,
                valid_until: Some(until),
            },
        )
        .unwrap();
    shop.clock.advance(Duration::days(4)).unwrap();
    assert_eq!(
        shop.redeem(&fresh.code).unwrap_err().code(),
        "coupon_expired"
    );
}

#[test]
fn cpn_4_two_connections_redeeming_one_coupon_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.sqlite");
    let shop = shop_on(Helpdesk::open(&path).unwrap());
    let coupon = shop.coupon(&shop.ten_percent());
    for _ in 0..10 {
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let fresh = shop.coupon(
            &shop
                .desk
                .get_coupon_program(Actor::System, coupon.program)
                .unwrap(),
        );
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (path, barrier, code) = (path.clone(), barrier.clone(), fresh.code.clone());
                let (company, partner) = (shop.acme, shop.customer.id);
                std::thread::spawn(move || {
                    let desk = Helpdesk::open(&path).unwrap();
                    barrier.wait();
                    desk.redeem_coupon(
                        Actor::System,
                        Redemption {
                            company,
                            code,
                            partner: Some(partner),
                            sale_order: None,
                        },
                    )
                })
            })
            .collect();
        let results: Vec<Result<Redeemed>> =
            threads.into_iter().map(|t| t.join().unwrap()).collect();
        let wins = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "{results:?}");
        let loser = results.into_iter().find_map(|r| r.err()).unwrap();
        assert_eq!(loser.code(), "coupon_used");
    }
}

#[test]
fn cpn_5_send_by_email_and_share_link() {
    let shop = shop_on(Helpdesk::in_memory());
    let coupon = shop.coupon(&shop.ten_percent());
    let sent = shop.desk.send_coupon(shop.agent(), coupon.id).unwrap();
    assert_eq!(sent.recipients, vec![shop.customer.id]);
    assert!(sent.body.contains(&coupon.code));
    // OUT-1: the event and its facts, for the host's own text.
    assert_eq!(sent.event, OutboxEvent::CouponSent);
    assert_eq!(
        sent.payload.coupon_code.as_deref(),
        Some(coupon.code.as_str())
    );
    assert_eq!(sent.payload.valid_until, coupon.valid_until);
    assert!(sent.mail.is_some());
    assert_eq!(
        shop.desk.pending_outbox(Actor::System, 10).unwrap().last(),
        Some(&sent)
    );
    let link = shop
        .desk
        .coupon_share_link(
            shop.agent(),
            coupon.id,
            "https://shop.example.com/".into(),
            None,
        )
        .unwrap();
    assert_eq!(
        link,
        format!("https://shop.example.com/coupon/{}?r=%2Fshop", coupon.code)
    );
    let deep = shop
        .desk
        .coupon_share_link(
            shop.agent(),
            coupon.id,
            "https://shop.example.com".into(),
            Some("/shop/cart?x=1&y=2".into()),
        )
        .unwrap();
    assert!(
        deep.ends_with("?r=%2Fshop%2Fcart%3Fx%3D1%26y%3D2"),
        "{deep}"
    );
    assert_eq!(
        shop.desk
            .coupon_share_link(shop.agent(), coupon.id, "ftp://x".into(), None)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn cpn_4_another_companys_coupon_is_unknown_here() {
    let shop = shop_on(Helpdesk::in_memory());
    let coupon = shop.coupon(&shop.ten_percent());
    let globex = shop
        .desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Globex".into(),
            },
        )
        .unwrap();
    let elsewhere = Redemption {
        company: globex.id,
        code: coupon.code.clone(),
        partner: None,
        sale_order: None,
    };
    let error = shop
        .desk
        .redeem_coupon(Actor::System, elsewhere)
        .unwrap_err();
    assert_eq!(error.code(), "coupon_unknown");
    assert!(error.to_string().contains(&coupon.code), "{error}");
}

#[test]
fn cpn_4_a_reward_applies_only_to_the_customers_order_in_the_programs_currency() {
    let shop = shop_on(Helpdesk::in_memory());
    let order = |customer: PartnerId, currency: &str| {
        shop.desk
            .create_sale_order(
                Actor::System,
                NewSaleOrder {
                    company: shop.acme,
                    salesperson: None,
                    customer,
                    currency: currency.into(),
                    lines: vec![SaleOrderLine {
                        product: shop.printer.id,
                        quantity: dec("1"),
                        unit_price: dec("1235"),
                        unit: None,
                    }],
                },
            )
            .unwrap()
    };
    let stranger = partner(&shop.desk, Some(shop.acme), "Stranger");
    let theirs = order(stranger.id, "EUR");
    let yen = order(shop.customer.id, "JPY");
    let coupon = shop.coupon(&shop.ten_percent());
    for (order, field) in [(&theirs, "sale_order"), (&yen, "sale_order")] {
        let redemption = Redemption {
            company: shop.acme,
            code: coupon.code.clone(),
            partner: Some(shop.customer.id),
            sale_order: Some(order.id),
        };
        let error = shop
            .desk
            .redeem_coupon(Actor::System, redemption)
            .unwrap_err();
        assert_eq!(
            (error.code(), error.fields()[0].1.as_str()),
            ("invalid_input", field),
            "{error}"
        );
    }
    assert_eq!(
        shop.desk
            .get_coupon(Actor::System, coupon.id)
            .unwrap()
            .points,
        1,
        "nothing consumed"
    );
}
