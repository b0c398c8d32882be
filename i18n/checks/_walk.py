"""The one walk over a block token stream that builds an outline's leaves, blocks, skeleton.

Block tokens are dispatched through a table of handlers; each inline block's children are
read by :func:`i18n.checks._runs.read_inline`. Lines come from ``token.map``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from i18n.checks._nodes import Block, Leaf
from i18n.checks._runs import read_inline


@dataclass(slots=True)
class _Open:
    """A container block still open during the walk."""

    kind: str
    """``list``, ``blockquote`` or ``table``."""
    line: int
    """Where it starts."""
    depth: int
    """How many blocks of its kind enclose it."""
    slot: int
    """Its index in the walk's block list (filled in when it closes)."""
    ordered: bool = False
    """Lists: numbered."""
    start: int = 1
    """Ordered lists: the first number."""
    count: int = 0
    """Items (lists), inline blocks inside (quotes), rows (tables)."""
    width: int = 0
    """Tables: cells in the current row."""


@dataclass(slots=True)
class Walk:
    """State of one walk over a block token stream."""

    base: int
    """Document line of the body's first line (after front matter)."""
    containers: list[str] = field(default_factory=list)
    """Open container kinds, outermost first."""
    prefix: str = ""
    """``containers`` joined, the start of a leaf's signature."""
    leaves: list[Leaf] = field(default_factory=list)
    """Inline blocks so far."""
    blocks: list[Block | None] = field(default_factory=list)
    """Container and literal blocks so far (None: still open)."""
    open: list[_Open] = field(default_factory=list)
    """Containers still open."""
    skeleton: list[str] = field(default_factory=list)
    """Block token types so far."""
    skeleton_lines: list[int] = field(default_factory=list)
    """Their lines."""
    line: int = 1
    """Line of the current block token."""

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
        leaf = read_inline(inline, kind, self.prefix + name, level, line)
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
