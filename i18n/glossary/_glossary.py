"""The glossary: fixed terms for every engine and every check.

Terms are matched in the text engines see (tagged, XML-escaped units). Korean particles attach
to nouns (``확산 모델은``), so a match must *start* at a word boundary but may be followed by
anything; a term ending in a Latin letter or digit (``FlashAttention``) also needs a boundary
after it. A space between two Hangul syllables in a term also matches no space in the text
(``사전 학습`` matches ``사전학습``): Korean spacing of compound nouns varies. Overlapping
candidates are resolved longest first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from json.encoder import encode_basestring as _json_string
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from i18n.errors import GlossaryError
from i18n.glossary._csv import SOURCE_COLUMN, Row, normalize_term, read_glossary_file
from i18n.glossary._lint import LintProblem, control_characters, lint_glossary
from i18n.glossary._match import TermMatcher

if TYPE_CHECKING:
    from i18n.engines._base import GlossaryTerms, LanguagePair

__all__ = [
    "EMPTY_GLOSSARY",
    "Glossary",
    "LintProblem",
    "Term",
    "TermMatch",
    "find_terms",
    "lint_glossary",
    "load_glossary",
]


@dataclass(frozen=True, slots=True)
class Term:
    """One concept row of a glossary file."""

    source: str
    """The Korean term."""
    targets: Mapping[str, str] = field(hash=False)
    """Language code -> target term; ``""`` or missing means no rule for that language."""
    note: str = ""
    """Free-text note for maintainers; never sent to an engine."""
    file: str = ""
    """File the row came from."""
    line: int = 0
    """1-based line of the row in that file."""

    @property
    def do_not_translate(self) -> bool:
        """Every non-empty target equals the source: the name stays as it is."""
        rules = [t for t in self.targets.values() if t]
        return bool(rules) and all(t == self.source for t in rules)

    def target(self, language: str) -> str:
        """The target term for ``language`` (``""``: no rule)."""
        return self.targets.get(language, "")


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a glossary term in a text."""

    start: int
    """Offset of the first character of the matched source term."""
    end: int
    """Offset just past it (a following particle is not included)."""
    term: Term
    """The matched term."""


