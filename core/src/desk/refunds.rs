//! Refunds by credit note from a ticket (REF-1 … REF-6): the reference's refund
//! wizard as operations, partial refunds by editing a draft credit note,
//! posting and cancelling, and scheduled postings.

use super::features::Feature;
use super::invoices::state_error;
use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{InvoiceId, JournalId, ProductId, SaleOrderId, TicketId};
use crate::invoicing::{self, LineRemainder};
use crate::model::{
    DocumentKind, DocumentRef, Invoice, InvoiceKind, InvoiceState, Partner, PaymentState,
    SaleOrder, SaleOrderState, Tax, Ticket,
};
use crate::store::RecordKey;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Narrows [`Helpdesk::refundable_invoices`] (REF-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RefundFilter {
    /// Only invoices of this sales order.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sale_order: Option<SaleOrderId>,
    /// Only invoices with a line of this product.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub product: Option<ProductId>,
}

/// An invoice that may be refunded, with what is left of it (REF-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RefundableInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// Its total not yet taken by credit notes (drafts included).
    pub remaining: Decimal,
}

/// The refund wizard's defaults for a ticket (REF-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RefundDefaults {
    /// The customer's latest confirmed order with posted invoices.
    pub sale_order: Option<SaleOrderId>,
    /// `Helpdesk Ticket #<ref>`.
    pub reason: String,
    /// Today.
    pub reversal_date: NaiveDate,
}

/// Input of [`Helpdesk::reverse_invoice`] and
/// [`Helpdesk::reverse_and_reinvoice`] (REF-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reversal {
    /// The posted invoice to refund.
    pub invoice: InvoiceId,
    /// Why (default `Helpdesk Ticket #<ref>`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// A sale journal of the company (default the invoice's).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub journal: Option<JournalId>,
    /// The credit note's date (default today; a later date schedules the posting).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reversal_date: Option<NaiveDate>,
}

/// What [`Helpdesk::reverse_and_reinvoice`] made (REF-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reinvoice {
    /// The credit note: posted, or a draft scheduled for its date.
    pub credit_note: Invoice,
    /// The draft copy of the invoice, to correct and send again.
    pub invoice: Invoice,
}

/// Input of [`Helpdesk::update_credit_note_line`]: `None` keeps a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreditLineUpdate {
    /// New quantity (at most what is left to refund on the invoice line).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub quantity: Option<Decimal>,
    /// New unit price (at most the invoice line's).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit_price: Option<Decimal>,
}

