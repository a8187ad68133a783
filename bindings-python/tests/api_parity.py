"""The comparison behind ``test_parity.py``: ``core/api.json`` (the core's API,
generated from its source by ``core/tests/api_description.rs``) against what
Python declares, read two ways that must agree:

- :func:`runtime_declarations`: the built module, by ``inspect.signature``
  on the compiled ``helpdesk.Helpdesk`` methods and record constructors,
  the classes' attributes, and the enums' members;
- :func:`stub_declarations`: the generated source ``_generated.py`` and the
  native stub ``_helpdesk.pyi``, parsed with :mod:`ast` (nothing imported).

:func:`mismatches` turns either into ``{key: what differs}``; the rules are
in its docstring. ``python tests/api_parity.py`` prints the current
mismatches of the built module as an allow-list, to review, not to paste
blindly.
"""

from __future__ import annotations

import ast
import enum
import inspect
import json
import keyword
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# tests/ -> bindings-python/ -> the workspace.
WORKSPACE = Path(__file__).resolve().parents[2]
API_JSON = WORKSPACE / "core" / "api.json"
PACKAGE = Path(__file__).resolve().parents[1] / "python" / "helpdesk"
ALLOW_LIST = Path(__file__).resolve().parent / "parity_allow.json"

Api = dict[str, Any]


def load_api(path: Path = API_JSON) -> Api:
    """core/api.json, parsed (read at run time, so the test follows the core)."""
    api: Api = json.loads(path.read_text(encoding="utf-8"))
    return api


def load_allow_list(path: Path = ALLOW_LIST) -> dict[str, str]:
    """``{key: "<what differs>. Why: <reason>"}``: the known drift."""
    allowed: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return allowed


def py_name(name: str) -> str:
    """The Python spelling of a core name: a keyword takes a trailing underscore."""
    return f"{name}_" if keyword.iskeyword(name) else name


@dataclass(frozen=True)
class Param:
    """A parameter as the comparison sees it."""

    name: str
    keyword_only: bool
    has_default: bool
    positional_only: bool = False


@dataclass
class ClassDecl:
    """What Python declares of a class."""

    attributes: set[str] = field(default_factory=set)
    """Public data attributes (getters, properties, annotated attributes)."""
    constructor: list[Param] | None = None
    """The constructor's parameters; ``None``: Python code cannot construct it."""
    static_methods: dict[str, list[Param]] = field(default_factory=dict)
    enum_values: list[str] | None = None
    """The member values of an :class:`enum.Enum`; ``None`` for other classes."""


@dataclass
class Declarations:
    """The ``Helpdesk`` methods (parameters without ``self``) and the classes."""

    methods: dict[str, list[Param]]
    classes: dict[str, ClassDecl]


# ----- reading the built module -----


def signature_params(target: Any) -> list[Param]:
    """The parameters of a callable, by ``inspect.signature`` (without ``self``)."""
    params = []
    for p in inspect.signature(target).parameters.values():
        if p.name == "self":
            continue
        params.append(
            Param(
                p.name,
                keyword_only=p.kind is inspect.Parameter.KEYWORD_ONLY,
                has_default=p.default is not inspect.Parameter.empty,
                positional_only=p.kind is inspect.Parameter.POSITIONAL_ONLY,
            )
        )
    return params


def runtime_class(cls: type) -> ClassDecl:
    decl = ClassDecl()
    if issubclass(cls, enum.Enum):
        decl.enum_values = [str(member.value) for member in cls]
        return decl
    try:
        decl.constructor = signature_params(cls)
    except ValueError:  # a native class without a constructor
        decl.constructor = None
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if inspect.isdatadescriptor(value):
            decl.attributes.add(name)
        elif isinstance(value, staticmethod):
            decl.static_methods[name] = signature_params(getattr(cls, name))
    return decl


def runtime_declarations(module: Any) -> Declarations:
    """What the built package ``module`` (``helpdesk``) declares."""
    helpdesk = module.Helpdesk
    methods = {
        name: signature_params(getattr(helpdesk, name))
        for name in vars(helpdesk)
        # getattr: a staticmethod object itself is callable only since 3.10.
        if not name.startswith("_") and callable(getattr(helpdesk, name))
    }
    classes = {
        name: runtime_class(obj)
        for name in module.__all__
        if isinstance(obj := getattr(module, name), type)
    }
    return Declarations(methods, classes)


# ----- reading the stub and the enums' source -----


