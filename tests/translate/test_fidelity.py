"""Structural fidelity: the identity translation gives back every input byte.

The splicer never re-renders Markdown, so rendering a parsed document with no translations,
or with every unit "translated" to its own tagged text, must reproduce the source exactly:
CRLF, a BOM, tabs, trailing blanks and a missing final newline included. This holds for the
hand-written fixtures, for the CLI on the whole fixture directory, and for generated input.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_strategies import markdown_documents, noise_documents
from typer.testing import CliRunner

import i18n
from i18n.cli._app import app
from i18n.errors import I18nError
from i18n.markdown._document import parse_document

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "fidelity"
FIXTURES = sorted(FIXTURE_DIR.glob("*.md"))
BOM = b"\xef\xbb\xbf"
HANGUL = re.compile("[\uac00-\ud7a3]")
HEAVY_EXAMPLES = int(os.environ.get("FIDELITY_EXAMPLES", "200"))


def read_source(path: Path) -> str:
    """Read a post the way the tool does: UTF-8, line endings untouched, BOM kept as U+FEFF."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def assert_identity(text: str, path: str = "<string>") -> None:
    """Both identity renders of ``text`` equal ``text``."""
    doc = parse_document(text, path)
    assert doc.render({}) == text
    assert doc.render({u.index: u.text for u in doc.units}) == text


# --- the fixture files themselves -------------------------------------------------------


def _no_bare_lf(data: bytes) -> bool:
    return data.count(b"\n") == data.count(b"\r\n")


def _bare_lf(data: bytes) -> bool:
    return re.search(rb"(?<!\r)\n", data) is not None


def _lone_cr(data: bytes) -> bool:
    return re.search(rb"\r(?!\n)", data) is not None


SPECIAL_BYTES: dict[str, tuple[tuple[str, Callable[[bytes], bool]], ...]] = {
    "04-hard-breaks.md": (
        ("two-space hard break", lambda b: b"  \n" in b),
        ("backslash hard break", lambda b: b"\\\n" in b),
    ),
    "05-trailing-spaces.md": (
        ("single trailing space", lambda b: b". \n" in b),
        ("blank line of spaces", lambda b: b"\n    \n" in b),
        ("trailing blanks at end of file", lambda b: b.endswith(b"  \n")),
    ),
    "12-indented-code.md": (("tab-indented code", lambda b: b"\n\t" in b),),
    "33-bom.md": (
        ("starts with a BOM", lambda b: b.startswith(BOM + b"---\n")),
        ("no CR", lambda b: b"\r" not in b),
    ),
    "34-crlf.md": (
        ("CRLF everywhere", _no_bare_lf),
        ("many lines", lambda b: b.count(b"\r\n") > 30),
        ("hard breaks before CRLF", lambda b: b"  \r\n" in b and b"\\\r\n" in b),
    ),
    "35-mixed-eol.md": (
        ("CRLF", lambda b: b"\r\n" in b),
        ("bare LF", _bare_lf),
        ("lone CR", _lone_cr),
    ),
    "36-tabs.md": (
        ("tab after a list marker", lambda b: b"\n-\t" in b),
        ("tab-indented nested list", lambda b: b"\n\t\t-\t" in b),
    ),
    "37-no-trailing-newline.md": (
        ("no final line ending", lambda b: not b.endswith((b"\n", b"\r"))),
    ),
    "38-empty.md": (("empty", lambda b: b == b""),),
    "40-daily-digest.md": (
        ("two trailing spaces on headings", lambda b: b"\n## Method  \n" in b),
        ("ends with one LF", lambda b: b.endswith(b".\n") and not b.endswith(b"\n\n")),
    ),
    "41-unicode-line-separators.md": (
        ("U+2028", lambda b: "\u2028".encode() in b),
        ("U+2029", lambda b: "\u2029".encode() in b),
        ("NEL", lambda b: "\x85".encode() in b),
        ("form feed", lambda b: b"\x0c" in b),
    ),
    "42-bom-crlf-no-final-eol.md": (
        ("starts with a BOM", lambda b: b.startswith(BOM + b"---\r\n")),
        ("CRLF everywhere", _no_bare_lf),
        ("no final line ending", lambda b: not b.endswith((b"\n", b"\r"))),
    ),
}
"""Bytes an editor, a formatter or git's EOL conversion would silently remove."""


@pytest.mark.parametrize("name", sorted(SPECIAL_BYTES))
def test_fixture_keeps_its_special_bytes(name: str) -> None:
    data = (FIXTURE_DIR / name).read_bytes()
    lost = [what for what, holds in SPECIAL_BYTES[name] if not holds(data)]
    assert not lost, f"{name} was normalised: lost {lost}"


