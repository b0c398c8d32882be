"""extract → update → compile round trips, and babel's and GNU gettext's own tools on the result."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from helpers import cli

from i18n.errors import InputError
from i18n.locales._catalogs import (
    LABEL_FLAG,
    catalog_path,
    load_catalogs,
    template_path,
)
from i18n.locales._extract import (
    ExtractOptions,
    extract_template,
    post_units,
    write_catalog,
)
from i18n.locales._po import read_catalog
from i18n.locales._update import (
    compile_catalogs,
    compiled_path,
    update_catalogs,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "locales"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "locales"
POSTS = FIXTURES / "posts"
VOCABULARY = [
    "Daily Papers — {date}",
    "Introduction",
    "Method",
    "Results",
    "Limitations",
    "Conclusion",
    "Goal:",
    "Motivation:",
    "Contribution:",
    "정보 부족",
    "Alphaxiv",
]
LABELS = {"Goal:", "Motivation:", "Contribution:"}


def ids(path: Path, language: str | None = None) -> list[str]:
    return [str(m.id) for m in read_catalog(path, language) if m.id]


def babel_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    copy = tmp_path / "posts"
    shutil.copytree(POSTS, copy)
    return copy


# --- extract -------------------------------------------------------------------------------------


def test_units_of_a_post() -> None:
    units = post_units((FIXTURES / "units.md").read_text(encoding="utf-8"))
    assert [(u.kind, u.line, u.text) for u in units] == [  # as translate reads it
        ("title", 2, "Daily Papers — 2025-11-06"),
        ("heading", 5, "Results &amp; Discussion"),
        ("cell", 7, "Model"),
        ("cell", 7, "점수"),
        ("cell", 9, "기준선"),
        ("item", 11, 'Goal: 첫 줄이 <strong i="1">굵게</strong> 시작한다.'),
        ("item", 12, "정보 부족"),
        ("paragraph", 14, "첫 줄"),
        ("paragraph", 15, '둘째 줄은 <a i="1">링크</a>와 <x i="2"/>를 담는다. 셋째 줄은 이어진다.'),
        ("paragraph", 18, '<a i="1">Alphaxiv</a>'),
    ]
    assert units[1].plain == "Results & Discussion"
    assert units[5].plain is None
    assert units[-1].link_text == "Alphaxiv"


def test_extract_keeps_recurring_short_units(posts: Path) -> None:
    template, read = extract_template([posts], ExtractOptions())
    assert read == 3
    messages = {str(m.id): m for m in template if m.id}
    assert list(messages) == VOCABULARY
    assert {text for text, m in messages.items() if LABEL_FLAG in m.flags} == LABELS
    assert "Appendix" not in messages, "one post only"
    assert messages["Introduction"].locations[0] == (
        (posts / "2025-11-03-daily-papers.md").as_posix(),
        12,
    )
    assert len(messages["Method"].locations) == 3
    date_entry = messages["Daily Papers — {date}"]
    assert "no-python-brace-format" in date_entry.flags
    assert any("{date:iso}" in comment for comment in date_entry.auto_comments)


@pytest.mark.parametrize(
    ("min_posts", "present", "absent"),
    [(1, {"Appendix", "정보 부족"}, set()), (3, {"Method"}, {"정보 부족", "Appendix"})],
)
def test_min_posts(posts: Path, min_posts: int, present: set[str], absent: set[str]) -> None:
    template, _ = extract_template([posts], ExtractOptions(min_posts=min_posts))
    found = {str(m.id) for m in template if m.id}
    assert present <= found
    assert not absent & found


def test_max_chars_keeps_prose_out_but_not_labels(posts: Path) -> None:
    template, _ = extract_template([posts], ExtractOptions(min_posts=1, max_chars=12))
    found = {str(m.id) for m in template if m.id}
    assert "Daily Papers — {date}" not in found, "25 characters"
    assert {"Introduction", "Contribution:", "정보 부족"} <= found


def test_source_date_epoch_makes_the_template_reproducible(
    posts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761955200")
    first, second = tmp_path / "first.pot", tmp_path / "second.pot"
    write_catalog(extract_template([posts], ExtractOptions())[0], first)
    write_catalog(extract_template([posts], ExtractOptions())[0], second)
    assert first.read_bytes() == second.read_bytes()
    assert "POT-Creation-Date: 2025-11-01 00:00+0000" in first.read_text(encoding="utf-8")


def test_shipped_template_is_what_extract_finds() -> None:
    template, _ = extract_template([POSTS], ExtractOptions())
    assert [str(m.id) for m in template if m.id] == ids(template_path(SHIPPED))


def test_extract_reports_bad_posts(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        extract_template([tmp_path / "nope.md"], ExtractOptions())
    assert missing.value.file == str(tmp_path / "nope.md")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b"## R\xe9sultats\n")
    with pytest.raises(InputError) as undecodable:
        extract_template([latin1], ExtractOptions())
    assert undecodable.value.file == str(latin1)
    broken = tmp_path / "broken.md"
    broken.write_text('---\ntitle: "x\nkey: [1, 2\n---\n\n## Method\n', encoding="utf-8")
    with pytest.raises(InputError) as yaml_error:
        extract_template([broken], ExtractOptions())
    assert yaml_error.value.file == str(broken)
    assert yaml_error.value.line is not None


# --- update ---------------------------------------------------------------------------------


def extract_to(posts: Path, locales: Path) -> None:
    template, _ = extract_template([posts], ExtractOptions())
    write_catalog(template, template_path(locales))


def edit_catalog(locales: Path, language: str, strings: dict[str, str], fuzzy: set[str]) -> None:
    path = catalog_path(locales, language)
    catalog = read_catalog(path, language)
    for message in catalog:
        if message.id in strings:
            message.string = strings[str(message.id)]
        if message.id in fuzzy:
            message.flags.add("fuzzy")
    write_catalog(catalog, path)


def test_update_creates_merges_and_keeps_fuzzy_and_obsolete(posts: Path, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    extract_to(posts, locales)
    first = {s.language: s for s in update_catalogs(locales, ["ja", "ko"])}
    assert (first["ja"].translated, first["ja"].untranslated) == (0, len(VOCABULARY))
    assert first["ko"].translated == len(VOCABULARY), "the template language fills itself"
    assert read_catalog(catalog_path(locales, "ko"), "ko")["Goal:"].string == "Goal: "

    edit_catalog(
        locales,
        "ja",
        {"Method": "手法", "Results": "結果", "Limitations": "限界", "정보 부족": "情報不足"},
        fuzzy={"Results"},
    )
    # The posts change: Limitations becomes Limitation, 정보 부족 disappears, Discussion appears.
    for post in posts.glob("*.md"):
        text = post.read_text(encoding="utf-8").replace("## Limitations", "## Limitation")
        text = text.replace("정보 부족", "본문에 한계가 없다.")
        post.write_text(text.replace("## Conclusion", "## Discussion\n\n## Conclusion"), "utf-8")
    extract_to(posts, locales)
    second = {s.language: s for s in update_catalogs(locales)}["ja"]

    ja = read_catalog(catalog_path(locales, "ja"), "ja")
    assert ja["Results"].fuzzy and ja["Results"].string == "結果", "fuzzy kept"
    assert ja["Method"].string == "手法" and not ja["Method"].fuzzy
    assert ja["Limitation"].fuzzy and ja["Limitation"].string == "限界", "babel's fuzzy match"
    assert ja["Discussion"].string == ""
    assert "정보 부족" in ja.obsolete and ja.obsolete["정보 부족"].string == "情報不足"
    written = catalog_path(locales, "ja").read_text(encoding="utf-8")
    assert '#~ msgid "정보 부족"' in written
    assert '#| msgid "Limitations"' in written
    assert (second.translated, second.fuzzy, second.obsolete) == (1, 2, 1)

    # Fuzzy and obsolete survive another round unchanged.
    update_catalogs(locales)
    again = read_catalog(catalog_path(locales, "ja"), "ja")
    assert again["Results"].fuzzy and "정보 부족" in again.obsolete

    catalogs = load_catalogs(locales)
    assert catalogs.lookup("Method", "ja") == "手法"
    assert catalogs.lookup("Results", "ja") is None
    assert catalogs.lookup("Limitation", "ja") is None


# --- compile, and other tools reading our files ------------------------------------------------


def translated_locales(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    shutil.copytree(SHIPPED, locales)
    edit_catalog(locales, "ja", {"Results": "結果（仮）"}, fuzzy={"Results"})
    return locales


def test_compile_skips_fuzzy_and_gettext_reads_the_mo(tmp_path: Path) -> None:
    locales = translated_locales(tmp_path)
    results = {r.language: r for r in compile_catalogs(locales)}
    assert set(results) == {"en", "ja", "ko"}
    assert (results["ja"].translated, results["ja"].fuzzy) == (len(VOCABULARY) - 1, 1)
    ja = gettext.translation("digest", localedir=locales, languages=["ja"])
    assert ja.gettext("Introduction") == "序論"
    assert ja.gettext("Goal:") == "目的："
    assert ja.gettext("Results") == "Results", "fuzzy left out"
    with compiled_path(locales, "en").open("rb") as handle:
        english = read_mo(handle)
    assert english["정보 부족"].string == "Not enough information"


def test_pybabel_compiles_and_updates_our_catalogs(tmp_path: Path) -> None:
    locales = translated_locales(tmp_path)
    compiled = babel_cli("compile", "-d", str(locales), "-D", "digest", "--statistics")
    assert compiled.returncode == 0, compiled.stderr
    ja = gettext.translation("digest", localedir=locales, languages=["ja"])
    assert ja.gettext("Method") == "手法"
    assert ja.gettext("Results") == "Results", "pybabel leaves our fuzzy entry out too"

    updated = babel_cli(
        "update", "-i", str(template_path(locales)), "-d", str(locales), "-D", "digest"
    )
    assert updated.returncode == 0, updated.stderr
    catalogs = load_catalogs(locales)
    assert catalogs.lookup("Daily Papers — 2025-10-24", "ja") == "Daily Papers — 2025年10月24日"
    assert catalogs.lookup("Results", "ja") is None


def test_round_trip_from_posts_to_pybabel(posts: Path, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    extract_to(posts, locales)
    update_catalogs(locales, ["en", "ja", "ko"])
    edit_catalog(locales, "ja", {"Method": "手法", "Goal:": "目的："}, fuzzy=set())
    compile_catalogs(locales)
    ja = gettext.translation("digest", localedir=locales, languages=["ja"])
    assert ja.gettext("Method") == "手法"
    assert babel_cli("compile", "-d", str(locales), "-D", "digest").returncode == 0
    assert load_catalogs(locales).split_label("Goal: 본문", "ja") == ("目的：", "본문")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_gnu_msgfmt_accepts_the_shipped_catalogs(language: str, tmp_path: Path) -> None:
    po = catalog_path(SHIPPED, language)
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "digest.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_extraction_reads_posts_as_translate_does(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    for day in (1, 2):
        # a post that opens with a thematic break has no front matter: its units count
        (posts / f"2025-11-0{day}-post.md").write_text(
            f"---\n\n## 요약 {{{{ page.date }}}}\n\n본문 {day}입니다.\n", encoding="utf-8"
        )
    (posts / "2025-11-01-post.en.md").write_text("## 요약 {{ x }}\n", encoding="utf-8")
    template, read = extract_template([posts], ExtractOptions())
    assert read == 2  # the translation beside its source is not a post
    msgids = [str(m.id) for m in template if m.id]
    assert msgids == ['요약 <x i="1"/>']  # the form translate looks the unit up in
    locales = tmp_path / "locales"
    (locales / "ja" / "LC_MESSAGES").mkdir(parents=True)
    catalog = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "요약 <x i=\\"1\\"/>"\nmsgstr "要約 <x i=\\"1\\"/>"\n'
    )
    (locales / "ja" / "LC_MESSAGES" / "digest.po").write_text(catalog, encoding="utf-8")
    (tmp_path / "digest-i18n.toml").write_text(
        f'locales_dir = "{locales.as_posix()}"\n', encoding="utf-8"
    )
    post = "posts/2025-11-01-post.md"
    done = subprocess.run(
        cli("translate", post, "--to", "ja", "--engine", "pseudo", "--out", "out", "--no-cache"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out" / "ja" / "2025-11-01-post.md").read_text(encoding="utf-8")
    assert "## 要約 {{ page.date }}" in written
