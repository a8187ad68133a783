"""Refunds by credit note and coupons from Python (issue 8): exact decimals
and calendar dates at the boundary, partial refunds, scheduled credit notes,
and each coupon refusal surfacing as its own code in the exception class of
its kind."""

from __future__ import annotations

import datetime
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

import pytest
from conftest import SYSTEM, World

import helpdesk
from helpdesk import (
    Forbidden,
    Helpdesk,
    HelpdeskError,
    InvalidInput,
    InvalidState,
    InvoiceKind,
    InvoiceState,
    JournalKind,
    NewInvoiceLine,
    PaymentState,
    Reward,
    RewardConditions,
    RewardKind,
    RewardScope,
    SaleOrderLine,
    SaleOrderState,
    TeamSettings,
    Tracking,
)

TODAY = datetime.date(2026, 3, 2)


@dataclass
class Shop:
    """The world plus a team with refunds and coupons on, a 21% tax, two
    products, a sale journal, a confirmed order and a posted invoice
    (254.10 EUR) for Paula, and a ticket of hers in the team."""

    w: World
    care: int
    vat: int
    printer: int
    toner: int
    journal: int
    order: int
    invoice: int
    ticket: int

    @property
    def desk(self) -> Helpdesk:
        return self.w.desk


@pytest.fixture
def shop(world: World) -> Shop:
    desk, manager = world.desk, world.manager
    alice_id = world.alice.user_id
    assert alice_id is not None
    care = desk.create_team(
        manager,
        company=world.acme,
        name="Care",
        members=[alice_id],
        settings=TeamSettings(refunds=True, coupons=True),
    ).id
    vat = desk.create_tax(manager, company=world.acme, name="VAT 21%", percent=Decimal("21")).id
    printer = desk.create_product(
        manager,
        company=world.acme,
        name="Printer",
        tracking=Tracking.SERIAL,
        sale_price=Decimal("199.99"),
        taxes=[vat],
    ).id
    toner = desk.create_product(
        manager, company=world.acme, name="Toner", sale_price=Decimal("3.335"), taxes=[vat]
    ).id
    journal = desk.create_journal(
        manager, company=world.acme, name="Customer Invoices", code="INV", kind=JournalKind.SALE
    ).id
    order = desk.create_sale_order(
        manager,
        company=world.acme,
        customer=world.paula_partner,
        currency="EUR",
        lines=[
            SaleOrderLine(product=printer, quantity=1, unit_price=Decimal("199.99")),
            SaleOrderLine(product=toner, quantity=3, unit_price="3.335"),
        ],
    ).id
    desk.confirm_sale_order(manager, order)
    draft = desk.create_invoice(
        manager,
        company=world.acme,
        customer=world.paula_partner,
        journal=journal,
        currency="EUR",
        date=datetime.date(2026, 3, 1),
        sale_order=order,
        lines=[
            NewInvoiceLine(product=printer, quantity=Decimal(1)),
            NewInvoiceLine(product=toner, quantity=Decimal(3)),
        ],
    )
    invoice = desk.post_invoice(manager, draft.id).id
    ticket = desk.create_ticket(
        world.alice, team=care, subject="Broken printer", customer=world.paula_partner
    ).id
    return Shop(world, care, vat, printer, toner, journal, order, invoice, ticket)


# ----- commerce: decimals and dates at the boundary -----


def test_amounts_are_decimals_with_the_currency_scale(shop: Shop) -> None:
    invoice = shop.desk.get_invoice(shop.w.alice, shop.invoice)
    assert (invoice.untaxed, invoice.tax, invoice.total) == (
        Decimal("210.00"),
        Decimal("44.10"),
        Decimal("254.10"),
    )
    assert str(invoice.total) == "254.10"
    assert all(isinstance(line.total, Decimal) for line in invoice.lines)
    assert invoice.lines[1].unit_price == Decimal("3.335")
    assert invoice.lines[0].reverses is None
    assert (invoice.currency.code, invoice.currency.decimals) == ("EUR", 2)


def test_dates_are_calendar_dates(shop: Shop) -> None:
    invoice = shop.desk.get_invoice(shop.w.alice, shop.invoice)
    assert type(invoice.date) is datetime.date
    assert invoice.date == datetime.date(2026, 3, 1)
    assert invoice.scheduled_post is None
    defaults = shop.desk.refund_defaults(shop.w.alice, shop.ticket)
    assert defaults.reversal_date == TODAY
    assert defaults.sale_order == shop.order
    assert defaults.reason == "Helpdesk Ticket #1"


