"""The scalar rules at the boundary.

First the shared golden cases (tests/golden/scalars/cases.json, rules in its
README): each input is built as a Python user would build it, passed through
exactly the conversion a method's argument goes through (a test hook), and
must read as the Rust core reads it, or be refused as the core refuses it
(``InvalidInput`` naming the argument). Then the same rules seen through the
real methods: any aware datetime, whole-second durations, ids, whole numbers,
decimals and dates, each refusal naming its argument.
"""

from __future__ import annotations

import datetime
import decimal
import json
import sys
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

import pytest
import pytz
from conftest import START, SYSTEM, World
from hooks import native_hooks

import helpdesk
from helpdesk import (
    Actor,
    Closure,
    InvalidInput,
    ManualClock,
    Weekday,
    Within,
    WorkingCalendar,
    WorkingHours,
    _runtime,
)

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden" / "scalars" / "cases.json"
CASES: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
KINDS = ["decimal", "date", "instant", "duration_seconds", "id"]
# The hook that runs a kind's argument conversion and returns what the core read.
HOOKS = {
    "decimal": "read_decimal",
    "date": "read_date",
    "instant": "read_instant",
    "duration_seconds": "read_duration",
    "id": "read_id",
}
UTC = datetime.timezone.utc


def instant_of(text: str) -> datetime.datetime:
    """``datetime.fromisoformat``; before Python 3.11 it does not read ``Z``."""
    if sys.version_info < (3, 11) and text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text)


def build(kind: str, raw: Any) -> object:
    """The Python value a user would pass for a golden input (the README's
    table); raises when Python itself cannot build it."""
    if kind == "decimal":
        return str(raw)
    if kind == "date":
        return datetime.date.fromisoformat(raw)
    if kind == "instant":
        return instant_of(raw)
    if kind == "duration_seconds":
        return datetime.timedelta(seconds=float(raw))
    assert kind == "id", kind
    return raw  # as json parsed it: an int, or a float for 1.9


def golden_cases() -> list[Any]:
    return [
        pytest.param(kind, case, id=f"{kind}-{index}-{case['input']!r}")
        for kind in KINDS
        for index, case in enumerate(CASES[kind])
    ]


def test_there_are_scalar_golden_cases_of_every_kind() -> None:
    assert all(CASES[kind] for kind in KINDS)
    assert sum(len(CASES[kind]) for kind in KINDS) >= 40


@pytest.mark.parametrize(("kind", "case"), golden_cases())
def test_scalar_golden_case_reads_as_the_core_reads_it(kind: str, case: dict[str, Any]) -> None:
    read = getattr(native_hooks(), HOOKS[kind])
    try:
        value = build(kind, case["input"])
    except ValueError as cannot:
        # Python cannot build it (`date.fromisoformat("2026-02-30")`): its
        # users cannot pass it, which counts as refused.
        assert "error" in case, f"Python cannot build the accepted {case['input']!r}: {cannot}"
        return
    if "error" in case:
        with pytest.raises(InvalidInput) as refused:
            read(value)
        assert refused.value.code == case["error"]
        assert refused.value.fields["field"] == "value"
    else:
        assert read(value) == case["value"]


@pytest.mark.parametrize(
    "case", [case for case in CASES["decimal"] if "value" in case], ids=lambda c: c["input"]
)
def test_accepted_decimal_text_reads_the_same_as_a_decimal(case: dict[str, Any]) -> None:
    """``str(Decimal(text))`` may be scientific (``1E-13``): it still reads
    to the same value and scale."""
    assert native_hooks().read_decimal(decimal.Decimal(case["input"])) == case["value"]


def test_decimals_that_are_not_finite_numbers_are_invalid_input() -> None:
    read = native_hooks().read_decimal
    for value in [decimal.Decimal("NaN"), decimal.Decimal("-Infinity"), decimal.Decimal("1E+999")]:
        with pytest.raises(InvalidInput):
            read(value)


# ----- instants: any aware datetime, read as the UTC instant it is -----

BRUSSELS = ZoneInfo("Europe/Brussels")
# Monday 2 March 2026, 10:00 in Brussels (CET, UTC+1) is 09:00 UTC.
LOCAL_TEN = datetime.datetime(2026, 3, 2, 10, 0)
NINE_UTC = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AWARE: dict[str, datetime.datetime] = {
    "zoneinfo": LOCAL_TEN.replace(tzinfo=BRUSSELS),
    "pytz": pytz.timezone("Europe/Brussels").localize(LOCAL_TEN),
    "fixed offset": LOCAL_TEN.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
    "utc": NINE_UTC,
}
OFFICE = [
    WorkingHours(day, "08:00", "17:00")
    for day in (Weekday.MONDAY, "tuesday", "wednesday", "thursday", "friday")
]


def office() -> WorkingCalendar:
    return WorkingCalendar(time_zone="Europe/Brussels", hours=OFFICE)


