"""Writing translated plain text back as Markdown that means exactly that text.

Engines return prose; prose may contain characters Markdown would read as markup (``*``,
``_``, ``[``, a ``1.`` at the start of a line…). These functions escape just enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from i18n.markdown._dialects import HTML_BLOCK_START
from i18n.markdown._inline import Tag

# a pipe too, anywhere: it splits a table cell, and kramdown reads a paragraph's first line
# with one as a table row (GFM a line above a delimiter row)
_SPECIAL = re.compile(r"([\\`*_\[\]<>~$|])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LIQUID = re.compile(r"\{(?=[{%])")
_LINE_START = re.compile(
    r"^(?:(#{1,6}|[-+*>])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|([=-]+)[ \t]*$)"
)
DESTINATION = re.compile(r"(\]\(\s*<?)([^\s)>]+)")
"""A link's or image's closing markup: ``](`` then the destination (group 2)."""
_PLAIN = re.compile(r"[^\\`*_\[\]<>~$|&{\r\n]*")
"""Text with none of the characters :func:`escape` changes."""
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_MARKER_STARTS = frozenset("#-+*>=")
"""Every character :data:`_LINE_START` can match first, besides a digit."""
_HEADING_END = re.compile(r"([ \t])(#+)[ \t]*$")


def escape(text: str) -> str:
    """Escape characters that would start markup inside a line of text."""
    if _PLAIN.fullmatch(text):  # the usual case: nothing to escape
        return text
    text = text.replace("\r", " ").replace("\n", " ")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub(r"\\&", text)
    return _LIQUID.sub("{\u200b", text)


def escape_line_start(text: str) -> str:
    """Escape a block marker (heading, list, quote, setext underline) at the start of a line."""
    if not text or (text[0] not in _MARKER_STARTS and not text[0].isdecimal()):
        return text  # the usual case: prose
    found = _LINE_START.match(text)
    if not found:
        return text
    if found.group(2):
        cut = found.end(2)
        return text[:cut] + "\\" + text[cut:]
    return "\\" + text


def escape_heading_end(text: str) -> str:
    """A trailing `` #`` run would be read as an ATX heading's closing sequence."""
    return _HEADING_END.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def keep_html_inline(written: str, dialect: str) -> str:
    """A paragraph's line that opens with inline HTML the engine moved there (the source's
    line-opening tags stay out of units), which the dialect's renderers would read as an HTML
    block (its line raw, or the element apart from the paragraph), gets a zero-width space
    first: an invisible letter, so the line opens with text and the HTML stays inline."""
    return "\u200b" + written if HTML_BLOCK_START[dialect].match(written) else written


def rewrite_tag(tag: Tag, rewrite_url: Callable[[str], str]) -> Tag:
    """The tag with its link destination rewritten for the target language."""
    autolink = _AUTOLINK.fullmatch(tag.open)
    if tag.name == "x" and autolink:
        return Tag("x", f"<{rewrite_url(autolink.group(1))}>")
    if tag.name not in ("a", "img"):
        return tag
    found = DESTINATION.match(tag.close)
    if not found:
        return tag
    new = rewrite_url(found.group(2))
    if new == found.group(2):
        return tag
    close = tag.close[: found.start(2)] + new + tag.close[found.end(2) :]
    return Tag(tag.name, tag.open, close)
