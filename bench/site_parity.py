"""Measurement (not a test): render parity per site, with the pseudo engine and the fake DeepL.

    .venv/bin/python bench/site_parity.py --corpus ../shared/eval/corpus [--show 20]

Each repository of the corpus becomes a site of its own kind: a Jekyll site (``_config.yml``,
``markdown: kramdown``) when its posts came from ``_posts/``, a Hugo site (``hugo.toml``)
otherwise (MANIFEST.tsv gives the original paths). Every post is translated into English and
Japanese from inside its site, so ``translate`` reads the site's dialect as a user's run
would, once with ``pseudo`` and once with ``deepl`` through the official client to the tests'
fake DeepL on 127.0.0.1 (which reorders Japanese the way DeepL does).

Each translation is then rendered with the real renderers and compared with its source by the
shared yardsticks (``kramdown_parity.py``, ``goldmark_parity.py``: block skeleton, link and
image targets, code, inline elements). Issue 12's rule: a translation must render like its
source in its own site's renderer, and in the other renderer wherever the source renders
alike in both. A file named ``x.<lang>.md`` beside ``x.md`` is a translation already (Hugo's
multilingual naming), not a source, so it is left out and counted.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_deepl import FakeDeepL  # noqa: E402  (the tests' fake, not a dependency)

LANGS = ("en", "ja")
OWN = {"jekyll": "kramdown", "hugo": "goldmark"}
OTHER = {"kramdown": "goldmark", "goldmark": "kramdown"}


@dataclass(frozen=True, slots=True)
class Pair:
    engine: str
    """pseudo or deepl"""
    site: str
    """jekyll or hugo"""
    source: Path
    """the post as the site holds it"""
    translation: Path
    """its translation, which may be missing"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/eval/corpus")
    parser.add_argument("--engine", action="append", choices=["pseudo", "deepl"])
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    sys.path.insert(0, str(corpus.parent))
    import goldmark_parity  # the shared yardsticks, beside the corpus
    import kramdown_parity

    engines = args.engine or ["pseudo", "deepl"]
    kinds = _site_kinds(corpus / "MANIFEST.tsv")
    with tempfile.TemporaryDirectory() as tmp, FakeDeepL() as fake:
        work = Path(tmp)
        pairs: list[Pair] = []
        left_out: list[str] = []
        for engine in engines:
            for repo, kind in sorted(kinds.items()):
                site = work / engine / repo
                posts = _build_site(
                    site, kind, corpus / repo, left_out if engine == engines[0] else []
                )
                _translate(site, engine, fake, args.jobs, work / f"cache-{engine}")
                for post in sorted(posts):
                    for lang in LANGS:
                        target = site / "out" / lang / post.relative_to(site / "posts")
                        pairs.append(Pair(engine, kind, post, target))
        paths = [str(p.source) for p in pairs] + [
            str(p.translation) for p in pairs if p.translation.exists()
        ]
        rendered = {"kramdown": kramdown_parity.render(paths)}
        rendered["goldmark"] = goldmark_parity.render(paths)[0]
        skeletons = {
            renderer: {
                p: kramdown_parity.skeleton(h)
                for p, h in htmls.items()
                if not h.startswith("ERROR")
            }
            for renderer, htmls in rendered.items()
        }
        _report(pairs, skeletons, left_out, args.show)
        print(f"requests to the fake DeepL: {len(fake.translate_requests())}")
    return 0


def _site_kinds(manifest: Path) -> dict[str, str]:
    """Corpus folder -> jekyll or hugo, from where the posts lived in their repository."""
    kinds: dict[str, str] = {}
    with manifest.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            folder = row["repo"].replace("/", "__")
            kinds[folder] = "jekyll" if row["path"].startswith("_posts/") else "hugo"
    return kinds


