"""The README's main job, as written, works on the bundled example (offline, no key)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_main_job_translates_and_checks_the_example(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = re.search(r"```sh\n(python3 -m venv .*pip install \. && (.*))\n```", readme)
    assert setup is not None, "the README's first set-up command moved"
    job = setup.group(2)  # what runs after the install; the package is installed here already
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    bin_dir = Path(sys.executable).parent  # where pip put the console script
    done = subprocess.run(
        ["bash", "-c", f"export PATH={bin_dir}:$PATH; {job}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DIGEST_I18N_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    assert "all clean" in done.stdout
    for lang in ("en", "ja"):
        assert (tmp_path / "examples" / "_i18n" / lang / "2025-11-03-daily-papers.md").is_file()


def test_ci_runs_the_readme_test_command_and_nothing_weaker() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(
        r"```sh\n(apt-get update && .*pip install -e '\.\[test\]' && pytest)\n", readme
    )
    assert command is not None, "the README's test command moved"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # the same command, word for word, but for the virtual environment's folder name
    assert command.group(1).replace(".venv", ".ci-venv") in ci
