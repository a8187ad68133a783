//! One test per visibility rule of RULES.md (VIS-1 … VIS-9).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::World;
use helpdesk::*;

fn world() -> World {
    World::new(Helpdesk::new(store::SqliteStore::in_memory().unwrap()))
}

#[test]
fn vis_1_team_visibility_defaults_to_portal() {
    assert_eq!(Visibility::default(), Visibility::Portal);
    let w = world();
    let team: NewTeam =
        serde_json::from_value(serde_json::json!({"company": w.acme.0, "name": "Default"}))
            .unwrap();
    let team = w.desk.create_team(Actor::User(w.manager.id), team).unwrap();
    assert_eq!(team.visibility, Visibility::Portal);
    for (visibility, name) in [
        (Visibility::InvitedInternal, "invited_internal"),
        (Visibility::Internal, "internal"),
        (Visibility::Portal, "portal"),
    ] {
        assert_eq!(
            serde_json::to_value(visibility).unwrap(),
            serde_json::json!(name)
        );
    }
}

#[test]
fn vis_2_managers_see_every_team_and_ticket_of_their_companies() {
    let w = world();
    let private = w.ticket(&w.private_team, "Salary", None);
    let internal = w.ticket(&w.internal_team, "Server", None);
    assert!(w.sees(&w.manager, &private) && w.sees(&w.manager, &internal));
    assert_eq!(
        w.desk.list_teams(Actor::User(w.manager.id)).unwrap().len(),
        3
    );
    // ... and nothing of another company, manager or not.
    assert!(!w.sees(&w.gina, &private));
    assert!(w.listed(&w.gina).is_empty());
}

