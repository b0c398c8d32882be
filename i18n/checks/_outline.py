"""One parse of a document into what the checks compare: its blocks and its inline runs.

Source and translation are read the way :func:`i18n.markdown._parser.make_parser` reads them
(through :func:`~i18n.markdown._parser.parser_for`: the same tokens, sooner), so the two
token streams have the same shape whenever the translation kept the structure. An
:class:`Outline` records, in one walk over the tokens, the block skeleton (for alignment),
the inline blocks (*leaves*: headings, paragraphs, table cells) with what must survive a
translation (links, code, math, Liquid …) and their text runs between hard breaks (the units
translate sent), and the container blocks (lists, quotes, tables, code, HTML)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown_it.token import Token

from i18n.checks._nodes import Block, Leaf, Ref, Segment
from i18n.checks._walk import Walk
from i18n.errors import InputError
from i18n.markdown import FrontMatter, parser_for, split_front_matter

_EOL = re.compile(r"\r\n|\r|\n")
_FENCE_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")


@dataclass(frozen=True, slots=True)
class Outline:
    """A parsed document, reduced to what the checks compare."""

    path: str
    """Where it came from."""
    text: str
    """The whole text."""
    line_starts: tuple[int, ...]
    """Offset of each line's first character."""
    front_matter: FrontMatter | None
    """The front matter, when present and readable."""
    front_matter_error: InputError | None
    """Why the front matter could not be read (None when it could, or there is none)."""
    leaves: tuple[Leaf, ...]
    """Inline blocks in document order."""
    blocks: tuple[Block, ...]
    """Container and literal blocks in document order."""
    skeleton: tuple[str, ...]
    """Every block token's type (headings with their level), in order."""
    skeleton_lines: tuple[int, ...]
    """The document line of each skeleton entry."""

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its line ending; ``""`` outside the document."""
        if not 1 <= line <= len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        found = _EOL.search(self.text, start)
        return self.text[start : found.start() if found else len(self.text)]

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def leaf_at(self, line: int) -> int:
        """Index of the first leaf starting at or after ``line`` (``len(leaves)`` if none)."""
        return bisect.bisect_left([leaf.line for leaf in self.leaves], line)

    def blocks_of(self, kind: str) -> list[Block]:
        """The blocks of one kind, in order."""
        return [block for block in self.blocks if block.kind == kind]

    def key_line(self, key: str) -> int:
        """The line of a top-level front-matter key (the fence line when it is absent)."""
        fm = self.front_matter
        if fm is None:
            return 1
        found = re.search(
            rf"^{re.escape(key)}[ \t]*[:=]", self.text[fm.content_start : fm.content_end], re.M
        )
        return self.line_of(fm.content_start + (found.start() if found else -1))


def read_outline(text: str, path: str, *, strict: bool) -> Outline:
    """Parse ``text`` once. Unreadable front matter raises :class:`InputError` when
    ``strict`` (a source); otherwise it is recorded and the body after it still read."""
    bom = 1 if text.startswith("\ufeff") else 0
    error: InputError | None = None
    try:
        fm = split_front_matter(text, bom, path)
        body_start = fm.end if fm is not None else bom
    except InputError as failure:
        if strict:
            raise
        fm, error, body_start = None, failure, _body_after_fence(text, bom)
    line_starts = (0, *(found.end() for found in _EOL.finditer(text)))
    base = bisect.bisect_right(line_starts, body_start)
    try:
        body = text[body_start:]
        tokens = _footnotes_in_written_order(parser_for(body).parse(body, {}))
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=path) from None
    walk = Walk(base)
    walk.run(tokens)
    return Outline(
        path,
        text,
        line_starts,
        fm,
        error,
        tuple(walk.leaves),
        tuple(block for block in walk.blocks if isinstance(block, Block)),
        tuple(walk.skeleton),
        tuple(walk.skeleton_lines),
    )


def _footnotes_in_written_order(tokens: list[Token]) -> list[Token]:
    """The footnote definitions in the order they are written, not the order their first
    references come in: word order moves references, so a translation's tail would differ
    from its source's in order alone."""
    try:
        start = next(n for n, t in enumerate(tokens) if t.type == "footnote_block_open")
    except StopIteration:
        return tokens
    end = next(n for n in range(start, len(tokens)) if tokens[n].type == "footnote_block_close")
    notes: list[list[Token]] = []
    for token in tokens[start + 1 : end]:
        if token.type == "footnote_open" or not notes:
            notes.append([])
        notes[-1].append(token)

    def written_at(note: list[Token]) -> int:
        return next((t.map[0] for t in note if t.map is not None), len(tokens))

    ordered = sorted(notes, key=written_at)
    return [*tokens[: start + 1], *(t for note in ordered for t in note), *tokens[end:]]


def _body_after_fence(text: str, bom: int) -> int:
    """Where the body starts after a front matter block that could not be parsed."""
    opened = _FENCE_OPEN.match(text, bom)
    if not opened:
        return bom
    fence = re.escape(opened.group(1))
    closed = re.compile(rf"^{fence}[ \t]*(?:\r\n|\r|\n|\Z)", re.M).search(text, opened.end())
    return closed.end() if closed else bom


__all__ = ["Block", "Leaf", "Outline", "Ref", "Segment", "read_outline"]
