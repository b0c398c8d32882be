"""What one DeepL request holds: its fields, its exact JSON size, and how segments are
split into requests within DeepL's limits (50 texts, 128 KiB of body)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from i18n.config import DeepLOptions
from i18n.engines._base import LanguagePair, Segment
from i18n.errors import TranslationFailed

MAX_BATCH_TEXTS = 50
MAX_BATCH_BYTES = 128 * 1024
TAG_HANDLING_VERSION = "v2"
"""Pinned, not left to the account: without it DeepL uses v1 for accounts that used tag
handling before 2025-12-01 and v2 after, so output and strictness would depend on the key.
v2 parses XML strictly (a malformed text is a 400, never silently mistranslated) and places
tags by the translated sentence rather than by the source's tag positions; our units are
always well-formed XML and are rebuilt from tag ids, so strictness costs nothing."""


@dataclass(frozen=True, slots=True)
class RequestFields:
    """The request fields that do not depend on the texts."""

    source_lang: str
    """Upper-case DeepL source code."""
    target_lang: str
    """DeepL target code."""
    formality: str | None
    """Lower-case formality, or None to leave DeepL's default."""
    glossary_id: str | None
    """Remote glossary id, or None."""

    def as_json(self) -> dict[str, object]:
        """These fields as the client puts them in the JSON body."""
        body: dict[str, object] = {"target_lang": self.target_lang, "source_lang": self.source_lang}
        if self.formality is not None:
            body["formality"] = self.formality
        if self.glossary_id is not None:
            body["glossary_id"] = self.glossary_id
        body["tag_handling"] = "xml"
        body["tag_handling_version"] = TAG_HANDLING_VERSION
        return body


def request_body_bytes(
    texts: Sequence[str], context: str, extra_fields: Mapping[str, object] | None = None
) -> int:
    """Exact size of the JSON body the client sends for these texts.

    requests serialises with ``json.dumps`` (``ensure_ascii``: a Hangul character costs six
    bytes, an astral one twelve); ``extra_fields`` are the other fields (target_lang …).
    """
    body: dict[str, object] = {**(extra_fields or {}), "text": list(texts)}
    body["show_billed_characters"] = True
    if context:
        body["context"] = context
    return len(json.dumps(body, allow_nan=False).encode("utf-8"))


def join_context(segments: Sequence[Segment]) -> str:
    """One request's context: the distinct non-empty contexts, in order, one per line."""
    return "\n".join(dict.fromkeys(s.context for s in segments if s.context))


def plan_requests(
    segments: Sequence[Segment],
    extra_fields: Mapping[str, object],
    max_texts: int = MAX_BATCH_TEXTS,
    max_bytes: int = MAX_BATCH_BYTES,
) -> list[tuple[list[Segment], str]]:
    """Split ``segments`` greedily into (segments, context) requests within DeepL's limits.

    A unit whose own context does not fit is sent without context rather than not at all.
    """
    plans: list[tuple[list[Segment], str]] = []
    current: list[Segment] = []
    for segment in segments:
        candidate = [*current, segment]
        if current and (len(candidate) > max_texts or _size(candidate, extra_fields) > max_bytes):
            plans.append((current, join_context(current)))
            candidate = [segment]
        current = candidate
        if len(current) == 1 and _size(current, extra_fields) > max_bytes:
            size = request_body_bytes([segment.text], "", extra_fields)
            if size > max_bytes:
                raise TranslationFailed(
                    f"a unit is too large for one DeepL request ({size} bytes > {max_bytes}): "
                    f"{brief(segment.text)}"
                )
            plans.append((current, ""))
            current = []
    if current:
        plans.append((current, join_context(current)))
    return plans


def _size(segments: Sequence[Segment], extra_fields: Mapping[str, object]) -> int:
    return request_body_bytes([s.text for s in segments], join_context(segments), extra_fields)


def target_code(options: DeepLOptions, pair: LanguagePair) -> str:
    """DeepL's target code for ``pair`` (``en`` -> ``EN-US`` unless configured)."""
    target = pair.target.lower()
    return options.english.upper() if target == "en" else target.upper()


def formality(options: DeepLOptions, pair: LanguagePair) -> str | None:
    """Configured formality for ``pair``'s target, lower-case, or None."""
    value = options.formality.get(pair.target.lower())
    return value.lower() if value else None


def deepl_cache_id(options: DeepLOptions, pair: LanguagePair) -> str:
    """The ``deepl`` engine's cache id for ``pair``, without a client (the ``memory`` engine)."""
    tone = formality(options, pair) or "default"
    target = target_code(options, pair)
    # The tag-handling version is left out on purpose: a v1 answer in the memory passed the
    # same tag and character validation a v2 answer must pass, so it is still a correct
    # translation of the same text; keying on the version would make every existing memory
    # miss (and `--engine memory` fail in CI) until the whole site was paid for again.
    return f"deepl:{pair.source.upper()}>{target}:formality={tone}:tags=xml:model=default"


def glossary_digest(dicts: Mapping[LanguagePair, Mapping[str, str]]) -> str:
    """Content digest of the requested dictionaries (names the remote glossary)."""
    canonical = sorted(
        [pair.source.lower(), pair.target.lower(), sorted(entries.items())]
        for pair, entries in dicts.items()
        if entries
    )
    blob = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def brief(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
