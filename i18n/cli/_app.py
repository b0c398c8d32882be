"""The ``digest-i18n`` command: thin typer commands over the library.

Each command turns flags into an options dataclass, calls the library, and maps an
:class:`~i18n.errors.I18nError` to ``error: file:line: message`` on stderr and its exit code.
Nothing below this module prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import i18n.cli._glossary as glossary_cli
import i18n.cli._locales as locales_cli
from i18n import __version__
from i18n.cli._check import check_command
from i18n.cli._errors import reported_errors
from i18n.cli._exchange import export_command, import_command, memory_app
from i18n.cli._learn import learn_command
from i18n.config import Config, check_engine, load_config, resolve_targets
from i18n.errors import EXIT_FINDINGS, I18nError
from i18n.translate._memory import TranslationCache
from i18n.translate._pipeline import Summary, TranslateOptions, translate_paths

app = typer.Typer(
    name="digest-i18n",
    help="Translate Korean Markdown digests into other languages, keeping every byte of markup.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals could hold the DeepL key
    add_completion=True,
)
cache_app = typer.Typer(help="Inspect or empty the translation memory.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


def _console(stderr: bool = False) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))  # no colour and no other styling either
    return Console(
        stderr=stderr, no_color=plain, color_system=None if plain else "auto", highlight=False
    )


app.add_typer(glossary_cli.app, name="glossary")
app.add_typer(locales_cli.app, name="locales")


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


def _config(config_file: Path | None) -> Config:
    return load_config(Path.cwd(), config_file)


ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default: digest-i18n.toml found upward)."),
]
ToOption = Annotated[
    list[str] | None, typer.Option("--to", "-t", help="Target language (repeat for several).")
]


@app.command()
def translate(
    paths: Annotated[list[Path], typer.Argument(help="Posts, or directories of *.md posts.")],
    to: ToOption = None,
    engine: Annotated[
        str | None,
        typer.Option(help="deepl, pseudo (offline), identity (fidelity), memory (cache only)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write translations to DIR/<lang>/<sub-path>.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Rewrite translations that are up to date.")] = False,
    dry_run: Annotated[
        bool, typer.Option(help="Write nothing, call nothing: show what would be billed.")
    ] = False,
    jobs: Annotated[int, typer.Option(min=1, max=64, help="Engine requests in flight.")] = 4,
    no_cache: Annotated[bool, typer.Option(help="Neither read nor write the cache.")] = False,
    no_metadata: Annotated[
        bool, typer.Option(help="Do not add lang/i18n keys to the front matter.")
    ] = False,
    config_file: ConfigOption = None,
) -> None:
    """Translate posts; only translatable text changes."""
    with reported_errors():
        config = _config(config_file)
        options = TranslateOptions(
            targets=resolve_targets(to, config),
            engine=check_engine(engine or config.engine),
            out=out,
            force=force,
            dry_run=dry_run,
            jobs=jobs,
            use_cache=not no_cache,
            metadata=not no_metadata,
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
    with Progress(*columns, console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task("units", total=None)
        return translate_paths(paths, options, config, progress=lambda n: progress.advance(task, n))


def _print_summary(summary: Summary, options: TranslateOptions) -> None:
    console = _console()
    if options.dry_run:
        for planned in summary.planned:
            console.print(
                f"{planned.path}:{planned.line}: {planned.lang}: {planned.characters} characters"
            )
        console.print(
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
    console.print(table)


app.command("check")(check_command)
app.command("learn")(learn_command)
app.command("export")(export_command)
app.command("import")(import_command)
app.add_typer(memory_app, name="memory")


@cache_app.command("stats")
def cache_stats(config_file: ConfigOption = None) -> None:
    """Entries and size of the translation memory."""
    with reported_errors():
        config = _config(config_file)
        with TranslationCache(config.resolved_cache_dir()) as cache:
            stats = cache.stats()
        typer.echo(f"{stats.directory}: {stats.entries} translations, {stats.size_bytes} bytes")


@cache_app.command("clear")
def cache_clear(config_file: ConfigOption = None) -> None:
    """Remove every stored translation."""
    with reported_errors():
        config = _config(config_file)
        with TranslationCache(config.resolved_cache_dir()) as cache:
            removed = cache.clear()
        typer.echo(f"removed {removed} translations from {config.resolved_cache_dir()}")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except I18nError as error:  # from sub-apps that leave reporting to us
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted; finished batches are in the translation memory", err=True)
        sys.exit(130)


__all__ = ["app", "main"]
