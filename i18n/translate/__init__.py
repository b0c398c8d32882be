"""The ``translate`` job: which files, where their translations go, and what each unit costs.

Per unit, the first that answers wins: the locale catalog; no Hangul (copy as is); the
translation memory; the engine, in batches. :func:`translate_paths` runs a job and returns
its :class:`Summary`.
"""

from __future__ import annotations

from i18n.translate._batch import fewer_collections
from i18n.translate._memory import TranslationCache, cache_key
from i18n.translate._pipeline import Summary, TranslateOptions, translate_paths
from i18n.translate._sources import Layout, collect_sources, plan_targets

__all__ = [
    "Layout",
    "Summary",
    "TranslateOptions",
    "TranslationCache",
    "cache_key",
    "collect_sources",
    "fewer_collections",
    "plan_targets",
    "translate_paths",
]
