"""Translation memory: diskcache with JSON on disk, never pickle.

A cache restored from elsewhere (a CI cache, say) must not be able to run code, so the disk
refuses pickled keys and values instead of loading them. The key is a digest of everything
that changes a translation — engine and its settings, languages, the glossary terms that
occur in the unit, and the unit's tagged text — and of nothing else: context is left out, so
editing one paragraph re-bills that paragraph only.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import MODE_PICKLE

from i18n.errors import CacheError


class _SafeJSONDisk(diskcache.JSONDisk):  # type: ignore[misc]
    """JSONDisk that raises instead of unpickling whatever a tampered database holds."""

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise CacheError("the translation cache holds a pickled key; refusing to load it")
        return super().get(key, raw)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == MODE_PICKLE:
            raise CacheError("the translation cache holds a pickled value; refusing to load it")
        return super().fetch(mode, filename, value, read)


def cache_key(engine_id: str, source: str, target: str, glossary_digest: str, text: str) -> str:
    """The translation-memory key of one unit."""
    # the separator cannot occur in engine ids, language codes or digests, and comes only
    # before the text, so every field is delimited
    payload = "\x1f".join((engine_id, source, target, glossary_digest, text))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CacheStats:
    """What ``cache stats`` reports."""

    directory: str
    """Where the cache lives."""
    entries: int
    """Number of stored translations."""
    size_bytes: int
    """Bytes on disk."""


class TranslationCache:
    """Key → translated tagged text, on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._cache = diskcache.Cache(
                str(directory),
                disk=_SafeJSONDisk,
                eviction_policy="none",
                # modest page cache and map: memory must not grow with the memory's size
                sqlite_cache_size=1024,
                sqlite_mmap_size=2**22,
            )
        except (OSError, sqlite3.Error) as error:
            raise CacheError(
                f"cannot open the translation cache: {error}", file=directory
            ) from None

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached translations among ``keys``."""
        found: dict[str, str] = {}
        try:
            for key in keys:
                value = self._cache.get(key)
                if isinstance(value, str):
                    found[key] = value
        except sqlite3.DatabaseError as error:
            raise CacheError(
                f"the translation cache is damaged: {error}", file=self.directory
            ) from None
        return found

    def put_many(self, items: Mapping[str, str]) -> None:
        """Store translations in one transaction (after every engine batch)."""
        try:
            with self._cache.transact():
                for key, value in items.items():
                    self._cache.set(key, value)
        except sqlite3.DatabaseError as error:
            raise CacheError(
                f"cannot write the translation cache: {error}", file=self.directory
            ) from None

    def stats(self) -> CacheStats:
        """Entry count and size on disk."""
        return CacheStats(str(self.directory), len(self._cache), int(self._cache.volume()))

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        return int(self._cache.clear())

    def close(self) -> None:
        """Close the database."""
        self._cache.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
