"""Every file the tool reads is UTF-8: one decoder, one way of saying what is wrong."""

from __future__ import annotations

from pathlib import Path

from .errors import I18nError, InputError


def decode_utf8(
    data: bytes, path: str | Path, error: type[I18nError] = InputError, *, binary: bool = True
) -> str:
    """``data`` as text (a BOM stays as U+FEFF). Raises ``error`` naming the file, the line and
    the offending byte; UTF-16 and (unless ``binary`` is False) NUL bytes are refused first,
    as what they most likely are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error("is UTF-16; save it as UTF-8", file=path)
    if binary and b"\0" in data[:8192]:
        raise error("looks like a binary file (NUL bytes), not text", file=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        line = data.count(b"\n", 0, failure.start) + 1
        raise error(
            f"is not valid UTF-8 (byte 0x{data[failure.start]:02x} at offset {failure.start}); "
            "save it as UTF-8",
            file=path,
            line=line,
        ) from None