def test_records_and_enums(shop: Shop) -> None:
    invoice = shop.desk.get_invoice(shop.w.alice, shop.invoice)
    assert invoice.kind is InvoiceKind.INVOICE
    assert invoice.state is InvoiceState.POSTED
    assert invoice.payment_state is PaymentState.NOT_PAID
    assert invoice.number == "INV/2026/00001"
    order = shop.desk.get_sale_order(shop.w.alice, shop.order)
    assert order.state is SaleOrderState.CONFIRMED
    assert order.reference == "S00001"
    assert order.lines[1] == SaleOrderLine(product=shop.toner, quantity=3, unit_price="3.335")
    assert repr(order.lines[0]).startswith("SaleOrderLine(product=")
    assert helpdesk.Invoice.__match_args__[:3] == ("id", "company", "kind")


def test_currency_rounding_follows_iso_and_define_currency(shop: Shop) -> None:
    yen = shop.desk.create_invoice(
        shop.w.manager,
        company=shop.w.acme,
        customer=shop.w.paula_partner,
        journal=shop.journal,
        currency="JPY",
        lines=[NewInvoiceLine(label="Cable", quantity=3, unit_price=333, taxes=[shop.vat])],
    )
    assert (str(yen.untaxed), str(yen.tax), str(yen.total)) == ("999", "210", "1209")
    assert yen.date == TODAY
    token = shop.desk.define_currency(SYSTEM, "xbt", 8)
    assert (token.code, token.decimals) == ("XBT", 8)


def test_only_the_host_defines_a_currency(shop: Shop) -> None:
    with pytest.raises(Forbidden):
        shop.desk.define_currency(shop.w.manager, "xbt", 8)


def test_payment_state_is_recorded(shop: Shop) -> None:
    paid = shop.desk.set_payment_state(shop.w.manager, shop.invoice, PaymentState.PAID)
    assert paid.payment_state is PaymentState.PAID


# ----- refunds -----


def test_partial_refund_then_post_leaves_the_rest_refundable(shop: Shop) -> None:
    desk, alice = shop.desk, shop.w.alice
    [refundable] = desk.refundable_invoices(alice, shop.ticket)
    assert refundable.invoice.id == shop.invoice
    assert refundable.remaining == Decimal("254.10")

    note = desk.reverse_invoice(alice, shop.ticket, invoice=shop.invoice)
    assert note.kind is InvoiceKind.CREDIT_NOTE
    assert note.state is InvoiceState.DRAFT
    assert note.reversed_invoice == shop.invoice
    assert [line.reverses for line in note.lines] == [0, 1]
    assert desk.refundable_invoices(alice, shop.ticket) == []

    # Refund two toners of three: edit the draft down, then post it.
    edited = desk.update_credit_note_line(alice, note.id, 1, quantity=Decimal("2"))
    assert edited.total == Decimal("250.06")
    posted = desk.post_invoice(alice, note.id)
    assert (posted.state, posted.number) == (InvoiceState.POSTED, "RINV/2026/00001")

    [rest] = desk.refundable_invoices(alice, shop.ticket)
    assert rest.remaining == Decimal("4.04")
    assert [n.id for n in desk.ticket_credit_notes(alice, shop.ticket)] == [note.id]
    assert (
        desk.get_ticket(alice, shop.ticket).documents[0].kind is helpdesk.DocumentKind.CREDIT_NOTE
    )


def test_a_credit_line_cannot_refund_more_than_is_left(shop: Shop) -> None:
    note = shop.desk.reverse_invoice(shop.w.alice, shop.ticket, invoice=shop.invoice)
    before = shop.desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        shop.desk.update_credit_note_line(shop.w.alice, note.id, 1, quantity=4)
    assert caught.value.code == "invalid_input"
    assert shop.desk.snapshot() == before


def test_refundable_invoices_filter_by_product_and_order(shop: Shop) -> None:
    desk, alice = shop.desk, shop.w.alice
    assert len(desk.refundable_invoices(alice, shop.ticket, product=shop.toner)) == 1
    assert len(desk.refundable_invoices(alice, shop.ticket, sale_order=shop.order)) == 1
    assert desk.refundable_invoices(alice, shop.ticket, sale_order=shop.order + 1000) == []