#[test]
fn vis_3_internal_users_see_non_private_teams_followed_teams_and_followed_tickets() {
    let w = world();
    let private = w.ticket(&w.private_team, "Salary", None);
    let internal = w.ticket(&w.internal_team, "Server", None);
    let portal = w.ticket(&w.portal_team, "Printer", None);
    let teamless = w
        .desk
        .create_ticket(
            Actor::User(w.alice.id),
            NewTicket {
                company: Some(w.acme),
                subject: "Keys".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    for user in [&w.bob, &w.erin] {
        assert!(
            w.sees(user, &internal) && w.sees(user, &portal),
            "non-private teams"
        );
        assert!(
            w.sees(user, &teamless),
            "a ticket with no team is treated as internal"
        );
        assert!(!w.sees(user, &private), "private team, not followed");
    }
    assert!(
        w.sees(&w.alice, &private),
        "alice follows the private team (as a member)"
    );
    w.desk
        .follow_ticket(Actor::User(w.manager.id), private.id, w.bob.partner)
        .unwrap();
    assert!(w.sees(&w.bob, &private), "following the ticket shows it");
    w.desk
        .follow_team(Actor::User(w.manager.id), w.private_team.id, w.erin.partner)
        .unwrap();
    let later = w.ticket(&w.private_team, "Bonus", None);
    assert!(
        w.sees(&w.erin, &private) && w.sees(&w.erin, &later),
        "following the team shows all its tickets"
    );
}

#[test]
fn vis_4_portal_users_see_only_followed_tickets_of_portal_teams_and_no_internal_notes() {
    let w = world();
    let mine = w.ticket(&w.portal_team, "Printer", Some(w.p1.partner));
    let other = w.ticket(&w.portal_team, "Invoice", Some(w.p2.partner));
    let internal = w.ticket(&w.internal_team, "Server", Some(w.p1.partner));
    assert!(w.sees(&w.p1, &mine));
    assert!(!w.sees(&w.p1, &other), "another customer's ticket");
    assert!(
        !w.sees(&w.p1, &internal),
        "a non-portal team, even as the customer"
    );
    assert_eq!(w.listed(&w.p1), vec![mine.reference.clone()]);
    w.desk
        .add_internal_note(
            Actor::User(w.alice.id),
            mine.id,
            "Customer is grumpy".into(),
        )
        .unwrap();
    w.desk
        .reply_to_ticket(Actor::User(w.alice.id), mine.id, "On it".into())
        .unwrap();
    let messages = w.desk.list_messages(Actor::User(w.p1.id), mine.id).unwrap();
    assert_eq!(
        messages.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        ["On it"]
    );
    assert!(
        w.desk
            .stage_history(Actor::User(w.p1.id), mine.id)
            .unwrap()
            .is_empty(),
        "no internals"
    );
    assert_eq!(
        w.desk
            .ticket_followers(Actor::User(w.p1.id), mine.id)
            .unwrap(),
        vec![w.p1.partner]
    );
    // Following the team shows every ticket of a portal team.
    w.desk
        .follow_team(Actor::User(w.manager.id), w.portal_team.id, w.p2.partner)
        .unwrap();
    assert!(w.sees(&w.p2, &mine));
}

#[test]
fn vis_5_customer_assignee_and_internal_cc_follow_the_ticket() {
    let w = world();
    let outsider = common::partner(&w.desk, Some(w.acme), "Not a user");
    let ticket = w
        .desk
        .create_ticket(
            Actor::User(w.alice.id),
            NewTicket {
                team: Some(w.portal_team.id),
                subject: "Printer".into(),
                customer: Some(w.p1.partner),
                assignee: Some(w.bob.id),
                cc: vec![w.erin.partner, outsider.id],
                ..NewTicket::default()
            },
        )
        .unwrap();
    let followers = w.desk.ticket_followers(Actor::System, ticket.id).unwrap();
    assert!(
        followers.contains(&w.p1.partner)
            && followers.contains(&w.bob.partner)
            && followers.contains(&w.erin.partner)
    );
    assert!(
        !followers.contains(&outsider.id),
        "only CC'd partners that are internal users"
    );
    w.desk
        .set_ticket_customer(Actor::User(w.alice.id), ticket.id, Some(w.p2.partner))
        .unwrap();
    assert!(
        w.desk
            .ticket_followers(Actor::System, ticket.id)
            .unwrap()
            .contains(&w.p2.partner),
        "new customer follows"
    );
    w.desk
        .assign_ticket(Actor::User(w.alice.id), ticket.id, Some(w.manager.id))
        .unwrap();
    assert!(w
        .desk
        .ticket_followers(Actor::System, ticket.id)
        .unwrap()
        .contains(&w.manager.partner));
}

#[test]
fn vis_6_narrowing_a_portal_team_unfollows_portal_users_and_widening_re_adds_customers() {
    let w = world();
    let outsider = common::partner(&w.desk, Some(w.acme), "No login");
    let ticket = w.ticket(&w.portal_team, "Printer", Some(w.p1.partner));
    w.desk
        .follow_ticket(Actor::User(w.alice.id), ticket.id, outsider.id)
        .unwrap();
    w.desk
        .follow_team(Actor::User(w.manager.id), w.portal_team.id, w.p2.partner)
        .unwrap();
    let narrow = TeamUpdate {
        visibility: Some(Visibility::Internal),
        ..TeamUpdate::default()
    };
    w.desk
        .update_team(Actor::User(w.manager.id), w.portal_team.id, narrow)
        .unwrap();
    let followers = w.desk.ticket_followers(Actor::System, ticket.id).unwrap();
    assert!(
        !followers.contains(&w.p1.partner),
        "portal customer removed from the ticket"
    );
    assert!(
        followers.contains(&outsider.id),
        "partners without a login stay"
    );
    assert!(!w
        .desk
        .team_followers(Actor::System, w.portal_team.id)
        .unwrap()
        .contains(&w.p2.partner));
    assert!(!w.sees(&w.p1, &ticket));
    let widen = TeamUpdate {
        visibility: Some(Visibility::Portal),
        ..TeamUpdate::default()
    };
    w.desk
        .update_team(Actor::User(w.manager.id), w.portal_team.id, widen)
        .unwrap();
    assert!(
        w.desk
            .ticket_followers(Actor::System, ticket.id)
            .unwrap()
            .contains(&w.p1.partner),
        "customer re-added"
    );
    assert!(w.sees(&w.p1, &ticket));
}

#[test]
fn vis_7_the_public_form_requires_a_portal_team() {
    let w = world();
    let submit = |team: TeamId| {
        w.desk.submit_ticket(
            Actor::User(w.p1.id),
            Submission {
                team,
                subject: "Help".into(),
                description: String::new(),
            },
        )
    };
    let ticket = submit(w.portal_team.id).unwrap();
    assert_eq!(ticket.customer, Some(w.p1.partner));
    assert!(w.sees(&w.p1, &ticket), "the submitter follows the ticket");
    assert_eq!(submit(w.internal_team.id).unwrap_err().code(), "not_found");
    assert_eq!(submit(w.private_team.id).unwrap_err().code(), "not_found");
}

#[test]
fn vis_8_only_agents_change_tickets_and_only_managers_configure() {
    let w = world();
    let ticket = w.ticket(&w.portal_team, "Printer", Some(w.p1.partner));
    let change = TicketUpdate {
        priority: Some(Priority::High),
        ..TicketUpdate::default()
    };
    assert!(w
        .desk
        .update_ticket(Actor::User(w.bob.id), ticket.id, change.clone())
        .is_ok());
    for reader in [&w.erin, &w.p1] {
        let error = w
            .desk
            .update_ticket(Actor::User(reader.id), ticket.id, change.clone())
            .unwrap_err();
        assert_eq!(
            error.kind(),
            ErrorKind::Forbidden,
            "{} reads only",
            reader.name
        );
    }
    assert!(
        w.desk
            .reply_to_ticket(Actor::User(w.p1.id), ticket.id, "Thanks".into())
            .is_ok(),
        "customers reply"
    );
    let rename = TeamUpdate {
        name: Some("Renamed".into()),
        ..TeamUpdate::default()
    };
    assert_eq!(
        w.desk
            .update_team(Actor::User(w.alice.id), w.portal_team.id, rename.clone())
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert!(w
        .desk
        .update_team(Actor::User(w.manager.id), w.portal_team.id, rename)
        .is_ok());
    let stage = NewStage {
        company: w.acme,
        name: "Waiting".into(),
        sequence: 5,
        folded: false,
        teams: vec![],
        email_template: None,
        sms_template: None,
        rating_request: false,
    };
    assert_eq!(
        w.desk
            .create_stage(Actor::User(w.bob.id), stage.clone())
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert!(w
        .desk
        .create_stage(Actor::User(w.manager.id), stage)
        .is_ok());
}

#[test]
fn vis_9_a_denied_read_is_not_found_a_denied_change_forbidden_lists_filtered() {
    let w = world();
    let private = w.ticket(&w.private_team, "Salary", None);
    let missing = TicketId(999);
    let hidden = w
        .desk
        .get_ticket(Actor::User(w.bob.id), private.id)
        .unwrap_err();
    let absent = w
        .desk
        .get_ticket(Actor::User(w.bob.id), missing)
        .unwrap_err();
    assert_eq!((hidden.code(), absent.code()), ("not_found", "not_found"));
    assert_eq!(
        hidden.to_string(),
        absent.to_string().replace("999", &private.id.to_string()),
        "no existence leak"
    );
    let change = TicketUpdate {
        priority: Some(Priority::High),
        ..TicketUpdate::default()
    };
    assert_eq!(
        w.desk
            .update_ticket(Actor::User(w.bob.id), private.id, change)
            .unwrap_err()
            .code(),
        "not_found"
    );
    let visible = w.ticket(&w.portal_team, "Printer", None);
    let change = TicketUpdate {
        priority: Some(Priority::High),
        ..TicketUpdate::default()
    };
    assert_eq!(
        w.desk
            .update_ticket(Actor::User(w.erin.id), visible.id, change)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        w.listed(&w.bob),
        vec![visible.reference.clone()],
        "the list is filtered, not rejected"
    );
    assert_eq!(
        w.desk
            .count_tickets(Actor::User(w.bob.id), TicketFilter::default())
            .unwrap(),
        1
    );
}

#[test]
fn the_system_actor_bypasses_access_and_unknown_actors_are_refused() {
    let w = world();
    let private = w.ticket(&w.private_team, "Salary", None);
    assert!(w.desk.get_ticket(Actor::System, private.id).is_ok());
    let error = w
        .desk
        .get_ticket(Actor::User(UserId(4242)), private.id)
        .unwrap_err();
    assert_eq!(error.code(), "forbidden");
    w.desk
        .update_user(
            Actor::System,
            w.bob.id,
            UserUpdate {
                active: Some(false),
                ..UserUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(
        w.desk
            .list_tickets(Actor::User(w.bob.id), TicketQuery::default())
            .unwrap_err()
            .code(),
        "forbidden"
    );
}
