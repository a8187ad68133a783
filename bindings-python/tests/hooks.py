"""The test hooks of the native module: ``helpdesk._helpdesk._testing``.

They are built only with the cargo feature ``test-hooks`` (the test wheel of
``make test``); a release wheel has none. Without them a test that needs one
is skipped, or fails when ``HELPDESK_TEST_HOOKS=required`` (``make test``
sets it, so the suite cannot pass by skipping).
"""

from __future__ import annotations

import os
from types import ModuleType

import pytest

from helpdesk import _helpdesk

REQUIRED = os.environ.get("HELPDESK_TEST_HOOKS") == "required"


def native_hooks() -> ModuleType:
    """The hooks module, or a skip (a failure where they are required)."""
    hooks = getattr(_helpdesk, "_testing", None)
    if hooks is None:
        message = (
            "helpdesk was built without its test hooks: "
            "build with `maturin build --features test-hooks` (as `make test` does)"
        )
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    assert isinstance(hooks, ModuleType)
    return hooks
