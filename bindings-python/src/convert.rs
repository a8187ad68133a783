//! How the native classes (`Actor`, `ManualClock`, the working calendar)
//! and the test hooks read Python values where pyo3 has no conversion of its
//! own. The desk operations do not come here: they send JSON to core's
//! `json_api::call` (see `helpdesk/_runtime.py`).
//!
//! - Enums: the `str` enums of `helpdesk/_generated.py` ([`EnumArg`], [`EnumOut`]).
//! - Scalars: [`Arg<T>`] holds an argument read by the core's one reading of
//!   scalar values (`helpdesk::scalars`): exact decimals, calendar dates,
//!   instants, whole-second durations, ids, and whole numbers in a Rust
//!   integer's range. The value is read when pyo3 extracts the argument, but
//!   a refusal waits for the argument's name: pyo3 does not say which
//!   argument an extraction error came from (it only adds a note, and only
//!   on Python 3.11+), so the method body calls [`ReadArg::read`] with the
//!   name, and the refusal becomes `helpdesk.InvalidInput` (a value that
//!   breaks the rule) or `TypeError` (a value of the wrong type), both naming
//!   the argument.

use crate::errors::to_py_err;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use helpdesk::scalars;
use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateAccess, PyDateTime, PyDelta, PyFloat, PyInt, PyString, PyTimeAccess,
    PyType,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The Python module that defines the enum classes.
const ENUMS_MODULE: &str = "helpdesk._generated";

/// A core enum with a Python `str` enum counterpart in `helpdesk._generated`.
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
        #[cfg(feature = "test-hooks")]
        pub(crate) fn core_variant_names(class_name: &str) -> Option<Vec<String>> {
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
    helpdesk::OutboxEvent => "OutboxEvent",
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
    helpdesk::TeamSettingsReference => "TeamSettingsReference",
    helpdesk::ConversionCustomer => "ConversionCustomer",
    helpdesk::Dimension => "Dimension",
    helpdesk::Period => "Period",
    helpdesk::MailOutcome => "MailOutcome",
    helpdesk::AutomaticKind => "AutomaticKind",
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

/// Why an argument was refused, before its name is known.
enum Refusal {
    /// The core's refusal (`invalid_input` for a value that breaks a scalar
    /// rule), its field renamed to the argument's when read.
    Core(helpdesk::Error),
    /// A value of the wrong Python type: `TypeError`.
    Type(String),
}

/// The field name a refusal carries until the argument is read by name.
const UNNAMED: &str = "argument";

/// An argument read by the core's rules for its kind of scalar value, or its
/// refusal waiting for the argument's name (see the module docs). `T` says
/// which reading applies:
///
/// | `T` | Python value | read by |
/// |---|---|---|
/// | `Decimal` | `decimal.Decimal`, `int` or `str` (not `float`, not `bool`) | `scalars::parse_decimal` of its `str()` |
/// | `NaiveDate` | `datetime.date` (not a `datetime.datetime`) | `scalars::check_date` |
/// | `DateTime<Utc>` | an aware `datetime.datetime`, any `tzinfo` | converted to UTC, `scalars::check_instant` |
/// | `TimeDelta` | `datetime.timedelta` | exact (working time then refuses a fraction of a second) |
/// | a typed id (`TicketId`, ...) | `int` (not `bool`, not `float`) | `scalars::check_id` |
/// | `u32`, `u64` | `int` (not `bool`, not `float`) | the integer type's range |
pub struct Arg<T>(Result<T, Refusal>);

impl<T> Arg<T> {
    /// What the core read: the value or its refusal (whose field is renamed
    /// when the argument is read).
    fn core(read: helpdesk::Result<T>) -> Self {
        Arg(read.map_err(Refusal::Core))
    }

    /// A value of the right type that breaks the rule of its kind.
    fn invalid(reason: String) -> Self {
        Arg(Err(Refusal::Core(helpdesk::Error::invalid(
            UNNAMED, reason,
        ))))
    }

    /// A value of the wrong Python type.
    fn wrong_type(expected: &str, ob: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let got = ob.get_type().name()?;
        Ok(Arg(Err(Refusal::Type(format!(
            "expected {expected}, got {got}"
        )))))
    }
}

/// Reads a method's argument by its name: the value, or its refusal as
/// `helpdesk.InvalidInput` / `TypeError` naming `field`. Implemented by
/// [`Arg`] and by `Option`s and `Vec`s of it, so every argument is read the
/// same way: `let ticket = ticket.read(py, "ticket")?;`.
pub trait ReadArg {
    /// The core value.
    type Value;
    /// The value, or the refusal naming `field`.
    fn read(self, py: Python<'_>, field: &'static str) -> PyResult<Self::Value>;
}

impl<T> ReadArg for Arg<T> {
    type Value = T;

    fn read(self, py: Python<'_>, field: &'static str) -> PyResult<T> {
        match self.0 {
            Ok(value) => Ok(value),
            Err(Refusal::Core(helpdesk::Error::InvalidInput { reason, .. })) => {
                Err(to_py_err(py, &helpdesk::Error::invalid(field, reason)))
            }
            Err(Refusal::Core(other)) => Err(to_py_err(py, &other)),
            Err(Refusal::Type(message)) => Err(PyTypeError::new_err(format!(
                "argument '{field}': {message}"
            ))),
        }
    }
}

impl<A: ReadArg> ReadArg for Option<A> {
    type Value = Option<A::Value>;

    fn read(self, py: Python<'_>, field: &'static str) -> PyResult<Self::Value> {
        self.map(|arg| arg.read(py, field)).transpose()
    }
}

impl<A: ReadArg> ReadArg for Vec<A> {
    type Value = Vec<A::Value>;

    fn read(self, py: Python<'_>, field: &'static str) -> PyResult<Self::Value> {
        self.into_iter().map(|arg| arg.read(py, field)).collect()
    }
}

/// The class `decimal.Decimal` (imported once).
pub(crate) fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "decimal", "Decimal")
}

