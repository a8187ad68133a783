//! Automatic assignment (RULES.md, ASG), one test per rule, through the desk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{team, user};
use helpdesk::calendar::{CalendarSpec, ClockTime, Weekday, WorkingHours};
use helpdesk::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Monday 2 March 2026, 09:00 UTC.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

struct Desk {
    desk: Helpdesk,
    clock: ManualClock,
    acme: CompanyId,
    agents: Vec<User>,
}

fn desk_with(desk: Helpdesk, agents: usize) -> Desk {
    let clock = ManualClock::new(monday());
    let desk = desk.with_clock(Arc::new(clock.clone()));
    let acme = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap()
        .id;
    let agents = (0..agents)
        .map(|i| {
            user(
                &desk,
                &format!("Agent {i}"),
                UserKind::Internal,
                HelpdeskRole::Agent,
                acme,
                None,
            )
        })
        .collect();
    Desk {
        desk,
        clock,
        acme,
        agents,
    }
}

fn weekdays(days: &[Weekday]) -> Vec<WorkingHours> {
    days.iter()
        .map(|&weekday| WorkingHours {
            weekday,
            start: ClockTime::hm(9, 0).unwrap(),
            end: ClockTime::hm(17, 0).unwrap(),
        })
        .collect()
}

const MON_FRI: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

impl Desk {
    fn calendar(&self, days: &[Weekday]) -> CalendarId {
        self.desk
            .create_calendar(
                Actor::System,
                NewCalendar {
                    company: self.acme,
                    name: format!("{days:?}"),
                    spec: CalendarSpec {
                        second_week: None,
                        time_zone: "UTC".into(),
                        hours: weekdays(days),
                        closures: Vec::new(),
                    },
                },
            )
            .unwrap()
            .id
    }

    fn auto_team(&self, method: AssignmentMethod, members: Vec<UserId>) -> Team {
        let name = format!("Support {method:?} {}", members.len());
        let team = team(&self.desk, self.acme, &name, Visibility::Internal, members);
        let settings = TeamSettings {
            auto_assignment: true,
            assignment_method: method,
            ..TeamSettings::default()
        };
        self.desk
            .update_team(
                Actor::System,
                team.id,
                TeamUpdate {
                    settings: Some(settings.into()),
                    ..TeamUpdate::default()
                },
            )
            .unwrap()
    }

    fn new_ticket(&self, team: &Team) -> Ticket {
        self.desk
            .create_ticket(Actor::System, subject(team, "Help"))
            .unwrap()
    }

    fn ids(&self, picks: &[usize]) -> Vec<Option<UserId>> {
        picks.iter().map(|&i| Some(self.agents[i].id)).collect()
    }
}

fn subject(team: &Team, subject: &str) -> NewTicket {
    NewTicket {
        team: Some(team.id),
        subject: subject.into(),
        ..NewTicket::default()
    }
}

#[test]
fn asg_1_without_auto_assignment_tickets_stay_unassigned() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let manual = team(&d.desk, d.acme, "Manual", Visibility::Internal, Vec::new());
    assert_eq!(d.new_ticket(&manual).assignee, None);
    // A given assignee is kept, auto-assignment or not.
    let auto = d.auto_team(AssignmentMethod::EqualTickets, Vec::new());
    let given = NewTicket {
        assignee: Some(d.agents[1].id),
        ..subject(&auto, "Mine")
    };
    let ticket = d.desk.create_ticket(Actor::System, given).unwrap();
    assert_eq!(ticket.assignee, Some(d.agents[1].id));
}

#[test]
fn asg_1_a_ticket_moved_unassigned_into_an_auto_team_is_assigned() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let manual = team(&d.desk, d.acme, "Manual", Visibility::Internal, Vec::new());
    let auto = d.auto_team(AssignmentMethod::EqualTickets, vec![d.agents[1].id]);
    let ticket = d.new_ticket(&manual);
    let moved = d
        .desk
        .set_ticket_team(Actor::System, ticket.id, Some(auto.id))
        .unwrap();
    assert_eq!(moved.assignee, Some(d.agents[1].id));
    let first_stage = d.desk.list_stages(Actor::System, auto.id).unwrap()[0].id;
    assert_eq!(moved.stage, first_stage);
}

