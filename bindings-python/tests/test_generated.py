"""The generated part of the binding: ``python/helpdesk/_generated.py`` is
exactly what ``generate.py`` writes from ``core/api.json`` today (run
``make generate`` after core's API changes), and every record it lets Python
code build finds core's defaults for the fields left out."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from helpdesk import _generated, _runtime

BINDING = Path(__file__).resolve().parents[1]
CHECKED_IN = BINDING / "python" / "helpdesk" / "_generated.py"


def generator() -> ModuleType:
    """``generate.py``, imported from its file (it is a script, not a module)."""
    spec = importlib.util.spec_from_file_location("generate", BINDING / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_checked_in_module_is_what_the_generator_writes() -> None:
    gen = generator()
    api = gen.json.loads(gen.API_JSON.read_text(encoding="utf-8"))
    assert gen.generate(api) == CHECKED_IN.read_text(encoding="utf-8"), (
        "python/helpdesk/_generated.py is stale: run `make generate` in bindings-python/"
    )


def test_the_installed_module_is_the_checked_in_one() -> None:
    installed = Path(_generated.__file__).read_text(encoding="utf-8")
    assert installed == CHECKED_IN.read_text(encoding="utf-8"), "reinstall: `make install`"


RECORDS = [
    cls
    for name in _generated.__all__
    if dataclasses.is_dataclass(cls := getattr(_generated, name)) and isinstance(cls, type)
]


@pytest.mark.parametrize("cls", RECORDS, ids=[c.__name__ for c in RECORDS])
def test_every_field_left_out_has_a_core_default(cls: type[_runtime.Record]) -> None:
    """A field core fills when left out (not ``None``) must have core's
    default in the native table (``src/construct.rs``)."""
    for field in cls._FIELDS:
        if field.core_default:
            defaults = _runtime._core_defaults(cls.__name__)
            assert field.name in defaults, (cls.__name__, field.name)
            _runtime.decoder(field.type)(defaults[field.name])
