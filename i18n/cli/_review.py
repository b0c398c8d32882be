"""``digest-i18n review``: flags → :class:`~i18n.review.ReviewOptions` → one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._options import (
    ConfigOption,
    PathsArgument,
    ToOption,
    TranslationsDirOption,
    config_from,
)
from i18n.config import resolve_targets
from i18n.review import ReviewOptions, build_review, write_review
from i18n.reviewed import reviewed_origins


def review_command(
    paths: PathsArgument,
    html: Annotated[
        Path, typer.Option("--html", help="Write the page to this file (one self-contained HTML).")
    ],
    to: ToOption = None,
    out: TranslationsDirOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Write a review page: each post's units beside their translations, with the findings of
    check, glossary terms and where each translation came from.

    Example: digest-i18n review _posts --to en --to ja --html review.html
    """
    config = config_from(config_file)
    with reviewed_origins(config):  # units translated by a person show as such
        page = build_review(paths, ReviewOptions(resolve_targets(to, config), out), config)
    write_review(page, html)
    typer.echo(
        f"wrote {html}: {len(page.posts)} post(s), {page.units} units, "
        f"{page.errors} error(s), {page.warnings} warning(s)"
    )
