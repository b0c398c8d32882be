"""``export`` / ``import`` (PO and XLIFF through translate-toolkit) and ``memory export`` (TMX),
with the real CLI on the example post."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import cli
from translate.storage import po, tmx, xliff

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
POST = "2025-11-03-daily-papers.md"
SOURCE = f"_posts/{POST}"
TARGET_JA = Path("_i18n") / "ja" / POST
CATALOG_JA = Path("locales") / "ja" / "LC_MESSAGES" / "reviewed.po"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "digest-i18n.toml", tmp_path / "digest-i18n.toml")
    (tmp_path / "_posts").mkdir()
    shutil.copy(EXAMPLES / "_posts" / POST, tmp_path / SOURCE)
    assert run(tmp_path, "translate", "_posts", "--engine", "pseudo", "--to", "ja")[0] == 0
    return tmp_path


def run(project: Path, *args: str) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DEEPL_")}
    environment["DIGEST_I18N_CACHE_DIR"] = str(project / "cache")
    done = subprocess.run(
        cli(*args), cwd=project, capture_output=True, text=True, env=environment, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_a_round_trip_without_changes_leaves_the_post_byte_identical(
    project: Path, kind: str
) -> None:
    before = (project / TARGET_JA).read_bytes()
    exported = project / f"post.ja.{kind}"
    code, _, err = run(
        project, "export", SOURCE, "--to", "ja", "--format", kind, "-o", str(exported)
    )
    assert code == 0, err
    store = (po.pofile if kind == "po" else xliff.xlifffile).parsefile(str(exported))
    units = [unit for unit in store.units if not unit.isheader()]
    assert len(units) > 20 and all(unit.target for unit in units)
    assert any('<a i="1">' in unit.source for unit in units)  # tagged as engines see it
    code, out, err = run(project, "import", SOURCE, str(exported), "--to", "ja")
    assert code == 0, err
    assert f"0 of {len(units)} unit(s) changed" in out
    assert (project / TARGET_JA).read_bytes() == before
    assert not (project / CATALOG_JA).exists()


@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_a_translator_change_comes_back_as_a_reviewed_unit(project: Path, kind: str) -> None:
    before = (project / TARGET_JA).read_text(encoding="utf-8")
    exported = project / f"post.ja.{kind}"
    assert run(project, "export", SOURCE, "--to", "ja", "-f", kind, "-o", str(exported))[0] == 0
    store = (po.pofile if kind == "po" else xliff.xlifffile).parsefile(str(exported))
    conclusion = next(u for u in store.units if u.source.startswith("희소 라우팅을 통해"))
    assert '<strong i="1">' in conclusion.source
    conclusion.target = (
        '疎なルーティングで<strong i="1">長文脈質問応答</strong>の効率と精度を両立した。'
    )
    store.savefile(str(exported))
    code, out, err = run(project, "import", SOURCE, str(exported), "--to", "ja")
    assert code == 0, err
    assert "1 of" in out and "learned as reviewed" in out
    after = (project / TARGET_JA).read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(before.split("\n"), after.split("\n"), strict=True)
        if old != new
    ]
    assert [new for _, new in changed if "output_sha256" not in new] == [
        "疎なルーティングで**長文脈質問応答**の効率と精度を両立した。"
    ]
    assert len(changed) == 2  # that line, and the digest of the body in the metadata
    catalog = (project / CATALOG_JA).read_text(encoding="utf-8")
    assert '#, reviewed\nmsgctxt "1. Sparse Mixture' in catalog
    # the file is what translate writes now: up to date, and check is clean
    code, out, _ = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "ja")
    assert code == 0 and (project / TARGET_JA).read_text(encoding="utf-8") == after
    code, out, _ = run(project, "check", "_posts", "--to", "ja")
    assert code == 0, out
    # TMX of the reviewed translations
    memory = project / "reviews.tmx"
    code, _, err = run(project, "memory", "export", "--format", "tmx", "-o", str(memory))
    assert code == 0, err
    units = tmx.tmxfile.parsefile(str(memory)).units
    assert [(u.source, u.target) for u in units] == [(conclusion.source, conclusion.target)]
    assert 'srclang="ko"' in memory.read_text(encoding="utf-8")


def test_an_xliff_file_with_entities_is_refused(project: Path) -> None:
    hostile = project / "hostile.xliff"
    hostile.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<xliff version="1.1"><file original="x" source-language="ko"><body>'
        "<trans-unit id='1'><source>&b;</source></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    before = (project / TARGET_JA).read_bytes()
    code, _, err = run(project, "import", SOURCE, str(hostile), "--to", "ja")
    assert code == 2 and err.startswith(f"error: {hostile}: not a safe, well-formed XLIFF")
    assert len(err.strip().splitlines()) == 1
    assert (project / TARGET_JA).read_bytes() == before


def test_a_unit_whose_tags_do_not_match_is_refused(project: Path) -> None:
    exported = project / "post.ja.po"
    assert run(project, "export", SOURCE, "--to", "ja", "-o", str(exported))[0] == 0
    store = po.pofile.parsefile(str(exported))
    conclusion = next(u for u in store.units if u.source.startswith("희소 라우팅을 통해"))
    conclusion.target = "タグを失った訳。"  # the <strong i="1"> is gone… that is allowed
    store.savefile(str(exported))
    assert run(project, "import", SOURCE, str(exported), "--to", "ja")[0] == 0
    assert run(project, "export", SOURCE, "--to", "ja", "-o", str(exported))[0] == 0
    store = po.pofile.parsefile(str(exported))
    conclusion = next(u for u in store.units if u.source.startswith("희소 라우팅을 통해"))
    conclusion.target = '<a i="7">存在しないタグ</a>'  # … an id the source does not have is not
    store.savefile(str(exported))
    before = (project / TARGET_JA).read_bytes()
    code, _, err = run(project, "import", SOURCE, str(exported), "--to", "ja")
    assert code == 2 and "tags do not match" in err
    assert (project / TARGET_JA).read_bytes() == before


def test_export_without_a_translation_or_of_an_edited_one_is_a_usage_error(
    project: Path,
) -> None:
    code, _, err = run(project, "export", SOURCE, "--to", "en")
    assert code == 2 and "there is no translation yet" in err and "digest-i18n translate" in err
    target = project / TARGET_JA
    target.write_text(target.read_text("utf-8").replace("⟦", "⟦!", 1), encoding="utf-8")
    code, _, err = run(project, "export", SOURCE, "--to", "ja")
    assert (
        code == 2 and err == f"error: {target}: was edited by hand: run `digest-i18n learn` first\n"
    )
