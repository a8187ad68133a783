//! Python binding of helpdesk: the native module `helpdesk._helpdesk`,
//! re-exported by the Python package `helpdesk` (`python/helpdesk`).
//!
//! The operations are not written here: `helpdesk.Helpdesk` is generated
//! from `core/api.json` (`generate.py` writes `helpdesk/_generated.py`) and
//! every method sends its arguments as JSON through
//! [`desk::NativeDesk::invoke`], core's one dispatch `json_api::call`, which
//! reads every value by core's `scalars` rules. What stays native is what is
//! not a desk operation: `Actor`, `ManualClock`, the standalone
//! `WorkingCalendar` (hot, so native), the desk handle, the error mapping
//! (see [`errors`]) and the test hooks. Store work runs with the GIL
//! released; errors and panics become `helpdesk.HelpdeskError` subclasses.
//!
//! The cargo feature `test-hooks` (off by default; on in `make test`'s
//! wheel) adds the test hooks of the module `hooks`: a release wheel has none.
//!
//! No `#![allow(unsafe_code)]` is needed: the workspace denies unsafe code
//! and pyo3's macro expansions are not flagged by the lint.

pub mod calendar;
pub mod construct;
pub mod convert;
pub mod desk;
pub mod errors;
#[cfg(feature = "test-hooks")]
pub mod hooks;

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
    m.add_function(wrap_pyfunction!(construct::record_defaults, m)?)?;
    m.add_function(wrap_pyfunction!(construct::parse_decimal_text, m)?)?;
    desk::register(m)?;
    calendar::register(m)?;
    // Only in test builds: `helpdesk._helpdesk._testing` (see `hooks`).
    #[cfg(feature = "test-hooks")]
    hooks::register(m)?;
    Ok(())
}
