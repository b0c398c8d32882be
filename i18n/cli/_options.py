"""Options several commands share, and the consoles they print with."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from i18n.config import Config, load_config

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default: digest-i18n.toml found upward)."),
]
ToOption = Annotated[
    list[str] | None, typer.Option("--to", "-t", help="Target language (repeat for several).")
]
TranslationsDirOption = Annotated[
    Path | None, typer.Option("--out", help="Translations are in DIR/<lang>/<sub-path>.")
]
OutputFileOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here (default: stdout).")
]
PathsArgument = Annotated[list[Path], typer.Argument(help="Posts, or directories of *.md posts.")]


def config_from(config_file: Path | None) -> Config:
    """``--config``, else the config found upward from the working directory."""
    return load_config(Path.cwd(), config_file)


def console(stderr: bool = False) -> Console:
    """A console that honours ``NO_COLOR`` (no colour and no other styling either)."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr, no_color=plain, color_system=None if plain else "auto", highlight=False
    )
