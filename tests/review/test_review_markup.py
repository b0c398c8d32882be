"""Units as the page renders them, read back with an HTML parser: markup that renders, nothing
that runs, terms marked."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from i18n.markdown import parse_document, parser_for
from i18n.review._markup import TermHit, unit_html

POST = """\
---
title: "<b>제목</b>"
---

[참고 문헌][ref]과 `코드` 그리고 <span onclick="x()">HTML</span>
![그림](https://example.org/a.png) [나쁜](javascript:alert(1)) {{< note >}} $x^2$ 확산 모델

[ref]: https://example.org/ref
"""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(html: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(html)
    return parsed


def _env(text: str) -> dict[str, Any]:
    env: dict[str, Any] = {}
    parser_for(text).parse(text, env)
    return env


def test_inline_markup_renders_and_nothing_runs() -> None:
    doc = parse_document(POST)
    paragraph = next(u for u in doc.units if u.kind == "paragraph")

    def terms(text: str) -> list[TermHit]:
        start = text.find("확산 모델")
        if start < 0:
            return []
        return [TermHit(start, start + 5, "glossary: 확산 모델 → diffusion model", True)]

    page = _read(unit_html(paragraph, _env(POST), terms))
    tags = [tag for tag, _ in page.elements]
    links = [attrs for tag, attrs in page.elements if tag == "a"]
    assert [link["href"] for link in links] == ["https://example.org/ref"]  # the reference link
    assert all(link["rel"] == "noopener noreferrer" for link in links)
    assert "img" not in tags and "span" in tags  # the image as its alt text
    assert not [attrs for _, attrs in page.elements if any(k.startswith("on") for k in attrs)]
    codes = [attrs.get("class") for tag, attrs in page.elements if tag == "code"]
    assert codes == [None, "html", "html", "placeholder", "math"]
    text = "".join(page.text)
    assert '<span onclick="x()">' in text and "[나쁜](javascript:alert(1))" in text
    marks = [attrs for tag, attrs in page.elements if tag == "mark"]
    assert marks == [{"class": "term missed", "title": "glossary: 확산 모델 → diffusion model"}]


def test_a_front_matter_value_is_text() -> None:
    doc = parse_document(POST)
    title = next(u for u in doc.units if u.kind == "front_matter")
    page = _read(unit_html(title, {}))
    assert page.elements == [] and "".join(page.text) == "<b>제목</b>"
