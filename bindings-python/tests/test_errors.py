"""The exception hierarchy and the panic policy."""

from __future__ import annotations

import pickle

import pytest
from hooks import REQUIRED, native_hooks

import helpdesk
from helpdesk import _helpdesk

KINDS = [
    helpdesk.NotFound,
    helpdesk.Forbidden,
    helpdesk.InvalidInput,
    helpdesk.InvalidState,
    helpdesk.Conflict,
    helpdesk.StorageError,
    helpdesk.InternalError,
]


def test_every_kind_is_a_helpdesk_error() -> None:
    for kind in KINDS:
        assert issubclass(kind, helpdesk.HelpdeskError)
        assert issubclass(kind, Exception)


def test_errors_carry_code_and_fields_and_pickle() -> None:
    error = helpdesk.NotFound("ticket 7 was not found", "not_found", {"entity": "ticket"})
    assert (error.code, error.fields, error.message) == (
        "not_found",
        {"entity": "ticket"},
        "ticket 7 was not found",
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is helpdesk.NotFound
    assert (copy.code, copy.fields, str(copy)) == (error.code, error.fields, str(error))


def test_a_rust_panic_in_an_operation_raises_internal_error() -> None:
    """Policy: a panic inside a core call (every operation runs guarded)
    surfaces as helpdesk.InternalError with code "internal"; the process lives on."""
    panic = native_hooks().panic_for_test
    with pytest.raises(helpdesk.InternalError) as caught:
        panic()
    assert caught.value.code == "internal"
    assert "deliberate panic" in caught.value.fields["message"]
    # The interpreter and the module still work afterwards.
    assert helpdesk.version() == helpdesk.__version__


def test_an_unguarded_rust_panic_raises_pyo3_panic_exception() -> None:
    """A panic outside the guard (e.g. in a conversion) is pyo3's PanicException,
    a BaseException: still an exception, never a crash."""
    panic = native_hooks().panic_for_test  # outside the raises: a skip is a BaseException
    with pytest.raises(BaseException) as caught:
        panic(guarded=False)
    assert type(caught.value).__name__ == "PanicException"
    assert not isinstance(caught.value, helpdesk.HelpdeskError)


def test_invalid_input_is_also_a_value_error() -> None:
    assert issubclass(helpdesk.InvalidInput, ValueError)
    assert not issubclass(helpdesk.NotFound, ValueError)


def test_the_test_build_carries_its_hooks() -> None:
    """`make test` installs the wheel built with the cargo feature `test-hooks`
    (and says so with HELPDESK_TEST_HOOKS=required); `make check-wheel`
    checks that the shipped wheel has none."""
    if not REQUIRED:
        pytest.skip("only where the test hooks are required (make test)")
    assert hasattr(_helpdesk, "_testing")
    assert callable(native_hooks().read_decimal)


def test_version() -> None:
    assert helpdesk.version().count(".") == 2


def test_public_classes_live_in_the_package() -> None:
    assert helpdesk.NotFound.__module__ == "helpdesk"
    assert helpdesk.Priority.__module__ == "helpdesk"
    assert helpdesk.Ticket.__module__ == "helpdesk"
    assert pickle.loads(pickle.dumps(helpdesk.Priority.HIGH)) is helpdesk.Priority.HIGH


def test_a_wrong_python_type_is_invalid_input_and_a_type_error() -> None:
    """The runtime refuses a value JSON cannot carry for its type as core
    refuses a wrong JSON type (``invalid_input`` naming the field), and as
    Python code expects (a ``TypeError``)."""
    desk = helpdesk.Helpdesk.in_memory()
    with pytest.raises(helpdesk.InvalidType) as caught:
        desk.get_ticket(helpdesk.Actor.system(), "1")  # type: ignore[arg-type]
    assert isinstance(caught.value, helpdesk.InvalidInput)
    assert isinstance(caught.value, TypeError)
    assert (caught.value.code, caught.value.fields["field"]) == ("invalid_input", "ticket")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is helpdesk.InvalidType and copy.fields == caught.value.fields


def test_a_location_that_cannot_be_read_names_the_location() -> None:
    with pytest.raises(helpdesk.InvalidInput) as refused:
        helpdesk.Helpdesk.open("postgres://desk@127.0.0.1/db?pool_size=0")
    assert refused.value.fields["field"] == "location"


def test_an_unreachable_postgres_server_is_a_storage_error_not_a_hang() -> None:
    with pytest.raises(helpdesk.StorageError) as refused:
        helpdesk.Helpdesk.open("postgres://desk@127.0.0.1:1/db?connect_timeout=5")
    assert "cannot connect" in str(refused.value)


def test_a_desk_on_postgres_is_shared_by_two_handles(postgres_location: str) -> None:
    first = helpdesk.Helpdesk.open(postgres_location)
    company = first.create_company(helpdesk.Actor.system(), name="Acme")
    second = helpdesk.Helpdesk.open(postgres_location)
    assert second.get_company(helpdesk.Actor.system(), company.id).name == "Acme"
