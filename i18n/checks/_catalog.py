"""The catalog check: the digest's fixed vocabulary reads exactly as the catalog says."""

from __future__ import annotations

import html

from i18n.checks._model import CheckPair, Finding, TextPair
from i18n.checks._nodes import MARK
from i18n.locales import to_engine_form


def _normal(text: str) -> str:
    return " ".join(text.split())


def check_catalog(pair: CheckPair) -> list[Finding]:
    """A source text (or its leading label) that the catalog answers is translated as the
    catalog says: headings, labels, stock phrases, dated titles."""
    catalogs = pair.context.catalogs
    findings: list[Finding] = []
    for text in pair.texts:
        if not text.source.strip():
            continue
        if MARK not in text.source:  # markup inside: never a whole catalog entry
            whole = catalogs.lookup(to_engine_form(_normal(text.source)), pair.lang)
            if whole is not None:
                want = html.unescape(whole)
                if _normal(text.target) != _normal(want):
                    findings.append(_finding(pair, text, text.source, want))
                continue
        lead = text.source.split(MARK, 1)[0]  # a label comes first, before any markup
        label = catalogs.split_label(to_engine_form(_normal(lead)), pair.lang)
        if label is not None:
            want = html.unescape(label[0]).strip()
            if not _normal(text.target).startswith(_normal(want)):
                rest = html.unescape(label[1])
                findings.append(_finding(pair, text, _normal(lead)[: -len(rest) or None], want))
    return findings


def _finding(pair: CheckPair, text: TextPair, source: str, want: str) -> Finding:
    return pair.finding(
        "catalog",
        text.line,
        text.source_line,
        f"catalog: '{_normal(source)}' must read '{want}' in {pair.lang}",
        f"use the catalog's '{want}' (locales/{pair.lang}/LC_MESSAGES/digest.po), "
        "or translate again",
    )
