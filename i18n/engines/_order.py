"""Japanese word order for tagged text, as DeepL produces it: the top-level inline elements
of a unit come back in another order, and the spaces next to them are gone."""

from __future__ import annotations

import re
from itertools import pairwise

_TAG = re.compile(r'<(/?)([A-Za-z]+)(?:\s+i="\d+")?\s*(/?)>')
_SPACES = " \t"


def top_level_elements(tagged: str) -> list[tuple[int, int]]:
    """Spans of the elements at depth 0 (a placeholder, or an opening tag to its closing
    tag); empty when the tags do not nest."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for found in _TAG.finditer(tagged):
        closing, _, empty = found.groups()
        if empty:
            if depth == 0:
                spans.append((found.start(), found.end()))
        elif closing:
            depth -= 1
            if depth < 0:
                return []
            if depth == 0:
                spans.append((start, found.end()))
        else:
            if depth == 0:
                start = found.start()
            depth += 1
    return spans if depth == 0 else []


def japanese_order(tagged: str) -> str:
    """The top-level elements in reverse order, each with its content and nesting; the text
    between them stays in place without the spaces that touched an element."""
    if "<" not in tagged:  # most units: plain text, nothing to move
        return tagged
    spans = top_level_elements(tagged)
    if not spans:
        return tagged
    texts = [tagged[: spans[0][0]]]
    texts += [tagged[a[1] : b[0]] for a, b in pairwise(spans)]
    texts.append(tagged[spans[-1][1] :])
    elements = [tagged[start:end] for start, end in reversed(spans)]
    out = [texts[0].rstrip(_SPACES)]
    last = len(elements) - 1
    for n, element in enumerate(elements):
        text = texts[n + 1]
        out.append(element)
        out.append(text.lstrip(_SPACES) if n == last else text.strip(_SPACES))
    return "".join(out)
