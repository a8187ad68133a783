#!/usr/bin/env python3
"""Writes ``python/helpdesk/_generated.py`` from ``../core/api.json``.

The Python binding follows core by construction: every enum, every record an
operation takes or gives, and every method of ``helpdesk.Helpdesk`` is
written here from core's own description of its API, and each method is one
call into core's JSON dispatch (``helpdesk._runtime.Operation.call``).

    python3 generate.py          rewrite python/helpdesk/_generated.py
    python3 generate.py --check  exit 1 if the checked-in file is stale

Standard library only; the output is clean under ruff (check and format)
and ``mypy --strict``, and runs on Python 3.9.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
API_JSON = HERE.parent / "core" / "api.json"
OUTPUT = HERE / "python" / "helpdesk" / "_generated.py"

# The api.json types that stay native classes: the standalone
# WorkingCalendar (hand-written, ~0.1 µs a call) is built from them.
NATIVE = ("Closure", "WorkingHours")
LINE = 100
Api = dict[str, Any]
# An argument of a method: its core name, api.json type, whether it has a
# default, and whether ``None`` leaves it out (an input record's field).
Argument = tuple[str, str, bool, bool]


def py_name(name: str) -> str:
    """A core name in Python: a keyword takes a trailing underscore."""
    return f"{name}_" if keyword.iskeyword(name) else name


def inner(type_: str, wrapper: str) -> str | None:
    if type_.startswith(wrapper + "<") and type_.endswith(">"):
        return type_[len(wrapper) + 1 : -1]
    return None


SCALARS_OUT = {
    "bool": "bool",
    "string": "str",
    "time_of_day": "str",
    "decimal": "decimal.Decimal",
    "number": "decimal.Decimal",
    "date": "datetime.date",
    "instant": "datetime.datetime",
    "duration": "datetime.timedelta",
    "bytes": "bytes",
    "unit": "None",
    **dict.fromkeys(("u8", "u16", "u32", "u64", "usize", "i32", "i64"), "int"),
}


def hint(api: Api, type_: str, *, argument: bool) -> str:
    """The annotation of a value of ``type_``: what a result holds, or (an
    argument) what a caller may pass."""
    if (of := inner(type_, "option")) is not None:
        return f"{hint(api, of, argument=argument)} | None"
    if (of := inner(type_, "list")) is not None:
        return f"{'Sequence' if argument else 'list'}[{hint(api, of, argument=argument)}]"
    if type_.startswith("id:"):
        return "int"
    if type_ == "decimal" and argument:
        return "decimal.Decimal | int | str"
    if type_ == "number" and argument:
        return "decimal.Decimal | int | float | str"
    if type_ == "bytes" and argument:
        return "bytes | bytearray | memoryview"
    if type_ in SCALARS_OUT:
        return SCALARS_OUT[type_]
    return type_


def names_in(type_: str) -> list[str]:
    return re.findall(r"[A-Za-z_][A-Za-z0-9_]*", type_)


def value_records(api: Api) -> list[str]:
    """The records that are values: results, and what arguments hold (an
    input record whose fields are keyword arguments is not one, unless it
    is also held), in api.json's order."""
    found: set[str] = set()

    def add(type_: str) -> None:
        for name in names_in(type_):
            if name in api["records"] and name not in found and name not in NATIVE:
                found.add(name)
                for field in api["records"][name]["fields"]:
                    add(field["type"])

    for field in desk_options(api):
        add(field["type"])
    for op in api["operations"]:
        add(op["returns"])
        for param in op["params"]:
            if param["type"] in api["records"]:
                for field in flat_fields(api, param["type"]):
                    add(field["type"])
            else:
                add(param["type"])
    return [name for name in api["records"] if name in found]


def desk_options(api: Api) -> list[dict[str, Any]]:
    """The fields of api.json's ``desk_options`` record (core's
    ``DeskOptions``): the keywords of ``Helpdesk.in_memory``/``open`` after
    ``clock``."""
    return flat_fields(api, api["desk_options"])


