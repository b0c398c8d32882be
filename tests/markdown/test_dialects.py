"""The dialect setting: ``markdown`` in the config, else the site found upward; ``translate``
and ``check`` read posts in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from renderers import kramdown_html, skeleton
from typer.testing import CliRunner

from i18n.checks import check
from i18n.cli import app
from i18n.config import Config, load_config
from i18n.errors import ConfigError
from i18n.markdown import DIALECTS, block_reading, parse_document

REPROS = Path(__file__).parent.parent / "fixtures" / "render"


def test_the_markdown_key_names_the_dialect(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: blog\n", encoding="utf-8")
    (tmp_path / "digest-i18n.toml").write_text('markdown = "goldmark"\n', encoding="utf-8")
    assert load_config(tmp_path).markdown == "goldmark"  # the key wins over the site


def test_an_unknown_dialect_is_an_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = 'source = "ko"\n# which renderer\nmarkdown = "gfm"\n'
    (tmp_path / "digest-i18n.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.line == 3 and "'gfm'" in str(raised.value)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text("가나\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", "post.md", "--engine", "pseudo"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "digest-i18n.toml:3:" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("site_file", "content", "dialect"),
    [
        ("_config.yml", "title: blog\n", "kramdown"),
        ("_config.yml", "title: blog\nmarkdown: kramdown\n", "kramdown"),
        ("_config.yml", 'markdown: "CommonMarkGhPages"\n', "commonmark"),
        ("hugo.toml", 'title = "blog"\n', "goldmark"),
        ("config.yaml", "title: blog\n", "goldmark"),
        ("config/_default/hugo.json", "{}\n", "goldmark"),
    ],
)
def test_the_dialect_defaults_from_the_site_found_upward(
    tmp_path: Path, site_file: str, content: str, dialect: str
) -> None:
    (tmp_path / site_file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / site_file).write_text(content, encoding="utf-8")
    below = tmp_path / "_posts" / "2024"
    below.mkdir(parents=True)
    assert load_config(below).markdown == dialect
    # a digest-i18n.toml without the key still takes the site's
    (tmp_path / "digest-i18n.toml").write_text('source = "ko"\n', encoding="utf-8")
    assert load_config(below).markdown == dialect


def test_no_site_means_commonmark(tmp_path: Path) -> None:
    assert load_config(tmp_path).markdown == "commonmark"


@pytest.mark.parametrize(
    ("site_file", "translated", "kept"),
    [
        # kramdown takes the fence under the item as a line of it: the next paragraph is prose
        ("_config.yml", "cheotjjae munjangipnida", "둘째 문장입니다."),
        # Goldmark opens a code block there: the paragraph after it is prose
        ("hugo.toml", "duljjae munjangipnida", "첫째 문장입니다."),
    ],
)
def test_translate_reads_a_post_the_way_its_site_renders_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_file: str, translated: str, kept: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / site_file).write_text("title: blog\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    shutil.copy(REPROS / "kramdown" / "r09_fence_after_item.md", tmp_path / "_posts" / "a.md")
    args = ["translate", "_posts", "--to", "en", "--engine", "pseudo", "--out", "out"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    out = (tmp_path / "out" / "en" / "a.md").read_text(encoding="utf-8")
    assert translated in out and kept in out


def test_a_line_the_dialect_reads_as_a_block() -> None:
    assert block_reading("kramdown", "$$P(A|B)$$ 를 씁니다") == (
        "kramdown reads this line as a table row"
    )
    assert block_reading("goldmark", ": 정의") == "goldmark reads this line as a definition"
    assert block_reading("commonmark", ": 정의") == (
        "goldmark and kramdown read this line as a definition"
    )
    assert block_reading("goldmark", "2. 둘째") is None
    assert (
        block_reading("kramdown", "2. 둘째") == "kramdown reads this line as an ordered list item"
    )
    assert block_reading("kramdown", "그냥 문장") is None


def test_a_soft_break_before_such_a_line_keeps_it() -> None:
    source = "준비 과정입니다.\n2. 재료를 씻습니다.\n"
    kramdown = parse_document(source, dialect="kramdown")
    assert [source[u.start : u.end] for u in kramdown.units] == [
        "준비 과정입니다.",
        "재료를 씻습니다.",
    ]
    goldmark = parse_document(source, dialect="goldmark")
    assert [u.text for u in goldmark.units] == ["준비 과정입니다. 2. 재료를 씻습니다."]


def test_check_says_when_a_finding_comes_from_a_dialect_construct(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("설명 문단\n\n| 사과 | 빨강 |\n| 배 | 노랑 |\n", "utf-8")
    # the translation joined the two rows into a paragraph line after the first
    (tmp_path / "post.en.md").write_text(
        "A paragraph\n| Apple | Red |\n| Pear | Yellow |\n", "utf-8"
    )
    found = check(
        tmp_path / "post.md", tmp_path / "post.en.md", Config(tmp_path, markdown="kramdown"), "en"
    )
    tables = [f for f in found if f.check == "tables"]
    assert tables and all(
        f.message.endswith("(kramdown reads this line as a table row)") for f in tables
    )
    found = check(
        tmp_path / "post.md", tmp_path / "post.en.md", Config(tmp_path, markdown="goldmark"), "en"
    )
    assert not any("reads this line" in f.message for f in found)


def test_without_a_site_a_post_is_read_as_commonmark_where_kramdown_reads_it_apart(
    tmp_path: Path,
) -> None:
    # kramdown takes the fence as a lazy line of the item and pairs the fences the other way
    # round: the first sentence is prose to it, the second code; CommonMark reads it inversely
    source = (REPROS / "kramdown" / "r09_fence_after_item.md").read_text(encoding="utf-8")
    read = {d: [u.text for u in parse_document(source, dialect=d).units] for d in DIALECTS}
    assert read["kramdown"] == ["목록 항목 이어지는 줄", "첫째 문장입니다."]
    assert read["commonmark"] == read["goldmark"] == ["목록 항목 이어지는 줄", "둘째 문장입니다."]
    doc = parse_document(source, dialect="commonmark")
    (tmp_path / "post.md").write_text(source, encoding="utf-8")
    english = {0: "List item, next line", 1: "The second sentence."}
    (tmp_path / "post.en.md").write_text(doc.render(english), "utf-8")
    found = check(tmp_path / "post.md", tmp_path / "post.en.md", Config(tmp_path), "en")
    assert [f for f in found if f.severity == "error"] == []  # no Korean left for its readers


def test_a_heading_id_kept_as_an_html_anchor_is_no_finding(tmp_path: Path) -> None:
    # kramdown takes no {#1단계-준비} (not an XML name): the kept id is an HTML anchor
    source = "[준비](#1단계-준비)로 가세요.\n\n## 1단계 준비\n\n본문입니다.\n"
    doc = parse_document(source, dialect="kramdown")
    english = {0: 'Go to <a i="1">setup</a>.', 1: "Step 1 setup", 2: "Body text."}
    (tmp_path / "post.md").write_text(source, encoding="utf-8")
    (tmp_path / "post.en.md").write_text(doc.render(english), "utf-8")
    assert '<a id="1단계-준비"></a>' in (tmp_path / "post.en.md").read_text(encoding="utf-8")
    config = Config(tmp_path, markdown="kramdown")
    found = check(tmp_path / "post.md", tmp_path / "post.en.md", config, "en")
    assert [f for f in found if f.severity == "error"] == []


# Japanese moves inline math: a $$ formula written inside a paragraph over several lines may
# come first in it, its closing $$ followed by the rest of the line
ALIGNED = REPROS / "kramdown-reorder" / "r15_display_math_in_paragraph.md"
JAPANESE = {
    "수식 정렬": "数式の揃え",
    "첫 문단에서 정렬을 설명한다.": "最初の段落で揃え方を説明する。",
    '<strong i="1">가운데 정렬</strong> <x i="2"/>': '<x i="2"/><strong i="1">中央揃え</strong>',
    '<strong i="1">왼쪽 정렬</strong>': '<strong i="1">左揃え</strong>',
    "마지막 문단이다.": "最後の段落だ。",
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_inline_math_moved_to_a_paragraph_start_is_no_math_block(
    tmp_path: Path, dialect: str
) -> None:
    source = ALIGNED.read_text(encoding="utf-8")
    doc = parse_document(source, dialect=dialect)
    answers = {u.index: JAPANESE[u.text] for u in doc.units}
    assert len(answers) == len(JAPANESE)
    translation = doc.render(answers)
    # the formula now opens its paragraph, the bold text right after its closing $$
    assert "\n\n$$\n\\begin{align}\na _i = b" in translation
    assert "\\end{align}\n$$**中央揃え**\n" in translation
    # kramdown makes $$…$$ a block only where nothing follows the closing $$ on its line
    before, after = kramdown_html([source, translation])
    assert skeleton(after) == skeleton(before)
    (tmp_path / "post.md").write_text(source, encoding="utf-8")
    (tmp_path / "post.ja.md").write_text(translation, encoding="utf-8")
    config = Config(tmp_path, markdown=dialect)
    found = check(tmp_path / "post.md", tmp_path / "post.ja.md", config, "ja")
    assert [f for f in found if f.severity == "error"] == []


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_formula_closed_before_text_leaves_the_paragraphs_after_it_to_translate(
    dialect: str,
) -> None:
    source = "$$\nx _i\n$$ 는 합이다.\n\n다음 문단이다.\n\n$$\ny\n$$\n"
    units = [u.text for u in parse_document(source, dialect=dialect).units]
    assert units == ['<x i="1"/> 는 합이다.', "다음 문단이다."]
    [html] = kramdown_html([source])
    assert "<p>다음 문단이다.</p>" in html and html.count("\\[") == 1
