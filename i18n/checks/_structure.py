"""Structure checks: the translation has the source's blocks, in the source's shape.

Each compares one kind of block (headings, lists, quotes, tables, literal blocks), paired
through the alignment of the two documents' inline blocks, and reports each difference where
it occurs, so damage in one place is reported once, there. ``blocks`` is the fallback for a
difference none of them explains (a paragraph split in two, a thematic break added).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from i18n.checks._inline import check_footnotes
from i18n.checks._model import CheckPair, Finding, sequence_opcodes
from i18n.checks._outline import Block, Leaf

Describe = Callable[[tuple[object, ...], tuple[object, ...]], str]


def _leaf_line(leaves: Sequence[Leaf], start: int, stop: int) -> int:
    """Line of the first leaf in ``start:stop``, or of the leaf just before, or 1."""
    if start < stop:
        return leaves[start].line
    if 0 < start <= len(leaves):
        return leaves[start - 1].line
    return leaves[0].line if leaves else 1


def _heading_label(leaf: Leaf) -> str:
    return f"H{leaf.level} '{leaf.slug_text.strip()[:60]}'"


def check_headings(pair: CheckPair) -> list[Finding]:
    """Heading count, levels and order (the H1 papers and their H2 sections)."""
    findings: list[Finding] = []
    source, target = pair.source.leaves, pair.target.leaves
    for _, i1, i2, j1, j2 in pair.opcodes:
        wanted = [leaf for leaf in source[i1:i2] if leaf.level]
        found = [leaf for leaf in target[j1:j2] if leaf.level]
        if [leaf.level for leaf in wanted] == [leaf.level for leaf in found]:
            continue
        if len(wanted) == len(found):
            for want, got in zip(wanted, found, strict=True):
                if want.level != got.level:
                    findings.append(
                        pair.finding(
                            "headings",
                            got.line,
                            want.line,
                            f"this heading is an H{got.level}; the source's is an H{want.level}",
                        )
                    )
            continue
        source_line = wanted[0].line if wanted else _leaf_line(source, i1, i2)
        line = found[0].line if found else pair.map_line(source_line)
        if len(wanted) > len(found):
            missing = ", ".join(_heading_label(leaf) for leaf in wanted[:3])
            message = f"{len(wanted) - len(found)} source heading(s) missing here ({missing})"
        else:
            extra = ", ".join(f"H{leaf.level}" for leaf in found[:3])
            message = f"{len(found) - len(wanted)} heading(s) here that the source lacks ({extra})"
        findings.append(pair.finding("headings", line, source_line, message))
    return findings


def pair_blocks(
    pair: CheckPair, kind: str
) -> tuple[list[tuple[Block, Block]], list[Block], list[Block]]:
    """Match the two documents' blocks of one kind: (pairs, missing, extra).

    A block is anchored at the first inline block at or after its start; a source block
    pairs with the translation's block of the same kind anchored where the alignment maps
    its anchor. Equal block sequences pair by position.
    """
    source, target = pair.source.blocks_of(kind), pair.target.blocks_of(kind)
    if pair.same_shape:
        return list(zip(source, target, strict=True)), [], []
    free: dict[int, list[Block]] = {}
    for block in target:
        free.setdefault(pair.target.leaf_at(block.line), []).append(block)
    pairs, missing = [], []
    for block in source:
        candidates = free.get(pair.map_leaf(pair.source.leaf_at(block.line)))
        if candidates:
            pairs.append((block, candidates.pop(0)))
        else:
            missing.append(block)
    extra = sorted((b for blocks in free.values() for b in blocks), key=lambda b: b.line)
    return pairs, missing, extra


def _compare_blocks(pair: CheckPair, check: str, kind: str, describe: Describe) -> list[Finding]:
    pairs, missing, extra = pair_blocks(pair, kind)
    findings: list[Finding] = []
    for want, got in pairs:
        if want.key != got.key:
            here, there = _first_difference(want, got)
            findings.append(
                pair.finding(check, got.line + here, want.line + there, describe(want.key, got.key))
            )
    name = _NAMES[kind]
    for want in missing:
        findings.append(
            pair.finding(
                check,
                pair.map_line(want.line),
                want.line,
                f"the source's {name} at line {want.line} is missing here",
            )
        )
    for got in extra:
        source_line = pair.map_line(got.line, back=True)
        findings.append(
            pair.finding(check, got.line, source_line, f"this {name} is not in the source")
        )
    return findings


_NAMES = {
    "list": "list",
    "blockquote": "blockquote",
    "table": "table",
    "code": "code/math block",
    "html": "HTML block",
}


def _first_difference(want: Block, got: Block) -> tuple[int, int]:
    """For literal blocks: (target, source) line offsets of the first line that differs."""
    if want.kind not in ("code", "html") or want.key[:-1] != got.key[:-1]:
        return 0, 0
    opening = 1 if want.key[0] == "fence" else 0  # a fence's content starts below it
    mine, theirs = str(want.key[-1]).split("\n"), str(got.key[-1]).split("\n")
    n = 0
    while n < min(len(mine), len(theirs)) and mine[n] == theirs[n]:
        n += 1
    return opening + min(n, len(theirs) - 1), opening + min(n, len(mine) - 1)


def _describe_list(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    depth, ordered, start, items = want
    g_depth, g_ordered, g_start, g_items = got
    if ordered != g_ordered:
        kinds = ("a bullet list", "a numbered list")
        return f"this is {kinds[bool(g_ordered)]}; the source's is {kinds[bool(ordered)]}"
    if depth != g_depth:
        return f"this list is nested {g_depth} deep; the source's {depth}"
    if start != g_start:
        return f"the numbering starts at {g_start}; the source's at {start}"
    return f"this list has {g_items} item(s); the source's has {items}"


def _describe_quote(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    if want[0] != got[0]:
        return f"this blockquote is nested {got[0]} deep; the source's {want[0]}"
    return f"this blockquote holds {got[1]} block(s) of text; the source's holds {want[1]}"


def _describe_table(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    return (
        f"this table has {got[0]} rows × {got[1]} columns; the source's has {want[0]} × {want[1]}"
    )


_LITERALS = {
    "fence": "fenced code",
    "indented": "indented code",
    "math": "math",
    "raw": "Liquid/shortcode raw",
}


def _describe_code(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    kind, source_kind = _LITERALS[str(got[0])], _LITERALS[str(want[0])]
    if kind != source_kind:
        return f"{kind} block here, {source_kind} block in the source"
    if want[1] != got[1]:
        return f"the info string is '{got[1]}'; the source's is '{want[1]}'"
    return f"this {kind} block differs from the source's (it must be byte-identical)"


def _describe_html(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    return "this HTML block differs from the source's (it must be identical)"


def check_lists(pair: CheckPair) -> list[Finding]:
    """Lists: count, nesting, item counts, ordered start numbers."""
    return _compare_blocks(pair, "lists", "list", _describe_list)


def check_blockquotes(pair: CheckPair) -> list[Finding]:
    """Blockquotes: count, nesting, blocks inside."""
    return _compare_blocks(pair, "blockquotes", "blockquote", _describe_quote)


def check_tables(pair: CheckPair) -> list[Finding]:
    """Tables: rows and columns."""
    return _compare_blocks(pair, "tables", "table", _describe_table)


def check_code_blocks(pair: CheckPair) -> list[Finding]:
    """Fenced, indented, math and raw blocks: byte-identical."""
    return _compare_blocks(pair, "code-blocks", "code", _describe_code)


def check_html_blocks(pair: CheckPair) -> list[Finding]:
    """HTML blocks: identical."""
    return _compare_blocks(pair, "html-blocks", "html", _describe_html)


def check_hard_breaks(pair: CheckPair) -> list[Finding]:
    """Hard line breaks per paragraph, heading and cell."""
    return [
        pair.finding(
            "hard-breaks",
            got.line,
            want.line,
            f"this {got.kind.replace('_', ' ')} has {got.breaks} hard line break(s); "
            f"the source's has {want.breaks}",
        )
        for want, got in pair.aligned
        if want.breaks != got.breaks
    ]


# Checks whose findings explain a block-sequence difference (a footnote block exists only
# while something references it, so a lost reference removes a block too).
_SPECIFIC = (
    check_headings,
    check_lists,
    check_blockquotes,
    check_tables,
    check_code_blocks,
    check_html_blocks,
    check_footnotes,
)

_FRIENDLY = {
    "paragraph_open": "a paragraph",
    "hr": "a thematic break",
    "fence": "a code block",
    "code_block": "a code block",
    "html_block": "an HTML block",
    "math_block": "a math block",
    "bullet_list_open": "a bullet list",
    "ordered_list_open": "a numbered list",
    "list_item_open": "a list item",
    "blockquote_open": "a blockquote",
    "table_open": "a table",
    "footnote_open": "a footnote",
    "liquid_block": "a raw block",
}


def _friendly(entries: Sequence[str]) -> str:
    for entry in entries:
        if entry in _FRIENDLY:
            return _FRIENDLY[entry]
        if entry.startswith("heading_open"):
            return f"an H{entry[-1]} heading"
    return "nothing"


def check_blocks(pair: CheckPair) -> list[Finding]:
    """Any other difference in the block sequence (only when no other check explains it)."""
    if pair.same_shape or any(check(pair) for check in _SPECIFIC):
        return []
    source, target = pair.source, pair.target
    findings = []
    for _, i1, i2, j1, j2 in sequence_opcodes(source.skeleton, target.skeleton):
        line = target.skeleton_lines[min(j1, len(target.skeleton_lines) - 1)]
        source_line = source.skeleton_lines[min(i1, len(source.skeleton_lines) - 1)]
        here, there = _friendly(target.skeleton[j1:j2]), _friendly(source.skeleton[i1:i2])
        findings.append(
            pair.finding(
                "blocks",
                line,
                source_line,
                f"the block structure differs: {here} here, {there} in the source",
            )
        )
        break  # the first difference; the rest usually follows from it
    return findings
