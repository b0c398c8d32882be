"""The block walk: markdown-it tokens → units with exact source spans.

markdown-it-py gives block tokens line ranges and inline content with container prefixes
stripped. Each inline block's content is aligned back onto its source lines (every content line
is the left-trimmed tail of its source line), so each unit knows the exact characters it covers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import add
from typing import Any
from urllib.parse import unquote

from markdown_it.token import Token

from i18n.markdown._decode import plain_text
from i18n.markdown._inline import EncodedRun, encode_inline
from i18n.markdown._model import LinkTarget, Unit
from i18n.markdown._tables import CONTAINER_PREFIX, LOOSE, cell_spans, escaped_pipes
from i18n.markdown._text import DESTINATION

EOL = re.compile(r"\r\n|\r|\n")
_ATX_OPEN = re.compile(r"[ \t]*#{1,6}")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True)
class Lines:
    """Line geometry of the body: where each normalised line sits in the document text."""

    starts: list[int]
    ends: list[int]
    texts: list[str]


@dataclass(slots=True)
class Walk:
    """What the block walk accumulates."""

    doc: str
    lines: Lines
    line_starts: list[int]
    units: list[Unit] = field(default_factory=list)
    links: list[LinkTarget] = field(default_factory=list)
    section: tuple[str, ...] = ()
    containers: list[str] = field(default_factory=list)
    whole_headings: list[int] = field(default_factory=list)
    """Units that are a whole heading (one unit, no hard break): the ones an id can end."""
    dialect: str = "commonmark"
    """The dialect the document is read in."""

    def add(self, run: EncodedRun, kind: str, to_doc: Callable[[int], int], style: str) -> None:
        if not _LETTER.search(_plain(run.text) if run.tags else run.text):
            return
        start, end = to_doc(run.start), to_doc(run.end)
        line = bisect.bisect_right(self.line_starts, start)
        self.units.append(
            Unit(len(self.units), kind, run.text, start, end, line, self.section, run.tags, style)
        )


def _plain(tagged: str) -> str:
    return re.sub(r"<[^>]*>", "", tagged)


def line_starts(text: str) -> list[int]:
    if "\r" not in text:  # the usual case, counted in C: each line starts after the last
        return list(accumulate(map(_PLUS_ONE, map(len, text.split("\n")[:-1])), initial=0))
    return [0, *(m.end() for m in EOL.finditer(text))]


_PLUS_ONE = (1).__add__


def body_lines(text: str, start: int) -> Lines:
    if "\r" not in text:
        texts = text[start:].split("\n")
        starts = list(accumulate(map(_PLUS_ONE, map(len, texts[:-1])), initial=start))
        return Lines(starts, list(map(add, starts, map(len, texts))), texts)
    return _split_lines(text, start)


def _split_lines(text: str, start: int) -> Lines:
    """:func:`body_lines` for any line endings (CR, LF, CRLF, mixed)."""
    starts, ends, texts = [], [], []
    pos = start
    for found in EOL.finditer(text, start):
        starts.append(pos)
        ends.append(found.start())
        texts.append(text[pos : found.start()])
        pos = found.end()
    starts.append(pos)
    ends.append(len(text))
    texts.append(text[pos:])
    return Lines(starts, ends, texts)


def walk_blocks(tokens: Sequence[Token], walk: Walk) -> None:
    for i, token in enumerate(tokens):
        handler = _BLOCK_HANDLERS.get(token.type)
        if handler is not None:
            handler(tokens, i, walk)


def _open_container(tokens: Sequence[Token], i: int, walk: Walk) -> None:
    walk.containers.append(tokens[i].type)


def _close_container(tokens: Sequence[Token], i: int, walk: Walk) -> None:
    if walk.containers:
        walk.containers.pop()


def _heading(tokens: Sequence[Token], i: int, walk: Walk) -> None:
    inline = tokens[i + 1]
    atx = tokens[i].markup.startswith("#")
    level = int(tokens[i].tag[1])
    walk.section = walk.section[: level - 1]
    before = len(walk.units)
    # an ATX heading's text follows its hashes: no block marker can start there
    _inline_units(inline, walk, "heading", "atx" if atx else "suffix", "atx" if atx else "line")
    # the title as text: URLs and markup never go out as context
    title = " ".join(plain_text(u.text) for u in walk.units[before:])
    walk.section = (*walk.section, title)
    if len(walk.units) == before + 1:
        walk.whole_headings.append(before)


def _paragraph(tokens: Sequence[Token], i: int, walk: Walk) -> None:
    kind = "paragraph"
    if "list_item_open" in walk.containers:
        kind = "list_item"
    elif "blockquote_open" in walk.containers:
        kind = "blockquote"
    _inline_units(tokens[i + 1], walk, kind, "suffix", "line")


def _cell(tokens: Sequence[Token], i: int, walk: Walk) -> None:
    inline = tokens[i + 1]
    if not inline.content or inline.map is None:
        return
    row = inline.map[0]
    column = sum(1 for t in _row_tokens(tokens, i) if t.type in ("th_open", "td_open")) - 1
    cells = cell_spans(walk.lines.texts[row], code_aware=bool(inline.meta.get(LOOSE)))
    if column >= len(cells):
        return
    cell_start, cell_end = cells[column]
    raw = walk.lines.texts[row][cell_start:cell_end]
    # markdown-it drops the backslash of each escaped pipe from a cell's content
    pipes = [n - k - 1 for k, n in enumerate(escaped_pipes(raw))]  # their content offsets
    content = "".join(_without_escapes(raw, pipes))
    if content != inline.content:
        return  # the columns are not where we think: leave the cell as it is
    base = walk.lines.starts[row] + cell_start
    if not pipes:
        _emit(inline, walk, "table_cell", lambda p: base + p, "cell")
        return

    def to_doc(offset: int) -> int:
        # an escaped pipe's backslash goes with it: a boundary before the pipe is before it
        return base + offset + bisect.bisect_left(pipes, offset)

    _emit(inline, walk, "table_cell", to_doc, "cell")


def _without_escapes(cell: str, pipes: list[int]) -> Iterator[str]:
    """``cell`` without the backslashes of the escaped pipes at content offsets ``pipes``."""
    position = 0
    for dropped, content_offset in enumerate(pipes):
        backslash = content_offset + dropped  # where it stands in ``cell``
        yield cell[position:backslash]
        position = backslash + 1
    yield cell[position:]


def _row_tokens(tokens: Sequence[Token], i: int) -> list[Token]:
    start = i
    while start > 0 and tokens[start].type != "tr_open":
        start -= 1
    return list(tokens[start : i + 1])


_BLOCK_HANDLERS: dict[str, Callable[[Sequence[Token], int, Walk], None]] = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "th_open": _cell,
    "td_open": _cell,
    "list_item_open": _open_container,
    "blockquote_open": _open_container,
    "list_item_close": _close_container,
    "blockquote_close": _close_container,
}


def _inline_units(inline: Token, walk: Walk, kind: str, align: str, style: str) -> None:
    if inline.map is None or not inline.content:
        return
    to_doc = _aligner(inline.content, inline.map[0], walk.lines, align)
    if to_doc is None:
        return
    _emit(inline, walk, kind, to_doc, style)


def _emit(inline: Token, walk: Walk, kind: str, to_doc: Callable[[int], int], style: str) -> None:
    children = inline.children or []
    for run in encode_inline(inline.content, children, walk.doc, to_doc, walk.dialect):
        walk.add(run, kind, to_doc, style)
    if "](" in inline.content or "<" in inline.content:  # else no destination to find
        _collect_links(children, 0, inline.content, to_doc, walk)


def _collect_links(
    children: Sequence[Token], offset: int, content: str, to_doc: Callable[[int], int], walk: Walk
) -> None:
    for token in children:
        if token.type == "link_open" and token.markup == "autolink" and "span" in token.meta:
            start = to_doc(token.meta["span"][0] + offset)
            target = walk.doc[start + 1 : to_doc(token.meta["span"][1] + offset) - 1]
            walk.links.append(LinkTarget(start + 1, target))
        if token.type in ("link_close", "image") and "span" in token.meta:
            start, end = token.meta["span"]
            raw = walk.doc[to_doc(start + offset) : to_doc(end + offset)]
            found = DESTINATION.search(raw)
            href = token.attrs.get("src") if token.type == "image" else _href_of(children, token)
            if found and isinstance(href, str) and href:
                walk.links.append(LinkTarget(to_doc(start + offset) + found.start(2), found[2]))
        if token.type == "image" and token.children and "label" in token.meta:
            _collect_links(token.children, offset + token.meta["label"][0], content, to_doc, walk)


def _href_of(children: Sequence[Token], close: Token) -> str | None:
    level = 0
    for token in reversed(children[: list(children).index(close)]):
        if token.type == "link_close":
            level += 1
        elif token.type == "link_open":
            if level == 0:
                href = token.attrs.get("href")
                return href if isinstance(href, str) else None
            level -= 1
    return None


def _aligner(
    content: str, first_line: int, lines: Lines, align: str
) -> Callable[[int], int] | None:
    """Map offsets in an inline block's content to offsets in the document text.

    Each content line is the (left-trimmed) tail of its source line — the container
    prefixes were stripped by the block parser — except the last, whose trailing blanks were
    trimmed too. ATX headings are found after their opening hashes.
    """
    if "\n" not in content:  # most blocks are one line: a shift, no search
        if first_line >= len(lines.texts):
            return None
        at = _line_offset(content, lines.texts[first_line], align, last=True)
        if at is None:
            return None
        row_start = lines.starts[first_line]
        shift = row_start + at - (len(content) - len(content.lstrip()))
        return lambda offset: max(offset + shift, row_start)
    content_starts: list[int] = []
    doc_starts: list[int] = []
    pos = 0
    parts = content.split("\n")
    for n, part in enumerate(parts):
        row = first_line + n
        if row >= len(lines.texts):
            return None
        at = _line_offset(part, lines.texts[row], align, last=n == len(parts) - 1)
        if at is None:
            return None
        content_starts.append(pos + len(part) - len(part.lstrip()))
        doc_starts.append(lines.starts[row] + at)
        pos += len(part) + 1
    row_starts = [lines.starts[first_line + n] for n in range(len(parts))]

    def to_doc(offset: int) -> int:
        n = max(bisect.bisect_right(content_starts, offset) - 1, 0)
        return max(doc_starts[n] + offset - content_starts[n], row_starts[n])

    return to_doc


def _line_offset(part: str, source: str, align: str, *, last: bool) -> int | None:
    """Where a content line's text starts in its source line (None: it is not there)."""
    stripped = part.lstrip()
    if align == "atx":
        opened = _ATX_OPEN.match(source)
        at = source.find(stripped, opened.end() if opened else 0)
    else:
        tail = source.rstrip() if last else source
        at = len(tail) - len(stripped) if tail.endswith(stripped) else -1
    return at if at >= 0 else None


