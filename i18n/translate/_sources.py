"""Which files are sources, where their translations go, and how they are written.

Output paths are computed for every source and language before anything is written, so a
collision (two Hugo ``index.md`` into one place) or a path escaping the output root is an
error up front. Writing is :mod:`i18n.fileio`'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from i18n.errors import InputError, OutputError

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
    """Files named, and every ``*.md`` below directories named (not our own outputs).

    A symlink to a file outside its source tree (the directory named, or the named file's
    own directory) is refused: a link in a blog repository must not send ``~/.ssh/…`` or
    another project's drafts to a translation service.
    """
    found: list[SourceFile] = []
    excluded = [_real(p) for p in exclude]
    suffixes = tuple(f".{lang}.md" for lang in targets)
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                real = _real(file)
                if any(_inside(real, e) for e in excluded) or _is_translation(file, suffixes):
                    continue
                _refuse_escaping_link(file, real, path)
                found.append(SourceFile(file, path))
        elif path.is_file():
            _refuse_escaping_link(path, _real(path), path.parent)
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


def _refuse_escaping_link(file: Path, real: Path, tree: Path) -> None:
    if file.is_symlink() and not _inside(real, _real(tree)):
        raise InputError(
            "is a symlink to a file outside the source tree; refused, so that nothing from "
            "outside it is read or sent to a translation service (copy the file in instead)",
            file=file,
        )


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
