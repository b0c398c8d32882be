"""Delimiters inside ``$math$`` that the renderers read as Markdown.

The parser reads ``$…$`` as math and sends it as one placeholder, but kramdown (which knows
math only between ``$$``), Goldmark and cmark read it as text: a ``_`` or ``*`` inside a
formula is a delimiter to them. In the source such a run is text when nothing pairs it;
once an engine moves the formulas (Japanese word order), ``$\\bar{z}_n$`` may come before
``$\\hat{y}_{t}$`` and the two underscores become emphasis. Those runs are written escaped
then: ``\\_`` renders as ``_``, so the formula reaches a reader (and MathJax) unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from i18n.markdown._decode import Roles
from i18n.markdown._delimiters import escaped_run
from i18n.markdown._inline import Tag
from i18n.markdown._parser import delimiter_pairs
from i18n.markdown._spacing import PLACEHOLDER

_RUN = re.compile(r"\\.|([*_~])\1*")
"""A Markdown escape (skipped) or a delimiter run."""

Splice = Callable[[str, Sequence[Tag], Callable[[list[str], Roles], None]], object]
"""Decodes a tagged text with the given tags and hands the final pieces to the callback."""


@dataclass(frozen=True, slots=True, order=True)
class _Run:
    tag: int
    """Index of the math placeholder's tag."""
    start: int
    """Where the run starts in the placeholder's text."""
    end: int
    """Where it ends."""


def with_math_runs_escaped(
    tagged: str,
    source: str,
    tags: Sequence[Tag],
    readings: tuple[str, str],
    splice: Splice,
    plain: Splice,
) -> tuple[Tag, ...] | None:
    """The tags to write ``tagged`` with, when delimiter runs inside math that the source reads
    as text would pair up in the translation; else None. ``source``: the unit's tagged text;
    ``readings``: the site's renderer's reading (``kramdown`` or ``commonmark``) first, then
    the other one's, which counts for runs the source leaves as text in both. ``splice``
    writes the translation as the splice does, ``plain`` the source without new spaces."""
    if not any(_math(tag.open) and _runs(tag.open) for tag in tags):
        return None
    runs, before = _paired(source, tags, readings, plain)
    _, after = _paired(tagged, tags, readings, splice)
    text_in_source = runs - before[readings[0]]
    if not any(
        run in after[reading] and run not in before[reading]
        for reading in readings
        for run in text_in_source
    ):
        return None
    escaped = list(tags)
    for index in {run.tag for run in text_in_source}:
        text, pos, parts = tags[index].open, 0, []
        for run in sorted(run for run in text_in_source if run.tag == index):
            parts += [text[pos : run.start], escaped_run(text[run.start : run.end])]
            pos = run.end
        escaped[index] = Tag("x", "".join([*parts, text[pos:]]))
    return tuple(escaped)


def _paired(
    tagged: str, tags: Sequence[Tag], readings: tuple[str, str], splice: Splice
) -> tuple[set[_Run], dict[str, set[_Run]]]:
    """Every delimiter run inside math, and per reading the ones it pairs as emphasis."""
    found: list[tuple[str, dict[_Run, range]]] = []

    def record(out: list[str], roles: Roles) -> None:
        runs: dict[_Run, range] = {}
        at = 0
        for piece, role in zip(out, roles, strict=True):
            if role is not None and role[0] == PLACEHOLDER and _math(role[1].open):
                index = next(n for n, tag in enumerate(tags) if tag is role[1])
                offset = at + piece.index(role[1].open)
                for start, end in _runs(role[1].open):
                    runs[_Run(index, start, end)] = range(offset + start, offset + end)
            at += len(piece)
        found.append(("".join(out), runs))

    splice(tagged, tags, record)
    text, runs = found[0]
    paired: dict[str, set[_Run]] = {}
    for reading in readings:
        chars = {at for span in _delimiter_spans(text, reading) for at in range(*span)}
        paired[reading] = {run for run, where in runs.items() if chars.intersection(where)}
    return set(runs), paired


def _runs(formula: str) -> list[tuple[int, int]]:
    """Where the delimiter runs of ``$formula$`` are (a ``\\_`` is no run)."""
    found = _RUN.finditer(formula, 1, len(formula) - 1)
    return [match.span() for match in found if match.group(1)]


def _delimiter_spans(text: str, reading: str) -> list[tuple[int, int]]:
    return [span for pair in delimiter_pairs(text, reading).items() for span in pair]


def _math(placeholder: str) -> bool:
    """Inline math every renderer reads as text: ``$…$`` (kramdown reads ``$$…$$`` itself)."""
    return (
        len(placeholder) > 2 and placeholder[0] == placeholder[-1] == "$" and placeholder[1] != "$"
    )