def anchor_headings(walk: Walk) -> None:
    """Mark the headings that local ``#fragment`` links point at (by their generated slug)."""
    fragments = {unquote(link.url[1:]) for link in walk.links if link.url.startswith("#")}
    if not fragments:
        return
    for n in walk.whole_headings:
        unit = walk.units[n]
        title = plain_text(unit.text).strip()
        for slug in (_slug(title), title.replace(" ", "-")):
            if slug in fragments:
                walk.units[n] = replace(unit, anchor=slug)
                break


def _slug(title: str) -> str:
    """The id GitHub, kramdown and Hugo derive from a heading: lower case, punctuation
    dropped, spaces as dashes (letters of every script kept)."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


_DEFINITION = re.compile(r"\[((?:[^\]\\]|\\.)+)\]:[ \t]*(?:<?([^\s>]+)|$)")
"""A definition's first line: its label, and its destination unless that is on the next line."""
_NEXT_LINE_DESTINATION = re.compile(r"[ \t]*<?([^\s>]+)")


def reference_targets(env: Mapping[str, Any], walk: Walk) -> None:
    """Destinations of reference definitions (``[label]: url``), for rewrites.

    The parser records the lines each definition spans (in ``env``, the ones it used and
    the duplicates it ignored); the destination is after the label's ``]:`` on the first
    line, or at the start of the next one. Lines inside containers start after their markers.
    """
    for definition in (*env.get("references", {}).values(), *env.get("duplicate_refs", ())):
        first, end = definition["map"]
        found = _DEFINITION.search(walk.lines.texts[first])
        if found is None:
            continue  # a label spread over lines: left as it is
        if found.group(2) is not None:
            walk.links.append(LinkTarget(walk.lines.starts[first] + found.start(2), found[2]))
        elif first + 1 < end:  # ``[label]:`` then the destination below
            below = walk.lines.texts[first + 1]
            prefix = CONTAINER_PREFIX.match(below).end()  # type: ignore[union-attr]
            destination = _NEXT_LINE_DESTINATION.match(below, prefix)
            if destination is not None:
                start = walk.lines.starts[first + 1] + destination.start(1)
                walk.links.append(LinkTarget(start, destination[1]))
