"""Small helpers shared by the tests."""

from __future__ import annotations

import sys


def cli(*args: str) -> list[str]:
    """The argv that runs ``digest-i18n`` with this interpreter, as a user's shell would."""
    return [sys.executable, "-m", "i18n", *args]


def require_tool(available: bool, what: str) -> None:
    """Skip a test whose tool (a renderer, the browser) is missing on a laptop; in CI (``CI``
    set) a missing tool fails the test, so a broken install cannot pass as skipped."""
    import os

    import pytest

    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed (CI must have it)")
    pytest.skip(f"{what} is not installed")
