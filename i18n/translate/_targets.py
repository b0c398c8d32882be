"""Reading sources and targets: bytes → checked text → Document; translation metadata."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes
from i18n.markdown import (
    Document,
    FrontMatter,
    parse_document,
    scalar_spans,
    split_front_matter,
)


def read_source(
    path: Path, front_matter_keys: Sequence[str], dialect: str = "commonmark"
) -> tuple[bytes, Document]:
    """The source's bytes and its document, parsed in ``dialect``."""
    data = read_bytes(path)
    text = decode_utf8(data, str(path))
    return data, parse_document(text, str(path), front_matter_keys, dialect)


def validate_source(path: Path) -> None:
    """Raise the :class:`InputError` reading ``path`` would raise, without parsing Markdown."""
    text = decode_utf8(read_bytes(path), str(path))
    split_front_matter(text, 1 if text.startswith("\ufeff") else 0, str(path))


OUTPUT_DIGEST_PLACEHOLDER = "0" * 64
"""Stands for ``output_sha256`` until the body it describes has been rendered."""
VALUES_DIGEST_PLACEHOLDER = "f" * 64
"""Stands for ``front_matter_sha256`` until the front matter has been rendered."""


def sha256_text(text: str) -> str:
    """Hex sha256 of UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _body_digest(text: str, fm: FrontMatter | None, bom: int) -> str:
    """sha256 of the body (after BOM and front matter): what a person editing a translation
    would change."""
    return sha256_text(text[fm.end if fm is not None else bom :])


def values_digest(text: str, fm: FrontMatter, keys: Sequence[str]) -> str:
    """sha256 of the translatable front-matter values as written: a title a person edits
    changes it, the ``i18n`` mapping does not."""
    return sha256_text("\0".join(text[s.start : s.end] for s in scalar_spans(text, fm, keys)))


def stamp_digests(head: str, body: str, keys: Sequence[str], path: str) -> str:
    """The rendered head with its digest placeholders replaced by the digests they stand for."""
    head = head.replace(OUTPUT_DIGEST_PLACEHOLDER, sha256_text(body), 1)
    if VALUES_DIGEST_PLACEHOLDER in head:
        fm = split_front_matter(head, 1 if head.startswith("\ufeff") else 0, path)
        if fm is not None:
            head = head.replace(VALUES_DIGEST_PLACEHOLDER, values_digest(head, fm, keys), 1)
    return head


def restamp_text(text: str, keys: Sequence[str], path: str) -> str:
    """A translation changed on purpose (reviews learned or imported), its recorded digests
    brought up to date so that it no longer counts as edited by hand."""
    bom = 1 if text.startswith("\ufeff") else 0
    fm = split_front_matter(text, bom, path)
    meta = fm.data.get("i18n") if fm is not None else None
    if fm is None or not isinstance(meta, dict):
        return text
    head, body = text[: fm.end], text[fm.end :]
    for key, digest in (
        ("output_sha256", sha256_text(body)),
        ("front_matter_sha256", values_digest(text, fm, keys)),
    ):
        old = meta.get(key)
        if isinstance(old, str) and old in head:
            head = head.replace(old, digest, 1)
    return head + body


@dataclass(frozen=True, slots=True)
class TargetState:
    """What is at a translation's path now."""

    exists: bool
    """A file is there."""
    metadata: Mapping[str, Any]
    """Its ``i18n`` mapping (empty when none)."""
    edited: bool
    """Its body or its translated front-matter values no longer match what we wrote: a
    person changed them."""


def read_target(path: Path, front_matter_keys: Sequence[str] = ()) -> TargetState:
    """The state of an existing translation (unreadable counts as foreign: edited); with
    ``front_matter_keys``, an edited translated value (a title) counts too."""
    if not path.is_file():
        return TargetState(False, {}, False)
    try:
        text = decode_utf8(read_bytes(path), str(path))
        bom = 1 if text.startswith("\ufeff") else 0
        fm = split_front_matter(text, bom, str(path))
    except InputError:
        return TargetState(True, {}, True)
    meta = fm.data.get("i18n") if fm is not None else None
    if not isinstance(meta, dict):
        return TargetState(True, {}, False)
    written = meta.get("output_sha256")
    edited = isinstance(written, str) and written != _body_digest(text, fm, bom)
    values = meta.get("front_matter_sha256")
    if not edited and isinstance(values, str) and front_matter_keys and fm is not None:
        edited = values != values_digest(text, fm, front_matter_keys)
    return TargetState(True, meta, edited)
