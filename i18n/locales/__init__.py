"""Gettext catalogs of the digest's fixed vocabulary: reading them, extracting a template
from posts, updating and compiling them (babel)."""

from __future__ import annotations

from i18n.locales._catalogs import EMPTY_CATALOGS, Catalogs, load_catalogs

__all__ = ["EMPTY_CATALOGS", "Catalogs", "load_catalogs"]
