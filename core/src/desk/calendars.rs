//! Working calendars through the desk: stored per company, managed by
//! managers, used by everyone who works for the company.

use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::calendar::{CalendarSpec, WorkingCalendar};
use crate::ids::{CalendarId, CompanyId};
use crate::model::{Calendar, UserKind};
use crate::Result;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Input of [`Helpdesk::create_calendar`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewCalendar {
    /// The company (required).
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Zone, weekly hours and closures (validated: CAL-4).
    #[serde(flatten)]
    pub spec: CalendarSpec,
}

/// Input of [`Helpdesk::update_calendar`]: `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CalendarUpdate {
    /// New name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New zone, hours and closures (validated: CAL-4).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<CalendarSpec>,
}

/// How many compiled calendars a desk keeps at most. A compiled calendar
/// holds a few kilobytes per year it has been used for; rosters keep their
/// members' calendars besides, so an evicted one costs a recompilation
/// only where no roster holds it.
const COMPILED_CALENDARS: usize = 4_096;

/// Compiled calendars, reused while their stored spec (their revision) is
/// unchanged, at most [`COMPILED_CALENDARS`] of them (compiling one costs
/// microseconds, laying out a year it is used in about 50 µs more).
#[derive(Debug, Default)]
pub(crate) struct CompiledCalendars {
    compiled: Mutex<HashMap<CalendarId, Arc<WorkingCalendar>>>,
}

impl CompiledCalendars {
    /// The compiled form of a stored calendar.
    pub(super) fn get(&self, calendar: &Calendar) -> Result<Arc<WorkingCalendar>> {
        let mut compiled = self.compiled.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = compiled
            .get(&calendar.id)
            .filter(|c| *c.spec() == calendar.spec)
        {
            return Ok(found.clone());
        }
        let fresh = Arc::new(WorkingCalendar::new(calendar.spec.clone())?);
        if compiled.len() >= COMPILED_CALENDARS && !compiled.contains_key(&calendar.id) {
            // Any one: the cache only saves recompilations.
            if let Some(evicted) = compiled.keys().next().copied() {
                compiled.remove(&evicted);
            }
        }
        compiled.insert(calendar.id, fresh.clone());
        Ok(fresh)
    }
}

impl Work<'_> {
    /// The compiled calendar stored as `id`.
    pub(crate) fn working_calendar(&mut self, id: CalendarId) -> Result<Arc<WorkingCalendar>> {
        let calendar = load(self.tx, id)?;
        self.calendars.get(&calendar)
    }

    /// A calendar of a company the viewer works for (internal users).
    fn readable_calendar(&mut self, id: CalendarId) -> Result<Calendar> {
        let calendar: Calendar = load(self.tx, id)?;
        self.require_company_reader(calendar.company, "calendar", id.0)?;
        Ok(calendar)
    }
}

impl Helpdesk {
    /// Creates a working calendar (managers of its company).
    pub fn create_calendar(&self, actor: Actor, input: NewCalendar) -> Result<Calendar> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a calendar")?;
            let name = w.required_text("name", &input.name)?;
            WorkingCalendar::new(input.spec.clone())?;
            let calendar = Calendar {
                id: CalendarId(w.tx.new_id::<Calendar>()?),
                company: input.company,
                name,
                spec: input.spec.clone(),
            };
            w.tx.put(&calendar)?;
            Ok(calendar)
        })
    }

    /// Renames a calendar or replaces its hours, zone and closures (managers).
    pub fn update_calendar(
        &self,
        actor: Actor,
        id: CalendarId,
        update: CalendarUpdate,
    ) -> Result<Calendar> {
        self.write(actor, |w| {
            let mut calendar = w.readable_calendar(id)?;
            w.require_configure(calendar.company, "change a calendar")?;
            if let Some(name) = update.name.clone() {
                calendar.name = w.required_text("name", &name)?;
            }
            if let Some(spec) = update.spec.clone() {
                WorkingCalendar::new(spec.clone())?;
                calendar.spec = spec;
            }
            w.tx.put(&calendar)?;
            Ok(calendar)
        })
    }

    /// A calendar (internal users of its company).
    pub fn get_calendar(&self, actor: Actor, id: CalendarId) -> Result<Calendar> {
        self.read(actor, |w| w.readable_calendar(id))
    }

    /// The calendars of a company (internal users; empty for portal users).
    pub fn list_calendars(&self, actor: Actor, company: CompanyId) -> Result<Vec<Calendar>> {
        self.read(actor, |w| {
            let visible = w
                .user()
                .is_none_or(|u| u.kind == UserKind::Internal && u.works_for(company));
            if !visible {
                return Ok(Vec::new());
            }
            w.tx.in_company(company)
        })
    }

    /// The instant at which `duration` of working time has elapsed after
    /// `start` on a stored calendar (CAL-2).
    pub fn add_working_time(
        &self,
        actor: Actor,
        calendar: CalendarId,
        start: DateTime<Utc>,
        duration: Duration,
    ) -> Result<DateTime<Utc>> {
        let calendar = self.read(actor, |w| w.readable_calendar(calendar))?;
        self.calendars
            .get(&calendar)?
            .add_working_time(start, duration)
    }

    /// The working time inside `[a, b)` on a stored calendar; negative when
    /// `b < a` (CAL-2).
    pub fn working_time_between(
        &self,
        actor: Actor,
        calendar: CalendarId,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Result<Duration> {
        let calendar = self.read(actor, |w| w.readable_calendar(calendar))?;
        Ok(self.calendars.get(&calendar)?.working_time_between(a, b))
    }
}
