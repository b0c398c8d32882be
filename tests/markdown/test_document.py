"""Document model: units, front matter edited in place, metadata, link rewrites."""

from __future__ import annotations

import pytest
import yaml

from i18n.engines._base import GlossaryTerms, LanguagePair, Segment
from i18n.engines._offline import PseudoEngine
from i18n.errors import InputError
from i18n.markdown._document import parse_document
from i18n.markdown._hangul import has_hangul
from i18n.markdown._parser import make_parser

POST = """\
---
layout: post
title: "일일 논문 — 확산"
description: 확산 모델 요약 # 설명
excerpt: '작은 ''따옴표'' 요약'
date: 2025-10-24 08:15:00
tags: [papers]
---

# 1. [논문 제목](https://arxiv.org/abs/1)

> [Alphaxiv](https://www.alphaxiv.org/ko/overview/1)

## Introduction
- Goal: 본 연구의 목적이다.\x20\x20
"""


def ko_to_ja(url: str) -> str:
    """The example config's alphaXiv rewrite, Korean pages to Japanese ones."""
    return url.replace("https://www.alphaxiv.org/ko/", "https://www.alphaxiv.org/ja/")


def test_front_matter_units_are_the_configured_string_values() -> None:
    doc = parse_document(POST)
    fm = [u for u in doc.units if u.kind == "front_matter"]
    assert [(u.key, u.style, u.text) for u in fm] == [
        ("title", "double", "일일 논문 — 확산"),
        ("description", "plain", "확산 모델 요약"),
        ("excerpt", "single", "작은 '&apos;따옴표'&apos; 요약".replace("'&apos;", "'")),
    ]


def test_front_matter_values_are_spliced_keeping_style_order_and_comments() -> None:
    doc = parse_document(POST)
    by_key = {u.key: u.index for u in doc.units if u.kind == "front_matter"}
    out = doc.render(
        {
            by_key["title"]: 'Daily "papers": diffusion',
            by_key["description"]: "Summary: diffusion models",
            by_key["excerpt"]: "A 'quoted' summary",
        }
    )
    lines = out.splitlines()
    assert lines[2] == 'title: "Daily \\"papers\\": diffusion"'
    assert lines[3] == 'description: "Summary: diffusion models" # 설명'
    assert lines[4] == "excerpt: 'A ''quoted'' summary'"
    data = yaml.safe_load(out.split("---\n")[1])
    assert data["title"] == 'Daily "papers": diffusion'
    assert data["description"] == "Summary: diffusion models"
    assert list(data) == ["layout", "title", "description", "excerpt", "date", "tags"]


def test_metadata_is_appended_to_yaml_front_matter() -> None:
    doc = parse_document(POST)
    out = doc.render({}, metadata=("en", {"source": "a.md", "source_sha256": "ab"}))
    data = yaml.safe_load(out.split("---\n")[1])
    assert data["lang"] == "en"
    assert data["i18n"] == {"source": "a.md", "source_sha256": "ab"}
    assert out.split("---\n", 2)[2] == POST.split("---\n", 2)[2]


def test_metadata_replaces_existing_lang_and_i18n() -> None:
    source = "---\ntitle: t\nlang: ko\ni18n:\n  source: old\n---\n본문\n"
    out = parse_document(source).render({}, metadata=("ja", {"source": "new"}))
    assert yaml.safe_load(out.split("---\n")[1]) == {
        "title": "t",
        "lang": "ja",
        "i18n": {"source": "new"},
    }


def test_metadata_in_toml_front_matter_goes_before_tables() -> None:
    import tomllib

    source = '+++\ntitle = "제목"\n[params]\nx = 1\n+++\n본문\n'
    doc = parse_document(source)
    assert doc.units[0].key == "title"
    out = doc.render({0: "Title"}, metadata=("en", {"source": "a.md"}))
    data = tomllib.loads(out.split("+++\n")[1])
    assert data == {"lang": "en", "i18n": {"source": "a.md"}, "title": "Title", "params": {"x": 1}}


def test_metadata_creates_front_matter_when_there_is_none() -> None:
    out = parse_document("본문\r\n").render({}, metadata=("en", {"source": "a.md"}))
    assert out.startswith("---\r\nlang: en\r\ni18n:\r\n")
    assert out.endswith("---\r\n본문\r\n")


def test_links_are_rewritten_everywhere_but_code() -> None:
    source = (
        "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/1)\n\n"
        "설명 [여기](https://www.alphaxiv.org/ko/x) 참고\n\n"
        "```\nhttps://www.alphaxiv.org/ko/code\n```\n"
    )
    doc = parse_document(source)

    out = doc.render({1: 'Explanation <a i="1">here</a>'}, rewrite_url=ko_to_ja)
    assert "[Alphaxiv](https://www.alphaxiv.org/ja/overview/1)" in out
    assert "[here](https://www.alphaxiv.org/ja/x)" in out
    assert "https://www.alphaxiv.org/ko/code" in out


def test_reference_definitions_are_rewritten_with_the_destination_on_either_line() -> None:
    source = (
        "[첫 논문][a]과 [둘째 논문][b]을 보라.\n\n"
        "[a]: https://www.alphaxiv.org/ko/overview/1\n"
        "[b]:\n"
        '   <https://www.alphaxiv.org/ko/overview/2> "제목"\n\n'
        "> [c]: https://www.alphaxiv.org/ko/overview/3\n\n"
        "- [d]: https://www.alphaxiv.org/ko/overview/4\n\n"
        "인용 [셋째][c]와 [넷째][d].\n"
        "    [b]: https://www.alphaxiv.org/ko/continuation-stays\n"
        "[b]: https://www.alphaxiv.org/ko/paragraph-line-stays\n\n"
        "[a]: https://www.alphaxiv.org/ko/duplicate\n\n"
        "    [a]: https://www.alphaxiv.org/ko/code-block-stays\n"
    )
    doc = parse_document(source)

    out = doc.render({}, rewrite_url=ko_to_ja)
    kept = ("code-block-stays", "continuation-stays", "paragraph-line-stays")  # not definitions
    expected = source.replace("/ko/", "/ja/")
    for name in kept:
        expected = expected.replace(f"/ja/{name}", f"/ko/{name}")
    assert out == expected


