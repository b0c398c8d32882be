"""Review checks: reviewed units whose source changed, and edits made by hand that cannot be
learned (from :mod:`i18n.reviewed`, computed once per translation). Structure a person
changed is the structure checks' to report."""

from __future__ import annotations

from i18n.checks._model import CheckPair, Finding

REVIEWER_OWNS = frozenset({"emphasis", "glossary", "length-ratio", "catalog"})
"""Checks a reviewed unit is exempt from: a reviewer may add emphasis, choose other words than
the glossary's or the catalog's, and write longer or shorter than the machine."""


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"


def check_review_needed(pair: CheckPair) -> list[Finding]:
    """A reviewed unit whose source changed needs review again."""
    status = pair.context.review
    if status is None:
        return []
    findings = []
    for needs in status.needs_review:
        then = "translate, then review it" if needs.gone else "review it"
        findings.append(
            pair.finding(
                "review-needed",
                pair.map_line(needs.source_line),
                needs.source_line,
                f"the source of a reviewed unit changed; {then} again (the earlier review: "
                f"{_short(needs.reviewed)!r})",
            )
        )
    return findings


def check_unlearned(pair: CheckPair) -> list[Finding]:
    """Edits a person made can be learned (translate learns them on its way; block-structure
    changes are the structure checks' findings)."""
    status = pair.context.review
    if status is None or not status.problem:
        return []
    return [
        pair.finding(
            "unlearned-review",
            1,
            1,
            f"edited by hand, but {status.problem}: translate will refuse to overwrite it",
        )
    ]
