"""Reading gettext PO/POT files strictly: a line-level syntax check that names the line, then
babel's reader (which would otherwise skip what it does not understand)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from i18n.errors import CatalogError
from i18n.fileio import decode_utf8

DOMAIN = "digest"
"""The gettext domain of the digest's catalogs."""


_PO_STRING = r'"(?:[^"\\]|\\(?:[\\"abfnrtv]|[0-7]{1,3}|x[0-9A-Fa-f]+))*"'
_PO_KEYWORD = re.compile(
    rf"^(?P<kw>msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\s+(?P<str>{_PO_STRING})\s*$"
)
_PO_CONTINUATION = re.compile(rf"^\s*(?P<str>{_PO_STRING})\s*$")

# Which line kinds may follow each state; a comment or blank line ends an entry.
_PO_FOLLOWS: dict[str, frozenset[str]] = {
    "end": frozenset({"end", "msgctxt", "msgid"}),
    "msgctxt": frozenset({"cont", "msgid"}),
    "msgid": frozenset({"cont", "msgstr", "msgid_plural"}),
    "msgid_plural": frozenset({"cont", "msgstr[]"}),
    "msgstr": frozenset({"cont", "end", "msgctxt", "msgid"}),
    "msgstr[]": frozenset({"cont", "end", "msgctxt", "msgid", "msgstr[]"}),
}
_PO_EXPECTED: dict[str, str] = {
    "end": "expected a comment, msgctxt or msgid",
    "msgctxt": "msgctxt must be followed by msgid",
    "msgid": "msgid must be followed by msgstr",
    "msgid_plural": "msgid_plural must be followed by msgstr[0]",
    "msgstr": "expected a comment, a blank line, msgctxt or msgid",
    "msgstr[]": "expected a comment, a blank line, msgctxt, msgid or msgstr[N]",
}
_PO_OPEN = frozenset({"msgctxt", "msgid", "msgid_plural"})
_PO_START = re.compile(r'^(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+)?"')


def _po_line_kind(line: str) -> tuple[str, str]:
    """Classify one PO line as (kind, raw string contents)."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return "end", ""
    keyword = _PO_KEYWORD.match(stripped)
    if keyword is not None:
        kind = keyword.group("kw")
        return ("msgstr[]" if kind.startswith("msgstr[") else kind), keyword.group("str")[1:-1]
    continuation = _PO_CONTINUATION.match(stripped)
    if continuation is not None:
        return "cont", continuation.group("str")[1:-1]
    return "bad", _bad_line_reason(stripped)


def _bad_line_reason(line: str) -> str:
    if _PO_START.match(line) is None:
        return "not a PO line: expected msgctxt, msgid, msgstr, a quoted string or a # comment"
    for escape in re.finditer(r"\\(.)", line):
        if re.fullmatch(r'[\\"abfnrtv0-7x]', escape.group(1)) is None:
            return f"unknown escape \\{escape.group(1)} in a quoted string"
    return 'unterminated string: the closing " is missing'


def check_po_syntax(text: str, path: Path) -> None:
    """Raise CatalogError at the first line babel would silently misread, drop or merge."""
    state, entry_line, key = "end", 0, ""
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        kind, raw = _po_line_kind(line)
        if kind not in _PO_FOLLOWS[state]:
            # An unfinished entry is the entry's fault: point at where it starts.
            unfinished = kind != "bad" and state in _PO_OPEN
            reason = raw if kind == "bad" else _PO_EXPECTED[state]
            raise CatalogError(reason, file=path, line=entry_line if unfinished else number)
        if kind in ("msgctxt", "msgid") and state != "msgctxt":
            key, entry_line = "", number
        if kind in ("msgctxt", "msgid") or (kind == "cont" and state in ("msgctxt", "msgid")):
            key += raw if kind == "cont" else f"\0{kind}\0{raw}"
        if kind == "msgstr" and key in seen:
            message = f"duplicate of the entry on line {seen[key]}"
            raise CatalogError(message, file=path, line=entry_line)
        if kind == "msgstr":
            seen[key] = entry_line
        state = state if kind == "cont" else kind
    if state in _PO_OPEN:
        raise CatalogError(_PO_EXPECTED[state], file=path, line=entry_line)


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """Read and syntax-check one UTF-8 PO or POT file; malformed input raises CatalogError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read catalog: {error.strerror}", file=path) from error
    text = decode_utf8(data, path, CatalogError).removeprefix("\ufeff")
    check_po_syntax(text, path)
    try:
        locale = Locale.parse(language.replace("-", "_")) if language else None
    except (UnknownLocaleError, ValueError) as error:
        raise CatalogError(f"unknown language {language!r} for a catalog", file=path) from error
    try:
        return read_po(io.StringIO(text), locale=locale, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        raise CatalogError(message, file=path, line=error.lineno + 1) from error
