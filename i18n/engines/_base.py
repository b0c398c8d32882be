"""The one small Protocol every translation engine implements.

Engines never see Markdown: they receive tagged units (plain text with ``<a i="1">…</a>``,
``<em i="2">…</em>`` and ``<x i="3"/>`` tags, XML-escaped) and return tagged text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Segment:
    """One tagged unit as an engine receives it."""

    text: str
    """The unit's tagged XML text: what is translated and billed."""
    context: str = ""
    """Neighbouring text and section title; helps the engine, never billed, never cached."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What an engine gives back for one batch."""

    texts: list[str]
    """One tagged translation per input segment, in input order."""
    billed_characters: int = 0
    """Characters the service billed for this batch (0 for offline engines)."""
    requests: int = 0
    """HTTP requests made for this batch (0 for offline engines)."""


@dataclass(frozen=True, slots=True)
class LanguagePair:
    """A source and a target language, as lower-case ISO codes (``ko``, ``en``)."""

    source: str
    """Source language code."""
    target: str
    """Target language code."""


@dataclass(frozen=True, slots=True)
class GlossaryTerms:
    """The glossary entries for one language pair, as an engine needs them."""

    entries: Mapping[str, str] = field(default_factory=dict)
    """Source term -> target term."""
    digest: str = ""
    """Content digest of ``entries`` (names the remote glossary; part of the cache key)."""
    find: Callable[[str], Sequence[tuple[int, int, str]]] | None = field(
        default=None, compare=False, repr=False
    )
    """The glossary's own matcher for this pair: ``(start, end, target term)`` in a tagged
    text (tags skipped). Offline engines use it; None means match ``entries`` directly."""


class Engine(Protocol):
    """A translation engine for one or more language pairs."""

    @property
    def name(self) -> str:
        """Engine name as given on the command line (``deepl``, ``pseudo`` …)."""
        ...

    def cache_id(self, pair: LanguagePair) -> str:
        """Identifies the engine and every setting that changes its output for ``pair``.

        Part of the cache key; ``""`` means the engine's output must never be cached.
        """
        ...

    @property
    def remote(self) -> bool:
        """It waits on a service (requests then go out on worker threads, ``--jobs`` at once)."""
        ...

    @property
    def max_batch_texts(self) -> int:
        """Most segments one ``translate`` call may take."""
        ...

    @property
    def max_batch_bytes(self) -> int:
        """Most request-body bytes one ``translate`` call may take (0: unlimited)."""
        ...

    def batch_bytes(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> int:
        """Request-body bytes one call with ``segments`` takes (checked against
        ``max_batch_bytes``, so that one ``translate`` call is one request)."""
        ...

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        """Translate ``segments`` from ``pair.source`` to ``pair.target``.

        Raises :class:`i18n.errors.EngineUnavailable` when the service cannot be used.
        """
        ...
