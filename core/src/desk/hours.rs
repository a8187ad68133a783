//! Support hours (HRS-1 … HRS-8): units of measure, time logged on tickets,
//! prepaid contracts and their remaining hours, upsell alerts, and invoicing
//! what was ordered or delivered.

use super::features::Feature;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::hour_accounting::{bills, LineFacts, LineFigures};
use crate::ids::{
    CompanyId, InvoiceId, PartnerId, SaleOrderId, TicketId, TimeEntryId, UnitCategoryId, UnitId,
    UserId,
};
use crate::model::{
    Company, Invoice, InvoiceKind, OrderLineRef, OutboxKind, Partner, Product, SaleOrder,
    SaleOrderState, ServicePolicy, Team, Ticket, TimeEntry, Unit, UnitCategory, User, UserKind,
};
use crate::model::{OutboxEvent, OutboxPayload};
use crate::money::bounded;
use crate::store::{RecordKey, RecordKind};
use crate::units;
use crate::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const DEFAULT_HOURS_PER_DAY: i64 = 8;

/// Why portal users are refused the time logged on tickets.
const HOURS_ON_CONTRACTS: &str = "portal users see hours on their contracts";

/// Input of [`Helpdesk::create_unit`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewUnit {
    /// The company.
    pub company: CompanyId,
    /// Its category.
    pub category: UnitCategoryId,
    /// Display name (required).
    pub name: String,
    /// How many of the category's reference unit one of it is (positive).
    pub ratio: Decimal,
    /// Rounding (default 0.01).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rounding: Option<Decimal>,
}

/// Input of [`Helpdesk::set_support_hours`]: `None` keeps a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SupportHoursUpdate {
    /// Hours in a working day (the Days unit; default 8).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hours_per_day: Option<Decimal>,
    /// Upsell alert threshold in percent of the ordered quantity (default 100).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub upsell_threshold: Option<Decimal>,
}

/// Input of [`Helpdesk::log_time`] (HRS-4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewTimeEntry {
    /// How long (positive).
    pub quantity: Decimal,
    /// A working-time unit (default Hours).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit: Option<UnitId>,
    /// What was done.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: String,
    /// The day (default today).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date: Option<NaiveDate>,
    /// Who worked (default the acting user).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent: Option<UserId>,
}

/// Input of [`Helpdesk::update_time_entry`]: `None` keeps a value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimeEntryUpdate {
    /// New duration (positive).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub quantity: Option<Decimal>,
    /// New unit.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit: Option<UnitId>,
    /// New description.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// New day.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date: Option<NaiveDate>,
}

/// A ticket's time and its contract (read model).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketHours {
    /// Hours logged on the ticket.
    pub logged_hours: Decimal,
    /// The order line its time is charged to.
    pub sale_line: Option<OrderLineRef>,
    /// Hours left on that line when it is prepaid (may be negative, HRS-5).
    pub remaining_hours: Option<Decimal>,
}

/// A service line of a customer's order with its balance (read model).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContractLine {
    /// The line.
    pub line: OrderLineRef,
    /// The order's number.
    pub order_reference: String,
    /// The order's state.
    pub order_state: SaleOrderState,
    /// The service.
    pub product: crate::ids::ProductId,
    /// How it is invoiced.
    pub policy: ServicePolicy,
    /// The unit of the quantities below.
    pub unit: UnitId,
    /// Ordered.
    pub ordered: Decimal,
    /// Delivered: the time logged on it, in its unit (HRS-4).
    pub delivered: Decimal,
    /// `ordered − delivered`; negative when overspent (HRS-5).
    pub remaining: Decimal,
    /// `remaining` in hours.
    pub remaining_hours: Decimal,
    /// Invoiced (by invoices neither cancelled nor fully refunded).
    pub invoiced: Decimal,
    /// What invoicing would bill now.
    pub invoiceable: Decimal,
    /// Delivered more than ordered (HRS-6).
    pub upselling: bool,
}

/// What the figures of an order's lines read ([`Work::ledger`]).
pub(super) struct Ledger {
    hours: Unit,
    units: HashMap<UnitId, Unit>,
    /// The customer invoices of the order.
    invoices: Vec<Invoice>,
    /// The order's time entries, by the line they charge.
    entries: HashMap<u32, Vec<TimeEntry>>,
}

