"""Where each translation came from, as the review page derives it, against what translate did.

The figures are checked against ``translate`` itself: its dry run on an empty memory (what
the engine would bill) and its summary (units copied as they are), then against the memory
emptied, a unit edited by hand, a translation deleted.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from i18n.checks._registry import MISSING
from i18n.config import Config, load_config
from i18n.review import ReviewOptions, ReviewPage, build_review
from i18n.review._model import PostReview
from i18n.review._origin import REVIEWED
from i18n.translate import TranslateOptions, translate_paths
from i18n.translate._memory import TranslationCache

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "_posts" / "2025-11-03-daily-papers.md"
TARGETS = ("en", "ja")
ANCHOR_POST = EXAMPLE.parents[2] / "tests" / "fixtures" / "check" / "posts" / "korean-anchor.md"
TRICKY = """\
이렇게 하면 [\\[표 생성기\\]](https://example.org/table) 에 가서 만든다.

> 인용된 문단은
> 여러 줄에 걸쳐 있다.

> An English quote that
> wraps onto a second line.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "posts").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "posts" / "post.md")
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(tmp_path / "memory"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def _translate(root: Path, config: Config, **options: object) -> int:
    summary = translate_paths(
        [root / "posts"],
        TranslateOptions(targets=TARGETS, engine="pseudo", out=root / "out", **options),  # type: ignore[arg-type]
        config,
    )
    assert not summary.failures
    return summary.skipped


def _review(root: Path, config: Config) -> PostReview:
    page: ReviewPage = build_review([root / "posts"], ReviewOptions(TARGETS, root / "out"), config)
    assert len(page.posts) == 1
    return page.posts[0]


def _origins(post: PostReview, lang: str) -> list[str]:
    column = TARGETS.index(lang)
    return [row.cells[column].origin for s in post.sections for row in s.rows]


def test_origins_and_figures_agree_with_translate(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project)
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(project / "empty-memory"))
    dry = translate_paths(
        [project / "posts"],
        TranslateOptions(targets=TARGETS, engine="pseudo", dry_run=True),
        config,
    )
    monkeypatch.setenv("DIGEST_I18N_CACHE_DIR", str(project / "memory"))
    skipped = _translate(project, config)
    post = _review(project, config)
    figures = {lang.lang: lang for lang in post.languages}
    # every machine-translated unit is in the memory the run filled: a rerun bills nothing
    assert sum(f.billed_characters for f in figures.values()) == dry.characters_sent > 0
    assert all(f.rerun_characters == 0 for f in figures.values())
    assert sum(dict(f.origins).get("unchanged", 0) for f in figures.values()) == skipped > 0
    for lang in TARGETS:
        origins = _origins(post, lang)
        assert set(origins) == {"catalog", "memory", "unchanged"}
        assert origins.count("memory") == figures[lang].machine_units
        assert figures[lang].engine == "pseudo"

    with TranslationCache(project / "memory") as memory:  # the memory is lost
        memory.clear()
    post = _review(project, config)
    for figure in post.languages:
        assert figure.rerun_characters == figure.billed_characters
        assert "memory" not in dict(figure.origins)
        assert dict(figure.origins)["engine"] == figure.machine_units


@pytest.mark.parametrize(
    ("origin", "edit"),
    [
        ("memory", lambda line: line.replace("⟦", "⟦edited by hand ", 1)),
        ("catalog", lambda line: line.replace("Introduction", "Intro", 1)),
        ("unchanged", lambda line: line.replace("Alphaxiv", "Alphaxiv (edited)", 1)),
    ],
)
def test_a_unit_edited_by_hand_is_edited(
    project: Path, origin: str, edit: Callable[[str], str]
) -> None:
    config = load_config(project)
    _translate(project, config)
    before = _review(project, config)
    rows = [row for s in before.sections for row in s.rows]
    target = project / "out" / "en" / "post.md"
    lines = target.read_text(encoding="utf-8").split("\n")
    # the first unit of that origin whose line the edit changes
    first = next(
        n
        for n, row in enumerate(rows)
        if row.cells[0].origin == origin
        and edit(lines[row.cells[0].line - 1]) != lines[row.cells[0].line - 1]
    )
    line = rows[first].cells[0].line
    lines[line - 1] = edit(lines[line - 1])
    target.write_text("\n".join(lines), encoding="utf-8")
    reviewed = _review(project, config)
    after = _origins(reviewed, "en")
    assert after[first] == "edited"
    assert after[:first] + after[first + 1 :] == (
        _origins(before, "en")[:first] + _origins(before, "en")[first + 1 :]
    )
    # an edit changes nothing in what the engine was paid for
    figures = before.languages[0], reviewed.languages[0]
    assert figures[0].machine_units == figures[1].machine_units
    assert figures[0].billed_characters == figures[1].billed_characters


def test_a_store_of_reviewed_translations_claims_its_units(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project)
    _translate(project, config)
    monkeypatch.setattr(
        "i18n.review._origin.REVIEWED", [*REVIEWED, lambda unit, lang, text: lang == "ja"]
    )
    post = _review(project, config)
    assert set(_origins(post, "ja")) == {"reviewed"}
    assert "reviewed" not in _origins(post, "en")


def test_a_missing_translation_and_no_memory(project: Path) -> None:
    config = load_config(project)
    _translate(project, config, use_cache=False)
    (project / "out" / "ja" / "post.md").unlink()
    post = _review(project, config)
    assert not (project / "memory").exists()  # reviewing never creates a memory
    ja = post.languages[1]
    assert not ja.exists and set(_origins(post, "ja")) == {"missing"}
    assert [f.check for f in ja.post_findings] == [MISSING]
    assert "memory" not in _origins(post, "en") and "engine" in _origins(post, "en")


def test_fresh_translations_of_tricky_units_are_never_edited(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A heading translate gives an explicit id, escaped brackets in a link, soft-wrapped
    quotes (translated, and copied as they are): what translate wrote is recognised."""
    (project / "posts" / "post.md").unlink()
    shutil.copy(ANCHOR_POST, project / "posts" / "anchor.md")
    (project / "posts" / "tricky.md").write_text(TRICKY, encoding="utf-8")
    config = load_config(project)
    _translate(project, config)
    page = build_review([project / "posts"], ReviewOptions(TARGETS, project / "out"), config)
    origins = {
        cell.origin
        for post in page.posts
        for s in post.sections
        for r in s.rows
        for cell in r.cells
    }
    assert "memory" in origins
    assert origins <= {"memory", "catalog", "unchanged"}