def _decorators(function: ast.FunctionDef) -> set[str]:
    return {d.id for d in function.decorator_list if isinstance(d, ast.Name)}


def ast_params(function: ast.FunctionDef) -> list[Param]:
    """The parameters a ``def`` declares (without ``self``)."""
    args = function.args
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    params = [
        Param(
            a.arg,
            keyword_only=False,
            has_default=i >= first_default,
            positional_only=i < len(args.posonlyargs),
        )
        for i, a in enumerate(positional)
        if a.arg != "self"
    ]
    params += [
        Param(a.arg, keyword_only=True, has_default=d is not None)
        for a, d in zip(args.kwonlyargs, args.kw_defaults)
    ]
    return params


def _is_enum(node: ast.ClassDef) -> bool:
    return any(ast.unparse(base) in {"enum.Enum", "Enum"} for base in node.bases)


def stub_class(node: ast.ClassDef) -> ClassDecl:
    decl = ClassDecl()
    if _is_enum(node):
        decl.enum_values = [
            item.value.value
            for item in node.body
            if isinstance(item, ast.Assign)
            and isinstance(item.value, ast.Constant)
            and isinstance(item.value.value, str)
        ]
        return decl
    for item in node.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            if not item.target.id.startswith("_") and "ClassVar" not in ast.unparse(
                item.annotation
            ):
                decl.attributes.add(item.target.id)
        elif isinstance(item, ast.FunctionDef):
            decorators = _decorators(item)
            if "property" in decorators:
                decl.attributes.add(item.name)
            elif item.name == "__init__":
                decl.constructor = ast_params(item)
            elif "staticmethod" in decorators and not item.name.startswith("_"):
                decl.static_methods[item.name] = ast_params(item)
    return decl


def stub_declarations(stub: Path, enums: Path) -> Declarations:
    """What the stub (and the enums' source) declare, parsed, not imported."""
    methods: dict[str, list[Param]] = {}
    classes: dict[str, ClassDecl] = {}
    for path in (stub, enums):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            classes[node.name] = stub_class(node)
            if node.name == "Helpdesk":
                methods = {
                    item.name: ast_params(item)
                    for item in node.body
                    if isinstance(item, ast.FunctionDef)
                    and not item.name.startswith("_")
                    and "property" not in _decorators(item)
                }
    return Declarations(methods, classes)


# ----- the comparison -----


@dataclass(frozen=True)
class Expected:
    """A parameter api.json asks for: its core name, and how Python takes it."""

    core: str
    keyword_only: bool
    has_default: bool
    why: str
    """The api.json type, or the input record the parameter is a field of."""

    @property
    def name(self) -> str:
        return py_name(self.core)


def record_fields(api: Api, record: str) -> list[dict[str, Any]]:
    """api.json's fields of ``record``, a ``flatten``ed field replaced by its record's."""
    out: list[dict[str, Any]] = []
    for f in api["records"][record]["fields"]:
        out += record_fields(api, f["type"]) if f.get("flatten") else [f]
    return out


def expected_params(api: Api, op: dict[str, Any]) -> list[Expected]:
    """The parameters after ``actor`` that api.json asks of ``op`` in Python."""
    positional: list[Expected] = []
    keywords: list[Expected] = []
    for p in op["params"]:
        if p["type"] in api["records"]:
            for f in record_fields(api, p["type"]):
                why = f"a field of {p['type']} ({f['type']}, optional: {f['optional']})"
                keywords.append(Expected(f["name"], True, bool(f["optional"]), why))
        else:
            positional.append(
                Expected(p["name"], False, p["type"].startswith("option<"), p["type"])
            )
    return positional + keywords


# The façade's members that are not operations (no actor, so not in
# api.json), as every binding offers them: core's ``Helpdesk::in_memory()``
# and ``Helpdesk::open(location)``, ``.with_clock(clock)`` spelled as a
# ``clock`` keyword (Node ``inMemory(clock?)``, Kotlin ``inMemory(clock)``)
# then ``.with_options(options)`` spelled as the fields of api.json's
# ``desk_options`` record (core's ``DeskOptions``: seed, limits) as
# keywords, ``snapshot()`` and ``close()``. Any other parameter or method
# there is a mismatch, keyed ``Helpdesk.method[.param]``.
def desk_members(api: Api) -> dict[str, list[Expected]]:
    """The members of ``Helpdesk`` that are not operations, with their parameters."""
    record = api["desk_options"]
    options = [
        Expected(f["name"], True, bool(f["optional"]), f"a field of {record} ({f['type']})")
        for f in record_fields(api, record)
    ]
    clock = Expected("clock", True, True, "Helpdesk::with_clock")
    return {
        "in_memory": [clock, *options],
        "open": [Expected("location", False, False, "Helpdesk::open(location)"), clock, *options],
        "snapshot": [],
        "close": [],
    }


