"""The ``check`` command: a plain typer command the CLI registers as ``check``.

It is defined here, not in :mod:`i18n.cli`, so the CLI can import it without a cycle; it
maps errors to ``error: …`` on stderr and their exit codes exactly like the other commands.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .check import check_paths
from .checks.registry import GROUPS, INFOS
from .checks.report import FORMATTERS
from .cli_errors import reported_errors
from .config import Config, check_language, load_config
from .errors import EXIT_FINDINGS, EXIT_OK, UsageError


class OutputFormat(StrEnum):
    """How findings are printed."""

    text = "text"
    json = "json"
    github = "github"


def _targets(values: list[str] | None, config: Config) -> tuple[str, ...]:
    chosen = values or list(config.targets)
    targets = tuple(dict.fromkeys(check_language(v, "target language") for v in chosen))
    if config.source in targets:
        raise UsageError(f"target language '{config.source}' is the source language")
    return targets


_CHECK_IDS = ", ".join(INFOS)


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="Source posts, or directories of them.")],
    to: Annotated[
        list[str] | None, typer.Option("--to", "-t", help="Target language (repeat for several).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Translations are in DIR/<lang>/<sub-path>.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json or github annotations.")
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help=f"Only these checks: ids or groups ({', '.join(GROUPS)}), comma-separated."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help=f"Skip these checks. Ids: {_CHECK_IDS}.")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Config file (default: digest-i18n.toml found upward)."),
    ] = None,
) -> None:
    """Check translations: complete, current, and shaped like their source (for CI)."""
    with reported_errors():
        config = load_config(Path.cwd(), config_file)
        report = check_paths(paths, _targets(to, config), out, config, select or (), ignore or ())
    typer.echo(FORMATTERS[output_format.value](report), nl=False)
    raise typer.Exit(EXIT_FINDINGS if report.failed(strict) else EXIT_OK)
