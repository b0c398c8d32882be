"""Learning reviewed translations from a target a person edited.

A target is *edited* when its body no longer has the ``output_sha256`` it was written with.
Its source version is the current source when ``source_sha256`` still matches, else the
committed version git has with that digest. The machine translation of that version is
rebuilt offline (:mod:`i18n.reviewed._replay`) and checked against ``output_sha256``; then the
two files are aligned unit by unit (:mod:`i18n.reviewed._align`). Every unit whose Markdown
differs is a reviewed translation. Nothing here writes; :func:`record` puts what was learned
into the reviewed catalog, :func:`restamp` rewrites the target as the tool now would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes
from i18n.markdown import (
    Document,
    TagMismatch,
    Unit,
    parse_document,
    rewrite_tag,
    split_front_matter,
)
from i18n.reviewed._align import StructureChange, align, span
from i18n.reviewed._history import committed_version, source_with_digest
from i18n.reviewed._markup import to_reviewed, writes
from i18n.reviewed._replay import Knowledge, Rebuilt, rebuild, render_reviewed
from i18n.translate import (
    OUTPUT_DIGEST_PLACEHOLDER,
    VALUES_DIGEST_PLACEHOLDER,
    read_target,
    sha256_text,
    stamp_digests,
)


@dataclass(frozen=True, slots=True)
class ReviewedUnit:
    """One unit a reviewer rewrote."""

    unit: Unit
    """The source unit."""
    text: str
    """The reviewed translation, in catalog form."""
    machine: str
    """What the tool had written (tagged), for the record."""
    line: int
    """Line of the unit in the reviewed file."""


@dataclass(frozen=True, slots=True)
class Learning:
    """What one edited target teaches."""

    target: Path
    """The edited translation."""
    lang: str
    """Its language."""
    source: Document | None
    """The source version it was made from (None when not found)."""
    units: tuple[ReviewedUnit, ...]
    """Units a reviewer rewrote, in order."""
    changes: tuple[StructureChange, ...]
    """Structure changes (nothing learned from those blocks)."""
    problem: str
    """Why nothing could be learned at all (empty when learning worked)."""
    rebuilt: Rebuilt | None
    """The machine translation the target was made from."""
    metadata: Mapping[str, Any]
    """The target's ``i18n`` metadata."""

    @property
    def complete(self) -> bool:
        """Everything the reviewer changed can be kept: no problem, no structure change."""
        return not self.problem and not self.changes


def study(
    source_path: Path,
    current: Document,
    current_sha256: str,
    target: Path,
    lang: str,
    known: Knowledge,
) -> Learning | None:
    """What ``target`` (a translation of ``source_path`` into ``lang``) teaches; None when it
    was not edited by hand."""
    keys = known.config.front_matter_keys
    state = read_target(target, keys)
    if not state.edited or not state.metadata.get("source_sha256"):
        return None
    meta = state.metadata
    recorded = str(meta.get("source_sha256"))

    def failed(problem: str, source: Document | None = None) -> Learning:
        return Learning(target, lang, source, (), (), problem, None, meta)

    source = current
    if recorded != current_sha256:
        data = source_with_digest(source_path, recorded, known.cache)
        if data is None:
            return failed(
                f"the source changed after this translation was made and reviewed, and the "
                f"version it was made from ({recorded[:12]}…) is neither in the translation "
                "memory nor in git history"
            )
        text = decode_utf8(data, str(source_path))
        source = parse_document(text, str(source_path), keys, known.config.markdown)
    rewrite = known.config.url_rewriter(lang)
    engine = str(meta.get("engine", ""))
    rebuilt, head, body = None, "", ""
    # as written then: with the reviews there were, or before any (ones learned since from
    # this very file would otherwise be taken for what the tool wrote)
    for reviews in (True, False):
        rebuilt = rebuild(source, lang, engine, known, reviews=reviews)
        if rebuilt is None:
            break
        head, body = render_reviewed(
            source, rebuilt.translations, rebuilt.reviewed, rewrite_url=rewrite
        )
        if sha256_text(body) == meta.get("output_sha256"):
            break
        retry = bool(rebuilt.reviewed)  # without reviews it would come out the same
        rebuilt = None
        if not retry:
            break
    if rebuilt is None:  # the file as the tool wrote it may be committed
        written = _committed_output(target, meta, keys)
        rebuilt = _as_written(source, written, rewrite, keys) if written is not None else None
        if written is not None and rebuilt is not None:
            bom = 1 if written.startswith("\ufeff") else 0
            fm = split_front_matter(written, bom, str(target))
            head, body = written[: fm.end if fm else bom], written[fm.end if fm else bom :]
    if rebuilt is None:
        return failed(
            f"what the tool wrote here cannot be rebuilt (engine {meta.get('engine')!r}: its "
            "answers are not in the translation memory, the glossary or catalogs changed "
            "since, and git has no commit of the file as written), so the reviewer's units "
            "cannot be told from the machine's",
            source,
        )
    try:
        text = decode_utf8(read_bytes(target), str(target))
        edited = parse_document(text, str(target), keys, known.config.markdown)
    except InputError as error:
        return failed(f"cannot be read: {error.message}", source)
    machine = parse_document(head + body, str(target), keys, known.config.markdown)
    if [u.kind for u in machine.units] != [u.kind for u in source.units]:
        return failed("the machine translation does not align with its source", source)
    alignment = align(machine, edited)
    units = []
    changes = list(alignment.changes)
    for i, j in alignment.pairs:
        before, after = machine.units[i], edited.units[j]
        if span(machine, before) == span(edited, after):
            continue
        unit = source.units[i]
        written_tags = [rewrite_tag(tag, rewrite) if rewrite else tag for tag in unit.tags]
        try:
            reviewed = to_reviewed(after.text, after.tags, written_tags)
        except TagMismatch as error:
            changes.append(StructureChange(after.line, f"inline markup cannot be read: {error}"))
            continue
        if not writes(unit, reviewed):
            changes.append(StructureChange(after.line, "inline markup is not well nested"))
            continue
        machine_text = rebuilt.reviewed.get(i) or rebuilt.translations.get(i, unit.text)
        units.append(ReviewedUnit(unit, reviewed, machine_text, after.line))
    changes.sort(key=lambda change: change.line)
    return Learning(target, lang, source, tuple(units), tuple(changes), "", rebuilt, meta)


