"""Reading a post in the site's Markdown dialect, and writing translations back into it.

A post is parsed once (:func:`parse_document`) into a :class:`Document`: its front matter and
its units, each a run of translatable inline text with its exact source span and its inline
markup as XML tags. :meth:`Document.render` splices translations into the source bytes
without re-rendering anything else.
"""

from __future__ import annotations

from i18n.markdown._document import Document, parse_document
from i18n.markdown._model import LinkTarget, Unit

__all__ = ["Document", "LinkTarget", "Unit", "parse_document"]
