"""The real engine: DeepL through the official ``deepl`` client, and what one request holds."""

from __future__ import annotations

from i18n.engines._plugins import EnginePlugin
from i18n.engines.deepl._engine import DeepLEngine, deepl_cache_id, deepl_engine_from_env

plugin = EnginePlugin(
    "DeepL, the real engine (DEEPL_AUTH_KEY)",
    lambda config, environ: deepl_engine_from_env(config.deepl, environ),
    stored_as=lambda config: lambda pair: deepl_cache_id(config.deepl, pair),
)

__all__ = ["DeepLEngine", "deepl_cache_id", "deepl_engine_from_env", "plugin"]
