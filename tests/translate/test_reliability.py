"""Faults, kills and concurrency against the fake DeepL server (issue: reliability)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL, RecordedRequest, Reply
from helpers import cli
from typer.testing import CliRunner

from i18n.cli import app
from i18n.markdown._hangul import has_hangul
from i18n.translate._memory import TranslationCache

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "_posts" / "2025-11-03-daily-papers.md"


def make_posts(directory: Path, count: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    for n in range(count):  # distinct texts, so every post costs something
        (directory / f"post-{n:02d}.md").write_text(
            text.replace("다.", f"다({n})."), encoding="utf-8"
        )


def environment(fake: FakeDeepL, cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEEPL_AUTH_KEY": fake.auth_key,
        "DEEPL_SERVER_URL": fake.url,
        "DIGEST_I18N_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
    }


def translate_process(cwd: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli(
            "translate",
            "posts",
            "--to",
            "en",
            "--to",
            "ja",
            "--engine",
            "deepl",
            "--out",
            "out",
            *extra,
        ),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def clean_run_billing(tmp_path: Path, count: int) -> int:
    work = tmp_path / "clean"
    make_posts(work / "posts", count)
    with FakeDeepL() as clean:
        done = translate_process(work, environment(clean, work / "cache"), "--jobs", "1")
        _, err = done.communicate(timeout=120)
        assert done.returncode == 0, err
        return clean.billed_characters


def assert_complete_outputs(out: Path) -> None:
    for path in out.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n") and "output_sha256" in text, path
        assert not has_hangul(text.split("---\n", 2)[2]), path


def test_sigkill_mid_job_leaves_no_half_file_and_rerun_pays_only_the_rest(tmp_path: Path) -> None:
    clean = clean_run_billing(tmp_path, 8)
    work = tmp_path / "work"
    make_posts(work / "posts", 8)
    with FakeDeepL(latency=0.25) as fake:
        env = environment(fake, work / "cache")
        process = translate_process(work, env, "--jobs", "1")
        deadline = time.monotonic() + 60
        while fake.translate_calls < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        assert fake.translate_calls >= 2
        if (work / "out").exists():
            assert_complete_outputs(work / "out")
        orphan = work / "out" / "en" / ".post-00.md.999999999.abc.tmp"  # a dead writer's
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_text("half", encoding="utf-8")
        with TranslationCache(work / "cache") as cache:  # opens fine, holds finished batches
            assert cache.stats().entries > 0
        fake.latency = 0
        done = translate_process(work, env, "--jobs", "1")
        _, err = done.communicate(timeout=120)
        assert done.returncode == 0, err
        assert_complete_outputs(work / "out")
        assert len(list((work / "out").rglob("*.md"))) == 16
        assert list((work / "out").rglob("*.tmp")) == []  # the killed run's leftovers went
        # a request cut off by the kill may have no readable body
        bodies = [r.body for r in fake.translate_requests() if r.body]
        largest_batch = max(sum(len(t) for t in body["text"]) for body in bodies)
        # at most the batch in flight at the kill is paid twice
        assert clean <= fake.billed_characters <= clean + largest_batch


def test_every_answer_is_cached_before_the_next_request_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a run killed right after an answer arrived pays again only for what was in flight:
    # the answer itself must be on disk before the next request is sent (a slow disk here)
    work = tmp_path / "work"
    make_posts(work / "posts", 8)
    put_many = TranslationCache.put_many

    def slow_put_many(self: TranslationCache, items: Mapping[str, str]) -> None:
        time.sleep(0.2)
        put_many(self, items)

    monkeypatch.setattr(TranslationCache, "put_many", slow_put_many)
    monkeypatch.chdir(work)
    with FakeDeepL() as fake:
        arrivals: list[tuple[int, int]] = []  # (entries cached, texts in the request)
        answer = fake.handle

        def cache_at_arrival(request: RecordedRequest, auth: str | None) -> Reply | None:
            if request.path == "/v2/translate" and request.body:
                with TranslationCache(work / "cache") as cache:
                    arrivals.append((cache.stats().entries, len(request.body["text"])))
            return answer(request, auth)

        fake.handle = cache_at_arrival  # type: ignore[method-assign]
        for name, value in environment(fake, work / "cache").items():
            monkeypatch.setenv(name, value)
        args = ["translate", "posts", "--to", "en", "--to", "ja", "--engine", "deepl"]
        done = CliRunner().invoke(app, [*args, "--out", "out", "--jobs", "1"])
        assert done.exit_code == 0, done.output
    assert len(arrivals) >= 3
    answered = 0
    for cached, texts in arrivals:
        assert cached >= answered  # every earlier answer already there
        answered += texts


def test_two_processes_sharing_one_cache_agree(tmp_path: Path) -> None:
    clean = clean_run_billing(tmp_path, 6)
    work = tmp_path / "work"
    make_posts(work / "posts", 6)
    (work / "b").mkdir()
    shutil.copytree(work / "posts", work / "b" / "posts")
    with FakeDeepL(latency=0.05) as fake:
        env = environment(fake, work / "cache")
        first = translate_process(work, env, "--jobs", "2")
        second = translate_process(work / "b", env, "--jobs", "2")
        for process in (first, second):
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        for path in sorted((work / "out").rglob("*.md")):
            twin = work / "b" / "out" / path.relative_to(work / "out")
            body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
            assert twin.read_text(encoding="utf-8").split("---\n", 2)[2] == body
        # overlap only while both were in flight: never more than two full runs
        assert clean <= fake.billed_characters <= 2 * clean


def test_flaky_service_still_gives_every_file(tmp_path: Path) -> None:
    work = tmp_path / "work"
    make_posts(work / "posts", 4)
    with FakeDeepL() as fake:
        fake.fail_fraction(0.3, 503, seed=7)
        fake.reset_next(1)
        env = environment(fake, work / "cache")
        done = translate_process(work, env, "--jobs", "2")
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
    assert len(list((work / "out").rglob("*.md"))) == 8
    assert_complete_outputs(work / "out")


@pytest.mark.parametrize("status", [503, 429])
def test_a_service_that_stays_down_exits_3_keeping_work(tmp_path: Path, status: int) -> None:
    work = tmp_path / "work"
    make_posts(work / "posts", 1)
    with FakeDeepL() as fake:
        fake.fail_fraction(1.0, status, seed=1)
        (work / "digest-i18n.toml").write_text("[deepl]\nmax_retries = 1\n", encoding="utf-8")
        done = subprocess.run(
            cli("translate", "posts", "--to", "en", "--engine", "deepl", "--out", "out"),
            cwd=work,
            env=environment(fake, work / "cache"),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert not (work / "out").exists()


def test_a_timed_out_request_is_retried_by_the_client(tmp_path: Path) -> None:
    work = tmp_path / "work"
    make_posts(work / "posts", 1)
    (work / "none").mkdir()  # no glossary: the first request is a translation
    (work / "digest-i18n.toml").write_text(
        'glossary_dir = "none"\n[deepl]\ntimeout = 0.5\n', encoding="utf-8"
    )
    with FakeDeepL(latency=3.0) as fake:
        process = translate_process(work, environment(fake, work / "cache"), "--jobs", "1")
        while not fake.translate_requests() and process.poll() is None:
            time.sleep(0.02)
        time.sleep(1.3)  # the first request has timed out by now: answer the retry at once
        fake.latency = 0
        _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert len(list((work / "out").rglob("*.md"))) == 2
    # two language pairs, one batch each: more requests mean the timed-out one was retried
    assert len(fake.translate_requests()) >= 3
