"""The seed post's review page, opened in headless Chromium: every unit of the post in both
languages, aligned; planted findings on their units; the filter; j/k; glossary marks; the
screenshot the README shows (docs/review-page.png)."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import cli
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from i18n.checks._entry import check_paths
from i18n.checks._model import Finding
from i18n.config import load_config
from i18n.markdown import Document, parse_document

REPO = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/seeds/000_0cdf18d804467430.txt")
if not SEED.is_file():
    SEED = REPO / "examples" / "_posts" / "2025-11-03-daily-papers.md"
SCREENSHOT = REPO / "docs" / "review-page.png"
"""Where the README's screenshot lives."""

PLANTED_LINK = re.compile(r"\[Alphaxiv\]\(https://www\.alphaxiv\.org/[^)]+\)")
"""The first paper's Alphaxiv link: the ja translation loses it (an error)."""
PLANTED_TERM = "knowledge distillation"
"""The glossary's target for 지식 증류: the en translation loses one (a warning)."""
HANGUL = re.compile(r"[\uac00-\ud7a3]")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Site:
    """The seed post, its pseudo translations (two of them damaged), and its review page."""

    root: Path
    source: Document
    targets: dict[str, Document]
    findings: tuple[Finding, ...]
    page: Path


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "DIGEST_I18N_CACHE_DIR": str(root / "cache"), "HOME": str(root)}
    return subprocess.run(cli(*args), cwd=root, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("seed-site")
    (root / "posts").mkdir()
    shutil.copy(SEED, root / "posts" / "seed.md")
    done = _run(
        root, "translate", "posts", "--to", "en", "--to", "ja", "--engine", "pseudo", "--out", "out"
    )
    assert done.returncode == 0, done.stderr
    # plant an error in ja (a link dropped) and a warning in en (a glossary term replaced)
    ja = root / "out" / "ja" / "seed.md"
    text = ja.read_text(encoding="utf-8")
    assert PLANTED_LINK.search(text)
    ja.write_text(PLANTED_LINK.sub("Alphaxiv", text, count=1), encoding="utf-8")
    en = root / "out" / "en" / "seed.md"
    text = en.read_text(encoding="utf-8")
    assert PLANTED_TERM in text
    en.write_text(text.replace(PLANTED_TERM, "teacher copying", 1), encoding="utf-8")
    done = _run(
        root, "review", "posts", "--to", "en", "--to", "ja", "--out", "out", "--html", "review.html"
    )
    assert done.returncode == 0, done.stderr
    report = check_paths([root / "posts"], ("en", "ja"), root / "out", load_config(root))
    return Site(
        root,
        parse_document((root / "posts" / "seed.md").read_text(encoding="utf-8")),
        {
            lang: parse_document((root / "out" / lang / "seed.md").read_text(encoding="utf-8"))
            for lang in ("en", "ja")
        },
        report.findings,
        root / "review.html",
    )


@pytest.fixture
def page(browser: WebDriver, site: Site) -> Iterator[WebDriver]:
    browser.get(site.page.as_uri())
    yield browser


_ROWS = """
return Array.from(document.querySelectorAll('tr.unit')).map(row => ({
  id: row.id, flagged: row.classList.contains('flagged'),
  line: row.querySelector('td.ln').textContent,
  source: row.querySelector('td.src').textContent,
  cells: Array.from(row.querySelectorAll('td.tgt')).map(cell => ({
    lang: cell.lang, text: cell.querySelector('.text').textContent,
    meta: cell.querySelector('.meta').textContent,
    findings: Array.from(cell.querySelectorAll('li.finding')).map(li => ({
      check: li.dataset.check, severity: li.className.replace('finding sev-', ''),
      text: li.textContent}))}))}));
"""


def _rows(browser: WebDriver) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = browser.execute_script(_ROWS)
    return rows


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pieces(tagged: str) -> list[str]:
    """The unit's translatable text runs (between its tags), as a reader sees them."""
    return [_squash(html.unescape(p)) for p in TAG.split(tagged) if p.strip()]


def test_every_unit_of_the_seed_in_both_languages_aligned(page: WebDriver, site: Site) -> None:
    rows = _rows(page)
    assert len(rows) == len(site.source.units) > 20
    for row, unit in zip(rows, site.source.units, strict=True):
        assert int(row["line"]) == unit.line
        shown = _squash(row["source"])
        for piece in _pieces(unit.text):
            assert piece in shown, (unit.line, piece, shown)
        assert [cell["lang"] for cell in row["cells"]] == ["en", "ja"]
        for cell in row["cells"]:
            target = site.targets[cell["lang"]].units[unit.index]
            assert target.kind == unit.kind
            assert f"line {target.line}" in cell["meta"]
            text = _squash(cell["text"])
            for piece in _pieces(target.text):
                assert piece in text, (cell["lang"], target.line, piece, text)
            assert not HANGUL.search(text), (cell["lang"], target.line)  # not the source
    assert any(HANGUL.search(row["source"]) for row in rows)


def _row_at(rows: list[dict[str, Any]], source_line: int) -> dict[str, Any]:
    return next(row for row in rows if int(row["line"] or 0) == source_line)


def test_planted_findings_show_on_their_unit(page: WebDriver, site: Site) -> None:
    rows = _rows(page)
    links = next(f for f in site.findings if f.check == "links")
    term = next(f for f in site.findings if f.check == "glossary")
    assert (links.lang, term.lang) == ("ja", "en")
    for finding in (links, term):
        row = _row_at(rows, finding.source_line)
        cells = {cell["lang"]: cell for cell in row["cells"]}
        shown = cells[finding.lang]["findings"]
        assert [(f["check"], f["severity"]) for f in shown] == [(finding.check, finding.severity)]
        assert finding.hint in _squash(shown[0]["text"])
        other = "en" if finding.lang == "ja" else "ja"
        assert cells[other]["findings"] == []
        assert row["flagged"]
    # nothing else on the page is flagged: the two findings are all check reported
    assert len(site.findings) == 2
    assert sum(row["flagged"] for row in rows) == 2


def test_a_missed_glossary_term_is_marked_and_terms_carry_their_entry(
    page: WebDriver, site: Site
) -> None:
    term = next(f for f in site.findings if f.check == "glossary")
    row_id = _row_at(_rows(page), term.source_line)["id"]
    missed = page.find_elements(By.CSS_SELECTOR, f"#{row_id} td.src mark.term.missed")
    assert [m.text for m in missed] == ["지식 증류"]
    assert "knowledge distillation" in (missed[0].get_attribute("title") or "")
    titles = page.execute_script(
        "return Array.from(document.querySelectorAll('td.tgt[lang=ja] mark.term'))"
        ".map(mark => mark.title)"
    )
    assert titles and all(title.startswith("glossary: ") for title in titles)


_SHOWN = """return Array.from(document.querySelectorAll('tr.unit'))
  .filter(row => row.getClientRects().length > 0).map(row => row.id);"""


def test_the_filter_hides_clean_units(page: WebDriver) -> None:
    rows = [row["id"] for row in _rows(page)]
    flagged = [row["id"] for row in _rows(page) if row["flagged"]]
    assert 0 < len(flagged) < len(rows)
    assert page.execute_script(_SHOWN) == rows
    page.find_element(By.ID, "only-flagged").click()
    assert page.execute_script(_SHOWN) == flagged
    page.find_element(By.ID, "only-flagged").click()
    assert page.execute_script(_SHOWN) == rows


def test_j_and_k_move_between_findings(page: WebDriver, site: Site) -> None:
    body = page.find_element(By.TAG_NAME, "body")
    order = [r["id"] for r in _rows(page) if r["flagged"]]
    assert len(order) == 2
    current = "return Array.from(document.querySelectorAll('.current')).map(e => e.id)"
    body.send_keys("j")
    assert page.execute_script(current) == [order[0]]
    body.send_keys("j")
    assert page.execute_script(current) == [order[1]]
    in_view = page.execute_script(
        "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;",
        order[1],
    )
    assert in_view
    body.send_keys("k")
    assert page.execute_script(current) == [order[0]]
    assert "finding 1 of 2" in page.find_element(By.ID, "position").text


def test_the_page_loads_nothing_and_runs_only_its_own_script(page: WebDriver) -> None:
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    policy = (
        page.find_element(
            By.CSS_SELECTOR, "meta[http-equiv='Content-Security-Policy']"
        ).get_attribute("content")
        or ""
    )
    assert "default-src 'none'" in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+';", policy)
    assert len(page.find_elements(By.TAG_NAME, "script")) == 1


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshot_for_the_readme(page: WebDriver) -> None:
    """Writes docs/review-page.png (named in the README): the top of the seed's page."""
    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert page.save_screenshot(str(SCREENSHOT))
    width, height = _png_size(SCREENSHOT)
    assert width == 1280 and height > 600
    assert "docs/review-page.png" in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_clean_page_says_so_when_filtered(
    browser: WebDriver, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("clean-site")
    (root / "posts").mkdir()
    shutil.copy(SEED, root / "posts" / "seed.md")
    args = ("posts", "--to", "en", "--to", "ja", "--out", "out")
    assert _run(root, "translate", *args, "--engine", "pseudo").returncode == 0
    done = _run(root, "review", *args, "--html", "review.html")
    assert done.returncode == 0 and "0 error(s), 0 warning(s)" in done.stdout
    browser.get((root / "review.html").as_uri())
    clean = browser.find_element(By.CSS_SELECTOR, "p.clean")
    assert not clean.is_displayed()
    browser.find_element(By.ID, "only-flagged").click()
    assert clean.is_displayed() and "No findings" in clean.text
    assert browser.execute_script(_SHOWN) == []
