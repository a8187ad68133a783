//! Coupons from a ticket (CPN-1 … CPN-5): programs, codes drawn from the desk's
//! random source, e-mail and share link, and redemption that consumes points
//! atomically.

use super::features::Feature;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::coupon_code::{self, Parsed};
use crate::error::CouponRefusal;
use crate::ids::{CompanyId, CouponId, CouponProgramId, PartnerId, SaleOrderId, TicketId};
use crate::model::{
    Coupon, CouponProgram, DocumentKind, DocumentRef, OutboxKind, OutboxMessage, Partner, Reward,
    RewardConditions, RewardKind, RewardScope, SaleOrder, SaleOrderState, UserKind,
};
use crate::model::{OutboxEvent, OutboxPayload};
use crate::money::{bounded, Currency};
use crate::store::Sequence;
use crate::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How many times a code is drawn again when it collides with an
/// existing one (at 80 bits, a collision is already astronomically rare).
const CODE_ATTEMPTS: usize = 8;

/// Input of [`Helpdesk::create_coupon_program`] (CPN-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewCouponProgram {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// ISO 4217 code of its amounts.
    pub currency: String,
    /// The reward.
    pub reward: Reward,
    /// The conditions.
    #[serde(default)]
    pub conditions: RewardConditions,
    /// First valid day.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last valid day.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Redemptions allowed over the whole program.
    #[serde(default)]
    pub usage_limit: Option<u32>,
    /// Points a redemption takes from a coupon (default 1).
    #[serde(default)]
    pub points_per_use: Option<u32>,
}

/// Input of [`Helpdesk::generate_coupon`] (CPN-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewCoupon {
    /// The program.
    pub program: CouponProgramId,
    /// Points (default 1).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub points: Option<u32>,
    /// Last valid day (default: never expires).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub valid_until: Option<NaiveDate>,
}

/// Input of [`Helpdesk::redeem_coupon`] (CPN-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Redemption {
    /// The company.
    pub company: CompanyId,
    /// The code as the customer typed it.
    pub code: String,
    /// Who redeems (a portal user: always themselves).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub partner: Option<PartnerId>,
    /// The order the reward applies to (its conditions are checked).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
}

/// What a redemption gave (CPN-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Redeemed {
    /// The coupon, with its points taken.
    pub coupon: Coupon,
    /// The amount off the order (zero without an order or for a free product).
    pub discount: Decimal,
    /// The free product, for such a reward.
    pub free_product: Option<crate::ids::ProductId>,
}

fn refused(typed: &str, refusal: CouponRefusal) -> Error {
    Error::CouponRefused {
        typed: typed.to_string(),
        refusal,
    }
}

/// CPN-1: the amount a reward takes off `order` (rounded in `currency`),
/// or why the order does not qualify.
fn reward_on(program: &CouponProgram, currency: &Currency, order: &SaleOrder) -> Result<Decimal> {
    let conditions = &program.conditions;
    let qualifying: Vec<_> = order
        .lines
        .iter()
        .filter(|l| conditions.products.is_empty() || conditions.products.contains(&l.product))
        .collect();
    let quantity: Decimal = qualifying.iter().map(|l| l.quantity).sum();
    let amount: Decimal = order.lines.iter().map(|l| l.quantity * l.unit_price).sum();
    let unmet = (!conditions.products.is_empty() && qualifying.is_empty())
        || conditions.minimum_quantity.is_some_and(|m| quantity < m)
        || conditions.minimum_amount.is_some_and(|m| amount < m);
    if unmet {
        return Err(Error::InvalidState {
            entity: "sale_order",
            id: order.reference.clone(),
            state: "not qualifying".into(),
            reason: format!("the order does not meet the conditions of {}", program.name),
        });
    }
    let reward = &program.reward;
    let base: Decimal = match reward.scope {
        RewardScope::Order => amount,
        RewardScope::CheapestLine => order
            .lines
            .iter()
            .map(|l| l.unit_price)
            .min()
            .unwrap_or_default(),
        RewardScope::Products => order
            .lines
            .iter()
            .filter(|l| reward.products.contains(&l.product))
            .map(|l| l.quantity * l.unit_price)
            .sum(),
    };
    let raw = match reward.kind {
        RewardKind::Discount => base * reward.discount_percent / Decimal::ONE_HUNDRED,
        RewardKind::FixedAmount => reward.fixed_amount.min(base),
        RewardKind::FreeProduct => Decimal::ZERO,
    };
    let capped = reward.max_discount.map_or(raw, |cap| raw.min(cap));
    Ok(currency.round(capped))
}