class Found(dict[str, str]):
    """Mismatches by key; a second finding under one key is appended."""

    def add(self, key: str, text: str) -> None:
        self[key] = f"{self[key]}; {text}" if key in self else text


def _default_text(have: Param, want: Expected) -> str | None:
    if have.has_default == want.has_default:
        return None
    if have.has_default:
        return f"has a default in Python, required in api.json ({want.why})"
    return f"required in Python, has a default in api.json ({want.why})"


def compare_params(
    found: Found, op: str, want: list[Expected], have: list[Param], *, actor: bool = True
) -> None:
    """Parameters (after ``actor``): names, order, keyword-only-ness, defaults."""
    if actor:
        if not have or have[0].name != "actor":
            found.add(f"{op}.actor", f"first parameter is {have[0].name if have else 'missing'}")
        else:
            have = have[1:]
    by_name = {p.name: p for p in have}
    want_names = {w.name for w in want}
    missing = [w for w in want if w.name not in by_name]
    extra = [p for p in have if p.name not in want_names]
    # A positional parameter under another name in the same place: a rename.
    want_positional = [w for w in want if not w.keyword_only]
    have_positional = [p for p in have if not p.keyword_only]
    for i, w in enumerate(want_positional):
        if w in missing and i < len(have_positional) and have_positional[i] in extra:
            p = have_positional[i]
            missing.remove(w)
            extra.remove(p)
            found.add(f"{op}.{w.core}", f"Python names it {p.name}")
            if (text := _default_text(p, w)) is not None:
                found.add(f"{op}.{w.core}", text)
    for w in missing:
        found.add(f"{op}.{w.core}", f"missing in Python ({w.why})")
    for p in extra:
        found.add(f"{op}.{p.name}", "extra in Python (not in api.json)")
    for w in want:
        if (same := by_name.get(w.name)) is None:
            continue
        key = f"{op}.{w.core}"
        if same.keyword_only and not w.keyword_only:
            found.add(key, f"keyword-only in Python, positional in api.json ({w.why})")
        elif w.keyword_only and not same.keyword_only:
            found.add(key, f"positional in Python, a keyword in api.json ({w.why})")
        if (text := _default_text(same, w)) is not None:
            found.add(key, text)
    # The positional parameters both sides have, in the same order.
    want_order = [w.name for w in want_positional if w.name in by_name]
    have_order = [p.name for p in have_positional if p.name in want_names]
    for w in want_positional:
        if w.name in want_order and w.name in have_order:
            if want_order.index(w.name) != have_order.index(w.name):
                found.add(
                    f"{op}.{w.core}",
                    f"position {have_order.index(w.name) + 1} in Python, "
                    f"{want_order.index(w.name) + 1} in api.json",
                )


def compare_record(found: Found, api: Api, record: str, decl: ClassDecl) -> None:
    """Attributes: api.json's fields (a flattened field's own), no more, no fewer;
    a constructor, if Python has one: those fields as keywords, a default
    exactly where api.json says ``optional``."""
    fields = record_fields(api, record)
    names = {py_name(f["name"]) for f in fields}
    for f in fields:
        if py_name(f["name"]) not in decl.attributes:
            found.add(f"{record}.{f['name']}", "no such attribute in Python")
    for name in sorted(decl.attributes - names):
        found.add(f"{record}.{name}", "extra attribute in Python (not in api.json)")
    if decl.constructor is None:
        return
    want = [
        Expected(f["name"], True, bool(f["optional"]), f"{f['type']}, optional: {f['optional']}")
        for f in fields
    ]
    have = {p.name: p for p in decl.constructor}
    for w in want:
        p = have.get(w.name)
        key = f"{record}.{w.core}"
        if p is None:
            found.add(key, f"not an argument of {record}(...) in Python")
            continue
        if p.positional_only:
            found.add(key, f"positional-only in {record}(...), a keyword in api.json")
        if (text := _default_text(p, w)) is not None:
            found.add(key, f"{record}(...): {text}")
    for name in sorted(set(have) - names):
        found.add(
            f"{record}.{name}", f"extra argument of {record}(...) in Python (not in api.json)"
        )