@pytest.mark.parametrize("start", AWARE.values(), ids=AWARE.keys())
def test_any_aware_datetime_is_accepted_as_its_utc_instant(
    world: World, start: datetime.datetime
) -> None:
    hour = datetime.timedelta(hours=1)
    assert ManualClock(start).now() == NINE_UTC
    assert office().add_working_time(start, hour) == NINE_UTC + hour
    assert Closure.period(start, start + hour) == Closure.period(NINE_UTC, NINE_UTC + hour)
    desk = world.desk
    calendar = desk.create_calendar(
        SYSTEM, company=world.acme, name="Office", time_zone="Europe/Brussels", hours=OFFICE
    )
    assert desk.add_working_time(SYSTEM, calendar.id, start, hour) == NINE_UTC + hour
    user = world.alice.user_id
    assert user is not None
    leave = desk.create_leave(SYSTEM, user=user, from_=start, to=start + hour)
    assert (leave.from_, leave.to) == (NINE_UTC, NINE_UTC + hour)


def test_an_ambiguous_local_time_is_the_instant_its_fold_says() -> None:
    """25 October 2026, 02:30 happens twice in Brussels: fold 0 is CEST, fold 1 CET."""
    first = datetime.datetime(2026, 10, 25, 2, 30, tzinfo=BRUSSELS)
    second = first.replace(fold=1)
    assert native_hooks().read_instant(first) == "2026-10-25T00:30:00Z"
    assert native_hooks().read_instant(second) == "2026-10-25T01:30:00Z"
    assert ManualClock(second).now() == second.astimezone(UTC)


def test_a_fraction_of_a_second_is_kept_in_an_instant() -> None:
    start = datetime.datetime(2026, 3, 2, 9, 0, 0, 250_000, tzinfo=BRUSSELS)
    assert native_hooks().read_instant(start) == "2026-03-02T08:00:00.250Z"
    assert ManualClock(start).now() == start


NAIVE = datetime.datetime(2026, 3, 2, 9, 0)
Call = Callable[[World], object]
NAIVE_CALLS: dict[str, tuple[Call, str]] = {
    "ManualClock": (lambda w: ManualClock(NAIVE), "start"),
    "ManualClock.set": (lambda w: w.clock.set(NAIVE), "instant"),
    "WorkingCalendar.add_working_time": (
        lambda w: office().add_working_time(NAIVE, datetime.timedelta(hours=1)),
        "start",
    ),
    "Closure.period": (lambda w: Closure.period(START, NAIVE), "to"),
    "create_leave": (lambda w: w.desk.create_leave(SYSTEM, user=1, from_=NAIVE, to=START), "from_"),
    "sla_report": (lambda w: w.desk.sla_report(SYSTEM, company=w.acme, to=NAIVE), "to"),
}


@pytest.mark.parametrize("call_and_field", NAIVE_CALLS.values(), ids=NAIVE_CALLS.keys())
def test_a_naive_datetime_is_invalid_input_naming_the_argument(
    world: World, call_and_field: tuple[Call, str]
) -> None:
    call, field = call_and_field
    with pytest.raises(InvalidInput, match="naive datetime") as refused:
        call(world)
    assert refused.value.fields["field"] == field
    assert isinstance(refused.value, ValueError)


def test_an_instant_before_year_1_in_utc_is_invalid_input() -> None:
    tokyo_new_year_1 = datetime.datetime(1, 1, 1, 0, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    with pytest.raises(InvalidInput, match="outside the years 1 to 9999") as refused:
        ManualClock(tokyo_new_year_1)
    assert refused.value.fields["field"] == "start"


def test_a_date_for_an_instant_is_a_type_error_naming_the_argument() -> None:
    with pytest.raises(TypeError, match=r"argument 'start'.*datetime\.datetime"):
        ManualClock(datetime.date(2026, 3, 2))  # type: ignore[arg-type]


# ----- durations: whole seconds -----


def test_a_duration_with_a_fraction_of_a_second_is_refused_never_cut(world: World) -> None:
    calendar = world.desk.create_calendar(
        SYSTEM, company=world.acme, name="Office", time_zone="Europe/Brussels", hours=OFFICE
    )
    fraction = datetime.timedelta(seconds=0.72)
    with pytest.raises(InvalidInput, match="fraction of a second") as refused:
        world.desk.add_working_time(SYSTEM, calendar.id, NINE_UTC, fraction)
    assert refused.value.fields["field"] == "duration"
    with pytest.raises(InvalidInput) as refused:
        office().add_working_time(NINE_UTC, datetime.timedelta(hours=1, milliseconds=1))
    assert refused.value.fields["field"] == "duration"


def test_a_clock_moves_by_any_duration_to_the_microsecond(world: World) -> None:
    before = world.clock.now()
    world.clock.advance(datetime.timedelta(microseconds=1))
    assert world.clock.now() - before == datetime.timedelta(microseconds=1)


# ----- ids and other whole numbers -----

NOT_IDS = [True, False, 0, -1, 1.0, 1.5, 2**53, 2**70, -(2**70)]


@pytest.mark.parametrize("value", NOT_IDS, ids=repr)
def test_a_value_that_is_not_an_id_is_invalid_input_naming_the_argument(
    world: World, value: object
) -> None:
    before = world.desk.snapshot()
    with pytest.raises(InvalidInput, match="is not an id") as refused:
        world.desk.get_ticket(SYSTEM, value)  # type: ignore[arg-type]
    assert refused.value.code == "invalid_input"
    assert refused.value.fields["field"] == "ticket"
    with pytest.raises(InvalidInput) as refused:
        world.desk.set_team_members(SYSTEM, world.support, [value])  # type: ignore[list-item]
    assert refused.value.fields["field"] == "members"
    with pytest.raises(InvalidInput) as refused:
        Actor.user(value)  # type: ignore[arg-type]
    assert refused.value.fields["field"] == "user_id"
    with pytest.raises(InvalidInput) as refused:
        world.desk.create_ticket(SYSTEM, subject="x", team=value)  # type: ignore[arg-type]
    assert refused.value.fields["field"] == "team"
    assert world.desk.snapshot() == before


def test_an_id_of_another_type_is_a_type_error_naming_the_argument(world: World) -> None:
    with pytest.raises(TypeError, match="argument 'ticket': expected an int, got str"):
        world.desk.get_ticket(SYSTEM, "1")  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [-1, 2**32, True, 10.0], ids=repr)
