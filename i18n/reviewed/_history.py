"""Earlier versions from the translation memory and git history: the source a translation was
made from, found by the sha256 its target records (``translate`` stores each source it
translated in the memory; git has it when a reviewer's edit and a source change land in one
commit and the runner's memory is cold), and the translation as the tool wrote it."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from i18n.translate import TranslationCache

_MAX_COMMITS = 500
"""How far back a file's history is searched."""


def _git(cwd: Path, *args: str) -> bytes | None:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, env=environment, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git here: nothing to find
    return done.stdout if done.returncode == 0 else None


_SOURCE_KEY = "source-text:"
"""Memory keys of remembered sources (translation keys are bare sha256 hex)."""


def remember_sources(cache: TranslationCache, texts: Mapping[str, str]) -> None:
    """Store source texts by the sha256 of their bytes."""
    if texts:
        cache.put_many({_SOURCE_KEY + digest: text for digest, text in texts.items()})


def source_with_digest(path: Path, sha256: str, cache: TranslationCache | None) -> bytes | None:
    """The version of source ``path`` whose bytes have ``sha256``: from the translation
    memory, else from git; None when neither has it."""
    if cache is not None:
        text = cache.get_many([_SOURCE_KEY + sha256]).get(_SOURCE_KEY + sha256)
        data = text.encode("utf-8") if text is not None else None
        if data is not None and hashlib.sha256(data).hexdigest() == sha256:
            return data
    return version_with_digest(path, sha256)


def version_with_digest(path: Path, sha256: str) -> bytes | None:
    """The bytes of a committed (or staged) version of ``path`` whose sha256 is ``sha256``."""
    return committed_version(path, lambda data: hashlib.sha256(data).hexdigest() == sha256)


def committed_version(path: Path, wanted: Callable[[bytes], bool]) -> bytes | None:
    """The newest staged or committed version of ``path`` that ``wanted`` accepts (None: git
    is not here, the file is not in a repository, or no version is accepted)."""
    directory = path.resolve().parent
    top = _git(directory, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    log = _git(root, "log", "--all", f"-n{_MAX_COMMITS}", "--format=%H", "--", relative)
    commits = log.decode("ascii", "replace").split() if log else []
    for revision in [":0", *commits]:  # the index first: a staged version counts too
        spec = f"{revision}:{relative}" if revision != ":0" else f":0:{relative}"
        data = _git(root, "show", spec)
        if data is not None and wanted(data):
            return data
    return None
