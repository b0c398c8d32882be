"""Pairing delimiters and tags within one inline block's items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from i18n.markdown._inline import Piece, Tag

_OPENS_ANY = {"link_open", "em_open", "strong_open", "s_open", "image"}
_CLOSES_ANY = {"link_close", "em_close", "strong_close", "s_close", "image_close"}


def escaped_run(run: str) -> str:
    """A delimiter run (``**``, ``~~``) written so that every renderer reads it as text."""
    return "".join("\\" + char for char in run)


def kramdown_partner(
    items: list[tuple[Token, int, int]],
    i: int,
    end: int,
    pairs: dict[tuple[int, int], tuple[int, int]],
) -> int | None:
    """The item of the closing run when the unmatched run at ``i`` (up to ``end``) opens a
    pair kramdown reads and CommonMark does not (``pairs``: kramdown's, opening span ->
    closing span): a Jekyll reader sees emphasis there, so the two travel as one pair, which
    word order cannot split."""
    closing = pairs.get((items[i][1], end))
    if closing is None:
        return None
    balance = 0
    for j in range(i + 1, len(items)):
        token, start, _ = items[j]
        if token.type == "text" and start == closing[0] and token.content == items[i][0].content:
            stop = j  # the run as the encoder merges it
            while (
                stop + 1 < len(items)
                and items[stop + 1][0].type == "text"
                and items[stop + 1][1] == items[stop][2]
                and items[stop + 1][0].content == token.content
            ):
                stop += 1
            return stop if balance == 0 and items[stop][2] == closing[1] else None
        if token.type in _OPENS_ANY:
            balance += 1
        elif token.type in _CLOSES_ANY:
            balance -= 1
    return None


def matching_close(items: list[tuple[Token, int, int]], i: int) -> int | None:
    opener = items[i][0]
    want = "image_close" if opener.type == "image" else opener.type.replace("_open", "_close")
    level = 0
    for j in range(i + 1, len(items)):
        kind = items[j][0].type
        if kind == opener.type:
            level += 1
        elif kind == want:
            if level == 0:
                return j
            level -= 1
    return None


def matching_open(pieces: list[Piece]) -> Tag | None:
    level = 0
    for piece in reversed(pieces):
        if piece.tag is None or piece.tag.name == "x":
            continue
        if piece.closing:
            level += 1
        elif level == 0:
            return piece.tag
        else:
            level -= 1
    return None