def _generator_fixtures() -> dict[str, bytes]:
    spec = importlib.util.spec_from_file_location(
        "make_binary_fixtures", FIXTURE_DIR / "make_binary_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fixtures: dict[str, bytes] = module.FIXTURES
    return fixtures


def test_generated_fixtures_match_their_generator() -> None:
    generated = _generator_fixtures()
    assert generated
    drifted = [n for n, data in generated.items() if (FIXTURE_DIR / n).read_bytes() != data]
    assert not drifted, f"re-run make_binary_fixtures.py or fix it: {drifted}"


def test_fixture_directory_is_well_formed() -> None:
    names = [p.name for p in FIXTURES]
    assert len(names) >= 40
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.md", n) for n in names), names
    numbers = [n[:2] for n in names]
    assert len(numbers) == len(set(numbers)), "two fixtures share a number"
    for path in FIXTURES:
        path.read_bytes().decode("utf-8")
    assert (FIXTURE_DIR / ".gitattributes").read_text(encoding="utf-8").split() == ["*", "-text"]


# --- parse and splice -------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_identity_render_reproduces_fixture(path: Path) -> None:
    assert_identity(read_source(path), str(path))


def test_every_korean_line_of_the_digest_reaches_a_unit() -> None:
    # Guards against a parser that passes every identity test by finding nothing to translate.
    text = read_source(FIXTURE_DIR / "40-daily-digest.md")
    doc = parse_document(text, "40-daily-digest.md")
    indices = [u.index for u in doc.units]
    assert len(indices) == len(set(indices))
    korean = [ln.removeprefix("- ")[:20] for ln in text.splitlines() if HANGUL.search(ln)]
    assert len(korean) == 26
    missing = [k for k in korean if not any(k in u.text for u in doc.units)]
    assert not missing


# --- the CLI, end to end ----------------------------------------------------------------


def _copy_fixtures(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for path in FIXTURES:
        shutil.copyfile(path, dest / path.name)
    return dest


def _translate_args(src: Path, out: Path) -> list[str]:
    flags = ["--to", "en", "--engine", "identity", "--no-metadata"]
    return ["translate", str(src), *flags, "--out", str(out)]


def _assert_same_bytes(src: Path, translated: Path) -> None:
    sources = sorted(p.name for p in src.glob("*.md"))
    produced = sorted(p.name for p in translated.glob("*.md")) if translated.is_dir() else []
    assert produced == sources
    changed = [n for n in sources if (translated / n).read_bytes() != (src / n).read_bytes()]
    assert not changed, f"identity translation changed bytes of {changed}"


def test_cli_identity_reproduces_every_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _copy_fixtures(tmp_path / "posts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, _translate_args(src, tmp_path / "out"))
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    _assert_same_bytes(src, tmp_path / "out" / "en")


def test_module_entry_point_reproduces_every_fixture(tmp_path: Path) -> None:
    src = _copy_fixtures(tmp_path / "posts")
    # The child must import the same i18n package this test imported, installed or not.
    package_root = str(Path(i18n.__file__).parent.parent)
    pythonpath = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": pythonpath, "DIGEST_I18N_CACHE_DIR": str(tmp_path / "c")}
    proc = subprocess.run(
        [sys.executable, "-m", "i18n", *_translate_args(src, tmp_path / "out")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    _assert_same_bytes(src, tmp_path / "out" / "en")


# --- generated input --------------------------------------------------------------------


def _identity_or_i18n_error(text: str) -> None:
    try:
        doc = parse_document(text)
    except I18nError:
        return
    assert doc.render({}) == text
    assert doc.render({u.index: u.text for u in doc.units}) == text


@settings(max_examples=100, deadline=None)
@given(markdown_documents())
def test_identity_render_reproduces_generated_documents(text: str) -> None:
    assert_identity(text)


@settings(max_examples=100, deadline=None)
@given(noise_documents())
def test_noise_parses_or_raises_only_i18n_errors(text: str) -> None:
    _identity_or_i18n_error(text)


@pytest.mark.slow
@settings(
    max_examples=HEAVY_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.one_of(
        markdown_documents(depth=3, max_blocks=12).map(lambda t: (t, False)),
        noise_documents().map(lambda t: (t, True)),
    )
)
def test_identity_heavy(case: tuple[str, bool]) -> None:
    text, is_noise = case
    if is_noise:
        _identity_or_i18n_error(text)
    else:
        assert_identity(text)
