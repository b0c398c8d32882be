"""Table rows: cells split where the renderers split them, and the rows only kramdown (and,
with a ragged delimiter row, Goldmark) reads as a table."""

from __future__ import annotations

import re
from itertools import pairwise

from markdown_it.rules_block import StateBlock

LOOSE = "loose"
"""``token.meta`` key of a table only a dialect reads as one (no delimiter row, ragged)."""


CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
"""Container markers (quotes, list items) at the start of a source line."""


def escaped_pipes(cell: str) -> list[int]:
    """Offsets of the pipes in ``cell`` that a backslash escapes (markdown-it's rule: the
    character before is a backslash, however many backslashes precede it)."""
    return [n for n in range(1, len(cell)) if cell[n] == "|" and cell[n - 1] == "\\"]


def cell_spans(line: str) -> list[tuple[int, int]]:
    """Column spans of a table row, pipes split the way markdown-it splits them.

    A row inside a list item or a blockquote starts after its container markers.
    """
    stripped_start = CONTAINER_PREFIX.match(line).end()  # type: ignore[union-attr]
    end = len(line.rstrip())
    escaped = set(escaped_pipes(line))
    bounds = [stripped_start - 1]
    bounds += [n for n in range(stripped_start, end) if line[n] == "|" and n not in escaped]
    bounds.append(end)
    spans = []
    for left, right in pairwise(bounds):
        cell = line[left + 1 : right]
        lead = len(cell) - len(cell.lstrip())
        spans.append((left + 1 + lead, left + 1 + len(cell.rstrip())))
    if spans and line[stripped_start : stripped_start + 1] == "|":
        spans = spans[1:]
    if spans and end > 0 and line[end - 1] == "|" and spans[-1][0] >= spans[-1][1]:
        spans = spans[:-1]
    return spans


_SEPARATOR_ROW = re.compile(r"[ \t]*[|+:\- \t]*-[|+:\- \t]*$")


def loose_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Rows that start with a pipe, with or without a delimiter row, whatever their cell
    counts: kramdown reads them as a table (and Goldmark a delimiter row longer than the
    header), so each cell is translated on its own and every pipe stays."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = start_line
    while line < end_line and state.sCount[line] - state.blkIndent < 4:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if not text.startswith("|"):
            break
        line += 1
    if line == start_line:
        return False
    if silent:
        return True
    table = state.push("table_open", "table", 1)
    table.map = [start_line, line]
    table.meta[LOOSE] = True
    state.push("tbody_open", "tbody", 1)
    for row in range(start_line, line):
        text = state.src[state.bMarks[row] + state.tShift[row] : state.eMarks[row]]
        if _SEPARATOR_ROW.match(text):
            continue
        state.push("tr_open", "tr", 1).map = [row, row + 1]
        for left, right in cell_spans(text):
            state.push("td_open", "td", 1)
            inline = state.push("inline", "", 0)
            inline.content = text[left:right].replace("\\|", "|")
            inline.map = [row, row + 1]
            inline.children = []
            state.push("td_close", "td", -1)
        state.push("tr_close", "tr", -1)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)
    state.line = line
    return True
