"""The command line as a person reads it: flags as they would type them, choices offered,
one example in every --help, and engines found through entry points like any plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from helpers import cli
from typer.testing import CliRunner

from i18n.cli import app

COMMANDS = [
    (),
    ("translate",),
    ("check",),
    ("cache", "stats"),
    ("cache", "clear"),
    *(("glossary", c) for c in ("lint", "list", "add", "remove", "export", "import", "suggest")),
    ("glossary", "sync"),
    *(("locales", c) for c in ("extract", "update", "compile", "stats")),
    ("learn",),
    ("export",),
    ("import",),
    ("memory", "export"),
]


def _help(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "digest-i18n")
def test_every_command_help_has_an_example(command: tuple[str, ...]) -> None:
    text = _help(*command)
    assert f"Example: digest-i18n {' '.join(command or ('translate',))}" in text


def test_flags_read_as_a_person_types_them() -> None:
    text = _help("translate")
    assert "--cache / --no-cache" in text and "--metadata / --no-metadata" in text
    assert "--no-no-" not in text
    assert "<deepl|pseudo|identity|memory>" in text  # a choice, not <str>


def test_completion_offers_the_engines() -> None:
    env = {**os.environ, "_DIGEST_I18N_COMPLETE": "complete_bash"}
    env |= {"COMP_WORDS": "digest-i18n translate --engine ", "COMP_CWORD": "3"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "digest-i18n")], env=env, capture_output=True, text=True
    )
    offered = {line.split(",", 1)[-1] for line in done.stdout.split()}
    assert {"deepl", "pseudo", "identity", "memory"} <= offered, done.stdout + done.stderr


def _installed(tmp_path: Path, name: str, entry_point: str) -> Path:
    """A site directory where a package ``name`` is installed with one engine entry point:
    what ``pip install`` of another package leaves behind."""
    site = tmp_path / "site"
    (site / f"{name}-1.0.dist-info").mkdir(parents=True)
    (site / f"{name}-1.0.dist-info" / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (site / f"{name}-1.0.dist-info" / "entry_points.txt").write_text(
        f"[digest_i18n.engines]\n{entry_point}\n", encoding="utf-8"
    )
    return site


def test_an_engine_from_another_package_is_found_and_used(tmp_path: Path) -> None:
    site = _installed(tmp_path, "shout_engine", "shout = shout_engine:plugin")
    (site / "shout_engine.py").write_text(
        "from i18n.engines import BatchResult, EnginePlugin\n"
        "class Shout:\n"
        "    name = 'shout'; remote = False; max_batch_texts = 100; max_batch_bytes = 0\n"
        "    def cache_id(self, pair): return ''\n"
        "    def batch_bytes(self, segments, pair, glossary): return 0\n"
        "    def translate(self, segments, pair, glossary):\n"
        "        return BatchResult(['SHOUT ' + s.text for s in segments])\n"
        "plugin = EnginePlugin('says it loudly', lambda config, environ: Shout())\n",
        encoding="utf-8",
    )
    (tmp_path / "post.md").write_text("# 제목\n\n본문입니다.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    listed = subprocess.run(
        cli("translate", "--help"), env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert "shout: says it loudly" in " ".join(listed.stdout.split())
    done = subprocess.run(
        cli("translate", "post.md", "--to", "en", "--engine", "shout", "--out", "out"),
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "# SHOUT 제목" in (tmp_path / "out" / "en" / "post.md").read_text(encoding="utf-8")


def test_a_broken_plugin_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    site = _installed(tmp_path, "broken", "broken = no_such_module:plugin")
    (tmp_path / "post.md").write_text("# 제목\n", encoding="utf-8")
    done = subprocess.run(
        cli("translate", "post.md", "--to", "en", "--engine", "broken", "--out", "out"),
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: engine 'broken' (no_such_module:plugin) cannot be")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_errors_are_reported_once_for_every_group() -> None:
    # one reporting mechanism: every group, nested or not, is the same class
    from i18n.cli._errors import ReportingGroup

    groups = [typer.main.get_group(app)]
    groups += [c for c in groups[0].commands.values() if hasattr(c, "commands")]
    assert groups and all(isinstance(g, ReportingGroup) for g in groups)
