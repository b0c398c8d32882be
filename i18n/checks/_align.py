"""Aligning the inline blocks of a source and a translation whose structures differ.

Blocks can only pair with blocks of the same kind in the same containers (their signature);
among those, a pair scores higher the more of what survives translation it shares: link
targets, code, numbers, Latin words (model names). A global alignment (Needleman-Wunsch,
no gap penalty) then keeps damage local: when one of three list items is lost, the other two
pair with their own counterparts rather than with whichever neighbour comes first.
Only used when the structures differ; otherwise blocks pair by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from i18n.checks._nodes import Leaf

Opcode = tuple[str, int, int, int, int]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_+-]+|\d+(?:[.,]\d+)*")
_DIAGONAL, _SKIP_SOURCE, _SKIP_TARGET = 0, 1, 2


# Beyond this many cells (a damaged 1,000-row table) the quadratic alignment would take
# seconds; longest common runs of signatures are good enough there.
_MAX_CELLS = 1_000_000

Keyed = tuple[str, frozenset[str], str]


def _shared(want: Keyed, got: Keyed) -> int:
    """How many of the source block's invariants the translation's block holds (a Latin
    word may come back with a romanised particle glued on, so a substring counts)."""
    return sum(1 for token in want[1] if token in got[2])


def _same(want: Keyed, got: Keyed) -> bool:
    """Same kind of block, and everything the source's kept is in the translation's."""
    return want[0] == got[0] and _shared(want, got) == len(want[1])


def invariants(leaf: Leaf) -> Keyed:
    """A block's signature, what of it a translation keeps as it is (references, numbers,
    Latin words), and its text and references as one string to look for them in."""
    refs = [f"{ref.kind}:{ref.value}" for ref in leaf.refs]
    text = " ".join(segment.text for segment in leaf.segments)
    return leaf.signature, frozenset((*refs, *_WORD.findall(text))), " ".join((text, *refs))


def align(source: Sequence[Leaf], target: Sequence[Leaf]) -> list[tuple[int, int]]:
    """Index pairs of matched blocks, in order."""
    wanted = [invariants(leaf) for leaf in source]
    found = [invariants(leaf) for leaf in target]
    # Equal ends pair directly: the alignment proper only runs where the damage is.
    head = 0
    while head < min(len(wanted), len(found)) and _same(wanted[head], found[head]):
        head += 1
    tail = 0
    while tail < min(len(wanted), len(found)) - head and _same(wanted[-1 - tail], found[-1 - tail]):
        tail += 1
    middle_source = wanted[head : len(wanted) - tail]
    middle_target = found[head : len(found) - tail]
    if len(middle_source) * len(middle_target) > _MAX_CELLS:
        middle = _by_signature(middle_source, middle_target)
    else:
        middle = _global(middle_source, middle_target)
    pairs = [(n, n) for n in range(head)]
    pairs += [(head + i, head + j) for i, j in middle]
    pairs += [(len(wanted) - tail + n, len(found) - tail + n) for n in range(tail)]
    return pairs


def _by_signature(source: Sequence[Keyed], target: Sequence[Keyed]) -> list[tuple[int, int]]:
    matcher = SequenceMatcher(None, [k[0] for k in source], [k[0] for k in target], autojunk=False)
    return [(i + n, j + n) for i, j, size in matcher.get_matching_blocks() for n in range(size)]


def _global(source: Sequence[Keyed], target: Sequence[Keyed]) -> list[tuple[int, int]]:
    """Needleman-Wunsch without gap penalty: most pairs, then most shared invariants."""
    n, m = len(source), len(target)
    width = m + 1
    moves = bytearray((n + 1) * width)
    for j in range(1, width):
        moves[j] = _SKIP_TARGET
    previous = [0.0] * width
    for i in range(1, n + 1):
        current = [0.0] * width
        moves[i * width] = _SKIP_SOURCE
        want = source[i - 1]
        for j in range(1, width):
            best, move = previous[j], _SKIP_SOURCE
            if current[j - 1] > best:
                best, move = current[j - 1], _SKIP_TARGET
            if target[j - 1][0] == want[0]:
                shared = _shared(want, target[j - 1]) / (len(want[1]) + 1)
                score = previous[j - 1] + 1.0 + 0.5 * shared
                if score >= best:
                    best, move = score, _DIAGONAL
            current[j] = best
            moves[i * width + j] = move
        previous = current
    return _trace(moves, n, m)


def _trace(moves: bytearray, n: int, m: int) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    i, j, width = n, m, m + 1
    while i > 0 or j > 0:
        move = moves[i * width + j]
        if move == _DIAGONAL:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move == _SKIP_SOURCE:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def opcodes(pairs: Sequence[tuple[int, int]], n: int, m: int) -> list[Opcode]:
    """``difflib``-style opcodes for an alignment (equal runs and the gaps between them)."""
    ops: list[Opcode] = []
    i = j = 0
    for a, b in [*pairs, (n, m)]:
        if a > i or b > j:
            tag = "replace" if a > i and b > j else ("delete" if a > i else "insert")
            ops.append((tag, i, a, j, b))
        if a < n and b < m:
            if ops and ops[-1][0] == "equal" and ops[-1][2] == a and ops[-1][4] == b:
                ops[-1] = ("equal", ops[-1][1], a + 1, ops[-1][3], b + 1)
            else:
                ops.append(("equal", a, a + 1, b, b + 1))
        i, j = a + 1, b + 1
    return ops
