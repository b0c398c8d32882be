"""Glossary model and matching: particles, overlaps, tags, digests, loading."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest

from i18n.engines._base import LanguagePair
from i18n.errors import GlossaryError
from i18n.glossary._glossary import EMPTY_GLOSSARY, Glossary, Term, find_terms, load_glossary

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary"
REPO_GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"


def term(source: str, en: str = "", ja: str = "", note: str = "") -> Term:
    return Term(source, MappingProxyType({"en": en, "ja": ja}), note, "test.csv", 1)


GLOSSARY = Glossary(
    (
        term("확산 모델", "diffusion model", "拡散モデル"),
        term("확산", "diffusion"),
        term("이산 확산 모델", "discrete diffusion model", "離散拡散モデル"),
        term("모델 구조", "model architecture"),
        term("FlashAttention", "FlashAttention", "FlashAttention"),
        term("사전 학습", "pretraining", "事前学習"),
        term("R&D", "R&D", "R&D"),
        term("amp", "amplifier"),
    )
)


def spans(text: str, target: str | None = None) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term.source) for m in GLOSSARY.find(text, target)]


@pytest.mark.parametrize("particle", ["은", "과", "의", "을", "에서는", "들의", ""])
def test_term_matches_with_any_particle(particle: str) -> None:
    text = f"기존 확산 모델{particle} 느리다"
    matches = GLOSSARY.find(text)
    assert [(m.start, m.end, m.term.source) for m in matches] == [(3, 8, "확산 모델")]


def test_match_must_start_at_a_word_boundary() -> None:
    assert spans("비확산 모델") == []
    assert spans("3확산") == []
    assert spans("(확산 모델)") == [("확산 모델", "확산 모델")]


def test_longest_overlapping_term_wins() -> None:
    assert spans("이산 확산 모델은") == [("이산 확산 모델", "이산 확산 모델")]
    # 확산 모델 (5) and 모델 구조 (5) overlap: longest first, then leftmost.
    assert spans("확산 모델 구조") == [("확산 모델", "확산 모델")]


def test_matches_are_ordered_and_do_not_overlap() -> None:
    found = GLOSSARY.find("확산 모델과 확산, 그리고 모델 구조의 사전 학습")
    assert [m.term.source for m in found] == ["확산 모델", "확산", "모델 구조", "사전 학습"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_latin_terms_need_boundaries_on_both_sides_and_case() -> None:
    assert spans("FlashAttention은 빠르다") == [("FlashAttention", "FlashAttention")]
    assert spans("FlashAttention-2 와 FlashAttention2 와 xFlashAttention") == [
        ("FlashAttention", "FlashAttention")
    ]
    assert spans("flashattention") == []


def test_no_match_inside_tags_and_spans_are_in_the_tagged_text() -> None:
    text = '<a i="1" title="확산 모델">확산 모델</a>은 <x i="2"/>확산 모델의'
    found = GLOSSARY.find(text)
    assert [(text[m.start : m.end], m.start) for m in found] == [
        ("확산 모델", text.index(">확산") + 1),
        ("확산 모델", text.rindex("확산 모델")),
    ]
    assert spans('<em i="3">amp</em>') == [("amp", "amp")]
    assert spans('<x i="amp"/>') == []


def test_xml_escapes_are_matched_as_characters() -> None:
    text = "R&amp;D 조직과 &amp; 기호"
    assert spans(text) == [("R&amp;D", "R&D")]


def test_spacing_between_hangul_words_may_vary() -> None:
    assert spans("사전학습된 모델") == [("사전학습", "사전 학습")]
    assert spans("사전  학습") == [("사전  학습", "사전 학습")]
    assert spans("사전\n학습") == [("사전\n학습", "사전 학습")]


def test_with_a_target_only_terms_with_a_rule_for_it() -> None:
    text = "확산 모델과 확산"
    assert spans(text, "ja") == [("확산 모델", "확산 모델")]
    assert spans(text, "en") == [("확산 모델", "확산 모델"), ("확산", "확산")]


def test_find_terms_on_a_plain_mapping() -> None:
    entries = {"확산 모델": "diffusion model", "확산": "diffusion", "모델": "model"}
    assert find_terms("<a i='1'>확산 모델</a>은 확산과 모델", entries) == [
        (9, 14, "diffusion model"),
        (20, 22, "diffusion"),
        (24, 26, "model"),
    ]
    assert find_terms("아무것도 없다", {}) == []


def test_do_not_translate() -> None:
    assert term("AdaSPEC", "AdaSPEC", "AdaSPEC").do_not_translate
    assert term("AdaSPEC", "AdaSPEC", "").do_not_translate
    assert not term("AdaSPEC", "", "").do_not_translate
    assert not term("확산", "diffusion").do_not_translate


def test_entries_and_terms_for() -> None:
    glossary = Glossary((term("확산", "diffusion"), term("확산", "spread", "拡散")))
    assert glossary.entries("en") == {"확산": "diffusion"}
    assert glossary.entries("ja") == {"확산": "拡散"}
    terms = glossary.terms_for(LanguagePair("ko", "ja"))
    assert dict(terms.entries) == {"확산": "拡散"}
    assert len(terms.digest) == 64
    assert glossary.terms_for(LanguagePair("en", "ja")).entries == {}
    assert EMPTY_GLOSSARY.terms_for(LanguagePair("ko", "en")).digest == ""


def test_terms_by_pair_keeps_pairs_with_entries() -> None:
    glossary = Glossary((term("확산", "diffusion"),))
    pairs = [LanguagePair("ko", "en"), LanguagePair("ko", "ja")]
    by_pair = glossary.terms_by_pair(pairs)
    assert list(by_pair) == [LanguagePair("ko", "en")]
    assert by_pair[LanguagePair("ko", "en")] == glossary.terms_for(LanguagePair("ko", "en"))


def test_digest_ignores_notes_and_changes_with_rules() -> None:
    base = Glossary((term("확산", "diffusion", note="a"),))
    assert base.digest() == Glossary((term("확산", "diffusion", note="b"),)).digest()
    assert base.digest() != Glossary((term("확산", "diffusions"),)).digest()
    assert EMPTY_GLOSSARY.digest() == ""


def test_unit_digest_changes_only_for_units_containing_the_edited_term() -> None:
    before = Glossary((term("확산 모델", "diffusion model"), term("지식 증류", "distillation")))
    after = Glossary(
        (term("확산 모델", "diffusion model"), term("지식 증류", "knowledge distillation"))
    )
    units = ["확산 모델은 좋다", "지식 증류를 쓴다", "확산 모델과 지식 증류", "용어 없음"]
    changed = [u for u in units if before.unit_digest(u, "en") != after.unit_digest(u, "en")]
    assert changed == ["지식 증류를 쓴다", "확산 모델과 지식 증류"]
    assert before.unit_digest("용어 없음", "en") == ""
    assert before.unit_digest("확산 모델", "ja") == ""  # no ja rule
    assert before.unit_digest("확산 모델은", "en") == before.unit_digest("확산 모델의", "en")


def test_unit_digest_is_the_documented_json_digest() -> None:
    """The translation-memory key must not move between versions: the unit digest stays
    sha256 of the canonical JSON ``[target, [[source, rule], …]]``, whatever the terms hold."""
    odd = Glossary(
        (
            term("확산 모델", 'a "quoted" \\ rule', "拡散\u2028モデル"),
            term("지식 증류", "tab\tand\u0007bell", "𝒳 non-BMP"),
            term("학습", "learning"),
        )
    )
    text = "확산 모델과 지식 증류로 학습한다"
    for target in ("en", "ja"):
        used = sorted({(m.term.source, m.term.target(target)) for m in odd.find(text, target)})
        blob = json.dumps([target, used], ensure_ascii=False, separators=(",", ":"))
        expected = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        assert odd.unit_digest(text, target) == expected
        assert odd.unit_digest(text, target) == expected  # remembered: the same answer
        reordered = "학습한다, 지식 증류와 확산 모델과 학습으로"  # same terms, other order
        assert odd.unit_digest(reordered, target) == expected
    assert len(odd.find(text, "en")) == 3
    assert odd.unit_digest(text, "en") != odd.unit_digest(text, "ja")


def test_load_missing_directory_is_empty(tmp_path: Path) -> None:
    assert load_glossary(tmp_path / "nowhere") is EMPTY_GLOSSARY


def test_load_reads_every_csv_sorted_by_name(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "formats" / "columns-reordered.csv", tmp_path / "b.csv")
    shutil.copy(FIXTURES / "formats" / "crlf-bom-quoted.csv", tmp_path / "a.csv")
    glossary = load_glossary(tmp_path)
    assert [(t.source, Path(t.file).name, t.line) for t in glossary.terms] == [
        ("지식 증류", "a.csv", 2),
        ("확산 모델", "a.csv", 3),
        ("AdaSPEC", "b.csv", 2),
        ("지식 증류", "b.csv", 3),
    ]
    assert glossary.terms[2].do_not_translate  # ja has no rule; en keeps the name
    assert glossary.terms[2].targets == {"ja": "", "en": "AdaSPEC"}
    assert glossary.languages == ("en", "ja")


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("missing-header.csv", 1, "missing header"),
        ("no-source-column.csv", 1, "missing header"),
        ("unknown-column.csv", 1, "unknown column 'comment'"),
        ("wrong-fields.csv", 3, "wrong number of fields"),
        ("undecodable.csv", 3, "not valid UTF-8"),
        ("unterminated-quote.csv", 2, "never closed"),
    ],
)
def test_malformed_files_raise_with_file_and_line(
    tmp_path: Path, name: str, line: int, words: str
) -> None:
    shutil.copy(FIXTURES / "malformed" / name, tmp_path / name)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(tmp_path)
    assert raised.value.file == str(tmp_path / name)
    assert raised.value.line == line
    assert words in raised.value.message


def test_load_normalises_whitespace_and_rejects_control_characters(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("ko,en\n 확산\t모델 ,diffusion  model\n", encoding="utf-8")
    assert load_glossary(tmp_path).entries("en") == {"확산 모델": "diffusion model"}
    (tmp_path / "t.csv").write_text("ko,en\n확산,diff\x00usion\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="U\\+0000"):
        load_glossary(tmp_path)


def test_formula_cells_are_read_as_text(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "formats" / "formula.csv", tmp_path / "f.csv")
    glossary = load_glossary(tmp_path)
    assert [(t.source, dict(t.targets), t.note) for t in glossary.terms] == [
        ("=SUM(A1)", {"en": "@cmd", "ja": "+1"}, "-2"),
        ("=kept", {"en": "x", "ja": "y"}, "z"),
    ]


def test_starter_glossary_has_the_seed_terms() -> None:
    glossary = load_glossary(REPO_GLOSSARY)
    en, ja = glossary.entries("en"), glossary.entries("ja")
    assert len(glossary.terms) >= 150
    assert en["확산 변환기"] == "diffusion transformer"
    assert en["지식 증류"] == "knowledge distillation"
    assert ja["추측적 디코딩"] == "投機的デコーディング"
    assert {en[k] for k in ("어텐션", "주목")} == {"attention"}
    assert {en[k] for k in ("자기 주의", "자기 어텐션")} == {"self-attention"}
    names = ("AdaSPEC", "FlashAttention", "DistillSpec", "MeanFlow", "LLaMA")
    assert all(t.do_not_translate for t in glossary.terms if t.source in names)
    assert not any("converter" in value for value in en.values())


def test_spelling_variants_drop_the_blanks_between_hangul_only() -> None:
    from i18n.glossary import spelling_variants

    assert spelling_variants("시간 복잡도") == ["시간 복잡도", "시간복잡도"]
    assert spelling_variants("GAN 모델") == ["GAN 모델"]  # Latin before the blank
    assert spelling_variants("time complexity") == ["time complexity"]
    assert sorted(spelling_variants("합성곱 신경 망")) == sorted(
        ["합성곱 신경 망", "합성곱신경 망", "합성곱 신경망", "합성곱신경망"]
    )
    many = spelling_variants("가 나 다 라 마")  # beyond three blanks: as written or none
    assert many == ["가 나 다 라 마", "가나다라마"]
