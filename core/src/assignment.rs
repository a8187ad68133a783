//! Automatic assignment (RULES.md, ASG) as pure functions: who is available
//! first (ASG-3) and who gets the ticket (ASG-4, ASG-5).
//!
//! The desk gathers the candidates (ASG-2) and the team's load, which the
//! store keeps up to date as tickets change, so a choice never counts
//! tickets: its cost grows with the number of candidates only.

use crate::calendar::WorkingCalendar;
use crate::ids::UserId;
use crate::model::AssignmentMethod;
use crate::store::TeamLoad;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// How far ahead availability looks (ASG-3).
pub const AVAILABILITY_WINDOW_DAYS: i64 = 7;

/// An absence `[from, to)`: a leave, as availability reads it.
pub type Absence = (DateTime<Utc>, DateTime<Utc>);

/// A candidate in member order, with the first day they work in the window
/// (`None`: not within it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// The user.
    pub user: UserId,
    /// Their first working day, in the team's time zone.
    pub first_day: Option<NaiveDate>,
}

/// ASG-3: the first instant in `[now, now + 7 days)` at which someone with
/// `calendar` (every second without one) and `leaves` works, if any.
pub fn first_working_instant(
    calendar: Option<&WorkingCalendar>,
    leaves: &[Absence],
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let end = now + Duration::days(AVAILABILITY_WINDOW_DAYS);
    let mut t = now;
    // Each round either finds working time outside every leave or jumps
    // past a leave, so it ends after at most one round per leave.
    for _ in 0..=leaves.len() {
        if t >= end {
            return None;
        }
        let working = match calendar {
            Some(calendar) => calendar.add_working_time(t, Duration::zero()).ok()?,
            None => t,
        };
        if working >= end {
            return None;
        }
        match leaves
            .iter()
            .filter(|(from, to)| *from <= working && working < *to)
            .map(|l| l.1)
            .max()
        {
            Some(back) => t = back,
            None => return Some(working),
        }
    }
    None
}

/// The first working day of someone without leaves (ASG-3), and the
/// instants it holds for: computed at `from`, it is the first working day
/// at every instant of `[from, until]`, so a desk can reuse it between
/// choices instead of searching the calendar again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstDay {
    /// The first working day in the window, in the team's zone.
    pub day: Option<NaiveDate>,
    /// The instant it was computed at.
    pub from: DateTime<Utc>,
    /// The last instant it holds at.
    pub until: DateTime<Utc>,
}

impl FirstDay {
    /// ASG-3 without leaves: the first working day on `calendar` (every
    /// second without one) at `now`, in `zone`. It holds until the first
    /// working instant when that is later than `now`; when `now` is
    /// working time, until the end of the day's working time (the day
    /// stays today while some of it remains).
    pub fn at(calendar: Option<&WorkingCalendar>, zone: Tz, now: DateTime<Utc>) -> Self {
        let first = first_working_instant(calendar, &[], now);
        let day = first.map(|t| day_in(zone, t));
        let until = match first {
            Some(first) if first > now => first,
            Some(_) => end_of_working_today(calendar, zone, now).unwrap_or(now),
            None => now,
        };
        Self {
            day,
            from: now,
            until,
        }
    }

    /// Whether it is the first working day at `now` too.
    pub fn holds_at(&self, now: DateTime<Utc>) -> bool {
        self.from <= now && now <= self.until
    }
}

/// The last instant before the working time left today (in `zone`) after
/// `now` runs out; `None` when it cannot be told (a zone without a
/// midnight that day).
fn end_of_working_today(
    calendar: Option<&WorkingCalendar>,
    zone: Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let tomorrow = day_in(zone, now).succ_opt()?;
    let midnight = zone
        .from_local_datetime(&tomorrow.and_hms_opt(0, 0, 0)?)
        .single()?
        .with_timezone(&Utc);
    let last = match calendar {
        // Work ending exactly at an interval's end ends there (CAL-2).
        Some(calendar) => {
            let left = calendar.working_time_between(now, midnight);
            calendar.add_working_time(now, left).ok()?
        }
        None => midnight,
    };
    // `last` itself is no longer working time.
    Some(last - Duration::nanoseconds(1))
}

