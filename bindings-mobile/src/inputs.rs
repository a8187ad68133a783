//! The inputs whose core definition has an enum, record or decimal field with a default
//! (`role`, `visibility`, `settings`, `priority`, `sort`, `limit`, `tracking`, `sale_price`,
//! a reward's `discount_percent`, `fixed_amount` and `scope`). uniffi's proc-macros can only
//! give literal defaults (a default enum variant is UDL-only in uniffi 0.32), so these are restated
//! with that field optional: `null` means "the core's default" (taken from the core's `Default`,
//! never restated here). They are the only records this crate declares (Kotlin package
//! `dev.helpdesk`); every other record, enum and id crosses as the core type itself, which the
//! core exposes (its cargo feature `uniffi`, Kotlin package `dev.helpdesk.core`).

use crate::types::LocalDate;
use helpdesk::{
    CompanyId, HelpdeskRole, PartnerId, Priority, ProductId, RewardConditions, RewardKind,
    RewardScope, ServicePolicy, StageId, TagId, TaxId, TeamId, TeamSettings, TicketFilter,
    TicketSort, TicketTypeId, Tracking, UnitId, UserId, UserKind, Visibility, Within,
};
use rust_decimal::Decimal;

/// Input of `createUser`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewUser {
    /// Display name.
    pub name: String,
    /// E-mail address (login).
    #[uniffi(default)]
    pub email: Option<String>,
    /// Internal or portal.
    pub kind: UserKind,
    /// Helpdesk role (`null` = the core's default, no role).
    #[uniffi(default)]
    pub role: Option<HelpdeskRole>,
    /// The companies the user works for.
    pub companies: Vec<CompanyId>,
    /// An existing contact for the user (`null` = a new one is created).
    #[uniffi(default)]
    pub partner: Option<PartnerId>,
}

impl From<NewUser> for helpdesk::NewUser {
    fn from(input: NewUser) -> Self {
        helpdesk::NewUser {
            name: input.name,
            email: input.email,
            kind: input.kind,
            role: input.role.unwrap_or_default(),
            companies: input.companies,
            partner: input.partner,
        }
    }
}

/// Input of `createTeam`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewTeam {
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Public description.
    #[uniffi(default)]
    pub description: String,
    /// Who sees the team's tickets (`null` = the core's default, portal).
    #[uniffi(default)]
    pub visibility: Option<Visibility>,
    /// Members, in assignment order.
    #[uniffi(default)]
    pub members: Vec<UserId>,
    /// Switches and parameters (`null` = `defaultTeamSettings()`).
    #[uniffi(default)]
    pub settings: Option<TeamSettings>,
    /// Its e-mail alias (MAIL-1, OUT-2): an address, unique in the company.
    #[uniffi(default)]
    pub email_alias: Option<String>,
}

impl From<NewTeam> for helpdesk::NewTeam {
    fn from(input: NewTeam) -> Self {
        helpdesk::NewTeam {
            company: input.company,
            name: input.name,
            description: input.description,
            visibility: input.visibility.unwrap_or_default(),
            members: input.members,
            settings: input.settings.unwrap_or_default(),
            email_alias: input.email_alias,
        }
    }
}

/// Input of `createTicket`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewTicket {
    /// The team (`null` = no team; then `company` is required).
    #[uniffi(default)]
    pub team: Option<TeamId>,
    /// The company (`null` = the team's).
    #[uniffi(default)]
    pub company: Option<CompanyId>,
    /// Subject (required).
    pub subject: String,
    /// Description.
    #[uniffi(default)]
    pub description: String,
    /// Priority (`null` = the core's default, low).
    #[uniffi(default)]
    pub priority: Option<Priority>,
    /// Ticket type.
    #[uniffi(default)]
    pub ticket_type: Option<TicketTypeId>,
    /// Tags.
    #[uniffi(default)]
    pub tags: Vec<TagId>,
    /// The customer contact.
    #[uniffi(default)]
    pub customer: Option<PartnerId>,
    /// The assigned agent (`null` = auto-assignment if the team has it).
    #[uniffi(default)]
    pub assignee: Option<UserId>,
    /// The product the ticket is about.
    #[uniffi(default)]
    pub product: Option<ProductId>,
    /// The lot or serial number.
    #[uniffi(default)]
    pub lot: Option<String>,
    /// Contacts to add as followers.
    #[uniffi(default)]
    pub cc: Vec<PartnerId>,
}

