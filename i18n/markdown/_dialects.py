"""What the site renderers read differently from CommonMark, as markdown-it rules.

Jekyll sites render kramdown (GFM input), Hugo sites Goldmark. Both read some lines and spans
that CommonMark reads as plain text: a ``: `` line is a definition, a ``2.`` line inside a
paragraph starts a list in kramdown, a row of pipes without a delimiter row is a kramdown table,
a link destination may hold Liquid or spaces. The rules here let the parser see those
constructs, so their markup is never translated and a soft break before a line the renderer
reads as a block keeps its line. ``commonmark`` (no site known) is read as CommonMark; a soft
break before a line either renderer reads as a block keeps its line there too (CommonMark reads
both alike), so the translation renders in both wherever they read the source alike.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import partial

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token

from i18n.markdown._tables import LOOSE

DIALECTS = ("kramdown", "goldmark", "commonmark")
"""Dialects a post can be read in."""

KEEP = "keep"
"""``token.meta`` key of a soft break whose next line a renderer reads as a block."""
MARKER = "marker"
"""``token.meta`` key of a placeholder that is a block marker at a line's start."""

# kramdown's span-level HTML elements: a line that starts with one of them stays in its paragraph
_SPAN_ELEMENTS = (
    "a|abbr|acronym|b|bdo|big|br|button|cite|code|del|dfn|em|font|i|img|input|ins|kbd|label"
    "|map|mark|object|q|s|samp|script|select|small|span|strike|strong|sub|sup|textarea|tt|u|var"
)

# Lines inside a paragraph that a renderer reads as a block of their own, with the renderers
# that do, what they make of it, and the marker that starts it (kept out of the translation).
_BLOCK_LINES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"kramdown", "goldmark"}), "a definition", r"(?P<definition>:[ \t]+)"),
    (frozenset({"kramdown"}), "an ordered list item", r"(?P<ordered>\d{1,9}\.[ \t]+)"),
    (frozenset({"kramdown"}), "a list item", r"(?P<bullet>[-+*][ \t]+)"),
    (frozenset({"kramdown"}), "a quote", r"(?P<quote>>[ \t]?)"),
    (frozenset({"kramdown"}), "a heading", r"(?P<heading>\#{1,6}[ \t]+)"),
    (frozenset({"kramdown"}), "a code fence", r"(?P<fence>(?:```|~~~)[^\n]*)"),
    (frozenset({"kramdown"}), "an end-of-block marker", r"(?P<eob>)(?=\^[ \t]*$)"),
    (
        frozenset({"kramdown"}),
        "an HTML block",
        rf"(?P<html>)(?=</?(?!(?:{_SPAN_ELEMENTS})\b)[A-Za-z][\w-]*(?:[\s/>]|$))",
    ),
    # a pipe is harmless on a continuation line, but makes a table row of a paragraph's
    # first line: a line holding one is never joined onto the line above
    (frozenset({"kramdown"}), "a table row", r"(?P<table>)(?=(?:[^\n\\]|\\.)*\|)"),
)
_READINGS = {
    match.group(1): (renderers, reading)
    for renderers, reading, pattern in _BLOCK_LINES
    if (match := re.match(r"\(\?P<(\w+)>", pattern))
}


def _renderers(dialect: str) -> frozenset[str]:
    return frozenset({"kramdown", "goldmark"}) if dialect == "commonmark" else frozenset({dialect})


def _block_line_pattern(dialect: str) -> re.Pattern[str]:
    chosen = [pattern for renderers, _, pattern in _BLOCK_LINES if renderers & _renderers(dialect)]
    return re.compile("[ \t]*(?:" + "|".join(chosen) + ")")


BLOCK_LINE = {dialect: _block_line_pattern(dialect) for dialect in DIALECTS}
"""Per dialect: a line (from its first non-blank character) a renderer reads as a block."""

# HTML that starts an HTML block at a line's start. CommonMark: a comment, a processing
# instruction, a declaration, CDATA, script/pre/style/textarea, or a block element's tag
# (kinds 1 to 6; kind 7 needs the tag alone on its line); kramdown: a comment or any tag
# but a span element's.
_COMMONMARK_HTML = (
    r"<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<(?:script|pre|style|textarea)(?=[\s>]|$)"
    r"|</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup"
    r"|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset"
    r"|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol"
    r"|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr"
    r"|track|ul)(?=[\s/>]|$)"
)
_KRAMDOWN_HTML = rf"<!--|</?(?!(?:{_SPAN_ELEMENTS})\b)[A-Za-z][\w-]*(?:[\s/>]|$)"
HTML_BLOCK_START = {
    dialect: re.compile(
        rf"[ \t]*(?:{_COMMONMARK_HTML}"
        + ("" if dialect == "goldmark" else f"|{_KRAMDOWN_HTML}")
        + ")",
        re.IGNORECASE,
    )
    for dialect in DIALECTS
}
"""Per dialect: inline HTML that a renderer reads as an HTML block where it opens a line."""


