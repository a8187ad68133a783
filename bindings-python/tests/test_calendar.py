"""The calendar engine (helpdesk.WorkingCalendar): the golden calendar cases
(tests/golden/calendar/*.json) replayed from Python, and the Python surface."""

from __future__ import annotations

import datetime
import decimal
import json
from pathlib import Path
from typing import Any

import pytest

import helpdesk
from helpdesk import (
    Closure,
    InvalidInput,
    SecondWeek,
    TimeByDay,
    Weekday,
    WorkingCalendar,
    WorkingHours,
)

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden" / "calendar"
FILES = sorted(GOLDEN.glob("*.json"))
UTC = datetime.timezone.utc


def instant(text: str) -> datetime.datetime:
    """An RFC 3339 instant of the golden files ("...Z") as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def wire(value: datetime.datetime) -> str:
    """An instant as the golden files write it: RFC 3339, whole seconds, "Z"."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def closure(spec: dict[str, Any]) -> Closure:
    if spec["kind"] == "days":
        first = datetime.date.fromisoformat(spec["first"])
        return Closure.days(first, datetime.date.fromisoformat(spec["last"]))
    assert spec["kind"] == "period", spec
    return Closure.period(instant(spec["from"]), instant(spec["to"]))


def working_hours(hours: list[dict[str, str]]) -> list[WorkingHours]:
    return [WorkingHours(Weekday(h["weekday"]), h["start"], h["end"]) for h in hours]


def calendar(spec: dict[str, Any]) -> WorkingCalendar:
    """A golden calendar spec built through the binding's typed constructors."""
    second = spec.get("second_week")
    return WorkingCalendar(
        time_zone=spec["time_zone"],
        hours=working_hours(spec["hours"]),
        closures=[closure(c) for c in spec.get("closures", [])],
        second_week=None
        if second is None
        else SecondWeek(
            anchor=datetime.date.fromisoformat(second["anchor"]),
            hours=working_hours(second["hours"]),
        ),
    )


def seconds(duration: datetime.timedelta) -> int:
    """A whole-second duration as the golden files write it."""
    assert duration.microseconds == 0
    return duration.days * 86_400 + duration.seconds


def by_day(breakdown: TimeByDay) -> dict[str, Any]:
    """A breakdown as the core writes it (durations in seconds, decimals as text)."""
    return {
        "days": str(breakdown.days),
        "time": seconds(breakdown.time),
        "per_day": [
            {
                "date": day.date.isoformat(),
                "time": seconds(day.time),
                "normal": seconds(day.normal),
                "days": str(day.days),
            }
            for day in breakdown.per_day
        ],
    }


def cases() -> list[Any]:
    params = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for index, case in enumerate(data["cases"]):
            params.append(pytest.param(data, case, id=f"{path.stem}-{index}-{case['op']}"))
    return params


def outcome(data: dict[str, Any], case: dict[str, Any]) -> object:
    op = case["op"]
    if op == "new":
        calendar(case["spec"])
        return None
    cal = calendar(data["calendars"][case["calendar"]])
    if "time_zone" in case:
        cal = cal.in_time_zone(case["time_zone"])
    if op == "add_working_time":
        duration = datetime.timedelta(seconds=case["seconds"])
        return wire(cal.add_working_time(instant(case["start"]), duration))
    if op == "working_time_between":
        return seconds(cal.working_time_between(instant(case["a"]), instant(case["b"])))
    if op == "add_working_days":
        return wire(cal.add_working_days(instant(case["start"]), case["days"]))
    if op == "subtract_working_time":
        duration = datetime.timedelta(seconds=case["seconds"])
        return wire(cal.subtract_working_time(instant(case["end"]), duration))
    if op == "next_working_instant":
        return wire(cal.next_working_instant(instant(case["at"])))
    if op == "previous_working_instant":
        return wire(cal.previous_working_instant(instant(case["at"])))
    if op == "working_intervals":
        listed = cal.working_intervals(instant(case["a"]), instant(case["b"]))
        return [[wire(i.start), wire(i.end)] for i in listed]
    if op == "working_time_by_day":
        return by_day(cal.working_time_by_day(instant(case["a"]), instant(case["b"])))
    if op == "closed_time_by_day":
        return by_day(cal.closed_time_by_day(instant(case["a"]), instant(case["b"])))
    raise AssertionError(f"unknown calendar op {op}")


def test_golden_calendar_files_exist() -> None:
    assert FILES
    assert sum(len(json.loads(p.read_text())["cases"]) for p in FILES) >= 30


