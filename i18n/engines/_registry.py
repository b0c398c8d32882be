"""Engine registry: a name and the config give an engine."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from i18n.config import Config, check_engine
from i18n.engines._base import Engine, LanguagePair
from i18n.engines._offline import IdentityEngine, MemoryEngine, PseudoEngine

if TYPE_CHECKING:
    from i18n.engines.deepl._engine import DeepLEngine


def deepl_engine(config: Config, environ: Mapping[str, str] = os.environ) -> DeepLEngine:
    """The DeepL engine, keyed from ``DEEPL_AUTH_KEY`` (exit 3 with a hint when unset)."""
    from i18n.engines.deepl._engine import deepl_engine_from_env

    return deepl_engine_from_env(config.deepl, environ)


def make_engine(name: str, config: Config, environ: Mapping[str, str] = os.environ) -> Engine:
    """The engine called ``name`` (a usage error for an unknown one)."""
    check_engine(name)
    if name == "identity":
        return IdentityEngine()
    if name == "pseudo":
        return PseudoEngine()
    if name == "memory":
        # answers from what the configured real engine stored, never calls it
        if config.engine == "pseudo":
            return MemoryEngine(PseudoEngine().cache_id)
        from i18n.engines.deepl._engine import deepl_cache_id

        options = config.deepl
        return MemoryEngine(lambda pair: deepl_cache_id(options, pair))
    return deepl_engine(config, environ)


__all__ = ["Engine", "LanguagePair", "deepl_engine", "make_engine"]
