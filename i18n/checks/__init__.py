"""The checks behind ``digest-i18n check``: parse, align, compare, report.

:func:`check` compares one source with one translation; :func:`check_paths` finds every
translation of every source and checks it. Inside: ``_outline`` parses a document once,
``_walk``/``_runs`` read its blocks and inline runs, ``_align`` pairs blocks, ``_model`` holds
findings and the aligned pair; the rules are plain functions in ``_structure``, ``_inline``,
``_content``, ``_terms``, ``_catalog`` and ``_meta``; ``_registry`` is their table and
``_report`` formats a report as text, JSON or GitHub annotations.
"""

from __future__ import annotations

from i18n.checks._entry import SourceText, check, check_paths, check_target, read_source_text
from i18n.checks._model import Finding, Report
from i18n.checks._registry import GROUPS, INFOS
from i18n.checks._report import FORMATTERS
from i18n.checks._summary import format_step_summary

__all__ = [
    "FORMATTERS",
    "GROUPS",
    "INFOS",
    "Finding",
    "Report",
    "SourceText",
    "check",
    "check_paths",
    "check_target",
    "format_step_summary",
    "read_source_text",
]
