//! SLA policies (RULES.md, SLA), one test per rule, through the desk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{partner, team, user};
use helpdesk::calendar::{CalendarSpec, ClockTime, Closure, Weekday, WorkingHours};
use helpdesk::*;
use std::sync::Arc;

/// Monday 2 March 2026 at `hour`:00 UTC, plus `days`.
fn at(days: i64, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, hour, 0, 0).unwrap() + Duration::days(days)
}

struct Desk {
    desk: Helpdesk,
    clock: ManualClock,
    acme: CompanyId,
    agent: User,
    team: Team,
    stages: Vec<Stage>,
}

impl Desk {
    /// A team using SLAs on a Mon–Fri 09:00–17:00 UTC calendar with
    /// `closures`, and its four default stages.
    fn new(closures: Vec<Closure>) -> Self {
        let clock = ManualClock::new(at(0, 9));
        let desk = Helpdesk::in_memory().with_clock(Arc::new(clock.clone()));
        let acme = desk
            .create_company(
                Actor::System,
                NewCompany {
                    name: "Acme".into(),
                },
            )
            .unwrap()
            .id;
        let agent = user(
            &desk,
            "Agent",
            UserKind::Internal,
            HelpdeskRole::Agent,
            acme,
            None,
        );
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
        let calendar = desk
            .create_calendar(
                Actor::System,
                NewCalendar {
                    company: acme,
                    name: "Office".into(),
                    spec: CalendarSpec {
                        second_week: None,
                        time_zone: "UTC".into(),
                        hours,
                        closures,
                    },
                },
            )
            .unwrap();
        let care = team(&desk, acme, "Care", Visibility::Portal, vec![agent.id]);
        let settings = TeamSettings {
            use_sla: true,
            calendar: Some(calendar.id),
            ..TeamSettings::default()
        };
        let team = desk
            .update_team(
                Actor::System,
                care.id,
                TeamUpdate {
                    settings: Some(settings.into()),
                    ..TeamUpdate::default()
                },
            )
            .unwrap();
        let stages = desk.list_stages(Actor::System, team.id).unwrap();
        Self {
            desk,
            clock,
            acme,
            agent,
            team,
            stages,
        }
    }

    /// New(1) → In Progress(2) → Solved(3) → Cancelled(4).
    fn stage(&self, name: &str) -> StageId {
        self.stages.iter().find(|s| s.name == name).unwrap().id
    }

    fn policy(&self, name: &str, target: &str, within: Within) -> NewSlaPolicy {
        NewSlaPolicy {
            team: self.team.id,
            name: name.into(),
            description: String::new(),
            priority: Priority::Urgent,
            tags: Vec::new(),
            customers: Vec::new(),
            ticket_types: Vec::new(),
            target_stage: self.stage(target),
            excluded_stages: Vec::new(),
            within,
        }
    }

    fn add(&self, policy: NewSlaPolicy) -> SlaPolicy {
        self.desk.create_sla_policy(Actor::System, policy).unwrap()
    }

    fn ticket(&self, input: NewTicket) -> Ticket {
        let input = NewTicket {
            team: Some(self.team.id),
            subject: "Broken".into(),
            priority: Priority::Urgent,
            ..input
        };
        self.desk.create_ticket(Actor::System, input).unwrap()
    }

    fn statuses(&self, ticket: &Ticket) -> Vec<SlaStatusView> {
        self.desk
            .ticket_sla_statuses(Actor::User(self.agent.id), ticket.id)
            .unwrap()
    }

    fn move_to(&self, ticket: &Ticket, stage: &str) -> Ticket {
        self.desk
            .move_ticket(Actor::System, ticket.id, self.stage(stage))
            .unwrap()
    }
}

fn hours(hours: u32) -> Within {
    Within::hours_minutes(hours, 0)
}

#[test]
fn sla_1_only_managers_configure_policies_and_they_are_checked() {
    let d = Desk::new(Vec::new());
    let policy = d.policy("Response", "In Progress", hours(4));
    let error = d
        .desk
        .create_sla_policy(Actor::User(d.agent.id), policy.clone())
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    let looping = NewSlaPolicy {
        excluded_stages: vec![d.stage("In Progress")],
        ..policy.clone()
    };
    let error = d
        .desk
        .create_sla_policy(Actor::System, looping)
        .unwrap_err();
    assert_eq!(error.fields()[0], ("field", "excluded_stages".to_string()));
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
        .create_tag(Actor::System, globex.id, "vip".into())
        .unwrap();
    let tagged = NewSlaPolicy {
        tags: vec![foreign.id],
        ..policy
    };
    let error = d.desk.create_sla_policy(Actor::System, tagged).unwrap_err();
    assert_eq!(error.code(), "not_found", "VIS-11: {error}");
    let endless = NewSlaPolicy {
        within: hours(u32::MAX),
        ..d.policy("Endless", "Solved", hours(1))
    };
    let error = d
        .desk
        .create_sla_policy(Actor::System, endless)
        .unwrap_err();
    assert_eq!(error.fields()[0], ("field", "within".to_string()));
}

