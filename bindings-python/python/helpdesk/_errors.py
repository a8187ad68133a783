"""The exceptions of helpdesk: one root class and one subclass per error kind.

Every error raised by the Rust core arrives as a subclass of
:class:`HelpdeskError`, chosen by the error's *kind* (:class:`InvalidInput`
is a :class:`ValueError` too); ``code`` keeps the
precise, stable, machine-readable code (``not_found``, ``schema_too_new``,
...) and ``fields`` the structured details (``{"entity": "ticket", ...}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class HelpdeskError(Exception):
    """Root of every error raised by helpdesk."""

    code: str
    """The stable machine-readable code, e.g. ``"not_found"``."""
    fields: dict[str, str]
    """The structured details of the error, e.g. ``{"entity": "ticket", "id": "7"}``."""

    def __init__(
        self, message: str, code: str = "internal", fields: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.fields = dict(fields or {})

    @property
    def message(self) -> str:
        """The human-readable message."""
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.fields))


class NotFound(HelpdeskError):
    """The record does not exist, or the actor may not see it."""


class Forbidden(HelpdeskError):
    """The actor may see the record but may not do this to it."""


class InvalidInput(HelpdeskError, ValueError):
    """The input is malformed or breaks a rule; nothing was written.

    ``fields["field"]`` names the offending argument (or record field). It is
    also a :class:`ValueError`, Python's own error for a value of the right
    type that cannot be used (a naive datetime, ``-1`` for a limit, ``"abc"``
    for a decimal), so ``except ValueError`` catches it too.
    """


class InvalidType(InvalidInput, TypeError):
    """An argument of the wrong Python type (a ``float`` for money, a ``str``
    for an id): an :class:`InvalidInput` naming it in ``fields["field"]``, as
    core refuses a value of the wrong JSON type, and a :class:`TypeError`, as
    Python code expects of a wrong type."""


class InvalidState(HelpdeskError):
    """The record is not in a state that allows the operation."""


class Conflict(HelpdeskError):
    """The operation collides with something already stored (a duplicate)."""


class StorageError(HelpdeskError):
    """The store failed, is damaged, or was written by a newer version."""


class InternalError(HelpdeskError):
    """A bug in helpdesk: a broken invariant, or a Rust panic caught at the boundary."""


__all__ = [
    "Conflict",
    "Forbidden",
    "HelpdeskError",
    "InternalError",
    "InvalidInput",
    "InvalidState",
    "InvalidType",
    "NotFound",
    "StorageError",
]
