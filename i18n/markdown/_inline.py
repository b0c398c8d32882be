"""Inline Markdown <-> XML-tagged text, the only form engines ever see.

Links become ``<a i="1">label</a>`` (the URL stays home), emphasis ``<em>``/``<strong>``/``<s>``,
images ``<img i="2">alt</img>``, paired inline HTML ``<h i="4">text</h>``, and everything
that must not change (inline code, other HTML, autolinks, math, Liquid, shortcodes, attribute
lists, footnote references, escapes, entities, characters XML 1.0 forbids) a self-closing
``<x i="3"/>``. The Markdown around each tag is kept as the exact source bytes,
so a translation is rebuilt from ids, whatever order the engine returns the tags in
(:mod:`._decode`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from markdown_it.token import Token

from i18n.markdown._delimiters import escaped_run, kramdown_partner, matching_close, matching_open
from i18n.markdown._dialects import KEEP, MARKER
from i18n.markdown._html import (
    block_end_markup,
    html_close,
    line_break_html,
    next_to_attribute_line,
    verbatim_close,
)
from i18n.markdown._parser import LABEL, SPAN, kramdown_delimiters


@dataclass(frozen=True, slots=True)
class Tag:
    """The source Markdown behind one tag id of a unit."""

    name: str
    """XML element name: ``a``, ``em``, ``strong``, ``s``, ``img`` (pairs), ``x`` (placeholder)."""
    open: str
    """Source bytes the opening tag (or the placeholder) stands for, e.g. ``[`` or ``\\`x\\```."""
    close: str = ""
    """Source bytes the closing tag stands for, e.g. ``](https://…)``; empty for placeholders."""


class Piece(NamedTuple):
    """One run of a unit: translatable text between tags, or a tag (a tuple: many are made
    per unit, and tuples are cheap to make)."""

    text: str
    """XML-escaped text (empty for a tag)."""
    start: int
    """Start offset in the inline content."""
    end: int
    """End offset in the inline content."""
    tag: Tag | None = None
    """The tag, for a tag piece."""
    closing: bool = False
    """True for the closing half of a pair."""
    marker: bool = False
    """A block marker at a line's start (``: ``, ``2. ``): left out of a unit it starts."""


class EncodedRun(NamedTuple):
    """A unit's worth of inline content: text between two depth-0 hard breaks (a tuple, like
    :class:`Piece`: one is made per unit while parsing)."""

    text: str
    """Tagged XML text."""
    tags: tuple[Tag, ...]
    """Tag ``i`` of the text is ``tags[i - 1]``."""
    start: int
    """First content offset covered (whitespace trimmed)."""
    end: int
    """End content offset covered (whitespace trimmed)."""


ToDoc = Callable[[int], int]


_NEVER_SENT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]+")
"""Characters XML 1.0 forbids (C0 but TAB/LF/CR, U+FFFE/U+FFFF), and DEL and the C1
controls it only discourages: a DeepL-style XML parser refuses the whole request for one of
them, so they travel as placeholders holding their source bytes."""
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ufffd]")
"""The same, and U+FFFD: the Markdown parser puts one where the source has a NUL."""


def needs_placeholders(text: str) -> bool:
    """True when ``text`` may hold a character that must not reach an engine."""
    return _SUSPECT.search(text) is not None


def encode_plain(text: str) -> tuple[str, tuple[Tag, ...]]:
    """Plain text as a tagged unit: XML-escaped, never-sent characters as placeholders."""
    if _NEVER_SENT.search(text) is None:
        return escape(text), ()
    out: list[str] = []
    tags: list[Tag] = []
    pos = 0
    for found in _NEVER_SENT.finditer(text):
        out.append(escape(text[pos : found.start()]))
        tags.append(Tag("x", found.group(0)))
        out.append(f'<x i="{len(tags)}"/>')
        pos = found.end()
    out.append(escape(text[pos:]))
    return "".join(out), tuple(tags)


