"""Aligning a reviewed target with the machine translation it was made from, unit by unit.

The splice keeps a translation's block structure identical to its source's, so the machine
translation's units and the reviewed file's units pair up one to one. Runs of identical units
anchor the alignment; between anchors, equally many units of the same kinds are units a
reviewer rewrote. Anything else — a unit more or less, a paragraph turned list item, changed
markup between units (a deleted code block, a new list marker) — is a structure change: it is
reported with its line and learned from not at all.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from i18n.markdown import Document, Unit

_KIND_NAMES = {
    "heading": "heading",
    "paragraph": "paragraph",
    "list_item": "list item",
    "table_cell": "table cell",
    "blockquote": "quoted paragraph",
    "front_matter": "front-matter value",
}


@dataclass(frozen=True, slots=True)
class StructureChange:
    """Block structure a reviewer changed: nothing is learned from it."""

    line: int
    """Line in the reviewed file."""
    what: str
    """What changed, in words."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Units paired across the machine translation and the reviewed file."""

    pairs: tuple[tuple[int, int], ...]
    """(machine unit index, reviewed unit index) of units whose block is unchanged."""
    changes: tuple[StructureChange, ...]
    """Structure changes, in file order."""


def span(doc: Document, unit: Unit) -> str:
    """A unit's Markdown as it stands in ``doc``."""
    return doc.text[unit.start : unit.end]


def _shape(unit: Unit) -> tuple[str, int]:
    return unit.kind, len(unit.section)


def _kinds(units: Sequence[Unit]) -> str:
    names = [_KIND_NAMES.get(unit.kind, unit.kind) for unit in units]
    counted = {name: names.count(name) for name in dict.fromkeys(names)}
    return ", ".join(f"{n} {name}{'s' if n > 1 else ''}" for name, n in counted.items())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _line_at(doc: Document, offset: int) -> int:
    return doc.text.count("\n", 0, offset) + 1


def _describe(
    machine: Document, target: Document, old: Sequence[Unit], new: Sequence[Unit], at: int
) -> StructureChange:
    if not new:
        return StructureChange(
            at, f"{_kinds(old)} of the translation removed ({_quote(span(machine, old[0]))})"
        )
    if not old:
        return StructureChange(
            new[0].line,
            f"{_kinds(new)} added that the source does not have ({_quote(span(target, new[0]))})",
        )
    return StructureChange(
        new[0].line,
        f"{_kinds(old)} of the translation became {_kinds(new)} (split, merged or changed kind)",
    )


def _gap_change(
    machine: Document, target: Document, gaps: tuple[tuple[int, int], tuple[int, int]]
) -> StructureChange | None:
    (m_start, m_end), (t_start, t_end) = gaps
    before, after = machine.text[m_start:m_end], target.text[t_start:t_end]
    if before == after:
        return None
    old_lines, new_lines = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, _i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        line = _line_at(target, t_start) + j1
        if tag == "delete":
            what = f"line removed: {_quote(old_lines[i1])}"
        elif tag == "insert":
            what = f"line added: {_quote(new_lines[j1])}"
        elif old_lines[i1].strip() == new_lines[j1].strip():  # what _quote would not show
            old, new = old_lines[i1][-12:], new_lines[j1][-12:]
            return StructureChange(
                line,
                f"spacing changed: …{old!r} became …{new!r} (in Markdown, two trailing spaces "
                "are a hard break and indentation nests blocks)",
            )
        else:
            what = f"{_quote(old_lines[i1])} became {_quote(new_lines[j1])}"
        return StructureChange(line, f"markup outside the text changed: {what}")
    return StructureChange(
        _line_at(target, t_start), "line endings or spacing between blocks changed"
    )


def align(machine: Document, target: Document) -> Alignment:
    """Pair ``machine``'s units with ``target``'s and find the structure changes between."""
    old, new = machine.units, target.units
    matcher = difflib.SequenceMatcher(
        None, [span(machine, u) for u in old], [span(target, u) for u in new], autojunk=False
    )
    pairs: list[tuple[int, int]] = []
    changes: list[StructureChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same_shape = [_shape(u) for u in old[i1:i2]] == [_shape(u) for u in new[j1:j2]]
        if tag == "equal" or same_shape:
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        # where something removed was: just after the unit before it
        at = _line_at(target, new[j1 - 1].end) + 1 if j1 else _line_at(target, target.body_start)
        changes.append(_describe(machine, target, old[i1:i2], new[j1:j2], at))
    for gap in _gaps(machine, target, pairs):
        change = _gap_change(machine, target, gap)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda change: change.line)
    return Alignment(tuple(pairs), tuple(changes))


def _gaps(
    machine: Document, target: Document, pairs: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The stretches between paired body units (and before the first, after the last) that
    must be the same in both files when the structure did not change."""
    body = [(i, j) for i, j in pairs if machine.units[i].kind != "front_matter"]
    gaps = []
    m_units, t_units = machine.units, target.units
    first_m = next((u.index for u in m_units if u.kind != "front_matter"), None)
    first_t = next((u.index for u in t_units if u.kind != "front_matter"), None)
    if body and body[0] == (first_m, first_t):
        i, j = body[0]
        gaps.append(((machine.body_start, m_units[i].start), (target.body_start, t_units[j].start)))
    for (i, j), (k, m) in itertools.pairwise(body):
        if k == i + 1 and m == j + 1:
            gaps.append(((m_units[i].end, m_units[k].start), (t_units[j].end, t_units[m].start)))
    if body and body[-1] == (len(m_units) - 1, len(t_units) - 1):
        i, j = body[-1]
        gaps.append(((m_units[i].end, len(machine.text)), (t_units[j].end, len(target.text))))
    if not body and first_m is None and first_t is None:  # no text at all: compare the bodies
        gaps.append(
            ((machine.body_start, len(machine.text)), (target.body_start, len(target.text)))
        )
    return gaps
