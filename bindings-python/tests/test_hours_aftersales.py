"""Support hours, returns, repairs and field service from Python (issues 9
and 10): a prepaid contract in hours and days, returns refused before
anything is written, worksheets only on projects that use them, a portal
customer following the on-site visit of their ticket, and the types at the
boundary (decimals, dates, enums, order-line references)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from conftest import SYSTEM, World

from helpdesk import (
    Company,
    ContractLine,
    Exchange,
    FieldServiceTask,
    Forbidden,
    Helpdesk,
    HelpdeskError,
    InvalidInput,
    InvalidState,
    InvoiceState,
    JournalKind,
    LocationKind,
    OrderLineRef,
    RepairState,
    ReturnQuantity,
    SaleOrderLine,
    SaleOrderState,
    ServicePolicy,
    TaskStage,
    TeamSettings,
    TicketHours,
    TimeEntry,
    Tracking,
    TransferKind,
    TransferLine,
    TransferState,
    Visibility,
)

TODAY = datetime.date(2026, 3, 2)


@dataclass
class AfterSales:
    """The world plus a portal team with every after-sales switch on (time
    tracked and billed, returns, repairs, field service on a project with
    worksheets), Paula's address, stock locations, a printer and toner, a
    prepaid support product (500 an hour), a sale journal, and a done
    delivery of one printer and five toners to Paula."""

    w: World
    team: int
    onsite: int
    plain_project: int
    stock: int
    customers: int
    printer: int
    toner: int
    support_hours: int
    journal: int
    delivery: int

    @property
    def desk(self) -> Helpdesk:
        return self.w.desk

    def ticket(self, subject: str = "Printer jams") -> int:
        return self.desk.create_ticket(
            self.w.alice,
            team=self.team,
            subject=subject,
            customer=self.w.paula_partner,
            product=self.printer,
            lot="SN-42",
        ).id


@pytest.fixture
def shop(world: World) -> AfterSales:
    desk, manager = world.desk, world.manager
    alice_id = world.alice.user_id
    assert alice_id is not None
    desk.update_partner(SYSTEM, world.paula_partner, address="1 Main St, Brussels")
    onsite = desk.create_field_service_project(
        manager,
        company=world.acme,
        name="On site",
        worksheets=True,
        default_worksheet_template="Printer check",
    ).id
    plain_project = desk.create_field_service_project(manager, company=world.acme, name="Plain").id
    team = desk.create_team(
        manager,
        company=world.acme,
        name="After sales",
        visibility=Visibility.PORTAL,
        members=[alice_id],
        settings=TeamSettings(
            time_tracking=True,
            time_billing=True,
            returns=True,
            repairs=True,
            field_service=True,
            field_service_project=onsite,
        ),
    ).id
    stock = desk.create_location(
        manager, company=world.acme, name="WH/Stock", kind=LocationKind.INTERNAL
    ).id
    customers = desk.create_location(
        manager, company=world.acme, name="Customers", kind=LocationKind.CUSTOMER
    )
    printer = desk.create_product(
        manager, company=world.acme, name="Printer", tracking=Tracking.SERIAL, sale_price="300"
    ).id
    toner = desk.create_product(
        manager, company=world.acme, name="Toner", tracking=Tracking.LOT, sale_price="30"
    ).id
    support_hours = desk.create_product(
        manager,
        company=world.acme,
        name="Technical Support",
        sale_price=Decimal(500),
        service_policy=ServicePolicy.PREPAID,
    )
    assert support_hours.service_policy is ServicePolicy.PREPAID
    assert support_hours.unit is not None  # Hours, the working-time default
    journal = desk.create_journal(
        manager, company=world.acme, name="Sales", code="INV", kind=JournalKind.SALE
    ).id
    delivery = desk.create_delivery(
        manager,
        company=world.acme,
        customer=world.paula_partner,
        source=stock,
        destination=customers.id,
        lines=[
            TransferLine(product=printer, quantity=1, lot="SN-42"),
            TransferLine(product=toner, quantity=Decimal(5), lot="L-7"),
        ],
    )
    assert (delivery.kind, delivery.state) == (TransferKind.DELIVERY, TransferState.READY)
    delivery = desk.validate_transfer(manager, delivery.id)
    assert delivery.state is TransferState.DONE
    assert isinstance(delivery.done_at, datetime.datetime)
    return AfterSales(
        w=world,
        team=team,
        onsite=onsite,
        plain_project=plain_project,
        stock=stock,
        customers=customers.id,
        printer=printer,
        toner=toner,
        support_hours=support_hours.id,
        journal=journal,
        delivery=delivery.id,
    )


def units(shop: AfterSales) -> tuple[int, int]:
    """The company's Hours and Days."""
    by_name = {unit.name: unit for unit in shop.desk.list_units(shop.w.alice, shop.w.acme)}
    hours, days = by_name["Hours"], by_name["Days"]
    assert (hours.ratio, days.ratio) == (Decimal(1), Decimal(8))
    assert hours.category == days.category
    return hours.id, days.id


