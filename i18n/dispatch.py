"""Sending: pack pending texts into requests, keep ``jobs`` in flight, validate the answers
(tags must come back whole; one retry alone), and store every finished batch in the memory
at once, so a run that dies never pays twice for what was answered."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .document import fits
from .engines.base import GlossaryTerms, LanguagePair, Segment
from .errors import EngineUnavailable, TranslationFailed
from .run import Pending, Run


def _batches(run: Run, pending: dict[str, Pending]) -> list[list[Pending]]:
    """Pack pending texts into requests: one pair each, within the engine's limits.

    The body size grows by about each text's JSON length (and each new context's); the
    engine's exact count is asked only near the limit, so packing stays linear.
    """
    limit_texts = run.engine.max_batch_texts
    limit_bytes = run.engine.max_batch_bytes
    batches: list[list[Pending]] = []
    by_pair: dict[LanguagePair, list[Pending]] = {}
    for entry in pending.values():
        by_pair.setdefault(entry.pair, []).append(entry)
    for pair, entries in by_pair.items():
        terms = terms_for(run, pair)
        batch: list[Pending] = []
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


def _segments(batch: Sequence[Pending]) -> list[Segment]:
    return [Segment(entry.text, entry.context) for entry in batch]


def send(run: Run, pending: dict[str, Pending]) -> None:
    if not pending:
        return
    sync = getattr(run.engine, "sync_glossary", None)
    if callable(sync):
        pairs = {entry.pair for entry in pending.values()}
        sync({pair: terms_for(run, pair) for pair in sorted(pairs, key=str)})
    queue = deque(_batches(run, pending))
    retry: list[Pending] = []
    failure: EngineUnavailable | None = None
    jobs = max(1, run.options.jobs)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        in_flight: dict[Future[tuple[list[str], int, int]], list[Pending]] = {}
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


def _call(run: Run, batch: Sequence[Pending]) -> tuple[list[str], int, int]:
    pair = batch[0].pair
    result = run.engine.translate(_segments(batch), pair, terms_for(run, pair))
    return result.texts, result.billed_characters, result.requests


def terms_for(run: Run, pair: LanguagePair) -> GlossaryTerms:
    terms = run.terms.get(pair)
    if terms is None:
        terms = run.terms[pair] = run.glossary.terms_for(pair)
    return terms


def _accept(
    run: Run, batch: list[Pending], future: Future[tuple[list[str], int, int]]
) -> list[Pending]:
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


def _accept_one(run: Run, entry: Pending, text: str) -> bool:
    job, unit, prefix = entry.waiters[0]
    if not fits(unit, prefix + text):
        return False
    for job, unit, prefix in entry.waiters:
        job.translations[unit.index] = prefix + text
        job.missing -= 1
    return True
