"""The table of checks: id → what it checks, its severity, its fix hint, its function."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

import i18n.checks._catalog as catalog
import i18n.checks._content as content
import i18n.checks._inline as inline
import i18n.checks._meta as meta
import i18n.checks._reviewed as reviewed
import i18n.checks._structure as structure
import i18n.checks._terms as terms
from i18n.checks._model import ERROR, WARNING, CheckInfo, CheckPair, Finding
from i18n.errors import UsageError

CheckFunction = Callable[[CheckPair], list[Finding]]

MISSING = "missing-translation"

_TABLE: tuple[tuple[CheckInfo, CheckFunction | None], ...] = (
    (
        CheckInfo(
            MISSING,
            "structure",
            ERROR,
            "every source has its translation",
            "run `digest-i18n translate` for this source and language",
        ),
        None,
    ),
    (
        CheckInfo(
            "front-matter",
            "structure",
            ERROR,
            "front matter present and parsable",
            "restore the front matter block from the source (--- … --- or +++ … +++)",
        ),
        meta.check_front_matter,
    ),
    (
        CheckInfo(
            "front-matter-keys",
            "structure",
            ERROR,
            "non-translatable front-matter keys unchanged",
            "copy the key's value from the source; only translatable keys may change",
        ),
        meta.check_front_matter_keys,
    ),
    (
        CheckInfo(
            "headings",
            "structure",
            ERROR,
            "heading count, levels and order",
            "give the translation the source's headings, with the same number of #",
        ),
        structure.check_headings,
    ),
    (
        CheckInfo(
            "lists",
            "structure",
            ERROR,
            "list count, nesting, items, start numbers",
            "keep the source's list markers, indentation and numbering",
        ),
        structure.check_lists,
    ),
    (
        CheckInfo(
            "blockquotes",
            "structure",
            ERROR,
            "blockquote count and nesting",
            "keep the source's > markers on the same lines",
        ),
        structure.check_blockquotes,
    ),
    (
        CheckInfo(
            "tables",
            "structure",
            ERROR,
            "table rows and columns",
            "keep every row and every | of the source's table (escape | in text as \\|)",
        ),
        structure.check_tables,
    ),
    (
        CheckInfo(
            "code-blocks",
            "structure",
            ERROR,
            "code, math and raw blocks byte-identical",
            "copy the block from the source unchanged",
        ),
        structure.check_code_blocks,
    ),
    (
        CheckInfo(
            "html-blocks",
            "structure",
            ERROR,
            "HTML blocks identical",
            "copy the HTML block from the source unchanged",
        ),
        structure.check_html_blocks,
    ),
    (
        CheckInfo(
            "hard-breaks",
            "structure",
            ERROR,
            "hard line breaks per block",
            "end the same lines as in the source with two spaces or a backslash",
        ),
        structure.check_hard_breaks,
    ),
    (
        CheckInfo(
            "blocks",
            "structure",
            ERROR,
            "any other block-sequence difference",
            "keep the source's blank lines and block markers",
        ),
        structure.check_blocks,
    ),
    (
        CheckInfo(
            "links",
            "inline",
            ERROR,
            "link and image targets identical and in order",
            "point the link where the source's points (rewritten per [[links.rewrite]])",
        ),
        inline.check_links,
    ),
    (
        CheckInfo(
            "inline-code",
            "inline",
            ERROR,
            "inline code identical",
            "copy the `code` span from the source unchanged",
        ),
        inline.check_inline_code,
    ),
    (
        CheckInfo(
            "math",
            "inline",
            ERROR,
            "inline math identical",
            "copy the $math$ from the source unchanged",
        ),
        inline.check_math,
    ),
    (
        CheckInfo(
            "liquid",
            "inline",
            ERROR,
            "Liquid, shortcodes, kramdown attributes, wiki links identical",
            "copy the {% … %} / {{ … }} / {: … } syntax from the source unchanged",
        ),
        inline.check_liquid,
    ),
    (
        CheckInfo(
            "inline-html",
            "inline",
            ERROR,
            "inline HTML identical",
            "copy the HTML tags from the source unchanged",
        ),
        inline.check_inline_html,
    ),
    (
        CheckInfo(
            "footnotes",
            "inline",
            ERROR,
            "footnote references identical",
            "keep the source's [^label] references",
        ),
        inline.check_footnotes,
    ),
    (
        CheckInfo(
            "emphasis",
            "inline",
            ERROR,
            "emphasis that renders in the source renders",
            "no space inside ** or *; after a closing ** that follows punctuation, "
            "put a space before the next word (or use <strong>)",
        ),
        inline.check_emphasis,
    ),
    (
        CheckInfo(
            "anchors",
            "inline",
            ERROR,
            "#fragment links still resolve",
            "point the #fragment at the translated heading's id (or give it an {#id})",
        ),
        inline.check_anchors,
    ),
    (
        CheckInfo(
            "hangul",
            "inline",
            ERROR,
            "no Hangul left in translated text",
            "translate the remaining Korean (or add the term to the glossary)",
        ),
        inline.check_hangul,
    ),
    (
        CheckInfo(
            "empty-translation",
            "inline",
            ERROR,
            "no empty translation of a text",
            "translate the source text here",
        ),
        inline.check_empty,
    ),
    (
        CheckInfo(
            "numbers",
            "content",
            WARNING,
            "the source's numbers are kept",
            "write the source's numbers in the translation",
        ),
        content.check_numbers,
    ),
    (
        CheckInfo(
            "glossary",
            "content",
            WARNING,
            "glossary terms use their configured target",
            "use the glossary's term",
        ),
        terms.check_glossary,
    ),
    (
        CheckInfo(
            "catalog",
            "content",
            ERROR,
            "fixed vocabulary (headings, labels, stock phrases) is the catalog's",
            "use the catalog's wording, or translate again",
        ),
        catalog.check_catalog,
    ),
    (
        CheckInfo(
            "length-ratio",
            "content",
            WARNING,
            "no text far shorter or longer than expected",
            "compare with the source: something was cut off or run together",
        ),
        content.check_length_ratio,
    ),
    (
        CheckInfo(
            "stale",
            "currency",
            ERROR,
            "translated from the current source",
            "run `digest-i18n translate` again for this source",
        ),
        meta.check_stale,
    ),
    (
        CheckInfo(
            "untracked",
            "currency",
            WARNING,
            "the translation records its source digest",
            "translate without --no-metadata so staleness can be checked",
        ),
        meta.check_untracked,
    ),
    (
        CheckInfo(
            "review-needed",
            "review",
            WARNING,
            "reviewed units whose source changed are reviewed again",
            "edit the unit in the translation and run `digest-i18n learn` (or accept the fuzzy "
            "entry in locales/<lang>/LC_MESSAGES/reviewed.po)",
        ),
        reviewed.check_review_needed,
    ),
    (
        CheckInfo(
            "unlearned-review",
            "review",
            WARNING,
            "edits made by hand can be learned as reviewed translations",
            "run `digest-i18n learn` where the source version it was made from is (git history "
            "or the translation memory), or restore that version",
        ),
        reviewed.check_unlearned,
    ),
)

INFOS: Mapping[str, CheckInfo] = MappingProxyType({info.id: info for info, _ in _TABLE})
"""Every check, by id, in report order."""
FUNCTIONS: Mapping[str, CheckFunction] = MappingProxyType(
    {info.id: function for info, function in _TABLE if function is not None}
)
"""The pair checks, by id."""
GROUPS = ("structure", "inline", "content", "currency", "review")


def _expand(names: Iterable[str], option: str) -> set[str]:
    chosen: set[str] = set()
    for raw in names:
        for name in (part.strip().lower() for part in raw.split(",")):
            if not name:
                continue
            if name in GROUPS:
                chosen.update(i.id for i in INFOS.values() if i.group == name)
            elif name in INFOS:
                chosen.add(name)
            else:
                raise UsageError(
                    f"unknown check '{name}' in {option}: use one of "
                    f"{', '.join(INFOS)} or a group ({', '.join(GROUPS)})"
                )
    return chosen


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str]:
    """The ids to run: ``select`` (ids or groups, comma-separated; default all) less ``ignore``."""
    chosen = _expand(select, "--select") or set(INFOS)
    return frozenset(chosen - _expand(ignore, "--ignore"))
