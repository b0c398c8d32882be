"""The account's glossary, shared by every job that uses the key.

A glossary is named by its content (``<namespace> <digest>`` of the configured targets'
dictionaries), so jobs that split the languages between them (a CI matrix: ``--to en`` in one,
``--to ja`` in another) look for the same name and reuse it. No job deletes a glossary another
may be using: a translate run never prunes; ``glossary sync --prune`` deletes only glossaries
of the namespace that are older than the current one and named for other content. Two jobs
that both find nothing create at once: jobs on one machine take turns through a lock file,
and jobs elsewhere converge after creating (the earliest glossary of the name wins; a job
deletes only the duplicate it made itself, before using it).
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import deepl
from deepl.api_data import MultilingualGlossaryDictionaryEntries, MultilingualGlossaryInfo

from i18n.engines._base import LanguagePair

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; convergence alone keeps one glossary
    fcntl = None  # type: ignore[assignment]

Call = Callable[[Callable[[], Any]], Any]
"""Runs one client call with the engine's retries and error mapping."""


@dataclass(frozen=True, slots=True)
class GlossarySync:
    """What one :meth:`DeepLEngine.sync_glossary` call did on the account."""

    glossary_id: str | None
    """Id of the glossary now in use (None: no entries, no glossary)."""
    name: str
    """Its content-addressed name (``"<namespace> <digest>"``)."""
    created: bool
    """True when it was created by this call, False when an existing one was reused."""
    deleted: tuple[str, ...] = ()
    """Ids of stale glossaries of the namespace this call deleted (``--prune`` only)."""

    @property
    def reused(self) -> bool:
        """True when an existing remote glossary was found by name and reused."""
        return self.glossary_id is not None and not self.created


@dataclass(frozen=True, slots=True)
class Account:
    """Where the glossaries live and how to reach them."""

    client: deepl.DeepLClient
    """The official client."""
    call: Call
    """The engine's call wrapper (retries, errors without the key)."""
    namespace: str
    """Name prefix of this tool's glossaries on the account."""
    lock_key: str
    """Names the machine-wide lock file (the server address and namespace, never the key)."""


def sync_remote(
    account: Account, name: str, wanted: Mapping[LanguagePair, dict[str, str]], *, prune: bool
) -> GlossarySync:
    """Find the glossary called ``name`` holding ``wanted``, else create it; see the module."""
    existing = _list(account)
    info = _earliest(existing, name, wanted)
    created = False
    if info is None:
        with _machine_lock(account.lock_key):
            existing = _list(account)  # a job on this machine may have made it meanwhile
            info = _earliest(existing, name, wanted)
            if info is None:
                info = account.call(partial(_create, account.client, name, wanted))
                info, created = _converge(account, info, name, wanted)
                existing = _list(account)
    deleted = _prune(account, existing, info) if prune else ()
    return GlossarySync(info.glossary_id, name, created, deleted)


def _list(account: Account) -> list[MultilingualGlossaryInfo]:
    return list(account.call(account.client.list_multilingual_glossaries))


def _earliest(
    glossaries: Sequence[MultilingualGlossaryInfo],
    name: str,
    wanted: Mapping[LanguagePair, dict[str, str]],
) -> MultilingualGlossaryInfo | None:
    """The first-made glossary of that name with every wanted dictionary (ties: by id)."""
    same = [g for g in glossaries if g.name == name and _covers(g, wanted)]
    return min(same, key=_age, default=None)


def _age(info: MultilingualGlossaryInfo) -> tuple[str, str]:
    return (str(info.creation_time), info.glossary_id)


def _converge(
    account: Account,
    mine: MultilingualGlossaryInfo,
    name: str,
    wanted: Mapping[LanguagePair, dict[str, str]],
) -> tuple[MultilingualGlossaryInfo, bool]:
    """After creating: when another job made the same glossary first, use theirs and delete
    ours (nobody has used it yet: every job picks the earliest)."""
    winner = _earliest([*_list(account), mine], name, wanted)
    if winner is None or winner.glossary_id == mine.glossary_id:
        return mine, True
    account.call(partial(account.client.delete_multilingual_glossary, mine.glossary_id))
    return winner, False


def _prune(
    account: Account, existing: Sequence[MultilingualGlossaryInfo], keep: MultilingualGlossaryInfo
) -> tuple[str, ...]:
    """Delete the namespace's stale glossaries: made before ``keep`` for other content, or
    later copies of ``keep`` (two jobs that created at once; a job still holding a copy
    finds ``keep`` by name when DeepL no longer knows its id)."""
    prefix = f"{account.namespace} "
    stale = [
        g.glossary_id
        for g in existing
        if g.name.startswith(prefix)
        and g.glossary_id != keep.glossary_id
        and (_age(g) < _age(keep) if g.name != keep.name else _age(g) > _age(keep))
    ]
    for glossary_id in stale:
        account.call(partial(account.client.delete_multilingual_glossary, glossary_id))
    return tuple(stale)


def _create(
    client: deepl.DeepLClient, name: str, wanted: Mapping[LanguagePair, dict[str, str]]
) -> MultilingualGlossaryInfo:
    dictionaries = [
        MultilingualGlossaryDictionaryEntries(pair.source.upper(), _base(pair.target), entries)
        for pair, entries in sorted(wanted.items(), key=lambda item: _order(item[0]))
    ]
    return client.create_multilingual_glossary(name, dictionaries)


def _order(pair: LanguagePair) -> tuple[str, str]:
    return (pair.source, pair.target)


def _covers(info: MultilingualGlossaryInfo, wanted: Mapping[LanguagePair, dict[str, str]]) -> bool:
    """True when the remote glossary has every wanted dictionary with its entry count."""
    have = {(d.source_lang, d.target_lang): d.entry_count for d in info.dictionaries}
    return all(
        have.get((pair.source.upper(), _base(pair.target))) == len(entries)
        for pair, entries in wanted.items()
    )


def _base(language: str) -> str:
    return language.split("-")[0].upper()


@contextlib.contextmanager
def _machine_lock(key: str) -> Iterator[None]:
    """Jobs on this machine that use the same account and namespace take turns."""
    if fcntl is None:
        yield
        return
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"digest-i18n-glossary-{digest}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
