//! The native part of the façade: the `Actor` performing an operation, the
//! `ManualClock` for deterministic time, and `NativeDesk`, the desk handle
//! behind the Python class `helpdesk.Helpdesk`.
//!
//! `helpdesk.Helpdesk` (generated from `core/api.json` into
//! `helpdesk/_generated.py`) runs every operation through
//! [`NativeDesk::invoke`], that is core's one JSON dispatch
//! `helpdesk::json_api::call`: no operation is written here.

use crate::convert::{Arg, ReadArg};
use crate::errors::run;
use chrono::{DateTime, TimeDelta, Utc};
use helpdesk as hd;
use helpdesk::Clock;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// Who performs an operation: the system (bypasses every access rule; for
/// set-up, imports and scheduled jobs) or a user (checked against every rule).
#[pyclass(frozen, eq, hash, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Actor(pub hd::Actor);

#[pymethods]
impl Actor {
    /// The host itself, bypassing every access rule.
    #[staticmethod]
    fn system() -> Self {
        Actor(hd::Actor::System)
    }

    /// The user with id `user_id`.
    #[staticmethod]
    fn user(py: Python<'_>, user_id: Arg<hd::UserId>) -> PyResult<Self> {
        let user_id = user_id.read(py, "user_id")?;
        Ok(Actor(hd::Actor::User(user_id)))
    }

    /// The user's id, or `None` for the system.
    #[getter]
    fn user_id(&self) -> Option<i64> {
        match self.0 {
            hd::Actor::System => None,
            hd::Actor::User(id) => Some(id.0),
        }
    }

    /// Whether this is the system actor.
    #[getter]
    fn is_system(&self) -> bool {
        self.0 == hd::Actor::System
    }

    fn __repr__(&self) -> String {
        match self.0 {
            hd::Actor::System => "Actor.system()".to_owned(),
            hd::Actor::User(id) => format!("Actor.user({id})"),
        }
    }
}

/// A clock that stands still until told to move; give it to a desk for
/// deterministic time. Copies share the instant.
#[pyclass(frozen, module = "helpdesk", from_py_object)]
#[derive(Debug, Clone)]
pub struct ManualClock(hd::ManualClock);

#[pymethods]
impl ManualClock {
    /// A clock showing `start` (an aware datetime, in any zone).
    #[new]
    fn new(py: Python<'_>, start: Arg<DateTime<Utc>>) -> PyResult<Self> {
        let start = start.read(py, "start")?;
        Ok(ManualClock(hd::ManualClock::new(start)))
    }

    /// The instant the clock shows, in UTC.
    fn now(&self) -> DateTime<Utc> {
        self.0.now()
    }

    /// Moves the clock to `instant` (backwards too).
    fn set(&self, py: Python<'_>, instant: Arg<DateTime<Utc>>) -> PyResult<()> {
        let instant = instant.read(py, "instant")?;
        self.0.set(instant);
        Ok(())
    }

    /// Moves the clock forward by `by` (any `datetime.timedelta`; negative
    /// moves it back).
    fn advance(&self, py: Python<'_>, by: Arg<TimeDelta>) -> PyResult<()> {
        let by = by.read(py, "by")?;
        run(py, || self.0.advance(by))
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", self.0.now().to_rfc3339())
    }
}

/// The desk handle under `helpdesk.Helpdesk`. Safe to share between
/// threads; store work runs without the GIL. `close()` is core's
/// `Helpdesk::close`: calls after it raise `InvalidState`.
#[pyclass(frozen, module = "helpdesk._helpdesk")]
pub struct NativeDesk {
    /// The desk; each call works on a clone of the handle (an `Arc` inside).
    desk: hd::Helpdesk,
}

