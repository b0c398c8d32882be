"""Translation engines: the Protocol they implement, the offline ones, and DeepL.

Engines never see Markdown, only tagged units. They are found by name through the
``digest_i18n.engines`` entry-point group (:class:`EnginePlugin`), so another package can add
one; the built-in ``deepl``, ``pseudo``, ``identity`` and ``memory`` register the same way.
"""

from __future__ import annotations

from i18n.engines._base import BatchResult, Engine, GlossaryTerms, LanguagePair, Segment
from i18n.engines._plugins import EnginePlugin, engine_names, engine_summaries, load_plugin
from i18n.engines._registry import deepl_engine, make_engine

__all__ = [
    "BatchResult",
    "Engine",
    "EnginePlugin",
    "GlossaryTerms",
    "LanguagePair",
    "Segment",
    "deepl_engine",
    "engine_names",
    "engine_summaries",
    "load_plugin",
    "make_engine",
]
