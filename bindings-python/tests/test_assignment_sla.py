"""Assignment (round robin, leaves, user calendars, batches, team moves) and
SLAs (policies, deadlines, statuses, the report) from Python: the types at the
boundary and the errors; the rules themselves are the core's (and the golden
cases replay them)."""

from __future__ import annotations

import datetime
import decimal

import pytest
from conftest import START, SYSTEM, World

from helpdesk import (
    Forbidden,
    InvalidInput,
    Leave,
    NewTicket,
    NotFound,
    Priority,
    SlaReport,
    SlaState,
    TeamSettings,
    TicketSort,
    Within,
    WorkingHours,
)

HOUR = datetime.timedelta(hours=1)


def user_id(world: World, name: str) -> int:
    actor = getattr(world, name)
    assert actor.user_id is not None
    return int(actor.user_id)


def round_robin_team(world: World) -> int:
    """A team of Alice and Bob with auto-assignment on (equal tickets)."""
    return world.desk.create_team(
        world.manager,
        company=world.acme,
        name="Round robin",
        members=[user_id(world, "alice"), user_id(world, "bob")],
        settings=TeamSettings(auto_assignment=True),
    ).id


def sla_team(world: World) -> tuple[int, int, int]:
    """A team using SLAs with a 4-hour policy on urgent tickets to reach its
    second stage: (team, policy, target stage)."""
    team = world.desk.create_team(
        world.manager,
        company=world.acme,
        name="Care",
        members=[user_id(world, "alice")],
        settings=TeamSettings(use_sla=True),
    ).id
    target = world.desk.list_stages(SYSTEM, team)[1].id
    policy = world.desk.create_sla_policy(
        world.manager,
        team=team,
        name="First response",
        priority=Priority.URGENT,
        target_stage=target,
        within=Within(hours=4),
    )
    return team, policy.id, target


# ----- assignment -----


def test_tickets_are_assigned_round_robin(world: World) -> None:
    team = round_robin_team(world)
    alice, bob = user_id(world, "alice"), user_id(world, "bob")
    assert world.desk.suggest_assignee(world.alice, team) == alice
    assignees = [
        world.desk.create_ticket(world.manager, team=team, subject=f"T{i}").assignee
        for i in range(3)
    ]
    assert assignees == [alice, bob, alice]


def test_a_batch_is_assigned_in_order(world: World) -> None:
    team = round_robin_team(world)
    tickets = world.desk.create_tickets(
        world.manager,
        [NewTicket(team=team, subject="B1"), NewTicket(team=team, subject="B2")],
    )
    assert [t.subject for t in tickets] == ["B1", "B2"]
    assert [t.assignee for t in tickets] == [user_id(world, "alice"), user_id(world, "bob")]


def test_a_batch_with_one_bad_ticket_creates_none(world: World) -> None:
    team = round_robin_team(world)
    before = world.desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        world.desk.create_tickets(
            world.manager,
            [NewTicket(team=team, subject="Good"), NewTicket(team=team, subject="  ")],
        )
    assert caught.value.fields["field"] == "subject"
    assert world.desk.snapshot() == before
    assert world.desk.count_tickets(SYSTEM, team=team) == 0


def test_new_ticket_takes_the_core_defaults() -> None:
    ticket = NewTicket(subject="Hello")
    assert (ticket.team, ticket.priority, ticket.tags, ticket.cc) == (None, Priority.LOW, [], [])
    assert NewTicket(subject="Hello") == ticket
    assert repr(ticket).startswith("NewTicket(team=None, company=None, subject='Hello'")


def test_a_leave_takes_an_agent_out_of_the_rotation(world: World) -> None:
    team = round_robin_team(world)
    bob = user_id(world, "bob")
    midnight = START - 9 * HOUR  # away the whole day (availability is by day)
    leave = world.desk.create_leave(
        world.bob, user=bob, from_=midnight, to=midnight + 24 * HOUR, reason=" Dentist "
    )
    assert isinstance(leave, Leave)
    assert (leave.user, leave.from_, leave.to, leave.reason) == (
        bob,
        midnight,
        midnight + 24 * HOUR,
        "Dentist",
    )
    assert Leave.__match_args__ == ("id", "user", "from_", "to", "reason")
    assert world.desk.list_leaves(world.alice, bob) == [leave]
    world.desk.create_ticket(world.manager, team=team, subject="First")
    assert world.desk.suggest_assignee(world.alice, team) == user_id(world, "alice")
    world.desk.delete_leave(world.manager, leave.id)
    assert world.desk.list_leaves(world.alice, bob) == []
    assert world.desk.suggest_assignee(world.alice, team) == bob