impl Work<'_> {
    /// The ticket's customer's commercial partner (REF-1).
    fn ticket_customer(&mut self, ticket: &Ticket) -> Result<Partner> {
        let Some(id) = ticket.customer else {
            return Err(Error::invalid(
                "ticket",
                format!("ticket {} has no customer to refund", ticket.reference),
            ));
        };
        load(self.tx, id)
    }

    /// The credit notes of `invoice`, in id order.
    pub(super) fn credit_notes_of(&mut self, invoice: &Invoice) -> Result<Vec<Invoice>> {
        Ok(self
            .tx
            .by_key::<Invoice>(invoice.company, RecordKey::Invoice(invoice.id))?
            .into_iter()
            .filter(|i| i.kind == InvoiceKind::CreditNote)
            .collect())
    }

    /// The invoices and credit notes of the ticket's company for its
    /// customer's commercial partner, by id.
    fn customer_invoices(&mut self, ticket: &Ticket, customer: &Partner) -> Result<Vec<Invoice>> {
        self.tx.by_key(
            ticket.company,
            RecordKey::Customer(customer.commercial_partner),
        )
    }

    /// REF-5: what is left on each line of `invoice`, leaving `except` out.
    fn remainders(
        &mut self,
        invoice: &Invoice,
        except: Option<InvoiceId>,
    ) -> Result<Vec<LineRemainder>> {
        let notes = self.credit_notes_of(invoice)?;
        Ok(invoicing::remainders(
            invoice,
            notes.iter().filter(|n| Some(n.id) != except),
        ))
    }

    /// A posted invoice of the ticket's customer and company (REF-1).
    fn refundable(&mut self, ticket: &Ticket, id: InvoiceId) -> Result<Invoice> {
        let invoice: Invoice = load(self.tx, id)?;
        let customer = self.ticket_customer(ticket)?;
        if invoice.kind != InvoiceKind::Invoice
            || invoice.company != ticket.company
            || invoice.commercial_partner != customer.commercial_partner
        {
            return Err(Error::invalid(
                "invoice",
                format!(
                    "{} is not an invoice of {}, the customer of ticket {}",
                    invoice
                        .number
                        .clone()
                        .unwrap_or_else(|| format!("invoice {id}")),
                    customer.name,
                    ticket.reference
                ),
            ));
        }
        if invoice.state != InvoiceState::Posted {
            return Err(state_error(
                &invoice,
                "only a posted invoice can be refunded (REF-1)",
            ));
        }
        Ok(invoice)
    }

    /// REF-3: a draft credit note for everything left on `invoice`.
    fn draft_reversal(
        &mut self,
        ticket: &mut Ticket,
        invoice: &Invoice,
        input: &Reversal,
    ) -> Result<Invoice> {
        let journal = match input.journal {
            Some(id) => self.sale_journal(invoice.company, id)?.id,
            None => invoice.journal,
        };
        let date = input.reversal_date.unwrap_or(self.now.date_naive());
        let reason = self
            .optional_text("reason", input.reason.clone())?
            .unwrap_or_else(|| default_reason(ticket));
        let rests = self.remainders(invoice, None)?;
        let mut lines = Vec::new();
        for (index, (line, rest)) in invoice.lines.iter().zip(&rests).enumerate() {
            if rest.quantity <= Decimal::ZERO && rest.total() <= Decimal::ZERO {
                continue;
            }
            let taxes = self.line_taxes(invoice, &line.taxes)?;
            let refs: Vec<&Tax> = taxes.iter().collect();
            lines.push(invoicing::credit_line(
                &invoice.currency,
                index,
                line,
                *rest,
                rest.quantity,
                line.unit_price,
                &refs,
            )?);
        }
        if lines.iter().all(|l| l.total <= Decimal::ZERO) {
            return Err(state_error(
                invoice,
                "it has been refunded in full already (REF-5)",
            ));
        }
        let mut note = Invoice {
            id: InvoiceId(self.tx.new_id::<Invoice>()?),
            kind: InvoiceKind::CreditNote,
            number: None,
            journal,
            date,
            state: InvoiceState::Draft,
            payment_state: PaymentState::NotPaid,
            reference: format!(
                "Reversal of: {}, {reason}",
                invoice.number.clone().unwrap_or_default()
            ),
            reversed_invoice: Some(invoice.id),
            ticket: Some(ticket.id),
            scheduled_post: (date > self.now.date_naive()).then_some(date),
            lines,
            ..invoice.clone()
        };
        invoicing::total_up(&mut note);
        self.tx.put(&note)?;
        ticket.documents.push(DocumentRef {
            kind: DocumentKind::CreditNote,
            id: note.id.0,
        });
        self.note_on_ticket(
            ticket.id,
            format!(
                "Credit note for {} created as a draft",
                invoice.number.clone().unwrap_or_default()
            ),
        )?;
        Ok(note)
    }

    /// The taxes of an invoice line (they may have been archived since:
    /// the stored records are read as they are).
    fn line_taxes(&mut self, invoice: &Invoice, ids: &[crate::ids::TaxId]) -> Result<Vec<Tax>> {
        self.taxes_of(invoice.company, ids)
    }

    /// Posts a credit note: checks REF-5 once more, settles the invoice
    /// when nothing is left to pay, records it on the ticket.
    pub(super) fn post_credit_note(&mut self, note: &mut Invoice) -> Result<()> {
        let invoice_id = note.reversed_invoice.ok_or_else(|| Error::Internal {
            message: "a credit note without its invoice".into(),
        })?;
        let mut invoice: Invoice = load(self.tx, invoice_id)?;
        let rests = self.remainders(&invoice, Some(note.id))?;
        for line in &note.lines {
            let rest = line
                .reverses
                .and_then(|i| rests.get(i))
                .copied()
                .unwrap_or_default();
            if line.quantity > rest.quantity || line.total > rest.total() {
                return Err(state_error(
                    note,
                    "it would refund more than is left on the invoice (REF-5)",
                ));
            }
        }
        self.post_entry(note)?;
        let posted_left: Decimal = {
            let notes = self.credit_notes_of(&invoice)?;
            let posted = notes
                .iter()
                .filter(|n| n.id != note.id && n.state == InvoiceState::Posted);
            invoice.total - note.total - posted.map(|n| n.total).sum::<Decimal>()
        };
        if posted_left <= Decimal::ZERO {
            invoice.payment_state = PaymentState::Reversed;
            self.tx.put(&invoice)?;
        }
        self.tx.put(&*note)?;
        if let Some(ticket) = note.ticket {
            let number = note.number.clone().unwrap_or_default();
            self.note_on_ticket(
                ticket,
                format!(
                    "Credit note {number} posted: {} {}",
                    note.total, note.currency.code
                ),
            )?;
        }
        Ok(())
    }
}

