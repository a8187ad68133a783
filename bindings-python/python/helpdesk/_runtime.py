"""The hand-written runtime under the generated code of ``_generated.py``.

Every ``Helpdesk`` method is generated from ``core/api.json`` and is one
call of :meth:`Operation.call`: its arguments become the one JSON object
that core's ``json_api::call`` reads, the native desk runs it (GIL
released), and the JSON result becomes the generated records. The encoders
and decoders here are chosen by api.json's type strings (``id:Ticket``,
``option<decimal>``, ``list<NewTicket>``, ...).

What is checked where: here only that a Python value has a shape JSON can
carry for its type (an ``int`` for an id, an aware ``datetime`` for an
instant, never a ``float`` for money), because that is what Python knows
and JSON would lose; every rule on the value itself (ranges, digits, text
formats, enum names) is core's (``helpdesk::scalars``), which refuses it as
``invalid_input`` naming the field, exactly as from Rust.

A ``bytes`` value (raw e-mail, an attachment's content) is a ``str`` of its
standard base64 (RFC 4648, with ``=`` padding) in core's JSON: a caller
passes ``bytes``, ``bytearray`` or ``memoryview``, and gets ``bytes`` back.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import enum
import functools
import importlib
import json
import keyword
import math
from collections.abc import Sequence
from types import ModuleType
from typing import Any, Callable, ClassVar, Generic, NamedTuple, TypeVar

from helpdesk import _helpdesk
from helpdesk._errors import InvalidInput, InvalidType

T = TypeVar("T")
Encoder = Callable[[Any, str], Any]
Decoder = Callable[[Any], Any]

UTC = datetime.timezone.utc
# ``allow_nan=False``: core reads strict JSON, so a NaN is refused here.
_dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_loads = json.loads


def refuse(field: str, reason: str) -> InvalidInput:
    """``InvalidInput`` naming ``field``, shaped as core's own refusals."""
    return InvalidInput(
        f"invalid {field}: {reason}", "invalid_input", {"field": field, "reason": reason}
    )


def wrong_type(field: str, expected: str, value: object) -> InvalidType:
    """``InvalidType`` (an ``InvalidInput`` and a ``TypeError``) naming ``field``."""
    reason = f"expected {expected}, got {type(value).__name__}"
    return InvalidType(
        f"argument '{field}': {reason}", "invalid_input", {"field": field, "reason": reason}
    )


# ----- the types of api.json -----


def _inner(type_: str, wrapper: str) -> str | None:
    """``T`` of ``wrapper<T>``, or ``None``."""
    if type_.startswith(wrapper + "<") and type_.endswith(">"):
        return type_[len(wrapper) + 1 : -1]
    return None


_generated: ModuleType | None = None


def _class(name: str) -> Any:
    """The class api.json names: a generated record or enum, or a native class."""
    global _generated
    if _generated is None:
        _generated = importlib.import_module("helpdesk._generated")
    found = getattr(_generated, name, None)
    if found is None:
        found = getattr(_helpdesk, name, None)
    if found is None:
        raise LookupError(f"no class for the api.json type {name}")
    return found


def _is_native(cls: Any) -> bool:
    """A native class (``WorkingHours``, ``Closure``) carries core's JSON itself."""
    return hasattr(cls, "_from_json")


# ----- Python values to the JSON of json_api::call -----


def _bool(value: Any, field: str) -> Any:
    if isinstance(value, bool):
        return value
    raise wrong_type(field, "True or False", value)


def _string(value: Any, field: str) -> Any:
    if isinstance(value, str):
        return value
    raise wrong_type(field, "a str", value)


def _whole(value: Any, field: str) -> Any:
    # A bool or a float goes to core as it is: core's own rule refuses it
    # ("true is not a whole number from 0 to ..."), as it does from JSON.
    if isinstance(value, int):
        return value if type(value) in (int, bool) else int(value)
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise wrong_type(field, "an int", value)


def _id(value: Any, field: str) -> Any:
    # A bool goes to core, which refuses it; a float would be read as a
    # JavaScript number there (1.0 is id 1), so Python refuses it: an id is
    # an int.
    if isinstance(value, int):
        return value if type(value) in (int, bool) else int(value)
    if isinstance(value, float):
        raise refuse(field, f"{value!r} is not an id (an id is an int, not a float)")
    raise wrong_type(field, "an int", value)


