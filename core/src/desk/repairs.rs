//! Repair orders from a ticket (REP-1). Whoever sees the ticket sees its
//! repairs through it; agents change them.

use super::features::Feature;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{PartnerId, ProductId, RepairId, SaleOrderId, TicketId, TransferId, UserId};
use crate::model::{
    DocumentKind, DocumentRef, Product, Repair, RepairPart, RepairState, SaleOrder, SaleOrderLine,
    SaleOrderState, Transfer, TransferKind, User, UserKind,
};
use crate::money::bounded;
use crate::store::Sequence;
use crate::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_repair`]: `None` takes the ticket's value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewRepair {
    /// The customer (default the ticket's).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customer: Option<PartnerId>,
    /// The product to repair (default the ticket's; required).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub product: Option<ProductId>,
    /// Its lot or serial number (default the ticket's).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lot: Option<String>,
    /// The return it came back with (default the ticket's latest return).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub return_transfer: Option<TransferId>,
    /// The sales order (default the ticket's charged order, or the return's).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
    /// When (default today).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheduled_date: Option<NaiveDate>,
    /// Who manages it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub responsible: Option<UserId>,
    /// Tags.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Vec<String>,
    /// Every part free of charge.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub under_warranty: bool,
    /// Internal notes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: String,
}

/// Input of [`Helpdesk::update_repair`]: `None` keeps a value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RepairUpdate {
    /// Under warranty: every part's price becomes zero; off again, each
    /// part takes its product's price back.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub under_warranty: Option<bool>,
    /// New date.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheduled_date: Option<NaiveDate>,
    /// New responsible.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub responsible: Option<UserId>,
    /// New tags.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Option<Vec<String>>,
    /// New notes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Option<String>,
}

/// Input of [`Helpdesk::add_repair_part`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewRepairPart {
    /// The part.
    pub product: ProductId,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Sale price (default the product's; zero under warranty).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit_price: Option<Decimal>,
}

impl Work<'_> {
    /// The repair and its ticket, if the viewer may change the ticket.
    fn changeable_repair(&mut self, id: RepairId) -> Result<Repair> {
        let repair: Repair = load(self.tx, id)?;
        self.changeable_ticket(repair.ticket)?;
        Ok(repair)
    }

    /// A responsible employee of the repair's company.
    fn responsible(&mut self, repair: &Repair, id: UserId) -> Result<()> {
        let user: User = load(self.tx, id)?;
        if !user.active || !user.is_agent() || !user.works_for(repair.company) {
            return Err(Error::invalid(
                "responsible",
                format!("{} is not an active agent of the company", user.name),
            ));
        }
        Ok(())
    }

    fn require_open(repair: &Repair, action: &str) -> Result<()> {
        if matches!(repair.state, RepairState::Repaired | RepairState::Cancelled) {
            return Err(Error::InvalidState {
                entity: "repair",
                id: repair.reference.clone(),
                state: format!("{:?}", repair.state).to_lowercase(),
                reason: format!("a finished repair cannot {action}"),
            });
        }
        Ok(())
    }
}

impl Helpdesk {
    /// REP-1: a repair order from a ticket, taking its customer, product,
    /// lot, return and sales order (each may be given instead); kept by the
    /// ticket (agents; the team's repairs switch on).
    pub fn create_repair(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewRepair,
    ) -> Result<Repair> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Repairs)?;
            let product_id = input.product.or(ticket.product).ok_or_else(|| {
                Error::invalid(
                    "product",
                    format!(
                        "ticket {} names no product: say which one to repair",
                        ticket.reference
                    ),
                )
            })?;
            let product: Product = w.product_of(ticket.company, product_id)?;
            let customer = input.customer.or(ticket.customer);
            if let Some(id) = customer {
                load_in(w.tx, id, ticket.company)?;
            }
            let latest_return = ticket
                .documents
                .iter()
                .rev()
                .find(|d| d.kind == DocumentKind::Return)
                .map(|d| TransferId(d.id));
            let return_transfer = input.return_transfer.or(latest_return);
            let mut sale_order = input.sale_order.or(ticket.sale_line.map(|l| l.order));
            if let Some(id) = return_transfer {
                let transfer: Transfer = load_in(w.tx, id, ticket.company)?;
                let of_customer = match customer {
                    Some(c) => {
                        load::<PartnerId>(w.tx, c)?.commercial_partner
                            == transfer.commercial_partner
                    }
                    None => true,
                };
                if transfer.kind != TransferKind::Return || !of_customer {
                    return Err(Error::invalid(
                        "return_transfer",
                        format!(
                            "{} is not a return of the repair's customer",
                            transfer.reference
                        ),
                    ));
                }
                sale_order = sale_order.or(transfer.sale_order);
            }
            if let Some(id) = sale_order {
                load_in(w.tx, id, ticket.company)?;
            }
            let n = w.tx.next_value(Sequence::RepairNumber(ticket.company))?;
            let repair = Repair {
                id: RepairId(w.tx.new_id::<Repair>()?),
                company: ticket.company,
                reference: format!("RO/{n:05}"),
                ticket: ticket.id,
                customer,
                product: product.id,
                lot: w.optional_text("lot", input.lot.clone().or(ticket.lot.clone()))?,
                return_transfer,
                sale_order,
                scheduled_date: input.scheduled_date.unwrap_or(w.now.date_naive()),
                responsible: input.responsible,
                tags: w.tags(input.tags.clone())?,
                under_warranty: input.under_warranty,
                parts: Vec::new(),
                notes: w.text("notes", &input.notes)?,
                state: RepairState::New,
                quotation: None,
            };
            if let Some(id) = repair.responsible {
                w.responsible(&repair, id)?;
            }
            w.tx.put(&repair)?;
            ticket.documents.push(DocumentRef {
                kind: DocumentKind::Repair,
                id: repair.id.0,
            });
            w.note_on_ticket(
                ticket.id,
                format!("Repair order {} created", repair.reference),
            )?;
            w.tx.put_ticket(&ticket)?;
            Ok(repair)
        })
    }

    /// A repair, to whoever sees its ticket (REP-1: no repair rights needed).
    pub fn get_repair(&self, actor: Actor, id: RepairId) -> Result<Repair> {
        self.read(actor, |w| {
            let repair: Repair = load(w.tx, id)?;
            w.require_document_reader(repair.company, Some(repair.ticket), "repair", id.0)?;
            w.redact_repair(repair)
        })
    }

    /// The repairs of a ticket, to whoever sees it.
    pub fn ticket_repairs(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Repair>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.documents(&ticket, DocumentKind::Repair, RepairId)?
                .into_iter()
                .map(|r| w.redact_repair(r))
                .collect()
        })
    }

    /// Changes a repair's warranty, date, responsible, tags or notes (agents).
    pub fn update_repair(
        &self,
        actor: Actor,
        id: RepairId,
        update: RepairUpdate,
    ) -> Result<Repair> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            Work::require_open(&repair, "change")?;
            if let Some(warranty) = update.under_warranty {
                repair.under_warranty = warranty;
                for part in &mut repair.parts {
                    part.unit_price = if warranty {
                        Decimal::ZERO
                    } else {
                        load(w.tx, part.product)?.sale_price
                    };
                }
            }
            if let Some(date) = update.scheduled_date {
                repair.scheduled_date = date;
            }
            if let Some(user) = update.responsible {
                w.responsible(&repair, user)?;
                repair.responsible = Some(user);
            }
            if let Some(tags) = update.tags.clone() {
                repair.tags = w.tags(tags)?;
            }
            if let Some(notes) = update.notes.clone() {
                repair.notes = w.text("notes", &notes)?;
            }
            w.tx.put(&repair)?;
            Ok(repair)
        })
    }

    /// Adds a part (agents); under warranty its price is zero.
    pub fn add_repair_part(
        &self,
        actor: Actor,
        id: RepairId,
        part: NewRepairPart,
    ) -> Result<Repair> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            Work::require_open(&repair, "take parts")?;
            let product = w.product_of(repair.company, part.product)?;
            bounded("quantity", part.quantity)?;
            if part.quantity <= Decimal::ZERO {
                return Err(Error::invalid(
                    "quantity",
                    format!("{}: a quantity must be positive", product.name),
                ));
            }
            let price = bounded("unit_price", part.unit_price.unwrap_or(product.sale_price))?;
            if price < Decimal::ZERO {
                return Err(Error::invalid("unit_price", "a price cannot be negative"));
            }
            repair.parts.push(RepairPart {
                product: product.id,
                quantity: part.quantity,
                unit_price: if repair.under_warranty {
                    Decimal::ZERO
                } else {
                    price
                },
            });
            w.tx.put(&repair)?;
            Ok(repair)
        })
    }

    /// Removes the part at `index` (agents).
    pub fn remove_repair_part(&self, actor: Actor, id: RepairId, index: u32) -> Result<Repair> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            Work::require_open(&repair, "give parts back")?;
            if index as usize >= repair.parts.len() {
                return Err(Error::invalid(
                    "index",
                    format!("{} has no part {index}", repair.reference),
                ));
            }
            repair.parts.remove(index as usize);
            w.tx.put(&repair)?;
            Ok(repair)
        })
    }

    /// Moves a repair on: new → confirmed → under repair → repaired (agents).
    pub fn advance_repair(&self, actor: Actor, id: RepairId) -> Result<Repair> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            repair.state = match repair.state {
                RepairState::New => RepairState::Confirmed,
                RepairState::Confirmed => RepairState::UnderRepair,
                RepairState::UnderRepair => RepairState::Repaired,
                _ => {
                    Work::require_open(&repair, "move on")?;
                    repair.state
                }
            };
            w.tx.put(&repair)?;
            Ok(repair)
        })
    }

    /// Cancels a repair not yet repaired (agents, REP-1).
    pub fn cancel_repair(&self, actor: Actor, id: RepairId) -> Result<Repair> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            Work::require_open(&repair, "be cancelled")?;
            repair.state = RepairState::Cancelled;
            w.tx.put(&repair)?;
            Ok(repair)
        })
    }

    /// A draft quotation (sales order) of the repair's parts for its
    /// customer (agents).
    pub fn repair_quotation(
        &self,
        actor: Actor,
        id: RepairId,
        currency: String,
    ) -> Result<SaleOrder> {
        self.write(actor, |w| {
            let mut repair = w.changeable_repair(id)?;
            let customer_id = repair.customer.ok_or_else(|| {
                Error::invalid(
                    "customer",
                    format!("{} has no customer to quote", repair.reference),
                )
            })?;
            if repair.parts.is_empty() {
                return Err(Error::invalid(
                    "parts",
                    format!("{} has no parts to quote", repair.reference),
                ));
            }
            let customer = w.customer_of(repair.company, customer_id)?;
            let currency = w.currency(&currency)?;
            let n = w.tx.next_value(Sequence::SaleOrderNumber(repair.company))?;
            let order = SaleOrder {
                id: SaleOrderId(w.tx.new_id::<SaleOrder>()?),
                company: repair.company,
                reference: format!("S{n:05}"),
                customer: customer.id,
                commercial_partner: customer.commercial_partner,
                currency,
                state: SaleOrderState::Draft,
                lines: repair
                    .parts
                    .iter()
                    .map(|p| SaleOrderLine {
                        product: p.product,
                        quantity: p.quantity,
                        unit_price: p.unit_price,
                        unit: None,
                    })
                    .collect(),
                confirmed_at: None,
                salesperson: repair.responsible,
                upsell_alerted: Vec::new(),
            };
            w.tx.put(&order)?;
            repair.quotation = Some(order.id);
            w.tx.put(&repair)?;
            Ok(order)
        })
    }
}

impl Work<'_> {
    /// Portal customers follow their repairs but never read internal notes,
    /// nor another customer's contact (VIS-4, VIS-10).
    fn redact_repair(&mut self, mut repair: Repair) -> Result<Repair> {
        if self.user().is_some_and(|u| u.kind == UserKind::Portal) {
            repair.notes.clear();
        }
        if self.is_other_customer(repair.customer)? {
            repair.customer = None;
        }
        Ok(repair)
    }

    /// A repair's tags: each trimmed and within the desk's limits, the
    /// empty ones left out.
    fn tags(&self, tags: Vec<String>) -> Result<Vec<String>> {
        let mut kept = Vec::with_capacity(tags.len());
        for tag in tags {
            kept.extend(self.optional_text("tags", Some(tag))?);
        }
        Ok(kept)
    }
}
