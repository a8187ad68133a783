//! Conversions between Python values and core values that pyo3 does not
//! provide as such: the `str` enums of `helpdesk/_enums.py`, timezone-aware
//! instants, calendar dates, exact decimals, and the typed ids (plain
//! `int`s in Python).

use crate::errors::to_py_err;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDateTime, PyInt, PyString, PyType};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The Python module that defines the enum classes.
const ENUMS_MODULE: &str = "helpdesk._enums";

/// A core enum with a Python `str` enum counterpart in `helpdesk._enums`.
pub trait PyEnumClass: Serialize + DeserializeOwned + Send {
    /// The Python class name, e.g. `Priority`.
    const NAME: &'static str;
    /// The Python class (imported once).
    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>>;
}

macro_rules! py_enum_class {
    ($($core:ty => $name:literal),* $(,)?) => {
        $(
            impl PyEnumClass for $core {
                const NAME: &'static str = $name;
                fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
                    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                    CLASS.import(py, ENUMS_MODULE, $name)
                }
            }
        )*

        /// The core's variant names of the enum behind a Python class name.
        fn core_variant_names(class_name: &str) -> Option<Vec<String>> {
            match class_name {
                $($name => Some(serde_variant_names::<$core>()),)*
                _ => None,
            }
        }
    };
}

py_enum_class! {
    helpdesk::Priority => "Priority",
    helpdesk::Visibility => "Visibility",
    helpdesk::UserKind => "UserKind",
    helpdesk::HelpdeskRole => "HelpdeskRole",
    helpdesk::AssignmentMethod => "AssignmentMethod",
    helpdesk::DocumentKind => "DocumentKind",
    helpdesk::MessageKind => "MessageKind",
    helpdesk::OutboxKind => "OutboxKind",
    helpdesk::TicketSort => "TicketSort",
    helpdesk::SlaState => "SlaState",
    helpdesk::calendar::Weekday => "Weekday",
    helpdesk::Tracking => "Tracking",
    helpdesk::JournalKind => "JournalKind",
    helpdesk::SaleOrderState => "SaleOrderState",
    helpdesk::InvoiceKind => "InvoiceKind",
    helpdesk::InvoiceState => "InvoiceState",
    helpdesk::PaymentState => "PaymentState",
    helpdesk::RewardKind => "RewardKind",
    helpdesk::RewardScope => "RewardScope",
    helpdesk::ServicePolicy => "ServicePolicy",
    helpdesk::LocationKind => "LocationKind",
    helpdesk::TransferKind => "TransferKind",
    helpdesk::TransferState => "TransferState",
    helpdesk::RepairState => "RepairState",
    helpdesk::TaskStage => "TaskStage",
}

/// The core's snake_case name of an enum value (its serde name).
pub fn enum_name<T: Serialize>(value: &T) -> PyResult<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        _ => Err(PyValueError::new_err(
            "a helpdesk enum did not serialise to its name",
        )),
    }
}

/// The core enum value named `name`, if there is one.
pub fn enum_from_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// An enum argument: a member of the matching Python enum, or its string value.
pub struct EnumArg<T>(pub T);

impl<'py, T: PyEnumClass> FromPyObject<'_, 'py> for EnumArg<T> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let py = ob.py();
        let class = T::class(py)?;
        let name: String = if ob.is_instance(class)? {
            ob.getattr("value")?.extract()?
        } else if ob.is_exact_instance_of::<PyString>() {
            ob.extract()?
        } else {
            let got = ob.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "expected helpdesk.{} (or its string value), got {got}",
                T::NAME
            )));
        };
        enum_from_name(&name).map(EnumArg).ok_or_else(|| {
            let allowed: Vec<String> = class
                .try_iter()
                .into_iter()
                .flatten()
                .filter_map(|member| member.ok()?.getattr("value").ok()?.extract().ok())
                .collect();
            PyValueError::new_err(format!(
                "{name:?} is not a helpdesk.{}: expected one of {}",
                T::NAME,
                allowed.join(", ")
            ))
        })
    }
}

