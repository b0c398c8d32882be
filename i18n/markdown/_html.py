"""Inline HTML that opens and closes an element in one run travels as one tag pair."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from i18n.markdown._inline import Piece

_HTML_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")
_VOID = frozenset({"br", "img", "hr", "input", "wbr", "source", "meta", "link", "area", "col"})
_OPENS = {"link_open", "em_open", "strong_open", "s_open", "image"}
_ENDS = {"link_close", "em_close", "strong_close", "s_close", "image_close"}


def html_close(items: list[tuple[Token, int, int]], i: int) -> int | None:
    """The item closing the inline HTML element opened at ``i``, when it closes in the same
    run and nests with the links and emphasis around it; else None."""
    found = _HTML_OPEN.fullmatch(items[i][0].content)
    if found is None or found.group(0).endswith("/>") or found.group(1).lower() in _VOID:
        return None
    name = found.group(1).lower()
    closing = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE)
    same, balance = 0, 0
    for j in range(i + 1, len(items)):
        token = items[j][0]
        kind = token.type
        if kind == "hardbreak" or (kind == "softbreak" and next_to_attribute_line(items, j)):
            return None
        if kind in _OPENS:
            balance += 1
        elif kind in _ENDS:
            balance -= 1
            if balance < 0:
                return None
        elif kind == "html_inline":
            opened = _HTML_OPEN.fullmatch(token.content)
            if opened is not None and opened.group(1).lower() == name:
                same += 1
            elif closing.fullmatch(token.content):
                if same == 0:
                    return j if balance == 0 else None
                same -= 1
    return None


def next_to_attribute_line(items: list[tuple[Token, int, int]], i: int) -> bool:
    """The soft break at ``i`` starts or ends a line that holds only an attribute list (or a
    shortcode, or a Liquid tag)."""

    def attribute_line(n: int) -> bool:
        return (
            0 <= n < len(items)
            and _is_attribute_list(items[n][0])
            and (n == 0 or items[n - 1][0].type == "softbreak")
            and (n + 1 == len(items) or items[n + 1][0].type == "softbreak")
        )

    return attribute_line(i + 1) or attribute_line(i - 1)


def _is_attribute_list(token: Token) -> bool:
    # a Hugo shortcode or Liquid tag alone on its line too: Hugo renders a shortcode's inner
    # text as its own block only when the shortcode has lines of its own
    return token.type == "placeholder" and token.content.startswith(_OWN_LINE)


_OWN_LINE = ("{:", "{{<", "{{%", "{%")


_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_VERBATIM = frozenset({"code", "kbd", "samp", "var", "tt"})
"""Inline elements whose text is code or keys: never translated."""


def line_break_html(token: Token) -> bool:
    """The inline HTML is a line break (``<br>``): a unit ends there, so it never moves."""
    return _LINE_BREAK.fullmatch(token.content) is not None


def verbatim_close(items: list[tuple[Token, int, int]], i: int) -> int | None:
    """The item closing an inline ``<code>``, ``<kbd>``, ``<samp>``… opened at ``i``."""
    found = _HTML_OPEN.fullmatch(items[i][0].content)
    if found is None or found.group(1).lower() not in _VERBATIM:
        return None
    return html_close(items, i)


def block_end_markup(pieces: Sequence[Piece]) -> int:
    """How many of the last ``pieces`` are markup that ends a block and belongs to it, not to
    its text (0: none): an attribute list (``{: .note}``, ``{#id}``), or the id translate keeps
    on a heading where ``{#id}`` is not read (``<a id="…"></a>``)."""
    last = pieces[-1].tag if pieces else None
    if last is not None and last.name == "x" and last.open[:2] in ("{:", "{#", "{."):
        return 1
    if len(pieces) < 2 or last is None or pieces[-2].tag is not last or pieces[-2].closing:
        return 0
    return 2 if pieces[-1].closing and last.open.startswith("<a id=") else 0
