"""The ``glossary`` typer sub-app, run with CliRunner on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from i18n.cli._glossary import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary"
runner = CliRunner()


@pytest.fixture
def glossary_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir()
    shutil.copy(FIXTURES / "roundtrip" / "terms.csv", directory / "terms.csv")
    return directory


def test_lint_clean_exits_0() -> None:
    result = runner.invoke(app, ["lint", "--dir", str(FIXTURES / "lint" / "clean")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "2 terms, no problems" in result.stderr


def test_lint_problems_exit_1_with_file_line_code() -> None:
    directory = FIXTURES / "lint" / "conflict"
    result = runner.invoke(app, ["lint", "--dir", str(directory)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{directory / 'b.csv'}:2: conflict: '확산 변환기' is also")


def test_lint_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", "--dir", str(tmp_path / "nope")])
    assert_usage_error(result)


def test_list_all_and_filtered(glossary_dir: Path) -> None:
    result = runner.invoke(app, ["list", "--dir", str(glossary_dir)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "ko\ten\tja\tnote"
    assert len(lines) == 7
    result = runner.invoke(
        app, ["list", "--dir", str(glossary_dir), "--lang", "ja", "--grep", "확산"]
    )
    assert result.stdout.splitlines() == ["ko\tja\tnote", "확산 모델\t拡散モデル\t"]
    result = runner.invoke(app, ["list", "--dir", str(glossary_dir), "--grep", "("])
    assert_usage_error(result)


def test_add_and_remove(glossary_dir: Path) -> None:
    path = glossary_dir / "terms.csv"
    original = path.read_bytes()
    result = runner.invoke(
        app,
        ["add", "양자화", "--en", "quantization", "--ja", "量子化", "--dir", str(glossary_dir)],
    )
    assert result.exit_code == 0, result.output
    assert "양자화,quantization,量子化,\n지식 증류" in path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["remove", "양자화", "--dir", str(glossary_dir)])
    assert result.exit_code == 0
    assert path.read_bytes() == original


def test_add_keep_and_target_option(glossary_dir: Path) -> None:
    result = runner.invoke(app, ["add", "MeanFlow", "--keep", "--dir", str(glossary_dir)])
    assert result.exit_code == 0, result.output
    assert "MeanFlow,MeanFlow,MeanFlow," in (glossary_dir / "terms.csv").read_text("utf-8")
    result = runner.invoke(app, ["add", "새 용어", "--target", "de", "--dir", str(glossary_dir)])
    assert_usage_error(result)


def test_add_existing_term_is_an_error(glossary_dir: Path) -> None:
    result = runner.invoke(app, ["add", "확산 모델", "--en", "x", "--dir", str(glossary_dir)])
    assert_usage_error(result)


def test_export_and_import_round_trip(glossary_dir: Path, tmp_path: Path) -> None:
    tbx = tmp_path / "out.tbx"
    result = runner.invoke(
        app, ["export", "--format", "tbx", "--output", str(tbx), "--dir", str(glossary_dir)]
    )
    assert result.exit_code == 0, result.output
    back = tmp_path / "back"
    back.mkdir()
    result = runner.invoke(app, ["import", str(tbx), "--dir", str(back)])
    assert result.exit_code == 0, result.output
    assert "6 added, 0 replaced, 0 unchanged" in result.stdout
    assert (back / "terms.csv").read_bytes() == (glossary_dir / "terms.csv").read_bytes()


def test_export_csv_to_stdout(glossary_dir: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--dir", str(glossary_dir)])
    assert result.exit_code == 0
    assert (
        result.stdout.splitlines()[1] == 'AdaSPEC,AdaSPEC,AdaSPEC,"method name, never translated"'
    )


def test_import_reports_skips(glossary_dir: Path) -> None:
    result = runner.invoke(
        app, ["import", str(FIXTURES / "tbx" / "weblate.tbx"), "--dir", str(glossary_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "2 added, 0 replaced, 1 unchanged" in result.stdout
    assert "skipped 1 entries without a ko term" in result.stderr
    assert "de" in result.stderr


def test_import_broken_tbx_is_a_one_line_error(glossary_dir: Path) -> None:
    result = runner.invoke(
        app, ["import", str(FIXTURES / "tbx" / "broken.tbx"), "--dir", str(glossary_dir)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "broken.tbx" in result.stderr


def test_suggest_prints_csv_rows(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["suggest", str(FIXTURES / "posts"), "--dir", str(tmp_path / "none")]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("추측적 디코딩,speculative decoding,,gloss seen at ")
    assert lines[-1].startswith('초안 모델,,,"4 occurrences, first at ')


def assert_usage_error(result: Result) -> None:
    """Bad input is one line on stderr and exit 2, not a traceback."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
