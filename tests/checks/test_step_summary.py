"""The job summary is Markdown GitHub renders with HTML enabled: whatever a post or a path
holds must come out as text, and the table must keep its columns."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from i18n.checks import Finding, Report, format_step_summary

HOSTILE = "<script>alert(1)</script> | **bold** [link](javascript:alert(1)) `code` _x_ #1"


def _finding(file: str, lang: str, check: str, severity: str, line: int) -> Finding:
    return Finding(
        file=file,
        lang=lang,
        line=line,
        check=check,
        severity=severity,
        message=f"message quoting {HOSTILE}",
        source_line=line,
        source_text=HOSTILE,
        hint=f"fix {HOSTILE}",
        source_file="posts/a|b.md",
    )


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_everything_quoted_renders_as_text() -> None:
    errors = [_finding("out/ja/a|b.md", "ja", "links", "error", n) for n in range(1, 13)]
    findings = (*errors, _finding("out/en/a|b.md", "en", "glossary", "warning", 3))
    report = Report(findings, sources=2, pairs=4)
    html = _render(format_step_summary(report, "<b>review</b>.html"))
    assert "<script" not in html and "<b>" not in html
    assert not re.search(r'href="javascript', html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]
    assert cells[0] == ["post", "lang", "errors", "warnings", "by check"]
    assert cells[1:] == [
        ["posts/a|b.md", "en", "0", "1", "glossary 1"],
        ["posts/a|b.md", "ja", "12", "0", "links 12"],
    ]
    assert "2 other translation(s) clean." in html
    # the first ten findings, errors first, then how many more
    assert html.count("<li>") == 11 and "… and 3 more" in html
    assert "&lt;b&gt;review&lt;/b&gt;.html" in html


def test_a_clean_report_says_so() -> None:
    text = format_step_summary(Report((), sources=3, pairs=6), "https://example.org/r.html")
    assert "Checked 6 translation(s) of 3 source(s): all clean." in text
    assert "<https://example.org/r.html>" in text
    assert "|" not in text
