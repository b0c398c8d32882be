"""Reading sources and targets: bytes → checked text → Document; translation metadata."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .document import Document, decode_bytes, parse_document
from .errors import InputError
from .frontmatter import split_front_matter

MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an :class:`InputError` saying why not."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing it", file=path
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=path) from None


def read_source(path: Path, front_matter_keys: Sequence[str]) -> tuple[bytes, Document]:
    """The source's bytes and its parsed document."""
    data = read_bytes(path)
    return data, parse_document(decode_bytes(data, str(path)), str(path), front_matter_keys)


def validate_source(path: Path) -> None:
    """Raise the :class:`InputError` reading ``path`` would raise, without parsing Markdown."""
    text = decode_bytes(read_bytes(path), str(path))
    split_front_matter(text, 1 if text.startswith("\ufeff") else 0, str(path))


def read_metadata(path: Path) -> Mapping[str, Any] | None:
    """The ``i18n`` mapping a translation carries, or None (no file, none written, unreadable)."""
    try:
        text = decode_bytes(read_bytes(path), str(path))
        fm = split_front_matter(text, 1 if text.startswith("\ufeff") else 0, str(path))
    except InputError:
        return None
    if fm is None:
        return None
    meta = fm.data.get("i18n")
    return meta if isinstance(meta, dict) else None
