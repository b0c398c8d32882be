"""What a review page shows: posts, their units aligned with each translation, and why.

Everything here is data: the build (:mod:`i18n.review._build`) fills it in, the renderer
(:mod:`i18n.review._render`) turns it into one HTML file. Inline markup arrives already
rendered by :mod:`i18n.review._markup` (escaped by markdown-it's renderer), so a field typed
``str`` that holds HTML is named ``*_html``; every other string is text the template escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ORIGINS = {
    "catalog": "from the locale catalog (fixed vocabulary)",
    "memory": "machine translation found in the translation memory: a rerun pays nothing",
    "engine": "machine translation not in the local translation memory: a rerun would bill it",
    "reviewed": "post-edited by a person and recorded as reviewed",
    "edited": "differs from what translate would write (catalog, copy or memory): changed by "
    "hand, or stale",
    "unchanged": "no Hangul: copied as it is",
    "missing": "no translation of this unit",
}
"""Where a unit's translation came from → what that means (the page's legend)."""


@dataclass(frozen=True, slots=True)
class ReviewOptions:
    """What one ``review`` run covers (CLI flags over config)."""

    targets: tuple[str, ...]
    """Target languages, one column each."""
    out: Path | None = None
    """``--out DIR``: translations are in ``DIR/<lang>/<sub-path>``."""


@dataclass(frozen=True, slots=True)
class ReviewFinding:
    """A ``check`` finding as the page shows it."""

    check: str
    """The check's id."""
    severity: str
    """``error`` or ``warning``."""
    message: str
    """What is wrong."""
    hint: str
    """How to fix it."""
    line: int
    """Line in the translation."""
    source_line: int
    """Line in the source (0: none)."""


@dataclass(frozen=True, slots=True)
class MissedTerm:
    """A glossary term of the source whose target term the translation lacks."""

    source: str
    """The Korean term."""
    target: str
    """The term the glossary asks for."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One unit's translation into one language."""

    lang: str
    """Target language."""
    html: str
    """The translation, inline markup rendered (empty when missing)."""
    line: int
    """Its line in the translation (0 when missing)."""
    origin: str
    """A key of :data:`ORIGINS` (``""`` in another language's row of a unit only one
    translation has)."""
    findings: tuple[ReviewFinding, ...] = ()
    """Findings on this unit, in line order."""
    missed: tuple[MissedTerm, ...] = ()
    """Glossary terms the translation lacks."""

    @property
    def worst(self) -> str:
        """``error``, ``warning`` or ``""``: the colour of the cell."""
        severities = {f.severity for f in self.findings}
        return "error" if "error" in severities else "warning" if severities else ""


@dataclass(frozen=True, slots=True)
class Row:
    """A source unit and its translations, side by side (or a translation with no source)."""

    anchor: str
    """Element id, unique in the page."""
    kind: str
    """The unit's kind (``heading``, ``paragraph`` …)."""
    line: int
    """Line in the source (0 for a translation-only row)."""
    source_html: str
    """The source unit, inline markup rendered."""
    cells: tuple[Cell, ...]
    """One per target language, in ``--to`` order."""

    @property
    def flagged(self) -> bool:
        """Some cell has a finding or a missed term (what the filter keeps)."""
        return any(cell.findings or cell.missed for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Section:
    """Consecutive units under one H1 › H2 heading path."""

    title: str
    """The path, ``H1 › H2`` (empty before the first heading)."""
    rows: tuple[Row, ...]
    """Its units."""

    @property
    def flagged(self) -> bool:
        """Some row is flagged."""
        return any(row.flagged for row in self.rows)


@dataclass(frozen=True, slots=True)
class LanguageSummary:
    """One translation of a post, in figures."""

    lang: str
    """Target language."""
    target: str
    """The translation's path."""
    engine: str
    """The engine its metadata names (empty when unknown)."""
    exists: bool
    """The translation file is there."""
    machine_units: int
    """Units whose text came from the engine (origin ``memory`` or ``engine``)."""
    billed_characters: int
    """Characters the engine bills for those units' distinct source texts (tags excluded)."""
    rerun_characters: int
    """Characters a rerun would bill now (texts missing from the translation memory)."""
    origins: tuple[tuple[str, int], ...]
    """Units per origin, in :data:`ORIGINS` order, zero counts left out."""
    errors: int
    """Findings of severity error."""
    warnings: int
    """Findings of severity warning."""
    post_findings: tuple[ReviewFinding, ...] = ()
    """Findings that concern no single unit (file, front matter, blocks)."""


@dataclass(frozen=True, slots=True)
class PostReview:
    """One source post and its translations."""

    anchor: str
    """Element id, unique in the page."""
    source: str
    """The source's path, as given."""
    languages: tuple[LanguageSummary, ...]
    """Per target language, in ``--to`` order."""
    sections: tuple[Section, ...]
    """The aligned units, grouped."""

    @property
    def flagged(self) -> int:
        """Findings on this post, all languages."""
        return sum(lang.errors + lang.warnings for lang in self.languages)


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """Everything one review page shows."""

    source_lang: str
    """The source language."""
    targets: tuple[str, ...]
    """Target languages, in column order."""
    posts: tuple[PostReview, ...]
    """The posts, in the order the sources were found."""

    @property
    def units(self) -> int:
        """Rows on the page."""
        return sum(len(s.rows) for post in self.posts for s in post.sections)

    @property
    def errors(self) -> int:
        """Findings of severity error."""
        return sum(lang.errors for post in self.posts for lang in post.languages)

    @property
    def warnings(self) -> int:
        """Findings of severity warning."""
        return sum(lang.warnings for post in self.posts for lang in post.languages)