def test_reverse_and_reinvoice_on_a_future_date_is_scheduled(shop: Shop) -> None:
    desk, alice = shop.desk, shop.w.alice
    made = desk.reverse_and_reinvoice(
        alice,
        shop.ticket,
        invoice=shop.invoice,
        reason="Wrong model",
        reversal_date=datetime.date(2026, 3, 4),
    )
    assert made.credit_note.state is InvoiceState.DRAFT
    assert made.credit_note.scheduled_post == datetime.date(2026, 3, 4)
    assert made.invoice.state is InvoiceState.DRAFT
    assert made.invoice.number is None
    assert desk.post_due_credit_notes(SYSTEM) == []
    shop.w.clock.advance(datetime.timedelta(days=2))
    [posted] = desk.post_due_credit_notes(SYSTEM)
    assert posted.number == "RINV/2026/00001"
    assert desk.get_invoice(alice, shop.invoice).payment_state is PaymentState.REVERSED


def test_posting_as_of_an_instant_later_than_now_is_invalid_input(shop: Shop) -> None:
    desk, alice = shop.desk, shop.w.alice
    desk.reverse_and_reinvoice(
        alice, shop.ticket, invoice=shop.invoice, reversal_date=datetime.date(2026, 3, 4)
    )
    now = shop.w.clock.now()
    later = now + datetime.timedelta(days=2)
    with pytest.raises(InvalidInput) as caught:
        desk.post_due_credit_notes(SYSTEM, at=later)
    assert caught.value.code == "invalid_input"
    assert caught.value.fields.get("field") == "at"
    # an instant in the past, in another zone, posts as of then: nothing due yet
    paris = datetime.timezone(datetime.timedelta(hours=1))
    assert desk.post_due_credit_notes(SYSTEM, at=now.astimezone(paris)) == []
    with pytest.raises(ValueError, match="naive datetime"):
        desk.post_due_credit_notes(SYSTEM, at=now.replace(tzinfo=None))
    shop.w.clock.advance(datetime.timedelta(days=2))
    # `at` is positional as in the core, or a keyword
    assert desk.post_due_credit_notes(SYSTEM, now) == []
    assert len(desk.post_due_credit_notes(SYSTEM, at=later)) == 1


def test_cancelling_a_credit_note_gives_the_amount_back(shop: Shop) -> None:
    desk, alice = shop.desk, shop.w.alice
    made = desk.reverse_and_reinvoice(alice, shop.ticket, invoice=shop.invoice)
    assert made.credit_note.state is InvoiceState.POSTED
    cancelled = desk.cancel_invoice(alice, made.credit_note.id)
    assert cancelled.state is InvoiceState.CANCELLED
    [back] = desk.refundable_invoices(alice, shop.ticket)
    assert back.remaining == Decimal("254.10")


def test_portal_users_see_no_credit_notes(shop: Shop) -> None:
    with pytest.raises(helpdesk.Forbidden):
        shop.desk.ticket_credit_notes(shop.w.paula, shop.ticket)


def test_a_team_without_refunds_refuses_them(shop: Shop) -> None:
    other = shop.desk.create_ticket(
        shop.w.alice, team=shop.w.support, subject="Elsewhere", customer=shop.w.paula_partner
    )
    with pytest.raises(InvalidState) as caught:
        shop.desk.reverse_invoice(shop.w.alice, other.id, invoice=shop.invoice)
    assert caught.value.fields["state"] == "refunds off"


# ----- coupons -----


def ten_percent(shop: Shop, **extra: Any) -> int:
    return shop.desk.create_coupon_program(
        shop.w.manager,
        company=shop.w.acme,
        name="Sorry 10%",
        currency="EUR",
        reward=Reward(kind=RewardKind.DISCOUNT, discount_percent=Decimal("10")),
        **extra,
    ).id


def test_a_coupon_from_a_ticket(shop: Shop) -> None:
    program = ten_percent(shop)
    coupon = shop.desk.generate_coupon(shop.w.alice, shop.ticket, program=program)
    assert coupon.partner == shop.w.paula_partner
    assert (coupon.points, coupon.valid_until, coupon.ticket) == (1, None, shop.ticket)
    assert len(coupon.code) == len("XXXX-XXXX-XXXX-XXXX-C")
    assert shop.desk.get_coupon(shop.w.alice, coupon.id) == coupon
    assert shop.desk.ticket_coupons(shop.w.alice, shop.ticket) == [coupon]
    message = shop.desk.send_coupon(shop.w.alice, coupon.id)
    assert message.recipients == [shop.w.paula_partner]
    assert coupon.code in message.body
    link = shop.desk.coupon_share_link(shop.w.alice, coupon.id, "https://shop.example.com/")
    code = urllib.parse.quote(coupon.code, safe="")  # the check character may be `$`
    assert link == f"https://shop.example.com/coupon/{code}?r=%2Fshop"


