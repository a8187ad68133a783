"""The enumerations of helpdesk, as ``str`` enums.

Each member's value is the core's stable snake_case name (the same string
as in helpdesk's JSON), so ``Priority.HIGH == "high"``. Operations accept a
member or its string value; records always return members. A test checks
these members against the Rust core's variants.
"""

from __future__ import annotations

import enum


class Priority(str, enum.Enum):
    """Ticket priority, lowest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class Visibility(str, enum.Enum):
    """Who can see a team's tickets (VIS-1)."""

    INVITED_INTERNAL = "invited_internal"
    """Private: only managers and invited (following) internal users."""
    INTERNAL = "internal"
    """Every internal user of the company."""
    PORTAL = "portal"
    """Internal users, plus portal users who follow the ticket or the team."""


class UserKind(str, enum.Enum):
    """Whether a user is an employee or a customer's portal login."""

    INTERNAL = "internal"
    PORTAL = "portal"


class HelpdeskRole(str, enum.Enum):
    """The helpdesk role of an internal user (portal users always have ``NONE``)."""

    NONE = "none"
    AGENT = "agent"
    MANAGER = "manager"


class AssignmentMethod(str, enum.Enum):
    """How a team with auto-assignment chooses the next agent."""

    EQUAL_TICKETS = "equal_tickets"
    EQUAL_OPEN_TICKETS = "equal_open_tickets"


class DocumentKind(str, enum.Enum):
    """The kind of document a ticket links to."""

    CREDIT_NOTE = "credit_note"
    COUPON = "coupon"
    RETURN = "return"
    REPAIR = "repair"
    FIELD_SERVICE_TASK = "field_service_task"
    SALE_ORDER_LINE = "sale_order_line"


class MessageKind(str, enum.Enum):
    """Public reply or internal note."""

    REPLY = "reply"
    NOTE = "note"


class OutboxKind(str, enum.Enum):
    """What the host must do with an outbox message."""

    EMAIL_TEMPLATE = "email_template"
    SMS_TEMPLATE = "sms_template"
    NOTIFICATION = "notification"


class TicketSort(str, enum.Enum):
    """The order of a ticket listing."""

    NEWEST = "newest"
    OLDEST = "oldest"
    PRIORITY = "priority"
    LAST_ACTIVITY = "last_activity"
    SLA_DEADLINE = "sla_deadline"
    """Earliest SLA deadline first (tickets without one last), then oldest."""


class SlaState(str, enum.Enum):
    """Where a ticket's SLA status stands now."""

    ONGOING = "ongoing"
    """Not reached; the deadline is unknown or ahead."""
    REACHED = "reached"
    """Reached before the deadline."""
    FAILED = "failed"
    """Reached at or after the deadline, or not reached and the deadline is past."""


class Weekday(str, enum.Enum):
    """A day of the week, for a calendar's working hours."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


__all__ = [
    "AssignmentMethod",
    "DocumentKind",
    "HelpdeskRole",
    "MessageKind",
    "OutboxKind",
    "Priority",
    "SlaState",
    "TicketSort",
    "UserKind",
    "Visibility",
    "Weekday",
]
