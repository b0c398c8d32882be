"""A run collects garbage less often while it runs, and leaves the process as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from i18n.config import Config
from i18n.translate._batch import fewer_collections
from i18n.translate._pipeline import TranslateOptions, translate_paths


def test_threshold_is_raised_inside_and_restored_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold()[0] >= 20_000
        assert gc.get_threshold()[1:] == before[1:]
        raise RuntimeError
    assert gc.get_threshold() == before


def test_translate_leaves_the_threshold_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("# 제목\n\n본문입니다.\n", encoding="utf-8")
    before = gc.get_threshold()
    seen: list[int] = []
    summary = translate_paths(
        [tmp_path / "post.md"],
        TranslateOptions(targets=("en",), engine="pseudo", out=tmp_path / "out", use_cache=False),
        Config(root=tmp_path),
        progress=lambda done, total: seen.append(gc.get_threshold()[0]),
    )
    assert summary.written == 1
    assert seen and all(threshold >= 20_000 for threshold in seen)
    assert gc.get_threshold() == before


def test_progress_counts_files_done_of_files_known(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"post-{number}.md").write_text(f"# 제목 {number}\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    translate_paths(
        [tmp_path],
        TranslateOptions(targets=("en",), engine="pseudo", out=tmp_path / "out", use_cache=False),
        Config(root=tmp_path),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