/// An enum result: converted to the member of the matching Python enum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnumOut<T>(pub T);

impl<'py, T: PyEnumClass> IntoPyObject<'py> for EnumOut<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        T::class(py)?.call1((enum_name(&self.0)?,))
    }
}

/// An instant argument: a timezone-aware `datetime.datetime`, in any zone.
/// Naive datetimes are rejected: helpdesk cannot guess their zone.
pub struct Instant(pub DateTime<Utc>);

impl<'py> FromPyObject<'_, 'py> for Instant {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        match ob.extract::<DateTime<FixedOffset>>() {
            Ok(instant) => Ok(Instant(instant.with_timezone(&Utc))),
            Err(err) => {
                let naive = ob.hasattr("tzinfo")?
                    && ob.hasattr("utcoffset")?
                    && ob.call_method0("utcoffset")?.is_none();
                if naive {
                    Err(PyValueError::new_err(format!(
                        "naive datetime {}: pass a timezone-aware datetime, \
                         e.g. datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)",
                        ob.repr()?
                    )))
                } else if ob.hasattr("tzinfo")? {
                    Err(err)
                } else {
                    let got = ob.get_type().name()?;
                    Err(PyTypeError::new_err(format!(
                        "expected a timezone-aware datetime.datetime, got {got}"
                    )))
                }
            }
        }
    }
}

/// A calendar date argument: a `datetime.date`. A `datetime.datetime` (a
/// subclass of `date`) is refused rather than silently cut to its day.
pub struct DateArg(pub NaiveDate);

impl<'py> FromPyObject<'_, 'py> for DateArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if ob.is_instance_of::<PyDateTime>() {
            return Err(PyTypeError::new_err(format!(
                "expected a datetime.date, got the datetime {}: pass its .date()",
                ob.repr()?
            )));
        }
        match ob.extract::<NaiveDate>() {
            Ok(date) => Ok(DateArg(date)),
            Err(_) => {
                let got = ob.get_type().name()?;
                Err(PyTypeError::new_err(format!(
                    "expected a datetime.date, got {got}"
                )))
            }
        }
    }
}

/// An optional date argument as the core's `Option<NaiveDate>`.
pub fn opt_date(date: Option<DateArg>) -> Option<NaiveDate> {
    date.map(|d| d.0)
}

/// An exact decimal argument (money, a quantity, a rate): a
/// `decimal.Decimal`, an `int` or a numeric `str` (`"254.10"`). A `float`
/// is refused with `TypeError` (binary floats cannot hold money exactly).
/// A value that is not a finite number in the core's range (`"abc"`,
/// `Decimal("NaN")`, `Decimal("Infinity")`) is kept as text here and
/// becomes `helpdesk.InvalidInput` (naming the field) when [`decimal`]
/// converts it, before any store work.
pub struct DecimalArg(Result<Decimal, String>);

/// The class `decimal.Decimal` (imported once).
fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "decimal", "Decimal")
}

/// Parses the text of a decimal number exactly: plain (`"12.50"`) or
/// scientific (`"1.5E+3"`, as `str(Decimal)` writes some values).
fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| text.to_owned())
}

impl<'py> FromPyObject<'_, 'py> for DecimalArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let py = ob.py();
        if ob.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err(
                "expected a decimal.Decimal, int or str, got bool",
            ));
        }
        if ob.is_instance_of::<PyInt>() {
            let parsed = match ob.extract::<i64>() {
                Ok(value) => Ok(Decimal::from(value)),
                Err(_) => parse_decimal(&ob.str()?.to_cow()?),
            };
            return Ok(DecimalArg(parsed));
        }
        if ob.is_instance_of::<PyString>() {
            let text: String = ob.extract()?;
            return Ok(DecimalArg(parse_decimal(&text)));
        }
        if ob.is_instance(decimal_class(py)?)? {
            return Ok(DecimalArg(parse_decimal(&ob.str()?.to_cow()?)));
        }
        let got = ob.get_type().name()?;
        let hint = if got.to_cow()? == "float" {
            ": a float cannot hold money exactly, pass decimal.Decimal(\"0.1\") or \"0.1\""
        } else {
            ""
        };
        Err(PyTypeError::new_err(format!(
            "expected a decimal.Decimal, int or str, got {got}{hint}"
        )))
    }
}

