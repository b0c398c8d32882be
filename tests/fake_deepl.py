"""A fake DeepL API over real HTTP on 127.0.0.1, shaped like what the official client parses.

It answers ``/v2/translate``, ``/v2/usage``, ``/v2/languages``, ``/v2/glossary-language-pairs``
and the ``/v3/glossaries`` endpoints ``deepl.DeepLClient`` uses, with DeepL's limits (50 texts,
128 KiB bodies) and fault knobs for the engine's error paths.

Translation is a deterministic stand-in: the request's glossary dictionary replaces source
terms (longest first), then every remaining Hangul run becomes ``<LANG>·<hash>`` (no Hangul
left), and with ``tag_handling="xml"`` every tag and attribute survives.

Billing choice: ``billed_characters`` of a text is the number of characters of its text content,
XML tags excluded and entities counted as the one character they stand for (plain ``len`` when
tag handling is off). Real DeepL bills the whole string; counting content only makes the
numbers in tests easy to predict by hand. ``quota_characters`` rejects (456) a translate request
whose characters would take the total past the quota; nothing of it is billed.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

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


class FakeDeepL:
    """The fake server; use as a context manager, point the client at ``.url``."""

    def __init__(
        self,
        auth_key: str | None = None,
        *,
        reorder_tags: bool = False,
        drop_tag_once: bool = False,
        latency: float = 0.0,
        quota_characters: int | None = None,
    ) -> None:
        self.auth_key = auth_key or f"fake-{uuid.uuid4().hex}:fx"
        self.reorder_tags = reorder_tags
        self.drop_tag_once = drop_tag_once
        self.latency = latency
        self.quota_characters = quota_characters
        self.requests: list[RecordedRequest] = []
        self.billed_characters = 0
        self.translate_calls = 0
        self.glossaries: dict[str, Glossary] = {}
        self.glossaries_created = 0
        self.glossaries_deleted = 0
        self._lock = threading.Lock()
        self._failures: deque[int] = deque()
        self._resets = 0
        self._fraction: tuple[float, int, random.Random] | None = None
        self._server: ThreadingHTTPServer | None = None
        self._routes: dict[tuple[str, str], Callable[[RecordedRequest], Reply]] = {
            ("POST", "/v2/translate"): self._translate,
            ("GET", "/v2/usage"): self._usage,
            ("POST", "/v2/usage"): self._usage,
            ("GET", "/v2/languages"): self._languages,
            ("POST", "/v2/languages"): self._languages,
            ("GET", "/v2/glossary-language-pairs"): self._glossary_pairs,
            ("POST", "/v3/glossaries"): self._create_glossary,
            ("GET", "/v3/glossaries"): self._list_glossaries,
        }
        self._id_routes: dict[tuple[str, str], Callable[[RecordedRequest, str], Reply]] = {
            ("GET", "one"): self._get_glossary,
            ("DELETE", "one"): self._delete_glossary,
            ("GET", "entries"): self._glossary_entries,
        }

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL for ``server_url=``."""
        if self._server is None:
            raise RuntimeError("FakeDeepL is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> FakeDeepL:
        """Bind a free port and serve in a daemon thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (and so every test's teardown) quick.
        serve = partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeDeepL:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- fault injection -----------------------------------------------------------------

    def fail_next(self, *statuses: int) -> None:
        """Answer the next requests (any endpoint) with these statuses, in order."""
        with self._lock:
            self._failures.extend(statuses)

    def fail_fraction(self, p: float, status: int, seed: int = 0) -> None:
        """Answer a seeded random fraction ``p`` of translate requests with ``status``."""
        with self._lock:
            self._fraction = (p, status, random.Random(seed))

    def reset_next(self, n: int = 1) -> None:
        """Close the connection without answering the next ``n`` requests."""
        with self._lock:
            self._resets += n

    def translate_requests(self) -> list[RecordedRequest]:
        """Recorded ``/v2/translate`` requests, in arrival order."""
        with self._lock:
            return [r for r in self.requests if r.path == "/v2/translate"]

    # -- dispatch ------------------------------------------------------------------------

    def handle(self, request: RecordedRequest, auth: str | None) -> Reply | None:
        """Answer one request; None means drop the connection."""
        with self._lock:
            self.requests.append(request)
        if self.latency:
            time.sleep(self.latency)
        with self._lock:
            if self._resets:
                self._resets -= 1
                return None
            failure = self._failures.popleft() if self._failures else None
        if failure is not None:
            return _error(failure, STATUS_MESSAGES.get(failure, "Injected failure."))
        if auth != f"DeepL-Auth-Key {self.auth_key}":
            return _error(403, STATUS_MESSAGES[403])
        if request.body_bytes > MAX_BODY_BYTES:
            return _error(413, "Request Entity Too Large: the request body exceeds 128 KiB.")
        try:
            return self._route(request)
        except ApiError as err:
            return _error(err.status, err.message)

    def _route(self, request: RecordedRequest) -> Reply:
        route = self._routes.get((request.method, request.path))
        if route is not None:
            return route(request)
        for kind, pattern in (("entries", ENTRIES_PATH), ("one", GLOSSARY_PATH)):
            match = pattern.fullmatch(request.path)
            id_route = self._id_routes.get((request.method, kind))
            if match and id_route is not None:
                return id_route(request, match["gid"])
        raise ApiError(404, f"No route for {request.method} {request.path}.")

    # -- /v2 -----------------------------------------------------------------------------

    def _translate(self, request: RecordedRequest) -> Reply:
        body = _json_object(request)
        with self._lock:
            if self._fraction is not None:
                p, status, rng = self._fraction
                if rng.random() < p:
                    return _error(status, STATUS_MESSAGES.get(status, "Injected failure."))
        texts = _texts(body.get("text"))
        target = str(body.get("target_lang", "")).upper()
        if target not in TARGET_LANGUAGES:
            raise ApiError(400, "Value for 'target_lang' not supported.")
        source = str(body.get("source_lang") or "").upper() or None
        if source is not None and source not in SOURCE_LANGUAGES:
            raise ApiError(400, "Value for 'source_lang' not supported.")
        _check_formality(body.get("formality"), target)
        terms = self._glossary_terms(body.get("glossary_id"), source, target)
        xml = body.get("tag_handling") == "xml"
        trees = [_parse_xml(text, i) for i, text in enumerate(texts)] if xml else []
        billed = [len("".join(t.itertext())) for t in trees] if xml else [len(t) for t in texts]
        with self._lock:
            quota = self.quota_characters
            if quota is not None and self.billed_characters + sum(billed) > quota:
                return _error(456, STATUS_MESSAGES[456])
            outputs = [self._render(tree, terms, target) for tree in trees] if xml else None
            self.billed_characters += sum(billed)
            self.translate_calls += 1
        if outputs is None:
            outputs = [_translate_text(text, terms, target) for text in texts]
        translations = [
            {"detected_source_language": source or "KO", "text": out, "billed_characters": n}
            for out, n in zip(outputs, billed, strict=True)
        ]
        return Reply(200, {"translations": translations})

    def _render(self, root: ET.Element, terms: Mapping[str, str], target: str) -> str:
        """Translate one parsed text in place and serialise it (called under the lock)."""
        if self.reorder_tags:
            _reorder(root)
        if self.drop_tag_once and _drop_one_tag(root):
            self.drop_tag_once = False
        for element in root.iter():
            element.text = _translate_text(element.text or "", terms, target)
            if element is not root:
                element.tail = _translate_text(element.tail or "", terms, target)
        return escape(root.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in root)

    def _glossary_terms(self, gid: object, source: str | None, target: str) -> dict[str, str]:
        if gid is None:
            return {}
        if source is None:
            raise ApiError(400, "Parameter 'source_lang' is required when using a glossary.")
        with self._lock:
            glossary = self.glossaries.get(str(gid))
            if glossary is None:
                raise ApiError(400, "Value for 'glossary_id' not supported: glossary not found.")
            terms = glossary.dictionaries.get((source.lower(), _base(target)))
        if terms is None:
            raise ApiError(400, "The glossary has no dictionary for this language pair.")
        return terms

    def _usage(self, request: RecordedRequest) -> Reply:
        limit = self.quota_characters if self.quota_characters is not None else 1_000_000_000
        return Reply(200, {"character_count": self.billed_characters, "character_limit": limit})

    def _languages(self, request: RecordedRequest) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        kind = request.query.get("type") or body.get("type") or "source"
        if kind == "target":
            return Reply(
                200,
                [
                    {"language": code, "name": name, "supports_formality": formal}
                    for code, (name, formal) in TARGET_LANGUAGES.items()
                ],
            )
        return Reply(200, [{"language": c, "name": n} for c, n in SOURCE_LANGUAGES.items()])

    def _glossary_pairs(self, request: RecordedRequest) -> Reply:
        pairs = [
            {"source_lang": s.lower(), "target_lang": t}
            for s in SOURCE_LANGUAGES
            for t in _glossary_languages()
            if s.lower() != t
        ]
        return Reply(200, {"supported_languages": pairs})

    # -- /v3/glossaries ------------------------------------------------------------------

    def _create_glossary(self, request: RecordedRequest) -> Reply:
        body = _json_object(request)
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ApiError(400, "Parameter 'name' must not be empty.")
        dicts = body.get("dictionaries")
        if not isinstance(dicts, list) or not dicts:
            raise ApiError(400, "Parameter 'dictionaries' must be a non-empty list.")
        glossary = Glossary(uuid.uuid4().hex, name, _now())
        for item in dicts:
            pair, entries = _dictionary(item)
            if pair in glossary.dictionaries:
                raise ApiError(400, f"Duplicate dictionary for {pair[0]}->{pair[1]}.")
            glossary.dictionaries[pair] = entries
        with self._lock:
            self.glossaries[glossary.glossary_id] = glossary
            self.glossaries_created += 1
        return Reply(201, glossary.info())

    def _list_glossaries(self, request: RecordedRequest) -> Reply:
        with self._lock:
            return Reply(200, {"glossaries": [g.info() for g in self.glossaries.values()]})

    def _find(self, gid: str) -> Glossary:
        with self._lock:
            glossary = self.glossaries.get(gid)
        if glossary is None:
            raise ApiError(404, "Glossary not found.")
        return glossary

    def _get_glossary(self, request: RecordedRequest, gid: str) -> Reply:
        return Reply(200, self._find(gid).info())

    def _delete_glossary(self, request: RecordedRequest, gid: str) -> Reply:
        self._find(gid)
        with self._lock:
            del self.glossaries[gid]
            self.glossaries_deleted += 1
        return Reply(204)

    def _glossary_entries(self, request: RecordedRequest, gid: str) -> Reply:
        pair = (
            _base(request.query.get("source_lang", "")),
            _base(request.query.get("target_lang", "")),
        )
        entries = self._find(gid).dictionaries.get(pair)
        if entries is None:
            raise ApiError(404, "Glossary dictionary not found.")
        tsv = "\n".join(f"{s}\t{t}" for s, t in entries.items())
        dictionary = {"source_lang": pair[0], "target_lang": pair[1], "entries": tsv}
        return Reply(200, {"dictionaries": [{**dictionary, "entries_format": "tsv"}]})


class _Handler(BaseHTTPRequestHandler):
    """Turns HTTP into :meth:`FakeDeepL.handle` calls."""

    fake: FakeDeepL
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        """Stay silent: nothing in the test run prints."""

    def _serve(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "authorization"}
        request = RecordedRequest(
            method=self.command,
            path=url.path,
            query=dict(parse_qsl(url.query)),
            body=_parse_body(raw, self.headers.get("Content-Type", "")),
            body_bytes=len(raw),
            headers=headers,
        )
        reply = self.fake.handle(request, self.headers.get("Authorization"))
        if reply is None:
            self.close_connection = True
            return
        data = b"" if reply.payload is None else json.dumps(reply.payload).encode()
        try:
            self.send_response(reply.status)
            if data:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (latency tests)

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve


# -- helpers ---------------------------------------------------------------------------------


def _error(status: int, message: str) -> Reply:
    return Reply(status, {"message": message})


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _base(code: str) -> str:
    return code.split("-")[0].lower()


def _glossary_languages() -> list[str]:
    return sorted({_base(code) for code in TARGET_LANGUAGES})


def _parse_body(raw: bytes, content_type: str) -> Any:
    if not raw:
        return None
    try:
        if "application/x-www-form-urlencoded" in content_type:
            return dict(parse_qsl(raw.decode()))
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return None


def _json_object(request: RecordedRequest) -> dict[str, Any]:
    if not isinstance(request.body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return request.body


def _texts(value: object) -> list[str]:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not texts:
        raise ApiError(400, "Parameter 'text' not specified.")
    if len(texts) > MAX_TEXTS:
        raise ApiError(400, f"Too many texts: at most {MAX_TEXTS} texts per request.")
    if not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Parameter 'text' must hold strings.")
    return texts


def _check_formality(value: object, target: str) -> None:
    if value is None:
        return
    if value not in FORMALITIES:
        raise ApiError(400, "Value for 'formality' not supported.")
    if value in ("more", "less") and not TARGET_LANGUAGES[target][1]:
        raise ApiError(400, "'formality' is not supported for given 'target_lang'.")


def _parse_xml(text: str, index: int) -> ET.Element:
    try:
        return ET.fromstring(f"<deepl-root>{text}</deepl-root>")
    except ET.ParseError as err:
        raise ApiError(
            400, f"Tag handling parsing failed, please check input (text {index}: {err})."
        ) from err


def _translate_text(text: str, terms: Mapping[str, str], target: str) -> str:
    if terms:
        pattern = "|".join(re.escape(s) for s in sorted(terms, key=len, reverse=True))
        text = re.sub(pattern, lambda m: terms[m.group(0)], text)
    lang = target.split("-")[0]
    return HANGUL_RUN.sub(lambda m: f"{lang}·{_short_hash(target, m.group(0))}", text)


def _short_hash(target: str, run: str) -> str:
    return hashlib.sha256(f"{target}\0{run}".encode()).hexdigest()[:6]


def _reorder(root: ET.Element) -> None:
    """Reverse every run of sibling elements (each keeps its tail), as word order changes do."""
    for parent in list(root.iter()):
        children = list(parent)
        if len(children) > 1:
            for child in children:
                parent.remove(child)
            parent.extend(reversed(children))


def _drop_one_tag(root: ET.Element) -> bool:
    """Unwrap the first empty element (else the first element); False if there is none."""
    parents = {child: parent for parent in root.iter() for child in parent}
    elements = [e for e in root.iter() if e is not root]
    empty = [e for e in elements if len(e) == 0 and not e.text]
    if not elements:
        return False
    victim = (empty or elements)[0]
    parent = parents[victim]
    index = list(parent).index(victim)
    kids = list(victim)
    parent.remove(victim)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    _append_text(parent, index, victim.text or "")
    _append_text(parent, index + len(kids), victim.tail or "")
    return True


def _append_text(parent: ET.Element, index: int, text: str) -> None:
    """Append ``text`` where child ``index`` starts: the previous sibling's tail or the text."""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


def _dictionary(item: object) -> tuple[tuple[str, str], dict[str, str]]:
    if not isinstance(item, dict):
        raise ApiError(400, "Each dictionary must be a JSON object.")
    source, target = (
        _base(str(item.get("source_lang", ""))),
        _base(str(item.get("target_lang", ""))),
    )
    languages = _glossary_languages()
    if source not in languages or target not in languages or source == target:
        raise ApiError(400, f"Unsupported glossary language pair {source}->{target}.")
    if item.get("entries_format", "tsv") != "tsv":
        raise ApiError(400, "Value for 'entries_format' not supported (the fake reads tsv).")
    return (source, target), _parse_tsv(str(item.get("entries", "")))


def _parse_tsv(tsv: str) -> dict[str, str]:
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