/// An exact decimal (money, a quantity, a rate): the text of a `Decimal`,
/// an `int` or a `str` read by `scalars::parse_decimal`, so
/// `str(Decimal("1E+3"))` is `1000` and `Decimal("NaN")` is refused as the
/// core refuses `"NaN"`. A `float` is a `TypeError`: a binary float cannot
/// hold money exactly.
impl<'py> FromPyObject<'_, 'py> for Arg<Decimal> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        const EXPECTED: &str = "a decimal.Decimal, int or str";
        let text = if ob.is_instance_of::<PyString>() {
            ob.extract::<String>()?
        } else if (ob.is_instance_of::<PyInt>() && !ob.is_instance_of::<PyBool>())
            || ob.is_instance(decimal_class(ob.py())?)?
        {
            ob.str()?.to_cow()?.into_owned()
        } else if ob.is_instance_of::<PyFloat>() {
            return Arg::wrong_type(
                &format!(
                    "{EXPECTED} (a float cannot hold money exactly: \
                     pass decimal.Decimal(\"0.1\") or \"0.1\")"
                ),
                ob,
            );
        } else {
            return Arg::wrong_type(EXPECTED, ob);
        };
        Ok(Arg::core(scalars::parse_decimal(UNNAMED, &text)))
    }
}

/// A calendar date: a `datetime.date`, read by `scalars::check_date`. A
/// `datetime.datetime` (a subclass of `date`) is a `TypeError` rather than
/// silently cut to its day.
impl<'py> FromPyObject<'_, 'py> for Arg<NaiveDate> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if ob.is_instance_of::<PyDateTime>() {
            return Arg::wrong_type("a datetime.date (pass the datetime's .date())", ob);
        }
        let Ok(date) = ob.cast::<PyDate>() else {
            return Arg::wrong_type("a datetime.date", ob);
        };
        let day = NaiveDate::from_ymd_opt(
            date.get_year(),
            date.get_month().into(),
            date.get_day().into(),
        );
        Ok(match day {
            Some(day) => Arg::core(scalars::check_date(UNNAMED, day)),
            None => Arg::invalid(format!("{} is not a calendar date", date.repr()?)),
        })
    }
}

