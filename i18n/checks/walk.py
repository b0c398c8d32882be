"""The one walk over a token stream that builds an outline's leaves, blocks and skeleton.

Block tokens are dispatched through a table of handlers; inline children of each leaf through
another. Lines come from ``token.map`` (blocks) and from the spans our parser records on
inline tokens (``meta["span"]``), so a reference in the third line of a paragraph is reported
on that line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from ..markdown import SPAN
from .nodes import MARK, Block, Leaf, Ref, Segment


@dataclass(slots=True)
class _Open:
    """A container block still open during the walk."""

    kind: str
    line: int
    depth: int
    slot: int
    ordered: bool = False
    start: int = 1
    count: int = 0
    width: int = 0


@dataclass(slots=True)
class Walk:
    """State of one walk over a block token stream."""

    base: int
    containers: list[str] = field(default_factory=list)
    prefix: str = ""
    leaves: list[Leaf] = field(default_factory=list)
    blocks: list[Block | None] = field(default_factory=list)
    open: list[_Open] = field(default_factory=list)
    skeleton: list[str] = field(default_factory=list)
    skeleton_lines: list[int] = field(default_factory=list)
    line: int = 1

    def run(self, tokens: Sequence[Token]) -> None:
        self.line = self.base
        handlers = _BLOCK_HANDLERS
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                continue
            if token.map is not None:
                self.line = self.base + token.map[0]
            handler = handlers.get(kind)
            if handler is not None:
                handler(self, tokens, i)
            self.skeleton.append(kind + token.tag if kind[:7] == "heading" else kind)
            self.skeleton_lines.append(self.line)

    def push(self, name: str) -> None:
        self.containers.append(name)
        self.prefix = "/".join(self.containers) + "/"

    def pop(self) -> None:
        if self.containers:
            self.containers.pop()
        self.prefix = "/".join(self.containers) + "/" if self.containers else ""

    def open_block(self, kind: str, ordered: bool = False, start: int = 1) -> _Open:
        depth = sum(1 for block in self.open if block.kind == kind)
        block = _Open(kind, self.line, depth, len(self.blocks), ordered, start)
        self.open.append(block)
        self.blocks.append(None)
        return block

    def innermost(self, kind: str) -> _Open | None:
        for block in reversed(self.open):
            if block.kind == kind:
                return block
        return None

    def close_block(self, kind: str, key: Callable[[_Open], tuple[object, ...]]) -> None:
        block = self.innermost(kind)
        if block is None:
            return
        self.open.remove(block)
        self.blocks[block.slot] = Block(kind, key(block), block.line)

    def add_leaf(self, inline: Token | None, kind: str, level: int, line: int) -> None:
        name = f"heading{level}" if level else kind
        leaf = _read_inline(inline, kind, self.prefix + name, level, line)
        self.leaves.append(leaf)
        for block in self.open:
            if block.kind == "blockquote":
                block.count += 1


Handler = Callable[[Walk, Sequence[Token], int], None]


def _heading(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.add_leaf(tokens[i + 1], "heading", int(tokens[i].tag[1:]), walk.line)


def _paragraph(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.add_leaf(tokens[i + 1], "paragraph", 0, walk.line)


def _cell(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    inline = tokens[i + 1]
    line = walk.base + inline.map[0] if inline.map else walk.line
    walk.add_leaf(inline, "table_cell", 0, line)
    table = walk.innermost("table")
    if table is not None:
        table.width += 1


def _list_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    token = tokens[i]
    ordered = token.type == "ordered_list_open"
    start = token.attrs.get("start", 1) if ordered else 0
    walk.open_block("list", ordered=ordered, start=int(start or 1) if ordered else 0)
    walk.push(token.type[:-5])


def _list_close(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.close_block("list", lambda b: (b.depth, b.ordered, b.start, b.count))
    walk.pop()


def _item_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    current = walk.innermost("list")
    if current is not None:
        current.count += 1
    walk.push("list_item")


def _item_close(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    if tokens[i - 1].type == "list_item_open":
        # An item whose text was emptied keeps its place in the alignment, so the empty
        # translation is reported as such instead of as a structural change.
        walk.add_leaf(None, "paragraph", 0, walk.line)
        walk.skeleton += ["paragraph_open", "paragraph_close"]
        walk.skeleton_lines += [walk.line, walk.line]
    walk.pop()


def _quote_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.open_block("blockquote")
    walk.push("blockquote")


def _quote_close(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.close_block("blockquote", lambda b: (b.depth, b.count))
    walk.pop()


def _table_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.open_block("table")
    walk.push("table")


def _row_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    table = walk.innermost("table")
    if table is not None:
        table.count += 1
        table.width = 0


def _table_close(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.close_block("table", lambda b: (b.count, b.width))
    walk.pop()


def _literal(kind: str) -> Handler:
    def handler(walk: Walk, tokens: Sequence[Token], i: int) -> None:
        token = tokens[i]
        info = token.info.strip() if kind == "fence" else ""
        walk.blocks.append(Block("code", (kind, info, token.content), walk.line))

    return handler


def _html(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.blocks.append(Block("html", (tokens[i].content,), walk.line))


def _footnote_open(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.push("footnote")


def _footnote_close(walk: Walk, tokens: Sequence[Token], i: int) -> None:
    walk.pop()


_BLOCK_HANDLERS: dict[str, Handler] = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "th_open": _cell,
    "td_open": _cell,
    "bullet_list_open": _list_open,
    "ordered_list_open": _list_open,
    "bullet_list_close": _list_close,
    "ordered_list_close": _list_close,
    "list_item_open": _item_open,
    "list_item_close": _item_close,
    "blockquote_open": _quote_open,
    "blockquote_close": _quote_close,
    "table_open": _table_open,
    "tr_open": _row_open,
    "table_close": _table_close,
    "fence": _literal("fence"),
    "code_block": _literal("indented"),
    "math_block": _literal("math"),
    "math_block_eqno": _literal("math"),
    "liquid_block": _literal("raw"),
    "html_block": _html,
    "footnote_open": _footnote_open,
    "footnote_close": _footnote_close,
}


# --- inline content -------------------------------------------------------------------------


@dataclass(slots=True)
class _Inline:
    """State of one walk over an inline block's children."""

    line: int
    content: str
    newlines: list[int] | None
    refs: list[Ref] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    visible: list[str] = field(default_factory=list)
    emphasis: list[int] = field(default_factory=lambda: [0, 0, 0])
    segment_line: int = 0
    breaks: int = 0
    depth: int = 0

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


def _read_inline(inline: Token | None, kind: str, signature: str, level: int, line: int) -> Leaf:
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


def _close(state: _Inline, token: Token) -> None:
    state.texts.append(MARK)
    state.depth -= 1


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
    "math_inline_double": _literal_ref("math"),
    "placeholder": _literal_ref("liquid"),
    "html_inline": _literal_ref("html"),
    "footnote_ref": _footnote_ref,
}
