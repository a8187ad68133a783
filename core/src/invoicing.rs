//! Invoice arithmetic and the refund rules (RULES.md, REF) as pure
//! functions: line amounts with taxes rounded per line in the currency, and
//! what is left to refund on each line of an invoice (REF-5).

use crate::ids::{CompanyId, InvoiceId, JournalId, PartnerId, SaleOrderId};
use crate::model::{Invoice, InvoiceKind, InvoiceLine, InvoiceState, PaymentState, Tax};
use crate::money::Currency;
use crate::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A line's amounts: `(subtotal, tax, total)`, each rounded in `currency`.
/// Price-included taxes are taken out of the gross amount (so the total is
/// the rounded gross); the others are added to the subtotal.
pub fn line_amounts(
    currency: &Currency,
    quantity: Decimal,
    unit_price: Decimal,
    taxes: &[&Tax],
) -> (Decimal, Decimal, Decimal) {
    let gross = quantity * unit_price;
    let hundred = Decimal::ONE_HUNDRED;
    let included: Decimal = taxes
        .iter()
        .filter(|t| t.price_included)
        .map(|t| t.percent)
        .sum();
    let excluded: Decimal = taxes
        .iter()
        .filter(|t| !t.price_included)
        .map(|t| t.percent)
        .sum();
    let subtotal = currency.round(gross * hundred / (hundred + included));
    let included_tax = currency.round(gross) - subtotal;
    let tax = included_tax + currency.round(subtotal * excluded / hundred);
    (subtotal, tax, subtotal + tax)
}

/// Who and what a new draft customer invoice is for; [`DraftInvoice::with_lines`]
/// makes the invoice, its totals summed from the lines.
#[derive(Debug, Clone)]
pub struct DraftInvoice {
    /// Its identifier.
    pub id: InvoiceId,
    /// The company.
    pub company: CompanyId,
    /// The customer.
    pub customer: PartnerId,
    /// The customer's commercial partner.
    pub commercial_partner: PartnerId,
    /// A sale journal.
    pub journal: JournalId,
    /// Currency of its amounts.
    pub currency: Currency,
    /// Accounting date.
    pub date: NaiveDate,
    /// The sales order it invoices.
    pub sale_order: Option<SaleOrderId>,
    /// Reference.
    pub reference: String,
}

impl DraftInvoice {
    /// The draft invoice of `lines`.
    pub fn with_lines(self, lines: Vec<InvoiceLine>) -> Invoice {
        let mut invoice = Invoice {
            id: self.id,
            company: self.company,
            kind: InvoiceKind::Invoice,
            number: None,
            customer: self.customer,
            commercial_partner: self.commercial_partner,
            journal: self.journal,
            currency: self.currency,
            date: self.date,
            state: InvoiceState::Draft,
            payment_state: PaymentState::NotPaid,
            sale_order: self.sale_order,
            reference: self.reference,
            reversed_invoice: None,
            ticket: None,
            scheduled_post: None,
            lines,
            untaxed: Decimal::ZERO,
            tax: Decimal::ZERO,
            total: Decimal::ZERO,
        };
        total_up(&mut invoice);
        invoice
    }
}

/// Sums an invoice's lines into its totals.
pub fn total_up(invoice: &mut Invoice) {
    invoice.untaxed = invoice.lines.iter().map(|l| l.subtotal).sum();
    invoice.tax = invoice.lines.iter().map(|l| l.tax).sum();
    invoice.total = invoice.lines.iter().map(|l| l.total).sum();
}

/// What is left to refund on one invoice line (REF-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineRemainder {
    /// Quantity not yet credited.
    pub quantity: Decimal,
    /// Subtotal not yet credited.
    pub subtotal: Decimal,
    /// Tax not yet credited.
    pub tax: Decimal,
}

impl LineRemainder {
    /// The total not yet credited.
    pub fn total(&self) -> Decimal {
        self.subtotal + self.tax
    }
}

