"""The pieces an outline is made of: inline blocks (leaves), their runs and references,
and container or literal blocks."""

from __future__ import annotations

from dataclasses import dataclass

MARK = "\ufffc"
"""Stands in a segment's text where markup was (a link's or emphasis's edge, code, math …):
engines see a tag there, so a glossary term never spans it."""


@dataclass(frozen=True, slots=True)
class Ref:
    """Something inside an inline block that a translation must keep exactly."""

    kind: str
    """``link``, ``image``, ``code``, ``math``, ``liquid``, ``html`` or ``footnote``."""
    value: str
    """The destination (links, images), the content (code, math …) or the footnote label."""
    line: int
    """1-based document line where it starts."""
    alone: bool = False
    """It stands alone on its line (what makes ``{: .class}`` a block attribute list)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """The visible text of an inline block between two hard breaks: what one unit was."""

    text: str
    """Rendered text (link labels and image alts included; code, math, HTML left out), with
    :data:`MARK` where markup was."""
    line: int
    """1-based document line where it starts."""
    emphasis: tuple[int, int, int]
    """How many emphasis, strong and strikethrough spans render in it."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """An inline block: a heading, a paragraph or a table cell."""

    kind: str
    """``heading``, ``paragraph`` or ``table_cell``."""
    signature: str
    """Containers and kind (``bullet_list/list_item/paragraph``): what alignment compares."""
    line: int
    """1-based document line where it starts."""
    level: int
    """Heading level (0 for other blocks)."""
    refs: tuple[Ref, ...]
    """Links, images, code, math, Liquid, HTML and footnote references, in order."""
    breaks: int
    """Hard line breaks."""
    segments: tuple[Segment, ...]
    """Text runs between hard breaks (at least one, possibly empty)."""
    slug_text: str = ""
    """For headings: the text an automatic anchor id is made from (code included)."""

    def refs_of(self, *kinds: str) -> list[Ref]:
        """The references of the given kinds, in order."""
        return [ref for ref in self.refs if ref.kind in kinds]


@dataclass(frozen=True, slots=True)
class Block:
    """A container or literal block: list, blockquote, table, code/math/raw block, HTML."""

    kind: str
    """``list``, ``blockquote``, ``table``, ``code`` or ``html``."""
    key: tuple[object, ...]
    """What must be equal in source and translation (depth, item count, content …)."""
    line: int
    """1-based document line where it starts."""
