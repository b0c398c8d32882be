"""Matching a block's references between source and translation: as multisets (word order is
the translator's), and inline HTML tags by nesting (order within an element is not)."""

from __future__ import annotations

import re

from i18n.checks._nodes import Ref


def unmatched(want: list[str], got: list[str]) -> tuple[list[int], list[int], dict[int, int]]:
    """Indexes of ``want`` with no equal in ``got`` and of ``got`` with none in ``want``
    (each element matches at most once, earliest first), and the matches ``want -> got``."""
    free: dict[str, list[int]] = {}
    for j, value in enumerate(got):
        free.setdefault(value, []).append(j)
    lost: list[int] = []
    matched: dict[int, int] = {}
    for i, value in enumerate(want):
        slots = free.get(value)
        if slots:
            matched[i] = slots.pop(0)
        else:
            lost.append(i)
    used = set(matched.values())
    return lost, [j for j in range(len(got)) if j not in used], matched


_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\s*$")
_VOID = frozenset({"br", "img", "hr", "input", "wbr", "source", "meta", "link", "area", "col"})


def unclosed_html(refs: list[Ref]) -> Ref | None:
    """The first inline HTML tag that closes nothing open, or is left open; None when the
    tags nest."""
    open_tags: list[tuple[str, Ref]] = []
    for ref in refs:
        found = _HTML_TAG.match(ref.value)
        if found is None or found.group(3) or found.group(2).lower() in _VOID:
            continue  # a comment, a self-closing or void element: nothing to pair
        closing, name = found.group(1), found.group(2).lower()
        if not closing:
            open_tags.append((name, ref))
        elif open_tags and open_tags[-1][0] == name:
            open_tags.pop()
        else:
            return ref
    return open_tags[0][1] if open_tags else None
