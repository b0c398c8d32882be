"""Benchmark: ``check`` on 1,000 post pairs against markdown-it-py parsing the same files.

    .venv/bin/python bench/bench_check.py                 # 1,000 generated digest posts
    .venv/bin/python bench/bench_check.py --posts 200     # fewer
    .venv/bin/python bench/bench_check.py --corpus DIR    # real posts (*.md below DIR), cycled

The posts are generated here (daily-digest shaped: front matter, papers as H1 with a link,
a quoted link, H2 sections with labelled list items, hard breaks, numbers, code, math,
tables), translated to English with the real pipeline and the offline ``pseudo`` engine, then
timed in the same process, interleaved, best of ``--rounds``:

* baseline: ``MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse`` of every
  source and translation (2 × posts files);
* check: what ``check_paths`` does per pair (read both files, front matter, parse, align,
  every check), interleaved pair by pair with the baseline.

The target is check ≤ 2.5 × baseline. The end-to-end ``check_paths`` time over the whole
directory is printed too.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from i18n.checks._entry import check_paths, check_target, read_source_text
from i18n.checks._registry import select_checks
from i18n.config import Config
from i18n.glossary._glossary import Glossary, load_glossary
from i18n.translate._pipeline import TranslateOptions, translate_paths

_VOCABULARY = """
모델 학습 추론 데이터 성능 향상 기법 제안 실험 결과 분석 구조 효율 정확도 방법 과제 토큰 메모리 계산
비용 생성 품질 평가 지표 기존 연구 한계 개선 단계 과정 정보 표현 확산 변환기 주의 언어 영상 이미지
검색 에이전트 보상 정책 탐색 압축 증류 정렬
"""
WORDS = _VOCABULARY.split()
ENDINGS = ("한다.", "하였다.", "을 보였다.", "를 달성하였다.", "이 가능하다.", "에 집중한다.")
LABELS = ("Goal", "Motivation", "Contribution")
SECTIONS = ("Method", "Results", "Limitations", "Conclusion")
NAMES = ("AdaSPEC", "SparseFlow", "DyPE", "LoopLM", "MemAgent", "FlashRoute", "TinyDiff")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.4:
        words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 98)}.{rng.randint(0, 9)}%")
    if rng.random() < 0.15:
        words.insert(rng.randint(0, len(words)), "`top-k`")
    if rng.random() < 0.1:
        words.insert(rng.randint(0, len(words)), "$O(n^2)$")
    if rng.random() < 0.1:
        words.insert(rng.randint(0, len(words)), f"**{rng.choice(NAMES)}**은")
    return " ".join(words) + rng.choice(ENDINGS)


def paper(rng: random.Random, number: int) -> list[str]:
    arxiv = f"25{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
    lines = [
        f"# {number}. [{rng.choice(NAMES)}: {' '.join(rng.sample(WORDS, 3))}]"
        f"(https://arxiv.org/abs/{arxiv})",
        "",
        f"> [Alphaxiv](https://www.alphaxiv.org/ko/overview/{arxiv})",
        "",
        "## Introduction",
        *(f"- {label}: {sentence(rng)}  " for label in LABELS),
        "",
    ]
    for section in SECTIONS:
        lines.append(f"## {section}  ")
        lines.extend(f"{sentence(rng)}  " for _ in range(rng.randint(1, 3)))
        if section == "Results" and rng.random() < 0.3:
            lines += [
                "",
                "| 모델 | 점수 |",
                "|------|------|",
                f"| {rng.choice(NAMES)} | {rng.randint(10, 99)}.{rng.randint(0, 9)} |",
            ]
        if section == "Method" and rng.random() < 0.2:
            lines += [
                "",
                "```python",
                f"model = {rng.choice(NAMES)}(steps={rng.randint(1, 64)})",
                "```",
            ]
        lines.append("")
    return lines


def post(rng: random.Random, day: int) -> str:
    date = f"2025-{day % 12 + 1:02d}-{day % 28 + 1:02d}"
    head = [
        "---",
        "layout: post",
        f'title: "Daily Papers — {date}"',
        f"date: {date} 08:15:00",
        "tags: [papers]",
        "---",
        "",
    ]
    body: list[str] = []
    for number in range(1, rng.randint(3, 7)):
        body += paper(rng, number)
    return "\n".join(head + body)


def write_posts(directory: Path, count: int, corpus: Path | None) -> None:
    directory.mkdir(parents=True)
    if corpus is not None:
        real = sorted(p for p in corpus.rglob("*.md") if p.is_file())
        for n in range(count):
            shutil.copyfile(real[n % len(real)], directory / f"{n:05d}.md")
        return
    rng = random.Random(2025)
    for n in range(count):
        (directory / f"{n:05d}.md").write_text(post(rng, n), encoding="utf-8")


def timed_rounds(
    pairs: list[tuple[Path, Path]], rounds: int, glossary: Glossary, config: Config
) -> tuple[float, float, int]:
    """Best-of-``rounds`` totals (parse, check) and the findings.

    The two are interleaved pair by pair, so a machine whose load drifts during the run
    slows both alike.
    """
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    enabled = select_checks()
    best_parse = best_check = float("inf")
    findings = 0
    for _ in range(rounds):
        parse = check = 0.0
        findings = 0
        for source, target in pairs:
            texts = (source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8"))
            started = time.perf_counter()
            for text in texts:
                md.parse(text)
            parsed = time.perf_counter()
            found = check_target(read_source_text(source), target, config, "en", enabled, glossary)
            checked = time.perf_counter()
            parse, check = parse + parsed - started, check + checked - parsed
            findings += len(found)
        best_parse, best_check = min(best_parse, parse), min(best_check, check)
    return best_parse, best_check, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="post pairs to check")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (best is kept)")
    parser.add_argument("--corpus", type=Path, help="use real posts below DIR instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        sources, out = root / "posts", root / "out"
        write_posts(sources, args.posts, args.corpus)
        (root / "no-locales").mkdir()
        config = Config(root=root, locales_dir=root / "no-locales")
        options = TranslateOptions(targets=("en",), engine="pseudo", out=out, use_cache=False)
        summary = translate_paths([sources], options, config)
        pairs = [(path, out / "en" / path.name) for path in sorted(sources.glob("*.md"))]
        glossary = load_glossary(config.resolved_glossary_dir())
        size = sum(p.stat().st_size + t.stat().st_size for p, t in pairs) / 1e6
        # What setup left alive is not what is measured: keep the collector off it.
        gc.collect()
        gc.freeze()
        parse, check, findings = timed_rounds(pairs, args.rounds, glossary, config)
        started = time.perf_counter()
        report = check_paths([sources], ("en",), out, config)
        whole = time.perf_counter() - started
        print(
            f"posts: {len(pairs)} pairs ({2 * len(pairs)} files, {size:.1f} MB), "
            f"{summary.written} translations written, {findings} findings"
        )
        print(f"markdown-it-py parse of {2 * len(pairs)} files: {parse:6.2f} s")
        print(f"check of {len(pairs)} pairs:               {check:6.2f} s")
        print(f"ratio: {check / parse:.2f}x (target <= 2.5x)")
        print(
            f"end to end, check_paths over the directory: {whole:.2f} s "
            f"({len(report.findings)} findings)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