def flat_fields(api: Api, record: str) -> list[dict[str, Any]]:
    """A record's fields, a ``flatten``ed field replaced by its record's."""
    out: list[dict[str, Any]] = []
    for field in api["records"][record]["fields"]:
        out += flat_fields(api, field["type"]) if field.get("flatten") else [field]
    return out


def core_default(field: dict[str, Any]) -> bool:
    """An optional field whose default is core's value, not ``None``."""
    return bool(field["optional"]) and not field["type"].startswith("option<")


# ----- text -----


def docstring(text: str, indent: str) -> list[str]:
    """A docstring of ``text`` (paragraphs, list items), wrapped to the line length."""
    # The linter flags look-alike characters (a minus sign for a hyphen).
    text = rewrap(text).replace("\u2212", "-").replace("\\", "\\\\")
    text = text.replace('"""', '\\"\\"\\"') or "Undocumented."
    width = LINE - len(indent)
    if "\n" not in text and len(text) + 6 <= width:
        return [f'{indent}"""{text}{" " if text.endswith(chr(34)) else ""}"""']
    return _wrapped(text, indent, width) or _wrapped(text, indent, width - 3) or []


def _wrapped(text: str, indent: str, width: int) -> list[str] | None:
    """The docstring's lines, or ``None`` if they would be a single line
    (which the formatter joins with its closing quotes)."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        for item in paragraph.split("\n"):
            lines += textwrap.wrap(
                item,
                width=width,
                initial_indent='"""' if not lines else "",
                subsequent_indent="  " if item.startswith(("- ", "* ")) else "",
                break_long_words=False,
                break_on_hyphens=False,
            )
    if len(lines) == 1:
        return None
    lines[0] = lines[0][3:]
    out = [f'{indent}"""{lines[0]}']
    out += [f"{indent}{line}" if line else "" for line in lines[1:]]
    out.append(f'{indent}"""')
    return out


def rewrap(text: str) -> str:
    """Joins the lines inside each paragraph (lists keep their items)."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        items: list[str] = []
        for line in paragraph.splitlines():
            stripped = line.strip()
            if not items or stripped.startswith(("- ", "* ")):
                items.append(stripped)
            else:
                items[-1] += " " + stripped
        paragraphs.append("\n".join(items))
    return "\n\n".join(paragraphs)


def constant(name: str) -> str:
    return name.upper()


def string(text: str) -> str:
    return json.dumps(text)


# ----- the module -----

HEADER = '''\
# @generated by bindings-python/generate.py from core/api.json: do not edit.
# `make generate` (in bindings-python/) rewrites it; a test checks it is current.
"""The enums, the records and ``Helpdesk``, as ``core/api.json`` describes them.

Every method of :class:`Helpdesk` is one operation of core, run through
core's JSON dispatch (``json_api::call``) by :mod:`helpdesk._runtime`: the
arguments are read by core's own rules, and a refusal is ``InvalidInput``
naming the argument. The fields of an operation's input record are keyword
arguments; one left out (``None``) takes core's default, which on an
``update_*`` operation keeps the stored value.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import os
import types
from collections.abc import Sequence
from typing import ClassVar

from helpdesk._helpdesk import Actor, Closure, ManualClock, NativeDesk, WorkingHours
from helpdesk._runtime import Field, Operation, Options, Param, Record, Report
'''

DESK = '''

