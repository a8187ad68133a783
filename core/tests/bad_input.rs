//! Bad input gets its typed error and leaves the store byte-for-byte
//! unchanged (a dump before and after compares equal).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::World;
use helpdesk::*;

fn rejects<T: std::fmt::Debug>(
    w: &World,
    code: &str,
    attempt: impl FnOnce(&Helpdesk) -> Result<T>,
) {
    let before = w.desk.snapshot().unwrap();
    let error = attempt(&w.desk).unwrap_err();
    assert_eq!(error.code(), code, "{error}");
    assert!(!error.to_string().is_empty());
    assert_eq!(
        w.desk.snapshot().unwrap(),
        before,
        "the store changed after: {error}"
    );
}

fn world() -> World {
    World::new(Helpdesk::new(store::SqliteStore::in_memory().unwrap()))
}

fn new_ticket(team: TeamId, subject: &str) -> NewTicket {
    NewTicket {
        team: Some(team),
        subject: subject.into(),
        ..NewTicket::default()
    }
}

#[test]
fn an_empty_subject_is_invalid_input() {
    let w = world();
    let agent = Actor::User(w.alice.id);
    rejects(&w, "invalid_input", |d| {
        d.create_ticket(agent, new_ticket(w.portal_team.id, "  \t "))
    });
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    rejects(&w, "invalid_input", |d| {
        d.update_ticket(
            agent,
            ticket.id,
            TicketUpdate {
                subject: Some(String::new()),
                ..TicketUpdate::default()
            },
        )
    });
    let error = w
        .desk
        .create_ticket(agent, new_ticket(w.portal_team.id, ""))
        .unwrap_err();
    assert_eq!(
        error.fields(),
        vec![
            ("field", "subject".to_string()),
            ("reason", "subject must not be empty".to_string())
        ]
    );
}

#[test]
fn unknown_ids_are_not_found() {
    let w = world();
    let agent = Actor::User(w.alice.id);
    rejects(&w, "not_found", |d| {
        d.create_ticket(agent, new_ticket(TeamId(404), "x"))
    });
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    rejects(&w, "not_found", |d| {
        d.move_ticket(agent, ticket.id, StageId(404))
    });
    rejects(&w, "not_found", |d| {
        d.assign_ticket(agent, ticket.id, Some(UserId(404)))
    });
    rejects(&w, "not_found", |d| {
        d.set_ticket_customer(agent, ticket.id, Some(PartnerId(404)))
    });
    rejects(&w, "not_found", |d| d.get_ticket(agent, TicketId(404)));
    rejects(&w, "not_found", |d| {
        d.update_ticket(
            agent,
            ticket.id,
            TicketUpdate {
                tags: Some(vec![TagId(404)]),
                ..TicketUpdate::default()
            },
        )
    });
    rejects(&w, "not_found", |d| {
        d.acknowledge_outbox(Actor::System, vec![OutboxId(404)])
    });
}

#[test]
fn a_stage_of_another_team_is_invalid_input() {
    let w = world();
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    let other_stage = w
        .desk
        .list_stages(Actor::System, w.internal_team.id)
        .unwrap()[1]
        .id;
    rejects(&w, "invalid_input", |d| {
        d.move_ticket(Actor::User(w.alice.id), ticket.id, other_stage)
    });
}

#[test]
fn a_portal_user_acting_as_an_agent_is_forbidden() {
    let w = world();
    let portal = Actor::User(w.p1.id);
    rejects(&w, "forbidden", |d| {
        d.create_ticket(portal, new_ticket(w.portal_team.id, "Sneaky"))
    });
    let ticket = w.ticket(&w.portal_team, "Printer", Some(w.p1.partner));
    let solved = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap()[2].id;
    rejects(&w, "forbidden", |d| {
        d.move_ticket(portal, ticket.id, solved)
    });
    rejects(&w, "forbidden", |d| {
        d.add_internal_note(portal, ticket.id, "psst".into())
    });
    rejects(&w, "forbidden", |d| {
        d.assign_ticket(portal, ticket.id, None)
    });
    rejects(&w, "forbidden", |d| d.pending_outbox(portal, 10));
}

