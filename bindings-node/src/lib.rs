//! Node.js binding of helpdesk (napi-rs): the npm package `helpdesk`.
//!
//! The operations are not here: they are JavaScript generated from
//! `core/api.json` (`lib/api.js`, over the hand-written `lib/runtime.js`),
//! which all go through one native entry point, [`desk::invoke`], running
//! core's JSON dispatch (`helpdesk::json_api::call`). What stays native:
//! - [`desk`]: the desk handle (`Helpdesk.inMemory`, `open`, `snapshot`,
//!   `close`), [`desk::invoke`] and the `ManualClock` class;
//! - [`calendar`]: the `WorkingCalendar` class (pure working-time
//!   arithmetic, synchronous, called directly for speed);
//! - [`scalars`]: how the instants (`Date`s), durations (milliseconds,
//!   whole seconds) and dates of those classes cross into
//!   the library, each read by the core's one reading
//!   (`helpdesk::scalars`);
//! - [`error`]: the one mapping from core errors to JavaScript errors
//!   (instances of the package's `HelpdeskError`, whose factory the package
//!   entry `helpdesk.js` registers);
//! - [`task`]: store work on a worker thread, panics caught;
//! - `hooks` (only with the cargo feature `test-hooks`, which the test
//!   build turns on): entry points for the test suite, never in a release
//!   build.

// The napi macros expand to `unsafe` FFI glue; this crate writes none itself.
#![allow(unsafe_code)]

pub mod calendar;
pub mod desk;
pub mod error;
pub mod scalars;
pub mod task;

// Test builds only: a release build has no hook at all.
#[cfg(feature = "test-hooks")]
pub mod hooks;

use napi_derive::napi;

/// The version of the helpdesk library.
#[napi(catch_unwind)]
pub fn version() -> String {
    helpdesk::version().to_string()
}

/// The snake_case names of every operation of the core façade; each is a
/// camelCase method of `Helpdesk`.
#[napi(catch_unwind)]
pub fn operations() -> Vec<String> {
    helpdesk::OPERATIONS
        .iter()
        .map(|name| (*name).to_string())
        .collect()
}
