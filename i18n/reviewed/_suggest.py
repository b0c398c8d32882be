"""Glossary candidates from reviews: term substitutions reviewers made in two or more units.

Each reviewed entry keeps the machine translation it replaced. Comparing the two, word by word
(character by character in scripts written without spaces), gives what the reviewer replaced
with what (``draft model`` → ``drafter``). A substitution made in at least ``min_count`` units
is a candidate; its Korean term is the longest Hangul stretch all those units' sources share
(``초안 모델`` in ``초안 모델은`` and ``초안 모델이``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from i18n.markdown import has_hangul, plain_text
from i18n.reviewed._catalog import ReviewedCatalogs

_TOKEN = re.compile(r"[A-Za-z0-9][\w'’-]*|[^\s]")
"""A word of a spaced script, or one character of anything else."""
_WORDY = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class ReviewSuggestion:
    """A term substitution reviewers made repeatedly."""

    source: str
    """The Korean term the units share (empty when they share none)."""
    lang: str
    """Target language."""
    machine: str
    """What the machine wrote."""
    reviewed: str
    """What reviewers wrote instead."""
    count: int
    """Units where reviewers made it."""


def _substitutions(machine: str, reviewed: str) -> list[tuple[str, str]]:
    """(machine phrase, reviewed phrase) for every stretch a reviewer replaced."""
    old, new = list(_TOKEN.finditer(machine)), list(_TOKEN.finditer(reviewed))
    matcher = difflib.SequenceMatcher(
        None, [t.group(0) for t in old], [t.group(0) for t in new], autojunk=False
    )
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        was = machine[old[i1].start() : old[i2 - 1].end()]
        now = reviewed[new[j1].start() : new[j2 - 1].end()]
        if _WORDY.search(was) and _WORDY.search(now):
            found.append((was, now))
    return found


def _shared_term(sources: Sequence[str]) -> str:
    """The longest stretch with Hangul that every source holds (trimmed at spaces)."""
    first, rest = sources[0], sources[1:]
    best = ""
    for other in rest[:1] or [first]:
        matcher = difflib.SequenceMatcher(None, first, other, autojunk=False)
        for block in matcher.get_matching_blocks():
            text = first[block.a : block.a + block.size].strip()
            if has_hangul(text) and len(text) > len(best) and all(text in s for s in rest):
                best = text
    return best


def suggest_from_reviews(
    reviewed: ReviewedCatalogs, langs: Sequence[str], min_count: int = 2
) -> list[ReviewSuggestion]:
    """Substitutions reviewers made in at least ``min_count`` units, most frequent first."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for lang in langs:
        for entry in reviewed[lang].entries():
            if not entry.machine:
                continue
            machine, text = plain_text(entry.machine), plain_text(entry.text)
            for was, now in dict.fromkeys(_substitutions(machine, text)):
                groups.setdefault((lang, was, now), []).append(plain_text(entry.source))
    found = [
        ReviewSuggestion(_shared_term(sources), lang, was, now, len(sources))
        for (lang, was, now), sources in groups.items()
        if len(sources) >= min_count
    ]
    found.sort(key=lambda s: (-s.count, s.lang, s.machine))
    return found


def review_suggestion_rows(suggestions: Sequence[ReviewSuggestion]) -> list[list[str]]:
    """Rows for a ``ko,en,ja,note`` glossary file."""
    rows = []
    for s in suggestions:
        note = (
            f"reviews: machine wrote '{s.machine}', reviewers wrote '{s.reviewed}' "
            f"({s.count} units)"
        )
        rows.append(
            [
                s.source,
                s.reviewed if s.lang == "en" else "",
                s.reviewed if s.lang == "ja" else "",
                note,
            ]
        )
    return rows
