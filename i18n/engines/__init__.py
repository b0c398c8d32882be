"""Translation engines: the Protocol they implement, the offline ones, and DeepL.

Engines never see Markdown, only tagged units. They are found by name through the
``digest_i18n.engines`` entry-point group, so another package can add one.
"""

from __future__ import annotations

from i18n.engines._base import Engine, LanguagePair
from i18n.engines._registry import deepl_engine, make_engine

__all__ = ["Engine", "LanguagePair", "deepl_engine", "make_engine"]
