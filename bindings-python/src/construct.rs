//! What the generated record constructors need from core, for the records
//! Python code builds itself (`TeamSettings()`, `Within(hours=4)`,
//! `Limits(subject=120)`, `SaleOrderLine(quantity="0.10", ...)`): core's
//! defaults and its reading of decimal text.
//!
//! `core/api.json` says which fields may be left out but not what they
//! then hold, and a record built in Python must show the value core would
//! give it (`TeamSettings().auto_close_days == 7`). So the generated
//! constructors fill a left-out field from the JSON of the core type's
//! `Default`, read here. A test builds every generated record that has such
//! a field, so a record missing from this table fails the suite.

use helpdesk as hd;
use helpdesk::scalars;
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use serde::Serialize;

/// The JSON text of `T::default()`.
fn json_of<T: Default + Serialize>() -> PyResult<String> {
    serde_json::to_string(&T::default())
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// The core's default values of record `name` as JSON text (the record's
/// JSON form, required fields included with the type's own default).
#[pyfunction]
pub fn record_defaults(name: &str) -> PyResult<String> {
    match name {
        "CalendarSpec" => json_of::<hd::calendar::CalendarSpec>(),
        "Limits" => json_of::<hd::Limits>(),
        "MailSettings" => json_of::<hd::MailSettings>(),
        "NewTicket" => json_of::<hd::NewTicket>(),
        "Reward" => json_of::<hd::Reward>(),
        "RewardConditions" => json_of::<hd::RewardConditions>(),
        "TeamSettings" => json_of::<hd::TeamSettings>(),
        "TeamSettingsPatch" => json_of::<hd::TeamSettingsPatch>(),
        "Within" => json_of::<hd::Within>(),
        _ => Err(PyKeyError::new_err(format!(
            "no core defaults for the record {name}: add it to bindings-python/src/construct.rs"
        ))),
    }
}

/// A decimal's text as core reads it (`scalars::parse_decimal`) and writes
/// it back (`"1000"` for `"1E+3"`, the scale kept), so a record built in
/// Python holds the value core would; a refusal is `InvalidInput` on the
/// field `value`, which the caller renames.
#[pyfunction]
pub fn parse_decimal_text(py: Python<'_>, text: &str) -> PyResult<String> {
    scalars::parse_decimal("value", text)
        .map(scalars::format_decimal)
        .map_err(|e| crate::errors::to_py_err(py, &e))
}
