"""The translate command end to end: offline engines, real files, real CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import cli
from typer.testing import CliRunner

from i18n.cli._app import app
from i18n.markdown._hangul import has_hangul

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "_posts" / "2025-11-03-daily-papers.md"
LINK = re.compile(r"\]\(([^)\s]+)")
CODE = re.compile(r"`[^`\n]+`")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    (tmp_path / "posts").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "posts" / EXAMPLE.name)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_pseudo_leaves_no_hangul_and_keeps_links_and_code(project: Path) -> None:
    code, _, err = run(
        "translate", "posts", "--to", "en", "--to", "ja", "--engine", "pseudo", "--out", "out"
    )
    assert code == 0, err
    source = (project / "posts" / EXAMPLE.name).read_text(encoding="utf-8")
    for lang in ("en", "ja"):
        target = (project / "out" / lang / EXAMPLE.name).read_text(encoding="utf-8")
        body = target.split("---\n", 2)[2]
        assert not has_hangul(body)
        assert LINK.findall(target) == LINK.findall(source)
        assert CODE.findall(target) == CODE.findall(source)
        assert target.count("\n") > source.count("\n")  # metadata lines added


def test_identity_without_metadata_is_byte_identical(project: Path) -> None:
    code, _, err = run(
        "translate", "posts", "--to", "en", "--engine", "identity", "--no-metadata", "--out", "out"
    )
    assert code == 0, err
    assert (project / "out" / "en" / EXAMPLE.name).read_bytes() == EXAMPLE.read_bytes()


def test_summary_counts_units(project: Path) -> None:
    code, out, _ = run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")
    assert code == 0
    counts = dict(re.findall(r"│ ([a-z ]+?)\s+│\s+(\d+) │", out))
    assert counts["files"] == "1" and counts["translations written"] == "1"
    assert int(counts["units sent"]) > 10
    assert int(counts["units already target language"]) >= 2  # English paper titles
    assert int(counts["units from catalog"]) >= 10  # section headings, labels, stock phrases
    code, out, _ = run(
        "translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out", "--force"
    )
    counts = dict(re.findall(r"│ ([a-z ]+?)\s+│\s+(\d+) │", out))
    assert counts["units sent"] == "0" and int(counts["units from cache"]) > 10


def test_dry_run_writes_nothing_and_prices_the_run(project: Path) -> None:
    code, out, err = run(
        "translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out", "--dry-run"
    )
    assert code == 0, err
    assert not (project / "out").exists()
    assert not (project / "cache").exists() or not any((project / "cache").iterdir())
    total = sum(int(n) for n in re.findall(r": en: (\d+) characters", out))
    assert total > 500
    assert f"{total} characters to bill" in out


def test_up_to_date_translation_is_not_rewritten_unless_forced(project: Path) -> None:
    assert run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")[0] == 0
    target = project / "out" / "en" / EXAMPLE.name
    before = target.stat().st_mtime_ns
    code, out, _ = run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")
    assert code == 0 and re.search(r"translations up to date\s+│\s+1 │", out)
    assert target.stat().st_mtime_ns == before
    code, out, _ = run(
        "translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out", "--force"
    )
    assert re.search(r"translations written\s+│\s+1 │", out)


def test_memory_engine_miss_names_the_unit(project: Path) -> None:
    code, _, err = run("translate", "posts", "--to", "en", "--engine", "memory", "--out", "out")
    assert code == 1
    assert err.startswith("error: ") and "translation memory" in err
    assert not (project / "out" / "en" / EXAMPLE.name).exists()


def test_memory_engine_serves_what_pseudo_stored(project: Path) -> None:
    (project / "digest-i18n.toml").write_text('engine = "pseudo"\n', encoding="utf-8")
    assert run("translate", "posts", "--to", "en", "--out", "a")[0] == 0
    code, _, err = run(
        "translate", "posts", "--to", "en", "--engine", "memory", "--out", "b", "--no-metadata"
    )
    assert code == 0, err
    a = (project / "a" / "en" / EXAMPLE.name).read_text(encoding="utf-8").split("---\n", 2)[2]
    b = (project / "b" / "en" / EXAMPLE.name).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert a == b


def test_two_index_files_may_not_collide(project: Path) -> None:
    for name in ("a", "b"):
        (project / "site" / name).mkdir(parents=True)
        (project / "site" / name / "index.md").write_text("본문\n", encoding="utf-8")
    code, _, err = run(
        "translate",
        "site/a/index.md",
        "site/b/index.md",
        "--to",
        "en",
        "--engine",
        "pseudo",
        "--out",
        "out",
    )
    assert code == 2 and "would both be written" in err
    assert not (project / "out").exists()
    # a directory argument keeps sub-paths: no collision
    code, _, err = run("translate", "site", "--to", "en", "--engine", "pseudo", "--out", "out")
    assert code == 0, err
    assert (project / "out" / "en" / "a" / "index.md").exists()
    assert (project / "out" / "en" / "b" / "index.md").exists()


def test_output_template_may_not_escape_the_root(project: Path) -> None:
    (project / "digest-i18n.toml").write_text('output = "../{lang}/{name}"\n', encoding="utf-8")
    code, _, err = run("translate", "posts", "--to", "en", "--engine", "pseudo")
    assert code == 2 and "outside the output root" in err
    assert not (project.parent / "en").exists()


def test_output_templates_for_jekyll_and_hugo(project: Path) -> None:
    (project / "digest-i18n.toml").write_text('output = "_posts/{lang}/{name}"\n', encoding="utf-8")
    assert run("translate", "posts", "--to", "ja", "--engine", "pseudo")[0] == 0
    assert (project / "_posts" / "ja" / EXAMPLE.name).is_file()
    (project / "digest-i18n.toml").write_text(
        'output = "{dir}/{stem}.{lang}{suffix}"\n', encoding="utf-8"
    )
    assert run("translate", "posts", "--to", "en", "--engine", "pseudo")[0] == 0
    assert (project / "posts" / f"{Path(EXAMPLE.name).stem}.en.md").is_file()
    # a second run over the directory does not take the translation for a source
    code, out, _ = run("translate", "posts", "--to", "en", "--engine", "pseudo")
    assert code == 0 and re.search(r"files\s+│\s+1 │", out)


BAD_INPUTS = {
    "invalid-utf8.md": (b"# \xc7\xd1\xb1\xdb\n", "not valid UTF-8"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "utf16.md": ("# 제목\n".encode("utf-16"), "UTF-16"),
    "unterminated.md": (b"---\ntitle: a\n# body\n", "never closed"),
    "broken-yaml.md": (b"---\ntitle: [a\n---\nbody\n", "not valid YAML"),
    "object-tag.md": (
        b"---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nbody\n",
        "not valid YAML",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_nothing_written(project: Path, name: str) -> None:
    data, message = BAD_INPUTS[name]
    (project / name).write_bytes(data)
    code, out, err = run(
        "translate", name, "posts", "--to", "en", "--engine", "pseudo", "--out", "out"
    )
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"error: {name}") and message in err
    assert "Traceback" not in out + err
    assert not (project / "out").exists()
    assert not (project / "pwned").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("translate", "missing.md", "--to", "en", "--engine", "pseudo"), "no such file"),
        (
            ("translate", "posts", "--to", "xx", "--engine", "pseudo"),
            "unknown target language 'xx'",
        ),
        (
            ("translate", "posts", "--to", "en", "--engine", "babelfish"),
            "'babelfish' is not one of 'deepl', 'pseudo', 'identity', 'memory'",
        ),
        (("translate", "posts", "--to", "ko", "--engine", "pseudo"), "is the source language"),
    ],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in out + err


def test_unknown_config_key_is_named(project: Path) -> None:
    (project / "digest-i18n.toml").write_text('source = "ko"\ntargest = ["en"]\n', encoding="utf-8")
    code, _, err = run("translate", "posts", "--engine", "pseudo")
    assert code == 2
    assert "digest-i18n.toml:2: unknown key 'targest'" in err


def test_deepl_without_key_exits_3_with_a_hint(project: Path) -> None:
    code, _, err = run("translate", "posts", "--to", "en", "--engine", "deepl", "--out", "out")
    assert code == 3
    assert "DEEPL_AUTH_KEY" in err and "--engine pseudo" in err
    assert not (project / "out").exists()


def test_subprocess_entry_point_and_version(project: Path) -> None:
    done = subprocess.run(cli("--version"), capture_output=True, text=True, check=False)
    assert done.returncode == 0 and re.fullmatch(r"digest-i18n \d+\.\d+\.\d+\n", done.stdout)
    done = subprocess.run(
        cli("translate", "posts", "--to", "ja", "--engine", "pseudo", "--out", "out"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout  # no colour codes when not a terminal
    assert (project / "out" / "ja" / EXAMPLE.name).is_file()


def test_a_translation_edited_by_hand_keeps_its_edit_when_the_source_changes(
    project: Path,
) -> None:
    # Issue 13 replaced the old refusal: the edit is learned as a reviewed translation and
    # kept, the new paragraph is translated, and --force rewrites the file keeping the review.
    # (The refusal that remains, when the old source cannot be found, is in tests/review.)
    assert run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")[0] == 0
    target = project / "out" / "en" / EXAMPLE.name
    edited = target.read_text(encoding="utf-8").replace("## Method", "## Method (fixed by hand)")
    target.write_text(edited, encoding="utf-8")
    source = project / "posts" / EXAMPLE.name
    source.write_text(source.read_text(encoding="utf-8") + "\n추가 문단.\n", encoding="utf-8")
    code, _, err = run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")
    assert code == 0, err
    kept = target.read_text(encoding="utf-8")
    assert kept.count("## Method (fixed by hand)") == edited.count("## Method (fixed by hand)") == 2
    assert "⟦chuga mundan.⟧" in kept
    reviewed = (project / "locales" / "en" / "LC_MESSAGES" / "reviewed.po").read_text("utf-8")
    assert 'msgstr "Method (fixed by hand)"' in reviewed
    code, _, err = run(
        "translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out", "--force"
    )
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == kept


def test_a_lone_dot_en_file_is_a_source_but_a_sibling_translation_is_not(project: Path) -> None:
    (project / "posts" / "notes.en.md").write_text("영어 이름의 원문.\n", encoding="utf-8")
    (project / "posts" / "a.md").write_text("원문.\n", encoding="utf-8")
    (project / "posts" / "a.en.md").write_text("Source.\n", encoding="utf-8")
    code, out, err = run("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out")
    assert code == 0, err
    assert (project / "out" / "en" / "notes.en.md").is_file()
    assert not (project / "out" / "en" / "a.en.md").exists()
    assert re.search(r"files\s+│\s+3 │", out)  # the example, notes.en.md and a.md


@pytest.mark.parametrize(("no_color", "styled"), [("", True), ("1", False)])
def test_terminal_output_is_styled_unless_no_color(
    project: Path, no_color: str, styled: bool
) -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": no_color, "TERM": "xterm-256color", "COLUMNS": "100"}
    done = subprocess.run(
        cli("translate", "posts", "--to", "en", "--engine", "pseudo", "--out", "out"),
        stdout=follower,
        stderr=follower,
        env=env,
        check=False,
        timeout=60,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0, output
    assert "translations written" in output
    assert ("\x1b[" in output) is styled


def test_the_library_api_translates_and_checks_without_the_cli(project: Path) -> None:
    import i18n

    config = i18n.load_config(project)
    options = i18n.TranslateOptions(targets=("ja",), engine="pseudo", out=project / "lib")
    summary = i18n.translate_paths([project / "posts"], options, config)
    assert summary.written == 1 and summary.failures == []
    report = i18n.check_paths([project / "posts"], ("ja",), project / "lib", config)
    assert report.pairs == 1 and [f for f in report.findings if f.severity == "error"] == []
