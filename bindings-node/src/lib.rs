//! Node.js binding of helpdesk (napi-rs): the npm package `helpdesk`.
//!
//! A thin layer: each export is one core call plus conversion.
//! - [`desk`]: the `Helpdesk` class (every façade operation, returning
//!   Promises) and the `ManualClock` class;
//! - [`calendar`]: the `WorkingCalendar` class (pure working-time
//!   arithmetic, synchronous);
//! - [`records`], [`inputs`], [`enums`]: plain objects and string unions
//!   mirroring the core's types;
//! - [`scalars`]: decimals as decimal strings, calendar dates as
//!   `'YYYY-MM-DD'` strings, checked whole numbers;
//! - [`error`]: the one mapping from core errors to JavaScript errors;
//! - [`task`]: store work on a worker thread, panics caught.

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

/// Test hook (not in `index.d.ts`): panics on the JavaScript thread, to prove
/// a panic becomes a thrown error.
#[napi(catch_unwind, js_name = "__panicForTests", skip_typescript)]
#[allow(clippy::panic)]
pub fn panic_for_tests() {
    panic!("deliberate panic (test hook)");
}

/// Test hook (not in `index.d.ts`): panics on a worker thread, to prove a
/// panic in store work rejects the Promise with an `internal` error.
#[napi(catch_unwind, js_name = "__panicInTaskForTests", skip_typescript)]
#[allow(clippy::panic)]
pub fn panic_in_task_for_tests() -> napi::bindgen_prelude::AsyncTask<task::DeskTask<()>> {
    task::run(|| panic!("deliberate panic on a worker thread (test hook)"))
}
