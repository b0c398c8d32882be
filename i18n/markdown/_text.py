"""Writing translated plain text back as Markdown that means exactly that text.

Engines return prose; prose may contain characters Markdown would read as markup (``*``,
``_``, ``[``, a ``1.`` at the start of a line…). These functions escape just enough.

An engine also moves inline elements, and one it puts first on a line can open a block in
kramdown alone. kramdown ends a paragraph at a line that opens with a tag that is no span
element (``<file>``: an HTML block) or with three backticks or tildes and at most one word
after them (a fenced code block when a closing fence follows anywhere below: it swallows the
paragraphs up to it). A code span ````` ```x``` ````` or such a tag reads inline in the middle
of a line in every renderer, and at a line's start in CommonMark and Goldmark too (a backtick
fence's info string holds no backtick); Japanese writes no spaces beside it, so kramdown alone
would open the block. A blank after the code span (kramdown's fence takes one word only) or a
zero-width space before the tag (its HTML block opens only with ``<`` after at most three
spaces) keeps kramdown reading the line as the others do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from i18n.markdown._decode import decode_tagged
from i18n.markdown._dialects import HTML_BLOCK_START
from i18n.markdown._inline import Tag
from i18n.markdown._model import Unit

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
_FENCE = re.compile(r"[ ]{0,3}[`~]{3,}[ \t\f\v]*[^ \t\n\r\f\v]*[ \t\f\v]*\Z")
"""kramdown's fence opener (``\\s`` and ``\\S`` in Ruby are ASCII): the fence, one word."""


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


def keep_html_inline(unit: Unit, written: str, tags: Sequence[Tag], dialect: str) -> str:
    """A paragraph's line that opens with inline HTML the engine moved there, which the
    dialect's renderers would read as an HTML block (its line raw, or the element apart from
    the paragraph), gets a zero-width space first: an invisible letter, so the line opens
    with text and the HTML stays inline. A line the source opened with that HTML too (after a
    hard break, inside the unit) keeps the reading it had."""
    if (
        unit.style != "line"
        or written.lstrip(" \t")[:1] != "<"  # most units: no HTML opens them
        or not HTML_BLOCK_START[dialect].match(written)
    ):
        return written
    source = decode_tagged(unit.text, tags, lambda text: text)
    if any(
        tag.open and written.startswith(tag.open) and source.startswith(tag.open) for tag in tags
    ):
        return written
    return "\u200b" + written


def kept_off_fences(unit: Unit, written: str, tags: Sequence[Tag], dialect: str) -> str:
    """``written`` (the unit translated), with a blank after the code span it opens with,
    where the unit starts a line that kramdown (a site's renderer, or one of the two without a
    site) would read as a code fence (the fence takes one word: Japanese has no blank to end
    it), unless the source's line opened with that code span as the same fence. HTML that
    opens the line is :func:`keep_html_inline`'s."""
    if unit.style != "line" or dialect == "goldmark" or not _FENCE.match(_first_line(written)):
        return written
    leading = [tag for tag in tags if tag.open and written.startswith(tag.open)]
    if not leading:
        return written  # text first: escaped already
    first = max(leading, key=lambda tag: len(tag.open))
    source = decode_tagged(unit.text, tags, lambda text: text)
    if source.startswith(first.open) and _FENCE.match(_first_line(source)):
        return written  # the source's line opens the same fence: the translation keeps it
    end = len(first.open)
    if first.name == "x" and written[end : end + 1] not in ("", " ", "\t"):
        return written[:end] + " " + written[end:]
    return written


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


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
