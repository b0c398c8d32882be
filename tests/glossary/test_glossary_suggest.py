"""``glossary suggest``: glossed terms and frequent phrases mined from posts."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from i18n.glossary._glossary import EMPTY_GLOSSARY, Glossary, Term
from i18n.glossary._suggest import SuggestOptions, glosses_in, suggest_terms, suggestion_rows

POSTS = Path(__file__).parent.parent / "fixtures" / "glossary" / "posts"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_0cdf18d804467430.txt"


def pairs(paths: list[Path], glossary: Glossary = EMPTY_GLOSSARY) -> list[tuple[str, str]]:
    return [(s.source, s.en) for s in suggest_terms(paths, glossary) if s.kind == "gloss"]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed post is not beside the repo")
def test_seed_post_glossed_terms() -> None:
    found = pairs([SEED])
    for expected in [
        ("샘플링 월", "sampling wall"),
        ("루프홀링", "Loopholing"),
        ("자기조건화", "self-conditioning"),
        ("확산 변환기", "diffusion transformer"),
        ("자기 주의", "attention"),
        ("주목", "attention"),
        ("동적 위치 외삽법", "Dynamic Position Extrapolation"),
        ("진위 동시발생 가설", "Truth Co-occurrence Hypothesis"),
        ("하위 공간", "linear truth subspace"),
        ("층 정규화", "layer-norm"),
        ("루프홀링 이산 확산 모델", "LDDM"),
        ("그룹 쿼리 어텐션", "GQA"),
        ("대규모 오디오-언어 모델", "LALMs"),
        ("혼합 전문가", "MoE"),
    ]:
        assert expected in found
    glosses = {en for _, en in found}
    assert not glosses & {"PI", "USP", "1"}  # lists of examples and numbers are no glosses


def test_glosses_in_a_line() -> None:
    line = "기존 추측적 디코딩(speculative decoding) 대비 MoE(혼합 전문가) 사용, 작업(요약, 번역)"
    assert list(glosses_in(line)) == [
        ("추측적 디코딩", "speculative decoding"),
        ("혼합 전문가", "MoE"),
    ]
    assert list(glosses_in("점수(NDCG@10 86.03점)와 방법(PI, NTK-aware, YaRN)")) == []


def test_post_fixture_skips_front_matter_code_and_translations() -> None:
    suggestions = suggest_terms([POSTS], EMPTY_GLOSSARY)
    assert [(s.kind, s.source, s.en, s.count) for s in suggestions] == [
        ("gloss", "추측적 디코딩", "speculative decoding", 1),
        ("gloss", "경량 검증기", "lightweight verifier", 1),
        ("gloss", "혼합 전문가", "MoE", 1),
        ("frequent", "보상 정렬 손실", "", 4),
        ("frequent", "초안 모델", "", 4),
    ]
    assert suggestions[0].note.endswith("2025-01-01-digest.md:9")


def test_terms_already_in_the_glossary_are_left_out() -> None:
    glossary = Glossary(
        (
            Term("초안 모델", MappingProxyType({"en": "draft model"})),
            Term("추측적 디코딩", MappingProxyType({"en": "speculative decoding"})),
        )
    )
    sources = [s.source for s in suggest_terms([POSTS], glossary)]
    assert sources == ["경량 검증기", "혼합 전문가", "보상 정렬 손실"]


def test_options_and_rows() -> None:
    suggestions = suggest_terms([POSTS], EMPTY_GLOSSARY, SuggestOptions(min_count=5, limit=0))
    assert [s.kind for s in suggestions] == ["gloss"] * 3
    rows = suggestion_rows(suggestions)
    assert rows[0][:3] == ["추측적 디코딩", "speculative decoding", ""]


def test_posts_are_read_as_translate_reads_them(tmp_path: Path) -> None:
    # thematic breaks, not front matter; code stays code wherever it is
    (tmp_path / "post.md").write_text(
        "---\n\n추측적 디코딩(speculative decoding)을 쓴다.\n\n---\n\n"
        "- 목록\n\n  ```\n  초안 모델(draft model)\n  ```\n",
        encoding="utf-8",
    )
    found = {(s.source, s.en) for s in suggest_terms([tmp_path], Glossary())}
    assert ("추측적 디코딩", "speculative decoding") in found
    assert all(en != "draft model" for _, en in found)
