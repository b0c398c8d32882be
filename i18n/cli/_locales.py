"""``digest-i18n locales …``: thin typer commands over i18n.locales._extract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._errors import command_group
from i18n.cli._options import PathsArgument
from i18n.config import command_dir, load_config
from i18n.locales import (
    ExtractOptions,
    LanguageStats,
    catalog_stats,
    compile_catalogs,
    compiled_path,
    extract_template,
    template_path,
    update_catalogs,
    write_catalog,
)

app = command_group(
    "Gettext catalogs of the digest's fixed vocabulary (headings, labels, stock phrases)."
)

DirOption = Annotated[
    Path | None,
    typer.Option("--dir", help="Locales directory (holds digest.pot and <lang>/LC_MESSAGES)."),
]
LangOption = Annotated[
    list[str] | None,
    typer.Option("--lang", help="Also handle this language, creating its catalog if missing."),
]


def _counts(stats: LanguageStats) -> str:
    return (
        f"{stats.translated} translated, {stats.fuzzy} fuzzy, "
        f"{stats.untranslated} untranslated, {stats.obsolete} obsolete"
    )


@app.command()
def extract(
    paths: PathsArgument,
    directory: DirOption = None,
    min_posts: Annotated[
        int, typer.Option("--min-posts", min=1, help="Keep units found in at least N posts.")
    ] = 2,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Longer units are prose, not vocabulary.")
    ] = 40,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="POT to write [default: DIR/digest.pot].")
    ] = None,
    no_location: Annotated[
        bool, typer.Option("--no-location", help="Write no #: source references.")
    ] = False,
) -> None:
    """Collect recurring short units (headings, labels, stock phrases) into a POT.

    Example: digest-i18n locales extract _posts --min-posts 2
    """
    directory = command_dir(directory, "locales", write=True)
    targets = load_config(Path.cwd()).targets
    options = ExtractOptions(min_posts=min_posts, max_chars=max_chars, targets=targets)
    template, posts = extract_template(paths, options)
    target = output or template_path(directory)
    write_catalog(template, target, no_location=no_location)
    entries = len([m for m in template if m.id])
    typer.echo(f"{target}: {entries} entries from {posts} posts")


@app.command()
def update(
    directory: DirOption = None,
    lang: LangOption = None,
    source: Annotated[
        str, typer.Option("--source", help="Template language, filled with the msgids.")
    ] = "ko",
    no_fuzzy_matching: Annotated[
        bool, typer.Option("--no-fuzzy-matching", help="Never guess translations for new ids.")
    ] = False,
) -> None:
    """Merge the POT into each language's PO (fuzzy flags and obsolete entries kept).

    Example: digest-i18n locales update --lang de
    """
    directory = command_dir(directory, "locales", write=True)
    results = update_catalogs(
        directory, lang or (), source=source, fuzzy_matching=not no_fuzzy_matching
    )
    for stats in results:
        typer.echo(f"{stats.language}: {_counts(stats)}")


@app.command(name="compile")
def compile_(directory: DirOption = None, lang: LangOption = None) -> None:
    """Build MO files next to the POs; fuzzy entries are left out.

    Example: digest-i18n locales compile
    """
    directory = command_dir(directory, "locales", write=True)
    results = compile_catalogs(directory, lang or ())
    for stats in results:
        typer.echo(
            f"{stats.language}: {stats.translated} messages ({stats.fuzzy} fuzzy skipped) "
            f"-> {compiled_path(directory, stats.language)}"
        )


def _table(rows: list[list[str]]) -> Iterator[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [cell.rjust(width) for cell, width in zip(row, widths, strict=True)]
        yield "  ".join([row[0].ljust(widths[0]), *cells[1:]])


@app.command()
def stats(directory: DirOption = None) -> None:
    """Translated, fuzzy and untranslated entries per language.

    Example: digest-i18n locales stats
    """
    directory = command_dir(directory, "locales")
    template_size, languages = catalog_stats(directory)
    header = ["language", "translated", "fuzzy", "untranslated", "obsolete", "total"]
    rows = [header] + [
        [
            s.language,
            *(str(n) for n in (s.translated, s.fuzzy, s.untranslated, s.obsolete, s.total)),
        ]
        for s in languages
    ]
    if template_size is not None:
        typer.echo(f"template: {template_size} entries")
    for line in _table(rows):
        typer.echo(line)
