"""The translation memory: JSON on disk, never pickle; stats and clear."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n.cli._app import app
from i18n.errors import CacheError
from i18n.translate._memory import TranslationCache, cache_key


class Boom:
    """Unpickling this would create a file: proof that pickle ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def test_round_trip_and_keys_are_content_addressed(tmp_path: Path) -> None:
    key = cache_key("deepl:EN-US", "ko", "en", "", "본문")
    assert key != cache_key("deepl:EN-US", "ko", "en", "g1", "본문")  # glossary terms count
    assert key != cache_key("deepl:JA", "ko", "ja", "", "본문")
    with TranslationCache(tmp_path / "c") as cache:
        cache.put_many({key: "Body"})
        assert cache.get_many([key, "missing"]) == {key: "Body"}
    with TranslationCache(tmp_path / "c") as cache:  # persisted
        assert cache.get_many([key]) == {key: "Body"}


@pytest.mark.parametrize("column", ["value", "key"])
def test_a_pickled_entry_is_refused_not_loaded(tmp_path: Path, column: str) -> None:
    directory = tmp_path / "c"
    key = cache_key("x", "ko", "en", "", "t")
    with TranslationCache(directory) as cache:
        cache.put_many({key: "safe"})
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Boom(str(marker)))
    with sqlite3.connect(directory / "cache.db") as db:
        if column == "value":  # mode 4 is diskcache's MODE_PICKLE
            db.execute("UPDATE Cache SET value = ?, mode = 4", (payload,))
        else:
            db.execute("UPDATE Cache SET key = ?, raw = 0", (payload,))
    with TranslationCache(directory) as cache, pytest.raises(CacheError):
        if column == "value":
            cache.get_many([key])
        else:
            list(cache._cache.iterkeys())  # a tampered key surfaces when keys are read
    assert not marker.exists()


def test_cache_stats_and_clear_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "c"))
    with TranslationCache(tmp_path / "c") as cache:
        cache.put_many({f"k{n}": "v" for n in range(3)})
    result = CliRunner().invoke(app, ["cache", "stats"])
    assert result.exit_code == 0 and ": 3 translations" in result.stdout
    result = CliRunner().invoke(app, ["cache", "clear"])
    assert result.exit_code == 0 and "removed 3" in result.stdout
    result = CliRunner().invoke(app, ["cache", "stats"])
    assert ": 0 translations" in result.stdout


def test_cache_dir_comes_from_env_then_config_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from i18n.config import load_config

    monkeypatch.delenv("DIGEST_I18N_CACHE_DIR", raising=False)
    (tmp_path / "sub").mkdir()
    assert (
        load_config(tmp_path / "sub").resolved_cache_dir()
        == tmp_path / "sub" / ".digest-i18n-cache"
    )
    (tmp_path / "digest-i18n.toml").write_text('cache_dir = "tm"\n', encoding="utf-8")
    assert load_config(tmp_path / "sub").resolved_cache_dir() == tmp_path / "tm"
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "env"))
    assert load_config(tmp_path / "sub").resolved_cache_dir() == tmp_path / "env"
