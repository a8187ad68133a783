//! Test hooks: entry points the test suite calls through the raw addon.
//!
//! Compiled only with the cargo feature `test-hooks` (the Makefile's test
//! build turns it on; a release build has none). Each is also
//! `skip_typescript`, which keeps it out of the generated `index.d.ts` and
//! of the `index.js` loader (the loader re-exports only what the type
//! definitions name): the checked-in files are the same with or without
//! the feature, so they describe the release build.
//!
//! The scalar hooks run exactly the conversion the native classes
//! (`ManualClock`, `WorkingCalendar`) run on their arguments
//! (`crate::scalars`, field `value`: core's own readings, the ones
//! `json_api` reads an operation's JSON with) and hand back what the core
//! read, written as the core writes it, so the golden scalar cases can be
//! replayed through the binding's own code. The operations' path (the
//! runtime's JSON, read by `json_api`) is replayed through operations.

#![allow(clippy::panic)]

use crate::error::to_js;
use crate::scalars;
use helpdesk::scalars::{self as core, format_instant};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, JsDate};
use napi_derive::napi;

/// Throws the binding's typed error for a failed conversion.
fn thrown<T>(env: &Env, read: helpdesk::Result<T>) -> napi::Result<T> {
    read.map_err(|error| to_js(env, &error))
}

/// Panics on the JavaScript thread, to prove a panic becomes a thrown error.
#[napi(catch_unwind, js_name = "__panicForTests", skip_typescript)]
pub fn panic_for_tests() {
    panic!("deliberate panic (test hook)");
}

/// Panics on a worker thread, to prove a panic in store work rejects the
/// Promise with an `internal` error.
#[napi(catch_unwind, js_name = "__panicInTaskForTests", skip_typescript)]
pub fn panic_in_task_for_tests() -> AsyncTask<crate::task::DeskTask<()>> {
    crate::task::run(|| panic!("deliberate panic on a worker thread (test hook)"))
}

/// A decimal argument as the core read it, written by the core.
#[napi(catch_unwind, js_name = "__decimalForTests", skip_typescript)]
pub fn decimal_for_tests(env: Env, value: String) -> napi::Result<String> {
    thrown(
        &env,
        core::parse_decimal("value", &value).map(core::format_decimal),
    )
}

/// A date argument as the core read it, written by the core.
#[napi(catch_unwind, js_name = "__dateForTests", skip_typescript)]
pub fn date_for_tests(env: Env, value: String) -> napi::Result<String> {
    thrown(&env, scalars::date("value", &value).map(core::format_date))
}

/// An instant argument (a `Date`) as the core read it, written by the core
/// (RFC 3339 in UTC with `Z`).
#[napi(catch_unwind, js_name = "__instantForTests", skip_typescript)]
pub fn instant_for_tests(env: Env, value: JsDate) -> napi::Result<String> {
    thrown(&env, scalars::instant("value", &value).map(format_instant))
}

/// A duration argument (milliseconds) as the core reads it as a working
/// duration, in whole seconds.
#[napi(catch_unwind, js_name = "__durationForTests", skip_typescript)]
pub fn duration_for_tests(env: Env, milliseconds: f64) -> napi::Result<i64> {
    thrown(
        &env,
        scalars::duration("value", milliseconds)
            .and_then(|d| helpdesk::scalars::whole_seconds("value", d))
            .map(|d| d.num_seconds()),
    )
}

/// An id argument as the core read it.
#[napi(catch_unwind, js_name = "__idForTests", skip_typescript)]
pub fn id_for_tests(env: Env, value: f64) -> napi::Result<i64> {
    thrown(&env, core::id_from_f64("value", value))
}
