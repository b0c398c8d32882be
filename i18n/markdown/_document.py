"""Parse once into units; splice translations back without re-rendering.

A :class:`Document` is the source text plus its units. :meth:`Document.render` copies the
source and replaces only the character ranges of translated units (and of rewritten link
targets), so every other byte — markers, indentation, fences, tables' pipes, line endings,
a BOM — is the source's own. A unit whose translation equals its tagged text keeps its
original bytes, which is why the ``identity`` engine reproduces any input exactly.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import i18n.markdown._text as mdtext
from i18n.errors import InputError, TranslationFailed
from i18n.markdown._blocks import (
    EOL,
    Walk,
    anchor_headings,
    body_lines,
    line_starts,
    reference_targets,
    walk_blocks,
)
from i18n.markdown._decode import Roles, TagMismatch, decode_tagged
from i18n.markdown._frontmatter import (
    FrontMatter,
    existing_metadata,
    metadata_block,
    scalar_spans,
    split_front_matter,
    write_scalar,
)
from i18n.markdown._inline import Tag, encode_plain
from i18n.markdown._math import with_math_runs_escaped
from i18n.markdown._model import LinkTarget, Unit
from i18n.markdown._parser import parser_for
from i18n.markdown._rereads import reread, split_run
from i18n.markdown._spacing import (
    EMPHASIS,
    commonmark_flanked,
    lone_run_blanks,
    side_by_side,
    space_out,
)

DEFAULT_FRONT_MATTER_KEYS = ("title", "description", "excerpt", "summary")


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
    dialect: str = "commonmark"
    """The dialect it was read in (``kramdown``, ``goldmark``, ``commonmark``)."""

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
        head, body = self.render_parts(translations, rewrite_url=rewrite_url, metadata=metadata)
        return head + body

    def render_parts(
        self,
        translations: Mapping[int, str],
        *,
        rewrite_url: Callable[[str], str] | None = None,
        metadata: tuple[str, Mapping[str, str]] | None = None,
    ) -> tuple[str, str]:
        """:meth:`render`, cut where the body starts: (BOM and front matter, body)."""
        edits: list[tuple[int, int, str]] = []
        for unit in self.units:
            tagged = translations.get(unit.index)
            if tagged is None or tagged == unit.text:
                continue
            try:
                written = write_unit(unit, tagged, rewrite_url, self.dialect)
                edits.append((unit.start, unit.end, written))
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
        return _apply(self.text, edits, self.body_start)

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


def _apply(text: str, edits: list[tuple[int, int, str]], cut: int) -> tuple[str, str]:
    """Apply edits; return the result split at source offset ``cut`` (an insertion at
    ``cut`` belongs before it)."""
    head: list[str] = []
    body: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if pos < cut <= start and not (start == end == cut):
            head.append(text[pos:cut])
            pos = cut
        (head if end <= cut and (start < cut or start == end) else body).append(
            text[pos:start] + new
        )
        pos = max(pos, end)
    if pos < cut:
        head.append(text[pos:cut])
        pos = cut
    body.append(text[pos:])
    return "".join(head), "".join(body)


def fits(unit: Unit, tagged: str) -> bool:
    """True when ``tagged`` carries exactly the unit's tags, properly nested."""
    try:
        decode_tagged(tagged, unit.tags, None)
    except TagMismatch:
        return False
    return True


def write_unit(
    unit: Unit,
    tagged: str,
    rewrite_url: Callable[[str], str] | None = None,
    dialect: str = "commonmark",
) -> str:
    """A translated unit as the Markdown (or front-matter scalar) that replaces its span, with
    the spaces its inline elements need to read in ``dialect`` as they did in the source."""
    tagged = tagged.strip()
    if unit.kind == "front_matter":
        return write_scalar(decode_tagged(tagged, unit.tags, _as_is), unit.style)
    tags = unit.tags
    if rewrite_url is not None:
        tags = tuple(mdtext.rewrite_tag(tag, rewrite_url) for tag in tags)
    if dialect in _READINGS and tags:
        tags = _math_runs_kept_text(unit, tagged, tags, dialect)
    written = _splice(unit, tagged, tags, dialect)
    if any(tag.name == "k" or split_run(tag) for tag in tags):
        written = reread(unit, tagged, tags, dialect, written, partial(_splice, unit))
    written = mdtext.kept_off_fences(unit, written, tags, dialect)
    written = mdtext.keep_html_inline(unit, written, tags, dialect)
    if unit.kind != "heading":
        return written
    written = mdtext.escape_heading_end(written)
    if not unit.anchor:
        return written
    if dialect != "goldmark" and not _KRAMDOWN_ID.fullmatch(unit.anchor):
        # kramdown takes an id only when it is an XML name (``1단계-준비`` is not): HTML does
        return f'{written} <a id="{html.escape(unit.anchor)}"></a>'
    return f"{written} {{#{unit.anchor}}}"


