"""Human review that lasts: edits in translated posts are learned into a gettext catalog per
language (``locales/<lang>/LC_MESSAGES/reviewed.po``), kept across source changes, and
exchanged with translators' tools (PO, XLIFF, TMX).

:func:`learn_paths` learns from every edited translation; the translate pipeline asks
:class:`ReviewedCatalogs` first, before the locale catalog, the memory and the engine.
"""

from __future__ import annotations

# translate uses reviews and reviews use translate's memory and targets: translate is loaded
# first, so that whichever is imported first, each finds the other's modules complete.
import i18n.translate  # noqa: F401
from i18n.review._catalog import ReviewedCatalog, ReviewedCatalogs, load_reviewed, reviewed_dir
from i18n.review._paths import LearnOutcome, learn_paths

__all__ = [
    "LearnOutcome",
    "ReviewedCatalog",
    "ReviewedCatalogs",
    "learn_paths",
    "load_reviewed",
    "reviewed_dir",
]
