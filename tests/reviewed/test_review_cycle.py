"""Human review that lasts: translate, a reviewer edits, the source changes, translate again.

Every test drives the real CLI in a subprocess on real files: the bundled example post, the
``pseudo`` engine (or ``deepl`` against the fake server over HTTP), babel and GNU ``msgfmt``
reading the catalog, and a real ``git`` repository for the one-commit case.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fake_deepl import FakeDeepL
from helpers import cli, require_tools

from i18n.markdown import plain_text

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
POST = "2025-11-03-daily-papers.md"
SOURCE = Path("_posts") / POST
TARGET_EN = Path("_i18n") / "en" / POST
CATALOG_EN = Path("locales") / "en" / "LC_MESSAGES" / "reviewed.po"
REVIEWED_LINE = "- Goal: The study *sparsely combines* several retrievers, as a reviewer put it.  "
OTHER_SOURCE = "라우터는 질의 임베딩을 입력으로 받아"
OTHER_SOURCE_CHANGED = "라우터는 질의의 임베딩을 입력으로 받아"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "digest-i18n.toml", tmp_path / "digest-i18n.toml")
    (tmp_path / "_posts").mkdir()
    shutil.copy(EXAMPLES / "_posts" / POST, tmp_path / SOURCE)
    return tmp_path


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DEEPL_")}
    environment.update({"DIGEST_I18N_CACHE_DIR": str(project / "cache"), **(env or {})})
    done = subprocess.run(
        cli(*args), cwd=project, capture_output=True, text=True, env=environment, check=False
    )
    return done.returncode, done.stdout, done.stderr


def review_goal(project: Path, lang_target: Path = TARGET_EN) -> str:
    """The reviewer's edit: the first paper's Goal line rewritten, emphasis added."""
    target = project / lang_target
    lines = target.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("- Goal: "))
    machine = lines[at]
    assert machine != REVIEWED_LINE
    lines[at] = REVIEWED_LINE
    target.write_text("\n".join(lines), encoding="utf-8")
    return machine


def change_other_paragraph(project: Path) -> None:
    source = project / SOURCE
    text = source.read_text(encoding="utf-8")
    assert text.count(OTHER_SOURCE) == 1
    source.write_text(text.replace(OTHER_SOURCE, OTHER_SOURCE_CHANGED), encoding="utf-8")


def line_with(text: str, start: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(start))


def assert_msgfmt_accepts(catalog: Path) -> None:
    """GNU gettext's own reader, with its format and header checks."""
    require_tools("msgfmt")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(catalog)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def reviewed_entries(project: Path, lang: str = "en") -> list[tuple[str, str, str]]:
    path = project / "locales" / lang / "LC_MESSAGES" / "reviewed.po"
    with path.open(encoding="utf-8") as handle:
        catalog = read_po(handle, locale=lang)
    return [
        (str(m.context), str(m.id), str(m.string))
        for m in catalog
        if m.id and "reviewed" in m.flags and not m.fuzzy
    ]