impl Work<'_> {
    /// Checks a program's reward and validity.
    fn check_program(&mut self, program: &CouponProgram) -> Result<()> {
        let reward = &program.reward;
        bounded("reward.fixed_amount", reward.fixed_amount)?;
        bounded("reward.discount_percent", reward.discount_percent)?;
        for (field, value) in [
            ("reward.max_discount", reward.max_discount),
            (
                "conditions.minimum_quantity",
                program.conditions.minimum_quantity,
            ),
            (
                "conditions.minimum_amount",
                program.conditions.minimum_amount,
            ),
        ] {
            if let Some(value) = value {
                bounded(field, value)?;
            }
        }
        match reward.kind {
            RewardKind::Discount
                if reward.discount_percent <= Decimal::ZERO
                    || reward.discount_percent > Decimal::ONE_HUNDRED =>
            {
                return Err(Error::invalid(
                    "reward.discount_percent",
                    "a discount is more than 0 and at most 100 percent",
                ));
            }
            RewardKind::FixedAmount
                if reward.fixed_amount <= Decimal::ZERO
                    || !program.currency.is_rounded(reward.fixed_amount) =>
            {
                return Err(Error::invalid(
                    "reward.fixed_amount",
                    format!(
                        "a positive amount in {} with at most {} decimals",
                        program.currency.code, program.currency.decimals
                    ),
                ));
            }
            RewardKind::FreeProduct => match reward.free_product {
                Some(product) => {
                    self.product_of(program.company, product)?;
                }
                None => {
                    return Err(Error::invalid(
                        "reward.free_product",
                        "a free-product reward names its product",
                    ))
                }
            },
            _ => {}
        }
        for product in reward.products.iter().chain(&program.conditions.products) {
            self.product_of(program.company, *product)?;
        }
        if reward.scope == RewardScope::Products && reward.products.is_empty() {
            return Err(Error::invalid(
                "reward.products",
                "a reward on given products lists them",
            ));
        }
        if reward.max_discount.is_some_and(|m| m <= Decimal::ZERO) {
            return Err(Error::invalid("reward.max_discount", "a cap is positive"));
        }
        if let (Some(from), Some(until)) = (program.valid_from, program.valid_until) {
            if until < from {
                return Err(Error::invalid(
                    "valid_until",
                    "the program ends before it starts",
                ));
            }
        }
        if program.points_per_use == 0 {
            return Err(Error::invalid(
                "points_per_use",
                "a redemption takes at least one point",
            ));
        }
        Ok(())
    }

    /// A coupon the viewer may see: internal users of its company.
    fn readable_coupon(&mut self, id: CouponId) -> Result<Coupon> {
        let coupon = self
            .tx
            .get_coupon(id)?
            .ok_or_else(|| Error::not_found("coupon", id))?;
        self.require_document_reader(coupon.company, coupon.ticket, "coupon", id.0)?;
        Ok(coupon)
    }
}

