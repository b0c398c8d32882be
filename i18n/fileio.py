"""File I/O for everything the tool reads and writes: one reader, one decoder, one writer.

Every file the tool reads is UTF-8 and at most :data:`MAX_BYTES`: one reader with that cap,
one decoder, one way of saying what is wrong. Every file it writes is written atomically: a
temporary file in the target's directory, fsync, then ``os.replace``, so a killed run never
leaves half a file, and a file keeps its permissions.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from i18n.errors import I18nError, InputError, OutputError


def decode_utf8(
    data: bytes, path: str | Path, error: type[I18nError] = InputError, *, binary: bool = True
) -> str:
    """``data`` as text (a BOM stays as U+FEFF). Raises ``error`` naming the file, the line and
    the offending byte; UTF-16 and (unless ``binary`` is False) NUL bytes are refused first,
    as what they most likely are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error("is UTF-16; save it as UTF-8", file=path)
    if binary and b"\0" in data[:8192]:
        raise error("looks like a binary file (NUL bytes), not text", file=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        line = data.count(b"\n", 0, failure.start) + 1
        raise error(
            f"is not valid UTF-8 (byte 0x{data[failure.start]:02x} at offset {failure.start}); "
            "save it as UTF-8",
            file=path,
            line=line,
        ) from None


MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an :class:`InputError` saying why not."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing it", file=path
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=path) from None


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
        :class:`OutputError` when it cannot be written (in the background: at :meth:`close`,
        so one failed file never keeps the others from landing)."""
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
        self._pending = [write for write in self._pending if not _landed(write)]
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


def _landed(write: Future[None]) -> bool:
    """The write is on disk; a failed one stays pending, for :meth:`Writer.close` to report
    (raising it at the next write raced the thread: the next file then never landed)."""
    return write.done() and write.exception() is None


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
