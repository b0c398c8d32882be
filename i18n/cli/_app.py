"""The ``digest-i18n`` command: the root group and where each command group is registered.

Each command turns flags into an options dataclass and calls the library; library errors are
reported once, by :class:`~i18n.cli._errors.ReportingGroup`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from i18n import __version__
from i18n.cli import _cache, _glossary, _locales
from i18n.cli._check import check_command
from i18n.cli._errors import command_group
from i18n.cli._exchange import export_command, import_command, memory_app
from i18n.cli._learn import learn_command
from i18n.cli._review import review_command
from i18n.cli._translate import translate

app = command_group(
    "Translate Korean Markdown digests into other languages, keeping every byte of markup.\n\n"
    "Example: digest-i18n translate _posts --to en --to ja && digest-i18n check _posts"
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"digest-i18n {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Section-aware translation for Markdown digests."""


app.command("translate")(translate)
app.command("check")(check_command)
app.command("review")(review_command)
app.command("learn")(learn_command)
app.command("export")(export_command)
app.command("import")(import_command)
app.add_typer(_glossary.app, name="glossary")
app.add_typer(_locales.app, name="locales")
app.add_typer(_cache.app, name="cache")
app.add_typer(memory_app, name="memory")


def main() -> None:
    """Console-script entry point."""
    app()
