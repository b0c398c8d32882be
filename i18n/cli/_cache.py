"""``digest-i18n cache …``: inspect or empty the translation memory."""

from __future__ import annotations

import typer

from i18n.cli._errors import command_group
from i18n.cli._options import ConfigOption, config_from
from i18n.translate import TranslationCache

app = command_group("Inspect or empty the translation memory.")


@app.command("stats")
def stats(config_file: ConfigOption = None) -> None:
    """Entries and size of the translation memory.

    Example: digest-i18n cache stats
    """
    config = config_from(config_file)
    with TranslationCache(config.resolved_cache_dir()) as cache:
        found = cache.stats()
    typer.echo(f"{found.directory}: {found.entries} translations, {found.size_bytes} bytes")


@app.command("clear")
def clear(config_file: ConfigOption = None) -> None:
    """Remove every stored translation.

    Example: digest-i18n cache clear --config digest-i18n.toml
    """
    config = config_from(config_file)
    with TranslationCache(config.resolved_cache_dir()) as cache:
        removed = cache.clear()
    typer.echo(f"removed {removed} translations from {config.resolved_cache_dir()}")
