"""The evaluation corpus beside the repository, laid out as the sites its posts come from.

``../shared/eval/corpus`` holds real posts of Jekyll and Hugo blogs, one folder per repository
(MANIFEST.tsv gives each post's original path). They are other people's writing: the tests
and benches read them in place and copy them only into temporary directories.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpus"
LANGS = ("en", "ja")
RENDERER = {"jekyll": "kramdown", "hugo": "goldmark"}
"""The site kind → the renderer its readers see."""


def site_kinds(corpus: Path = CORPUS) -> dict[str, str]:
    """Corpus folder → ``jekyll`` or ``hugo``, from where its posts lived (``_posts/`` is
    Jekyll's)."""
    kinds: dict[str, str] = {}
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            kinds[row["repo"].replace("/", "__")] = (
                "jekyll" if row["path"].startswith("_posts/") else "hugo"
            )
    return kinds


def sources(folder: Path) -> list[Path]:
    """The posts of one corpus folder that are sources: ``x.en.md`` beside ``x.md`` is already
    a translation (Hugo's multilingual file names), not a post to translate."""
    found = []
    for path in sorted(folder.glob("*.md")):
        stem, _, lang = path.stem.rpartition(".")
        if not (stem and lang in LANGS and (folder / f"{stem}.md").exists()):
            found.append(path)
    return found


def build_site(site: Path, kind: str, folders: list[Path]) -> list[Path]:
    """A site of ``kind`` (``jekyll``, ``hugo``, or ``none``: no site configuration at all) at
    ``site`` whose ``posts/<folder>/`` hold the folders' sources; returns the copies."""
    site.mkdir(parents=True)
    if kind == "jekyll":
        (site / "_config.yml").write_text("title: parity\nmarkdown: kramdown\n", encoding="utf-8")
    elif kind == "hugo":
        (site / "hugo.toml").write_text('baseURL = "http://example.org/"\n', encoding="utf-8")
    copies = []
    for folder in folders:
        (site / "posts" / folder.name).mkdir(parents=True)
        for source in sources(folder):
            copies.append(site / "posts" / folder.name / source.name)
            shutil.copyfile(source, copies[-1])
    return copies


def translate_site(
    site: Path, engine: str, env: dict[str, str], jobs: int = 2
) -> subprocess.CompletedProcess[str]:
    """``digest-i18n translate posts --to en --to ja`` run from inside the site, as a user
    would; the translations land in ``site/out/<lang>/``."""
    command = [sys.executable, "-m", "i18n", "translate", "posts", "--to", "en", "--to", "ja"]
    command += ["--engine", engine, "--out", "out", "--jobs", str(jobs)]
    return subprocess.run(
        command, cwd=site, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )


def translation_of(site: Path, copy: Path, lang: str) -> Path:
    return site / "out" / lang / copy.relative_to(site / "posts")
