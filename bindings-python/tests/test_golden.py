"""The shared golden cases (tests/golden/*.json, format in its README.md),
replayed from Python: every step must give the result the Rust core gives."""

from __future__ import annotations

import datetime
import decimal
import json
from pathlib import Path
from typing import Any, Callable

import pytest
from wire import to_wire

import helpdesk
from helpdesk import Actor, Helpdesk, ManualClock

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"
CASES = sorted(GOLDEN.glob("*.json"))

# The description of every operation, record and enum, written from core's
# source: it says how each golden argument becomes a Python value.
API: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "core" / "api.json").read_text(encoding="utf-8")
)
OPERATIONS: dict[str, Any] = {op["name"]: op for op in API["operations"]}
RECORDS: dict[str, Any] = API["records"]
ENUMS: dict[str, Any] = API["enums"]
# Python keyword arguments that differ from the core's names.
KEYWORD = {"from": "from_"}

DeskFactory = Callable[[ManualClock], Helpdesk]


def instant(text: str) -> datetime.datetime:
    """An RFC 3339 instant of the golden files ("...Z") as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def closure(spec: dict[str, Any]) -> helpdesk.Closure:
    """A golden closure (``{"kind": "days" | "period", ...}``) as a ``Closure``."""
    if spec["kind"] == "days":
        first = datetime.date.fromisoformat(spec["first"])
        return helpdesk.Closure.days(first, datetime.date.fromisoformat(spec["last"]))
    assert spec["kind"] == "period", spec
    return helpdesk.Closure.period(instant(spec["from"]), instant(spec["to"]))


def at_path(value: Any, path: str) -> Any:
    """The value at a dotted path of a wire value (numeric parts index lists)."""
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


class Replay:
    """One golden case running on one desk."""

    def __init__(self, desk: Helpdesk, clock: ManualClock) -> None:
        self.desk = desk
        self.clock = clock
        self.names: dict[str, Any] = {}

    def resolve(self, value: Any) -> Any:
        """``"$name"`` to the id bound to ``name``, recursively."""
        if isinstance(value, str) and value.startswith("$"):
            return self.names[value[1:]]
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def value(self, ty: str, value: Any) -> Any:
        """A golden value (the core's JSON) of api.json type ``ty`` as Python takes it."""
        value = self.resolve(value)
        if value is None:
            return None
        for wrapper in ("option<", "list<"):
            if ty.startswith(wrapper):
                inner = ty[len(wrapper) : -1]
                if wrapper == "list<":
                    return [self.value(inner, item) for item in value]
                return self.value(inner, value)
        if ty == "decimal":
            return decimal.Decimal(value)
        if ty == "date":
            return datetime.date.fromisoformat(value)
        if ty == "instant":
            return instant(value)
        if ty == "duration":
            return datetime.timedelta(seconds=value)
        if ty == "bytes":  # the golden files hold the bytes' UTF-8 text
            return value.encode("utf-8")
        if ty == "Closure":
            return closure(value)
        if ty in RECORDS:
            return getattr(helpdesk, ty)(**self.fields(ty, value))
        if ty in ENUMS:
            return getattr(helpdesk, ty)(value)
        return value

    def fields(self, record: str, values: dict[str, Any]) -> dict[str, Any]:
        """The fields of ``record`` found in ``values``, as keyword arguments (a
        flattened field's record gives its own fields alongside)."""
        out: dict[str, Any] = {}
        for field in RECORDS[record]["fields"]:
            if field.get("flatten"):
                out.update(self.fields(field["type"], values))
            elif field["name"] in values:
                keyword = KEYWORD.get(field["name"], field["name"])
                out[keyword] = self.value(field["type"], values[field["name"]])
        return out

    def arguments(self, op: str, raw: dict[str, Any]) -> dict[str, Any]:
        """The golden arguments of ``op`` as Python keyword arguments: each
        parameter by its name, an input record's fields spelled out (Python's
        shape of an input record)."""
        args: dict[str, Any] = {}
        for param in OPERATIONS[op]["params"]:
            if param["type"] in RECORDS:
                args.update(self.fields(param["type"], raw))
            elif param["name"] in raw:
                keyword = KEYWORD.get(param["name"], param["name"])
                args[keyword] = self.value(param["type"], raw[param["name"]])
        return args

    def actor(self, name: str) -> Actor:
        return Actor.system() if name == "system" else Actor.user(self.resolve(name))

    def step(self, here: str, step: dict[str, Any]) -> None:
        op: str = step["op"]
        raw_args: dict[str, Any] = step.get("args") or {}
        if op == "advance_clock":
            self.clock.advance(datetime.timedelta(seconds=raw_args["seconds"]))
            return
        args = self.arguments(op, raw_args)
        actor = self.actor(step.get("actor", "system"))
        expect: dict[str, Any] = step.get("expect") or {}
        before = self.desk.snapshot()
        method = getattr(self.desk, op)

        if "error" in expect:
            with pytest.raises(helpdesk.HelpdeskError) as caught:
                method(actor, **args)
            assert caught.value.code == expect["error"], f"{here}: {caught.value}"
            assert self.desk.snapshot() == before, f"{here}: the store changed"
            return

        result = method(actor, **args)
        value = to_wire(result)
        if "value" in expect:
            got: Any = value
            if isinstance(result, datetime.timedelta):  # whole seconds
                assert result.microseconds == 0, f"{here}: {result}"
                got = result.days * 86_400 + result.seconds
            assert got == self.resolve(expect["value"]), f"{here}: value"
        if "bind" in step:
            self.names[step["bind"]] = value["id"]
            if "partner" in value:
                self.names[f"{step['bind']}.partner"] = value["partner"]
        for bind, path in (step.get("bind_paths") or {}).items():
            self.names[bind] = at_path(value, path)
        for field, wanted in (expect.get("fields") or {}).items():
            assert value[field] == self.resolve(wanted), f"{here}: field {field}"
        for path, wanted in (expect.get("paths") or {}).items():
            assert at_path(value, path) == self.resolve(wanted), f"{here}: path {path}"
        if "references" in expect:
            got = [ticket["reference"] for ticket in value["tickets"]]
            assert got == expect["references"], f"{here}: references"
        if "count" in expect:
            got_count = len(value) if isinstance(value, list) else value
            assert got_count == expect["count"], f"{here}: count"
        if "items" in expect:
            assert len(value) == len(expect["items"]), f"{here}: number of items"
            for index, (item, wanted_fields) in enumerate(zip(value, expect["items"])):
                for field, wanted in wanted_fields.items():
                    assert item[field] == self.resolve(wanted), f"{here}: item {index} {field}"
        if "bodies" in expect:
            assert [m["body"] for m in value] == expect["bodies"], f"{here}: bodies"
        for item_name, bind in (expect.get("bind_by_name") or {}).items():
            matches = [item for item in value if item["name"] == item_name]
            assert matches, f"{here}: no item named {item_name}"
            self.names[bind] = matches[0]["id"]


def replay(path: Path, make_desk: DeskFactory) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    clock = ManualClock(instant(case["start"]))
    run = Replay(make_desk(clock), clock)
    for index, step in enumerate(case["steps"]):
        run.step(f"{case['name']} step {index} ({step['op']})", step)


def test_there_are_golden_cases() -> None:
    assert CASES, f"no golden case in {GOLDEN}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case_in_memory(path: Path) -> None:
    replay(path, lambda clock: Helpdesk.in_memory(clock=clock))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case_on_postgres(path: Path, postgres_location: str) -> None:
    replay(path, lambda clock: Helpdesk.open(postgres_location, clock=clock))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case_on_sqlite(path: Path, tmp_path: Path) -> None:
    replay(path, lambda clock: Helpdesk.open(tmp_path / "desk.sqlite", clock=clock))
