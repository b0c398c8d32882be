"""The document model: units (what is translated) and link targets (what is rewritten)."""

from __future__ import annotations

from dataclasses import dataclass

from i18n.markdown._inline import Tag


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
    anchor: str = ""
    """For a heading that a local ``#fragment`` link points at: that fragment, written as an
    explicit ``{#id}`` when the heading is translated so the link keeps working."""

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
