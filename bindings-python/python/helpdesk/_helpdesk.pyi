"""Type stub of the native module ``helpdesk._helpdesk`` (built from Rust).

Import these names from ``helpdesk``. A test (tests/test_stub.py) checks
that this stub and the built module declare the same names.

Conventions. Arguments are read by the library's one reading of scalar
values, the same in every language it is bound to; a value it refuses raises
``InvalidInput`` (a ``ValueError`` too) whose ``fields["field"]`` names the
argument, and a value of the wrong Python type raises ``TypeError`` naming
it, before anything is written:

- ids are plain ``int``: a whole number from 1 to 2**53 - 1 (the largest
  integer every language holds exactly); ``0``, negatives, larger numbers,
  ``True``/``False`` and floats (even ``3.0``) are ``InvalidInput``. Other
  whole numbers (limits, counts, indexes) must fit their range, e.g.
  ``list_tickets(limit=-1)`` is ``InvalidInput`` naming ``limit``.
- instants are timezone-aware ``datetime.datetime`` in any zone (a fixed
  offset, ``zoneinfo.ZoneInfo``, pytz, dateutil): read as the UTC instant
  they are, any fraction of a second kept, years 1 to 9999 in UTC. A naive
  datetime is ``InvalidInput`` (helpdesk cannot guess its zone). Results are
  aware datetimes in UTC.
- durations are ``datetime.timedelta`` of whole seconds: working time is
  counted to the second, so a fraction of a second is ``InvalidInput``,
  never cut.
- calendar dates are ``datetime.date`` (a ``datetime.datetime`` is a
  ``TypeError``: pass its ``.date()``).
- money, quantities and rates are ``decimal.Decimal`` in results, with the
  library's scale. Arguments take a ``Decimal``, an ``int`` or a ``str``,
  read as the text ``[+-]digits[.digits][(e|E)[+-]digits]`` (so
  ``str(Decimal("1E+3"))`` is 1000), held exactly: at most 28 digits after
  the point and below 2**96; a value that would need rounding, ``"NaN"``,
  ``"Infinity"`` or text with spaces is ``InvalidInput``, never rounded. A
  ``float`` is a ``TypeError``: a binary float cannot hold money exactly.
- enums are the ``str`` enums of ``helpdesk`` (their string values are
  accepted too).

For an argument typed ``X | None = None`` that is a field of a core input
record, ``None`` means "left out": the core's default applies (on
``update_*`` operations: the value is unchanged).
"""

import datetime
import decimal
import os
import types
from collections.abc import Sequence
from typing import Any, ClassVar, final

from helpdesk._enums import (
    AssignmentMethod,
    DocumentKind,
    HelpdeskRole,
    InvoiceKind,
    InvoiceState,
    JournalKind,
    LocationKind,
    MessageKind,
    OutboxKind,
    PaymentState,
    Priority,
    RepairState,
    RewardKind,
    RewardScope,
    SaleOrderState,
    ServicePolicy,
    SlaState,
    TaskStage,
    TicketSort,
    Tracking,
    TransferKind,
    TransferState,
    UserKind,
    Visibility,
    Weekday,
)

def version() -> str:
    """The version of the helpdesk library."""

def operations() -> list[str]:
    """The names of every operation of the core façade; each is a method of ``Helpdesk``."""

# ----- records: read-only, compared by value -----

@final
class Company:
    """A company: teams, tickets and documents belong to exactly one."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def upsell_threshold(self) -> decimal.Decimal:
        """Upsell alerts go out past this percentage of a prepaid line's ordered quantity."""

@final
class Partner:
    """A contact: a customer, a person at a customer, or a user's own contact."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int | None:
        """The company the contact is restricted to; ``None`` = shared by all."""
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def parent(self) -> int | None: ...
    @property
    def commercial_partner(self) -> int:
        """The top of the parent chain: "same customer" means same commercial partner."""
    @property
    def address(self) -> str | None:
        """Postal address (where field service goes)."""

@final
class User:
    """Someone who acts on the desk: an employee or a customer's portal login."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str | None: ...
    @property
    def partner(self) -> int:
        """The user's own contact (followers are partners)."""
    @property
    def kind(self) -> UserKind: ...
    @property
    def role(self) -> HelpdeskRole: ...
    @property
    def companies(self) -> list[int]: ...
    @property
    def active(self) -> bool: ...
    @property
    def calendar(self) -> int | None:
        """The user's own working calendar (``None``: the team's, or any time without one)."""

@final
class TeamSettings:
    """A team's switches and parameters; arguments left out take the core's defaults."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        auto_assignment: bool | None = None,
        assignment_method: AssignmentMethod | None = None,
        calendar: int | None = None,
        use_sla: bool | None = None,
        refunds: bool | None = None,
        coupons: bool | None = None,
        returns: bool | None = None,
        repairs: bool | None = None,
        field_service: bool | None = None,
        field_service_project: int | None = None,
        auto_close: bool | None = None,
        auto_close_days: int | None = None,
        auto_close_from_stages: list[int] | None = None,
        closing_stage: int | None = None,
        customer_can_close: bool | None = None,
        time_tracking: bool | None = None,
        time_billing: bool | None = None,
        ratings: bool | None = None,
        public_ratings: bool | None = None,
    ) -> None: ...
    @property
    def auto_assignment(self) -> bool: ...
    @property
    def assignment_method(self) -> AssignmentMethod: ...
    @property
    def calendar(self) -> int | None: ...
    @property
    def use_sla(self) -> bool: ...
    @property
    def refunds(self) -> bool: ...
    @property
    def coupons(self) -> bool: ...
    @property
    def returns(self) -> bool: ...
    @property
    def repairs(self) -> bool: ...
    @property
    def field_service(self) -> bool: ...
    @property
    def field_service_project(self) -> int | None: ...
    @property
    def auto_close(self) -> bool: ...
    @property
    def auto_close_days(self) -> int: ...
    @property
    def auto_close_from_stages(self) -> list[int]: ...
    @property
    def closing_stage(self) -> int | None: ...
    @property
    def customer_can_close(self) -> bool: ...
    @property
    def time_tracking(self) -> bool: ...
    @property
    def time_billing(self) -> bool: ...
    @property
    def ratings(self) -> bool: ...
    @property
    def public_ratings(self) -> bool: ...

@final
class Team:
    """A helpdesk team."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def visibility(self) -> Visibility: ...
    @property
    def members(self) -> list[int]:
        """Members, in assignment order (empty = every agent of the company)."""
    @property
    def settings(self) -> TeamSettings: ...
    @property
    def active(self) -> bool: ...

@final
class Stage:
    """A step of the ticket pipeline; a folded stage means *closed*."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def folded(self) -> bool: ...
    @property
    def teams(self) -> list[int]: ...
    @property
    def email_template(self) -> str | None: ...
    @property
    def sms_template(self) -> str | None: ...

@final
class Tag:
    """A label on tickets."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...

@final
class TicketType:
    """A kind of ticket (question, issue, ...)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...

@final
class DocumentRef:
    """A link from a ticket to a document made from it."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def kind(self) -> DocumentKind: ...
    @property
    def id(self) -> int: ...

