"""A reviewed unit's text in the form the catalog keeps: the source unit's tag ids, plus the
markup a reviewer added.

A reviewer may change inline markup inside a unit: fix a link text, add emphasis, drop a code
span. Tags that are the source's own keep the source's ids (``<a i="1">``), so the catalog entry
still applies when a link's destination is rewritten for another language. Markup the source
does not have travels with its Markdown in attributes: ``<em o="*" c="*">…</em>``,
``<x o="`code`"/>``. Applying an entry renumbers both kinds into an ordinary tagged unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape as html_escape
from html import unescape

from i18n.markdown import Tag, TagMismatch, Unit, write_unit

_TAG = re.compile(r'<(/?)([A-Za-z]+)((?:\s+[a-z]+="[^"]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')


def _attribute(value: str) -> str:
    return html_escape(value, quote=True)


def _rewrite_openers(text: str, rewrite: Callable[[str, dict[str, str], bool], str]) -> str:
    """``text`` with each opening or empty tag replaced by ``rewrite(name, attributes,
    empty)``, in document order; closing tags and the text between stay as they are."""
    out: list[str] = []
    pos = 0
    for found in _TAG.finditer(text):
        out.append(text[pos : found.start()])
        pos = found.end()
        closing, name, attributes, empty = found.groups()
        if closing:
            out.append(found.group(0))
        else:
            out.append(rewrite(name, dict(_ATTRIBUTE.findall(attributes)), bool(empty)))
    out.append(text[pos:])
    return "".join(out)


def to_reviewed(text: str, tags: Sequence[Tag], source_tags: Sequence[Tag]) -> str:
    """A target unit's tagged ``text`` (ids into its own ``tags``) with each tag that is one of
    ``source_tags`` (as written in the target) renumbered to the source's id, the rest carried
    with their Markdown."""
    free = list(range(len(source_tags)))

    def renumbered(name: str, fields: dict[str, str], empty: bool) -> str:
        number = fields.get("i")
        if number is None or not 1 <= int(number) <= len(tags):
            raise TagMismatch(f"tag <{name}> has no id")
        tag = tags[int(number) - 1]
        match = next((n for n in free if source_tags[n] == tag), None)
        if match is not None:
            free.remove(match)
            return f'<{name} i="{match + 1}"{"/>" if empty else ">"}'
        if empty:
            return f'<{name} o="{_attribute(tag.open)}"/>'
        return f'<{name} o="{_attribute(tag.open)}" c="{_attribute(tag.close)}">'

    return _rewrite_openers(text, renumbered)


def from_reviewed(reviewed: str, source_tags: Sequence[Tag]) -> tuple[str, tuple[Tag, ...]]:
    """An ordinary tagged text and its tags for a catalog entry's ``reviewed`` text.
    Raises :class:`TagMismatch` for an id the source unit does not have."""
    tags: list[Tag] = []

    def numbered(name: str, fields: dict[str, str], empty: bool) -> str:
        if "i" in fields:
            number = int(fields["i"])
            if not 1 <= number <= len(source_tags):
                raise TagMismatch(f"tag {number} is not one of the source unit's")
            tag = source_tags[number - 1]
        elif "o" in fields:
            tag = Tag(name, unescape(fields["o"]), unescape(fields.get("c", "")))
        else:
            raise TagMismatch(f"tag <{name}> has neither an id nor its markup")
        tags.append(tag)
        return f'<{name} i="{len(tags)}"{"/>" if empty else ">"}'

    tagged = _rewrite_openers(reviewed, numbered)
    return tagged, tuple(tags)


def reviewed_unit(unit: Unit, reviewed: str) -> tuple[Unit, str]:
    """``unit`` with the tags of its reviewed text, and that text as ordinary tagged text."""
    tagged, tags = from_reviewed(reviewed, unit.tags)
    return replace(unit, tags=tags), tagged


def writes(unit: Unit, reviewed: str) -> bool:
    """True when ``reviewed`` can be written in ``unit``'s place."""
    try:
        written, tagged = reviewed_unit(unit, reviewed)
        write_unit(written, tagged)
    except TagMismatch:
        return False
    return True