@pytest.mark.parametrize(("data", "case"), cases())
def test_golden_calendar_case(data: dict[str, Any], case: dict[str, Any]) -> None:
    if "expect_error" in case:
        with pytest.raises(helpdesk.HelpdeskError) as raised:
            outcome(data, case)
        assert raised.value.code == case["expect_error"], case
        return
    expected = case["expect"] if "expect" in case else case["expect_seconds"]
    assert outcome(data, case) == expected, case


# ----- the Python surface -----

BRUSSELS_OFFICE = [
    WorkingHours(day, start, end)
    for day in (Weekday.MONDAY, "tuesday", "wednesday", "thursday", "friday")
    for start, end in (("08:00", "12:00"), (datetime.time(13), "17:00"))
]


def office(closures: list[Closure] | None = None) -> WorkingCalendar:
    return WorkingCalendar(time_zone="Europe/Brussels", hours=BRUSSELS_OFFICE, closures=closures)


def test_add_working_time_returns_utc_and_accepts_any_zone() -> None:
    cal = office()
    cet = datetime.timezone(datetime.timedelta(hours=1))
    start = datetime.datetime(2026, 3, 2, 11, 30, tzinfo=cet)  # Monday 11:30 local
    end = cal.add_working_time(start, datetime.timedelta(hours=1))
    assert end == datetime.datetime(2026, 3, 2, 13, 30, tzinfo=cet)  # lunch skipped
    assert end.tzinfo == UTC
    assert cal.working_time_between(start, end) == datetime.timedelta(hours=1)
    assert cal.working_time_between(end, start) == -datetime.timedelta(hours=1)
    assert cal.week_time == datetime.timedelta(hours=40)


def test_closures_are_skipped() -> None:
    holiday = Closure.days(datetime.date(2026, 3, 3), datetime.date(2026, 3, 3))
    cal = office([holiday])
    monday_close = datetime.datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # 17:00 Brussels
    assert cal.add_working_time(monday_close, datetime.timedelta(hours=1)) == datetime.datetime(
        2026, 3, 4, 8, 0, tzinfo=UTC
    )
    assert cal.closures == [holiday]
    assert holiday.kind == "days"
    assert "2026-03-03" in repr(holiday)


def test_is_working() -> None:
    cal = office()
    assert cal.is_working(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert not cal.is_working(datetime.datetime(2026, 3, 2, 11, 30, tzinfo=UTC))


def test_working_hours_fields() -> None:
    hours = WorkingHours("monday", datetime.time(8, 0, 30), "24:00")
    assert hours.weekday is Weekday.MONDAY
    assert (hours.start, hours.end) == ("08:00:30", "24:00")
    assert hours == WorkingHours(Weekday.MONDAY, "08:00:30", "24:00")
    assert repr(hours) == "WorkingHours(weekday='monday', start='08:00:30', end='24:00')"


OVERLAPPING = [WorkingHours("monday", "08:00", "12:00"), WorkingHours("monday", "11:00", "13:00")]


@pytest.mark.parametrize(
    ("zone", "hours"),
    [
        ("Europe/Brussels", []),  # CAL-4: no working time
        ("Mars/Olympus", BRUSSELS_OFFICE),
        ("UTC", [WorkingHours("monday", "12:00", "08:00")]),
        ("UTC", OVERLAPPING),
    ],
)
def test_bad_spec_is_invalid_input(zone: str, hours: list[WorkingHours]) -> None:
    with pytest.raises(InvalidInput) as raised:
        WorkingCalendar(time_zone=zone, hours=hours)
    assert raised.value.code == "invalid_input"


def test_bad_closure_and_durations_are_invalid_input() -> None:
    day = datetime.date(2026, 3, 3)
    with pytest.raises(InvalidInput):
        office([Closure.days(day, day - datetime.timedelta(days=1))])
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        office([Closure.period(start, start)])
    with pytest.raises(InvalidInput):
        office().add_working_time(start, datetime.timedelta(seconds=-1))
    years = helpdesk.HORIZON_YEARS + 1
    with pytest.raises(InvalidInput):
        office().add_working_time(start, datetime.timedelta(days=366 * years))


@pytest.mark.parametrize("text", ["8", "08:60", "25:00", "24:01", "ab:cd", "08:00:00:00"])
def test_bad_time_strings_are_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput):
        WorkingHours("monday", text, "17:00")