class Helpdesk:
    """The helpdesk: the one object a host talks to, one method per operation.

    Safe to share between threads; store work runs without the GIL. ``close()``
    (or leaving a ``with`` block) is core's ``Helpdesk::close``: calls after it
    raise ``InvalidState``.
    """

    __slots__ = ("_desk",)

    def __init__(self, desk: NativeDesk) -> None:
        """Wraps a native desk handle; use :meth:`in_memory` or :meth:`open`."""
        self._desk = desk
{constructors}
    def close(self) -> None:
        """Closes the desk (core's ``Helpdesk::close``): an SQLite file is closed
        once a call in flight ends; every later call raises ``InvalidState``.
        Closing twice does nothing."""
        self._desk.close()

    def snapshot(self) -> str:
        """A canonical text dump of everything stored: equal content, equal dumps."""
        return self._desk.snapshot()

    def __enter__(self) -> Helpdesk:
        """``with Helpdesk.open(path) as desk:`` gives the desk itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        """Leaving the ``with`` block closes the desk; an exception propagates."""
        self.close()
'''


def keyword_lines(api: Api, fields: list[dict[str, Any]], indent: str) -> list[str]:
    """The keyword parameters of a record's fields: an optional one (or an
    ``option<...>``) defaults to ``None``, core's default."""
    out = []
    for f in fields:
        annotation = hint(api, f["type"], argument=True)
        if f["optional"] or f["type"].startswith("option<"):
            if not annotation.endswith("| None"):
                annotation += " | None"
            out.append(f"{indent}{py_name(f['name'])}: {annotation} = None,")
        else:
            out.append(f"{indent}{py_name(f['name'])}: {annotation},")
    return out


def options_call(names: list[str]) -> list[str]:
    """``options = _desk_options.json((...))``, formatted as ruff does."""
    values = ", ".join(names) + ("," if len(names) == 1 else "")
    line = f"        options = _desk_options.json(({values}))"
    if len(line) <= LINE:
        return [line]
    out = ["        options = _desk_options.json(", "            ("]
    out += [f"                {n}," for n in names]
    return [*out, "            )", "        )"]


def gen_constructors(api: Api) -> str:
    """``Helpdesk.in_memory`` and ``Helpdesk.open``: ``clock``, then the
    fields of api.json's ``desk_options`` record as keywords, sent to the
    native desk as one JSON object (core's ``json_api::read``)."""
    fields = desk_options(api)
    names = [py_name(f["name"]) for f in fields]
    if {"clock", "path"} & set(names):
        raise SystemExit(f"{api['desk_options']}: a field is named clock or path: {names}")
    if any(op["name"] == "desk_options" for op in api["operations"]):
        raise SystemExit("an operation is named desk_options, as the options' encoder")
    record = api["desk_options"]
    doc = (
        "A desk over a fresh in-memory store.\n\n``clock`` (default: the system clock) is "
        f"core's ``with_clock``. The other keywords are the fields of core's ``{record}`` "
        "(``Helpdesk::with_options``); one left out (``None``) takes core's default; a bad "
        "one raises ``InvalidInput`` naming it:\n\n"
    )
    doc += "\n".join(
        f"- ``{py_name(f['name'])}``: {rewrap(f.get('doc', '')).replace(chr(10), ' ')}"
        for f in fields
    )
    out = ["    @staticmethod", "    def in_memory(", "        *,"]
    out.append("        clock: ManualClock | None = None,")
    out += keyword_lines(api, fields, "        ")
    out.append("    ) -> Helpdesk:")
    out += docstring(doc, "        ")
    out += options_call(names)
    out.append("        return Helpdesk(NativeDesk.in_memory(clock=clock, options_json=options))")
    out += ["", "    @staticmethod", "    def open(", "        location: str | os.PathLike[str],"]
    out += ["        *,", "        clock: ManualClock | None = None,"]
    out += keyword_lines(api, fields, "        ")
    out.append("    ) -> Helpdesk:")
    out += docstring(
        "A desk over the store at ``location``, created if missing and migrated on open: a "
        "``postgres://`` URL, one PostgreSQL database shared by many application servers "
        "(``?schema=name`` keeps the desk's tables in a schema of their own, created if "
        "missing; ``&pool_size=n`` caps its connections, 8 by default), or a SQLite file "
        "(``sqlite:///path/desk.sqlite`` or a plain path). ``clock`` and the options as for "
        ":meth:`in_memory`; the options are read before the store is opened.",
        "        ",
    )
    out += options_call(names)
    out.append(
        "        return Helpdesk(NativeDesk.open(location, clock=clock, options_json=options))"
    )
    return "\n".join(["", *out, ""])


