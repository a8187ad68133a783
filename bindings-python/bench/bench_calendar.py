"""Micro-benchmark: one ``WorkingCalendar.add_working_time`` call through the
Python binding, on the calendar of the Rust criterion bench
(core/benches/calendar.rs), next to workclock and pandas' CustomBusinessHour
on the same calendar and durations.

Calendar: Monday to Friday 08:00-12:00 and 13:00-17:00, Europe/Brussels, ten
public holidays a year 2026-2028. Start: Monday 2026-03-02 10:30 UTC.
Durations: 4 h, 40 h, 400 h, 4000 h. Each library's end instant is checked
against helpdesk's before it is timed (a mismatch is reported, not hidden).

Run with ``make bench`` (release wheel, bench-only dependency group); not part
of ``make test``.
"""

from __future__ import annotations

import datetime
import platform
import sys
import timeit
from typing import Any, Callable

import helpdesk
from helpdesk import Closure, WorkingCalendar, WorkingHours

UTC = datetime.timezone.utc
ZONE = "Europe/Brussels"
START = datetime.datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
HOURS = (4, 40, 400, 4000)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
INTERVALS = (("08:00", "12:00"), ("13:00", "17:00"))
HOLIDAYS = [
    datetime.date(year, month, day)
    for year in (2026, 2027, 2028)
    for month, day in (
        (1, 1),
        (4, 6),
        (5, 1),
        (5, 14),
        (5, 25),
        (7, 21),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    )
]

Add = Callable[[int], datetime.datetime]


def helpdesk_add() -> Add:
    calendar = WorkingCalendar(
        time_zone=ZONE,
        hours=[WorkingHours(day, start, end) for day in DAYS for start, end in INTERVALS],
        closures=[Closure.days(day, day) for day in HOLIDAYS],
    )
    return lambda hours: calendar.add_working_time(START, datetime.timedelta(hours=hours))


def workclock_add() -> Add | str:
    try:
        import workclock
    except ImportError as err:
        return f"not installed ({err}); run `make bench`"
    schedule = workclock.Schedule(
        [
            workclock.WorkDay(datetime.time(8), datetime.time(17)),  # days: Monday-Friday
            workclock.Break(datetime.time(12), datetime.time(13)),
            workclock.Holidays(HOLIDAYS),
        ],
        time_zone=ZONE,
    )
    return lambda hours: schedule.add(START, datetime.timedelta(hours=hours))


def pandas_add() -> Add | str:
    try:
        import pandas as pd
    except ImportError as err:
        return f"not installed ({err}); run `make bench`"
    start = pd.Timestamp(START).tz_convert(ZONE)  # business hours are local wall time
    offsets: dict[int, Any] = {
        hours: pd.offsets.CustomBusinessHour(
            n=hours,
            start=[s for s, _ in INTERVALS],
            end=[e for _, e in INTERVALS],
            weekmask="Mon Tue Wed Thu Fri",
            holidays=HOLIDAYS,
        )
        for hours in HOURS
    }
    return lambda hours: (start + offsets[hours]).to_pydatetime()


def per_call_us(add: Add, hours: int) -> float:
    """The best of 5 repeats, in microseconds per call."""
    timer = timeit.Timer(lambda: add(hours))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def main() -> int:
    print(
        f"add_working_time per call, {ZONE}, Mon-Fri 08-12 + 13-17, "
        f"{len(HOLIDAYS)} holidays 2026-2028, start {START.isoformat()}"
    )
    python = f"Python {platform.python_version()} on {platform.machine()}"
    print(f"{python}, helpdesk {helpdesk.version()}")
    reference = helpdesk_add()
    expected = {hours: reference(hours) for hours in HOURS}
    contenders: dict[str, Add | str] = {
        "helpdesk (binding)": reference,
        "workclock": workclock_add(),
        "pandas CustomBusinessHour": pandas_add(),
    }
    print(f"{'library':<28}" + "".join(f"{f'{h} h':>14}" for h in HOURS))
    notes: list[str] = []
    for name, add in contenders.items():
        if isinstance(add, str):
            print(f"{name:<28}{'-':>14}  {add}")
            continue
        cells = []
        for hours in HOURS:
            got = add(hours)
            mark = ""
            if got != expected[hours]:
                mark = "*"
                notes.append(
                    f"* {name}, {hours} h: ends {got.astimezone(UTC).isoformat()}, "
                    f"helpdesk {expected[hours].isoformat()}"
                )
            cells.append(f"{per_call_us(add, hours):>12.2f}{mark:1} ")
        print(f"{name:<28}" + "".join(cells))
    print("(µs per call, best of 5 timeit repeats)")
    for hours in HOURS:
        print(f"helpdesk {hours} h ends {expected[hours].isoformat()}")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