impl Helpdesk {
    /// Creates a coupon program (managers).
    pub fn create_coupon_program(
        &self,
        actor: Actor,
        input: NewCouponProgram,
    ) -> Result<CouponProgram> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a coupon program")?;
            let program = CouponProgram {
                id: CouponProgramId(w.tx.new_id::<CouponProgram>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                currency: w.currency(&input.currency)?,
                reward: input.reward.clone(),
                conditions: input.conditions.clone(),
                valid_from: input.valid_from,
                valid_until: input.valid_until,
                usage_limit: input.usage_limit,
                used: 0,
                points_per_use: input.points_per_use.unwrap_or(1),
                active: true,
            };
            w.check_program(&program)?;
            w.tx.put(&program)?;
            Ok(program)
        })
    }

    /// A coupon program (internal users of its company).
    pub fn get_coupon_program(&self, actor: Actor, id: CouponProgramId) -> Result<CouponProgram> {
        self.read(actor, |w| {
            let program: CouponProgram = load(w.tx, id)?;
            w.require_company_reader(program.company, "coupon_program", id.0)?;
            Ok(program)
        })
    }

    /// CPN-2: a coupon for the ticket's customer, its code drawn from the
    /// desk's random source (CPN-3), kept by the ticket (agents).
    pub fn generate_coupon(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewCoupon,
    ) -> Result<Coupon> {
        let random = self.random.clone();
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Coupons)?;
            let customer = ticket.customer.ok_or_else(|| {
                Error::invalid(
                    "ticket",
                    format!(
                        "ticket {} has no customer to give a coupon to",
                        ticket.reference
                    ),
                )
            })?;
            let program: CouponProgram = load_in(w.tx, input.program, ticket.company)?;
            if !program.active {
                return Err(Error::InvalidState {
                    entity: "coupon_program",
                    id: program.name,
                    state: "archived".into(),
                    reason: "restore it to generate coupons".into(),
                });
            }
            let points = input.points.unwrap_or(1);
            if points == 0 {
                return Err(Error::invalid("points", "a coupon has at least one point"));
            }
            let mut code = coupon_code::generate(random.as_ref())?;
            for _ in 1..CODE_ATTEMPTS {
                if w.tx.coupon_by_code(ticket.company, &code)?.is_none() {
                    break;
                }
                code = coupon_code::generate(random.as_ref())?;
            }
            let coupon = Coupon {
                id: CouponId(w.tx.next_value(Sequence::Coupon)?),
                company: ticket.company,
                program: program.id,
                code,
                partner: Some(customer),
                points,
                valid_until: input.valid_until,
                ticket: Some(ticket.id),
                created_at: w.now,
            };
            w.tx.put_coupon(&coupon)?;
            ticket.documents.push(DocumentRef {
                kind: DocumentKind::Coupon,
                id: coupon.id.0,
            });
            w.tx.put_ticket(&ticket)?;
            Ok(coupon)
        })
    }

    /// A coupon (internal users of its company).
    pub fn get_coupon(&self, actor: Actor, id: CouponId) -> Result<Coupon> {
        self.read(actor, |w| w.readable_coupon(id))
    }

    /// CPN-2: a ticket's coupons (internal users who see the ticket).
    pub fn ticket_coupons(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Coupon>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.require_internal("list coupons", "customers get their coupons by e-mail")?;
            let mut coupons = Vec::new();
            for doc in ticket
                .documents
                .iter()
                .filter(|d| d.kind == DocumentKind::Coupon)
            {
                let id = CouponId(doc.id);
                coupons.push(
                    w.tx.get_coupon(id)?
                        .ok_or_else(|| Error::not_found("coupon", id))?,
                );
            }
            Ok(coupons)
        })
    }

    /// CPN-5: e-mails the coupon's code to its customer through the outbox (agents).
    pub fn send_coupon(&self, actor: Actor, id: CouponId) -> Result<OutboxMessage> {
        self.write(actor, |w| {
            let coupon = w.readable_coupon(id)?;
            if let Some(ticket) = coupon.ticket {
                w.ticket_with(ticket, Feature::Coupons)?;
            } else {
                w.require_configure(coupon.company, "send a coupon")?;
            }
            let partner = coupon.partner.ok_or_else(|| {
                Error::invalid("coupon", "the coupon has no customer to send it to")
            })?;
            let customer: Partner = load(w.tx, partner)?;
            let program: CouponProgram = load(w.tx, coupon.program)?;
            let until = coupon
                .valid_until
                .map_or_else(String::new, |d| format!(" It is valid until {d}."));
            let ticket = coupon
                .ticket
                .map(|t| w.tx.get_ticket(t))
                .transpose()?
                .flatten();
            let base = match &ticket {
                Some(ticket) => w.ticket_payload(ticket)?,
                None => OutboxPayload::default(),
            };
            let out = super::outbox::Outgoing {
                kind: OutboxKind::Notification,
                event: OutboxEvent::CouponSent,
                recipients: vec![customer.id],
                template: Some("helpdesk.coupon".into()),
                subject: format!("Your coupon: {}", program.name),
                body: format!("Here is your coupon code: {}.{until}", coupon.code),
                payload: OutboxPayload {
                    coupon_code: Some(coupon.code.clone()),
                    program_name: Some(program.name.clone()),
                    valid_until: coupon.valid_until,
                    customer_name: Some(customer.name.clone()),
                    ..base
                },
                token: None,
            };
            w.send(coupon.company, ticket.as_ref(), out)?
                .ok_or_else(|| Error::Internal {
                    message: "a coupon's message has its customer, so it is recorded".into(),
                })
        })
    }

    /// CPN-5: the link sharing a coupon:
    /// `{base_url}/coupon/{code}?r={redirect}` (redirect default `/shop`;
    /// code and redirect URL-encoded). Internal users of its company.
    pub fn coupon_share_link(
        &self,
        actor: Actor,
        id: CouponId,
        base_url: String,
        redirect: Option<String>,
    ) -> Result<String> {
        self.read(actor, |w| {
            let coupon = w.readable_coupon(id)?;
            let base = base_url.trim().trim_end_matches('/');
            if !(base.starts_with("https://") || base.starts_with("http://")) {
                return Err(Error::invalid(
                    "base_url",
                    "an http(s) address, e.g. https://shop.example.com",
                ));
            }
            let redirect = redirect.clone().unwrap_or_else(|| "/shop".into());
            Ok(format!(
                "{base}/coupon/{}?r={}",
                url_encode(&coupon.code),
                url_encode(&redirect)
            ))
        })
    }

    /// CPN-4: redeems a coupon, consuming its points atomically (one of
    /// two concurrent redemptions of a single-use coupon wins, the other
    /// gets `coupon_used`). Mistyped, unknown, expired, used and reserved
    /// coupons are each their own error. The host, agents of the company,
    /// and portal users for themselves.
    pub fn redeem_coupon(&self, actor: Actor, input: Redemption) -> Result<Redeemed> {
        self.write(actor, |w| {
            let partner = match w.user() {
                Some(u) if u.kind == UserKind::Portal && u.works_for(input.company) => {
                    Some(u.partner)
                }
                Some(u) if !u.is_agent() || !u.works_for(input.company) => {
                    return Err(Error::forbidden(
                        "redeem a coupon",
                        "agents of the company, or the customer themself",
                    ))
                }
                _ => input.partner,
            };
            let typed = input.code.trim();
            let code = match coupon_code::parse(typed) {
                Parsed::Valid(code) => code,
                Parsed::Mistyped => return Err(refused(typed, CouponRefusal::Mistyped)),
                Parsed::Malformed => return Err(refused(typed, CouponRefusal::Unknown)),
            };
            let mut coupon =
                w.tx.coupon_by_code(input.company, &code)?
                    .ok_or_else(|| refused(typed, CouponRefusal::Unknown))?;
            let mut program: CouponProgram = load(w.tx, coupon.program)?;
            let today = w.now.date_naive();
            let expired = !program.active
                || coupon.valid_until.is_some_and(|d| d < today)
                || program.valid_until.is_some_and(|d| d < today)
                || program.valid_from.is_some_and(|d| d > today);
            if expired {
                return Err(refused(typed, CouponRefusal::Expired));
            }
            if let Some(reserved) = coupon.partner {
                let same = match partner {
                    Some(p) => {
                        let (a, b): (Partner, Partner) = (load(w.tx, p)?, load(w.tx, reserved)?);
                        a.commercial_partner == b.commercial_partner
                    }
                    None => false,
                };
                if !same {
                    return Err(refused(typed, CouponRefusal::Reserved));
                }
            }
            if coupon.points < program.points_per_use
                || program.usage_limit.is_some_and(|l| program.used >= l)
            {
                return Err(refused(typed, CouponRefusal::Used));
            }
            let discount = match input.sale_order {
                Some(id) => {
                    let order: SaleOrder = load_in(w.tx, id, input.company)?;
                    if let Some(p) = partner {
                        let redeemer: Partner = load(w.tx, p)?;
                        if order.commercial_partner != redeemer.commercial_partner {
                            return Err(Error::invalid(
                                "sale_order",
                                format!("order {} is another customer's", order.reference),
                            ));
                        }
                    }
                    if order.currency.code != program.currency.code {
                        return Err(Error::invalid(
                            "sale_order",
                            format!(
                                "order {} is in {}, the program {} in {}",
                                order.reference,
                                order.currency.code,
                                program.name,
                                program.currency.code
                            ),
                        ));
                    }
                    if order.state == SaleOrderState::Cancelled {
                        return Err(Error::InvalidState {
                            entity: "sale_order",
                            id: order.reference.clone(),
                            state: "cancelled".into(),
                            reason: "a reward applies to a live order".into(),
                        });
                    }
                    reward_on(&program, &program.currency, &order)?
                }
                None => Decimal::ZERO,
            };
            coupon.points -= program.points_per_use;
            program.used += 1;
            w.tx.put_coupon(&coupon)?;
            w.tx.put(&program)?;
            let free_product = (program.reward.kind == RewardKind::FreeProduct)
                .then_some(program.reward.free_product)
                .flatten();
            Ok(Redeemed {
                coupon,
                discount,
                free_product,
            })
        })
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986).
fn url_encode(text: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}
