"""The state of one ``translate`` run: its options, its counters, and the work in flight."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from i18n.config import Config
from i18n.engines import Engine, GlossaryTerms, LanguagePair
from i18n.errors import I18nError
from i18n.fileio import Writer
from i18n.glossary import Glossary
from i18n.locales import Catalogs
from i18n.markdown import Document, Unit
from i18n.translate._memory import TranslationCache
from i18n.translate._sources import SourceFile


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
    """Source files found."""
    written: int = 0
    """Translations written."""
    up_to_date: int = 0
    """Translations left alone because source, engine and glossary did not change."""
    units: int = 0
    """Units considered (per language)."""
    from_catalog: int = 0
    """Units (or leading labels) answered by the locale catalog."""
    from_cache: int = 0
    """Units answered by the translation memory."""
    from_review: int = 0
    """Units answered by the reviewed catalog (a person's translation)."""
    learned: int = 0
    """Reviewed units learned from translations edited by hand."""
    skipped: int = 0
    """Units copied as they are: no Hangul, already in the target language."""
    sent: int = 0
    """Distinct texts sent to the engine (a dry run: that would be sent)."""
    characters_sent: int = 0
    """Characters of the texts sent, tags included (a dry run: billable text only)."""
    characters_billed: int = 0
    """Characters the engine reported as billed."""
    requests: int = 0
    """Engine requests made."""
    seconds: float = 0.0
    """Wall time of the run."""
    planned: list[PlannedUnit] = field(default_factory=list)
    """A dry run's units that would be sent."""
    failures: list[I18nError] = field(default_factory=list)
    """Translations not written (broken markup twice, edited by hand …)."""


@dataclass(slots=True)
class Job:
    """One document into one language (mutable: filled in as translations arrive)."""

    source: SourceFile
    doc: Document
    digest: str
    lang: str
    target: Path
    translations: dict[int, str] = field(default_factory=dict)
    missing: int = 0
    reviewed: dict[int, str] = field(default_factory=dict)
    """Unit index → reviewed translation (catalog form) for units a person translated."""


@dataclass(slots=True)
class Pending:
    """One distinct text an engine must translate, and the units waiting for it."""

    key: str
    """Translation-memory key of the text."""
    text: str
    """The tagged text to translate."""
    pair: LanguagePair
    """Its language pair."""
    context: str
    """Context for the engine (the first waiting unit's section path)."""
    waiters: list[tuple[Job, Unit, str]] = field(default_factory=list)
    """Units waiting for it, each with the catalog label to put before the answer."""
    answer: str | None = None
    """The accepted translation, once it came back (later waiters take it at once)."""


@dataclass(slots=True)
class Run:
    """Everything a run shares."""

    config: Config
    options: TranslateOptions
    engine: Engine
    cache: TranslationCache | None
    glossary: Glossary
    catalogs: Catalogs
    summary: Summary
    progress: Callable[[int, int], None] | None
    writer: Writer
    engine_ids: dict[str, str] = field(default_factory=dict)
    terms: dict[LanguagePair, GlossaryTerms] = field(default_factory=dict)
    display_paths: dict[Path, str] = field(default_factory=dict)
    reviews: ReviewSteps | None = None
    """The review steps (None: reviews are not used, as by the ``identity`` probe)."""


class ReviewSteps(Protocol):
    """What a run asks of reviews (:class:`i18n.reviewed.TranslateReviews`; review builds on
    this package, so the pipeline knows only this protocol)."""

    def learn(self, job: Job) -> bool | None:
        """Learn from ``job``'s target edited by hand: may it be overwritten (None: nothing
        to learn from)?"""
        ...

    def take(self, job: Job) -> None:
        """Fill ``job.reviewed`` with its reviewed units (retiring those the source lost)."""
        ...

    def render(
        self,
        job: Job,
        rewrite_url: Callable[[str], str] | None,
        metadata: tuple[str, Mapping[str, str]] | None,
    ) -> tuple[str, str]:
        """The translation with reviewed units written: (head, body)."""
        ...

    def finished(self, jobs: Sequence[Job]) -> None:
        """A chunk is planned and answered: keep what was learned before files are written."""
        ...

    def close(self) -> None:
        """The run ends: keep what was learned."""
        ...
