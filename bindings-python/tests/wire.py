"""Test helper: Python values back to helpdesk's JSON form (the golden cases' language)."""

from __future__ import annotations

import datetime
import decimal
import enum
from typing import Any


def to_wire(value: Any) -> Any:
    """Records to dicts (by ``__match_args__``; a field named after a Python
    keyword, ``from_``, loses its underscore), instants to RFC 3339 UTC strings
    with a ``Z``, dates to ``YYYY-MM-DD``, decimals to plain (never scientific)
    strings with their scale, enums to their snake_case values, bytes to
    their UTF-8 text (as the golden files write them; an invalid sequence
    becomes U+FFFD), lists element-wise."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.timezone.utc)
        return utc.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return [to_wire(item) for item in value]
    fields = getattr(type(value), "__match_args__", None)
    if fields is not None:
        return {field.rstrip("_"): to_wire(getattr(value, field)) for field in fields}
    return value
