"""Offline engines: ``identity`` (fidelity runs), ``pseudo`` (dry runs, tests), ``memory``
(cache only: for CI that must never call an API)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..errors import TranslationFailed
from ..glossary import find_terms
from ..hangul import romanize
from .base import BatchResult, GlossaryTerms, LanguagePair, Segment

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


class _Offline:
    """What every offline engine shares: no request, no limits worth packing for."""

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
    bracketed ``⟦…⟧`` so nobody mistakes it for a translation. Tags are kept as they are."""

    name = "pseudo"

    def cache_id(self, pair: LanguagePair) -> str:
        return f"pseudo-1:{pair.target}"

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        return BatchResult([self._one(s.text, glossary) for s in segments])

    @staticmethod
    def _one(text: str, glossary: GlossaryTerms) -> str:
        parts = _TAG_OR_TEXT.split(text)
        for n in range(0, len(parts), 2):  # even parts are text, odd parts tags
            parts[n] = _apply_terms(parts[n], glossary)
        return "⟦" + "".join(parts) + "⟧"


def _apply_terms(text: str, glossary: GlossaryTerms) -> str:
    out: list[str] = []
    pos = 0
    if glossary.entries:
        for start, end, target in find_terms(text, glossary.entries):
            out.append(romanize(text[pos:start]))
            out.append(target)
            pos = end
    out.append(romanize(text[pos:]))
    return "".join(out)


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
