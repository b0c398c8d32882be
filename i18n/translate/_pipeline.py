"""``translate``: plan every unit, pay only for what no catalog, rule or cache answers.

Per unit, the first that answers wins: a reviewed translation; the locale catalog; no Hangul
(copy as is); the translation memory; the engine. Engine work from many files is pooled into
batches (one language pair each, within the engine's limits), sent ``jobs`` at a time,
validated (tags must come back whole; one retry) and written to the cache after every batch,
so a run that dies resumes without paying twice. Each finished translation is written
atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from i18n import __version__
from i18n.config import Config
from i18n.engines import LanguagePair, make_engine
from i18n.errors import EngineUnavailable, OutputError
from i18n.fileio import Writer
from i18n.glossary import load_glossary
from i18n.locales import EMPTY_CATALOGS, load_catalogs
from i18n.markdown import Unit, has_hangul, parse_document, plain_text
from i18n.translate._answers import acceptable
from i18n.translate._batch import fewer_collections
from i18n.translate._dispatch import Dispatcher
from i18n.translate._memory import TranslationCache, cache_key
from i18n.translate._run import Job, Pending, PlannedUnit, Run, Summary, TranslateOptions
from i18n.translate._sources import Layout, SourceFile, collect_sources, plan_targets
from i18n.translate._targets import (
    OUTPUT_DIGEST_PLACEHOLDER,
    VALUES_DIGEST_PLACEHOLDER,
    read_source,
    read_target,
    stamp_digests,
    validate_source,
)

CHUNK_FILES = 50
"""Files parsed and pooled at a time: enough to fill batches, few enough that memory
stays flat however many posts a run covers."""


def translate_paths(
    paths: Sequence[Path],
    options: TranslateOptions,
    config: Config,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Translate every source under ``paths`` into every target language. ``progress`` is
    told (files done, files in all) once the sources are known and after each file."""
    with fewer_collections():
        return _translate_paths(paths, options, config, progress)


