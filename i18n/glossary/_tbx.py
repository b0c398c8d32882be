"""TBX, the term-exchange format of CAT tools and Weblate: export, read, import.

TBX is written in the TBX-Basic / TBX v2 shape most tools exchange (``martif`` with
``termEntry`` / ``langSet`` / ``tig`` / ``term``, the note as ``<descrip type="definition">``);
reading also takes ``note`` elements and the TBX v3 names (``conceptEntry`` / ``langSec`` /
``termSec``). Files are parsed with defusedxml: entity declarations (how XML bombs and
external-entity reads start) are refused in any encoding, UTF-16 included.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from i18n.errors import GlossaryError
from i18n.fileio import read_bytes
from i18n.glossary._csv import (
    NOTE_COLUMN,
    SOURCE_COLUMN,
    GlossaryFile,
    find_rows,
    insert_row,
    new_glossary_file,
    normalize_term,
    read_glossary_file,
    replace_row,
    sort_key,
    write_glossary_file,
)
from i18n.glossary._lint import control_characters

if TYPE_CHECKING:
    from i18n.glossary._glossary import Glossary, Term

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY_TAGS = ("termEntry", "conceptEntry")
_LANG_TAGS = ("langSet", "langSec")
_NOTE_TAGS = ("descrip", "note")
_KEEP_AS_IS = "Translation needed"  # Weblate's read-only (never translate) marker


@dataclass(frozen=True, slots=True)
class TbxEntry:
    """One concept read from a TBX file."""

    source: str
    """The ``ko`` term."""
    targets: Mapping[str, str]
    """Language code -> term, for every other language in the entry."""
    note: str
    """Notes of the entry joined by ``; ``."""
    keep_as_is: bool = False
    """Marked "Translation needed: no" (Weblate's never-translate flag)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What ``glossary import`` did to the target file."""

    path: Path
    """The glossary file written."""
    added: int
    """Rows added."""
    replaced: int
    """Rows whose targets or note changed."""
    unchanged: int
    """Entries already in the file as they are."""
    skipped_entries: int
    """Entries without a ``ko`` term."""
    skipped_languages: tuple[str, ...]
    """Languages in the TBX file that the target file has no column for."""


def _rows(glossary: Glossary) -> list[Term]:
    return sorted(glossary.terms, key=lambda t: sort_key(t.source))


def export_tbx(glossary: Glossary) -> str:
    """The whole glossary as a TBX-Basic document, sorted by source term."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: SOURCE_COLUMN})
    file_desc = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = "digest-i18n glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(_rows(glossary), start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"c{number}"})
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        if term.do_not_translate:
            ET.SubElement(entry, "descrip", {"type": _KEEP_AS_IS}).text = "no"
        for lang, value in ((SOURCE_COLUMN, term.source), *term.targets.items()):
            if value:
                lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
                ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = value
    ET.indent(root, space="  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def read_tbx(path: Path) -> list[TbxEntry]:
    """The concepts of a TBX file, in document order."""
    data = read_bytes(path)
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise GlossaryError(
            "TBX files with <!ENTITY declarations or external references are not accepted",
            file=path,
        ) from None
    except ET.ParseError as exc:
        raise GlossaryError(f"not well-formed XML: {exc}", file=path, line=exc.position[0]) from exc
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file: the root element is <{_local(root.tag)}>", file=path)
    return [_entry(e) for e in root.iter() if _local(e.tag) in _ENTRY_TAGS]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _language(element: ET.Element) -> str:
    code = element.get(_XML_LANG) or element.get("lang") or ""
    return code.strip().lower().replace("_", "-")


def _entry(element: ET.Element) -> TbxEntry:
    terms: dict[str, str] = {}
    notes: list[str] = []
    keep_as_is = False
    for child in element:
        tag = _local(child.tag)
        if tag in _LANG_TAGS:
            term = next((t for t in child.iter() if _local(t.tag) == "term"), None)
            if term is not None and _language(child) not in terms:
                terms[_language(child)] = "".join(term.itertext())
        elif tag in _NOTE_TAGS and child.get("type") == _KEEP_AS_IS:
            keep_as_is = "".join(child.itertext()).strip().lower() == "no"
        elif tag in _NOTE_TAGS and "".join(child.itertext()).strip():
            notes.append("".join(child.itertext()).strip())
    source = normalize_term(terms.pop(SOURCE_COLUMN, ""))
    targets = {lang: normalize_term(value) for lang, value in terms.items()}
    return TbxEntry(source, targets, "; ".join(notes), keep_as_is)


def import_tbx(tbx: Path, target: Path) -> ImportReport:
    """Merge the concepts of ``tbx`` into the glossary file ``target`` (created if missing):
    new terms are inserted in sorted position, changed ones rewritten in place."""
    entries = read_tbx(tbx)
    usable = [e for e in entries if e.source]
    _check_terms(usable, tbx)
    if target.exists():
        glossary_file = read_glossary_file(target)
    else:
        languages = dict.fromkeys(lang for e in usable for lang in e.targets)
        glossary_file = new_glossary_file(target, tuple(languages))
    columns = set(glossary_file.columns)
    skipped = sorted({lang for e in usable for lang in e.targets} - columns)
    counts = {"added": 0, "replaced": 0, "unchanged": 0}
    for entry in usable:
        glossary_file, outcome = _merge(glossary_file, entry)
        counts[outcome] += 1
    write_glossary_file(glossary_file)
    return ImportReport(
        path=target,
        skipped_entries=len(entries) - len(usable),
        skipped_languages=tuple(skipped),
        **counts,
    )


def _check_terms(entries: Iterable[TbxEntry], tbx: Path) -> None:
    for entry in entries:
        for value in (entry.source, *entry.targets.values()):
            bad = control_characters(value)
            if bad:
                raise GlossaryError(f"term {value!r} contains {bad}", file=tbx)


def _merge(glossary_file: GlossaryFile, entry: TbxEntry) -> tuple[GlossaryFile, str]:
    # What the entry says overrides the row; what it does not say (a language, a note) stays.
    given = dict(entry.targets)
    if entry.keep_as_is and not any(given.values()):
        given = dict.fromkeys(glossary_file.languages, entry.source)
    if entry.note:
        given[NOTE_COLUMN] = entry.note
    given = {column: value for column, value in given.items() if column in glossary_file.columns}
    existing = find_rows(glossary_file, entry.source)
    if not existing:
        return insert_row(glossary_file, {SOURCE_COLUMN: entry.source, **given}), "added"
    old = glossary_file.row(existing[0])
    before = {SOURCE_COLUMN: old.source, **old.targets, NOTE_COLUMN: old.note}
    if all(normalize_term(before.get(column, "")) == value for column, value in given.items()):
        return glossary_file, "unchanged"
    merged = {c: v for c, v in {**before, **given}.items() if c in glossary_file.columns}
    return replace_row(glossary_file, existing[0], merged), "replaced"
