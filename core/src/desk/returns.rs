//! Stock the after-sales desk needs (locations, deliveries) and returns from a
//! ticket (RET-1, RET-2): the reference's return wizard as operations.

use super::features::Feature;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, LocationId, PartnerId, ProductId, SaleOrderId, TicketId, TransferId};
use crate::model::{
    DocumentKind, DocumentRef, Location, LocationKind, Partner, Ticket, Transfer, TransferKind,
    TransferLine, TransferState,
};
use crate::money::bounded;
use crate::store::{RecordKey, Sequence};
use crate::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_location`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewLocation {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// What it is.
    pub kind: LocationKind,
}

/// Input of [`Helpdesk::create_delivery`]: a delivery as the ERP has it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewDelivery {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// The sales order it fulfils.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
    /// From (an internal location).
    pub source: LocationId,
    /// To (a customer location).
    pub destination: LocationId,
    /// Lines (at least one).
    pub lines: Vec<TransferLine>,
}

/// Narrows [`Helpdesk::returnable_deliveries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReturnFilter {
    /// Only deliveries of this sales order.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
    /// Only deliveries with this product.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub product: Option<ProductId>,
}

/// A delivery line and what may come back of it (RET-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReturnableLine {
    /// The line's index in the delivery.
    pub line: u32,
    /// The product.
    pub product: ProductId,
    /// Its lot or serial number.
    pub lot: Option<String>,
    /// Delivered.
    pub delivered: Decimal,
    /// Already returned (returns not cancelled).
    pub returned: Decimal,
    /// `delivered − returned`: the default quantity to return.
    pub returnable: Decimal,
}

/// A done delivery with something left to return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReturnableDelivery {
    /// The delivery.
    pub delivery: Transfer,
    /// Its lines.
    pub lines: Vec<ReturnableLine>,
}

/// A quantity to return of one delivery line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReturnQuantity {
    /// The delivery line's index.
    pub line: u32,
    /// How many (0 leaves the line out).
    pub quantity: Decimal,
}

/// Input of [`Helpdesk::return_products`] and
/// [`Helpdesk::return_for_exchange`] (RET-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReturnRequest {
    /// The done delivery.
    pub delivery: TransferId,
    /// Quantities per line (default: everything returnable).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lines: Option<Vec<ReturnQuantity>>,
    /// Where the goods go (an internal location; default the delivery's source).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub location: Option<LocationId>,
}

/// What [`Helpdesk::return_for_exchange`] made (RET-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Exchange {
    /// The incoming return.
    pub return_transfer: Transfer,
    /// The outgoing delivery of the replacements.
    pub delivery: Transfer,
}

/// RET-1: what may come back of each line of a done delivery, given every
/// transfer of the store (its returns are among them).
fn returnable_lines(delivery: &Transfer, transfers: &[Transfer]) -> Vec<ReturnableLine> {
    let returns: Vec<&Transfer> = transfers
        .iter()
        .filter(|t| t.origin == Some(delivery.id) && t.state != TransferState::Cancelled)
        .collect();
    delivery
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let returned: Decimal = returns
                .iter()
                .flat_map(|r| &r.lines)
                .filter(|l| l.returns_line == Some(i as u32))
                .map(|l| l.quantity)
                .sum();
            ReturnableLine {
                line: i as u32,
                product: line.product,
                lot: line.lot.clone(),
                delivered: line.quantity,
                returned,
                returnable: line.quantity - returned,
            }
        })
        .collect()
}