def escape(text: str) -> str:
    """XML-escape text for a tagged unit (DeepL's tag handling rejects a bare ``<`` or ``&``)."""
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_PAIRS = {
    "link_open": "a",
    "em_open": "em",
    "strong_open": "strong",
    "s_open": "s",
}
_CLOSES = {"link_close", "em_close", "strong_close", "s_close"}
_DELIMITED = {"em_open", "strong_open", "s_open", "em_close", "strong_close", "s_close"}


def _span(token: Token, offset: int) -> tuple[int, int]:
    start, end = token.meta[SPAN]
    if token.type in _DELIMITED:
        # the delimiter token marks one char of the run; the run is the token's markup
        if token.nesting == 1:
            start = end - len(token.markup)
        else:
            end = start + len(token.markup)
    return start + offset, end + offset


def _flatten(children: Sequence[Token], offset: int = 0) -> Iterator[tuple[Token, int, int]]:
    """Tokens that carry spans, in order, with absolute content offsets; images opened up."""
    for token in children:
        if SPAN not in token.meta or (token.type == "text" and not token.content):
            continue
        start, end = _span(token, offset)
        if token.type == "image" and token.children and LABEL in token.meta:
            label_start, label_end = token.meta[LABEL]
            yield token, start, label_start + offset
            yield from _flatten(token.children, label_start + offset)
            yield Token("image_close", "", -1), label_end + offset, end
        else:
            yield token, start, end


def _is_opaque_link(token: Token, close_raw: str) -> bool:
    # autolinks, and [label] / [label][] references whose label *is* the reference key
    return token.markup == "autolink" or close_raw in ("]", "][]")


