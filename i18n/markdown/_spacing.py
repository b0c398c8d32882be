"""Spaces a translation needs where its inline elements meet new neighbours.

An engine moves inline elements (Japanese puts them in another order) and writes other
letters around them. Markdown decides what a delimiter means from its neighbours, so an
element that rendered in the source can stop rendering: ``**B(b)**`` before a Japanese letter
no longer closes in CommonMark and Goldmark, two code spans that become adjacent merge their
backticks, a bare URL swallows the Latin letters written right after it. A space where two
pieces meet is the one fix that reads alike in every dialect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from i18n.markdown._inline import Tag
from i18n.markdown._model import Unit

OPEN, CLOSE, PLACEHOLDER = 1, 2, 3
"""What a piece of a decoded unit is (text pieces have no role)."""

_DELIMITED = frozenset({"em", "strong", "s"})
_BLANKS = " \t"
_FUSING = frozenset("`*_~$")
_URL_SCHEMES = ("http://", "https://", "ftp://")
_URL_ENDS = frozenset(".,:;!?)*_~<")
"""What may follow a bare URL without joining it (Goldmark drops such trailing marks; it keeps
quotes: ``https://a.b/c"d"`` links all of it)."""
_URL_STOPS = frozenset(".,:;!?")
"""Of those, the marks Goldmark drops only at the URL's end: ``…/r.jemok`` links all of it."""


def _blank(char: str) -> bool:
    """CommonMark's Unicode whitespace (a control such as U+001C is not, whatever Python says)."""
    return char in " \t\n\r\f" or (char != "" and unicodedata.category(char) == "Zs")


def _punctuation(char: str) -> bool:
    return not _blank(char) and unicodedata.category(char)[0] in "PS"


def _loose(char: str) -> bool:
    """Whitespace, punctuation or a line's edge: what lets a delimiter flank."""
    return char == "" or _blank(char) or _punctuation(char)


def lone_run_blanks(unit: Unit, tags: Sequence[Tag]) -> dict[int, tuple[bool, bool]]:
    """For each unmatched delimiter run of ``unit`` (by ``id`` of its tag in ``tags``):
    whether a blank (or the unit's edge) stood before it and after it in the source. A pair
    only kramdown reads (``k``) counts as two such runs, CommonMark reading both as text:
    whether a blank stood before its opener and after its closer."""
    found: dict[int, tuple[bool, bool]] = {}
    text = unit.text
    if any(tag.name == "k" for tag in tags):
        _pair_blanks(text, tags, ("k",), found)
    if not any(tag.name == "x" and tag.open.strip("*_~\\") == "" for tag in tags):
        return found
    for placeholder in _PLACEHOLDER.finditer(text):
        tag = tags[int(placeholder.group(1)) - 1]
        if tag.open.strip("*_~\\") == "":
            found[id(tag)] = (
                _blank_at(text, placeholder.start() - 1),
                _blank_at(text, placeholder.end()),
            )
    return found


EMPHASIS = ("em", "strong", "s")


def pair_blanks(unit: Unit, tags: Sequence[Tag]) -> dict[int, tuple[bool, bool]]:
    """:func:`lone_run_blanks`, and for every emphasis pair too: whether a blank stood before
    its opener and after its closer in the source."""
    found = lone_run_blanks(unit, tags)
    _pair_blanks(unit.text, tags, EMPHASIS, found)
    return found


def _pair_blanks(
    text: str, tags: Sequence[Tag], names: Sequence[str], found: dict[int, tuple[bool, bool]]
) -> None:
    """A blank kept beside a pair (a ``k`` pair, say) keeps its runs from pairing with others
    in CommonMark (in the paragraph, across a hard break too): a run after a blank closes
    nothing, a run before one opens nothing, whatever the translation writes next to it."""
    opened: list[tuple[int, bool]] = []
    for match in _TAG_IN_SOURCE.finditer(text):
        closing, number, empty = match.groups()
        if empty:
            continue
        if not closing:
            opened.append((int(number), _blank_at(text, match.start() - 1)))
            continue
        index, blank_before = opened.pop()
        if tags[index - 1].name in names:
            found[id(tags[index - 1])] = (blank_before, _blank_at(text, match.end()))


def _blank_at(text: str, at: int) -> bool:
    """Whether ``text`` has a blank at ``at``; the unit's edges count as blanks."""
    return not 0 <= at < len(text) or _blank(text[at])


_PLACEHOLDER = re.compile(r'<x i="(\d+)"/>')


def space_out(
    out: list[str],
    roles: Sequence[tuple[int, Tag] | None],
    commonmark_flanking: bool,
    blanks: Mapping[int, tuple[bool, bool]] | None = None,
    adjacent: frozenset[tuple[int, int, int, int]] = frozenset(),
    flanked: frozenset[int] = frozenset(),
    apart_from_words: frozenset[int] = frozenset(),
) -> None:
    """Insert spaces into the decoded pieces ``out`` (``roles[n]``: what piece ``n`` is)
    where neighbours would change what the markup means. ``commonmark_flanking``: the
    dialect applies CommonMark's flanking rules (Goldmark; kramdown only asks for no blank
    inside a delimiter). ``blanks``: unmatched delimiter runs keep a blank beside them where
    the source had one, so they cannot pair up with new neighbours. ``adjacent``: tags the
    source holds side by side (see :func:`side_by_side`), which stay so. ``flanked``: tags
    (by ``id``) whose runs keep CommonMark's flanking whatever the dialect (see
    :func:`commonmark_flanked`). ``apart_from_words``: pairs (by ``id``) that get a blank
    between their runs and a letter or digit outside them."""
    filled = [n for n, piece in enumerate(out) if piece]
    for at, n in enumerate(filled):
        role = roles[n]
        if role is None:
            continue
        kind, tag = role
        after_index = filled[at + 1] if at + 1 < len(filled) else None
        after = out[after_index][0] if after_index is not None else ""
        before = out[filled[at - 1]][-1] if at > 0 else ""
        if id(tag) in apart_from_words:
            if kind == OPEN and before.isalnum():
                out[n] = " " + out[n]
            if kind == CLOSE and after.isalnum():
                out[n] += " "
        if blanks and id(tag) in blanks:
            blank_before, blank_after = blanks[id(tag)]
            if kind != CLOSE and blank_before and before and not _blank(before):
                out[n] = " " + out[n]
            if kind != OPEN and blank_after and after and not _blank(after):
                out[n] += " "
        if kind == PLACEHOLDER and _math(out[n]):
            # a $ next to a digit opens or closes no math: ``$x$2`` is text
            if before.isdigit():
                out[n] = " " + out[n]
            if after.isdigit():
                out[n] += " "
        if kind == PLACEHOLDER and out[n][:2] in ("` ", "`\t") and before and not _blank(before):
            # kramdown reads a backtick between blanks as a backtick: keep the blank before
            out[n] = " " + out[n]
        url = kind == PLACEHOLDER and tag.open.startswith(_URL_SCHEMES)
        if url and before and not _blank(before) and before not in "*_~(":
            out[n] = " " + out[n]  # Goldmark links a bare URL only after a blank
        if url and after_index is not None and not _blank(after) and _runs_on(out[after_index]):
            out[n] += " "  # else the URL would run on into the text
        elif (
            out[n][-1] in _FUSING
            and after == out[n][-1]
            and not _nested(role, roles, after_index)
            and not _side_by_side(adjacent, role, roles, after_index)
        ):
            out[n] += " "  # `a``b`, ****, $a$$b$: the runs would fuse ($$: kramdown math)
        elif kind == PLACEHOLDER and _bracketed(out[n]) and after in ("(", "["):
            out[n] += " "  # [[wiki]] or [label] before ( or [ would become a link
    for first, last in _delimiter_runs(filled, roles):
        kind, tag = roles[filled[first]]  # type: ignore[misc]
        flanking = commonmark_flanking or id(tag) in flanked
        before_index = filled[first - 1] if first > 0 else None
        after_index = filled[last + 1] if last + 1 < len(filled) else None
        before = out[before_index][-1] if before_index is not None else ""
        after = out[after_index][0] if after_index is not None else ""
        if kind == OPEN and _blank(after) and after_index is not None and not roles[after_index]:
            out[after_index] = out[after_index].lstrip(_BLANKS)  # no blank may follow an opener
            if before and not _blank(before):
                out[filled[first]] = " " + out[filled[first]]
        elif (
            kind == CLOSE
            and _blank(before)
            and before_index is not None
            and not roles[before_index]
        ):
            out[before_index] = out[before_index].rstrip(_BLANKS)  # nor precede a closer
            if after and not _blank(after):
                out[filled[last]] += " "
        elif kind == OPEN and _opens_badly(tag, before, after, flanking):
            out[filled[first]] = " " + out[filled[first]]
        elif kind == CLOSE and _closes_badly(tag, before, after, flanking):
            out[filled[last]] += " "
    _keep_mail_apart(out, roles, filled)


_MAIL_LOCAL = r"A-Za-z0-9.!#$%&'*+/=?^_`{|}~-"
_MAIL_RUN_END = re.compile(rf"[{_MAIL_LOCAL}]+\Z")
_MAIL_RUN_START = re.compile(
    rf"[{_MAIL_LOCAL}]*@[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
"""Goldmark's e-mail autolink (its linkify extension): a run of the local part's characters,
``@`` and a domain with a dot. Backticks, ``*``, ``_``, ``~`` and ``$`` are local-part
characters, so markup written after Latin letters can end up inside an address."""


def _keep_mail_apart(
    out: list[str], roles: Sequence[tuple[int, Tag] | None], filled: Sequence[int]
) -> None:
    """A space before an element (or a run of openers) where the letters before it and the
    element would read as one e-mail address in Goldmark: ``silje`@app.get(...)`` links
    ``silje`@app.get`` and the code span is gone. An address cannot start with punctuation,
    so the letters before the element are what make it one."""
    for at in range(1, len(filled)):
        n, previous = filled[at], roles[filled[at - 1]]
        role = roles[n]
        if role is None or role[0] == CLOSE or (previous is not None and previous[0] == OPEN):
            continue
        if not (_MAIL_RUN_END.search(out[filled[at - 1]]) and _MAIL_RUN_END.match(out[n][:1])):
            continue  # the cheap test first: a local-part character on either side
        if not _MAIL_RUN_START.match("".join(out[m] for m in filled[at:])):
            continue
        run = _MAIL_RUN_END.search("".join(out[m] for m in filled[:at]))
        if run is not None and any(char.isascii() and char.isalnum() for char in run.group()):
            out[n] = " " + out[n]


def commonmark_flanked(
    out: Sequence[str], roles: Sequence[tuple[int, Tag] | None]
) -> frozenset[int]:
    """The emphasis tags (by ``id``) of decoded source pieces ``out`` whose opening and closing
    runs both flank as CommonMark asks: kramdown asks less, so in a Jekyll post such a pair is
    emphasis in Goldmark too, and its new neighbours in a translation must keep it so."""
    filled = [n for n, piece in enumerate(out) if piece]
    opening: set[int] = set()
    closing: set[int] = set()
    for first, last in _delimiter_runs(filled, roles):
        kind, tag = roles[filled[first]]  # type: ignore[misc]
        before = out[filled[first - 1]][-1] if first > 0 else ""
        after = out[filled[last + 1]][0] if last + 1 < len(filled) else ""
        run = {id(roles[filled[at]][1]) for at in range(first, last + 1)}  # type: ignore[index]
        if kind == OPEN and not _blank(after) and not _opens_badly(tag, before, after, True):
            opening |= run
        elif kind == CLOSE and not _blank(before) and not _closes_badly(tag, before, after, True):
            closing |= run
    return frozenset(opening & closing)


def _runs_on(following: str) -> bool:
    """Whether a bare URL right before ``following`` would take (some of) it in as its own."""
    if following[0] not in _URL_ENDS:
        return True
    return following[0] in _URL_STOPS and following[1:2] != "" and not _blank(following[1])


def _delimiter_runs(
    filled: Sequence[int], roles: Sequence[tuple[int, Tag] | None]
) -> list[tuple[int, int]]:
    """Runs of adjacent emphasis openers (or closers), as first and last index into
    ``filled``: Markdown reads each run as one delimiter run."""
    runs: list[tuple[int, int]] = []
    for at, n in enumerate(filled):
        role = roles[n]
        if role is None or role[0] == PLACEHOLDER or role[1].name not in _DELIMITED:
            continue
        previous = roles[filled[at - 1]] if at > 0 else None
        if runs and runs[-1][1] == at - 1 and previous is not None and previous[0] == role[0]:
            runs[-1] = (runs[-1][0], at)
        else:
            runs.append((at, at))
    return runs


def _math(piece: str) -> bool:
    return len(piece) > 1 and piece[0] == piece[-1] == "$"


def _bracketed(piece: str) -> bool:
    return len(piece) > 2 and piece[0] == "[" and piece[-1] == "]"


def side_by_side(unit: Unit, tags: Sequence[Tag]) -> frozenset[tuple[int, int, int, int]]:
    """Pairs of tag halves that touch in the unit's source text, as (``id`` of a tag, its
    role, ``id`` of the next tag, its role): one delimiter run split in two, say."""
    text = unit.text
    if "><" not in text:
        return frozenset()
    found: set[tuple[int, int, int, int]] = set()
    previous: tuple[int, int] | None = None
    end = -1
    stack: list[Tag] = []
    for match in _TAG_IN_SOURCE.finditer(text):
        closing, number, empty = match.groups()
        if closing:
            tag, role = stack.pop(), CLOSE
        else:
            tag = tags[int(number) - 1]
            role = PLACEHOLDER if empty else OPEN
            if not empty:
                stack.append(tag)
        if previous is not None and match.start() == end:
            found.add((*previous, id(tag), role))
        previous, end = (id(tag), role), match.end()
    return frozenset(found)


_TAG_IN_SOURCE = re.compile(r'<(/)?[A-Za-z]+(?: i="(\d+)")?(/)?>')


def _side_by_side(
    adjacent: frozenset[tuple[int, int, int, int]],
    role: tuple[int, Tag],
    roles: Sequence[tuple[int, Tag] | None],
    after_index: int | None,
) -> bool:
    after = roles[after_index] if after_index is not None else None
    return after is not None and (id(role[1]), role[0], id(after[1]), after[0]) in adjacent


def _nested(
    role: tuple[int, Tag], roles: Sequence[tuple[int, Tag] | None], after_index: int | None
) -> bool:
    """Two openers (or two closers) in a row: nested elements, adjacent in the source too."""
    after = roles[after_index] if after_index is not None else None
    return after is not None and after[0] == role[0] and role[0] in (OPEN, CLOSE)


def _opens_badly(tag: Tag, before: str, after: str, flanking: bool) -> bool:
    """The opening run is not left-flanking (``flanking``: CommonMark's rule), or an ``_``
    sits inside a word (no dialect opens one there)."""
    if flanking and _punctuation(after) and not _loose(before):
        return True
    return tag.open.startswith("_") and not _loose(before)


def _closes_badly(tag: Tag, before: str, after: str, flanking: bool) -> bool:
    """The closing run is not right-flanking (``flanking``: CommonMark's rule), or an ``_``
    sits inside a word."""
    if flanking and _punctuation(before) and not _loose(after):
        return True
    return tag.close.startswith("_") and not _loose(after)
