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


class Tracking(str, enum.Enum):
    """How a product's units are told apart."""

    NONE = "none"
    LOT = "lot"
    SERIAL = "serial"


class JournalKind(str, enum.Enum):
    """What an accounting journal records (invoices need a ``SALE`` journal)."""

    SALE = "sale"
    PURCHASE = "purchase"
    BANK = "bank"
    CASH = "cash"
    GENERAL = "general"


class SaleOrderState(str, enum.Enum):
    """Where a sales order stands."""

    DRAFT = "draft"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"


class InvoiceKind(str, enum.Enum):
    """A customer invoice or a credit note (a refund)."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceState(str, enum.Enum):
    """Where an invoice or credit note stands."""

    DRAFT = "draft"
    POSTED = "posted"
    CANCELLED = "cancelled"


class PaymentState(str, enum.Enum):
    """Whether an invoice is paid."""

    NOT_PAID = "not_paid"
    PARTIAL = "partial"
    PAID = "paid"
    REVERSED = "reversed"
    """Settled by a credit note."""


class RewardKind(str, enum.Enum):
    """What a coupon program's reward gives."""

    DISCOUNT = "discount"
    """A percentage off (``Reward.discount_percent``)."""
    FIXED_AMOUNT = "fixed_amount"
    """A fixed amount off (``Reward.fixed_amount``)."""
    FREE_PRODUCT = "free_product"
    """A product for free (``Reward.free_product``)."""


class RewardScope(str, enum.Enum):
    """What a discount applies to."""

    ORDER = "order"
    CHEAPEST_LINE = "cheapest_line"
    """One unit of the cheapest line."""
    PRODUCTS = "products"
    """The lines of ``Reward.products``."""


class ServicePolicy(str, enum.Enum):
    """How a service product is invoiced."""

    PREPAID = "prepaid"
    """Invoice the ordered quantity; time logged is tracked against it."""
    TIMESHEETS = "timesheets"
    """Post-paid: invoice the time delivered."""
    MANUAL = "manual"
    """Delivered quantity entered by hand."""
    MILESTONES = "milestones"
    """Invoiced at milestones."""


class LocationKind(str, enum.Enum):
    """What a stock location is."""

    CUSTOMER = "customer"
    """Where customers' goods are (deliveries end there, returns start there)."""
    INTERNAL = "internal"
    """A warehouse's own stock (or its returns area)."""


class TransferKind(str, enum.Enum):
    """Which way a transfer goes."""

    DELIVERY = "delivery"
    RETURN = "return"


class TransferState(str, enum.Enum):
    """Where a transfer stands."""

    DRAFT = "draft"
    READY = "ready"
    DONE = "done"
    CANCELLED = "cancelled"


class RepairState(str, enum.Enum):
    """Where a repair stands: new, confirmed, under repair, repaired (or cancelled)."""

    NEW = "new"
    CONFIRMED = "confirmed"
    UNDER_REPAIR = "under_repair"
    REPAIRED = "repaired"
    CANCELLED = "cancelled"


class TaskStage(str, enum.Enum):
    """Where a field-service task stands."""

    NEW = "new"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


__all__ = [
    "AssignmentMethod",
    "DocumentKind",
    "HelpdeskRole",
    "InvoiceKind",
    "InvoiceState",
    "JournalKind",
    "LocationKind",
    "MessageKind",
    "OutboxKind",
    "PaymentState",
    "Priority",
    "RepairState",
    "RewardKind",
    "RewardScope",
    "SaleOrderState",
    "ServicePolicy",
    "SlaState",
    "TaskStage",
    "TicketSort",
    "Tracking",
    "TransferKind",
    "TransferState",
    "UserKind",
    "Visibility",
    "Weekday",
]
