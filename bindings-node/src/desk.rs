//! The desk handle (`Helpdesk`: open, snapshot, close), the `ManualClock`
//! class, and [`invoke`], the one native entry point of every operation.
//!
//! The operations themselves are JavaScript, generated from
//! `core/api.json` (`lib/api.js`): each writes its arguments as the JSON
//! `helpdesk::json_api::call` reads and calls [`invoke`], so the binding
//! has no per-operation code of its own to drift from core.

use crate::error::to_js;
use crate::scalars;
use crate::task::{run, DeskTask};
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::AsyncTask;
use napi::Env;
use napi::JsDate;
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;

/// A clock that stands still until told to move, for tests and replays.
/// Give it to `Helpdesk.inMemory(clock)` or `Helpdesk.open(path, clock)`;
/// the desk then reads the time from it.
#[napi]
pub struct ManualClock {
    inner: helpdesk::ManualClock,
}

#[napi]
impl ManualClock {
    /// A clock showing `start` (a valid `Date`, years 1 to 9999).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, start: JsDate) -> napi::Result<Self> {
        let start = scalars::instant("start", &start).map_err(|e| to_js(&env, &e))?;
        Ok(Self {
            inner: helpdesk::ManualClock::new(start),
        })
    }

    /// The instant the clock shows.
    #[napi(catch_unwind)]
    pub fn now(&self) -> DateTime<Utc> {
        helpdesk::Clock::now(&self.inner)
    }

    /// Moves the clock to `instant` (backwards too).
    #[napi(catch_unwind)]
    pub fn set(&self, env: Env, instant: JsDate) -> napi::Result<()> {
        let instant = scalars::instant("instant", &instant).map_err(|e| to_js(&env, &e))?;
        self.inner.set(instant);
        Ok(())
    }

    /// Moves the clock forward by `milliseconds` (negative moves it back):
    /// a whole number of seconds, like every duration the library takes;
    /// a fraction of a second is `invalid_input`.
    #[napi(catch_unwind)]
    pub fn advance(&self, env: Env, milliseconds: f64) -> napi::Result<()> {
        scalars::duration("milliseconds", milliseconds)
            .and_then(|by| self.inner.advance(by))
            .map_err(|error| to_js(&env, &error))
    }
}

/// The desk handle. Its operations are generated JavaScript methods
/// (`lib/api.js`, typed by `lib/api.d.ts`) that each call [`invoke`].
#[napi]
pub struct Helpdesk {
    inner: helpdesk::Helpdesk,
}

/// The desk reading time from `clock` (if any), set up by `options`.
fn configured(
    desk: helpdesk::Helpdesk,
    clock: Option<helpdesk::ManualClock>,
    options: helpdesk::DeskOptions,
) -> helpdesk::Helpdesk {
    let desk = match clock {
        Some(clock) => desk.with_clock(Arc::new(clock)),
        None => desk,
    };
    desk.with_options(options)
}

/// A desk's options from the JSON text of api.json's `desk_options` record
/// (`DeskOptions`), which the package's runtime writes from the options
/// object; read by core as an operation's argument is, so a bad one is
/// `invalid_input` naming the field. None: the defaults.
fn read_options(text: Option<String>) -> helpdesk::Result<helpdesk::DeskOptions> {
    let Some(text) = text else {
        return Ok(helpdesk::DeskOptions::default());
    };
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| helpdesk::Error::invalid("options", e.to_string()))?;
    helpdesk::json_api::read("DeskOptions", "options", value)
}

#[napi]
impl Helpdesk {
    /// A desk over a fresh in-memory store (with the system clock, or
    /// `clock`), set up by `options`: the JSON text of a `DeskOptions`
    /// (`seed`, `limits`), as the package entry writes it from an object.
    // Writable and configurable, as `open`: the package wraps it to write
    // the options and to make the argument errors napi throws
    // `HelpdeskError`s.
    #[napi(factory, catch_unwind, writable = true, configurable = true)]
    pub fn in_memory(
        env: Env,
        clock: Option<&ManualClock>,
        options: Option<String>,
    ) -> napi::Result<Self> {
        let options = read_options(options).map_err(|e| to_js(&env, &e))?;
        Ok(Self {
            inner: configured(
                helpdesk::Helpdesk::in_memory(),
                clock.map(|c| c.inner.clone()),
                options,
            ),
        })
    }

