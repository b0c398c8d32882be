"""The fake's data: limits, languages, recorded requests, glossaries, request parsing."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

MAX_TEXTS = 50
MAX_BODY_BYTES = 128 * 1024
SOURCE_LANGUAGES = {"KO": "Korean", "EN": "English", "JA": "Japanese", "DE": "German"}
TARGET_LANGUAGES = {  # code -> (name, supports_formality)
    "KO": ("Korean", False),
    "EN-US": ("English (American)", False),
    "EN-GB": ("English (British)", False),
    "JA": ("Japanese", True),
    "DE": ("German", True),
}
TAG_HANDLING_VERSIONS = {"v1", "v2"}
"""``v2`` parses XML strictly; ``v1`` (the default of accounts that used tag handling before
2025-12-01) lets malformed tags through. Neither takes a character XML 1.0 forbids."""
FORMALITIES = {"default", "more", "less", "prefer_more", "prefer_less"}
HANGUL_RUN = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+")
FORBIDDEN_IN_TERM = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
GLOSSARY_PATH = re.compile(r"/v3/glossaries/(?P<gid>[^/]+)")
ENTRIES_PATH = re.compile(r"/v3/glossaries/(?P<gid>[^/]+)/entries")
STATUS_MESSAGES = {
    403: "Authorization failed. Please supply a valid auth key.",
    429: "Too many requests. Please wait and resend your request.",
    456: "Quota exceeded. The character limit has been reached.",
}


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    """HTTP method."""
    path: str
    """URL path without the query string."""
    query: Mapping[str, str]
    """Query-string parameters."""
    body: Any
    """Parsed JSON (or form fields as a dict); None for an empty or unparsable body."""
    body_bytes: int
    """Length of the raw request body."""
    headers: Mapping[str, str]
    """Request headers, the Authorization header left out."""


@dataclass(slots=True)
class Glossary:
    """A stored v3 multilingual glossary."""

    glossary_id: str
    """Server-assigned id."""
    name: str
    """User-given name."""
    creation_time: str
    """ISO timestamp as DeepL writes it."""
    dictionaries: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    """(source, target) lower-case base codes -> source term -> target term."""

    def info(self) -> dict[str, Any]:
        """The JSON ``MultilingualGlossaryInfo.from_json`` reads."""
        dicts = [
            {"source_lang": s, "target_lang": t, "entry_count": len(e)}
            for (s, t), e in self.dictionaries.items()
        ]
        return {
            "glossary_id": self.glossary_id,
            "name": self.name,
            "creation_time": self.creation_time,
            "dictionaries": dicts,
        }


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer; ``payload`` None means an empty body."""

    status: int
    """HTTP status."""
    payload: Any = None
    """JSON body."""


class ApiError(Exception):
    """Raised by a route to answer an error status with DeepL's ``{"message": …}`` body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_reply(status: int, message: str) -> Reply:
    return Reply(status, {"message": message})


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def base_code(code: str) -> str:
    return code.split("-")[0].lower()


def glossary_languages() -> list[str]:
    return sorted({base_code(code) for code in TARGET_LANGUAGES})


def parse_body(raw: bytes, content_type: str) -> Any:
    if not raw:
        return None
    try:
        if "application/x-www-form-urlencoded" in content_type:
            return dict(parse_qsl(raw.decode()))
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return None


def json_object(request: RecordedRequest) -> dict[str, Any]:
    if not isinstance(request.body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return request.body


def request_texts(value: object) -> list[str]:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not texts:
        raise ApiError(400, "Parameter 'text' not specified.")
    if len(texts) > MAX_TEXTS:
        raise ApiError(400, f"Too many texts: at most {MAX_TEXTS} texts per request.")
    if not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Parameter 'text' must hold strings.")
    return texts


def check_formality(value: object, target: str) -> None:
    if value is None:
        return
    if value not in FORMALITIES:
        raise ApiError(400, "Value for 'formality' not supported.")
    if value in ("more", "less") and not TARGET_LANGUAGES[target][1]:
        raise ApiError(400, "'formality' is not supported for given 'target_lang'.")


def parse_dictionary(item: object) -> tuple[tuple[str, str], dict[str, str]]:
    if not isinstance(item, dict):
        raise ApiError(400, "Each dictionary must be a JSON object.")
    source, target = (
        base_code(str(item.get("source_lang", ""))),
        base_code(str(item.get("target_lang", ""))),
    )
    languages = glossary_languages()
    if source not in languages or target not in languages or source == target:
        raise ApiError(400, f"Unsupported glossary language pair {source}->{target}.")
    if item.get("entries_format", "tsv") != "tsv":
        raise ApiError(400, "Value for 'entries_format' not supported (the fake reads tsv).")
    return (source, target), parse_tsv(str(item.get("entries", "")))


def parse_tsv(tsv: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(tsv.split("\n"), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise ApiError(400, f"Invalid glossary entries: entry {number} needs exactly one tab.")
        source, target = fields
        if not source.strip() or not target.strip():
            raise ApiError(400, f"Invalid glossary entries: entry {number} has an empty term.")
        if FORBIDDEN_IN_TERM.search(source + target):
            raise ApiError(
                400, f"Invalid glossary entries: entry {number} has a control character."
            )
        if source in entries:
            raise ApiError(400, f"Invalid glossary entries: entry {number} duplicates '{source}'.")
        entries[source] = target
    if not entries:
        raise ApiError(400, "Invalid glossary entries: no entries.")
    return entries
