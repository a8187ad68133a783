//! Python binding of helpdesk: the native module `helpdesk._helpdesk`,
//! re-exported by the Python package `helpdesk` (`python/helpdesk`).
//!
//! Thin wrappers only: every Python method is one core call plus the
//! conversion of its inputs and result. Store work runs with the GIL
//! released; errors and panics become `helpdesk.HelpdeskError` subclasses
//! (see [`errors`]).
//!
//! No `#![allow(unsafe_code)]` is needed: the workspace denies unsafe code
//! and pyo3's macro expansions are not flagged by the lint.

pub mod calendar;
pub mod convert;
pub mod desk;
pub mod errors;
pub mod records;

use pyo3::prelude::*;

/// The version of the helpdesk library.
#[pyfunction]
fn version() -> &'static str {
    helpdesk::version()
}

/// The native module `helpdesk._helpdesk`.
#[pymodule]
fn _helpdesk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(convert::_core_enum_names, m)?)?;
    records::register(m)?;
    desk::register(m)?;
    calendar::register(m)?;
    Ok(())
}