#[test]
fn sla_1_days_count_as_the_team_calendars_hours_per_day() {
    let d = Desk::new(Vec::new());
    d.add(d.policy(
        "Two days",
        "Solved",
        Within {
            days: 2.into(),
            hours: 1.into(),
            minutes: 30,
        },
    ));
    // 17 h 30 of 8-hour days from Monday 09:00: Wednesday 10:30.
    let ticket = d.ticket(NewTicket::default());
    assert_eq!(ticket.sla_deadline, Some(at(2, 10) + Duration::minutes(30)));
}

#[test]
fn cal_11_sla_durations_accept_fractions_of_an_hour_or_a_day_exactly() {
    let amount = |text: &str| text.parse::<helpdesk::Decimal>().unwrap();
    let d = Desk::new(Vec::new());
    // An hour and a half, and a quarter of the calendar's 8-hour day.
    d.add(d.policy(
        "Ninety minutes",
        "Solved",
        Within {
            hours: amount("1.5"),
            ..Within::default()
        },
    ));
    let ticket = d.ticket(NewTicket::default());
    assert_eq!(ticket.sla_deadline, Some(at(0, 10) + Duration::minutes(30)));
    let d = Desk::new(Vec::new());
    let quarter = d.add(d.policy(
        "Quarter day",
        "Solved",
        Within {
            days: amount("0.25"),
            ..Within::default()
        },
    ));
    let ticket = d.ticket(NewTicket::default());
    assert_eq!(ticket.sla_deadline, Some(at(0, 11)));
    // In JSON the amounts are numbers, as before for whole ones.
    let json = serde_json::to_value(quarter.within).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"days": 0.25, "hours": 0, "minutes": 0})
    );
    let read: Within = serde_json::from_value(serde_json::json!({"hours": 1.5})).unwrap();
    assert_eq!(read.hours, amount("1.5"));
    let read: Within = serde_json::from_value(serde_json::json!({"hours": 4})).unwrap();
    assert_eq!(read, Within::hours_minutes(4, 0));
    // Refused: a fraction of a second, a negative amount, too many digits.
    for (days, hours) in [
        ("0", "1.0001"),
        ("0", "-1"),
        ("-0.5", "1"),
        ("0.0000001", "0"),
    ] {
        let error = d
            .desk
            .create_sla_policy(
                Actor::System,
                d.policy(
                    "Bad",
                    "Solved",
                    Within {
                        days: amount(days),
                        hours: amount(hours),
                        minutes: 0,
                    },
                ),
            )
            .unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{days} {hours}");
    }
}

#[test]
fn sla_2_a_policy_applies_by_priority_tags_customer_family_and_type() {
    let d = Desk::new(Vec::new());
    let vip = d
        .desk
        .create_tag(Actor::System, d.acme, "vip".into())
        .unwrap();
    let bug = d
        .desk
        .create_ticket_type(Actor::System, d.acme, "Bug".into())
        .unwrap();
    let parent = partner(&d.desk, Some(d.acme), "Parent Ltd");
    let child = d
        .desk
        .create_partner(
            Actor::System,
            NewPartner {
                company: Some(d.acme),
                name: "Child".into(),
                parent: Some(parent.id),
                ..NewPartner::default()
            },
        )
        .unwrap();
    let stranger = partner(&d.desk, Some(d.acme), "Stranger");
    let policy = d.add(NewSlaPolicy {
        tags: vec![vip.id],
        customers: vec![parent.id],
        ticket_types: vec![bug.id],
        ..d.policy("VIP bugs", "Solved", hours(2))
    });
    let fits = NewTicket {
        tags: vec![vip.id],
        customer: Some(child.id),
        ticket_type: Some(bug.id),
        ..NewTicket::default()
    };
    let applied = |input: NewTicket| -> Vec<SlaPolicyId> {
        let ticket = d.ticket(input);
        d.statuses(&ticket).iter().map(|s| s.policy).collect()
    };
    assert_eq!(
        applied(fits.clone()),
        vec![policy.id],
        "a child of a listed customer"
    );
    assert_eq!(
        applied(NewTicket {
            customer: Some(parent.id),
            ..fits.clone()
        }),
        vec![policy.id]
    );
    assert!(applied(NewTicket {
        customer: Some(stranger.id),
        ..fits.clone()
    })
    .is_empty());
    assert!(applied(NewTicket {
        tags: Vec::new(),
        ..fits.clone()
    })
    .is_empty());
    assert!(applied(NewTicket {
        ticket_type: None,
        ..fits.clone()
    })
    .is_empty());
    let low = NewTicket {
        team: Some(d.team.id),
        subject: "Low".into(),
        ..fits
    };
    let ticket = d.desk.create_ticket(Actor::System, low).unwrap();
    assert!(d.statuses(&ticket).is_empty(), "another priority");
}