    /// A desk over the store at `location` (core's `Helpdesk::open`: a
    /// `postgres://` URL or a SQLite path), with the system clock or
    /// `clock`, and `options` as for `inMemory`.
    // Writable and configurable (napi makes statics neither) so that the
    // package entry (helpdesk.js) can write the options and make argument
    // errors reject its Promise.
    #[napi(
        catch_unwind,
        writable = true,
        configurable = true,
        ts_return_type = "Promise<Helpdesk>"
    )]
    pub fn open(
        location: String,
        clock: Option<&ManualClock>,
        options: Option<String>,
    ) -> AsyncTask<DeskTask<Helpdesk>> {
        let clock = clock.map(|c| c.inner.clone());
        let options = read_options(options);
        run(move || {
            Ok(Helpdesk {
                inner: configured(helpdesk::Helpdesk::open(location)?, clock, options?),
            })
        })
    }

    /// A canonical dump of everything stored (for tests: compare before and
    /// after).
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn snapshot(&self) -> AsyncTask<DeskTask<String>> {
        let desk = self.inner.clone();
        run(move || desk.snapshot())
    }

    /// Closes the desk: from now on every operation of this desk rejects
    /// with `invalid_state`, and the store releases what it holds (a
    /// SQLite store closes its file, once the operations already running
    /// have finished). Closing twice is harmless. `await using desk = …`
    /// calls it at the end of the block (`[Symbol.asyncDispose]`, defined
    /// by the package entry where the runtime has that symbol).
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn close(&self) -> AsyncTask<DeskTask<()>> {
        let desk = self.inner.clone();
        run(move || desk.close())
    }
}

/// Runs operation `op` of `desk` as `actor` with `args` through core's one
/// JSON dispatch (`helpdesk::json_api::call`), off the JavaScript thread;
/// resolves to the result's JSON. `actor` is `{"kind":"system"}` or
/// `{"kind":"user","id":n}`; `args` one JSON object, as `json_api` reads it.
/// The generated operations call it; not part of the typed API.
// A function, not a method: the desk's prototype holds the operations and
// nothing else (the parity test checks it).
#[napi(js_name = "__invoke", skip_typescript, catch_unwind)]
pub fn invoke(
    desk: &Helpdesk,
    op: String,
    actor: String,
    args: String,
) -> AsyncTask<DeskTask<String>> {
    let desk = desk.inner.clone();
    run(move || {
        let actor = read_actor(&actor)?;
        let args: Value = serde_json::from_str(&args)
            .map_err(|e| helpdesk::Error::invalid("args", e.to_string()))?;
        let result = helpdesk::json_api::call(&desk, &op, actor, args)?;
        Ok(result.to_string())
    })
}

/// The actor the runtime wrote; anything else is `invalid_input` naming
/// `actor`, its id read by core's rule for ids.
fn read_actor(text: &str) -> helpdesk::Result<helpdesk::Actor> {
    let refuse = || {
        helpdesk::Error::invalid(
            "actor",
            "{ kind: 'system' } or { kind: 'user', id } with a whole id from 1 to 2^53 - 1",
        )
    };
    let value: Value = serde_json::from_str(text).map_err(|_| refuse())?;
    match value.get("kind").and_then(Value::as_str) {
        Some("system") => Ok(helpdesk::Actor::System),
        Some("user") => {
            let id = value.get("id").ok_or_else(refuse)?;
            let raw = match (id.as_i64(), id.as_f64()) {
                (Some(raw), _) => helpdesk::scalars::check_id("actor", raw)?,
                (None, Some(raw)) => helpdesk::scalars::id_from_f64("actor", raw)?,
                (None, None) => return Err(refuse()),
            };
            Ok(helpdesk::Actor::User(helpdesk::UserId(raw)))
        }
        _ => Err(refuse()),
    }
}
