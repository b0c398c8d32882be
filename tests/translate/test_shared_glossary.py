"""A CI matrix: jobs that split the languages share one glossary on one DeepL account."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL
from helpers import cli

TERMS = "ko,en,ja,note\n확산 모델,diffusion model,拡散モデル,\n토큰,token,トークン,\n"
POST = "---\ntitle: 확산 모델 정리\n---\n\n확산 모델은 토큰 {n}개를 만든다.\n"


def project(root: Path) -> Path:
    (root / "posts").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.csv").write_text(TERMS, encoding="utf-8")
    (root / "digest-i18n.toml").write_text('targets = ["en", "ja"]\n', encoding="utf-8")
    for n in range(3):
        (root / "posts" / f"p{n}.md").write_text(POST.format(n=n), encoding="utf-8")
    return root


def job(root: Path, fake: FakeDeepL, lang: str, machine: Path) -> subprocess.Popen[str]:
    machine.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DEEPL_AUTH_KEY": fake.auth_key,
        "DEEPL_SERVER_URL": fake.url,
        "DIGEST_I18N_CACHE_DIR": str(machine / "cache"),
        "TMPDIR": str(machine),  # another runner: nothing on disk in common
        "NO_COLOR": "1",
    }
    return subprocess.Popen(
        cli("translate", "posts", "--to", lang, "--engine", "deepl", "--out", f"out-{lang}"),
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> None:
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err


def test_en_and_ja_jobs_at_once_on_one_machine_create_one_glossary(tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    with FakeDeepL(latency=0.05) as fake:
        jobs = [job(root, fake, lang, tmp_path / "runner") for lang in ("en", "ja")]
        for process in jobs:
            finish(process)
        assert fake.glossaries_created == 1 and fake.glossaries_deleted == 0
        used = {r.body.get("glossary_id") for r in fake.translate_requests()}
        assert used == set(fake.glossaries)
    assert len(list(root.rglob("out-*/**/*.md"))) == 6


@pytest.mark.parametrize("runs", [1, 2])
def test_jobs_on_separate_runners_converge_on_one_glossary(tmp_path: Path, runs: int) -> None:
    root = project(tmp_path / "repo")
    with FakeDeepL(latency=0.05) as fake:
        for run in range(runs):  # the second time: the glossary is found and reused
            jobs = [
                job(root, fake, lang, tmp_path / f"runner-{lang}-{run}") for lang in ("en", "ja")
            ]
            for process in jobs:
                finish(process)
        assert len(fake.glossaries) == 1
        assert fake.glossaries_created - fake.glossaries_deleted == 1
        # every request named the glossary that stayed, or one its own job made and dropped
        # before sending anything with it
        used = {r.body.get("glossary_id") for r in fake.translate_requests()}
        assert used == set(fake.glossaries)


def test_languages_one_after_the_other_reuse_the_glossary(tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    with FakeDeepL() as fake:
        for lang in ("en", "ja", "en"):
            finish(job(root, fake, lang, tmp_path / "runner"))
        assert fake.glossaries_created == 1 and len(fake.glossaries) == 1
