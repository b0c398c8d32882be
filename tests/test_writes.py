"""Atomic writes: the old file or the new one, never half; a dead writer's leftovers go."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from i18n.errors import OutputError
from i18n.fileio import Writer, write_atomic

COMMON = ("--engine", "pseudo", "--out", "out", "--no-cache")


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_write_replaces_and_keeps_newlines(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "post.md"
    write_atomic(target, "a\r\nb\n")
    write_atomic(target, "c\r\n")
    assert target.read_bytes() == b"c\r\n"
    assert [p.name for p in target.parent.iterdir()] == ["post.md"]


def test_only_a_dead_writers_leftovers_of_that_target_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".post.md.{dead_pid()}.abc123.tmp"
    live = tmp_path / f".post.md.{os.getpid()}.def456.tmp"  # a writer still at work
    other = tmp_path / f".other.md.{dead_pid()}.ghi789.tmp"  # not written this time
    foreign = tmp_path / ".post.md.notapid.tmp"
    for path in (dead, live, other, foreign):
        path.write_text("half", encoding="utf-8")
    write_atomic(tmp_path / "post.md", "whole")
    assert not dead.exists()
    assert live.exists() and other.exists() and foreign.exists()
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == "whole"


def test_a_directory_is_listed_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import i18n.fileio as sources

    listed: list[Path] = []
    original = sources._orphans

    def counting(directory: Path) -> dict[str, list[Path]]:
        listed.append(directory)
        return original(directory)

    monkeypatch.setattr(sources, "_orphans", counting)
    late = tmp_path / "en" / f".post-9.md.{dead_pid()}.x.tmp"
    late.parent.mkdir()
    late.write_text("half", encoding="utf-8")
    writer = Writer()
    for n in range(10):
        writer.write(tmp_path / "en" / f"post-{n}.md", "x")
        writer.write(tmp_path / "ja" / f"post-{n}.md", "x")
    assert sorted(listed) == [tmp_path / "en", tmp_path / "ja"]
    assert not late.exists()  # swept when its target was written


def test_a_failed_write_is_one_error_naming_the_file(tmp_path: Path) -> None:
    blocked = tmp_path / "post.md"
    blocked.mkdir()  # a directory where the translation should go: the rename fails
    with pytest.raises(OutputError) as raised:
        Writer().write(blocked, "x")
    assert raised.value.file == str(blocked)
    assert "cannot write" in raised.value.message
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_background_writes_all_land_by_close(tmp_path: Path) -> None:
    with Writer(background=True) as writer:
        for n in range(20):
            writer.write(tmp_path / "en" / f"post-{n}.md", f"번역 {n}\r\n")
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == sorted(
        f"post-{n}.md" for n in range(20)
    )
    assert (tmp_path / "en" / "post-7.md").read_bytes() == "번역 7\r\n".encode()


def test_a_failed_background_write_is_reported_and_the_rest_still_land(tmp_path: Path) -> None:
    blocked = tmp_path / "post.md"
    (blocked / "inside").mkdir(parents=True)  # a directory where the file should go
    writer = Writer(background=True)
    writer.write(blocked, "x")
    writer.write(tmp_path / "other.md", "y")
    with pytest.raises(OutputError) as raised:
        writer.close()
    assert raised.value.file == str(blocked)
    assert "cannot write" in raised.value.message
    assert (tmp_path / "other.md").read_text(encoding="utf-8") == "y"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def assert_one_line_write_error(tmp_path: Path) -> None:
    """translate into ``out/`` fails with exit 2 and one line naming the target."""
    (tmp_path / "post.md").write_text("# 제목\n", encoding="utf-8")
    result = subprocess.run(
        [*(sys.executable, "-m", "i18n", "translate", "post.md", "--to", "en"), *COMMON],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: out/en/post.md: cannot write")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_rename_that_fails_in_the_background_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "out" / "en" / "post.md" / "inside").mkdir(parents=True)
    assert_one_line_write_error(tmp_path)


def test_an_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file, not a directory", encoding="utf-8")
    assert_one_line_write_error(tmp_path)


def test_a_new_translation_gets_ordinary_permissions_an_old_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", "x")
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_atomic(kept, "new")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640
    assert kept.read_text(encoding="utf-8") == "new"
