"""``digest-i18n translate``: flags → :class:`~i18n.translate.TranslateOptions` → the job."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from i18n.cli._options import ConfigOption, PathsArgument, ToOption, config_from, console
from i18n.config import Config, check_engine, resolve_targets
from i18n.engines import engine_names, engine_summaries
from i18n.errors import EXIT_FINDINGS
from i18n.translate import Summary, TranslateOptions, translate_paths

# Choices are the installed engines (completion offers them): an Enum, as typer wants it.
EngineName = StrEnum("EngineName", {name: name for name in engine_names()})  # type: ignore[misc]


def _engine_help() -> str:
    return "; ".join(f"{name}: {summary}" for name, summary in engine_summaries().items())


def translate(
    paths: PathsArgument,
    to: ToOption = None,
    engine: Annotated[
        EngineName | None,
        typer.Option(help=f"Default: the config's. {_engine_help()}.", show_default=False),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write translations to DIR/<lang>/<sub-path>.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite translations that are up to date.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write nothing, call nothing: show what is billed.")
    ] = False,
    jobs: Annotated[int, typer.Option(min=1, max=64, help="Engine requests in flight.")] = 4,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Read and write the translation memory.")
    ] = True,
    metadata: Annotated[
        bool,
        typer.Option("--metadata/--no-metadata", help="Add lang and i18n keys to front matter."),
    ] = True,
    config_file: ConfigOption = None,
) -> None:
    """Translate posts; only translatable text changes.

    Example: digest-i18n translate _posts --to en --to ja --engine pseudo
    """
    config = config_from(config_file)
    options = TranslateOptions(
        targets=resolve_targets(to, config),
        engine=check_engine(engine.value if engine is not None else config.engine),
        out=out,
        force=force,
        dry_run=dry_run,
        jobs=jobs,
        use_cache=cache,
        metadata=metadata,
    )
    show_progress = sys.stderr.isatty() and not os.environ.get("NO_COLOR") and not dry_run
    if show_progress:
        summary = _with_progress(paths, options, config)
    else:
        summary = translate_paths(paths, options, config)
    _print_summary(summary, options)
    for failure in summary.failures:
        typer.echo(f"error: {failure}", err=True)
    if summary.failures:
        raise typer.Exit(EXIT_FINDINGS)


def _with_progress(paths: list[Path], options: TranslateOptions, config: Config) -> Summary:
    columns = (TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("files", total=None)

        def files_done(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return translate_paths(paths, options, config, progress=files_done)


def _print_summary(summary: Summary, options: TranslateOptions) -> None:
    out = console()
    if options.dry_run:
        for planned in summary.planned:
            out.print(
                f"{planned.path}:{planned.line}: {planned.lang}: {planned.characters} characters"
            )
        out.print(
            f"dry run: would send {summary.sent} units, {summary.characters_sent} characters "
            f"to bill ({summary.from_cache} from cache, {summary.from_catalog} from catalog, "
            f"{summary.skipped} need no translation); nothing written"
        )
        return
    table = Table(title="digest-i18n translate", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("files", summary.files),
        ("translations written", summary.written),
        ("translations up to date", summary.up_to_date),
        ("units", summary.units),
        ("units from reviews", summary.from_review),
        ("reviewed units learned", summary.learned),
        ("units from catalog", summary.from_catalog),
        ("units from cache", summary.from_cache),
        ("units already target language", summary.skipped),
        ("units sent", summary.sent),
        ("characters sent", summary.characters_sent),
        ("characters billed", summary.characters_billed),
        ("requests", summary.requests),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    table.add_row("wall time", f"{summary.seconds:.2f} s")
    out.print(table)
