"""Small helpers shared by the tests."""

from __future__ import annotations

import sys


def cli(*args: str) -> list[str]:
    """The argv that runs ``digest-i18n`` with this interpreter, as a user's shell would."""
    return [sys.executable, "-m", "i18n", *args]
