//! Python binding of helpdesk: the native module `helpdesk._helpdesk`,
//! re-exported by the Python package `helpdesk` (`python/helpdesk`).
//!
//! Thin wrappers only: every Python method is one core call plus the
//! conversion of its inputs and result. Store work runs with the GIL
//! released; errors and panics become `helpdesk.HelpdeskError` subclasses
//! (see [`errors`]). Every scalar argument (ids, instants, durations,
//! decimals, dates, whole numbers) is read by the core's `scalars` rules
//! through [`convert::Arg`], and a refusal names the argument.
//!
//! The cargo feature `test-hooks` (off by default; on in `make test`'s
//! wheel) adds the test hooks of the module `hooks`: a release wheel has none.
//!
//! No `#![allow(unsafe_code)]` is needed: the workspace denies unsafe code
//! and pyo3's macro expansions are not flagged by the lint.

pub mod calendar;
pub mod convert;
pub mod desk;
pub mod errors;
#[cfg(feature = "test-hooks")]
pub mod hooks;
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
    records::register(m)?;
    desk::register(m)?;
    calendar::register(m)?;
    // Only in test builds: `helpdesk._helpdesk._testing` (see `hooks`).
    #[cfg(feature = "test-hooks")]
    hooks::register(m)?;
    Ok(())
}
