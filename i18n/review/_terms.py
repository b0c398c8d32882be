"""Glossary terms on the page: marked in the source and in each translation, missed ones flagged.

A term counts as missed exactly when ``check``'s glossary rule would say so: the source uses
it (the glossary's own prefix-aware matcher) and the translation lacks its target, compared
without case, spaces or hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from i18n.glossary import Glossary, Term, TermMatch
from i18n.markdown import plain_text
from i18n.review._markup import TermFinder, TermHit
from i18n.review._model import MissedTerm

_MARKUP = re.compile(r"[&<>]")


def _squash(text: str) -> str:
    return "".join(text.casefold().split()).replace("-", "")


class TermMarker:
    """The glossary, asked about one page's units."""

    __slots__ = ("_glossary", "_targets", "_titles")

    def __init__(self, glossary: Glossary, targets: Sequence[str]) -> None:
        self._glossary = glossary
        self._targets = tuple(targets)
        self._titles: dict[Term, str] = {}

    def title(self, term: Term) -> str:
        """The entry as the hover shows it: ``glossary: 확산 모델 → en: … · ja: …``."""
        found = self._titles.get(term)
        if found is None:
            rules = " · ".join(
                f"{lang}: {term.target(lang)}" for lang in self._targets if term.target(lang)
            )
            found = f"glossary: {term.source} → {rules or 'no rule'}"
            if term.note:
                found += f" ({term.note})"
            self._titles[term] = found
        return found

    def matches(self, tagged: str) -> list[TermMatch]:
        """The terms a source unit (tagged text) uses."""
        return self._glossary.find(tagged) if self._glossary.terms else []

    def missed(
        self, matches: Sequence[TermMatch], translation: str, lang: str
    ) -> tuple[MissedTerm, ...]:
        """Terms of ``matches`` whose ``lang`` target the translation lacks."""
        if not matches:
            return ()
        text = _squash(plain_text(translation))
        missed: dict[str, MissedTerm] = {}
        for match in matches:
            want = match.term.target(lang)
            if want and _squash(want) not in text:
                missed.setdefault(match.term.source, MissedTerm(match.term.source, want))
        return tuple(missed.values())

    def source_finder(self, missed: set[str]) -> TermFinder | None:
        """Marks every term in a source text; ``missed`` sources get the missed style."""
        if not self._glossary.terms:
            return None

        def find(content: str) -> list[TermHit]:
            # same-length stand-ins: the matcher reads XML-escaped text
            hits = self._glossary.find(_MARKUP.sub(" ", content))
            return [
                TermHit(m.start, m.end, self.title(m.term), m.term.source in missed) for m in hits
            ]

        return find

    def target_finder(self, matches: Sequence[TermMatch], lang: str) -> TermFinder | None:
        """Marks, in a translation, the targets of the terms its source uses."""
        wanted = {m.term.target(lang).casefold(): m.term for m in matches if m.term.target(lang)}
        if not wanted:
            return None
        pattern = re.compile(
            "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)), re.I
        )

        def find(content: str) -> list[TermHit]:
            return [
                TermHit(hit.start(), hit.end(), self.title(wanted[hit.group(0).casefold()]), False)
                for hit in pattern.finditer(content)
                if hit.group(0).casefold() in wanted
            ]

        return find