#[test]
fn a_ticket_of_another_company_is_not_found() {
    let w = world();
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    let gina = Actor::User(w.gina.id);
    rejects(&w, "not_found", |d| d.get_ticket(gina, ticket.id));
    rejects(&w, "not_found", |d| d.archive_ticket(gina, ticket.id));
    rejects(&w, "not_found", |d| {
        d.create_ticket(gina, new_ticket(w.portal_team.id, "Cross-company"))
    });
    let globex_stage = {
        let team = common::team(
            &w.desk,
            w.globex,
            "Globex support",
            Visibility::Portal,
            vec![],
        );
        w.desk.list_stages(Actor::System, team.id).unwrap()[0].id
    };
    rejects(&w, "invalid_input", |d| {
        d.move_ticket(Actor::User(w.alice.id), ticket.id, globex_stage)
    });
    rejects(&w, "invalid_input", |d| {
        d.assign_ticket(Actor::User(w.alice.id), ticket.id, Some(w.gina.id))
    });
}

#[test]
fn malformed_settings_names_and_cursors_are_invalid_input() {
    let w = world();
    let manager = Actor::User(w.manager.id);
    let settings = TeamSettings {
        auto_close_days: 0,
        ..TeamSettings::default()
    };
    rejects(&w, "invalid_input", |d| {
        d.update_team(
            manager,
            w.portal_team.id,
            TeamUpdate {
                settings: Some(settings.clone().into()),
                ..TeamUpdate::default()
            },
        )
    });
    let foreign_stage = w
        .desk
        .list_stages(Actor::System, w.internal_team.id)
        .unwrap()[2]
        .id;
    let settings = TeamSettings {
        closing_stage: Some(foreign_stage),
        ..TeamSettings::default()
    };
    rejects(&w, "invalid_input", |d| {
        d.update_team(
            manager,
            w.portal_team.id,
            TeamUpdate {
                settings: Some(settings.clone().into()),
                ..TeamUpdate::default()
            },
        )
    });
    rejects(&w, "invalid_input", |d| {
        d.update_company(manager, w.acme, " ".into())
    });
    rejects(&w, "invalid_input", |d| {
        d.create_partner(
            manager,
            NewPartner {
                name: "X".into(),
                email: Some("not an address".into()),
                ..NewPartner::default()
            },
        )
    });
    rejects(&w, "invalid_input", |d| {
        d.set_team_members(manager, w.portal_team.id, vec![w.erin.id])
    });
    rejects(&w, "invalid_input", |d| {
        d.set_team_members(manager, w.portal_team.id, vec![w.alice.id, w.alice.id])
    });
    rejects(&w, "invalid_input", |d| {
        d.list_tickets(
            manager,
            TicketQuery {
                cursor: Some("garbage".into()),
                ..TicketQuery::default()
            },
        )
    });
    rejects(&w, "invalid_input", |d| {
        d.list_tickets(
            manager,
            TicketQuery {
                limit: 0,
                ..TicketQuery::default()
            },
        )
    });
    w.desk.create_tag(manager, w.acme, "VIP".into()).unwrap();
    rejects(&w, "conflict", |d| {
        d.create_tag(manager, w.acme, "vip".into())
    });
}

#[test]
/// VIS-11: another company's calendar is as unknown as a missing one.
fn vis_11_a_calendar_of_another_company_in_team_settings_is_not_found() {
    use helpdesk::calendar::{CalendarSpec, WorkingHours};
    let w = world();
    let hours: Vec<WorkingHours> = serde_json::from_value(
        serde_json::json!([{"weekday": "monday", "start": "08:00", "end": "17:00"}]),
    )
    .unwrap();
    let spec = CalendarSpec {
        second_week: None,
        time_zone: "UTC".into(),
        hours,
        closures: vec![],
    };
    let foreign = w
        .desk
        .create_calendar(
            Actor::System,
            NewCalendar {
                company: w.globex,
                name: "Globex".into(),
                spec: spec.clone(),
            },
        )
        .unwrap();
    let own = w
        .desk
        .create_calendar(
            Actor::System,
            NewCalendar {
                company: w.acme,
                name: "Acme".into(),
                spec,
            },
        )
        .unwrap();
    let manager = Actor::User(w.manager.id);
    let with = |calendar| TeamUpdate {
        settings: Some(TeamSettingsPatch {
            calendar: Some(calendar),
            ..TeamSettingsPatch::default()
        }),
        ..TeamUpdate::default()
    };
    rejects(&w, "not_found", |d| {
        d.update_team(manager, w.portal_team.id, with(foreign.id))
    });
    rejects(&w, "not_found", |d| {
        d.update_team(manager, w.portal_team.id, with(CalendarId(404)))
    });
    let team = w
        .desk
        .update_team(manager, w.portal_team.id, with(own.id))
        .unwrap();
    assert_eq!(team.settings.calendar, Some(own.id));
}

