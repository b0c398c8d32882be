"""``learn``: reviewed translations from every edited target of the sources under some paths."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from i18n.config import Config
from i18n.fileio import write_atomic
from i18n.glossary import load_glossary
from i18n.locales import load_catalogs
from i18n.reviewed._align import StructureChange
from i18n.reviewed._catalog import ReviewedCatalogs, reviewed_dir
from i18n.reviewed._learn import record, restamp, study
from i18n.reviewed._replay import Knowledge
from i18n.translate import Layout, TranslationCache, collect_sources, plan_targets, read_source


@dataclass(frozen=True, slots=True)
class LearnOutcome:
    """What learning from one edited target did."""

    target: Path
    """The edited translation."""
    lang: str
    """Its language."""
    reviewed: int
    """Units a reviewer rewrote."""
    learned: int
    """Of those, entries new to the catalog."""
    changes: tuple[StructureChange, ...]
    """Structure changes: nothing learned from those blocks."""
    problem: str
    """Why nothing could be learned (empty when learning worked)."""
    restamped: bool
    """The target was rewritten as the tool now writes it (so it no longer counts as edited)."""


def post_name(config: Config, path: Path) -> str:
    """How a post is named in catalogs: its path relative to the config root."""
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@contextlib.contextmanager
def knowledge(config: Config, *, create_cache: bool = False) -> Iterator[Knowledge]:
    """Catalogs, glossary, reviews and the translation memory (opened only when it exists,
    unless ``create_cache``), closed afterwards."""
    cache_dir = config.resolved_cache_dir()
    cache = TranslationCache(cache_dir) if create_cache or cache_dir.is_dir() else None
    try:
        yield Knowledge(
            config,
            load_catalogs(config.resolved_locales_dir(), config.source),
            load_glossary(config.resolved_glossary_dir()),
            ReviewedCatalogs(reviewed_dir(config)),
            cache,
        )
    finally:
        if cache is not None:
            cache.close()


def learn_paths(
    paths: Sequence[Path],
    targets: Sequence[str],
    out: Path | None,
    config: Config,
) -> list[LearnOutcome]:
    """Learn from every edited translation of the sources under ``paths``: store the reviews,
    then rewrite each fully learned target as the tool now writes it."""
    layout = Layout(out, config.output, config.root)
    sources = collect_sources(paths, targets, [out] if out is not None else [])
    planned = plan_targets(sources, targets, layout)
    outcomes = []
    rewrites: list[tuple[Path, str]] = []
    with knowledge(config) as known:
        for source in sources:
            data, doc = read_source(source.path, config.front_matter_keys, config.markdown)
            digest = _sha256(data)
            for lang in targets:
                target = planned[(source.path, lang)]
                learning = study(source.path, doc, digest, target, lang, known)
                if learning is None:
                    continue
                learned = record(learning, known, post_name(config, source.path))
                text = restamp(learning, known)
                if text is not None:
                    rewrites.append((target, text))
                outcomes.append(
                    LearnOutcome(
                        target,
                        lang,
                        len(learning.units),
                        learned,
                        learning.changes,
                        learning.problem,
                        text is not None,
                    )
                )
        known.reviewed.save()  # the reviews first: a rewritten file relies on them
    for target, text in rewrites:
        write_atomic(target, text)
    return outcomes


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
