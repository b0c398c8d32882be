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

    require_installed([tool for tool in tools if not found(tool)])


def require_installed(missing: list[str]) -> None:
    """Skip the calling test when something it needs is ``missing`` (tools, libraries), but
    fail it when ``CI`` is set."""
    if not missing:
        return
    message = f"not installed: {', '.join(missing)}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run this test)")
    pytest.skip(message)


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's closed network refuses the rest
    "--disable-component-update",
    "--disable-sync",
)
"""Debian's Chromium as the tests and the review bench start it (with a fresh profile)."""
