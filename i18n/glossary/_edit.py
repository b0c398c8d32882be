"""``glossary add`` and ``glossary remove``: rows edited in place, every other byte kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from i18n.errors import UsageError
from i18n.glossary._csv import (
    NOTE_COLUMN,
    SOURCE_COLUMN,
    GlossaryFile,
    Record,
    find_rows,
    insert_row,
    new_glossary_file,
    normalize_term,
    read_glossary_file,
    remove_rows,
    replace_row,
    write_glossary_file,
)
from i18n.glossary._lint import control_characters

NEW_FILE_NAME = "terms.csv"
"""File ``add`` and ``import`` create in an empty glossary directory."""


@dataclass(frozen=True, slots=True)
class EditResult:
    """What ``add`` or ``remove`` changed."""

    path: Path
    """The glossary file written."""
    action: str
    """``added``, ``replaced`` or ``removed``."""
    rows: int = 1
    """Rows affected in that file."""


def glossary_file_path(directory: Path, file: str | None) -> Path:
    """The file ``--file`` names (a bare name is inside ``directory``), or else the only CSV
    file of ``directory`` (``terms.csv`` when there is none)."""
    if file is not None:
        path = Path(file)
        return path if path.is_absolute() or path.parent != Path(".") else directory / path
    files = sorted(directory.glob("*.csv"), key=lambda p: p.name)
    if len(files) > 1:
        names = ", ".join(p.name for p in files)
        raise UsageError(
            f"{directory} holds several glossary files ({names}): choose one with --file"
        )
    return files[0] if files else directory / NEW_FILE_NAME


def _located(directory: Path, source: str) -> list[tuple[GlossaryFile, Record]]:
    found: list[tuple[GlossaryFile, Record]] = []
    for path in sorted(directory.glob("*.csv"), key=lambda p: p.name):
        glossary_file = read_glossary_file(path)
        found.extend((glossary_file, record) for record in find_rows(glossary_file, source))
    return found


def _checked(column: str, value: str) -> str:
    clean = normalize_term(value)
    bad = control_characters(clean)
    if bad:
        raise UsageError(f"the {column} term {clean!r} contains {bad}, which DeepL rejects")
    return clean


def add_term(
    directory: Path,
    source: str,
    targets: Mapping[str, str],
    note: str = "",
    *,
    file: str | None = None,
    replace: bool = False,
    keep: bool = False,
) -> EditResult:
    """Add a concept row, keeping the file sorted and its formatting; with ``replace``, an
    existing row for ``source`` is rewritten in place (languages not given are kept). With
    ``keep``, every target column gets the source term (a name that is never translated)."""
    source = _checked(SOURCE_COLUMN, source)
    given = {lang: _checked(lang, value) for lang, value in targets.items() if value.strip()}
    if not source or not (given or keep):
        raise UsageError("give the Korean term and at least one target term (--en, --ja …)")
    if note.strip():
        given[NOTE_COLUMN] = note.strip()
    existing = _located(directory, source)
    if existing and not replace:
        glossary_file, record = existing[0]
        where = f"{glossary_file.path}:{record.line}"
        raise UsageError(f"{source!r} is already at {where}: use --replace, or remove it")
    if existing:
        glossary_file, record = existing[0]
        if file is not None and glossary_file.path != glossary_file_path(directory, file):
            raise UsageError(f"{source!r} is in {glossary_file.path}, not in {file}")
    else:
        path = glossary_file_path(directory, file)
        glossary_file = read_glossary_file(path) if path.exists() else new_glossary_file(path)
    if keep:
        given = {**dict.fromkeys(glossary_file.languages, source), **given}
    _require_columns(glossary_file, given)
    if not existing:
        write_glossary_file(insert_row(glossary_file, {SOURCE_COLUMN: source, **given}))
        return EditResult(glossary_file.path, "added")
    old = glossary_file.row(record)
    cells = {SOURCE_COLUMN: old.source, **old.targets, NOTE_COLUMN: old.note, **given}
    cells = {c: v for c, v in cells.items() if c in glossary_file.columns}
    write_glossary_file(replace_row(glossary_file, record, cells))
    return EditResult(glossary_file.path, "replaced")


def _require_columns(glossary_file: GlossaryFile, cells: Mapping[str, str]) -> None:
    missing = sorted(set(cells) - set(glossary_file.columns))
    if missing:
        raise UsageError(
            f"{glossary_file.path} has no {missing[0]!r} column "
            f"(its columns: {','.join(glossary_file.columns)})"
        )


def remove_term(directory: Path, source: str, *, file: str | None = None) -> list[EditResult]:
    """Remove every row for ``source`` (from ``file`` only, if given), keeping formatting."""
    only = glossary_file_path(directory, file) if file is not None else None
    by_file: dict[Path, tuple[GlossaryFile, list[Record]]] = {}
    for glossary_file, record in _located(directory, source):
        if only is None or glossary_file.path == only:
            by_file.setdefault(glossary_file.path, (glossary_file, []))[1].append(record)
    if not by_file:
        raise UsageError(f"{normalize_term(source)!r} is not in the glossary at {directory}")
    results = []
    for path, (glossary_file, records) in by_file.items():
        write_glossary_file(remove_rows(glossary_file, records))
        results.append(EditResult(path, "removed", len(records)))
    return results