# ----- support hours -----


def test_prepaid_contract_in_hours_and_days(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    hours, days = units(shop)
    manager_id = w.manager.user_id
    order = desk.create_sale_order(
        w.manager,
        company=w.acme,
        customer=w.paula_partner,
        currency="EUR",
        salesperson=manager_id,
        lines=[SaleOrderLine(product=shop.support_hours, quantity=50, unit_price="500")],
    )
    assert order.salesperson == manager_id and order.upsell_alerted == []
    assert order.lines[0].unit is None
    with pytest.raises(InvalidState):  # a draft order bills nothing
        desk.invoice_sale_order(w.manager, order.id, shop.journal)
    desk.confirm_sale_order(w.manager, order.id)

    invoice = desk.invoice_sale_order(w.manager, order.id, shop.journal)
    assert invoice.state is InvoiceState.DRAFT and invoice.sale_order == order.id
    assert invoice.total == Decimal("25000.00") and str(invoice.total) == "25000.00"
    assert invoice.lines[0].quantity == Decimal(50) and invoice.lines[0].sale_line == 0

    # A new ticket of the customer is charged to the prepaid line.
    ticket = shop.ticket("Cannot log in")
    line = OrderLineRef(order=order.id, line=0)
    assert desk.get_ticket(w.alice, ticket).sale_line == line

    entry = desk.log_time(w.alice, ticket, quantity=Decimal(10), description="Reset the SSO")
    assert isinstance(entry, TimeEntry)
    assert (entry.unit, entry.agent, entry.date) == (hours, w.alice.user_id, TODAY)
    assert entry.sale_line == line and entry.invoice is None
    in_days = desk.log_time(w.alice, ticket, quantity="1", unit=days, date=TODAY)
    assert in_days.quantity == Decimal(1) and in_days.unit == days

    figures = desk.ticket_hours(w.alice, ticket)
    assert isinstance(figures, TicketHours)
    assert figures.logged_hours == Decimal("18.00")  # 10 h + 1 day of 8 h
    assert figures.remaining_hours == Decimal("32.00")
    assert figures.sale_line == line

    [contract] = desk.customer_contracts(w.alice, w.acme, w.paula_partner)
    assert isinstance(contract, ContractLine)
    assert contract.line == line and contract.order_reference == order.reference
    assert (contract.policy, contract.order_state) == (
        ServicePolicy.PREPAID,
        SaleOrderState.CONFIRMED,
    )
    assert (contract.ordered, contract.delivered, contract.remaining) == (
        Decimal(50),
        Decimal(18),
        Decimal(32),
    )
    assert contract.invoiced == Decimal(50) and contract.upselling is False

    # Conversions go through the core's rounding (Days round to 0.01).
    assert desk.convert_quantity(w.alice, Decimal("1.5"), days, hours) == Decimal("12.00")
    assert desk.convert_quantity(w.alice, 1, from_=hours, to=days) == Decimal("0.13")

    # Editing, moving and deleting entries.
    in_days = desk.update_time_entry(w.alice, in_days.id, quantity="0.5", description="Half a day")
    assert in_days.description == "Half a day"
    assert desk.ticket_hours(w.alice, ticket).logged_hours == Decimal("14.00")
    desk.delete_time_entry(w.alice, in_days.id)
    assert [e.id for e in desk.ticket_time_entries(w.alice, ticket)] == [entry.id]
    unlinked = desk.set_ticket_sale_line(w.alice, ticket, None)
    assert unlinked.sale_line is None
    assert desk.ticket_hours(w.alice, ticket).remaining_hours is None

    # Overspending the contract puts the order on the upsell list.
    desk.set_ticket_sale_line(w.alice, ticket, line)
    desk.log_time(w.alice, ticket, quantity=45)
    assert desk.ticket_hours(w.alice, ticket).remaining_hours == Decimal("-5.00")
    [upsell] = desk.upsell_orders(w.alice, w.acme)
    assert upsell.id == order.id and upsell.upsell_alerted == [0]
    done = desk.mark_sale_order_done(w.manager, order.id)
    assert done.state is SaleOrderState.DONE
    assert desk.upsell_orders(w.alice, w.acme) == []


def test_support_hours_settings_and_units(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    hours, days = units(shop)
    acme = desk.set_support_hours(
        w.manager, w.acme, hours_per_day=Decimal("7.5"), upsell_threshold=120
    )
    assert isinstance(acme, Company) and acme.upsell_threshold == Decimal(120)
    assert desk.convert_quantity(w.alice, 2, days, hours) == Decimal("15.00")
    with pytest.raises(Forbidden):
        desk.set_support_hours(w.alice, w.acme, hours_per_day=8)

    weight = desk.create_unit_category(w.manager, w.acme, "Weight")
    assert weight.working_time is False
    kg = desk.create_unit(w.manager, company=w.acme, category=weight.id, name="kg", ratio=1)
    assert kg.rounding == Decimal("0.01")
    with pytest.raises(InvalidInput):  # hours do not convert into kilograms
        desk.convert_quantity(w.alice, 1, hours, kg.id)
    with pytest.raises(InvalidInput):  # a service is sold in working time
        desk.create_product(
            w.manager,
            company=w.acme,
            name="Support by weight",
            unit=kg.id,
            service_policy=ServicePolicy.PREPAID,
        )


def test_time_input_is_checked_before_anything_is_written(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    before = desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        desk.log_time(w.alice, ticket, quantity="ten")
    assert caught.value.code == "invalid_input" and caught.value.fields["field"] == "quantity"
    with pytest.raises(InvalidInput):
        desk.log_time(w.alice, ticket, quantity=0)
    with pytest.raises(TypeError):
        desk.log_time(w.alice, ticket, quantity=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        desk.log_time(
            w.alice,
            ticket,
            quantity=1,
            date=datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc),
        )
    assert desk.snapshot() == before


def test_time_is_tracked_only_where_the_team_says_so(world: World) -> None:
    desk = world.desk
    ticket = desk.create_ticket(world.alice, team=world.support, subject="No tracking").id
    with pytest.raises(InvalidState):
        desk.log_time(world.alice, ticket, quantity=1)


# ----- returns -----


def test_returnable_deliveries_and_partial_return(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    [returnable] = desk.returnable_deliveries(w.alice, ticket)
    assert returnable.delivery.id == shop.delivery
    assert [(line.line, line.returnable) for line in returnable.lines] == [
        (0, Decimal(1)),
        (1, Decimal(5)),
    ]
    back = desk.return_products(
        w.alice, ticket, delivery=shop.delivery, lines=[ReturnQuantity(line=1, quantity="2")]
    )
    assert (back.kind, back.state, back.origin) == (
        TransferKind.RETURN,
        TransferState.READY,
        shop.delivery,
    )
    assert (back.source, back.destination, back.ticket) == (shop.customers, shop.stock, ticket)
    assert [(line.product, line.quantity, line.returns_line) for line in back.lines] == [
        (shop.toner, Decimal(2), 1)
    ]
    [after] = desk.returnable_deliveries(w.alice, ticket, product=shop.toner)
    assert (after.lines[1].returned, after.lines[1].returnable) == (Decimal(2), Decimal(3))
    assert desk.ticket_returns(w.alice, ticket) == [back]
    assert desk.get_transfer(w.paula, back.id) == back  # the customer sees her ticket's return
    assert desk.cancel_transfer(w.alice, back.id).state is TransferState.CANCELLED


def test_returning_more_than_delivered_changes_nothing(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    before = desk.snapshot()
    with pytest.raises(InvalidInput) as caught:
        desk.return_products(
            w.alice, ticket, delivery=shop.delivery, lines=[ReturnQuantity(line=1, quantity=6)]
        )
    assert caught.value.code == "invalid_input"
    with pytest.raises(InvalidInput):  # nothing to return at all
        desk.return_products(
            w.alice, ticket, delivery=shop.delivery, lines=[ReturnQuantity(line=0, quantity=0)]
        )
    with pytest.raises(InvalidInput):  # not a number: refused in the binding, named
        desk.return_products(
            w.alice, ticket, delivery=shop.delivery, lines=[ReturnQuantity(line=1, quantity="x")]
        )
    assert desk.snapshot() == before
    assert desk.ticket_returns(w.alice, ticket) == []


def test_return_for_exchange(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    exchange = desk.return_for_exchange(
        w.alice, ticket, delivery=shop.delivery, lines=[ReturnQuantity(line=0, quantity=1)]
    )
    assert isinstance(exchange, Exchange)
    assert exchange.return_transfer.kind is TransferKind.RETURN
    assert exchange.delivery.kind is TransferKind.DELIVERY
    assert [(line.product, line.quantity) for line in exchange.delivery.lines] == [
        (shop.printer, Decimal(1))
    ]


# ----- repairs -----


def test_repair_from_a_ticket(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    repair = desk.create_repair(w.alice, ticket, tags=["printer"])
    assert (repair.reference, repair.state) == ("RO/00001", RepairState.NEW)
    assert (repair.customer, repair.product, repair.lot) == (w.paula_partner, shop.printer, "SN-42")
    assert repair.scheduled_date == TODAY and repair.tags == ["printer"]

    repair = desk.add_repair_part(w.alice, repair.id, product=shop.toner, quantity=2)
    assert repair.parts[0].unit_price == Decimal(30)
    repair = desk.update_repair(
        w.alice,
        repair.id,
        under_warranty=True,
        scheduled_date=datetime.date(2026, 3, 9),
        notes="Roller worn",
    )
    assert repair.parts[0].unit_price == Decimal(0) and repair.notes == "Roller worn"
    assert repair.scheduled_date == datetime.date(2026, 3, 9)
    repair = desk.add_repair_part(
        w.alice, repair.id, product=shop.printer, quantity=1, unit_price="10"
    )
    repair = desk.remove_repair_part(w.alice, repair.id, 1)
    assert [part.product for part in repair.parts] == [shop.toner]

    quotation = desk.repair_quotation(w.alice, repair.id, "EUR")
    assert quotation.state is SaleOrderState.DRAFT and quotation.customer == w.paula_partner
    assert desk.get_repair(w.alice, repair.id).quotation == quotation.id
    assert [r.id for r in desk.ticket_repairs(w.paula, ticket)] == [repair.id]

    states = [desk.advance_repair(w.alice, repair.id).state for _ in range(3)]
    assert states == [RepairState.CONFIRMED, RepairState.UNDER_REPAIR, RepairState.REPAIRED]
    with pytest.raises(InvalidState):
        desk.cancel_repair(w.alice, repair.id)


def test_repairs_need_the_team_switch(world: World) -> None:
    desk = world.desk
    ticket = desk.create_ticket(world.alice, team=world.support, subject="Broken").id
    with pytest.raises(HelpdeskError) as caught:
        desk.create_repair(world.alice, ticket)
    assert caught.value.code == "invalid_state"


# ----- field service -----


def test_worksheet_template_needs_a_project_with_worksheets(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    before = desk.snapshot()
    with pytest.raises(InvalidInput):
        desk.create_field_service_task(
            w.alice, ticket, project=shop.plain_project, worksheet_template="Printer check"
        )
    with pytest.raises(InvalidInput):
        desk.create_field_service_project(
            w.manager, company=w.acme, name="Odd", default_worksheet_template="X"
        )
    assert desk.snapshot() == before
    plain = desk.create_field_service_task(
        w.alice, ticket, project=shop.plain_project, title="Replace roller"
    )
    assert plain.title == "Replace roller" and plain.worksheet_template is None


def test_portal_customer_follows_the_task_of_her_ticket(shop: AfterSales) -> None:
    desk, w = shop.desk, shop.w
    ticket = shop.ticket()
    task = desk.create_field_service_task(w.alice, ticket)
    assert isinstance(task, FieldServiceTask)
    assert (task.title, task.project, task.ticket) == ("Printer jams", shop.onsite, ticket)
    assert (task.customer, task.address) == (w.paula_partner, "1 Main St, Brussels")
    assert (task.worksheet_template, task.stage) == ("Printer check", TaskStage.NEW)

    planned = desk.move_field_service_task(w.alice, task.id, TaskStage.PLANNED)
    assert planned.stage is TaskStage.PLANNED
    assert desk.get_field_service_task(w.paula, task.id) == planned
    assert desk.ticket_field_service_tasks(w.paula, ticket) == [planned]
    with pytest.raises(Forbidden):
        desk.move_field_service_task(w.paula, task.id, "done")  # type: ignore[arg-type]
    with pytest.raises(HelpdeskError):  # another portal customer does not see it
        desk.get_field_service_task(w.peter, task.id)
    with pytest.raises(ValueError):
        desk.move_field_service_task(w.alice, task.id, "teleported")  # type: ignore[arg-type]


def test_partner_address_is_kept_and_cleared(world: World) -> None:
    desk = world.desk
    partner = desk.create_partner(SYSTEM, company=world.acme, name="Olga", address=" 2 Rue Haute ")
    assert partner.address == "2 Rue Haute"
    assert desk.update_partner(SYSTEM, partner.id, address="").address is None