/// Messages say what is wrong in the caller's terms: the day by name, an
/// empty period as empty, no instant re-written in UTC.
#[test]
fn cal_1_calendar_errors_name_the_day_and_call_an_empty_period_empty() {
    use helpdesk::calendar::{CalendarSpec, Closure, WorkingCalendar, WorkingHours};
    let hours: Vec<WorkingHours> = serde_json::from_value(serde_json::json!([
        {"weekday": "tuesday", "start": "08:00", "end": "12:00"},
        {"weekday": "tuesday", "start": "11:00", "end": "17:00"}
    ]))
    .unwrap();
    let spec = CalendarSpec {
        second_week: None,
        time_zone: "Asia/Dhaka".into(),
        hours,
        closures: vec![],
    };
    let error = WorkingCalendar::new(spec.clone()).unwrap_err();
    assert!(error.to_string().contains("Tuesday"), "{error}");
    let at: chrono::DateTime<chrono::Utc> = "2026-03-02T03:00:00Z".parse().unwrap();
    let error = WorkingCalendar::new(CalendarSpec {
        second_week: None,
        hours: spec.hours[..1].to_vec(),
        closures: vec![Closure::Period { from: at, to: at }],
        ..spec
    })
    .unwrap_err();
    assert!(error.to_string().contains("empty"), "{error}");
    assert!(!error.to_string().contains("03:00"), "{error}");
}

#[test]
fn hrs_a_leave_of_no_time_is_called_empty_not_reversed() {
    let w = world();
    let at: chrono::DateTime<chrono::Utc> = "2026-03-02T03:00:00Z".parse().unwrap();
    rejects(&w, "invalid_input", |d| {
        d.create_leave(
            Actor::System,
            NewLeave {
                user: w.alice.id,
                from: at,
                to: at,
                reason: "x".into(),
            },
        )
    });
    let error = w
        .desk
        .create_leave(
            Actor::System,
            NewLeave {
                user: w.alice.id,
                from: at,
                to: at,
                reason: "x".into(),
            },
        )
        .unwrap_err();
    assert!(error.to_string().contains("no time"), "{error}");
}

/// VIS-13: instants stay within the years 1 to 9999, computed ones too: an
/// SLA deadline past them refuses the write instead of storing a ticket no
/// language could read back, and a clock past them writes nothing.
#[test]
fn vis_13_a_deadline_past_the_year_9999_is_refused_not_stored() {
    use chrono::{TimeZone, Utc};
    let clock = ManualClock::new(Utc.with_ymd_and_hms(9999, 12, 31, 22, 0, 0).unwrap());
    let w = World::new(
        Helpdesk::new(store::SqliteStore::in_memory().unwrap())
            .with_clock(std::sync::Arc::new(clock.clone())),
    );
    let manager = Actor::User(w.manager.id);
    w.desk
        .update_team(
            manager,
            w.portal_team.id,
            TeamUpdate {
                settings: Some(TeamSettingsPatch {
                    use_sla: Some(true),
                    ..TeamSettingsPatch::default()
                }),
                ..TeamUpdate::default()
            },
        )
        .unwrap();
    let solved = w.desk.list_stages(manager, w.portal_team.id).unwrap()[2].id;
    w.desk
        .create_sla_policy(
            manager,
            NewSlaPolicy {
                team: w.portal_team.id,
                name: "Resolution".into(),
                target_stage: solved,
                within: Within {
                    hours: 4.into(),
                    ..Within::default()
                },
                ..NewSlaPolicy::default()
            },
        )
        .unwrap();
    rejects(&w, "invalid_input", |d| {
        d.create_ticket(manager, new_ticket(w.portal_team.id, "Late"))
    });
    let error = w
        .desk
        .create_ticket(manager, new_ticket(w.portal_team.id, "Late"))
        .unwrap_err();
    assert!(error.to_string().contains("within"), "{error}");
    clock.set(Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap());
    clock.advance(chrono::Duration::seconds(1)).unwrap();
    let error = w.desk.list_teams(manager).unwrap_err();
    assert_eq!(error.code(), "invalid_input", "{error}");
    assert!(error.to_string().contains("clock"), "{error}");
}

