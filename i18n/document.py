"""Parse once into units; splice translations back without re-rendering.

A :class:`Document` is the source text plus its units. :meth:`Document.render` copies the
source and replaces only the character ranges of translated units (and of rewritten link
targets), so every other byte — markers, indentation, fences, tables' pipes, line endings,
a BOM — is the source's own. A unit whose translation equals its tagged text keeps its
original bytes, which is why the ``identity`` engine reproduces any input exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markdown_it.token import Token

from . import markdown_text as mdtext
from .errors import InputError, TranslationFailed
from .frontmatter import (
    FrontMatter,
    existing_metadata,
    metadata_block,
    scalar_spans,
    split_front_matter,
    write_scalar,
)
from .inline import (
    EncodedRun,
    Tag,
    TagMismatch,
    decode_tagged,
    encode_inline,
    escape,
    plain_text,
    xml_text,
)
from .markdown import make_parser

_EOL = re.compile(r"\r\n|\r|\n")
_ATX_OPEN = re.compile(r"[ \t]*#{1,6}")
_LETTER = re.compile(r"[^\W\d_]")

DEFAULT_FRONT_MATTER_KEYS = ("title", "description", "excerpt", "summary")


@dataclass(frozen=True, slots=True)
class Unit:
    """One run of translatable text, as engines see it and as the splice replaces it."""

    index: int
    """Position in the document's unit list (the key of a translations mapping)."""
    kind: str
    """``heading``, ``paragraph``, ``list_item``, ``table_cell``, ``blockquote``,
    ``front_matter``."""
    text: str
    """Tagged XML text: what is sent, cached and billed."""
    start: int
    """Offset of the unit's first character in the document text."""
    end: int
    """Offset just past the unit's last character."""
    line: int
    """1-based line of ``start``."""
    section: tuple[str, ...]
    """Heading path above the unit (H1 title, H2 title …)."""
    tags: tuple[Tag, ...] = ()
    """Source Markdown behind tag ids 1…n of ``text``."""
    style: str = "line"
    """How translated text is written: ``line`` (starts a line), ``atx`` (after a heading's
    hashes), ``cell`` (table cell), or a
    front-matter scalar style (``plain``, ``double``, ``single``, ``basic``, ``literal``)."""
    key: str = ""
    """Front-matter key, for ``front_matter`` units."""

    @property
    def context(self) -> str:
        """What the engine gets as context (never billed, never part of the cache key)."""
        return " › ".join(self.section)


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A link or image destination in the source, for per-language rewrites."""

    start: int
    """Offset of the destination's first character."""
    url: str
    """The destination as written."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed source document: its text and its units."""

    path: str
    """Where it came from (for messages and metadata)."""
    text: str
    """The full source text, BOM and line endings as they were."""
    units: tuple[Unit, ...]
    """Translatable units, in document order."""
    front_matter: FrontMatter | None
    """The front matter block, if any."""
    links: tuple[LinkTarget, ...] = ()
    """Every inline link and image destination, in order."""
    eol: str = "\n"
    """The document's first line ending (used for lines we add)."""
    body_start: int = 0
    """Offset where the Markdown body starts (after BOM and front matter)."""

    def render(
        self,
        translations: Mapping[int, str],
        *,
        rewrite_url: Callable[[str], str] | None = None,
        metadata: tuple[str, Mapping[str, str]] | None = None,
    ) -> str:
        """The source with ``translations`` (unit index → tagged text) spliced in.

        ``rewrite_url`` maps link destinations for the target language; ``metadata``
        (language, i18n fields) adds ``lang``/``i18n`` to the front matter.
        Raises :class:`TranslationFailed` when a translation's tags do not match its unit's.
        """
        edits: list[tuple[int, int, str]] = []
        for unit in self.units:
            tagged = translations.get(unit.index)
            if tagged is None or tagged == unit.text:
                continue
            try:
                edits.append((unit.start, unit.end, write_unit(unit, tagged, rewrite_url)))
            except TagMismatch as error:
                raise TranslationFailed(
                    f"translation of unit {unit.index} does not keep its markup ({error})",
                    file=self.path,
                    line=unit.line,
                ) from None
        if rewrite_url is not None:
            edits += self._link_edits(edits, rewrite_url)
        if metadata is not None:
            edits += self._metadata_edits(*metadata)
        return _apply(self.text, edits)

    def _link_edits(
        self, edits: Sequence[tuple[int, int, str]], rewrite_url: Callable[[str], str]
    ) -> list[tuple[int, int, str]]:
        taken = sorted((start, end) for start, end, _ in edits)
        out = []
        for link in self.links:
            new = rewrite_url(link.url)
            if new == link.url:
                continue
            at = bisect.bisect_right(taken, (link.start, len(self.text))) - 1
            if at >= 0 and taken[at][0] <= link.start < taken[at][1]:
                continue  # inside a translated unit: its tags were rewritten already
            out.append((link.start, link.start + len(link.url), new))
        return out

    def _metadata_edits(self, lang: str, info: Mapping[str, str]) -> list[tuple[int, int, str]]:
        fm = self.front_matter
        if fm is None:
            bom = 1 if self.text.startswith("\ufeff") else 0
            block = metadata_block("yaml", lang, info, self.eol)
            return [(bom, bom, f"---{self.eol}{block}---{self.eol}")]
        edits = [(start, end, "") for start, end in existing_metadata(self.text, fm)]
        block = metadata_block(fm.format, lang, info, self.eol)
        if fm.format == "toml":
            return [*edits, (fm.content_start, fm.content_start, block)]
        at = fm.content_end
        if at > fm.content_start and self.text[at - 1] not in "\r\n":
            block = self.eol + block
        return [*edits, (at, at, block)]


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    if not edits:
        return text
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[pos:start])
        out.append(new)
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out)


