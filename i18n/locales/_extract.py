"""Managing the digest catalogs with babel: extract a POT from posts, update, compile, stats.

Extraction reads posts as ``translate`` does (the one walker, reader and parser) and keeps
the short units that recur across posts: headings, labels leading list items (``Goal: …``),
short standalone paragraphs, items and cells (``정보 부족``), front-matter titles and the text
of link-only paragraphs. One ISO date in such a unit becomes ``{date}``, so every day's
``Daily Papers — 2025-10-24`` is one entry."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes, write_atomic
from i18n.locales._catalogs import LABEL_FLAG, from_engine_form
from i18n.locales._po import DOMAIN
from i18n.markdown import parse_document
from i18n.translate import collect_sources

_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w-]*(?: [\w-]+){0,2}:)[ \t]+(?=\S)")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")

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
    targets: tuple[str, ...] = ("en", "ja")
    """Target languages: ``post.<lang>.md`` beside ``post.md`` is a translation, not a post."""


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

# Unit kinds of the one parser, as the template's comments name them.
_KINDS = {
    "front_matter": "title",
    "heading": "heading",
    "list_item": "item",
    "paragraph": "paragraph",
    "blockquote": "paragraph",
    "table_cell": "cell",
}
_LONE_LINK = re.compile(r'<a i="\d+">([^<]*)</a>\Z')


def post_units(
    text: str, front_matter_keys: Sequence[str] = ("title",), path: str = "<string>"
) -> list[PostUnit]:
    """Every translatable unit of a post, exactly as ``translate`` reads it (the one parser,
    the one front-matter reader) and in the form the catalogs are looked up in."""
    units = []
    for unit in parse_document(text, path, front_matter_keys).units:
        lone_link = _LONE_LINK.match(unit.text)
        units.append(
            PostUnit(
                kind=_KINDS.get(unit.kind, "paragraph"),
                text=unit.text,
                plain=None if unit.tags else from_engine_form(unit.text),
                link_text=from_engine_form(lone_link.group(1)).strip() if lone_link else None,
                line=unit.line,
            )
        )
    return units


_PLACEHOLDER = re.compile(r'<x i="\d+"/>')


def _fixed_text(unit: PostUnit) -> str | None:
    """Catalog text of a unit that can be vocabulary: plain text, or text whose only markup
    is placeholders (``## 요약 {{ page.date }}`` is ``요약 <x i="1"/>``, as it is looked up)."""
    if unit.plain is not None:
        return unit.plain
    if "<" in _PLACEHOLDER.sub("", unit.text):
        return None  # links and emphasis make prose, not vocabulary
    return from_engine_form(unit.text)


def _generalize(text: str) -> str:
    dates = _ISO_DATE.findall(text)
    return _ISO_DATE.sub("{date}", text) if len(dates) == 1 else text


def post_candidates(text: str, options: ExtractOptions, path: str = "<string>") -> list[Candidate]:
    """The vocabulary candidates of one post, in document order."""
    found: list[Candidate] = []
    for unit in post_units(text, options.front_matter_keys, path):
        label = _LABEL.match(unit.plain or unit.text) if unit.kind == "item" else None
        if label is not None:
            found.append(Candidate("label", label.group("label"), unit.line))
        elif unit.link_text is not None:
            found.append(Candidate("link", unit.link_text, unit.line))
        elif (fixed := _fixed_text(unit)) is not None and 0 < len(fixed) <= options.max_chars:
            kind = unit.kind if unit.kind in ("title", "heading") else "phrase"
            found.append(Candidate(kind, _generalize(fixed), unit.line))
    return [c for c in found if any(char.isalpha() for char in c.text.replace("{date}", ""))]


def read_post(path: Path) -> str:
    """A post's text, read by the one reader (size cap, UTF-8 checks)."""
    return decode_utf8(read_bytes(path), path)


def collect_posts(paths: Sequence[Path], targets: Sequence[str] = ()) -> list[Path]:
    """The posts ``translate`` would read under ``paths`` (the one source walker)."""
    return [source.path for source in collect_sources(paths, targets)]


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
    posts = collect_posts(paths, options.targets)
    for post in posts:
        try:
            candidates = post_candidates(read_post(post), options, str(post))
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
