"""Glossary files as maintainers edit them: ``glossary/*.csv`` read into rows, and edited in
place (add, replace, remove) so that every untouched byte stays as written.

The header names the columns: ``ko`` (the source term, required), any number of target
language codes (``en``, ``ja``, ``pt-br`` …) and optionally ``note``, in any order.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from i18n.config import is_language
from i18n.errors import GlossaryError
from i18n.fileio import decode_utf8, write_atomic

if TYPE_CHECKING:
    from i18n.glossary._glossary import Glossary

SOURCE_COLUMN = "ko"
"""Column holding the source term; the glossary's source language."""
NOTE_COLUMN = "note"
"""Optional free-text column; never sent to an engine."""

_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|\Z)")
_QUOTED_RECORD = re.compile(r'"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\Z', re.DOTALL)
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_WHITESPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record as it stands in the file (several lines if a quoted cell holds one)."""

    line: int
    """1-based line where the record starts (0 for a record this tool has just written)."""
    text: str
    """The record's characters without its line terminator."""
    end: str
    """Its terminator: ``\\r\\n``, ``\\n``, ``\\r``, or ``""`` on a last line without one."""
    cells: tuple[str, ...]
    """Parsed cells; empty for a blank line."""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a glossary file, cells by meaning (as written, not yet cleaned)."""

    file: str
    """Path of the file it came from."""
    line: int
    """1-based line where the row starts."""
    source: str
    """The ``ko`` cell."""
    targets: Mapping[str, str]
    """Language code -> cell, for every language column (in header order)."""
    note: str
    """The ``note`` cell (empty when the file has no note column)."""


@dataclass(frozen=True, slots=True)
class GlossaryFile:
    """A parsed glossary file that can be written back byte for byte."""

    path: Path
    """Where it lives."""
    bom: bool
    """The file started with a UTF-8 byte-order mark."""
    columns: tuple[str, ...]
    """Normalised column names in header order (``ko``, language codes, ``note``)."""
    header: Record
    """The header record, as written."""
    records: tuple[Record, ...]
    """Every record after the header: data rows and blank lines, in file order."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Target language columns, in header order."""
        return tuple(c for c in self.columns if c not in (SOURCE_COLUMN, NOTE_COLUMN))

    def rows(self) -> Iterator[Row]:
        """The data rows (blank lines skipped), in file order."""
        for record in self.records:
            if record.cells:
                yield self.row(record)

    def row(self, record: Record) -> Row:
        """``record`` read by column."""
        cells = dict(zip(self.columns, record.cells, strict=True))
        return Row(
            file=str(self.path),
            line=record.line,
            source=cells[SOURCE_COLUMN],
            targets={lang: cells[lang] for lang in self.languages},
            note=cells.get(NOTE_COLUMN, ""),
        )

    def render(self) -> str:
        """The file's text (BOM included) as it would be written."""
        body = "".join(r.text + r.end for r in (self.header, *self.records))
        return ("\ufeff" if self.bom else "") + body


def normalize_term(value: str) -> str:
    """A term as matched and compared: NFC, surrounding whitespace removed, inner runs as one
    space."""
    return _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", value)).strip()


def sort_key(source: str) -> tuple[str, str]:
    """Order of rows in a glossary file: by source term, case-insensitively first."""
    term = normalize_term(source)
    return (term.casefold(), term)