impl From<NewTicket> for helpdesk::NewTicket {
    fn from(input: NewTicket) -> Self {
        helpdesk::NewTicket {
            team: input.team,
            company: input.company,
            subject: input.subject,
            description: input.description,
            priority: input.priority.unwrap_or_default(),
            ticket_type: input.ticket_type,
            tags: input.tags,
            customer: input.customer,
            assignee: input.assignee,
            product: input.product,
            lot: input.lot,
            cc: input.cc,
        }
    }
}

/// Input of `listTickets`: a filter, an order and a page.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketQuery {
    /// Which tickets.
    #[uniffi(default)]
    pub filter: TicketFilter,
    /// Their order (`null` = the core's default, newest first).
    #[uniffi(default)]
    pub sort: Option<TicketSort>,
    /// The `nextCursor` of the previous page (`null` = first page).
    #[uniffi(default)]
    pub cursor: Option<String>,
    /// Page size (`null` = the core's default).
    #[uniffi(default)]
    pub limit: Option<u32>,
}

impl From<TicketQuery> for helpdesk::TicketQuery {
    fn from(input: TicketQuery) -> Self {
        let defaults = helpdesk::TicketQuery::default();
        helpdesk::TicketQuery {
            filter: input.filter,
            sort: input.sort.unwrap_or(defaults.sort),
            cursor: input.cursor,
            limit: input.limit.unwrap_or(defaults.limit),
        }
    }
}

/// Input of `createSlaPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewSlaPolicy {
    /// The team.
    pub team: TeamId,
    /// Display name (required).
    pub name: String,
    /// Internal description.
    #[uniffi(default)]
    pub description: String,
    /// The priority a ticket must have (`null` = the core's default, low).
    #[uniffi(default)]
    pub priority: Option<Priority>,
    /// Empty, or the ticket must have one of these tags.
    #[uniffi(default)]
    pub tags: Vec<TagId>,
    /// Empty, or the ticket's customer (or their parent or a child) must be one of these.
    #[uniffi(default)]
    pub customers: Vec<PartnerId>,
    /// Empty, or the ticket's type must be one of these.
    #[uniffi(default)]
    pub ticket_types: Vec<TicketTypeId>,
    /// The stage to reach (a stage of the team).
    pub target_stage: StageId,
    /// Stages of the team that stop the clock.
    #[uniffi(default)]
    pub excluded_stages: Vec<StageId>,
    /// The working time allowed (more than zero).
    pub within: Within,
}

impl From<NewSlaPolicy> for helpdesk::NewSlaPolicy {
    fn from(input: NewSlaPolicy) -> Self {
        helpdesk::NewSlaPolicy {
            team: input.team,
            name: input.name,
            description: input.description,
            priority: input.priority.unwrap_or_default(),
            tags: input.tags,
            customers: input.customers,
            ticket_types: input.ticket_types,
            target_stage: input.target_stage,
            excluded_stages: input.excluded_stages,
            within: input.within,
        }
    }
}

/// Input of `createProduct`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewProduct {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Lot or serial tracking (`null` = the core's default, none).
    #[uniffi(default)]
    pub tracking: Option<Tracking>,
    /// Default sale price, not negative (`null` = the core's default, zero).
    #[uniffi(default)]
    pub sale_price: Option<Decimal>,
    /// Default customer taxes (of the company).
    #[uniffi(default)]
    pub taxes: Vec<TaxId>,
    /// The unit it is sold in, of the company (`null`: units; a service: Hours).
    #[uniffi(default)]
    pub unit: Option<UnitId>,
    /// For a service: how it is invoiced (`null`: not a service).
    #[uniffi(default)]
    pub service_policy: Option<ServicePolicy>,
}

impl From<NewProduct> for helpdesk::NewProduct {
    fn from(input: NewProduct) -> Self {
        helpdesk::NewProduct {
            company: input.company,
            name: input.name,
            tracking: input.tracking.unwrap_or_default(),
            sale_price: input.sale_price.unwrap_or_default(),
            taxes: input.taxes,
            unit: input.unit,
            service_policy: input.service_policy,
        }
    }
}

