"""Benchmark: build the review page for a directory of posts, then open it in Chromium.

    .venv/bin/python bench/bench_review.py                     # the example post, ×145
    .venv/bin/python bench/bench_review.py --corpus DIR        # real posts (*.md below DIR)

The posts are copied to a temporary directory, translated into en and ja with the offline
``pseudo`` engine (filling a fresh translation memory), and reviewed. Reported: the build
time, the page's size, and for each of ``--rounds`` loads in one headless Chromium (Debian's,
through chromedriver, the tests' flags) the time from navigation start to the end of the
load event, as the page's own Navigation Timing reports it. The target is under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers import CHROMIUM_FLAGS

from i18n.config import load_config
from i18n.review import ReviewOptions, build_review, write_review
from i18n.translate import TranslateOptions, translate_paths

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "_posts" / "2025-11-03-daily-papers.md"
FLAGS = (*CHROMIUM_FLAGS, "--window-size=1280,1000")
_TIMING = (
    "var n = performance.getEntriesByType('navigation')[0];"
    "return [n.domInteractive, n.loadEventEnd];"
)


def _posts(root: Path, corpus: Path | None, copies: int) -> Path:
    posts = root / "posts"
    if corpus is not None:
        shutil.copytree(corpus, posts, ignore=shutil.ignore_patterns("README.md"))
        return posts
    posts.mkdir()
    for n in range(copies):
        shutil.copy(EXAMPLE, posts / f"post-{n:03d}.md")
    return posts


def _open(page: Path, rounds: int, profile: Path) -> list[tuple[float, float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        timings = []
        for _ in range(rounds):
            driver.get("about:blank")
            driver.get(page.as_uri())
            interactive, loaded = driver.execute_script(_TIMING)
            timings.append((interactive / 1000, loaded / 1000))
        return timings
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="real posts (*.md below DIR)")
    parser.add_argument("--copies", type=int, default=145, help="copies of the example post")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["DIGEST_I18N_CACHE_DIR"] = str(root / "memory")
        posts = _posts(root, args.corpus, args.copies)
        config = load_config(root)
        targets = ("en", "ja")
        options = TranslateOptions(targets=targets, engine="pseudo", out=root / "out")
        translate_paths([posts], options, config)
        started = time.perf_counter()
        page = build_review([posts], ReviewOptions(targets, root / "out"), config)
        write_review(page, root / "review.html")
        built = time.perf_counter() - started
        size = (root / "review.html").stat().st_size
        print(
            f"{len(page.posts)} posts, {page.units} units: built in {built:.2f} s, "
            f"{size / 1e6:.1f} MB"
        )
        timings = _open(root / "review.html", args.rounds, root / "profile")
        for interactive, loaded in timings:
            print(f"  DOM interactive {interactive:.2f} s, load event end {loaded:.2f} s")
        worst = max(loaded for _, loaded in timings)
        median = statistics.median(loaded for _, loaded in timings)
        print(f"opens in {median:.2f} s (median), {worst:.2f} s (worst); target < 2 s")


if __name__ == "__main__":
    main()
