"""The ``translate`` job: which files, where their translations go, and what each unit costs.

Per unit, the first that answers wins: a reviewed translation; the locale catalog; no Hangul
(copy as is); the translation memory; the engine, in batches. :func:`translate_paths` runs a
job and returns its :class:`Summary`. Reviews (:mod:`i18n.reviewed`) build on this package's
memory and targets; the pipeline asks them through :class:`ReviewSteps`.
"""

from __future__ import annotations

from i18n.translate._batch import fewer_collections
from i18n.translate._memory import TranslationCache, cache_key
from i18n.translate._pipeline import Summary, TranslateOptions, translate_paths
from i18n.translate._run import ReviewSteps
from i18n.translate._sources import Layout, collect_sources, plan_targets
from i18n.translate._targets import (
    OUTPUT_DIGEST_PLACEHOLDER,
    VALUES_DIGEST_PLACEHOLDER,
    read_source,
    read_target,
    restamp_text,
    sha256_text,
    stamp_digests,
)

__all__ = [
    "OUTPUT_DIGEST_PLACEHOLDER",
    "VALUES_DIGEST_PLACEHOLDER",
    "Layout",
    "ReviewSteps",
    "Summary",
    "TranslateOptions",
    "TranslationCache",
    "cache_key",
    "collect_sources",
    "fewer_collections",
    "plan_targets",
    "read_source",
    "read_target",
    "restamp_text",
    "sha256_text",
    "stamp_digests",
    "translate_paths",
]
