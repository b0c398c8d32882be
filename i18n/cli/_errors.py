"""The one place where the library's errors become what a person reads and an exit code.

Every command group is a :class:`ReportingGroup`: an :class:`~i18n.errors.I18nError` raised
anywhere below it prints as ``error: file:line: message`` on stderr and exits with the
error's documented code; an interrupt says what was kept. No command catches them itself.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from i18n.errors import EXIT_USAGE, I18nError

EXIT_INTERRUPTED = 130


class ReportingGroup(TyperGroup):
    """A typer group that reports library errors once, for every command below it."""

    def invoke(self, ctx: Any) -> Any:  # a click context (typer vendors click privately)
        try:
            return super().invoke(ctx)
        except I18nError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except typer.BadParameter as error:  # a flag's value: one line, like every error
            typer.echo(f"error: {error.format_message()}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            typer.echo(
                "error: interrupted; finished batches are in the translation memory", err=True
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None


def command_group(help_text: str) -> typer.Typer:
    """A typer app for one command group, reporting errors like every other."""
    return typer.Typer(
        cls=ReportingGroup,
        help=help_text,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,  # locals could hold the DeepL key
        rich_markup_mode=None,
    )
