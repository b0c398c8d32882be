"""Scale, latency and cache figures (run by hand; figures go in the notes).

    python bench/bench_scale.py [--posts 1000] [--latency 0.2]

1. Offline translate (pseudo) of N posts: wall time and peak memory, measured in fresh
   processes for N/4 and N posts — memory must not grow with the number of posts.
2. DeepL path: 50 posts × 2 languages, ``--jobs 8``, every request delayed by ``latency``
   at the fake server: wall time vs the ideal (requests ÷ jobs × latency). Target ≤ 1.5×.
3. Cache: lookups per second on a translation memory of 100,000 units; a rerun over N
   unchanged posts (skipped as up to date, and forced through the cache) vs the offline
   pipeline with no engine at all (identity). Target ≤ 3×.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_deepl import FakeDeepL  # noqa: E402

from i18n.translate._memory import TranslationCache, cache_key  # noqa: E402

EXAMPLE = ROOT / "examples" / "_posts" / "2025-11-03-daily-papers.md"
SEED = ROOT.parent / "shared" / "seeds" / "000_0cdf18d804467430.txt"

CHILD = """
import resource, sys, time
from pathlib import Path
from i18n.config import Config
from i18n.translate._pipeline import TranslateOptions, translate_paths
work, engine, force = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "force"
options = TranslateOptions(targets=("en", "ja"), engine=engine, out=work / ("out-" + engine),
                           force=force, jobs=8)
start = time.perf_counter()
summary = translate_paths([work / "posts"], options, Config(root=work))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.3f} {peak:.1f} {summary.written} {summary.up_to_date} {summary.from_cache}")
"""


def make_posts(directory: Path, count: int, template: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = template.read_text(encoding="utf-8")
    for n in range(count):
        (directory / f"post-{n:04d}.md").write_text(
            re.sub(r"다\.", f"다({n}).", text), encoding="utf-8"
        )


def child(work: Path, engine: str, force: bool, env: dict[str, str]) -> tuple[float, float, str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(work), engine, "force" if force else "plain"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, *rest = done.stdout.split()
    return float(seconds), float(peak), " ".join(rest)


def offline(base: Path, posts: int) -> None:
    env = {**os.environ, "DIGEST_I18N_CACHE_DIR": str(base / "offline-cache")}
    for count in (posts // 4, posts):
        work = base / f"offline-{count}"
        make_posts(work / "posts", count, SEED if SEED.exists() else EXAMPLE)
        seconds, peak, _ = child(work, "pseudo", True, env)
        print(
            f"offline pseudo en+ja, {count} posts: {seconds:.1f} s "
            f"({seconds / count * 1000:.1f} ms per post), peak RSS {peak:.0f} MB"
        )


def deepl_latency(base: Path, latency: float) -> None:
    work = base / "latency"
    make_posts(work / "posts", 50, SEED if SEED.exists() else EXAMPLE)
    with FakeDeepL(latency=latency) as fake:
        env = {
            **os.environ,
            "DEEPL_AUTH_KEY": fake.auth_key,
            "DEEPL_SERVER_URL": fake.url,
            "DIGEST_I18N_CACHE_DIR": str(work / "cache"),
        }
        seconds, _, _ = child(work, "deepl", True, env)
        requests = fake.translate_calls
    ideal = requests / 8 * latency
    print(
        f"deepl, 50 posts × 2 languages, --jobs 8, {latency * 1000:.0f} ms latency: "
        f"{requests} requests, {seconds:.2f} s wall vs ideal {ideal:.2f} s "
        f"({seconds / ideal:.2f}×)"
    )


def cache_figures(base: Path, posts: int) -> None:
    with TranslationCache(base / "big-cache") as cache:
        keys = [cache_key("deepl:EN-US", "ko", "en", "", f"문장 {n}") for n in range(100_000)]
        for start in range(0, len(keys), 5_000):
            cache.put_many({k: f"Sentence {n}" for n, k in enumerate(keys[start : start + 5_000])})
        sample = random.Random(1).sample(keys, 20_000)
        started = time.perf_counter()
        found = cache.get_many(sample)
        seconds = time.perf_counter() - started
    assert len(found) == len(sample)
    print(f"cache of 100,000 units: {len(sample) / seconds:,.0f} lookups per second")

    work = base / f"offline-{posts}"  # translated (pseudo, cached) by offline() above
    env = {**os.environ, "DIGEST_I18N_CACHE_DIR": str(base / "offline-cache")}
    identity, _, _ = child(work, "identity", True, env)
    skipped, _, skip_info = child(work, "pseudo", False, env)
    forced, _, force_info = child(work, "pseudo", True, env)
    print(
        f"rerun over {posts} unchanged posts: up to date {skipped:.2f} s "
        f"({skipped / identity:.2f}× identity), forced through the cache {forced:.2f} s "
        f"({forced / identity:.2f}× identity); identity pipeline {identity:.2f} s "
        f"[written/up-to-date/from-cache: {skip_info} | {force_info}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory)
        offline(base, args.posts)
        deepl_latency(base, args.latency)
        cache_figures(base, args.posts)
    print(json.dumps({"posts": args.posts, "latency": args.latency}))


if __name__ == "__main__":
    main()
