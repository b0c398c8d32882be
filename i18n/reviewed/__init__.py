"""Reviewed translations that last: edits people make in translated posts are learned into a
gettext catalog per language (``locales/<lang>/LC_MESSAGES/reviewed.po``), kept across source
changes, and exchanged with translators' tools (PO, XLIFF, TMX). (The review page, where
people read translations beside their sources, is :mod:`i18n.review`.)

:func:`learn_paths` learns from every edited translation; the translate pipeline asks
:class:`ReviewedCatalogs` first, before the locale catalog, the memory and the engine;
:func:`review_status` is what ``check`` knows about a translation's reviews.
"""

from __future__ import annotations

from i18n.reviewed._catalog import ReviewedCatalog, ReviewedCatalogs, load_reviewed, reviewed_dir
from i18n.reviewed._exchange import (
    FORMATS,
    export_post,
    export_reviews,
    import_post,
    open_post,
)
from i18n.reviewed._origin import reviewed_origins
from i18n.reviewed._paths import LearnOutcome, knowledge, learn_paths, post_name
from i18n.reviewed._replay import Knowledge
from i18n.reviewed._status import ReviewStatus, review_status
from i18n.reviewed._steps import TranslateReviews
from i18n.reviewed._suggest import review_suggestion_rows, suggest_from_reviews

__all__ = [
    "FORMATS",
    "Knowledge",
    "LearnOutcome",
    "ReviewStatus",
    "ReviewedCatalog",
    "ReviewedCatalogs",
    "TranslateReviews",
    "export_post",
    "export_reviews",
    "import_post",
    "knowledge",
    "learn_paths",
    "load_reviewed",
    "open_post",
    "post_name",
    "review_status",
    "review_suggestion_rows",
    "reviewed_dir",
    "reviewed_origins",
    "suggest_from_reviews",
]