_DECIMAL = "a decimal.Decimal, int or str"


def _decimal_text(value: Any, field: str) -> Any:
    if isinstance(value, decimal.Decimal):
        # Positional notation with the value's scale ("1E+3" is "1000"),
        # as core writes decimals; core reads and checks the digits.
        return format(value, "f")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        raise wrong_type(field, f"{_DECIMAL} (a float cannot hold money exactly)", value)
    raise wrong_type(field, _DECIMAL, value)


_NUMBER = "a number (int, float, decimal.Decimal or str)"


def _number_text(value: Any, field: str) -> Any:
    """An amount of working time (``Within``'s days and hours): exact, and a
    ``float`` too, read by its shortest form (``1.5`` is 1.5, ``0.1`` is
    0.1), as a person wrote it; core checks the digits."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise refuse(field, f"{value!r} is not a number")
        return repr(value)
    if isinstance(value, (decimal.Decimal, str)) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        return _decimal_text(value, field)
    raise wrong_type(field, _NUMBER, value)


def _date_text(value: Any, field: str) -> Any:
    if isinstance(value, datetime.datetime):
        raise wrong_type(field, "a datetime.date (pass the datetime's .date())", value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise wrong_type(field, "a datetime.date", value)


def instant_text(value: Any, field: str) -> str:
    """An aware datetime in any zone as core's RFC 3339 text in UTC (``Z``,
    and 0, 3 or 6 digits of a second, as core writes instants)."""
    if not isinstance(value, datetime.datetime):
        raise wrong_type(field, "an aware datetime.datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise refuse(
            field,
            "a naive datetime has no time zone: pass a timezone-aware datetime"
            " (e.g. tzinfo=datetime.timezone.utc)",
        )
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise refuse(field, f"{value.isoformat()} is outside the years 1 to 9999 in UTC") from None
    text = utc.replace(tzinfo=None).isoformat()
    if utc.microsecond and utc.microsecond % 1000 == 0:
        text = text[:-3]
    return text + "Z"


def _seconds(value: Any, field: str) -> Any:
    if not isinstance(value, datetime.timedelta):
        raise wrong_type(field, "a datetime.timedelta", value)
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    if micros % 1_000_000 == 0:
        return micros // 1_000_000
    # Exact text: core decides what a fraction of a second means for the
    # operation (working time refuses it, never cuts it).
    return format(decimal.Decimal(micros).scaleb(-6), "f")


_BYTES = "bytes, bytearray or memoryview"


def _base64(value: Any, field: str) -> Any:
    """Bytes as core's JSON: the text of their standard base64 (with ``=``)."""
    if isinstance(value, memoryview):
        # Any shape or format: the bytes it views, in order.
        value = value.tobytes()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise wrong_type(field, _BYTES, value)


def _native_json(cls: Any) -> Encoder:
    def encode(value: Any, field: str) -> Any:
        if isinstance(value, cls):
            return _loads(value._to_json())
        raise wrong_type(field, f"a {cls.__name__}", value)

    return encode


def _enum(cls: Any) -> Encoder:
    def encode(value: Any, field: str) -> Any:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, str):
            return value  # core says which names it knows
        raise wrong_type(field, f"a {cls.__name__} or its str value", value)

    return encode


def _record(cls: Any) -> Encoder:
    def encode(value: Any, field: str) -> Any:
        if isinstance(value, cls):
            return value.to_dict()
        raise wrong_type(field, f"a helpdesk.{cls.__name__}", value)

    return encode


def _optional(inner: Encoder) -> Encoder:
    def encode(value: Any, field: str) -> Any:
        return None if value is None else inner(value, field)

    return encode


def _list(inner: Encoder) -> Encoder:
    def encode(value: Any, field: str) -> Any:
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise wrong_type(field, "a list", value)
        return [inner(item, field) for item in value]

    return encode


_SCALAR_ENCODERS: dict[str, Encoder] = {
    "bool": _bool,
    "string": _string,
    "time_of_day": _string,
    "decimal": _decimal_text,
    "number": _number_text,
    "date": _date_text,
    "instant": instant_text,
    "duration": _seconds,
    "bytes": _base64,
    **dict.fromkeys(("u8", "u16", "u32", "u64", "usize", "i32", "i64"), _whole),
}