/// An instant: an aware `datetime.datetime` in any zone (a fixed offset,
/// `zoneinfo`, `pytz`, `dateutil`, ...), taken to UTC with its own
/// `utcoffset()` (as `astimezone` does) and read by `scalars::check_instant`,
/// so an instant before year 1 in UTC is refused by the core. A naive
/// datetime is refused: helpdesk cannot guess its zone.
impl<'py> FromPyObject<'_, 'py> for Arg<DateTime<Utc>> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let Ok(local) = ob.cast::<PyDateTime>() else {
            return Arg::wrong_type("a timezone-aware datetime.datetime", ob);
        };
        let offset = local.call_method0(pyo3::intern!(ob.py(), "utcoffset"))?;
        if offset.is_none() {
            return Ok(Arg::invalid(format!(
                "naive datetime {}: pass a timezone-aware datetime, \
                 e.g. datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)",
                local.repr()?
            )));
        }
        let offset: TimeDelta = offset.extract()?;
        let wall = NaiveDate::from_ymd_opt(
            local.get_year(),
            local.get_month().into(),
            local.get_day().into(),
        )
        .and_then(|day| {
            day.and_hms_micro_opt(
                local.get_hour().into(),
                local.get_minute().into(),
                local.get_second().into(),
                local.get_microsecond(),
            )
        });
        // Python's datetimes are years 1 to 9999 and offsets under a day:
        // both always fit chrono's range, so only a year-0 or year-10000
        // instant in UTC can be refused, and the core refuses it.
        Ok(
            match wall.and_then(|wall| wall.checked_sub_signed(offset)) {
                Some(utc) => Arg::core(scalars::check_instant(UNNAMED, utc.and_utc())),
                None => Arg::invalid(format!("{} is not an instant", local.repr()?)),
            },
        )
    }
}

/// A duration: a `datetime.timedelta`, read exactly (to the microsecond). A
/// clock moves by any duration; working time is counted in whole seconds, so
/// the core's calendar refuses a fraction of a second there (never cuts it).
impl<'py> FromPyObject<'_, 'py> for Arg<TimeDelta> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if !ob.is_instance_of::<PyDelta>() {
            return Arg::wrong_type("a datetime.timedelta", ob);
        }
        Ok(Arg(Ok(ob.extract()?)))
    }
}

/// A whole number as `N`, or why not: a `bool` and a `float` (even `3.0`)
/// are values, not whole numbers, so they break the rule (`range` says the
/// rule); an `int` outside `N` too; any other type is a `TypeError`.
fn whole<'py, N>(ob: Borrowed<'_, 'py, PyAny>, range: &dyn Fn() -> String) -> PyResult<Arg<N>>
where
    N: FromPyObjectOwned<'py>,
{
    if ob.is_instance_of::<PyBool>() || ob.is_instance_of::<PyFloat>() {
        return Ok(Arg::invalid(format!("{} is not {}", ob.repr()?, range())));
    }
    match ob.extract::<N>().map_err(Into::into) {
        Ok(value) => Ok(Arg(Ok(value))),
        Err(err) if err.is_instance_of::<PyOverflowError>(ob.py()) => Ok(Arg::invalid(format!(
            "{} is not {}",
            shown(&ob.str()?.to_cow()?),
            range()
        ))),
        Err(err) if err.is_instance_of::<PyTypeError>(ob.py()) => Arg::wrong_type("an int", ob),
        Err(err) => Err(err),
    }
}

/// At most 40 characters of a huge number, for an error message.
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// An id: an `int` read by `scalars::check_id` (1 to 2^53 − 1).
impl<'py, T: RawId> FromPyObject<'_, 'py> for Arg<T> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let range = || format!("an id (a whole number from 1 to {})", scalars::MAX_ID);
        Ok(match whole::<i64>(ob, &range)?.0 {
            Ok(raw) => Arg::core(scalars::check_id(UNNAMED, raw).map(T::from)),
            Err(refusal) => Arg(Err(refusal)),
        })
    }
}

macro_rules! whole_number_arg {
    ($($int:ty),* $(,)?) => {$(
        /// A count, limit, index or other whole number: an `int` in the
        /// integer type's range.
        impl<'py> FromPyObject<'_, 'py> for Arg<$int> {
            type Error = PyErr;

            fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
                let range = || format!("a whole number from {} to {}", <$int>::MIN, <$int>::MAX);
                whole::<$int>(ob, &range)
            }
        }
    )*};
}

whole_number_arg!(u32, u64);

/// Typed core ids read from the plain `int`s Python passes ([`Arg`] of an id).
pub trait RawId: Copy + From<i64> {
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

// The ids the native classes read: `Actor.user(user_id)`, and the test
// hook `read_id` (every typed id reads alike).
raw_id!(helpdesk::UserId, helpdesk::TicketId);

/// The variant names of a serde enum, read from serde's own message for an
/// unknown name: "unknown variant `\0`, expected one of `low`, `medium`, ...".
#[cfg(feature = "test-hooks")]
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
