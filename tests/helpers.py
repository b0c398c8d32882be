"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def cli(*args: str) -> list[str]:
    """The argv that runs ``digest-i18n`` with this interpreter, as a user's shell would."""
    return [sys.executable, "-m", "i18n", *args]


def require_tools(*tools: str) -> None:
    """Skip the calling test when a tool (a command name or an absolute path) is missing, but
    fail it when ``CI`` is set: CI installs every tool, so a missing one there is a bug."""

    def found(tool: str) -> bool:
        return Path(tool).exists() if os.sep in tool else shutil.which(tool) is not None

    missing = [tool for tool in tools if not found(tool)]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run this test)")
    pytest.skip(message)