def neutralize_formula(cell: str) -> str:
    """``cell`` made inert for spreadsheets: a leading ``'`` before a formula character."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unneutralize_formula(cell: str) -> str:
    """Inverse of :func:`neutralize_formula`, so exported files read back unchanged."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def read_glossary_file(path: Path) -> GlossaryFile:
    """Parse one glossary CSV file; :class:`GlossaryError` with file and line if malformed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read the glossary file: {exc.strerror}", file=path) from exc
    # a NUL is reported by the cell check, which names the term it is in
    return parse_glossary_text(decode_utf8(data, path, GlossaryError, binary=False), path)


def parse_glossary_text(text: str, path: Path) -> GlossaryFile:
    """Parse glossary CSV ``text`` (BOM allowed) as if read from ``path``."""
    bom = text.startswith("\ufeff")
    records = _records(text.removeprefix("\ufeff"), path)
    if not records or not records[0].cells or not "".join(records[0].cells).strip():
        raise GlossaryError(
            "missing header: the first line must name the columns, e.g. ko,en,ja,note",
            file=path,
            line=1,
        )
    header, body = records[0], records[1:]
    columns = _columns(header, path)
    for record in body:
        if record.cells and len(record.cells) != len(columns):
            raise GlossaryError(
                f"wrong number of fields: {len(record.cells)} where the header has "
                f"{len(columns)} ({','.join(columns)})",
                file=path,
                line=record.line,
            )
    return GlossaryFile(path=path, bom=bom, columns=columns, header=header, records=tuple(body))


def _records(text: str, path: Path) -> list[Record]:
    lines = [(m.group(0)[: m.start(1) - m.start()], m.group(1)) for m in _LINE.finditer(text)]
    if lines and lines[-1] == ("", ""):
        lines.pop()  # the empty match after a final newline is not a line
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Record] = []
    done = 0
    try:
        for cells in reader:
            span = lines[done : reader.line_num]
            raw = "".join(content + end for content, end in span)
            end = span[-1][1]
            cells = [] if not "".join(cells).strip() and len(cells) <= 1 else cells
            clean = tuple(unneutralize_formula(c) for c in cells)
            records.append(Record(done + 1, raw[: len(raw) - len(end)], end, clean))
            done = reader.line_num
    except csv.Error as exc:
        reason = "a quoted cell is never closed" if "end of data" in str(exc) else str(exc)
        raise GlossaryError(f"malformed CSV: {reason}", file=path, line=done + 1) from exc
    return records


def _columns(header: Record, path: Path) -> tuple[str, ...]:
    names = tuple(c.strip().lower() for c in header.cells)
    for name in names:
        if name != SOURCE_COLUMN and name != NOTE_COLUMN and not is_language(name):
            raise GlossaryError(
                f"unknown column {name!r}: columns are {SOURCE_COLUMN} (the source term), "
                f"target language codes (en, ja …) and {NOTE_COLUMN}",
                file=path,
                line=header.line,
            )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise GlossaryError(f"duplicate column {duplicates[0]!r}", file=path, line=header.line)
    if SOURCE_COLUMN not in names:
        raise GlossaryError(
            f"missing header: no {SOURCE_COLUMN!r} column (the source term) in {','.join(names)!r}",
            file=path,
            line=header.line,
        )
    return names


# --- editing in place ---------------------------------------------------------------


def new_glossary_file(path: Path, languages: Sequence[str] = ("en", "ja")) -> GlossaryFile:
    """An empty glossary file (header only, LF, minimal quoting) not yet written."""
    columns = (SOURCE_COLUMN, *languages, NOTE_COLUMN)
    header = Record(1, ",".join(columns), "\n", columns)
    return GlossaryFile(path=path, bom=False, columns=columns, header=header, records=())


def find_rows(glossary_file: GlossaryFile, source: str) -> list[Record]:
    """Data records whose source term is ``source`` (compared normalised)."""
    key = normalize_term(source)
    position = glossary_file.columns.index(SOURCE_COLUMN)
    return [
        r for r in glossary_file.records if r.cells and normalize_term(r.cells[position]) == key
    ]


def insert_row(glossary_file: GlossaryFile, cells: Mapping[str, str]) -> GlossaryFile:
    """``glossary_file`` with a new row, placed before the first row that sorts after it."""
    record = _new_record(glossary_file, cells)
    key = sort_key(cells[SOURCE_COLUMN])
    position = glossary_file.columns.index(SOURCE_COLUMN)
    records = list(glossary_file.records)
    data = [n for n, r in enumerate(records) if r.cells]
    after = [n for n in data if sort_key(records[n].cells[position]) > key]
    index = after[0] if after else (data[-1] + 1 if data else 0)
    records.insert(index, record)
    return _with_records(glossary_file, records)


def replace_row(glossary_file: GlossaryFile, old: Record, cells: Mapping[str, str]) -> GlossaryFile:
    """``glossary_file`` with the record ``old`` rewritten from ``cells``, in place."""
    records = [_new_record(glossary_file, cells) if r is old else r for r in glossary_file.records]
    return _with_records(glossary_file, records)


def remove_rows(glossary_file: GlossaryFile, doomed: Sequence[Record]) -> GlossaryFile:
    """``glossary_file`` without the records in ``doomed``."""
    records = [r for r in glossary_file.records if all(r is not d for d in doomed)]
    return _with_records(glossary_file, records)


def write_glossary_file(glossary_file: GlossaryFile) -> None:
    """Write atomically (the one writer: a crash leaves the old file or the new one, and the
    file keeps its permissions)."""
    write_atomic(glossary_file.path, glossary_file.render())


def _newline(glossary_file: GlossaryFile) -> str:
    ends = [r.end for r in (glossary_file.header, *glossary_file.records) if r.end]
    return ends[0] if ends else "\n"


def _quote_all(glossary_file: GlossaryFile) -> bool:
    data = [r for r in glossary_file.records if r.cells] or [glossary_file.header]
    return all(_QUOTED_RECORD.match(r.text) for r in data)


def _new_record(glossary_file: GlossaryFile, cells: Mapping[str, str]) -> Record:
    unknown = sorted(set(cells) - set(glossary_file.columns))
    if unknown:
        raise GlossaryError(
            f"no {unknown[0]!r} column in this file (columns: {','.join(glossary_file.columns)})",
            file=glossary_file.path,
        )
    values = tuple(cells.get(column, "") for column in glossary_file.columns)
    buffer = io.StringIO()
    if _quote_all(glossary_file):
        csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="").writerow(values)
    else:
        csv.writer(buffer, lineterminator="").writerow(values)
    return Record(0, buffer.getvalue(), _newline(glossary_file), values)


def _with_records(glossary_file: GlossaryFile, records: list[Record]) -> GlossaryFile:
    # Keep whether the file ended with a newline, whichever record is now the last one.
    everything = [glossary_file.header, *records]
    old_last = glossary_file.records[-1] if glossary_file.records else glossary_file.header
    newline = _newline(glossary_file)
    fixed = [r if r.end else replace(r, end=newline) for r in everything[:-1]]
    last = everything[-1]
    fixed.append(replace(last, end=(last.end or newline) if old_last.end else ""))
    return replace(glossary_file, header=fixed[0], records=tuple(fixed[1:]))


# --- spreadsheet exports ------------------------------------------------------------


def export_table(glossary: Glossary, delimiter: str = ",") -> str:
    """The whole glossary as one CSV (or TSV, with a tab) table, sorted, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    languages = glossary.languages
    writer.writerow([SOURCE_COLUMN, *languages, NOTE_COLUMN])
    for term in sorted(glossary.terms, key=lambda t: sort_key(t.source)):
        cells = [term.source, *(term.target(lang) for lang in languages), term.note]
        writer.writerow([neutralize_formula(c) for c in cells])
    return buffer.getvalue()


def export_csv(glossary: Glossary) -> str:
    """The whole glossary as one CSV table (see :func:`export_table`)."""
    return export_table(glossary, ",")


def export_tsv(glossary: Glossary) -> str:
    """The whole glossary as one TSV table (see :func:`export_table`)."""
    return export_table(glossary, "\t")


def glossary_rows_csv(rows: Sequence[Sequence[str]]) -> str:
    """``rows`` as CSV lines (minimal quoting, LF), formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([neutralize_formula(c) for c in row])
    return buffer.getvalue()
