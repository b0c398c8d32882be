"""The checks one by one, on small source/translation pairs written out as files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from i18n.checks._content import source_numbers, target_numbers
from i18n.checks._entry import Finding, Report, check
from i18n.checks._inline import anchor_ids, leftover_hangul
from i18n.checks._outline import read_outline
from i18n.checks._registry import INFOS, select_checks
from i18n.checks._report import format_github, format_json, format_text
from i18n.config import Config, LinkRewrite
from i18n.errors import UsageError
from i18n.glossary._glossary import Glossary, Term

EMPTY_GLOSSARY = Glossary()


def findings(
    tmp_path: Path,
    source: str,
    target: str,
    *,
    lang: str = "en",
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = ("untracked",),
    config: Config | None = None,
    glossary: Glossary = EMPTY_GLOSSARY,
) -> list[Finding]:
    (tmp_path / "post.md").write_text(source, encoding="utf-8", newline="")
    (tmp_path / f"post.{lang}.md").write_text(target, encoding="utf-8", newline="")
    return check(
        tmp_path / "post.md",
        tmp_path / f"post.{lang}.md",
        config or Config(root=tmp_path),
        lang,
        select=select,
        ignore=ignore,
        glossary=glossary,
    )


def ids(found: list[Finding]) -> list[tuple[str, int]]:
    return [(f.check, f.line) for f in found]


# --- emphasis: what renders, not the asterisks ---------------------------------------------


def test_strong_before_a_particle_renders_and_must_render_in_the_translation(
    tmp_path: Path,
) -> None:
    source = "**AdaSPEC**은 빠르다.\n"
    assert findings(tmp_path, source, "**AdaSPEC**は速い。\n", lang="ja") == []
    broken = findings(tmp_path, source, "**「AdaSPEC」**は速い。\n", lang="ja")
    assert ids(broken) == [("emphasis", 1)]
    assert broken[0].message == "0 strong span(s) render here; 1 in the source"


def test_emphasis_that_does_not_render_in_the_source_is_not_required(tmp_path: Path) -> None:
    source = '**"인용"**은 강조되지 않는다.\n'  # closing ** after punctuation, before a letter
    assert findings(tmp_path, source, '**"Quote"**is not emphasised.\n', select=("emphasis",)) == []


def test_emphasis_is_compared_per_line_between_hard_breaks(tmp_path: Path) -> None:
    source = "첫 줄은 *기울임*이다.  \n둘째 줄은 평범하다.\n"
    target = "The first line is plain.  \nThe *second* is slanted.\n"
    assert ids(findings(tmp_path, source, target, select=("emphasis",))) == [
        ("emphasis", 1),
        ("emphasis", 2),
    ]


# --- numbers ---------------------------------------------------------------------------------


def test_numbers_the_source_holds() -> None:
    assert source_numbers("4096×4096 해상도, 32K 토큰, 56.3% 향상, 1,000개") == {
        "4096",
        "32",
        "56.3",
        "1000",
    }
    assert source_numbers("２０２５년 정확도 ９５％") == {"2025", "95"}  # full width
    assert source_numbers("2025-10-24 기준") == {"2025", "24"}  # a date: year and day
    assert source_numbers("비용은 3억 원, 1, 2, 3단계") == {"1", "2", "3"}  # 3억 is rewritten


def test_numbers_a_translation_may_write() -> None:
    found = target_numbers("October 24, 2025: 1000 frames, ten runs, 4,096 px", "en")
    assert {"24", "2025", "1000", "10", "4096"} <= found
    assert {"2025", "10", "24", "3"} <= target_numbers("2025年10月24日、三回", "ja")


def test_number_check_tolerates_separators_and_width(tmp_path: Path) -> None:
    source = "처리량은 1,000 프레임 기준 56.3 fps이다.\n"
    assert findings(tmp_path, source, "Throughput: 56.3 fps at １０００ frames.\n") == []
    missing = findings(tmp_path, source, "Throughput: 56 fps at 1000 frames.\n")
    assert ids(missing) == [("numbers", 1)]
    assert missing[0].severity == "warning"
    assert "56.3" in missing[0].message


# --- links -----------------------------------------------------------------------------------

REWRITE = Config(
    root=Path("."),
    link_rewrites=(
        LinkRewrite("https://www.alphaxiv.org/ko/", {"en": "https://www.alphaxiv.org/en/"}),
    ),
)


def test_a_rewritten_link_is_not_a_change(tmp_path: Path) -> None:
    source = "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/1)\n"
    target = "> [Alphaxiv](https://www.alphaxiv.org/en/overview/1)\n"
    assert findings(tmp_path, source, target, config=REWRITE) == []


def test_a_link_that_should_have_been_rewritten_is_a_finding(tmp_path: Path) -> None:
    source = "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/1)\n"
    found = findings(tmp_path, source, source, config=REWRITE)
    assert ids(found) == [("links", 1)]
    assert "should have been rewritten to `https://www.alphaxiv.org/en/overview/1`" in (
        found[0].message
    )


def test_links_in_a_paragraph_are_reported_on_their_own_line(tmp_path: Path) -> None:
    source = "첫째 [하나](https://a.example/1)\n둘째 [둘](https://a.example/2)\n셋째 ![셋](c.png)\n"
    target = "one [one](https://a.example/1)\ntwo [two](https://a.example/2)\nthree ![3](d.png)\n"
    found = findings(tmp_path, source, target, select=("links",))
    assert ids(found) == [("links", 3)]
    assert found[0].source_line == 3


def test_lost_and_added_links(tmp_path: Path) -> None:
    source = "참고: [가](https://a.example/) 와 [나](https://b.example/).\n"
    lost = findings(tmp_path, source, "See [a](https://a.example/) and b.\n")
    assert [f.message for f in lost] == [
        "link target `https://b.example/` of the source is missing"
    ]
    added = findings(
        tmp_path,
        source,
        "See [a](https://a.example/), [b](https://b.example/), [c](https://c.example/).\n",
    )
    assert [f.message for f in added] == ["link target `https://c.example/` is not in the source"]
    changed = findings(
        tmp_path, source, "See [a](https://a.example/) and [b](https://c.example/).\n"
    )
    assert [f.message for f in changed] == [
        "link target `https://c.example/` differs from the source's `https://b.example/`"
    ]


# --- anchors ---------------------------------------------------------------------------------


def test_anchor_ids_of_headings_explicit_ids_and_html() -> None:
    text = (
        "## Method Details\n\n## Method Details\n\n### 부록 {#appendix}\n\n"
        '단락\n{: #note .notice}\n\n<a name="ref-1"></a>\n\n## `top-k` routing\n'
    )
    found = anchor_ids(read_outline(text, "x.md", strict=False))
    assert {
        "method-details",
        "method-details-1",
        "appendix",
        "note",
        "ref-1",
        "top-k-routing",
    } <= found
    assert "부록-appendix" not in found


def test_anchor_that_resolves_in_the_source_must_resolve_in_the_translation(
    tmp_path: Path,
) -> None:
    source = "[표](#results)를 본다.\n\n## Results\n"
    assert findings(tmp_path, source, "See [the table](#results).\n\n## Results\n") == []
    broken = findings(tmp_path, source, "See [the table](#results).\n\n## Outcome\n")
    # "Results" is also catalog vocabulary: the renamed heading breaks the catalog too
    assert ids(broken) == [("anchors", 1), ("catalog", 3)]


def test_anchor_broken_in_the_source_too_is_not_the_translations_fault(tmp_path: Path) -> None:
    source = "[표](#nowhere)를 본다.\n"
    assert findings(tmp_path, source, "See [the table](#nowhere).\n") == []
    # ids are matched exactly, as browsers do: #Results does not reach ## Results (#results)
    source = "[표](#Results)를 본다.\n\n## Findings\n"
    assert findings(tmp_path, source, "See [the table](#Results).\n\n## Outcome\n") == []


# --- hangul, empty, glossary, length --------------------------------------------------------


def test_leftover_hangul_allows_quoted_source_text() -> None:
    source = "예시 문장 '안녕하세요'를 번역한다."
    assert leftover_hangul(source, "We translate the sentence '안녕하세요'.") is None
    assert leftover_hangul(source, "We 번역 the sentence.") == "번역"


def test_front_matter_values_are_checked_like_text(tmp_path: Path) -> None:
    source = "---\ntitle: 확산 모델 요약\ndescription: 세 편\n---\n\n본문이다.\n"
    target = '---\ntitle: 확산 모델 요약\ndescription: ""\n---\n\nBody.\n'
    assert ids(findings(tmp_path, source, target, select=("inline",))) == [
        ("hangul", 2),
        ("empty-translation", 3),
    ]


def test_glossary_terms_with_particles(tmp_path: Path) -> None:
    glossary = Glossary((Term("확산 모델", {"en": "diffusion model", "ja": "拡散モデル"}),))
    source = "확산 모델은 잡음을 걷어낸다.\n"
    assert findings(tmp_path, source, "Diffusion models remove noise.\n", glossary=glossary) == []
    found = findings(tmp_path, source, "拡散モデルはノイズを除く。\n", lang="ja", glossary=glossary)
    assert found == []
    wrong = findings(tmp_path, source, "Spread models remove noise.\n", glossary=glossary)
    assert ids(wrong) == [("glossary", 1)]
    assert "'diffusion model'" in wrong[0].message


def test_length_outlier(tmp_path: Path) -> None:
    paragraphs = [
        f"{n}번째 문단은 모델의 학습 과정과 평가 결과를 자세히 설명하는 긴 문장이다."
        for n in range(6)
    ]
    translations = [
        f"Paragraph {n} explains the model's training and evaluation results in detail."
        for n in range(6)
    ]
    translations[3] = "Paragraph 3 explains."
    found = findings(tmp_path, "\n\n".join(paragraphs) + "\n", "\n\n".join(translations) + "\n")
    assert ids(found) == [("length-ratio", 7)]


# --- structure details ------------------------------------------------------------------------


def test_code_block_difference_points_at_the_differing_line(tmp_path: Path) -> None:
    source = "코드:\n\n```py\na = 1\nb = 2\nc = 3\n```\n"
    target = "Code:\n\n```py\na = 1\nb = 20\nc = 3\n```\n"
    found = findings(tmp_path, source, target)
    assert ids(found) == [("code-blocks", 5)]
    assert found[0].source_line == 5


def test_lost_list_item_keeps_the_rest_aligned(tmp_path: Path) -> None:
    source = "- 가는 AdaSPEC이다  \n- 나는 KL 15%이다\n- 다는 DistillSpec이다\n"
    target = "- A is AdaSPEC\n- C is DistillSpec\n"
    assert ids(findings(tmp_path, source, target)) == [("lists", 1)]


def test_front_matter_keys_and_toml(tmp_path: Path) -> None:
    source = '+++\ntitle = "제목"\ndraft = false\nweight = 3\n+++\n\n본문.\n'
    target = '+++\ntitle = "Title"\ndraft = true\nextra = 1\n+++\n\nBody.\n'
    found = findings(tmp_path, source, target, select=("front-matter-keys",))
    assert [(f.line, f.source_line, f.message) for f in found] == [
        (1, 4, "front-matter key 'weight' is missing"),
        (3, 3, "'draft' is True; the source's is False (only translatable keys may change)"),
        (4, 1, "front-matter key 'extra' is not in the source"),
    ]


def test_stale_translation(tmp_path: Path) -> None:
    source = "---\ntitle: 제목\n---\n\n본문.\n"
    digest = hashlib.sha256(source.encode()).hexdigest()
    target = f'---\ntitle: Title\nlang: en\ni18n:\n  source_sha256: "{digest}"\n---\n\nBody.\n'
    assert findings(tmp_path, source, target) == []
    changed = findings(tmp_path, source.replace("본문", "새 본문"), target)
    assert ids(changed) == [("stale", 5)]


def test_a_translation_without_metadata_is_untracked(tmp_path: Path) -> None:
    found = findings(tmp_path, "본문이다.\n", "Body.\n", ignore=())
    assert ids(found) == [("untracked", 1)]
    assert found[0].severity == "warning"


def test_outline_lines_with_bom_crlf_and_front_matter() -> None:
    text = "\ufeff---\r\ntitle: x\r\n---\r\n\r\n# 제목\r\n\r\n첫 줄\r\n둘째 `코드`\r\n"
    outline = read_outline(text, "x.md", strict=True)
    assert [leaf.line for leaf in outline.leaves] == [5, 7]
    assert outline.leaves[1].refs[0].line == 8
    assert outline.line_text(8) == "둘째 `코드`"


# --- selection and reports --------------------------------------------------------------------


def test_selection_by_id_group_and_comma_list() -> None:
    assert select_checks(["numbers,glossary"]) == {"numbers", "glossary"}
    assert select_checks(["currency"]) == {"stale", "untracked"}
    content = {"numbers", "glossary", "catalog", "length-ratio"}
    assert select_checks(ignore=["content"]) == set(INFOS) - content
    with pytest.raises(UsageError, match="unknown check 'nope' in --ignore"):
        select_checks(ignore=["nope"])


FINDING = Finding(
    file="out/ja/a,b:c.md",
    lang="ja",
    line=3,
    check="links",
    severity="error",
    message="100% wrong",
    source_line=2,
    source_text="[링크](https://x.example)",
    hint="fix it",
    target_text="[リンク](https://y.example)",
    source_file="posts/a,b:c.md",
)


def test_github_format_escapes_properties_and_data() -> None:
    out = format_github(Report((FINDING,), 1, 1)).splitlines()
    assert out[0] == (
        "::error file=out/ja/a%2Cb%3Ac.md,line=3,title=digest-i18n links (ja)::100%25 wrong"
        "%0Asource line 2: [링크](https://x.example)%0Afix: fix it"
    )


def test_json_format_round_trips() -> None:
    report = json.loads(format_json(Report((FINDING,), 1, 1)))
    assert report["findings"][0]["file"] == FINDING.file
    assert report["summary"]["errors"] == 1 and report["summary"]["warnings"] == 0


def test_text_format_shows_target_and_source_side_by_side() -> None:
    text = format_text(Report((FINDING,), 1, 1))
    assert "  3: error [links] 100% wrong" in text
    assert "target 3 │ [リンク](https://y.example)" in text
    assert "source 2 │ [링크](https://x.example)" in text


def test_damage_in_a_very_long_table_is_still_located(tmp_path: Path) -> None:
    rows = [f"| 항목 {n} | {n} |" for n in range(1200)]
    source = "| 이름 | 값 |\n|---|---|\n" + "\n".join(rows) + "\n\n끝 문단이다.\n"
    translated = [f"| item {n} | {n} |" for n in range(1200)]
    del translated[700]
    target = "| name | value |\n|---|---|\n" + "\n".join(translated) + "\n\nThe end.\n"
    found = findings(tmp_path, source, target)
    assert ids(found) == [("tables", 1)]
    assert found[0].message == "this table has 1200 rows × 2 columns; the source's has 1201 × 2"


def test_a_heading_may_gain_the_id_its_source_had_automatically(tmp_path: Path) -> None:
    source = "[설치 방법](#설치-방법)을 본다.\n\n## 설치 방법\n"
    kept = "See [installing](#설치-방법).\n\n## Installing {#설치-방법}\n"
    assert findings(tmp_path, source, kept) == []
    other = findings(tmp_path, source, "See [installing](#설치-방법).\n\n## Installing {#setup}\n")
    assert ids(other) == [("anchors", 1), ("liquid", 3)]


# --- inline references: the same multiset, any order --------------------------------------


def test_a_formula_with_an_escaped_delimiter_is_the_formula_the_renderers_show(
    tmp_path: Path,
) -> None:
    # the renderers read $…$ as text: \_ shows as _, which the splice writes where a moved
    # formula's _ would pair with another formula's; \\ before _ leaves it a delimiter
    source = "분포 $\\bar{z}_n$와 $w_k$를 본다.\n"
    escaped = "See $w_k$ and $\\bar{z}\\_n$.\n"
    assert findings(tmp_path, source, escaped, select=("math",)) == []
    changed = "See $w_k$ and $\\bar{z}\\\\_n$.\n"
    [finding] = findings(tmp_path, source, changed, select=("math",))
    assert finding.check == "math"
    # kramdown hands $$…$$ to MathJax as written: there \_ is a literal underscore
    display = "분포 $$\\bar{z}_n$$를 본다.\n"
    [finding] = findings(tmp_path, display, "See $$\\bar{z}\\_n$$.\n", select=("math",))
    assert finding.check == "math"


def test_inline_references_may_move_but_not_multiply_or_vanish(tmp_path: Path) -> None:
    source = "`crop` 과 `resize` 는 [문서](https://a.x) 와 $x$ 에 있다.\n"
    moved = "In $x$ and [docs](https://a.x), `resize` and `crop` live.\n"
    assert findings(tmp_path, source, moved, select=("inline-code", "links", "math")) == []
    doubled = "`crop` and `crop` and `resize` are in [docs](https://a.x) and $x$.\n"
    [dup] = findings(tmp_path, source, doubled, select=("inline-code",))
    assert dup.message == "inline code `crop` is here 2 time(s); 1 in the source"
    lost = "`resize` is in [docs](https://a.x) and $x$.\n"
    [gone] = findings(tmp_path, source, lost, select=("inline-code",))
    assert gone.message == "inline code `crop` of the source is missing"
    changed = "`resize` and `scale` are in [docs](https://a.x) and $x$.\n"
    [swap] = findings(tmp_path, source, changed, select=("inline-code",))
    assert "`scale`" in swap.message and "`crop`" in swap.message


def test_inline_html_tags_that_no_longer_pair_are_found(tmp_path: Path) -> None:
    source = "<kbd>Ctrl</kbd> 과 <kbd>C</kbd> 를 누른다.\n"
    moved = "Press <kbd>C</kbd> with <kbd>Ctrl</kbd>.\n"
    assert findings(tmp_path, source, moved, select=("inline-html",)) == []
    split = "Press </kbd>C<kbd> with <kbd>Ctrl</kbd>.\n"
    [broken] = findings(tmp_path, source, split, select=("inline-html",))
    assert "`</kbd>`" in broken.message and "out of order" in broken.message
