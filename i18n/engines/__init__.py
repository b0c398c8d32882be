"""Engine registry: a name and the config give an engine."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..config import Config, check_engine
from .base import Engine, LanguagePair
from .offline import IdentityEngine, MemoryEngine, PseudoEngine


def _deepl_options(config: Config) -> object:
    from .deepl import DeepLOptions

    return DeepLOptions(
        english=config.deepl.english,
        formality=dict(config.deepl.formality),
        glossary_namespace=config.deepl.glossary_namespace,
        max_retries=config.deepl.max_retries,
        timeout=config.deepl.timeout,
    )


def make_engine(name: str, config: Config, environ: Mapping[str, str] = os.environ) -> Engine:
    """The engine called ``name`` (a usage error for an unknown one)."""
    check_engine(name)
    if name == "identity":
        return IdentityEngine()
    if name == "pseudo":
        return PseudoEngine()
    from .deepl import DeepLOptions, deepl_cache_id, deepl_engine_from_env

    options = _deepl_options(config)
    assert isinstance(options, DeepLOptions)
    if name == "memory":
        # answers from what the configured real engine stored, never calls it
        real = config.engine if config.engine not in ("memory", "identity") else "deepl"
        if real == "pseudo":
            pseudo = PseudoEngine()
            return MemoryEngine(pseudo.cache_id)
        return MemoryEngine(lambda pair: deepl_cache_id(options, pair))
    return deepl_engine_from_env(options, environ)


__all__ = ["Engine", "LanguagePair", "make_engine"]
