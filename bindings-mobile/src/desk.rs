//! The façade: `Helpdesk` (Kotlin `Helpdesk`, Swift `Helpdesk`) with its constructors, and the
//! `ManualClock` a host or a test drives time with. Its operations, one method per core
//! operation (lowerCamelCase in Kotlin and Swift), are generated from `core/api.json` into
//! [`crate::operations`].
//!
//! Every method is one core call plus the conversion of its inputs and error. Store work is
//! synchronous: on Android call it off the main thread (e.g. `withContext(Dispatchers.IO)`).
//! A `Helpdesk` is safe to share between threads.

use crate::types::UtcDateTime;
use crate::HelpdeskError;
use helpdesk::{Clock, TeamSettings};
use std::sync::Arc;
use std::time::Duration;

type Result<T, E = HelpdeskError> = std::result::Result<T, E>;

/// The names of every operation of `Helpdesk`, in snake_case, as the core lists them
/// (`helpdesk::OPERATIONS`): the source of truth of the parity test.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    helpdesk::OPERATIONS
        .iter()
        .map(|name| name.to_string())
        .collect()
}

/// The core's default team settings (what `NewTeam(settings = null)` gets), to copy and change.
#[uniffi::export]
pub fn default_team_settings() -> TeamSettings {
    TeamSettings::default()
}

/// The core's default allowance of a policy (no days, hours or minutes), to copy and change:
/// `defaultWithin().copy(hours = BigDecimal("1.5"))` (uniffi cannot give `Within`'s decimal
/// fields constructor defaults).
#[uniffi::export]
pub fn default_within() -> helpdesk::Within {
    helpdesk::Within::default()
}

/// A clock that only moves when told to; clones share the same time. Pass it to
/// `Helpdesk.inMemory(clock)` / `Helpdesk.open(path, clock)` to make a desk deterministic.
#[derive(Debug, uniffi::Object)]
pub struct ManualClock {
    clock: helpdesk::ManualClock,
}

#[uniffi::export]
impl ManualClock {
    /// A clock stopped at `start`. Fallible only because an instant outside the years 1 to
    /// 9999 is refused (`InvalidInput`) when lifted.
    #[uniffi::constructor]
    pub fn new(start: UtcDateTime) -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            clock: helpdesk::ManualClock::new(start),
        }))
    }

    /// The current instant of the clock.
    pub fn now(&self) -> UtcDateTime {
        self.clock.now()
    }

    /// Moves the clock to `instant` (forwards or backwards). Fallible only because an instant
    /// outside the years 1 to 9999 is refused (`InvalidInput`) when lifted.
    pub fn set(&self, instant: UtcDateTime) -> Result<()> {
        self.clock.set(instant);
        Ok(())
    }

    /// Moves the clock forwards by `by`, exactly (to the nanosecond: a clock is not working
    /// time, which counts whole seconds). A move beyond the representable instants is
    /// `InvalidInput` and the clock does not move.
    pub fn advance(&self, by: Duration) -> Result<()> {
        let by = chrono::Duration::from_std(by).map_err(|_| {
            helpdesk::Error::invalid("by", "moves the clock beyond the representable instants")
        })?;
        Ok(self.clock.advance(by)?)
    }
}

/// The helpdesk: the one object a host talks to. Safe to use from many threads at once.
#[derive(Debug, uniffi::Object)]
pub struct Helpdesk {
    pub(crate) desk: helpdesk::Helpdesk,
}

impl Helpdesk {
    /// The desk reading time from `clock` (if any), set up by `options` (core's
    /// `Helpdesk::with_options`: seed, text limits).
    fn wrap(
        desk: helpdesk::Helpdesk,
        clock: Option<Arc<ManualClock>>,
        options: helpdesk::DeskOptions,
    ) -> Arc<Self> {
        let desk = match clock {
            Some(clock) => desk.with_clock(Arc::new(clock.clock.clone())),
            None => desk,
        };
        Arc::new(Self {
            desk: desk.with_options(options),
        })
    }
}

#[uniffi::export]
impl Helpdesk {
    /// A desk over a fresh in-memory store, reading time from `clock` (`null` = system clock),
    /// set up by `options`: `seed` (`null` = the OS random source) makes coupon codes
    /// reproducible, for tests, not production (a seeded code can be predicted); `limits` are
    /// the text limits (VIS-13).
    #[uniffi::constructor(default(clock = None, options))]
    pub fn in_memory(clock: Option<Arc<ManualClock>>, options: helpdesk::DeskOptions) -> Arc<Self> {
        Self::wrap(helpdesk::Helpdesk::in_memory(), clock, options)
    }

    /// A desk over the store at `location`, created if missing and migrated on open: a
    /// `postgres://` URL, one PostgreSQL database shared by many application servers
    /// (`?schema=name` keeps the desk's tables in a schema of their own, created if missing;
    /// `&pool_size=n` caps its connections, 8 by default), or a SQLite file
    /// (`sqlite:///path/desk.sqlite` or a plain path). Reads time from `clock` (`null` =
    /// system clock), with `options` as for `inMemory`.
    #[uniffi::constructor(default(clock = None, options))]
    pub fn open(
        location: String,
        clock: Option<Arc<ManualClock>>,
        options: helpdesk::DeskOptions,
    ) -> Result<Arc<Self>> {
        Ok(Self::wrap(
            helpdesk::Helpdesk::open(location)?,
            clock,
            options,
        ))
    }

    /// A canonical dump of everything stored: equal dumps mean equal stores.
    pub fn snapshot(&self) -> Result<String> {
        Ok(self.desk.snapshot()?)
    }
}
