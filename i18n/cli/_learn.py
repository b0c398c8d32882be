"""``digest-i18n learn``: keep what reviewers changed in translated posts.

A plain typer command the CLI registers as ``learn``; errors are reported like every other
command's (one line, the documented exit code).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._errors import reported_errors
from i18n.config import load_config, resolve_targets
from i18n.errors import EXIT_FINDINGS
from i18n.review import learn_paths, reviewed_dir


def learn_command(
    paths: Annotated[list[Path], typer.Argument(help="Source posts, or directories of them.")],
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
    """Learn reviewed translations from translations edited by hand (into locales/<lang>/
    LC_MESSAGES/reviewed.po); translate then keeps them across source changes."""
    with reported_errors():
        config = load_config(Path.cwd(), config_file)
        outcomes = learn_paths(paths, resolve_targets(to, config), out, config)
    failed = False
    for outcome in outcomes:
        for change in outcome.changes:
            failed = True
            typer.echo(
                f"error: {outcome.target}:{change.line}: a reviewer changed the block structure "
                f"here ({change.what}); nothing was learned from this block",
                err=True,
            )
        if outcome.problem:
            failed = True
            typer.echo(f"error: {outcome.target}: nothing learned: {outcome.problem}", err=True)
        if outcome.reviewed:
            typer.echo(
                f"{outcome.target}: {outcome.reviewed} reviewed unit(s), {outcome.learned} new "
                f"in {reviewed_dir(config) / outcome.lang / 'LC_MESSAGES' / 'reviewed.po'}"
            )
    total = sum(outcome.learned for outcome in outcomes)
    typer.echo(f"learned {total} reviewed unit(s) from {len(outcomes)} edited translation(s)")
    if failed:
        raise typer.Exit(EXIT_FINDINGS)