@functools.cache
def encoder(type_: str) -> Encoder:
    """The encoder of values of the api.json type ``type_``."""
    if (inner := _inner(type_, "option")) is not None:
        return _optional(encoder(inner))
    if (inner := _inner(type_, "list")) is not None:
        return _list(encoder(inner))
    if type_.startswith("id:"):
        return _id
    if type_ in _SCALAR_ENCODERS:
        return _SCALAR_ENCODERS[type_]
    cls = _class(type_)
    if _is_native(cls):
        return _native_json(cls)
    if issubclass(cls, enum.Enum):
        return _enum(cls)
    return _record(cls)


# ----- the JSON of results to Python values -----


_fromisoformat = datetime.datetime.fromisoformat


def instant_of(text: str) -> datetime.datetime:
    """Core's RFC 3339 UTC text (``...Z``) as an aware UTC datetime (a
    fraction finer than a microsecond is cut: Python holds no finer)."""
    if len(text) != 30:
        # Whole seconds, or 3 or 6 digits of a second: every Python since
        # 3.7 reads these (with an offset rather than ``Z``), in C.
        return _fromisoformat(text[:-1] + "+00:00")
    micro = 0
    if len(text) > 20 and text[19] == ".":
        digits = text[20:-1]
        micro = int((digits + "000000")[:6])
    return datetime.datetime(
        int(text[0:4]),
        int(text[5:7]),
        int(text[8:10]),
        int(text[11:13]),
        int(text[14:16]),
        int(text[17:19]),
        micro,
        tzinfo=UTC,
    )


def _duration_of(value: Any) -> datetime.timedelta:
    if isinstance(value, int):
        return datetime.timedelta(seconds=value)
    micros = decimal.Decimal(str(value)).scaleb(6)
    return datetime.timedelta(microseconds=int(micros))


def _same(value: Any) -> Any:
    return value


def _decimal_of(value: Any) -> decimal.Decimal:
    return decimal.Decimal(value if isinstance(value, str) else str(value))


def _bytes_of(value: Any) -> bytes:
    """Core's base64 text as the bytes it holds (read strictly: core writes
    nothing but the alphabet and its padding)."""
    return base64.b64decode(value, validate=True)


_SCALAR_DECODERS: dict[str, Decoder] = {
    "bool": _same,
    "string": _same,
    "time_of_day": _same,
    "decimal": _decimal_of,
    "number": _decimal_of,
    "date": datetime.date.fromisoformat,
    "instant": instant_of,
    "duration": _duration_of,
    "bytes": _bytes_of,
    "unit": _same,
    **dict.fromkeys(("u8", "u16", "u32", "u64", "usize", "i32", "i64"), _same),
}


def _optional_of(inner: Decoder) -> Decoder:
    if inner is _same:
        return _same

    def decode(value: Any) -> Any:
        return None if value is None else inner(value)

    return decode


def _list_of(inner: Decoder) -> Decoder:
    if inner is _same:
        return _same  # json.loads made the list: it is the caller's own

    def decode(value: Any) -> Any:
        return [] if value is None else [inner(item) for item in value]

    return decode


def _native_of(cls: Any) -> Decoder:
    def decode(value: Any) -> Any:
        return cls._from_json(_dumps(value))

    return decode


@functools.cache
def decoder(type_: str) -> Decoder:
    """The decoder of core's JSON of the api.json type ``type_``."""
    if (inner := _inner(type_, "option")) is not None:
        return _optional_of(decoder(inner))
    if (inner := _inner(type_, "list")) is not None:
        return _list_of(decoder(inner))
    if type_.startswith("id:"):
        return _same
    if type_ in _SCALAR_DECODERS:
        return _SCALAR_DECODERS[type_]
    cls = _class(type_)
    if _is_native(cls):
        return _native_of(cls)
    if issubclass(cls, enum.Enum):
        return cls  # type: ignore[no-any-return]
    return cls.from_dict  # type: ignore[no-any-return]


# ----- Python values kept by a record built in Python -----

Reader = Callable[[Any, str], Any]


