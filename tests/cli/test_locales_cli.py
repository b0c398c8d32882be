"""The ``locales`` typer sub-app, driven through typer's CliRunner on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n.cli._locales import app
from i18n.errors import EXIT_OK, EXIT_USAGE
from i18n.locales._catalogs import catalog_path, load_catalogs
from i18n.locales._po import read_catalog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "locales"
runner = CliRunner()


def test_extract_update_compile_stats(tmp_path: Path) -> None:
    locales = str(tmp_path / "locales")
    extracted = runner.invoke(app, ["extract", str(FIXTURES / "posts"), "--dir", locales])
    assert extracted.exit_code == EXIT_OK, extracted.output
    assert "11 entries from 3 posts" in extracted.stdout

    updated = runner.invoke(app, ["update", "--dir", locales, "--lang", "ja", "--lang", "ko"])
    assert updated.exit_code == EXIT_OK, updated.output
    assert "ja: 0 translated, 0 fuzzy, 11 untranslated, 0 obsolete" in updated.stdout
    assert "ko: 11 translated" in updated.stdout

    po = catalog_path(tmp_path / "locales", "ja")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "Method"\nmsgstr ""', 'msgid "Method"\nmsgstr "手法"'
        ),
        encoding="utf-8",
    )
    compiled = runner.invoke(app, ["compile", "--dir", locales])
    assert compiled.exit_code == EXIT_OK, compiled.output
    assert "ja: 1 messages (0 fuzzy skipped)" in compiled.stdout
    assert po.with_suffix(".mo").is_file()

    stats = runner.invoke(app, ["stats", "--dir", locales])
    assert stats.exit_code == EXIT_OK, stats.output
    lines = stats.stdout.splitlines()
    assert lines[0] == "template: 11 entries"
    assert lines[1].split() == [
        "language",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
        "total",
    ]
    assert lines[2].split() == ["ja", "1", "0", "10", "0", "11"]
    assert lines[3].split() == ["ko", "11", "0", "0", "0", "11"]
    assert load_catalogs(tmp_path / "locales").lookup("Method", "ja") == "手法"


def test_extract_options(tmp_path: Path) -> None:
    output = tmp_path / "custom.pot"
    result = runner.invoke(
        app,
        [
            "extract",
            str(FIXTURES / "posts"),
            "-o",
            str(output),
            "--min-posts",
            "3",
            "--no-location",
        ],
    )
    assert result.exit_code == EXIT_OK, result.output
    template = read_catalog(output)
    assert "정보 부족" not in template
    assert "Method" in template
    assert "#: " not in output.read_text(encoding="utf-8")


def test_stats_on_the_shipped_catalogs_exits_zero() -> None:
    result = runner.invoke(app, ["stats", "--dir", str(FIXTURES.parents[2] / "locales")])
    assert result.exit_code == EXIT_OK
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["en", "ja", "ko"]


def test_malformed_catalog_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    po = catalog_path(tmp_path, "ja")
    po.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "malformed" / "unterminated.po", po)
    result = runner.invoke(app, ["stats", "--dir", str(tmp_path)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f'error: {po}:8: unterminated string: the closing " is missing\n'
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["extract", str(tmp_path / "none.md"), "--dir", str(tmp_path)])
    assert missing.exit_code == EXIT_USAGE
    assert "no such file or directory" in missing.stderr
    no_template = runner.invoke(app, ["update", "--dir", str(tmp_path), "--lang", "ja"])
    assert no_template.exit_code == EXIT_USAGE
    assert "digest.pot: cannot read catalog" in no_template.stderr
    nothing = runner.invoke(app, ["compile", "--dir", str(tmp_path)])
    assert nothing.exit_code == EXIT_USAGE
    assert "no catalogs" in nothing.stderr
    bad_option = runner.invoke(app, ["extract", str(tmp_path), "--min-posts", "0"])
    assert bad_option.exit_code == EXIT_USAGE


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == EXIT_OK
    for command in ("extract", "update", "compile", "stats"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("k: " + "[" * 5000 + "]" * 5000, "exceeded maximum nesting depth"),
        ('k: !!python/object/apply:os.system ["echo owned"]', "could not determine a constructor"),
    ],
)
def test_extract_refuses_hostile_front_matter_in_one_line(
    tmp_path: Path, front_matter: str, message: str
) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(f"---\n{front_matter}\n---\n\n# 제목\n", "utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "posts"), "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'posts' / 'a.md'}:2: ")
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "digest.pot").exists()
