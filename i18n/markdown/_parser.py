"""The one parser factory, and the instrumentation that gives inline tokens source spans.

markdown-it-py gives block tokens line ranges (``token.map``) but inline tokens no offsets.
We wrap every inline rule so that each token it pushes records ``meta["span"] = (start, end)``
in the coordinates of its inline block's ``content``. Text tokens are left alone: text is
whatever lies between spans. Extra rules turn Liquid, Hugo shortcodes, kramdown attribute
lists and wiki links into ``placeholder`` tokens, and Liquid/shortcode raw blocks into
``liquid_block`` tokens, so their contents are never translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from i18n.markdown._dialects import (
    footnote_reference_rule,
    kramdown_delimiter_rule,
    lazy_fence_rule,
    line_marker_rule,
    mark_html_line_starts,
    mark_kept_lines,
    unicode_html_block,
    unicode_html_inline,
)
from i18n.markdown._links import bare_url_rule, loose_link_rule
from i18n.markdown._tables import loose_table_rule

InlineRule = Callable[[StateInline, bool], bool]

SPAN = "span"
"""``token.meta`` key of a token's ``(start, end)`` in its inline content."""
LABEL = "label"
"""``token.meta`` key of a link's or image's label ``(start, end)``."""

# Inline constructs that pass through a translation untouched (Liquid runs before Markdown).
_PLACEHOLDER_PATTERNS = (
    re.compile(r"\{%-?.*?-?%\}", re.S),  # Liquid tag
    re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S),  # Hugo shortcode
    re.compile(r"\{\{.*?\}\}", re.S),  # Liquid output
    re.compile(r"\{:[^}\n]*\}"),  # kramdown attribute list / {:toc}
    re.compile(r"\{[#.][\w\-.: #=\"']*\}(?=[ \t]*$)", re.M),  # heading id {#id .class}
    re.compile(r"\[\[[^\]\n]+\]\](?![(\[])"),  # wiki link (not [[label]](url))
    # an autolink with a blank inside: kramdown links it, CommonMark leaves it as text
    re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\n]*[ \t][^<>\n]*>"),
)

# Liquid and shortcode blocks whose body is code or raw text, not prose.
_RAW_BLOCK_OPEN = re.compile(
    r"^[ \t]{0,3}(?:\{%-?\s*(highlight|raw|comment|capture|codeblock|mermaid)\b"
    r"|\{\{[<%]\s*(highlight|code|mermaid|katex|math|raw)\b)"
)


def _placeholder_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] not in "{[<":
        return False
    for pattern in _PLACEHOLDER_PATTERNS:
        found = pattern.match(state.src, state.pos, state.posMax)
        if found:
            if not silent:
                token = state.push("placeholder", "", 0)
                token.content = found.group(0)
            state.pos = found.end()
            return True
    return False


def _raw_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    at = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[at : at + 1] != "{":
        return False  # the usual case, at every line a paragraph continues on
    first = state.src[state.bMarks[start_line] : state.eMarks[start_line]]
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    opened = _RAW_BLOCK_OPEN.match(first)
    if not opened:
        return False
    name = opened.group(1) or opened.group(2)
    closing = re.compile(
        r"\{%-?\s*end" + re.escape(name) + r"\b" if opened.group(1) else r"\{\{[<%]\s*/" + name
    )
    line = start_line
    while line < end_line:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if closing.search(text, opened.end() if line == start_line else 0):
            break
        line += 1
    else:
        return False  # unterminated: leave it to the other rules
    if silent:
        return True
    token = state.push("liquid_block", "", 0)
    token.map = [start_line, line + 1]
    token.content = state.getLines(start_line, line + 1, state.sCount[start_line], True)
    state.line = line + 1
    return True


_MARKER_CHARS = frozenset(":[0123456789-+*>#")


def _placeholders(dialect: str) -> InlineRule:
    """Everything that travels as a placeholder, in one rule (one call per position where
    the text rule stops): block markers at a line's start, Liquid, shortcodes, attribute
    lists, wiki links, Unicode-named tags (kramdown), bare URLs."""
    line_marker = line_marker_rule(dialect)
    unicode_tags = dialect != "goldmark"

    def placeholders(state: StateInline, silent: bool) -> bool:
        char = state.src[state.pos]
        if char in _MARKER_CHARS and line_marker(state, silent):
            return True
        if char in "{[<" and _placeholder_rule(state, silent):
            return True
        if char == "<":
            return unicode_tags and unicode_html_inline(state, silent)
        return char == ":" and bare_url_rule(state, silent)

    return placeholders


