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
import difflib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus_sites import (  # noqa: E402
    LANGS,
    build_site,
    site_kinds,
    sources,
    translate_site,
    translation_of,
)
from fake_deepl import FakeDeepL  # noqa: E402  (the tests' fake, not a dependency)

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
    kinds = site_kinds(corpus)
    with tempfile.TemporaryDirectory() as tmp, FakeDeepL() as fake:
        work = Path(tmp)
        pairs: list[Pair] = []
        for engine in engines:
            env = {
                "DEEPL_AUTH_KEY": fake.auth_key,
                "DEEPL_SERVER_URL": fake.url,
                "DIGEST_I18N_CACHE_DIR": str(work / f"cache-{engine}"),
                "NO_COLOR": "1",
            }
            for kind in ("jekyll", "hugo"):
                site = work / engine / kind
                folders = [corpus / name for name, k in sorted(kinds.items()) if k == kind]
                copies = build_site(site, kind, folders)
                done = translate_site(site, engine, env, args.jobs)
                for line in done.stderr.splitlines():
                    if line.startswith("error"):
                        print(f"  {kind} ({engine}): {line}")
                for copy in copies:
                    for lang in LANGS:
                        pairs.append(Pair(engine, kind, copy, translation_of(site, copy, lang)))
        left_out = sorted(
            f"{folder.name}/{path.name}"
            for folder in (corpus / name for name in kinds)
            for path in set(folder.glob("*.md")) - set(sources(folder))
        )
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
    lang = pair.translation.parts[-3]
    where = f"{pair.source.parent.name}/{lang}/{pair.source.name}"
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
