"""What ``check`` knows about reviews in one translation: which of its units are reviewed, which
reviewed units need review again because their source changed, and what an edited file would
teach (``check`` learns on its way, but writes nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from i18n.markdown import parse_document
from i18n.reviewed._align import StructureChange
from i18n.reviewed._catalog import unit_context
from i18n.reviewed._learn import study
from i18n.reviewed._replay import Knowledge
from i18n.translate import read_target


@dataclass(frozen=True, slots=True)
class NeedsReview:
    """A reviewed unit whose source changed."""

    source_line: int
    """Line of the unit in the source (where it was, for a unit that is gone)."""
    reviewed: str
    """The earlier review (catalog form)."""
    gone: bool
    """The unit's old source is gone and the translation not yet redone (else the new source
    has the old review waiting as a fuzzy entry)."""


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """Reviews in one translation, for ``check``."""

    reviewed_source_lines: frozenset[int]
    """Source lines of units the translation has a reviewed translation for."""
    needs_review: tuple[NeedsReview, ...]
    """Reviewed units whose source changed."""
    unlearned: tuple[int, ...]
    """Lines of the translation a person edited that are not learned yet."""
    changes: tuple[StructureChange, ...]
    """Structure changes a person made."""
    problem: str
    """Why an edited translation's reviews cannot be told apart (empty otherwise)."""


def review_status(
    source_path: Path,
    source_text: str,
    source_sha256: str,
    target: Path,
    lang: str,
    known: Knowledge,
    post: str,
) -> ReviewStatus:
    """The review status of ``target``; reads the catalogs and git, writes nothing."""
    catalog = known.reviewed[lang]
    keys = known.config.front_matter_keys
    if catalog.empty and not read_target(target, keys).edited:
        return ReviewStatus(frozenset(), (), (), (), "")  # nothing to know: no parse
    doc = known.parsed.get(source_sha256)
    if doc is None:  # parsed once for all its languages
        known.parsed.clear()
        doc = known.parsed[source_sha256] = parse_document(source_text, str(source_path), keys)
    reviewed_lines = set()
    needs: list[NeedsReview] = []
    live = set()
    for unit in doc.units:
        live.add((unit.text, unit_context(unit)))
        if catalog.lookup(unit) is not None:
            reviewed_lines.add(unit.line)
        offered = catalog.needs_review(unit)
        if offered is not None:
            needs.append(NeedsReview(unit.line, offered, gone=False))
    for entry in catalog.entries():
        if (entry.source, entry.context) in live:
            continue
        for post_name, line in entry.locations:
            if post_name == post:
                needs.append(NeedsReview(line, entry.text, gone=True))
    learning = study(source_path, doc, source_sha256, target, lang, known)
    unlearned: tuple[int, ...] = ()
    changes: tuple[StructureChange, ...] = ()
    problem = ""
    if learning is not None:
        unlearned = tuple(
            unit.line for unit in learning.units if catalog.lookup(unit.unit) != unit.text
        )
        changes, problem = learning.changes, learning.problem
    return ReviewStatus(frozenset(reviewed_lines), tuple(needs), unlearned, changes, problem)
