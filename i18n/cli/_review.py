"""The ``review`` command: one HTML page with sources and translations side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._errors import reported_errors
from i18n.config import load_config, resolve_targets
from i18n.review import ReviewOptions, build_review, write_review


def review_command(
    paths: Annotated[list[Path], typer.Argument(help="Source posts, or directories of them.")],
    html: Annotated[
        Path, typer.Option("--html", help="Write the page to this file (one self-contained HTML).")
    ],
    to: Annotated[
        list[str] | None, typer.Option("--to", "-t", help="Target language (repeat for several).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Translations are in DIR/<lang>/<sub-path>.")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Config file (default: digest-i18n.toml found upward)."),
    ] = None,
) -> None:
    """Write a review page: units aligned per post and language, findings and origins in place."""
    with reported_errors():
        config = load_config(Path.cwd(), config_file)
        options = ReviewOptions(resolve_targets(to, config), out)
        page = build_review(paths, options, config)
        write_review(page, html)
    typer.echo(
        f"wrote {html}: {len(page.posts)} post(s), {page.units} units, "
        f"{page.errors} error(s), {page.warnings} warning(s)"
    )
