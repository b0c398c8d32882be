"""``translate``: plan every unit, pay only for what no catalog, rule or cache answers.

Per unit, the first that answers wins: the locale catalog; no Hangul (copy as is); the
translation memory; the engine. Engine work from many files is pooled into batches (one
language pair each, within the engine's limits), sent ``jobs`` at a time, validated (tags
must come back whole; one retry) and written to the cache after every batch, so a run that
dies resumes without paying twice. Each finished translation is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .cache import TranslationCache, cache_key
from .config import Config
from .document import Document, fits, parse_document
from .engines import make_engine
from .engines.base import Engine, GlossaryTerms, LanguagePair, Segment
from .errors import EngineUnavailable, I18nError, OutputError, TranslationFailed
from .files import (
    OUTPUT_DIGEST_PLACEHOLDER,
    read_source,
    read_target,
    sha256_text,
    validate_source,
)
from .glossary import Glossary, load_glossary
from .hangul import has_hangul
from .inline import plain_text
from .locales import EMPTY_CATALOGS, Catalogs, load_catalogs
from .model import Unit
from .sources import Layout, SourceFile, collect_sources, plan_targets, write_atomic

CHUNK_FILES = 50
"""Files parsed and pooled at a time: enough to fill batches, few enough that memory
stays flat however many posts a run covers."""


@dataclass(frozen=True, slots=True)
class TranslateOptions:
    """What one ``translate`` run does (CLI flags over config)."""

    targets: tuple[str, ...]
    """Target languages."""
    engine: str
    """Engine name."""
    out: Path | None = None
    """``--out DIR``."""
    force: bool = False
    """Rewrite up-to-date translations (and ones edited by hand)."""
    dry_run: bool = False
    """Write nothing and call no engine; report what would be sent."""
    jobs: int = 1
    """Engine requests in flight."""
    use_cache: bool = True
    """Read and write the translation memory."""
    metadata: bool = True
    """Add ``lang`` and ``i18n`` to the target's front matter."""


@dataclass(frozen=True, slots=True)
class PlannedUnit:
    """A unit a dry run would send."""

    path: Path
    """Source file."""
    lang: str
    """Target language."""
    line: int
    """Line of the unit in the source."""
    characters: int
    """Characters of text it would be billed for (tags excluded)."""


@dataclass(slots=True)
class Summary:
    """Counters of one run (mutable: filled in as the run goes)."""

    files: int = 0
    written: int = 0
    up_to_date: int = 0
    units: int = 0
    from_catalog: int = 0
    from_cache: int = 0
    skipped: int = 0
    sent: int = 0
    characters_sent: int = 0
    characters_billed: int = 0
    requests: int = 0
    seconds: float = 0.0
    planned: list[PlannedUnit] = field(default_factory=list)
    failures: list[I18nError] = field(default_factory=list)


@dataclass(slots=True)
class _Job:
    """One document into one language."""

    source: SourceFile
    doc: Document
    digest: str
    lang: str
    target: Path
    translations: dict[int, str] = field(default_factory=dict)
    missing: int = 0


