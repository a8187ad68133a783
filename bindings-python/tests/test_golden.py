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

# Arguments whose string values name a member of one of helpdesk's enums.
ENUM_ARGS: dict[str, type[Any]] = {
    "kind": helpdesk.UserKind,
    "role": helpdesk.HelpdeskRole,
    "visibility": helpdesk.Visibility,
    "priority": helpdesk.Priority,
    "sort": helpdesk.TicketSort,
    "assignment_method": helpdesk.AssignmentMethod,
    "tracking": helpdesk.Tracking,
    "payment_state": helpdesk.PaymentState,
    "scope": helpdesk.RewardScope,
    "service_policy": helpdesk.ServicePolicy,
}
# ... and those whose enum depends on the operation (or the record) they are in.
OP_ENUM_ARGS: dict[tuple[str, str], type[Any]] = {
    ("create_journal", "kind"): helpdesk.JournalKind,
    ("reward", "kind"): helpdesk.RewardKind,
    ("create_location", "kind"): helpdesk.LocationKind,
    ("move_field_service_task", "stage"): helpdesk.TaskStage,
}
# Arguments that are exact decimals (strings in the golden files) or dates.
DECIMAL_ARGS = {
    "percent",
    "sale_price",
    "quantity",
    "unit_price",
    "discount_percent",
    "fixed_amount",
    "max_discount",
    "minimum_quantity",
    "minimum_amount",
    "ratio",
    "rounding",
    "hours_per_day",
    "upsell_threshold",
}
DATE_ARGS = {"date", "reversal_date", "valid_from", "valid_until", "scheduled_date"}
# Operations whose `lines` are records, by the record class of a line.
LINES: dict[str, Callable[..., Any]] = {
    "create_sale_order": helpdesk.SaleOrderLine,
    "create_invoice": helpdesk.NewInvoiceLine,
    "create_delivery": helpdesk.TransferLine,
    "return_products": helpdesk.ReturnQuantity,
    "return_for_exchange": helpdesk.ReturnQuantity,
}

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

    def argument(self, name: str, value: Any, op: str = "") -> Any:
        """A golden argument of ``op`` as the typed Python value the binding expects."""
        value = self.resolve(value)
        if (op, name) in OP_ENUM_ARGS and isinstance(value, str):
            return OP_ENUM_ARGS[op, name](value)
        if name in ENUM_ARGS and isinstance(value, str):
            return ENUM_ARGS[name](value)
        if name in DECIMAL_ARGS and isinstance(value, str):
            return decimal.Decimal(value)
        if name in DATE_ARGS and isinstance(value, str):
            return datetime.date.fromisoformat(value)
        if name == "lines" and op in LINES and value is not None:
            return [LINES[op](**self.arguments(line)) for line in value]
        if name == "sale_line" and isinstance(value, dict):
            return helpdesk.OrderLineRef(**value)
        if name == "reward":
            return helpdesk.Reward(**self.arguments(value, "reward"))
        if name == "conditions":
            return helpdesk.RewardConditions(**self.arguments(value))
        if name == "settings" and isinstance(value, dict):
            return helpdesk.TeamSettings(**{k: self.argument(k, v) for k, v in value.items()})
        if name == "hours":
            return [helpdesk.WorkingHours(h["weekday"], h["start"], h["end"]) for h in value]
        if name == "closures":
            return [closure(c) for c in value]
        if name == "spec" and isinstance(value, dict):
            return helpdesk.CalendarSpec(**{k: self.argument(k, v) for k, v in value.items()})
        if name == "within" and isinstance(value, dict):
            return helpdesk.Within(**value)
        if name == "tickets":
            return [helpdesk.NewTicket(**self.arguments(ticket)) for ticket in value]
        if name in ("start", "a", "b", "from", "to", "at") and isinstance(value, str):
            return instant(value)
        if name == "duration":
            return datetime.timedelta(seconds=value)
        return value

    def arguments(self, raw: dict[str, Any], op: str = "") -> dict[str, Any]:
        """Golden arguments as Python keyword arguments (``from`` is ``from_``)."""
        keyword = {"from": "from_"}
        return {
            keyword.get(name, name): self.argument(name, value, op) for name, value in raw.items()
        }

    def actor(self, name: str) -> Actor:
        return Actor.system() if name == "system" else Actor.user(self.resolve(name))

    def step(self, here: str, step: dict[str, Any]) -> None:
        op: str = step["op"]
        raw_args: dict[str, Any] = step.get("args") or {}
        if op == "advance_clock":
            self.clock.advance(datetime.timedelta(seconds=raw_args["seconds"]))
            return
        args = self.arguments(raw_args, op)
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
def test_golden_case_on_sqlite(path: Path, tmp_path: Path) -> None:
    replay(path, lambda clock: Helpdesk.open(tmp_path / "desk.sqlite", clock=clock))