def write_unit(unit: Unit, tagged: str, rewrite_url: Callable[[str], str] | None = None) -> str:
    """A translated unit as the Markdown (or front-matter scalar) that replaces its span."""
    tagged = tagged.strip()
    if unit.kind == "front_matter":
        if "<" in tagged:
            raise TagMismatch("tags in a front-matter value")
        return write_scalar(xml_text(tagged), unit.style)
    tags = unit.tags
    if rewrite_url is not None:
        tags = tuple(mdtext.rewrite_tag(tag, rewrite_url) for tag in tags)
    cell = unit.style == "cell"
    first = [True]

    def write_text(text: str) -> str:
        out = mdtext.escape(text, cell=cell)
        if first[0]:
            first[0] = False
            if unit.style == "line":
                out = mdtext.escape_line_start(out)
        return out

    written = decode_tagged(tagged, tags, write_text)
    return mdtext.escape_heading_end(written) if unit.kind == "heading" else written


# --- parsing ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Lines:
    """Line geometry of the body: where each normalised line sits in the document text."""

    starts: list[int]
    ends: list[int]
    texts: list[str]


@dataclass(slots=True)
class _Walk:
    """What the block walk accumulates."""

    doc: str
    lines: _Lines
    line_starts: list[int]
    units: list[Unit] = field(default_factory=list)
    links: list[LinkTarget] = field(default_factory=list)
    section: tuple[str, ...] = ()
    containers: list[str] = field(default_factory=list)

    def add(self, run: EncodedRun, kind: str, to_doc: Callable[[int], int], style: str) -> None:
        if not _LETTER.search(_plain(run.text)):
            return
        start, end = to_doc(run.start), to_doc(run.end)
        line = bisect.bisect_right(self.line_starts, start)
        self.units.append(
            Unit(len(self.units), kind, run.text, start, end, line, self.section, run.tags, style)
        )


def _plain(tagged: str) -> str:
    return re.sub(r"<[^>]*>", "", tagged)


def parse_document(
    text: str, path: str = "<string>", front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS
) -> Document:
    """Parse ``text`` once into a :class:`Document`. Raises :class:`InputError` on bad input."""
    bom = 1 if text.startswith("\ufeff") else 0
    fm = split_front_matter(text, bom, path)
    body_start = fm.end if fm is not None else bom
    first_eol = _EOL.search(text)
    walk = _Walk(text, _body_lines(text, body_start), _line_starts(text))
    if fm is not None:
        for span in scalar_spans(text, fm, front_matter_keys):
            line = bisect.bisect_right(walk.line_starts, span.start)
            walk.units.append(
                Unit(
                    len(walk.units),
                    "front_matter",
                    escape(span.value),
                    span.start,
                    span.end,
                    line,
                    (),
                    (),
                    span.style,
                    span.key,
                )
            )
    source = "\n".join(walk.lines.texts).replace("\0", "\ufffd")
    try:
        tokens = make_parser().parse(source, {})
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=path) from None
    _walk_blocks(tokens, walk)
    return Document(
        path,
        text,
        tuple(walk.units),
        fm,
        tuple(walk.links),
        first_eol.group(0) if first_eol else "\n",
        body_start,
    )


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _EOL.finditer(text))]


def _body_lines(text: str, start: int) -> _Lines:
    starts, ends, texts = [], [], []
    pos = start
    for found in _EOL.finditer(text, start):
        starts.append(pos)
        ends.append(found.start())
        texts.append(text[pos : found.start()])
        pos = found.end()
    starts.append(pos)
    ends.append(len(text))
    texts.append(text[pos:])
    return _Lines(starts, ends, texts)


def _walk_blocks(tokens: Sequence[Token], walk: _Walk) -> None:
    for i, token in enumerate(tokens):
        handler = _BLOCK_HANDLERS.get(token.type)
        if handler is not None:
            handler(tokens, i, walk)


def _open_container(tokens: Sequence[Token], i: int, walk: _Walk) -> None:
    walk.containers.append(tokens[i].type)


def _close_container(tokens: Sequence[Token], i: int, walk: _Walk) -> None:
    if walk.containers:
        walk.containers.pop()


def _heading(tokens: Sequence[Token], i: int, walk: _Walk) -> None:
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


