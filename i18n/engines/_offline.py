"""Offline engines: ``identity`` (fidelity runs), ``pseudo`` (dry runs, tests), ``memory``
(cache only: for CI that must never call an API)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from i18n.engines._base import BatchResult, GlossaryTerms, LanguagePair, Segment
from i18n.engines._order import japanese_order
from i18n.engines._plugins import EnginePlugin, load_plugin
from i18n.errors import TranslationFailed, UsageError
from i18n.glossary import term_finder
from i18n.markdown import escape, romanize

if TYPE_CHECKING:
    from i18n.config import Config

TermFinder = Callable[[str], Sequence[tuple[int, int, str]]]


class _Offline:
    """What every offline engine shares: no request, no limits worth packing for."""

    remote = False
    max_batch_texts = 10_000
    max_batch_bytes = 0

    def batch_bytes(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> int:
        return 0


class IdentityEngine(_Offline):
    """Gives every unit back unchanged: the structural-fidelity probe."""

    name = "identity"

    def cache_id(self, pair: LanguagePair) -> str:
        return ""  # nothing worth remembering

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        return BatchResult([s.text for s in segments])


class PseudoEngine(_Offline):
    """Deterministic pseudo-localisation: glossary terms applied, Hangul romanised, the unit
    bracketed ``⟦…⟧`` so nobody mistakes it for a translation. Every tag is kept; for
    Japanese the top-level inline elements come back reversed, without the spaces next to
    them, as DeepL's word order moves them."""

    name = "pseudo"

    def __init__(self) -> None:
        self._romanized: dict[str, str] = {}
        """Recent romanisations: the next language asks for the same stretches of text."""

    def cache_id(self, pair: LanguagePair) -> str:
        return f"pseudo-2:{pair.target}"

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        find = glossary.find
        if find is None and glossary.entries:
            find = term_finder(glossary.entries)
        if len(self._romanized) > 4096:
            self._romanized.clear()
        texts = [self._one(s.text, find) for s in segments]
        if pair.target.lower().split("-")[0] == "ja":
            texts = [japanese_order(text) for text in texts]
        return BatchResult(texts)

    def _one(self, text: str, find: TermFinder | None) -> str:
        # Tags hold no Hangul, so romanising around the matched terms leaves them whole.
        romanized = self._romanized  # looked up inline: a unit has a handful of stretches
        out: list[str] = ["⟦"]
        pos = 0
        for start, end, target in find(text) if find is not None else ():
            stretch = text[pos:start]
            done = romanized.get(stretch)
            if done is None:
                done = romanized[stretch] = romanize(stretch)
            out.append(done)
            out.append(escape(target))  # the unit is XML: a term may hold & or <
            pos = end
        out.append(self._romanize(text[pos:]))
        out.append("⟧")
        return "".join(out)

    def _romanize(self, text: str) -> str:
        done = self._romanized.get(text)
        if done is None:
            done = self._romanized[text] = romanize(text)
        return done


class MemoryEngine(_Offline):
    """Translation memory only: every unit must already be in the cache.

    It answers to the cache entries of the engine it stands in for, so CI can rebuild
    translations that were paid for elsewhere without a key.
    """

    name = "memory"

    def __init__(self, stands_for: Callable[[LanguagePair], str]) -> None:
        self._stands_for = stands_for

    def cache_id(self, pair: LanguagePair) -> str:
        return self._stands_for(pair)

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        raise TranslationFailed(
            f"{len(segments)} unit(s) are not in the translation memory "
            "(engine 'memory' never calls a service)"
        )


def _memory(config: Config, environ: Mapping[str, str]) -> MemoryEngine:
    """``memory`` answers from what the configured engine stored, and never calls it."""
    stands_for = load_plugin(config.engine)
    if config.engine == "memory" or stands_for.stored_as is None:
        raise UsageError(
            f"engine 'memory' stands in for the configured engine, and '{config.engine}' "
            "stores nothing: set `engine` in digest-i18n.toml to the engine that translated"
        )
    return MemoryEngine(stands_for.stored_as(config))


identity_plugin = EnginePlugin(
    "gives every byte back (the structural-fidelity probe)",
    lambda config, environ: IdentityEngine(),
)
pseudo_plugin = EnginePlugin(
    "offline pseudo-localisation (dry runs, tests, demos)",
    lambda config, environ: PseudoEngine(),
    stored_as=lambda config: PseudoEngine().cache_id,
)
memory_plugin = EnginePlugin("translation memory only; a miss fails (CI without a key)", _memory)