def test_a_reviewed_sentence_survives_a_change_elsewhere_in_the_source(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    before = (project / TARGET_EN).read_text(encoding="utf-8")
    review_goal(project)
    change_other_paragraph(project)
    code, out, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0, err
    after = (project / TARGET_EN).read_text(encoding="utf-8")
    assert REVIEWED_LINE in after.split("\n")  # byte for byte, hard break included
    old_method, new_method = line_with(before, "⟦rauteoneun"), line_with(after, "⟦rauteoneun")
    assert old_method != new_method  # the changed paragraph was translated again
    assert before.split("\n")[40:] == after.split("\n")[40:]  # the second paper untouched
    entries = reviewed_entries(project)
    assert len(entries) == 1
    context, msgid, msgstr = entries[0]
    assert context == (
        "1. Sparse Mixture of Retrievers for Long-Context Question Answering › Introduction"
    )
    assert msgid.startswith("Goal: 본 연구의 목적은") and "<" not in msgid
    assert msgstr == (
        'Goal: The study <em o="*" c="*">sparsely combines</em> several retrievers, as a '
        "reviewer put it."
    )
    assert_msgfmt_accepts(project / CATALOG_EN)
    code, out, err = run(project, "check", "_posts", "--to", "en")
    assert code == 0, out + err


def test_learn_then_a_source_change_then_translate(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    code, out, err = run(project, "learn", "_posts", "--to", "en")
    assert code == 0, err
    assert "1 reviewed unit(s), 1 new" in out
    learned = (project / TARGET_EN).read_text(encoding="utf-8")
    assert REVIEWED_LINE in learned.split("\n")
    # learning made the file what translate now writes: nothing left to do
    code, out, _ = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0 and (project / TARGET_EN).read_text(encoding="utf-8") == learned
    change_other_paragraph(project)
    code, out, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0, err
    after = (project / TARGET_EN).read_text(encoding="utf-8")
    assert REVIEWED_LINE in after.split("\n")
    assert after != learned
    # --force rewrites the file, and keeps the review
    code, _, err = run(
        project, "translate", "_posts", "--engine", "pseudo", "--to", "en", "--force"
    )
    assert code == 0, err
    assert (project / TARGET_EN).read_text(encoding="utf-8") == after


def test_with_deepl_only_the_changed_unit_is_billed(project: Path, fake_deepl: FakeDeepL) -> None:
    deepl = {"DEEPL_AUTH_KEY": fake_deepl.auth_key, "DEEPL_SERVER_URL": fake_deepl.url}
    code, _, err = run(project, "translate", "_posts", "--to", "en", env=deepl)
    assert code == 0, err
    review_goal(project)
    change_other_paragraph(project)
    billed_before = fake_deepl.billed_characters
    requests_before = len(fake_deepl.translate_requests())
    code, _, err = run(project, "translate", "_posts", "--to", "en", env=deepl)
    assert code == 0, err
    requests = fake_deepl.translate_requests()[requests_before:]
    sent = [text for request in requests for text in request.body["text"]]
    assert len(sent) == 1 and OTHER_SOURCE_CHANGED in sent[0]
    assert fake_deepl.billed_characters - billed_before == len(plain_text(sent[0]))
    assert REVIEWED_LINE in (project / TARGET_EN).read_text(encoding="utf-8").split("\n")


def git(project: Path, *args: str) -> None:
    require_tools("git")
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True)


def test_edit_and_source_change_in_one_commit_use_git_history(project: Path) -> None:
    git(project, "init", "-q")
    git(project, "config", "user.email", "t@example.com")
    git(project, "config", "user.name", "test")
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    git(project, "add", "_posts", "_i18n")
    git(project, "commit", "-q", "-m", "translated")
    review_goal(project)
    change_other_paragraph(project)
    git(project, "commit", "-q", "-a", "-m", "reviewed, and the source fixed")
    shutil.rmtree(project / "cache")  # a fresh CI runner: only the repository
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0, err
    after = (project / TARGET_EN).read_text(encoding="utf-8")
    assert REVIEWED_LINE in after.split("\n")
    assert len(reviewed_entries(project)) == 1


def test_without_the_old_source_translate_refuses_and_says_what_to_run(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    edited = (project / TARGET_EN).read_text(encoding="utf-8")
    change_other_paragraph(project)
    shutil.rmtree(project / "cache")  # a cold memory and no git: the old source is gone
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 1
    assert "nor in git history" in err and "digest-i18n learn" in err and "--force" in err
    assert "Traceback" not in err and err.startswith("error: ")
    assert (project / TARGET_EN).read_text(encoding="utf-8") == edited


def test_a_structure_change_is_reported_and_nothing_is_lost(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    target = project / TARGET_EN
    text = target.read_text(encoding="utf-8")
    results = line_with(text, "⟦LongBench")
    at = results.index(" ", len(results) // 2)
    split = results[:at] + "\n\n" + results[at + 1 :]  # one paragraph becomes two
    edited = text.replace(results, split, 1)
    target.write_text(edited, encoding="utf-8")
    line = edited.split("\n").index(split.split("\n")[0]) + 1
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 1
    assert (
        f"error: {project / TARGET_EN}:{line}: a reviewer changed the block structure here" in err
    )
    assert "1 paragraph of the translation became 2 paragraphs" in err
    assert target.read_text(encoding="utf-8") == edited  # nothing lost
    assert len(reviewed_entries(project)) == 1  # the Goal edit elsewhere was learned
    code, _, err = run(project, "learn", "_posts", "--to", "en")
    assert code == 1 and f"{project / TARGET_EN}:{line}:" in err


def test_a_reviewed_unit_whose_source_changed_needs_review_again(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    assert run(project, "learn", "_posts", "--to", "en")[0] == 0
    source = project / SOURCE
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("본 연구의 목적은", "본 연구의 목표는", 1), encoding="utf-8")
    # before translating again: the review's source is gone
    code, out, _ = run(project, "check", "_posts", "--to", "en", "--select", "review")
    assert code == 0 and "[review-needed]" in out and "translate, then review it again" in out
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0, err
    after = (project / TARGET_EN).read_text(encoding="utf-8")
    assert REVIEWED_LINE not in after.split("\n")  # the new source got a new translation
    catalog = (project / CATALOG_EN).read_text(encoding="utf-8")
    assert '#~ msgid "Goal: 본 연구의 목적은' in catalog  # obsolete, not deleted
    assert "#, fuzzy" in catalog and 'msgid "Goal: 본 연구의 목표는' in catalog
    assert reviewed_entries(project) == []
    assert_msgfmt_accepts(project / CATALOG_EN)  # fuzzy, previous msgid and obsolete entries
    code, out, _ = run(project, "check", "_posts", "--to", "en", "--select", "review")
    line = after.split("\n").index(line_with(after, "- Goal: ⟦bon yeonguui mokpyo")) + 1
    assert f"{line}: warning [review-needed]" in out and "review it again" in out
    # the reviewer looks again and edits: learned, no longer needing review
    lines = after.split("\n")
    lines[line - 1] = REVIEWED_LINE
    (project / TARGET_EN).write_text("\n".join(lines), encoding="utf-8")
    assert run(project, "learn", "_posts", "--to", "en")[0] == 0
    code, out, _ = run(project, "check", "_posts", "--to", "en", "--select", "review")
    assert code == 0 and "review-needed" not in out
    assert len(reviewed_entries(project)) == 1


TARGET_JA = Path("_i18n") / "ja" / POST


def test_japanese_review_of_a_link_text_and_the_title_survives(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "ja")[0] == 0
    target = project / TARGET_JA
    text = target.read_text(encoding="utf-8")
    link = "> [Alphaxiv](https://www.alphaxiv.org/ja/overview/2511.00001)"
    title = line_with(text, "title: ")
    assert link in text.split("\n")  # the link was rewritten for Japanese
    reviewed_link = "> [alphaXiv の概要](https://www.alphaxiv.org/ja/overview/2511.00001)"
    reviewed_title = 'title: "デイリー論文 — 2025年11月3日"'
    edited = text.replace(link, reviewed_link, 1).replace(title, reviewed_title, 1)
    target.write_text(edited, encoding="utf-8")
    change_other_paragraph(project)
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "ja")
    assert code == 0, err
    after = target.read_text(encoding="utf-8").split("\n")
    assert reviewed_link in after and reviewed_title in after
    assert link not in after
    entries = {msgid: msgstr for _, msgid, msgstr in reviewed_entries(project, "ja")}
    assert entries['<a i="1">Alphaxiv</a>'] == '<a i="1">alphaXiv の概要</a>'  # the source's tag
    assert entries["Daily Papers — 2025-11-03"] == "デイリー論文 — 2025年11月3日"


def test_a_broken_reviewed_catalog_is_a_one_line_error(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    assert run(project, "learn", "_posts", "--to", "en")[0] == 0
    catalog = project / CATALOG_EN
    good = catalog.read_text(encoding="utf-8")
    target_before = (project / TARGET_EN).read_bytes()
    lines = good.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("msgstr") and n > 5)
    catalog.write_text("\n".join([*lines[:at], 'msgstr "unterminated', *lines[at + 1 :]]))
    (project / SOURCE).write_text((project / SOURCE).read_text("utf-8") + "\n새 문단.\n", "utf-8")
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert (
        code == 2
        and err == f'error: {catalog}:{at + 1}: unterminated string: the closing " is missing\n'
    )
    # an entry whose tags are not the unit's (edited by hand in a PO editor)
    assert '<em o=\\"*\\" c=\\"*\\">' in good  # as PO quotes it
    catalog.write_text(good.replace('<em o=\\"*\\" c=\\"*\\">', '<em i=\\"4\\">'), "utf-8")
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 2 and err.startswith(f"error: {catalog}: the reviewed translation of ")
    assert len(err.strip().splitlines()) == 1
    assert (project / TARGET_EN).read_bytes() == target_before  # nothing written


def test_a_reviewed_title_alone_counts_as_an_edit_and_survives(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    target = project / TARGET_EN
    text = target.read_text(encoding="utf-8")
    assert "front_matter_sha256: " in text
    title = line_with(text, "title: ")
    reviewed_title = 'title: "Daily papers, reviewed — November 3, 2025"'
    target.write_text(text.replace(title, reviewed_title, 1), encoding="utf-8")
    code, out, _ = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0 and re.search(r"reviewed units learned\s*\W\s*1\s", out), out
    change_other_paragraph(project)
    code, _, err = run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")
    assert code == 0, err
    assert reviewed_title in target.read_text(encoding="utf-8").split("\n")
    assert [m for _, m, _ in reviewed_entries(project)] == ["Daily Papers — 2025-11-03"]


def test_the_review_page_shows_a_learned_unit_as_reviewed(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "en")[0] == 0
    review_goal(project)
    page = project / "review.html"
    code, _, err = run(project, "review", "_posts", "--to", "en", "--html", str(page))
    assert code == 0, err
    before = page.read_text(encoding="utf-8")
    assert re.search(r">edited 1<", before) and not re.search(r">reviewed \d+<", before)
    assert run(project, "learn", "_posts", "--to", "en")[0] == 0
    code, _, err = run(project, "review", "_posts", "--to", "en", "--html", str(page))
    assert code == 0, err
    after = page.read_text(encoding="utf-8")
    assert re.search(r">reviewed 1<", after) and not re.search(r">edited \d+<", after)


def test_one_commit_with_deepl_and_a_cold_memory_reads_the_written_file_from_git(
    project: Path, fake_deepl: FakeDeepL
) -> None:
    deepl = {"DEEPL_AUTH_KEY": fake_deepl.auth_key, "DEEPL_SERVER_URL": fake_deepl.url}
    git(project, "init", "-q")
    git(project, "config", "user.email", "t@example.com")
    git(project, "config", "user.name", "test")
    assert run(project, "translate", "_posts", "--to", "en", env=deepl)[0] == 0
    git(project, "add", "_posts", "_i18n")
    git(project, "commit", "-q", "-m", "translated")
    review_goal(project)
    change_other_paragraph(project)
    git(project, "commit", "-q", "-a", "-m", "reviewed, and the source fixed")
    shutil.rmtree(project / "cache")  # DeepL's answers are nowhere but in the committed file
    sent_before = len(fake_deepl.translate_requests())
    code, _, err = run(project, "translate", "_posts", "--to", "en", env=deepl)
    assert code == 0, err
    assert REVIEWED_LINE in (project / TARGET_EN).read_text(encoding="utf-8").split("\n")
    sent = [t for r in fake_deepl.translate_requests()[sent_before:] for t in r.body["text"]]
    assert sent and not any("본 연구의 목적은" in text for text in sent)  # the review is kept
    entries = reviewed_entries(project)
    assert len(entries) == 1 and entries[0][1].startswith("Goal: 본 연구의 목적은")


def test_a_reviewed_catalog_unit_outranks_the_catalog_and_check_accepts_it(project: Path) -> None:
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "ja")[0] == 0
    target = project / TARGET_JA
    text = target.read_text(encoding="utf-8")
    assert "\n## 手法  \n" in text  # Method, from the bundled catalog
    target.write_text(text.replace("\n## 手法  \n", "\n## 提案手法  \n", 1), encoding="utf-8")
    code, out, _ = run(project, "check", "_posts", "--to", "ja")
    assert code == 1 and "[catalog]" in out  # not learned yet: the catalog's word is expected
    assert run(project, "learn", "_posts", "--to", "ja")[0] == 0
    code, out, _ = run(project, "check", "_posts", "--to", "ja")
    assert code == 0, out
    change_other_paragraph(project)
    assert run(project, "translate", "_posts", "--engine", "pseudo", "--to", "ja")[0] == 0
    after = target.read_text(encoding="utf-8")
    assert (
        "\n## 提案手法  \n" in after
        and after.count("\n## 手法  \n") == text.count("\n## 手法  \n") - 1
    )
