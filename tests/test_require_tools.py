"""The shared rule for tests that need a system tool: skip on a laptop, fail in CI."""

from __future__ import annotations

import pytest
from helpers import require_tools


def test_a_missing_tool_skips_without_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="/nonexistent/chromium"):
        require_tools("sh", "/nonexistent/chromium")


def test_a_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-such-tool-here"):
        require_tools("no-such-tool-here")


def test_present_tools_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require_tools("sh", "/bin/sh")  # a name on PATH and an absolute path
