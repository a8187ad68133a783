"""helpdesk: the rules of a customer-service desk, from Python.

The rules are written once in Rust (the ``helpdesk`` crate); this package
is a thin, typed binding over them. Start with :class:`Helpdesk`::

    from datetime import datetime, timezone
    from helpdesk import Actor, Helpdesk, ManualClock

    desk = Helpdesk.in_memory(clock=ManualClock(datetime.now(timezone.utc)))
    acme = desk.create_company(Actor.system(), name="Acme")
"""

from __future__ import annotations

from helpdesk._enums import (
    AssignmentMethod,
    DocumentKind,
    HelpdeskRole,
    MessageKind,
    OutboxKind,
    Priority,
    SlaState,
    TicketSort,
    UserKind,
    Visibility,
    Weekday,
)
from helpdesk._errors import (
    Conflict,
    Forbidden,
    HelpdeskError,
    InternalError,
    InvalidInput,
    InvalidState,
    NotFound,
    StorageError,
)
from helpdesk._helpdesk import (
    HORIZON_YEARS,
    Actor,
    Calendar,
    CalendarSpec,
    Closure,
    Company,
    DocumentRef,
    Helpdesk,
    Leave,
    ManualClock,
    Message,
    NewTicket,
    OutboxMessage,
    Partner,
    SlaFigures,
    SlaPolicy,
    SlaPolicyFigures,
    SlaReport,
    SlaStatusView,
    Stage,
    StageChange,
    Tag,
    Team,
    TeamSettings,
    Ticket,
    TicketPage,
    TicketType,
    User,
    Within,
    WorkingCalendar,
    WorkingHours,
    operations,
    version,
)

__version__ = version()

__all__ = [
    "HORIZON_YEARS",
    "Actor",
    "AssignmentMethod",
    "Calendar",
    "CalendarSpec",
    "Closure",
    "Company",
    "Conflict",
    "DocumentKind",
    "DocumentRef",
    "Forbidden",
    "Helpdesk",
    "HelpdeskError",
    "HelpdeskRole",
    "InternalError",
    "InvalidInput",
    "InvalidState",
    "Leave",
    "ManualClock",
    "Message",
    "MessageKind",
    "NewTicket",
    "NotFound",
    "OutboxKind",
    "OutboxMessage",
    "Partner",
    "Priority",
    "SlaFigures",
    "SlaPolicy",
    "SlaPolicyFigures",
    "SlaReport",
    "SlaState",
    "SlaStatusView",
    "Stage",
    "StageChange",
    "StorageError",
    "Tag",
    "Team",
    "TeamSettings",
    "Ticket",
    "TicketPage",
    "TicketSort",
    "TicketType",
    "User",
    "UserKind",
    "Visibility",
    "Weekday",
    "Within",
    "WorkingCalendar",
    "WorkingHours",
    "__version__",
    "operations",
    "version",
]

# Show the public home of the Python-defined classes (``helpdesk.NotFound``,
# not ``helpdesk._errors.NotFound``) in reprs and tracebacks; pickle finds
# them there too. The native classes already say ``helpdesk``.
for _name in __all__:
    _obj = globals().get(_name)
    if isinstance(_obj, type) and _obj.__module__.startswith("helpdesk._"):
        _obj.__module__ = __name__