def _core_decimal(value: Any, field: str) -> decimal.Decimal:
    text = _decimal_text(value, field)
    try:
        return decimal.Decimal(_helpdesk.parse_decimal_text(text))
    except InvalidInput as refused:
        reason = refused.fields.get("reason", refused.message)
        raise refuse(field, reason) from None


def _core_number(value: Any, field: str) -> decimal.Decimal:
    """A working amount as the exact ``Decimal`` core reads, in the form core
    writes it back (``4`` for ``4.0``, ``1.5`` for ``1.50``)."""
    text = _number_text(value, field)
    try:
        exact = decimal.Decimal(_helpdesk.parse_decimal_text(text))
    except InvalidInput as refused:
        reason = refused.fields.get("reason", refused.message)
        raise refuse(field, reason) from None
    if exact == exact.to_integral_value():
        return exact.quantize(decimal.Decimal(1))
    return exact.normalize()


def _checked(encode: Encoder) -> Reader:
    def read(value: Any, field: str) -> Any:
        encode(value, field)
        return value

    return read


def _instant_value(value: Any, field: str) -> datetime.datetime:
    return instant_of(instant_text(value, field))


def _bytes_value(value: Any, field: str) -> bytes:
    """Bytes a record keeps: a copy as ``bytes`` (immutable, hashable), as a
    result holds them."""
    if isinstance(value, memoryview):
        return value.tobytes()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise wrong_type(field, _BYTES, value)


def _enum_value(cls: Any) -> Reader:
    names = ", ".join(member.value for member in cls)

    def read(value: Any, field: str) -> Any:
        try:
            return cls(_enum(cls)(value, field))
        except ValueError:
            raise refuse(field, f"{value!r} is not a {cls.__name__}: one of {names}") from None

    return read


def _optional_value(inner: Reader) -> Reader:
    def read(value: Any, field: str) -> Any:
        return None if value is None else inner(value, field)

    return read


def _list_value(inner: Reader) -> Reader:
    check = _list(_same_encoder)

    def read(value: Any, field: str) -> Any:
        check(value, field)
        return [inner(item, field) for item in value]

    return read


def _same_encoder(value: Any, field: str) -> Any:
    return value


@functools.cache
def reader(type_: str) -> Reader:
    """How a record built in Python reads a field of ``type_``: its Python
    type checked, a decimal read by core's rules (``"1E+3"`` holds
    ``Decimal("1000")``), an instant taken to UTC, an enum's value made its
    member, a ``bytearray`` or ``memoryview`` copied to ``bytes``; the rest
    is kept, for core to check when the record is sent."""
    if (inner := _inner(type_, "option")) is not None:
        return _optional_value(reader(inner))
    if (inner := _inner(type_, "list")) is not None:
        return _list_value(reader(inner))
    if type_ == "decimal":
        return _core_decimal
    if type_ == "number":
        return _core_number
    if type_ == "instant":
        return _instant_value
    if type_ == "bytes":
        return _bytes_value
    if type_.startswith("id:") or type_ in _SCALAR_ENCODERS:
        return _checked(encoder(type_))
    cls = _class(type_)
    if not _is_native(cls) and issubclass(cls, enum.Enum):
        return _enum_value(cls)
    return _checked(encoder(type_))


# ----- records -----

_set = object.__setattr__


def _unless_same(decode: Decoder) -> Decoder | None:
    """``None`` for a decoder that keeps the JSON value (ids, text, numbers):
    the hot loop of ``from_dict`` then skips the call."""
    return None if decode is _same else decode


def _freeze(value: Any) -> Any:
    """A hashable stand-in for a field's value that is equal exactly when
    the plain data (``to_dict()``) is: a decimal keeps its scale."""
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, decimal.Decimal):
        return ("decimal", format(value, "f"))
    if isinstance(value, Record):
        return (type(value), value._key())
    if hasattr(value, "_to_json"):
        return (type(value), value._to_json())
    return value


class Field(NamedTuple):
    """A field of a generated record, as api.json describes it."""

    attribute: str
    """The Python attribute (a keyword takes a trailing underscore: ``from_``)."""
    name: str
    """The name in core's JSON."""
    type: str
    """The api.json type."""
    core_default: bool
    """Left out (``None``), it takes core's default value (not ``None``)."""


