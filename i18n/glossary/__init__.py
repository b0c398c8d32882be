"""The glossary: fixed terms, read from ``glossary/*.csv``, matched in units, exchanged as
CSV, TSV and TBX, edited in place, linted, mined from posts, and synced to DeepL."""

from __future__ import annotations

from collections.abc import Callable

from i18n.glossary._csv import export_csv, export_tsv, glossary_rows_csv
from i18n.glossary._edit import EditResult, add_term, glossary_file_path, remove_term
from i18n.glossary._glossary import (
    EMPTY_GLOSSARY,
    Glossary,
    LintProblem,
    Term,
    TermMatch,
    lint_glossary,
    load_glossary,
    term_finder,
)
from i18n.glossary._match import spelling_variants
from i18n.glossary._suggest import SuggestOptions, suggest_terms, suggestion_rows
from i18n.glossary._tbx import ImportReport, export_tbx, import_tbx

EXPORTERS: dict[str, Callable[[Glossary], str]] = {
    "tbx": export_tbx,
    "csv": export_csv,
    "tsv": export_tsv,
}
"""``glossary export --format`` name -> exporter."""

__all__ = [
    "EMPTY_GLOSSARY",
    "EXPORTERS",
    "EditResult",
    "Glossary",
    "ImportReport",
    "LintProblem",
    "SuggestOptions",
    "Term",
    "TermMatch",
    "add_term",
    "glossary_file_path",
    "glossary_rows_csv",
    "import_tbx",
    "lint_glossary",
    "load_glossary",
    "remove_term",
    "spelling_variants",
    "suggest_terms",
    "suggestion_rows",
    "term_finder",
]
