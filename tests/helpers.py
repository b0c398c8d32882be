"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import shutil
import sys

import pytest


def cli(*args: str) -> list[str]:
    """The argv that runs ``digest-i18n`` with this interpreter, as a user's shell would."""
    return [sys.executable, "-m", "i18n", *args]


def require_tool(name: str) -> str:
    """The path of an external tool (``msgfmt``, ``git`` …): a test without it is skipped on a
    laptop, but fails in CI (``CI`` set), where every tool must be installed."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return found