/// VIS-13: text from outside has size limits, configurable per desk: over
/// one is `invalid_input` naming the field and the limit, nothing written.
#[test]
fn vis_13_text_over_the_desks_limits_is_refused_naming_field_and_limit() {
    let w = world();
    let portal = Actor::User(w.p1.id);
    let submission = |subject: String, description: String| Submission {
        team: w.portal_team.id,
        subject,
        description,
    };
    let limits = Limits::default();
    let long_subject = "s".repeat(limits.subject as usize + 1);
    rejects(&w, "invalid_input", |d| {
        d.submit_ticket(portal, submission(long_subject.clone(), String::new()))
    });
    let error = w
        .desk
        .submit_ticket(portal, submission(long_subject, String::new()))
        .unwrap_err();
    assert!(
        error.to_string().contains("subject") && error.to_string().contains("300"),
        "{error}"
    );
    // At the limit (surrounding blanks trimmed first) is accepted.
    let ticket = w
        .desk
        .submit_ticket(
            portal,
            submission(format!("  {}  ", "é".repeat(300)), "d".repeat(1000)),
        )
        .unwrap();
    let huge = "x".repeat(limits.text as usize + 1);
    rejects(&w, "invalid_input", |d| {
        d.reply_to_ticket(portal, ticket.id, huge.clone())
    });
    rejects(&w, "invalid_input", |d| {
        d.create_partner(
            Actor::System,
            NewPartner {
                name: "n".repeat(257),
                ..NewPartner::default()
            },
        )
    });
    // A desk with its own limits.
    let strict = w.desk.clone().with_limits(Limits {
        subject: 10,
        ..Limits::default()
    });
    assert_eq!(strict.limits().subject, 10);
    let error = strict
        .submit_ticket(portal, submission("eleven char".into(), String::new()))
        .unwrap_err();
    assert!(
        error.to_string().contains("at most 10 characters"),
        "{error}"
    );
    strict
        .submit_ticket(portal, submission("ten chars!".into(), String::new()))
        .unwrap();
}

/// VIS-13: reads never write. A company's working-time units are created
/// by the first write that needs them; before it, the reads that convert
/// time work without them (on SQLite a read runs `query_only`, so one that
/// wrote would fail here) and the store is unchanged.
#[test]
fn vis_13_reads_never_write_even_before_the_first_time_entry() {
    let w = world();
    let ticket = w.ticket(&w.internal_team, "Hours?", None);
    let before = w.desk.snapshot().unwrap();
    let manager = Actor::User(w.manager.id);
    let hours = w.desk.ticket_hours(manager, ticket.id).unwrap();
    assert_eq!(hours.logged_hours, Decimal::ZERO);
    assert_eq!(w.desk.snapshot().unwrap(), before);
    let customer = common::partner(&w.desk, Some(w.acme), "Customer");
    let before_reads = w.desk.snapshot().unwrap();
    assert!(w
        .desk
        .customer_contracts(manager, w.acme, customer.id)
        .unwrap()
        .is_empty());
    assert!(w.desk.upsell_orders(manager, w.acme).unwrap().is_empty());
    assert_eq!(w.desk.snapshot().unwrap(), before_reads);
    assert_ne!(before, before_reads, "the partner was written");
}
