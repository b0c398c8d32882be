"""``digest-i18n check`` as CI runs it: outputs, exit codes, selection, target layouts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from i18n.cli._app import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"
POST = FIXTURES / "posts" / "digest.md"


def run_check(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project with one post, its pseudo translations in out/, and a config."""
    (tmp_path / "posts").mkdir()
    shutil.copy(POST, tmp_path / "posts" / "digest.md")
    (tmp_path / "no-locales").mkdir()
    (tmp_path / "digest-i18n.toml").write_text(
        f'glossary_dir = "{(FIXTURES / "glossary").as_posix()}"\n'
        f'locales_dir = "{(tmp_path / "no-locales").as_posix()}"\n',
        encoding="utf-8",
    )
    translate(tmp_path, "--out", str(tmp_path / "out"))
    return tmp_path


def translate(root: Path, *extra: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(root / "posts"),
            "--to",
            "en",
            "--to",
            "ja",
            "--engine",
            "pseudo",
            "--no-cache",
            "--config",
            str(root / "digest-i18n.toml"),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output


def common(project: Path) -> list[str | Path]:
    return [
        project / "posts",
        "--to",
        "en",
        "--to",
        "ja",
        "--out",
        project / "out",
        "--config",
        project / "digest-i18n.toml",
    ]


def line_of(path: Path, marker: str) -> int:
    """The 1-based line of ``path`` holding ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if marker in line)


def damage(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_translations_exit_0(project: Path) -> None:
    code, out, _ = run_check(*common(project))
    assert code == 0
    assert "2 translation(s) of 1 source(s): all clean" in out


def test_text_output_groups_by_file_with_both_lines(project: Path) -> None:
    target = project / "out" / "ja" / "digest.md"
    damage(target, "(#hyperparameters)", "(#nowhere)")
    line, source_line = line_of(target, "#nowhere"), line_of(POST, "(#hyperparameters)")
    code, out, _ = run_check(*common(project))
    assert code == 1
    lines = out.splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith(str(project / "out" / "ja")))
    assert "(ja, from " in lines[header]
    assert "error [anchors]" in lines[header + 1]
    assert lines[header + 1].startswith(f"  {line}: error [anchors]")
    assert lines[header + 2].lstrip().startswith(f"target {line} │")
    assert "#nowhere" in lines[header + 2]
    assert lines[header + 3].lstrip().startswith(f"source {source_line} │")
    assert "(#hyperparameters)" in lines[header + 3]
    assert lines[header + 4].lstrip().startswith("fix: ")
    assert "1 error(s), 0 warning(s) in 1 file(s)" in lines[-1]


def test_json_output(project: Path) -> None:
    target = project / "out" / "en" / "digest.md"
    damage(target, "`top-k`", "`top_k`")
    damage(target, "15%", "16%")
    code, out, _ = run_check(*common(project), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"findings", "summary"}
    by_check = {f["check"]: f for f in report["findings"]}
    assert set(by_check) == {"inline-code", "numbers"}
    code_finding = by_check["inline-code"]
    assert code_finding["file"] == str(project / "out" / "en" / "digest.md")
    assert (code_finding["lang"], code_finding["severity"]) == ("en", "error")
    assert code_finding["line"] == line_of(target, "`top_k`")
    assert code_finding["source_line"] == line_of(POST, "`top-k`")
    assert "`top-k`" in code_finding["source_text"]
    assert code_finding["message"] and code_finding["hint"]
    assert by_check["numbers"]["severity"] == "warning"
    summary = report["summary"]
    assert (summary["errors"], summary["warnings"], summary["pairs"]) == (1, 1, 2)
    assert summary["by_check"] == {"inline-code": 1, "numbers": 1}


def test_github_annotations(project: Path) -> None:
    path = project / "out" / "en" / "digest.md"
    damage(path, "steps=12", "steps=13")
    line, source_line = line_of(path, "steps=13"), line_of(POST, "steps=12")
    code, out, _ = run_check(*common(project), "--format", "github")
    assert code == 1
    annotation = out.splitlines()[0]
    target = str(path).replace(":", "%3A").replace(",", "%2C")
    assert annotation.startswith(
        f"::error file={target},line={line},title=digest-i18n code-blocks (en)::"
    )
    assert f"%0Asource line {source_line}: " in annotation and "%0Afix: " in annotation
    assert "\n" not in annotation


def test_warnings_fail_only_with_strict(project: Path) -> None:
    damage(project / "out" / "en" / "digest.md", "15%", "16%")
    assert run_check(*common(project))[0] == 0
    assert run_check(*common(project), "--strict")[0] == 1


def test_select_and_ignore(project: Path) -> None:
    damage(project / "out" / "en" / "digest.md", "15%", "16%")
    damage(project / "out" / "en" / "digest.md", "`top-k`", "`top_k`")
    _, out, _ = run_check(*common(project), "--format", "json", "--select", "content")
    assert {f["check"] for f in json.loads(out)["findings"]} == {"numbers"}
    code, out, _ = run_check(
        *common(project), "--format", "json", "--ignore", "inline-code,numbers"
    )
    assert (code, json.loads(out)["findings"]) == (0, [])
    _, out, _ = run_check(
        *common(project), "--format", "json", "--select", "links", "--select", "inline-code"
    )
    assert {f["check"] for f in json.loads(out)["findings"]} == {"inline-code"}


def test_unknown_check_is_a_usage_error(project: Path) -> None:
    code, out, err = run_check(*common(project), "--select", "linkz")
    assert code == 2 and out == ""
    assert err.startswith("error: unknown check 'linkz' in --select")


def test_unknown_language_is_a_usage_error(project: Path) -> None:
    code, _, err = run_check(project / "posts", "--to", "xx", "--out", project / "out")
    assert code == 2 and "unknown target language 'xx'" in err


def test_missing_source_is_an_input_error(tmp_path: Path) -> None:
    code, _, err = run_check(tmp_path / "nope.md", "--to", "en")
    assert code == 2 and "no such file or directory" in err


def test_broken_source_front_matter_is_an_input_error(project: Path) -> None:
    damage(project / "posts" / "digest.md", "categories: []", "categories: [] ]")
    code, _, err = run_check(*common(project))
    assert code == 2 and "front matter is not valid YAML" in err


def test_missing_and_unreadable_translations_are_findings(project: Path) -> None:
    (project / "out" / "en" / "digest.md").unlink()
    (project / "out" / "ja" / "digest.md").write_bytes(b"---\ntitle: \xff\n---\n")
    code, out, _ = run_check(*common(project), "--format", "json")
    assert code == 1
    findings = {f["lang"]: f for f in json.loads(out)["findings"]}
    assert findings["en"]["check"] == findings["ja"]["check"] == "missing-translation"
    assert findings["en"]["message"] == "the translation is missing"
    assert "not valid UTF-8" in findings["ja"]["message"]


def test_translations_beside_their_source(project: Path) -> None:
    translate(project)  # no --out: posts/digest.en.md, posts/digest.ja.md
    assert (project / "posts" / "digest.en.md").is_file()
    config: list[str | Path] = ["--config", project / "digest-i18n.toml"]
    assert run_check(project / "posts", "--to", "en", "--to", "ja", *config)[0] == 0
    damage(project / "posts" / "digest.ja.md", "`top-k`", "`top_k`")
    code, out, _ = run_check(project / "posts", *config, "--format", "json")
    assert code == 1
    assert [f["file"] for f in json.loads(out)["findings"]] == [
        str(project / "posts" / "digest.ja.md")
    ]


def test_translations_where_the_config_template_puts_them(project: Path) -> None:
    config = project / "digest-i18n.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'output = "site/{lang}/{name}"\n', encoding="utf-8"
    )
    translate(project)
    assert (project / "site" / "en" / "digest.md").is_file()
    assert run_check(project / "posts", "--config", config)[0] == 0
    (project / "site" / "en" / "digest.md").unlink()
    code, out, _ = run_check(project / "posts", "--config", config, "--format", "json")
    assert code == 1
    assert [f["check"] for f in json.loads(out)["findings"]] == ["missing-translation"]


def test_pre_commit_hook_runs_this_command() -> None:
    hooks = yaml.safe_load(
        (Path(__file__).parent.parent.parent / ".pre-commit-hooks.yaml").read_text()
    )
    (hook,) = [h for h in hooks if h["id"] == "digest-i18n-check"]
    assert hook["entry"] == "digest-i18n check"
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
