"""``digest-i18n check``: the pre-publish gate, as text, JSON or GitHub annotations."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from i18n.checks import FORMATTERS, GROUPS, INFOS, check_paths, format_step_summary
from i18n.cli._options import TranslationsDirOption
from i18n.config import load_config, resolve_targets
from i18n.errors import EXIT_FINDINGS, EXIT_OK, OutputError


class OutputFormat(StrEnum):
    """How findings are printed."""

    text = "text"
    json = "json"
    github = "github"


_CHECK_IDS = ", ".join(INFOS)


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="Source posts, or directories of them.")],
    to: Annotated[
        list[str] | None, typer.Option("--to", "-t", help="Target language (repeat for several).")
    ] = None,
    out: TranslationsDirOption = None,
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
    review_page: Annotated[
        str,
        typer.Option(
            help="Path or URL of the review page, named in the GitHub job summary "
            "(--format github writes one to $GITHUB_STEP_SUMMARY when it is set)."
        ),
    ] = "",
) -> None:
    """Check translations: complete, current, and shaped like their source (for CI).

    Example: digest-i18n check _posts --to en --to ja --format github
    """
    config = load_config(Path.cwd(), config_file)
    report = check_paths(
        paths, resolve_targets(to, config), out, config, select or (), ignore or ()
    )
    typer.echo(FORMATTERS[output_format.value](report), nl=False)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format is OutputFormat.github and step_summary:
        _append(Path(step_summary), format_step_summary(report, review_page, os.environ))
    raise typer.Exit(EXIT_FINDINGS if report.failed(strict) else EXIT_OK)


def _append(path: Path, markdown: str) -> None:
    """Add to the job summary file (other steps write to it too: append, in one write)."""
    try:
        with path.open("a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as error:
        raise OutputError(f"cannot write the job summary: {error.strerror}", file=path) from None