#[test]
fn sla_2_several_policies_apply_at_once_and_the_switch_turns_them_off() {
    let d = Desk::new(Vec::new());
    d.add(d.policy("Response", "In Progress", hours(1)));
    d.add(d.policy("Resolution", "Solved", hours(8)));
    assert_eq!(d.statuses(&d.ticket(NewTicket::default())).len(), 2);
    let settings = TeamSettings {
        use_sla: false,
        ..d.team.settings.clone()
    };
    d.desk
        .update_team(
            Actor::System,
            d.team.id,
            TeamUpdate {
                settings: Some(settings.into()),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let ticket = d.ticket(NewTicket::default());
    assert!(d.statuses(&ticket).is_empty());
    assert_eq!(ticket.sla_deadline, None);
}

#[test]
fn sla_2_a_target_behind_the_tickets_stage_does_not_apply() {
    let d = Desk::new(Vec::new());
    let ticket = d.ticket(NewTicket::default());
    d.move_to(&ticket, "Solved");
    d.add(d.policy("Response", "In Progress", hours(1)));
    // Reapplied on a change of facts, but the ticket is past the target.
    let changed = d
        .desk
        .update_ticket(
            Actor::System,
            ticket.id,
            TicketUpdate {
                priority: Some(Priority::Urgent),
                tags: Some(Vec::new()),
                subject: Some("Changed".into()),
                ..TicketUpdate::default()
            },
        )
        .unwrap();
    assert!(d.statuses(&changed).is_empty());
}

#[test]
fn sla_3_a_new_customer_drops_unreached_statuses_and_keeps_reached_ones() {
    let d = Desk::new(Vec::new());
    let vip = partner(&d.desk, Some(d.acme), "VIP");
    let other = partner(&d.desk, Some(d.acme), "Other");
    let response = d.add(NewSlaPolicy {
        customers: vec![vip.id],
        ..d.policy("VIP response", "In Progress", hours(1))
    });
    let resolution = d.add(NewSlaPolicy {
        customers: vec![vip.id],
        ..d.policy("VIP resolution", "Solved", hours(8))
    });
    let ticket = d.ticket(NewTicket {
        customer: Some(vip.id),
        ..NewTicket::default()
    });
    d.move_to(&ticket, "In Progress");
    let ticket = d
        .desk
        .set_ticket_customer(Actor::System, ticket.id, Some(other.id))
        .unwrap();
    let kept: Vec<_> = d.statuses(&ticket).iter().map(|s| s.policy).collect();
    assert_eq!(kept, vec![response.id]);
    assert_eq!(ticket.sla_deadline, None);
    let ticket = d
        .desk
        .set_ticket_customer(Actor::System, ticket.id, Some(vip.id))
        .unwrap();
    let back: Vec<_> = d.statuses(&ticket).iter().map(|s| s.policy).collect();
    assert_eq!(back, vec![response.id, resolution.id]);
    assert_eq!(ticket.sla_deadline, Some(at(0, 17)));
}

#[test]
fn sla_3_an_archived_policy_drops_its_unreached_statuses_at_once() {
    let d = Desk::new(Vec::new());
    let response = d.add(d.policy("Response", "In Progress", hours(2)));
    let resolution = d.add(d.policy("Resolution", "Solved", hours(8)));
    let ticket = d.ticket(NewTicket::default());
    d.move_to(&ticket, "In Progress");
    d.clock.set(at(1, 10));
    let failed = TicketFilter {
        sla_failed: Some(true),
        ..TicketFilter::default()
    };
    assert_eq!(
        d.desk.count_tickets(Actor::System, failed.clone()).unwrap(),
        1
    );
    for policy in [&response, &resolution] {
        d.desk
            .update_sla_policy(
                Actor::System,
                policy.id,
                SlaPolicyUpdate {
                    active: Some(false),
                    ..SlaPolicyUpdate::default()
                },
            )
            .unwrap();
    }
    // The reached response stays as history; the open resolution is gone.
    let kept: Vec<_> = d.statuses(&ticket).iter().map(|s| s.policy).collect();
    assert_eq!(kept, vec![response.id]);
    let ticket = d.desk.get_ticket(Actor::System, ticket.id).unwrap();
    assert_eq!(ticket.sla_deadline, None);
    assert_eq!(d.desk.count_tickets(Actor::System, failed).unwrap(), 0);
}

#[test]
fn sla_4_the_deadline_skips_holidays_and_weekends_on_the_team_calendar() {
    let friday = at(4, 0).date_naive();
    let d = Desk::new(vec![Closure::Days {
        first: friday,
        last: friday,
    }]);
    d.add(d.policy("Resolution", "Solved", hours(30)));
    // Monday 09:00 + 30 working hours: Mon–Thu give 32 h; so Thursday 15:00.
    assert_eq!(d.ticket(NewTicket::default()).sla_deadline, Some(at(3, 15)));
    // Created Thursday 15:00: 2 h Thursday, Friday closed, then 24 h
    // Monday to Wednesday and 4 h on Thursday the 12th.
    d.clock.set(at(3, 15));
    assert_eq!(
        d.ticket(NewTicket::default()).sla_deadline,
        Some(at(10, 13))
    );
}

#[test]
fn sla_4_time_in_excluded_stages_is_added_to_the_deadline() {
    let d = Desk::new(Vec::new());
    let waiting = d
        .desk
        .create_stage(
            Actor::System,
            NewStage {
                company: d.acme,
                name: "Waiting".into(),
                sequence: 2,
                folded: false,
                teams: vec![d.team.id],
                email_template: None,
                sms_template: None,
                rating_request: false,
            },
        )
        .unwrap();
    d.add(NewSlaPolicy {
        excluded_stages: vec![waiting.id],
        ..d.policy("Resolution", "Solved", hours(8))
    });
    let ticket = d.ticket(NewTicket::default());
    assert_eq!(ticket.sla_deadline, Some(at(0, 17)));
    d.clock.set(at(0, 10));
    let waiting_ticket = d
        .desk
        .move_ticket(Actor::System, ticket.id, waiting.id)
        .unwrap();
    assert_eq!(waiting_ticket.sla_deadline, None, "the clock is stopped");
    assert_eq!(d.statuses(&ticket)[0].state, SlaState::Ongoing);
    d.clock.set(at(1, 12)); // 7 + 3 = 10 working hours frozen
    let back = d.move_to(&ticket, "In Progress");
    assert_eq!(back.sla_deadline, Some(at(2, 11)));
}

#[test]
fn sla_5_going_back_below_the_target_unreaches_it() {
    let d = Desk::new(Vec::new());
    d.add(d.policy("Response", "In Progress", hours(2)));
    let ticket = d.ticket(NewTicket::default());
    d.clock.set(at(0, 10));
    d.move_to(&ticket, "Solved");
    assert_eq!(d.statuses(&ticket)[0].reached_at, Some(at(0, 10)));
    d.clock.set(at(0, 12));
    let reopened = d.move_to(&ticket, "New");
    let status = &d.statuses(&ticket)[0];
    assert_eq!((status.reached_at, status.state), (None, SlaState::Failed));
    assert_eq!(reopened.sla_deadline, Some(at(0, 11)));
    assert!(reopened.sla_failed(at(0, 12)));
}

#[test]
fn sla_6_a_status_fails_when_time_passes_without_any_write() {
    let d = Desk::new(Vec::new());
    d.add(d.policy("Response", "In Progress", hours(2)));
    let ticket = d.ticket(NewTicket::default());
    let state = |d: &Desk| d.statuses(&ticket)[0].clone();
    assert_eq!(state(&d).state, SlaState::Ongoing);
    assert_eq!(state(&d).exceeded_seconds, Some(-7200));
    d.clock.set(at(0, 11));
    assert_eq!(state(&d).state, SlaState::Failed, "at the deadline");
    d.clock.set(at(1, 10));
    assert_eq!(
        state(&d).exceeded_seconds,
        Some(7 * 3600),
        "working time only"
    );
}

#[test]
fn sla_7_lists_filter_and_sort_by_deadline_and_failure() {
    let d = Desk::new(Vec::new());
    d.add(d.policy("Urgent", "In Progress", hours(4)));
    d.add(NewSlaPolicy {
        priority: Priority::High,
        ..d.policy("High", "In Progress", hours(2))
    });
    let late = d.ticket(NewTicket::default()); // 13:00
    let soon = d
        .desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(d.team.id),
                subject: "Soon".into(),
                priority: Priority::High,
                ..NewTicket::default()
            },
        )
        .unwrap(); // 11:00
    let none = d
        .desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(d.team.id),
                subject: "No SLA".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    assert_eq!(soon.sla_deadline, Some(at(0, 11)));
    let page = |filter: TicketFilter| -> Vec<TicketId> {
        let query = TicketQuery {
            filter,
            sort: TicketSort::SlaDeadline,
            limit: 2,
            ..TicketQuery::default()
        };
        let mut ids = Vec::new();
        let mut query = Some(query);
        while let Some(q) = query {
            let page = d.desk.list_tickets(Actor::System, q.clone()).unwrap();
            ids.extend(page.tickets.iter().map(|t| t.id));
            query = page.next_cursor.map(|cursor| TicketQuery {
                cursor: Some(cursor),
                ..q
            });
        }
        ids
    };
    assert_eq!(
        page(TicketFilter::default()),
        vec![soon.id, late.id, none.id]
    );
    d.clock.set(at(0, 12));
    let failed = TicketFilter {
        sla_failed: Some(true),
        ..TicketFilter::default()
    };
    assert_eq!(page(failed.clone()), vec![soon.id]);
    let fine = TicketFilter {
        sla_failed: Some(false),
        ..TicketFilter::default()
    };
    assert_eq!(page(fine), vec![late.id, none.id]);
    assert_eq!(d.desk.count_tickets(Actor::System, failed).unwrap(), 1);
}

