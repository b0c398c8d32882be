"""Inline HTML that opens and closes an element in one run travels as one tag pair."""

from __future__ import annotations

import re

from markdown_it.token import Token

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
    """The soft break at ``i`` starts or ends a line that holds only an attribute list."""

    def attribute_line(n: int) -> bool:
        return (
            0 <= n < len(items)
            and _is_attribute_list(items[n][0])
            and (n == 0 or items[n - 1][0].type == "softbreak")
            and (n + 1 == len(items) or items[n + 1][0].type == "softbreak")
        )

    return attribute_line(i + 1) or attribute_line(i - 1)


def _is_attribute_list(token: Token) -> bool:
    return token.type == "placeholder" and token.content.startswith("{:")
