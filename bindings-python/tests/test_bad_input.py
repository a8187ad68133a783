"""Bad input from Python: a TypeError/ValueError or a HelpdeskError (an
InvalidInput is a ValueError too) — never a crash — and the store unchanged.
The scalar rules themselves (ids, instants, durations, decimals, dates,
whole numbers) have their own cases in test_scalars.py.

Decimals and calendar dates (refunds, coupons) have their own cases in
test_refunds_coupons.py; a float for a Decimal and a datetime for a date
are here too.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest
from conftest import START, SYSTEM, World

from helpdesk import (
    Actor,
    HelpdeskError,
    InvalidInput,
    ManualClock,
    NewTicket,
    NotFound,
    Priority,
    Reward,
    RewardKind,
    TeamSettings,
    UserKind,
    Within,
)

REJECTED = (TypeError, ValueError, HelpdeskError)

Call = Callable[[World], Any]

# Deliberately ill-typed calls: they silence mypy to reach the runtime checks.
BAD_CALLS: dict[str, Call] = {
    "actor is an int": lambda w: w.desk.get_ticket(1, 1),  # type: ignore[arg-type]
    "id is a str": lambda w: w.desk.get_ticket(SYSTEM, "1"),  # type: ignore[arg-type]
    "id is a float": lambda w: w.desk.get_team(SYSTEM, 1.5),  # type: ignore[arg-type]
    "id too large": lambda w: w.desk.get_ticket(SYSTEM, 2**70),
    "subject is an int": lambda w: w.desk.create_ticket(SYSTEM, subject=42),  # type: ignore[arg-type]
    "empty subject": lambda w: w.desk.create_ticket(SYSTEM, team=w.support, subject=""),
    "unknown keyword": lambda w: w.desk.create_ticket(SYSTEM, subject="x", colour="red"),  # type: ignore[call-arg]
    "missing keyword": lambda w: w.desk.submit_ticket(w.paula, team=w.support),  # type: ignore[call-arg]
    "unknown enum value": lambda w: w.desk.create_team(
        SYSTEM,
        company=w.acme,
        name="X",
        visibility="public",  # type: ignore[arg-type]
    ),
    "member of another enum": lambda w: w.desk.create_team(
        SYSTEM,
        company=w.acme,
        name="X",
        visibility=Priority.HIGH,  # type: ignore[arg-type]
    ),
    "enum given as int": lambda w: w.desk.create_user(
        SYSTEM,
        name="X",
        kind=0,  # type: ignore[arg-type]
        companies=[w.acme],
    ),
    "settings given as dict": lambda w: w.desk.create_team(
        SYSTEM,
        company=w.acme,
        name="X",
        settings={"auto_close": True},  # type: ignore[arg-type]
    ),
    "settings field of the wrong type": lambda w: w.desk.create_team(
        SYSTEM,
        company=w.acme,
        name="X",
        settings=TeamSettings(auto_close_days="7"),  # type: ignore[arg-type]
    ),
    "ids list holds a str": lambda w: w.desk.set_team_members(SYSTEM, w.support, ["1"]),  # type: ignore[list-item]
    "negative limit": lambda w: w.desk.pending_outbox(SYSTEM, -1),
    "unknown user acts": lambda w: w.desk.list_teams(Actor.user(999)),
    "portal user without partner": lambda w: w.desk.create_user(
        SYSTEM, name="X", kind=UserKind.PORTAL, companies=[w.acme]
    ),
    "list_tickets with a bad cursor": lambda w: w.desk.list_tickets(SYSTEM, cursor="garbage"),
    "path is not a path": lambda w: type(w.desk).open(42),  # type: ignore[arg-type]
    "naive datetime on the clock": lambda w: w.clock.set(datetime.datetime(2026, 3, 2, 9)),
    "str on the clock": lambda w: w.clock.set("2026-03-02T09:00:00Z"),  # type: ignore[arg-type]
    "int duration": lambda w: w.clock.advance(5),  # type: ignore[arg-type]
    "batch of dicts": lambda w: w.desk.create_tickets(SYSTEM, [{"subject": "x"}]),  # type: ignore[list-item]
    "batch with an empty subject": lambda w: w.desk.create_tickets(
        SYSTEM, [NewTicket(team=w.support, subject="ok"), NewTicket(team=w.support, subject="")]
    ),
    "within given as dict": lambda w: w.desk.create_sla_policy(
        SYSTEM,
        team=w.support,
        name="X",
        target_stage=1,
        within={"hours": 4},  # type: ignore[arg-type]
    ),
    # A record built in Python is plain data: core checks its whole numbers
    # when it is sent.
    "negative within": lambda w: w.desk.create_sla_policy(
        SYSTEM, team=w.support, name="X", target_stage=1, within=Within(hours=-1)
    ),
    "within of zero": lambda w: w.desk.create_sla_policy(
        SYSTEM, team=w.support, name="X", target_stage=1, within=Within()
    ),
    "naive datetime for a leave": lambda w: w.desk.create_leave(
        SYSTEM, user=1, from_=datetime.datetime(2026, 3, 2), to=START
    ),
    "leave keyword `from`": lambda w: w.desk.create_leave(
        SYSTEM,
        user=1,
        to=START,
        **{"from": START},  # type: ignore[arg-type]
    ),
    "leave ending when it starts": lambda w: w.desk.create_leave(
        SYSTEM, user=1, from_=START, to=START
    ),
    "sla_failed is a str": lambda w: w.desk.count_tickets(SYSTEM, sla_failed="yes"),  # type: ignore[arg-type]
    "float for a tax rate": lambda w: w.desk.create_tax(
        SYSTEM,
        company=w.acme,
        name="VAT",
        percent=21.0,  # type: ignore[arg-type]
    ),
    "text that is not a number for a tax rate": lambda w: w.desk.create_tax(
        SYSTEM, company=w.acme, name="VAT", percent="21%"
    ),
    "datetime for a date": lambda w: w.desk.create_coupon_program(
        SYSTEM,
        company=w.acme,
        name="X",
        currency="EUR",
        reward=Reward(kind=RewardKind.DISCOUNT, discount_percent=10),
        valid_until=START,
    ),
    "reward given as dict": lambda w: w.desk.create_coupon_program(
        SYSTEM,
        company=w.acme,
        name="X",
        currency="EUR",
        reward={"kind": "discount"},  # type: ignore[arg-type]
    ),
    "unknown currency": lambda w: w.desk.create_coupon_program(
        SYSTEM,
        company=w.acme,
        name="X",
        currency="euro",
        reward=Reward(kind=RewardKind.DISCOUNT, discount_percent=10),
    ),
    "negative credit note line": lambda w: w.desk.update_credit_note_line(SYSTEM, 1, -1),
    "report period is a date": lambda w: w.desk.sla_report(
        SYSTEM,
        company=w.acme,
        from_=datetime.date(2026, 3, 2),  # type: ignore[arg-type]
    ),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_bad_input_is_rejected_and_the_store_unchanged(world: World, call: Call) -> None:
    before = world.desk.snapshot()
    now = world.clock.now()
    with pytest.raises(REJECTED):
        call(world)
    assert world.desk.snapshot() == before
    assert world.clock.now() == now


def test_naive_datetimes_are_rejected_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"naive datetime.*timezone-aware"):
        ManualClock(datetime.datetime(2026, 3, 2, 9))


def test_unknown_enum_values_list_the_valid_ones(world: World) -> None:
    with pytest.raises(ValueError, match="invited_internal, internal, portal"):
        world.desk.create_team(SYSTEM, company=world.acme, name="X", visibility="public")  # type: ignore[arg-type]


def test_core_validation_errors_carry_code_and_field(world: World) -> None:
    with pytest.raises(InvalidInput) as caught:
        world.desk.create_ticket(SYSTEM, team=world.support, subject="  ")
    assert caught.value.code == "invalid_input"
    assert caught.value.fields["field"] == "subject"


def test_missing_records_are_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        world.desk.get_team(SYSTEM, 999)


def test_a_clock_overflow_is_invalid_input_and_the_clock_stays(world: World) -> None:
    before = world.clock.now()
    with pytest.raises(InvalidInput) as raised:
        world.clock.advance(datetime.timedelta.max)
    assert raised.value.code == "invalid_input"
    assert world.clock.now() == before
