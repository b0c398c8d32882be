"""What DeepL refuses or answers badly fails only what it touches (through the real CLI,
the real ``deepl`` client and the fake server, which puts Japanese tags in another order)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fake_deepl import FakeDeepL
from helpers import cli

from i18n.markdown._hangul import has_hangul

POST = """---
title: "{n}번째 글: 확산 모델 읽기"
date: 2025-11-{day:02d} 09:00:00
---

## 요약 {n}

오늘은 `crop` 과 `resize` 를 비교한다({n}).
[논문](https://arxiv.org/abs/{n}) 이나 [코드](https://github.com/x/{n}) 를 본다.

- **핵심**: 손실은 $L_{{cls}}$ 와 $L_{{box}}$ 의 합이다.
- 두 번째 항목 {n} 은 *짧다*.

| 항목 | 값 |
|---|---|
| 정확도 | {n}점 |
"""

AUTHORS = "저자: 김철수\x03, 이영희\x03, 박민수\x03 (PDF에서 복사한 이름)\n"


def write_posts(root: Path, count: int) -> None:
    (root / "posts").mkdir(parents=True)
    for n in range(count):
        text = POST.format(n=n, day=n % 28 + 1)
        (root / "posts" / f"post-{n:02d}.md").write_text(text, encoding="utf-8")


def translate(root: Path, fake: FakeDeepL, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DEEPL_AUTH_KEY": fake.auth_key,
        "DEEPL_SERVER_URL": fake.url,
        "DIGEST_I18N_CACHE_DIR": str(root / "cache"),
        "NO_COLOR": "1",
    }
    args = ["translate", "posts", "--to", "en", "--to", "ja", "--engine", "deepl"]
    return subprocess.run(
        cli(*args, "--out", "out", *extra),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def sent_texts(fake: FakeDeepL) -> list[str]:
    return [t for r in fake.translate_requests() for t in r.body["text"]]


def test_control_characters_in_one_post_of_31_travel_as_placeholders(tmp_path: Path) -> None:
    write_posts(tmp_path, 31)
    special = tmp_path / "posts" / "post-07.md"
    source = special.read_text(encoding="utf-8").replace("## 요약 7\n", "## 요약 7\n\n" + AUTHORS)
    special.write_text(source, encoding="utf-8")
    with FakeDeepL() as fake:
        done = translate(tmp_path, fake)
        assert done.returncode == 0, done.stderr
        assert not any("\x03" in text for text in sent_texts(fake))
    outputs = sorted((tmp_path / "out").rglob("*.md"))
    assert len(outputs) == 62
    for lang in ("en", "ja"):
        out = (tmp_path / "out" / lang / "post-07.md").read_text(encoding="utf-8")
        body = out.split("---\n", 2)[2]
        assert not has_hangul(body)
        (line,) = [line for line in body.splitlines() if "\x03" in line]
        assert line.count("\x03,") == 2 and line.count("\x03") == 3
        assert "\x03 (" in line or "\x03(" in line  # each stays right after its name


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_one_refused_text_fails_only_its_file(tmp_path: Path, jobs: str) -> None:
    write_posts(tmp_path, 31)
    refused = tmp_path / "posts" / "post-12.md"
    text = refused.read_text(encoding="utf-8").replace("짧다", "거절되는 문장")
    refused.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(t for t in text.splitlines() if "거절되는" in t)) + 1
    with FakeDeepL() as fake:
        fake.refuse_texts_with("거절되는")
        done = translate(tmp_path, fake, "--jobs", jobs)
        assert done.returncode == 1, done.stderr
        errors = [e for e in done.stderr.splitlines() if e.startswith("error: ")]
        assert len(errors) == 2 and all(f"post-12.md:{line}: " in e for e in errors), errors
        assert "Traceback" not in done.stderr
        written = {
            p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")
        }
        assert len(written) == 60 and not {"en/post-12.md", "ja/post-12.md"} & written
        # everything else is in the memory: the rerun sends only the refused text
        fake.refuse_texts_with(None)
        before = len(sent_texts(fake))
        again = translate(tmp_path, fake)
        assert again.returncode == 0, again.stderr
        resent = sent_texts(fake)[before:]
        assert len(resent) == 2 and all("거절되는" in t for t in resent)
    assert len(list((tmp_path / "out").rglob("*.md"))) == 62


@pytest.mark.parametrize("addition", ["\x1b[31m", "&#x1b;", "\u202e", "&#8238;", "\x00"])
def test_an_answer_with_control_or_bidi_characters_is_retried_once(
    tmp_path: Path, addition: str
) -> None:
    write_posts(tmp_path, 1)
    with FakeDeepL() as fake:
        fake.smuggle(addition, count=1)
        done = translate(tmp_path, fake)
        assert done.returncode == 0, done.stderr
    for path in (tmp_path / "out").rglob("*.md"):
        out = path.read_text(encoding="utf-8")
        assert not any(c in out for c in "\x1b\u202e\x00") and "&#" not in out


def test_an_answer_that_keeps_smuggling_fails_the_file_and_is_never_cached(
    tmp_path: Path,
) -> None:
    write_posts(tmp_path, 2)
    with FakeDeepL() as fake:
        fake.smuggle("\u202e", count=1_000_000)
        done = translate(tmp_path, fake, "--jobs", "1")
        assert done.returncode == 1
        assert "control or bidi" in done.stderr and "Traceback" not in done.stderr
        assert not list((tmp_path / "out").rglob("*.md"))
        fake.smuggle("", count=0)
        before = len(sent_texts(fake))
        again = translate(tmp_path, fake)
        assert again.returncode == 0, again.stderr
        assert len(sent_texts(fake)) - before == before // 2  # nothing came from the memory
