"""A report as text (for people), JSON (for scripts) or GitHub workflow commands (for PRs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from itertools import groupby

from i18n.checks._model import Finding, Report

_WIDTH = 100


def _clip(text: str, width: int = _WIDTH) -> str:
    text = text.replace("\t", "    ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_text(report: Report) -> str:
    """Grouped by file: each finding with the target line and the source line it matches."""
    lines: list[str] = []
    ordered = sorted(report.findings, key=lambda f: (f.file, f.line))
    for file, group in groupby(ordered, key=lambda f: f.file):
        findings = list(group)
        first = findings[0]
        lines.append(f"{file}  ({first.lang}, from {first.source_file or '?'})")
        for finding in findings:
            lines.extend(_text_finding(finding))
        lines.append("")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def _text_finding(finding: Finding) -> list[str]:
    number = len(str(max(finding.line, finding.source_line)))
    out = [f"  {finding.line}: {finding.severity} [{finding.check}] {finding.message}"]
    if finding.target_text or finding.source_line:
        out.append(f"      target {finding.line:>{number}} │ {_clip(finding.target_text)}")
    if finding.source_line:
        out.append(f"      source {finding.source_line:>{number}} │ {_clip(finding.source_text)}")
    out.append(f"      fix: {finding.hint}")
    return out


def _summary_line(report: Report) -> str:
    if not report.findings:
        return f"checked {report.pairs} translation(s) of {report.sources} source(s): all clean"
    files = len({f.file for f in report.findings})
    return (
        f"checked {report.pairs} translation(s) of {report.sources} source(s): "
        f"{report.errors} error(s), {report.warnings} warning(s) in {files} file(s)"
    )


def format_json(report: Report) -> str:
    """``{"findings": [{file, lang, line, check, severity, message, …}], "summary": {…}}``."""
    payload = {
        "findings": [asdict(finding) for finding in report.findings],
        "summary": report.summary(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """One ``::error``/``::warning`` workflow command per finding (annotates the PR)."""
    lines = []
    for finding in report.findings:
        level = "error" if finding.severity == "error" else "warning"
        properties = (
            f"file={_escape_property(finding.file)},line={finding.line},"
            f"title={_escape_property(f'digest-i18n {finding.check} ({finding.lang})')}"
        )
        body = finding.message
        if finding.source_line:
            body += f"\nsource line {finding.source_line}: {_clip(finding.source_text)}"
        body += f"\nfix: {finding.hint}"
        lines.append(f"::{level} {properties}::{_escape_data(body)}")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
"""Output format name → formatter."""
