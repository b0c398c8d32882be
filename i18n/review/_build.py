"""Build a :class:`~i18n.review._model.ReviewPage` from sources, translations and checks.

Each source is parsed once with the translate parser (its units) and once by ``check``; each
translation likewise. Source and translation units are aligned by kind (the splice keeps the
structure, so they usually pair one to one); findings land on the unit whose lines hold
them; the origin of each translation comes from planning the unit again
(:mod:`i18n.review._origin`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from i18n.checks import INFOS, Finding, SourceText, check_target, read_source_text
from i18n.config import Config
from i18n.engines import LanguagePair
from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes
from i18n.glossary import Glossary, TermMatch, load_glossary
from i18n.locales import EMPTY_CATALOGS, Catalogs, load_catalogs
from i18n.markdown import Document, Unit, parse_document, parser_for, plain_text, write_unit
from i18n.review._align import Pair, align_units, place_findings
from i18n.review._markup import unit_html
from i18n.review._model import (
    ORIGINS,
    Cell,
    LanguageSummary,
    PostReview,
    ReviewFinding,
    ReviewOptions,
    ReviewPage,
    Row,
    Section,
)
from i18n.review._origin import (
    Ask,
    RewriteUrl,
    Written,
    engine_cache_id,
    memory_entries,
    origin_of,
    plan_units,
)
from i18n.review._terms import TermMarker
from i18n.translate import (
    Layout,
    TranslationCache,
    collect_sources,
    fewer_collections,
    plan_targets,
)

_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every post of one page is reviewed against."""

    config: Config
    """The project's settings."""
    options: ReviewOptions
    """Languages and the translations' directory."""
    glossary: Glossary
    """Terms ``check`` enforces and the page marks."""
    catalogs: Catalogs
    """Fixed vocabulary (a unit's first possible origin)."""
    cache: TranslationCache | None
    """The translation memory, when there is one (never created here)."""
    terms: TermMarker
    """The glossary, as the page marks it."""
    checks: frozenset[str]
    """Every check id: the page shows all findings."""


@dataclass(frozen=True, slots=True)
class _Translation:
    """One translation of a post, read and aligned."""

    lang: str
    """Its language."""
    target: Path
    """Its path."""
    doc: Document | None
    """The translation parsed (None: missing or unreadable)."""
    env: dict[str, Any]
    """Its parser environment (link reference definitions)."""
    pairs: tuple[Pair, ...]
    """Source unit index ↔ its unit index (None: no partner)."""
    findings: tuple[Finding, ...]
    """What ``check`` reports for it."""
    engine: str
    """The engine its metadata names (``""``: unknown)."""


def build_review(paths: Sequence[Path], options: ReviewOptions, config: Config) -> ReviewPage:
    """Review every source under ``paths`` against its translations into ``options.targets``
    (found where ``translate`` writes them). Bad sources raise :class:`InputError`."""
    with fewer_collections():
        layout = Layout(options.out, config.output, config.root)
        outs = [options.out] if options.out is not None else []
        sources = collect_sources(paths, options.targets, outs)
        planned = plan_targets(sources, options.targets, layout)
        cache_dir = config.resolved_cache_dir()
        cache = TranslationCache(cache_dir) if cache_dir.is_dir() else None  # never create one
        glossary = load_glossary(config.resolved_glossary_dir())
        shared = _Shared(
            config,
            options,
            glossary,
            load_catalogs(config.resolved_locales_dir(), config.source),
            cache,
            TermMarker(glossary, options.targets),
            frozenset(INFOS),
        )
        try:
            posts = tuple(
                _post(shared, source.path, planned, number)
                for number, source in enumerate(sources, 1)
            )
        finally:
            if cache is not None:
                cache.close()
    return ReviewPage(config.source, options.targets, posts)


def _references(doc: Document) -> dict[str, Any]:
    """The parser's environment for the document (its link reference definitions)."""
    env: dict[str, Any] = {}
    if _REFERENCE.search(doc.text, doc.body_start):
        body = doc.text[doc.body_start :]
        parser_for(body).parse(body, env)
    return env