@dataclass(slots=True)
class _Pending:
    """One distinct text an engine must translate, and the units waiting for it."""

    key: str
    text: str
    pair: LanguagePair
    context: str
    waiters: list[tuple[_Job, Unit, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Run:
    """Everything a run shares."""

    config: Config
    options: TranslateOptions
    engine: Engine
    cache: TranslationCache | None
    glossary: Glossary
    catalogs: Catalogs
    summary: Summary
    progress: Callable[[int], None] | None
    engine_ids: dict[str, str] = field(default_factory=dict)
    terms: dict[LanguagePair, GlossaryTerms] = field(default_factory=dict)


def translate_paths(
    paths: Sequence[Path],
    options: TranslateOptions,
    config: Config,
    *,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Translate every source under ``paths`` into every target language."""
    started = time.perf_counter()
    layout = Layout(options.out, config.output, config.root)
    sources = collect_sources(paths, options.targets, [options.out] if options.out else [])
    planned = plan_targets(sources, options.targets, layout)
    for source in sources:  # refuse bad input before anything is written
        validate_source(source.path)
    engine = make_engine(options.engine, config)
    summary = Summary(files=len(sources))
    cache = None
    cache_dir = config.resolved_cache_dir()
    wanted = options.use_cache and engine.cache_id(LanguagePair(config.source, options.targets[0]))
    if wanted and not (options.dry_run and not cache_dir.exists()):  # a dry run creates nothing
        cache = TranslationCache(cache_dir)
    # identity is the fidelity probe: nothing may change, not even catalog entries
    catalogs = (
        EMPTY_CATALOGS
        if options.engine == "identity"
        else load_catalogs(config.resolved_locales_dir(), config.source)
    )
    glossary = load_glossary(config.resolved_glossary_dir())
    run = _Run(config, options, engine, cache, glossary, catalogs, summary, progress)
    try:
        for chunk in _chunks(sources, CHUNK_FILES):
            _translate_chunk(run, chunk, planned)
    finally:
        if cache is not None:
            cache.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _chunks(items: Sequence[SourceFile], size: int) -> Iterator[Sequence[SourceFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _translate_chunk(
    run: _Run, chunk: Sequence[SourceFile], planned: dict[tuple[Path, str], Path]
) -> None:
    jobs: list[_Job] = []
    for source in chunk:
        data, doc = read_source(source.path, run.config.front_matter_keys)
        digest = hashlib.sha256(data).hexdigest()
        for lang in run.options.targets:
            job = _Job(source, doc, digest, lang, planned[(source.path, lang)])
            state = read_target(job.target)
            if not run.options.force and state.edited:
                run.summary.failures.append(
                    OutputError(
                        "was edited after machine translation; not overwritten (use --force to "
                        "replace it, or copy the edit into the source)",
                        file=job.target,
                    )
                )
                continue
            if not run.options.force and _up_to_date(run, job, state.metadata):
                run.summary.up_to_date += 1
                continue
            jobs.append(job)
    pending = _plan(run, jobs)
    if run.options.dry_run:
        _record_plan(run, pending)
        return
    failure: EngineUnavailable | None = None
    try:
        _send(run, pending)
    except EngineUnavailable as error:
        failure = error
    for job in jobs:
        if job.missing == 0:
            _write(run, job)
    if failure is not None:
        done = sum(1 for job in jobs if job.missing == 0)
        raise EngineUnavailable(
            f"{failure.message} ({done} of {len(jobs)} translations finished and written; "
            "every finished batch is in the translation memory, so a rerun pays only for the rest)"
        )


def _engine_id(run: _Run, lang: str) -> str:
    if lang not in run.engine_ids:
        run.engine_ids[lang] = run.engine.cache_id(LanguagePair(run.config.source, lang))
    return run.engine_ids[lang]


def _up_to_date(run: _Run, job: _Job, meta: Mapping[str, object]) -> bool:
    return (
        meta.get("source_sha256") == job.digest
        and meta.get("engine") == run.options.engine
        and meta.get("glossary") == run.glossary.digest()
    )


def _plan(run: _Run, jobs: Sequence[_Job]) -> dict[str, _Pending]:
    """Answer what catalogs, the no-Hangul rule and the cache can; queue the rest."""
    pending: dict[str, _Pending] = {}
    wanted: list[tuple[str, _Job, Unit, str, str]] = []
    summary = run.summary
    for job in jobs:
        pair = LanguagePair(run.config.source, job.lang)
        for unit in job.doc.units:
            summary.units += 1
            from_catalog = run.catalogs.lookup(unit.text, job.lang)
            if from_catalog is not None:
                job.translations[unit.index] = from_catalog
                summary.from_catalog += 1
                continue
            if not has_hangul(unit.text):
                summary.skipped += 1
                continue
            prefix, text = "", unit.text
            label = run.catalogs.split_label(unit.text, job.lang)
            if label is not None:
                prefix, text = label
                summary.from_catalog += 1
            key = cache_key(
                _engine_id(run, job.lang),
                pair.source,
                pair.target,
                run.glossary.unit_digest(text, job.lang),
                text,
            )
            wanted.append((key, job, unit, prefix, text))
    cached = run.cache.get_many({w[0] for w in wanted}) if run.cache is not None else {}
    for key, job, unit, prefix, text in wanted:
        if key in cached and fits(unit, prefix + cached[key]):
            job.translations[unit.index] = prefix + cached[key]
            summary.from_cache += 1
            continue
        job.missing += 1
        entry = pending.get(key)
        if entry is None:
            pair = LanguagePair(run.config.source, job.lang)
            entry = pending[key] = _Pending(key, text, pair, unit.context)
        entry.waiters.append((job, unit, prefix))
    return pending


def _record_plan(run: _Run, pending: dict[str, _Pending]) -> None:
    for entry in pending.values():
        characters = len(plain_text(entry.text))
        run.summary.sent += 1
        run.summary.characters_sent += characters
        for job, unit, _ in entry.waiters[:1]:
            run.summary.planned.append(
                PlannedUnit(job.source.path, job.lang, unit.line, characters)
            )


def _batches(run: _Run, pending: dict[str, _Pending]) -> list[list[_Pending]]:
    """Pack pending texts into requests: one pair each, within the engine's limits.

    The body size grows by about each text's JSON length (and each new context's); the
    engine's exact count is asked only near the limit, so packing stays linear.
    """
    limit_texts = run.engine.max_batch_texts
    limit_bytes = run.engine.max_batch_bytes
    batches: list[list[_Pending]] = []
    by_pair: dict[LanguagePair, list[_Pending]] = {}
    for entry in pending.values():
        by_pair.setdefault(entry.pair, []).append(entry)
    for pair, entries in by_pair.items():
        terms = _terms(run, pair)
        batch: list[_Pending] = []
        estimate = 0
        contexts: set[str] = set()
        for entry in entries:
            grows = len(json.dumps(entry.text)) + 2
            if entry.context not in contexts:
                grows += len(json.dumps(entry.context)) + 1
            full = len(batch) + 1 > limit_texts
            if limit_bytes and not full and estimate + grows > limit_bytes - _SLACK:
                size = run.engine.batch_bytes(_segments([*batch, entry]), pair, terms)
                full = size > limit_bytes
                estimate = size - grows
            if batch and full:
                batches.append(batch)
                batch, contexts = [], set()
                estimate = run.engine.batch_bytes([], pair, terms) if limit_bytes else 0
                grows = len(json.dumps(entry.text)) + len(json.dumps(entry.context)) + 3
            batch.append(entry)
            contexts.add(entry.context)
            estimate += grows
        if batch:
            batches.append(batch)
    return batches


_SLACK = 4096
"""Bytes below the engine's body limit where packing switches to exact counts."""


def _segments(batch: Sequence[_Pending]) -> list[Segment]:
    return [Segment(entry.text, entry.context) for entry in batch]


def _send(run: _Run, pending: dict[str, _Pending]) -> None:
    if not pending:
        return
    sync = getattr(run.engine, "sync_glossary", None)
    if callable(sync):
        pairs = {entry.pair for entry in pending.values()}
        sync({pair: _terms(run, pair) for pair in sorted(pairs, key=str)})
    queue = deque(_batches(run, pending))
    retry: list[_Pending] = []
    failure: EngineUnavailable | None = None
    jobs = max(1, run.options.jobs)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        in_flight: dict[Future[tuple[list[str], int, int]], list[_Pending]] = {}
        while in_flight or (queue and failure is None):
            # after a failure nothing new goes out, but what is in flight is kept: it is paid for
            while queue and failure is None and len(in_flight) < jobs:
                batch = queue.popleft()
                in_flight[pool.submit(_call, run, batch)] = batch
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            finished = [(future, in_flight.pop(future)) for future in done]
            # refill the freed slots before the bookkeeping, so requests stay in flight
            while queue and failure is None and len(in_flight) < jobs:
                batch = queue.popleft()
                in_flight[pool.submit(_call, run, batch)] = batch
            for future, batch in finished:
                try:
                    retry += _accept(run, batch, future)
                except EngineUnavailable as error:
                    failure = failure or error
    if failure is not None:
        raise failure
    for entry in retry:  # tags lost or mangled: one more try, alone
        future_result = _call(run, [entry])
        if _accept_one(run, entry, future_result[0][0]):
            run.cache.put_many({entry.key: future_result[0][0]}) if run.cache else None
            continue
        for job, unit, _ in entry.waiters:
            run.summary.failures.append(
                TranslationFailed(
                    "the engine's translation lost or broke this unit's markup twice; "
                    "the file was not written",
                    file=job.source.path,
                    line=unit.line,
                )
            )


def _call(run: _Run, batch: Sequence[_Pending]) -> tuple[list[str], int, int]:
    pair = batch[0].pair
    result = run.engine.translate(_segments(batch), pair, _terms(run, pair))
    return result.texts, result.billed_characters, result.requests


def _terms(run: _Run, pair: LanguagePair) -> GlossaryTerms:
    terms = run.terms.get(pair)
    if terms is None:
        terms = run.terms[pair] = run.glossary.terms_for(pair)
    return terms


def _accept(
    run: _Run, batch: list[_Pending], future: Future[tuple[list[str], int, int]]
) -> list[_Pending]:
    texts, billed, requests = future.result()
    summary = run.summary
    summary.requests += requests
    summary.characters_billed += billed
    summary.sent += len(batch)
    summary.characters_sent += sum(len(entry.text) for entry in batch)
    good: dict[str, str] = {}
    retry = []
    for entry, text in zip(batch, texts, strict=True):
        if _accept_one(run, entry, text):
            good[entry.key] = text
        else:
            retry.append(entry)
    if run.cache is not None and good:
        run.cache.put_many(good)
    if run.progress is not None:
        run.progress(len(batch))
    return retry


def _accept_one(run: _Run, entry: _Pending, text: str) -> bool:
    job, unit, prefix = entry.waiters[0]
    if not fits(unit, prefix + text):
        return False
    for job, unit, prefix in entry.waiters:
        job.translations[unit.index] = prefix + text
        job.missing -= 1
    return True


def _write(run: _Run, job: _Job) -> None:
    rewrite = run.config.url_rewriter(job.lang)
    metadata = None
    if run.options.metadata:
        metadata = (
            job.lang,
            {
                "source": _display_path(job.source.path, run.config.root),
                "source_sha256": job.digest,
                "engine": run.options.engine,
                "glossary": run.glossary.digest(),
                "version": __version__,
                "output_sha256": OUTPUT_DIGEST_PLACEHOLDER,
            },
        )
    head, body = job.doc.render_parts(job.translations, rewrite_url=rewrite, metadata=metadata)
    if metadata is not None:  # now that the body is known, record its digest
        head = head.replace(OUTPUT_DIGEST_PLACEHOLDER, sha256_text(body), 1)
    write_atomic(job.target, head + body)
    run.summary.written += 1


def _display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = ["PlannedUnit", "Summary", "TranslateOptions", "parse_document", "translate_paths"]