def _paragraph(tokens: Sequence[Token], i: int, walk: _Walk) -> None:
    kind = "paragraph"
    if "list_item_open" in walk.containers:
        kind = "list_item"
    elif "blockquote_open" in walk.containers:
        kind = "blockquote"
    _inline_units(tokens[i + 1], walk, kind, "suffix", "line")


def _cell(tokens: Sequence[Token], i: int, walk: _Walk) -> None:
    inline = tokens[i + 1]
    if not inline.content or inline.map is None:
        return
    row = inline.map[0]
    column = sum(1 for t in _row_tokens(tokens, i) if t.type in ("th_open", "td_open")) - 1
    cells = _cell_spans(walk.lines.texts[row])
    if column >= len(cells):
        return
    cell_start, cell_end = cells[column]
    line_text = walk.lines.texts[row]
    if line_text[cell_start:cell_end] != inline.content:
        return  # escaped pipes change the content: leave the cell as it is
    base = walk.lines.starts[row] + cell_start
    _emit(inline, walk, "table_cell", lambda p: base + p, "cell")


def _row_tokens(tokens: Sequence[Token], i: int) -> list[Token]:
    start = i
    while start > 0 and tokens[start].type != "tr_open":
        start -= 1
    return list(tokens[start : i + 1])


_BLOCK_HANDLERS: dict[str, Callable[[Sequence[Token], int, _Walk], None]] = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "th_open": _cell,
    "td_open": _cell,
    "list_item_open": _open_container,
    "blockquote_open": _open_container,
    "list_item_close": _close_container,
    "blockquote_close": _close_container,
}


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """Column spans of a table row, pipes split the way markdown-it splits them."""
    stripped_start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    bounds: list[int] = [stripped_start - 1]
    escaped = False
    for pos in range(stripped_start, end):
        char = line[pos]
        if char == "|" and not escaped:
            bounds.append(pos)
        escaped = char == "\\" and not escaped
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


def _inline_units(inline: Token, walk: _Walk, kind: str, align: str, style: str) -> None:
    if inline.map is None or not inline.content:
        return
    to_doc = _aligner(inline.content, inline.map[0], walk.lines, align)
    if to_doc is None:
        return
    _emit(inline, walk, kind, to_doc, style)


def _emit(inline: Token, walk: _Walk, kind: str, to_doc: Callable[[int], int], style: str) -> None:
    children = inline.children or []
    for run in encode_inline(inline.content, children, walk.doc, to_doc):
        walk.add(run, kind, to_doc, style)
    _collect_links(children, 0, inline.content, to_doc, walk)


def _collect_links(
    children: Sequence[Token], offset: int, content: str, to_doc: Callable[[int], int], walk: _Walk
) -> None:
    for token in children:
        if token.type in ("link_close", "image") and "span" in token.meta:
            start, end = token.meta["span"]
            raw = walk.doc[to_doc(start + offset) : to_doc(end + offset)]
            found = re.search(r"\]\(\s*<?", raw)
            href = token.attrs.get("src") if token.type == "image" else _href_of(children, token)
            if found and isinstance(href, str) and href:
                dest = raw[found.end() :]
                url = re.match(r"[^\s)>]+", dest)
                if url:
                    walk.links.append(
                        LinkTarget(to_doc(start + offset) + found.end(), url.group(0))
                    )
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
    content: str, first_line: int, lines: _Lines, align: str
) -> Callable[[int], int] | None:
    """Map offsets in an inline block's content to offsets in the document text.

    Each content line is the (left-trimmed) tail of its source line — the container
    prefixes were stripped by the block parser — except the last, whose trailing blanks were
    trimmed too. ATX headings are found after their opening hashes.
    """
    content_starts: list[int] = []
    doc_starts: list[int] = []
    pos = 0
    parts = content.split("\n")
    for n, part in enumerate(parts):
        row = first_line + n
        if row >= len(lines.texts):
            return None
        stripped = part.lstrip()
        source = lines.texts[row]
        if align == "atx":
            opened = _ATX_OPEN.match(source)
            at = source.find(stripped, opened.end() if opened else 0)
        else:
            tail = source if n < len(parts) - 1 else source.rstrip()
            at = len(tail) - len(stripped) if tail.endswith(stripped) else -1
        if at < 0:
            return None
        content_starts.append(pos + len(part) - len(stripped))
        doc_starts.append(lines.starts[row] + at)
        pos += len(part) + 1
    row_starts = [lines.starts[first_line + n] for n in range(len(parts))]

    def to_doc(offset: int) -> int:
        n = max(bisect.bisect_right(content_starts, offset) - 1, 0)
        return max(doc_starts[n] + offset - content_starts[n], row_starts[n])

    return to_doc


def decode_bytes(data: bytes, path: str) -> str:
    """Source bytes as text: UTF-8 only (a BOM is kept as U+FEFF); binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("is UTF-16; save it as UTF-8", file=path)
    if b"\0" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not Markdown", file=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            file=path,
            line=line,
        ) from None
