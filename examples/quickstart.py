"""A whole helpdesk scenario from Python, on the embedded SQLite store: a
company, a portal-visible team on a working calendar with automatic
assignment and an SLA policy, a private team, agents, a portal customer
submitting a ticket, replies and internal notes, stage moves to Solved,
what the customer and another agent can and cannot see, the SLA report,
a partial refund by credit note and a coupon from a ticket, prepaid support
hours, a repair and an on-site visit, and the outbox.

The same scenario as examples/quickstart.rs. Run it with
``python examples/quickstart.py`` once the ``helpdesk`` wheel is installed
(``make -C bindings-python install``).
"""

from __future__ import annotations

import datetime
import tempfile
from decimal import Decimal
from pathlib import Path

import helpdesk
from helpdesk import (
    Actor,
    AssignmentMethod,
    Helpdesk,
    HelpdeskError,
    HelpdeskRole,
    JournalKind,
    NewInvoiceLine,
    NewTicket,
    Priority,
    Reward,
    RewardKind,
    SaleOrderLine,
    ServicePolicy,
    TeamSettingsPatch,
    Tracking,
    User,
    UserKind,
    Visibility,
    Weekday,
    Within,
    WorkingHours,
)


def main() -> None:
    path = Path(tempfile.gettempdir()) / "helpdesk-quickstart-py.sqlite"
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    desk = Helpdesk.open(path)
    print(f"helpdesk {helpdesk.version()} on {path}")

    # The host sets up the directory as the system actor.
    system = Actor.system()
    acme = desk.create_company(system, name="Acme Inc.")

    def staff(name: str, role: HelpdeskRole) -> User:
        return desk.create_user(
            system,
            name=name,
            email=f"{name.lower()}@acme.example",
            kind=UserKind.INTERNAL,
            role=role,
            companies=[acme.id],
        )

    manager = staff("Mia", HelpdeskRole.MANAGER)
    alice = staff("Alice", HelpdeskRole.AGENT)
    bob = staff("Bob", HelpdeskRole.AGENT)
    customer = desk.create_partner(
        system, company=acme.id, name="Carla Customer", email="carla@example.com"
    )
    carla = desk.create_user(
        system,
        name="Carla",
        email=customer.email,
        kind=UserKind.PORTAL,
        companies=[acme.id],
        partner=customer.id,
    )

    # The manager configures two teams: one on the portal, one private.
    as_manager = Actor.user(manager.id)
    support = desk.create_team(
        as_manager,
        company=acme.id,
        name="Customer Care",
        description="Customer Care questions",
        visibility=Visibility.PORTAL,
        members=[alice.id, bob.id],
    )
    payroll = desk.create_team(
        as_manager,
        company=acme.id,
        name="Payroll",
        description="Payroll questions",
        visibility=Visibility.INVITED_INTERNAL,
        members=[alice.id],
    )
    stages = desk.list_stages(as_manager, support.id)
    print(f"team {support.name!r} stages: {[stage.name for stage in stages]}")
    in_progress, solved = stages[1], stages[2]

    # Customer Care works Mon-Fri 09:00-12:00 and 13:00-17:00 in Brussels,
    # assigns new tickets to the agent with the fewest open ones, and
    # promises urgent tickets a first answer within 4 working hours.
    monday_to_friday = list(Weekday)[:5]
    office_hours = [
        WorkingHours(day, start, end)
        for day in monday_to_friday
        for start, end in [("09:00", "12:00"), ("13:00", "17:00")]
    ]
    office = desk.create_calendar(
        as_manager,
        company=acme.id,
        name="Brussels office",
        time_zone="Europe/Brussels",
        hours=office_hours,
    )
    desk.update_team(
        as_manager,
        support.id,
        settings=TeamSettingsPatch(
            auto_assignment=True,
            assignment_method=AssignmentMethod.EQUAL_OPEN_TICKETS,
            calendar=office.id,
            use_sla=True,
            refunds=True,
            coupons=True,
        ),
    )
    first_answer = desk.create_sla_policy(
        as_manager,
        team=support.id,
        name="Urgent: first answer in 4 h",
        priority=Priority.URGENT,
        target_stage=in_progress.id,
        within=Within(hours=4),
    )
    desk.update_stage(as_manager, solved.id, email_template="helpdesk.ticket_solved")

    # The customer submits a ticket through the portal form.
    as_carla = Actor.user(carla.id)
    ticket = desk.submit_ticket(
        as_carla, team=support.id, subject="My printer eats paper", description="Since Monday."
    )
    names = {alice.id: alice.name, bob.id: bob.name}

    def name_of(user: int | None) -> str:
        return names.get(user, "nobody") if user is not None else "nobody"

    assignee = desk.get_ticket(as_manager, ticket.id).assignee
    print(f"Carla submitted {ticket.reference} {ticket.subject!r}, assigned to {name_of(assignee)}")

    # Two urgent tickets at once: each goes to whoever has fewer open ones,
    # and gets the deadline of the SLA policy on the team's calendar.
    def urgent(subject: str) -> NewTicket:
        return NewTicket(
            team=support.id, subject=subject, priority=Priority.URGENT, customer=customer.id
        )

    batch = [urgent("Invoice printer on fire"), urgent("Scanner offline")]
    for created in desk.create_tickets(as_manager, batch):
        print(
            f"{created.reference} {created.subject!r}: assigned to {name_of(created.assignee)}, "
            f"SLA deadline {created.sla_deadline}"
        )

    # Alice takes it, notes and replies, and solves it.
    as_alice = Actor.user(alice.id)
    desk.assign_ticket(as_alice, ticket.id, alice.id)
    desk.move_ticket(as_alice, ticket.id, in_progress.id)
    desk.add_internal_note(as_alice, ticket.id, "Model 3000: known roller issue.")
    desk.reply_to_ticket(as_alice, ticket.id, "We are sending a new roller.")
    desk.reply_to_ticket(as_carla, ticket.id, "Thank you!")
    closed = desk.move_ticket(as_alice, ticket.id, solved.id)
    print(f"{closed.reference} is now {solved.name!r}, closed at {closed.closed_at}")

    # A private payroll ticket.
    private = desk.create_ticket(
        as_alice, team=payroll.id, subject="Salary review", priority=Priority.HIGH
    )

    # What each person sees.
    for name, actor in [("Carla", as_carla), ("Bob", Actor.user(bob.id)), ("Mia", as_manager)]:
        page = desk.list_tickets(actor)
        print(f"{name} sees {[t.reference for t in page.tickets]}")
    carla_view = desk.list_messages(as_carla, ticket.id)
    print(
        f"Carla reads {len(carla_view)} messages (internal notes hidden): "
        f"{[message.body for message in carla_view]}"
    )
    try:
        desk.get_ticket(Actor.user(bob.id), private.id)
        print("Bob unexpectedly sees the payroll ticket")
    except HelpdeskError as error:
        print(f"Bob opens {private.reference}: {error} ({error.code})")
    try:
        desk.move_ticket(as_carla, ticket.id, in_progress.id)
        print("Carla unexpectedly moved the ticket")
    except HelpdeskError as error:
        print(f"Carla tries to reopen: {error} ({error.code})")

    # How the team keeps its promises so far.
    report = desk.sla_report(as_manager, company=acme.id, team=support.id, policy=first_answer.id)
    total = report.total
    print(
        f"SLA {first_answer.name!r}: {total.tickets} tickets, {total.failed} failed, "
        f"success rate {total.success_rate}"
    )

    # The host records what its ERP holds: a tax, a product, a sale journal
    # and a posted invoice for Carla (exact decimals, never floats).
    vat = desk.create_tax(system, company=acme.id, name="VAT 21%", percent=Decimal("21"))
    roller = desk.create_product(
        system, company=acme.id, name="Paper roller", sale_price=Decimal("12.50"), taxes=[vat.id]
    )
    sales = desk.create_journal(
        system, company=acme.id, name="Customer Invoices", code="INV", kind=JournalKind.SALE
    )
    draft = desk.create_invoice(
        system,
        company=acme.id,
        customer=customer.id,
        journal=sales.id,
        currency="EUR",
        date=datetime.date(2026, 3, 1),
        lines=[NewInvoiceLine(product=roller.id, quantity=Decimal(2))],
    )
    invoice = desk.post_invoice(system, draft.id)
    print(f"invoice {invoice.number}: {invoice.total} {invoice.currency.code}")

    # A ticket about it: one roller of the two was broken. Alice reverses the
    # invoice into a draft credit note, edits its line down to one roller,
    # posts it, and gives Carla a coupon.
    complaint = desk.create_ticket(
        as_alice, team=support.id, subject="One roller was broken", customer=customer.id
    )
    note = desk.reverse_invoice(as_alice, complaint.id, invoice=invoice.id)
    note = desk.update_credit_note_line(as_alice, note.id, 0, quantity=Decimal(1))
    note = desk.post_invoice(as_alice, note.id)
    [left] = desk.refundable_invoices(as_alice, complaint.id)
    print(
        f"credit note {note.number} ({note.reference}): {note.total} {note.currency.code}; "
        f"{left.remaining} left refundable on {left.invoice.number}"
    )
    program = desk.create_coupon_program(
        as_manager,
        company=acme.id,
        name="Sorry: 10% off",
        currency="EUR",
        reward=Reward(kind=RewardKind.DISCOUNT, discount_percent=Decimal(10)),
    )
    coupon = desk.generate_coupon(as_alice, complaint.id, program=program.id)
    desk.send_coupon(as_alice, coupon.id)
    print(f"coupon {coupon.code} for Carla ({program.name})")

    # Ten hours of prepaid support sold to Carla; the team tracks and bills
    # time, makes repairs and sends technicians on site.
    on_site = desk.create_field_service_project(as_manager, company=acme.id, name="On-site visits")
    desk.update_team(
        as_manager,
        support.id,
        # Only what changes: the settings made above stay as they are.
        settings=TeamSettingsPatch(
            time_tracking=True,
            time_billing=True,
            repairs=True,
            field_service=True,
            field_service_project=on_site.id,
        ),
    )
    technical_support = desk.create_product(
        system,
        company=acme.id,
        name="Technical Support",
        sale_price=Decimal(80),
        service_policy=ServicePolicy.PREPAID,
    )
    order = desk.create_sale_order(
        system,
        company=acme.id,
        customer=customer.id,
        currency="EUR",
        salesperson=manager.id,
        lines=[SaleOrderLine(product=technical_support.id, quantity=10, unit_price=Decimal(80))],
    )
    desk.confirm_sale_order(system, order.id)
    printer = desk.create_product(
        system,
        company=acme.id,
        name="Printer 3000",
        tracking=Tracking.SERIAL,
        sale_price=Decimal("249.00"),
    )
    visit = desk.create_ticket(
        as_alice,
        team=support.id,
        subject="Set up the network printer",
        customer=customer.id,
        product=printer.id,
        lot="SN-3000-42",
    )
    desk.log_time(as_alice, visit.id, quantity=Decimal("1.5"), description="Remote diagnosis")
    hours = desk.ticket_hours(as_alice, visit.id)
    print(
        f"{visit.reference}: {hours.logged_hours} h logged on {order.reference}, "
        f"{hours.remaining_hours} h left on the contract"
    )

    # The printer goes for repair under warranty, and a technician visits.
    repair = desk.create_repair(as_alice, visit.id, under_warranty=True)
    task = desk.create_field_service_task(as_alice, visit.id)
    print(
        f"repair {repair.reference} of serial {repair.lot}; "
        f"field-service task {task.title!r} in {on_site.name}"
    )

    # The host drains the outbox: it sends, then acknowledges.
    outbox = desk.pending_outbox(system, 100)
    for message in outbox:
        print(
            f"outbox #{message.id}: {message.kind.value} to {message.recipients}: {message.subject}"
        )
    sent = desk.acknowledge_outbox(system, [message.id for message in outbox])
    print(f"acknowledged {sent} outbox messages; {len(desk.pending_outbox(system, 100))} left")


if __name__ == "__main__":
    main()
