"""Cost and speed of translate on the seed post (run by hand; figures go in the notes).

    python bench/bench_translate.py [SEED] [--posts N] [--repeats R]

1. Cost: the seed post into en+ja through the real ``deepl`` client against the fake DeepL
   server (tests/fake_deepl.py) — characters billed vs the whole document (naive) and vs the
   characters of its Hangul units (the minimum an engine must see), and requests.
   Targets: billed ≤ minimum, requests ≤ 2 per language per post.
2. Speed: the offline pipeline (pseudo engine, no cache) on N variants of the seed, as a ratio
   to markdown-it-py parsing the same files in the same run. Target ≤ 3.0.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_deepl import FakeDeepL  # noqa: E402

from i18n.config import Config  # noqa: E402
from i18n.markdown._decode import plain_text  # noqa: E402
from i18n.markdown._document import parse_document  # noqa: E402
from i18n.markdown._hangul import has_hangul  # noqa: E402
from i18n.translate._pipeline import TranslateOptions, translate_paths  # noqa: E402

DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "000_0cdf18d804467430.txt"


def cost(seed: Path, work: Path) -> None:
    posts = work / "cost"
    posts.mkdir()
    (posts / "post.md").write_bytes(seed.read_bytes())
    text = seed.read_text(encoding="utf-8")
    doc = parse_document(text)
    minimum = sum(len(plain_text(u.text)) for u in doc.units if has_hangul(u.text))
    naive = len(text)
    config = Config(root=work)
    with FakeDeepL() as fake:
        os.environ.update(
            DEEPL_AUTH_KEY=fake.auth_key,
            DEEPL_SERVER_URL=fake.url,
            DIGEST_I18N_CACHE_DIR=str(work / "cache"),
        )
        options = TranslateOptions(targets=("en", "ja"), engine="deepl", out=work / "out", jobs=2)
        first = translate_paths([posts], options, config)
        second = translate_paths(
            [posts], TranslateOptions(**{**_fields(options), "force": True}), config
        )
    per_language = first.characters_billed / 2
    print(
        f"seed post: {naive} characters in the document (naive), {minimum} in Hangul units "
        "(minimum, per language)"
    )
    print(
        f"billed: {first.characters_billed} for en+ja = {per_language:.0f} per language "
        f"({per_language / minimum:.1%} of the minimum, {per_language / naive:.1%} of naive)"
    )
    print(
        f"requests: {first.requests} for 2 languages ({first.requests / 2:.1f} per language); "
        f"units from catalog {first.from_catalog}, copied (no Hangul) {first.skipped}"
    )
    print(
        f"rerun: {second.requests} requests, {second.characters_billed} characters billed, "
        f"{second.from_cache} units from cache"
    )


def _fields(options: TranslateOptions) -> dict[str, object]:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


def speed(seed: Path, work: Path, count: int, repeats: int) -> None:
    posts = work / "speed"
    posts.mkdir()
    text = seed.read_text(encoding="utf-8")
    for n in range(count):
        (posts / f"post-{n:04d}.md").write_text(
            re.sub(r"다\.", f"다({n}).", text), encoding="utf-8"
        )
    files = sorted(posts.iterdir())
    md = MarkdownIt("commonmark")
    config = Config(root=work)

    def parse_all() -> float:
        started = time.perf_counter()
        for file in files:
            md.parse(file.read_text(encoding="utf-8"))
        return time.perf_counter() - started

    def pipeline(targets: tuple[str, ...]) -> float:
        options = TranslateOptions(
            targets=targets, engine="pseudo", out=work / "o", force=True, use_cache=False
        )
        started = time.perf_counter()
        translate_paths([posts], options, config)
        return time.perf_counter() - started

    # Interleaved repeats, so a slow moment of the machine hits both sides; the best of each
    # is the figure (as timeit does), the median says how steady it was.
    for targets in (("en",), ("en", "ja")):
        parse_times, pipeline_times = [], []
        for _ in range(repeats):
            parse_times.append(parse_all())
            pipeline_times.append(pipeline(targets))
        best = min(pipeline_times) / min(parse_times)
        median = statistics.median(pipeline_times) / statistics.median(parse_times)
        print(
            f"offline pipeline, {'+'.join(targets)}: {min(pipeline_times) / count * 1000:.2f} ms "
            f"per post; markdown-it-py parse {min(parse_times) / count * 1000:.2f} ms per post; "
            f"ratio {best:.2f} ({best / len(targets):.2f} per language; median of {repeats} "
            f"runs {median:.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        cost(args.seed, work)
        speed(args.seed, work, args.posts, args.repeats)


if __name__ == "__main__":
    main()
