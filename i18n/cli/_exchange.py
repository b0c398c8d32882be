"""``digest-i18n export`` / ``import`` (one post's units as PO or XLIFF for a translator's
tool, and back) and ``digest-i18n memory export`` (reviewed translations as TMX)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._errors import command_group
from i18n.cli._options import ConfigOption, OutputFileOption, TranslationsDirOption, config_from
from i18n.config import check_language, resolve_targets
from i18n.errors import UsageError
from i18n.fileio import read_bytes, write_atomic
from i18n.reviewed import export_post, export_reviews, import_post, open_post


class ExchangeFormat(StrEnum):
    """Formats for one post's units."""

    po = "po"
    xliff = "xliff"


class MemoryFormat(StrEnum):
    """Formats for the reviewed translations."""

    tmx = "tmx"


LangOption = Annotated[str, typer.Option("--to", "-t", help="Target language.")]

memory_app = command_group("The reviewed translations as a translation memory.")


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, data)


def export_command(
    path: Annotated[Path, typer.Argument(help="The source post.")],
    to: LangOption,
    output_format: Annotated[
        ExchangeFormat, typer.Option("--format", "-f", help="po or xliff.")
    ] = ExchangeFormat.po,
    output: OutputFileOption = None,
    out: TranslationsDirOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Write one post's units in a language (source, translation, section) as PO or XLIFF.

    Example: digest-i18n export _posts/2025-11-03-daily-papers.md --to ja -f xliff -o ja.xliff
    """
    config = config_from(config_file)
    post = open_post(path, check_language(to, "target language"), out, config)
    _emit(export_post(post, output_format.value, config.source), output)


def import_command(
    path: Annotated[Path, typer.Argument(help="The source post.")],
    file: Annotated[Path, typer.Argument(help="The PO or XLIFF file to take back.")],
    to: LangOption,
    input_format: Annotated[
        ExchangeFormat | None,
        typer.Option("--format", "-f", help="po or xliff (default: from FILE's extension)."),
    ] = None,
    out: TranslationsDirOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Take a translator's PO or XLIFF file back: changed units become reviewed translations.

    Example: digest-i18n import _posts/2025-11-03-daily-papers.md ja.xliff --to ja
    """
    config = config_from(config_file)
    kind = input_format.value if input_format else _format_of(file)
    post = open_post(path, check_language(to, "target language"), out, config)
    done = import_post(post, read_bytes(file), kind, file, config)
    typer.echo(
        f"{done.target}: {done.changed} of {done.units} unit(s) changed"
        + (" (learned as reviewed)" if done.changed else "; nothing written")
    )


def _format_of(file: Path) -> str:
    suffix = file.suffix.lower().lstrip(".")
    if suffix in ("po", "pot"):
        return "po"
    if suffix in ("xliff", "xlf"):
        return "xliff"
    raise UsageError("cannot tell the format from the file name: give --format", file=file)


@memory_app.command("export")
def memory_export(
    to: Annotated[
        list[str] | None, typer.Option("--to", "-t", help="Target language (repeat).")
    ] = None,
    output_format: Annotated[
        MemoryFormat, typer.Option("--format", "-f", help="tmx.")
    ] = MemoryFormat.tmx,
    output: OutputFileOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Write the reviewed translations as TMX (every target language, or those of --to).

    Example: digest-i18n memory export --format tmx -o reviews.tmx
    """
    config = config_from(config_file)
    _emit(export_reviews(config, resolve_targets(to, config)), output)
