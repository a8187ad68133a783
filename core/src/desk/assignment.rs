//! Automatic assignment through the desk (ASG-1 … ASG-7): agents' working
//! calendars and leaves, a team's candidates, and the choice made inside
//! the unit of work that stores the ticket, so concurrent creations never
//! decide on a stale load.

use super::records::{
    advance_directory_revision, directory_companies, directory_revision, load, Record, Records,
};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::assignment::AVAILABILITY_WINDOW_DAYS;
use crate::assignment::{choose, day_in, first_working_instant, Absence, Candidate, FirstDay};
use crate::calendar::WorkingCalendar;
use crate::ids::{CalendarId, CompanyId, LeaveId, TeamId, UserId};
use crate::model::{Leave, Team, User, UserKind};
use crate::store::{RecordKey, RecordKind};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The longest leave recorded at once (ten years).
const MAX_LEAVE_DAYS: i64 = 3_660;

/// Input of [`Helpdesk::create_leave`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewLeave {
    /// Who is away (an employee).
    pub user: UserId,
    /// First instant away.
    pub from: DateTime<Utc>,
    /// First instant back (after `from`).
    pub to: DateTime<Utc>,
    /// Why.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: String,
}

/// A team's candidates (ASG-2) in member order with their calendars
/// compiled and their leaves, as of the revisions of the directories
/// (users, teams, leaves, calendars) of the team's company and of any other
/// company whose calendar a member works on: a choice decodes nothing.
#[derive(Debug)]
pub(crate) struct Roster {
    /// The team's company first, then the other companies of calendars.
    revisions: Vec<(CompanyId, Option<String>)>,
    /// The zone of the team's calendar (UTC without one): where a day is a day.
    zone: Tz,
    members: Vec<Member>,
    /// First working days per calendar and zone for members without leaves near,
    /// reused while they hold (the calendars cannot change under a roster).
    first_days: Mutex<HashMap<CalendarInZone, FirstDay>>,
}

/// A candidate of a roster.
#[derive(Debug)]
struct Member {
    user: UserId,
    /// The calendar they work on: their own, or the team's, read in
    /// their zone (CAL-11).
    calendar: Option<(CalendarId, Arc<WorkingCalendar>)>,
    /// Their zone when it is not their calendar's: members on one calendar
    /// share a first working day only within one zone.
    zone: Option<String>,
    leaves: Vec<Absence>,
}

/// A calendar (`None`: every second) read in a member's zone (`None`: its own).
type CalendarInZone = (Option<CalendarId>, Option<String>);

/// The rosters a desk has built, by team.
#[derive(Debug, Default)]
pub(crate) struct Rosters {
    by_team: Mutex<HashMap<TeamId, Arc<Roster>>>,
}

impl Rosters {
    fn get(&self, team: TeamId) -> Option<Arc<Roster>> {
        let by_team = self.by_team.lock().unwrap_or_else(PoisonError::into_inner);
        by_team.get(&team).cloned()
    }

    fn put(&self, team: TeamId, roster: Arc<Roster>) {
        let mut by_team = self.by_team.lock().unwrap_or_else(PoisonError::into_inner);
        by_team.insert(team, roster);
    }
}