#[test]
fn sla_7_portal_users_never_see_sla_internals() {
    let d = Desk::new(Vec::new());
    d.add(d.policy("Response", "In Progress", hours(2)));
    let customer = partner(&d.desk, Some(d.acme), "Customer");
    let portal = user(
        &d.desk,
        "Portal",
        UserKind::Portal,
        HelpdeskRole::None,
        d.acme,
        Some(customer.id),
    );
    let ticket = d.ticket(NewTicket {
        customer: Some(customer.id),
        ..NewTicket::default()
    });
    assert!(ticket.sla_deadline.is_some());
    let me = Actor::User(portal.id);
    assert_eq!(d.desk.get_ticket(me, ticket.id).unwrap().sla_deadline, None);
    let listed = d.desk.list_tickets(me, TicketQuery::default()).unwrap();
    assert_eq!(listed.tickets.len(), 1);
    assert_eq!(listed.tickets[0].sla_deadline, None);
    let sorted = TicketQuery {
        sort: TicketSort::SlaDeadline,
        ..TicketQuery::default()
    };
    assert_eq!(
        d.desk.list_tickets(me, sorted).unwrap_err().code(),
        "forbidden"
    );
    let policies = d.desk.list_sla_policies(me, d.team.id).unwrap_err();
    assert_eq!(policies.code(), "forbidden");
}

