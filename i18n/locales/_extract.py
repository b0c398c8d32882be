"""Managing the digest catalogs with babel: extract a POT from posts, update, compile, stats.

Extraction (markdown-it-py) keeps the short units that recur across posts: headings, labels
leading list items (``Goal: …``), short standalone paragraphs, items and cells (``정보 부족``),
front-matter titles and the text of link-only paragraphs. One ISO date in such a unit becomes
``{date}``, so every day's ``Daily Papers — 2025-10-24`` is one entry.
"""

from __future__ import annotations

import io
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from i18n.errors import InputError
from i18n.fileio import decode_utf8, write_atomic
from i18n.locales._catalogs import (
    LABEL_FLAG,
    xml_escape,
)
from i18n.locales._po import DOMAIN

_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w-]*(?: [\w-]+){0,2}:)[ \t]+(?=\S)")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\r?\n(?P<toml>.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_POST_SUFFIXES = (".md", ".markdown")

_KIND_ORDER = ("title", "heading", "label", "phrase", "link")
_KIND_COMMENTS: dict[str, str] = {
    "title": "Front-matter title.",
    "heading": "Section heading.",
    "label": (
        "Label that starts a list item. Translate it with its separator and the space after "
        "it, exactly as the text should continue ('Goal: ', '目的：')."
    ),
    "phrase": "Stock phrase that stands alone as a paragraph, list item or table cell.",
    "link": "Text of a link that stands alone in a paragraph.",
}
_DATE_COMMENT = (
    "{date} is an ISO date (YYYY-MM-DD). Write {date} for the locale's long date, "
    "{date:iso} to keep the ISO form, or {date:short}, {date:medium}, {date:full}."
)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What counts as recurring fixed vocabulary."""

    min_posts: int = 2
    """An entry must occur in at least this many posts."""
    max_chars: int = 40
    """Longer units are prose, not vocabulary."""
    front_matter_keys: tuple[str, ...] = ("title",)
    """Front-matter keys whose values are candidates (as titles)."""


@dataclass(frozen=True, slots=True)
class PostUnit:
    """One translatable unit of a post, approximately as the engine would see it."""

    kind: str
    """``title``, ``heading``, ``item`` (a list item's first paragraph), ``paragraph``, ``cell``."""
    text: str
    """Engine-like form: XML-escaped text, inline markup as ``<a i="1">…</a>``/``<x i="2"/>``."""
    plain: str | None
    """The unit as plain text when it holds no inline markup, else None."""
    link_text: str | None
    """For a paragraph that is one link with plain text, that text."""
    line: int
    """1-based source line."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A vocabulary entry found in one post."""

    kind: str
    """One of ``title``, ``heading``, ``label``, ``phrase``, ``link``."""
    text: str
    """The msgid (plain text, an ISO date replaced by ``{date}``)."""
    line: int
    """1-based source line of the occurrence."""


# --- reading posts ----------------------------------------------------------------------------


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


# Tag names for paired inline markup; any other inline token becomes a ``<x i="N"/>``
# placeholder. This approximates the inline layer well enough to tell plain units from tagged.
_PAIRED_TAGS = {"link": "a", "em": "em", "strong": "strong"}


def _render(token: Token, number: int) -> str:
    if token.type in ("text", "softbreak"):
        return xml_escape(token.content) if token.type == "text" else " "
    name, _, side = token.type.rpartition("_")
    tag = _PAIRED_TAGS.get(name)
    if tag is None:
        return f'<x i="{number}"/>'
    return f'<{tag} i="{number}">' if side == "open" else f"</{tag}>"


def _inline_units(inline: Token, kind: str, first_line: int) -> Iterator[PostUnit]:
    """Split an inline token at hard breaks into units."""
    line = first_line
    pieces: list[Token] = []
    for child in [*(inline.children or []), Token("hardbreak", "", 0)]:
        if child.type != "hardbreak":
            pieces.append(child)
            continue
        if pieces:
            yield _unit(pieces, kind, line)
        line += 1 + sum(piece.type == "softbreak" for piece in pieces)
        pieces = []


def _unit(pieces: list[Token], kind: str, line: int) -> PostUnit:
    text = "".join(_render(piece, number) for number, piece in enumerate(pieces, start=1))
    plain = all(piece.type in ("text", "softbreak") for piece in pieces)
    raw = "".join(" " if piece.type == "softbreak" else piece.content for piece in pieces)
    shape = [piece.type for piece in pieces]
    link_text = pieces[1].content.strip() if shape == ["link_open", "text", "link_close"] else None
    return PostUnit(kind, text.strip(), raw.strip() if plain else None, link_text, line)


_BLOCK_KINDS = {"heading_open": "heading", "th_open": "cell", "td_open": "cell"}


def _block_kind(tokens: list[Token], index: int) -> str | None:
    """The unit kind of the inline token at ``index``, from the block that holds it."""
    opener = tokens[index - 1].type
    if opener == "paragraph_open":
        return "item" if index >= 2 and tokens[index - 2].type == "list_item_open" else "paragraph"
    return _BLOCK_KINDS.get(opener)


def _split_toml(text: str) -> tuple[dict[str, object], str, int]:
    """TOML ``+++`` front matter (which markdown-it does not know), the body, its first line."""
    match = _TOML_FRONT.match(text)
    if match is None:
        return {}, text, 0
    try:
        data = tomllib.loads(match.group("toml"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"broken TOML front matter: {error}", line=1) from error
    return data, text[match.end() :], match.group(0).count("\n")


def _yaml_front_matter(token: Token) -> dict[str, object]:
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(f"broken YAML front matter: {error}", line=line) from error
    return data if isinstance(data, dict) else {}


def _front_matter_units(data: dict[str, object], keys: Sequence[str]) -> Iterator[PostUnit]:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            yield PostUnit("title", xml_escape(value.strip()), value.strip(), None, 1)


def post_units(text: str, front_matter_keys: Sequence[str] = ("title",)) -> list[PostUnit]:
    """Every translatable unit of a post (front matter, headings, paragraphs, items, cells)."""
    toml_data, body, offset = _split_toml(text)
    tokens = _parser().parse(body)
    units = list(_front_matter_units(toml_data, front_matter_keys))
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            units.extend(_front_matter_units(_yaml_front_matter(token), front_matter_keys))
        kind = _block_kind(tokens, index) if token.type == "inline" and index else None
        if kind is not None and token.map is not None:
            units.extend(_inline_units(token, kind, token.map[0] + 1 + offset))
    return units


def _generalize(text: str) -> str:
    dates = _ISO_DATE.findall(text)
    return _ISO_DATE.sub("{date}", text) if len(dates) == 1 else text


def post_candidates(text: str, options: ExtractOptions) -> list[Candidate]:
    """The vocabulary candidates of one post, in document order."""
    found: list[Candidate] = []
    for unit in post_units(text, options.front_matter_keys):
        label = _LABEL.match(unit.plain or unit.text) if unit.kind == "item" else None
        if label is not None:
            found.append(Candidate("label", label.group("label"), unit.line))
        elif unit.link_text is not None:
            found.append(Candidate("link", unit.link_text, unit.line))
        elif unit.plain is not None and 0 < len(unit.plain) <= options.max_chars:
            kind = unit.kind if unit.kind in ("title", "heading") else "phrase"
            found.append(Candidate(kind, _generalize(unit.plain), unit.line))
    return [c for c in found if any(char.isalpha() for char in c.text.replace("{date}", ""))]


def read_post(path: Path) -> str:
    """A post's text; unreadable or non-UTF-8 files raise InputError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=path) from error
    return decode_utf8(data, path).removeprefix("\ufeff")


def collect_posts(paths: Sequence[Path]) -> list[Path]:
    """Files named, and every Markdown file below directories named, without duplicates."""
    posts: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            below = (p for p in sorted(path.rglob("*")) if p.suffix in _POST_SUFFIXES)
            posts.update(dict.fromkeys(p for p in below if p.is_file()))
        elif path.is_file():
            posts[path] = None
        else:
            raise InputError("no such file or directory", file=path)
    return list(posts)


# --- the template ------------------------------------------------------------------------------


def _creation_date() -> datetime:
    # SOURCE_DATE_EPOCH makes a regenerated template byte-identical (reproducible builds).
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)


def new_catalog(language: str | None) -> Catalog:
    """An empty catalog with the digest's header (a template when ``language`` is None)."""
    return Catalog(
        locale=language,
        domain=DOMAIN,
        project="digest",
        version="1",
        creation_date=_creation_date(),
        charset="utf-8",
        msgid_bugs_address="the digest-i18n issue tracker",
        header_comment=(
            "# Fixed vocabulary of the daily-papers digest: headings, labels,\n"
            "# stock phrases and title patterns.\n"
            "# Maintained with `digest-i18n locales`; conventions in i18n/locales.py.\n#"
        ),
        fuzzy=language is None,
    )


def _flags(kind: str, text: str) -> set[str]:
    flags = {LABEL_FLAG} if kind == "label" else set()
    # Babel flags any ``{name}`` msgid python-brace-format; GNU msgfmt -c (and Poedit) would
    # then reject ``{date:iso}``, which is our placeholder syntax, not a Python format spec.
    return flags | ({"no-python-brace-format"} if "{date}" in text else set())


def extract_template(paths: Sequence[Path], options: ExtractOptions) -> tuple[Catalog, int]:
    """A POT of the units recurring in at least ``min_posts`` posts, and the posts read."""
    kinds: dict[str, str] = {}
    found_in: dict[str, dict[Path, int]] = {}
    posts = collect_posts(paths)
    for post in posts:
        try:
            candidates = post_candidates(read_post(post), options)
        except InputError as error:
            raise InputError(error.message, file=post, line=error.line) from error
        for candidate in candidates:
            kinds.setdefault(candidate.text, candidate.kind)
            found_in.setdefault(candidate.text, {}).setdefault(post, candidate.line)
    kept = [text for text, where in found_in.items() if len(where) >= options.min_posts]
    template = new_catalog(None)
    for text in sorted(kept, key=lambda text: _KIND_ORDER.index(kinds[text])):
        comments = [_KIND_COMMENTS[kinds[text]]] + ([_DATE_COMMENT] if "{date}" in text else [])
        where = [(post.as_posix(), line) for post, line in list(found_in[text].items())[:3]]
        template[text] = Message(
            text,
            locations=where,
            flags=_flags(kinds[text], text),
            auto_comments=comments,
        )
    return template, len(posts)


def write_catalog(catalog: Catalog, path: Path, *, no_location: bool = False) -> None:
    """Write a PO/POT atomically (a reader never sees half a catalog)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, no_location=no_location, include_previous=True)
    write_atomic(path, buffer.getvalue())