impl Work<'_> {
    /// ASG-2: the team's members in order, or every agent and manager of
    /// its company when it lists none; archived users and users who lost
    /// their role or company are skipped.
    fn candidates(&mut self, team: &Team) -> Result<Vec<User>> {
        let users: Vec<User> = if team.members.is_empty() {
            self.tx.shared::<User>(RecordKey::Employer(team.company))?
        } else {
            let mut users = Vec::with_capacity(team.members.len());
            for id in &team.members {
                users.push(load(self.tx, *id)?);
            }
            users
        };
        Ok(users
            .into_iter()
            .filter(|u| u.active && u.is_agent() && u.works_for(team.company))
            .collect())
    }

    /// The team's roster at the current revision of its company's
    /// directory, built once per revision (decoding every candidate and
    /// calendar costs far more than choosing among them).
    fn roster(&mut self, team: &Team) -> Result<Arc<Roster>> {
        if let Some(roster) = self.rosters.get(team.id) {
            let mut current = true;
            for (company, revision) in &roster.revisions {
                current &= directory_revision(self.tx, *company)? == *revision;
            }
            if current {
                return Ok(roster);
            }
        }
        let mut revisions = vec![(team.company, directory_revision(self.tx, team.company)?)];
        let team_calendar = match team.settings.calendar {
            Some(id) => Some((id, self.working_calendar(id)?)),
            None => None,
        };
        let zone = team_calendar.as_ref().map_or(Tz::UTC, |(_, c)| c.zone());
        let mut members = Vec::new();
        for user in self.candidates(team)? {
            let calendar = match user.calendar {
                Some(id) => {
                    let calendar = load(self.tx, id)?;
                    let company = calendar.company;
                    if revisions.iter().all(|(c, _)| *c != company) {
                        revisions.push((company, directory_revision(self.tx, company)?));
                    }
                    Some((id, self.calendars.get(&calendar)?))
                }
                None => team_calendar.clone(),
            };
            // CAL-11: the calendar read where the user works.
            let (calendar, zone) = match (calendar, &user.time_zone) {
                (Some((id, calendar)), Some(zone)) if calendar.spec().time_zone != *zone => {
                    let local = Arc::new(calendar.in_time_zone(zone)?);
                    (Some((id, local)), Some(zone.clone()))
                }
                (calendar, _) => (calendar, None),
            };
            let leaves = self
                .tx
                .shared::<Leave>(RecordKey::User(user.id))?
                .into_iter()
                .map(|leave| (leave.from, leave.to))
                .collect();
            members.push(Member {
                user: user.id,
                calendar,
                zone,
                leaves,
            });
        }
        let roster = Arc::new(Roster {
            revisions,
            zone,
            members,
            first_days: Mutex::default(),
        });
        self.rosters.put(team.id, roster.clone());
        Ok(roster)
    }

    /// ASG-1, ASG-3 … ASG-5: the user automatic assignment gives a new
    /// ticket of `team` now (`None` when it is off or nobody can take it).
    pub(super) fn auto_assignee(&mut self, team: &Team) -> Result<Option<User>> {
        if !team.settings.auto_assignment {
            return Ok(None);
        }
        let roster = self.roster(team)?;
        if roster.members.is_empty() {
            return Ok(None);
        }
        let now = self.now;
        let window_end = now + Duration::days(AVAILABILITY_WINDOW_DAYS);
        // A first working day reused from the roster holds for a day at
        // most: leaves beyond one more day cannot change it.
        let near = window_end + Duration::days(1);
        let mut first_days = roster
            .first_days
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut candidates = Vec::with_capacity(roster.members.len());
        for member in &roster.members {
            let calendar_id = member.calendar.as_ref().map(|(id, _)| *id);
            let calendar = member.calendar.as_ref().map(|(_, c)| &**c);
            let leaves: Vec<Absence> = member
                .leaves
                .iter()
                .filter(|(from, to)| *to > now && *from < near)
                .copied()
                .collect();
            let first_day = if leaves.is_empty() {
                let key = (calendar_id, member.zone.clone());
                match first_days.get(&key) {
                    Some(known) if known.holds_at(now) => known.day,
                    _ => {
                        let fresh = FirstDay::at(calendar, roster.zone, now);
                        first_days.insert(key, fresh);
                        fresh.day
                    }
                }
            } else {
                first_working_instant(calendar, &leaves, now).map(|t| day_in(roster.zone, t))
            };
            candidates.push(Candidate {
                user: member.user,
                first_day,
            });
        }
        drop(first_days);
        let team_load = self.tx.team_load(team.id)?;
        match choose(team.settings.assignment_method, &candidates, &team_load) {
            Some(id) => Ok(Some(load(self.tx, id)?)),
            None => Ok(None),
        }
    }

    /// A user whose calendar and leaves the viewer manages: the user
    /// themself, or a manager of one of the user's companies.
    fn managed_user(&mut self, id: UserId, action: &str) -> Result<User> {
        let user: User = load(self.tx, id)?;
        match self.user() {
            None => {}
            Some(me) if me.id == user.id => {}
            Some(me) if !user.companies.iter().any(|c| me.works_for(*c)) => {
                return Err(Error::not_found("user", id))
            }
            Some(me)
                if user
                    .companies
                    .iter()
                    .any(|c| crate::access::can_configure(me, *c)) => {}
            Some(_) => {
                return Err(Error::forbidden(
                    action.to_string(),
                    "only the user and helpdesk managers of their companies manage their time",
                ))
            }
        }
        if user.kind != UserKind::Internal {
            return Err(Error::invalid(
                "user",
                format!(
                    "{} is a portal user: only employees have working time",
                    user.name
                ),
            ));
        }
        Ok(user)
    }
}

