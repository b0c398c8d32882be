"""``glossary lint``: one fixture directory per problem code, and the starter glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n.glossary._csv import read_glossary_file, sort_key
from i18n.glossary._glossary import LintProblem, lint_glossary
from i18n.glossary._lint import control_characters, is_particle_sequence

LINT = Path(__file__).parent.parent / "fixtures" / "glossary" / "lint"
REPO_GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"


@pytest.mark.parametrize(
    ("code", "file", "line", "words"),
    [
        ("duplicate", "b.csv", 2, "'확산 모델' is already at"),
        ("conflict", "b.csv", 2, "'diffusion transformer' there, 'diffusion converter' here"),
        ("empty-source", "terms.csv", 2, "ko cell is empty"),
        ("whitespace", "terms.csv", 2, "leading or trailing whitespace"),
        ("control-char", "terms.csv", 2, "U+0009"),
        ("particle-variant", "terms.csv", 3, "plus the particle '의'"),
        ("not-nfc", "terms.csv", 2, "not in NFC"),
        ("no-target", "terms.csv", 2, "no target term"),
        ("malformed", "terms.csv", 1, "unknown column 'english'"),
    ],
)
def test_each_problem_is_reported_once_with_file_and_line(
    code: str, file: str, line: int, words: str
) -> None:
    problems = lint_glossary(LINT / code)
    assert [(p.code, Path(p.file).name, p.line) for p in problems] == [(code, file, line)]
    assert words in problems[0].message


def test_clean_directory_has_no_problems() -> None:
    assert lint_glossary(LINT / "clean") == []


def test_problem_prints_as_file_line_code_message() -> None:
    problem = LintProblem("glossary/a.csv", 3, "duplicate", "twice")
    assert str(problem) == "glossary/a.csv:3: duplicate: twice"


def test_the_starter_glossary_passes_lint() -> None:
    assert [str(p) for p in lint_glossary(REPO_GLOSSARY)] == []


def test_particle_sequences() -> None:
    assert is_particle_sequence("의")
    assert is_particle_sequence("에서는")
    assert is_particle_sequence("들의")
    assert not is_particle_sequence("링")
    assert not is_particle_sequence("")


def test_control_characters_named() -> None:
    assert control_characters("확산 모델") == ""
    assert control_characters("a\tb\u200bc") == "U+0009 (control), U+200B (ZERO WIDTH SPACE)"


def test_the_starter_glossary_is_one_sorted_file() -> None:
    files = sorted(REPO_GLOSSARY.glob("*.csv"))
    assert [f.name for f in files] == ["ml-terms.csv"]  # so `glossary add` needs no --file
    sources = [r.source for r in read_glossary_file(files[0]).rows()]
    assert sources == sorted(sources, key=sort_key)