impl Work<'_> {
    /// A location of `company`, of `kind`.
    fn location_of(
        &mut self,
        company: CompanyId,
        id: LocationId,
        kind: LocationKind,
        field: &'static str,
    ) -> Result<Location> {
        let location: Location = load(self.tx, id)?;
        if location.company != company || location.kind != kind {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is not a {kind:?} location of the company",
                    location.name
                )
                .to_lowercase(),
            ));
        }
        Ok(location)
    }

    /// A done delivery of the ticket's customer (RET-1).
    fn customer_delivery(&mut self, ticket: &Ticket, id: TransferId) -> Result<Transfer> {
        let delivery: Transfer = load(self.tx, id)?;
        let customer = match ticket.customer {
            Some(id) => load::<PartnerId>(self.tx, id)?,
            None => {
                return Err(Error::invalid(
                    "ticket",
                    format!("ticket {} has no customer", ticket.reference),
                ))
            }
        };
        let customer: Partner = customer;
        if delivery.kind != TransferKind::Delivery
            || delivery.company != ticket.company
            || delivery.commercial_partner != customer.commercial_partner
        {
            return Err(Error::invalid(
                "delivery",
                format!(
                    "{} is not a delivery to {}",
                    delivery.reference, customer.name
                ),
            ));
        }
        if delivery.state != TransferState::Done {
            return Err(Error::InvalidState {
                entity: "transfer",
                id: delivery.reference.clone(),
                state: format!("{:?}", delivery.state).to_lowercase(),
                reason: "only a done delivery can be returned (RET-1)".into(),
            });
        }
        Ok(delivery)
    }

    /// Numbers and stores a transfer.
    fn new_transfer(&mut self, mut transfer: Transfer) -> Result<Transfer> {
        let back = transfer.kind == TransferKind::Return;
        let n = self
            .tx
            .next_value(Sequence::TransferNumber(transfer.company, back))?;
        transfer.id = TransferId(self.tx.new_id::<Transfer>()?);
        transfer.reference = format!("WH/{}/{n:05}", if back { "IN" } else { "OUT" });
        self.tx.put(&transfer)?;
        Ok(transfer)
    }

    /// RET-1, RET-2: the incoming return of a delivery, linked to the ticket.
    fn make_return(&mut self, ticket: &mut Ticket, request: &ReturnRequest) -> Result<Transfer> {
        let delivery = self.customer_delivery(ticket, request.delivery)?;
        let returns: Vec<Transfer> = self
            .tx
            .by_key(delivery.company, RecordKey::Origin(delivery.id))?;
        let returnable = returnable_lines(&delivery, &returns);
        let wanted: Vec<ReturnQuantity> = match &request.lines {
            Some(lines) => lines.clone(),
            None => returnable
                .iter()
                .map(|l| ReturnQuantity {
                    line: l.line,
                    quantity: l.returnable,
                })
                .collect(),
        };
        let mut lines = Vec::new();
        for want in &wanted {
            let line = returnable.get(want.line as usize).ok_or_else(|| {
                Error::invalid(
                    "lines",
                    format!("{} has no line {}", delivery.reference, want.line),
                )
            })?;
            if want.quantity < Decimal::ZERO || want.quantity > line.returnable {
                return Err(Error::invalid(
                    "lines",
                    format!(
                        "line {} of {}: {} may come back, not {}",
                        want.line, delivery.reference, line.returnable, want.quantity
                    ),
                ));
            }
            if lines
                .iter()
                .any(|l: &TransferLine| l.returns_line == Some(want.line))
            {
                return Err(Error::invalid(
                    "lines",
                    format!("line {} is listed twice", want.line),
                ));
            }
            if want.quantity > Decimal::ZERO {
                lines.push(TransferLine {
                    product: line.product,
                    quantity: want.quantity,
                    lot: line.lot.clone(),
                    returns_line: Some(line.line),
                });
            }
        }
        if lines.is_empty() {
            return Err(Error::invalid(
                "lines",
                format!(
                    "nothing to return from {}: every quantity is zero (RET-1)",
                    delivery.reference
                ),
            ));
        }
        let location = match request.location {
            Some(id) => {
                self.location_of(ticket.company, id, LocationKind::Internal, "location")?
                    .id
            }
            None => delivery.source,
        };
        let transfer = self.new_transfer(Transfer {
            id: TransferId(0),
            company: delivery.company,
            reference: String::new(),
            kind: TransferKind::Return,
            customer: delivery.customer,
            commercial_partner: delivery.commercial_partner,
            sale_order: delivery.sale_order,
            source: delivery.destination,
            destination: location,
            state: TransferState::Ready,
            lines,
            origin: Some(delivery.id),
            ticket: Some(ticket.id),
            done_at: None,
        })?;
        ticket.documents.push(DocumentRef {
            kind: DocumentKind::Return,
            id: transfer.id.0,
        });
        self.note_on_ticket(
            ticket.id,
            format!(
                "Return {} of {} created",
                transfer.reference, delivery.reference
            ),
        )?;
        Ok(transfer)
    }
}

