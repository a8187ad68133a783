//! DOMAIN §0: the default stages of a team and the folded/closed rules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::World;
use helpdesk::*;
use std::sync::Arc;

fn world() -> (World, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let desk =
        Helpdesk::new(store::SqliteStore::in_memory().unwrap()).with_clock(Arc::new(clock.clone()));
    (World::new(desk), clock)
}

#[test]
fn model_a_new_team_gets_new_in_progress_solved_cancelled() {
    let (w, _) = world();
    let stages = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap();
    let names: Vec<(&str, bool)> = stages.iter().map(|s| (s.name.as_str(), s.folded)).collect();
    assert_eq!(
        names,
        [
            ("New", false),
            ("In Progress", false),
            ("Solved", true),
            ("Cancelled", true)
        ]
    );
    assert!(stages.windows(2).all(|p| p[0].sequence < p[1].sequence));
}

#[test]
fn model_entering_a_folded_stage_closes_and_an_unfolded_one_reopens() {
    let (w, clock) = world();
    let agent = Actor::User(w.alice.id);
    let stages = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap();
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    assert!(ticket.is_open());
    clock.advance(Duration::hours(1)).unwrap();
    let solved = w.desk.move_ticket(agent, ticket.id, stages[2].id).unwrap();
    let closed_at = solved.closed_at.expect("closed");
    clock.advance(Duration::hours(1)).unwrap();
    // Moving between folded stages keeps the first closing instant.
    let cancelled = w.desk.move_ticket(agent, ticket.id, stages[3].id).unwrap();
    assert_eq!(cancelled.closed_at, Some(closed_at));
    let reopened = w.desk.move_ticket(agent, ticket.id, stages[1].id).unwrap();
    assert_eq!(
        (reopened.closed_at, reopened.closed_by_customer),
        (None, false)
    );
    assert_eq!(reopened.last_stage_change_at, clock.now());
}

#[test]
fn model_folding_a_stage_closes_its_tickets_and_unfolding_reopens_them() {
    let (w, clock) = world();
    let manager = Actor::User(w.manager.id);
    let in_progress = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap()[1].id;
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    w.desk
        .move_ticket(Actor::User(w.alice.id), ticket.id, in_progress)
        .unwrap();
    clock.advance(Duration::minutes(5)).unwrap();
    let fold = |folded| StageUpdate {
        folded: Some(folded),
        ..StageUpdate::default()
    };
    w.desk
        .update_stage(manager, in_progress, fold(true))
        .unwrap();
    assert_eq!(
        w.desk
            .get_ticket(Actor::System, ticket.id)
            .unwrap()
            .closed_at,
        Some(clock.now())
    );
    let open = TicketFilter {
        open: Some(true),
        ..TicketFilter::default()
    };
    assert_eq!(
        w.desk.count_tickets(Actor::System, open.clone()).unwrap(),
        0
    );
    w.desk
        .update_stage(manager, in_progress, fold(false))
        .unwrap();
    assert!(w
        .desk
        .get_ticket(Actor::System, ticket.id)
        .unwrap()
        .is_open());
    assert_eq!(w.desk.count_tickets(Actor::System, open).unwrap(), 1);
}

#[test]
fn model_a_team_with_tickets_in_a_stage_cannot_be_detached_from_it() {
    let (w, _) = world();
    let new = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap()[0].id;
    w.ticket(&w.portal_team, "Printer", None);
    let detach = StageUpdate {
        teams: Some(vec![]),
        ..StageUpdate::default()
    };
    let error = w
        .desk
        .update_stage(Actor::User(w.manager.id), new, detach)
        .unwrap_err();
    assert_eq!(error.code(), "invalid_state");
}

