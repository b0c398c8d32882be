"""Inline markup <-> tagged XML: encoding, decoding, reordering, losses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_strategies import markdown_documents

from i18n.markdown._decode import TagMismatch, plain_text
from i18n.markdown._document import parse_document, write_unit
from i18n.markdown._text import _LINE_START, escape_line_start


def only_unit(source: str):
    doc = parse_document(source)
    assert len(doc.units) == 1, [u.text for u in doc.units]
    return doc, doc.units[0]


@pytest.mark.parametrize(
    ("source", "tagged"),
    [
        ("**확산 모델**은 강력하다.", '<strong i="1">확산 모델</strong>은 강력하다.'),
        ("_기울임_ 과 *별표*", '<em i="1">기울임</em> 과 <em i="2">별표</em>'),
        ('[링크](https://e.x/a "제목") 뒤', '<a i="1">링크</a> 뒤'),
        ("코드 `x < y` 예시", '코드 <x i="1"/> 예시'),
        ("수식 $a^2$ 예시", '수식 <x i="1"/> 예시'),
        ("리퀴드 {{ site.url }} 와 {% include a.html %}", '리퀴드 <x i="1"/> 와 <x i="2"/>'),
        ("속성 목록{: .notice} 뒤", '속성 목록<x i="1"/> 뒤'),
        ("위키 [[페이지]] 링크", '위키 <x i="1"/> 링크'),
        ("각주[^1] 참조\n\n[^1]: 각주 본문", '각주<x i="1"/> 참조'),
        ("자동 <https://e.x> 링크", '자동 <x i="1"/> 링크'),
        (
            "이스케이프 \\* 와 &amp; 기호 < 비교",
            '이스케이프 <x i="1"/> 와 <x i="2"/> 기호 &lt; 비교',
        ),
        ("그림 ![대체 텍스트](a.png) 설명", '그림 <img i="1">대체 텍스트</img> 설명'),
        ("~~취소선~~ 텍스트", '<s i="1">취소선</s> 텍스트'),
        ("<span>인라인</span> HTML", '<h i="1">인라인</h> HTML'),
        ("<kbd>키</kbd>와 <br> 다음", '<x i="1"/>와'),
        ("<b>가 [링크</b>](u) 다", '<x i="1"/>가 <a i="2">링크<x i="3"/></a> 다'),  # crossed
    ],
)
def test_encoding(source: str, tagged: str) -> None:
    doc = parse_document(source + "\n")
    assert doc.units[0].text == tagged


def test_shortcut_and_collapsed_references_stay_whole() -> None:
    # the label *is* the reference key: translating it would break the link
    doc = parse_document("설명 [참고] 와 [참고][] 그리고 [본문][참고]\n\n[참고]: https://e.x\n")
    assert doc.units[0].text == '설명 <x i="1"/> 와 <x i="2"/> 그리고 <a i="3">본문</a>'


def test_urls_never_reach_the_engine() -> None:
    doc = parse_document("[논문](https://arxiv.org/abs/1) 과 ![그림](https://img.x/p.png)\n")
    assert "arxiv" not in doc.units[0].text and "img.x" not in doc.units[0].text


def test_reordered_tags_rebuild_by_id() -> None:
    _, unit = only_unit("[첫째](https://a.x) 그리고 **둘째** 문장\n")
    translated = 'Sentence with <strong i="2">second</strong> and <a i="1">first</a>'
    assert write_unit(unit, translated) == "Sentence with **second** and [first](https://a.x)"


@pytest.mark.parametrize(
    "broken",
    [
        'lost link and <strong i="2">x</strong>',  # tag 1 lost
        '<a i="1">a</a> <a i="1">b</a> <strong i="2">c</strong>',  # duplicated
        '<a i="1">a <strong i="2">b</a></strong>',  # crossed
        '<a i="1">a</a> <em i="2">b</em>',  # came back as another element
        '<a i="1">a</a> <strong i="2">b</strong> <x i="9"/>',  # unknown id
        '<a i="1">a</a> <strong i="2">b</strong> 1 < 2',  # stray '<'
    ],
)
def test_broken_tags_are_refused(broken: str) -> None:
    _, unit = only_unit("[첫째](https://a.x) 그리고 **둘째** 문장\n")
    with pytest.raises(TagMismatch):
        write_unit(unit, broken)


def test_translated_text_is_escaped_where_markdown_would_read_it() -> None:
    _, unit = only_unit("한국어 문장\n")
    assert write_unit(unit, "1. a *b* [c] `d` &lt;e&gt; &amp;amp; $5") == (
        "1\\. a \\*b\\* \\[c\\] \\`d\\` \\<e\\> \\&amp; \\$5"
    )
    assert write_unit(unit, "# not a heading") == "\\# not a heading"
    assert write_unit(unit, "- not a list") == "\\- not a list"


def test_heading_closing_sequence_is_escaped() -> None:
    _, unit = only_unit("# 제목 C\n")
    assert write_unit(unit, "Title in C #") == "Title in C \\#"


def test_table_cells_escape_pipes() -> None:
    doc = parse_document("| 열 | 값 |\n|---|---|\n| 가 | 나 |\n")
    cell = doc.units[0]
    assert cell.kind == "table_cell"
    assert write_unit(cell, "a | b") == "a \\| b"


def test_plain_text_drops_tags_and_unescapes() -> None:
    assert plain_text('<a i="1">A &amp; B</a> &lt;x&gt;<x i="2"/>') == "A & B <x>"


def test_hard_breaks_split_units_and_stay_in_place() -> None:
    source = "첫 줄입니다.  \n둘째 줄입니다.\\\n셋째 줄입니다.\n"
    doc = parse_document(source)
    assert [u.text for u in doc.units] == ["첫 줄입니다.", "둘째 줄입니다.", "셋째 줄입니다."]
    out = doc.render({0: "One.", 1: "Two.", 2: "Three."})
    assert out == "One.  \nTwo.\\\nThree.\n"


def test_soft_wrapped_unit_is_written_on_its_first_line() -> None:
    source = "> 인용문의 첫 줄\n> 인용문의 둘째 줄\n\n- 항목 첫 줄\n  항목 둘째 줄\n"
    doc = parse_document(source)
    assert [u.text for u in doc.units] == [
        "인용문의 첫 줄 인용문의 둘째 줄",
        "항목 첫 줄 항목 둘째 줄",
    ]
    out = doc.render({0: "A quote.", 1: "An item."})
    assert out == "> A quote.\n\n- An item.\n"


def test_every_tag_id_is_unique_and_dense() -> None:
    doc = parse_document("**가** [나](u) `다` *라* ![마](p.png) <b>바</b>\n")
    ids = [int(n) for n in re.findall(r'i="(\d+)"', doc.units[0].text)]
    assert sorted(set(ids)) == list(range(1, len(doc.units[0].tags) + 1))


def test_numbered_heading_text_is_not_escaped_as_a_list() -> None:
    _, unit = only_unit("## 1. 배경\n")
    assert write_unit(unit, "1. Background") == "1. Background"
    _, unit = only_unit("1. 배경 설명\n\n")  # an ordered list item's text is not a heading
    assert unit.kind == "list_item"


def test_rebuilding_every_fixture_unit_keeps_what_it_renders() -> None:
    """Writing a unit's own tagged text back through the escaper renders identically."""
    from pathlib import Path

    from markdown_it import MarkdownIt

    render = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render
    fixtures = Path(__file__).parent.parent / "fixtures" / "fidelity"
    checked = 0
    for path in sorted(fixtures.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        doc = parse_document(text, str(path))
        for unit in doc.units:
            if unit.kind == "front_matter":
                continue
            rebuilt = text[: unit.start] + write_unit(unit, unit.text) + text[unit.end :]
            if "\n" not in text[unit.start : unit.end]:
                assert render(rebuilt) == render(text), (path.name, unit.line)
                checked += 1
    assert checked > 200


def test_block_attribute_list_keeps_its_own_line() -> None:
    doc = parse_document("이 문단에는 스타일이 붙는다.\n{: .notice--info}\n")
    assert [u.text for u in doc.units] == ["이 문단에는 스타일이 붙는다."]
    assert doc.render({0: "This paragraph is styled."}) == (
        "This paragraph is styled.\n{: .notice--info}\n"
    )


def test_heading_ids_are_placeholders_and_local_anchors_get_explicit_ids() -> None:
    doc = parse_document("### 부록 {#appendix}\n")
    assert doc.units[0].text == "부록"  # the id belongs to the heading, not to its text
    assert doc.render({0: "Appendix"}) == "### Appendix {#appendix}\n"
    source = "[설치 방법](#설치-방법)을 누른다.\n\n## 설치 방법\n"
    for dialect in ("kramdown", "goldmark", "commonmark"):
        doc = parse_document(source, dialect=dialect)
        out = doc.render({0: 'Press <a i="1">install</a>.', 1: "Installation"})
        assert out == "Press [install](#설치-방법).\n\n## Installation {#설치-방법}\n"
    # an id kramdown cannot take ({#1단계}) is an HTML anchor, left out of the unit when read
    doc = parse_document("[준비](#1단계-준비)로.\n\n## 1단계 준비\n", dialect="commonmark")
    out = doc.render({0: 'To <a i="1">setup</a>.', 1: "Step 1 setup"})
    assert out.endswith('## Step 1 setup <a id="1단계-준비"></a>\n')
    assert [u.text for u in parse_document(out, dialect="commonmark").units][-1] == "Step 1 setup"


def test_a_backslash_before_a_letter_is_text_not_a_placeholder() -> None:
    doc = parse_document("줄을 바꿀 때는 \\\\\\를 쓴다.\n")
    assert doc.units[0].text == '줄을 바꿀 때는 <x i="1"/>\\를 쓴다.'


def test_a_lone_unmatched_delimiter_is_escaped_so_it_cannot_pair_up() -> None:
    source = "확산 a*b\n{: .notice}\n* \n  확산\n"
    doc = parse_document(source, dialect="goldmark")
    assert [t.open for u in doc.units for t in u.tags] == ["\\*", "\\*"]
    # kramdown reads a "* " line inside a paragraph as a list item: its marker is kept as
    # written, outside the unit that starts after it
    for dialect in ("kramdown", "commonmark"):
        doc = parse_document(source, dialect=dialect)
        assert [t.open for u in doc.units for t in u.tags] == ["\\*"]
        assert [source[u.start : u.end] for u in doc.units] == ["확산 a*b", "확산"]
    # inside a longer run the delimiter stays as written: the run's length is its meaning
    doc = parse_document("확산 ***확산.***은 a*b\n")
    assert "*" in [t.open for t in doc.units[0].tags]


@given(st.text(alphabet=st.sampled_from(list("#-+*>=123.) \tab가١٢")), max_size=8))
def test_line_start_fast_path_agrees_with_the_pattern(text: str) -> None:
    found = _LINE_START.match(text)
    if not found:
        expected = text
    elif found.group(2):
        expected = text[: found.end(2)] + "\\" + text[found.end(2) :]
    else:
        expected = "\\" + text
    assert escape_line_start(text) == expected


@settings(max_examples=200, deadline=None)
@given(markdown_documents())
def test_plain_text_fast_path_agrees_with_the_encoder(text: str) -> None:
    from i18n.markdown._inline import _Encoder, _serialise, encode_inline
    from i18n.markdown._parser import parser_for

    for token in parser_for(text).parse(text):
        if token.type != "inline" or not token.children:
            continue
        general = _Encoder(token.content, token.content, lambda p: p).encode(token.children)
        expected = [run for run in map(_serialise, general) if run is not None]
        assert encode_inline(token.content, token.children, token.content, lambda p: p) == expected


NEVER_SENT = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
NEVER_SENT += ["\x7f", "\x80", "\x85", "\x9f", "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", NEVER_SENT, ids=lambda c: f"U+{ord(c):04X}")
def test_characters_xml_forbids_travel_as_placeholders(char: str) -> None:
    import xml.etree.ElementTree as ET

    import yaml

    from i18n.engines._base import GlossaryTerms, LanguagePair, Segment
    from i18n.engines._offline import PseudoEngine

    source = (
        f'---\ntitle: "저자\\u{ord(char):04x} 제목"\n---\n\n# 제목{char}끝\n\n'
        f"김철수{char}, 이영희{char} 의 **논문{char}** 과 [링크{char}](https://a.x) 를 본다.\n\n"
        f"| 열{char} | 값 |\n|---|---|\n| 가{char} | 나 |\n"
    )
    doc = parse_document(source)
    for unit in doc.units:
        assert char not in unit.text
        ET.fromstring(f"<r>{unit.text}</r>")  # well-formed XML 1.0: what DeepL parses
    for target in ("en", "ja"):
        answers = PseudoEngine().translate(
            [Segment(u.text) for u in doc.units], LanguagePair("ko", target), GlossaryTerms()
        )
        out = doc.render(dict(enumerate(answers.texts)))
        body, source_body = out.split("---\n")[2], source.split("---\n")[2]
        assert [c for c in body if c in NEVER_SENT] == [c for c in source_body if c in NEVER_SENT]
        if not char.isspace():  # a cell ending in a str.isspace control is left alone
            assert not re.search("[\uac00-\ud7af]", out)
        title = yaml.safe_load(out.split("---\n")[1])["title"]
        assert char in title


@pytest.mark.parametrize("source", ["$x$ 는 2019\n", "$x^2$ 와 $y$ 는 3\n"])
def test_math_opening_a_paragraph_that_ends_in_a_digit_is_math(source: str) -> None:
    # the plugin looked at src[-1] for "a digit before the opening $" at position 0
    doc = parse_document(source)
    assert "$" not in doc.units[0].text
    assert doc.units[0].tags[0].open.startswith("$")


def test_a_bare_url_keeps_a_space_before_a_quote_or_a_dot_that_goldmark_would_take_in() -> None:
    # Goldmark links https://a.b/r"x" and https://a.b/r.x whole; a quote or a dot and a
    # letter written right after a moved URL must not join it (a dot at the end may)
    doc = parse_document('확산\n[ref1]: https://example.com/r "제목"\n', dialect="goldmark")
    assert doc.units[0].text == '확산 [ref1]: <x i="1"/> "제목"'
    for after, spaced in (('"jemok"', True), (".jemok", True), (".", False), (")", False)):
        out = doc.render({0: f'hwaksan [ref1]: <x i="1"/>{after}'})
        assert ("https://example.com/r " in out) is spaced, (after, out)
