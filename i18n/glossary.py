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
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .errors import GlossaryError
from .glossary_csv import SOURCE_COLUMN, Row, normalize_term, read_glossary_file
from .glossary_lint import LintProblem, control_characters, lint_glossary

if TYPE_CHECKING:
    from .engines.base import GlossaryTerms, LanguagePair

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


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);")


def visible_runs(text: str) -> Iterator[tuple[int, str, list[int]]]:
    """The text between tags, XML escapes decoded: ``(offset, decoded, starts)`` where
    ``offset + starts[i]`` is where decoded character ``i`` begins in ``text`` (with one extra
    entry for the run's end). A match inside a run can never touch a tag."""
    position = 0
    for tag in (*_TAG.finditer(text), None):
        end = tag.start() if tag else len(text)
        if end > position:
            yield (position, *_decode_run(text[position:end]))
        position = tag.end() if tag else end


def _decode_run(run: str) -> tuple[str, list[int]]:
    if "&" not in run:
        return run, list(range(len(run) + 1))
    chars: list[str] = []
    starts: list[int] = []
    position = 0
    for entity in (*_ENTITY.finditer(run), None):
        stop = entity.start() if entity else len(run)
        chars.extend(run[position:stop])
        starts.extend(range(position, stop))
        if entity:
            chars.append(html.unescape(entity.group(0)))
            starts.append(entity.start())
            position = entity.end()
    starts.append(len(run))
    return "".join(chars), starts


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: list[int] = []


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_latin_word(char: str) -> bool:
    return _is_word(char) and (char.isascii() or unicodedata.name(char, "").startswith("LATIN"))


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


