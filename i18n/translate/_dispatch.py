"""Sending: pack pending texts into requests, keep ``jobs`` in flight, validate the answers
(tags must come back whole, and no control or bidi character the source lacks; one retry
alone), and store every finished batch in the memory at once, so a run that dies never pays
twice for what was answered. A batch the engine refuses for its texts (DeepL's 400) is split
until the refused texts stand alone: only their files fail."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from i18n.engines import GlossaryTerms, LanguagePair, Segment
from i18n.errors import EngineUnavailable, TextsRefused, TranslationFailed
from i18n.translate._answers import acceptable
from i18n.translate._run import Pending, Run


@dataclass(slots=True)
class _OpenBatch:
    """The batch being filled for one language pair."""

    entries: list[Pending] = field(default_factory=list)
    estimate: int = 0
    contexts: set[str] = field(default_factory=set)


class Dispatcher:
    """Sends texts as they are planned: a batch leaves as soon as it is full, up to ``jobs``
    requests are in flight, and the main thread plans the next files meanwhile.

    Every answered batch is validated (tags must come back whole; one retry, alone) and
    stored in the translation memory at once. After an engine failure nothing new goes out,
    but what is in flight is still accepted: it is paid for.
    """

    def __init__(self, run: Run) -> None:
        self.run = run
        self.jobs = max(1, run.options.jobs)
        # an offline engine answers on the calling thread: it needs no pool
        self.pool = ThreadPoolExecutor(max_workers=self.jobs) if run.engine.remote else None
        self.open: dict[LanguagePair, _OpenBatch] = {}
        self.ready: deque[list[Pending]] = deque()
        self.in_flight: dict[Future[tuple[list[str], int, int]], list[Pending]] = {}
        self.retry: list[Pending] = []
        self.failure: EngineUnavailable | None = None
        self.synced = False

    def add(self, entry: Pending) -> None:
        """Queue one new text (packing it into its pair's open batch)."""
        if not self.synced:  # before any request is sized: its size names the glossary
            self._sync_glossary()
        self._pack(entry)

    def pump(self) -> None:
        """Send what is ready and take in what has come back, without waiting."""
        self._step(block=False)

    def finish(self) -> None:
        """Send the rest, wait for every answer, retry broken ones; raise an engine failure."""
        for batch in self.open.values():
            if batch.entries:
                self.ready.append(batch.entries)
        self.open.clear()
        try:
            while self.in_flight or (self.ready and self.failure is None):
                self._step(block=True)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)
        if self.failure is not None:
            raise self.failure
        for entry in self.retry:  # tags lost or mangled: one more try, alone
            try:
                texts, _, _ = _call(self.run, [entry])
            except TextsRefused as error:
                self._refused(entry, error)
                continue
            if _accept_one(self.run, entry, texts[0]):
                if self.run.cache is not None:
                    self.run.cache.put_many({entry.key: texts[0]})
                continue
            for job, unit, _ in entry.waiters:
                self.run.summary.failures.append(
                    TranslationFailed(
                        "the engine's translation lost or broke this unit's markup, or added "
                        "control or bidi characters, twice; the file was not written",
                        file=job.source.path,
                        line=unit.line,
                    )
                )

    def _refused(self, entry: Pending, error: TextsRefused) -> None:
        """The engine refused this text alone: its files fail, the run goes on."""
        for job, unit, _ in entry.waiters:
            self.run.summary.failures.append(
                TranslationFailed(
                    f"{error.message}; the file was not written",
                    file=job.source.path,
                    line=unit.line,
                )
            )

    def _pack(self, entry: Pending) -> None:
        # The body grows by about each text's JSON length (and each new context's); the
        # engine's exact count is asked only near the limit, so packing stays linear.
        run, pair = self.run, entry.pair
        limit_texts, limit_bytes = run.engine.max_batch_texts, run.engine.max_batch_bytes
        batch = self.open.get(pair)
        if batch is None:  # not setdefault: that would build a batch for every text
            batch = self.open[pair] = _OpenBatch()
        if not limit_bytes:  # only a count to respect: no sizes to keep
            if len(batch.entries) >= limit_texts:
                self.ready.append(batch.entries)
                batch = self.open[pair] = _OpenBatch()
            batch.entries.append(entry)
            return
        grows = len(json.dumps(entry.text)) + 2
        if entry.context not in batch.contexts:
            grows += len(json.dumps(entry.context)) + 1
        full = len(batch.entries) + 1 > limit_texts
        if not full and batch.estimate + grows > limit_bytes - _SLACK:
            terms = terms_for(run, pair)
            size = run.engine.batch_bytes(_segments([*batch.entries, entry]), pair, terms)
            full = size > limit_bytes
            batch.estimate = size - grows
        if batch.entries and full:
            self.ready.append(batch.entries)
            batch = self.open[pair] = _OpenBatch()
            batch.estimate = run.engine.batch_bytes([], pair, terms_for(run, pair))
            grows = len(json.dumps(entry.text)) + len(json.dumps(entry.context)) + 3
        batch.entries.append(entry)
        batch.contexts.add(entry.context)
        batch.estimate += grows

    def _submit(self) -> None:
        while self.ready and self.failure is None and len(self.in_flight) < self.jobs:
            batch = self.ready.popleft()
            if self.pool is not None:
                self.in_flight[self.pool.submit(_call, self.run, batch)] = batch
            else:  # nothing to wait for: a worker thread would only fight for the GIL
                self.in_flight[_call_now(self.run, batch)] = batch

    def _sync_glossary(self) -> None:
        self.synced = True
        sync = getattr(self.run.engine, "sync_glossary", None)
        if callable(sync):
            # the configured targets, whatever this job's --to: jobs that split the languages
            # between them then name, find and share one glossary
            source = self.run.config.source
            targets = dict.fromkeys([*self.run.config.targets, *self.run.options.targets])
            pairs = [LanguagePair(source, lang) for lang in targets if lang != source]
            sync({pair: terms_for(self.run, pair) for pair in pairs})

    def _step(self, *, block: bool) -> None:
        self._submit()
        if not self.in_flight:
            return
        if self.pool is None:  # answered on this thread: every future is done already
            done = set(self.in_flight)
        else:
            done, _ = wait(
                self.in_flight, timeout=None if block else 0, return_when=FIRST_COMPLETED
            )
        # what came back is cached before the freed slots are refilled: a run killed in
        # between has paid twice for the requests still in flight, never for an answer
        finished = [(future, self.in_flight.pop(future)) for future in done]
        for future, batch in finished:
            try:
                self.retry += _accept(self.run, batch, future)
            except EngineUnavailable as error:
                self.failure = self.failure or error
            except TextsRefused as error:
                if len(batch) == 1:
                    self._refused(batch[0], error)
                else:  # one text spoils the request: halve until it stands alone
                    half = len(batch) // 2
                    self.ready.extendleft([batch[half:], batch[:half]])
        self._submit()


_SLACK = 4096
"""Bytes below the engine's body limit where packing switches to exact counts."""


def _segments(batch: Sequence[Pending]) -> list[Segment]:
    return [Segment(entry.text, entry.context) for entry in batch]


def _call_now(run: Run, batch: Sequence[Pending]) -> Future[tuple[list[str], int, int]]:
    done: Future[tuple[list[str], int, int]] = Future()
    try:
        done.set_result(_call(run, batch))
    except Exception as error:  # delivered where a worker's would be: in _accept
        done.set_exception(error)
    return done


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
    return retry


def _accept_one(run: Run, entry: Pending, text: str) -> bool:
    job, unit, prefix = entry.waiters[0]
    if not acceptable(unit, entry.text, prefix + text):
        return False
    entry.answer = text
    for job, unit, prefix in entry.waiters:
        job.translations[unit.index] = prefix + text
        job.missing -= 1
    return True
