"""Type stub of the native module ``helpdesk._helpdesk`` (built from Rust).

Only what is not a desk operation is native: ``Actor``, ``ManualClock``, the
standalone working calendar, and ``NativeDesk``, the handle under
``helpdesk.Helpdesk``, whose one ``invoke`` runs any operation through core's
JSON dispatch. The enums, the records and the ``Helpdesk`` methods are
generated from ``core/api.json`` (``helpdesk/_generated.py``). Import these
names from ``helpdesk``. A test (tests/test_stub.py) checks that this stub and
the built module declare the same names.

Values given to the native classes are read by the library's one reading of
scalar values: ids are ``int``; instants are timezone-aware
``datetime.datetime`` in any zone (a naive one is ``InvalidInput``); calendar
dates are ``datetime.date``; durations are ``datetime.timedelta``. A value the
rules refuse raises ``InvalidInput`` (a ``ValueError`` too) naming it in
``fields["field"]``; a value of the wrong Python type raises ``TypeError``.
"""

import datetime
import decimal
import os
from collections.abc import Sequence
from typing import final

from helpdesk._generated import CalendarSpec, SecondWeek, Weekday

def version() -> str:
    """The version of the helpdesk library."""

def operations() -> list[str]:
    """The names of every operation of the core façade; each is a method of ``Helpdesk``."""

def record_defaults(name: str) -> str:
    """Core's default values of the record ``name``, as its JSON text (for the
    generated constructors: a field left out takes core's default)."""

def parse_decimal_text(text: str) -> str:
    """Decimal text as core reads and writes it (``"1000"`` for ``"1E+3"``);
    ``InvalidInput`` on the field ``value`` if core refuses it."""

@final
class Actor:
    """Who performs an operation: the system (no access rule applies) or a user."""

    @staticmethod
    def system() -> Actor:
        """The host itself, bypassing every access rule (set-up, imports, jobs)."""
    @staticmethod
    def user(user_id: int) -> Actor:
        """The user with id ``user_id``, checked against every rule."""
    @property
    def user_id(self) -> int | None: ...
    @property
    def is_system(self) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ManualClock:
    """A clock that stands still until told to move; copies share the instant."""

    def __init__(self, start: datetime.datetime) -> None:
        """A clock showing ``start`` (an aware datetime, in any zone)."""
    def now(self) -> datetime.datetime:
        """The instant the clock shows, in UTC."""
    def set(self, instant: datetime.datetime) -> None:
        """Moves the clock to ``instant`` (an aware datetime; backwards too)."""
    def advance(self, by: datetime.timedelta) -> None:
        """Moves the clock forward by ``by`` (any duration; negative moves it back)."""

@final
class NativeDesk:
    """The desk handle under ``helpdesk.Helpdesk`` (use that class)."""

    @staticmethod
    def in_memory(
        *, clock: ManualClock | None = None, options_json: str | None = None
    ) -> NativeDesk:
        """A desk over a fresh in-memory store on ``clock``, set up by
        ``options_json``: one JSON object of core's ``DeskOptions`` (``seed``,
        ``limits``; ``None`` or a field left out: core's default), read by
        core's ``json_api::read``, so a bad option raises ``InvalidInput``
        naming its field."""
    @staticmethod
    def open(
        location: str | os.PathLike[str],
        *,
        clock: ManualClock | None = None,
        options_json: str | None = None,
    ) -> NativeDesk:
        """A desk over the store at ``location`` (a ``postgres://`` URL or a SQLite
        path); ``clock`` and ``options_json`` as for ``in_memory`` (the options
        are read before the store is opened)."""
    def close(self) -> None:
        """Closes the desk (core's ``Helpdesk::close``)."""
    def snapshot(self) -> str:
        """A canonical text dump of everything stored."""
    def invoke(self, op: str, actor: Actor, args_json: str) -> str:
        """Runs operation ``op`` as ``actor`` through core's ``json_api::call``:
        ``args_json`` is one JSON object of the arguments, the result is JSON."""

# ----- working calendars: the pure calendar engine, no desk needed -----

HORIZON_YEARS: int
"""How far ahead (in years) a calendar computation may look before it is an error."""

@final
class WorkingHours:
    """One interval of working hours on a weekday, in local time.

    ``start`` (inclusive) and ``end`` (exclusive) are ``"HH:MM"``/``"HH:MM:SS"``
    strings (``"00:00"`` to ``"24:00"``) or ``datetime.time``; a bad time raises
    ``InvalidInput``. Overnight shifts are two intervals.
    """

    def __init__(
        self, weekday: Weekday | str, start: str | datetime.time, end: str | datetime.time
    ) -> None: ...
    @property
    def weekday(self) -> Weekday: ...
    @property
    def start(self) -> str: ...
    @property
    def end(self) -> str: ...