impl Helpdesk {
    /// Sets or clears a user's own working calendar (ASG-3), which must
    /// belong to one of their companies (the user, managers).
    pub fn set_user_calendar(
        &self,
        actor: Actor,
        user: UserId,
        calendar: Option<CalendarId>,
    ) -> Result<User> {
        self.write(actor, |w| {
            let mut user = w.managed_user(user, "set a user's calendar")?;
            if let Some(id) = calendar {
                let calendar = load(w.tx, id)?;
                if !user.works_for(calendar.company) {
                    return Err(Error::invalid(
                        "calendar",
                        format!(
                            "calendar {} belongs to a company {} does not work for",
                            calendar.name, user.name
                        ),
                    ));
                }
            }
            user.calendar = calendar;
            w.tx.put(&user)?;
            Ok(user)
        })
    }

    /// CAL-11: sets or clears the IANA zone a user works in, in which their
    /// calendar (their own, or their team's) is read for assignment (the
    /// user, managers). An unknown zone is `invalid_input` (`time_zone`).
    pub fn set_user_time_zone(
        &self,
        actor: Actor,
        user: UserId,
        time_zone: Option<String>,
    ) -> Result<User> {
        if let Some(zone) = &time_zone {
            zone.parse::<Tz>().map_err(|_| {
                Error::invalid("time_zone", format!("{zone:?} is not an IANA time zone"))
            })?;
        }
        self.write(actor, |w| {
            let mut user = w.managed_user(user, "set a user's time zone")?;
            user.time_zone = time_zone.clone();
            w.tx.put(&user)?;
            Ok(user)
        })
    }

    /// Records a leave (time off) of an employee (the user, managers).
    pub fn create_leave(&self, actor: Actor, input: NewLeave) -> Result<Leave> {
        self.write(actor, |w| {
            w.managed_user(input.user, "record a leave")?;
            if input.to == input.from {
                return Err(Error::invalid("to", "a leave of no time: `to` equals `from`"));
            }
            if input.to < input.from {
                return Err(Error::invalid("to", "a leave must end after it starts"));
            }
            if input.to - input.from > Duration::days(MAX_LEAVE_DAYS) || input.from.year() < 1970 || input.to.year() > 9999 {
                return Err(Error::invalid(
                    "to",
                    format!("a leave lies between 1970 and 9999 and lasts at most {MAX_LEAVE_DAYS} days"),
                ));
            }
            let leave = Leave {
                id: LeaveId(w.tx.new_id::<Leave>()?),
                user: input.user,
                from: input.from,
                to: input.to,
                reason: w.text("reason", &input.reason)?,
            };
            w.tx.put(&leave)?;
            Ok(leave)
        })
    }

    /// Deletes a leave (the user, managers).
    pub fn delete_leave(&self, actor: Actor, id: LeaveId) -> Result<()> {
        self.write(actor, |w| {
            let leave = load(w.tx, id)?;
            w.managed_user(leave.user, "delete a leave")?;
            let changed = directory_companies(w.tx, RecordKind::Leave, id.0, None, &leave.keys())?;
            w.tx.delete_record(RecordKind::Leave, id.0)?;
            for company in changed {
                advance_directory_revision(w.tx, company, RecordKind::Leave, id.0, "deleted")?;
            }
            Ok(())
        })
    }

    /// A user's leaves, by start (employees of a company the user works for).
    pub fn list_leaves(&self, actor: Actor, user: UserId) -> Result<Vec<Leave>> {
        self.read(actor, |w| {
            let target: User = load(w.tx, user)?;
            if let Some(me) = w.user() {
                if me.kind != UserKind::Internal
                    || !target.companies.iter().any(|c| me.works_for(*c))
                {
                    return Err(Error::not_found("user", user));
                }
            }
            let mut leaves: Vec<Leave> = w.tx.shared(RecordKey::User(user))?;
            leaves.sort_by_key(|l| (l.from, l.id));
            Ok(leaves)
        })
    }

    /// Who automatic assignment would give a new ticket of `team` now
    /// (`None`: auto-assignment off or nobody can take it). Agents.
    pub fn suggest_assignee(&self, actor: Actor, team: TeamId) -> Result<Option<UserId>> {
        self.read(actor, |w| {
            let team = w.readable_team(team)?;
            if w.user().is_some_and(|u| !u.is_agent()) {
                return Err(Error::forbidden(
                    "suggest an assignee",
                    "only agents and managers assign tickets (VIS-8)",
                ));
            }
            Ok(w.auto_assignee(&team)?.map(|u| u.id))
        })
    }
}
