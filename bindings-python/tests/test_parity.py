"""Every core operation is a method of helpdesk.Helpdesk; the Python enums
match the core's variants."""

from __future__ import annotations

import enum

import pytest
from hooks import native_hooks

import helpdesk
from helpdesk import _enums

ENUMS: list[type[enum.Enum]] = [getattr(_enums, name) for name in _enums.__all__]


def test_operations_come_from_the_core() -> None:
    names = helpdesk.operations()
    assert len(names) == len(set(names)) > 40
    assert "create_ticket" in names


@pytest.mark.parametrize("name", helpdesk.operations())
def test_every_operation_is_a_method(name: str) -> None:
    assert callable(getattr(helpdesk.Helpdesk, name, None)), name


def test_every_public_method_is_an_operation_or_a_constructor() -> None:
    extra = {"in_memory", "open", "close", "snapshot"}
    methods = {name for name in vars(helpdesk.Helpdesk) if not name.startswith("_")}
    assert methods == set(helpdesk.operations()) | extra


def test_there_are_twenty_five_enums() -> None:
    assert len(ENUMS) == 25
    assert all(issubclass(cls, enum.Enum) for cls in ENUMS)


@pytest.mark.parametrize("cls", ENUMS, ids=[c.__name__ for c in ENUMS])
def test_enum_members_are_the_core_variants(cls: type[enum.Enum]) -> None:
    assert [m.value for m in cls] == native_hooks().core_enum_names(cls.__name__)
    assert all(isinstance(m, str) and m == m.value for m in cls)
