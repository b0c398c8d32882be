"""The real engine: DeepL through the official ``deepl`` client, and what one request holds."""

from __future__ import annotations

from i18n.engines.deepl._engine import DeepLEngine, deepl_cache_id, deepl_engine_from_env

__all__ = ["DeepLEngine", "deepl_cache_id", "deepl_engine_from_env"]
