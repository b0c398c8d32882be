"""The glossary check: a source text that uses a term gets the term's configured target.

The glossary's own matcher (:meth:`i18n.glossary._glossary.Glossary.find`) decides what counts as a
use of a term (particles, optional spaces, longest match). It walks every character in
Python, so it is asked only about texts that might be wrong: a C-level regex over the
glossary (a superset of the matcher's matches) first lists the terms a text may contain, and
only a text whose translation lacks one of their targets is searched precisely.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from i18n.checks._model import CheckPair, Finding, TextPair
from i18n.checks._nodes import MARK
from i18n.glossary import Glossary, Term

_SPACES = re.compile(r"\s+")
_END = ""  # a trie node holding this key ends a term

Trie = dict[str, "Trie"]


@dataclass(frozen=True, slots=True)
class TermIndex:
    """Every term's source without spaces, and a regex finding where any may start."""

    glossary: Glossary
    """The glossary indexed (kept so the cache entry cannot outlive it)."""
    starts: re.Pattern[str]
    """Where a term may start: the first character of a word (or a non-word character) that
    some term starts with (where the glossary's matcher would look)."""
    trie: re.Pattern[str]
    """Matches the longest run of term characters (any whitespace between) at a position."""
    terms: Mapping[str, tuple[Term, ...]]
    """Source without spaces → terms."""


def _pattern(node: Trie, first: bool = False) -> str:
    branches = [
        re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if first:
        return body
    # Any whitespace may separate two characters (a superset of the matcher's rules).
    body = r"\s*" + body
    return f"(?:{body})?" if _END in node else body


def build_index(glossary: Glossary) -> TermIndex:
    """Index a glossary's terms for :func:`candidates`."""
    terms: dict[str, list[Term]] = {}
    root: Trie = {}
    for term in glossary.terms:
        key = _SPACES.sub("", term.source)
        if not key:
            continue
        terms.setdefault(key, []).append(term)
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = {}
    trie = re.compile(_pattern(root, first=True))
    first = "".join(sorted(root))
    other = "".join(char for char in first if not re.match(r"\w", char))
    starts = rf"(?<!\w)[{re.escape(first)}]" + (f"|[{re.escape(other)}]" if other else "")
    return TermIndex(glossary, re.compile(starts), trie, {k: tuple(v) for k, v in terms.items()})


_INDEXES: dict[int, TermIndex] = {}


def term_index(glossary: Glossary) -> TermIndex:
    """The index of ``glossary`` (built once per glossary object)."""
    index = _INDEXES.get(id(glossary))
    if index is None or index.glossary is not glossary:
        index = _INDEXES[id(glossary)] = build_index(glossary)
    return index


def candidates(index: TermIndex, text: str) -> set[Term]:
    """Every term that may occur in ``text`` (never fewer than the glossary would find)."""
    found: set[Term] = set()
    match, terms = index.trie.match, index.terms
    for start in index.starts.finditer(text):
        run_match = match(text, start.start())
        if run_match is None:
            continue
        run = "".join(run_match.group(0).split())
        for end in range(1, len(run) + 1):
            found.update(terms.get(run[:end], ()))
    return found


def _squash(text: str) -> str:
    return _SPACES.sub("", text.replace(MARK, " ").casefold()).replace("-", "")


def check_glossary(pair: CheckPair) -> list[Finding]:
    """Where a source text uses a glossary term, the translation uses its configured target."""
    glossary = pair.context.glossary
    if not glossary.terms:
        return []
    index = term_index(glossary)
    findings = []
    for text in pair.texts:
        target = _squash(text.target)
        suspects = [
            term
            for term in candidates(index, text.source)
            if term.target(pair.lang) and _squash(term.target(pair.lang)) not in target
        ]
        if suspects:
            findings += _confirm(pair, text, target)
    return findings


def _confirm(pair: CheckPair, text: TextPair, target: str) -> list[Finding]:
    """The findings the glossary's own matcher confirms in one text."""
    missing: dict[str, str] = {}
    for match in pair.context.glossary.find(escape(text.source).replace(MARK, "<x/>"), pair.lang):
        want = match.term.target(pair.lang)
        if _squash(want) not in target:
            missing.setdefault(match.term.source, want)
    return [
        pair.finding(
            "glossary",
            text.line,
            text.source_line,
            f"glossary: '{source}' should be '{want}', which is not in the translation",
            f"use '{want}' for '{source}' (glossary), or change the glossary",
        )
        for source, want in missing.items()
    ]
