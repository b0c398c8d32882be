"""Which files are sources, where their translations go, and how they are written.

Output paths are computed for every source and language before anything is written, so a
collision (two Hugo ``index.md`` into one place) or a path escaping the output root is an
error up front. Files are written atomically: a temporary file in the target's directory,
then ``os.replace`` — a killed run never leaves half a file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, OutputError

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".digest-i18n-cache", "__pycache__"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A source post and where it was found."""

    path: Path
    """The file, as given or found."""
    base: Path
    """The directory argument it was found below (its parent for a file argument)."""

    @property
    def subpath(self) -> Path:
        """Path below ``base`` (kept under ``--out DIR/<lang>/``)."""
        return self.path.relative_to(self.base)


def collect_sources(
    paths: Sequence[Path], targets: Sequence[str], exclude: Sequence[Path] = ()
) -> list[SourceFile]:
    """Files named, and every ``*.md`` below directories named (not our own outputs)."""
    found: list[SourceFile] = []
    excluded = [_real(p) for p in exclude]
    suffixes = tuple(f".{lang}.md" for lang in targets)
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                real = _real(file)
                if any(_inside(real, e) for e in excluded) or _is_translation(file, suffixes):
                    continue
                found.append(SourceFile(file, path))
        elif path.is_file():
            found.append(SourceFile(path, path.parent))
        elif path.exists():
            raise InputError("is neither a file nor a directory", file=path)
        else:
            raise InputError("no such file or directory", file=path)
    seen: set[Path] = set()
    unique = []
    for source in found:
        key = _real(source.path)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


def _is_translation(file: Path, suffixes: tuple[str, ...]) -> bool:
    """``post.en.md`` beside ``post.md`` is that post's translation (Hugo's layout), not a
    source; a lone ``notes.en.md`` is a source like any other."""
    for suffix in suffixes:
        if file.name.endswith(suffix):
            return file.with_name(file.name[: -len(suffix)] + ".md").is_file()
    return False


def _walk(root: Path) -> Iterable[Path]:
    for directory, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md"):
                yield Path(directory) / name


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


@dataclass(frozen=True, slots=True)
class Layout:
    """Where translations go: ``--out DIR``, a config template, or beside the source."""

    out: Path | None
    """``--out DIR``: ``DIR/<lang>/<sub-path>``."""
    template: str | None
    """Config ``output`` template, relative to ``root``."""
    root: Path
    """The config root (templates resolve against it)."""

    def target(self, source: SourceFile, lang: str) -> Path:
        """The translation's path for ``lang``."""
        if self.out is not None:
            return self.out / lang / source.subpath
        path = source.path
        if self.template is not None:
            try:
                relative_dir = os.path.relpath(path.parent, self.root)
                name = self.template.format(
                    lang=lang,
                    dir=Path(relative_dir).as_posix(),
                    subdir=source.subpath.parent.as_posix(),
                    stem=path.stem,
                    suffix=path.suffix,
                    name=path.name,
                )
            except (KeyError, IndexError, ValueError) as error:
                raise OutputError(f"bad output template {self.template!r}: {error}") from None
            return self.root / name
        return path.with_name(f"{path.stem}.{lang}{path.suffix}")

    def output_root(self, source: SourceFile) -> Path:
        """The directory no translation of ``source`` may leave."""
        if self.out is not None:
            return self.out
        return self.root if self.template is not None else source.path.parent


def plan_targets(
    sources: Sequence[SourceFile], targets: Sequence[str], layout: Layout
) -> dict[tuple[Path, str], Path]:
    """Every (source, language) → target path, checked for escapes and collisions."""
    planned: dict[tuple[Path, str], Path] = {}
    owners: dict[Path, Path] = {}
    resolved: dict[Path, Path] = {}  # directories are shared: resolve each once

    def real_dir(path: Path) -> Path:
        found = resolved.get(path)
        if found is None:
            found = resolved[path] = _real(path)
        return found

    for source in sources:
        real_source = _real(source.path)
        for lang in targets:
            target = layout.target(source, lang)
            root = real_dir(layout.output_root(source))
            real_target = real_dir(target.parent) / target.name
            if not _inside(real_target, root):
                raise OutputError(
                    f"translation path {target} is outside the output root {root}",
                    file=source.path,
                )
            if target.is_symlink():
                raise OutputError(
                    f"translation path {target} is a symlink; refusing to write through it",
                    file=source.path,
                )
            if real_source == real_target:
                raise OutputError(
                    f"translation path {target} is the source itself", file=source.path
                )
            other = owners.setdefault(real_target, source.path)
            if other != source.path:
                raise OutputError(
                    f"translations of {other} and {source.path} would both be written to "
                    f"{target}: use --out with directory arguments or an output template "
                    "with {subdir}",
                    file=source.path,
                )
            planned[(source.path, lang)] = target
    return planned