def test_a_leave_must_end_after_it_starts(world: World) -> None:
    before = world.desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        world.desk.create_leave(world.manager, user=user_id(world, "bob"), from_=START, to=START)
    assert caught.value.code == "invalid_input"
    assert caught.value.fields["field"] == "to"
    assert world.desk.snapshot() == before


def test_an_agent_cannot_record_a_colleagues_leave(world: World) -> None:
    with pytest.raises(Forbidden):
        world.desk.create_leave(
            world.alice, user=user_id(world, "bob"), from_=START, to=START + HOUR
        )


def test_a_user_calendar_is_set_and_cleared(world: World) -> None:
    hours = [WorkingHours(day, "09:00", "17:00") for day in ("monday", "tuesday")]
    calendar = world.desk.create_calendar(
        world.manager, company=world.acme, name="Office", time_zone="UTC", hours=hours
    )
    bob = user_id(world, "bob")
    assert world.desk.get_user(SYSTEM, bob).calendar is None
    assert world.desk.set_user_calendar(world.manager, bob, calendar.id).calendar == calendar.id
    assert world.desk.get_user(SYSTEM, bob).calendar == calendar.id
    assert world.desk.set_user_calendar(world.bob, bob, None).calendar is None


def test_set_ticket_team_assigns_an_unassigned_ticket(world: World) -> None:
    team = round_robin_team(world)
    ticket = world.desk.create_ticket(world.manager, team=world.support, subject="Move me")
    assert ticket.assignee is None
    moved = world.desk.set_ticket_team(world.alice, ticket.id, team)
    assert (moved.team, moved.assignee) == (team, user_id(world, "alice"))
    assert world.desk.set_ticket_team(world.alice, ticket.id, None).team is None


def test_portal_users_cannot_suggest_an_assignee(world: World) -> None:
    with pytest.raises(Forbidden):
        world.desk.suggest_assignee(world.paula, world.support)


# ----- SLA -----


def test_a_policy_gives_matching_tickets_a_deadline(world: World) -> None:
    team, policy, target = sla_team(world)
    urgent = world.desk.create_ticket(
        world.alice, team=team, subject="Down", priority=Priority.URGENT
    )
    low = world.desk.create_ticket(world.alice, team=team, subject="Question")
    assert urgent.sla_deadline == START + 4 * HOUR
    assert urgent.sla_reached_late is False
    assert low.sla_deadline is None
    [status] = world.desk.ticket_sla_statuses(world.alice, urgent.id)
    assert (status.policy, status.policy_name, status.target_stage) == (
        policy,
        "First response",
        target,
    )
    assert status.state is SlaState.ONGOING
    assert (status.deadline, status.reached_at, status.exceeded_seconds) == (
        START + 4 * HOUR,
        None,
        -4 * 3600,
    )
    assert world.desk.ticket_sla_statuses(world.alice, low.id) == []


def test_a_late_ticket_fails_and_can_be_filtered_and_sorted(world: World) -> None:
    team, _, target = sla_team(world)
    late = world.desk.create_ticket(world.alice, team=team, subject="Late", priority="urgent")  # type: ignore[arg-type]
    world.desk.create_ticket(world.alice, team=team, subject="No SLA")
    world.clock.advance(5 * HOUR)
    [status] = world.desk.ticket_sla_statuses(world.alice, late.id)
    assert (status.state, status.exceeded_seconds) == (SlaState.FAILED, 3600)
    assert world.desk.count_tickets(world.alice, team=team, sla_failed=True) == 1
    assert world.desk.count_tickets(world.alice, team=team, sla_failed=False) == 1
    page = world.desk.list_tickets(world.alice, team=team, sort=TicketSort.SLA_DEADLINE)
    assert [t.subject for t in page.tickets] == ["Late", "No SLA"]
    reached = world.desk.move_ticket(world.alice, late.id, target)
    assert (reached.sla_deadline, reached.sla_reached_late) == (None, True)


