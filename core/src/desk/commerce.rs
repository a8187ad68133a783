//! What the host's ERP holds, recorded through the desk: currencies,
//! products, taxes and journals, and the pricing of document lines (sales
//! orders and invoices have a module each: `sale_orders`, `invoices`).
//! Recording is for the host (the system actor) and managers; internal
//! users of the company read.

use super::invoices::NewInvoiceLine;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, CurrencyId, JournalId, PartnerId, ProductId, TaxId, UnitId};
use crate::invoicing;
use crate::model::{
    InvoiceLine, Journal, JournalKind, Partner, Product, ServicePolicy, Tax, Tracking, Unit,
};
use crate::money::{bounded, Currency};
use crate::store::RecordKey;
use crate::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A currency's rounding when it is not ISO 4217's, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CurrencyRecord {
    pub(crate) id: CurrencyId,
    pub(crate) currency: Currency,
}

/// Input of [`Helpdesk::create_product`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewProduct {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Lot or serial tracking.
    #[serde(default)]
    pub tracking: Tracking,
    /// Default sale price.
    #[serde(default)]
    pub sale_price: Decimal,
    /// Default customer taxes (of the company).
    #[serde(default)]
    pub taxes: Vec<TaxId>,
    /// The unit it is sold in (a service: a working-time unit, default Hours).
    #[serde(default)]
    pub unit: Option<UnitId>,
    /// For a service: how it is invoiced (HRS-2).
    #[serde(default)]
    pub service_policy: Option<ServicePolicy>,
}

/// Input of [`Helpdesk::create_tax`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewTax {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Rate in percent (0 to 100).
    pub percent: Decimal,
    /// Whether prices include it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub price_included: bool,
}

/// Input of [`Helpdesk::create_journal`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewJournal {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Short code (1 to 5 letters or digits, unique in the company).
    pub code: String,
    /// What it records.
    pub kind: JournalKind,
}

impl Work<'_> {
    /// Requires the host or a manager of `company` (recording ERP data).
    pub(super) fn require_bookkeeper(&mut self, company: CompanyId, action: &str) -> Result<()> {
        self.load_own(company)?;
        self.require_configure(company, action)
    }

    /// The currency of an ISO code, with a rounding stored by
    /// [`Helpdesk::define_currency`] taking precedence.
    pub(super) fn currency(&mut self, code: &str) -> Result<Currency> {
        let iso = Currency::iso(code)?;
        Ok(self
            .defined_currency(&iso.code)?
            .map_or(iso, |r| r.currency))
    }

    /// The rounding [`Helpdesk::define_currency`] stored for a code, if any.
    fn defined_currency(&mut self, code: &str) -> Result<Option<CurrencyRecord>> {
        Ok(self
            .tx
            .shared::<CurrencyRecord>(RecordKey::code(code))?
            .into_iter()
            .find(|r| r.currency.code == code))
    }

    /// A customer of `company`, and their commercial partner.
    pub(super) fn customer_of(&mut self, company: CompanyId, id: PartnerId) -> Result<Partner> {
        load_in(self.tx, id, company)
    }

    /// The taxes `ids`, all of `company`.
    pub(super) fn taxes_of(&mut self, company: CompanyId, ids: &[TaxId]) -> Result<Vec<Tax>> {
        let mut taxes = Vec::with_capacity(ids.len());
        for id in ids {
            taxes.push(load_in(self.tx, *id, company)?);
        }
        Ok(taxes)
    }

    /// A product of `company`.
    pub(super) fn product_of(&mut self, company: CompanyId, id: ProductId) -> Result<Product> {
        load_in(self.tx, id, company)
    }

    /// A sale journal of `company`.
    pub(super) fn sale_journal(&mut self, company: CompanyId, id: JournalId) -> Result<Journal> {
        let journal: Journal = load_in(self.tx, id, company)?;
        if journal.kind != JournalKind::Sale {
            return Err(Error::invalid(
                "journal",
                format!(
                    "journal {} is a {:?} journal, not a sale journal",
                    journal.name, journal.kind
                ),
            ));
        }
        Ok(journal)
    }

    /// Computes a line's amounts from its taxes.
    pub(super) fn priced_line(
        &mut self,
        company: CompanyId,
        currency: &Currency,
        input: NewInvoiceLine,
    ) -> Result<InvoiceLine> {
        let product = input
            .product
            .map(|id| self.product_of(company, id))
            .transpose()?;
        let label = match (input.label, &product) {
            (Some(label), _) => self.required_text("label", &label)?,
            (None, Some(product)) => product.name.clone(),
            (None, None) => {
                return Err(Error::invalid(
                    "label",
                    "a line without a product needs a label",
                ))
            }
        };
        let unit_price = input
            .unit_price
            .or(product.as_ref().map(|p| p.sale_price))
            .unwrap_or_default();
        let taxes = input
            .taxes
            .or(product.as_ref().map(|p| p.taxes.clone()))
            .unwrap_or_default();
        bounded("quantity", input.quantity)?;
        bounded("unit_price", unit_price)?;
        if input.quantity <= Decimal::ZERO {
            return Err(Error::invalid(
                "quantity",
                format!("line {label:?}: a quantity must be positive"),
            ));
        }
        if unit_price < Decimal::ZERO {
            return Err(Error::invalid(
                "unit_price",
                format!("line {label:?}: a price cannot be negative"),
            ));
        }
        let tax_records = self.taxes_of(company, &taxes)?;
        let refs: Vec<&Tax> = tax_records.iter().collect();
        let (subtotal, tax, total) =
            invoicing::line_amounts(currency, input.quantity, unit_price, &refs);
        Ok(InvoiceLine {
            product: product.map(|p| p.id),
            label,
            quantity: input.quantity,
            unit_price,
            taxes,
            subtotal,
            tax,
            total,
            reverses: None,
            sale_line: None,
        })
    }
}

