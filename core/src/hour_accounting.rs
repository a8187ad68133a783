//! Support-hours accounting (HRS-3 … HRS-7) as pure arithmetic: what a line of
//! a sales order has delivered and invoiced, and what invoicing it would bill
//! now. The desk reads the order's invoices and time entries; everything here
//! is a function of them.

use crate::ids::UnitId;
use crate::model::{Invoice, InvoiceState, PaymentState, ServicePolicy, TimeEntry, Unit};
use crate::units;
use crate::{Error, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Whether an invoice still bills what it billed (HRS-7): neither
/// cancelled nor fully reversed by credit notes. Time billed by an invoice
/// that no longer bills is billable again.
pub fn bills(invoice: &Invoice) -> bool {
    invoice.state != InvoiceState::Cancelled && invoice.payment_state != PaymentState::Reversed
}

/// The figures of one line of a sales order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFigures {
    /// The line's unit.
    pub unit: Unit,
    /// The company's Hours (the working-time reference).
    pub hours: Unit,
    /// How the line's service is invoiced.
    pub policy: ServicePolicy,
    /// Ordered, in `unit`.
    pub ordered: Decimal,
    /// Delivered: the time logged on the line, in `unit` (HRS-4).
    pub delivered: Decimal,
    /// Invoiced by invoices that still bill (HRS-7), in `unit`.
    pub invoiced: Decimal,
    /// The time entries no invoice that still bills has billed, with their
    /// quantity in hours.
    pub unbilled: Vec<TimeEntry>,
}

/// What a line's figures are computed from.
#[derive(Debug, Clone, Copy)]
pub struct LineFacts<'a> {
    /// The line's index in its order.
    pub line: u32,
    /// How its service is invoiced.
    pub policy: ServicePolicy,
    /// Ordered, in `unit`.
    pub ordered: Decimal,
    /// The line's unit.
    pub unit: &'a Unit,
    /// The company's Hours.
    pub hours: &'a Unit,
    /// The company's units, by id (those of the time entries among them).
    pub units: &'a HashMap<UnitId, Unit>,
    /// The customer invoices of the line's order.
    pub invoices: &'a [Invoice],
    /// The time entries charged to the line.
    pub entries: &'a [TimeEntry],
}

impl LineFigures {
    /// HRS-4, HRS-7: the figures of a line from its facts.
    pub fn of(facts: &LineFacts<'_>) -> Result<Self> {
        let unit_of = |id: UnitId| {
            facts
                .units
                .get(&id)
                .ok_or_else(|| Error::not_found("unit", id))
        };
        let invoiced = facts
            .invoices
            .iter()
            .filter(|i| bills(i))
            .flat_map(|i| &i.lines)
            .filter(|l| l.sale_line == Some(facts.line))
            .map(|l| l.quantity)
            .sum();
        let mut reference = Decimal::ZERO;
        let mut unbilled = Vec::new();
        for entry in facts.entries {
            let in_reference = units::to_reference(entry.quantity, unit_of(entry.unit)?)?;
            reference += in_reference;
            let billed = entry
                .invoice
                .is_some_and(|id| facts.invoices.iter().any(|i| i.id == id && bills(i)));
            if !billed {
                // Kept in hours so that `invoiceable` needs no other unit.
                unbilled.push(TimeEntry {
                    quantity: in_reference / facts.hours.ratio,
                    unit: facts.hours.id,
                    ..entry.clone()
                });
            }
        }
        Ok(Self {
            unit: facts.unit.clone(),
            hours: facts.hours.clone(),
            policy: facts.policy,
            ordered: facts.ordered,
            delivered: units::from_reference(reference, facts.unit)?,
            invoiced,
            unbilled,
        })
    }