def gen_options(api: Api) -> list[str]:
    """The encoder of the desk options: each field, ``None`` left out."""
    out = ["", "# The options of in_memory/open (api.json's desk_options), as core reads them."]
    out.append("_desk_options = Options(")
    out.append("    (")
    for f in desk_options(api):
        args = f"{string(f['name'])}, {string(py_name(f['name']))}, {string(f['type'])}, True"
        out.append(f"        Param({args}),")
    out += ["    ),", ")"]
    return out


def gen_enum(name: str, spec: dict[str, Any]) -> list[str]:
    out = ["", "", f"class {name}(str, enum.Enum):"]
    out += docstring((spec.get("doc", "")), "    ")
    out.append("")
    for variant in spec["variants"]:
        out.append(f"    {constant(variant['name'])} = {string(variant['name'])}")
        if variant.get("doc"):
            out += docstring((variant["doc"]), "    ")
    return out


def gen_record(api: Api, name: str) -> list[str]:
    spec = api["records"][name]
    fields = flat_fields(api, name)
    attrs = [py_name(f["name"]) for f in fields]
    out = ["", "", "@dataclasses.dataclass(frozen=True, eq=False, init=False)"]
    # A report's output (its rows grouped by dimensions, and a total) reads
    # as a table.
    is_report = {"group_by", "rows", "total"} <= {f["name"] for f in fields}
    out.append(f"class {name}({'Report' if is_report else 'Record'}):")
    out += docstring((spec.get("doc", "")), "    ")
    out.append("")
    if len(attrs) == 1:
        # ruff keeps a 1-tuple that fits on one line.
        out.append(f"    __slots__ = ({string(attrs[0])},)")
        out.append(f"    __match_args__ = ({string(attrs[0])},)")
    elif attrs:
        out.append("    __slots__ = (")
        out += [f"        {string(a)}," for a in sorted(attrs)]
        out.append("    )")
        out.append("    __match_args__ = (")
        out += [f"        {string(a)}," for a in attrs]
        out.append("    )")
    else:
        out.append("    __slots__ = ()")
        out.append("    __match_args__ = ()")
    head = "    _FIELDS: ClassVar[tuple[Field, ...]] = ("
    entries = [
        f"Field({string(py_name(f['name']))}, {string(f['name'])}, {string(f['type'])}, "
        f"{core_default(f)})"
        for f in fields
    ]
    if len(entries) == 1 and len(f"{head}{entries[0]},)") <= LINE:
        # ruff keeps a 1-tuple that fits on one line.
        out.append(f"{head}{entries[0]},)")
    else:
        out.append(head)
        for entry in entries:
            line = f"        {entry},"
            if len(line) > LINE:
                out.append("        Field(")
                args = entry.removeprefix("Field(").removesuffix(")")
                out += [f"            {part.strip()}," for part in args.split(", ")]
                out.append("        ),")
            else:
                out.append(line)
        out.append("    )")
    out.append("")
    for f in fields:
        out.append(f"    {py_name(f['name'])}: {hint(api, f['type'], argument=False)}")
        if f.get("doc"):
            out += docstring((f["doc"]), "    ")
    out.append("")
    out.append("    def __init__(")
    out.append("        self,")
    if fields:
        out.append("        *,")
    for f in fields:
        annotation = hint(api, f["type"], argument=True)
        if f["optional"]:
            if not annotation.endswith("| None"):
                annotation += " | None"
            out.append(f"        {py_name(f['name'])}: {annotation} = None,")
        else:
            out.append(f"        {py_name(f['name'])}: {annotation},")
    out.append("    ) -> None:")
    left_out = [py_name(f["name"]) for f in fields if core_default(f)]
    doc = f"A {name} of the values given."
    if left_out:
        doc += " Those left out take core's defaults."
    out += docstring(doc, "        ")
    if len(attrs) == 1:
        # The one shape ruff's formatter keeps for a 1-tuple.
        out.append(f"        self._init(({attrs[0]},))")
    elif attrs:
        out.append("        self._init(")
        out.append("            (")
        out += [f"                {a}," for a in attrs]
        out.append("            )")
        out.append("        )")
    return out