def _post(
    shared: _Shared, source: Path, planned: dict[tuple[Path, str], Path], number: int
) -> PostReview:
    config = shared.config
    text = decode_utf8(read_bytes(source), str(source))
    doc = parse_document(text, str(source), config.front_matter_keys, config.markdown)
    checked = read_source_text(source, config.markdown)
    translations = [
        _translation(shared, doc, checked, lang, planned[(source, lang)])
        for lang in shared.options.targets
    ]
    columns = [_column(shared, t, doc) for t in translations]
    anchor = f"p{number}"
    rows = _rows(shared, anchor, doc, columns)
    summaries = tuple(_summary(column) for column in columns)
    return PostReview(anchor, str(source), summaries, _sections(rows))


def _translation(
    shared: _Shared, source: Document, checked: SourceText, lang: str, target: Path
) -> _Translation:
    config = shared.config
    findings = tuple(
        check_target(checked, target, config, lang, shared.checks, shared.glossary, shared.catalogs)
    )
    try:
        text = decode_utf8(read_bytes(target), str(target))
        doc = parse_document(text, str(target), config.front_matter_keys, config.markdown)
    except InputError:  # missing or unreadable: check reported why
        return _Translation(lang, target, None, {}, (), findings, "")
    pairs = align_units(source.units, doc.units)
    return _Translation(lang, target, doc, _references(doc), pairs, findings, _engine(doc))


def _engine(doc: Document) -> str:
    """The engine the translation's ``i18n`` metadata names (``""`` when there is none)."""
    meta = doc.front_matter.data.get("i18n") if doc.front_matter is not None else None
    engine = meta.get("engine") if isinstance(meta, dict) else None
    return engine if isinstance(engine, str) else ""


def _machine(ask: Ask, origin: str) -> bool:
    """The unit's text is (or was, before an edit) an engine's: billed at some point."""
    return origin in ("memory", "engine") or (origin == "edited" and ask.answer == "machine")


@dataclass(frozen=True, slots=True)
class _Column:
    """One translation while rows are built: partners, findings, the re-plan."""

    translation: _Translation
    """The translation."""
    partner: dict[int, int]
    """Source unit index → its unit index."""
    extras: dict[int, list[int]]
    """Source unit index (-1: the start) → units only the translation has, after it."""
    placed: dict[Pair, list[ReviewFinding]]
    """Findings by aligned pair."""
    loose: list[ReviewFinding]
    """Findings no unit holds."""
    asks: list[Ask]
    """The re-plan of each source unit."""
    memory: dict[str, str]
    """The memory's entries for the re-plan's keys."""
    rewrite_url: RewriteUrl
    """The language's link rewrite."""
    origins: list[str]
    """Each source unit's origin, filled in as rows are built."""


def _column(shared: _Shared, translation: _Translation, source: Document) -> _Column:
    partner: dict[int, int] = {}
    extras: dict[int, list[int]] = {}
    previous = -1
    for s, t in translation.pairs:
        if s is not None:
            previous = s
            if t is not None:
                partner[s] = t
        elif t is not None:
            extras.setdefault(previous, []).append(t)
    placed, loose = place_findings(translation.findings, translation.pairs, source, translation.doc)
    config = shared.config
    pair = LanguagePair(config.source, translation.lang)
    # identity is the fidelity probe: translate gives it no catalog either
    catalogs = EMPTY_CATALOGS if translation.engine == "identity" else shared.catalogs
    engine_id = engine_cache_id(translation.engine, config, pair)
    asks = plan_units(
        source.units, translation.lang, config.source, catalogs, shared.glossary, engine_id
    )
    memory = memory_entries(shared.cache, asks)
    rewrite = config.url_rewriter(translation.lang)
    return _Column(translation, partner, extras, placed, loose, asks, memory, rewrite, [])


def _section_title(unit: Unit) -> str:
    if unit.kind == "front_matter":
        return "front matter"
    path = unit.section
    if unit.kind == "heading" and len(path) < 2:
        path = (*path, plain_text(unit.text))
    return " › ".join(path[:2])