def test_portal_users_see_no_sla(world: World) -> None:
    team, _, _ = sla_team(world)  # on the portal (the core's default visibility)
    ticket = world.desk.create_ticket(
        world.alice, team=team, subject="Down", priority=Priority.URGENT
    )
    assert ticket.sla_deadline is not None
    world.desk.follow_ticket(SYSTEM, ticket.id, world.paula_partner)
    seen = world.desk.get_ticket(world.paula, ticket.id)
    assert (seen.sla_deadline, seen.sla_reached_late) == (None, False)
    with pytest.raises(Forbidden) as caught:
        world.desk.ticket_sla_statuses(world.paula, ticket.id)
    assert caught.value.code == "forbidden"


def test_within_takes_fractions_of_an_hour_or_a_day_exactly(world: World) -> None:
    """CAL-11: an hour and a half is written as people write it."""
    _team, policy, _target = sla_team(world)
    updated = world.desk.update_sla_policy(world.manager, policy, within=Within(hours=1.5))
    assert updated.within == Within(hours=1.5) == Within(hours=decimal.Decimal("1.50"))
    assert updated.within.hours == decimal.Decimal("1.5")
    assert Within(days="0.25").days == decimal.Decimal("0.25")
    assert Within(hours=4.0).hours == 4
    with pytest.raises(InvalidInput):  # a fraction of a second
        world.desk.update_sla_policy(world.manager, policy, within=Within(hours=1.0001))
    with pytest.raises(InvalidInput):
        Within(hours=float("nan"))
    with pytest.raises(TypeError):
        Within(hours=True)


def test_policies_are_managed_by_managers(world: World) -> None:
    team, policy, target = sla_team(world)
    with pytest.raises(Forbidden):
        world.desk.create_sla_policy(
            world.alice, team=team, name="No", target_stage=target, within=Within(hours=1)
        )
    with pytest.raises(InvalidInput):
        world.desk.create_sla_policy(
            world.manager, team=team, name="Zero", target_stage=target, within=Within()
        )
    created = world.desk.get_sla_policy(world.alice, policy)
    assert created.within == Within(hours=4) == Within(days=0, hours=4, minutes=0)
    assert (created.priority, created.description, created.tags, created.active) == (
        Priority.URGENT,
        "",
        [],
        True,
    )
    updated = world.desk.update_sla_policy(
        world.manager, policy, within=Within(days=1, minutes=30), active=False
    )
    assert (updated.within.days, updated.within.hours, updated.within.minutes) == (
        decimal.Decimal(1),
        decimal.Decimal(0),
        30,
    )
    assert (updated.name, updated.active) == ("First response", False)
    assert world.desk.list_sla_policies(world.alice, team) == [updated]
    with pytest.raises(NotFound):
        world.desk.get_sla_policy(world.paula, policy)


def test_the_report_has_decimal_success_rates(world: World) -> None:
    team, policy, target = sla_team(world)
    on_time = world.desk.create_ticket(world.alice, team=team, subject="A", priority="urgent")  # type: ignore[arg-type]
    world.desk.create_ticket(world.alice, team=team, subject="B", priority=Priority.URGENT)
    world.desk.move_ticket(world.alice, on_time.id, target)
    world.clock.advance(6 * HOUR)
    report = world.desk.sla_report(world.alice, company=world.acme, team=team)
    assert isinstance(report, SlaReport)
    total = report.total
    assert (total.tickets, total.failed) == (2, 1)
    assert isinstance(total.success_rate, decimal.Decimal)
    assert str(total.success_rate) == "50.00"
    assert (total.average_exceeded_seconds, total.worst_exceeded_seconds) == (-3600, 7200)
    [line] = report.by_policy
    assert (line.policy, line.name, line.figures) == (policy, "First response", total)
    empty = world.desk.sla_report(
        world.manager, company=world.acme, from_=START + HOUR, to=START + 2 * HOUR
    )
    assert (empty.total.tickets, empty.total.success_rate, empty.by_policy) == (0, None, [])
    with pytest.raises(Forbidden):
        world.desk.sla_report(world.alice, company=world.acme)
