"""Parity with the core.

At run time: every operation of the core façade (``helpdesk.operations()``,
the core's ``OPERATIONS``) is a method of ``helpdesk.Helpdesk``, and the
Python enums hold the core's variants (by the test hooks).

At the signature level: ``core/api.json`` (the core's API described from its
own source, read at run time so the test follows the core) against Python,
twice: the built module (``inspect.signature`` on the compiled methods and
record constructors, the classes' attributes, the enums' members) and the
generated source ``_generated.py`` with the native stub ``_helpdesk.pyi``,
parsed with ``ast``, so neither can drift. The rules are in ``api_parity.mismatches``:

- every operation is a method; its parameters after ``actor`` are the
  core's non-record parameters by name and in order, then the fields of an
  input-record parameter as keyword arguments (a flattened field gives its
  own record's fields), with a default exactly where api.json says
  ``optional`` (or types it ``option<…>``);
- every record Python has a class of under the same name has api.json's
  fields as attributes (and as constructor keywords, if constructible);
- every enum's member values are api.json's variant names.

Known drift is listed in ``parity_allow.json``: ``{"op.param" |
"Record.field" | "Enum.value" | "Helpdesk.method.param": "<what differs>.
Why: <reason>"}``. The test fails on a mismatch not in that list, on an
entry of the list that no longer mismatches (the list can only shrink), and
on an entry whose difference changed. ``python tests/api_parity.py`` prints
the current mismatches in that form.
"""

from __future__ import annotations

import copy
import enum
import json
from typing import Any

import pytest
from api_parity import (
    PACKAGE,
    WHY,
    Declarations,
    allowed_difference,
    load_allow_list,
    load_api,
    mismatches,
    runtime_declarations,
    stub_declarations,
)
from hooks import native_hooks

import helpdesk
from helpdesk import _generated

ENUMS: list[type[enum.Enum]] = [
    cls
    for name in _generated.__all__
    if isinstance(cls := getattr(_generated, name), type) and issubclass(cls, enum.Enum)
]

API = load_api()
ALLOWED = load_allow_list()
SOURCES = {
    "module": lambda: runtime_declarations(helpdesk),
    "stub": lambda: stub_declarations(PACKAGE / "_generated.py", PACKAGE / "_helpdesk.pyi"),
}


def test_operations_come_from_the_core() -> None:
    names = helpdesk.operations()
    assert len(names) == len(set(names)) > 40
    assert "create_ticket" in names


def test_operations_are_those_of_api_json_in_order() -> None:
    assert helpdesk.operations() == [op["name"] for op in API["operations"]]


@pytest.mark.parametrize("name", helpdesk.operations())
def test_every_operation_is_a_method(name: str) -> None:
    assert callable(getattr(helpdesk.Helpdesk, name, None)), name


def test_every_public_method_is_an_operation_or_a_constructor() -> None:
    extra = {"in_memory", "open", "close", "snapshot"}
    methods = {name for name in vars(helpdesk.Helpdesk) if not name.startswith("_")}
    assert methods == set(helpdesk.operations()) | extra


def test_every_plain_enum_of_core_is_an_enum_class() -> None:
    plain = {name for name, described in API["enums"].items() if "tag" not in described}
    assert {cls.__name__ for cls in ENUMS} == plain
    assert all(issubclass(cls, enum.Enum) for cls in ENUMS)


@pytest.mark.parametrize("cls", ENUMS, ids=[c.__name__ for c in ENUMS])
def test_enum_members_are_the_core_variants(cls: type[enum.Enum]) -> None:
    assert [m.value for m in cls] == native_hooks().core_enum_names(cls.__name__)
    assert all(isinstance(m, str) and m == m.value for m in cls)


# ----- signatures against core/api.json -----


@pytest.mark.parametrize("source", SOURCES)
def test_signatures_match_api_json_outside_the_allow_list(source: str) -> None:
    found = mismatches(API, SOURCES[source]())
    unexpected = {key: why for key, why in found.items() if key not in ALLOWED}
    assert unexpected == {}, (
        f"the {source} differs from core/api.json; fix the binding, or (a deliberate "
        "difference) add the key to tests/parity_allow.json with the reason:\n"
        + json.dumps(unexpected, indent=2)
    )


