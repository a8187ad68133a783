"""Type stub of the native module ``helpdesk._helpdesk`` (built from Rust).

A test (tests/test_stub.py) checks that this stub and the built module
declare the same names.
"""

def version() -> str:
    """The version of the helpdesk library."""

def _panic_for_test(guarded: bool = True) -> None:
    """Panics in Rust (tests only): ``InternalError`` if guarded, else ``PanicException``."""
