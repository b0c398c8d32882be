"""``check``: is every translation complete, current and shaped like its source?

The library entry points are :func:`check` (one source, one translation) and
:func:`check_paths` (everything under some paths, translations found by the same output rule
as ``translate``). Each source and each translation is parsed once; the checks in
:mod:`i18n.checks._registry` compare them and return findings. Nothing here prints; problems in
the translations are findings, problems with the sources or the flags are exceptions
(:class:`~i18n.errors.InputError`, :class:`~i18n.errors.UsageError`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from i18n.checks._model import CheckContext, Finding, Report, make_pair, quoted_line
from i18n.checks._outline import Outline, read_outline
from i18n.checks._registry import FUNCTIONS, INFOS, MISSING, select_checks
from i18n.checks._reviewed import REVIEWER_OWNS
from i18n.config import Config
from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes
from i18n.glossary import Glossary, load_glossary
from i18n.locales import EMPTY_CATALOGS, Catalogs
from i18n.reviewed import Knowledge, ReviewStatus, knowledge, post_name, review_status
from i18n.translate import Layout, collect_sources, fewer_collections, plan_targets

__all__ = ["INFOS", "Finding", "Report", "SourceText", "check", "check_paths", "read_source_text"]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source, read and parsed once, with the digest translate records."""

    outline: Outline
    """The parsed source."""
    sha256: str
    """sha256 of the source file's bytes."""


def read_source_text(path: Path, dialect: str = "commonmark") -> SourceText:
    """Read and parse a source in ``dialect``; unreadable input raises :class:`InputError`."""
    data = read_bytes(path)
    text = decode_utf8(data, str(path))
    outline = read_outline(text, str(path), strict=True, dialect=dialect)
    return SourceText(outline, hashlib.sha256(data).hexdigest())


def check(
    source: Path,
    target: Path,
    config: Config,
    lang: str,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    glossary: Glossary | None = None,
) -> list[Finding]:
    """Findings of the enabled checks for one translation ``target`` of ``source``."""
    enabled = select_checks(select, ignore)
    if glossary is None:
        glossary = load_glossary(config.resolved_glossary_dir())
    with knowledge(config) as known:
        return check_target(
            read_source_text(source, config.markdown),
            target,
            config,
            lang,
            enabled,
            glossary,
            known.catalogs,
            known,
        )


def check_target(
    source: SourceText,
    target: Path,
    config: Config,
    lang: str,
    enabled: frozenset[str],
    glossary: Glossary,
    catalogs: Catalogs = EMPTY_CATALOGS,
    known: Knowledge | None = None,
) -> list[Finding]:
    """Findings for one translation of an already parsed source (with ``known``, reviews
    too: reviewed units, review needed again, edits not learned)."""
    try:
        text = decode_utf8(read_bytes(target), str(target))
        outline = read_outline(text, str(target), strict=False, dialect=config.markdown)
    except InputError as error:
        return _missing(source, target, lang, error, enabled)
    context = CheckContext(
        glossary=glossary,
        rewrite_url=config.url_rewriter(lang),
        translatable_keys=frozenset(config.front_matter_keys),
        source_sha256=source.sha256,
        catalogs=catalogs,
        review=_review(source, target, config, lang, known),
    )
    pair = make_pair(source.outline, outline, lang, context, INFOS)
    findings: list[Finding] = []
    for check_id, function in FUNCTIONS.items():
        if check_id in enabled:
            findings.extend(function(pair))
    if context.review is not None and context.review.reviewed_source_lines:
        reviewed = context.review.reviewed_source_lines
        findings = [
            f for f in findings if not (f.check in REVIEWER_OWNS and f.source_line in reviewed)
        ]
    findings.sort(key=lambda f: (f.line, _ORDER[f.check]))
    return findings


_ORDER = {check_id: n for n, check_id in enumerate(INFOS)}


def _review(
    source: SourceText, target: Path, config: Config, lang: str, known: Knowledge | None
) -> ReviewStatus | None:
    if known is None:
        return None
    path = Path(source.outline.path)
    return review_status(
        path, source.outline.text, source.sha256, target, lang, known, post_name(config, path)
    )


def _missing(
    source: SourceText, target: Path, lang: str, error: InputError, enabled: frozenset[str]
) -> list[Finding]:
    if MISSING not in enabled:
        return []
    info = INFOS[MISSING]
    missing = not target.exists()
    message = "the translation is missing" if missing else f"cannot be read: {error.message}"
    return [
        Finding(
            file=str(target),
            lang=lang,
            line=1 if missing else error.line or 1,
            check=MISSING,
            severity=info.severity,
            message=message,
            source_line=1,
            source_text=quoted_line(source.outline.line_text(1)),
            hint=info.hint,
            source_file=source.outline.path,
        )
    ]


def check_paths(
    paths: Sequence[Path],
    targets: Sequence[str],
    out: Path | None,
    config: Config,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Report:
    """Check the translations of every source under ``paths`` into every language of
    ``targets``, found where ``translate`` writes them (``--out``, the config template, or
    beside the source)."""
    with fewer_collections():
        return _check_paths(paths, targets, out, config, select, ignore)


def _check_paths(
    paths: Sequence[Path],
    targets: Sequence[str],
    out: Path | None,
    config: Config,
    select: Iterable[str],
    ignore: Iterable[str],
) -> Report:
    enabled = select_checks(select, ignore)
    layout = Layout(out, config.output, config.root)
    sources = collect_sources(paths, targets, [out] if out is not None else [])
    planned = plan_targets(sources, targets, layout)
    findings: list[Finding] = []
    with knowledge(config) as known:
        for source in sources:
            parsed = read_source_text(source.path, config.markdown)
            for lang in targets:
                target = planned[(source.path, lang)]
                findings.extend(
                    check_target(
                        parsed, target, config, lang, enabled, known.glossary, known.catalogs, known
                    )
                )
    return Report(tuple(findings), len(sources), len(sources) * len(targets))