@final
class Ticket:
    """A customer request."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def reference(self) -> str:
        """Display reference, ``#<number>``."""
    @property
    def subject(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def team(self) -> int | None: ...
    @property
    def stage(self) -> int: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def ticket_type(self) -> int | None: ...
    @property
    def tags(self) -> list[int]: ...
    @property
    def customer(self) -> int | None: ...
    @property
    def assignee(self) -> int | None: ...
    @property
    def product(self) -> int | None: ...
    @property
    def lot(self) -> str | None: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def assigned_at(self) -> datetime.datetime | None: ...
    @property
    def closed_at(self) -> datetime.datetime | None:
        """When it entered a folded stage (``None`` while open)."""
    @property
    def last_stage_change_at(self) -> datetime.datetime: ...
    @property
    def last_activity_at(self) -> datetime.datetime: ...
    @property
    def active(self) -> bool:
        """``False`` = archived."""
    @property
    def closed_by_customer(self) -> bool: ...
    @property
    def documents(self) -> list[DocumentRef]: ...
    @property
    def sla_deadline(self) -> datetime.datetime | None:
        """The earliest deadline among its unreached SLA statuses (hidden from portal users)."""
    @property
    def sla_reached_late(self) -> bool:
        """An SLA status was reached after its deadline (hidden from portal users)."""
    @property
    def sale_line(self) -> OrderLineRef | None:
        """The order line its time is charged to."""

@final
class NewTicket:
    """A ticket to create with ``Helpdesk.create_tickets``: the arguments of ``create_ticket``.

    Arguments left out take the core's defaults.
    """
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        subject: str,
        team: int | None = None,
        company: int | None = None,
        description: str | None = None,
        priority: Priority | None = None,
        ticket_type: int | None = None,
        tags: list[int] | None = None,
        customer: int | None = None,
        assignee: int | None = None,
        product: int | None = None,
        lot: str | None = None,
        cc: list[int] | None = None,
    ) -> None: ...
    @property
    def subject(self) -> str: ...
    @property
    def team(self) -> int | None: ...
    @property
    def company(self) -> int | None: ...
    @property
    def description(self) -> str: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def ticket_type(self) -> int | None: ...
    @property
    def tags(self) -> list[int]: ...
    @property
    def customer(self) -> int | None: ...
    @property
    def assignee(self) -> int | None: ...
    @property
    def product(self) -> int | None: ...
    @property
    def lot(self) -> str | None: ...
    @property
    def cc(self) -> list[int]: ...

@final
class Message:
    """A message in a ticket's chatter: a public reply or an internal note."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def ticket(self) -> int: ...
    @property
    def kind(self) -> MessageKind: ...
    @property
    def author(self) -> int | None: ...
    @property
    def author_partner(self) -> int | None: ...
    @property
    def body(self) -> str: ...
    @property
    def at(self) -> datetime.datetime: ...

@final
class StageChange:
    """One entry of a ticket's stage history: the ticket entered ``stage`` at ``at``."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def ticket(self) -> int: ...
    @property
    def stage(self) -> int: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def by(self) -> int | None: ...

@final
class OutboxMessage:
    """A message the host must send (e-mail, SMS, notification); acknowledge it once sent."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def kind(self) -> OutboxKind: ...
    @property
    def recipients(self) -> list[int]:
        """Partner ids."""
    @property
    def template(self) -> str | None: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def ticket(self) -> int | None: ...
    @property
    def created_at(self) -> datetime.datetime: ...

@final
class TicketPage:
    """A page of tickets; pass ``next_cursor`` back as ``cursor`` for the next page."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def tickets(self) -> list[Ticket]: ...
    @property
    def next_cursor(self) -> str | None: ...

@final
class CalendarSpec:
    """What a stored calendar is: weekly hours in an IANA time zone, minus closures.

    Plain data, built like ``WorkingCalendar`` (keyword arguments); it is checked
    (CAL-4) when the desk stores it (``update_calendar(spec=...)``) or when a
    ``WorkingCalendar`` is built from it.
    """
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        time_zone: str,
        hours: Sequence[WorkingHours],
        closures: Sequence[Closure] | None = None,
    ) -> None: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def hours(self) -> list[WorkingHours]: ...
    @property
    def closures(self) -> list[Closure]: ...

@final
class Calendar:
    """A named working calendar of a company, stored by the desk."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def spec(self) -> CalendarSpec: ...

@final
class Leave:
    """A period a user does not work: from ``from_`` (inclusive) to ``to`` (exclusive)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def user(self) -> int: ...
    @property
    def from_(self) -> datetime.datetime:
        """First instant away (``from`` in the core and its JSON)."""
    @property
    def to(self) -> datetime.datetime:
        """First instant back."""
    @property
    def reason(self) -> str: ...

@final
class Within:
    """The working time an SLA policy allows; arguments left out are 0.

    ``days`` count as the team calendar's hours per day (24 h without a calendar).
    """
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self, *, days: int | None = None, hours: int | None = None, minutes: int | None = None
    ) -> None: ...
    @property
    def days(self) -> int: ...
    @property
    def hours(self) -> int: ...
    @property
    def minutes(self) -> int: ...

@final
class SlaPolicy:
    """A team's service-level agreement: matching tickets must reach ``target_stage`` ``within``."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def team(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str:
        """Internal description (never shown to portal users)."""
    @property
    def priority(self) -> Priority:
        """The priority a ticket must have."""
    @property
    def tags(self) -> list[int]:
        """Empty, or the ticket must have one of these tags."""
    @property
    def customers(self) -> list[int]:
        """Empty, or the ticket's customer, its parent or a child must be one of these."""
    @property
    def ticket_types(self) -> list[int]:
        """Empty, or the ticket's type must be one of these."""
    @property
    def target_stage(self) -> int: ...
    @property
    def excluded_stages(self) -> list[int]:
        """Stages that stop the clock."""
    @property
    def within(self) -> Within: ...
    @property
    def active(self) -> bool:
        """``False`` = archived: no longer applies."""

@final
class SlaStatusView:
    """One SLA status of a ticket as it stands now."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def policy(self) -> int: ...
    @property
    def policy_name(self) -> str: ...
    @property
    def target_stage(self) -> int: ...
    @property
    def deadline(self) -> datetime.datetime | None:
        """``None`` while the clock is stopped."""
    @property
    def reached_at(self) -> datetime.datetime | None: ...
    @property
    def state(self) -> SlaState: ...
    @property
    def exceeded_seconds(self) -> int | None:
        """Signed working time from the deadline to reached-or-now (positive = late)."""

@final
class SlaFigures:
    """The figures of a set of SLA statuses."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def tickets(self) -> int:
        """Tickets with at least one status."""
    @property
    def failed(self) -> int:
        """Tickets with at least one failed status."""
    @property
    def success_rate(self) -> decimal.Decimal | None:
        """Percent, two decimals (``Decimal("50.00")``); ``None`` without tickets."""
    @property
    def average_exceeded_seconds(self) -> int | None: ...
    @property
    def worst_exceeded_seconds(self) -> int | None: ...

@final
class SlaPolicyFigures:
    """The figures of one policy in an SLA report."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def policy(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def figures(self) -> SlaFigures: ...

@final
class SlaReport:
    """The SLA report: figures in total and per policy (by increasing id)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def total(self) -> SlaFigures: ...
    @property
    def by_policy(self) -> list[SlaPolicyFigures]: ...

# ----- commerce, refunds and coupons -----

