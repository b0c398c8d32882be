"""Review checks: reviewed units whose source changed, edits not learned yet, and block
structure a reviewer changed (from :mod:`i18n.review`, computed once per translation)."""

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
    """Units a person edited are learned into the reviewed catalog."""
    status = pair.context.review
    if status is None:
        return []
    findings = [
        pair.finding(
            "unlearned-review",
            line,
            pair.map_line(line, back=True),
            "edited by hand and not learned yet: translate would keep it only after "
            "`digest-i18n learn`",
        )
        for line in status.unlearned
    ]
    if status.problem:
        findings.append(
            pair.finding("unlearned-review", 1, 1, f"edited by hand, but {status.problem}")
        )
    return findings


def check_review_structure(pair: CheckPair) -> list[Finding]:
    """A person editing the translation kept its block structure."""
    status = pair.context.review
    if status is None:
        return []
    return [
        pair.finding(
            "review-structure",
            change.line,
            pair.map_line(change.line, back=True),
            f"a reviewer changed the block structure here ({change.what}); nothing can be "
            "learned from this block",
        )
        for change in status.changes
    ]