def block_reading(dialect: str, line: str) -> str | None:
    """How the site's renderer reads ``line`` when it stands inside a paragraph, e.g.
    ``kramdown reads this line as a table row`` (None: as part of the paragraph)."""
    found = BLOCK_LINE[dialect].match(line)
    if found is None or found.lastgroup is None:
        return None
    renderers, reading = _READINGS[found.lastgroup]
    names = " and ".join(sorted(renderers & _renderers(dialect)))
    return f"{names} {'read' if ' and ' in names else 'reads'} this line as {reading}"


def dialect_lines(tokens: Sequence[Token], dialect: str, lines: Sequence[str]) -> dict[int, str]:
    """Body lines (0-based) that the dialect reads as a block where CommonMark does not, with
    how it reads them (``kramdown reads this line as a table row``)."""
    found: dict[int, str] = {}

    def note(line: int, text: str) -> None:
        reading = block_reading(dialect, text)
        if reading is not None:
            found[line] = reading

    for token in tokens:
        if token.type == "table_open" and LOOSE in token.meta and token.map is not None:
            for line in range(token.map[0], min(token.map[1], len(lines))):
                note(line, lines[line])
        if token.type != "inline" or token.map is None or not token.children:
            continue
        parts = token.content.split("\n")
        row = 0
        for n, child in enumerate(token.children):
            if child.type in ("softbreak", "hardbreak"):
                row += 1
                if KEEP in child.meta and row < len(parts):
                    note(token.map[0] + row, parts[row])
            elif n == 0 and MARKER in child.meta and child.content.startswith(":"):
                note(token.map[0], parts[0])
    return found


# --- inline rules -------------------------------------------------------------------------

_TASK = re.compile(r"\[[ xX]\][ \t]+")
_MARKER_GROUPS = frozenset({"definition", "ordered", "bullet", "quote", "heading", "fence"})


def line_marker_rule(dialect: str) -> Callable[[StateInline, bool], bool]:
    """A block marker at the start of a line (``: ``, ``2. ``, a task box ``[ ]``) as a
    placeholder: kept as written, and left out of the unit when it starts one."""
    pattern = BLOCK_LINE[dialect]

    def line_marker(state: StateInline, silent: bool) -> bool:
        pos = start = state.pos
        src = state.src
        while start and src[start - 1] in " \t":
            start -= 1
        if start and src[start - 1] != "\n":
            return False  # not at a line's start
        found = None
        if pos == 0 and state.src[pos] == "[":
            found = _TASK.match(state.src, pos, state.posMax)
        elif pos > 0 or state.src[pos] == ":":
            found = pattern.match(state.src, pos, state.posMax)
            if found is not None and found.lastgroup not in _MARKER_GROUPS:
                found = None
        if found is None or found.end() == pos:
            return False
        if not silent:
            token = state.push("placeholder", "", 0)
            token.content = found.group(0)
            token.meta[MARKER] = True
        state.pos = found.end()
        return True

    return line_marker


def mark_kept_lines(dialect: str) -> Callable[[StateInline, int], None]:
    """Marks a soft break just pushed (before ``pos``) when the line from ``pos`` on is one a
    renderer of ``dialect`` reads as a block."""
    pattern = BLOCK_LINE[dialect]

    def mark(state: StateInline, pos: int) -> None:
        token = state.tokens[-1] if state.tokens else None
        if token is not None and token.type == "softbreak" and pattern.match(state.src, pos):
            token.meta[KEEP] = True

    return mark


def mark_html_line_starts(dialect: str) -> Callable[[StateCore], None]:
    """A core rule: an inline HTML tag that opens a paragraph's line, where kramdown reads
    the line as an HTML block (raw: its code spans and emphasis stay text), becomes a block
    marker. It then keeps its line's start, where a translation's word order would move it
    and kramdown would render the line's markup. CommonMark reads the tag inline either way."""
    pattern = BLOCK_LINE[dialect]

    def mark(state: StateCore) -> None:
        for previous, token in itertools.pairwise(state.tokens):
            if token.type != "inline" or previous.type != "paragraph_open":
                continue
            children = token.children or []
            for n, child in enumerate(children):
                opens_line = n == 0 or (
                    children[n - 1].type == "softbreak" and KEEP in children[n - 1].meta
                )
                found = pattern.match(child.content) if child.type == "html_inline" else None
                if opens_line and found is not None and found.lastgroup == "html":
                    child.meta[MARKER] = True

    return mark