def test_a_coupon_redeemed_twice_is_used(shop: Shop) -> None:
    coupon = shop.desk.generate_coupon(shop.w.alice, shop.ticket, program=ten_percent(shop))
    redeemed = shop.desk.redeem_coupon(shop.w.paula, company=shop.w.acme, code=coupon.code)
    assert redeemed.coupon.points == 0
    assert redeemed.discount == Decimal("0")
    assert redeemed.free_product is None
    before = shop.desk.snapshot()
    with pytest.raises(InvalidState) as caught:
        shop.desk.redeem_coupon(
            SYSTEM, company=shop.w.acme, code=coupon.code, partner=shop.w.paula_partner
        )
    assert caught.value.code == "coupon_used"
    assert caught.value.fields["typed"] == coupon.code
    assert "used" in caught.value.fields["reason"]
    assert isinstance(caught.value, HelpdeskError)
    assert shop.desk.snapshot() == before


def mistype(code: str) -> str:
    """The code with its first character changed (the check character catches it)."""
    first = "1" if code[0] != "1" else "2"
    return first + code[1:]


def test_a_mistyped_code_is_told_apart_from_an_unknown_one(shop: Shop) -> None:
    coupon = shop.desk.generate_coupon(shop.w.alice, shop.ticket, program=ten_percent(shop))
    with pytest.raises(InvalidInput) as caught:
        shop.desk.redeem_coupon(SYSTEM, company=shop.w.acme, code=mistype(coupon.code))
    assert caught.value.code == "coupon_mistyped"
    with pytest.raises(InvalidInput) as unknown:
        shop.desk.redeem_coupon(SYSTEM, company=shop.w.acme, code="0000-0000-0000-0000-0")
    assert unknown.value.code == "coupon_unknown"
    # Lower case and without dashes is still the same coupon.
    typed = coupon.code.replace("-", "").lower()
    redeemed = shop.desk.redeem_coupon(
        SYSTEM, company=shop.w.acme, code=typed, partner=shop.w.paula_partner
    )
    assert redeemed.coupon.id == coupon.id


def test_reserved_and_expired_coupons(shop: Shop) -> None:
    coupon = shop.desk.generate_coupon(
        shop.w.alice, shop.ticket, program=ten_percent(shop), valid_until=TODAY
    )
    assert coupon.valid_until == TODAY
    with pytest.raises(InvalidState) as reserved:
        shop.desk.redeem_coupon(
            SYSTEM, company=shop.w.acme, code=coupon.code, partner=shop.w.peter_partner
        )
    assert reserved.value.code == "coupon_reserved"
    shop.w.clock.advance(datetime.timedelta(days=1))
    with pytest.raises(InvalidState) as expired:
        shop.desk.redeem_coupon(shop.w.paula, company=shop.w.acme, code=coupon.code)
    assert expired.value.code == "coupon_expired"


def test_a_fixed_amount_on_a_qualifying_order(shop: Shop) -> None:
    program = shop.desk.create_coupon_program(
        shop.w.manager,
        company=shop.w.acme,
        name="25 off",
        currency="EUR",
        reward=Reward(kind=RewardKind.FIXED_AMOUNT, fixed_amount="25"),
        conditions=RewardConditions(minimum_amount=Decimal(100)),
        valid_from=TODAY,
        usage_limit=10,
        points_per_use=1,
    )
    assert program.reward.scope is RewardScope.ORDER
    assert program.conditions.minimum_amount == Decimal(100)
    assert (program.valid_from, program.valid_until) == (TODAY, None)
    assert shop.desk.get_coupon_program(shop.w.alice, program.id) == program
    coupon = shop.desk.generate_coupon(shop.w.alice, shop.ticket, program=program.id, points=2)
    redeemed = shop.desk.redeem_coupon(
        shop.w.alice,
        company=shop.w.acme,
        code=coupon.code,
        partner=shop.w.paula_partner,
        sale_order=shop.order,
    )
    assert (redeemed.discount, redeemed.coupon.points) == (Decimal("25.00"), 1)
    assert shop.desk.get_coupon_program(shop.w.alice, program.id).used == 1


def test_seeded_desks_draw_the_same_codes(world: World) -> None:
    def first_code(seed: int) -> str:
        desk = Helpdesk.in_memory(clock=world.clock, seed=seed)
        acme = desk.create_company(SYSTEM, name="Acme").id
        partner = desk.create_partner(SYSTEM, company=acme, name="Carla").id
        team = desk.create_team(
            SYSTEM, company=acme, name="Care", settings=TeamSettings(coupons=True)
        ).id
        ticket = desk.create_ticket(SYSTEM, team=team, subject="Sorry", customer=partner).id
        program = desk.create_coupon_program(
            SYSTEM,
            company=acme,
            name="10%",
            currency="EUR",
            reward=Reward(kind="discount", discount_percent=10),  # type: ignore[arg-type]
        ).id
        return desk.generate_coupon(SYSTEM, ticket, program=program).code

    assert first_code(7) == first_code(7) != first_code(8)


