"""Measurement (not a test): a corpus of real posts through the fake DeepL, then ``check``.

    .venv/bin/python bench/corpus_deepl.py --corpus ../shared/eval/corpus
    .venv/bin/python bench/corpus_deepl.py --corpus DIR --engine pseudo --show 20

Every ``*.md`` below ``--corpus`` is copied (sub-paths kept) into a temporary project and
translated into English and Japanese with the real CLI: ``--engine deepl`` goes through the
official ``deepl`` client to the tests' fake DeepL on 127.0.0.1, which behaves like DeepL in
the ways that matter here (Japanese puts inline elements in another order and drops the
spaces next to them; text that is not well-formed XML 1.0 is a 400; glossaries live on the
account). Then ``check`` runs over the result; the script prints how many files were written
and the findings per check id and severity (``--show N`` prints N findings of each id).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_deepl import FakeDeepL  # noqa: E402  (the tests' fake, not a dependency)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--engine", default="deepl", choices=["deepl", "pseudo"])
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="copy the translated project here")
    args = parser.parse_args()
    sources = sorted(p for p in args.corpus.rglob("*.md") if p.parent != args.corpus)
    with tempfile.TemporaryDirectory() as tmp, FakeDeepL() as fake:
        work = Path(tmp)
        for source in sources:
            copy = work / "src" / source.relative_to(args.corpus)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
        env = {
            **os.environ,
            "DEEPL_AUTH_KEY": fake.auth_key,
            "DEEPL_SERVER_URL": fake.url,
            "DIGEST_I18N_CACHE_DIR": str(work / "cache"),
            "NO_COLOR": "1",
        }
        langs = ["--to", "en", "--to", "ja"]
        started = time.perf_counter()
        done = _cli(
            work,
            env,
            "translate",
            "src",
            *langs,
            "--engine",
            args.engine,
            "--out",
            "out",
            "--jobs",
            str(args.jobs),
        )
        seconds = time.perf_counter() - started
        written = len(list((work / "out").rglob("*.md")))
        print(
            f"sources {len(sources)}; translate exit {done.returncode} in {seconds:.1f} s; "
            f"written {written} of {2 * len(sources)}; requests {len(fake.translate_requests())}"
        )
        for line in done.stderr.splitlines():
            if line.startswith("error"):
                print("  " + line)
        report = _cli(work, env, "check", "src", *langs, "--out", "out", "--format", "json")
        findings = json.loads(report.stdout)["findings"]
        counts = collections.Counter((f["severity"], f["check"]) for f in findings)
        files = {(f["severity"], f["check"]): set() for f in findings}
        for f in findings:
            files[(f["severity"], f["check"])].add(f["file"])
        print(f"check exit {report.returncode}: {len(findings)} findings")
        for (severity, check), n in sorted(counts.items()):
            print(f"  {severity:7} {check:22} {n:5}  in {len(files[(severity, check)])} files")
            shown = [f for f in findings if (f["severity"], f["check"]) == (severity, check)]
            for f in shown[: args.show]:
                print(f"      {f['file']}:{f['line']}: {f['message'][:160]}")
        if args.keep is not None:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    return 0


def _cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "i18n", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


if __name__ == "__main__":
    raise SystemExit(main())