class _Encoder:
    """Walks one inline block and cuts it into runs at depth-0 hard breaks."""

    def __init__(self, content: str, doc: str, to_doc: ToDoc, dialect: str = "commonmark") -> None:
        self.content = content
        self.doc = doc
        self.to_doc = to_doc
        self.dialect = dialect
        self.runs: list[list[Piece]] = [[]]
        self._kramdown: dict[tuple[int, int], tuple[int, int]] | None = None
        self.kramdown_closes: dict[int, Tag] = {}
        """Item index of the closing run of a pair only kramdown reads -> the pair's tag."""
        self.html_closes: dict[int, Tag] = {}
        """Item index of a paired inline HTML element's closing tag -> the pair's tag."""

    def raw(self, start: int, end: int) -> str:
        return self.doc[self.to_doc(start) : self.to_doc(end)]

    def kramdown_pairs(self) -> dict[tuple[int, int], tuple[int, int]]:
        """The delimiter runs kramdown pairs up, opening span -> closing span (read once)."""
        if self._kramdown is None:
            self._kramdown = kramdown_delimiters(self.content)
        return self._kramdown

    def kramdown_pair(self, items: list[tuple[Token, int, int]], i: int, end: int) -> int | None:
        """The item of the closing run when the unmatched run at ``i`` (up to ``end``) opens a
        pair kramdown reads and CommonMark does not (see :func:`kramdown_partner`)."""
        return kramdown_partner(items, i, end, self.kramdown_pairs())

    def lone(self, start: int, end: int) -> str:
        """An unmatched delimiter as it must be written: escaped when it stands alone, so new
        neighbours in the translation cannot pair it up; as it was inside a longer run, whose
        length decides what the rest of the run means."""
        raw = self.raw(start, end)
        char = self.content[start]
        before = self.content[start - 1] if start > 0 else ""
        after = self.content[end] if end < len(self.content) else ""
        if before == char or after == char or raw != self.content[start:end]:
            return raw  # part of a longer run: its length decides what the rest means
        if self.dialect == "commonmark" and any(
            start in range(*span) for pair in self.kramdown_pairs().items() for span in pair
        ):
            return raw  # kramdown pairs it: escaped, a Jekyll reader would lose emphasis
        return escaped_run(raw)

    def text(self, start: int, end: int) -> None:
        if end <= start:
            return
        if needs_placeholders(self.content[start:end]):
            self.never_sent(start, end)
            return
        chunk = self.content[start:end].replace("\n", " ")
        self.runs[-1].append(Piece(escape(chunk), start, end))

    def never_sent(self, start: int, end: int) -> None:
        """Text with characters no engine may see: each run of them becomes a placeholder
        holding its source bytes (where the parser put U+FFFD for a NUL, the NUL)."""
        pos = n = start
        while n < end:
            stop = n
            while stop < end and self.blocked(stop):
                stop += 1
            if stop == n:
                n += 1
                continue
            if n > pos:
                chunk = self.content[pos:n].replace("\n", " ")
                self.runs[-1].append(Piece(escape(chunk), pos, n))
            self.runs[-1].append(Piece("", n, stop, Tag("x", self.raw(n, stop))))
            pos = n = stop
        if pos < end:
            chunk = self.content[pos:end].replace("\n", " ")
            self.runs[-1].append(Piece(escape(chunk), pos, end))

    def blocked(self, at: int) -> bool:
        char = self.content[at]
        if char == "\ufffd":
            return self.raw(at, at + 1) == "\0"
        return _NEVER_SENT.match(char) is not None

    def encode(self, children: Sequence[Token]) -> list[list[Piece]]:
        items = list(_flatten(children))
        pos, depth, i = 0, 0, 0
        while i < len(items):
            token, start, end = items[i]
            kind = token.type
            if kind == "text_special" and token.content == token.markup == self.content[start:end]:
                # a backslash before a letter escapes nothing: it is text (and so is the letter)
                i += 1
                continue
            self.text(pos, start)
            if kind in ("link_open", "image") or kind in _PAIRS:
                close = matching_close(items, i)
                if close is None:
                    i, pos = i + 1, end
                    self.runs[-1].append(Piece("", start, end, Tag("x", self.raw(start, end))))
                    continue
                _, close_start, close_end = items[close]
                close_raw = self.raw(close_start, close_end)
                if kind == "link_open" and _is_opaque_link(token, close_raw):
                    self.runs[-1].append(
                        Piece("", start, close_end, Tag("x", self.raw(start, close_end)))
                    )
                    i, pos = close + 1, close_end
                    continue
                name = "img" if kind == "image" else _PAIRS[kind]
                tag = Tag(name, self.raw(start, end), close_raw)
                self.runs[-1].append(Piece("", start, end, tag))
                depth += 1
            elif kind in _CLOSES or kind == "image_close":
                opener = matching_open(self.runs[-1])
                depth -= 1
                if opener is not None:
                    self.runs[-1].append(Piece("", start, end, opener, closing=True))
            elif kind == "html_inline" and i in self.html_closes:
                depth -= 1
                self.runs[-1].append(Piece("", start, end, self.html_closes.pop(i), closing=True))
            elif kind == "html_inline" and (close := verbatim_close(items, i)) is not None:
                # code, keys, sample output: never translated, so one placeholder, text and all
                close_end = items[close][2]
                self.runs[-1].append(
                    Piece("", start, close_end, Tag("x", self.raw(start, close_end)))
                )
                i, pos = close + 1, close_end
                continue
            elif kind == "html_inline" and depth == 0 and line_break_html(token):
                self.runs.append([])  # a <br> is a line break: the units end there, it stays
            elif kind == "html_inline" and (close := html_close(items, i)) is not None:
                # a paired element travels as one, like a link: word order may move it,
                # never split its tags
                _, close_start, close_end = items[close]
                tag = Tag("h", self.raw(start, end), self.raw(close_start, close_end))
                self.html_closes[close] = tag
                self.runs[-1].append(Piece("", start, end, tag))
                depth += 1
            elif kind == "softbreak" and (KEEP in token.meta or next_to_attribute_line(items, i)):
                # a line the renderer reads as a block (or a kramdown attribute list, a
                # shortcode) keeps its own line: a new unit, or (inside a link or emphasis)
                # the line break itself travels as a placeholder
                if depth == 0:
                    self.runs.append([])
                else:
                    self.runs[-1].append(Piece("", start, end, Tag("x", self.raw(start, end))))
            elif kind == "softbreak":
                self.runs[-1].append(Piece(" ", start, end))
            elif kind == "hardbreak" and depth == 0:
                self.runs.append([])
            elif kind in ("placeholder", "html_inline") and MARKER in token.meta:
                tag = Tag("x", self.raw(start, end))
                self.runs[-1].append(Piece("", start, end, tag, marker=True))
            elif kind == "text":  # an emphasis delimiter that matched nothing
                # a run of them travels as one placeholder: an engine cannot split it
                first = i
                while (
                    i + 1 < len(items)
                    and items[i + 1][0].type == "text"
                    and items[i + 1][1] == end
                    and items[i + 1][0].content == token.content
                ):
                    i += 1
                    end = items[i][2]
                if i in self.kramdown_closes:
                    tag = self.kramdown_closes.pop(i)
                    self.runs[-1].append(Piece("", start, end, tag, closing=True))
                    depth -= 1
                elif (
                    self.dialect == "commonmark"
                    and (close := self.kramdown_pair(items, first, end)) is not None
                ):
                    closing = self.kramdown_pairs()[(start, end)]
                    tag = Tag("k", self.raw(start, end), self.raw(*closing))
                    self.kramdown_closes[close] = tag
                    self.runs[-1].append(Piece("", start, end, tag))
                    depth += 1
                else:
                    self.runs[-1].append(Piece("", start, end, Tag("x", self.lone(start, end))))
            else:
                self.runs[-1].append(Piece("", start, end, Tag("x", self.raw(start, end))))
            pos = end
            i += 1
        self.text(pos, len(self.content))
        return self.runs


