"""The real engine: DeepL through the official ``deepl`` client.

Retries on 429/5xx and dropped connections are the client's own (exponential back-off);
this module only configures them. Every ``deepl`` exception is turned into an
:class:`~i18n.errors.I18nError` *outside* the ``except`` block, so no client exception (whose
request object carries the auth key in its headers) stays attached as ``__context__``.
"""

from __future__ import annotations

import os
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import TypeVar
from urllib.parse import urlsplit

import deepl
from deepl import http_client

from i18n.config import DeepLOptions
from i18n.engines._base import BatchResult, GlossaryTerms, LanguagePair, Segment
from i18n.engines.deepl._glossary import Account, GlossarySync, sync_remote
from i18n.engines.deepl._requests import (
    MAX_BATCH_BYTES,
    MAX_BATCH_TEXTS,
    TAG_HANDLING_VERSION,
    RequestFields,
    brief,
    deepl_cache_id,
    formality,
    glossary_digest,
    join_context,
    plan_requests,
    request_body_bytes,
    target_code,
)
from i18n.errors import (
    EngineUnavailable,
    GlossaryError,
    I18nError,
    TextsRefused,
    TranslationFailed,
    UsageError,
)
from i18n.glossary import spelling_variants

NO_KEY_MESSAGE = (
    "DEEPL_AUTH_KEY is not set: export your DeepL API key, "
    "or use --engine pseudo for an offline dry run"
)
KEPT = "finished work is kept in the cache"
_BAD_TERM = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_T = TypeVar("_T")
_REFUSALS = {  # statuses the client does not retry, whatever the settings
    403: "DeepL rejected the auth key (403): check DEEPL_AUTH_KEY",
    456: (
        "DeepL quota exceeded (456): this billing period's character limit is used up; "
        f"{KEPT}, so rerun once the quota resets or is raised"
    ),
}


class GlossaryGone(GlossaryError):
    """A translate request named a glossary the account no longer has."""


