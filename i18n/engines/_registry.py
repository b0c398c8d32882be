"""Building an engine by name: the entry point's plugin, the config and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from i18n.engines._base import Engine
from i18n.engines._plugins import load_plugin

if TYPE_CHECKING:
    from i18n.config import Config
    from i18n.engines.deepl import DeepLEngine


def deepl_engine(config: Config, environ: Mapping[str, str] = os.environ) -> DeepLEngine:
    """The DeepL engine, keyed from ``DEEPL_AUTH_KEY`` (exit 3 with a hint when unset)."""
    from i18n.engines.deepl import deepl_engine_from_env

    return deepl_engine_from_env(config.deepl, environ)


def make_engine(name: str, config: Config, environ: Mapping[str, str] = os.environ) -> Engine:
    """The engine called ``name`` (a usage error for one that is not installed)."""
    return load_plugin(name).create(config, environ)