@pytest.mark.parametrize("source", SOURCES)
def test_every_allow_list_entry_still_mismatches(source: str) -> None:
    found = mismatches(API, SOURCES[source]())
    stale = sorted(key for key in ALLOWED if key not in found)
    assert stale == [], (
        f"these now match core/api.json: remove them from tests/parity_allow.json: {stale}"
    )


@pytest.mark.parametrize("source", SOURCES)
def test_every_allow_list_entry_still_differs_as_it_says(source: str) -> None:
    """An allowed key cannot drift further unseen (``ticket`` renamed again, say)."""
    found = mismatches(API, SOURCES[source]())
    changed = {
        key: found[key]
        for key, entry in ALLOWED.items()
        if key in found and allowed_difference(entry) != found[key]
    }
    assert changed == {}, f"these differ otherwise now: update tests/parity_allow.json: {changed}"


def test_every_allow_list_entry_says_why() -> None:
    for key, entry in ALLOWED.items():
        assert isinstance(entry, str) and WHY in entry, f"{key}: no '{WHY}' in {entry!r}"
        assert len(entry.split(WHY, 1)[1].strip()) >= 20, f"{key}: no reason given"


def test_the_module_and_the_stub_drift_alike() -> None:
    module, stub = (SOURCES[s]() for s in ("module", "stub"))
    assert mismatches(API, module) == mismatches(API, stub)
    assert len(module.methods) == len(stub.methods) > len(API["operations"])


# ----- the checker itself, on a made-up API -----

SMALL_API: dict[str, Any] = {
    "desk_options": "ThingOptions",
    "operations": [
        {"name": "get_thing", "params": [{"name": "id", "type": "id:Thing"}]},
        {
            "name": "find_things",
            "params": [
                {"name": "owner", "type": "option<id:User>"},
                {"name": "query", "type": "ThingQuery"},
            ],
        },
        {"name": "make_thing", "params": [{"name": "input", "type": "NewThing"}]},
        {"name": "drop_thing", "params": [{"name": "thing", "type": "id:Thing"}]},
        {"name": "move_thing", "params": [{"name": "from", "type": "instant"}]},
    ],
    "records": {
        "ThingQuery": {
            "fields": [
                {"name": "text", "type": "option<string>", "optional": True},
                {"name": "filter", "type": "ThingFilter", "optional": True, "flatten": True},
            ]
        },
        "ThingFilter": {"fields": [{"name": "open", "type": "bool", "optional": True}]},
        "ThingOptions": {"fields": [{"name": "seed", "type": "option<u64>", "optional": True}]},
        "NewThing": {
            "fields": [
                {"name": "name", "type": "string", "optional": False},
                {"name": "size", "type": "u32", "optional": True},
            ]
        },
        "Thing": {
            "fields": [
                {"name": "id", "type": "id:Thing", "optional": False},
                {"name": "name", "type": "string", "optional": False},
            ]
        },
    },
    "enums": {
        "Colour": {"variants": [{"name": "dark_red"}, {"name": "blue"}]},
        "Shape": {
            "tag": "kind",
            "variants": [
                {"name": "round", "fields": [{"name": "radius", "type": "u32"}]},
                {"name": "square", "fields": [{"name": "side", "type": "u32"}]},
            ],
        },
    },
}

SMALL_STUB = """
class Thing:
    @property
    def id(self) -> int: ...
    @property
    def colour(self) -> str: ...

class Shape:
    @staticmethod
    def round(radius: int) -> Shape: ...
    @staticmethod
    def square(length: int) -> Shape: ...

class Helpdesk:
    @staticmethod
    def in_memory(*, clock: object = None, seed: int | None = None) -> Helpdesk: ...
    @staticmethod
    def open(location: str, *, clock: object = None, seed: int | None = None) -> Helpdesk: ...
    def close(self) -> None: ...
    def snapshot(self) -> str: ...
    def get_thing(self, actor: object, thing: int) -> Thing: ...
    def find_things(
        self, actor: object, owner: int | None, *, text: str | None = None, open: bool = False
    ) -> list[Thing]: ...
    def make_thing(self, actor: object, *, name: str, size: int, extra: int = 0) -> Thing: ...
    def move_thing(self, actor: object, from_: object) -> Thing: ...
"""

