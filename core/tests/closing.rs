//! Closing tickets: idle tickets closed automatically (CLS-1) and customers
//! closing their own (CLS-2).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{partner, user};
use helpdesk::calendar::{CalendarSpec, ClockTime, Weekday, WorkingHours};
use helpdesk::conformance::CountingStore;
use helpdesk::store::MemoryStore;
use helpdesk::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Acme's "Care" team, whose calendar is in Brussels (UTC+1 in March):
/// tickets idle for 2 days close; its customer Carla may close hers.
struct Desk {
    desk: Helpdesk,
    clock: ManualClock,
    acme: CompanyId,
    manager: User,
    agent: User,
    carla: User,
    care: Team,
    stages: Vec<Stage>,
}

/// An instant in Brussels in March 2026 (UTC+1): `day` of March, local time.
fn brussels(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, minute, 0).unwrap() - Duration::hours(1)
}

impl Desk {
    fn new(store: impl store::Store + 'static, settings: TeamSettings) -> Self {
        // Monday 2 March 2026, 10:00 in Brussels.
        let clock = ManualClock::new(brussels(2, 10, 0));
        let desk = Helpdesk::new(store).with_clock(Arc::new(clock.clone()));
        let sys = Actor::System;
        let acme = desk
            .create_company(
                sys,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap()
            .id;
        let manager = user(
            &desk,
            "Mia",
            UserKind::Internal,
            HelpdeskRole::Manager,
            acme,
            None,
        );
        let agent = user(
            &desk,
            "Alice",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
        let carla_contact = partner(&desk, Some(acme), "Carla");
        let carla = user(
            &desk,
            "Carla",
            UserKind::Portal,
            HelpdeskRole::None,
            acme,
            Some(carla_contact.id),
        );
        let calendar = desk
            .create_calendar(
                sys,
                NewCalendar {
                    company: acme,
                    name: "Brussels".into(),
                    spec: CalendarSpec {
                        second_week: None,
                        time_zone: "Europe/Brussels".into(),
                        hours: vec![WorkingHours {
                            weekday: Weekday::Monday,
                            start: ClockTime::hm(9, 0).unwrap(),
                            end: ClockTime::hm(17, 0).unwrap(),
                        }],
                        closures: Vec::new(),
                    },
                },
            )
            .unwrap();
        let care = desk
            .create_team(
                sys,
                NewTeam {
                    company: acme,
                    name: "Care".into(),
                    description: String::new(),
                    visibility: Visibility::Portal,
                    members: vec![agent.id],
                    settings: TeamSettings {
                        calendar: Some(calendar.id),
                        ..settings
                    },
                    email_alias: None,
                },
            )
            .unwrap();
        let stages = desk.list_stages(sys, care.id).unwrap();
        Self {
            desk,
            clock,
            acme,
            manager,
            agent,
            carla,
            care,
            stages,
        }
    }

    fn auto_closing(days: u32) -> Self {
        Self::new(
            MemoryStore::new(),
            TeamSettings {
                auto_close: true,
                auto_close_days: days,
                time_tracking: true,
                customer_can_close: true,
                ..TeamSettings::default()
            },
        )
    }

    fn stage(&self, name: &str) -> &Stage {
        self.stages.iter().find(|s| s.name == name).unwrap()
    }

    fn ticket(&self, subject: &str) -> Ticket {
        self.desk
            .create_ticket(
                Actor::User(self.agent.id),
                NewTicket {
                    team: Some(self.care.id),
                    subject: subject.into(),
                    customer: Some(self.carla.partner),
                    ..NewTicket::default()
                },
            )
            .unwrap()
    }

    fn close_idle(&self) -> Vec<String> {
        self.desk
            .close_inactive_tickets(Actor::System, None)
            .unwrap()
            .into_iter()
            .map(|t| t.reference)
            .collect()
    }

    fn get(&self, ticket: &Ticket) -> Ticket {
        self.desk.get_ticket(Actor::System, ticket.id).unwrap()
    }
}

#[test]
fn cls_1_an_idle_ticket_closes_once_its_days_have_passed_from_the_start_of_the_local_day() {
    let d = Desk::auto_closing(2);
    let idle = d.ticket("Idle since Monday 10:00");
    // Wednesday 23:59 in Brussels: two days back is Monday, whose local
    // day starts at 00:00, before the ticket's last activity.
    d.clock.set(brussels(4, 23, 59));
    assert!(d.close_idle().is_empty());
    // Thursday 00:00 in Brussels (Wednesday 23:00 UTC): the threshold is
    // Tuesday 00:00 local, after Monday 10:00.
    d.clock.set(brussels(5, 0, 0));
    assert_eq!(d.close_idle(), ["#1"]);
    let closed = d.get(&idle);
    assert_eq!(closed.stage, d.stage("Solved").id, "the first folded stage");
    assert_eq!(closed.closed_at, Some(brussels(5, 0, 0)));
    assert!(!closed.closed_by_customer);
    let history = d.desk.stage_history(Actor::System, idle.id).unwrap();
    assert_eq!(history.last().map(|c| c.stage), Some(d.stage("Solved").id));
}

#[test]
fn cls_1_running_it_again_closes_nothing_more() {
    let d = Desk::auto_closing(1);
    d.ticket("Idle");
    d.clock.set(brussels(4, 9, 0));
    assert_eq!(d.close_idle(), ["#1"]);
    let before = d.desk.snapshot().unwrap();
    assert!(d.close_idle().is_empty());
    assert_eq!(d.desk.snapshot().unwrap(), before);
}

#[test]
fn cls_1_a_message_resets_the_inactivity_clock() {
    let d = Desk::auto_closing(2);
    let ticket = d.ticket("Answered on Tuesday");
    d.clock.set(brussels(3, 16, 0));
    d.desk
        .reply_to_ticket(Actor::User(d.carla.id), ticket.id, "Any news?".into())
        .unwrap();
    d.clock.set(brussels(5, 8, 0));
    assert!(
        d.close_idle().is_empty(),
        "active on Tuesday: not idle since Tuesday 00:00"
    );
    d.clock.set(brussels(6, 0, 0));
    assert_eq!(d.close_idle(), ["#1"]);
}

#[test]
fn cls_1_a_time_entry_resets_the_inactivity_clock() {
    let d = Desk::auto_closing(2);
    let ticket = d.ticket("Worked on Tuesday");
    d.clock.set(brussels(3, 16, 0));
    d.desk
        .log_time(
            Actor::User(d.agent.id),
            ticket.id,
            NewTimeEntry {
                quantity: Decimal::ONE,
                unit: None,
                description: "Diagnosis".into(),
                date: None,
                agent: None,
            },
        )
        .unwrap();
    d.clock.set(brussels(5, 8, 0));
    assert!(d.close_idle().is_empty());
    d.clock.set(brussels(6, 0, 0));
    assert_eq!(d.close_idle(), ["#1"]);
}

#[test]
fn cls_1_only_tickets_in_the_chosen_stages_close_and_into_the_chosen_stage() {
    let d = Desk::auto_closing(1);
    let waiting = d.ticket("Waiting for the customer");
    let busy = d.ticket("Being worked on");
    let stages = d.stages.clone();
    let stage = |name: &str| stages.iter().find(|s| s.name == name).unwrap().id;
    d.desk
        .move_ticket(Actor::User(d.agent.id), busy.id, stage("In Progress"))
        .unwrap();
    d.desk
        .update_team(
            Actor::User(d.manager.id),
            d.care.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    auto_close_from_stages: Some(vec![stage("New")]),
                    closing_stage: Some(stage("Cancelled")),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    d.clock.set(brussels(10, 9, 0));
    assert_eq!(d.close_idle(), vec![waiting.reference.clone()]);
    assert_eq!(d.get(&waiting).stage, stage("Cancelled"));
    assert!(
        d.get(&busy).is_open(),
        "a ticket in a stage not chosen is left alone"
    );
}

#[test]
fn cls_1_teams_without_automatic_closing_are_left_alone() {
    let d = Desk::new(MemoryStore::new(), TeamSettings::default());
    let ticket = d.ticket("Idle for a month");
    d.clock.set(brussels(31, 9, 0));
    assert!(d.close_idle().is_empty());
    assert!(d.get(&ticket).is_open());
}

#[test]
fn cls_1_the_host_and_managers_run_it_never_ahead_of_the_clock() {
    let d = Desk::auto_closing(1);
    d.ticket("Idle");
    d.clock.set(brussels(4, 9, 0));
    let refused = d
        .desk
        .close_inactive_tickets(Actor::User(d.agent.id), None)
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
    let ahead = d
        .desk
        .close_inactive_tickets(Actor::System, Some(brussels(5, 9, 0)))
        .unwrap_err();
    assert_eq!(ahead.code(), "invalid_input");
    // As of Tuesday the ticket was not idle yet: nothing closes.
    let earlier = d
        .desk
        .close_inactive_tickets(Actor::User(d.manager.id), Some(brussels(3, 9, 0)))
        .unwrap();
    assert!(earlier.is_empty());
    let closed = d
        .desk
        .close_inactive_tickets(Actor::User(d.manager.id), None)
        .unwrap();
    assert_eq!(closed.len(), 1);
}

#[test]
fn cls_1_reads_do_not_grow_with_tickets_that_are_not_idle() {
    let reads_with = |busy: usize| {
        let store = Arc::new(CountingStore::new(MemoryStore::new()));
        let d = Desk::new(
            store.clone(),
            TeamSettings {
                auto_close: true,
                auto_close_days: 3,
                ..TeamSettings::default()
            },
        );
        d.ticket("Idle");
        d.clock.set(brussels(9, 9, 0));
        for n in 0..busy {
            d.ticket(&format!("Busy {n}"));
        }
        store.take();
        assert_eq!(d.close_idle(), ["#1"]);
        store.take()
    };
    let (few, many) = (reads_with(2), reads_with(200));
    assert_eq!(
        few, many,
        "closing one idle ticket reads as much beside 2 or 200 busy ones"
    );
}

#[test]
fn cls_2_a_customer_closes_their_ticket_when_the_team_allows_it() {
    let d = Desk::auto_closing(7);
    let ticket = d.ticket("Solved it myself");
    let closed = d
        .desk
        .close_ticket(Actor::User(d.carla.id), ticket.id)
        .unwrap();
    assert_eq!(closed.stage, d.stage("Solved").id);
    assert!(closed.closed_by_customer && !closed.is_open());
    // Moving it back to an open stage clears the mark (DOMAIN §0).
    let reopened = d
        .desk
        .move_ticket(Actor::User(d.agent.id), ticket.id, d.stage("New").id)
        .unwrap();
    assert!(!reopened.closed_by_customer && reopened.is_open());
}

#[test]
fn cls_2_a_ticket_already_in_the_closing_stage_only_gets_the_mark() {
    let d = Desk::auto_closing(7);
    let ticket = d.ticket("Solved by us");
    d.desk
        .move_ticket(Actor::User(d.agent.id), ticket.id, d.stage("Solved").id)
        .unwrap();
    let history = d
        .desk
        .stage_history(Actor::System, ticket.id)
        .unwrap()
        .len();
    let _ = d.clock.advance(Duration::hours(1));
    let closed = d
        .desk
        .close_ticket(Actor::User(d.carla.id), ticket.id)
        .unwrap();
    assert!(closed.closed_by_customer);
    assert_eq!(
        closed.closed_at,
        Some(brussels(2, 10, 0)),
        "closed when it was solved"
    );
    assert_eq!(
        d.desk
            .stage_history(Actor::System, ticket.id)
            .unwrap()
            .len(),
        history
    );
}

#[test]
fn cls_2_customers_of_a_team_that_does_not_allow_it_are_refused_and_others_see_nothing() {
    let d = Desk::new(MemoryStore::new(), TeamSettings::default());
    let ticket = d.ticket("Mine");
    let refused = d
        .desk
        .close_ticket(Actor::User(d.carla.id), ticket.id)
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
    let other = partner(&d.desk, Some(d.acme), "Oscar");
    let oscar = user(
        &d.desk,
        "Oscar",
        UserKind::Portal,
        HelpdeskRole::None,
        d.acme,
        Some(other.id),
    );
    let hidden = d
        .desk
        .close_ticket(Actor::User(oscar.id), ticket.id)
        .unwrap_err();
    assert_eq!(
        hidden.code(),
        "not_found",
        "another customer's ticket is not found"
    );
    assert!(d.get(&ticket).is_open());
    // Agents close tickets whatever the team's customer setting.
    let closed = d
        .desk
        .close_ticket(Actor::User(d.agent.id), ticket.id)
        .unwrap();
    assert!(!closed.is_open() && !closed.closed_by_customer);
}
