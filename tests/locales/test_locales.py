"""Catalog lookups as the translate pipeline uses them: headings, labels, phrases, dates."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from i18n.errors import CatalogError
from i18n.locales._catalogs import (
    EMPTY_CATALOGS,
    Catalogs,
    catalog_coverage,
    catalog_path,
    load_catalogs,
    to_engine_form,
)
from i18n.locales._extract import post_units
from i18n.locales._po import read_catalog

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "locales"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "locales"
MALFORMED = sorted((FIXTURES / "malformed").glob("*.po"))


@pytest.fixture(scope="module")
def shipped() -> Catalogs:
    return load_catalogs(SHIPPED)


@pytest.fixture(scope="module")
def edge() -> Catalogs:
    return load_catalogs(FIXTURES / "catalogs")


# --- the shipped catalogs ----------------------------------------------------------------------

HEADINGS = {
    "Introduction": ("Introduction", "序論"),
    "Method": ("Method", "手法"),
    "Results": ("Results", "結果"),
    "Limitations": ("Limitations", "限界"),
    "Conclusion": ("Conclusion", "結論"),
}


@pytest.mark.parametrize("heading", sorted(HEADINGS))
def test_headings_stay_english_for_en_and_come_from_the_catalog_for_ja(
    shipped: Catalogs, heading: str
) -> None:
    english, japanese = HEADINGS[heading]
    assert shipped.lookup(heading, "en") == english
    assert shipped.lookup(heading, "ja") == japanese


def test_surrounding_whitespace_is_ignored_but_inner_text_must_match(shipped: Catalogs) -> None:
    assert shipped.lookup("  Method  ", "ja") == "手法"
    assert shipped.lookup("Method\n", "ja") == "手法"
    assert shipped.lookup("method", "ja") is None
    assert shipped.lookup("Methods", "ja") is None


def test_stock_phrase(shipped: Catalogs) -> None:
    assert shipped.lookup("정보 부족", "en") == "Not enough information"
    assert shipped.lookup("정보 부족", "ja") == "情報不足"
    assert shipped.lookup("정보 부족으로 명시되었다", "ja") is None


def test_decomposed_hangul_matches_the_composed_catalog_entry(shipped: Catalogs) -> None:
    decomposed = unicodedata.normalize("NFD", "정보 부족")
    assert decomposed != "정보 부족"
    assert shipped.lookup(decomposed, "ja") == "情報不足"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("en", "Daily Papers — October 24, 2025"),
        ("ja", "Daily Papers — 2025年10月24日"),
        ("EN-US", "Daily Papers — October 24, 2025"),
    ],
)
def test_title_date_is_formatted_by_babel_for_the_target(
    shipped: Catalogs, target: str, expected: str
) -> None:
    assert shipped.lookup("Daily Papers — 2025-10-24", target) == expected


def test_title_without_a_valid_iso_date_is_no_hit(shipped: Catalogs) -> None:
    assert shipped.lookup("Daily Papers — 2025-13-40", "ja") is None
    assert shipped.lookup("Daily Papers — 24.10.2025", "ja") is None
    assert shipped.lookup("Daily Papers — 2025-10-24 (rev)", "ja") is None
    assert shipped.lookup("Daily Papers — {date}", "ja") is None


@pytest.mark.parametrize(
    ("unit", "target", "expected"),
    [
        ("Goal: 본 연구는 새 방법을 제안한다.", "en", ("Goal: ", "본 연구는 새 방법을 제안한다.")),
        ("Goal: 본 연구는 새 방법을 제안한다.", "ja", ("目的：", "본 연구는 새 방법을 제안한다.")),
        ("Motivation:   기존 방법은 느리다.  ", "ja", ("動機：", "기존 방법은 느리다.")),
        ('Contribution: <a i="1">코드</a> 공개', "ja", ("貢献：", '<a i="1">코드</a> 공개')),
    ],
)
def test_split_label(shipped: Catalogs, unit: str, target: str, expected: tuple[str, str]) -> None:
    assert shipped.split_label(unit, target) == expected


@pytest.mark.parametrize(
    "unit",
    ["Goal:", "Goal:본문", "Goalkeeper: 본문", "The Goal: 본문", "본문 Goal: 본문", "목표: 본문"],
)
def test_no_label_split_without_a_label_and_prose(shipped: Catalogs, unit: str) -> None:
    assert shipped.split_label(unit, "ja") is None


def test_a_label_alone_is_a_whole_unit_hit(shipped: Catalogs) -> None:
    assert shipped.lookup("Goal:", "ja") == "目的："
    assert shipped.lookup("Goal:", "en") == "Goal:"


def test_link_text_is_only_a_hit_untagged(shipped: Catalogs) -> None:
    assert shipped.lookup("Alphaxiv", "ja") == "Alphaxiv"
    assert shipped.lookup('<a i="1">Alphaxiv</a>', "ja") is None


def test_source_language_and_unknown_targets_are_never_hits(shipped: Catalogs) -> None:
    assert set(shipped.languages) == {"en", "ja"}
    assert shipped.lookup("Method", "ko") is None
    assert shipped.lookup("Method", "fr") is None
    assert shipped.split_label("Goal: 본문", "fr") is None


def test_shipped_catalogs_are_complete(shipped: Catalogs) -> None:
    template = {m.id for m in read_catalog(SHIPPED / "digest.pot") if m.id}
    for language in ("en", "ja", "ko"):
        catalog = read_catalog(catalog_path(SHIPPED, language), language)
        assert {m.id for m in catalog if m.id} == template
        assert all(m.string and not m.fuzzy for m in catalog if m.id), language


# --- edge cases from the fixture catalogs ------------------------------------------------------


def test_escaped_units_match_and_come_back_escaped(edge: Catalogs) -> None:
    assert to_engine_form('Q&A <x i="1"/> a<b') == 'Q&amp;A <x i="1"/> a&lt;b'
    assert edge.lookup("Q&amp;A", "ja") == "質疑応答 &amp; 議論"
    assert edge.lookup("Q&A", "ja") is None


def test_tagged_units_match_only_entries_with_the_same_tags(edge: Catalogs) -> None:
    assert edge.lookup('See <x i="1"/>', "ja") == '<x i="1"/> を参照'
    assert edge.lookup('See <x i="2"/>', "ja") is None
    assert edge.lookup('<em i="1">Method</em>', "ja") is None


def test_fuzzy_untranslated_context_and_obsolete_entries_are_not_used(edge: Catalogs) -> None:
    assert edge.lookup("Results", "ja") is None
    assert edge.lookup("Conclusion", "ja") is None
    assert edge.lookup("Appendix", "ja") is None
    assert edge.lookup("Method", "ja") == "手法"  # not the msgctxt "table" entry


def test_iso_and_other_date_widths(edge: Catalogs) -> None:
    assert edge.lookup("Daily Papers — 2025-10-24", "en") == "Daily Papers — 2025-10-24"
    assert edge.lookup("Daily Papers — 2025-10-24", "ja") == "デイリー論文 — 2025年10月24日"
    assert (
        edge.lookup("Weekly roundup 2025-10-24", "ja")
        == "週間まとめ 2025-10-24（2025年10月24日金曜日）"
    )


def test_multiword_label(edge: Catalogs) -> None:
    assert edge.split_label("Key idea: 토큰을 줄인다", "ja") == ("要点：", "토큰을 줄인다")
    assert edge.split_label("Key idea: 토큰을 줄인다", "en") is None


def test_digest_tracks_active_entries_only(edge: Catalogs, tmp_path: Path) -> None:
    assert edge.digest("ja") != edge.digest("en")
    assert edge.digest("ja") == load_catalogs(FIXTURES / "catalogs").digest("ja")
    assert edge.digest("fr") == EMPTY_CATALOGS.digest("ja")
    copy = tmp_path / "locales"
    shutil.copytree(FIXTURES / "catalogs", copy)
    po = catalog_path(copy, "ja")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("結果（要確認）", "結果（再確認）"), encoding="utf-8")
    assert load_catalogs(copy).digest("ja") == edge.digest("ja"), "a fuzzy edit changes nothing"
    po.write_text(text.replace('msgstr "手法"', 'msgstr "方法"'), encoding="utf-8")
    changed = load_catalogs(copy)
    assert changed.digest("ja") != edge.digest("ja")
    assert changed.lookup("Method", "ja") == "方法"


def test_missing_directory_is_empty(tmp_path: Path) -> None:
    catalogs = load_catalogs(tmp_path / "nowhere")
    assert catalogs.languages == {}
    assert catalogs.lookup("Method", "ja") is None
    assert EMPTY_CATALOGS.lookup("Method", "ja") is None
    assert EMPTY_CATALOGS.split_label("Goal: 본문", "ja") is None


# --- malformed catalogs ------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_malformed_catalog_names_file_and_line(fixture: Path, tmp_path: Path) -> None:
    # Each fixture states its expected error in its first two lines.
    first, second = fixture.read_bytes().decode("latin-1").splitlines()[:2]
    expected_line = int(first.removeprefix("# error-line: "))
    expected_message = second.removeprefix("# message: ")
    po = catalog_path(tmp_path, "ja")
    po.parent.mkdir(parents=True)
    shutil.copyfile(fixture, po)
    with pytest.raises(CatalogError) as caught:
        load_catalogs(tmp_path)
    assert caught.value.file == str(po)
    assert caught.value.line == expected_line
    assert str(caught.value).startswith(f"{po}:{expected_line}: ")
    assert expected_message in caught.value.message


def test_every_malformed_fixture_is_covered() -> None:
    assert len(MALFORMED) >= 12


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_of_a_fixture_post(shipped: Catalogs) -> None:
    post = FIXTURES / "posts" / "2025-11-04-daily-papers.md"
    units = [unit.text for unit in post_units(post.read_text(encoding="utf-8"))]
    coverage = catalog_coverage(shipped, units, "ja")
    # the title, five headings (not Appendix, which has no entry) and 정보 부족
    assert coverage.whole_units == 1 + 5 + 1
    assert coverage.label_units == 3
    labels = len("Goal: ") + len("Motivation: ") + len("Contribution: ")
    assert coverage.engine_characters == labels + len("정보 부족")
    title = len("Daily Papers — 2025-11-04")
    headings = sum(map(len, HEADINGS))
    assert coverage.characters == coverage.engine_characters + title + headings
    assert coverage.units == len(units)
    assert coverage.hangul_unit_characters > coverage.engine_characters
