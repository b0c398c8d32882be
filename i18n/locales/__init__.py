"""Gettext catalogs of the digest's fixed vocabulary: reading them, extracting a template
from posts, updating and compiling them (babel)."""

from __future__ import annotations

from i18n.locales._catalogs import (
    EMPTY_CATALOGS,
    Catalogs,
    from_engine_form,
    load_catalogs,
    template_path,
    to_engine_form,
)
from i18n.locales._extract import ExtractOptions, extract_template, write_catalog
from i18n.locales._po import read_catalog
from i18n.locales._update import (
    LanguageStats,
    catalog_stats,
    compile_catalogs,
    compiled_path,
    update_catalogs,
)

__all__ = [
    "EMPTY_CATALOGS",
    "Catalogs",
    "ExtractOptions",
    "LanguageStats",
    "catalog_stats",
    "compile_catalogs",
    "compiled_path",
    "extract_template",
    "from_engine_form",
    "load_catalogs",
    "read_catalog",
    "template_path",
    "to_engine_form",
    "update_catalogs",
    "write_catalog",
]