def _tag_tokens(state: StateInline, new: list[Token], start: int, end: int, name: str) -> None:
    """Give the tokens one rule pushed their spans in ``state.src``."""
    if name in ("emphasis", "strikethrough"):
        # Delimiter runs become one text token per delimiter; postProcess turns matched ones
        # into em/strong/s tokens in place, keeping our meta.
        pos = end
        for token in reversed(new):
            if token.type != "text" or pos <= start or SPAN in token.meta:
                break
            token.meta[SPAN] = (pos - len(token.content), pos)
            pos -= len(token.content)
        return
    own = [t for t in new if t.type != "text" and SPAN not in t.meta]
    if name == "loose_link":
        name = "image" if own and own[0].type == "image" else "link"
    if own and "back" in own[0].meta:  # a bare URL: its scheme was read as text first
        own[0].meta[SPAN] = (start - own[0].meta["back"], end)
        return
    if name == "link" and own and own[0].type == "link_open":
        label_end = _label_end(state, start)
        own[0].meta[SPAN] = (start, start + 1)
        own[-1].meta[SPAN] = (label_end, end)
        own[0].meta[LABEL] = (start + 1, label_end)
        return
    if name == "image" and own and own[0].type == "image":
        own[0].meta[SPAN] = (start, end)
        own[0].meta[LABEL] = (start + 2, _label_end(state, start + 1, nested=True))
        return
    if name == "newline":
        while start > 0 and state.src[start - 1] == " ":
            start -= 1
    for token in own:
        token.meta[SPAN] = (start, end)


def _label_end(state: StateInline, label_open: int, nested: bool = False) -> int:
    saved = state.pos
    try:
        # links refuse nested links in their label; images allow them (as their rules do)
        return int(state.md.helpers.parseLinkLabel(state, label_open, not nested))
    finally:
        state.pos = saved