@functools.cache
def _core_defaults(record: str) -> dict[str, Any]:
    loaded: dict[str, Any] = _loads(_helpdesk.record_defaults(record))
    return loaded


class Record:
    """The base of every generated record: plain, immutable data.

    Equal records have equal plain data (``to_dict()``: a decimal's scale
    counts, ``1.0`` is not ``1.00``), and hash alike; a record pickles
    through its plain data.
    """

    __slots__ = ()
    _FIELDS: ClassVar[tuple[Field, ...]] = ()
    _DECODERS: ClassVar[tuple[tuple[str, str, Decoder | None], ...] | None] = None

    def _init(self, values: tuple[Any, ...]) -> None:
        """Sets the fields from the constructor's arguments, in order; a
        field left out takes core's default."""
        cls = type(self)
        for field, value in zip(cls._FIELDS, values):
            if value is None and field.core_default:
                value = decoder(field.type)(_core_defaults(cls.__name__)[field.name])
            elif value is not None:
                value = reader(field.type)(value, field.attribute)
            object.__setattr__(self, field.attribute, value)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data, ready for ``json.dumps``: core's JSON
        form (snake_case keys; ids as ``int``; decimals, dates and instants as
        text; bytes as their base64 text; enums by their value; a duration in
        seconds)."""
        data: dict[str, Any] = {}
        for field in self._FIELDS:
            value = getattr(self, field.attribute)
            if value is None and field.core_default:
                continue
            data[field.name] = encoder(field.type)(value, field.attribute)
        return data

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """The record whose plain data (``to_dict()``, core's JSON) is ``data``."""
        decoders = cls._DECODERS  # type: ignore[attr-defined]
        if decoders is None:
            decoders = tuple(
                (f.attribute, f.name, _unless_same(decoder(f.type)))
                for f in cls._FIELDS  # type: ignore[attr-defined]
            )
            cls._DECODERS = decoders  # type: ignore[attr-defined]
        record = object.__new__(cls)
        for attribute, name, decode in decoders:
            value = data.get(name)
            if decode is not None and value is not None:
                value = decode(value)
            _set(record, attribute, value)
        return record

    def _key(self) -> tuple[Any, ...]:
        return tuple(_freeze(getattr(self, field.attribute)) for field in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self).from_dict, (self.to_dict(),))


# ----- operations -----


