"""Front-matter and currency checks: the metadata is intact and the translation is current."""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import Any

from i18n.checks._model import CheckPair, Finding

# Keys translate itself writes into every translation.
_WRITTEN_BY_TRANSLATE = frozenset({"lang", "i18n"})


def check_front_matter(pair: CheckPair) -> list[Finding]:
    """The translation's front matter is there when the source has one, and parses."""
    error = pair.target.front_matter_error
    if error is not None:
        return [
            pair.finding(
                "front-matter",
                error.line or 1,
                1,
                f"the front matter cannot be read: {error.message}",
            )
        ]
    if pair.source.front_matter is not None and pair.target.front_matter is None:
        return [
            pair.finding("front-matter", 1, 1, "the front matter is missing; the source has one")
        ]
    return []


_QUOTE = reprlib.Repr()
"""Quotes a value within a bound: front matter may be an alias bomb (a few hundred bytes of
YAML whose full ``repr`` takes hundreds of megabytes)."""
_QUOTE.maxlevel, _QUOTE.maxlist, _QUOTE.maxdict = 3, 4, 4
_QUOTE.maxstring = _QUOTE.maxother = _QUOTE.maxlong = 40


def _show(value: Any) -> str:
    text = _QUOTE.repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _same(want: Any, got: Any, seen: set[tuple[int, int]] | None = None) -> bool:
    """Deep equality that compares each pair of shared objects once (YAML aliases make a
    small document a huge tree; ``==`` would walk all of it, once per path)."""
    if want is got:
        return True
    seen = set() if seen is None else seen
    pair = (id(want), id(got))
    if pair in seen:
        return True  # being compared further up, or already found equal
    if isinstance(want, list) and isinstance(got, list):
        seen.add(pair)
        if len(want) != len(got):
            return False
        return all(_same(a, b, seen) for a, b in zip(want, got, strict=True))
    if isinstance(want, dict) and isinstance(got, dict):
        seen.add(pair)
        return want.keys() == got.keys() and all(_same(want[k], got[k], seen) for k in want)
    return bool(want == got)


def check_front_matter_keys(pair: CheckPair) -> list[Finding]:
    """Keys not configured as translatable keep their values; translatable ones stay present."""
    source_fm, target_fm = pair.source.front_matter, pair.target.front_matter
    if source_fm is None or target_fm is None:
        return []
    want, got = source_fm.data, target_fm.data
    translatable = pair.context.translatable_keys
    findings = []
    for key in want:
        if key in _WRITTEN_BY_TRANSLATE:
            continue
        line, source_line = pair.target.key_line(key), pair.source.key_line(key)
        if key not in got:
            findings.append(
                pair.finding(
                    "front-matter-keys", line, source_line, f"front-matter key '{key}' is missing"
                )
            )
        elif key not in translatable and not _same(want[key], got[key]):
            findings.append(
                pair.finding(
                    "front-matter-keys",
                    line,
                    source_line,
                    f"'{key}' is {_show(got[key])}; the source's is {_show(want[key])} "
                    "(only translatable keys may change)",
                )
            )
    for key in got:
        if key not in want and key not in _WRITTEN_BY_TRANSLATE:
            findings.append(
                pair.finding(
                    "front-matter-keys",
                    pair.target.key_line(key),
                    1,
                    f"front-matter key '{key}' is not in the source",
                )
            )
    return findings


def _metadata(pair: CheckPair) -> Mapping[str, Any] | None:
    fm = pair.target.front_matter
    meta = fm.data.get("i18n") if fm is not None else None
    return meta if isinstance(meta, Mapping) else None


def check_stale(pair: CheckPair) -> list[Finding]:
    """The source has not changed since it was translated (``i18n.source_sha256``)."""
    meta = _metadata(pair)
    recorded = meta.get("source_sha256") if meta is not None else None
    if not isinstance(recorded, str) or not recorded or recorded == pair.context.source_sha256:
        return []
    return [
        pair.finding(
            "stale",
            _metadata_line(pair),
            1,
            f"the source changed after it was translated (translated from {recorded[:12]}…, "
            f"the source is now {pair.context.source_sha256[:12]}…)",
        )
    ]


def check_untracked(pair: CheckPair) -> list[Finding]:
    """The translation records which source it came from, so staleness can be checked."""
    if pair.target.front_matter_error is not None:
        return []
    meta = _metadata(pair)
    recorded = meta.get("source_sha256") if meta is not None else None
    if isinstance(recorded, str) and recorded:
        return []
    return [
        pair.finding(
            "untracked",
            _metadata_line(pair),
            1,
            "no i18n.source_sha256 in the front matter: whether it is current cannot be checked",
        )
    ]


def _metadata_line(pair: CheckPair) -> int:
    fm = pair.target.front_matter
    if fm is None:
        return 1
    at = pair.target.text.find("source_sha256", fm.content_start, fm.content_end)
    return pair.target.line_of(at) if at >= 0 else pair.target.key_line("i18n")
