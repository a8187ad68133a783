//! Test hooks: the native submodule `helpdesk._helpdesk._testing`, built only
//! with the cargo feature `test-hooks` (the test wheel of `make test`; a
//! release wheel has none of this).
//!
//! The scalar hooks run exactly the conversion a method's argument goes
//! through ([`Arg`] read by name, here `value`) and give back what the core
//! read, written by the core (`scalars::format_*`), so the suite can replay
//! `tests/golden/scalars/cases.json`.

use crate::convert::{Arg, ReadArg};
use crate::errors::run;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use helpdesk::scalars;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rust_decimal::Decimal;

/// Panics in Rust, for the test proving a panic surfaces as an exception.
///
/// With `guarded` (the default) the panic happens inside [`run`], like a
/// panic in a core operation, and surfaces as `helpdesk.InternalError`.
/// Without it the panic happens outside any guard and pyo3 itself turns it
/// into `pyo3_runtime.PanicException` (a `BaseException`).
#[pyfunction]
#[pyo3(signature = (guarded = true))]
#[allow(clippy::panic)]
fn panic_for_test(py: Python<'_>, guarded: bool) -> PyResult<()> {
    if guarded {
        run(py, || -> helpdesk::Result<()> {
            panic!("deliberate panic for the test suite")
        })
    } else {
        panic!("deliberate unguarded panic for the test suite")
    }
}

/// Sleeps in Rust with the GIL released: proves that work done through the
/// same path as every operation lets other threads run.
#[pyfunction]
fn sleep_for_test(py: Python<'_>, seconds: f64) -> PyResult<()> {
    let pause = std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    run(py, || {
        std::thread::sleep(pause);
        Ok(())
    })
}

/// The core's variant names for a Python enum class name, so a test can
/// compare them with the generated members in `helpdesk/_generated.py`.
#[pyfunction]
fn core_enum_names(class_name: &str) -> PyResult<Vec<String>> {
    crate::convert::core_variant_names(class_name)
        .ok_or_else(|| PyValueError::new_err(format!("no helpdesk enum {class_name}")))
}

/// A decimal argument as the core read it (`"1000"` for `Decimal("1E+3")`).
#[pyfunction]
fn read_decimal(py: Python<'_>, value: Arg<Decimal>) -> PyResult<String> {
    Ok(scalars::format_decimal(value.read(py, "value")?))
}

/// A date argument as the core read it (`"2026-03-04"`).
#[pyfunction]
fn read_date(py: Python<'_>, value: Arg<NaiveDate>) -> PyResult<String> {
    Ok(scalars::format_date(value.read(py, "value")?))
}

/// An instant argument as the core read it (RFC 3339 in UTC with `Z`).
#[pyfunction]
fn read_instant(py: Python<'_>, value: Arg<DateTime<Utc>>) -> PyResult<String> {
    Ok(scalars::format_instant(value.read(py, "value")?))
}

/// A duration argument as the core reads it as a working duration, in
/// whole seconds.
#[pyfunction]
fn read_duration(py: Python<'_>, value: Arg<TimeDelta>) -> PyResult<i64> {
    let duration = value.read(py, "value")?;
    helpdesk::scalars::whole_seconds("value", duration)
        .map(|d| d.num_seconds())
        .map_err(|e| crate::errors::to_py_err(py, &e))
}

/// An id argument as the core read it (every typed id reads alike).
#[pyfunction]
fn read_id(py: Python<'_>, value: Arg<helpdesk::TicketId>) -> PyResult<i64> {
    Ok(value.read(py, "value")?.0)
}

/// A whole-number argument (a count or a limit) as read into a `u32`.
#[pyfunction]
fn read_count(py: Python<'_>, value: Arg<u32>) -> PyResult<u32> {
    value.read(py, "value")
}

/// Adds the submodule `_testing` to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let testing = PyModule::new(m.py(), "_testing")?;
    testing.add_function(wrap_pyfunction!(panic_for_test, &testing)?)?;
    testing.add_function(wrap_pyfunction!(sleep_for_test, &testing)?)?;
    testing.add_function(wrap_pyfunction!(core_enum_names, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_decimal, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_date, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_instant, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_duration, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_id, &testing)?)?;
    testing.add_function(wrap_pyfunction!(read_count, &testing)?)?;
    m.add_submodule(&testing)
}