class Writer:
    """Atomic writes for one run: a temporary file beside the target, fsync, then rename, so
    readers (and a killed run) see the old file or the new one, never half of one.

    Temporary files a killed run left behind (their writer's process is gone) are swept once
    per directory, not once per file: a directory of a thousand posts is listed once.

    With ``background``, the wait for the disk (fsync, then the rename) happens on a thread
    of its own, so the next post is parsed meanwhile (the thread holds the interpreter only
    between those calls). :meth:`close` waits for them and reports the first failure.
    """

    def __init__(self, *, background: bool = False) -> None:
        self._leftovers: dict[Path, dict[str, list[Path]]] = {}
        """Per directory already listed: target name -> its orphaned temporary files."""
        self._thread = ThreadPoolExecutor(max_workers=1) if background else None
        """Where the fsync and rename of each write happen, in order."""
        self._pending: list[Future[None]] = []
        """Writes whose fsync and rename may not have happened yet."""

    def write(self, path: Path, text: str | bytes) -> None:
        """Write ``text`` (UTF-8, newlines untouched) to ``path``. Raises
        :class:`OutputError` when it cannot be written (in the background: at a later write
        or at :meth:`close`)."""
        directory = path.parent
        leftovers = self._leftovers.get(directory)
        if leftovers is None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise _write_error(path, error) from None
            leftovers = self._leftovers[directory] = _orphans(directory)
        for orphan in leftovers.pop(path.name, ()):
            orphan.unlink(missing_ok=True)
        handle, temp = _start(path, text)
        if self._thread is None:
            _finish(handle, temp, path)
            return
        self._pending = [write for write in self._pending if not _done(write)]
        self._pending.append(self._thread.submit(_finish, handle, temp, path))

    def close(self) -> None:
        """Wait until every write is on disk under its name; raise the first failure."""
        try:
            for write in self._pending:
                write.result()
        finally:
            self._pending = []
            if self._thread is not None:
                self._thread.shutdown(wait=True)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _done(write: Future[None]) -> bool:
    if write.done():
        write.result()  # raises the write's OutputError
        return True
    return False


def write_atomic(path: Path, text: str | bytes) -> None:
    """:meth:`Writer.write` for a single file."""
    Writer().write(path, text)


def _write_error(path: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write: {error.strerror or error}", file=path)


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
_TEMP_NUMBERS = itertools.count()
"""Numbers temporary files apart within this process (the process id sets processes apart)."""


def _start(path: Path, text: str | bytes) -> tuple[int, str]:
    """The text in a new temporary file beside ``path``: (open descriptor, its name).

    The file gets the permissions the target has now, or (a new target) what the umask
    gives any new file, not a temporary file's private 0600."""
    while True:
        temp = f"{path.parent}{os.sep}.{path.name}.{os.getpid()}.{next(_TEMP_NUMBERS)}.tmp"
        try:
            handle = os.open(temp, _TEMP_FLAGS, 0o666)
            break
        except FileExistsError:
            continue  # left by an earlier process with the same id
        except OSError as error:
            raise _write_error(path, error) from None
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(handle, stat.S_IMODE(os.stat(path).st_mode))
        view = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
        while view:
            view = view[os.write(handle, view) :]
    except BaseException as error:
        os.close(handle)
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _write_error(path, error) from None
        raise
    return handle, temp


def _finish(handle: int, temp: str, path: Path) -> None:
    """On disk before the rename, so a crash cannot leave the new name on empty blocks;
    the rename itself is atomic for a killed process."""
    try:
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise _write_error(path, error) from None


def _orphans(directory: Path) -> dict[str, list[Path]]:
    """Temporary files in ``directory`` named as :func:`_start` names them
    (``.<target>.<pid>.<number>.tmp``) whose writing process is gone, by target name."""
    found: dict[str, list[Path]] = {}
    with os.scandir(directory) as entries:
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
                continue
            parts = entry.name[1:].rsplit(".", 3)
            if len(parts) == 4 and parts[1].isdigit() and not _alive(int(parts[1])):
                found.setdefault(parts[0], []).append(Path(entry.path))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
