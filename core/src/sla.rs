//! SLA rules (RULES.md, SLA) as pure functions: which policies apply to a
//! ticket, when its deadlines fall, where each status stands, and the report.
//!
//! Time is working time on the team's calendar; a team without a calendar
//! counts plain elapsed time (every second works, a day is 24 hours).

use crate::calendar::WorkingCalendar;
use crate::ids::{PartnerId, SlaPolicyId, StageId, TagId, TicketId, TicketTypeId};
use crate::model::{Priority, SlaPolicy, SlaState, StageChange, Within};
use crate::Result;
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The working time of a team: its calendar, or every second.
#[derive(Debug, Clone, Copy)]
pub struct TeamTime<'a>(pub Option<&'a WorkingCalendar>);

impl TeamTime<'_> {
    /// The instant `duration` of working time after `start` (CAL-2).
    pub fn add(self, start: DateTime<Utc>, duration: Duration) -> Result<DateTime<Utc>> {
        match self.0 {
            // The duration is the policy's: a refusal names `within`.
            Some(calendar) => calendar
                .add_working_time(start, duration)
                .map_err(|e| match e {
                    crate::Error::InvalidInput { reason, .. } => {
                        crate::Error::invalid("within", reason)
                    }
                    other => other,
                }),
            None => start
                .checked_add_signed(duration)
                .ok_or_else(|| {
                    crate::Error::invalid("within", "the deadline is beyond the range of dates")
                })
                .and_then(|t| crate::scalars::check_instant("within", t)),
        }
    }

    /// The working time inside `[a, b)`, negative when `b < a` (CAL-2).
    pub fn between(self, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
        match self.0 {
            Some(calendar) => calendar.working_time_between(a, b),
            None => b - a,
        }
    }

    /// The length of a working day: the calendar's weekly working time over
    /// its working weekdays (a calendar with 40 h on 5 days: 8 h); 24 h
    /// without a calendar.
    pub fn day(self) -> Duration {
        match self.0 {
            Some(calendar) => calendar.working_day(),
            None => Duration::days(1),
        }
    }

    /// The working time a policy allows (SLA-1).
    /// Fractions are exact (CAL-11): `1.5` hours is 5,400 s; a fraction of
    /// a day is taken of [`Self::day`] and rounded to the nearest second
    /// (halves away from zero).
    pub fn allowed(self, within: Within) -> Duration {
        use rust_decimal::prelude::ToPrimitive;
        let day = Decimal::from(self.day().num_seconds());
        let seconds = within
            .days
            .checked_mul(day)
            .zip(within.hours.checked_mul(Decimal::from(3600)))
            .and_then(|(days, hours)| days.checked_add(hours))
            .and_then(|t| t.checked_add(Decimal::from(u64::from(within.minutes) * 60)))
            .map(|t| {
                t.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            })
            .and_then(|t| t.to_i64())
            .unwrap_or(i64::MAX / 1_000);
        Duration::try_seconds(seconds).unwrap_or(Duration::MAX)
    }
}

/// The facts of a ticket a policy's conditions read (SLA-2).
#[derive(Debug, Clone, Copy)]
pub struct SlaTicket<'a> {
    /// Priority.
    pub priority: Priority,
    /// Tags.
    pub tags: &'a [TagId],
    /// The customer, its parent and its children (empty without a customer).
    pub customer_family: &'a [PartnerId],
    /// Type.
    pub ticket_type: Option<TicketTypeId>,
    /// The sequence of the ticket's current stage.
    pub stage_sequence: i32,
}

/// SLA-2: whether `policy` (whose target stage has `target_sequence`)
/// applies to `ticket`. The team and its SLA switch are the caller's check.
pub fn applies(policy: &SlaPolicy, target_sequence: i32, ticket: &SlaTicket<'_>) -> bool {
    policy.active
        && policy.priority == ticket.priority
        && target_sequence >= ticket.stage_sequence
        && (policy.customers.is_empty()
            || ticket
                .customer_family
                .iter()
                .any(|p| policy.customers.contains(p)))
        && (policy.tags.is_empty() || ticket.tags.iter().any(|t| policy.tags.contains(t)))
        && (policy.ticket_types.is_empty()
            || ticket
                .ticket_type
                .is_some_and(|t| policy.ticket_types.contains(&t)))
}

