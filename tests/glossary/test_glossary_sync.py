"""glossary sync and the sub-apps' directories, through the main CLI."""

from __future__ import annotations

from pathlib import Path

import deepl
import pytest
from deepl.api_data import MultilingualGlossaryDictionaryEntries
from fake_deepl import FakeDeepL
from typer.testing import CliRunner

from i18n.cli._app import app

TERMS = "ko,en,ja,note\n지식 증류,knowledge distillation,知識蒸留,\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_deepl: FakeDeepL) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEEPL_AUTH_KEY", fake_deepl.auth_key)
    monkeypatch.setenv("DEEPL_SERVER_URL", fake_deepl.url)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_text(TERMS, encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_sync_creates_then_reuses_then_replaces(project: Path, fake_deepl: FakeDeepL) -> None:
    code, out, err = invoke("glossary", "sync", "--to", "en", "--to", "ja")
    assert code == 0, err
    assert "created" in out and fake_deepl.glossaries_created == 1
    code, out, _ = invoke("glossary", "sync", "--to", "en", "--to", "ja")
    assert code == 0 and "reused" in out and fake_deepl.glossaries_created == 1
    (project / "glossary" / "terms.csv").write_text(
        TERMS + "확산 모델,diffusion model,拡散モデル,\n", encoding="utf-8"
    )
    code, out, _ = invoke("glossary", "sync", "--to", "en", "--to", "ja")
    assert code == 0 and "created" in out and "deleted" not in out
    assert fake_deepl.glossaries_created == 2 and fake_deepl.glossaries_deleted == 0
    assert len(fake_deepl.glossaries) == 2  # a job may still use the old one
    code, out, _ = invoke("glossary", "sync", "--to", "en", "--to", "ja", "--prune")
    assert code == 0 and "reused" in out and "deleted: 1" in out
    assert fake_deepl.glossaries_created == 2 and fake_deepl.glossaries_deleted == 1
    assert len(fake_deepl.glossaries) == 1


def test_sync_names_the_glossary_by_the_configured_targets_not_to(
    project: Path, fake_deepl: FakeDeepL
) -> None:
    code, out, err = invoke("glossary", "sync", "--to", "en")
    assert code == 0 and "created" in out and "en, ja" in out, err
    code, out, _ = invoke("glossary", "sync", "--to", "ja")
    assert code == 0 and "reused" in out
    assert fake_deepl.glossaries_created == 1
    [stored] = fake_deepl.glossaries.values()
    assert set(stored.dictionaries) == {("ko", "en"), ("ko", "ja")}


def test_prune_removes_later_copies_of_the_glossary(project: Path, fake_deepl: FakeDeepL) -> None:
    code, _, err = invoke("glossary", "sync")
    assert code == 0, err
    [first] = fake_deepl.glossaries.values()
    other = deepl.DeepLClient(fake_deepl.auth_key, server_url=fake_deepl.url)
    entries = [
        MultilingualGlossaryDictionaryEntries("KO", lang.upper(), first.dictionaries[("ko", lang)])
        for lang in ("en", "ja")
    ]
    other.create_multilingual_glossary(first.name, entries)  # a racing job's copy
    assert len(fake_deepl.glossaries) == 2
    code, out, _ = invoke("glossary", "sync", "--prune")
    assert code == 0 and "reused" in out and "deleted: 1" in out
    assert list(fake_deepl.glossaries) == [first.glossary_id]


def test_sync_without_a_key_exits_3(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    code, _, err = invoke("glossary", "sync")
    assert code == 3 and "DEEPL_AUTH_KEY" in err and err.startswith("error: ")


def test_sub_apps_use_the_configured_directories(project: Path) -> None:
    (project / "terms").mkdir()
    (project / "terms" / "a.csv").write_text(
        "ko,en,ja,note\n가설,hypothesis,仮説,\n", encoding="utf-8"
    )
    (project / "digest-i18n.toml").write_text('glossary_dir = "terms"\n', encoding="utf-8")
    (project / "sub").mkdir()
    code, out, err = invoke("glossary", "list")
    assert code == 0, err
    assert "가설\thypothesis\t仮説" in out and "지식 증류" not in out


def test_without_a_project_glossary_the_bundled_one_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("glossary", "list", "--grep", "^지식 증류$")
    assert code == 0, err
    assert "knowledge distillation" in out
    code, out, err = invoke("locales", "stats")
    assert code == 0, err
    assert "ja" in out
