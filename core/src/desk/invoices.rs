//! The lifecycle of a customer invoice or credit note, in one place:
//! recorded as a draft, posted (numbered gaplessly per journal and year),
//! paid, cancelled. Credit notes are made by refunds (REF-1 … REF-6).

use super::features::Feature;
use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::*;
use crate::invoicing::DraftInvoice;
use crate::model::*;
use crate::store::Sequence;
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A line of [`NewInvoice`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewInvoiceLine {
    /// The product (its name, price and taxes are the defaults).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub product: Option<ProductId>,
    /// Description (default the product's name).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub label: Option<String>,
    /// Quantity (positive).
    pub quantity: Decimal,
    /// Unit price (default the product's sale price).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit_price: Option<Decimal>,
    /// Taxes (default the product's).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub taxes: Option<Vec<TaxId>>,
}

/// Input of [`Helpdesk::create_invoice`]: a draft customer invoice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewInvoice {
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// A sale journal of the company.
    pub journal: JournalId,
    /// ISO 4217 code of its currency.
    pub currency: String,
    /// Accounting date (default today).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date: Option<NaiveDate>,
    /// The sales order it invoices (of the same customer).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
    /// Lines (at least one).
    pub lines: Vec<NewInvoiceLine>,
}

/// The invoice's state as an error for an operation it does not allow.
pub(super) fn state_error(invoice: &Invoice, reason: &str) -> Error {
    Error::InvalidState {
        entity: if invoice.kind == InvoiceKind::CreditNote {
            "credit_note"
        } else {
            "invoice"
        },
        id: invoice
            .number
            .clone()
            .unwrap_or_else(|| format!("draft {}", invoice.id)),
        state: format!("{:?}", invoice.state).to_lowercase(),
        reason: reason.to_string(),
    }
}

impl Work<'_> {
    /// Posts a draft invoice or credit note: numbers it in its journal and
    /// year (`INV/2026/00001`, credit notes `RINV/2026/00001`).
    pub(super) fn post_entry(&mut self, invoice: &mut Invoice) -> Result<()> {
        if invoice.state != InvoiceState::Draft {
            return Err(state_error(invoice, "only a draft can be posted"));
        }
        if invoice.total <= Decimal::ZERO {
            return Err(Error::InvalidState {
                entity: "invoice",
                id: invoice.id.to_string(),
                state: "empty".into(),
                reason: "an invoice or credit note with nothing to pay cannot be posted".into(),
            });
        }
        let journal: Journal = load(self.tx, invoice.journal)?;
        let refund = invoice.kind == InvoiceKind::CreditNote;
        let year = invoice.date.year();
        let n = self
            .tx
            .next_value(Sequence::InvoiceNumber(journal.id, refund, year))?;
        let prefix = if refund { "R" } else { "" };
        invoice.number = Some(format!("{prefix}{}/{year}/{n:05}", journal.code));
        invoice.state = InvoiceState::Posted;
        invoice.scheduled_post = None;
        Ok(())
    }
}

impl Helpdesk {
    /// Records a draft customer invoice (the host, managers).
    pub fn create_invoice(&self, actor: Actor, input: NewInvoice) -> Result<Invoice> {
        self.write(actor, |w| {
            w.require_bookkeeper(input.company, "record an invoice")?;
            let customer = w.customer_of(input.company, input.customer)?;
            let journal = w.sale_journal(input.company, input.journal)?;
            let currency = w.currency(&input.currency)?;
            if let Some(id) = input.sale_order {
                let order: SaleOrder = load(w.tx, id)?;
                if order.company != input.company
                    || order.commercial_partner != customer.commercial_partner
                {
                    return Err(Error::invalid(
                        "sale_order",
                        format!("order {} is another customer's", order.reference),
                    ));
                }
            }
            if input.lines.is_empty() {
                return Err(Error::invalid(
                    "lines",
                    "an invoice needs at least one line",
                ));
            }
            let mut lines = Vec::with_capacity(input.lines.len());
            for line in input.lines.clone() {
                lines.push(w.priced_line(input.company, &currency, line)?);
            }
            let invoice = DraftInvoice {
                id: InvoiceId(w.tx.new_id::<Invoice>()?),
                company: input.company,
                customer: customer.id,
                commercial_partner: customer.commercial_partner,
                journal: journal.id,
                currency,
                date: input.date.unwrap_or(w.now.date_naive()),
                sale_order: input.sale_order,
                reference: String::new(),
            }
            .with_lines(lines);
            w.tx.put(&invoice)?;
            Ok(invoice)
        })
    }

    /// An invoice or credit note (internal users of its company).
    pub fn get_invoice(&self, actor: Actor, id: InvoiceId) -> Result<Invoice> {
        self.read(actor, |w| {
            let invoice: Invoice = load(w.tx, id)?;
            w.require_document_reader(invoice.company, invoice.ticket, "invoice", id.0)?;
            Ok(invoice)
        })
    }

