"""Hostile input: each case gives correct output or exit 2 with one line; never a traceback,
never a file outside the output root, never a partial file."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from i18n.cli._app import app
from i18n.markdown._hangul import has_hangul
from i18n.markdown._parser import make_parser


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "posts").mkdir()
    return tmp_path


def translate(*paths: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["translate", *paths, "--to", "en", "--engine", "pseudo", "--out", "out"]
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stderr


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_empty_file_gets_metadata_only(project: Path) -> None:
    (project / "posts" / "empty.md").write_text("", encoding="utf-8")
    assert translate("posts") == (0, "")
    assert body(project / "out" / "en" / "empty.md") == ""


def test_only_front_matter(project: Path) -> None:
    (project / "posts" / "fm.md").write_text('---\ntitle: "제목"\n---\n', encoding="utf-8")
    assert translate("posts")[0] == 0
    text = (project / "out" / "en" / "fm.md").read_text(encoding="utf-8")
    assert 'title: "⟦jemok⟧"' in text and not has_hangul(text)


def test_a_5_mb_post(project: Path) -> None:
    section = "## 섹션\n\n" + "본문 문장입니다. " * 60 + "\n\n"
    (project / "posts" / "big.md").write_text(section * 5000, encoding="utf-8")
    assert (project / "posts" / "big.md").stat().st_size > 5_000_000
    assert translate("posts")[0] == 0
    assert not has_hangul(body(project / "out" / "en" / "big.md"))


@pytest.mark.parametrize(
    "source", ["- " * 10_000 + "항목\n", ">" * 10_000 + " 인용\n"], ids=["list", "blockquote"]
)
def test_10000_deep_nesting(project: Path, source: str) -> None:
    (project / "posts" / "deep.md").write_text(source, encoding="utf-8")
    assert translate("posts")[0] == 0
    out = body(project / "out" / "en" / "deep.md")
    # structure beyond the parser's nesting limit is text to it: the file is kept whole
    assert out.count("-") + out.count(">") >= 10_000
    assert [t.type for t in make_parser().parse(out)] == [
        t.type for t in make_parser().parse(source)
    ]


def test_a_line_of_1_mb(project: Path) -> None:
    (project / "posts" / "line.md").write_text("가나다 " * 250_000 + "\n", encoding="utf-8")
    assert translate("posts")[0] == 0
    assert not has_hangul(body(project / "out" / "en" / "line.md"))


def test_xml_specials_and_our_own_tags_typed_by_the_author(project: Path) -> None:
    source = '한국어 < 와 & 그리고 ]]> 기호, <x i="1"/> 와 <a i="2">가짜</a> 태그, &amp; 엔티티.\n'
    (project / "posts" / "xml.md").write_text(source, encoding="utf-8")
    assert translate("posts")[0] == 0
    out = body(project / "out" / "en" / "xml.md")
    assert '<x i="1"/>' in out and '<a i="2">' in out and "</a>" in out and "&amp;" in out
    rendered = MarkdownIt("commonmark", {"html": True}).render(out)
    assert "&lt; wa &amp; geurigo ]]&gt;" in rendered  # the prose characters survive as text


def test_symlinked_output_directory_escaping_the_root_is_refused(project: Path) -> None:
    (project / "posts" / "a.md").write_text("본문\n", encoding="utf-8")
    outside = project.parent / f"{project.name}-outside"
    outside.mkdir()
    (project / "out").mkdir()
    os.symlink(outside, project / "out" / "en")
    code, err = translate("posts")
    assert code == 2 and "outside the output root" in err
    assert list(outside.iterdir()) == []


def test_symlinked_target_file_is_refused(project: Path) -> None:
    (project / "posts" / "a.md").write_text("본문\n", encoding="utf-8")
    victim = project / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (project / "out" / "en").mkdir(parents=True)
    os.symlink(victim, project / "out" / "en" / "a.md")
    code, err = translate("posts")
    assert code == 2 and "symlink" in err
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_symlinked_source_inside_the_tree_is_read_as_the_file_it_points_to(
    project: Path,
) -> None:
    (project / "posts" / "drafts").mkdir()
    real = project / "posts" / "drafts" / "real.md"
    real.write_text("본문입니다.\n", encoding="utf-8")
    os.symlink(real, project / "posts" / "link.md")
    assert translate("posts")[0] == 0
    assert "⟦bonmunipnida.⟧" in body(project / "out" / "en" / "link.md")


@pytest.mark.parametrize("named", ["posts", "posts/link.md"])
def test_symlinked_source_leaving_the_tree_is_refused(project: Path, named: str) -> None:
    secret = project.parent / f"{project.name}-private.md"
    secret.write_text("비밀 초안: 보내면 안 된다.\n", encoding="utf-8")
    (project / "posts" / "good.md").write_text("본문\n", encoding="utf-8")
    os.symlink(secret, project / "posts" / "link.md")
    code, err = translate(named)
    assert code == 2 and err.startswith("error: posts/link.md: ") and "outside" in err
    assert err.count("\n") == 1 and not (project / "out").exists()


def test_front_matter_with_a_tag_the_safe_loader_refuses_is_exit_2(project: Path) -> None:
    marker = project / "pwned"
    hostile = f'---\n!!python/object/apply:os.system ["touch {marker}"]\n---\n본문\n'
    (project / "posts" / "a.md").write_text(hostile, encoding="utf-8")
    code, err = translate("posts")
    assert code == 2 and err.startswith("error: posts/a.md:2: ") and err.count("\n") == 1
    assert "python/object/apply" in err
    assert not (project / "out").exists() and not marker.exists()


def _alias_bomb(levels: int) -> str:
    names = [chr(ord("a") + n) for n in range(levels)]
    lines = [f'{names[0]}: &{names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for lower, name in pairwise(names):
        lines.append(f"{name}: &{name} [{','.join([f'*{lower}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_check_quotes_an_alias_bomb_within_bounds(project: Path) -> None:
    import resource
    import subprocess
    import sys

    bomb = _alias_bomb(9)
    assert len(bomb.encode()) < 400  # 9**9 strings once expanded
    source = f'---\ntitle: "제목"\n{bomb}---\n본문입니다.\n'
    (project / "posts" / "a.md").write_text(source, encoding="utf-8")
    target = source.replace('"제목"', '"Title"').replace("본문입니다.", "Body.")
    target = target.replace("i: &i [*h,", "i: &i [*g,")  # a changed key: quoted in the finding
    (project / "out" / "en").mkdir(parents=True)
    (project / "out" / "en" / "a.md").write_text(target, encoding="utf-8")

    def limit_memory() -> None:  # the unbounded repr took 3 GB and minutes
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "i18n", "check", "posts", "--to", "en", "--out", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    quoted = [line for line in done.stdout.splitlines() if "[front-matter-keys] 'i'" in line]
    assert len(quoted) == 1 and len(quoted[0]) < 300
    assert all(len(line) < 300 for line in done.stdout.splitlines())


def test_check_quotes_a_line_of_1_mb_in_part(project: Path) -> None:
    import json

    line = "가나다 `코드` " * 80_000
    (project / "posts" / "long.md").write_text(line + "\n", encoding="utf-8")
    (project / "out" / "en").mkdir(parents=True)
    lost = line.replace("`코드`", "code", 3)  # three code spans lost: three findings
    (project / "out" / "en" / "long.md").write_text(lost + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "posts", "--to", "en", "--out", "out", "--format", "json"]
    )
    assert result.exit_code == 1, result.stderr
    assert len(result.stdout) < 20_000  # not the megabyte line once per finding
    findings = json.loads(result.stdout)["findings"]
    assert len([f for f in findings if f["check"] == "inline-code"]) == 3
    assert all(len(f["source_text"]) <= 400 and len(f["target_text"]) <= 400 for f in findings)


def test_nothing_partial_is_left_when_one_input_is_bad(project: Path) -> None:
    (project / "posts" / "good.md").write_text("본문\n", encoding="utf-8")
    (project / "posts" / "bad.md").write_bytes(b"---\ntitle: [\n---\n")
    code, err = translate("posts")
    assert code == 2 and err.startswith("error: posts/bad.md:")
    assert not (project / "out").exists()
