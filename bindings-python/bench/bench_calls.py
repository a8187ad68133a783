"""Micro-benchmark: the per-call time of desk operations through the Python
binding, a cheap read (``get_ticket``) and a write (``create_ticket``), on an
in-memory desk with a manual clock.

It uses only what every version of the binding offers (the same calls
before and after the generated binding), so one command times either wheel:

    python bench/bench_calls.py

``make bench`` runs it on the release wheel; not part of ``make test``.
"""

from __future__ import annotations

import datetime
import platform
import sys
import timeit
from typing import Callable

import helpdesk
from helpdesk import Actor, Helpdesk, ManualClock, Priority

SYSTEM = Actor.system()
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)


def per_call(statement: Callable[[], object], number: int, repeat: int = 5) -> float:
    """The best of ``repeat`` runs, in microseconds per call."""
    runs = timeit.repeat(statement, number=number, repeat=repeat)
    return min(runs) / number * 1e6


def main() -> None:
    desk = Helpdesk.in_memory(clock=ManualClock(START))
    company = desk.create_company(SYSTEM, name="Acme").id
    team = desk.create_team(SYSTEM, company=company, name="Support").id
    ticket = desk.create_ticket(SYSTEM, team=team, subject="Printer").id

    def read() -> None:
        desk.get_ticket(SYSTEM, ticket)

    def write() -> None:
        desk.create_ticket(SYSTEM, team=team, subject="Printer", priority=Priority.HIGH)

    print(f"helpdesk {helpdesk.__version__}, Python {platform.python_version()}, {sys.platform}")
    print(f"get_ticket     {per_call(read, 20_000):8.2f} µs/call")
    print(f"create_ticket  {per_call(write, 2_000):8.2f} µs/call")


if __name__ == "__main__":
    main()