/// REF-5: per line of `invoice`, what its credit notes (drafts and posted
/// ones; cancelled ones give back) have not yet taken.
pub fn remainders<'a>(
    invoice: &Invoice,
    credit_notes: impl IntoIterator<Item = &'a Invoice>,
) -> Vec<LineRemainder> {
    let mut left: Vec<LineRemainder> = invoice
        .lines
        .iter()
        .map(|l| LineRemainder {
            quantity: l.quantity,
            subtotal: l.subtotal,
            tax: l.tax,
        })
        .collect();
    for note in credit_notes {
        if note.state == InvoiceState::Cancelled || note.reversed_invoice != Some(invoice.id) {
            continue;
        }
        for line in &note.lines {
            if let Some(rest) = line.reverses.and_then(|i| left.get_mut(i)) {
                rest.quantity -= line.quantity;
                rest.subtotal -= line.subtotal;
                rest.tax -= line.tax;
            }
        }
    }
    left
}

/// A credit line reversing `line` for `quantity` at `unit_price`, within
/// what is left (`rest`): amounts are computed as for any line, never more
/// than what is left, and exactly what is left when the line is refunded
/// in full at its price, so full refunds balance to the cent.
pub fn credit_line(
    currency: &Currency,
    index: usize,
    line: &InvoiceLine,
    rest: LineRemainder,
    quantity: Decimal,
    unit_price: Decimal,
    taxes: &[&Tax],
) -> Result<InvoiceLine> {
    if quantity < Decimal::ZERO || quantity > rest.quantity {
        return Err(Error::invalid(
            "quantity",
            format!(
                "line {} ({}) has {} left to refund, not {quantity}",
                index + 1,
                line.label,
                rest.quantity
            ),
        ));
    }
    if unit_price < Decimal::ZERO || unit_price > line.unit_price {
        return Err(Error::invalid(
            "unit_price",
            format!(
                "line {} ({}) was invoiced at {}: a refund cannot be priced higher",
                index + 1,
                line.label,
                line.unit_price
            ),
        ));
    }
    let (subtotal, tax) = if quantity == rest.quantity && unit_price == line.unit_price {
        (rest.subtotal, rest.tax)
    } else {
        let (subtotal, tax, _) = line_amounts(currency, quantity, unit_price, taxes);
        (subtotal.min(rest.subtotal), tax.min(rest.tax))
    };
    Ok(InvoiceLine {
        product: line.product,
        label: line.label.clone(),
        quantity,
        unit_price,
        taxes: line.taxes.clone(),
        subtotal,
        tax,
        total: subtotal + tax,
        reverses: Some(index),
        sale_line: line.sale_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CompanyId, TaxId};

    fn tax(percent: i64, price_included: bool) -> Tax {
        Tax {
            id: TaxId(1),
            company: CompanyId(1),
            name: format!("{percent}%"),
            percent: Decimal::from(percent),
            price_included,
        }
    }

    fn eur() -> Currency {
        Currency::iso("EUR").unwrap()
    }

    #[test]
    fn ref_5_taxes_are_computed_and_rounded_per_line() {
        let vat = tax(21, false);
        let (sub, t, total) =
            line_amounts(&eur(), Decimal::from(3), Decimal::new(3335, 3), &[&vat]);
        assert_eq!(
            (sub.to_string(), t.to_string(), total.to_string()),
            ("10.01".into(), "2.10".into(), "12.11".into())
        );
        let included = tax(21, true);
        let (sub, t, total) = line_amounts(&eur(), Decimal::ONE, Decimal::from(121), &[&included]);
        assert_eq!(
            (sub, t, total),
            (Decimal::from(100), Decimal::from(21), Decimal::from(121))
        );
        let jpy = Currency::iso("JPY").unwrap();
        let (sub, t, _) = line_amounts(
            &jpy,
            Decimal::from(3),
            Decimal::from(333),
            &[&tax(10, false)],
        );
        assert_eq!((sub, t), (Decimal::from(999), Decimal::from(100)));
    }
}
