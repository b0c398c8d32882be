"""Reading sources and targets: bytes → checked text → Document; translation metadata."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from i18n.errors import InputError
from i18n.fileio import decode_utf8, read_bytes
from i18n.markdown import Document, FrontMatter, parse_document, split_front_matter


def read_source(path: Path, front_matter_keys: Sequence[str]) -> tuple[bytes, Document]:
    """The source's bytes and its parsed document."""
    data = read_bytes(path)
    return data, parse_document(decode_utf8(data, str(path)), str(path), front_matter_keys)


def validate_source(path: Path) -> None:
    """Raise the :class:`InputError` reading ``path`` would raise, without parsing Markdown."""
    text = decode_utf8(read_bytes(path), str(path))
    split_front_matter(text, 1 if text.startswith("\ufeff") else 0, str(path))


OUTPUT_DIGEST_PLACEHOLDER = "0" * 64
"""Stands for ``output_sha256`` until the body it describes has been rendered."""


def sha256_text(text: str) -> str:
    """Hex sha256 of UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _body_digest(text: str, fm: FrontMatter | None, bom: int) -> str:
    """sha256 of the body (after BOM and front matter): what a person editing a translation
    would change."""
    return sha256_text(text[fm.end if fm is not None else bom :])


@dataclass(frozen=True, slots=True)
class TargetState:
    """What is at a translation's path now."""

    exists: bool
    """A file is there."""
    metadata: Mapping[str, Any]
    """Its ``i18n`` mapping (empty when none)."""
    edited: bool
    """Its body no longer matches what we wrote: a person changed it."""


def read_target(path: Path) -> TargetState:
    """The state of an existing translation (unreadable counts as foreign: edited)."""
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
    return TargetState(True, meta, edited)
