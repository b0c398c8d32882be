"""Table rows: cells split where the renderers split them, and the rows only kramdown (and,
with a ragged delimiter row, Goldmark) reads as a table."""

from __future__ import annotations

import re
from collections.abc import Callable
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


def cell_spans(line: str, code_aware: bool = False) -> list[tuple[int, int]]:
    """Column spans of a table row, pipes split the way markdown-it splits them (with
    ``code_aware``, the way kramdown does: a pipe inside a code span splits nothing).

    A row inside a list item or a blockquote starts after its container markers.
    """
    stripped_start = CONTAINER_PREFIX.match(line).end()  # type: ignore[union-attr]
    end = len(line.rstrip())
    escaped = set(escaped_pipes(line))
    if code_aware:
        escaped |= _pipes_in_code(line)
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


_BACKTICKS = re.compile(r"`+")


_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _pipes_in_code(line: str) -> set[int]:
    """Offsets of the pipes inside code spans and Liquid (Jekyll runs it first) of ``line``."""
    inside = {n for found in _LIQUID.finditer(line) for n in range(*found.span()) if line[n] == "|"}
    pos = 0
    while (opened := _BACKTICKS.search(line, pos)) is not None:
        closing = re.compile(rf"(?<!`){opened.group(0)}(?!`)")
        closed = closing.search(line, opened.end())
        if closed is None:
            pos = opened.end()
            continue
        inside.update(n for n in range(opened.end(), closed.start()) if line[n] == "|")
        pos = closed.end()
    return inside


def _structural_pipe(text: str) -> bool:
    """A pipe kramdown splits cells at: not escaped, not inside a code span."""
    if "|" not in text:
        return False
    protected = set(escaped_pipes(text)) | _pipes_in_code(text)
    return any(char == "|" and n not in protected for n, char in enumerate(text))


_SEPARATOR_ROW = re.compile(r"[ \t]*[|+:\- \t]*-[|+:\- \t]*$")


_LINK_TEXT_WITH_PIPE = re.compile(r"\[[^\]\n]*\|[^\]\n]*\][(\[]")
"""A link whose text holds a pipe: ``[장 9 | 포털](…)``."""


def loose_table_rule(dialect: str) -> Callable[[StateBlock, int, int, bool], bool]:
    """Rows kramdown reads as a table and CommonMark does not: lines with a pipe outside
    code, from a block's start to a blank line, with or without a delimiter row, whatever
    their cell counts; for Goldmark, rows that start with a pipe (it takes a delimiter row
    longer than the header). Each cell is translated on its own and every pipe stays.

    Without a site (``commonmark``) such rows are still kept for kramdown's sake, but not a
    line whose pipe sits in a link's text: CommonMark reads a link there, and cutting the
    line into cells would leave its brackets as text."""
    kramdown = dialect != "goldmark"

    def is_row(text: str) -> bool:
        if not kramdown:
            return text.startswith("|")
        if dialect == "commonmark" and _LINK_TEXT_WITH_PIPE.search(text):
            return False
        return _structural_pipe(text)

    def loose_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.sCount[start_line] - state.blkIndent >= 4:
            return False
        line = start_line
        while line < end_line and state.sCount[line] - state.blkIndent < 4:
            if not is_row(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]):
                break
            line += 1
        if line == start_line or (kramdown and line < end_line and not state.isEmpty(line)):
            return False  # kramdown takes rows followed by text as a paragraph
        if not silent:
            _push_table(state, start_line, line, code_aware=kramdown)
        return True

    return loose_table


def _push_table(state: StateBlock, start_line: int, end_line: int, *, code_aware: bool) -> None:
    table = state.push("table_open", "table", 1)
    table.map = [start_line, end_line]
    table.meta[LOOSE] = True
    state.push("tbody_open", "tbody", 1)
    for row in range(start_line, end_line):
        text = state.src[state.bMarks[row] + state.tShift[row] : state.eMarks[row]]
        if _SEPARATOR_ROW.match(text):
            continue
        state.push("tr_open", "tr", 1).map = [row, row + 1]
        for left, right in cell_spans(text, code_aware):
            state.push("td_open", "td", 1)
            inline = state.push("inline", "", 0)
            inline.content = text[left:right].replace("\\|", "|")
            inline.map = [row, row + 1]
            inline.meta[LOOSE] = code_aware
            inline.children = []
            state.push("td_close", "td", -1)
        state.push("tr_close", "tr", -1)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)
    state.line = end_line
