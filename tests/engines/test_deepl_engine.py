"""The ``deepl`` engine against the fake DeepL server, through the real client over HTTP."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import deepl
import pytest
from deepl.api_data import MultilingualGlossaryDictionaryEntries
from fake_deepl import HANGUL_RUN, MAX_BODY_BYTES, MAX_TEXTS, FakeDeepL

from i18n.engines._base import GlossaryTerms, LanguagePair, Segment
from i18n.engines.deepl._engine import (
    NO_KEY_MESSAGE,
    DeepLEngine,
    DeepLOptions,
    deepl_engine_from_env,
    request_body_bytes,
)
from i18n.errors import EngineUnavailable, GlossaryError, I18nError, TranslationFailed, UsageError

EN = LanguagePair("ko", "en")
JA = LanguagePair("ko", "ja")
NO_GLOSSARY = GlossaryTerms()
TERMS_EN = GlossaryTerms({"확산 모델": "diffusion model", "잠재 공간": "latent space"})
TERMS_JA = GlossaryTerms({"확산 모델": "拡散モデル"})


def korean(length: int, seed: int) -> str:
    """Deterministic Hangul prose of ``length`` syllables in words of four."""
    syllables = [chr(0xAC00 + (seed * 7919 + i * 104729) % 11172) for i in range(length)]
    return " ".join("".join(syllables[i : i + 4]) for i in range(0, length, 4))


def make_engine(fake: FakeDeepL, options: DeepLOptions | None = None) -> DeepLEngine:
    return DeepLEngine(fake.auth_key, options or DeepLOptions(), fake.url)


@pytest.fixture
def engine(fake_deepl: FakeDeepL) -> Iterator[DeepLEngine]:
    with make_engine(fake_deepl) as built:
        yield built


def bodies(fake: FakeDeepL) -> list[dict[str, Any]]:
    return [r.body for r in fake.translate_requests()]


def test_long_korean_post_is_split_within_deepl_limits(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    segments = [
        Segment(f'{korean(700, i)} <a i="{i}">{korean(8, i)}</a>', context=korean(60, i % 9))
        for i in range(180)
    ]
    result = engine.translate(segments, EN, NO_GLOSSARY)

    recorded = fake_deepl.translate_requests()
    assert len(result.texts) == 180
    assert result.requests == len(recorded) == fake_deepl.translate_calls
    assert all(len(r.body["text"]) <= MAX_TEXTS for r in recorded)
    assert all(r.body_bytes <= MAX_BODY_BYTES for r in recorded)
    assert max(len(r.body["text"]) for r in recorded) < MAX_TEXTS  # bytes were the limit
    assert [t for r in recorded for t in r.body["text"]] == [s.text for s in segments]
    assert all(not HANGUL_RUN.search(t) and f'i="{i}"' in t for i, t in enumerate(result.texts))
    assert result.billed_characters == fake_deepl.billed_characters > 0


def test_request_body_bytes_is_exact(fake_deepl: FakeDeepL, engine: DeepLEngine) -> None:
    segments = [
        Segment(f'{korean(30, i)} 😀 &amp; "q" \\', context=f"절 {i % 3}") for i in range(7)
    ]
    engine.translate(segments, JA, TERMS_JA)
    for recorded in fake_deepl.translate_requests():
        body = dict(recorded.body)
        texts, context = body.pop("text"), body.pop("context", "")
        body.pop("show_billed_characters")
        assert request_body_bytes(texts, context, body) == recorded.body_bytes


def test_many_short_segments_make_requests_of_fifty(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    result = engine.translate([Segment(korean(6, i)) for i in range(120)], EN, NO_GLOSSARY)
    assert [len(b["text"]) for b in bodies(fake_deepl)] == [50, 50, 20]
    assert result.requests == 3


def test_context_is_the_distinct_contexts_joined(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    segments = [
        Segment("가", "제목"),
        Segment("나", "제목"),
        Segment("다", ""),
        Segment("라", "표"),
    ]
    engine.translate(segments, EN, NO_GLOSSARY)
    engine.translate([Segment("마")], EN, NO_GLOSSARY)
    first, second = bodies(fake_deepl)
    assert first["context"] == "제목\n표"
    assert "context" not in second


def test_targets_formality_and_xml_tag_handling(fake_deepl: FakeDeepL) -> None:
    with make_engine(fake_deepl, DeepLOptions(formality={"ja": "more"})) as engine:
        engine.translate([Segment("가")], EN, NO_GLOSSARY)
        engine.translate([Segment("가")], JA, NO_GLOSSARY)
    with make_engine(fake_deepl, DeepLOptions(english="EN-GB")) as british:
        british.translate([Segment("가")], EN, NO_GLOSSARY)
    us, ja, gb = bodies(fake_deepl)
    assert (us["source_lang"], us["target_lang"], us.get("formality")) == ("KO", "EN-US", None)
    assert (ja["target_lang"], ja["formality"]) == ("JA", "more")
    assert gb["target_lang"] == "EN-GB"
    assert {b["tag_handling"] for b in (us, ja, gb)} == {"xml"}


def test_cache_id_follows_output_settings(fake_deepl: FakeDeepL, engine: DeepLEngine) -> None:
    formal = make_engine(fake_deepl, DeepLOptions(formality={"ja": "more"}))
    british = make_engine(fake_deepl, DeepLOptions(english="EN-GB"))
    assert engine.cache_id(EN) != british.cache_id(EN)
    assert engine.cache_id(JA) != formal.cache_id(JA)
    assert engine.cache_id(EN) == formal.cache_id(EN)
    assert engine.cache_id(EN) != engine.cache_id(JA)
    assert engine.name == "deepl"
    assert (engine.max_batch_texts, engine.max_batch_bytes) == (50, 128 * 1024)


def test_bad_options_are_usage_errors(fake_deepl: FakeDeepL) -> None:
    with pytest.raises(UsageError, match="EN-US or EN-GB"):
        make_engine(fake_deepl, DeepLOptions(english="EN"))
    with pytest.raises(UsageError, match=r"formality\.ja"):
        make_engine(fake_deepl, DeepLOptions(formality={"ja": "polite"}))


def test_wrong_key_is_engine_unavailable(fake_deepl: FakeDeepL) -> None:
    engine = DeepLEngine("wrong-key-123", DeepLOptions(), fake_deepl.url)
    with pytest.raises(EngineUnavailable) as excinfo:
        engine.translate([Segment("가")], EN, NO_GLOSSARY)
    assert excinfo.value.message == "DeepL rejected the auth key (403): check DEEPL_AUTH_KEY"


def test_quota_is_engine_unavailable_keeping_work(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    fake_deepl.quota_characters = 3
    assert engine.translate([Segment("가나다")], EN, NO_GLOSSARY).billed_characters == 3
    with pytest.raises(EngineUnavailable, match=r"quota exceeded \(456\).*kept in the cache"):
        engine.translate([Segment("라")], EN, NO_GLOSSARY)


def test_missing_key_and_env_factory(fake_deepl: FakeDeepL) -> None:
    with pytest.raises(EngineUnavailable) as excinfo:
        deepl_engine_from_env(DeepLOptions(), environ={"DEEPL_AUTH_KEY": " "})
    assert excinfo.value.message == NO_KEY_MESSAGE
    environ = {"DEEPL_AUTH_KEY": fake_deepl.auth_key, "DEEPL_SERVER_URL": fake_deepl.url}
    with deepl_engine_from_env(DeepLOptions(), environ=environ) as engine:
        assert engine.translate([Segment("가")], EN, NO_GLOSSARY).texts[0].startswith("EN·")


@pytest.mark.parametrize("status", [429, 503])
def test_one_failure_is_retried_by_the_client(fake_deepl: FakeDeepL, status: int) -> None:
    fake_deepl.fail_next(status)
    with make_engine(fake_deepl, DeepLOptions(max_retries=2)) as engine:
        result = engine.translate([Segment("가")], EN, NO_GLOSSARY)
    assert result.texts[0].startswith("EN·")
    assert len(fake_deepl.translate_requests()) == 2


def test_persistent_503_is_engine_unavailable(fake_deepl: FakeDeepL) -> None:
    fake_deepl.fail_next(503, 503, 503)
    with (
        make_engine(fake_deepl, DeepLOptions(max_retries=1)) as engine,
        pytest.raises(EngineUnavailable, match=r"503 \(server error\) after 1 retries"),
    ):
        engine.translate([Segment("가")], EN, NO_GLOSSARY)
    assert len(fake_deepl.translate_requests()) == 2


def test_unreachable_server_is_engine_unavailable() -> None:
    with FakeDeepL() as gone:
        url, key = gone.url, gone.auth_key
    engine = DeepLEngine(key, DeepLOptions(max_retries=0), url)
    with pytest.raises(EngineUnavailable, match=r"cannot reach DeepL at http://127\.0\.0\.1"):
        engine.translate([Segment("가")], EN, NO_GLOSSARY)


def test_malformed_xml_is_translation_failed(engine: DeepLEngine) -> None:
    segments = [Segment("좋은 문장"), Segment('<a i="1">닫히지 않은 링크')]
    with pytest.raises(TranslationFailed, match=r"400.*first offending text: '<a i=\"1\">닫히지"):
        engine.translate(segments, EN, NO_GLOSSARY)


def test_oversized_unit_is_translation_failed_and_big_context_dropped(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    with pytest.raises(TranslationFailed, match="too large"):
        engine.translate([Segment(korean(23_000, 1))], EN, NO_GLOSSARY)
    engine.translate([Segment("가", context=korean(23_000, 2))], EN, NO_GLOSSARY)
    [body] = bodies(fake_deepl)
    assert "context" not in body


def test_glossary_created_once_then_reused_by_name(fake_deepl: FakeDeepL) -> None:
    dicts = {EN: TERMS_EN, JA: TERMS_JA}
    with make_engine(fake_deepl) as first:
        glossary_id = first.sync_glossary(dicts)
        assert first.last_sync is not None and first.last_sync.created
    with make_engine(fake_deepl) as cold:  # a fresh object: no local state
        assert cold.sync_glossary(dicts) == glossary_id
        assert cold.last_sync is not None and cold.last_sync.reused
    assert (fake_deepl.glossaries_created, fake_deepl.glossaries_deleted) == (1, 0)
    [stored] = fake_deepl.glossaries.values()
    assert stored.name.startswith("digest-i18n ")
    # each term, and its spelling without the blank between Hangul (our glossary matches both)
    assert stored.dictionaries == {
        ("ko", "en"): {
            "확산 모델": "diffusion model",
            "확산모델": "diffusion model",
            "잠재 공간": "latent space",
            "잠재공간": "latent space",
        },
        ("ko", "ja"): {"확산 모델": "拡散モデル", "확산모델": "拡散モデル"},
    }


def test_changed_entries_replace_the_glossary(fake_deepl: FakeDeepL, engine: DeepLEngine) -> None:
    other = deepl.DeepLClient(fake_deepl.auth_key, server_url=fake_deepl.url)
    other.create_multilingual_glossary(
        "someone else's", [MultilingualGlossaryDictionaryEntries("KO", "EN", {"a": "b"})]
    )
    old = engine.sync_glossary({EN: TERMS_EN})
    changed = {EN: GlossaryTerms({**TERMS_EN.entries, "추론": "inference"})}
    new = engine.sync_glossary(changed)
    assert new != old and old in fake_deepl.glossaries  # a running job may still use it
    assert engine.last_sync is not None and engine.last_sync.deleted == ()
    assert engine.sync_glossary(changed, prune=True) == new
    assert engine.last_sync is not None and engine.last_sync.deleted == (old,)
    assert sorted(g.name.split()[0] for g in fake_deepl.glossaries.values()) == [
        "digest-i18n",
        "someone",
    ]
    assert engine.sync_glossary({EN: NO_GLOSSARY}) is None


def test_glossary_used_in_translate_with_lazy_sync(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    text = '확산 모델은 <a i="1">잠재 공간</a>에서 동작한다'
    [english] = engine.translate([Segment(text)], EN, TERMS_EN).texts
    assert english.startswith("diffusion model")
    assert '<a i="1">latent space</a>' in english
    [japanese] = engine.translate([Segment(text)], JA, TERMS_JA).texts
    assert japanese.startswith("拡散モデル")
    first, second = bodies(fake_deepl)
    assert first["glossary_id"] in fake_deepl.glossaries
    assert second["glossary_id"] in fake_deepl.glossaries
    assert fake_deepl.glossaries_deleted == 0  # lazy syncs never prune
    engine.translate([Segment("가")], EN, NO_GLOSSARY)
    assert "glossary_id" not in bodies(fake_deepl)[-1]


def test_a_term_written_without_its_blank_gets_the_glossary_word(engine: DeepLEngine) -> None:
    # our glossary matches `잠재 공간` in `잠재공간` too (Korean spacing varies); DeepL matches
    # a glossary's terms as written, so the remote glossary holds that spelling as well
    [english] = engine.translate([Segment("모델은 잠재공간에서 동작한다")], EN, TERMS_EN).texts
    assert "latent space" in english
    [japanese] = engine.translate([Segment("확산모델은 동작한다")], JA, TERMS_JA).texts
    assert japanese.startswith("拡散モデル")


def test_bad_glossary_term_is_refused_before_sending(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    with pytest.raises(GlossaryError, match="control character"):
        engine.sync_glossary({EN: GlossaryTerms({"가\t나": "x"})})
    with pytest.raises(GlossaryError, match="twice"):
        engine.sync_glossary({EN: GlossaryTerms({"가": "x", "가 ": "y"})})
    assert fake_deepl.requests == []


def failures(fake: FakeDeepL) -> Iterator[I18nError]:
    """One error of every kind the engine produces, all made with ``fake.auth_key``."""
    cases: list[Callable[[], None]] = [
        partial(fake.fail_next, 403),
        partial(setattr, fake, "quota_characters", 0),
        partial(fake.fail_next, 429),
        partial(fake.fail_next, 500),
        partial(fake.fail_next, 418),
        partial(fake.reset_next, 1),
    ]
    for arrange in cases:
        arrange()
        with make_engine(fake, DeepLOptions(max_retries=0)) as engine:
            try:
                engine.translate([Segment("가")], EN, NO_GLOSSARY)
            except I18nError as err:
                yield err
        fake.quota_characters = None
    with make_engine(fake) as engine:
        try:
            engine.translate([Segment("<a>가")], EN, NO_GLOSSARY)
        except I18nError as err:
            yield err
        try:
            engine.sync_glossary({EN: GlossaryTerms({"가": "\n"})})
        except I18nError as err:
            yield err
    try:
        deepl_engine_from_env(DeepLOptions(), environ={})
    except I18nError as err:
        yield err


def test_the_auth_key_never_shows(fake_deepl: FakeDeepL, engine: DeepLEngine) -> None:
    key = fake_deepl.auth_key
    errors = list(failures(fake_deepl))
    assert len(errors) == 9
    for error in errors:
        shown = [str(error), repr(error), *map(str, error.args), *traceback.format_exception(error)]
        assert not any(key in text for text in shown), error
        assert error.__context__ is None and error.__cause__ is None  # no client request kept
    for pair in (EN, JA):
        assert key not in engine.cache_id(pair)
    assert key not in repr(engine) and key not in str(engine)


def test_requests_pin_tag_handling_v2_whatever_the_account_default(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    assert fake_deepl.tag_handling_default == "v1"  # an account older than 2025-12-01
    engine.translate([Segment('가 <a i="1">나</a>')], EN, NO_GLOSSARY)
    [body] = bodies(fake_deepl)
    assert body["tag_handling"] == "xml" and body["tag_handling_version"] == "v2"
    # answers cached before the version was pinned were validated alike: still served
    assert engine.cache_id(EN) == "deepl:KO>EN-US:formality=default:tags=xml:model=default"


def test_a_glossary_deleted_behind_the_engines_back_is_made_again(
    fake_deepl: FakeDeepL, engine: DeepLEngine
) -> None:
    first = engine.sync_glossary({EN: TERMS_EN})
    assert first is not None
    other = deepl.DeepLClient(fake_deepl.auth_key, server_url=fake_deepl.url)
    other.delete_multilingual_glossary(first)  # an older tool, or a manual prune
    [english] = engine.translate([Segment("확산 모델이다")], EN, TERMS_EN).texts
    assert english.startswith("diffusion model")
    assert first not in fake_deepl.glossaries and len(fake_deepl.glossaries) == 1
    sent = [body["glossary_id"] for body in bodies(fake_deepl)]
    assert sent[0] == first and sent[-1] in fake_deepl.glossaries