@final
class Currency:
    """A currency: an ISO 4217 code and the decimal places its amounts are rounded to."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def code(self) -> str:
        """Three upper-case letters, e.g. ``"EUR"``."""
    @property
    def decimals(self) -> int:
        """Decimal places (EUR 2, JPY 0, KWD 3, or as ``define_currency`` set it)."""

@final
class Product:
    """Something sold: goods or a service."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def tracking(self) -> Tracking: ...
    @property
    def sale_price(self) -> decimal.Decimal: ...
    @property
    def taxes(self) -> list[int]:
        """Default customer tax ids."""
    @property
    def unit(self) -> int | None:
        """The unit it is sold in (``None``: units)."""
    @property
    def service_policy(self) -> ServicePolicy | None:
        """For a service: how it is invoiced."""

@final
class Tax:
    """A sales tax."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def percent(self) -> decimal.Decimal:
        """The rate in percent, e.g. ``Decimal("21")``."""
    @property
    def price_included(self) -> bool: ...

@final
class Journal:
    """An accounting journal; ``code`` prefixes its numbers (``INV/2026/00001``)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> JournalKind: ...

@final
class SaleOrderLine:
    """A line of a sales order (input of ``create_sale_order`` too)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        product: int,
        quantity: decimal.Decimal | int | str,
        unit_price: decimal.Decimal | int | str,
        unit: int | None = None,
    ) -> None: ...
    @property
    def product(self) -> int: ...
    @property
    def quantity(self) -> decimal.Decimal: ...
    @property
    def unit_price(self) -> decimal.Decimal: ...
    @property
    def unit(self) -> int | None:
        """The unit of ``quantity`` (``None``: the product's)."""

@final
class SaleOrder:
    """A sales order."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def reference(self) -> str:
        """Its number, e.g. ``"S00001"``."""
    @property
    def customer(self) -> int: ...
    @property
    def commercial_partner(self) -> int: ...
    @property
    def currency(self) -> Currency: ...
    @property
    def state(self) -> SaleOrderState: ...
    @property
    def lines(self) -> list[SaleOrderLine]: ...
    @property
    def confirmed_at(self) -> datetime.datetime | None: ...
    @property
    def salesperson(self) -> int | None:
        """Who sold it (upsell alerts go to them)."""
    @property
    def upsell_alerted(self) -> list[int]:
        """The lines whose upsell alert was raised (once per line)."""

@final
class InvoiceLine:
    """A line of an invoice or credit note, amounts rounded per the currency."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def product(self) -> int | None: ...
    @property
    def label(self) -> str: ...
    @property
    def quantity(self) -> decimal.Decimal: ...
    @property
    def unit_price(self) -> decimal.Decimal: ...
    @property
    def taxes(self) -> list[int]: ...
    @property
    def subtotal(self) -> decimal.Decimal:
        """Amount without taxes."""
    @property
    def tax(self) -> decimal.Decimal: ...
    @property
    def total(self) -> decimal.Decimal:
        """``subtotal + tax``."""
    @property
    def reverses(self) -> int | None:
        """On a credit note: the index of the invoice line it reverses."""
    @property
    def sale_line(self) -> int | None:
        """The line (index) of the invoice's sales order it bills."""

@final
class Invoice:
    """A customer invoice or credit note."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def kind(self) -> InvoiceKind: ...
    @property
    def number(self) -> str | None:
        """Given when posted: ``"INV/2026/00001"``, credit notes ``"RINV/2026/00001"``."""
    @property
    def customer(self) -> int: ...
    @property
    def commercial_partner(self) -> int: ...
    @property
    def journal(self) -> int: ...
    @property
    def currency(self) -> Currency: ...
    @property
    def date(self) -> datetime.date:
        """Accounting date."""
    @property
    def state(self) -> InvoiceState: ...
    @property
    def payment_state(self) -> PaymentState: ...
    @property
    def sale_order(self) -> int | None: ...
    @property
    def reference(self) -> str:
        """E.g. ``"Reversal of: INV/2026/00001, Helpdesk Ticket #42"``."""
    @property
    def reversed_invoice(self) -> int | None:
        """On a credit note: the invoice it reverses."""
    @property
    def ticket(self) -> int | None:
        """The ticket it was made from."""
    @property
    def scheduled_post(self) -> datetime.date | None:
        """A draft credit note with a future reversal date posts on this date."""
    @property
    def lines(self) -> list[InvoiceLine]: ...
    @property
    def untaxed(self) -> decimal.Decimal: ...
    @property
    def tax(self) -> decimal.Decimal: ...
    @property
    def total(self) -> decimal.Decimal: ...

@final
class NewInvoiceLine:
    """A line of an invoice to create; what is left out comes from the product."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        quantity: decimal.Decimal | int | str,
        product: int | None = None,
        label: str | None = None,
        unit_price: decimal.Decimal | int | str | None = None,
        taxes: list[int] | None = None,
    ) -> None: ...
    @property
    def product(self) -> int | None: ...
    @property
    def label(self) -> str | None:
        """Default: the product's name (a line without a product needs one)."""
    @property
    def quantity(self) -> decimal.Decimal: ...
    @property
    def unit_price(self) -> decimal.Decimal | None:
        """Default: the product's sale price."""
    @property
    def taxes(self) -> list[int] | None:
        """Default: the product's taxes."""

@final
class RefundableInvoice:
    """An invoice that may be refunded, with its total not yet taken by credit notes."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def invoice(self) -> Invoice: ...
    @property
    def remaining(self) -> decimal.Decimal: ...

@final
class RefundDefaults:
    """The refund wizard's defaults for a ticket."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def sale_order(self) -> int | None:
        """The customer's latest confirmed order with posted invoices."""
    @property
    def reason(self) -> str:
        """``"Helpdesk Ticket #<ref>"``."""
    @property
    def reversal_date(self) -> datetime.date:
        """Today."""

@final
class Reinvoice:
    """What ``reverse_and_reinvoice`` made."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def credit_note(self) -> Invoice:
        """Posted, or a draft scheduled for its reversal date."""
    @property
    def invoice(self) -> Invoice:
        """The draft copy of the invoice, to correct and send again."""

@final
class Reward:
    """A coupon program's reward; arguments left out take the core's defaults."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        kind: RewardKind,
        discount_percent: decimal.Decimal | int | str | None = None,
        fixed_amount: decimal.Decimal | int | str | None = None,
        free_product: int | None = None,
        scope: RewardScope | None = None,
        products: list[int] | None = None,
        max_discount: decimal.Decimal | int | str | None = None,
    ) -> None: ...
    @property
    def kind(self) -> RewardKind: ...
    @property
    def discount_percent(self) -> decimal.Decimal:
        """Percent off, for a discount (0 < p <= 100)."""
    @property
    def fixed_amount(self) -> decimal.Decimal:
        """Amount off, for a fixed amount (in the program's currency)."""
    @property
    def free_product(self) -> int | None: ...
    @property
    def scope(self) -> RewardScope: ...
    @property
    def products(self) -> list[int]:
        """The products a ``PRODUCTS`` scope discounts."""
    @property
    def max_discount(self) -> decimal.Decimal | None: ...