/// The local day of `instant` in `zone`, the unit ASG-3 compares.
pub fn day_in(zone: Tz, instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// ASG-3 to ASG-5: the user to assign among `candidates` (member order),
/// given the team's `load`; `None` without candidates.
pub fn choose(
    method: AssignmentMethod,
    candidates: &[Candidate],
    load: &TeamLoad,
) -> Option<UserId> {
    let earliest = candidates.iter().filter_map(|c| c.first_day).min();
    // Positions in member order of those available first (all when nobody
    // works in the window).
    let available = |c: &Candidate| earliest.is_none() || c.first_day == earliest;
    match method {
        AssignmentMethod::EqualTickets => {
            let after = load
                .last_assignee
                .and_then(|last| candidates.iter().position(|c| c.user == last));
            let start = after.map_or(0, |i| i + 1);
            candidates[start..]
                .iter()
                .chain(&candidates[..start])
                .find(|c| available(c))
                .map(|c| c.user)
        }
        AssignmentMethod::EqualOpenTickets => {
            // Walk the available candidates in user order beside the load
            // (sorted by user too) instead of a map lookup per candidate;
            // the best is the fewest open tickets, then the member order.
            let mut by_user: Vec<(UserId, usize)> = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| available(c))
                .map(|(i, c)| (c.user, i))
                .collect();
            by_user.sort_unstable();
            let mut open = load.open.iter().peekable();
            let mut best: Option<(u64, usize)> = None;
            for (user, position) in by_user {
                while open.next_if(|(u, _)| **u < user).is_some() {}
                let count = open
                    .peek()
                    .filter(|(u, _)| **u == user)
                    .map_or(0, |(_, n)| **n);
                if best.is_none_or(|b| (count, position) < b) {
                    best = Some((count, position));
                }
            }
            best.map(|(_, position)| candidates[position].user)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::BTreeMap;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 6, d)
    }

    fn candidates(days: &[Option<NaiveDate>]) -> Vec<Candidate> {
        days.iter()
            .enumerate()
            .map(|(i, first_day)| Candidate {
                user: UserId(i as i64 + 1),
                first_day: *first_day,
            })
            .collect()
    }

    #[test]
    fn asg_4_round_robin_follows_member_order_and_wraps() {
        let all = candidates(&[day(1), day(1), day(1)]);
        let mut load = TeamLoad::default();
        let mut picks = Vec::new();
        for _ in 0..4 {
            let pick = choose(AssignmentMethod::EqualTickets, &all, &load).unwrap();
            picks.push(pick.0);
            load.last_assignee = Some(pick);
        }
        assert_eq!(picks, [1, 2, 3, 1]);
    }

    #[test]
    fn asg_3_round_robin_skips_who_works_later() {
        let all = candidates(&[day(1), day(2), day(1)]);
        let load = TeamLoad {
            last_assignee: Some(UserId(1)),
            open: BTreeMap::new(),
        };
        assert_eq!(
            choose(AssignmentMethod::EqualTickets, &all, &load),
            Some(UserId(3))
        );
    }

    #[test]
    fn asg_5_fewest_open_tickets_ties_to_member_order() {
        let all = candidates(&[day(1), day(1), day(1), day(3)]);
        let load = TeamLoad {
            last_assignee: None,
            open: BTreeMap::from([(UserId(1), 2), (UserId(2), 1), (UserId(3), 1)]),
        };
        // User 4 has none but works only on the 3rd (ASG-3).
        assert_eq!(
            choose(AssignmentMethod::EqualOpenTickets, &all, &load),
            Some(UserId(2))
        );
    }

    #[test]
    fn asg_3_nobody_in_the_window_keeps_everyone() {
        let all = candidates(&[None, None]);
        let load = TeamLoad {
            last_assignee: Some(UserId(1)),
            open: BTreeMap::new(),
        };
        assert_eq!(
            choose(AssignmentMethod::EqualTickets, &all, &load),
            Some(UserId(2))
        );
        assert_eq!(choose(AssignmentMethod::EqualTickets, &[], &load), None);
    }

    proptest::proptest! {
        /// ASG-5: the merge walk picks what the plain definition picks:
        /// the fewest open tickets among those available first, ties to
        /// the member order.
        #[test]
        fn asg_5_the_choice_is_the_fewest_open_then_member_order(
            members in proptest::collection::vec((1i64..40, proptest::option::of(1u32..4)), 0..30),
            open in proptest::collection::btree_map(1i64..40, 0u64..5, 0..30),
        ) {
            let mut seen = std::collections::BTreeSet::new();
            let candidates: Vec<Candidate> = members
                .into_iter()
                .filter(|(user, _)| seen.insert(*user))
                .map(|(user, d)| Candidate { user: UserId(user), first_day: d.and_then(day) })
                .collect();
            let load = TeamLoad {
                last_assignee: None,
                open: open.into_iter().map(|(u, n)| (UserId(u), n)).collect(),
            };
            let earliest = candidates.iter().filter_map(|c| c.first_day).min();
            let wanted = candidates
                .iter()
                .filter(|c| earliest.is_none() || c.first_day == earliest)
                .min_by_key(|c| load.open.get(&c.user).copied().unwrap_or(0))
                .map(|c| c.user);
            proptest::prop_assert_eq!(choose(AssignmentMethod::EqualOpenTickets, &candidates, &load), wanted);
        }
    }

    #[test]
    fn asg_3_leaves_without_a_calendar_push_availability_past_them() {
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
        let leave = |from: i64, to: i64| (now + Duration::hours(from), now + Duration::hours(to));
        assert_eq!(first_working_instant(None, &[], now), Some(now));
        assert_eq!(
            first_working_instant(None, &[leave(-1, 5), leave(4, 30)], now),
            Some(now + Duration::hours(30))
        );
        assert_eq!(first_working_instant(None, &[leave(-1, 24 * 8)], now), None);
    }
}