impl NativeDesk {
    /// The desk set up by `options` (its seed and limits: core's
    /// `Helpdesk::with_options`), on `clock` if one is given.
    fn configured(
        desk: hd::Helpdesk,
        clock: Option<ManualClock>,
        options: hd::DeskOptions,
    ) -> Self {
        let desk = desk.with_options(options);
        let desk = match clock {
            Some(clock) => desk.with_clock(Arc::new(clock.0)),
            None => desk,
        };
        NativeDesk { desk }
    }

    /// A handle on the desk (a closed one refuses every call in core).
    fn desk(&self, _py: Python<'_>) -> PyResult<hd::Helpdesk> {
        Ok(self.desk.clone())
    }
}

/// `options_json` (one JSON object of `DeskOptions`' fields, as the
/// generated `Helpdesk.in_memory`/`open` write it; `None`: every default)
/// read by core's rules: a refusal is `invalid_input` naming the field.
fn desk_options(options_json: Option<&str>) -> hd::Result<hd::DeskOptions> {
    let Some(text) = options_json else {
        return Ok(hd::DeskOptions::default());
    };
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| hd::Error::invalid("options", format!("the options are not JSON: {e}")))?;
    hd::json_api::read::<hd::DeskOptions>("DeskOptions", "options", value)
}

#[pymethods]
impl NativeDesk {
    /// A desk over a fresh in-memory store. `clock` (default: the system
    /// clock) is core's `with_clock`; `options_json` is core's
    /// `DeskOptions` as JSON (seed, limits: `Helpdesk::with_options`).
    #[staticmethod]
    #[pyo3(signature = (*, clock = None, options_json = None))]
    fn in_memory(
        py: Python<'_>,
        clock: Option<ManualClock>,
        options_json: Option<&str>,
    ) -> PyResult<Self> {
        let options = run(py, || desk_options(options_json))?;
        Ok(Self::configured(hd::Helpdesk::in_memory(), clock, options))
    }

    /// A desk over the store at `location` (core's `Helpdesk::open`: a
    /// `postgres://` URL or a SQLite path). `clock` and `options_json` as
    /// for `in_memory`; the options are read before the store is opened.
    #[staticmethod]
    #[pyo3(signature = (location, *, clock = None, options_json = None))]
    fn open(
        py: Python<'_>,
        location: PathBuf,
        clock: Option<ManualClock>,
        options_json: Option<&str>,
    ) -> PyResult<Self> {
        let options = run(py, || desk_options(options_json))?;
        let desk = run(py, || hd::Helpdesk::open(&location))?;
        Ok(Self::configured(desk, clock, options))
    }

    /// Closes the desk (core's `Helpdesk::close`): an SQLite file is closed
    /// once a call in flight ends; every later call raises `InvalidState`.
    /// Closing twice does nothing.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        run(py, || self.desk.close())
    }

    /// A canonical text dump of everything stored: equal content, equal dumps.
    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        let desk = self.desk(py)?;
        run(py, || desk.snapshot())
    }

    /// Runs operation `op` as `actor` with `args_json` (one JSON object, as
    /// core's `json_api::call` reads it) and gives its result as JSON: the
    /// one way every generated `Helpdesk` method reaches core, so every
    /// value is read by core's `scalars` (GIL released, panics caught).
    fn invoke(&self, py: Python<'_>, op: &str, actor: Actor, args_json: &str) -> PyResult<String> {
        let desk = self.desk(py)?;
        run(py, || {
            let args: serde_json::Value = serde_json::from_str(args_json).map_err(|e| {
                hd::Error::invalid("args", format!("the arguments are not JSON: {e}"))
            })?;
            let result = hd::json_api::call(&desk, op, actor.0, args)?;
            Ok(result.to_string())
        })
    }
}

/// The names of every operation of the core façade (snake_case): each is a
/// method of `helpdesk.Helpdesk`.
#[pyfunction]
pub fn operations() -> Vec<&'static str> {
    hd::OPERATIONS.to_vec()
}

/// Registers the façade's classes and functions on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Actor>()?;
    m.add_class::<ManualClock>()?;
    m.add_class::<NativeDesk>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    Ok(())
}