@final
class RewardConditions:
    """When an order qualifies; every condition given must hold."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        minimum_quantity: decimal.Decimal | int | str | None = None,
        minimum_amount: decimal.Decimal | int | str | None = None,
        products: list[int] | None = None,
    ) -> None: ...
    @property
    def minimum_quantity(self) -> decimal.Decimal | None: ...
    @property
    def minimum_amount(self) -> decimal.Decimal | None: ...
    @property
    def products(self) -> list[int]:
        """Empty, or the order must hold one of these products."""

@final
class CouponProgram:
    """A coupon program."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def currency(self) -> Currency: ...
    @property
    def reward(self) -> Reward: ...
    @property
    def conditions(self) -> RewardConditions: ...
    @property
    def valid_from(self) -> datetime.date | None: ...
    @property
    def valid_until(self) -> datetime.date | None: ...
    @property
    def usage_limit(self) -> int | None:
        """Redemptions allowed over the whole program."""
    @property
    def used(self) -> int:
        """Redemptions so far."""
    @property
    def points_per_use(self) -> int: ...
    @property
    def active(self) -> bool: ...

@final
class Coupon:
    """A coupon generated from a ticket."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def program(self) -> int: ...
    @property
    def code(self) -> str:
        """Canonical: ``"XXXX-XXXX-XXXX-XXXX-C"`` (random; the last character checks the rest)."""
    @property
    def partner(self) -> int | None:
        """The customer it is reserved for."""
    @property
    def points(self) -> int:
        """Points left."""
    @property
    def valid_until(self) -> datetime.date | None:
        """Last valid day (``None``: never expires)."""
    @property
    def ticket(self) -> int | None: ...
    @property
    def created_at(self) -> datetime.datetime: ...

@final
class Redeemed:
    """What a redemption gave."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def coupon(self) -> Coupon:
        """The coupon, with its points taken."""
    @property
    def discount(self) -> decimal.Decimal:
        """The amount off the order (zero without an order or for a free product)."""
    @property
    def free_product(self) -> int | None: ...

# ----- support hours -----

@final
class UnitCategory:
    """A kind of quantity whose units convert into one another."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def working_time(self) -> bool:
        """The company's working-time category (Hours and Days)."""

@final
class Unit:
    """A unit of measure."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def category(self) -> int:
        """Only units of one category convert."""
    @property
    def name(self) -> str: ...
    @property
    def ratio(self) -> decimal.Decimal:
        """How many of the category's reference unit one of it is (Hours 1, Days 8)."""
    @property
    def rounding(self) -> decimal.Decimal:
        """Quantities in it are rounded half up to a multiple of this (default 0.01)."""

@final
class OrderLineRef:
    """A line of a sales order: the order and the line's index in it (from 0)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(self, *, order: int, line: int) -> None: ...
    @property
    def order(self) -> int: ...
    @property
    def line(self) -> int: ...

@final
class TimeEntry:
    """Time logged on a ticket."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def ticket(self) -> int: ...
    @property
    def agent(self) -> int:
        """Who worked."""
    @property
    def date(self) -> datetime.date:
        """The day worked."""
    @property
    def quantity(self) -> decimal.Decimal:
        """How long, in ``unit``."""
    @property
    def unit(self) -> int:
        """A working-time unit."""
    @property
    def description(self) -> str: ...
    @property
    def sale_line(self) -> OrderLineRef | None:
        """The order line it charges (the ticket's when logged)."""
    @property
    def invoice(self) -> int | None:
        """The invoice that billed it (post-paid)."""

@final
class TicketHours:
    """A ticket's logged hours and its contract."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def logged_hours(self) -> decimal.Decimal: ...
    @property
    def sale_line(self) -> OrderLineRef | None:
        """The order line its time is charged to."""
    @property
    def remaining_hours(self) -> decimal.Decimal | None:
        """Hours left on that line when it is prepaid (negative when overspent)."""

@final
class ContractLine:
    """A service line of a customer's confirmed order with its balance."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def line(self) -> OrderLineRef: ...
    @property
    def order_reference(self) -> str: ...
    @property
    def order_state(self) -> SaleOrderState: ...
    @property
    def product(self) -> int: ...
    @property
    def policy(self) -> ServicePolicy: ...
    @property
    def unit(self) -> int:
        """The unit of the quantities."""
    @property
    def ordered(self) -> decimal.Decimal: ...
    @property
    def delivered(self) -> decimal.Decimal:
        """The time logged on it, in its unit."""
    @property
    def remaining(self) -> decimal.Decimal:
        """``ordered - delivered``; negative when overspent."""
    @property
    def remaining_hours(self) -> decimal.Decimal: ...
    @property
    def invoiced(self) -> decimal.Decimal:
        """Invoiced (by invoices neither cancelled nor fully refunded)."""
    @property
    def invoiceable(self) -> decimal.Decimal:
        """What invoicing would bill now."""
    @property
    def upselling(self) -> bool:
        """Delivered more than ordered."""

# ----- stock and returns -----

@final
class Location:
    """A place goods are in."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> LocationKind: ...

@final
class TransferLine:
    """A line of a transfer (input of ``create_delivery`` too)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(
        self,
        *,
        product: int,
        quantity: decimal.Decimal | int | str,
        lot: str | None = None,
    ) -> None: ...
    @property
    def product(self) -> int: ...
    @property
    def quantity(self) -> decimal.Decimal: ...
    @property
    def lot(self) -> str | None:
        """Lot or serial number."""
    @property
    def returns_line(self) -> int | None:
        """On a return: the index of the delivery line it returns."""

@final
class Transfer:
    """A move of goods between locations: a delivery or a return."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def reference(self) -> str:
        """Its number, e.g. ``"WH/OUT/00001"`` or ``"WH/IN/00001"``."""
    @property
    def kind(self) -> TransferKind: ...
    @property
    def customer(self) -> int: ...
    @property
    def commercial_partner(self) -> int: ...
    @property
    def sale_order(self) -> int | None: ...
    @property
    def source(self) -> int: ...
    @property
    def destination(self) -> int: ...
    @property
    def state(self) -> TransferState: ...
    @property
    def lines(self) -> list[TransferLine]: ...
    @property
    def origin(self) -> int | None:
        """On a return: the delivery it returns."""
    @property
    def ticket(self) -> int | None:
        """The ticket it was made from."""
    @property
    def done_at(self) -> datetime.datetime | None: ...

@final
class ReturnableLine:
    """A delivery line and what may come back of it."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def line(self) -> int:
        """The line's index in the delivery."""
    @property
    def product(self) -> int: ...
    @property
    def lot(self) -> str | None: ...
    @property
    def delivered(self) -> decimal.Decimal: ...
    @property
    def returned(self) -> decimal.Decimal:
        """Already returned (returns not cancelled)."""
    @property
    def returnable(self) -> decimal.Decimal:
        """``delivered - returned``: the default quantity to return."""

@final
class ReturnableDelivery:
    """A done delivery with something left to return."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def delivery(self) -> Transfer: ...
    @property
    def lines(self) -> list[ReturnableLine]: ...

@final
class ReturnQuantity:
    """A quantity to return of one delivery line (0 leaves the line out)."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    def __init__(self, *, line: int, quantity: decimal.Decimal | int | str) -> None: ...
    @property
    def line(self) -> int: ...
    @property
    def quantity(self) -> decimal.Decimal: ...

