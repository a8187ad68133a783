"""helpdesk: the rules of a customer-service desk, from Python.

The rules are written once in Rust (the ``helpdesk`` crate); this package
is a thin, typed binding over them. Start with :class:`Helpdesk`.
"""

from __future__ import annotations

from helpdesk._errors import (
    Conflict,
    Forbidden,
    HelpdeskError,
    InternalError,
    InvalidInput,
    InvalidState,
    NotFound,
    StorageError,
)
from helpdesk._helpdesk import version

__version__ = version()

__all__ = [
    "Conflict",
    "Forbidden",
    "HelpdeskError",
    "InternalError",
    "InvalidInput",
    "InvalidState",
    "NotFound",
    "StorageError",
    "__version__",
    "version",
]
