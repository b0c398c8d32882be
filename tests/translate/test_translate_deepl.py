"""translate with the real deepl client over HTTP against the fake DeepL server."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL
from typer.testing import CliRunner

from i18n.cli._app import app
from i18n.markdown._hangul import has_hangul

SEED = Path(__file__).parent.parent.parent / "examples" / "_posts" / "2025-11-03-daily-papers.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_deepl: FakeDeepL) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DEEPL_AUTH_KEY", fake_deepl.auth_key)
    monkeypatch.setenv("DEEPL_SERVER_URL", fake_deepl.url)
    (tmp_path / "posts").mkdir()
    shutil.copy(SEED, tmp_path / "posts" / SEED.name)
    return tmp_path


def translate(*extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["translate", "posts", "--engine", "deepl", "--out", "out", *extra]
    )
    return result.exit_code, result.stdout, result.stderr


def test_translates_every_unit_within_deepl_limits(project: Path, fake_deepl: FakeDeepL) -> None:
    code, _, err = translate("--to", "en", "--to", "ja")
    assert code == 0, err
    requests = fake_deepl.translate_requests()
    assert 1 <= len(requests) <= 4  # ≤ 2 per language for this post
    for request in requests:
        assert len(request.body["text"]) <= 50 and request.body_bytes <= 128 * 1024
        assert request.body["tag_handling"] == "xml" and request.body["source_lang"] == "KO"
        assert all("http" not in text for text in request.body["text"])  # URLs stay home
    assert {r.body["target_lang"] for r in requests} == {"EN-US", "JA"}
    for lang in ("en", "ja"):
        body = (project / "out" / lang / SEED.name).read_text(encoding="utf-8").split("---\n", 2)[2]
        assert not has_hangul(body)


def test_context_is_sent_and_is_the_section_path(project: Path, fake_deepl: FakeDeepL) -> None:
    assert translate("--to", "en")[0] == 0
    context = fake_deepl.translate_requests()[0].body["context"]
    assert "Sparse Mixture of Retrievers" in context and "Method" in context
    assert "http" not in context


def test_many_posts_are_pooled_and_split_at_50_texts(project: Path, fake_deepl: FakeDeepL) -> None:
    text = SEED.read_text(encoding="utf-8")
    for n in range(6):  # distinct texts, so nothing is deduplicated away
        (project / "posts" / f"post-{n}.md").write_text(
            text.replace("다.", f"다({n})."), encoding="utf-8"
        )
    code, _, err = translate("--to", "ja", "--jobs", "3")
    assert code == 0, err
    sizes = [len(r.body["text"]) for r in fake_deepl.translate_requests()]
    assert max(sizes) == 50 and all(size <= 50 for size in sizes)
    assert len(sizes) < 7  # pooled across files, not one request per post


def test_large_units_respect_the_128_kib_body_limit(project: Path, fake_deepl: FakeDeepL) -> None:
    long_paragraphs = "\n\n".join(f"긴 문단 {n} " + "가나다라마바사 " * 700 for n in range(12))
    (project / "posts" / "long.md").write_text(long_paragraphs + "\n", encoding="utf-8")
    code, _, err = translate("--to", "en")
    assert code == 0, err
    requests = fake_deepl.translate_requests()
    assert len(requests) >= 2
    assert all(r.body_bytes <= 128 * 1024 for r in requests)


def test_rerun_sends_nothing_and_one_line_edit_rebills_one_unit(
    project: Path, fake_deepl: FakeDeepL
) -> None:
    assert translate("--to", "en", "--to", "ja")[0] == 0
    first_calls = fake_deepl.translate_calls
    assert translate("--to", "en", "--to", "ja", "--force")[0] == 0
    assert fake_deepl.translate_calls == first_calls  # all from the translation memory
    source = project / "posts" / SEED.name
    text = source.read_text(encoding="utf-8")
    edited = text.replace("희소 라우팅을 통해", "희소 라우팅 덕분에", 1)
    assert edited != text
    source.write_text(edited, encoding="utf-8")
    code, _, err = translate("--to", "en")
    assert code == 0, err
    sent = [t for r in fake_deepl.translate_requests()[first_calls:] for t in r.body["text"]]
    assert len(sent) == 1 and "희소 라우팅 덕분에" in sent[0]


def test_reordered_tags_are_rebuilt(project: Path, fake_deepl: FakeDeepL) -> None:
    fake_deepl.reorder_tags = True
    (project / "posts" / "tags.md").write_text(
        "[첫 링크](https://a.example) 와 **강조** 그리고 `코드` 문장\n", encoding="utf-8"
    )
    code, _, err = translate("--to", "en")
    assert code == 0, err
    out = (project / "out" / "en" / "tags.md").read_text(encoding="utf-8")
    assert "](https://a.example)" in out and "`코드`" in out and out.count("**") == 2


def test_a_lost_tag_is_retried_once(project: Path, fake_deepl: FakeDeepL) -> None:
    fake_deepl.drop_tag_once = True
    (project / "posts" / "tags.md").write_text(
        "[링크](https://a.example) 와 `코드` 문장\n", encoding="utf-8"
    )
    code, _, err = translate("--to", "en")
    assert code == 0, err
    out = (project / "out" / "en" / "tags.md").read_text(encoding="utf-8")
    assert "](https://a.example)" in out and "`코드`" in out


def test_403_exits_3_and_names_the_variable(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "wrong-key:fx")
    code, out, err = translate("--to", "en")
    assert code == 3 and "DEEPL_AUTH_KEY" in err and "wrong-key" not in out + err
    assert not (project / "out").exists()


def test_429_and_503_are_retried_by_the_client(project: Path, fake_deepl: FakeDeepL) -> None:
    fake_deepl.fail_next(429, 503)
    code, _, err = translate("--to", "en")
    assert code == 0, err
    assert (project / "out" / "en" / SEED.name).is_file()


def test_quota_456_keeps_finished_work_and_rerun_pays_only_the_rest(
    project: Path, fake_deepl: FakeDeepL, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED.read_text(encoding="utf-8")
    for n in range(3):
        (project / "posts" / f"post-{n}.md").write_text(
            text.replace("다.", f"다({n})."), encoding="utf-8"
        )
    with FakeDeepL() as clean:  # what one uninterrupted run bills
        monkeypatch.setenv("DEEPL_AUTH_KEY", clean.auth_key)
        monkeypatch.setenv("DEEPL_SERVER_URL", clean.url)
        monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(project / "clean-cache"))
        assert translate("--to", "en", "--jobs", "1", "--no-metadata")[0] == 0
        clean_billed = clean.billed_characters
    shutil.rmtree(project / "out")
    monkeypatch.setenv("DEEPL_AUTH_KEY", fake_deepl.auth_key)
    monkeypatch.setenv("DEEPL_SERVER_URL", fake_deepl.url)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(project / "cache"))

    fake_deepl.quota_characters = clean_billed - 1  # the last batch is refused
    code, _, err = translate("--to", "en", "--jobs", "1")
    assert code == 3 and "quota" in err.lower() and "finished" in err
    assert 0 < fake_deepl.billed_characters < clean_billed
    fake_deepl.quota_characters = None
    code, _, err = translate("--to", "en", "--jobs", "1")
    assert code == 0, err
    for n in range(3):
        assert (project / "out" / "en" / f"post-{n}.md").is_file()
    # the refused batch was never billed; everything billed was billed once
    assert fake_deepl.billed_characters == clean_billed


def test_glossary_is_uploaded_and_applied(project: Path, fake_deepl: FakeDeepL) -> None:
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text(
        "ko,en,ja,note\n지식 증류,knowledge distillation,知識蒸留,\n", encoding="utf-8"
    )
    code, _, err = translate("--to", "en", "--to", "ja")
    assert code == 0, err
    assert fake_deepl.glossaries_created == 1
    requests = fake_deepl.translate_requests()
    assert all(r.body.get("glossary_id") for r in requests)
    en = (project / "out" / "en" / SEED.name).read_text(encoding="utf-8")
    ja = (project / "out" / "ja" / SEED.name).read_text(encoding="utf-8")
    assert "knowledge distillation" in en and "知識蒸留" in ja


def test_quota_on_the_first_of_many_batches_stops_cleanly(
    project: Path, fake_deepl: FakeDeepL
) -> None:
    text = SEED.read_text(encoding="utf-8")
    for n in range(6):
        (project / "posts" / f"post-{n}.md").write_text(
            text.replace("다.", f"다({n})."), encoding="utf-8"
        )
    fake_deepl.fail_next(456)
    code, _, err = translate("--to", "en", "--jobs", "2")
    assert code == 3 and "quota" in err.lower()
    assert len(fake_deepl.translate_requests()) <= 2  # nothing new went out after the refusal


def test_catalog_entries_never_reach_the_engine(project: Path, fake_deepl: FakeDeepL) -> None:
    code, out, err = translate("--to", "en", "--to", "ja")
    assert code == 0, err
    sent = [t for r in fake_deepl.translate_requests() for t in r.body["text"]]
    assert sent and not any(
        text.startswith(("Goal:", "Motivation:", "Contribution:")) or text == "정보 부족"
        for text in sent
    )
    assert not any(t in ("Introduction", "Method", "Results", "Conclusion") for t in sent)
    ja = (project / "out" / "ja" / SEED.name).read_text(encoding="utf-8")
    assert "## 序論" in ja and "- 目的：" in ja and "情報不足" in ja
    assert 'title: "Daily Papers — 2025年11月3日"' in ja
    assert re.search(r"units from catalog\s+│\s+(\d+) │", out)
