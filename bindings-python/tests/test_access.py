"""Access from Python: what a user may not see surfaces as NotFound."""

from __future__ import annotations

import pytest
from conftest import SYSTEM, World

from helpdesk import Forbidden, MessageKind, NotFound


def test_a_portal_user_cannot_read_another_customers_ticket(world: World) -> None:
    desk = world.desk
    ticket = desk.submit_ticket(world.paula, team=world.support, subject="Printer on fire")
    assert desk.get_ticket(world.paula, ticket.id) == ticket
    with pytest.raises(NotFound) as caught:
        desk.get_ticket(world.peter, ticket.id)
    assert caught.value.code == "not_found"
    assert caught.value.fields == {"entity": "ticket", "id": str(ticket.id)}
    assert desk.list_tickets(world.peter).tickets == []


def test_an_agent_of_another_company_cannot_read_the_ticket(world: World) -> None:
    ticket = world.desk.submit_ticket(world.paula, team=world.support, subject="Hello")
    with pytest.raises(NotFound):
        world.desk.get_ticket(world.gina, ticket.id)
    assert world.desk.count_tickets(world.gina) == 0


def test_a_private_team_is_hidden_from_uninvited_agents(world: World) -> None:
    desk = world.desk
    ticket = desk.create_ticket(world.alice, team=world.payroll, subject="Salary")
    assert desk.get_ticket(world.manager, ticket.id).id == ticket.id
    with pytest.raises(NotFound):
        desk.get_ticket(world.bob, ticket.id)


def test_portal_users_see_replies_but_not_internal_notes(world: World) -> None:
    desk = world.desk
    ticket = desk.submit_ticket(world.paula, team=world.support, subject="Broken")
    desk.reply_to_ticket(world.alice, ticket.id, "We are on it")
    desk.add_internal_note(world.alice, ticket.id, "Customer is grumpy")
    seen_by_customer = desk.list_messages(world.paula, ticket.id)
    seen_by_agent = desk.list_messages(world.alice, ticket.id)
    assert [m.body for m in seen_by_customer if m.kind is MessageKind.NOTE] == []
    assert "Customer is grumpy" in [m.body for m in seen_by_agent]
    assert "We are on it" in [m.body for m in seen_by_customer]


def test_a_portal_user_cannot_change_a_ticket(world: World) -> None:
    desk = world.desk
    ticket = desk.submit_ticket(world.paula, team=world.support, subject="Broken")
    before = desk.snapshot()
    with pytest.raises(Forbidden):
        desk.update_ticket(world.paula, ticket.id, subject="Fixed?")
    assert desk.snapshot() == before
    assert desk.get_ticket(SYSTEM, ticket.id).subject == "Broken"
