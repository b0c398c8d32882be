"""Source units paired with a translation's units, and each finding put on its pair."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from difflib import SequenceMatcher

from i18n.checks import Finding
from i18n.markdown import Document, Unit
from i18n.review._model import ReviewFinding

Pair = tuple[int | None, int | None]
"""A source unit's index and its partner's in the translation (None: no partner)."""


def align_units(source: Sequence[Unit], target: Sequence[Unit]) -> tuple[Pair, ...]:
    """Source unit index ↔ target unit index (None where one side has no partner), by unit
    kind: the splice keeps the structure, so the two usually pair one to one."""
    kinds = [u.kind for u in source], [u.kind for u in target]
    if kinds[0] == kinds[1]:
        return tuple((i, i) for i in range(len(source)))
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, kinds[0], kinds[1], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        pairs += [(i, None) for i in range(i1, i2)]
        pairs += [(None, j) for j in range(j1, j2)]
    return tuple(pairs)


def _line_index(doc: Document) -> tuple[list[int], list[int], list[int]]:
    """Start lines, end lines and indexes of the units, ordered by start line."""
    ordered = sorted(doc.units, key=lambda u: u.line)
    ends = [u.line + doc.text.count("\n", u.start, u.end) for u in ordered]
    return [u.line for u in ordered], ends, [u.index for u in ordered]


def _unit_at(index: tuple[list[int], list[int], list[int]], line: int) -> int | None:
    starts, ends, units = index
    at = bisect.bisect_right(starts, line) - 1
    return units[at] if at >= 0 and line <= ends[at] else None


def place_findings(
    findings: Sequence[Finding], pairs: Sequence[Pair], source: Document, target: Document | None
) -> tuple[dict[Pair, list[ReviewFinding]], list[ReviewFinding]]:
    """Findings by the aligned pair whose lines hold them (the translation's line first,
    then the source's), and the ones no unit holds."""
    by_target = {t: pair for pair in pairs if (t := pair[1]) is not None}
    by_source = {s: pair for pair in pairs if (s := pair[0]) is not None}
    target_index = _line_index(target) if target is not None else None
    source_index = _line_index(source)
    placed: dict[Pair, list[ReviewFinding]] = {}
    loose: list[ReviewFinding] = []
    for finding in findings:
        shown = ReviewFinding(
            finding.check,
            finding.severity,
            finding.message,
            finding.hint,
            finding.line,
            finding.source_line,
        )
        pair = None
        if target_index is not None and finding.line > 1:
            unit = _unit_at(target_index, finding.line)
            pair = by_target.get(unit) if unit is not None else None
        if pair is None and finding.source_line:
            unit = _unit_at(source_index, finding.source_line)
            pair = by_source.get(unit) if unit is not None else None
        if pair is None:
            loose.append(shown)
        else:
            placed.setdefault(pair, []).append(shown)
    return placed, loose
