"""Gettext catalogs for the digest's fixed vocabulary: headings, labels, stock phrases, titles.

A unit the catalog answers is never sent to an engine. Catalogs live in
``<dir>/<lang>/LC_MESSAGES/digest.po``, the template in ``<dir>/digest.pot``; the source
language's PO is the template language, never a target. Catalog text is written as people
read it (``Q&A``; engine tags such as ``<x i="1"/>`` literally) and compared with units in the
engine's form, where ``& < >`` outside tags are XML-escaped. Conventions:

* ``#, digest-label`` flags a label (``Goal:``) that starts a unit followed by prose. Its
  translation carries the separator and the space after it exactly as the target writes them
  (``Goal: `` in English, ``目的：`` in Japanese, where a full-width colon takes no space).
* ``{date}`` in a msgid matches an ISO date (``YYYY-MM-DD``). In the msgstr, ``{date}`` is the
  locale's long date (babel), ``{date:short|medium|long|full}`` picks another width and
  ``{date:iso}`` keeps the ISO form.
* Fuzzy and untranslated entries are not used; msgctxt entries are reserved and ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message

from i18n.errors import CatalogError
from i18n.locales._po import DOMAIN, read_catalog
from i18n.markdown import has_hangul

LABEL_FLAG = "digest-label"
TEMPLATE_NAME = f"{DOMAIN}.pot"

_DATE_SLOT = "{date}"
_DATE_PLACEHOLDER = re.compile(r"\{date(?::(?P<spec>[^{}]*))?\}")
_ISO_DATE = r"(?P<date>\d{4}-\d{2}-\d{2})"
_TAG = re.compile(r"(</?[A-Za-z][\w.-]*(?:\s+[\w.-]+=\"[^\"<>]*\")*\s*/?>)")
# ``{date:spec}`` → babel width; ``iso`` is not a babel width and keeps the source form.
_DATE_WIDTHS = {"": "long", "iso": "iso", **{w: w for w in ("short", "medium", "long", "full")}}


def _format_day(day: date, width: str, locale: Locale) -> str:
    return day.isoformat() if width == "iso" else format_date(day, width, locale=locale)


def template_path(directory: Path) -> Path:
    """Where the catalog template (POT) lives in a locales directory."""
    return directory / TEMPLATE_NAME


def catalog_path(directory: Path, language: str) -> Path:
    """Where one language's PO file lives in a locales directory."""
    return directory / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages(directory: Path) -> list[str]:
    """Languages that have a PO file under ``directory``, sorted."""
    if not directory.is_dir():
        return []
    return sorted(
        child.name for child in directory.iterdir() if catalog_path(directory, child.name).is_file()
    )


def to_engine_form(text: str) -> str:
    """Catalog text as engines see units: XML-escaped, with tags kept as tags."""
    parts = _TAG.split(text)  # text, tag, text, …: the pattern is one capturing group
    return "".join(part if odd % 2 else xml_escape(part) for odd, part in enumerate(parts))


def from_engine_form(text: str) -> str:
    """Engine form as catalog text: entities outside tags unescaped, tags kept as tags."""
    parts = _TAG.split(text)
    return "".join(part if odd % 2 else xml_unescape(part) for odd, part in enumerate(parts))


def xml_unescape(text: str) -> str:
    """Undo :func:`xml_escape`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def xml_escape(text: str) -> str:
    """Escape ``& < >`` as the engines' XML text needs."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


# --- the runtime catalogs -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One active (translated, not fuzzy) catalog entry, in the engine's text form."""

    msgid: str
    """The source text as units carry it (XML-escaped, surrounding whitespace stripped)."""
    msgstr: str
    """The translation in the engine's form; a label keeps its trailing separator space."""
    label: bool
    """True for ``#, digest-label`` entries, which may start a unit followed by prose."""


@dataclass(frozen=True, slots=True)
class DatePattern:
    """A catalog entry whose msgid holds ``{date}``: matches units with an ISO date there."""

    regex: re.Pattern[str]
    """Full-match pattern over a unit's engine-form text, with a ``date`` group."""
    msgstr: str
    """The translation, with ``{date}`` / ``{date:spec}`` placeholders still in it."""


