"""A fake DeepL API over real HTTP on 127.0.0.1, shaped like what the official client parses.

It answers ``/v2/translate``, ``/v2/usage``, ``/v2/languages``, ``/v2/glossary-language-pairs``
and the ``/v3/glossaries`` endpoints ``deepl.DeepLClient`` uses, with DeepL's limits (50 texts,
128 KiB bodies) and fault knobs for the engine's error paths.

Translation is a deterministic stand-in: the request's glossary dictionary replaces source
terms (longest first), then every remaining Hangul run becomes a stand-in word (no Hangul
left), and with ``tag_handling="xml"`` every tag and attribute survives.

Billing choice: ``billed_characters`` of a text is the number of characters of its text content,
XML tags excluded and entities counted as the one character they stand for (plain ``len`` when
tag handling is off). Real DeepL bills the whole string; counting content only makes the
numbers in tests easy to predict by hand. ``quota_characters`` rejects (456) a translate request
whose characters would take the total past the quota; nothing of it is billed.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable, Mapping
from functools import partial
from http.server import ThreadingHTTPServer
from types import TracebackType
from xml.sax.saxutils import escape

from fake_deepl._http import Handler
from fake_deepl._model import (
    ENTRIES_PATH,
    GLOSSARY_PATH,
    HANGUL_RUN,
    MAX_BODY_BYTES,
    MAX_TEXTS,
    SOURCE_LANGUAGES,
    STATUS_MESSAGES,
    TAG_HANDLING_VERSIONS,
    TARGET_LANGUAGES,
    ApiError,
    Glossary,
    RecordedRequest,
    Reply,
    base_code,
    check_formality,
    error_reply,
    glossary_languages,
    json_object,
    parse_dictionary,
    request_texts,
    timestamp,
)
from fake_deepl._xml import (
    content_length,
    drop_one_tag,
    japanese_order,
    last_first,
    parse_tagged,
    reorder,
    translate_around_tags,
    translate_text,
)

__all__ = ["HANGUL_RUN", "MAX_BODY_BYTES", "MAX_TEXTS", "FakeDeepL", "RecordedRequest"]


class FakeDeepL:
    """The fake server; use as a context manager, point the client at ``.url``."""

    def __init__(
        self,
        auth_key: str | None = None,
        *,
        reorder_tags: bool = False,
        japanese_order: bool = True,
        last_first: bool = False,
        tag_handling_default: str = "v1",
        drop_tag_once: bool = False,
        latency: float = 0.0,
        quota_characters: int | None = None,
    ) -> None:
        self.auth_key = auth_key or f"fake-{uuid.uuid4().hex}:fx"
        self.reorder_tags = reorder_tags
        self.japanese_order = japanese_order
        self.last_first = last_first
        self.tag_handling_default = tag_handling_default
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
        self._refuse: str | None = None
        self._smuggle: tuple[str, int] = ("", 0)
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
        handler = type("Handler", (Handler,), {"fake": self})
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

    def refuse_texts_with(self, marker: str | None) -> None:
        """Answer 400 to a translate request any of whose texts holds ``marker``, as DeepL's
        parser does for a text it cannot take (None: stop refusing)."""
        with self._lock:
            self._refuse = marker

    def smuggle(self, addition: str, count: int = 1) -> None:
        """Append ``addition`` to the next ``count`` translations (an engine's bad answer)."""
        with self._lock:
            self._smuggle = (addition, count)

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
            return error_reply(failure, STATUS_MESSAGES.get(failure, "Injected failure."))
        if auth != f"DeepL-Auth-Key {self.auth_key}":
            return error_reply(403, STATUS_MESSAGES[403])
        if request.body_bytes > MAX_BODY_BYTES:
            return error_reply(413, "Request Entity Too Large: the request body exceeds 128 KiB.")
        try:
            return self._route(request)
        except ApiError as err:
            return error_reply(err.status, err.message)

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
        body = json_object(request)
        with self._lock:
            if self._fraction is not None:
                p, status, rng = self._fraction
                if rng.random() < p:
                    return error_reply(status, STATUS_MESSAGES.get(status, "Injected failure."))
        texts = request_texts(body.get("text"))
        with self._lock:
            if self._refuse is not None and any(self._refuse in text for text in texts):
                raise ApiError(400, "Tag handling parsing failed, please check input.")
        target = str(body.get("target_lang", "")).upper()
        if target not in TARGET_LANGUAGES:
            raise ApiError(400, "Value for 'target_lang' not supported.")
        source = str(body.get("source_lang") or "").upper() or None
        if source is not None and source not in SOURCE_LANGUAGES:
            raise ApiError(400, "Value for 'source_lang' not supported.")
        check_formality(body.get("formality"), target)
        terms = self._glossary_terms(body.get("glossary_id"), source, target)
        xml = body.get("tag_handling") == "xml"
        version = str(body.get("tag_handling_version") or self.tag_handling_default)
        if version not in TAG_HANDLING_VERSIONS:
            raise ApiError(400, "Value for 'tag_handling_version' not supported.")
        trees = [
            parse_tagged(text, i, strict=version == "v2") if xml else None
            for i, text in enumerate(texts)
        ]
        billed = [
            len(t) if not xml else content_length(tree, t)
            for t, tree in zip(texts, trees, strict=True)
        ]
        with self._lock:
            quota = self.quota_characters
            if quota is not None and self.billed_characters + sum(billed) > quota:
                return error_reply(456, STATUS_MESSAGES[456])
            outputs = [
                self._render(tree, text, terms, target) if xml else None
                for tree, text in zip(trees, texts, strict=True)
            ]
            outputs = [self._smuggled(out) for out in outputs]
            self.billed_characters += sum(billed)
            self.translate_calls += 1
        translations = [
            {"detected_source_language": source or "KO", "text": out, "billed_characters": n}
            for out, n in zip(
                [
                    o if o is not None else translate_text(t, terms, target)
                    for o, t in zip(outputs, texts, strict=True)
                ],
                billed,
                strict=True,
            )
        ]
        if xml:
            for translation in translations:
                translation["tag_handling_version"] = version
        return Reply(200, {"translations": translations})

    def _render(
        self, root: ET.Element | None, text: str, terms: Mapping[str, str], target: str
    ) -> str:
        """Translate one text in place and serialise it (called under the lock); a text tag
        handling v1 could not parse is translated around its tags, which stay as they are."""
        if root is None:
            return translate_around_tags(text, terms, target)
        if self.reorder_tags:
            reorder(root)
        if self.japanese_order and base_code(target) == "ja":
            japanese_order(root)
        if self.last_first and base_code(target) == "ja":
            last_first(root)
        if self.drop_tag_once and drop_one_tag(root):
            self.drop_tag_once = False
        for element in root.iter():
            element.text = translate_text(element.text or "", terms, target)
            if element is not root:
                element.tail = translate_text(element.tail or "", terms, target)
        return escape(root.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in root)

    def _smuggled(self, output: str | None) -> str | None:
        addition, count = self._smuggle
        if output is None or not count:
            return output
        self._smuggle = (addition, count - 1)
        return output + addition

    def _glossary_terms(self, gid: object, source: str | None, target: str) -> dict[str, str]:
        if gid is None:
            return {}
        if source is None:
            raise ApiError(400, "Parameter 'source_lang' is required when using a glossary.")
        with self._lock:
            glossary = self.glossaries.get(str(gid))
            if glossary is None:
                raise ApiError(400, "Invalid glossary_id")
            terms = glossary.dictionaries.get((source.lower(), base_code(target)))
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
            for t in glossary_languages()
            if s.lower() != t
        ]
        return Reply(200, {"supported_languages": pairs})

    # -- /v3/glossaries ------------------------------------------------------------------

    def _create_glossary(self, request: RecordedRequest) -> Reply:
        body = json_object(request)
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ApiError(400, "Parameter 'name' must not be empty.")
        dicts = body.get("dictionaries")
        if not isinstance(dicts, list) or not dicts:
            raise ApiError(400, "Parameter 'dictionaries' must be a non-empty list.")
        glossary = Glossary(uuid.uuid4().hex, name, timestamp())
        for item in dicts:
            pair, entries = parse_dictionary(item)
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
            base_code(request.query.get("source_lang", "")),
            base_code(request.query.get("target_lang", "")),
        )
        entries = self._find(gid).dictionaries.get(pair)
        if entries is None:
            raise ApiError(404, "Glossary dictionary not found.")
        tsv = "\n".join(f"{s}\t{t}" for s, t in entries.items())
        dictionary = {"source_lang": pair[0], "target_lang": pair[1], "entries": tsv}
        return Reply(200, {"dictionaries": [{**dictionary, "entries_format": "tsv"}]})
