"""Reading a post in the site's Markdown dialect, and writing translations back into it.

A post is parsed once (:func:`parse_document`) into a :class:`Document`: its front matter and
its units, each a run of translatable inline text with its exact source span and its inline
markup as XML tags. :meth:`Document.render` splices translations into the source bytes
without re-rendering anything else.
"""

from __future__ import annotations

from i18n.markdown._decode import TagMismatch, plain_text
from i18n.markdown._dialects import DIALECTS, block_reading, dialect_lines
from i18n.markdown._document import Document, fits, parse_document, write_unit
from i18n.markdown._frontmatter import FrontMatter, scalar_spans, split_front_matter
from i18n.markdown._hangul import HANGUL, has_hangul, romanize
from i18n.markdown._inline import Tag, escape
from i18n.markdown._model import LinkTarget, Unit
from i18n.markdown._parser import SPAN, parser_for
from i18n.markdown._site import check_dialect, site_dialect
from i18n.markdown._text import rewrite_tag

__all__ = [
    "DIALECTS",
    "HANGUL",
    "SPAN",
    "Document",
    "FrontMatter",
    "LinkTarget",
    "Tag",
    "TagMismatch",
    "Unit",
    "block_reading",
    "check_dialect",
    "dialect_lines",
    "escape",
    "fits",
    "has_hangul",
    "parse_document",
    "parser_for",
    "plain_text",
    "rewrite_tag",
    "romanize",
    "scalar_spans",
    "site_dialect",
    "split_front_matter",
    "write_unit",
]