def op_params(api: Api, op: dict[str, Any]) -> tuple[list[Argument], list[Argument]]:
    """``(params, keywords)``: the positional parameters ``(name, type,
    has_default, omit_none)`` and the fields of an input record, keywords."""
    positional: list[Argument] = []
    keywords: list[Argument] = []
    for p in op["params"]:
        if p["type"] in api["records"]:
            for f in flat_fields(api, p["type"]):
                keywords.append((f["name"], f["type"], bool(f["optional"]), True))
        else:
            optional = bool(p.get("optional")) or p["type"].startswith("option<")
            positional.append((p["name"], p["type"], optional, False))
    names = [n for n, *_ in positional + keywords]
    if len(names) != len(set(names)):
        raise SystemExit(f"{op['name']}: two arguments share a name: {names}")
    return positional, keywords


def gen_method(api: Api, op: dict[str, Any]) -> list[str]:
    positional, keywords = op_params(api, op)
    returns = hint(api, op["returns"], argument=False)
    out = ["", f"    def {op['name']}(", "        self,", "        actor: Actor,"]
    for name, type_, optional, _ in positional:
        annotation = hint(api, type_, argument=True)
        out.append(f"        {py_name(name)}: {annotation}{' = None' if optional else ''},")
    if keywords:
        out.append("        *,")
    for name, type_, optional, _ in keywords:
        annotation = hint(api, type_, argument=True)
        if optional:
            if not annotation.endswith("| None"):
                annotation += " | None"
            out.append(f"        {py_name(name)}: {annotation} = None,")
        else:
            out.append(f"        {py_name(name)}: {annotation},")
    out.append(f"    ) -> {returns}:")
    out += docstring((op.get("doc", "")), "        ")
    values = [py_name(name) for name, *_ in positional + keywords]
    call = f"        return _{op['name']}.call(self._desk, actor, ("
    one_line = f"{call}{', '.join(values)}{',' if len(values) == 1 else ''}))"
    if not values:
        out.append(f"{call}))")
    elif len(one_line) <= LINE and len(values) == 1:
        out.append(one_line)
    else:
        out.append(f"        return _{op['name']}.call(")
        out.append("            self._desk,")
        out.append("            actor,")
        out.append("            (")
        out += [f"                {v}," for v in values]
        out.append("            ),")
        out.append("        )")
    return out


def gen_operation(api: Api, op: dict[str, Any]) -> list[str]:
    positional, keywords = op_params(api, op)
    returns = hint(api, op["returns"], argument=False)
    out = [f"_{op['name']}: Operation[{returns}] = Operation(", f"    {string(op['name'])},"]
    params = positional + keywords
    if len(params) == 1:
        name, type_, _, omit_none = params[0]
        args = f"{string(name)}, {string(py_name(name))}, {string(type_)}, {omit_none}"
        out.append(f"    (Param({args}),),")
    elif params:
        out.append("    (")
        for name, type_, _, omit_none in params:
            args = f"{string(name)}, {string(py_name(name))}, {string(type_)}, {omit_none}"
            out.append(f"        Param({args}),")
        out.append("    ),")
    else:
        out.append("    (),")
    out.append(f"    {string(op['returns'])},")
    out.append(")")
    return out


def generate(api: Api) -> str:
    """The text of ``_generated.py`` for ``api`` (parsed api.json)."""
    out = HEADER.splitlines()
    enums = [n for n, e in api["enums"].items() if "tag" not in e and n not in NATIVE]
    for name in enums:
        out += gen_enum(name, api["enums"][name])
    records = value_records(api)
    for name in records:
        out += gen_record(api, name)
    out += DESK.replace("{constructors}", gen_constructors(api)).splitlines()
    for op in api["operations"]:
        out += gen_method(api, op)
    out += ["", ""]
    out.append("# The operations: what each method sends core, and what it gets back.")
    for op in api["operations"]:
        out += gen_operation(api, op)
    out += gen_options(api)
    out += ["", "__all__ = ["]
    out += [f"    {string(n)}," for n in sorted([*enums, *records, "Helpdesk"])]
    out.append("]")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    api = json.loads(API_JSON.read_text(encoding="utf-8"))
    text = generate(api)
    if argv[1:] == ["--check"]:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale: run `make generate`", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
