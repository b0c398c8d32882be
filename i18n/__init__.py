"""digest-i18n: section-aware translation of Markdown digests.

The public API is small: parse a post into units (:func:`parse_document`), translate posts
(:func:`translate_paths` with :class:`TranslateOptions`), check translations (:func:`check`,
:func:`check_paths`), read the configuration (:func:`load_config`). Everything raises
:class:`I18nError` subclasses; nothing prints.
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports below: modules read it from here

from i18n.checks import Finding, Report, check, check_paths
from i18n.config import Config, load_config
from i18n.errors import I18nError
from i18n.markdown import Document, Unit, parse_document
from i18n.translate import Summary, TranslateOptions, translate_paths

__all__ = [
    "Config",
    "Document",
    "Finding",
    "I18nError",
    "Report",
    "Summary",
    "TranslateOptions",
    "Unit",
    "__version__",
    "check",
    "check_paths",
    "load_config",
    "parse_document",
    "translate_paths",
]
