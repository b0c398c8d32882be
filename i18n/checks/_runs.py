"""The walk over one inline block's children: its references and its text runs.

Children are dispatched through a table of handlers. Lines come from the spans our parser
records on inline tokens (``meta["span"]``), so a reference in the third line of a paragraph
is reported on that line; text runs end at hard breaks outside links and emphasis, as units do.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token

from i18n.checks._nodes import MARK, Leaf, Ref, Segment
from i18n.markdown import SPAN


@dataclass(slots=True)
class _Inline:
    """State of one walk over an inline block's children."""

    line: int
    """Document line of the inline content's first line."""
    content: str
    """The inline content."""
    newlines: list[int] | None
    """Offsets of its line breaks (None: one line)."""
    refs: list[Ref] = field(default_factory=list)
    """References so far."""
    segments: list[Segment] = field(default_factory=list)
    """Finished segments."""
    texts: list[str] = field(default_factory=list)
    """Text of the current segment."""
    visible: list[str] = field(default_factory=list)
    """All text with code (for heading ids)."""
    emphasis: list[int] = field(default_factory=lambda: [0, 0, 0])
    """Emphasis, strong, strikethrough opened in the current segment."""
    segment_line: int = 0
    """Line where the current segment starts."""
    breaks: int = 0
    """Hard breaks so far."""
    depth: int = 0
    """Links and emphasis open (a hard break inside them does not end a segment)."""
    autolink: bool = False
    """Inside ``<https://…>``: its text is the URL, never translated text."""
    verbatim: str = ""
    """Inside inline ``<code>``, ``<kbd>``… (this element's name): code, never translated."""

    def line_at(self, token: Token, end: bool = False) -> int:
        span = token.meta.get(SPAN)
        if span is None or self.newlines is None:
            return self.line
        return self.line + bisect.bisect_left(self.newlines, span[1] if end else span[0])

    def alone(self, token: Token) -> bool:
        """True when the token is the only thing on its line of the content."""
        span = token.meta.get(SPAN)
        if span is None:
            return False
        start, end = span
        line_start = self.content.rfind("\n", 0, start) + 1
        line_end = self.content.find("\n", end)
        line_end = len(self.content) if line_end < 0 else line_end
        return not self.content[line_start:start].strip() and not self.content[end:line_end].strip()

    def end_segment(self) -> None:
        text = "".join(self.texts).strip()
        em, strong, strike = self.emphasis
        self.segments.append(Segment(text, self.segment_line, (em, strong, strike)))
        self.texts = []
        self.emphasis = [0, 0, 0]


def read_inline(inline: Token | None, kind: str, signature: str, level: int, line: int) -> Leaf:
    """An inline block (None: an emptied list item) as a :class:`Leaf`."""
    content = inline.content if inline is not None else ""
    newlines = [m.start() for m in re.finditer("\n", content)] if "\n" in content else None
    state = _Inline(line, content, newlines, segment_line=line)
    handlers = _INLINE_HANDLERS
    for token in inline.children or () if inline is not None else ():
        handler = handlers.get(token.type)
        if handler is not None:
            handler(state, token)
    state.end_segment()
    slug = "".join(state.visible) if level else ""
    return Leaf(
        kind, signature, line, level, tuple(state.refs), state.breaks, tuple(state.segments), slug
    )


InlineHandler = Callable[[_Inline, Token], None]


def _text(state: _Inline, token: Token) -> None:
    if state.autolink or state.verbatim:
        return
    state.texts.append(token.content)
    state.visible.append(token.content)


def _softbreak(state: _Inline, token: Token) -> None:
    state.texts.append(" ")
    state.visible.append(" ")


def _hardbreak(state: _Inline, token: Token) -> None:
    state.breaks += 1
    if state.depth == 0:
        state.end_segment()
        state.segment_line = state.line_at(token, end=True)


def _escape(state: _Inline, token: Token) -> None:
    state.texts += (MARK, token.content, MARK)
    state.visible.append(token.content)


def _link_open(state: _Inline, token: Token) -> None:
    state.refs.append(Ref("link", str(token.attrs.get("href", "")), state.line_at(token)))
    state.texts.append(MARK)
    state.depth += 1
    state.autolink = token.markup == "autolink"


def _close(state: _Inline, token: Token) -> None:
    state.texts.append(MARK)
    state.depth -= 1
    state.autolink = False


def _image(state: _Inline, token: Token) -> None:
    state.refs.append(Ref("image", str(token.attrs.get("src", "")), state.line_at(token)))
    state.texts.append(MARK)
    for child in token.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            state.texts.append(child.content)
    state.texts.append(MARK)


def _emphasis(slot: int) -> InlineHandler:
    def handler(state: _Inline, token: Token) -> None:
        state.emphasis[slot] += 1
        state.texts.append(MARK)
        state.depth += 1

    return handler


def _literal_ref(kind: str) -> InlineHandler:
    def handler(state: _Inline, token: Token) -> None:
        # only a kramdown attribute list's meaning depends on standing alone on its line
        alone = kind == "liquid" and token.content.startswith("{:") and state.alone(token)
        state.refs.append(Ref(kind, token.content, state.line_at(token), alone))
        state.texts.append(MARK)
        if kind == "code":
            state.visible.append(token.content)

    return handler


_html_ref = _literal_ref("html")
_VERBATIM_OPEN = re.compile(r"<(code|kbd|samp|var|tt)(?:\s[^<>]*)?>", re.I)


def _html(state: _Inline, token: Token) -> None:
    _html_ref(state, token)
    if not state.verbatim:
        opened = _VERBATIM_OPEN.fullmatch(token.content)
        state.verbatim = opened.group(1).lower() if opened else ""
    elif re.fullmatch(rf"</{state.verbatim}\s*>", token.content, re.I):
        state.verbatim = ""


def _footnote_ref(state: _Inline, token: Token) -> None:
    state.refs.append(Ref("footnote", str(token.meta.get("label", "")), state.line_at(token)))
    state.texts.append(MARK)


_INLINE_HANDLERS: dict[str, InlineHandler] = {
    "text": _text,
    "text_special": _escape,
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "link_open": _link_open,
    "link_close": _close,
    "em_open": _emphasis(0),
    "strong_open": _emphasis(1),
    "s_open": _emphasis(2),
    "em_close": _close,
    "strong_close": _close,
    "s_close": _close,
    "image": _image,
    "code_inline": _literal_ref("code"),
    "math_inline": _literal_ref("math"),
    "math_inline_double": _literal_ref("display-math"),
    "placeholder": _literal_ref("liquid"),
    "html_inline": _html,
    "footnote_ref": _footnote_ref,
}
