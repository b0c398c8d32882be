"""Finding engines: the ``digest_i18n.engines`` entry-point group, as mdformat finds its
plugins. The four built-in engines register there too (``pyproject.toml``), so an engine from
another package is found, listed and chosen exactly like them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

from i18n.errors import UsageError

if TYPE_CHECKING:
    from i18n.config import Config
    from i18n.engines._base import Engine, LanguagePair

GROUP = "digest_i18n.engines"


@dataclass(frozen=True, slots=True)
class EnginePlugin:
    """What an entry point of the ``digest_i18n.engines`` group names."""

    summary: str
    """One line for ``--help``: what the engine is for."""
    create: Callable[[Config, Mapping[str, str]], Engine]
    """Builds the engine from the settings and the environment (where a key may be)."""
    stored_as: Callable[[Config], Callable[[LanguagePair], str]] | None = None
    """The cache id its translations are stored under, known without building it (no key
    needed): what the ``memory`` engine answers from. None: it stores nothing."""


@functools.cache
def _entry_points() -> Mapping[str, EntryPoint]:
    return {point.name: point for point in entry_points(group=GROUP)}


def engine_names() -> tuple[str, ...]:
    """The installed engines' names, built-in first, then the others alphabetically."""
    builtin = ("deepl", "pseudo", "identity", "memory")
    names = _entry_points()
    return tuple(n for n in builtin if n in names) + tuple(sorted(set(names) - set(builtin)))


def load_plugin(name: str) -> EnginePlugin:
    """The plugin registered as ``name``; a usage error naming the installed ones otherwise,
    or when the entry point does not name an :class:`EnginePlugin`."""
    point = _entry_points().get(name)
    if point is None:
        raise UsageError(f"unknown engine '{name}': choose one of {', '.join(engine_names())}")
    try:
        plugin = point.load()
    except Exception as error:  # a broken third-party package: say which, not a traceback
        raise UsageError(f"engine '{name}' ({point.value}) cannot be loaded: {error}") from None
    if not isinstance(plugin, EnginePlugin):
        raise UsageError(f"engine '{name}' ({point.value}) is not an EnginePlugin")
    return plugin


def engine_summaries() -> Mapping[str, str]:
    """Name → one-line summary of every installed engine that loads."""
    found = {}
    for name in engine_names():
        try:
            found[name] = load_plugin(name).summary
        except UsageError:
            continue
    return found