def _kramdown_delimiters(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """kramdown's reading of a delimiter run: it opens unless a blank follows and closes unless
    a blank precedes (``_`` also not inside a word); punctuation does not matter."""
    marker = state.src[start]
    end = start
    while end < state.posMax and state.src[end] == marker:
        end += 1
    before = state.src[start - 1] if start > 0 else " "
    after = state.src[end] if end < state.posMax else " "
    can_open = not after.isspace()
    can_close = not before.isspace()
    if marker == "_":
        can_open = can_open and not before.isalnum()
        can_close = can_close and not after.isalnum()
    return Scanned(can_open, can_close, end - start)


def kramdown_delimiter_rule(
    rule: Callable[[StateInline, bool], bool],
) -> Callable[[StateInline, bool], bool]:
    """``rule`` (emphasis or strikethrough) with kramdown's delimiter runs."""

    def kramdown_rule(state: StateInline, silent: bool) -> bool:
        if not silent and state.src[state.pos] in "*_~":
            state.scanDelims = partial(_kramdown_delimiters, state)  # type: ignore[method-assign]
        return rule(state, silent)

    return kramdown_rule


# --- block rules --------------------------------------------------------------------------


_UNICODE_ELEMENT = re.compile(r" {0,3}<([^\W\d_][^\s<>/]*)>[ \t]*$")


def unicode_html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """kramdown takes ``<방법2>`` alone on a line for an HTML element (its names may hold
    any letter): raw HTML up to ``</방법2>`` or the end. CommonMark reads text, so this is
    read as an HTML block and left as it is."""
    at = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[at : at + 1] != "<":
        return False
    line_text = state.src[state.bMarks[start_line] : state.eMarks[start_line]]
    opened = _UNICODE_ELEMENT.match(line_text)
    if opened is None or opened.group(1).isascii() or state.sCount[start_line] >= 4:
        return False
    if silent:
        return True
    closing = f"</{opened.group(1)}>"
    line = start_line
    while line < end_line and closing not in state.src[state.bMarks[line] : state.eMarks[line]]:
        line += 1
    line = min(line + 1, end_line)
    token = state.push("html_block", "", 0)
    token.map = [start_line, line]
    token.content = state.getLines(start_line, line, state.blkIndent, True)
    state.line = line
    return True


_UNICODE_TAG = re.compile(r"</?([^\W\d_][^\s<>/]*)(?:\s[^<>\n]*)?/?>")


def unicode_html_inline(state: StateInline, silent: bool) -> bool:
    """kramdown reads ``<컨피그맵 참조>`` as an HTML tag (its element names may hold any
    letter), CommonMark as text: a placeholder, so it stays exactly as kramdown saw it."""
    if state.src[state.pos] != "<":
        return False
    found = _UNICODE_TAG.match(state.src, state.pos, state.posMax)
    if found is None or found.group(1).isascii():
        return False
    if not silent:
        state.push("placeholder", "", 0).content = found.group(0)
    state.pos = found.end()
    return True


def lazy_fence_rule(
    fence: Callable[[StateBlock, int, int, bool], bool],
) -> Callable[[StateBlock, int, int, bool], bool]:
    """kramdown's fences: one at the margin, right under a list item's first paragraph, does
    not end that paragraph but is a lazy line of it (one indented into an outer item ends the
    paragraph in both readings)."""

    def lazy_fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if (
            silent
            and state.parentType == "paragraph"
            and state.sCount[start_line] == 0 < state.blkIndent
            and state.tokens
            and state.tokens[-1].type == "list_item_open"
        ):
            return False
        return fence(state, start_line, end_line, silent)

    return lazy_fence


def footnote_reference_rule(
    reference: Callable[[StateBlock, int, int, bool], bool],
) -> Callable[[StateBlock, int, int, bool], bool]:
    """A reference definition right after a footnote's line ends the footnote: kramdown
    takes only a footnote's first line and its indented ones."""

    def footnote_reference(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        # the paragraph being ended is the footnote's first block: nothing is open since
        in_footnote = bool(state.tokens) and state.tokens[-1].type == "footnote_reference_open"
        if not in_footnote or state.sCount[start_line] >= state.blkIndent:
            return False
        return reference(state, start_line, end_line, silent)

    return footnote_reference