SMALL_ENUMS = """
import enum

class Colour(str, enum.Enum):
    DARK_RED = "dark_red"
    GREEN = "green"
"""


def small_declarations(tmp_path: Any, stub: str = SMALL_STUB) -> Declarations:
    (tmp_path / "small.pyi").write_text(stub, encoding="utf-8")
    (tmp_path / "enums.py").write_text(SMALL_ENUMS, encoding="utf-8")
    return stub_declarations(tmp_path / "small.pyi", tmp_path / "enums.py")


def test_the_checker_sees_each_kind_of_drift(tmp_path: Any) -> None:
    assert mismatches(SMALL_API, small_declarations(tmp_path)) == {
        # a rename
        "get_thing.id": "Python names it thing",
        # an option<…> parameter without its default
        "find_things.owner": "required in Python, has a default in api.json (option<id:User>)",
        # a missing default of an optional record field
        "make_thing.size": (
            "required in Python, has a default in api.json"
            " (a field of NewThing (u32, optional: True))"
        ),
        # an extra parameter
        "make_thing.extra": "extra in Python (not in api.json)",
        "drop_thing": "no such method on Helpdesk",
        "Thing.name": "no such attribute in Python",
        "Thing.colour": "extra attribute in Python (not in api.json)",
        "Colour.blue": "value missing in Python",
        "Colour.green": "extra value in Python (not in api.json)",
        "Shape.square": "takes (length), api.json (side)",
    }


def test_the_checker_sees_order_kind_and_the_desk_members(tmp_path: Any) -> None:
    stub = (
        SMALL_STUB.replace(
            "def in_memory(*, clock: object = None, seed: int | None = None)",
            "def in_memory(*, seed: int | None = None, verbose: bool = False)",
        )
        .replace("owner: int | None, *, text", "*, owner: int | None = None, text")
        .replace("*, name: str, size: int, extra: int = 0", "name: str, *, size: int = 0")
        .replace("def snapshot(self) -> str: ...", "def debug(self) -> str: ...")
    )
    found = mismatches(SMALL_API, small_declarations(tmp_path, stub))
    assert found["Helpdesk.in_memory.verbose"] == "extra in Python (not in api.json)"
    assert found["Helpdesk.in_memory.clock"] == "missing in Python (Helpdesk::with_clock)"
    assert "Helpdesk.in_memory.seed" not in found
    assert found["Helpdesk.snapshot"] == "no such method on Helpdesk"
    assert found["Helpdesk.debug"].startswith("extra method in Python")
    assert (
        found["find_things.owner"]
        == "keyword-only in Python, positional in api.json (option<id:User>)"
    )
    assert found["make_thing.name"].startswith("positional in Python, a keyword in api.json")
    assert "make_thing.size" not in found


def test_the_checker_takes_the_desk_options_from_api_json(tmp_path: Any) -> None:
    """``in_memory``/``open`` take ``clock``, then the fields of the record
    api.json names ``desk_options``, as keywords with defaults."""
    api = copy.deepcopy(SMALL_API)
    api["records"]["ThingOptions"]["fields"].append(
        {"name": "limits", "type": "Limits", "optional": True}
    )
    found = mismatches(api, small_declarations(tmp_path))
    for method in ("in_memory", "open"):
        assert found[f"Helpdesk.{method}.limits"] == (
            "missing in Python (a field of ThingOptions (Limits))"
        )
        assert f"Helpdesk.{method}.seed" not in found


def test_the_checker_accepts_the_python_shape(tmp_path: Any) -> None:
    """Keywords for record fields (flattened ones included), ``from_`` for ``from``."""
    found = mismatches(SMALL_API, small_declarations(tmp_path))
    assert "move_thing.from" not in found
    assert not any(key.startswith(("find_things.text", "find_things.open")) for key in found)
    assert "Thing.id" not in found and "Shape.round" not in found
