//! Coupon programs and the coupons generated from tickets (RULES.md, CPN).

use crate::ids::{CompanyId, CouponId, CouponProgramId, PartnerId, ProductId, TicketId};
use crate::money::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a reward gives (CPN-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RewardKind {
    /// A percentage off ([`Reward::discount_percent`]).
    #[default]
    Discount,
    /// A fixed amount off ([`Reward::fixed_amount`]).
    FixedAmount,
    /// A product for free ([`Reward::free_product`]).
    FreeProduct,
}

/// What a discount applies to (CPN-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RewardScope {
    /// The whole order.
    #[default]
    Order,
    /// The cheapest line (one unit of it).
    CheapestLine,
    /// The lines of [`Reward::products`].
    Products,
}

/// A program's reward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reward {
    /// What it gives.
    pub kind: RewardKind,
    /// Percent off, for a discount (0 < p ≤ 100).
    #[serde(default)]
    pub discount_percent: Decimal,
    /// Amount off, for a fixed amount (in the program's currency).
    #[serde(default)]
    pub fixed_amount: Decimal,
    /// The free product, for a free product.
    #[serde(default)]
    pub free_product: Option<ProductId>,
    /// What a discount applies to.
    #[serde(default)]
    pub scope: RewardScope,
    /// The products a `products` scope discounts.
    #[serde(default)]
    pub products: Vec<ProductId>,
    /// The most a discount may take off.
    #[serde(default)]
    pub max_discount: Option<Decimal>,
}

/// When an order qualifies (CPN-1); every set condition must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RewardConditions {
    /// Minimum quantity of (qualifying) products.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub minimum_quantity: Option<Decimal>,
    /// Minimum order total.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub minimum_amount: Option<Decimal>,
    /// Empty, or the order must hold one of these products.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub products: Vec<ProductId>,
}

/// A coupon program (CPN-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CouponProgram {
    /// Identifier.
    pub id: CouponProgramId,
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Currency of its amounts.
    pub currency: Currency,
    /// The reward.
    pub reward: Reward,
    /// The conditions.
    pub conditions: RewardConditions,
    /// First valid day.
    pub valid_from: Option<NaiveDate>,
    /// Last valid day.
    pub valid_until: Option<NaiveDate>,
    /// Redemptions allowed over the whole program.
    pub usage_limit: Option<u32>,
    /// Redemptions so far.
    pub used: u32,
    /// Points a redemption takes from a coupon.
    pub points_per_use: u32,
    /// Archived programs redeem nothing.
    pub active: bool,
}

/// A coupon (CPN-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Coupon {
    /// Identifier.
    pub id: CouponId,
    /// The company.
    pub company: CompanyId,
    /// The program.
    pub program: CouponProgramId,
    /// The code, canonical (`XXXX-XXXX-XXXX-XXXX-C`, CPN-3).
    pub code: String,
    /// Reserved for this customer (CPN-4).
    pub partner: Option<PartnerId>,
    /// Points left.
    pub points: u32,
    /// Last valid day (`None`: never expires).
    pub valid_until: Option<NaiveDate>,
    /// The ticket it was generated from.
    pub ticket: Option<TicketId>,
    /// When it was generated.
    pub created_at: DateTime<Utc>,
}