def _committed_output(target: Path, meta: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    """The committed version of ``target`` whose body is the one recorded as written."""
    expected = meta.get("output_sha256")

    def as_written(data: bytes) -> bool:
        try:
            text = decode_utf8(data, str(target))
            bom = 1 if text.startswith("\ufeff") else 0
            fm = split_front_matter(text, bom, str(target))
        except InputError:
            return False
        return sha256_text(text[fm.end if fm is not None else bom :]) == expected

    data = committed_version(target, as_written) if isinstance(expected, str) else None
    return decode_utf8(data, str(target)) if data is not None else None


def _as_written(
    source: Document, written: str, rewrite: Callable[[str], str] | None, keys: Sequence[str]
) -> Rebuilt | None:
    """What the tool wrote, read back from the file it wrote: every translated unit in the
    catalog's form (None when the file does not align with the source)."""
    doc = parse_document(written, source.path, keys, source.dialect)
    if [u.kind for u in doc.units] != [u.kind for u in source.units]:
        return None
    forms: dict[int, str] = {}
    for unit, translated in zip(source.units, doc.units, strict=True):
        if translated.text == unit.text:
            continue
        tags = [rewrite_tag(tag, rewrite) if rewrite else tag for tag in unit.tags]
        try:
            forms[unit.index] = to_reviewed(translated.text, translated.tags, tags)
        except TagMismatch:
            return None
    return Rebuilt({}, forms)


def record(learning: Learning, known: Knowledge, post: str) -> int:
    """Put what ``learning`` found into the reviewed catalog; the number of new entries."""
    catalog = known.reviewed[learning.lang]
    return sum(
        catalog.learn(reviewed.unit, reviewed.text, reviewed.machine, post)
        for reviewed in learning.units
    )


def restamp(learning: Learning, known: Knowledge) -> str | None:
    """The target as the tool writes it now that its reviews are learned (the reviewed units
    from the catalog, the rest as the machine wrote them), or None when it cannot be."""
    if not learning.complete or learning.source is None or learning.rebuilt is None:
        return None
    reviewed = dict(learning.rebuilt.reviewed)
    reviewed.update({r.unit.index: r.text for r in learning.units})
    translations = {
        index: text
        for index, text in learning.rebuilt.translations.items()
        if index not in reviewed
    }
    info = {str(key): str(value) for key, value in learning.metadata.items()}
    info["output_sha256"] = OUTPUT_DIGEST_PLACEHOLDER
    if "front_matter_sha256" in info:
        info["front_matter_sha256"] = VALUES_DIGEST_PLACEHOLDER
    head, body = render_reviewed(
        learning.source,
        translations,
        reviewed,
        rewrite_url=known.config.url_rewriter(learning.lang),
        metadata=(learning.lang, info),
    )
    keys = known.config.front_matter_keys
    return stamp_digests(head, body, keys, str(learning.target)) + body
