"""A unit's inline Markdown as HTML that cannot run: the project's parser, a locked renderer.

The unit is written as Markdown from its tagged text, as translate writes it (one line, so a
soft-wrapped paragraph reads as one; a reference link finds its definition in the document's
parser environment), parsed with the project's own parser (:func:`i18n.markdown.parser_for`,
the same tokens ``translate`` and ``check`` see), and rendered by markdown-it's HTML renderer
after a pass over the tokens that leaves nothing raw: inline HTML, Liquid, shortcodes and
math become code, images become their alt text (a page that loads nothing), and links open
in a new tab. markdown-it already refuses ``javascript:``/``vbscript:``/``file:``
destinations. Glossary terms become ``<mark>`` tokens, so the renderer escapes their hover
text like any other attribute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, replace
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from i18n.markdown import Unit, parser_for, plain_text, write_unit


@dataclass(frozen=True, slots=True)
class TermHit:
    """One glossary term found in a run of plain text."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just past it."""
    title: str
    """What the hover shows: the glossary entry."""
    missed: bool
    """A translation lacks the term's target."""


TermFinder = Callable[[str], list[TermHit]]
"""Plain text → the glossary terms in it."""


_RENDERER = RendererHTML()
_OPTIONS = parser_for("").options  # the renderer reads xhtmlOut, breaks … from these


def unit_markdown(unit: Unit) -> str:
    """The unit as one line of Markdown, as translate would write it (the heading id that
    translate adds for a local link is left out: the source does not have it)."""
    if unit.anchor:
        unit = replace(unit, anchor="")
    return write_unit(unit, unit.text)


def unit_html(
    unit: Unit, env: MutableMapping[str, Any], find_terms: TermFinder | None = None
) -> str:
    """The unit rendered: inline markup as HTML, nothing executable, terms marked."""
    if unit.kind == "front_matter":
        return _render([_text(plain_text(unit.text))], find_terms, env)
    markdown = unit_markdown(unit)
    md = parser_for(markdown)
    blocks = md.parseInline(markdown, env)
    children = blocks[0].children if blocks and blocks[0].children else []
    return _render(children, find_terms, env)


def _render(
    tokens: Iterable[Token], find_terms: TermFinder | None, env: MutableMapping[str, Any]
) -> str:
    safe: list[Token] = []
    for token in tokens:
        safe.extend(_SAFE.get(token.type, _as_text)(token, find_terms))
    return str(_RENDERER.renderInline(safe, _OPTIONS, env))


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _code(content: str, kind: str) -> Token:
    token = Token("code_inline", "code", 0)
    token.content = content
    token.attrSet("class", kind)
    return token


def _span(kind: str, title: str, content: str) -> list[Token]:
    opening = Token("span_open", "span", 1)
    opening.attrSet("class", kind)
    opening.attrSet("title", title)
    return [opening, _text(content), Token("span_close", "span", -1)]


def _marked(token: Token, find_terms: TermFinder | None) -> list[Token]:
    """A text token split around glossary terms, each term inside a ``<mark>``."""
    content = token.content
    found = find_terms(content) if find_terms is not None and content.strip() else []
    if not found:
        return [_text(content)]
    found.sort(key=lambda hit: (hit.start, -hit.end))
    out: list[Token] = []
    pos = 0
    for hit in found:
        if hit.start < pos:  # overlaps a longer term already marked
            continue
        if hit.start > pos:
            out.append(_text(content[pos : hit.start]))
        opening = Token("mark_open", "mark", 1)
        opening.attrSet("class", "term missed" if hit.missed else "term")
        opening.attrSet("title", hit.title)
        out += [opening, _text(content[hit.start : hit.end]), Token("mark_close", "mark", -1)]
        pos = hit.end
    if pos < len(content):
        out.append(_text(content[pos:]))
    return out


def _as_text(token: Token, find_terms: TermFinder | None) -> list[Token]:
    return _marked(_text(token.content or token.markup), find_terms)


def _keep(token: Token, find_terms: TermFinder | None) -> list[Token]:
    return [token]


def _link(token: Token, find_terms: TermFinder | None) -> list[Token]:
    token.attrSet("target", "_blank")
    token.attrSet("rel", "noopener noreferrer")
    return [token]


def _image(token: Token, find_terms: TermFinder | None) -> list[Token]:
    alt = _RENDERER.renderInlineAsText(token.children or [], _OPTIONS, {})
    return _span("image", f"image: {token.attrGet('src') or ''}", f"🖼 {alt}")


def _raw(kind: str) -> Callable[[Token, TermFinder | None], list[Token]]:
    def code(token: Token, find_terms: TermFinder | None) -> list[Token]:
        return [_code(token.content, kind)]

    return code


def _footnote(token: Token, find_terms: TermFinder | None) -> list[Token]:
    meta: Mapping[str, Any] = token.meta or {}
    return [_code(f"[^{meta.get('label', '')}]", "footnote")]


_SAFE: dict[str, Callable[[Token, TermFinder | None], list[Token]]] = {
    "text": _marked,
    "text_special": _as_text,
    "code_inline": _keep,
    "em_open": _keep,
    "em_close": _keep,
    "strong_open": _keep,
    "strong_close": _keep,
    "s_open": _keep,
    "s_close": _keep,
    "link_open": _link,
    "link_close": _keep,
    "softbreak": _keep,
    "hardbreak": _keep,
    "image": _image,
    "html_inline": _raw("html"),
    "placeholder": _raw("placeholder"),
    "math_inline": _raw("math"),
    "math_inline_double": _raw("math"),
    "footnote_ref": _footnote,
}
"""Token type → the tokens the page renders for it; any other type becomes plain text."""
