"""Records become plain data: ``to_dict()`` gives the core's JSON form (ready
for ``json.dumps``), records pickle through it, compare by value and hash
alike (a set or a dict key holds one of equal records)."""

from __future__ import annotations

import datetime
import decimal
import json
import pickle

import helpdesk
from helpdesk import Actor, Helpdesk, ManualClock, Priority

SYSTEM = Actor.system()
NINE = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)


def a_ticket() -> tuple[Helpdesk, helpdesk.Ticket]:
    desk = Helpdesk.in_memory(clock=ManualClock(NINE))
    acme = desk.create_company(SYSTEM, name="Acme")
    team = desk.create_team(SYSTEM, company=acme.id, name="Support")
    ticket = desk.create_ticket(SYSTEM, team=team.id, subject="Printer", priority=Priority.HIGH)
    return desk, ticket


def test_to_dict_is_the_core_json_form_ready_for_json_dumps() -> None:
    _, ticket = a_ticket()
    data = ticket.to_dict()
    assert data["subject"] == "Printer"
    assert data["priority"] == "high"
    assert data["created_at"] == "2026-03-02T09:00:00Z"
    assert data["id"] == ticket.id
    assert set(data) >= set(type(ticket).__match_args__)
    assert json.loads(json.dumps(data)) == data


def test_a_decimal_is_text_with_its_scale_in_plain_data() -> None:
    desk = Helpdesk.in_memory()
    acme = desk.create_company(SYSTEM, name="Acme")
    product = desk.create_product(
        SYSTEM, company=acme.id, name="Toner", sale_price=decimal.Decimal("12.50")
    )
    assert product.to_dict()["sale_price"] == "12.50"


def test_records_pickle_to_an_equal_record() -> None:
    desk, ticket = a_ticket()
    copy = pickle.loads(pickle.dumps(ticket))
    assert copy == ticket
    assert copy.subject == "Printer"
    assert type(copy) is helpdesk.Ticket
    page = desk.list_tickets(SYSTEM)
    assert pickle.loads(pickle.dumps(page)) == page


def test_equal_records_hash_alike_and_a_change_makes_them_differ() -> None:
    desk, ticket = a_ticket()
    again = desk.get_ticket(SYSTEM, ticket.id)
    assert again == ticket and hash(again) == hash(ticket)
    assert len({ticket, again}) == 1
    changed = desk.update_ticket(SYSTEM, ticket.id, subject="Printer on fire")
    assert changed != ticket
    assert len({ticket, changed}) == 2