def _serialise(pieces: list[Piece]) -> EncodedRun | None:
    """Tagged text for one run, or None when it has nothing to say (blank)."""
    while pieces and (pieces[0].marker or (pieces[0].tag is None and not pieces[0].text.strip())):
        pieces = pieces[1:]
    while pieces and (
        (pieces[-1].tag is None and not pieces[-1].text.strip()) or block_end_markup(pieces)
    ):
        pieces = pieces[: -(block_end_markup(pieces) or 1)]
    if not pieces:
        return None
    tags: list[Tag] = []
    out: list[str] = []
    start, end = pieces[0].start, pieces[-1].end
    for n, piece in enumerate(pieces):
        if piece.tag is None:
            text = piece.text
            if n == 0:
                stripped = text.lstrip()
                start += len(text) - len(stripped)
                text = stripped
            if n == len(pieces) - 1:
                stripped = text.rstrip()
                end -= len(text) - len(stripped)
                text = stripped
            out.append(text)
        elif piece.tag.name == "x":
            tags.append(piece.tag)
            out.append(f'<x i="{len(tags)}"/>')
        elif piece.closing:
            out.append(f"</{piece.tag.name}>")
        else:
            tags.append(piece.tag)
            out.append(f'<{piece.tag.name} i="{len(tags)}">')
    return EncodedRun("".join(out), tuple(tags), start, end)


def encode_inline(
    content: str, children: Sequence[Token], doc: str, to_doc: ToDoc, dialect: str = "commonmark"
) -> list[EncodedRun]:
    """Cut an inline block into runs between depth-0 hard breaks and tag each run (read in
    ``dialect``)."""
    plain = all(token.type == "text" and SPAN not in token.meta for token in children)
    if plain and not needs_placeholders(content):
        # plain text (most blocks of a digest): no markup, so one run, nothing to tag
        text = escape(content.replace("\n", " "))
        stripped = text.strip()
        if not stripped:
            return []
        start = len(text) - len(text.lstrip())  # blanks are never escaped: same offsets
        return [EncodedRun(stripped, (), start, len(content) - len(text) + len(text.rstrip()))]
    runs = _Encoder(content, doc, to_doc, dialect).encode(children)
    return [run for run in map(_serialise, runs) if run is not None]
