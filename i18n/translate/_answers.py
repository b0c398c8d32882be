"""An engine's answer is untrusted input: what it may hold before it is written or cached."""

from __future__ import annotations

import re
from html import unescape

from i18n.markdown import Unit, fits

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""NUL and the other C0 controls but TAB/LF/CR, DEL, C1 controls, the bidi embeddings,
overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the two non-characters."""


def smuggled(source: str, answer: str) -> str | None:
    """The first unsafe character ``answer`` holds that ``source`` lacks, as written or once
    entities are decoded (``&#x1b;`` is ESC once written as Markdown); None when there is none."""
    if _UNSAFE.search(answer) is None and "&#" not in answer:
        return None  # the usual case: nothing to look at
    allowed = {m.group(0) for text in (source, unescape(source)) for m in _UNSAFE.finditer(text)}
    for text in (answer, unescape(answer)):
        for found in _UNSAFE.finditer(text):
            if found.group(0) not in allowed:
                return found.group(0)
    return None


def acceptable(unit: Unit, source: str, answer: str) -> bool:
    """True when ``answer`` carries exactly the unit's tags and smuggles no unsafe character
    into the post."""
    return smuggled(source, answer) is None and fits(unit, answer)