impl Helpdesk {
    /// Records a stock location (the host, managers).
    pub fn create_location(&self, actor: Actor, input: NewLocation) -> Result<Location> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "record a location")?;
            let location = Location {
                id: LocationId(w.tx.new_id::<Location>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                kind: input.kind,
            };
            w.tx.put(&location)?;
            Ok(location)
        })
    }

    /// Records a delivery to a customer, ready to go (the host, managers).
    pub fn create_delivery(&self, actor: Actor, input: NewDelivery) -> Result<Transfer> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "record a delivery")?;
            let customer = w.customer_of(input.company, input.customer)?;
            w.location_of(
                input.company,
                input.source,
                LocationKind::Internal,
                "source",
            )?;
            w.location_of(
                input.company,
                input.destination,
                LocationKind::Customer,
                "destination",
            )?;
            if input.lines.is_empty() {
                return Err(Error::invalid(
                    "lines",
                    "a delivery needs at least one line",
                ));
            }
            if let Some(id) = input.sale_order {
                let order: crate::model::SaleOrder = load_in(w.tx, id, input.company)?;
                if order.commercial_partner != customer.commercial_partner {
                    return Err(Error::invalid(
                        "sale_order",
                        format!("order {} is not the customer's", order.reference),
                    ));
                }
            }
            for line in &input.lines {
                let product = w.product_of(input.company, line.product)?;
                bounded("lines", line.quantity)?;
                if line.quantity <= Decimal::ZERO {
                    return Err(Error::invalid(
                        "lines",
                        format!("{}: a quantity must be positive", product.name),
                    ));
                }
            }
            let mut lines = Vec::with_capacity(input.lines.len());
            for line in input.lines.clone() {
                lines.push(TransferLine {
                    returns_line: None,
                    lot: w.optional_text("lot", line.lot)?,
                    ..line
                });
            }
            w.new_transfer(Transfer {
                id: TransferId(0),
                company: input.company,
                reference: String::new(),
                kind: TransferKind::Delivery,
                customer: customer.id,
                commercial_partner: customer.commercial_partner,
                sale_order: input.sale_order,
                source: input.source,
                destination: input.destination,
                state: TransferState::Ready,
                lines,
                origin: None,
                ticket: None,
                done_at: None,
            })
        })
    }

    /// Validates a ready transfer: the goods moved (the host, managers,
    /// and agents for the returns of their tickets).
    pub fn validate_transfer(&self, actor: Actor, id: TransferId) -> Result<Transfer> {
        self.set_transfer_state(actor, id, TransferState::Done)
    }

    /// Cancels a transfer not yet done.
    pub fn cancel_transfer(&self, actor: Actor, id: TransferId) -> Result<Transfer> {
        self.set_transfer_state(actor, id, TransferState::Cancelled)
    }

    fn set_transfer_state(
        &self,
        actor: Actor,
        id: TransferId,
        state: TransferState,
    ) -> Result<Transfer> {
        self.write(actor, |w| {
            let mut transfer: Transfer = load(w.tx, id)?;
            match transfer.ticket {
                Some(ticket) => {
                    w.ticket_with(ticket, Feature::Returns)?;
                }
                None => w.require_configure(transfer.company, "move goods")?,
            }
            if !matches!(transfer.state, TransferState::Draft | TransferState::Ready) {
                return Err(Error::InvalidState {
                    entity: "transfer",
                    id: transfer.reference.clone(),
                    state: format!("{:?}", transfer.state).to_lowercase(),
                    reason: "only a transfer not yet done can be validated or cancelled".into(),
                });
            }
            transfer.state = state;
            if state == TransferState::Done {
                transfer.done_at = Some(w.now);
            }
            w.tx.put(&transfer)?;
            Ok(transfer)
        })
    }

    /// A transfer (internal users of its company; portal users for the
    /// returns of tickets they see).
    pub fn get_transfer(&self, actor: Actor, id: TransferId) -> Result<Transfer> {
        self.read(actor, |w| {
            let transfer: Transfer = load(w.tx, id)?;
            w.require_document_reader(transfer.company, transfer.ticket, "transfer", id.0)?;
            Ok(transfer)
        })
    }

    /// RET-1: the done deliveries of the ticket's customer with something
    /// left to return, narrowed by sales order and product (agents).
    pub fn returnable_deliveries(
        &self,
        actor: Actor,
        ticket: TicketId,
        filter: ReturnFilter,
    ) -> Result<Vec<ReturnableDelivery>> {
        self.read(actor, |w| {
            let (ticket, _) = w.ticket_with(ticket, Feature::Returns)?;
            let customer: Partner = match ticket.customer {
                Some(id) => load(w.tx, id)?,
                None => return Ok(Vec::new()),
            };
            // A customer's returns are theirs too: one read has both.
            let transfers: Vec<Transfer> = w.tx.by_key(
                ticket.company,
                RecordKey::Customer(customer.commercial_partner),
            )?;
            let mut out = Vec::new();
            for delivery in &transfers {
                let fits = delivery.kind == TransferKind::Delivery
                    && delivery.state == TransferState::Done
                    && delivery.company == ticket.company
                    && delivery.commercial_partner == customer.commercial_partner
                    && filter
                        .sale_order
                        .is_none_or(|o| delivery.sale_order == Some(o))
                    && filter
                        .product
                        .is_none_or(|p| delivery.lines.iter().any(|l| l.product == p));
                if !fits {
                    continue;
                }
                let lines = returnable_lines(delivery, &transfers);
                if lines.iter().any(|l| l.returnable > Decimal::ZERO) {
                    out.push(ReturnableDelivery {
                        delivery: delivery.clone(),
                        lines,
                    });
                }
            }
            Ok(out)
        })
    }

    /// RET-2: the incoming return of a done delivery (agents).
    pub fn return_products(
        &self,
        actor: Actor,
        ticket: TicketId,
        request: ReturnRequest,
    ) -> Result<Transfer> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Returns)?;
            let transfer = w.make_return(&mut ticket, &request)?;
            w.tx.put_ticket(&ticket)?;
            Ok(transfer)
        })
    }

    /// RET-2: the return and the outgoing delivery of the same products and
    /// quantities (agents).
    pub fn return_for_exchange(
        &self,
        actor: Actor,
        ticket: TicketId,
        request: ReturnRequest,
    ) -> Result<Exchange> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Returns)?;
            let return_transfer = w.make_return(&mut ticket, &request)?;
            let original: Transfer = load(w.tx, request.delivery)?;
            let delivery = w.new_transfer(Transfer {
                id: TransferId(0),
                reference: String::new(),
                kind: TransferKind::Delivery,
                source: original.source,
                destination: original.destination,
                state: TransferState::Ready,
                lines: return_transfer
                    .lines
                    .iter()
                    .map(|l| TransferLine {
                        returns_line: None,
                        lot: None,
                        ..l.clone()
                    })
                    .collect(),
                origin: None,
                ticket: Some(ticket.id),
                done_at: None,
                ..original
            })?;
            w.tx.put_ticket(&ticket)?;
            Ok(Exchange {
                return_transfer,
                delivery,
            })
        })
    }

    /// The returns made from a ticket (internal users who see it).
    pub fn ticket_returns(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Transfer>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.documents(&ticket, DocumentKind::Return, TransferId)
        })
    }
}