class Report(Record):
    """The base of a report's output (``TicketReport``, ``SlaStatusReport``,
    ``RatingReport``): its rows as a table, for a data frame.

    The columns are: per dimension of ``group_by``, its label (named after
    the dimension, ``team``) and its id (``team_id``; ``None`` for periods
    and for no value); then each measure, a duration (``Hours``) as three
    columns ``<measure>_tickets``, ``_total`` and ``_average``. Counts are
    ``int``, rates and hours ``decimal.Decimal`` (exact), no figure ``None``.
    """

    __slots__ = ()
    group_by: Sequence[Any]
    rows: Sequence[Any]
    total: Any

    def columns(self) -> list[str]:
        """The names of the table's columns, in order."""
        names: list[str] = []
        for dimension in self.group_by:
            names += [dimension.value, f"{dimension.value}_id"]
        for field in type(self.total)._FIELDS:
            parts = _record_fields(field.type)
            names += [f"{field.name}_{part}" for part, _ in parts] if parts else [field.name]
        return names

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, keyed by :meth:`columns`."""
        out: list[dict[str, Any]] = []
        dimensions = self.group_by
        for row in self.rows:
            record: dict[str, Any] = {}
            for dimension, value in zip(dimensions, row.group):
                record[dimension.value] = value.label
                record[f"{dimension.value}_id"] = value.id
            for field in type(row.measures)._FIELDS:
                value = getattr(row.measures, field.attribute)
                parts = _record_fields(field.type)
                if not parts:
                    record[field.name] = value
                for part, attribute in parts:
                    cell = None if value is None else getattr(value, attribute)
                    record[f"{field.name}_{part}"] = cell
            out.append(record)
        return out

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs pandas, an optional
        dependency: ``pip install pandas``)."""
        pandas = _optional_module("pandas", "to_pandas()")
        return pandas.DataFrame.from_records(self.records(), columns=self.columns())

    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame`` (needs polars, an optional
        dependency: ``pip install polars``); decimals stay exact."""
        polars = _optional_module("polars", "to_polars()")
        columns = self.columns()
        rows = [[record[c] for c in columns] for record in self.records()]
        if not rows:
            return polars.DataFrame(schema=columns)
        return polars.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)


def _optional_module(name: str, needed_by: str) -> Any:
    """The optional package ``name``, or an ImportError saying how to get it
    (imported by name: neither is a dependency, nor are their types)."""
    try:
        return importlib.import_module(name)
    except ImportError as missing:
        raise ImportError(f"{needed_by} needs {name}: pip install {name}") from missing


def _record_fields(type_: str) -> list[tuple[str, str]]:
    """The (JSON name, attribute) of the fields of the record ``type_``
    names (optional or not); empty for a scalar."""
    name = _inner(type_, "option") or type_
    cls = getattr(importlib.import_module("helpdesk._generated"), name, None)
    fields: tuple[Field, ...] = getattr(cls, "_FIELDS", ())
    return [(f.name, f.attribute) for f in fields]


class Param(NamedTuple):
    """An argument of a generated method, as json_api::call reads it."""

    name: str
    """The name in the JSON arguments (core's)."""
    attribute: str
    """The Python parameter (named in refusals)."""
    type: str
    """The api.json type."""
    omit_none: bool
    """``None`` leaves the field out (an input record's field), rather than
    sending ``null`` (a plain ``option<...>`` parameter)."""


def _python_field(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) else name


class Operation(Generic[T]):
    """One operation of core: a generated method's body is :meth:`call`."""

    __slots__ = ("_compiled", "name", "params", "returns")

    def __init__(self, name: str, params: tuple[Param, ...], returns: str) -> None:
        self.name = name
        self.params = params
        self.returns = returns
        self._compiled: tuple[tuple[tuple[str, str, bool, Encoder], ...], Decoder] | None = None

    def _compile(self) -> tuple[tuple[tuple[str, str, bool, Encoder], ...], Decoder]:
        # On first use: the generated classes are all defined by then.
        compiled = (
            tuple((p.name, p.attribute, p.omit_none, encoder(p.type)) for p in self.params),
            decoder(self.returns),
        )
        self._compiled = compiled
        return compiled

    def call(
        self, desk: _helpdesk.NativeDesk, actor: _helpdesk.Actor, values: tuple[Any, ...]
    ) -> T:
        """Runs the operation as ``actor`` with ``values`` (one per param, in order)."""
        params, decode = self._compiled or self._compile()
        args: dict[str, Any] = {}
        for (name, attribute, omit_none, encode), value in zip(params, values):
            if value is None:
                if not omit_none:
                    args[name] = None
            else:
                args[name] = encode(value, attribute)
        try:
            result = desk.invoke(self.name, actor, _dumps(args))
        except InvalidInput as refused:
            # Core names a field by its JSON name; Python's spelling of a
            # keyword (``from`` -> ``from_``) is what the caller wrote.
            field = refused.fields.get("field")
            if field is not None and keyword.iskeyword(field):
                refused.fields["field"] = _python_field(field)
            raise
        decoded: T = decode(_loads(result))
        return decoded


class Options:
    """A record whose fields a method takes as keyword arguments outside an
    operation: a desk's options (api.json's ``desk_options``, core's
    ``DeskOptions``), which ``Helpdesk.in_memory``/``open`` hand the native
    desk as JSON for core's ``json_api::read`` (so a bad one is refused by
    core's rules, naming its field)."""

    __slots__ = ("_encoders", "params")

    def __init__(self, params: tuple[Param, ...]) -> None:
        self.params = params
        self._encoders: tuple[Encoder, ...] | None = None

    def json(self, values: tuple[Any, ...]) -> str:
        """The JSON object of ``values`` (one per param, in order); a value
        left out (``None``) takes core's default."""
        encoders = self._encoders
        if encoders is None:
            encoders = self._encoders = tuple(encoder(p.type) for p in self.params)
        args: dict[str, Any] = {}
        for param, encode, value in zip(self.params, encoders, values):
            if value is not None:
                args[param.name] = encode(value, param.attribute)
        return _dumps(args)