impl Ledger {
    fn unit(&self, id: UnitId) -> Result<&Unit> {
        self.units
            .get(&id)
            .ok_or_else(|| Error::not_found("unit", id))
    }
}

/// The definitions of a company's working-time units, Hours and Days (the
/// ids are the store's to give).
fn working_time_units(company: CompanyId, category: UnitCategoryId) -> [Unit; 2] {
    [
        ("Hours", Decimal::ONE),
        ("Days", Decimal::from(DEFAULT_HOURS_PER_DAY)),
    ]
    .map(|(name, ratio)| Unit {
        id: UnitId(0),
        company,
        category,
        name: name.into(),
        ratio,
        rounding: Decimal::new(1, 2),
    })
}

impl Work<'_> {
    /// The company's working-time units (Hours, Days) as stored, if the
    /// first write that needs them has created them.
    fn stored_time_units(&mut self, company: CompanyId) -> Result<Option<(Unit, Unit)>> {
        let categories: Vec<UnitCategory> = self.tx.in_company(company)?;
        let Some(category) = categories.into_iter().find(|c| c.working_time) else {
            return Ok(None);
        };
        let of_category: Vec<Unit> = self
            .tx
            .by_key(company, RecordKey::UnitCategory(category.id))?;
        let hours = of_category.iter().find(|u| u.name == "Hours").cloned();
        let days = of_category.iter().find(|u| u.name == "Days").cloned();
        match (hours, days) {
            (Some(hours), Some(days)) => Ok(Some((hours, days))),
            _ => Err(Error::Internal {
                message: "the working-time category lost its Hours or Days".into(),
            }),
        }
    }

    /// The company's working-time units (Hours, Days), created with their
    /// category by the first write that needs them (writes only).
    pub(super) fn time_units(&mut self, company: CompanyId) -> Result<(Unit, Unit)> {
        if let Some(units) = self.stored_time_units(company)? {
            return Ok(units);
        }
        let category = UnitCategory {
            id: UnitCategoryId(self.tx.new_id::<UnitCategory>()?),
            company,
            name: "Working Time".into(),
            working_time: true,
        };
        self.tx.put(&category)?;
        let mut created = Vec::with_capacity(2);
        for unit in working_time_units(company, category.id) {
            let unit = Unit {
                id: UnitId(self.tx.new_id::<Unit>()?),
                ..unit
            };
            self.tx.put(&unit)?;
            created.push(unit);
        }
        let days = created.pop();
        match (created.pop(), days) {
            (Some(hours), Some(days)) => Ok((hours, days)),
            _ => Err(Error::Internal {
                message: "the working-time units were not made".into(),
            }),
        }
    }

    /// What a read converts time with (VIS-13: reads never write): the
    /// stored units, or, before the first write creates them (when nothing
    /// can refer to them yet), their definitions, unsaved.
    fn time_units_to_read(&mut self, company: CompanyId) -> Result<(Unit, Unit)> {
        if let Some(units) = self.stored_time_units(company)? {
            return Ok(units);
        }
        let [hours, days] = working_time_units(company, UnitCategoryId(0));
        Ok((hours, days))
    }

    /// A working-time unit of `company`.
    fn working_unit(&mut self, company: CompanyId, id: UnitId) -> Result<Unit> {
        let (hours, _) = self.time_units(company)?;
        let unit: Unit = load_in(self.tx, id, company)?;
        if unit.category != hours.category {
            return Err(Error::invalid(
                "unit",
                format!("{} is not a unit of working time of the company", unit.name),
            ));
        }
        Ok(unit)
    }

    /// What the figures of an order's lines read, loaded once per order
    /// so that its lines cost one read of its invoices and time entries.
    pub(super) fn ledger(&mut self, order: &SaleOrder) -> Result<Ledger> {
        let company = order.company;
        let (hours, _) = self.time_units_to_read(company)?;
        let units = self
            .tx
            .in_company::<Unit>(company)?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let invoices = self
            .tx
            .by_key::<Invoice>(company, RecordKey::SaleOrder(order.id))?
            .into_iter()
            .filter(|i| i.kind == InvoiceKind::Invoice)
            .collect();
        let mut entries: HashMap<u32, Vec<TimeEntry>> = HashMap::new();
        for entry in self
            .tx
            .by_key::<TimeEntry>(company, RecordKey::SaleOrder(order.id))?
        {
            if let Some(line) = entry.sale_line {
                entries.entry(line.line).or_default().push(entry);
            }
        }
        Ok(Ledger {
            hours,
            units,
            invoices,
            entries,
        })
    }

    /// The figures of an order line (HRS-4, HRS-5, HRS-7).
    pub(super) fn line_figures(
        &mut self,
        ledger: &Ledger,
        order: &SaleOrder,
        line: u32,
    ) -> Result<LineFigures> {
        let order_line = order.lines.get(line as usize).ok_or_else(|| {
            Error::invalid(
                "sale_line",
                format!("order {} has no line {line}", order.reference),
            )
        })?;
        let product: Product = load(self.tx, order_line.product)?;
        let policy = product.service_policy.ok_or_else(|| {
            Error::invalid(
                "sale_line",
                format!(
                    "{} on order {} is not a service",
                    product.name, order.reference
                ),
            )
        })?;
        let unit_id = order_line.unit.or(product.unit).unwrap_or(ledger.hours.id);
        let unit = ledger.unit(unit_id)?;
        let entries = ledger.entries.get(&line).map_or(&[][..], Vec::as_slice);
        LineFigures::of(&LineFacts {
            line,
            policy,
            ordered: order_line.quantity,
            unit,
            hours: &ledger.hours,
            units: &ledger.units,
            invoices: &ledger.invoices,
            entries,
        })
    }

    /// The contract view of a line.
    fn contract_line(
        &mut self,
        ledger: &Ledger,
        order: &SaleOrder,
        line: u32,
    ) -> Result<ContractLine> {
        let figures = self.line_figures(ledger, order, line)?;
        // Exactly ordered − delivered, written with at least the unit's decimals.
        let mut remaining = figures.ordered - figures.delivered;
        let decimals = figures.unit.rounding.normalize().scale();
        if remaining.scale() < decimals {
            remaining.rescale(decimals);
        }
        let remaining_hours = units::convert(remaining, &figures.unit, &figures.hours)?;
        Ok(ContractLine {
            line: OrderLineRef {
                order: order.id,
                line,
            },
            order_reference: order.reference.clone(),
            order_state: order.state,
            product: order.lines[line as usize].product,
            policy: figures.policy,
            unit: figures.unit.id,
            ordered: figures.ordered,
            delivered: figures.delivered,
            remaining,
            remaining_hours,
            invoiced: figures.invoiced,
            invoiceable: figures.invoiceable()?,
            upselling: figures.policy == ServicePolicy::Prepaid
                && figures.delivered > figures.ordered,
        })
    }

    /// The service lines of a customer's confirmed orders, in order.
    fn service_lines(
        &mut self,
        company: CompanyId,
        customer: &Partner,
    ) -> Result<Vec<(SaleOrder, u32)>> {
        let mut lines = Vec::new();
        for order in self
            .tx
            .by_key::<SaleOrder>(company, RecordKey::Customer(customer.commercial_partner))?
        {
            if order.state != SaleOrderState::Confirmed {
                continue;
            }
            for (i, line) in order.lines.iter().enumerate() {
                let product: Product = load(self.tx, line.product)?;
                if product.service_policy.is_some() {
                    lines.push((order.clone(), i as u32));
                }
            }
        }
        Ok(lines)
    }

    /// HRS-5: the first prepaid line of the customer with hours remaining,
    /// or else their first post-paid line.
    pub(super) fn default_sale_line(
        &mut self,
        company: CompanyId,
        customer: PartnerId,
    ) -> Result<Option<OrderLineRef>> {
        let partner: Partner = load(self.tx, customer)?;
        let lines = self.service_lines(company, &partner)?;
        if lines.is_empty() {
            return Ok(None);
        }
        let mut post_paid = None;
        for (order, line) in lines {
            let ledger = self.ledger(&order)?;
            let contract = self.contract_line(&ledger, &order, line)?;
            match contract.policy {
                ServicePolicy::Prepaid if contract.remaining > Decimal::ZERO => {
                    return Ok(Some(contract.line))
                }
                ServicePolicy::Timesheets if post_paid.is_none() => post_paid = Some(contract.line),
                _ => {}
            }
        }
        Ok(post_paid)
    }

    /// HRS-6: raises the line's upsell alert once, when its delivered time
    /// passes the company's threshold of the ordered quantity.
    fn check_upsell(&mut self, line: OrderLineRef) -> Result<()> {
        let mut order: SaleOrder = load(self.tx, line.order)?;
        if order.state != SaleOrderState::Confirmed || order.upsell_alerted.contains(&line.line) {
            return Ok(());
        }
        let ledger = self.ledger(&order)?;
        let figures = self.line_figures(&ledger, &order, line.line)?;
        let company: Company = load(self.tx, order.company)?;
        let threshold = figures.ordered * company.upsell_threshold / Decimal::ONE_HUNDRED;
        if figures.policy != ServicePolicy::Prepaid || figures.delivered <= threshold {
            return Ok(());
        }
        let recipients: Vec<PartnerId> = match order.salesperson {
            Some(id) => vec![load(self.tx, id)?.partner],
            None => self
                .tx
                .shared::<User>(RecordKey::Employer(order.company))?
                .into_iter()
                .filter(|u| u.active && u.is_manager())
                .map(|u| u.partner)
                .collect(),
        };
        let out = super::outbox::Outgoing {
            kind: OutboxKind::Notification,
            event: OutboxEvent::UpsellAlert,
            recipients,
            template: Some("helpdesk.upsell".into()),
            subject: format!(
                "Upsell: order {} line {} is {} {} over",
                order.reference,
                line.line + 1,
                figures.delivered - figures.ordered,
                figures.unit.name
            ),
            body: format!(
                "Delivered {} of {} {} ordered.",
                figures.delivered, figures.ordered, figures.unit.name
            ),
            payload: OutboxPayload {
                order_reference: Some(order.reference.clone()),
                order_line: Some(line.line + 1),
                ordered: Some(figures.ordered),
                delivered: Some(figures.delivered),
                unit_name: Some(figures.unit.name.clone()),
                ..OutboxPayload::default()
            },
            token: None,
        };
        self.send(order.company, None, out)?;
        order.upsell_alerted.push(line.line);
        self.tx.put(&order)
    }

    /// HRS-7: the time `from` billed is billed by `to` instead (an invoice
    /// and the copy that replaces it), so it is never billed twice.
    pub(super) fn move_billed_time(&mut self, from: InvoiceId, to: InvoiceId) -> Result<()> {
        let company = load(self.tx, from)?.company;
        for mut entry in self
            .tx
            .by_key::<TimeEntry>(company, RecordKey::Invoice(from))?
        {
            entry.invoice = Some(to);
            self.tx.put(&entry)?;
        }
        Ok(())
    }

    /// HRS-5: the order line a ticket's time goes to by default: its
    /// customer's on a team that bills time, none otherwise.
    pub(super) fn default_line_of(
        &mut self,
        ticket: &Ticket,
        team: Option<&Team>,
    ) -> Result<Option<OrderLineRef>> {
        match (team, ticket.customer) {
            (Some(team), Some(customer)) if team.settings.time_billing => {
                self.default_sale_line(ticket.company, customer)
            }
            _ => Ok(None),
        }
    }

    /// HRS-5: after a change of customer or team, charges the ticket's
    /// time to its default line (its unbilled entries follow).
    pub(super) fn recharge_default_line(
        &mut self,
        ticket: &mut Ticket,
        team: Option<&Team>,
    ) -> Result<()> {
        let line = self.default_line_of(ticket, team)?;
        if ticket.sale_line != line {
            self.charge_line(ticket, line)?;
        }
        Ok(())
    }

    /// HRS-5: charges a ticket's time to `line`: its entries not billed by
    /// a live invoice follow (the caller stores the ticket).
    pub(super) fn charge_line(
        &mut self,
        ticket: &mut Ticket,
        line: Option<OrderLineRef>,
    ) -> Result<()> {
        ticket.sale_line = line;
        for mut entry in self
            .tx
            .by_key::<TimeEntry>(ticket.company, RecordKey::Ticket(ticket.id))?
        {
            let billed = match entry.invoice {
                Some(id) => bills(&load(self.tx, id)?),
                None => false,
            };
            if !billed && entry.sale_line != line {
                entry.sale_line = line;
                entry.invoice = None;
                self.tx.put(&entry)?;
            }
        }
        if let Some(line) = line {
            self.check_upsell(line)?;
        }
        Ok(())
    }

    /// A time entry the viewer may change: an agent of its company, and
    /// not billed by a live invoice.
    fn changeable_entry(&mut self, id: TimeEntryId) -> Result<TimeEntry> {
        let entry: TimeEntry = load(self.tx, id)?;
        self.changeable_ticket(entry.ticket)?;
        if let Some(invoice) = entry.invoice {
            let invoice: Invoice = load(self.tx, invoice)?;
            if bills(&invoice) {
                return Err(Error::InvalidState {
                    entity: "time_entry",
                    id: id.to_string(),
                    state: "invoiced".into(),
                    reason: format!(
                        "it is billed by {}",
                        invoice
                            .number
                            .unwrap_or_else(|| format!("draft invoice {}", invoice.id))
                    ),
                });
            }
        }
        Ok(entry)
    }

    /// Checks a positive duration.
    fn positive(field: &'static str, quantity: Decimal) -> Result<Decimal> {
        bounded(field, quantity)?;
        if quantity <= Decimal::ZERO {
            return Err(Error::invalid(field, "a duration must be positive"));
        }
        Ok(quantity)
    }
}