impl DecimalArg {
    /// The decimal, or the core's `invalid_input` error naming `field`.
    pub fn get(&self, field: &'static str) -> helpdesk::Result<Decimal> {
        self.0.clone().map_err(|text| {
            helpdesk::Error::invalid(
                field,
                format!("{text:?} is not a decimal number (at most 28 significant digits)"),
            )
        })
    }
}

/// A decimal argument as a `Decimal`, or `helpdesk.InvalidInput` naming `field`.
pub fn decimal(py: Python<'_>, field: &'static str, arg: &DecimalArg) -> PyResult<Decimal> {
    arg.get(field).map_err(|err| to_py_err(py, &err))
}

/// An optional decimal argument, as [`decimal`].
pub fn opt_decimal(
    py: Python<'_>,
    field: &'static str,
    arg: Option<&DecimalArg>,
) -> PyResult<Option<Decimal>> {
    arg.map(|a| decimal(py, field, a)).transpose()
}

/// Typed core ids as the plain `int`s Python sees.
pub trait RawId: Copy {
    /// The raw value.
    fn raw(self) -> i64;
}

macro_rules! raw_id {
    ($($id:ty),* $(,)?) => {$(
        impl RawId for $id {
            fn raw(self) -> i64 {
                self.0
            }
        }
    )*};
}

raw_id!(
    helpdesk::CompanyId,
    helpdesk::PartnerId,
    helpdesk::UserId,
    helpdesk::TeamId,
    helpdesk::StageId,
    helpdesk::TagId,
    helpdesk::TicketTypeId,
    helpdesk::TicketId,
    helpdesk::MessageId,
    helpdesk::OutboxId,
    helpdesk::CalendarId,
    helpdesk::ProductId,
    helpdesk::SlaPolicyId,
    helpdesk::LeaveId,
    helpdesk::TaxId,
    helpdesk::JournalId,
    helpdesk::SaleOrderId,
    helpdesk::InvoiceId,
    helpdesk::CouponProgramId,
    helpdesk::CouponId,
    helpdesk::UnitCategoryId,
    helpdesk::UnitId,
    helpdesk::TimeEntryId,
    helpdesk::LocationId,
    helpdesk::TransferId,
    helpdesk::RepairId,
    helpdesk::FieldServiceProjectId,
    helpdesk::FieldServiceTaskId,
);

/// A list of typed ids as `list[int]`.
pub fn raw_ids<T: RawId>(ids: &[T]) -> Vec<i64> {
    ids.iter().map(|id| id.raw()).collect()
}

/// An optional typed id as `int | None`.
pub fn raw_opt<T: RawId>(id: Option<T>) -> Option<i64> {
    id.map(RawId::raw)
}

/// A list of `int`s as typed ids.
pub fn typed_ids<T: From<i64>>(ids: Vec<i64>) -> Vec<T> {
    ids.into_iter().map(T::from).collect()
}

/// The variant names of a serde enum, read from serde's own message for an
/// unknown name: "unknown variant `\0`, expected one of `low`, `medium`, ...".
fn serde_variant_names<T: DeserializeOwned>() -> Vec<String> {
    let message = match serde_json::from_value::<T>(serde_json::Value::String("\u{0}".into())) {
        Err(err) => err.to_string(),
        Ok(_) => String::new(),
    };
    let expected = message.split("expected").nth(1).unwrap_or_default();
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Test hook: the core's variant names for a Python enum class name, so a
/// test can compare them with the members in `helpdesk/_enums.py`.
#[pyfunction]
pub fn _core_enum_names(class_name: &str) -> PyResult<Vec<String>> {
    core_variant_names(class_name)
        .ok_or_else(|| PyValueError::new_err(format!("no helpdesk enum {class_name}")))
}
