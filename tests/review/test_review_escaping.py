"""Nothing from a post runs in its review page: a hostile post, opened in headless Chromium.

The post carries script in every place a unit can hold it (front matter, heading, paragraph,
list item, table cell, image alt, link destination, inline code, shortcode); its translations
keep it (the pseudo engine keeps every tag) and one gains more by hand. The page must show it
as text and run none of it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import cli
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

HOSTILE = """\
---
title: "<script>window.__pwned = 'title'</script> 위험한 제목"
---

# 위험한 글 <script>alert(1)</script>

본문에 <img src=x onerror="window.__pwned='img'"> 이미지가 있다.

[자바스크립트 링크](javascript:window.__pwned='link') 를 누르지 마라.

<script>alert(1)</script>

- 목록 <svg onload="window.__pwned='svg'"></svg> 항목
- 코드 `<script>alert(1)</script>` 인라인 {{< note "<script>alert(1)</script>" >}}

| 열 | <b onclick="window.__pwned='cell'">굵게</b> |
|---|---|
| 셀 <iframe src="javascript:alert(1)"></iframe> | 값 |

![대체 글 <script>alert(1)</script>](javascript:alert(1))

<javascript:alert(1)> 자동 링크
"""

NAME = "<img src=x onerror=alert(1)>.md"
"""A post whose file name is markup (the page shows paths too)."""

ADDED = "\n<img src=x onerror=\"window.__pwned='added'\"> 번역에 추가된 줄\n"


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "posts").mkdir()
    (root / "posts" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (root / "posts" / NAME).write_text("# 이름만 위험한 글\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "DIGEST_I18N_CACHE_DIR": str(root / "cache")}
    args = ("posts", "--to", "en", "--to", "ja", "--out", "out")
    done = subprocess.run(
        cli("translate", *args, "--engine", "pseudo"), cwd=root, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    with (root / "out" / "en" / "hostile.md").open("a", encoding="utf-8") as en:
        en.write(ADDED)  # a unit only the translation has
    done = subprocess.run(
        cli("review", *args, "--html", "review.html"), cwd=root, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return root / "review.html"


def test_a_hostile_post_runs_nothing(browser: WebDriver, hostile_page: Path) -> None:
    browser.get(hostile_page.as_uri())
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (reading it is what raises)
    assert browser.execute_script("return window.__pwned === undefined")
    # what would have run is not in the document as elements or attributes
    for tag in ("img", "svg", "iframe", "b"):
        assert browser.find_elements(By.TAG_NAME, tag) == [], tag
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1  # the page's own
    handlers = browser.execute_script(
        "return Array.from(document.querySelectorAll('*')).flatMap(e =>"
        " Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"
    )
    assert handlers == []
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [href for href in hrefs if not href.startswith(("http", "file:", "#"))]
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_a_hostile_post_shows_as_text(browser: WebDriver, hostile_page: Path) -> None:
    browser.get(hostile_page.as_uri())
    source = " ".join(
        cell.get_attribute("textContent") or ""
        for cell in browser.find_elements(By.CSS_SELECTOR, "td.src")
    )
    for shown in (
        "<script>window.__pwned = 'title'</script> 위험한 제목",
        "<script>alert(1)</script>",
        "<img src=x onerror=\"window.__pwned='img'\">",
        "[자바스크립트 링크](javascript:window.__pwned='link')",
        "<svg onload=\"window.__pwned='svg'\">",
        "<b onclick=\"window.__pwned='cell'\">",
        "대체 글",
    ):
        assert shown in source, shown
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.post h2")]
    assert f"posts/{NAME}" in headings
    added = browser.find_elements(By.CSS_SELECTOR, "tr.k-extra td.tgt[lang=en] .text")
    assert [cell.text for cell in added] == [
        "<img src=x onerror=\"window.__pwned='added'\"> 번역에 추가된 줄"
    ]