#[test]
fn sla_8_report_counts_tickets_by_period_and_has_no_rate_without_tickets() {
    let d = Desk::new(Vec::new());
    let policy = d.add(d.policy("Response", "In Progress", hours(1)));
    let first = d.ticket(NewTicket::default());
    d.clock.set(at(0, 9) + Duration::minutes(30));
    d.move_to(&first, "In Progress");
    d.clock.set(at(1, 9));
    let second = d.ticket(NewTicket::default());
    d.clock.set(at(1, 12));
    d.move_to(&second, "In Progress");
    let report = |from, to| {
        d.desk
            .sla_report(
                Actor::User(d.agent.id),
                SlaReportQuery {
                    company: d.acme,
                    team: Some(d.team.id),
                    policy: Some(policy.id),
                    from,
                    to,
                },
            )
            .unwrap()
    };
    let all = report(None, None).total;
    assert_eq!((all.tickets, all.failed), (2, 1));
    assert_eq!(all.success_rate.unwrap().to_string(), "50.00");
    assert_eq!(all.average_exceeded_seconds, Some((-1800 + 7200) / 2));
    let tuesday = report(Some(at(1, 0)), None).total;
    assert_eq!((tuesday.tickets, tuesday.failed), (1, 1));
    let empty = report(Some(at(7, 0)), None);
    assert_eq!(empty.total.success_rate, None);
    assert!(empty.by_policy.is_empty());
}