#[test]
fn model_ticket_references_count_per_company() {
    let (w, _) = world();
    let globex_team = common::team(&w.desk, w.globex, "Globex", Visibility::Portal, vec![]);
    let first = w.ticket(&w.portal_team, "A", None);
    let other = w
        .desk
        .create_ticket(
            Actor::System,
            NewTicket {
                team: Some(globex_team.id),
                subject: "B".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    let second = w.ticket(&w.portal_team, "C", None);
    assert_eq!(
        (
            first.reference.as_str(),
            other.reference.as_str(),
            second.reference.as_str()
        ),
        ("#1", "#1", "#2")
    );
}

#[test]
fn model_a_ticket_losing_its_team_leaves_the_teams_stages() {
    let (w, _) = world();
    let manager = Actor::User(w.manager.id);
    let inbox = w
        .desk
        .create_stage(
            manager,
            NewStage {
                company: w.acme,
                name: "Inbox".into(),
                sequence: 50,
                ..NewStage::default()
            },
        )
        .unwrap();
    let ticket = w.ticket(&w.portal_team, "Printer", None);
    let in_progress = w.desk.list_stages(Actor::System, w.portal_team.id).unwrap()[1].id;
    w.desk
        .move_ticket(Actor::User(w.alice.id), ticket.id, in_progress)
        .unwrap();
    let teamless = w
        .desk
        .set_ticket_team(Actor::User(w.alice.id), ticket.id, None)
        .unwrap();
    assert_eq!(teamless.team, None);
    assert_eq!(teamless.stage, inbox.id, "a stage no team owns");
    // A ticket created without a team starts there too.
    let created = w
        .desk
        .create_ticket(
            manager,
            NewTicket {
                company: Some(w.acme),
                subject: "No team".into(),
                ..NewTicket::default()
            },
        )
        .unwrap();
    assert_eq!(created.stage, inbox.id);
}

/// An update changes what it names and nothing else, nested settings
/// included: turning time tracking on leaves auto-assignment and SLAs on.
#[test]
fn model_update_team_changes_only_the_settings_it_names() {
    let (w, _) = world();
    let manager = Actor::User(w.manager.id);
    let update = |patch: TeamSettingsPatch| {
        w.desk.update_team(
            manager,
            w.portal_team.id,
            TeamUpdate {
                settings: Some(patch),
                ..TeamUpdate::default()
            },
        )
    };
    let stages = w.desk.list_stages(manager, w.portal_team.id).unwrap();
    update(TeamSettingsPatch {
        auto_assignment: Some(true),
        use_sla: Some(true),
        closing_stage: Some(stages[3].id),
        ..TeamSettingsPatch::default()
    })
    .unwrap();
    let team = update(TeamSettingsPatch {
        time_tracking: Some(true),
        ..TeamSettingsPatch::default()
    })
    .unwrap();
    assert!(team.settings.auto_assignment && team.settings.use_sla && team.settings.time_tracking);
    assert_eq!(team.settings.closing_stage, Some(stages[3].id));
    let team = update(TeamSettingsPatch {
        clear: vec![TeamSettingsReference::ClosingStage],
        ..TeamSettingsPatch::default()
    })
    .unwrap();
    assert_eq!(team.settings.closing_stage, None);
    assert!(team.settings.auto_assignment, "the rest stays");
    let before = w.desk.snapshot().unwrap();
    let error = update(TeamSettingsPatch {
        closing_stage: Some(stages[2].id),
        clear: vec![TeamSettingsReference::ClosingStage],
        ..TeamSettingsPatch::default()
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid settings.clear: closing_stage is both set and removed"
    );
    assert_eq!(w.desk.snapshot().unwrap(), before);
    // The whole settings, as before, by conversion.
    let team = update(TeamSettings::default().into()).unwrap();
    assert_eq!(team.settings, TeamSettings::default());
}

/// OUT-3: many drainers claim batches with a lease and acknowledge them; a
/// lease that ends unacknowledged makes its messages claimable again, an
/// acknowledged message never is; only the host claims, for 1 s to 1 day.
#[test]
fn out_3_a_claimed_batch_is_claimable_again_only_when_its_lease_ends() {
    let (w, clock) = world();
    let assigned = |subject: &str| NewTicket {
        team: Some(w.portal_team.id),
        subject: subject.into(),
        assignee: Some(w.alice.id),
        ..NewTicket::default()
    };
    w.desk
        .create_ticket(Actor::System, assigned("Printer"))
        .unwrap();
    w.desk
        .create_ticket(Actor::System, assigned("Screen"))
        .unwrap();
    let lease = Duration::seconds(60);
    let claim = |limit| -> Vec<OutboxId> {
        w.desk
            .claim_outbox(Actor::System, limit, lease)
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect()
    };
    let first = claim(1);
    let second = claim(10);
    assert_eq!((first.len(), second.len()), (1, 1));
    assert!(first[0] < second[0], "oldest first");
    assert!(
        claim(10).is_empty(),
        "both are claimed while their leases hold"
    );
    w.desk
        .acknowledge_outbox(Actor::System, first.clone())
        .unwrap();
    clock.advance(lease).unwrap();
    assert_eq!(
        claim(10),
        second,
        "an ended lease frees its message; a sent one stays sent"
    );
    let refused = |actor, lease| w.desk.claim_outbox(actor, 10, lease).unwrap_err().kind();
    assert_eq!(
        refused(Actor::User(w.alice.id), lease),
        ErrorKind::Forbidden
    );
    assert_eq!(
        refused(Actor::System, Duration::zero()),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        refused(Actor::System, Duration::days(1) + Duration::seconds(1)),
        ErrorKind::InvalidInput
    );
}
