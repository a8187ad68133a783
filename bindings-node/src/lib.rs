//! Node.js binding of helpdesk (napi-rs): the npm package `helpdesk`.
//!
//! A thin layer: each export is one core call plus conversion.
//! - [`desk`]: the `Helpdesk` class (every façade operation, returning
//!   Promises) and the `ManualClock` class;
//! - [`calendar`]: the `WorkingCalendar` class (pure working-time
//!   arithmetic, synchronous);
//! - [`records`], [`inputs`], [`enums`]: plain objects and string unions
//!   mirroring the core's types;
//! - [`scalars`]: how decimals (strings), calendar dates
//!   (`'YYYY-MM-DD'` strings), instants (`Date`s), durations (milliseconds,
//!   whole seconds) and ids (numbers, whole from 1 to 2^53 − 1) cross into
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
pub mod enums;
pub mod error;
pub mod inputs;
pub mod records;
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
