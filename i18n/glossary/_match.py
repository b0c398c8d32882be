"""Finding glossary terms in a unit's text: a trie of the source terms, walked from the few
positions a regex built from the same trie says a term can start.

Korean particles attach to terms (``확산 모델은``), so a match needs a boundary before it but
not after it (unless the term ends in a Latin letter); a blank in a term matches any run of
blanks or, between two Hangul syllables, none; overlapping candidates keep the longest.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence

from i18n.glossary._csv import normalize_term

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);")


def visible_runs(text: str) -> Iterator[tuple[int, str, Sequence[int]]]:
    """The text between tags, XML escapes decoded: ``(offset, decoded, starts)`` where
    ``offset + starts[i]`` is where decoded character ``i`` begins in ``text`` (with one extra
    entry for the run's end). A match inside a run can never touch a tag."""
    position = 0
    for tag in (*_TAG.finditer(text), None):
        end = tag.start() if tag else len(text)
        if end > position:
            yield (position, *_decode_run(text[position:end]))
        position = tag.end() if tag else end


def _decode_run(run: str) -> tuple[str, Sequence[int]]:
    if "&" not in run:
        return run, range(len(run) + 1)
    chars: list[str] = []
    starts: list[int] = []
    position = 0
    for entity in (*_ENTITY.finditer(run), None):
        stop = entity.start() if entity else len(run)
        chars.extend(run[position:stop])
        starts.extend(range(position, stop))
        if entity:
            chars.append(html.unescape(entity.group(0)))
            starts.append(entity.start())
            position = entity.end()
    starts.append(len(run))
    return "".join(chars), starts


_Found = tuple[int, int, bool]
"""A walk's answer: (length, term index, spelled exactly)."""


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: list[int] = []


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_latin_word(char: str) -> bool:
    return _is_word(char) and (char.isascii() or unicodedata.name(char, "").startswith("LATIN"))


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


_VARIANT_BLANKS = 3
"""Up to this many droppable blanks, every combination is a variant; beyond, all or none."""


def spelling_variants(term: str) -> list[str]:
    """The spellings of ``term`` that the matcher finds and an engine matching exact strings
    (a DeepL glossary) would not: each blank between two Hangul syllables kept or dropped
    (``시간 복잡도``, ``시간복잡도``). The term itself comes first."""
    parts = term.split(" ")
    droppable = [
        n
        for n in range(1, len(parts))
        if parts[n - 1] and parts[n] and _is_hangul(parts[n - 1][-1]) and _is_hangul(parts[n][0])
    ]
    if not droppable:
        return [term]
    if len(droppable) > _VARIANT_BLANKS:
        choices = [frozenset(), frozenset(droppable)]
    else:
        choices = [
            frozenset(n for bit, n in enumerate(droppable) if mask >> bit & 1)
            for mask in range(2 ** len(droppable))
        ]
    variants = []
    for dropped in choices:
        spelled = parts[0] + "".join(
            ("" if n in dropped else " ") + part for n, part in enumerate(parts[1:], 1)
        )
        variants.append(spelled)
    return list(dict.fromkeys(variants))


class TermMatcher:
    """A trie of source terms; finds every occurrence, then keeps the longest ones."""

    __slots__ = ("_closed", "_root", "_simple", "_sources", "_starts", "_walks")

    def __init__(self, sources: Sequence[str]) -> None:
        self._root = _Node()
        self._sources = [normalize_term(s) for s in sources]
        # A term ending in a Latin letter or digit needs a boundary after it too.
        self._closed = [bool(s) and _is_latin_word(s[-1]) for s in self._sources]
        for index, source in enumerate(self._sources):
            if not source:
                continue
            node = self._root
            for char in source:
                node = node.children.setdefault(char, _Node())
            node.ends.append(index)
        # The same trie as one regex (a space may be any run of blanks, or none), behind the
        # start boundary: it finds in C the few positions where some term can start, so the
        # walk runs only there. (``\w`` is exactly ``_is_word``: alphanumeric or ``_``.)
        # Each match takes only the character before a start (texts are searched behind one
        # blank), the trie sits in a lookahead: one finditer pass yields every start,
        # overlapping ones included; group 1 is what the trie regex took there.
        self._starts = _starts_regex(self._root) if self._root.children else None
        self._simple = _simple_terms(self._root)
        self._walks: dict[str, tuple[set[int], dict[tuple[str, bool], list[_Found]]]] = {}
        """Walk answers by the walk's first two characters: the window lengths read, and
        the answer for each window (and whether it ended the text)."""

    def find(self, text: str, wanted: Sequence[bool] | None = None) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, term index)`` in text order, longest first."""
        if "<" not in text and "&" not in text:  # no tags, no escapes: one run, same offsets
            return self._select(text, wanted)
        found: list[tuple[int, int, int]] = []
        for offset, decoded, starts in visible_runs(text):
            for start, end, index in self._select(decoded, wanted):
                found.append((offset + starts[start], offset + starts[end], index))
        return found

    def _select(self, text: str, wanted: Sequence[bool] | None) -> list[tuple[int, int, int]]:
        candidates = self._candidates(text)
        if wanted is not None:
            candidates = [c for c in candidates if wanted[c[2]]]
        if all(a[1] <= b[0] for a, b in itertools.pairwise(candidates)):
            return [(start, end, index) for start, end, index, _ in candidates]  # no overlap
        # Longest wins; on a tie the term spelled exactly as in the text, then file order.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], not c[3], c[2]))
        taken = bytearray(len(text))
        chosen: list[tuple[int, int, int]] = []
        for start, end, index, _exact in candidates:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end, index))
        return sorted(chosen)

    def _candidates(self, text: str) -> list[tuple[int, int, int, bool]]:
        """Every term occurrence ``(start, end, index, spelled exactly)``, in order of start."""
        candidates: list[tuple[int, int, int, bool]] = []
        if self._starts is None:
            return candidates
        simple, closed, size = self._simple, self._closed, len(text)
        for found in self._starts.finditer(" " + text):  # offsets one past the text's
            start, end = found.span(1)
            start, end = start - 1, end - 1
            index = simple.get(found.group(1))
            if index is None:
                candidates += self._walk_memo(text, start)
            elif not closed[index] or end == size or not _is_latin_word(text[end]):
                candidates.append((start, end, index, True))  # the only term starting here
        return candidates

    def _walk_memo(self, text: str, start: int) -> list[tuple[int, int, int, bool]]:
        """:meth:`_walk`, remembered by the characters it read (the same phrases recur)."""
        lengths, answers = self._walks.setdefault(text[start : start + 2], (set(), {}))
        for length in lengths:
            answer = answers.get((text[start : start + length], start + length == len(text)))
            if answer is not None:
                return [(start, start + end, index, exact) for end, index, exact in answer]
        read = [start]
        found = [(end - start, i, exact) for _, end, i, exact in self._walk(text, start, read)]
        # the answer depends on the characters up to the last one the walk looked at
        length = read[0] + 1 - start
        if len(answers) >= 256:  # bounded: a long run meets ever new continuations
            lengths.clear()
            answers.clear()
        lengths.add(length)
        answers[text[start : start + length], start + length == len(text)] = found
        return [(start, start + end, index, exact) for end, index, exact in found]

    def _walk(self, text: str, start: int, read: list[int]) -> Iterator[tuple[int, int, int, bool]]:
        """Every term that matches at ``start``: (start, end, term index, spelled exactly);
        ``read[0]`` ends as the furthest offset it looked at.

        A blank in a term matches any run of blanks in the text, or none between two Hangul
        syllables (Korean spacing varies); a term ending in a Latin letter needs a boundary.
        """
        closed, size = self._closed, len(text)
        stack = [(self._root, start, True)]
        while stack:
            node, pos, exact = stack.pop()
            for index in node.ends:
                if not closed[index] or pos == size or not _is_latin_word(text[pos]):
                    yield start, pos, index, exact
            if pos == size:
                continue
            char = text[pos]
            if pos > read[0]:
                read[0] = pos
            children = node.children
            if char.isspace():
                child = children.get(" ")
                if child is not None:
                    end = pos + 1
                    while end < size and text[end].isspace():
                        end += 1
                    read[0] = max(read[0], min(end, size - 1))
                    stack.append((child, end, exact and char == " " and end == pos + 1))
                continue
            child = children.get(char)
            if child is not None:
                stack.append((child, pos + 1, exact))
            space = children.get(" ")
            if space is not None and pos > start and _is_hangul(text[pos - 1]) and _is_hangul(char):
                joined = space.children.get(char)
                if joined is not None:
                    stack.append((joined, pos + 1, False))


def _simple_terms(root: _Node) -> dict[str, int]:
    """Terms spelled without blanks that no shorter term begins: where the regex finds one,
    it is the only candidate at that start, so the trie walk can be skipped."""
    simple: dict[str, int] = {}
    stack: list[tuple[_Node, str, bool]] = [(root, "", False)]
    while stack:
        node, spelled, shadowed = stack.pop()
        if node.ends and spelled and not shadowed and len(node.ends) == 1:
            simple[spelled] = node.ends[0]
        for char, child in node.children.items():
            if char != " ":
                stack.append((child, spelled + char, shadowed or bool(node.ends and spelled)))
    return simple


def _starts_regex(root: _Node) -> re.Pattern[str]:
    """Each place some term can start, as a match of the character before it (group 1: what
    the trie regex takes there): a term that starts with a word character only where no word
    character precedes it. When every term starts with a word character, the pattern starts
    with ``\\W``, so the regex engine skips the words between in its fast scan (about a
    third of the glossary time on a digest post)."""
    word = "".join(re.escape(c) for c in sorted(root.children) if _is_word(c))
    other = "".join(re.escape(c) for c in sorted(root.children) if not _is_word(c))
    guards = ([rf"\W(?=[{word}])"] if word else []) + ([f"(?s:.)(?=[{other}])"] if other else [])
    guard = guards[0] if len(guards) == 1 else "(?:" + "|".join(guards) + ")"
    return re.compile(f"{guard}(?=({_root_regex(root)}))")


_ROOT_GROUP = 32
"""First characters per group of the root's branches (see :func:`_root_regex`)."""


def _root_regex(root: _Node) -> str:
    """:func:`_trie_regex` for the root, its branches in groups behind a lookahead naming
    their first characters: the regex engine tries the branches of an alternation one by
    one, and a glossary's terms start with a hundred and more different characters."""
    children = sorted(root.children.items())
    if len(children) <= _ROOT_GROUP:
        return _trie_regex(root)
    groups = []
    for at in range(0, len(children), _ROOT_GROUP):
        chunk = children[at : at + _ROOT_GROUP]
        first = "".join(re.escape(char) for char, _ in chunk)
        branches = "|".join(_branch(char, child) for char, child in chunk)
        groups.append(f"(?=[{first}])(?:{branches})")
    return "(?:" + "|".join(groups) + ")"


def _trie_regex(node: _Node) -> str:
    """A regex matching (at least) whatever the trie below ``node`` matches."""
    branches = [_branch(char, child) for char, child in sorted(node.children.items())]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if node.ends else group


def _branch(char: str, child: _Node) -> str:
    return (r"\s*" if char == " " else re.escape(char)) + _trie_regex(child)