@final
class Closure:
    """Time taken out of the weekly pattern (holidays, company closures, leaves)."""

    @staticmethod
    def days(first: datetime.date, last: datetime.date) -> Closure:
        """Whole local days, ``first`` to ``last`` inclusive."""
    @staticmethod
    def period(from_: datetime.datetime, to: datetime.datetime) -> Closure:
        """An exact period, ``from_`` (inclusive) to ``to`` (exclusive): aware, any zone."""
    @property
    def kind(self) -> str:
        """``"days"`` or ``"period"``."""

@final
class WorkingInterval:
    """A span of working time (CAL-10): ``start`` inclusive, ``end`` exclusive, UTC."""

    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...

@final
class DayTime:
    """One local day of a breakdown (CAL-9)."""

    @property
    def date(self) -> datetime.date:
        """The local date, in the calendar's zone."""
    @property
    def time(self) -> datetime.timedelta:
        """The time counted that day inside the period (working, or closed)."""
    @property
    def normal(self) -> datetime.timedelta:
        """The day's normal working time (its hours in the pattern, whole day)."""
    @property
    def days(self) -> decimal.Decimal:
        """``time`` as a fraction of ``normal``, to the nearest sixteenth of a day."""

@final
class TimeByDay:
    """A period broken down by local day (CAL-9); ``days`` and ``time`` are the totals."""

    @property
    def days(self) -> decimal.Decimal: ...
    @property
    def time(self) -> datetime.timedelta: ...
    @property
    def per_day(self) -> list[DayTime]: ...

@final
class WorkingCalendar:
    """A validated, compiled working calendar (CAL-1 … CAL-11); immutable, thread-safe.

    Raises ``InvalidInput`` for an unknown IANA zone, an interval that ends
    before it starts, overlapping intervals, or no working time (CAL-4).
    """

    def __init__(
        self,
        *,
        time_zone: str,
        hours: Sequence[WorkingHours],
        closures: Sequence[Closure] | None = None,
        second_week: SecondWeek | None = None,
    ) -> None: ...
    def add_working_time(
        self, start: datetime.datetime, duration: datetime.timedelta
    ) -> datetime.datetime:
        """The instant (UTC) at which ``duration`` of working time has elapsed after ``start``.

        Exact to the second; ``InvalidInput`` for a duration with a fraction of a
        second, a negative one, or one that cannot be met within ``HORIZON_YEARS``.
        """
    def working_time_between(
        self, a: datetime.datetime, b: datetime.datetime
    ) -> datetime.timedelta:
        """The working time inside ``[a, b)``; negative when ``b`` is before ``a``."""
    def is_working(self, instant: datetime.datetime) -> bool:
        """Whether ``instant`` is inside working time."""
    def add_working_days(self, start: datetime.datetime, days: int) -> datetime.datetime:
        """The end of the ``days``-th local day with working time after ``start`` (CAL-7).

        The start's own day counts while work remains in it; negative ``days`` plan
        backwards (the start of that day's work); zero returns ``start`` unchanged.
        """
    def subtract_working_time(
        self, end: datetime.datetime, duration: datetime.timedelta
    ) -> datetime.datetime:
        """The latest start from which ``duration`` of working time ends by ``end`` (CAL-8)."""
    def next_working_instant(self, instant: datetime.datetime) -> datetime.datetime:
        """``instant`` inside working time, else the next working interval's start (CAL-10)."""
    def previous_working_instant(self, instant: datetime.datetime) -> datetime.datetime:
        """``instant`` inside working time, else where the last work before it stopped."""
    def working_intervals(
        self, a: datetime.datetime, b: datetime.datetime
    ) -> list[WorkingInterval]:
        """The working intervals inside ``[a, b)``, touching ones merged (CAL-10)."""
    def working_time_by_day(self, a: datetime.datetime, b: datetime.datetime) -> TimeByDay:
        """The working time inside ``[a, b)`` per local day (CAL-9)."""
    def closed_time_by_day(self, a: datetime.datetime, b: datetime.datetime) -> TimeByDay:
        """The time closures take out of the normal hours in ``[a, b)``, per day (CAL-9)."""
    def in_time_zone(self, time_zone: str) -> WorkingCalendar:
        """The same calendar read in another IANA zone: a resource's own (CAL-11)."""
    @property
    def working_day(self) -> datetime.timedelta:
        """A working day: the week's working time over its days with working time."""
    @property
    def spec(self) -> CalendarSpec:
        """The spec the calendar was built from."""
    @property
    def time_zone(self) -> str: ...
    @property
    def hours(self) -> list[WorkingHours]: ...
    @property
    def closures(self) -> list[Closure]: ...
    @property
    def week_time(self) -> datetime.timedelta:
        """Working time in an ordinary week (no closure, no DST change)."""
