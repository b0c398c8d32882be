"""``digest-i18n learn``: keep what reviewers changed in translated posts."""

from __future__ import annotations

import typer

from i18n.cli._options import (
    ConfigOption,
    PathsArgument,
    ToOption,
    TranslationsDirOption,
    config_from,
)
from i18n.config import resolve_targets
from i18n.errors import EXIT_FINDINGS
from i18n.reviewed import learn_paths, reviewed_dir


def learn_command(
    paths: PathsArgument,
    to: ToOption = None,
    out: TranslationsDirOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Learn reviewed translations from translations edited by hand.

    They go to locales/<lang>/LC_MESSAGES/reviewed.po; translate then keeps them across source
    changes. Block-structure changes are reported with their line, and not learned.

    Example: digest-i18n learn _posts --to en
    """
    config = config_from(config_file)
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
            catalog = reviewed_dir(config) / outcome.lang / "LC_MESSAGES" / "reviewed.po"
            typer.echo(
                f"{outcome.target}: {outcome.reviewed} reviewed unit(s), {outcome.learned} new "
                f"in {catalog}"
            )
    total = sum(outcome.learned for outcome in outcomes)
    typer.echo(f"learned {total} reviewed unit(s) from {len(outcomes)} edited translation(s)")
    if failed:
        raise typer.Exit(EXIT_FINDINGS)
