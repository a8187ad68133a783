//! The lifecycle of a sales order, in one place: recorded as a draft by
//! the host, confirmed, marked done or cancelled, and invoiced for what
//! its lines may bill (HRS-3, HRS-7).

use super::records::{load, Records};
use super::Helpdesk;
use crate::access::Actor;
use crate::ids::*;
use crate::invoicing::{self, DraftInvoice};
use crate::model::*;
use crate::money::bounded;
use crate::store::Sequence;
use crate::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_sale_order`]: a draft order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewSaleOrder {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// ISO 4217 code of its currency.
    pub currency: String,
    /// Lines (at least one; quantities positive, prices not negative).
    pub lines: Vec<SaleOrderLine>,
    /// Who sold it (upsell alerts go to them).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub salesperson: Option<UserId>,
}

impl Helpdesk {
    /// Records a draft sales order (the host, managers).
    pub fn create_sale_order(&self, actor: Actor, input: NewSaleOrder) -> Result<SaleOrder> {
        self.write(actor, |w| {
            w.require_bookkeeper(input.company, "record a sales order")?;
            let customer = w.customer_of(input.company, input.customer)?;
            let currency = w.currency(&input.currency)?;
            if input.lines.is_empty() {
                return Err(Error::invalid("lines", "an order needs at least one line"));
            }
            for line in &input.lines {
                let product = w.product_of(input.company, line.product)?;
                bounded("lines", line.quantity)?;
                bounded("lines", line.unit_price)?;
                if line.quantity <= Decimal::ZERO || line.unit_price < Decimal::ZERO {
                    return Err(Error::invalid(
                        "lines",
                        format!(
                            "{}: quantity must be positive and price not negative",
                            product.name
                        ),
                    ));
                }
                if let (Some(unit), Some(own)) = (line.unit, product.unit) {
                    let (unit, own): (Unit, Unit) = (load(w.tx, unit)?, load(w.tx, own)?);
                    if unit.category != own.category {
                        return Err(Error::invalid(
                            "lines",
                            format!(
                                "{} is sold in {}, not in {}",
                                product.name, own.name, unit.name
                            ),
                        ));
                    }
                }
            }
            if let Some(id) = input.salesperson {
                let user: User = load(w.tx, id)?;
                if user.kind != UserKind::Internal || !user.works_for(input.company) {
                    return Err(Error::invalid(
                        "salesperson",
                        format!("{} is not an employee of the company", user.name),
                    ));
                }
            }
            let n = w.tx.next_value(Sequence::SaleOrderNumber(input.company))?;
            let order = SaleOrder {
                id: SaleOrderId(w.tx.new_id::<SaleOrder>()?),
                company: input.company,
                reference: format!("S{n:05}"),
                customer: customer.id,
                commercial_partner: customer.commercial_partner,
                currency,
                state: SaleOrderState::Draft,
                lines: input.lines.clone(),
                confirmed_at: None,
                salesperson: input.salesperson,
                upsell_alerted: Vec::new(),
            };
            w.tx.put(&order)?;
            Ok(order)
        })
    }

    /// Confirms a draft sales order (the host, managers).
    pub fn confirm_sale_order(&self, actor: Actor, id: SaleOrderId) -> Result<SaleOrder> {
        self.write(actor, |w| {
            let mut order: SaleOrder = w.load_own(id)?;
            w.require_bookkeeper(order.company, "confirm a sales order")?;
            if order.state != SaleOrderState::Draft {
                return Err(Error::InvalidState {
                    entity: "sale_order",
                    id: order.reference.clone(),
                    state: format!("{:?}", order.state).to_lowercase(),
                    reason: "only a draft order can be confirmed".into(),
                });
            }
            order.state = SaleOrderState::Confirmed;
            order.confirmed_at = Some(w.now);
            w.tx.put(&order)?;
            Ok(order)
        })
    }

    /// A sales order (internal users of its company).
    pub fn get_sale_order(&self, actor: Actor, id: SaleOrderId) -> Result<SaleOrder> {
        self.read(actor, |w| {
            let order: SaleOrder = load(w.tx, id)?;
            w.require_company_reader(order.company, "sale_order", id.0)?;
            Ok(order)
        })
    }

    /// Marks a confirmed order done: nothing more to deliver, off the
    /// upsell list (HRS-6). The host and managers.
    pub fn mark_sale_order_done(&self, actor: Actor, id: SaleOrderId) -> Result<SaleOrder> {
        self.set_order_state(actor, id, SaleOrderState::Done)
    }

    /// Cancels a draft or confirmed order (the host, managers).
    pub fn cancel_sale_order(&self, actor: Actor, id: SaleOrderId) -> Result<SaleOrder> {
        self.set_order_state(actor, id, SaleOrderState::Cancelled)
    }

    fn set_order_state(
        &self,
        actor: Actor,
        id: SaleOrderId,
        state: SaleOrderState,
    ) -> Result<SaleOrder> {
        self.write(actor, |w| {
            let mut order: SaleOrder = w.load_own(id)?;
            w.require_configure(order.company, "change a sales order")?;
            let allowed = match state {
                SaleOrderState::Done => order.state == SaleOrderState::Confirmed,
                SaleOrderState::Cancelled => matches!(
                    order.state,
                    SaleOrderState::Draft | SaleOrderState::Confirmed
                ),
                _ => false,
            };
            if !allowed {
                return Err(Error::InvalidState {
                    entity: "sale_order",
                    id: order.reference.clone(),
                    state: format!("{:?}", order.state).to_lowercase(),
                    reason: format!("it cannot become {state:?}").to_lowercase(),
                });
            }
            order.state = state;
            w.tx.put(&order)?;
            Ok(order)
        })
    }

    /// HRS-3, HRS-7: a draft invoice of what a confirmed order may bill
    /// now: prepaid lines for their ordered quantity not yet invoiced,
    /// post-paid lines for the time delivered and not yet billed (those
    /// entries are marked, never billed twice). The host and managers.
    pub fn invoice_sale_order(
        &self,
        actor: Actor,
        id: SaleOrderId,
        journal: JournalId,
    ) -> Result<Invoice> {
        self.write(actor, |w| {
            let order: SaleOrder = w.load_own(id)?;
            w.require_configure(order.company, "invoice a sales order")?;
            if !matches!(
                order.state,
                SaleOrderState::Confirmed | SaleOrderState::Done
            ) {
                return Err(Error::InvalidState {
                    entity: "sale_order",
                    id: order.reference.clone(),
                    state: format!("{:?}", order.state).to_lowercase(),
                    reason: "confirm the order before invoicing it".into(),
                });
            }
            let journal = w.sale_journal(order.company, journal)?;
            let invoice_id = InvoiceId(w.tx.new_id::<Invoice>()?);
            let ledger = w.ledger(&order)?;
            let mut lines = Vec::new();
            for (index, line) in order.lines.iter().enumerate() {
                let product: Product = load(w.tx, line.product)?;
                let quantity = match product.service_policy {
                    Some(_) => {
                        let figures = w.line_figures(&ledger, &order, index as u32)?;
                        let quantity = figures.invoiceable()?;
                        // Only the entries of a line that is billed are marked.
                        if figures.policy == ServicePolicy::Timesheets && quantity > Decimal::ZERO {
                            for entry in &figures.unbilled {
                                let mut stored: TimeEntry = load(w.tx, entry.id)?;
                                stored.invoice = Some(invoice_id);
                                w.tx.put(&stored)?;
                            }
                        }
                        quantity
                    }
                    None => Decimal::ZERO,
                };
                if quantity <= Decimal::ZERO {
                    continue;
                }
                let taxes: Vec<Tax> = w.taxes_of(order.company, &product.taxes)?;
                let refs: Vec<&Tax> = taxes.iter().collect();
                let (subtotal, tax, total) =
                    invoicing::line_amounts(&order.currency, quantity, line.unit_price, &refs);
                lines.push(InvoiceLine {
                    product: Some(product.id),
                    label: format!("{}: {}", order.reference, product.name),
                    quantity,
                    unit_price: line.unit_price,
                    taxes: product.taxes.clone(),
                    subtotal,
                    tax,
                    total,
                    reverses: None,
                    sale_line: Some(index as u32),
                });
            }
            if lines.is_empty() {
                return Err(Error::InvalidState {
                    entity: "sale_order",
                    id: order.reference.clone(),
                    state: "nothing to invoice".into(),
                    reason: "every line is invoiced up to what it may bill".into(),
                });
            }
            let invoice = DraftInvoice {
                id: invoice_id,
                company: order.company,
                customer: order.customer,
                commercial_partner: order.commercial_partner,
                journal: journal.id,
                currency: order.currency.clone(),
                date: w.now.date_naive(),
                sale_order: Some(order.id),
                reference: order.reference.clone(),
            }
            .with_lines(lines);
            w.tx.put(&invoice)?;
            Ok(invoice)
        })
    }
}
