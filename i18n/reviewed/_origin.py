"""The review page's ``reviewed`` origin: a unit whose translation is its reviewed one.

The review page (:mod:`i18n.review`) asks its ``REVIEWED`` predicates first; while a page is
built, :func:`reviewed_origins` adds one that answers from this project's reviewed catalogs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from i18n.config import Config
from i18n.markdown import TagMismatch, Unit, plain_text
from i18n.reviewed._catalog import ReviewedCatalogs, reviewed_dir
from i18n.reviewed._markup import from_reviewed


def reviewed_rule(config: Config) -> Callable[[Unit, str, str], bool]:
    """``(source unit, language, tagged translation in the file) → it is the reviewed one``."""
    catalogs = ReviewedCatalogs(reviewed_dir(config))

    def reviewed(unit: Unit, lang: str, translation: str) -> bool:
        text = catalogs[lang].lookup(unit)
        if text is None:
            return False
        try:
            tagged, _ = from_reviewed(text, unit.tags)
        except TagMismatch:
            return False
        return plain_text(tagged) == plain_text(translation)

    return reviewed


@contextlib.contextmanager
def reviewed_origins(config: Config) -> Iterator[None]:
    """While the block runs, the review page marks reviewed units ``reviewed``."""
    # the page builds on checks, which build on this package: its hook is looked up here
    from i18n.review._origin import REVIEWED

    rule = reviewed_rule(config)
    REVIEWED.append(rule)
    try:
        yield
    finally:
        REVIEWED.remove(rule)