    /// HRS-3, HRS-7: what invoicing the line would bill now, in its unit:
    /// a prepaid line its ordered quantity not yet invoiced, a post-paid
    /// (timesheets) line the time no live invoice has billed, others
    /// nothing.
    pub fn invoiceable(&self) -> Result<Decimal> {
        Ok(match self.policy {
            ServicePolicy::Prepaid => (self.ordered - self.invoiced).max(Decimal::ZERO),
            ServicePolicy::Timesheets => {
                let hours: Decimal = self.unbilled.iter().map(|e| e.quantity).sum();
                units::from_reference(units::to_reference(hours, &self.hours)?, &self.unit)?
            }
            ServicePolicy::Manual | ServicePolicy::Milestones => Decimal::ZERO,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ids::*;
    use crate::model::{InvoiceKind, InvoiceLine};
    use crate::money::Currency;
    use chrono::NaiveDate;

    fn unit(id: i64, name: &str, ratio: i64) -> Unit {
        Unit {
            id: UnitId(id),
            company: CompanyId(1),
            category: UnitCategoryId(1),
            name: name.into(),
            ratio: Decimal::from(ratio),
            rounding: Decimal::new(1, 2),
        }
    }

    fn entry(id: i64, quantity: Decimal, unit: i64, invoice: Option<i64>) -> TimeEntry {
        TimeEntry {
            id: TimeEntryId(id),
            company: CompanyId(1),
            ticket: TicketId(1),
            agent: UserId(1),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            quantity,
            unit: UnitId(unit),
            description: String::new(),
            sale_line: None,
            invoice: invoice.map(InvoiceId),
        }
    }

    fn invoice(
        id: i64,
        line: u32,
        quantity: i64,
        state: InvoiceState,
        paid: PaymentState,
    ) -> Invoice {
        Invoice {
            id: InvoiceId(id),
            company: CompanyId(1),
            kind: InvoiceKind::Invoice,
            number: None,
            customer: PartnerId(1),
            commercial_partner: PartnerId(1),
            journal: JournalId(1),
            currency: Currency::iso("EUR").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            state,
            payment_state: paid,
            sale_order: Some(SaleOrderId(1)),
            reference: String::new(),
            reversed_invoice: None,
            ticket: None,
            scheduled_post: None,
            lines: vec![InvoiceLine {
                product: None,
                label: String::new(),
                quantity: Decimal::from(quantity),
                unit_price: Decimal::ONE,
                taxes: Vec::new(),
                subtotal: Decimal::ZERO,
                tax: Decimal::ZERO,
                total: Decimal::ZERO,
                reverses: None,
                sale_line: Some(line),
            }],
            untaxed: Decimal::ZERO,
            tax: Decimal::ZERO,
            total: Decimal::ZERO,
        }
    }

    fn figures(
        policy: ServicePolicy,
        line_unit: &Unit,
        invoices: &[Invoice],
        entries: &[TimeEntry],
    ) -> LineFigures {
        let (hours, days) = (unit(1, "Hours", 1), unit(2, "Days", 8));
        let units: HashMap<UnitId, Unit> = [(hours.id, hours.clone()), (days.id, days)].into();
        LineFigures::of(&LineFacts {
            line: 0,
            policy,
            ordered: Decimal::from(10),
            unit: line_unit,
            hours: &hours,
            units: &units,
            invoices,
            entries,
        })
        .unwrap()
    }

    #[test]
    fn hrs_4_delivered_is_the_time_logged_in_the_line_unit() {
        let entries = [
            entry(1, Decimal::from(4), 1, None),
            entry(2, Decimal::ONE, 2, None),
        ];
        let days = unit(2, "Days", 8);
        // 4 h + 1 day = 12 h = 1.5 days.
        assert_eq!(
            figures(ServicePolicy::Prepaid, &days, &[], &entries).delivered,
            Decimal::new(15, 1)
        );
    }

    #[test]
    fn hrs_7_an_invoice_cancelled_or_fully_reversed_no_longer_bills() {
        use InvoiceState::*;
        use PaymentState::*;
        assert!(bills(&invoice(1, 0, 1, Posted, NotPaid)));
        assert!(bills(&invoice(1, 0, 1, Draft, NotPaid)));
        assert!(!bills(&invoice(1, 0, 1, Cancelled, NotPaid)));
        assert!(!bills(&invoice(1, 0, 1, Posted, Reversed)));
    }

    #[test]
    fn hrs_3_a_prepaid_line_bills_what_was_ordered_and_not_yet_invoiced() {
        let hours = unit(1, "Hours", 1);
        let invoices = [
            invoice(1, 0, 3, InvoiceState::Posted, PaymentState::NotPaid),
            invoice(2, 0, 5, InvoiceState::Cancelled, PaymentState::NotPaid),
            invoice(3, 1, 4, InvoiceState::Posted, PaymentState::NotPaid),
        ];
        let f = figures(ServicePolicy::Prepaid, &hours, &invoices, &[]);
        assert_eq!(
            (f.invoiced, f.invoiceable().unwrap()),
            (Decimal::from(3), Decimal::from(7))
        );
        let all = [invoice(
            1,
            0,
            12,
            InvoiceState::Posted,
            PaymentState::NotPaid,
        )];
        assert_eq!(
            figures(ServicePolicy::Prepaid, &hours, &all, &[])
                .invoiceable()
                .unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn hrs_3_hrs_7_a_timesheets_line_bills_the_time_no_live_invoice_billed() {
        let days = unit(2, "Days", 8);
        let invoices = [
            invoice(1, 0, 1, InvoiceState::Posted, PaymentState::NotPaid),
            invoice(2, 0, 1, InvoiceState::Posted, PaymentState::Reversed),
        ];
        let entries = [
            entry(1, Decimal::from(8), 1, Some(1)),
            entry(2, Decimal::from(4), 1, Some(2)),
            entry(3, Decimal::from(4), 1, None),
        ];
        let f = figures(ServicePolicy::Timesheets, &days, &invoices, &entries);
        assert_eq!(
            f.unbilled.iter().map(|e| e.id.0).collect::<Vec<_>>(),
            [2, 3]
        );
        // 8 h unbilled = 1 day.
        assert_eq!(f.invoiceable().unwrap(), Decimal::ONE);
        assert_eq!(
            figures(ServicePolicy::Manual, &days, &invoices, &entries)
                .invoiceable()
                .unwrap(),
            Decimal::ZERO
        );
    }
}
