"""Second readings of a written unit: where the engine's order makes a renderer read a
delimiter run anew, the unit is written again another way and read again to compare.

- A part of a longer run left unmatched (``*`` of ``***``) is written raw beside its run;
  moved away from it, it is escaped when it would pair with new neighbours.
- A pair only kramdown reads (``k``) travels whole for a Jekyll reader; without a site, where
  CommonMark would read it after the move, blanks beside the unit's emphasis pairs or else
  escapes keep CommonMark's reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from i18n.markdown._delimiters import escaped_run
from i18n.markdown._inline import Tag
from i18n.markdown._model import Unit
from i18n.markdown._parser import parser_for
from i18n.markdown._spacing import EMPHASIS, pair_blanks


class Splice(Protocol):
    """Writes a tagged text with the given tags, as the splice does."""

    def __call__(
        self,
        tagged: str,
        tags: Sequence[Tag],
        dialect: str,
        *,
        blanks: Mapping[int, tuple[bool, bool]] | None = None,
        apart_from_words: frozenset[int] = frozenset(),
    ) -> str: ...


def reread(
    unit: Unit, tagged: str, tags: Sequence[Tag], dialect: str, written: str, splice: Splice
) -> str:
    """``written`` (the translation ``tagged`` of ``unit``), or another writing of it that
    reads as the source does (see the module)."""
    if any(split_run(tag) for tag in tags):
        written = _lone_runs_escaped_if_paired(unit, tagged, tags, dialect, written, splice)
    if dialect == "commonmark" and any(tag.name == "k" for tag in tags):
        written = _kramdown_pairs_kept(unit, tagged, tags, written, splice)
    return written


def _kramdown_pairs_kept(
    unit: Unit, tagged: str, tags: Sequence[Tag], written: str, splice: Splice
) -> str:
    """A pair only kramdown reads (``k``) travels whole, so a Jekyll reader keeps the emphasis;
    where its new neighbours make CommonMark read it too, CommonMark (no site) wins: the pair
    is written escaped, unless blanks between letters and the unit's emphasis pairs keep
    CommonMark from it (a blank outside a pair changes nothing kramdown reads): first the
    pairs that had a blank beside them in the source, then all of them."""
    literal = splice(tagged, tuple(map(_literal, tags)), "commonmark")
    wanted = _markup(literal)
    if _markup(written) == wanted:
        return written
    beside = pair_blanks(unit, tags)
    pairs = [id(tag) for tag in tags if tag.name in EMPHASIS]
    had_blank = frozenset(n for n in pairs if any(beside.get(n, ())))
    every = frozenset(pairs)
    # least spacing first: a blank next to a letter only, then wherever the source had one
    for words, blanks in ((had_blank, None), (every, None), (frozenset(), beside), (every, beside)):
        spaced = splice(tagged, tags, "commonmark", blanks=blanks, apart_from_words=words)
        if _markup(spaced) == wanted:
            return spaced
    return literal


def split_run(tag: Tag) -> bool:
    """An unmatched part of a longer delimiter run (``*`` of ``***``), written as it was."""
    return tag.name == "x" and tag.open != "" and tag.open.strip("*_~") == ""


def _lone_runs_escaped_if_paired(
    unit: Unit, tagged: str, tags: Sequence[Tag], dialect: str, written: str, splice: Splice
) -> str:
    """The translation with its unmatched run parts escaped, where the engine moved them to
    neighbours that pair them up (they stay raw in the source's run, whose length decides
    what the rest of it means, but away from it they must stay text)."""
    source = sorted(_markup(splice(unit.text, tags, dialect), dialect))
    if sorted(_markup(written, dialect)) == source:  # the engine may reorder the elements
        return written
    escaped = tuple(Tag("x", escaped_run(t.open)) if split_run(t) else t for t in tags)
    retry = splice(tagged, escaped, dialect)
    return retry if sorted(_markup(retry, dialect)) == source else written


def _literal(tag: Tag) -> Tag:
    """A kramdown-only pair (``k``) as escaped delimiters, which every renderer reads as text."""
    if tag.name != "k":
        return tag
    return Tag("k", escaped_run(tag.open), escaped_run(tag.close))


def _markup(text: str, dialect: str = "commonmark") -> list[str]:
    """What ``dialect`` reads in an inline text, apart from the text itself."""
    tokens = parser_for(text, dialect).parseInline(text)[0].children or []
    return [token.type for token in tokens if token.type not in _TEXT]


_TEXT = frozenset({"text", "text_special", "softbreak"})
"""Inline tokens that are text: an escaped character is ``text_special``."""