# ----- bad decimals and dates -----

# Each call gets the shop and the id of a draft credit note made beforehand.
Call = Callable[[Shop, int], Any]

NOT_A_NUMBER: dict[str, Call] = {
    "tax percent is text": lambda s, _: s.desk.create_tax(
        s.w.manager, company=s.w.acme, name="VAT", percent="twenty-one"
    ),
    "sale price is NaN": lambda s, _: s.desk.create_product(
        s.w.manager, company=s.w.acme, name="X", sale_price=Decimal("NaN")
    ),
    "too many digits": lambda s, _: s.desk.create_tax(
        s.w.manager, company=s.w.acme, name="VAT", percent="1" * 40
    ),
    "credit quantity is infinite": lambda s, note: s.desk.update_credit_note_line(
        s.w.alice, note, 0, quantity=Decimal("Infinity")
    ),
    "credit price is empty": lambda s, note: s.desk.update_credit_note_line(
        s.w.alice, note, 0, unit_price=""
    ),
    "order line quantity is text": lambda s, _: s.desk.create_sale_order(
        s.w.manager,
        company=s.w.acme,
        customer=s.w.paula_partner,
        currency="EUR",
        lines=[SaleOrderLine(product=s.toner, quantity="lots", unit_price=1)],
    ),
}


@pytest.mark.parametrize("call", NOT_A_NUMBER.values(), ids=NOT_A_NUMBER.keys())
def test_a_decimal_that_is_not_a_number_is_invalid_input(shop: Shop, call: Call) -> None:
    note = shop.desk.reverse_invoice(shop.w.alice, shop.ticket, invoice=shop.invoice).id
    before = shop.desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        call(shop, note)
    assert caught.value.code == "invalid_input"
    assert caught.value.fields["field"] in {"percent", "sale_price", "quantity", "unit_price"}
    assert "not an exact decimal number" in caught.value.fields["reason"]
    assert shop.desk.snapshot() == before


def test_a_bad_decimal_in_a_record_names_its_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        SaleOrderLine(product=1, quantity="three", unit_price=1)
    assert caught.value.fields["field"] == "quantity"
    with pytest.raises(InvalidInput) as reward:
        Reward(kind=RewardKind.DISCOUNT, discount_percent="ten")
    assert reward.value.fields["field"] == "discount_percent"


TYPE_ERRORS: dict[str, Callable[[], Any]] = {
    "float": lambda: NewInvoiceLine(quantity=1.5),  # type: ignore[arg-type]
    "bool": lambda: SaleOrderLine(product=1, quantity=True, unit_price=1),  # bool is an int to mypy
    "list": lambda: RewardConditions(minimum_amount=[100]),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", TYPE_ERRORS.values(), ids=TYPE_ERRORS.keys())
def test_decimals_of_another_type_are_type_errors(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError, match=r"decimal\.Decimal, int or str"):
        call()


def test_a_float_is_refused_with_a_hint() -> None:
    with pytest.raises(TypeError, match="cannot hold money exactly"):
        SaleOrderLine(product=1, quantity=1, unit_price=0.1)  # type: ignore[arg-type]


def test_decimals_keep_their_exact_value() -> None:
    line = NewInvoiceLine(quantity=Decimal("1.5E+3"), unit_price=2**40)
    assert line.quantity == Decimal(1500)
    assert line.unit_price == Decimal(2**40)
    assert str(NewInvoiceLine(quantity="0.10").quantity) == "0.10"
    with pytest.raises(InvalidInput):  # the text of a number, nothing around it
        NewInvoiceLine(quantity=" 0.10 ")


def test_a_datetime_is_not_a_date(shop: Shop) -> None:
    before = shop.desk.snapshot()
    with pytest.raises(TypeError, match=r"datetime\.date"):
        shop.desk.reverse_invoice(
            shop.w.alice,
            shop.ticket,
            invoice=shop.invoice,
            reversal_date=datetime.datetime(2026, 3, 4, tzinfo=datetime.timezone.utc),
        )
    with pytest.raises(TypeError, match=r"datetime\.date"):
        shop.desk.generate_coupon(
            shop.w.alice,
            shop.ticket,
            program=1,
            valid_until="2026-03-04",  # type: ignore[arg-type]
        )
    assert shop.desk.snapshot() == before