def test_wrong_argument_types() -> None:
    with pytest.raises(ValueError, match=r"not a helpdesk\.Weekday"):
        WorkingHours("someday", "08:00", "17:00")
    with pytest.raises(TypeError):
        WorkingHours("monday", 8, "17:00")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        office().add_working_time(datetime.datetime(2026, 3, 2, 9), datetime.timedelta(hours=1))


# ----- calendars stored by the desk -----


def test_desk_calendars_share_the_engine_vocabulary() -> None:
    system = helpdesk.Actor.system()
    desk = helpdesk.Helpdesk.in_memory()
    acme = desk.create_company(system, name="Acme")
    stored = desk.create_calendar(
        system, company=acme.id, name="Office", time_zone="Europe/Brussels", hours=BRUSSELS_OFFICE
    )
    assert isinstance(stored, helpdesk.Calendar)
    assert (stored.company, stored.name) == (acme.id, "Office")
    assert stored.spec == office().spec
    assert stored.spec.hours == BRUSSELS_OFFICE and stored.spec.closures == []
    assert desk.get_calendar(system, stored.id) == stored
    assert desk.list_calendars(system, acme.id) == [stored]
    assert repr(stored).startswith(f"Calendar(id={stored.id}, company={acme.id}, name='Office'")

    start = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # Monday 08:00 Brussels
    five_hours = datetime.timedelta(hours=5)
    end = desk.add_working_time(system, stored.id, start, five_hours)
    assert end == office().add_working_time(start, five_hours)
    assert end.tzinfo == UTC
    assert desk.working_time_between(system, stored.id, start, end) == five_hours
    assert desk.working_time_between(system, stored.id, end, start) == -five_hours

    holiday = Closure.days(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    spec = helpdesk.CalendarSpec(
        time_zone="Europe/Brussels", hours=BRUSSELS_OFFICE, closures=[holiday]
    )
    changed = desk.update_calendar(system, stored.id, spec=spec)
    assert changed.spec == spec == office([holiday]).spec
    assert changed.name == "Office"
    assert desk.add_working_time(system, stored.id, start, five_hours) == end + datetime.timedelta(
        days=1
    )
    assert desk.update_calendar(system, stored.id, name="Hours").spec == spec
    with pytest.raises(InvalidInput):
        desk.update_calendar(
            system, stored.id, spec=helpdesk.CalendarSpec(time_zone="UTC", hours=[])
        )
    with pytest.raises(helpdesk.NotFound):
        desk.get_calendar(system, 9999)


def test_two_week_calendars_and_the_planning_surface() -> None:
    """CAL-6 … CAL-11 from Python: typed values in, typed values out."""
    cal = WorkingCalendar(
        time_zone="Europe/Brussels",
        hours=BRUSSELS_OFFICE,
        second_week=SecondWeek(anchor=datetime.date(2026, 3, 2), hours=BRUSSELS_OFFICE[:6]),
    )
    assert cal.spec.second_week == SecondWeek(
        anchor=datetime.date(2026, 3, 2), hours=BRUSSELS_OFFICE[:6]
    )
    assert cal.working_day == datetime.timedelta(hours=8)
    friday_week_2 = datetime.datetime(2026, 3, 13, 10, tzinfo=UTC)
    assert not cal.is_working(friday_week_2)
    assert cal.next_working_instant(friday_week_2) == datetime.datetime(2026, 3, 16, 7, tzinfo=UTC)
    monday = datetime.datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert cal.add_working_days(monday, 0) == monday
    assert cal.subtract_working_time(monday, datetime.timedelta(0)) == monday
    breakdown = cal.working_time_by_day(monday, monday + datetime.timedelta(days=1))
    # Monday from 10:00 (6 h of 8), Tuesday until 10:00 (2 h of 8).
    assert [day.days for day in breakdown.per_day] == [
        decimal.Decimal("0.75"),
        decimal.Decimal("0.25"),
    ]
    assert str(breakdown.days) == "1"
    assert breakdown.per_day[0].date == datetime.date(2026, 3, 2)
    assert [i.end for i in cal.working_intervals(monday, monday + datetime.timedelta(hours=2))] == [
        datetime.datetime(2026, 3, 2, 11, tzinfo=UTC)
    ]
    with pytest.raises(TypeError):
        WorkingCalendar(time_zone="UTC", hours=BRUSSELS_OFFICE, second_week="weekly")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        cal.in_time_zone("Mars/Olympus")
    with pytest.raises(InvalidInput):
        cal.subtract_working_time(monday, datetime.timedelta(seconds=-1))