def test_crlf_and_bom_survive_translation() -> None:
    source = "\ufeff# 제목\r\n\r\n본문입니다.  \r\n다음 줄.\r\n"
    doc = parse_document(source)
    out = doc.render({u.index: f"T{u.index}" for u in doc.units})
    assert out == "\ufeff# T0\r\n\r\nT1  \r\nT2\r\n"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("---\ntitle: a\nbody\n", "never closed"),
        ("---\ntitle: [a\n---\n", "not valid YAML"),
        ("---\nx: !!python/object/apply:os.system ['echo pwned']\n---\n", "not valid YAML"),
        ('+++\ntitle = "a\n+++\n', "not valid TOML"),
    ],
)
def test_broken_front_matter_is_an_input_error(source: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_document(source, "post.md")
    assert message in caught.value.message
    assert caught.value.file == "post.md"
    assert caught.value.line is not None


def test_a_leading_thematic_break_is_not_front_matter() -> None:
    doc = parse_document("---\n본문 문단\n---\n")
    assert doc.front_matter is None
    assert [u.kind for u in doc.units] == ["heading"]  # setext heading, as CommonMark says


def test_sections_follow_headings() -> None:
    doc = parse_document("# 첫 논문\n\n## 방법\n\n내용이다.\n\n# 둘째 논문\n\n내용.\n")
    assert [u.section for u in doc.units] == [
        (),
        ("첫 논문",),
        ("첫 논문", "방법"),
        (),
        ("둘째 논문",),
    ]
    assert doc.units[2].context == "첫 논문 › 방법"


def test_context_carries_heading_text_but_no_urls() -> None:
    doc = parse_document("# 1. [논문 제목](https://arxiv.org/abs/1)\n\n## Method\n\n내용이다.\n")
    assert doc.units[-1].context == "1. 논문 제목 › Method"


def test_autolinks_and_reference_definitions_are_rewritten_too() -> None:
    source = (
        "본문 <https://www.alphaxiv.org/ko/a> 과 [문서][d] 참고.\n\n"
        "English <https://www.alphaxiv.org/ko/b> only.\n\n"
        "[d]: https://www.alphaxiv.org/ko/c\n\n"
        "```\n[d]: https://www.alphaxiv.org/ko/code\n```\n"
    )
    doc = parse_document(source)

    out = doc.render({0: 'Body <x i="1"/> and <a i="2">docs</a>.'}, rewrite_url=ko_to_ja)
    assert "Body <https://www.alphaxiv.org/ja/a> and [docs][d]." in out
    assert "English <https://www.alphaxiv.org/ja/b> only." in out
    assert "[d]: https://www.alphaxiv.org/ja/c\n" in out
    assert "[d]: https://www.alphaxiv.org/ko/code" in out


def test_block_and_folded_front_matter_values_are_translated_in_place() -> None:
    source = (
        "---\nexcerpt: >\n  여러 줄로\n  접히는 요약\n\nsummary: 첫 줄\n  둘째 줄\n"
        "description: |-\n    가\n    나\ntags: [a]\n---\n"
    )
    doc = parse_document(source)
    units = {u.key: u for u in doc.units}
    assert units["excerpt"].text == "여러 줄로 접히는 요약" and units["excerpt"].style == "block"
    out = doc.render({u.index: f"{u.key}: done" for u in doc.units})
    assert out == (
        '---\nexcerpt: >\n  excerpt: done\n\nsummary: "summary: done"\n'
        "description: |-\n    description: done\ntags: [a]\n---\n"
    )
    assert yaml.safe_load(out.split("---\n")[1])["summary"] == "summary: done"


PAIR = LanguagePair("ko", "en")


def test_cells_with_escaped_pipes_are_translated_and_keep_their_columns() -> None:
    source = (
        "| 이름 | 설명 |\n|---|---|\n"
        "| 확산 \\| 모델 | `a\\|b` 코드와 \\\\| 설명 |\n\n"
        "> | 인용 | 표 \\| 셀 |\n> |---|---|\n> | 가 | 나 |\n"
    )
    doc = parse_document(source)
    assert [u.text for u in doc.units if u.kind == "table_cell"][2:4] == [
        "확산 | 모델",
        '<x i="1"/> 코드와 <x i="2"/> 설명',
    ]
    engine = PseudoEngine()
    out = doc.render(
        {
            u.index: engine.translate([Segment(u.text, "")], PAIR, GlossaryTerms()).texts[0]
            + " | x"
            for u in doc.units
        }
    )

    def cells(text: str) -> list[list[str]]:
        rows, row = [], []
        for token in make_parser().parse(text):
            if token.type == "tr_open":
                row = []
            elif token.type == "inline" and row is not None:
                row.append(token.content)
            elif token.type == "tr_close":
                rows.append(row)
        return rows

    assert [len(r) for r in cells(out)] == [len(r) for r in cells(source)] == [2, 2, 2, 2]
    assert cells(out)[1][0] == "⟦hwaksan | model⟧ | x"  # pipes in text are escaped, not columns
    assert "`a\\|b`" in out and "\\\\|" in out  # what was not text is kept byte for byte
    assert not has_hangul(out)
