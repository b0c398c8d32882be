"""The fake DeepL server, driven by the real ``deepl.DeepLClient`` over HTTP."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import deepl
import pytest
import requests
from deepl import http_client
from deepl.api_data import MultilingualGlossaryDictionaryEntries
from fake_deepl import HANGUL_RUN, FakeDeepL

TAGGED = '확산 모델은 <a i="1">이미지 &amp; 영상</a>을 생성한다 <x i="2"/> 끝.'
IDS = re.compile(r' i="(\d+)"')


@pytest.fixture
def client(fake_deepl: FakeDeepL) -> deepl.DeepLClient:
    return deepl.DeepLClient(fake_deepl.auth_key, server_url=fake_deepl.url)


@pytest.fixture
def no_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_client, "max_network_retries", 0)


def translate(client: deepl.DeepLClient, texts: list[str], **kwargs: Any) -> list[deepl.TextResult]:
    kwargs.setdefault("source_lang", "KO")
    kwargs.setdefault("target_lang", "EN-US")
    results = client.translate_text(texts, **kwargs)
    assert isinstance(results, list)
    return results


def status_of(excinfo: pytest.ExceptionInfo[deepl.DeepLException]) -> int | None:
    return excinfo.value.http_status_code


def raw(fake: FakeDeepL, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"DeepL-Auth-Key {fake.auth_key}"}
    return requests.request(method, fake.url + path, headers=headers, timeout=10, **kwargs)


def test_xml_translation_keeps_tags_and_leaves_no_hangul(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    [result] = translate(client, [TAGGED], tag_handling="xml", context="맥락은 과금되지 않는다")
    assert not HANGUL_RUN.search(result.text)
    assert IDS.findall(result.text) == ["1", "2"]
    assert "&amp;" in result.text
    ET.fromstring(f"<r>{result.text}</r>")
    content = "확산 모델은 이미지 & 영상을 생성한다  끝."
    assert result.billed_characters == len(content)
    assert result.detected_source_lang == "KO"
    assert fake_deepl.billed_characters == len(content)
    assert fake_deepl.translate_calls == 1
    [recorded] = fake_deepl.translate_requests()
    assert recorded.body["context"] == "맥락은 과금되지 않는다"
    assert recorded.body_bytes == int(recorded.headers["Content-Length"])
    assert "Authorization" not in recorded.headers


def test_translation_is_deterministic_and_per_target(client: deepl.DeepLClient) -> None:
    english = translate(client, ["모델", "모델"])
    japanese = translate(client, ["모델"], target_lang="JA")
    assert english[0].text == english[1].text
    assert english[0].text.startswith("EN·")
    assert japanese[0].text.startswith("ジャ")


def test_plain_text_bills_every_character(client: deepl.DeepLClient) -> None:
    [result] = translate(client, ["<b>굵게</b>"])
    assert result.billed_characters == len("<b>굵게</b>")


@pytest.mark.parametrize(
    ("texts", "target", "status"),
    [
        (["가"] * 51, "EN-US", 400),
        ([], "EN-US", 400),
        (["가"], "XX", 400),
        (["가" * 30_000], "EN-US", 413),
    ],
    ids=["51-texts", "no-texts", "unknown-target", "body-over-128KiB"],
)
def test_limits(
    client: deepl.DeepLClient, no_retries: None, texts: list[str], target: str, status: int
) -> None:
    with pytest.raises(deepl.DeepLException) as excinfo:
        translate(client, texts, target_lang=target)
    assert status_of(excinfo) == status


def test_fifty_texts_are_fine(client: deepl.DeepLClient) -> None:
    assert len(translate(client, ["가"] * 50)) == 50


def test_malformed_xml_is_rejected_by_tag_handling_v2(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    with pytest.raises(deepl.DeepLException, match="Tag handling parsing failed") as excinfo:
        translate(client, ["좋다", '<a i="1">열림'], tag_handling="xml", tag_handling_version="v2")
    assert status_of(excinfo) == 400
    assert "text 1" in str(excinfo.value)
    assert fake_deepl.billed_characters == 0


def test_v1_is_the_old_accounts_default_and_lets_malformed_tags_through(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    [result] = translate(client, ['<a i="1">열림'], tag_handling="xml")
    assert result.text.startswith('<a i="1">') and not HANGUL_RUN.search(result.text)
    fake_deepl.tag_handling_default = "v2"  # an account that first used tags after 2025-12-01
    with pytest.raises(deepl.DeepLException, match="Tag handling parsing failed"):
        translate(client, ['<a i="1">열림'], tag_handling="xml")
    with pytest.raises(deepl.DeepLException, match="tag_handling_version"):
        translate(client, ["가"], tag_handling="xml", tag_handling_version="v3")


@pytest.mark.parametrize("version", ["v1", "v2"])
@pytest.mark.parametrize(
    "text", ["저자\x03 이름", "널\x00", "\ufffe", "참조 &#3; 문자", "참조 &#x1B;", "&#xFFFF;"]
)
def test_characters_xml_10_forbids_refuse_the_whole_request(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient, version: str, text: str
) -> None:
    with pytest.raises(deepl.DeepLException, match="Tag handling parsing failed") as excinfo:
        translate(client, ["좋다", text], tag_handling="xml", tag_handling_version=version)
    assert status_of(excinfo) == 400 and fake_deepl.billed_characters == 0


def test_japanese_reverses_top_level_elements_and_drops_their_spaces(
    client: deepl.DeepLClient,
) -> None:
    text = '<x i="1"/> 과 <x i="2"/> 는 <a i="3">링크 <em i="4">강조</em> 안</a> 끝'
    [ja] = translate(client, [text], tag_handling="xml", target_lang="JA")
    [en] = translate(client, [text], tag_handling="xml", target_lang="EN-US")
    assert IDS.findall(en.text) == ["1", "2", "3", "4"]
    assert IDS.findall(ja.text) == ["3", "4", "2", "1"]  # the <em> stays inside its <a>
    root = ET.fromstring(f"<r>{ja.text}</r>")
    slots = [root.text or ""] + [child.tail or "" for child in root]
    assert not any(t.endswith(" ") for t in slots[:-1]) and not any(
        t.startswith(" ") for t in slots[1:]
    )


def test_formality_needs_a_supporting_target(client: deepl.DeepLClient) -> None:
    assert translate(client, ["가"], target_lang="JA", formality="more")
    with pytest.raises(deepl.DeepLException) as excinfo:
        translate(client, ["가"], target_lang="EN-US", formality="more")
    assert status_of(excinfo) == 400


def test_wrong_or_missing_key_is_403(fake_deepl: FakeDeepL) -> None:
    wrong = deepl.DeepLClient("not-the-key", server_url=fake_deepl.url)
    with pytest.raises(deepl.AuthorizationException):
        wrong.get_usage()
    response = requests.get(fake_deepl.url + "v2/usage", timeout=10)
    assert response.status_code == 403
    assert "message" in response.json()


def test_quota_answers_456_once_used_up(fake_deepl: FakeDeepL, client: deepl.DeepLClient) -> None:
    fake_deepl.quota_characters = 5
    translate(client, ["가나다"])
    with pytest.raises(deepl.QuotaExceededException):
        translate(client, ["가나다"])
    usage = client.get_usage()
    assert (usage.character.count, usage.character.limit) == (3, 5)


def test_429_then_success_through_the_clients_retry(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_client, "max_network_retries", 3)
    fake_deepl.fail_next(429)
    [result] = translate(client, ["가"])
    assert result.text.startswith("EN·")
    assert len(fake_deepl.translate_requests()) == 2
    assert fake_deepl.translate_calls == 1


@pytest.mark.parametrize("status", [503, 500, 456, 403])
def test_fail_next_answers_the_status(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient, no_retries: None, status: int
) -> None:
    fake_deepl.fail_next(status)
    with pytest.raises(deepl.DeepLException) as excinfo:
        translate(client, ["가"])
    assert status_of(excinfo) == status
    assert translate(client, ["가"])


def test_fail_fraction_is_seeded(no_retries: None) -> None:
    def outcomes(seed: int) -> list[bool]:
        with FakeDeepL() as fake:
            fake.fail_fraction(0.5, 503, seed=seed)
            client = deepl.DeepLClient(fake.auth_key, server_url=fake.url)
            results = []
            for _ in range(20):
                try:
                    translate(client, ["가"])
                    results.append(True)
                except deepl.DeepLException:
                    results.append(False)
            client.get_usage()  # fail_fraction leaves other endpoints alone
            return results

    first = outcomes(7)
    assert 0 < first.count(False) < 20
    assert outcomes(7) == first


def test_reset_closes_without_an_answer(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient, no_retries: None
) -> None:
    fake_deepl.reset_next(1)
    with pytest.raises(deepl.ConnectionException):
        translate(client, ["가"])
    assert translate(client, ["가"])


def test_latency_can_outlast_the_clients_timeout(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_client, "max_network_retries", 0)
    monkeypatch.setattr(http_client, "min_connection_timeout", 0.05)
    fake_deepl.latency = 1.5  # the client's first deadline is ~1 s whatever the minimum
    with pytest.raises(deepl.ConnectionException, match="timed out"):
        translate(client, ["가"])


def test_reorder_tags_moves_elements_keeping_ids(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    fake_deepl.reorder_tags = True
    text = '가 <x i="1"/> 나 <a i="2">다 <x i="3"/> 라 <x i="4"/></a> 마'
    [result] = translate(client, [text], tag_handling="xml")
    ET.fromstring(f"<r>{result.text}</r>")
    assert IDS.findall(result.text) == ["2", "4", "3", "1"]


def test_drop_tag_once_loses_one_tag_in_the_next_text_only(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    fake_deepl.drop_tag_once = True
    texts = ["태그 없음", '가 <a i="1">나</a> <x i="2"/> 다', '가 <a i="1">나</a> <x i="2"/> 다']
    results = translate(client, texts, tag_handling="xml")
    assert [IDS.findall(r.text) for r in results] == [[], ["1"], ["1", "2"]]
    for result in results:
        ET.fromstring(f"<r>{result.text}</r>")
    assert not fake_deepl.drop_tag_once


def test_languages_usage_and_glossary_pairs(client: deepl.DeepLClient) -> None:
    targets = {lang.code: lang.supports_formality for lang in client.get_target_languages()}
    assert {"KO", "EN-US", "EN-GB", "JA"} <= targets.keys()
    assert targets["JA"] is True
    assert {"KO", "EN", "JA"} <= {lang.code for lang in client.get_source_languages()}
    pairs = {(p.source_lang, p.target_lang) for p in client.get_glossary_languages()}
    assert {("ko", "en"), ("ko", "ja")} <= pairs
    assert client.get_usage().character.count == 0


def dictionaries() -> list[MultilingualGlossaryDictionaryEntries]:
    return [
        MultilingualGlossaryDictionaryEntries(
            "KO", "EN", {"확산": "diffusion", "확산 모델": "diffusion model"}
        ),
        MultilingualGlossaryDictionaryEntries("KO", "JA", {"확산 모델": "拡散モデル"}),
    ]


def test_glossary_crud(fake_deepl: FakeDeepL, client: deepl.DeepLClient) -> None:
    info = client.create_multilingual_glossary("digest-i18n abc", dictionaries())
    assert info.name == "digest-i18n abc"
    assert {(d.source_lang, d.target_lang, d.entry_count) for d in info.dictionaries} == {
        ("KO", "EN", 2),
        ("KO", "JA", 1),
    }
    assert [g.glossary_id for g in client.list_multilingual_glossaries()] == [info.glossary_id]
    assert client.get_multilingual_glossary(info.glossary_id).name == info.name
    entries = client.get_multilingual_glossary_entries(info, "KO", "JA").dictionaries
    tsv: list[object] = [e.entries for e in entries]  # DeepL sends the TSV text here
    assert tsv == ["확산 모델\t拡散モデル"]
    client.delete_multilingual_glossary(info)
    with pytest.raises(deepl.GlossaryNotFoundException):
        client.get_multilingual_glossary(info.glossary_id)
    assert (fake_deepl.glossaries_created, fake_deepl.glossaries_deleted) == (1, 1)


def test_glossaries_belong_to_the_account_not_the_client(
    fake_deepl: FakeDeepL, client: deepl.DeepLClient
) -> None:
    info = client.create_multilingual_glossary("digest-i18n shared", dictionaries())
    other = deepl.DeepLClient(fake_deepl.auth_key, server_url=fake_deepl.url)
    assert [g.glossary_id for g in other.list_multilingual_glossaries()] == [info.glossary_id]
    other.delete_multilingual_glossary(info.glossary_id)
    with pytest.raises(deepl.DeepLException, match="Invalid glossary_id") as excinfo:
        client.translate_text(
            ["확산 모델"], source_lang="KO", target_lang="JA", glossary=info.glossary_id
        )
    assert status_of(excinfo) == 400


def test_glossary_is_applied_longest_term_first(client: deepl.DeepLClient) -> None:
    info = client.create_multilingual_glossary("g", dictionaries())
    text = '확산 모델은 <x i="1"/> 확산이다'
    [english] = translate(client, [text], tag_handling="xml", glossary=info.glossary_id)
    assert english.text.startswith("diffusion model")
    assert "diffusion" in english.text.split("/>")[1]
    [japanese] = translate(
        client, [text], target_lang="JA", tag_handling="xml", glossary=info.glossary_id
    )
    assert japanese.text.startswith("拡散モデル")
    with pytest.raises(deepl.DeepLException) as excinfo:
        translate(client, [text], target_lang="DE", glossary=info.glossary_id)
    assert status_of(excinfo) == 400


@pytest.mark.parametrize(
    "entries",
    ["가\t나\t다", "가\n나\tna", " \tna", "가\tna\n가\tnb", "가\tn\u0007a", ""],
    ids=["tab-in-term", "newline-in-term", "empty-term", "duplicate", "control", "no-entries"],
)
def test_glossary_entries_deepl_refuses(fake_deepl: FakeDeepL, entries: str) -> None:
    dictionary = {"source_lang": "ko", "target_lang": "en", "entries": entries}
    body = {"name": "g", "dictionaries": [{**dictionary, "entries_format": "tsv"}]}
    response = raw(fake_deepl, "POST", "v3/glossaries", json=body)
    assert response.status_code == 400
    assert response.json()["message"]
    assert fake_deepl.glossaries_created == 0


def test_duplicate_after_the_clients_strip_is_refused(client: deepl.DeepLClient) -> None:
    entries = {"가": "a", "가 ": "b"}
    with pytest.raises(deepl.DeepLException) as excinfo:
        client.create_multilingual_glossary(
            "g", [MultilingualGlossaryDictionaryEntries("KO", "EN", entries)]
        )
    assert status_of(excinfo) == 400


def test_the_last_first_order_moves_the_last_element_to_the_front() -> None:
    from fake_deepl._xml import last_first

    root = ET.fromstring('<r>가 <a i="1">나</a> 다 <x i="2"/> 라 <b i="3">마</b> 바</r>')
    last_first(root)
    assert ET.tostring(root, encoding="unicode") == (
        '<r><b i="3">마</b>가<a i="1">나</a>다<x i="2" />라바</r>'
    )