@final
class Exchange:
    """What ``return_for_exchange`` made: the return and the replacements' delivery."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def return_transfer(self) -> Transfer: ...
    @property
    def delivery(self) -> Transfer: ...

# ----- repairs -----

@final
class RepairPart:
    """A part used in a repair."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def product(self) -> int: ...
    @property
    def quantity(self) -> decimal.Decimal: ...
    @property
    def unit_price(self) -> decimal.Decimal:
        """Sale price (zero under warranty)."""

@final
class Repair:
    """A repair order made from a ticket."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def reference(self) -> str:
        """Its number, e.g. ``"RO/00001"``."""
    @property
    def ticket(self) -> int: ...
    @property
    def customer(self) -> int | None: ...
    @property
    def product(self) -> int:
        """The product to repair."""
    @property
    def lot(self) -> str | None: ...
    @property
    def return_transfer(self) -> int | None:
        """The return it came back with."""
    @property
    def sale_order(self) -> int | None: ...
    @property
    def scheduled_date(self) -> datetime.date: ...
    @property
    def responsible(self) -> int | None: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def under_warranty(self) -> bool:
        """Every part's sale price is zero."""
    @property
    def parts(self) -> list[RepairPart]: ...
    @property
    def notes(self) -> str: ...
    @property
    def state(self) -> RepairState: ...
    @property
    def quotation(self) -> int | None:
        """The quotation (sales order) made from it."""

# ----- field service -----

