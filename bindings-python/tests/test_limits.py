"""VIS-13 from Python: a desk's text limits, set per desk by the ``limits``
keyword of ``Helpdesk.in_memory``/``open`` (core's ``DeskOptions``, read by
core's ``json_api::read``); text over a limit is ``InvalidInput`` naming the
field and the limit, and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SYSTEM

from helpdesk import Helpdesk, InvalidInput, Limits, ManualClock


def care_team(desk: Helpdesk) -> int:
    acme = desk.create_company(SYSTEM, name="Acme").id
    return desk.create_team(SYSTEM, company=acme, name="Care").id


def refused_subject(desk: Helpdesk, team: int, subject: str) -> InvalidInput:
    before = desk.snapshot()
    with pytest.raises(InvalidInput) as refused:
        desk.create_ticket(SYSTEM, team=team, subject=subject)
    assert desk.snapshot() == before
    return refused.value


def test_vis_13_limits_are_configurable_per_desk(clock: ManualClock) -> None:
    small = Helpdesk.in_memory(clock=clock, limits=Limits(subject=10))
    team = care_team(small)
    refused = refused_subject(small, team, "x" * 11)
    assert refused.code == "invalid_input"
    assert refused.fields["field"] == "subject"
    assert "at most 10 characters" in refused.fields["reason"]
    assert small.create_ticket(SYSTEM, team=team, subject="x" * 10).subject == "x" * 10

    default = Helpdesk.in_memory(clock=clock)
    team = care_team(default)
    refused = refused_subject(default, team, "y" * 301)
    assert refused.fields["field"] == "subject"
    assert "at most 300 characters" in refused.fields["reason"]
    assert default.create_ticket(SYSTEM, team=team, subject="y" * 300).subject == "y" * 300

    # A message is measured in bytes of UTF-8: the default 256 KiB, or the desk's.
    ticket = default.create_ticket(SYSTEM, team=team, subject="Long").id
    with pytest.raises(InvalidInput) as too_long:
        default.reply_to_ticket(SYSTEM, ticket, "m" * (256 * 1024 + 1))
    assert too_long.value.fields["field"] == "body"
    assert "at most 262144 bytes" in too_long.value.fields["reason"]
    default.reply_to_ticket(SYSTEM, ticket, "m" * (256 * 1024))
    tiny = Helpdesk.in_memory(clock=clock, limits=Limits(text=16))
    team = care_team(tiny)
    ticket = tiny.create_ticket(SYSTEM, team=team, subject="é" * 20).id
    with pytest.raises(InvalidInput) as too_long:
        tiny.reply_to_ticket(SYSTEM, ticket, "é" * 9)  # 9 characters, 18 bytes
    assert too_long.value.fields["field"] == "body"
    assert "at most 16 bytes" in too_long.value.fields["reason"]
    tiny.reply_to_ticket(SYSTEM, ticket, "é" * 8)


def test_limits_left_out_are_cores_defaults() -> None:
    assert Limits() == Limits(short=256, subject=300, text=262144)
    assert Limits(subject=10) == Limits(short=256, subject=10, text=262144)
    assert Limits(subject=10).to_dict() == {"short": 256, "subject": 10, "text": 262144}


def test_a_file_desk_takes_its_limits_on_every_open(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Helpdesk.open(path, limits=Limits(subject=10)) as desk:
        team = care_team(desk)
        refused_subject(desk, team, "x" * 11)
    # Limits are the desk's set-up, not stored data: another open, another limit.
    with Helpdesk.open(path) as desk:
        assert desk.create_ticket(SYSTEM, team=team, subject="x" * 11).subject == "x" * 11


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 2**64}, "seed"),
        ({"limits": Limits(subject=-1)}, "subject"),
        ({"limits": Limits(text=2**32)}, "text"),
    ],
)
def test_a_bad_option_is_invalid_input_naming_it(
    options: dict[str, Any], field: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput) as refused:
        Helpdesk.in_memory(**options)
    assert refused.value.code == "invalid_input"
    assert refused.value.fields["field"] == field
    # The options are read before the file is opened: none is made.
    with pytest.raises(InvalidInput) as refused:
        Helpdesk.open(tmp_path / "desk.sqlite", **options)
    assert refused.value.fields["field"] == field
    assert not (tmp_path / "desk.sqlite").exists()


def test_an_option_of_the_wrong_type_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match=r"argument 'limits': expected a helpdesk.Limits"):
        Helpdesk.in_memory(limits={"subject": 10})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 'subject': expected an int"):
        Limits(subject="10")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"argument 'seed': expected an int"):
        Helpdesk.in_memory(seed="7")  # type: ignore[arg-type]
