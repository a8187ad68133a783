"""helpdesk: the rules of a customer-service desk, from Python.

The rules are written once in Rust (the ``helpdesk`` crate); this package
is a thin, typed binding over them: its enums, records and ``Helpdesk``
methods are generated from core's description of its API (``core/api.json``,
see ``_generated.py``), and every method runs through core's JSON dispatch.
Start with :class:`Helpdesk`::

    from datetime import datetime, timezone
    from helpdesk import Actor, Helpdesk, ManualClock

    desk = Helpdesk.in_memory(clock=ManualClock(datetime.now(timezone.utc)))
    acme = desk.create_company(Actor.system(), name="Acme")
"""

from __future__ import annotations

from helpdesk import _generated
from helpdesk._errors import (
    Conflict,
    Forbidden,
    HelpdeskError,
    InternalError,
    InvalidInput,
    InvalidState,
    InvalidType,
    NotFound,
    StorageError,
)
from helpdesk._generated import *  # noqa: F403 (the enums, the records, Helpdesk)
from helpdesk._helpdesk import (
    HORIZON_YEARS,
    Actor,
    Closure,
    DayTime,
    ManualClock,
    TimeByDay,
    WorkingCalendar,
    WorkingHours,
    WorkingInterval,
    operations,
    version,
)

__version__ = version()

__all__ = [
    "HORIZON_YEARS",
    "Actor",
    "Closure",
    "Conflict",
    "DayTime",
    "Forbidden",
    "HelpdeskError",
    "InternalError",
    "InvalidInput",
    "InvalidState",
    "InvalidType",
    "ManualClock",
    "NotFound",
    "StorageError",
    "TimeByDay",
    "WorkingCalendar",
    "WorkingHours",
    "WorkingInterval",
    "__version__",
    "operations",
    "version",
]
__all__ += _generated.__all__
# Show the public home of the Python-defined classes (``helpdesk.NotFound``,
# not ``helpdesk._errors.NotFound``) in reprs and tracebacks; pickle finds
# them there too. The native classes already say ``helpdesk``.
for _name in __all__:
    _obj = globals().get(_name)
    if isinstance(_obj, type) and _obj.__module__.startswith("helpdesk._"):
        _obj.__module__ = __name__