def test_a_limit_out_of_range_is_invalid_input_naming_it(world: World, limit: int) -> None:
    with pytest.raises(InvalidInput, match="is not a whole number from 0 to 4294967295") as refused:
        world.desk.list_tickets(SYSTEM, limit=limit)
    assert refused.value.fields["field"] == "limit"
    with pytest.raises(InvalidInput) as refused:
        world.desk.pending_outbox(SYSTEM, limit)
    assert refused.value.fields["field"] == "limit"


def test_other_whole_numbers_name_their_argument(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        world.desk.create_sla_policy(
            SYSTEM, team=world.support, name="X", target_stage=1, within=Within(minutes=-1)
        )
    assert refused.value.fields["field"] == "minutes"
    with pytest.raises(InvalidInput) as refused:
        world.desk.update_credit_note_line(SYSTEM, 1, -1)
    assert refused.value.fields["field"] == "line"
    with pytest.raises(InvalidInput) as refused:
        helpdesk.Helpdesk.in_memory(seed=-1)
    assert refused.value.fields["field"] == "seed"


# ----- decimals and dates -----


def test_a_float_for_a_decimal_is_a_type_error_naming_the_argument(world: World) -> None:
    with pytest.raises(TypeError, match=r"argument 'percent':.*cannot hold money exactly"):
        world.desk.create_tax(SYSTEM, company=world.acme, name="VAT", percent=21.0)  # type: ignore[arg-type]


def test_decimal_text_the_core_refuses_is_invalid_input_naming_the_argument(
    world: World,
) -> None:
    refused_values: list[str | decimal.Decimal] = [
        " 21",
        "21,0",
        "NaN",
        decimal.Decimal("NaN"),
        "0." + "0" * 28 + "1",
    ]
    for percent in refused_values:
        with pytest.raises(InvalidInput) as refused:
            world.desk.create_tax(SYSTEM, company=world.acme, name="VAT", percent=percent)
        assert refused.value.fields["field"] == "percent", percent


def test_scientific_decimals_are_read_exactly(world: World) -> None:
    percent = decimal.Decimal("2E+1")
    assert str(percent) == "2E+1"  # how Python writes it
    tax = world.desk.create_tax(SYSTEM, company=world.acme, name="VAT", percent=percent)
    assert str(tax.percent) == "20"


def test_a_datetime_for_a_date_is_a_type_error_naming_the_argument() -> None:
    day = datetime.date(2026, 3, 2)
    with pytest.raises(TypeError, match=r"argument 'first':.*datetime\.date"):
        Closure.days(START, day)
    assert Closure.days(day, day).kind == "days"


# ----- the same cases through the operations' path -----

RUNTIME_KINDS = ["decimal", "date", "instant"]


@pytest.mark.parametrize(
    ("kind", "case"),
    [
        pytest.param(kind, case, id=f"{kind}-{index}-{case['input']!r}")
        for kind in RUNTIME_KINDS
        for index, case in enumerate(CASES[kind])
    ],
)
def test_scalar_golden_case_reads_alike_through_the_runtime(
    kind: str, case: dict[str, Any]
) -> None:
    """An operation's argument is encoded by ``helpdesk._runtime`` into the
    JSON text core's ``json_api::call`` reads: that text must read as the
    golden case says (core reads a decimal's text as the hook does; a date
    and an instant are sent as core writes them)."""
    try:
        value = build(kind, case["input"])
    except ValueError:
        return  # Python cannot build it: covered above
    encode = _runtime.encoder(kind)
    if kind == "decimal":
        # The text as given, and (accepted) as a Decimal: both reach core as text.
        read = native_hooks().read_decimal
        if "error" in case:
            with pytest.raises(InvalidInput):
                read(encode(value, "value"))
        else:
            assert read(encode(value, "value")) == case["value"]
            assert read(encode(decimal.Decimal(case["input"]), "value")) == case["value"]
        return
    if "error" in case:
        with pytest.raises(InvalidInput):
            encode(value, "value")
    else:
        assert encode(value, "value") == case["value"]
