"""Python types at the boundary: records, instants, durations, enums, actors, stores."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest
from conftest import START, SYSTEM, World

import helpdesk
from helpdesk import (
    Actor,
    AssignmentMethod,
    Helpdesk,
    ManualClock,
    Priority,
    StorageError,
    TeamSettings,
    TeamSettingsPatch,
    Visibility,
)


def test_records_compare_by_value_and_print_like_dataclasses(world: World) -> None:
    team = world.desk.get_team(SYSTEM, world.support)
    assert team == world.desk.get_team(SYSTEM, world.support)
    assert team != world.desk.get_team(SYSTEM, world.payroll)
    assert repr(team).startswith(f"Team(id={team.id}, company={world.acme}, name='Support'")
    assert helpdesk.Team.__match_args__[:3] == ("id", "company", "name")
    assert type(team).__module__ == "helpdesk"


def test_records_are_read_only(world: World) -> None:
    team = world.desk.get_team(SYSTEM, world.support)
    with pytest.raises(AttributeError):
        team.name = "Renamed"  # type: ignore[misc]


def test_instants_are_aware_utc_datetimes(world: World) -> None:
    ticket = world.desk.create_ticket(SYSTEM, team=world.support, subject="When?")
    assert ticket.created_at == START
    assert ticket.created_at.tzinfo is not None
    assert ticket.created_at.utcoffset() == datetime.timedelta(0)
    assert ticket.closed_at is None


def test_any_time_zone_is_accepted_and_converted_to_utc() -> None:
    paris = datetime.timezone(datetime.timedelta(hours=1))
    clock = ManualClock(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=paris))
    assert clock.now() == START
    assert clock.now().tzinfo == datetime.timezone.utc


def test_durations_are_timedeltas(world: World) -> None:
    world.clock.advance(datetime.timedelta(hours=2, minutes=30))
    ticket = world.desk.create_ticket(SYSTEM, team=world.support, subject="Later")
    assert ticket.created_at - START == datetime.timedelta(hours=2, minutes=30)


def test_enums_are_str_enums_and_accept_their_values(world: World) -> None:
    assert issubclass(Priority, str)
    ticket = world.desk.create_ticket(
        SYSTEM,
        team=world.support,
        subject="Urgent",
        priority="urgent",  # type: ignore[arg-type]
    )
    assert ticket.priority is Priority.URGENT
    assert ticket.priority.value == "urgent"


def test_team_settings_take_the_core_defaults() -> None:
    settings = TeamSettings()
    assert settings.auto_close_days == 7
    assert settings.assignment_method is AssignmentMethod.EQUAL_TICKETS
    changed = TeamSettings(auto_close=True, auto_close_days=3)
    assert (changed.auto_close, changed.auto_close_days, changed.refunds) == (True, 3, False)
    assert TeamSettings() == TeamSettings()


def test_settings_reach_the_core(world: World) -> None:
    patch = TeamSettingsPatch(auto_assignment=True, customer_can_close=True)
    team = world.desk.update_team(world.manager, world.support, settings=patch)
    assert team.settings == TeamSettings(auto_assignment=True, customer_can_close=True)
    assert team.visibility is Visibility.PORTAL
    # A patch changes what it names and keeps the rest.
    team = world.desk.update_team(
        world.manager, world.support, settings=TeamSettingsPatch(time_tracking=True)
    )
    assert (team.settings.auto_assignment, team.settings.time_tracking) == (True, True)


def test_defaults_of_create_operations_are_the_cores(world: World) -> None:
    team = world.desk.create_team(world.manager, company=world.acme, name="Defaults")
    assert team.visibility is Visibility.PORTAL
    assert team.description == ""
    assert team.members == []
    assert team.settings == TeamSettings()
    assert world.desk.list_tickets(SYSTEM).next_cursor is None


def test_actors() -> None:
    assert Actor.system() == Actor.system()
    assert Actor.user(3) == Actor.user(3) != Actor.user(4)
    assert len({Actor.user(3), Actor.user(3), Actor.system()}) == 2
    assert Actor.user(3).user_id == 3
    assert Actor.system().user_id is None
    assert Actor.system().is_system
    assert repr(Actor.user(3)) == "Actor.user(3)"


def test_ids_are_plain_ints(world: World) -> None:
    ticket = world.desk.submit_ticket(world.paula, team=world.support, subject="Hi")
    assert type(ticket.id) is int
    assert type(ticket.team) is int
    assert world.desk.ticket_followers(SYSTEM, ticket.id) == [world.paula_partner]


def test_a_sqlite_desk_persists(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    company = Helpdesk.open(path).create_company(SYSTEM, name="Acme")
    assert Helpdesk.open(str(path)).get_company(SYSTEM, company.id) == company


def test_a_file_that_is_not_a_store_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as caught:
        Helpdesk.open(path)
    assert caught.value.code in {"corrupt_store", "storage"}


def test_errors_from_the_core_pickle(world: World) -> None:
    with pytest.raises(helpdesk.NotFound) as caught:
        world.desk.get_ticket(SYSTEM, 404)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), copy.code, copy.fields) == (
        helpdesk.NotFound,
        "not_found",
        caught.value.fields,
    )