fn default_reason(ticket: &Ticket) -> String {
    format!("Helpdesk Ticket {}", ticket.reference)
}

impl Helpdesk {
    /// REF-1, REF-2: the posted invoices of the ticket's customer (same
    /// commercial partner) and company with something left to refund,
    /// newest first, narrowed by sales order and product (agents).
    pub fn refundable_invoices(
        &self,
        actor: Actor,
        ticket: TicketId,
        filter: RefundFilter,
    ) -> Result<Vec<RefundableInvoice>> {
        self.read(actor, |w| {
            let (ticket, _) = w.ticket_with(ticket, Feature::Refunds)?;
            let customer = w.ticket_customer(&ticket)?;
            let all = w.customer_invoices(&ticket, &customer)?;
            let mut out = Vec::new();
            for invoice in all.iter().rev() {
                let fits = invoice.kind == InvoiceKind::Invoice
                    && invoice.state == InvoiceState::Posted
                    && invoice.company == ticket.company
                    && invoice.commercial_partner == customer.commercial_partner
                    && filter
                        .sale_order
                        .is_none_or(|o| invoice.sale_order == Some(o))
                    && filter
                        .product
                        .is_none_or(|p| invoice.lines.iter().any(|l| l.product == Some(p)));
                if !fits {
                    continue;
                }
                let notes = all
                    .iter()
                    .filter(|n| n.reversed_invoice == Some(invoice.id));
                let remaining: Decimal = invoicing::remainders(invoice, notes)
                    .iter()
                    .map(LineRemainder::total)
                    .sum();
                if remaining > Decimal::ZERO {
                    out.push(RefundableInvoice {
                        invoice: invoice.clone(),
                        remaining,
                    });
                }
            }
            Ok(out)
        })
    }

    /// REF-2: the wizard's defaults for a ticket (agents).
    pub fn refund_defaults(&self, actor: Actor, ticket: TicketId) -> Result<RefundDefaults> {
        self.read(actor, |w| {
            let (ticket, _) = w.ticket_with(ticket, Feature::Refunds)?;
            let customer = w.ticket_customer(&ticket)?;
            let invoiced: Vec<SaleOrderId> = w
                .customer_invoices(&ticket, &customer)?
                .into_iter()
                .filter(|i| i.kind == InvoiceKind::Invoice && i.state == InvoiceState::Posted)
                .filter_map(|i| i.sale_order)
                .collect();
            let sale_order =
                w.tx.by_key::<SaleOrder>(
                    ticket.company,
                    RecordKey::Customer(customer.commercial_partner),
                )?
                .into_iter()
                .filter(|o| {
                    o.company == ticket.company
                        && o.commercial_partner == customer.commercial_partner
                        && matches!(o.state, SaleOrderState::Confirmed | SaleOrderState::Done)
                        && invoiced.contains(&o.id)
                })
                .max_by_key(|o| (o.confirmed_at, o.id))
                .map(|o| o.id);
            Ok(RefundDefaults {
                sale_order,
                reason: default_reason(&ticket),
                reversal_date: w.now.date_naive(),
            })
        })
    }