class DeepLEngine:
    """The ``deepl`` engine (Engine Protocol of :mod:`i18n.engines._base`)."""

    def __init__(self, auth_key: str, options: DeepLOptions, server_url: str | None = None) -> None:
        if not auth_key.strip():
            raise EngineUnavailable(NO_KEY_MESSAGE)
        _check_options(options)
        self._options = options
        self._server_url = server_url
        self._secret = auth_key.strip()
        self._client = deepl.DeepLClient(auth_key.strip(), server_url=server_url)
        self._account = Account(
            self._client,
            self._call,
            options.glossary_namespace,
            f"{server_url or 'default'} {options.glossary_namespace}",
        )
        self._lock = threading.RLock()
        self._glossary_id: str | None = None
        self._synced: dict[LanguagePair, dict[str, str]] = {}
        self.last_sync: GlossarySync | None = None

    def __repr__(self) -> str:
        return f"DeepLEngine(server_url={self._server_url!r}, options={self._options!r})"

    @property
    def name(self) -> str:
        """Engine name as given on the command line."""
        return "deepl"

    @property
    def remote(self) -> bool:
        """DeepL is a service: its requests run on worker threads."""
        return True

    @property
    def max_batch_texts(self) -> int:
        """DeepL's limit on texts per request."""
        return MAX_BATCH_TEXTS

    @property
    def max_batch_bytes(self) -> int:
        """DeepL's limit on the request body (see :func:`request_body_bytes`)."""
        return MAX_BATCH_BYTES

    def cache_id(self, pair: LanguagePair) -> str:
        """Engine and every setting that changes the output for ``pair``."""
        return deepl_cache_id(self._options, pair)

    def request_fields(self, pair: LanguagePair, glossary: GlossaryTerms) -> dict[str, object]:
        """Fields besides texts and context a request for ``pair`` carries.

        Pass them to :func:`request_body_bytes` to pack batches that are one request each.
        Syncs the glossary first when ``glossary`` has entries not synced yet.
        """
        return self._fields(pair, glossary).as_json()

    def batch_bytes(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> int:
        """Exact JSON body size of one request carrying ``segments``."""
        texts = [s.text for s in segments]
        return request_body_bytes(
            texts, join_context(segments), self.request_fields(pair, glossary)
        )

    def translate(
        self, segments: Sequence[Segment], pair: LanguagePair, glossary: GlossaryTerms
    ) -> BatchResult:
        """Translate ``segments`` in as few requests as DeepL's limits allow.

        ``requests`` counts the translate calls made; the client's own retries are not seen.
        """
        if not segments:
            return BatchResult(texts=[])
        fields = self._fields(pair, glossary)
        texts: list[str] = []
        billed = 0
        plans = plan_requests(segments, fields.as_json())
        for batch, context in plans:
            sources = [s.text for s in batch]
            try:
                results = self._call(partial(self._request, sources, context, fields), sources)
            except GlossaryGone:
                # another job (an older version of this tool, a manual prune) deleted the
                # glossary: find or make it again, once, and resend
                self._resync_glossary()
                fields = self._fields(pair, glossary)
                results = self._call(partial(self._request, sources, context, fields), sources)
            texts.extend(r.text for r in results)
            billed += sum(int(r.billed_characters or 0) for r in results)
        return BatchResult(texts=texts, billed_characters=billed, requests=len(plans))

    def _request(
        self, texts: list[str], context: str, fields: RequestFields
    ) -> list[deepl.TextResult]:
        results = self._client.translate_text(
            texts,
            source_lang=fields.source_lang,
            target_lang=fields.target_lang,
            context=context or None,
            formality=fields.formality,
            glossary=fields.glossary_id,
            tag_handling="xml",
            tag_handling_version=TAG_HANDLING_VERSION,
        )
        answered = results if isinstance(results, list) else [results]
        if len(answered) != len(texts):
            raise EngineUnavailable(
                f"DeepL answered {len(answered)} translations for {len(texts)} texts"
            )
        return answered

    def _fields(self, pair: LanguagePair, glossary: GlossaryTerms) -> RequestFields:
        return RequestFields(
            source_lang=pair.source.upper(),
            target_lang=target_code(self._options, pair),
            formality=formality(self._options, pair),
            glossary_id=self._glossary_for(pair, glossary),
        )

    # -- glossary --------------------------------------------------------------------------

    def sync_glossary(
        self, dicts: Mapping[LanguagePair, GlossaryTerms], *, prune: bool = False
    ) -> str | None:
        """Make one remote glossary hold every pair's entries; return its id (None: no entries).

        Found by its content-addressed name (no local state needed), else created; shared
        with every job on the account (:mod:`._glossary`). With ``prune``, the namespace's
        provably stale glossaries are deleted.
        """
        wanted = {pair: dict(terms.entries) for pair, terms in dicts.items() if terms.entries}
        with self._lock:
            if not wanted:
                self._glossary_id, self._synced = None, {}
                self.last_sync = GlossarySync(None, "", created=False)
                return None
            for pair, entries in wanted.items():
                _check_terms(pair, entries)
            remote = {pair: _with_spellings(entries) for pair, entries in wanted.items()}
            name = f"{self._options.glossary_namespace} {glossary_digest(remote)}"
            outcome = sync_remote(self._account, name, remote, prune=prune)
            self._glossary_id, self._synced = outcome.glossary_id, wanted
            self.last_sync = outcome
            return outcome.glossary_id

    def _resync_glossary(self) -> None:
        """The glossary in use was deleted behind our back: find or make it again."""
        with self._lock:
            synced = {pair: GlossaryTerms(entries=e) for pair, e in self._synced.items()}
            self._synced = {}
            self.sync_glossary(synced)

    def _glossary_for(self, pair: LanguagePair, glossary: GlossaryTerms) -> str | None:
        """The glossary id covering ``pair``; syncs lazily when the caller did not.

        A lazy sync adds the pair to what is synced and never prunes: another worker may
        still be translating with the previous glossary.
        """
        if not glossary.entries:
            return None
        with self._lock:
            if self._synced.get(pair) == dict(glossary.entries):
                return self._glossary_id
            merged = {p: GlossaryTerms(entries=e) for p, e in self._synced.items()}
            merged[pair] = glossary
            return self.sync_glossary(merged)

    # -- errors ----------------------------------------------------------------------------

    def _call(self, action: Callable[[], _T], texts: Sequence[str] | None = None) -> _T:
        """Run one client call with the configured retries; map its failure to our errors."""
        http_client.max_network_retries = self._options.max_retries
        http_client.min_connection_timeout = self._options.timeout
        try:
            return action()
        except deepl.DeepLException as exc:
            failure = self._map_error(exc, texts)
        except ValueError as exc:  # the client's own argument checks
            refused = TranslationFailed if texts is not None else GlossaryError
            failure = refused(f"the DeepL client refused the request: {self._clean(exc)}")
        raise failure

    def _map_error(self, exc: deepl.DeepLException, texts: Sequence[str] | None) -> I18nError:
        status, retries = exc.http_status_code, self._options.max_retries
        if status in _REFUSALS:
            return EngineUnavailable(_REFUSALS[status])
        if status is None and isinstance(exc, deepl.ConnectionException):
            return EngineUnavailable(
                f"cannot reach DeepL at {self._where()}: {_reason(exc)} after {retries} retries "
                f"(check the network or DEEPL_SERVER_URL); {KEPT}"
            )
        if status is not None and (status == 429 or status >= 500):
            kind = "rate limited" if status == 429 else "server error"
            return EngineUnavailable(
                f"DeepL still answered {status} ({kind}) after {retries} retries: "
                f"try again later; {KEPT}"
            )
        if status in (400, 404) and texts is not None and "glossary" in str(exc).lower():
            gone = f"DeepL no longer knows the glossary ({status}: {self._clean(exc)})"
            return GlossaryGone(gone)
        if status == 400 and texts is not None:
            return TextsRefused(
                f"DeepL rejected a translate request (400: {self._clean(exc)}); "
                f"first offending text: {brief(_first_malformed(texts))}"
            )
        if status == 400:
            return GlossaryError(f"DeepL rejected the glossary (400: {self._clean(exc)})")
        return EngineUnavailable(f"DeepL failed ({status or 'no HTTP status'}): {self._clean(exc)}")

    def _clean(self, exc: Exception) -> str:
        """The exception's text on one short line, the auth key scrubbed out."""
        text = " ".join(str(exc).replace(self._secret, "<auth key>").split())
        return text if len(text) <= 200 else text[:199] + "…"

    def _where(self) -> str:
        if self._server_url is None:
            return "the default DeepL API address"
        parts = urlsplit(self._server_url)
        return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the client's HTTP session."""
        self._client.close()  # type: ignore[no-untyped-call]

    def __enter__(self) -> DeepLEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def deepl_engine_from_env(
    options: DeepLOptions, environ: Mapping[str, str] = os.environ
) -> DeepLEngine:
    """Build the engine from ``DEEPL_AUTH_KEY`` and ``DEEPL_SERVER_URL`` (the client's own)."""
    key = environ.get("DEEPL_AUTH_KEY", "").strip()
    if not key:
        raise EngineUnavailable(NO_KEY_MESSAGE)
    return DeepLEngine(key, options, environ.get("DEEPL_SERVER_URL") or None)


def _check_options(options: DeepLOptions) -> None:
    problem = options.problem()
    if problem is not None:
        raise UsageError(problem[1])


def _with_spellings(entries: Mapping[str, str]) -> dict[str, str]:
    """The entries, and each term's other spellings that our glossary matches (``시간복잡도``
    for ``시간 복잡도``): DeepL matches a glossary's source terms as written, so without them
    a post that writes the term without its blank would get the engine's own word. A spelling
    that is a term of its own keeps its own entry."""
    remote = dict(entries)
    for source, target in entries.items():
        for spelled in spelling_variants(source)[1:]:
            remote.setdefault(spelled, target)
    return remote


def _check_terms(pair: LanguagePair, entries: Mapping[str, str]) -> None:
    """Refuse what DeepL refuses, naming the term, before anything is sent."""
    seen: set[str] = set()
    for source, target in entries.items():
        for term in (source, target):
            if not term.strip() or _BAD_TERM.search(term.strip()):
                raise GlossaryError(
                    f"glossary term {term!r} ({pair.source}->{pair.target}) is empty or holds a "
                    "tab, line break or control character, which DeepL refuses"
                )
        if source.strip() in seen:
            raise GlossaryError(
                f"glossary term {source.strip()!r} appears twice for {pair.source}->{pair.target}"
            )
        seen.add(source.strip())


def _reason(exc: deepl.DeepLException) -> str:
    text = str(exc)
    if text.startswith("Request timed out"):
        return "timed out"
    return "connection failed" if text.startswith("Connection failed") else "request failed"


def _first_malformed(texts: Sequence[str]) -> str:
    """The first text that is not well-formed XML content, else the first text."""
    for text in texts:
        try:
            ET.fromstring(f"<unit>{text}</unit>")
        except ET.ParseError:
            return text
    return texts[0] if texts else ""


__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_BATCH_TEXTS",
    "NO_KEY_MESSAGE",
    "DeepLEngine",
    "DeepLOptions",
    "GlossarySync",
    "deepl_cache_id",
    "deepl_engine_from_env",
    "glossary_digest",
    "join_context",
    "plan_requests",
    "request_body_bytes",
]
