"""``digest-i18n review`` and the job summary of ``check --format github``, as a shell runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "_posts" / "2025-11-03-daily-papers.md"


def run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {"PATH": "/usr/bin:/bin", "DIGEST_I18N_CACHE_DIR": str(root / "memory"), **env}
    return subprocess.run(cli(*args), cwd=root, env=environ, capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example post, its pseudo translations, and one link dropped from the ja one."""
    root = tmp_path_factory.mktemp("review-cli")
    (root / "posts").mkdir()
    shutil.copy(EXAMPLE, root / "posts" / "post.md")
    done = run(root, "translate", "posts", "--engine", "pseudo", "--out", "out")
    assert done.returncode == 0, done.stderr
    ja = root / "out" / "ja" / "post.md"
    text = ja.read_text(encoding="utf-8")
    ja.write_text(re.sub(r"\[Alphaxiv\]\([^)]+\)", "Alphaxiv", text, count=1), encoding="utf-8")
    return root


def test_review_writes_the_page_and_says_so(project: Path) -> None:
    done = run(project, "review", "posts", "--out", "out", "--html", "site/review.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote site/review.html: 1 post(s), ")
    assert "1 error(s)" in done.stdout
    page = (project / "site" / "review.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("review", "posts", "--out", "out"), "--html"),
        (("review", "nowhere", "--html", "r.html"), "nowhere"),
        (("review", "posts", "--out", "out", "--html", "out"), "out"),
        (("review", "posts", "--to", "xx-nope", "--html", "r.html"), "xx-nope"),
    ],
)
def test_review_refuses_bad_input_in_one_line(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    done = run(project, *args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not (project / "r.html").exists()


def test_review_refuses_a_source_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bad.md").write_bytes("# 제목\n".encode("euc-kr"))
    done = run(tmp_path, "review", "posts", "--html", "r.html")
    assert done.returncode == 2
    assert re.fullmatch(r"error: posts/bad\.md:1: .+\n", done.stderr)
    assert not (tmp_path / "r.html").exists()


def test_check_github_writes_the_job_summary(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    actions = {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "someone/digest",
        "GITHUB_RUN_ID": "42",
    }
    args = ("check", "posts", "--out", "out", "--format", "github")
    done = run(project, *args, "--review-page", "review.html", **actions)
    assert done.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## digest-i18n check\n")  # appended, not replaced
    assert "1 error(s), 0 warning(s)" in text
    assert re.search(r"^\| posts/post\.md \| ja \| 1 \| 0 \| links 1 \|$", text, re.M)
    assert "1 other translation(s) clean." in text
    assert re.search(r"^- out/ja/post\.md:\d+ \*\*error\*\* \\\[links\\\] ", text, re.M)
    assert (
        "Review page: review.html (an artifact of "
        "[this run](https://github.com/someone/digest/actions/runs/42#artifacts))" in text
    )
    # the annotations on stdout are unchanged by it
    assert done.stdout.startswith("::error file=out/ja/post.md,")


def test_check_writes_no_summary_unless_github_format_and_variable(
    project: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    done = run(project, "check", "posts", "--out", "out", GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1 and not summary.exists()
    done = run(project, "check", "posts", "--out", "out", "--format", "github")
    assert done.returncode == 1 and not summary.exists()


def test_the_readme_workflow_uploads_the_review_page_it_writes(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", readme, re.S)
    assert block is not None
    steps = yaml.safe_load(block.group(1))["jobs"]["translate-and-check"]["steps"]
    review = next(s for s in steps if "digest-i18n review" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    check = next(s for s in steps if "digest-i18n check" in s.get("run", ""))
    page = re.search(r"--html (\S+)", review["run"])
    assert page is not None
    assert upload["with"]["path"] == page.group(1)
    assert review.get("if") == upload.get("if") == "always()"  # a failed check still uploads
    assert steps.index(review) < steps.index(upload)
    assert f"--review-page {page.group(1)}" in check["run"]
    # the workflow's review command runs as written on a blog with the example post
    (tmp_path / "_posts").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "_posts" / "post.md")
    done = run(tmp_path, "translate", "_posts", "--to", "en", "--to", "ja", "--engine", "pseudo")
    assert done.returncode == 0, done.stderr
    done = run(tmp_path, *review["run"].split()[1:])
    assert done.returncode == 0, done.stderr
    assert (tmp_path / page.group(1)).is_file()