_READINGS = {"kramdown": ("kramdown", "commonmark"), "commonmark": ("commonmark", "kramdown")}
"""Per dialect whose renderers read ``$`` as text: its own reading, then the other one's.
Not Goldmark: a Hugo site may pass ``$…$`` through to MathJax, where ``\\_`` is another
formula."""


def _math_runs_kept_text(
    unit: Unit, tagged: str, tags: tuple[Tag, ...], dialect: str
) -> tuple[Tag, ...]:
    """``tags``, with the delimiters inside math that the source reads as text escaped where
    the translation would pair them (see :mod:`i18n.markdown._math`)."""
    escaped = with_math_runs_escaped(
        tagged,
        unit.text,
        tags,
        _READINGS[dialect],
        lambda text, chosen, seen: _splice(unit, text, chosen, dialect, seen),
        lambda text, chosen, seen: decode_tagged(text, chosen, mdtext.escape, seen),
    )
    return tags if escaped is None else escaped


def _splice(
    unit: Unit,
    tagged: str,
    tags: Sequence[Tag],
    dialect: str,
    seen: Callable[[list[str], Roles], None] | None = None,
    blanks: Mapping[int, tuple[bool, bool]] | None = None,
    apart_from_words: frozenset[int] = frozenset(),
) -> str:
    """``seen`` is shown the final pieces and their roles; ``blanks`` replaces the blanks
    kept beside delimiter runs (:func:`lone_run_blanks`); ``apart_from_words``: see
    :func:`space_out`."""
    first = [True]

    def write_text(text: str) -> str:
        out = mdtext.escape(text)
        if first[0]:
            first[0] = False
            if unit.style == "line":
                out = mdtext.escape_line_start(out)
        return out

    def finish(out: list[str], roles: Roles) -> None:
        # what the spacing needs is read from the source here, where there are tags to space
        # (a plain text, most units, is written without this call)
        space_out(
            out,
            roles,
            commonmark_flanking=dialect != "kramdown",
            blanks=lone_run_blanks(unit, tags) if blanks is None else blanks,
            adjacent=side_by_side(unit, tags),
            flanked=_commonmark_flanked(unit, tags) if dialect == "kramdown" else frozenset(),
            apart_from_words=apart_from_words,
        )
        if seen is not None:
            seen(out, roles)

    return decode_tagged(tagged, tags, write_text, finish)


def _commonmark_flanked(unit: Unit, tags: Sequence[Tag]) -> frozenset[int]:
    """The unit's emphasis pairs that flank as CommonMark asks in the source (issue 12: a
    Jekyll post renders like its source in Goldmark too where the source renders alike)."""
    if not any(tag.name in EMPHASIS for tag in tags):
        return frozenset()
    found: list[frozenset[int]] = []
    decode_tagged(
        unit.text,
        tags,
        mdtext.escape,
        lambda out, roles: found.append(commonmark_flanked(out, roles)),
    )
    return found[0]


_KRAMDOWN_ID = re.compile(r"[^\W\d][\w.:-]*")
"""An id kramdown accepts in ``{#id}``: an XML name (a letter or ``_`` first)."""


_BLANKS = re.compile(r"[ \t\r\n]+")
"""Blanks a front-matter value is folded on (a control character is kept, not folded)."""


def _as_is(text: str) -> str:
    return text


def parse_document(
    text: str,
    path: str = "<string>",
    front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS,
    dialect: str = "commonmark",
) -> Document:
    """Parse ``text`` once, in ``dialect`` (``kramdown``, ``goldmark``, ``commonmark``), into a
    :class:`Document`. Raises :class:`InputError` on bad input."""
    bom = 1 if text.startswith("\ufeff") else 0
    fm = split_front_matter(text, bom, path)
    body_start = fm.end if fm is not None else bom
    first_eol = EOL.search(text)
    walk = Walk(text, body_lines(text, body_start), line_starts(text), dialect=dialect)
    if fm is not None:
        for span in scalar_spans(text, fm, front_matter_keys):
            line = bisect.bisect_right(walk.line_starts, span.start)
            tagged, tags = encode_plain(_BLANKS.sub(" ", span.value).strip(" "))
            walk.units.append(
                Unit(
                    len(walk.units),
                    "front_matter",
                    tagged,
                    span.start,
                    span.end,
                    line,
                    (),
                    tags,
                    span.style,
                    span.key,
                )
            )
    source = "\n".join(walk.lines.texts).replace("\0", "\ufffd")
    try:
        env: dict[str, Any] = {}
        tokens = parser_for(source, dialect).parse(source, env)
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=path) from None
    walk_blocks(tokens, walk)
    anchor_headings(walk)
    reference_targets(env, walk)
    return Document(
        path,
        text,
        tuple(walk.units),
        fm,
        tuple(walk.links),
        first_eol.group(0) if first_eol else "\n",
        body_start,
        dialect,
    )