def _instrument(
    name: str, rule: InlineRule, mark: Callable[[StateInline, int], None] | None = None
) -> InlineRule:
    def spanned(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if len(state.tokens) > count:
            _tag_tokens(state, state.tokens[count:], start, state.pos, name)
            if mark is not None:
                mark(state, state.pos)
        return True

    return spanned


EXTENSIONS = frozenset({"table", "strikethrough", "footnote", "dollarmath"})
"""The extensions beyond CommonMark (with HTML) that the parser understands."""

# The character each extension's every rule needs before it can fire: a table row needs a
# pipe, strikethrough a tilde, a footnote ``[^``/``^[``, math a dollar sign.
_MARKERS = {"table": "|", "strikethrough": "~", "footnote": "^", "dollarmath": "$"}


def _rule(ruler: Ruler[Any], name: str) -> Any:
    """The function of the active rule ``name`` (the public Ruler API)."""
    return dict(zip(ruler.get_active_rules(), ruler.getRules(""), strict=True))[name]


def _opener_at_start_sees_no_digit(
    fn: Callable[[StateInline, bool], bool],
) -> Callable[[StateInline, bool], bool]:
    """The plugin's "no digit before an opening ``$``" test reads ``src[pos - 1]``, which at
    the start of a paragraph is its *last* character: ``$x$ … 2019`` lost its math. Give the
    rule a trailing blank to read there instead (the source text itself is unchanged)."""

    def rule(state: StateInline, silent: bool) -> bool:
        if state.pos != 0 or not state.src[-1:].isdigit():
            return bool(fn(state, silent))
        src = state.src
        state.src = src + " "
        try:
            return bool(fn(state, silent))
        finally:
            state.src = src

    return rule


def _closed_by_its_first_dollars(
    fn: Callable[[StateBlock, int, int, bool], bool],
) -> Callable[[StateBlock, int, int, bool], bool]:
    """The plugin closes a math block at the first line that *ends* in ``$$``, past blank
    lines: ``$$`` ⏎ formula ⏎ ``$$**bold**`` (inline math a Japanese order moved to the
    start of its paragraph) swallowed the paragraphs, fences and text after it up to the
    next formula. kramdown (its lazy ``$$(.*?)$$``) and MathJax close math at its first ``$$``,
    and kramdown makes it a block only where nothing follows on that line (else the
    paragraph has inline math): read a block only there."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.startswith("$$", start):
            start += 2  # the closer is searched for after the opener
            for line in range(start_line, end_line):
                closer = state.src.find("$$", start, state.eMarks[line])
                if closer >= 0:
                    if state.src[closer + 2 : state.eMarks[line]].strip():
                        return False
                    break
                start = state.bMarks[line + 1] if line + 1 < end_line else start
        return bool(fn(state, start_line, end_line, silent))

    return rule


def kramdown_delimiters(content: str) -> dict[tuple[int, int], tuple[int, int]]:
    """The emphasis and strikethrough delimiter runs kramdown pairs up in inline ``content``:
    each opening run's span -> its closing run's span."""
    return delimiter_pairs(content, "kramdown")


def delimiter_pairs(content: str, dialect: str) -> dict[tuple[int, int], tuple[int, int]]:
    """The emphasis and strikethrough delimiter runs ``dialect`` pairs up in inline ``content``
    (``$`` is text here, as the renderers read it): opening run's span -> closing run's span."""
    parser = make_parser(frozenset({"strikethrough"}), dialect)
    pairs: dict[tuple[int, int], tuple[int, int]] = {}
    opened: list[tuple[int, int]] = []
    for block in parser.parseInline(content):
        for token in block.children or ():
            if token.type in _DELIMITER_TOKENS and SPAN in token.meta:
                start, end = token.meta[SPAN]
                if token.nesting == 1:
                    opened.append((end - len(token.markup), end))
                elif opened:
                    pairs[opened.pop()] = (start, start + len(token.markup))
    return pairs


_DELIMITER_TOKENS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
)


def parser_for(text: str, dialect: str = "commonmark") -> MarkdownIt:
    """The parser for ``text`` in ``dialect``: the same tokens as :func:`make_parser` gives,
    without the extensions whose marker character ``text`` lacks. Their rules could not fire,
    but would still be tried at every line or delimiter (about 10% of parsing time on a digest
    post)."""
    return make_parser(frozenset(name for name, mark in _MARKERS.items() if mark in text), dialect)


def make_parser(extensions: frozenset[str] = EXTENSIONS, dialect: str = "commonmark") -> MarkdownIt:
    """The one parser: CommonMark, tables, strikethrough, footnotes, dollar math, Liquid
    (``extensions`` names which of the four to include; all by default), and what the
    ``dialect``'s renderers read besides (see :mod:`i18n.markdown._dialects`)."""
    return _make_parser(extensions, dialect)


@lru_cache(maxsize=16 * 3)  # every subset of the four extensions, per dialect
def _make_parser(extensions: frozenset[str], dialect: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.enable([name for name in ("table", "strikethrough") if name in extensions])
    if "footnote" in extensions:
        md.use(footnote_plugin)
        reference = _rule(md.block.ruler, "reference")
        md.block.ruler.before(
            "reference",
            "footnote_reference",
            footnote_reference_rule(reference),
            {"alt": ["paragraph"]},
        )
    if "dollarmath" in extensions:
        md.use(dollarmath_plugin, allow_digits=False, double_inline=True)
        math = md.inline.ruler
        for name, rule in zip(math.get_active_rules(), math.getRules(""), strict=True):
            if name == "math_inline":
                math.at(name, _opener_at_start_sees_no_digit(rule))
        blocks = md.block.ruler
        blocks.at("math_block", _closed_by_its_first_dollars(_rule(blocks, "math_block")))
    inline = md.inline.ruler
    inline.before("text", "placeholder", _placeholders(dialect))
    # after link and image: tried only where CommonMark reads no link
    inline.after("image", "loose_link", loose_link_rule())
    if dialect == "kramdown":
        fence = lazy_fence_rule(_rule(md.block.ruler, "fence"))
        md.block.ruler.at("fence", fence, {"alt": ["paragraph", "reference", "blockquote", "list"]})
        for name in ("emphasis", "strikethrough"):
            if name in inline.get_active_rules():
                inline.at(name, kramdown_delimiter_rule(_rule(inline, name)))
    md.block.ruler.before(
        "fence", "liquid_block", _raw_block_rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    if dialect != "goldmark":
        interrupts = ["paragraph", "reference", "blockquote"]
        md.block.ruler.before(
            "html_block", "unicode_html_block", unicode_html_block, {"alt": interrupts}
        )
    if "table" in extensions:  # a row needs a pipe, as the table extension's rows do
        # last before paragraphs, as in kramdown: every other block construct wins first
        md.block.ruler.before("paragraph", "loose_table", loose_table_rule(dialect))
    # text_special (escapes, entities) must stay distinct tokens: they carry spans.
    md.core.ruler.disable("text_join")
    # unmatched emphasis delimiters must stay their own tokens (with spans), not be merged
    md.inline.ruler2.disable("fragments_join")
    if dialect != "goldmark":
        md.core.ruler.after("inline", "html_line_starts", mark_html_line_starts(dialect))
    keep = mark_kept_lines(dialect)
    ruler = md.inline.ruler
    # the active rules' names and functions, both in chain order (the public Ruler API)
    for name, rule in zip(ruler.get_active_rules(), ruler.getRules(""), strict=True):
        if name != "text":  # text only feeds the pending buffer: it pushes no token
            ruler.at(name, _instrument(name, rule, keep if name == "newline" else None))
    return md
