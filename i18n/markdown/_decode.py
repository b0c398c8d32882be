"""Tagged text back to Markdown: every tag id once, pairs nested, text unescaped."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import unescape

from i18n.markdown._inline import Tag

_TAG = re.compile(r'<(/?)([A-Za-z]+)(?:\s+i="(\d+)")?\s*(/?)>')


class TagMismatch(ValueError):
    """A translation's tags do not match its unit's: lost, duplicated, unknown or crossed."""


def xml_text(text: str) -> str:
    """Unescape the text between tags (what an XML parser would give)."""
    if "<" in text or ">" in text:
        raise TagMismatch("stray '<' or '>' outside a tag")
    return unescape(text)


def decode_tagged(tagged: str, tags: Sequence[Tag], write_text: Callable[[str], str] | None) -> str:
    """Rebuild Markdown from a translated tagged text.

    ``write_text`` turns translated plain text into safe Markdown for where it lands; without
    it the tags are only checked (and ``""`` returned).
    Raises :class:`TagMismatch` unless every tag id occurs exactly once, pairs nest properly
    and carry their own element names.
    """
    if not tags and "<" not in tagged:  # plain text: nothing to match up
        if ">" in tagged:
            xml_text(tagged)  # raises
        return write_text(unescape(tagged)) if write_text is not None else ""
    out: list[str] = []
    seen: set[int] = set()
    stack: list[int] = []
    pos = 0
    for found in _TAG.finditer(tagged):
        between = tagged[pos : found.start()]
        if write_text is not None:
            out.append(write_text(xml_text(between)))
        elif "<" in between or ">" in between:
            xml_text(between)  # raises
        pos = found.end()
        closing, name, number, empty = found.groups()
        if closing:
            if not stack or tags[stack[-1] - 1].name != name:
                raise TagMismatch(f"unexpected </{name}>")
            out.append(tags[stack.pop() - 1].close)
            continue
        if number is None or not 1 <= int(number) <= len(tags) or int(number) in seen:
            raise TagMismatch(f"unknown or repeated tag <{name}>")
        index = int(number)
        tag = tags[index - 1]
        if tag.name != name or (tag.name == "x") != bool(empty):
            raise TagMismatch(f"tag {index} came back as <{name}>")
        seen.add(index)
        out.append(tag.open)
        if not empty:
            stack.append(index)
    rest = tagged[pos:]
    if write_text is not None:
        out.append(write_text(xml_text(rest)))
    elif "<" in rest or ">" in rest:
        xml_text(rest)  # raises
    if stack or len(seen) != len(tags):
        raise TagMismatch("a tag was lost")
    return "".join(out)


def plain_text(tagged: str) -> str:
    """The unit's text with tags removed and XML unescaped (for matching and counting)."""
    if "<" not in tagged and "&" not in tagged:
        return tagged
    return unescape(_TAG.sub("", tagged))