@dataclass(frozen=True, slots=True)
class LanguageCatalog:
    """The active entries of one target language, indexed for lookup."""

    language: str
    """The language directory name (``ja``)."""
    locale: Locale
    """Babel locale used to format dates."""
    exact: Mapping[str, CatalogEntry]
    """Entries without a date slot, by msgid."""
    patterns: tuple[DatePattern, ...]
    """Entries with a date slot, in file order."""
    label_regex: re.Pattern[str] | None
    """Matches a label at the start of a unit when followed by whitespace; None if no labels."""
    digest: str
    """sha256 of the active entries: changes exactly when lookups can change."""

    def render(self, pattern: DatePattern, day: date) -> str:
        """The pattern's msgstr with its date placeholders formatted for this locale."""
        return _DATE_PLACEHOLDER.sub(
            lambda slot: _format_day(day, _DATE_WIDTHS[slot.group("spec") or ""], self.locale),
            pattern.msgstr,
        )


@dataclass(frozen=True, slots=True)
class Catalogs:
    """All target languages' catalogs; what the translate pipeline asks first."""

    source: str = "ko"
    """The source (template) language; it is never a target."""
    languages: Mapping[str, LanguageCatalog] = field(default_factory=dict)
    """Target catalogs by language directory name."""
    _tables: dict[str, LanguageCatalog | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """:meth:`_table` answers so far."""

    def _table(self, target: str) -> LanguageCatalog | None:
        # asked for every unit and language: remembered per target (the mapping never changes)
        try:
            return self._tables[target]
        except KeyError:
            found = self._tables[target] = self._find_table(target)
            return found

    def _find_table(self, target: str) -> LanguageCatalog | None:
        wanted = target.lower().replace("-", "_")
        for name in (wanted, wanted.split("_", 1)[0]):
            for language, table in self.languages.items():
                if language.lower() == name:
                    return table
        return None

    def lookup(self, text: str, target: str) -> str | None:
        """The catalog's translation of a whole unit (engine form), or None."""
        table = self._table(target)
        if table is None:
            return None
        key = _normalize(text)
        entry = table.exact.get(key)
        if entry is not None:
            return entry.msgstr.strip()
        if "-" not in key:  # every pattern holds an ISO date (dashes and all): none matches
            return None
        for pattern in table.patterns:
            match = pattern.regex.fullmatch(key)
            day = _parse_day(match.group("date")) if match else None
            if day is not None:
                return table.render(pattern, day)
        return None

    def split_label(self, text: str, target: str) -> tuple[str, str] | None:
        """(translated label with its separator, remaining text) for a unit led by a label."""
        table = self._table(target)
        if table is None or table.label_regex is None:
            return None
        key = _normalize(text)
        match = table.label_regex.match(key)
        if match is None:
            return None
        rest = key[match.end() :].lstrip()
        return (table.exact[match.group(0)].msgstr, rest) if rest else None

    def digest(self, target: str) -> str:
        """Content digest of the target's active entries (of nothing, for no catalog)."""
        table = self._table(target)
        return table.digest if table is not None else _digest_of([])


EMPTY_CATALOGS = Catalogs()


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _digest_of(rows: list[tuple[str, str, bool]]) -> str:
    payload = json.dumps(sorted(rows), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"digest-i18n-catalog-v1\n{payload}".encode()).hexdigest()


def is_active(message: Message) -> bool:
    """A plain (not plural, no msgctxt), translated, non-fuzzy entry."""
    plain = isinstance(message.id, str) and isinstance(message.string, str)
    return (
        plain and bool(message.id and message.string) and not message.context and not message.fuzzy
    )


def _date_pattern(msgid: str, msgstr: str, path: Path, line: int | None) -> DatePattern:
    if msgid.count(_DATE_SLOT) != 1:
        raise CatalogError("a msgid may hold {date} once", file=path, line=line)
    specs = [slot.group("spec") or "" for slot in _DATE_PLACEHOLDER.finditer(msgstr)]
    if not specs:
        raise CatalogError("the translation lost its {date} placeholder", file=path, line=line)
    for spec in (spec for spec in specs if spec not in _DATE_WIDTHS):
        message = f"unknown date format {{date:{spec}}} (use iso, short, medium, long or full)"
        raise CatalogError(message, file=path, line=line)
    before, after = msgid.split(_DATE_SLOT)
    return DatePattern(re.compile(re.escape(before) + _ISO_DATE + re.escape(after)), msgstr)


def _check_label(msgstr: str, path: Path, line: int | None) -> None:
    last = msgstr[-1]
    if not last.isspace() and unicodedata.east_asian_width(last) not in ("F", "W"):
        raise CatalogError(
            "a label's translation must end with the space that separates it from the text "
            "(e.g. 'Goal: '), or with a full-width separator (e.g. '目的：')",
            file=path,
            line=line,
        )


def build_language_catalog(catalog: Catalog, language: str, path: Path) -> LanguageCatalog:
    """Index a parsed catalog's active entries; bad placeholders or labels raise CatalogError."""
    exact: dict[str, CatalogEntry] = {}
    patterns: list[DatePattern] = []
    rows: list[tuple[str, str, bool]] = []
    for message in catalog:
        if not is_active(message):
            continue
        msgid = _normalize(to_engine_form(str(message.id)))
        msgstr = to_engine_form(str(message.string))
        label = LABEL_FLAG in message.flags
        rows.append((msgid, msgstr, label))
        if _DATE_SLOT in msgid:
            patterns.append(_date_pattern(msgid, msgstr, path, message.lineno))
            continue
        if label:
            _check_label(msgstr, path, message.lineno)
        exact[msgid] = CatalogEntry(msgid, msgstr, label)
    labels = sorted((entry.msgid for entry in exact.values() if entry.label), key=len, reverse=True)
    label_regex = (
        re.compile("(?:" + "|".join(map(re.escape, labels)) + r")(?=\s)") if labels else None
    )
    locale = catalog.locale or Locale.parse(language.replace("-", "_"))
    return LanguageCatalog(language, locale, exact, tuple(patterns), label_regex, _digest_of(rows))


def load_catalogs(directory: Path, source: str = "ko") -> Catalogs:
    """Every target language's catalog under ``directory``; a missing directory is empty."""
    targets = [name for name in catalog_languages(directory) if name.lower() != source.lower()]
    paths = {name: catalog_path(directory, name) for name in targets}
    return Catalogs(
        source,
        {name: build_language_catalog(read_catalog(p, name), name, p) for name, p in paths.items()},
    )


# --- what the catalogs save ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogCoverage:
    """How much of a set of units one target's catalog answers instead of the engine."""

    units: int
    """Units looked at."""
    whole_units: int
    """Units translated entirely from the catalog."""
    label_units: int
    """Units whose leading label came from the catalog (the rest still goes to the engine)."""
    characters: int
    """Source characters the catalog supplied (whole units plus labels with their space)."""
    engine_characters: int
    """Of those, characters in units with Hangul, which the engine would otherwise be sent."""
    hangul_unit_characters: int
    """Characters of all units with Hangul: what an engine would see without any catalog."""


def catalog_coverage(
    catalogs: Catalogs, units_texts: Iterable[str], target: str
) -> CatalogCoverage:
    """Count the units and characters the catalog takes off the engine for ``target``."""
    units = whole = labelled = characters = engine = hangul = 0
    for text in units_texts:
        units += 1
        unit = _normalize(text)
        billable = has_hangul(unit)
        hangul += len(unit) if billable else 0
        saved = 0
        if catalogs.lookup(unit, target) is not None:
            whole, saved = whole + 1, len(unit)
        else:
            split = catalogs.split_label(unit, target)
            if split is not None:
                labelled, saved = labelled + 1, len(unit) - len(split[1])
        characters += saved
        engine += saved if billable else 0
    return CatalogCoverage(units, whole, labelled, characters, engine, hangul)
