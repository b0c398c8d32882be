"""The review page: sources and translations side by side, findings in place.

:func:`build_review` reads sources, their translations, ``check``'s findings, the glossary,
the catalogs and the translation memory into a :class:`ReviewPage`; :func:`write_review`
writes it as one self-contained, script-locked HTML file (:func:`render_review` gives the
text).
"""

from __future__ import annotations

from i18n.review._build import build_review
from i18n.review._model import ReviewOptions, ReviewPage
from i18n.review._render import render_review, write_review

__all__ = ["ReviewOptions", "ReviewPage", "build_review", "render_review", "write_review"]