def _digest(blob: object) -> str:
    data = json.dumps(blob, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _entries_digest(entries: Mapping[str, str]) -> str:
    return _digest(sorted(entries.items())) if entries else ""


@dataclass(frozen=True, slots=True)
class _Rules:
    """The terms' rules for one target language, indexed like the terms."""

    rules: list[str]
    """Each term's rule (``""``: none)."""
    wanted: list[bool]
    """Whether each term has a rule (what matching for this language keeps)."""
    pairs: list[tuple[str, str]]
    """Each term's (source, rule), as unit digests sort them."""
    json: dict[tuple[str, str], str]
    """Each pair as JSON (``["source","rule"]``)."""
    json_target: str
    """The start of a unit digest's JSON: ``["<target>",[``."""
    complete: bool
    """Every term has a rule: matching for this language is matching for all."""
    digests: dict[tuple[int, ...], str]
    """Unit digests by the (sorted) indices of the terms a unit holds (bounded)."""

    @classmethod
    def of(cls, terms: Sequence[Term], target: str) -> _Rules:
        rules = [t.target(target) for t in terms]
        pairs = [(t.source, rule) for t, rule in zip(terms, rules, strict=True)]
        return cls(
            rules,
            [bool(rule) for rule in rules],
            pairs,
            {pair: f"[{_json_string(pair[0])},{_json_string(pair[1])}]" for pair in pairs},
            f"[{_json_string(target)},[",
            all(rules),
            {},
        )


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every term of a glossary directory, in file order (files sorted by name)."""

    terms: tuple[Term, ...] = ()
    """The concept rows; a source term listed twice keeps its first rule per language."""
    _matcher: TermMatcher = field(init=False, repr=False, compare=False)
    """Trie over the source terms (built once)."""

    _rules: dict[str, _Rules] = field(init=False, repr=False, compare=False)
    """Per target language: the terms' rules, as matching and digests use them."""

    _memo: dict[tuple[str, str | None], list[tuple[int, int, int]]] = field(
        init=False, repr=False, compare=False
    )
    """Recent answers of :meth:`_spans` (bounded)."""
    _digest_value: str | None = field(default=None, init=False, repr=False, compare=False)
    """:meth:`digest`, once computed."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", TermMatcher([t.source for t in self.terms]))
        object.__setattr__(self, "_rules", {})
        object.__setattr__(self, "_memo", {})

    @property
    def languages(self) -> tuple[str, ...]:
        """Target languages that have a column anywhere, in order of first appearance."""
        return tuple(dict.fromkeys(lang for t in self.terms for lang in t.targets))

    def entries(self, target: str) -> dict[str, str]:
        """Source -> target term for ``target`` (the first rule for a source wins)."""
        entries: dict[str, str] = {}
        for term in self.terms:
            value = term.target(target)
            if value and term.source not in entries:
                entries[term.source] = value
        return entries

    def terms_for(self, pair: LanguagePair) -> GlossaryTerms:
        """The entries for ``pair`` as engines take them, with their content digest."""
        # Imported here: the engines package imports this module (pseudo applies the glossary).
        from i18n.engines._base import GlossaryTerms

        if pair.source.lower() != SOURCE_COLUMN:
            return GlossaryTerms()
        target = pair.target.lower()
        entries = self.entries(target)

        rules = self._rules_for(target).rules

        def find(text: str) -> list[tuple[int, int, str]]:
            return [(start, end, rules[i]) for start, end, i in self._spans(text, target)]

        return GlossaryTerms(entries=entries, digest=_entries_digest(entries), find=find)

    def terms_by_pair(self, pairs: Iterable[LanguagePair]) -> dict[LanguagePair, GlossaryTerms]:
        """The entries for each of ``pairs`` that has any (what a DeepL glossary sync takes:
        a dictionary without entries is never sent)."""
        found = {pair: self.terms_for(pair) for pair in pairs}
        return {pair: terms for pair, terms in found.items() if terms.entries}

    def digest(self) -> str:
        """Digest of every rule for every language (``""`` for a glossary without rules).

        Notes and file layout do not count: they never change a translation.
        """
        if self._digest_value is None:  # the glossary never changes: compute it once
            rules = {lang: sorted(self.entries(lang).items()) for lang in self.languages}
            rules = {lang: items for lang, items in rules.items() if items}
            object.__setattr__(self, "_digest_value", _digest(rules) if rules else "")
        assert self._digest_value is not None
        return self._digest_value

    def find(self, text: str, target: str | None = None) -> list[TermMatch]:
        """Occurrences of glossary terms in ``text`` (tags skipped, escapes decoded).

        With ``target``, only terms that have a rule for that language.
        """
        return [TermMatch(start, end, self.terms[i]) for start, end, i in self._spans(text, target)]

    def unit_digest(self, text: str, target: str) -> str:
        """Digest of the terms (with their ``target`` rule) that occur in ``text``; ``""`` if
        none. Part of the translation-cache key: editing a term re-translates exactly the units
        that contain it."""
        spans = self._spans(text, target)
        if not spans:
            return ""
        rules = self._rules_for(target)
        terms = tuple(sorted({i for _, _, i in spans}))
        digest = rules.digests.get(terms)
        if digest is None:  # the same few terms meet again and again
            used = sorted({rules.pairs[i] for i in terms})
            # _digest([target, used]) spelled out: the same JSON, without the encoder's
            # overhead (this runs for every unit and language)
            pairs = ",".join(rules.json[pair] for pair in used)
            digest = hashlib.sha256(f"{rules.json_target}{pairs}]]".encode()).hexdigest()
            if len(rules.digests) > 4096:
                rules.digests.clear()
            rules.digests[terms] = digest
        return digest

    def _rules_for(self, target: str) -> _Rules:
        found = self._rules.get(target)
        if found is None:
            found = self._rules[target] = _Rules.of(self.terms, target)
        return found

    def _spans(self, text: str, target: str | None) -> list[tuple[int, int, int]]:
        """``(start, end, term index)`` of each occurrence, remembered for a while."""
        key = (text, target)
        memo = self._memo
        found = memo.get(key)
        if found is not None:  # the cache key and the offline engines ask about the same text
            return found
        if len(memo) > 4096:  # a few posts, every language: plan and engine ask again
            memo.clear()
        if target is None:
            found = self._matcher.find(text)
        else:
            # Dropping terms without a rule changes nothing unless one of them was chosen:
            # the unfiltered answer, shared by every language, usually stands.
            rules = self._rules_for(target)
            every = self._spans(text, None)
            if rules.complete or all(rules.wanted[i] for _, _, i in every):
                found = every
            else:
                found = self._matcher.find(text, rules.wanted)
        memo[key] = found
        return found


EMPTY_GLOSSARY = Glossary()
"""No terms: what a missing glossary directory means."""


def find_terms(text: str, terms: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """The glossary's matching over a plain source -> target mapping: ``(start, end, target)``
    for each match, in text order."""
    return term_finder(terms)(text)


def term_finder(terms: Mapping[str, str]) -> Callable[[str], list[tuple[int, int, str]]]:
    """:func:`find_terms` for one mapping, its matcher built once (for many texts)."""
    items = tuple(terms.items())
    matcher = _matcher_for(tuple(source for source, _ in items))

    def find(text: str) -> list[tuple[int, int, str]]:
        return [(start, end, items[index][1]) for start, end, index in matcher.find(text)]

    return find


@lru_cache(maxsize=16)
def _matcher_for(sources: tuple[str, ...]) -> TermMatcher:
    return TermMatcher(sources)


def load_glossary(directory: Path) -> Glossary:
    """Every ``*.csv`` in ``directory`` (sorted by name); a missing directory is empty.

    Whitespace in terms is normalised (surrounding whitespace dropped, inner runs, tabs and
    newlines made one space) and terms are NFC. Raises :class:`GlossaryError` for a malformed
    file and for a term that still holds a character DeepL rejects (control characters).
    """
    if not directory.exists():
        return EMPTY_GLOSSARY
    if not directory.is_dir():
        raise GlossaryError("the glossary location is not a directory", file=directory)
    terms: list[Term] = []
    for path in sorted(directory.glob("*.csv"), key=lambda p: p.name):
        terms.extend(_terms(read_glossary_file(path).rows()))
    return Glossary(tuple(terms))


def _terms(rows: Iterable[Row]) -> Iterator[Term]:
    for row in rows:
        source = normalize_term(row.source)
        if not source:
            continue  # nothing to match; `glossary lint` reports it
        targets = {lang: normalize_term(value) for lang, value in row.targets.items()}
        for cell in (source, *targets.values()):
            bad = control_characters(cell)
            if bad:
                raise GlossaryError(
                    f"term {cell!r} contains {bad}, which DeepL rejects; "
                    "run `digest-i18n glossary lint`",
                    file=row.file,
                    line=row.line,
                )
        yield Term(source, MappingProxyType(targets), row.note.strip(), row.file, row.line)