#[test]
fn asg_2_an_empty_member_list_means_every_agent_of_the_company() {
    let d = desk_with(Helpdesk::in_memory(), 3);
    let manager = user(
        &d.desk,
        "Manager",
        UserKind::Internal,
        HelpdeskRole::Manager,
        d.acme,
        None,
    );
    // Employees without a helpdesk role and archived agents never get tickets.
    user(
        &d.desk,
        "Clerk",
        UserKind::Internal,
        HelpdeskRole::None,
        d.acme,
        None,
    );
    d.desk
        .update_user(
            Actor::System,
            d.agents[2].id,
            UserUpdate {
                active: Some(false),
                ..UserUpdate::default()
            },
        )
        .unwrap();
    let auto = d.auto_team(AssignmentMethod::EqualTickets, Vec::new());
    let got: Vec<_> = (0..4).map(|_| d.new_ticket(&auto).assignee).collect();
    let mut wanted = d.ids(&[0, 1]);
    wanted.push(Some(manager.id));
    wanted.push(Some(d.agents[0].id));
    assert_eq!(got, wanted);
}

#[test]
fn asg_3_an_agent_on_leave_today_is_skipped_while_others_work_today() {
    let d = desk_with(Helpdesk::in_memory(), 3);
    let auto = d.auto_team(
        AssignmentMethod::EqualOpenTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    d.desk
        .create_leave(
            Actor::System,
            NewLeave {
                user: d.agents[0].id,
                from: monday() - Duration::hours(9),
                to: monday() + Duration::hours(15),
                reason: "Sick".into(),
            },
        )
        .unwrap();
    let got: Vec<_> = (0..4).map(|_| d.new_ticket(&auto).assignee).collect();
    assert_eq!(got, d.ids(&[1, 2, 1, 2]));
    // Tuesday: everyone works again; agent 0 has no open ticket.
    d.clock.advance(Duration::days(1)).unwrap();
    assert_eq!(d.new_ticket(&auto).assignee, d.ids(&[0])[0]);
}

#[test]
fn asg_3_if_nobody_works_until_thursday_the_thursday_people_get_the_ticket() {
    let d = desk_with(Helpdesk::in_memory(), 3);
    let thursday = d.calendar(&[Weekday::Thursday]);
    let friday = d.calendar(&[Weekday::Friday]);
    for (agent, calendar) in d.agents.iter().zip([friday, thursday, thursday]) {
        d.desk
            .set_user_calendar(Actor::System, agent.id, Some(calendar))
            .unwrap();
    }
    let auto = d.auto_team(
        AssignmentMethod::EqualTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    let got: Vec<_> = (0..3).map(|_| d.new_ticket(&auto).assignee).collect();
    assert_eq!(got, d.ids(&[1, 2, 1]));
}

#[test]
fn asg_3_when_nobody_works_within_seven_days_everyone_remains() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let auto = d.auto_team(
        AssignmentMethod::EqualTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    for agent in &d.agents {
        d.desk
            .create_leave(
                Actor::System,
                NewLeave {
                    user: agent.id,
                    from: monday(),
                    to: monday() + Duration::days(30),
                    reason: "Sabbatical".into(),
                },
            )
            .unwrap();
    }
    let got: Vec<_> = (0..2).map(|_| d.new_ticket(&auto).assignee).collect();
    assert_eq!(got, d.ids(&[0, 1]));
}

#[test]
fn asg_3_the_team_calendar_applies_to_members_without_their_own() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let weekend = d.calendar(&[Weekday::Saturday, Weekday::Sunday]);
    let office = d.calendar(&MON_FRI);
    d.desk
        .set_user_calendar(Actor::System, d.agents[0].id, Some(weekend))
        .unwrap();
    let auto = d.auto_team(
        AssignmentMethod::EqualTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    let settings = TeamSettings {
        calendar: Some(office),
        ..auto.settings.clone()
    };
    d.desk
        .update_team(
            Actor::System,
            auto.id,
            TeamUpdate {
                settings: Some(settings.into()),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    // Monday: agent 1 works (team calendar), agent 0 only at the weekend.
    let got: Vec<_> = (0..2).map(|_| d.new_ticket(&auto).assignee).collect();
    assert_eq!(got, d.ids(&[1, 1]));
}

#[test]
fn asg_4_round_robin_goes_after_the_last_assignee_in_member_order() {
    let d = desk_with(Helpdesk::in_memory(), 3);
    let order = vec![d.agents[2].id, d.agents[0].id, d.agents[1].id];
    let auto = d.auto_team(AssignmentMethod::EqualTickets, order);
    let got: Vec<_> = (0..4).map(|_| d.new_ticket(&auto).assignee).collect();
    assert_eq!(got, d.ids(&[2, 0, 1, 2]));
    // A manual assignment moves the pointer: the next goes after agent 1.
    let manual = d.new_ticket(&auto);
    assert_eq!(manual.assignee, d.ids(&[0])[0]);
    d.desk
        .assign_ticket(Actor::System, manual.id, Some(d.agents[1].id))
        .unwrap();
    assert_eq!(d.new_ticket(&auto).assignee, d.ids(&[2])[0]);
}

#[test]
fn asg_5_the_fewest_open_tickets_wins_and_closing_counts() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let auto = d.auto_team(
        AssignmentMethod::EqualOpenTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    let first = d.new_ticket(&auto);
    let second = d.new_ticket(&auto);
    assert_eq!(
        vec![first.assignee, second.assignee],
        d.ids(&[0, 1]),
        "ties go to member order"
    );
    let solved = d
        .desk
        .list_stages(Actor::System, auto.id)
        .unwrap()
        .into_iter()
        .find(|s| s.folded)
        .unwrap();
    d.desk
        .move_ticket(Actor::System, second.id, solved.id)
        .unwrap();
    d.desk.archive_ticket(Actor::System, first.id).unwrap();
    // Both now have no open active ticket: agent 0 first again.
    assert_eq!(d.new_ticket(&auto).assignee, d.ids(&[0])[0]);
    assert_eq!(d.new_ticket(&auto).assignee, d.ids(&[1])[0]);
}

#[test]
fn asg_6_a_batch_is_assigned_one_after_another() {
    let d = desk_with(Helpdesk::in_memory(), 3);
    for method in [
        AssignmentMethod::EqualTickets,
        AssignmentMethod::EqualOpenTickets,
    ] {
        let auto = d.auto_team(method, d.agents.iter().map(|a| a.id).collect());
        let batch = (0..6)
            .map(|i| subject(&auto, &format!("Batch {i}")))
            .collect();
        let tickets = d.desk.create_tickets(Actor::System, batch).unwrap();
        let got: Vec<_> = tickets.iter().map(|t| t.assignee).collect();
        assert_eq!(got, d.ids(&[0, 1, 2, 0, 1, 2]), "{method:?}");
    }
}

#[test]
fn asg_6_a_batch_with_one_bad_ticket_creates_none() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let auto = d.auto_team(AssignmentMethod::EqualTickets, Vec::new());
    let before = d.desk.snapshot().unwrap();
    let batch = vec![subject(&auto, "Fine"), subject(&auto, "  ")];
    let error = d.desk.create_tickets(Actor::System, batch).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert_eq!(before, d.desk.snapshot().unwrap());
}

/// ASG-7 on SQLite: threads, each with its own connection, create tickets
/// at once; the choice and the insert are one unit of work.
fn concurrent_creations(method: AssignmentMethod) -> (tempfile::TempDir, Desk, Vec<Ticket>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let d = desk_with(Helpdesk::open(&path).unwrap(), 5);
    let auto = d.auto_team(method, d.agents.iter().map(|a| a.id).collect());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            let team = auto.clone();
            std::thread::spawn(move || {
                let desk = Helpdesk::open(&path).unwrap();
                (0..25)
                    .map(|i| {
                        desk.create_ticket(Actor::System, subject(&team, &format!("{t}/{i}")))
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut tickets: Vec<Ticket> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    tickets.sort_by_key(|t| t.id);
    (dir, d, tickets)
}

#[test]
fn asg_7_concurrent_connections_keep_open_counts_within_one() {
    let (_dir, d, tickets) = concurrent_creations(AssignmentMethod::EqualOpenTickets);
    let mut counts: BTreeMap<Option<UserId>, usize> = BTreeMap::new();
    for ticket in &tickets {
        *counts.entry(ticket.assignee).or_default() += 1;
    }
    assert_eq!(counts.len(), d.agents.len(), "{counts:?}");
    let (min, max) = (
        counts.values().min().unwrap(),
        counts.values().max().unwrap(),
    );
    assert!(max - min <= 1, "{counts:?}");
}

#[test]
fn asg_7_concurrent_round_robin_never_skips_or_repeats() {
    let (_dir, d, tickets) = concurrent_creations(AssignmentMethod::EqualTickets);
    let n = d.agents.len();
    for (i, ticket) in tickets.iter().enumerate() {
        assert_eq!(
            ticket.assignee,
            Some(d.agents[i % n].id),
            "ticket {}",
            ticket.reference
        );
    }
}

#[test]
fn leaves_and_user_calendars_are_managed_by_the_user_and_managers() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let (me, colleague) = (&d.agents[0], &d.agents[1]);
    let leave = NewLeave {
        user: colleague.id,
        from: monday(),
        to: monday() + Duration::days(1),
        reason: String::new(),
    };
    let error = d
        .desk
        .create_leave(Actor::User(me.id), leave.clone())
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    let mine = d
        .desk
        .create_leave(
            Actor::User(me.id),
            NewLeave {
                user: me.id,
                ..leave.clone()
            },
        )
        .unwrap();
    assert_eq!(
        d.desk
            .list_leaves(Actor::User(colleague.id), me.id)
            .unwrap(),
        vec![mine.clone()]
    );
    d.desk.delete_leave(Actor::User(me.id), mine.id).unwrap();
    assert!(d.desk.list_leaves(Actor::System, me.id).unwrap().is_empty());
    assert_eq!(
        d.desk
            .delete_leave(Actor::User(me.id), mine.id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    let globex = d
        .desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Globex".into(),
            },
        )
        .unwrap();
    let foreign = d
        .desk
        .create_calendar(
            Actor::System,
            NewCalendar {
                company: globex.id,
                name: "Globex office".into(),
                spec: CalendarSpec {
                    second_week: None,
                    time_zone: "UTC".into(),
                    hours: weekdays(&MON_FRI),
                    closures: Vec::new(),
                },
            },
        )
        .unwrap();
    let error = d
        .desk
        .set_user_calendar(Actor::System, me.id, Some(foreign.id))
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
}

#[test]
fn asg_3_a_leave_out_of_any_sane_range_is_refused() {
    let d = desk_with(Helpdesk::in_memory(), 1);
    let endless = NewLeave {
        user: d.agents[0].id,
        from: monday(),
        to: DateTime::<Utc>::MAX_UTC,
        reason: String::new(),
    };
    assert_eq!(
        d.desk
            .create_leave(Actor::System, endless)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

/// ASG-3 with caches: an agent of two companies who works on a calendar of
/// the other company. A change of that calendar reaches the next choice of
/// a team of the first company (the desk's roster of the team is rebuilt).
#[test]
fn asg_3_a_change_to_a_calendar_of_another_company_reaches_the_next_choice() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let globex = d
        .desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Globex".into(),
            },
        )
        .unwrap()
        .id;
    let both = d
        .desk
        .update_user(
            Actor::System,
            d.agents[0].id,
            UserUpdate {
                companies: Some(vec![d.acme, globex]),
                ..UserUpdate::default()
            },
        )
        .unwrap();
    let weekend = d
        .desk
        .create_calendar(
            Actor::System,
            NewCalendar {
                company: globex,
                name: "Globex weekends".into(),
                spec: CalendarSpec {
                    second_week: None,
                    time_zone: "UTC".into(),
                    hours: weekdays(&[Weekday::Saturday, Weekday::Sunday]),
                    closures: Vec::new(),
                },
            },
        )
        .unwrap();
    d.desk
        .set_user_calendar(Actor::System, both.id, Some(weekend.id))
        .unwrap();
    let auto = d.auto_team(
        AssignmentMethod::EqualTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    // Monday: only agent 1 works.
    assert_eq!(d.new_ticket(&auto).assignee, Some(d.agents[1].id));
    d.desk
        .update_calendar(
            Actor::System,
            weekend.id,
            CalendarUpdate {
                spec: Some(CalendarSpec {
                    second_week: None,
                    time_zone: "UTC".into(),
                    hours: weekdays(&MON_FRI),
                    closures: Vec::new(),
                }),
                ..CalendarUpdate::default()
            },
        )
        .unwrap();
    // Both work on Monday now: round robin goes on to agent 0.
    assert_eq!(d.new_ticket(&auto).assignee, Some(d.agents[0].id));
}

/// ASG-3: a first working day said to hold until an instant is the first
/// working day at every instant up to it (the desk reuses it between
/// choices), across lunch breaks, nights, weekends, a closure and a DST
/// change, in a zone other than the calendar's.
#[test]
fn asg_3_a_first_working_day_holds_until_it_says() {
    use helpdesk::assignment::{day_in, first_working_instant, FirstDay};
    use helpdesk::calendar;
    let hours: Vec<WorkingHours> = MON_FRI
        .iter()
        .flat_map(|&weekday| {
            [(8, 12), (13, 17)].map(|(start, end)| WorkingHours {
                weekday,
                start: ClockTime::hm(start, 0).unwrap(),
                end: ClockTime::hm(end, 0).unwrap(),
            })
        })
        .collect();
    let closure = calendar::Closure::Days {
        first: chrono::NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
        last: chrono::NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
    };
    let brussels = calendar::WorkingCalendar::new(CalendarSpec {
        second_week: None,
        time_zone: "Europe/Brussels".into(),
        hours,
        closures: vec![closure],
    })
    .unwrap();
    let zone: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let direct = |calendar: Option<&calendar::WorkingCalendar>, t| {
        first_working_instant(calendar, &[], t).map(|w| day_in(zone, w))
    };
    let mut checked = 0;
    for calendar in [Some(&brussels), None] {
        let mut now = Utc.with_ymd_and_hms(2026, 3, 20, 0, 0, 0).unwrap();
        while now < Utc.with_ymd_and_hms(2026, 4, 12, 0, 0, 0).unwrap() {
            let first = FirstDay::at(calendar, zone, now);
            assert!(first.from == now && first.until >= now);
            assert_eq!(first.day, direct(calendar, now), "at {now}");
            let span = first.until - now;
            for t in [
                now + span / 2,
                first.until - Duration::seconds(1),
                first.until,
            ] {
                if t >= now {
                    assert_eq!(first.day, direct(calendar, t), "computed at {now}, at {t}");
                    checked += 1;
                }
            }
            now += Duration::minutes(17);
        }
    }
    assert!(checked > 3_000);
}

/// ASG-5 with two connections: a desk that knows a team's load from its
/// own writes sees the tickets another connection assigned in between.
#[test]
fn asg_5_a_load_known_to_one_connection_follows_another_connections_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let d = desk_with(Helpdesk::open(&path).unwrap(), 2);
    let auto = d.auto_team(
        AssignmentMethod::EqualOpenTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    let other = Helpdesk::open(&path)
        .unwrap()
        .with_clock(Arc::new(d.clock.clone()));
    // This desk assigns agent 0 and knows the load {0: 1}.
    assert_eq!(d.new_ticket(&auto).assignee, Some(d.agents[0].id));
    // The other connection assigns agent 1: the load is {0: 1, 1: 1}.
    let second = other
        .create_ticket(Actor::System, subject(&auto, "Elsewhere"))
        .unwrap();
    assert_eq!(second.assignee, Some(d.agents[1].id));
    // A tie: the first in member order, not agent 1 as a stale {0: 1} says.
    assert_eq!(d.new_ticket(&auto).assignee, Some(d.agents[0].id));
}

#[test]
fn cal_11_an_agents_calendar_is_read_in_the_agents_own_zone() {
    let d = desk_with(Helpdesk::in_memory(), 2);
    let office = d.calendar(&MON_FRI);
    for agent in &d.agents {
        d.desk
            .set_user_calendar(Actor::System, agent.id, Some(office))
            .unwrap();
    }
    let team = d.auto_team(
        AssignmentMethod::EqualOpenTickets,
        d.agents.iter().map(|a| a.id).collect(),
    );
    // Friday 6 March 2026, 20:00 UTC: the office (9:00–17:00 UTC) is
    // closed until Monday, but it is 15:00 in New York.
    d.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 6, 20, 0, 0).unwrap());
    let suggest = || d.desk.suggest_assignee(Actor::System, team.id).unwrap();
    assert_eq!(suggest(), Some(d.agents[0].id), "both on Monday: the first");
    let nia = d
        .desk
        .set_user_time_zone(
            Actor::System,
            d.agents[1].id,
            Some("America/New_York".into()),
        )
        .unwrap();
    assert_eq!(nia.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(suggest(), Some(d.agents[1].id), "working now where she is");
    d.desk
        .set_user_time_zone(Actor::System, d.agents[1].id, None)
        .unwrap();
    assert_eq!(suggest(), Some(d.agents[0].id));
    let bad = d
        .desk
        .set_user_time_zone(Actor::System, d.agents[1].id, Some("Mars/Olympus".into()));
    assert!(matches!(
        bad,
        Err(Error::InvalidInput {
            field: "time_zone",
            ..
        })
    ));
}