@final
class FieldServiceProject:
    """A field-service project."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def worksheets(self) -> bool:
        """Whether its tasks carry worksheets."""
    @property
    def default_worksheet_template(self) -> str | None: ...

@final
class FieldServiceTask:
    """An on-site intervention planned from a ticket."""
    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``: the core's JSON form."""

    __match_args__: ClassVar[tuple[str, ...]]
    @property
    def id(self) -> int: ...
    @property
    def company(self) -> int: ...
    @property
    def project(self) -> int: ...
    @property
    def ticket(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def customer(self) -> int | None: ...
    @property
    def address(self) -> str | None:
        """Where to go (the customer's address when planned)."""
    @property
    def worksheet_template(self) -> str | None:
        """Projects with worksheets only."""
    @property
    def stage(self) -> TaskStage: ...

# ----- the façade -----

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
class Helpdesk:
    """The helpdesk: the one object a host talks to. Thread-safe; store work runs without the GIL.

    Every operation takes the acting :class:`Actor` first and raises a
    :class:`helpdesk.HelpdeskError` subclass when it fails. ``close()``, or
    leaving ``with Helpdesk.open(path) as desk:``, lets go of the store;
    every call after it raises :class:`helpdesk.InvalidState`.
    """

    @staticmethod
    def in_memory(*, clock: ManualClock | None = None, seed: int | None = None) -> Helpdesk:
        """A desk over a fresh in-memory store (system clock and OS randomness by default).

        ``clock`` is the core's ``with_clock``. ``seed`` (0 to 2**64 - 1) is
        Python's spelling of the core's ``with_random(SeededRandom::new(seed))``:
        coupon codes become reproducible. For tests only: a seeded code can
        be predicted.
        """
    @staticmethod
    def open(
        path: str | os.PathLike[str],
        *,
        clock: ManualClock | None = None,
        seed: int | None = None,
    ) -> Helpdesk:
        """A desk over the SQLite file at ``path`` (created if missing; migrated on open).

        ``clock`` and ``seed`` as for :meth:`in_memory`.
        """
    def close(self) -> None:
        """Lets go of the store (a file closes once calls in flight end); closing twice is fine."""
    def __enter__(self) -> Helpdesk:
        """The desk itself, for ``with Helpdesk.open(path) as desk:``."""
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        """Closes the desk; an exception raised in the block propagates."""
    def snapshot(self) -> str:
        """A canonical text dump of everything stored: equal content, equal dumps."""

    # directory
    def create_company(self, actor: Actor, *, name: str) -> Company: ...
    def update_company(self, actor: Actor, company: int, name: str) -> Company: ...
    def get_company(self, actor: Actor, company: int) -> Company: ...
    def list_companies(self, actor: Actor) -> list[Company]:
        """The companies the actor works for; for ``Actor.system()``, every company."""
    def create_partner(
        self,
        actor: Actor,
        *,
        name: str,
        company: int | None = None,
        email: str | None = None,
        phone: str | None = None,
        parent: int | None = None,
        address: str | None = None,
    ) -> Partner: ...
    def update_partner(
        self,
        actor: Actor,
        partner: int,
        *,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        address: str | None = None,
    ) -> Partner:
        """Changes a contact; an empty ``email``, ``phone`` or ``address`` clears it."""
    def get_partner(self, actor: Actor, partner: int) -> Partner: ...
    def create_user(
        self,
        actor: Actor,
        *,
        name: str,
        kind: UserKind,
        companies: list[int],
        email: str | None = None,
        role: HelpdeskRole | None = None,
        partner: int | None = None,
    ) -> User:
        """Creates a user; ``role`` defaults to ``NONE``; a portal user needs ``partner``."""
    def update_user(
        self,
        actor: Actor,
        user: int,
        *,
        name: str | None = None,
        role: HelpdeskRole | None = None,
        companies: list[int] | None = None,
        active: bool | None = None,
    ) -> User: ...
    def get_user(self, actor: Actor, user: int) -> User: ...

    # teams and their configuration
    def create_team(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        description: str | None = None,
        visibility: Visibility | None = None,
        members: list[int] | None = None,
        settings: TeamSettings | None = None,
    ) -> Team:
        """Creates a team (managers); ``visibility`` defaults to ``PORTAL``."""
    def update_team(
        self,
        actor: Actor,
        team: int,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: Visibility | None = None,
        settings: TeamSettings | None = None,
        active: bool | None = None,
    ) -> Team: ...
    def set_team_members(self, actor: Actor, team: int, members: list[int]) -> Team: ...
    def get_team(self, actor: Actor, team: int) -> Team: ...
    def list_teams(self, actor: Actor) -> list[Team]: ...
    def follow_team(self, actor: Actor, team: int, partner: int) -> None: ...
    def unfollow_team(self, actor: Actor, team: int, partner: int) -> None: ...
    def team_followers(self, actor: Actor, team: int) -> list[int]: ...
    def create_stage(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        sequence: int | None = None,
        folded: bool | None = None,
        teams: list[int] | None = None,
        email_template: str | None = None,
        sms_template: str | None = None,
    ) -> Stage: ...
    def update_stage(
        self,
        actor: Actor,
        stage: int,
        *,
        name: str | None = None,
        sequence: int | None = None,
        folded: bool | None = None,
        teams: list[int] | None = None,
        email_template: str | None = None,
        sms_template: str | None = None,
    ) -> Stage: ...
    def list_stages(self, actor: Actor, team: int) -> list[Stage]: ...
    def create_tag(self, actor: Actor, company: int, name: str) -> Tag: ...
    def list_tags(self, actor: Actor, company: int) -> list[Tag]: ...
    def create_ticket_type(self, actor: Actor, company: int, name: str) -> TicketType: ...
    def list_ticket_types(self, actor: Actor, company: int) -> list[TicketType]: ...

    # tickets
    def create_ticket(
        self,
        actor: Actor,
        *,
        subject: str,
        team: int | None = None,
        company: int | None = None,
        description: str | None = None,
        priority: Priority | None = None,
        ticket_type: int | None = None,
        tags: list[int] | None = None,
        customer: int | None = None,
        assignee: int | None = None,
        product: int | None = None,
        lot: str | None = None,
        cc: list[int] | None = None,
    ) -> Ticket:
        """Creates a ticket (agents and the system; customers use ``submit_ticket``)."""
    def create_tickets(self, actor: Actor, tickets: Sequence[NewTicket]) -> list[Ticket]:
        """Creates several tickets in one unit of work (all or none), assigned in order."""
    def submit_ticket(
        self, actor: Actor, *, team: int, subject: str, description: str | None = None
    ) -> Ticket:
        """Submits a ticket from the customer portal (the actor is a portal user)."""
    def update_ticket(
        self,
        actor: Actor,
        ticket: int,
        *,
        subject: str | None = None,
        description: str | None = None,
        priority: Priority | None = None,
        tags: list[int] | None = None,
    ) -> Ticket: ...
    def assign_ticket(self, actor: Actor, ticket: int, assignee: int | None) -> Ticket:
        """Assigns a ticket (``None`` unassigns it)."""
    def set_ticket_customer(self, actor: Actor, ticket: int, customer: int | None) -> Ticket: ...
    def set_ticket_type(self, actor: Actor, ticket: int, ticket_type: int | None) -> Ticket: ...
    def set_ticket_team(self, actor: Actor, ticket: int, team: int | None) -> Ticket:
        """Moves a ticket to another team (``None``: no team); it is auto-assigned if unassigned."""
    def move_ticket(self, actor: Actor, ticket: int, stage: int) -> Ticket:
        """Moves a ticket to another stage (a folded stage closes it)."""
    def archive_ticket(self, actor: Actor, ticket: int) -> Ticket: ...
    def unarchive_ticket(self, actor: Actor, ticket: int) -> Ticket: ...
    def follow_ticket(self, actor: Actor, ticket: int, partner: int) -> None: ...
    def unfollow_ticket(self, actor: Actor, ticket: int, partner: int) -> None: ...
    def ticket_followers(self, actor: Actor, ticket: int) -> list[int]: ...
    def reply_to_ticket(self, actor: Actor, ticket: int, body: str) -> Message:
        """Posts a public reply (seen by the customer and every follower)."""
    def add_internal_note(self, actor: Actor, ticket: int, body: str) -> Message:
        """Posts an internal note (never shown to portal users)."""
    def get_ticket(self, actor: Actor, ticket: int) -> Ticket: ...
    def list_tickets(
        self,
        actor: Actor,
        *,
        team: int | None = None,
        stage: int | None = None,
        assignee: int | None = None,
        customer: int | None = None,
        open: bool | None = None,
        text: str | None = None,
        archived: bool | None = None,
        sla_failed: bool | None = None,
        sort: TicketSort | None = None,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> TicketPage:
        """A page of the tickets the actor may see (default: newest first, 50 a page)."""
    def count_tickets(
        self,
        actor: Actor,
        *,
        team: int | None = None,
        stage: int | None = None,
        assignee: int | None = None,
        customer: int | None = None,
        open: bool | None = None,
        text: str | None = None,
        archived: bool | None = None,
        sla_failed: bool | None = None,
    ) -> int: ...
    def list_messages(self, actor: Actor, ticket: int) -> list[Message]:
        """A ticket's messages, oldest first (portal users see no internal notes)."""
    def stage_history(self, actor: Actor, ticket: int) -> list[StageChange]: ...

    # outbox
    def pending_outbox(self, actor: Actor, limit: int) -> list[OutboxMessage]:
        """Up to ``limit`` messages the host must send, oldest first."""
    def acknowledge_outbox(self, actor: Actor, ids: list[int]) -> int:
        """Marks outbox messages as sent; returns how many were pending."""

    # working calendars (stored per company; managers change them)
    def create_calendar(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        time_zone: str,
        hours: Sequence[WorkingHours],
        closures: Sequence[Closure] | None = None,
    ) -> Calendar:
        """Creates a calendar of ``company``; ``InvalidInput`` for a bad spec (CAL-4)."""
    def update_calendar(
        self,
        actor: Actor,
        calendar: int,
        *,
        name: str | None = None,
        spec: CalendarSpec | None = None,
    ) -> Calendar:
        """Renames a calendar and/or replaces its zone, hours and closures."""
    def get_calendar(self, actor: Actor, calendar: int) -> Calendar: ...
    def list_calendars(self, actor: Actor, company: int) -> list[Calendar]: ...
    def add_working_time(
        self,
        actor: Actor,
        calendar: int,
        start: datetime.datetime,
        duration: datetime.timedelta,
    ) -> datetime.datetime:
        """The instant (UTC) at which ``duration`` of working time has elapsed after ``start``.

        ``duration`` is whole seconds: a fraction of a second is ``InvalidInput``.
        """
    def working_time_between(
        self, actor: Actor, calendar: int, a: datetime.datetime, b: datetime.datetime
    ) -> datetime.timedelta:
        """The working time inside ``[a, b)``; negative when ``b`` is before ``a``."""

    # assignment (agents' calendars and leaves)
    def set_user_calendar(self, actor: Actor, user: int, calendar: int | None) -> User:
        """Sets (``None`` clears) a user's own working calendar (the user, managers)."""
    def create_leave(
        self,
        actor: Actor,
        *,
        user: int,
        from_: datetime.datetime,
        to: datetime.datetime,
        reason: str | None = None,
    ) -> Leave:
        """Records a leave from ``from_`` to ``to`` (the user, managers); ``to`` after ``from_``."""
    def delete_leave(self, actor: Actor, leave: int) -> None: ...
    def list_leaves(self, actor: Actor, user: int) -> list[Leave]:
        """A user's leaves, by start."""
    def suggest_assignee(self, actor: Actor, team: int) -> int | None:
        """Who auto-assignment would give a new ticket of ``team`` now (agents)."""

    # SLA (managers configure; internal users read)
    def create_sla_policy(
        self,
        actor: Actor,
        *,
        team: int,
        name: str,
        target_stage: int,
        within: Within,
        description: str | None = None,
        priority: Priority | None = None,
        tags: list[int] | None = None,
        customers: list[int] | None = None,
        ticket_types: list[int] | None = None,
        excluded_stages: list[int] | None = None,
    ) -> SlaPolicy:
        """Creates an SLA policy; ``priority`` defaults to ``LOW``."""
    def update_sla_policy(
        self,
        actor: Actor,
        policy: int,
        *,
        name: str | None = None,
        description: str | None = None,
        priority: Priority | None = None,
        tags: list[int] | None = None,
        customers: list[int] | None = None,
        ticket_types: list[int] | None = None,
        target_stage: int | None = None,
        excluded_stages: list[int] | None = None,
        within: Within | None = None,
        active: bool | None = None,
    ) -> SlaPolicy: ...
    def get_sla_policy(self, actor: Actor, policy: int) -> SlaPolicy: ...
    def list_sla_policies(self, actor: Actor, team: int) -> list[SlaPolicy]: ...
    def ticket_sla_statuses(self, actor: Actor, ticket: int) -> list[SlaStatusView]:
        """A ticket's SLA statuses as they stand now (internal users; portal: ``Forbidden``)."""
    def sla_report(
        self,
        actor: Actor,
        *,
        company: int,
        team: int | None = None,
        policy: int | None = None,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
    ) -> SlaReport:
        """SLA figures of tickets created in ``[from_, to)``: managers; agents for their team."""

    # commerce recorded by the host (the host and managers record, but define_currency is
    # the host's only; internal users read)
    def define_currency(self, actor: Actor, code: str, decimals: int) -> Currency:
        """Sets a currency's rounding (at most 12 decimals) where ISO 4217's does not suit.

        The host only (``Actor.system()``): currencies are shared by every
        company, so any user, a manager too, gets ``Forbidden``.
        """
    def create_product(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        tracking: Tracking | None = None,
        sale_price: decimal.Decimal | int | str | None = None,
        taxes: list[int] | None = None,
        unit: int | None = None,
        service_policy: ServicePolicy | None = None,
    ) -> Product:
        """Records a product; a service (``service_policy``) is sold in working time (Hours)."""
    def create_tax(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        percent: decimal.Decimal | int | str,
        price_included: bool | None = None,
    ) -> Tax:
        """Records a tax of ``percent`` (0 to 100)."""
    def create_journal(
        self, actor: Actor, *, company: int, name: str, code: str, kind: JournalKind
    ) -> Journal:
        """Records a journal; ``code`` is 1 to 5 letters or digits, unique in the company."""
    def create_sale_order(
        self,
        actor: Actor,
        *,
        company: int,
        customer: int,
        currency: str,
        lines: Sequence[SaleOrderLine],
        salesperson: int | None = None,
    ) -> SaleOrder:
        """Records a draft sales order in ``currency`` (an ISO 4217 code).

        Upsell alerts go to the ``salesperson``.
        """
    def confirm_sale_order(self, actor: Actor, sale_order: int) -> SaleOrder: ...
    def get_sale_order(self, actor: Actor, sale_order: int) -> SaleOrder: ...
    def create_invoice(
        self,
        actor: Actor,
        *,
        company: int,
        customer: int,
        journal: int,
        currency: str,
        lines: Sequence[NewInvoiceLine],
        date: datetime.date | None = None,
        sale_order: int | None = None,
    ) -> Invoice:
        """Records a draft customer invoice in a sale journal; ``date`` defaults to today."""
    def get_invoice(self, actor: Actor, invoice: int) -> Invoice: ...
    def set_payment_state(self, actor: Actor, invoice: int, payment_state: PaymentState) -> Invoice:
        """Records a posted invoice's payment state as the ERP has it."""
    def post_invoice(self, actor: Actor, invoice: int) -> Invoice:
        """Posts a draft invoice, or a credit note (its ticket's agents; REF-5 checked)."""
    def cancel_invoice(self, actor: Actor, invoice: int) -> Invoice:
        """Cancels an invoice or credit note (a cancelled credit note gives its amounts back)."""

    # refunds by credit note (agents of a team with refunds on)
    def refundable_invoices(
        self,
        actor: Actor,
        ticket: int,
        *,
        sale_order: int | None = None,
        product: int | None = None,
    ) -> list[RefundableInvoice]:
        """The customer's posted invoices with something left to refund, newest first."""
    def refund_defaults(self, actor: Actor, ticket: int) -> RefundDefaults: ...
    def reverse_invoice(
        self,
        actor: Actor,
        ticket: int,
        *,
        invoice: int,
        reason: str | None = None,
        journal: int | None = None,
        reversal_date: datetime.date | None = None,
    ) -> Invoice:
        """A draft credit note for what is left of ``invoice``; edit it down, then post it."""
    def reverse_and_reinvoice(
        self,
        actor: Actor,
        ticket: int,
        *,
        invoice: int,
        reason: str | None = None,
        journal: int | None = None,
        reversal_date: datetime.date | None = None,
    ) -> Reinvoice:
        """A posted (or, for a future date, scheduled) full credit note and a draft copy."""
    def update_credit_note_line(
        self,
        actor: Actor,
        credit_note: int,
        line: int,
        *,
        quantity: decimal.Decimal | int | str | None = None,
        unit_price: decimal.Decimal | int | str | None = None,
    ) -> Invoice:
        """Edits line ``line`` (from 0) of a draft credit note down (a partial refund)."""
    def post_due_credit_notes(
        self, actor: Actor, at: datetime.datetime | None = None
    ) -> list[Invoice]:
        """Posts the credit notes due as of ``at`` (aware; default now; later: ``InvalidInput``)."""
    def ticket_credit_notes(self, actor: Actor, ticket: int) -> list[Invoice]:
        """A ticket's credit notes (internal users; portal: ``Forbidden``)."""

    # coupons (managers create programs; agents of a team with coupons on generate)
    def create_coupon_program(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        currency: str,
        reward: Reward,
        conditions: RewardConditions | None = None,
        valid_from: datetime.date | None = None,
        valid_until: datetime.date | None = None,
        usage_limit: int | None = None,
        points_per_use: int | None = None,
    ) -> CouponProgram:
        """Creates a coupon program; ``points_per_use`` defaults to 1."""
    def get_coupon_program(self, actor: Actor, program: int) -> CouponProgram: ...
    def generate_coupon(
        self,
        actor: Actor,
        ticket: int,
        *,
        program: int,
        points: int | None = None,
        valid_until: datetime.date | None = None,
    ) -> Coupon:
        """A coupon for the ticket's customer with a random code (1 point, no expiry by default)."""
    def get_coupon(self, actor: Actor, coupon: int) -> Coupon: ...
    def ticket_coupons(self, actor: Actor, ticket: int) -> list[Coupon]: ...
    def send_coupon(self, actor: Actor, coupon: int) -> OutboxMessage:
        """E-mails the code to the coupon's customer through the outbox."""
    def coupon_share_link(
        self, actor: Actor, coupon: int, base_url: str, redirect: str | None = None
    ) -> str:
        """``{base_url}/coupon/{code}?r={redirect}`` (``redirect`` defaults to ``/shop``)."""
    def redeem_coupon(
        self,
        actor: Actor,
        *,
        company: int,
        code: str,
        partner: int | None = None,
        sale_order: int | None = None,
    ) -> Redeemed:
        """Redeems the coupon with ``code`` as typed, consuming its points atomically.

        Refusals: ``InvalidInput`` with code ``coupon_unknown`` or
        ``coupon_mistyped``; ``InvalidState`` with ``coupon_expired``,
        ``coupon_used`` or ``coupon_reserved`` (``fields``: ``code``, ``reason``).
        """

    # support hours (managers set units up; agents of a team tracking time log it)
    def create_unit_category(self, actor: Actor, company: int, name: str) -> UnitCategory: ...
    def create_unit(
        self,
        actor: Actor,
        *,
        company: int,
        category: int,
        name: str,
        ratio: decimal.Decimal | int | str,
        rounding: decimal.Decimal | int | str | None = None,
    ) -> Unit:
        """A unit of ``ratio`` reference units of ``category``; ``rounding`` defaults to 0.01."""
    def list_units(self, actor: Actor, company: int) -> list[Unit]:
        """The company's units (its working-time Hours and Days are created if needed)."""
    def convert_quantity(
        self, actor: Actor, quantity: decimal.Decimal | int | str, from_: int, to: int
    ) -> decimal.Decimal:
        """``quantity`` of unit ``from_`` in unit ``to`` (same category), rounded half up."""
    def set_support_hours(
        self,
        actor: Actor,
        company: int,
        *,
        hours_per_day: decimal.Decimal | int | str | None = None,
        upsell_threshold: decimal.Decimal | int | str | None = None,
    ) -> Company:
        """Sets the hours in a working day (the Days unit) and the upsell threshold (percent)."""
    def mark_sale_order_done(self, actor: Actor, sale_order: int) -> SaleOrder:
        """Marks a confirmed order done: nothing more to deliver, off the upsell list."""
    def cancel_sale_order(self, actor: Actor, sale_order: int) -> SaleOrder:
        """Cancels a draft or confirmed order."""
    def invoice_sale_order(self, actor: Actor, sale_order: int, journal: int) -> Invoice:
        """A draft invoice of what a confirmed order may bill now (prepaid: ordered; post-paid:
        delivered and not yet billed)."""
    def log_time(
        self,
        actor: Actor,
        ticket: int,
        *,
        quantity: decimal.Decimal | int | str,
        unit: int | None = None,
        description: str | None = None,
        date: datetime.date | None = None,
        agent: int | None = None,
    ) -> TimeEntry:
        """Logs time on a ticket, charged to its order line (Hours, today, the actor by default)."""
    def update_time_entry(
        self,
        actor: Actor,
        entry: int,
        *,
        quantity: decimal.Decimal | int | str | None = None,
        unit: int | None = None,
        description: str | None = None,
        date: datetime.date | None = None,
    ) -> TimeEntry:
        """Changes a time entry not yet billed."""
    def delete_time_entry(self, actor: Actor, entry: int) -> None:
        """Deletes a time entry not yet billed."""
    def ticket_time_entries(self, actor: Actor, ticket: int) -> list[TimeEntry]: ...
    def set_ticket_sale_line(
        self, actor: Actor, ticket: int, sale_line: OrderLineRef | None
    ) -> Ticket:
        """Charges a ticket's time to another service line of its customer (``None``: none)."""
    def ticket_hours(self, actor: Actor, ticket: int) -> TicketHours:
        """A ticket's logged hours and the hours left on its contract."""
    def customer_contracts(self, actor: Actor, company: int, customer: int) -> list[ContractLine]:
        """The service lines of the customer's confirmed orders with their balances."""
    def upsell_orders(self, actor: Actor, company: int) -> list[SaleOrder]:
        """The confirmed orders with a prepaid line delivered beyond what was ordered."""

    # stock and returns (the host records; agents of a team with returns on return)
    def create_location(
        self, actor: Actor, *, company: int, name: str, kind: LocationKind
    ) -> Location: ...
    def create_delivery(
        self,
        actor: Actor,
        *,
        company: int,
        customer: int,
        source: int,
        destination: int,
        lines: Sequence[TransferLine],
        sale_order: int | None = None,
    ) -> Transfer:
        """Records a delivery, ready to go, from an internal to a customer location."""
    def validate_transfer(self, actor: Actor, transfer: int) -> Transfer:
        """Validates a ready transfer: the goods moved."""
    def cancel_transfer(self, actor: Actor, transfer: int) -> Transfer:
        """Cancels a transfer not yet done."""
    def get_transfer(self, actor: Actor, transfer: int) -> Transfer: ...
    def returnable_deliveries(
        self,
        actor: Actor,
        ticket: int,
        *,
        sale_order: int | None = None,
        product: int | None = None,
    ) -> list[ReturnableDelivery]:
        """The customer's done deliveries with something left to return."""
    def return_products(
        self,
        actor: Actor,
        ticket: int,
        *,
        delivery: int,
        lines: Sequence[ReturnQuantity] | None = None,
        location: int | None = None,
    ) -> Transfer:
        """The return of a done delivery (default: everything returnable, to its source)."""
    def return_for_exchange(
        self,
        actor: Actor,
        ticket: int,
        *,
        delivery: int,
        lines: Sequence[ReturnQuantity] | None = None,
        location: int | None = None,
    ) -> Exchange:
        """The return and the outgoing delivery of the same products and quantities."""
    def ticket_returns(self, actor: Actor, ticket: int) -> list[Transfer]: ...

    # repairs (agents of a team with repairs on; whoever sees the ticket reads)
    def create_repair(
        self,
        actor: Actor,
        ticket: int,
        *,
        customer: int | None = None,
        product: int | None = None,
        lot: str | None = None,
        return_transfer: int | None = None,
        sale_order: int | None = None,
        scheduled_date: datetime.date | None = None,
        responsible: int | None = None,
        tags: list[str] | None = None,
        under_warranty: bool | None = None,
        notes: str | None = None,
    ) -> Repair:
        """A repair order from a ticket, taking its customer, product, lot, return and order."""
    def get_repair(self, actor: Actor, repair: int) -> Repair: ...
    def ticket_repairs(self, actor: Actor, ticket: int) -> list[Repair]: ...
    def update_repair(
        self,
        actor: Actor,
        repair: int,
        *,
        under_warranty: bool | None = None,
        scheduled_date: datetime.date | None = None,
        responsible: int | None = None,
        tags: list[str] | None = None,
        notes: str | None = None,
    ) -> Repair:
        """Changes a repair; under warranty every part's price becomes zero."""
    def add_repair_part(
        self,
        actor: Actor,
        repair: int,
        *,
        product: int,
        quantity: decimal.Decimal | int | str,
        unit_price: decimal.Decimal | int | str | None = None,
    ) -> Repair:
        """Adds a part at the product's price (zero under warranty) unless ``unit_price``."""
    def remove_repair_part(self, actor: Actor, repair: int, index: int) -> Repair:
        """Removes the part at ``index`` (from 0)."""
    def advance_repair(self, actor: Actor, repair: int) -> Repair:
        """new, confirmed, under repair, repaired."""
    def cancel_repair(self, actor: Actor, repair: int) -> Repair:
        """Cancels a repair not yet repaired."""
    def repair_quotation(self, actor: Actor, repair: int, currency: str) -> SaleOrder:
        """A draft quotation of the repair's parts for its customer."""

    # field service (managers create projects; agents of a team with field service on plan)
    def create_field_service_project(
        self,
        actor: Actor,
        *,
        company: int,
        name: str,
        worksheets: bool | None = None,
        default_worksheet_template: str | None = None,
    ) -> FieldServiceProject:
        """Creates a project; a ``default_worksheet_template`` needs ``worksheets``."""
    def create_field_service_task(
        self,
        actor: Actor,
        ticket: int,
        *,
        title: str | None = None,
        project: int | None = None,
        worksheet_template: str | None = None,
    ) -> FieldServiceTask:
        """A task at the customer's address (defaults: the ticket's subject, the team's project)."""
    def get_field_service_task(self, actor: Actor, task: int) -> FieldServiceTask:
        """A task, to whoever sees its ticket (portal customers too)."""
    def ticket_field_service_tasks(self, actor: Actor, ticket: int) -> list[FieldServiceTask]: ...
    def move_field_service_task(
        self, actor: Actor, task: int, stage: TaskStage
    ) -> FieldServiceTask: ...

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
class WorkingCalendar:
    """A validated, compiled working calendar (CAL-1 … CAL-5); immutable, thread-safe.

    Raises ``InvalidInput`` for an unknown IANA zone, an interval that ends
    before it starts, overlapping intervals, or no working time (CAL-4).
    """

    def __init__(
        self,
        *,
        time_zone: str,
        hours: Sequence[WorkingHours],
        closures: Sequence[Closure] | None = None,
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