class _Matcher:
    """A trie of source terms; finds every occurrence, then keeps the longest ones."""

    __slots__ = ("_closed", "_root", "_simple", "_sources", "_starts")

    def __init__(self, sources: Sequence[str]) -> None:
        self._root = _Node()
        self._sources = [normalize_term(s) for s in sources]
        # A term ending in a Latin letter or digit needs a boundary after it too.
        self._closed = [bool(s) and _is_latin_word(s[-1]) for s in self._sources]
        for index, source in enumerate(self._sources):
            if not source:
                continue
            node = self._root
            for char in source:
                node = node.children.setdefault(char, _Node())
            node.ends.append(index)
        # The same trie as one regex (a space may be any run of blanks, or none): it finds
        # in C the few positions where some term can start, so the walk runs only there.
        pattern = _trie_regex(self._root)
        self._starts = re.compile(pattern) if pattern else None
        self._simple = _simple_terms(self._root)

    def find(self, text: str, wanted: Sequence[bool] | None = None) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, term index)`` in text order, longest first."""
        found: list[tuple[int, int, int]] = []
        for offset, decoded, starts in visible_runs(text):
            for start, end, index in self._select(decoded, wanted):
                found.append((offset + starts[start], offset + starts[end], index))
        return found

    def _select(self, text: str, wanted: Sequence[bool] | None) -> list[tuple[int, int, int]]:
        candidates = [
            (start, end, index, exact)
            for start, end, index, exact in self._candidates(text)
            if wanted is None or wanted[index]
        ]
        # Longest wins; on a tie the term spelled exactly as in the text, then file order.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], not c[3], c[2]))
        taken = bytearray(len(text))
        chosen: list[tuple[int, int, int]] = []
        for start, end, index, _exact in candidates:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end, index))
        return sorted(chosen)

    def _candidates(self, text: str) -> Iterator[tuple[int, int, int, bool]]:
        if self._starts is None:
            return
        search, simple, closed = self._starts.search, self._simple, self._closed
        found = search(text)
        while found is not None:
            start, end = found.span()
            if not (_is_word(text[start]) and start > 0 and _is_word(text[start - 1])):
                index = simple.get(found.group())
                if index is None:
                    yield from self._walk(text, start)
                elif not closed[index] or end == len(text) or not _is_latin_word(text[end]):
                    yield start, end, index, True  # the only term that can start here
            found = search(text, start + 1)

    def _walk(self, text: str, start: int) -> Iterator[tuple[int, int, int, bool]]:
        """Every term that matches at ``start``: (start, end, term index, spelled exactly).

        A blank in a term matches any run of blanks in the text, or none between two Hangul
        syllables (Korean spacing varies); a term ending in a Latin letter needs a boundary.
        """
        closed, size = self._closed, len(text)
        stack = [(self._root, start, True)]
        while stack:
            node, pos, exact = stack.pop()
            for index in node.ends:
                if not closed[index] or pos == size or not _is_latin_word(text[pos]):
                    yield start, pos, index, exact
            if pos == size:
                continue
            char = text[pos]
            children = node.children
            if char.isspace():
                child = children.get(" ")
                if child is not None:
                    end = pos + 1
                    while end < size and text[end].isspace():
                        end += 1
                    stack.append((child, end, exact and char == " " and end == pos + 1))
                continue
            child = children.get(char)
            if child is not None:
                stack.append((child, pos + 1, exact))
            space = children.get(" ")
            if space is not None and pos > start and _is_hangul(text[pos - 1]) and _is_hangul(char):
                joined = space.children.get(char)
                if joined is not None:
                    stack.append((joined, pos + 1, False))


def _simple_terms(root: _Node) -> dict[str, int]:
    """Terms spelled without blanks that no shorter term begins: where the regex finds one,
    it is the only candidate at that start, so the trie walk can be skipped."""
    simple: dict[str, int] = {}
    stack: list[tuple[_Node, str, bool]] = [(root, "", False)]
    while stack:
        node, spelled, shadowed = stack.pop()
        if node.ends and spelled and not shadowed and len(node.ends) == 1:
            simple[spelled] = node.ends[0]
        for char, child in node.children.items():
            if char != " ":
                stack.append((child, spelled + char, shadowed or bool(node.ends and spelled)))
    return simple


def _trie_regex(node: _Node) -> str:
    """A regex matching (at least) whatever the trie below ``node`` matches."""
    branches = [
        (r"\s*" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.children.items())
    ]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if node.ends else group


def _digest(blob: object) -> str:
    data = json.dumps(blob, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _entries_digest(entries: Mapping[str, str]) -> str:
    return _digest(sorted(entries.items())) if entries else ""


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every term of a glossary directory, in file order (files sorted by name)."""

    terms: tuple[Term, ...] = ()
    """The concept rows; a source term listed twice keeps its first rule per language."""
    _matcher: _Matcher = field(init=False, repr=False, compare=False)
    """Trie over the source terms (built once)."""

    _wanted: dict[str, list[bool]] = field(init=False, repr=False, compare=False)
    """Per target language: which terms have a rule for it (computed once per language)."""

    _memo: dict[tuple[str, str | None], list[TermMatch]] = field(
        init=False, repr=False, compare=False
    )
    """Recent :meth:`find` answers (bounded)."""
    _digest_value: str | None = field(default=None, init=False, repr=False, compare=False)
    """:meth:`digest`, once computed."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", _Matcher([t.source for t in self.terms]))
        object.__setattr__(self, "_wanted", {})
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
        from .engines.base import GlossaryTerms

        if pair.source.lower() != SOURCE_COLUMN:
            return GlossaryTerms()
        target = pair.target.lower()
        entries = self.entries(target)

        def find(text: str) -> list[tuple[int, int, str]]:
            return [(m.start, m.end, m.term.target(target)) for m in self.find(text, target)]

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
        key = (text, target)
        memo = self._memo
        if key in memo:  # the cache key and the offline engines ask about the same text
            return memo[key]
        if len(memo) > 16_384:  # a chunk of posts, both languages: the engines ask again
            memo.clear()
        found = None
        if target is not None:
            # Dropping terms without a rule changes nothing unless one of them was chosen:
            # the unfiltered answer, shared by every language, usually stands.
            every = self.find(text, None)
            if all(m.term.target(target) for m in every):
                found = every
        memo[key] = found = found if found is not None else self._find(text, target)
        return found

    def _find(self, text: str, target: str | None) -> list[TermMatch]:
        wanted = None
        if target is not None:
            wanted = self._wanted.get(target)
            if wanted is None:
                wanted = self._wanted[target] = [bool(t.target(target)) for t in self.terms]
        return [
            TermMatch(start, end, self.terms[index])
            for start, end, index in self._matcher.find(text, wanted)
        ]

    def unit_digest(self, text: str, target: str) -> str:
        """Digest of the terms (with their ``target`` rule) that occur in ``text``; ``""`` if
        none. Part of the translation-cache key: editing a term re-translates exactly the units
        that contain it."""
        used = sorted({(m.term.source, m.term.target(target)) for m in self.find(text, target)})
        return _digest([target, used]) if used else ""


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
def _matcher_for(sources: tuple[str, ...]) -> _Matcher:
    return _Matcher(sources)


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