/// SLA-4: the working time `history` spent in `excluded` stages up to `now`,
/// and whether the ticket sits in one of them at `now` (the clock is stopped).
pub fn frozen_time(
    history: &[StageChange],
    excluded: &[StageId],
    now: DateTime<Utc>,
    time: TeamTime<'_>,
) -> (Duration, bool) {
    let mut frozen = Duration::zero();
    let mut stopped = false;
    for (i, change) in history.iter().enumerate() {
        let until = history.get(i + 1).map_or(now, |next| next.at);
        stopped = excluded.contains(&change.stage);
        if stopped && until > change.at {
            frozen += time.between(change.at, until);
        }
    }
    (frozen, stopped)
}

/// SLA-4: the deadline of a policy allowing `allowed` on a ticket created at
/// `created_at` with stage `history`: `None` while the clock is stopped.
pub fn deadline(
    created_at: DateTime<Utc>,
    allowed: Duration,
    history: &[StageChange],
    excluded: &[StageId],
    now: DateTime<Utc>,
    time: TeamTime<'_>,
) -> Result<Option<DateTime<Utc>>> {
    let (frozen, stopped) = frozen_time(history, excluded, now, time);
    if stopped {
        return Ok(None);
    }
    time.add(created_at, allowed + frozen).map(Some)
}

/// SLA-5: a status's reach instant after the ticket enters a stage of
/// `entered_sequence` at `at`: reached (keeping the first instant) when the
/// target is not ahead, un-reached when the ticket went back below it.
pub fn reach(
    reached_at: Option<DateTime<Utc>>,
    target_sequence: i32,
    entered_sequence: i32,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if target_sequence <= entered_sequence {
        reached_at.or(Some(at))
    } else {
        None
    }
}

/// SLA-6: a status's state at `now` and its signed `exceeded` working time
/// (positive = late; `None` while the deadline is unknown).
pub fn evaluate(
    deadline: Option<DateTime<Utc>>,
    reached_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    time: TeamTime<'_>,
) -> (SlaState, Option<Duration>) {
    let state = match (reached_at, deadline) {
        (Some(reached), Some(deadline)) if reached >= deadline => SlaState::Failed,
        (Some(_), _) => SlaState::Reached,
        (None, Some(deadline)) if deadline <= now => SlaState::Failed,
        (None, _) => SlaState::Ongoing,
    };
    let exceeded = deadline.map(|d| time.between(d, reached_at.unwrap_or(now)));
    (state, exceeded)
}

/// One status as a report reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvaluatedStatus {
    /// The ticket.
    pub ticket: TicketId,
    /// The policy.
    pub policy: SlaPolicyId,
    /// Its state.
    pub state: SlaState,
    /// Its signed exceeded working time.
    pub exceeded: Option<Duration>,
}

/// SLA-8: the figures of a set of SLA statuses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaFigures {
    /// Tickets with at least one status.
    pub tickets: u64,
    /// Tickets with at least one failed status.
    pub failed: u64,
    /// `(tickets − failed) / tickets` in percent, two decimals; `None`
    /// without tickets (no figure is not 0 %).
    pub success_rate: Option<Decimal>,
    /// The average exceeded working time over the statuses with a known
    /// deadline, in whole seconds (rounded half away from zero).
    pub average_exceeded_seconds: Option<i64>,
    /// The largest exceeded working time, in seconds.
    pub worst_exceeded_seconds: Option<i64>,
}

/// SLA-8: the figures of `statuses`, in total and per policy.
pub fn figures(statuses: &[EvaluatedStatus]) -> (SlaFigures, BTreeMap<SlaPolicyId, SlaFigures>) {
    let total = figures_of(statuses.iter());
    let policies: BTreeSet<SlaPolicyId> = statuses.iter().map(|s| s.policy).collect();
    let by_policy = policies
        .into_iter()
        .map(|p| (p, figures_of(statuses.iter().filter(|s| s.policy == p))))
        .collect();
    (total, by_policy)
}