def _build_site(site: Path, kind: str, repo: Path, left_out: list[str]) -> list[Path]:
    posts = site / "posts"
    posts.mkdir(parents=True)
    if kind == "jekyll":
        (site / "_config.yml").write_text("title: parity\nmarkdown: kramdown\n", encoding="utf-8")
    else:
        (site / "hugo.toml").write_text('baseURL = "http://example.org/"\n', encoding="utf-8")
    copied = []
    for source in sorted(repo.glob("*.md")):
        stem, _, lang = source.stem.rpartition(".")
        if stem and lang in LANGS and (repo / f"{stem}.md").exists():
            left_out.append(f"{repo.name}/{source.name}")
            continue
        shutil.copyfile(source, posts / source.name)
        copied.append(posts / source.name)
    return copied


def _translate(site: Path, engine: str, fake: FakeDeepL, jobs: int, cache: Path) -> None:
    env = {
        **os.environ,
        "DEEPL_AUTH_KEY": fake.auth_key,
        "DEEPL_SERVER_URL": fake.url,
        "DIGEST_I18N_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
    }
    command = [sys.executable, "-m", "i18n", "translate", "posts", "--to", "en", "--to", "ja"]
    command += ["--engine", engine, "--out", "out", "--jobs", str(jobs)]
    done = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, check=False)
    for line in done.stderr.splitlines():
        if line.startswith("error"):
            print(f"  {site.name} ({engine}): {line}")


def _report(
    pairs: list[Pair], skeletons: dict[str, dict[str, object]], left_out: list[str], show: int
) -> None:
    for engine in dict.fromkeys(p.engine for p in pairs):
        print(f"== {engine}")
        for site in ("jekyll", "hugo"):
            mine = [p for p in pairs if p.engine == engine and p.site == site]
            own, other = OWN[site], OTHER[OWN[site]]
            bad_own, bad_other, alike, shown = 0, 0, 0, 0
            for pair in mine:
                s, t = str(pair.source), str(pair.translation)
                if t not in skeletons[own]:
                    bad_own += 1
                    shown = _show(shown, show, f"MISSING {pair.translation.name} ({engine}, {own})")
                    continue
                if skeletons[own][t] != skeletons[own].get(s):
                    bad_own += 1
                    shown = _show(shown, show, _diff(pair, own, skeletons))
                if s in skeletons[other] and skeletons[other][s] == skeletons[own].get(s):
                    alike += 1
                    if skeletons[other].get(t) != skeletons[other][s]:
                        bad_other += 1
                        shown = _show(shown, show, _diff(pair, other, skeletons))
            print(
                f"  {site}: {len(mine) - bad_own}/{len(mine)} in {own}; "
                f"{alike - bad_other}/{alike} in {other} where the source renders alike in both"
            )
    if left_out:
        print(f"left out (already translations): {', '.join(left_out)}")


def _show(shown: int, limit: int, line: str) -> int:
    if shown < limit:
        print("    " + line)
    return shown + 1


def _diff(pair: Pair, renderer: str, skeletons: dict[str, dict[str, object]]) -> str:
    a = skeletons[renderer].get(str(pair.source))
    b = skeletons[renderer].get(str(pair.translation))
    lang = pair.translation.parts[-2]
    where = f"{pair.source.parent.parent.name}/{lang}/{pair.source.name}"
    if not isinstance(a, tuple) or not isinstance(b, tuple):
        return f"DIFF {where} in {renderer}: not rendered"
    for name, x, y in zip(("blocks", "links", "code", "inline"), a, b, strict=True):
        if x != y:
            d = [
                line
                for line in difflib.unified_diff(
                    list(map(str, x)), list(map(str, y)), lineterm="", n=0
                )
                if line[:1] in "+-" and line[:3] not in ("---", "+++")
            ]
            return f"DIFF {where} in {renderer} ({name}): {d[:4]}"[:300]
    return f"DIFF {where} in {renderer}"


if __name__ == "__main__":
    raise SystemExit(main())