impl Helpdesk {
    /// Sets the rounding of a currency whose ISO 4217 one does not suit
    /// (e.g. a token currency with 8 decimals). The host only: currencies
    /// are shared by every company of the store.
    pub fn define_currency(&self, actor: Actor, code: String, decimals: u32) -> Result<Currency> {
        self.write(actor, |w| {
            if w.user().is_some() {
                return Err(Error::forbidden(
                    "define a currency",
                    "currencies are shared by every company: the host defines them",
                ));
            }
            if decimals > 12 {
                return Err(Error::invalid("decimals", "at most 12 decimal places"));
            }
            let currency = Currency {
                decimals,
                ..Currency::iso(&code)?
            };
            let existing = w.defined_currency(&currency.code)?;
            let id = match existing {
                Some(record) => record.id,
                None => CurrencyId(w.tx.new_id::<CurrencyRecord>()?),
            };
            w.tx.put(&CurrencyRecord {
                id,
                currency: currency.clone(),
            })?;
            Ok(currency)
        })
    }

    /// Records a product (the host, managers).
    pub fn create_product(&self, actor: Actor, input: NewProduct) -> Result<Product> {
        self.write(actor, |w| {
            w.require_bookkeeper(input.company, "record a product")?;
            w.taxes_of(input.company, &input.taxes)?;
            bounded("sale_price", input.sale_price)?;
            if input.sale_price < Decimal::ZERO {
                return Err(Error::invalid("sale_price", "a price cannot be negative"));
            }
            let unit = match (input.unit, input.service_policy) {
                (Some(id), _) => Some(load_in(w.tx, id, input.company)?.id),
                (None, Some(_)) => Some(w.time_units(input.company)?.0.id),
                (None, None) => None,
            };
            if input.service_policy.is_some() {
                let (hours, _) = w.time_units(input.company)?;
                let unit: Unit = load(w.tx, unit.unwrap_or(hours.id))?;
                if unit.category != hours.category {
                    return Err(Error::invalid(
                        "unit",
                        format!("a service is sold in working time, not in {}", unit.name),
                    ));
                }
            }
            let product = Product {
                id: ProductId(w.tx.new_id::<Product>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                tracking: input.tracking,
                sale_price: input.sale_price,
                taxes: input.taxes.clone(),
                unit,
                service_policy: input.service_policy,
            };
            w.tx.put(&product)?;
            Ok(product)
        })
    }

    /// Records a tax (the host, managers).
    pub fn create_tax(&self, actor: Actor, input: NewTax) -> Result<Tax> {
        self.write(actor, |w| {
            w.require_bookkeeper(input.company, "record a tax")?;
            if input.percent < Decimal::ZERO || input.percent > Decimal::ONE_HUNDRED {
                return Err(Error::invalid(
                    "percent",
                    "a tax rate is between 0 and 100 percent",
                ));
            }
            let tax = Tax {
                id: TaxId(w.tx.new_id::<Tax>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                percent: input.percent,
                price_included: input.price_included,
            };
            w.tx.put(&tax)?;
            Ok(tax)
        })
    }

    /// Records a journal (the host, managers).
    pub fn create_journal(&self, actor: Actor, input: NewJournal) -> Result<Journal> {
        self.write(actor, |w| {
            w.require_bookkeeper(input.company, "record a journal")?;
            let code = input.code.trim().to_ascii_uppercase();
            if code.is_empty() || code.len() > 5 || !code.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(Error::invalid(
                    "code",
                    "a journal code is 1 to 5 letters or digits",
                ));
            }
            if w.tx
                .in_company::<Journal>(input.company)?
                .iter()
                .any(|j| j.code == code)
            {
                return Err(Error::Conflict {
                    entity: "journal",
                    reason: format!("code {code} is taken"),
                });
            }
            let journal = Journal {
                id: JournalId(w.tx.new_id::<Journal>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                code,
                kind: input.kind,
            };
            w.tx.put(&journal)?;
            Ok(journal)
        })
    }
}