/// SLA-8: the figures of one group of statuses.
pub(crate) fn figures_of<'a>(statuses: impl Iterator<Item = &'a EvaluatedStatus>) -> SlaFigures {
    let mut tickets: BTreeMap<TicketId, bool> = BTreeMap::new();
    let (mut sum, mut count, mut worst) = (0i128, 0i128, None::<i64>);
    for status in statuses {
        *tickets.entry(status.ticket).or_default() |= status.state == SlaState::Failed;
        if let Some(exceeded) = status.exceeded {
            let seconds = exceeded.num_seconds();
            sum += i128::from(seconds);
            count += 1;
            worst = Some(worst.map_or(seconds, |w| w.max(seconds)));
        }
    }
    let total = u64::try_from(tickets.len()).unwrap_or(u64::MAX);
    let failed = u64::try_from(tickets.values().filter(|f| **f).count()).unwrap_or(u64::MAX);
    let success_rate = crate::reports::percent(total - failed, total);
    let average = (count > 0).then(|| {
        let half = count / 2;
        let rounded = if sum >= 0 {
            (sum + half) / count
        } else {
            (sum - half) / count
        };
        i64::try_from(rounded).unwrap_or(i64::MAX)
    });
    SlaFigures {
        tickets: total,
        failed,
        success_rate,
        average_exceeded_seconds: average,
        worst_exceeded_seconds: worst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{CalendarSpec, ClockTime, Weekday, WorkingHours};
    use crate::ids::{CompanyId, SlaPolicyId, TeamId};
    use chrono::TimeZone;

    fn office() -> WorkingCalendar {
        let hours = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ]
        .into_iter()
        .map(|weekday| WorkingHours {
            weekday,
            start: ClockTime::hm(9, 0).unwrap(),
            end: ClockTime::hm(17, 0).unwrap(),
        })
        .collect();
        WorkingCalendar::new(CalendarSpec {
            second_week: None,
            time_zone: "UTC".into(),
            hours,
            closures: Vec::new(),
        })
        .unwrap()
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        // 2026-06-01 is a Monday.
        Utc.with_ymd_and_hms(2026, 6, day, hour, 0, 0).unwrap()
    }

    fn change(stage: i64, at: DateTime<Utc>) -> StageChange {
        StageChange {
            ticket: TicketId(1),
            stage: StageId(stage),
            at,
            by: None,
        }
    }

    #[test]
    fn sla_1_a_day_is_the_calendar_hours_per_day() {
        let calendar = office();
        let time = TeamTime(Some(&calendar));
        assert_eq!(time.day(), Duration::hours(8));
        let within = Within {
            days: Decimal::from(3),
            hours: Decimal::from(2),
            minutes: 30,
        };
        assert_eq!(time.allowed(within), Duration::minutes(26 * 60 + 30));
        assert_eq!(
            TeamTime(None).allowed(within),
            Duration::minutes(74 * 60 + 30)
        );
    }

    #[test]
    fn sla_4_excluded_stages_stop_the_clock() {
        let calendar = office();
        let time = TeamTime(Some(&calendar));
        // Created Monday 09:00, 8 working hours allowed; waits in stage 2
        // (excluded) from Monday 13:00 to Tuesday 11:00: 6 working hours frozen.
        let history = [
            change(1, at(1, 9)),
            change(2, at(1, 13)),
            change(1, at(2, 11)),
        ];
        let now = at(3, 9);
        let (frozen, stopped) = frozen_time(&history, &[StageId(2)], now, time);
        assert_eq!((frozen, stopped), (Duration::hours(6), false));
        let due = deadline(
            at(1, 9),
            Duration::hours(8),
            &history,
            &[StageId(2)],
            now,
            time,
        );
        assert_eq!(due.unwrap(), Some(at(2, 15)));
        // While in the excluded stage, the deadline is unknown.
        let due = deadline(
            at(1, 9),
            Duration::hours(8),
            &history[..2],
            &[StageId(2)],
            now,
            time,
        );
        assert_eq!(due.unwrap(), None);
    }

    #[test]
    fn sla_5_reaching_keeps_the_first_instant_and_going_back_unreaches() {
        let first = reach(None, 2, 3, at(1, 10));
        assert_eq!(first, Some(at(1, 10)));
        assert_eq!(reach(first, 2, 2, at(1, 12)), first);
        assert_eq!(reach(first, 2, 1, at(1, 13)), None);
    }

    #[test]
    fn sla_6_states_and_signed_exceeded_time() {
        let calendar = office();
        let time = TeamTime(Some(&calendar));
        let due = Some(at(1, 15));
        let early = evaluate(due, Some(at(1, 13)), at(5, 9), time);
        assert_eq!(early, (SlaState::Reached, Some(Duration::hours(-2))));
        let late = evaluate(due, Some(at(2, 10)), at(5, 9), time);
        assert_eq!(late, (SlaState::Failed, Some(Duration::hours(3))));
        let at_deadline = evaluate(due, due, at(5, 9), time);
        assert_eq!(at_deadline.0, SlaState::Failed);
        assert_eq!(evaluate(due, None, at(1, 14), time).0, SlaState::Ongoing);
        assert_eq!(evaluate(due, None, at(1, 15), time).0, SlaState::Failed);
        assert_eq!(
            evaluate(None, None, at(9, 9), time),
            (SlaState::Ongoing, None)
        );
    }

    #[test]
    fn sla_2_conditions_narrow_and_empty_lists_match_all() {
        let policy = SlaPolicy {
            id: SlaPolicyId(1),
            company: CompanyId(1),
            team: TeamId(1),
            name: "Urgent".into(),
            description: String::new(),
            priority: Priority::Urgent,
            tags: vec![TagId(7)],
            customers: vec![PartnerId(40)],
            ticket_types: Vec::new(),
            target_stage: StageId(3),
            excluded_stages: Vec::new(),
            within: Within::default(),
            active: true,
        };
        let family = [PartnerId(41), PartnerId(40)];
        let ticket = SlaTicket {
            priority: Priority::Urgent,
            tags: &[TagId(8), TagId(7)],
            customer_family: &family,
            ticket_type: None,
            stage_sequence: 1,
        };
        assert!(applies(&policy, 3, &ticket));
        assert!(
            !applies(&policy, 0, &ticket),
            "target behind the ticket's stage"
        );
        assert!(!applies(
            &policy,
            3,
            &SlaTicket {
                priority: Priority::High,
                ..ticket
            }
        ));
        assert!(!applies(
            &policy,
            3,
            &SlaTicket {
                tags: &[TagId(8)],
                ..ticket
            }
        ));
        assert!(!applies(
            &policy,
            3,
            &SlaTicket {
                customer_family: &[],
                ..ticket
            }
        ));
        let typed = SlaPolicy {
            ticket_types: vec![TicketTypeId(5)],
            ..policy.clone()
        };
        assert!(!applies(&typed, 3, &ticket));
        assert!(applies(
            &typed,
            3,
            &SlaTicket {
                ticket_type: Some(TicketTypeId(5)),
                ..ticket
            }
        ));
    }

    #[test]
    fn sla_8_figures_count_tickets_and_have_no_rate_without_tickets() {
        let status = |ticket, policy, state, exceeded: i64| EvaluatedStatus {
            ticket: TicketId(ticket),
            policy: SlaPolicyId(policy),
            state,
            exceeded: Some(Duration::seconds(exceeded)),
        };
        let statuses = [
            status(1, 1, SlaState::Reached, -100),
            status(1, 2, SlaState::Failed, 50),
            status(2, 1, SlaState::Reached, -1),
            status(3, 1, SlaState::Ongoing, -10),
        ];
        let (total, by_policy) = figures(&statuses);
        assert_eq!(total.tickets, 3);
        assert_eq!(total.failed, 1);
        assert_eq!(total.success_rate, Some(Decimal::new(6667, 2)));
        assert_eq!(total.average_exceeded_seconds, Some(-15)); // -61 / 4 = -15.25
        assert_eq!(total.worst_exceeded_seconds, Some(50));
        assert_eq!(by_policy[&SlaPolicyId(2)].success_rate, Some(Decimal::ZERO));
        assert_eq!(figures(&[]).0.success_rate, None);
    }
}
