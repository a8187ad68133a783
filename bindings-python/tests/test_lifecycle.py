"""A desk's life: ``close()`` and ``with Helpdesk.open(path) as desk:``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SYSTEM

from helpdesk import Helpdesk, InvalidState


def test_a_with_block_closes_the_desk_and_the_file_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Helpdesk.open(path) as desk:
        assert isinstance(desk, Helpdesk)
        acme = desk.create_company(SYSTEM, name="Acme")
        assert (tmp_path / "desk.sqlite-wal").exists()
    # Core closed the file: SQLite checkpointed and removed its log.
    assert not (tmp_path / "desk.sqlite-wal").exists()
    with pytest.raises(InvalidState) as closed:
        desk.get_company(SYSTEM, acme.id)
    assert closed.value.code == "invalid_state"
    assert closed.value.fields["state"] == "closed"
    with Helpdesk.open(path) as again:
        assert again.get_company(SYSTEM, acme.id) == acme


def test_every_call_after_close_raises_invalid_state() -> None:
    desk = Helpdesk.in_memory()
    desk.create_company(SYSTEM, name="Acme")
    desk.close()
    with pytest.raises(InvalidState):
        desk.snapshot()
    with pytest.raises(InvalidState):
        desk.create_company(SYSTEM, name="Globex")
    with pytest.raises(InvalidState):
        desk.list_teams(SYSTEM)


def test_closing_twice_is_harmless() -> None:
    desk = Helpdesk.in_memory()
    desk.close()
    desk.close()
    with pytest.raises(InvalidState):
        desk.snapshot()


def test_an_exception_in_the_with_block_propagates_and_the_desk_is_closed(
    tmp_path: Path,
) -> None:
    with pytest.raises(KeyError), Helpdesk.open(tmp_path / "desk.sqlite") as desk:
        raise KeyError("boom")
    with pytest.raises(InvalidState):
        desk.snapshot()