def compare_enum(found: Found, name: str, description: dict[str, Any], decl: ClassDecl) -> None:
    """A plain enum: member values are the variant names. A tagged enum (with
    fields): one static constructor per variant, taking its fields in order."""
    variants = [v["name"] for v in description["variants"]]
    if "tag" in description:
        for v in description["variants"]:
            params = decl.static_methods.get(v["name"])
            if params is None:
                found.add(f"{name}.{v['name']}", f"no static constructor {name}.{v['name']}")
                continue
            want = [py_name(f["name"]) for f in v.get("fields", [])]
            have = [p.name for p in params]
            if want != have:
                found.add(
                    f"{name}.{v['name']}",
                    f"takes ({', '.join(have)}), api.json ({', '.join(want)})",
                )
        return
    if decl.enum_values is None:
        found.add(name, "not an enum.Enum in Python")
        return
    for value in variants:
        if value not in decl.enum_values:
            found.add(f"{name}.{value}", "value missing in Python")
    for value in decl.enum_values:
        if value not in variants:
            found.add(f"{name}.{value}", "extra value in Python (not in api.json)")
    common = [v for v in decl.enum_values if v in variants]
    if common != [v for v in variants if v in decl.enum_values]:
        found.add(name, f"members in another order than api.json: {decl.enum_values}")


def mismatches(api: Api, declared: Declarations) -> dict[str, str]:
    """Every difference between api.json and ``declared``, by key:

    - ``operation``: no such method on ``Helpdesk``;
    - ``operation.param`` (the core's name; an extra parameter: Python's):
      its parameters after ``actor`` are the core's non-record parameters,
      by name and in order, positional, with a default exactly where the
      type is ``option<…>``; then, for a parameter typed by an input record
      (a record name, not ``option``/``list``), that record's fields as
      keyword-only arguments (a ``flatten``ed field contributes its own
      record's fields), with a default exactly where api.json says
      ``optional``. A core name that is a Python keyword takes a trailing
      underscore (``from`` -> ``from_``);
    - ``Helpdesk.method[.param]``: the members that are not operations are
      those of :func:`desk_members`, with their parameters (``clock``, then
      the fields of api.json's ``desk_options`` record as keywords);
    - ``Record.field``: for every record Python has a class of under the
      same name, its attributes are api.json's fields (flattened fields
      expanded), no more, no fewer; if Python code can construct it, the
      constructor takes them as keywords, a default exactly where
      ``optional``;
    - ``Enum`` / ``Enum.value``: an enum is an :class:`enum.Enum` whose
      member values are api.json's variant names, in order; a tagged enum
      (``Closure``) has a static constructor per variant taking its fields.
    """
    found = Found()
    for op in api["operations"]:
        have = declared.methods.get(op["name"])
        if have is None:
            found.add(op["name"], "no such method on Helpdesk")
            continue
        compare_params(found, op["name"], expected_params(api, op), have)
    members = desk_members(api)
    for name, want in members.items():
        have = declared.methods.get(name)
        if have is None:
            found.add(f"Helpdesk.{name}", "no such method on Helpdesk")
        else:
            compare_params(found, f"Helpdesk.{name}", want, have, actor=False)
    operations = {op["name"] for op in api["operations"]}
    for name in sorted(set(declared.methods) - operations - set(members)):
        found.add(
            f"Helpdesk.{name}", "extra method in Python (neither an operation nor a desk member)"
        )
    for record in api["records"]:
        if record in declared.classes:
            compare_record(found, api, record, declared.classes[record])
    for name, description in api["enums"].items():
        decl = declared.classes.get(name)
        if decl is None:
            found.add(name, "no class of that name in Python")
        else:
            compare_enum(found, name, description, decl)
    return dict(found)


WHY = ". Why: "
"""Between what differs and the reason, in an allow-list entry."""


def allowed_difference(entry: str) -> str:
    """What an allow-list entry says differs (the text before ``. Why: ``)."""
    return entry.split(WHY, 1)[0]


def as_allow_list(found: dict[str, str], keys: Iterable[str] | None = None) -> str:
    """Mismatches in the allow-list's form, a reason to write for each."""
    chosen = sorted(found if keys is None else keys)
    return json.dumps({k: f"{found[k]}{WHY}TODO" for k in chosen}, indent=2) + "\n"


if __name__ == "__main__":
    import helpdesk

    sys.stdout.write(as_allow_list(mismatches(load_api(), runtime_declarations(helpdesk))))
