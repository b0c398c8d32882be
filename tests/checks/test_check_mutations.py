"""The mutation suite of ``check``, and its other half: no findings on correct translations.

Correct translations come from the real ``translate`` command (pseudo engine, the fixture
glossary, no catalogs). Each mutation in ``fixtures/check/mutations.toml`` damages one of them
the way one check exists to catch; exactly that check must fire, at the damaged line.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n.checks._entry import INFOS, check, check_paths
from i18n.cli._app import app
from i18n.config import load_config

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"
POSTS = FIXTURES / "posts"
LANGS = ("en", "ja")


@dataclass(frozen=True, slots=True)
class Mutation:
    """One damage, as the data file describes it."""

    check: str
    post: str = "digest.md"
    lang: str = "en"
    file: str = "target"
    find: str = ""
    replace: str = ""
    regex: bool = False
    delete: bool = False
    at: str | None = None
    line: int | None = None
    catalogs: bool = False
    reviewed: str = ""

    @property
    def name(self) -> str:
        return f"{self.check}:{self.post}:{self.lang}:{(self.at or self.replace or self.find)[:24]}"


_DATA = tomllib.loads((FIXTURES / "mutations.toml").read_text(encoding="utf-8"))
MUTATIONS = [Mutation(**entry) for entry in _DATA["mutation"]]
REORDERS = [(entry["what"], entry["find"]) for entry in _DATA["reorder"]]


REVIEWED_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write_config(root: Path, locales: Path | None) -> Path:
    lines = [f'glossary_dir = "{(FIXTURES / "glossary").as_posix()}"']
    if locales is not None:
        lines.append(f'locales_dir = "{locales.as_posix()}"')
    config = root / "digest-i18n.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def translate(root: Path, posts: Path, *, catalogs: bool = False) -> Path:
    """Copy ``posts`` to ``root/src`` and pseudo-translate them with the real CLI."""
    shutil.copytree(posts, root / "src")
    empty = root / "no-locales"
    empty.mkdir()
    config = write_config(root, None if catalogs else empty)
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(root / "src"),
            "--to",
            "en",
            "--to",
            "ja",
            "--engine",
            "pseudo",
            "--out",
            str(root / "out"),
            "--no-cache",
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translate(tmp_path_factory.mktemp("translated"), POSTS)


@pytest.fixture(scope="module")
def translated_with_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translate(tmp_path_factory.mktemp("catalogs"), POSTS, catalogs=True)


def _damage(text: str, mutation: Mutation) -> str:
    if mutation.regex:
        damaged, count = re.subn(mutation.find, mutation.replace, text, count=1, flags=re.M)
    else:
        count = text.count(mutation.find)
        damaged = text.replace(mutation.find, mutation.replace, 1)
    assert count >= 1, f"{mutation.name}: {mutation.find!r} not in the file"
    return damaged


def _line_of(text: str, marker: str) -> int:
    at = text.find(marker)
    assert at >= 0, f"{marker!r} not in the damaged file"
    return len(re.findall(r"\r\n|\r|\n", text[:at])) + 1


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_mutation_fires_exactly_its_check(
    mutation: Mutation, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    translated = request.getfixturevalue(
        "translated_with_catalogs" if mutation.catalogs else "translated"
    )
    shutil.copytree(translated, tmp_path, dirs_exist_ok=True)
    source = tmp_path / "src" / mutation.post
    target = tmp_path / "out" / mutation.lang / mutation.post
    damaged_path = source if mutation.file == "source" else target
    expected = mutation.line
    if mutation.reviewed:  # reviewed translations in the project's catalog
        locales = tmp_path / "reviews"
        write_config(tmp_path, locales)
        catalog = locales / mutation.lang / "LC_MESSAGES" / "reviewed.po"
        catalog.parent.mkdir(parents=True)
        catalog.write_text(REVIEWED_HEADER + mutation.reviewed, encoding="utf-8")
    if mutation.delete:
        target.unlink()
    elif mutation.file == "catalog":  # the catalog is the whole change
        expected = expected or _line_of(target.read_text(encoding="utf-8"), mutation.at or "")
    else:
        data = damaged_path.read_bytes().decode("utf-8")
        damaged = _damage(data, mutation)
        damaged_path.write_bytes(damaged.encode("utf-8"))
        if expected is None:
            shown = target.read_bytes().decode("utf-8")
            expected = _line_of(shown, mutation.at or mutation.replace)
    config = load_config(tmp_path, tmp_path / "digest-i18n.toml")
    findings = check(source, target, config, mutation.lang)
    assert {f.check for f in findings} == {mutation.check}, [
        (f.check, f.line, f.message) for f in findings
    ]
    assert findings[0].line == expected, [(f.line, f.message) for f in findings]
    assert all(f.severity == INFOS[mutation.check].severity for f in findings)
    assert all(f.file == str(target) for f in findings)


@pytest.mark.parametrize(("what", "find"), REORDERS, ids=[what for what, _ in REORDERS])
def test_reordering_inline_elements_fires_no_check(
    what: str, find: str, translated: Path, tmp_path: Path
) -> None:
    shutil.copytree(translated, tmp_path, dirs_exist_ok=True)
    source = tmp_path / "src" / "word-order.md"
    target = tmp_path / "out" / "en" / "word-order.md"
    text = target.read_bytes().decode("utf-8")
    swapped, count = re.subn(find, r"\3\2\1", text, count=1)
    assert count == 1 and swapped != text, f"{what}: {find!r} not in {text!r}"
    target.write_bytes(swapped.encode("utf-8"))
    config = load_config(tmp_path, tmp_path / "digest-i18n.toml")
    assert check(source, target, config, "en") == []


def test_every_check_has_a_mutation() -> None:
    assert {m.check for m in MUTATIONS} == set(INFOS)


def test_undamaged_translations_have_no_findings(translated: Path) -> None:
    config = load_config(translated, translated / "digest-i18n.toml")
    report = check_paths([translated / "src"], LANGS, translated / "out", config)
    assert report.findings == ()
    assert report.sources == len(list(POSTS.glob("*.md")))
    assert report.pairs == 2 * report.sources


def test_translations_with_the_shipped_catalogs_have_no_errors(tmp_path: Path) -> None:
    root = translate(tmp_path, POSTS, catalogs=True)
    config = load_config(root, root / "digest-i18n.toml")
    report = check_paths([root / "src"], LANGS, root / "out", config)
    assert [f for f in report.findings if f.severity == "error"] == []