impl Helpdesk {
    /// Creates a unit category (managers).
    pub fn create_unit_category(
        &self,
        actor: Actor,
        company: CompanyId,
        name: String,
    ) -> Result<UnitCategory> {
        self.write(actor, |w| {
            w.load_own(company)?;
            w.require_configure(company, "create a unit category")?;
            let category = UnitCategory {
                id: UnitCategoryId(w.tx.new_id::<UnitCategory>()?),
                company,
                name: w.required_text("name", &name)?,
                working_time: false,
            };
            w.tx.put(&category)?;
            Ok(category)
        })
    }

    /// Creates a unit defined by its ratio to its category's reference (managers).
    pub fn create_unit(&self, actor: Actor, input: NewUnit) -> Result<Unit> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a unit")?;
            let category: UnitCategory = load_in(w.tx, input.category, input.company)?;
            let rounding = input.rounding.unwrap_or(Decimal::new(1, 2));
            bounded("ratio", input.ratio)?;
            bounded("rounding", rounding)?;
            let smallest = Decimal::new(1, 6);
            if input.ratio < smallest || rounding < smallest {
                return Err(Error::invalid(
                    "ratio",
                    "ratio and rounding are at least 0.000001",
                ));
            }
            let unit = Unit {
                id: UnitId(w.tx.new_id::<Unit>()?),
                company: input.company,
                category: category.id,
                name: w.required_text("name", &input.name)?,
                ratio: input.ratio,
                rounding,
            };
            w.tx.put(&unit)?;
            Ok(unit)
        })
    }

    /// The company's units, its working-time Hours and Days first created
    /// if needed (internal users).
    pub fn list_units(&self, actor: Actor, company: CompanyId) -> Result<Vec<Unit>> {
        self.write(actor, |w| {
            w.load_own(company)?;
            w.require_company_reader(company, "company", company.0)?;
            w.time_units(company)?;
            w.tx.in_company(company)
        })
    }

    /// HRS-1: `quantity` of one unit in another of the same category.
    pub fn convert_quantity(
        &self,
        actor: Actor,
        quantity: Decimal,
        from: UnitId,
        to: UnitId,
    ) -> Result<Decimal> {
        self.read(actor, |w| {
            let (from, to): (Unit, Unit) = (load(w.tx, from)?, load(w.tx, to)?);
            w.require_company_reader(from.company, "unit", from.id.0)?;
            units::convert(bounded("quantity", quantity)?, &from, &to)
        })
    }

    /// Sets the company's hours per day (the Days unit) and upsell
    /// threshold (managers).
    pub fn set_support_hours(
        &self,
        actor: Actor,
        company: CompanyId,
        update: SupportHoursUpdate,
    ) -> Result<Company> {
        self.write(actor, |w| {
            let mut record: Company = w.load_own(company)?;
            w.require_configure(company, "configure support hours")?;
            if let Some(hours) = update.hours_per_day {
                if hours <= Decimal::ZERO || hours > Decimal::from(24) {
                    return Err(Error::invalid(
                        "hours_per_day",
                        "between 0 (excluded) and 24 hours",
                    ));
                }
                let (_, mut days) = w.time_units(company)?;
                days.ratio = hours;
                w.tx.put(&days)?;
            }
            if let Some(threshold) = update.upsell_threshold {
                bounded("upsell_threshold", threshold)?;
                if threshold <= Decimal::ZERO {
                    return Err(Error::invalid("upsell_threshold", "a positive percentage"));
                }
                record.upsell_threshold = threshold;
                w.tx.put(&record)?;
            }
            Ok(record)
        })
    }

    /// HRS-4: logs time on a ticket (agents; the team tracks time); it
    /// charges the ticket's order line.
    pub fn log_time(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewTimeEntry,
    ) -> Result<TimeEntry> {
        self.write(actor, |w| {
            let (ticket, _) = w.ticket_with(ticket, Feature::TimeTracking)?;
            let quantity = Work::positive("quantity", input.quantity)?;
            let (hours, _) = w.time_units(ticket.company)?;
            let unit = w.working_unit(ticket.company, input.unit.unwrap_or(hours.id))?;
            let agent = match (input.agent, w.user()) {
                (Some(id), _) => id,
                (None, Some(me)) => me.id,
                (None, None) => {
                    return Err(Error::invalid(
                        "agent",
                        "the host names the agent who worked",
                    ))
                }
            };
            let user: User = load(w.tx, agent)?;
            if !user.active || !user.is_agent() || !user.works_for(ticket.company) {
                return Err(Error::invalid(
                    "agent",
                    format!(
                        "{} is not an active agent of the ticket's company",
                        user.name
                    ),
                ));
            }
            let entry = TimeEntry {
                id: TimeEntryId(w.tx.new_id::<TimeEntry>()?),
                company: ticket.company,
                ticket: ticket.id,
                agent,
                date: input.date.unwrap_or(w.now.date_naive()),
                quantity,
                unit: unit.id,
                description: w.text("description", &input.description)?,
                sale_line: ticket.sale_line,
                invoice: None,
            };
            w.tx.put(&entry)?;
            let mut ticket = ticket;
            ticket.last_activity_at = w.now;
            w.tx.put_ticket(&ticket)?;
            if let Some(line) = entry.sale_line {
                w.check_upsell(line)?;
            }
            Ok(entry)
        })
    }

    /// Changes a time entry not yet billed (agents).
    pub fn update_time_entry(
        &self,
        actor: Actor,
        id: TimeEntryId,
        update: TimeEntryUpdate,
    ) -> Result<TimeEntry> {
        self.write(actor, |w| {
            let mut entry = w.changeable_entry(id)?;
            if let Some(quantity) = update.quantity {
                entry.quantity = Work::positive("quantity", quantity)?;
            }
            if let Some(unit) = update.unit {
                entry.unit = w.working_unit(entry.company, unit)?.id;
            }
            if let Some(description) = update.description.clone() {
                entry.description = w.text("description", &description)?;
            }
            if let Some(date) = update.date {
                entry.date = date;
            }
            entry.invoice = None;
            w.tx.put(&entry)?;
            if let Some(line) = entry.sale_line {
                w.check_upsell(line)?;
            }
            Ok(entry)
        })
    }

    /// Deletes a time entry not yet billed (agents).
    pub fn delete_time_entry(&self, actor: Actor, id: TimeEntryId) -> Result<()> {
        self.write(actor, |w| {
            w.changeable_entry(id)?;
            w.tx.delete_record(RecordKind::TimeEntry, id.0)?;
            Ok(())
        })
    }

    /// A ticket's time entries, by id (internal users who see it).
    pub fn ticket_time_entries(&self, actor: Actor, ticket: TicketId) -> Result<Vec<TimeEntry>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.require_internal("read time entries", HOURS_ON_CONTRACTS)?;
            w.tx.by_key(ticket.company, RecordKey::Ticket(ticket.id))
        })
    }

    /// HRS-5: charges a ticket's time to another service line of the same
    /// customer, or to none (agents); its unbilled entries follow.
    pub fn set_ticket_sale_line(
        &self,
        actor: Actor,
        ticket: TicketId,
        sale_line: Option<OrderLineRef>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.changeable_ticket(ticket)?;
            if let Some(line) = sale_line {
                let order: SaleOrder = load(w.tx, line.order)?;
                let customer = match ticket.customer {
                    Some(id) => load(w.tx, id)?,
                    None => {
                        return Err(Error::invalid(
                            "sale_line",
                            format!("ticket {} has no customer", ticket.reference),
                        ))
                    }
                };
                let customer: Partner = customer;
                if order.company != ticket.company
                    || order.commercial_partner != customer.commercial_partner
                {
                    return Err(Error::invalid(
                        "sale_line",
                        format!("order {} is another customer's", order.reference),
                    ));
                }
                if order.state != SaleOrderState::Confirmed {
                    return Err(Error::InvalidState {
                        entity: "sale_order",
                        id: order.reference.clone(),
                        state: format!("{:?}", order.state).to_lowercase(),
                        reason: "time is charged to confirmed orders".into(),
                    });
                }
                let ledger = w.ledger(&order)?;
                w.line_figures(&ledger, &order, line.line)?;
            }
            w.charge_line(&mut ticket, sale_line)?;
            ticket.last_activity_at = w.now;
            w.tx.put_ticket(&ticket)?;
            Ok(ticket)
        })
    }

    /// A ticket's logged hours and the hours left on its contract
    /// (internal users who see it).
    pub fn ticket_hours(&self, actor: Actor, ticket: TicketId) -> Result<TicketHours> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.require_internal("read time", HOURS_ON_CONTRACTS)?;
            let (hours, _) = w.time_units_to_read(ticket.company)?;
            let mut reference = Decimal::ZERO;
            for entry in
                w.tx.by_key::<TimeEntry>(ticket.company, RecordKey::Ticket(ticket.id))?
            {
                let unit: Unit = load(w.tx, entry.unit)?;
                reference += units::to_reference(entry.quantity, &unit)?;
            }
            let remaining_hours = match ticket.sale_line {
                Some(line) => {
                    let order: SaleOrder = load(w.tx, line.order)?;
                    let ledger = w.ledger(&order)?;
                    let contract = w.contract_line(&ledger, &order, line.line)?;
                    (contract.policy == ServicePolicy::Prepaid).then_some(contract.remaining_hours)
                }
                None => None,
            };
            Ok(TicketHours {
                logged_hours: units::from_reference(reference, &hours)?,
                sale_line: ticket.sale_line,
                remaining_hours,
            })
        })
    }

    /// A customer's support contracts: the service lines of their
    /// confirmed orders with ordered, delivered, remaining and invoiced
    /// quantities (internal users of the company; portal users for their
    /// own company).
    pub fn customer_contracts(
        &self,
        actor: Actor,
        company: CompanyId,
        customer: PartnerId,
    ) -> Result<Vec<ContractLine>> {
        self.read(actor, |w| {
            let partner: Partner = load(w.tx, customer)?;
            match w.user().cloned() {
                Some(u) if u.kind == UserKind::Portal => {
                    let own: Partner = load(w.tx, u.partner)?;
                    if own.commercial_partner != partner.commercial_partner || !u.works_for(company)
                    {
                        return Err(Error::not_found("partner", customer));
                    }
                }
                Some(u) if !u.works_for(company) => {
                    return Err(Error::not_found("company", company))
                }
                _ => {}
            }
            let mut out = Vec::new();
            let mut ledger: Option<(SaleOrderId, Ledger)> = None;
            for (order, line) in w.service_lines(company, &partner)? {
                // Lines of one order come together: one ledger per order.
                let book = match ledger.take() {
                    Some((id, book)) if id == order.id => book,
                    _ => w.ledger(&order)?,
                };
                out.push(w.contract_line(&book, &order, line)?);
                ledger = Some((order.id, book));
            }
            Ok(out)
        })
    }

    /// HRS-6: the confirmed orders with a prepaid line delivered beyond
    /// what was ordered (internal users of the company).
    pub fn upsell_orders(&self, actor: Actor, company: CompanyId) -> Result<Vec<SaleOrder>> {
        self.read(actor, |w| {
            w.require_company_reader(company, "company", company.0)?;
            let mut out = Vec::new();
            for order in w.tx.in_company::<SaleOrder>(company)? {
                if order.state != SaleOrderState::Confirmed {
                    continue;
                }
                let ledger = w.ledger(&order)?;
                let mut upselling = false;
                for i in 0..order.lines.len() {
                    let product: Product = load(w.tx, order.lines[i].product)?;
                    if product.service_policy == Some(ServicePolicy::Prepaid) {
                        upselling |= w.contract_line(&ledger, &order, i as u32)?.upselling;
                    }
                }
                if upselling {
                    out.push(order);
                }
            }
            Ok(out)
        })
    }
}
