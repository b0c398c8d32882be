"""A check report as the Markdown of a GitHub Actions job summary (``$GITHUB_STEP_SUMMARY``).

Per post and language: counts by check id; then the first findings; then where the review
page is. Everything quoted from a post or a path is escaped, so the summary shows it as
text (GitHub renders the summary as Markdown with HTML).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from i18n.checks._model import Finding, Report

FIRST_FINDINGS = 10
"""Findings quoted in full; the rest are counted."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def _md(text: str) -> str:
    """Plain text as inline Markdown that renders as itself, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def run_url(environ: Mapping[str, str]) -> str:
    """The Actions run's page (its artifacts are listed there), or ``""`` outside Actions."""
    names = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    if not all(environ.get(name) for name in names):
        return ""
    server, repository, run = (environ[name] for name in names)
    return f"{server}/{repository}/actions/runs/{run}#artifacts"


def _finding_line(finding: Finding) -> str:
    where = f"{finding.file}:{finding.line}"
    return (
        f"- {_md(where)} **{finding.severity}** \\[{_md(finding.check)}\\] "
        f"{_md(finding.message)} (fix: {_md(finding.hint)})"
    )


def _review_line(review_page: str, environ: Mapping[str, str]) -> str:
    url = run_url(environ)
    if not review_page:
        return ""
    if re.match(r"https?://", review_page):
        return f"Review page: <{review_page}>"
    line = f"Review page: {_md(review_page)}"
    return line + (f" (an artifact of [this run]({url}))" if url else "")


def format_step_summary(
    report: Report, review_page: str = "", environ: Mapping[str, str] | None = None
) -> str:
    """The job-summary Markdown for ``report``; ``review_page`` is a path or URL to name."""
    environ = environ or {}
    lines = ["## digest-i18n check", ""]
    status = (
        "all clean"
        if not report.findings
        else (f"{report.errors} error(s), {report.warnings} warning(s)")
    )
    lines.append(f"Checked {report.pairs} translation(s) of {report.sources} source(s): {status}.")
    review = _review_line(review_page, environ)
    if review:
        lines += ["", review]
    if report.findings:
        lines += ["", "| post | lang | errors | warnings | by check |", "|---|---|--:|--:|---|"]
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in report.findings:
            key = (finding.source_file or finding.file, finding.lang)
            groups.setdefault(key, []).append(finding)
        for (post, lang), findings in sorted(groups.items()):
            counts = Counter(f.check for f in findings)
            by_check = ", ".join(f"{_md(check)} {n}" for check, n in sorted(counts.items()))
            errors = sum(1 for f in findings if f.severity == "error")
            lines.append(
                f"| {_md(post)} | {_md(lang)} | {errors} | {len(findings) - errors} | {by_check} |"
            )
        clean = report.pairs - len(groups)
        if clean:
            lines += ["", f"{clean} other translation(s) clean."]
        lines += ["", "### First findings", ""]
        first = sorted(report.findings, key=lambda f: (f.severity != "error", f.file, f.line))
        lines += [_finding_line(f) for f in first[:FIRST_FINDINGS]]
        rest = len(report.findings) - FIRST_FINDINGS
        if rest > 0:
            lines.append(f"- … and {rest} more")
    return "\n".join(lines) + "\n"