def _rows(
    shared: _Shared, anchor: str, doc: Document, columns: Sequence[_Column]
) -> list[tuple[str, Row]]:
    env = _references(doc)
    marker = shared.terms
    rows: list[tuple[str, Row]] = []
    title = ""
    for column in columns:  # target-only units before the first source unit
        for j in column.extras.get(-1, ()):
            rows.append((title, _extra_row(shared, anchor, len(rows), columns, column, j)))
    for unit in doc.units:
        title = _section_title(unit)
        matches = marker.matches(unit.text)
        cells = []
        missed_anywhere: set[str] = set()
        for column in columns:
            cell = _cell(shared, unit, column, matches)
            missed_anywhere.update(m.source for m in cell.missed)
            cells.append(cell)
        source_html = unit_html(unit, env, marker.source_finder(missed_anywhere))
        row = Row(f"{anchor}u{len(rows)}", unit.kind, unit.line, source_html, tuple(cells))
        rows.append((title, row))
        for column in columns:
            for j in column.extras.get(unit.index, ()):
                rows.append((title, _extra_row(shared, anchor, len(rows), columns, column, j)))
    return rows


def _cell(shared: _Shared, unit: Unit, column: _Column, matches: Sequence[TermMatch]) -> Cell:
    translation = column.translation
    lang = translation.lang
    j = column.partner.get(unit.index)
    findings = tuple(column.placed.get((unit.index, j), ()))
    if translation.doc is None or j is None:
        column.origins.append("missing")
        return Cell(lang, "", 0, "missing", findings)
    target = translation.doc.units[j]
    written = Written(
        target.text,
        translation.doc.text[target.start : target.end],
        write_unit(replace(target, anchor=""), target.text),
    )
    ask = column.asks[unit.index]
    origin = origin_of(unit, lang, written, ask, column.memory, column.rewrite_url)
    column.origins.append(origin)
    marker = shared.terms
    html = unit_html(target, translation.env, marker.target_finder(matches, lang))
    missed = marker.missed(matches, target.text, lang)
    return Cell(lang, html, target.line, origin, findings, missed)


def _extra_row(
    shared: _Shared, anchor: str, number: int, columns: Sequence[_Column], owner: _Column, j: int
) -> Row:
    """A translation unit no source unit pairs with: shown in its language's column only."""
    cells = []
    for column in columns:
        translation = column.translation
        if column is not owner or translation.doc is None:
            cells.append(Cell(translation.lang, "", 0, ""))  # nothing to pair with here
            continue
        target = translation.doc.units[j]
        html = unit_html(target, translation.env)
        findings = tuple(column.placed.get((None, j), ()))
        cells.append(Cell(translation.lang, html, target.line, "edited", findings))
    return Row(f"{anchor}u{number}", "extra", 0, "", tuple(cells))


def _summary(column: _Column) -> LanguageSummary:
    translation, asks = column.translation, column.asks
    machine = [a for a, origin in zip(asks, column.origins, strict=True) if _machine(a, origin)]
    rerun = [ask for ask, origin in zip(asks, column.origins, strict=True) if origin == "engine"]
    counts = {origin: column.origins.count(origin) for origin in ORIGINS}
    severities = [f.severity for f in translation.findings]
    return LanguageSummary(
        translation.lang,
        str(translation.target),
        translation.engine,
        translation.doc is not None,
        len(machine),
        sum(ask.characters for ask in {a.text: a for a in machine}.values()),
        sum(ask.characters for ask in {a.text: a for a in rerun}.values()),
        tuple((origin, n) for origin, n in counts.items() if n),
        severities.count("error"),
        severities.count("warning"),
        tuple(column.loose),
    )


def _sections(rows: Sequence[tuple[str, Row]]) -> tuple[Section, ...]:
    groups: list[tuple[str, list[Row]]] = []
    for title, row in rows:
        if groups and groups[-1][0] == title:
            groups[-1][1].append(row)
        else:
            groups.append((title, [row]))
    return tuple(Section(title, tuple(group)) for title, group in groups)