    /// Records an invoice's payment state as the ERP has it (the host, managers).
    pub fn set_payment_state(
        &self,
        actor: Actor,
        id: InvoiceId,
        payment_state: PaymentState,
    ) -> Result<Invoice> {
        self.write(actor, |w| {
            let mut invoice: Invoice = w.load_own(id)?;
            w.require_bookkeeper(invoice.company, "record a payment")?;
            if invoice.state != InvoiceState::Posted {
                return Err(state_error(&invoice, "only a posted invoice is paid"));
            }
            invoice.payment_state = payment_state;
            w.tx.put(&invoice)?;
            Ok(invoice)
        })
    }

    /// Posts a draft invoice or credit note. A credit note is checked
    /// against what is left on its invoice (REF-5) and recorded on its
    /// ticket (REF-6). Invoices: the host and managers; credit notes of a
    /// ticket: its agents.
    pub fn post_invoice(&self, actor: Actor, id: InvoiceId) -> Result<Invoice> {
        self.write(actor, |w| {
            let mut invoice: Invoice = w.load_own(id)?;
            match (invoice.kind, invoice.ticket) {
                (InvoiceKind::CreditNote, Some(ticket)) => {
                    w.ticket_with(ticket, Feature::Refunds)?;
                    w.post_credit_note(&mut invoice)?;
                }
                _ => {
                    w.require_configure(invoice.company, "post an invoice")?;
                    if invoice.kind == InvoiceKind::CreditNote {
                        w.post_credit_note(&mut invoice)?;
                    } else {
                        w.post_entry(&mut invoice)?;
                        w.tx.put(&invoice)?;
                    }
                }
            }
            Ok(invoice)
        })
    }

    /// Dates a draft invoice or credit note (REF-4: the corrected invoice of
    /// a reversal starts dated on the reversal date, and the host may need
    /// another). Whoever may cancel it may date it. A credit note dated
    /// after today posts on that date (`post_due_credit_notes`); dated today
    /// or earlier, it waits to be posted.
    pub fn set_invoice_date(
        &self,
        actor: Actor,
        id: InvoiceId,
        date: NaiveDate,
    ) -> Result<Invoice> {
        self.write(actor, |w| {
            let mut invoice: Invoice = w.load_own(id)?;
            w.require_invoice_editor(&invoice, "date an invoice")?;
            if invoice.state != InvoiceState::Draft {
                return Err(state_error(&invoice, "only a draft is dated"));
            }
            invoice.date = date;
            if invoice.kind == InvoiceKind::CreditNote {
                invoice.scheduled_post = (date > w.now.date_naive()).then_some(date);
            }
            w.tx.put(&invoice)?;
            Ok(invoice)
        })
    }

    /// Cancels a draft or posted invoice or credit note; a cancelled
    /// credit note gives its amounts back to its invoice (REF-5) and is
    /// recorded on its ticket (REF-6).
    pub fn cancel_invoice(&self, actor: Actor, id: InvoiceId) -> Result<Invoice> {
        self.write(actor, |w| {
            let mut invoice: Invoice = w.load_own(id)?;
            w.require_invoice_editor(&invoice, "cancel an invoice")?;
            if invoice.state == InvoiceState::Cancelled {
                return Err(state_error(&invoice, "it is cancelled already"));
            }
            if invoice.kind == InvoiceKind::Invoice {
                let live = w
                    .credit_notes_of(&invoice)?
                    .iter()
                    .any(|n| n.state != InvoiceState::Cancelled);
                if live {
                    return Err(state_error(&invoice, "cancel its credit notes first"));
                }
            }
            invoice.state = InvoiceState::Cancelled;
            invoice.scheduled_post = None;
            w.tx.put(&invoice)?;
            if let Some(reversed) = invoice.reversed_invoice {
                let mut original: Invoice = load(w.tx, reversed)?;
                if original.payment_state == PaymentState::Reversed {
                    original.payment_state = PaymentState::NotPaid;
                    w.tx.put(&original)?;
                }
            }
            if let (InvoiceKind::CreditNote, Some(ticket)) = (invoice.kind, invoice.ticket) {
                let name = invoice
                    .number
                    .clone()
                    .unwrap_or_else(|| format!("draft {}", invoice.id));
                w.note_on_ticket(ticket, format!("Credit note {name} cancelled"))?;
            }
            Ok(invoice)
        })
    }
}

impl Work<'_> {
    /// Requires the viewer to be one who may change `invoice`: for a credit
    /// note of a ticket, its agents (refunds on); else the host and
    /// managers of the company.
    fn require_invoice_editor(&mut self, invoice: &Invoice, action: &str) -> Result<()> {
        match invoice
            .ticket
            .filter(|_| invoice.kind == InvoiceKind::CreditNote)
        {
            Some(ticket) => self.ticket_with(ticket, Feature::Refunds).map(drop),
            None => self.require_configure(invoice.company, action),
        }
    }
}
