"""Shared fixtures: a desk on a manual clock, and a small world on it."""

from __future__ import annotations

import datetime
import itertools
import os
import time
from dataclasses import dataclass

import pytest

from helpdesk import Actor, Helpdesk, HelpdeskRole, ManualClock, UserKind, Visibility

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)
SYSTEM = Actor.system()


@dataclass
class World:
    """Acme with a portal team (Support) and a private one (Payroll), agents,
    a manager, two portal customers, and Globex with an agent of its own."""

    desk: Helpdesk
    clock: ManualClock
    acme: int
    globex: int
    support: int
    payroll: int
    manager: Actor
    alice: Actor
    bob: Actor
    gina: Actor
    paula: Actor
    peter: Actor
    paula_partner: int
    peter_partner: int


@pytest.fixture
def postgres_location() -> str:
    """A fresh desk's location on the PostgreSQL server that
    HELPDESK_TEST_POSTGRES_URL names (``make test`` starts one): a schema of
    its own. Without a server the test is skipped, unless
    HELPDESK_REQUIRE_POSTGRES makes that a failure."""
    url = os.environ.get("HELPDESK_TEST_POSTGRES_URL", "")
    if not url:
        assert "HELPDESK_REQUIRE_POSTGRES" not in os.environ, (
            "HELPDESK_REQUIRE_POSTGRES without HELPDESK_TEST_POSTGRES_URL: "
            "run through scripts/with-postgres"
        )
        pytest.skip("no HELPDESK_TEST_POSTGRES_URL")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}schema=p{os.getpid()}_{next(_SCHEMAS)}_{time.monotonic_ns()}"


_SCHEMAS = itertools.count()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def desk(clock: ManualClock) -> Helpdesk:
    return Helpdesk.in_memory(clock=clock)


@pytest.fixture
def world(desk: Helpdesk, clock: ManualClock) -> World:
    acme = desk.create_company(SYSTEM, name="Acme").id
    globex = desk.create_company(SYSTEM, name="Globex").id

    def agent(name: str, company: int, role: HelpdeskRole = HelpdeskRole.AGENT) -> Actor:
        user = desk.create_user(
            SYSTEM, name=name, kind=UserKind.INTERNAL, role=role, companies=[company]
        )
        return Actor.user(user.id)

    def portal(name: str) -> tuple[Actor, int]:
        partner = desk.create_partner(SYSTEM, company=acme, name=name)
        user = desk.create_user(
            SYSTEM, name=name, kind=UserKind.PORTAL, companies=[acme], partner=partner.id
        )
        return Actor.user(user.id), partner.id

    manager = agent("Mia Manager", acme, HelpdeskRole.MANAGER)
    alice = agent("Alice Agent", acme)
    bob = agent("Bob Agent", acme)
    gina = agent("Gina Globex", globex)
    paula, paula_partner = portal("Paula Portal")
    peter, peter_partner = portal("Peter Portal")
    alice_id = alice.user_id
    assert alice_id is not None
    support = desk.create_team(
        manager, company=acme, name="Support", visibility=Visibility.PORTAL, members=[alice_id]
    ).id
    payroll = desk.create_team(
        manager,
        company=acme,
        name="Payroll",
        visibility=Visibility.INVITED_INTERNAL,
        members=[alice_id],
    ).id
    return World(
        desk=desk,
        clock=clock,
        acme=acme,
        globex=globex,
        support=support,
        payroll=payroll,
        manager=manager,
        alice=alice,
        bob=bob,
        gina=gina,
        paula=paula,
        peter=peter,
        paula_partner=paula_partner,
        peter_partner=peter_partner,
    )
