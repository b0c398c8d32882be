"""Inline checks: what must pass through a translation untouched, and what must render.

They compare inline blocks paired by structure (:mod:`.align`): link and
image targets, inline code, math, Liquid and shortcodes, inline HTML, footnote references,
the emphasis that renders, intra-document anchors, leftover Hangul, empty translations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from html import unescape
from urllib.parse import unquote

from i18n.checks._matching import unclosed_html, unmatched
from i18n.checks._model import CheckPair, Finding
from i18n.checks._nodes import MARK
from i18n.checks._outline import Leaf, Outline, Ref
from i18n.markdown import HANGUL

_SHOWN = 80


def _show(value: str) -> str:
    value = value.replace("\n", "⏎")
    return f"`{value}`" if len(value) <= _SHOWN else f"`{value[: _SHOWN - 1]}…`"


def _compare(
    pair: CheckPair,
    check: str,
    kinds: tuple[str, ...],
    noun: str,
    expect: Callable[[Ref], str] = lambda ref: ref.value,
    key: Callable[[Ref], str] = lambda ref: ref.value,
    added: Callable[[Leaf, Leaf], Sequence[Ref]] = lambda want, got: (),
) -> list[Finding]:
    """Per aligned block, the ``kinds`` references must be the same multiset: lost, added,
    duplicated or changed ones are findings, a new order is not (word order is the
    translator's). ``added`` names those the translation may have that the source lacks
    (of any kind: only those of ``kinds`` count here)."""
    findings: list[Finding] = []
    for want_leaf, got_leaf in pair.aligned:
        wanted, found = want_leaf.refs_of(*kinds), got_leaf.refs_of(*kinds)
        for extra in added(want_leaf, got_leaf):
            if extra.kind in kinds:
                found.remove(extra)
        if not wanted and not found:
            continue
        lost, new, matched = unmatched([expect(ref) for ref in wanted], [key(r) for r in found])
        if not lost and not new:
            continue
        if len(lost) == len(new):  # as many gone as came: each one was changed
            for i, j in zip(lost, new, strict=True):
                want, got = wanted[i], found[j]
                message = _changed(noun, want, got, expect(want))
                findings.append(pair.finding(check, got.line, want.line, message))
            continue
        want_keys = [expect(ref) for ref in wanted]
        got_keys = [key(ref) for ref in found]
        for i in lost:
            after = [j for n, j in matched.items() if n > i]
            line = found[min(after)].line if after else got_leaf.line
            message = f"{noun} {_show(wanted[i].value)} of the source is missing"
            if want_keys[i] in got_keys:
                message = _count(noun, wanted[i], want_keys[i], got_keys, want_keys)
            findings.append(pair.finding(check, line, wanted[i].line, message))
        for j in new:
            message = f"{noun} {_show(found[j].value)} is not in the source"
            if got_keys[j] in want_keys:  # a copy too many
                message = _count(noun, found[j], got_keys[j], got_keys, want_keys)
            findings.append(pair.finding(check, found[j].line, want_leaf.line, message))
    return findings


def _count(noun: str, ref: Ref, value: str, got_keys: list[str], want_keys: list[str]) -> str:
    here, there = got_keys.count(value), want_keys.count(value)
    return f"{noun} {_show(ref.value)} is here {here} time(s); {there} in the source"


def _changed(noun: str, want: Ref, got: Ref, expected: str) -> str:
    if expected not in (want.value, "#") and got.value == want.value:
        return f"{noun} {_show(got.value)} should have been rewritten to {_show(expected)}"
    shown = want.value if expected == "#" else expected  # a fragment: the anchors' business
    return f"{noun} {_show(got.value)} differs from the source's {_show(shown)}"


def _fragment_only(value: str) -> bool:
    return value.startswith("#")


def check_links(pair: CheckPair) -> list[Finding]:
    """Link and image targets: the same ones (after configured rewrites), in any order."""
    rewrite = pair.context.rewrite_url

    def expect(ref: Ref) -> str:
        if _fragment_only(ref.value):
            return "#"  # where it points is the anchors check's business
        return rewrite(ref.value) if rewrite is not None else ref.value

    def key(ref: Ref) -> str:
        return "#" if _fragment_only(ref.value) else ref.value

    return _compare(pair, "links", ("link", "image"), "link target", expect, key)


def check_inline_code(pair: CheckPair) -> list[Finding]:
    """Inline code spans: the same ones, in any order."""
    return _compare(pair, "inline-code", ("code",), "inline code")


def check_math(pair: CheckPair) -> list[Finding]:
    """Inline math: the same formulas, in any order. The renderers read ``$…$`` as text, so
    ``\\_`` there shows as ``_`` (the splice escapes what would pair: ``i18n.markdown._math``)."""

    def as_rendered(ref: Ref) -> str:
        # an escaped * _ ~ shows as itself, another escape (\\ too) stays; kramdown hands
        # $$…$$ to MathJax as written, where \_ is not _
        if ref.kind == "display-math":
            return ref.value
        return _ESCAPE.sub(lambda m: m[1] if m[1] in "*_~" else m[0], ref.value)

    return _compare(pair, "math", ("math", "display-math"), "math", as_rendered, as_rendered)


_ESCAPE = re.compile(r"\\(.)")


def check_liquid(pair: CheckPair) -> list[Finding]:
    """Liquid tags and output, Hugo shortcodes, kramdown attribute lists, wiki links: identical,
    and a block attribute list (``{: .class}`` on its own line) still on its own line."""
    findings = _compare(
        pair, "liquid", ("liquid",), "template/attribute syntax", added=_kept_heading_id
    )
    if findings:
        return findings
    for want_leaf, got_leaf in pair.aligned:
        wanted, found = want_leaf.refs_of("liquid"), got_leaf.refs_of("liquid")
        _, _, matched = unmatched([r.value for r in wanted], [r.value for r in found])
        for i, j in matched.items():
            want, got = wanted[i], found[j]
            if want.alone and not got.alone:
                findings.append(
                    pair.finding(
                        "liquid",
                        got.line,
                        want.line,
                        f"the attribute list {_show(got.value)} no longer stands on its own "
                        "line, so it no longer applies to the block",
                        "put the {: …} attribute list back on a line of its own after the block",
                    )
                )
    return findings


def _kept_heading_id(want: Leaf, got: Leaf) -> Sequence[Ref]:
    """The references of an id a translated heading was given so that links to the source
    heading's automatic id still resolve: ``## Installation {#설치-방법}``, or an HTML anchor
    where the dialect reads no such id (``## Installation <a id="설치-방법"></a>``)."""
    if not got.level or not got.refs or _heading_id(want) is not None:
        return ()
    last = got.refs[-1]
    given = _heading_id(got)
    if last.kind == "liquid" and given is not None and last.value.startswith("{#"):
        return (last,) if given in _slugs(want.slug_text) else ()
    opening = got.refs[-2] if len(got.refs) > 1 else None
    if opening is None or opening.kind != "html" or (last.kind, last.value) != ("html", "</a>"):
        return ()
    found = _HTML_ANCHOR.fullmatch(opening.value)
    return (opening, last) if found and unescape(found.group(1)) in _slugs(want.slug_text) else ()


_HTML_ANCHOR = re.compile(r'<a id="([^"]*)">')


def check_inline_html(pair: CheckPair) -> list[Finding]:
    """Inline HTML tags: the same ones, in any order, and the elements the source closes are
    closed in the translation too (word order may move an element, not split its tags)."""
    findings = _compare(pair, "inline-html", ("html",), "inline HTML", added=_kept_heading_id)
    if findings:
        return findings
    for want_leaf, got_leaf in pair.aligned:
        found = got_leaf.refs_of("html")
        if not found or unclosed_html(want_leaf.refs_of("html")):
            continue
        broken = unclosed_html(found)
        if broken is not None:
            findings.append(
                pair.finding(
                    "inline-html",
                    broken.line,
                    want_leaf.line,
                    f"inline HTML {_show(broken.value)} no longer pairs with its tag: the "
                    "element's opening and closing tags are out of order",
                    "keep each inline HTML element's opening tag before its closing tag",
                )
            )
    return findings


def check_footnotes(pair: CheckPair) -> list[Finding]:
    """Footnote references: the same labels, in any order."""
    return _compare(pair, "footnotes", ("footnote",), "footnote reference")


_EMPHASIS = ("emphasis", "strong", "strikethrough")


def check_emphasis(pair: CheckPair) -> list[Finding]:
    """Emphasis, strong and strikethrough that render in the source render in the target.

    Counted from the parser's tokens, not from asterisks: ``**용어**는`` renders, but a
    translation's ``**「用語」**は`` does not (a closing run after punctuation and before a
    letter is not right-flanking), and that is what readers see.
    """
    findings = []
    for want_leaf, got_leaf in pair.aligned:
        segments = list(zip(want_leaf.segments, got_leaf.segments, strict=False))
        if len(want_leaf.segments) != len(got_leaf.segments):
            continue  # hard breaks differ: that check reports it
        for want, got in segments:
            if want.emphasis == got.emphasis:
                continue
            slot = next(n for n in range(3) if want.emphasis[n] != got.emphasis[n])
            findings.append(
                pair.finding(
                    "emphasis",
                    got.line,
                    want.line,
                    f"{got.emphasis[slot]} {_EMPHASIS[slot]} span(s) render here; "
                    f"{want.emphasis[slot]} in the source",
                )
            )
    return findings


# --- anchors ----------------------------------------------------------------------------------

# A kramdown/Hugo heading id ends the heading: ``## Title {#id}`` (or ``{#id .class}``).
_HEADING_ID = re.compile(r"\{#([\w-]+)[^{}]*\}\s*$")
# A kramdown attribute list anywhere: ``{: #id .class}``.
_LIST_ID = re.compile(r"\{:\s*[^}]*?#([\w-]+)")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""", re.I)


def _slugs(text: str) -> list[str]:
    """Anchor ids the common generators make of a heading (GitHub/Hugo, kramdown)."""
    lower = text.strip().lower()
    unicode_slug = re.sub(r"[^\w\- ]", "", lower).replace(" ", "-")
    ascii_slug = re.sub(r"^[^a-z]+", "", re.sub(r"[^a-z0-9 -]", "", lower)).replace(" ", "-")
    collapsed = re.sub(r"-+", "-", unicode_slug).strip("-")
    return list(dict.fromkeys(s for s in (unicode_slug, ascii_slug, collapsed) if s))


def _ids_in(pattern: re.Pattern[str], text: str) -> set[str]:
    return {found.group(1) for found in pattern.finditer(text)}


def _heading_id(leaf: Leaf) -> str | None:
    """The explicit id a heading ends with, as a placeholder or as plain text."""
    last = leaf.refs[-1] if leaf.refs else None
    if last is not None and last.kind == "liquid" and leaf.segments[-1].text.endswith(MARK):
        found = _HEADING_ID.match(last.value)
    else:
        found = _HEADING_ID.search(leaf.slug_text)
    return found.group(1) if found else None


def anchor_ids(outline: Outline) -> frozenset[str]:
    """Every id a fragment link in the document could point at."""
    ids: set[str] = set()
    seen: dict[str, int] = {}
    for leaf in outline.leaves:
        for ref in leaf.refs:
            if ref.kind == "liquid":
                ids |= _ids_in(_LIST_ID, ref.value)
            elif ref.kind == "html":
                ids |= _ids_in(_HTML_ID, ref.value)
            elif ref.kind == "footnote":
                ids.update(f"{p}{ref.value}" for p in ("fn:", "fnref:", "fn-", "fn"))
        if not leaf.level:
            continue
        explicit = _heading_id(leaf)
        if explicit:
            ids.add(explicit)
            continue
        for slug in _slugs(leaf.slug_text):
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            ids.add(slug if count == 0 else f"{slug}-{count}")
    for block in outline.blocks_of("html"):
        ids |= _ids_in(_HTML_ID, str(block.key[0]))
    return frozenset(ids)


def _resolves(value: str, ids: frozenset[str]) -> bool:
    # Browsers match a fragment to an id exactly, case included.
    fragment = unquote(value[1:])
    return not fragment or fragment in ids


def check_anchors(pair: CheckPair) -> list[Finding]:
    """A ``#fragment`` link that resolves in the source still resolves in the translation."""
    findings: list[Finding] = []
    source_ids: frozenset[str] | None = None
    target_ids: frozenset[str] | None = None
    for want_leaf, got_leaf in pair.aligned:
        wanted = [r for r in want_leaf.refs_of("link") if _fragment_only(r.value)]
        if not wanted:
            continue
        found = [r for r in got_leaf.refs_of("link") if _fragment_only(r.value)]
        if source_ids is None or target_ids is None:
            source_ids, target_ids = anchor_ids(pair.source), anchor_ids(pair.target)
        # word order may swap two fragment links: judge the block's links as a whole
        good = [w for w in wanted if _resolves(w.value, source_ids)]
        broken = [g for g in found if not _resolves(g.value, target_ids)]
        kept = len(found) - len(broken)
        for want, got in zip(good[kept:], broken, strict=False):
            findings.append(
                pair.finding(
                    "anchors",
                    got.line,
                    want.line,
                    f"anchor {_show(unquote(got.value))} matches no heading or id here "
                    f"(the source's {_show(unquote(want.value))} does)",
                )
            )
    return findings


# --- text ---------------------------------------------------------------------------------

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*'|‘[^’]*’|「[^」]*」|『[^』]*』")
_HANGUL_WORD = re.compile(r"\S*" + HANGUL.pattern + r"\S*")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _allowed_hangul(pair: CheckPair) -> list[str]:
    """Target terms of the glossary that are themselves Korean (rare, but then meant)."""
    return [
        term.target(pair.lang)
        for term in pair.context.glossary.terms
        if HANGUL.search(term.target(pair.lang))
    ]


def leftover_hangul(source: str, target: str, allowed: Iterable[str] = ()) -> str | None:
    """The first Hangul word of ``target`` that is not quoted from the source nor allowed."""
    if HANGUL.search(target) is None:
        return None
    source, target = source.replace(MARK, ""), target.replace(MARK, "")
    for term in allowed:
        target = target.replace(term, "")
    target = _QUOTED.sub(lambda m: "" if m.group(0)[1:-1] in source else m.group(0), target)
    found = _HANGUL_WORD.search(target)
    return found.group(0) if found else None


def check_hangul(pair: CheckPair) -> list[Finding]:
    """No Hangul left in translated text (quotations of the source's Korean excepted)."""
    findings = []
    allowed: list[str] | None = None
    for text in pair.texts:
        if HANGUL.search(text.target) is None:
            continue
        if allowed is None:
            allowed = _allowed_hangul(pair)
        word = leftover_hangul(text.source, text.target, allowed)
        if word is not None:
            where = f"'{text.key}'" if text.key else "this text"
            findings.append(
                pair.finding(
                    "hangul",
                    text.line,
                    text.source_line,
                    f"{where} still has Hangul ({_show(word)}): not translated",
                )
            )
    return findings


def check_empty(pair: CheckPair) -> list[Finding]:
    """A source text with words must not come back empty."""
    findings = []
    for text in pair.texts:
        if _LETTER.search(text.source) and not _LETTER_OR_DIGIT.search(
            unicodedata.normalize("NFKC", text.target)
        ):
            where = f"'{text.key}'" if text.key else "this text"
            findings.append(
                pair.finding(
                    "empty-translation",
                    text.line,
                    text.source_line,
                    f"{where} is empty; the source's is not",
                )
            )
    return findings