/// The reward of `NewCouponProgram`: the core's `Reward` (what `CouponProgram.reward` holds)
/// with its defaulted fields optional.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewReward {
    /// What it gives.
    pub kind: RewardKind,
    /// Percent off, for a discount (0 < p ≤ 100; `null` = the core's default, zero).
    #[uniffi(default)]
    pub discount_percent: Option<Decimal>,
    /// Amount off, for a fixed amount, in the program's currency (`null` = zero).
    #[uniffi(default)]
    pub fixed_amount: Option<Decimal>,
    /// The free product, for a free product.
    #[uniffi(default)]
    pub free_product: Option<ProductId>,
    /// What a discount applies to (`null` = the core's default, the whole order).
    #[uniffi(default)]
    pub scope: Option<RewardScope>,
    /// The products a `PRODUCTS` scope discounts.
    #[uniffi(default)]
    pub products: Vec<ProductId>,
    /// The most a discount may take off.
    #[uniffi(default)]
    pub max_discount: Option<Decimal>,
}

impl From<NewReward> for helpdesk::Reward {
    fn from(input: NewReward) -> Self {
        helpdesk::Reward {
            kind: input.kind,
            discount_percent: input.discount_percent.unwrap_or_default(),
            fixed_amount: input.fixed_amount.unwrap_or_default(),
            free_product: input.free_product,
            scope: input.scope.unwrap_or_default(),
            products: input.products,
            max_discount: input.max_discount,
        }
    }
}

/// Input of `createCouponProgram`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewCouponProgram {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// ISO 4217 code of its amounts.
    pub currency: String,
    /// The reward.
    pub reward: NewReward,
    /// The conditions (default: none).
    #[uniffi(default)]
    pub conditions: RewardConditions,
    /// First valid day.
    #[uniffi(default)]
    pub valid_from: Option<LocalDate>,
    /// Last valid day.
    #[uniffi(default)]
    pub valid_until: Option<LocalDate>,
    /// Redemptions allowed over the whole program (`null` = no limit).
    #[uniffi(default)]
    pub usage_limit: Option<u32>,
    /// Points a redemption takes from a coupon (`null` = the core's default, 1).
    #[uniffi(default)]
    pub points_per_use: Option<u32>,
}

impl From<NewCouponProgram> for helpdesk::NewCouponProgram {
    fn from(input: NewCouponProgram) -> Self {
        helpdesk::NewCouponProgram {
            company: input.company,
            name: input.name,
            currency: input.currency,
            reward: input.reward.into(),
            conditions: input.conditions,
            valid_from: input.valid_from,
            valid_until: input.valid_until,
            usage_limit: input.usage_limit,
            points_per_use: input.points_per_use,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_enums_take_the_core_defaults() {
        let policy = helpdesk::NewSlaPolicy::from(NewSlaPolicy {
            team: TeamId(1),
            name: "First response".into(),
            description: String::new(),
            priority: None,
            tags: vec![],
            customers: vec![],
            ticket_types: vec![],
            target_stage: StageId(2),
            excluded_stages: vec![],
            within: Within::default(),
        });
        assert_eq!(policy.priority, Priority::default());
    }

    #[test]
    fn commerce_inputs_take_the_core_defaults() {
        let product = helpdesk::NewProduct::from(NewProduct {
            company: CompanyId(1),
            name: "Toner".into(),
            tracking: None,
            sale_price: None,
            taxes: vec![],
            unit: None,
            service_policy: Some(ServicePolicy::Prepaid),
        });
        assert_eq!(product.tracking, Tracking::default());
        assert_eq!(product.sale_price, Decimal::ZERO);
        assert_eq!(product.service_policy, Some(ServicePolicy::Prepaid));
        let reward = helpdesk::Reward::from(NewReward {
            kind: RewardKind::FixedAmount,
            discount_percent: None,
            fixed_amount: Some(Decimal::TEN),
            free_product: None,
            scope: None,
            products: vec![],
            max_discount: None,
        });
        assert_eq!(reward.scope, RewardScope::default());
        assert_eq!(reward.discount_percent, Decimal::ZERO);
        assert_eq!(reward.fixed_amount, Decimal::TEN);
    }
}