def _translate_paths(
    paths: Sequence[Path],
    options: TranslateOptions,
    config: Config,
    progress: Callable[[int, int], None] | None,
) -> Summary:
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
    writer = Writer(background=True)
    run = Run(config, options, engine, cache, glossary, catalogs, summary, progress, writer)
    if options.engine != "identity":  # the fidelity probe takes nobody's translation either
        # review builds on this package (memory, targets, sources): imported when used
        from i18n.reviewed import TranslateReviews

        run.reviews = TranslateReviews(run)
    # An offline engine answers at once: nothing to pool, so each file is finished while
    # its document is still fresh in memory.
    size = CHUNK_FILES if engine.remote else 1
    done = 0
    try:
        for chunk in _chunks(sources, size):
            if progress is not None:
                progress(done, len(sources))
            _translate_chunk(run, chunk, planned)
            done += len(chunk)
        if progress is not None:
            progress(done, len(sources))
    except BaseException:
        with contextlib.suppress(OutputError):  # the error in flight is the one to report
            writer.close()  # translations already handed over still land
        raise
    else:
        writer.close()
    finally:
        try:
            if run.reviews is not None:
                run.reviews.close()  # what was learned is kept, even after a failure
        finally:
            if cache is not None:
                cache.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _chunks(items: Sequence[SourceFile], size: int) -> Iterator[Sequence[SourceFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _translate_chunk(
    run: Run, chunk: Sequence[SourceFile], planned: dict[tuple[Path, str], Path]
) -> None:
    jobs: list[Job] = []
    pending: dict[str, Pending] = {}
    dispatcher = None if run.options.dry_run else Dispatcher(run)
    failure: EngineUnavailable | None = None
    try:
        for source in chunk:
            file_jobs = _jobs(run, source, planned)
            jobs += file_jobs
            for entry in _plan(run, file_jobs, pending):
                if dispatcher is not None:
                    dispatcher.add(entry)
            if dispatcher is not None:
                dispatcher.pump()  # requests travel while the next file is parsed
        if dispatcher is None:
            _record_plan(run, pending)
            return
        dispatcher.finish()
    except EngineUnavailable as error:
        failure = error
    if run.reviews is not None:  # what was learned is on disk before files rely on it
        run.reviews.finished(jobs)
    for job in jobs:
        if job.missing == 0:
            _write(run, job)
    if failure is not None:
        done = sum(1 for job in jobs if job.missing == 0)
        raise EngineUnavailable(
            f"{failure.message} ({done} of {len(jobs)} translations finished and written; "
            "every finished batch is in the translation memory, so a rerun pays only for the rest)"
        )


def _jobs(run: Run, source: SourceFile, planned: dict[tuple[Path, str], Path]) -> list[Job]:
    """One job per target language that needs (re)writing."""
    data, doc = read_source(source.path, run.config.front_matter_keys, run.config.markdown)
    digest = hashlib.sha256(data).hexdigest()
    jobs = []
    for lang in run.options.targets:
        job = Job(source, doc, digest, lang, planned[(source.path, lang)])
        if run.options.force:  # what is there now does not matter (learned reviews are kept)
            jobs.append(job)
            continue
        state = read_target(job.target, run.config.front_matter_keys)
        if state.edited and not _may_overwrite(run, job):
            continue
        if not state.edited and _up_to_date(run, job, state.metadata):
            run.summary.up_to_date += 1
            continue
        jobs.append(job)
    return jobs


def _may_overwrite(run: Run, job: Job) -> bool:
    """A target edited by hand: learn its reviews first; True when it may be overwritten."""
    learned = run.reviews.learn(job) if run.reviews is not None else None
    if learned is not None:
        return learned
    if not run.options.force:  # nothing to learn from: refuse, as before reviews
        run.summary.failures.append(
            OutputError(
                "was edited after machine translation; not overwritten (use --force to "
                "replace it, or copy the edit into the source)",
                file=job.target,
            )
        )
    return run.options.force


def _engine_id(run: Run, lang: str) -> str:
    if lang not in run.engine_ids:
        run.engine_ids[lang] = run.engine.cache_id(LanguagePair(run.config.source, lang))
    return run.engine_ids[lang]


def _up_to_date(run: Run, job: Job, meta: Mapping[str, object]) -> bool:
    return (
        meta.get("source_sha256") == job.digest
        and meta.get("engine") == run.options.engine
        and meta.get("glossary") == run.glossary.digest()
    )


def _plan(run: Run, jobs: Sequence[Job], pending: dict[str, Pending]) -> list[Pending]:
    """Answer what catalogs, the no-Hangul rule and the cache can; queue the rest in
    ``pending`` (texts already queued gain a waiter); return the texts new to the queue."""
    new: list[Pending] = []
    wanted: list[tuple[str, Job, Unit, str, str, LanguagePair]] = []
    summary, catalogs, glossary = run.summary, run.catalogs, run.glossary
    for job in jobs:
        lang, translations = job.lang, job.translations
        pair = LanguagePair(run.config.source, lang)
        engine_id = _engine_id(run, lang)
        summary.units += len(job.doc.units)
        if run.reviews is not None:  # a person's translation comes first
            run.reviews.take(job)
        for unit in job.doc.units:
            if unit.index in job.reviewed:
                continue
            from_catalog = catalogs.lookup(unit.text, lang)
            if from_catalog is not None:
                translations[unit.index] = from_catalog
                summary.from_catalog += 1
                continue
            if not has_hangul(unit.text):
                summary.skipped += 1
                continue
            prefix, text = "", unit.text
            label = catalogs.split_label(text, lang)
            if label is not None:
                prefix, text = label
                summary.from_catalog += 1
            digest = glossary.unit_digest(text, lang)
            key = cache_key(engine_id, pair.source, pair.target, digest, text)
            wanted.append((key, job, unit, prefix, text, pair))
    cached = run.cache.get_many({w[0] for w in wanted}) if run.cache is not None else {}
    for key, job, unit, prefix, text, pair in wanted:
        if cached and key in cached and acceptable(unit, text, prefix + cached[key]):
            job.translations[unit.index] = prefix + cached[key]
            summary.from_cache += 1
            continue
        entry = pending.get(key)
        if entry is not None and entry.answer is not None:  # answered for an earlier file
            job.translations[unit.index] = prefix + entry.answer
            continue
        job.missing += 1
        if entry is None:
            entry = pending[key] = Pending(key, text, pair, unit.context)
            new.append(entry)
        entry.waiters.append((job, unit, prefix))
    return new


def _record_plan(run: Run, pending: dict[str, Pending]) -> None:
    for entry in pending.values():
        characters = len(plain_text(entry.text))
        run.summary.sent += 1
        run.summary.characters_sent += characters
        for job, unit, _ in entry.waiters[:1]:
            run.summary.planned.append(
                PlannedUnit(job.source.path, job.lang, unit.line, characters)
            )


def _write(run: Run, job: Job) -> None:
    rewrite = run.config.url_rewriter(job.lang)
    metadata = None
    if run.options.metadata:
        metadata = (
            job.lang,
            {
                "source": _display_path(run, job.source.path),
                "source_sha256": job.digest,
                "engine": run.options.engine,
                "glossary": run.glossary.digest(),
                "version": __version__,
                "output_sha256": OUTPUT_DIGEST_PLACEHOLDER,
            },
        )
        if any(unit.kind == "front_matter" for unit in job.doc.units):
            metadata[1]["front_matter_sha256"] = VALUES_DIGEST_PLACEHOLDER
    if run.reviews is not None:
        head, body = run.reviews.render(job, rewrite, metadata)
    else:
        head, body = job.doc.render_parts(job.translations, rewrite_url=rewrite, metadata=metadata)
    if metadata is not None:  # now that they are written, record what body and values are
        head = stamp_digests(head, body, run.config.front_matter_keys, str(job.target))
    run.writer.write(job.target, head + body)
    run.summary.written += 1


def _display_path(run: Run, path: Path) -> str:
    """The source's path relative to the config root (as the metadata records it)."""
    shown = run.display_paths.get(path)
    if shown is None:
        try:
            shown = path.resolve().relative_to(run.config.root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        run.display_paths[path] = shown
    return shown


__all__ = ["PlannedUnit", "Summary", "TranslateOptions", "parse_document", "translate_paths"]