    /// REF-3: a draft credit note for what is left of a posted invoice,
    /// linked to the ticket; edit it down for a partial refund, then post.
    pub fn reverse_invoice(
        &self,
        actor: Actor,
        ticket: TicketId,
        reversal: Reversal,
    ) -> Result<Invoice> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Refunds)?;
            let invoice = w.refundable(&ticket, reversal.invoice)?;
            let note = w.draft_reversal(&mut ticket, &invoice, &reversal)?;
            w.tx.put_ticket(&ticket)?;
            Ok(note)
        })
    }

    /// REF-4: a credit note for the whole invoice, posted and settling it
    /// (or scheduled for a future reversal date, nothing settled yet), and
    /// a draft copy of the invoice to correct and send again.
    pub fn reverse_and_reinvoice(
        &self,
        actor: Actor,
        ticket: TicketId,
        reversal: Reversal,
    ) -> Result<Reinvoice> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.ticket_with(ticket, Feature::Refunds)?;
            let invoice = w.refundable(&ticket, reversal.invoice)?;
            let rests = w.remainders(&invoice, None)?;
            if rests
                .iter()
                .zip(&invoice.lines)
                .any(|(r, l)| r.quantity != l.quantity || r.total() != l.total)
            {
                return Err(state_error(
                    &invoice,
                    "it is partly refunded already: reverse what is left instead (REF-4)",
                ));
            }
            let mut credit_note = w.draft_reversal(&mut ticket, &invoice, &reversal)?;
            if credit_note.scheduled_post.is_none() {
                w.post_credit_note(&mut credit_note)?;
            }
            let copy = Invoice {
                id: InvoiceId(w.tx.new_id::<Invoice>()?),
                number: None,
                // REF-4: the corrected invoice replaces the reversed one
                // from the reversal date on.
                date: credit_note.date,
                state: InvoiceState::Draft,
                payment_state: PaymentState::NotPaid,
                ticket: Some(ticket.id),
                ..invoice.clone()
            };
            w.tx.put(&copy)?;
            w.move_billed_time(invoice.id, copy.id)?;
            w.tx.put_ticket(&ticket)?;
            Ok(Reinvoice {
                credit_note,
                invoice: copy,
            })
        })
    }

    /// Edits a line of a draft credit note down (a partial refund, REF-3):
    /// never more than is left on the invoice line, never above its price.
    pub fn update_credit_note_line(
        &self,
        actor: Actor,
        credit_note: InvoiceId,
        line: u32,
        update: CreditLineUpdate,
    ) -> Result<Invoice> {
        self.write(actor, |w| {
            let mut note: Invoice = load(w.tx, credit_note)?;
            if note.kind != InvoiceKind::CreditNote {
                return Err(Error::invalid(
                    "credit_note",
                    format!("invoice {credit_note} is not a credit note"),
                ));
            }
            let ticket = note.ticket.ok_or_else(|| {
                Error::invalid("credit_note", "this credit note was not made from a ticket")
            })?;
            w.ticket_with(ticket, Feature::Refunds)?;
            if note.state != InvoiceState::Draft {
                return Err(state_error(&note, "only a draft credit note can be edited"));
            }
            let index = usize::try_from(line).unwrap_or(usize::MAX);
            let current = note.lines.get(index).cloned().ok_or_else(|| {
                Error::invalid("line", format!("the credit note has no line {line}"))
            })?;
            let invoice: Invoice = load(
                w.tx,
                note.reversed_invoice.ok_or_else(|| Error::Internal {
                    message: "a credit note without its invoice".into(),
                })?,
            )?;
            let reversed = current.reverses.unwrap_or_default();
            let invoice_line = invoice.lines.get(reversed).ok_or_else(|| Error::Internal {
                message: "a credit line without its invoice line".into(),
            })?;
            let rest = w
                .remainders(&invoice, Some(note.id))?
                .get(reversed)
                .copied()
                .unwrap_or_default();
            let taxes = w.line_taxes(&invoice, &invoice_line.taxes)?;
            let refs: Vec<&Tax> = taxes.iter().collect();
            let quantity = update.quantity.unwrap_or(current.quantity);
            let unit_price = update.unit_price.unwrap_or(current.unit_price);
            note.lines[index] = invoicing::credit_line(
                &invoice.currency,
                reversed,
                invoice_line,
                rest,
                quantity,
                unit_price,
                &refs,
            )?;
            invoicing::total_up(&mut note);
            w.tx.put(&note)?;
            Ok(note)
        })
    }

    /// REF-4: posts the scheduled credit notes due at `at` (default now;
    /// never later than now): those whose reversal date is that instant's
    /// date or earlier (the host, managers; run it daily). Returns what
    /// was posted.
    pub fn post_due_credit_notes(
        &self,
        actor: Actor,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<Invoice>> {
        self.write(actor, |w| {
            let at = w.scheduled_instant("post scheduled credit notes", at)?;
            let today = at.date_naive();
            let companies = w.scheduled_companies()?;
            let mut due = Vec::new();
            for company in companies {
                due.extend(
                    w.tx.by_key::<Invoice>(company, RecordKey::ScheduledPost)?
                        .into_iter()
                        .filter(|i| i.scheduled_post.is_some_and(|d| d <= today)),
                );
            }
            let mut posted = Vec::with_capacity(due.len());
            for mut note in due {
                w.post_credit_note(&mut note)?;
                posted.push(note);
            }
            Ok(posted)
        })
    }

    /// REF-6: a ticket's credit notes (internal users who see the ticket).
    pub fn ticket_credit_notes(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Invoice>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.require_internal(
                "read credit notes",
                "portal users see refunds through the ERP's portal",
            )?;
            w.documents(&ticket, DocumentKind::CreditNote, InvoiceId)
        })
    }
}
