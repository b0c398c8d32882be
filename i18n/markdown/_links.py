"""Links the site renders that CommonMark does not read as links: Liquid or spaces in a
destination (Jekyll, kramdown), and bare URLs (Goldmark's linkify)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.rules_inline import StateInline

_URL_END = re.compile(r"[\x21-\x7e]*")
_URL_TRAILING = "?!.,:*_~;"
"""Trailing marks Goldmark leaves out of a bare URL (a quote it keeps: ``x.com/a"`` links
``a%22``)."""


def bare_url_rule(state: StateInline, silent: bool) -> bool:
    """A bare ``http(s)://`` or ``ftp://`` URL (Goldmark links it) as a placeholder: a URL
    is never translated, and the text after it is kept apart from it."""
    pos = state.pos
    if state.src[pos] != ":" or not state.src.startswith("//", pos + 1):
        return False
    pending = state.pending
    scheme = next((s for s in ("https", "http", "ftp") if pending.endswith(s)), None)
    if scheme is None:
        return False
    before = pending[: len(pending) - len(scheme)]
    # Goldmark links a URL after a blank or *_~( and, its typographer having turned them
    # into entities first, after a straight quote, -- and ...
    if before and before[-1] not in " \t\n*_~(\"'" and not before.endswith(("--", "...")):
        return False
    end = _URL_END.match(state.src, pos, state.posMax).end()  # type: ignore[union-attr]
    url = state.src[pos:end]
    while url and (
        url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))
    ):
        url = url[:-1]
    if len(url) <= 3:
        return False
    if not silent:
        state.pending = before
        token = state.push("placeholder", "", 0)
        token.content = scheme + url
        token.meta["back"] = len(scheme)
    state.pos = pos + len(url)
    return True


def _loose_destination(src: str, pos: int, maximum: int) -> int:
    """End of a ``(destination)`` that holds Liquid or spaces (-1: none)."""
    if pos >= maximum or src[pos] != "(":
        return -1
    depth, at, loose = 0, pos + 1, False
    while at < maximum:
        char = src[at]
        if src.startswith(("{%", "{{"), at):
            close = src.find("%}" if src[at + 1] == "%" else "}}", at + 2, maximum)
            if close < 0 or "\n" in src[at:close]:
                return -1
            at, loose = close + 2, True
            continue
        if char == "\n":
            return -1
        if char == " ":
            loose = True
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return at + 1 if loose and at > pos + 1 else -1
            depth -= 1
        elif char == "\\":
            at += 1
        at += 1
    return -1


def loose_link_rule() -> Callable[[StateInline, bool], bool]:
    """Links and images whose destination holds Liquid (``{% post_url … %}``) or spaces:
    Jekyll runs Liquid first and kramdown takes spaces, so the site renders them as links.
    Tried after CommonMark's link and image rules, so only where those read no link."""

    def loose_link(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        bang = state.src[pos] == "!"
        if not (state.src.startswith("[", pos) or state.src.startswith("![", pos)):
            return False
        label_start = pos + 1 + bang
        label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, not bang)
        if label_end < 0:
            return False
        end = _loose_destination(state.src, label_end + 1, state.posMax)
        if end < 0:
            return False
        if not silent:
            href = state.src[label_end + 2 : end - 1].strip()
            if bang:
                token = state.push("image", "img", 0)
                token.attrs = {"src": href, "alt": ""}
                token.children = []
                token.content = state.src[label_start:label_end]
                state.md.inline.parse(token.content, state.md, state.env, token.children)
            else:
                saved_max = state.posMax
                token = state.push("link_open", "a", 1)
                token.attrs = {"href": href}
                state.pos, state.posMax = label_start, label_end
                state.linkLevel += 1
                state.md.inline.tokenize(state)
                state.linkLevel -= 1
                state.posMax = saved_max
                state.push("link_close", "a", -1)
        state.pos = end
        return True

    return loose_link
