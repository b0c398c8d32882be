"""The ``digest-i18n`` command line: one thin typer module per command group.

Only this package imports typer or rich, and only this package prints. Library errors become
``error: file:line: message`` and their exit code in one place (:mod:`i18n.cli._errors`).
"""

from __future__ import annotations

from i18n.cli._app import app, main

__all__ = ["app", "main"]
