"""Where each unit's translation came from, derived by planning the unit again.

``translate`` answers a unit from the first of: the locale catalog, the no-Hangul rule, the
translation memory, the engine. The review asks the same questions of the same data (the
catalogs, the glossary, the memory under the engine the translation's metadata names) and
compares the answer with the text that is in the file. No engine is called.

A unit the memory holds and the file agrees with is ``memory``; one whose text is not in the
memory is ``engine`` (a rerun would bill it); one the file no longer agrees with is
``edited``. ``reviewed`` is asked first, through :data:`REVIEWED`, so that a store of
post-edited translations can claim its units without touching the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from i18n.config import Config
from i18n.engines import LanguagePair, load_plugin
from i18n.errors import I18nError, UsageError
from i18n.glossary import Glossary
from i18n.locales import Catalogs
from i18n.markdown import Unit, has_hangul, plain_text, write_unit
from i18n.translate import TranslationCache, cache_key

RewriteUrl = Callable[[str], str] | None
"""A language's link rewrite (what translate applies when it writes a unit)."""


@dataclass(frozen=True, slots=True)
class Ask:
    """What translate would do with one source unit for one language."""

    answer: str
    """``catalog``, ``unchanged`` or ``machine`` (the memory, else the engine)."""
    prefix: str = ""
    """A catalog label put before the machine translation (``Goal: ``)."""
    text: str = ""
    """The tagged text a machine translation is asked for (after the label); for
    ``catalog`` and ``unchanged``, the tagged text translate writes."""
    key: str = ""
    """Its translation-memory key (empty without a memory to ask)."""

    @property
    def characters(self) -> int:
        """Characters an engine bills for :attr:`text` (tags excluded)."""
        return len(plain_text(self.text))


def plan_units(
    units: Sequence[Unit],
    lang: str,
    source_lang: str,
    catalogs: Catalogs,
    glossary: Glossary,
    engine_id: str,
) -> list[Ask]:
    """The plan of every unit, in order (as :func:`i18n.translate._pipeline._plan` makes it)."""
    asks = []
    for unit in units:
        from_catalog = catalogs.lookup(unit.text, lang)
        if from_catalog is not None:
            asks.append(Ask("catalog", text=from_catalog))
            continue
        if not has_hangul(unit.text):
            asks.append(Ask("unchanged", text=unit.text))
            continue
        prefix, text = "", unit.text
        label = catalogs.split_label(text, lang)
        if label is not None:
            prefix, text = label
        key = ""
        if engine_id:
            digest = glossary.unit_digest(text, lang)
            key = cache_key(engine_id, source_lang, lang, digest, text)
        asks.append(Ask("machine", prefix, text, key))
    return asks


def memory_entries(cache: TranslationCache | None, asks: Sequence[Ask]) -> dict[str, str]:
    """The memory's entries for the machine-translated units among ``asks``."""
    if cache is None:
        return {}
    return cache.get_many({ask.key for ask in asks if ask.key})


def engine_cache_id(engine: str, config: Config, pair: LanguagePair) -> str:
    """The memory namespace of the engine a translation's metadata names (``""``: none, or
    an engine not installed here). ``memory`` stands for the configured engine, as in
    translate."""
    name = config.engine if engine == "memory" else engine
    try:
        stored_as = load_plugin(name).stored_as if name else None
    except UsageError:
        return ""
    return stored_as(config)(pair) if stored_as is not None else ""


@dataclass(frozen=True, slots=True)
class Written:
    """A unit's translation as the translation file has it."""

    tagged: str
    """Its tagged text, as the translation parses."""
    span: str
    """Its characters in the file (what the splice wrote, soft line breaks included)."""
    markdown: str
    """The Markdown its tagged text writes back to (one line, like translate writes)."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _writes(unit: Unit, tagged: str, written: Written, rewrite_url: RewriteUrl) -> bool:
    """``tagged``, spliced in by translate, gives what the file has (a heading's added
    ``{#id}`` aside: it lies outside the translation's unit)."""
    if unit.anchor:
        unit = replace(unit, anchor="")
    try:
        markdown = _squash(write_unit(unit, tagged, rewrite_url))
    except (I18nError, ValueError):  # an entry that does not fit was never written
        return False
    return markdown in (_squash(written.span), _squash(written.markdown))


def _not_reviewed(unit: Unit, lang: str, translation: str) -> bool:
    return False


REVIEWED: list[Callable[[Unit, str, str], bool]] = [_not_reviewed]
"""Predicates ``(source unit, language, tagged translation) → reviewed by a person``.
A store of post-edited translations appends one; the first that says yes wins."""


def origin_of(
    unit: Unit,
    lang: str,
    written: Written | None,
    ask: Ask,
    memory: Mapping[str, str],
    rewrite_url: RewriteUrl = None,
) -> str:
    """The origin of the translation ``written`` of ``unit`` (None: it has none)."""
    if written is None:
        return "missing"
    if any(rule(unit, lang, written.tagged) for rule in REVIEWED):
        return "reviewed"
    if ask.answer != "machine":  # what translate writes is known: is it what the file has?
        return ask.answer if _writes(unit, ask.text, written, rewrite_url) else "edited"
    entry = memory.get(ask.key) if ask.key else None
    if entry is None:
        return "engine"
    return "memory" if _writes(unit, ask.prefix + entry, written, rewrite_url) else "edited"
