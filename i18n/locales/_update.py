"""Keeping the catalogs in step with the template: update (merge), compile (MO) and stats."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from i18n.errors import CatalogError
from i18n.fileio import write_atomic
from i18n.locales._catalogs import LABEL_FLAG, catalog_languages, catalog_path, template_path
from i18n.locales._extract import new_catalog, write_catalog
from i18n.locales._po import read_catalog


@dataclass(frozen=True, slots=True)
class LanguageStats:
    """Counts of one language's catalog entries."""

    language: str
    """Language directory name."""
    translated: int
    """Entries with a translation and no fuzzy flag (the ones used)."""
    fuzzy: int
    """Entries flagged fuzzy (not used until a person confirms them)."""
    untranslated: int
    """Entries with no translation."""
    obsolete: int
    """Entries kept as obsolete (``#~``) because the template dropped them."""

    @property
    def total(self) -> int:
        """Active entries (translated, fuzzy or not)."""
        return self.translated + self.fuzzy + self.untranslated


def language_stats(catalog: Catalog, language: str) -> LanguageStats:
    """Translated/fuzzy/untranslated/obsolete counts of a parsed catalog."""
    messages = [m for m in catalog if m.id]
    fuzzy = sum(m.fuzzy for m in messages)
    translated = sum(bool(m.string) and not m.fuzzy for m in messages)
    return LanguageStats(
        language, translated, fuzzy, len(messages) - fuzzy - translated, len(catalog.obsolete)
    )


def _languages(directory: Path, languages: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys([*catalog_languages(directory), *languages]))
    if not chosen:
        raise CatalogError(
            "no catalogs: create one with `locales update --lang LANG`", file=directory
        )
    return chosen


def _fill_source(catalog: Catalog) -> None:
    """The template language translates to itself; a label keeps a space after it."""
    for message in catalog:
        if message.id and isinstance(message.id, str) and not message.string:
            suffix = " " if LABEL_FLAG in message.flags else ""
            message.string = message.id + suffix


def update_catalogs(
    directory: Path,
    languages: Sequence[str] = (),
    *,
    source: str = "ko",
    fuzzy_matching: bool = True,
) -> list[LanguageStats]:
    """Merge the POT into every language's PO (and create those named in ``languages``)."""
    template = read_catalog(template_path(directory))
    results: list[LanguageStats] = []
    for language in _languages(directory, languages):
        path = catalog_path(directory, language)
        catalog = read_catalog(path, language) if path.is_file() else new_catalog(language)
        catalog.update(template, no_fuzzy_matching=not fuzzy_matching)
        if language.lower() == source.lower():
            _fill_source(catalog)
        write_catalog(catalog, path)
        results.append(language_stats(catalog, language))
    return results


def compiled_path(directory: Path, language: str) -> Path:
    """Where ``compile`` writes a language's MO file (beside its PO, as gettext expects)."""
    return catalog_path(directory, language).with_suffix(".mo")


def compile_catalogs(directory: Path, languages: Sequence[str] = ()) -> list[LanguageStats]:
    """Build ``digest.mo`` beside each PO, leaving fuzzy entries out; the counts compiled."""
    results: list[LanguageStats] = []
    for language in _languages(directory, languages):
        po = catalog_path(directory, language)
        catalog = read_catalog(po, language)
        for message, errors in catalog.check():
            raise CatalogError(str(errors[0]), file=po, line=message.lineno)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        write_atomic(compiled_path(directory, language), buffer.getvalue())
        results.append(language_stats(catalog, language))
    return results


def catalog_stats(directory: Path) -> tuple[int | None, list[LanguageStats]]:
    """Entries in the template (None without one) and each language's counts."""
    pot = template_path(directory)
    template_size = len([m for m in read_catalog(pot) if m.id]) if pot.is_file() else None
    return template_size, [
        language_stats(read_catalog(catalog_path(directory, language), language), language)
        for language in catalog_languages(directory)
    ]
