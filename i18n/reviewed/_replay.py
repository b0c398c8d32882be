"""What the tool wrote: a translation rebuilt offline, and rendering with reviewed units.

To tell a reviewer's units from the machine's, the machine's translation of the source version
a target was made from is rebuilt without calling any service: reviewed entries, the locale
catalog, the no-Hangul rule, the translation memory, and the offline engines (``pseudo``,
``identity``) compute; DeepL's answers come only from the memory. The rebuilt body is
trusted only when its sha256 equals the ``output_sha256`` the target records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from i18n.config import Config
from i18n.engines import Engine, LanguagePair, Segment, load_plugin
from i18n.errors import I18nError
from i18n.glossary import Glossary
from i18n.locales import EMPTY_CATALOGS, Catalogs
from i18n.markdown import Document, fits, has_hangul
from i18n.reviewed._catalog import ReviewedCatalogs
from i18n.reviewed._markup import reviewed_unit
from i18n.translate import TranslationCache, cache_key


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the tool answers units from, besides a service."""

    config: Config
    """The project's settings."""
    catalogs: Catalogs
    """The locale catalogs (fixed vocabulary)."""
    glossary: Glossary
    """The glossary."""
    reviewed: ReviewedCatalogs
    """Reviewed translations."""
    cache: TranslationCache | None
    """The translation memory, when there is one."""
    parsed: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)
    """The source parsed last, by its sha256 (its languages are looked at one after another)."""


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """A translation rebuilt offline."""

    translations: dict[int, str]
    """Unit index → tagged text (units left out keep their source bytes)."""
    reviewed: dict[int, str]
    """Unit index → reviewed text (catalog form) for reviewed units."""


def render_reviewed(
    doc: Document,
    translations: Mapping[int, str],
    reviewed: Mapping[int, str],
    *,
    rewrite_url: Callable[[str], str] | None = None,
    metadata: tuple[str, Mapping[str, str]] | None = None,
) -> tuple[str, str]:
    """:meth:`Document.render_parts`, reviewed units written from their catalog form."""
    if not reviewed:
        return doc.render_parts(translations, rewrite_url=rewrite_url, metadata=metadata)
    units = list(doc.units)
    merged = dict(translations)
    for index, text in reviewed.items():
        units[index], merged[index] = reviewed_unit(units[index], text)
    changed = replace(doc, units=tuple(units))
    return changed.render_parts(merged, rewrite_url=rewrite_url, metadata=metadata)


def _no_cache(pair: LanguagePair) -> str:
    return ""


def _replay_engine(
    name: str, config: Config
) -> tuple[Engine | None, Callable[[LanguagePair], str]]:
    """(the recorded engine when it answers offline, else None; its cache id)."""
    try:  # ``memory`` answered from what the configured engine stored
        plugin = load_plugin(config.engine if name == "memory" else name)
    except I18nError:  # not installed here: nothing to rebuild with
        return None, _no_cache
    stored = plugin.stored_as(config) if plugin.stored_as is not None else _no_cache
    try:  # built without the environment: an engine that needs a key is not built at all
        engine: Engine | None = plugin.create(config, {})
    except I18nError:
        engine = None
    if engine is not None and engine.remote:  # learning never calls a service
        engine = None
    return engine, stored


def rebuild(
    doc: Document, lang: str, engine_name: str, known: Knowledge, *, reviews: bool = True
) -> Rebuilt | None:
    """The translation ``engine_name`` gave ``doc`` in ``lang``, rebuilt offline (with the
    reviewed entries, or as if there were none); None when some unit's answer is nowhere to
    be found (a service's answer not in the memory)."""
    config = known.config
    engine, cache_id = _replay_engine(engine_name, config)
    pair = LanguagePair(config.source, lang)
    engine_id = cache_id(pair)
    catalogs = EMPTY_CATALOGS if engine_name == "identity" else known.catalogs
    reviewed_catalog = known.reviewed[lang]
    out = Rebuilt({}, {})
    wanted: list[tuple[str, int, str, str]] = []
    for unit in doc.units:
        reviewed = reviewed_catalog.lookup(unit) if reviews else None
        if reviewed is not None:
            out.reviewed[unit.index] = reviewed
            continue
        from_catalog = catalogs.lookup(unit.text, lang)
        if from_catalog is not None:
            out.translations[unit.index] = from_catalog
            continue
        if not has_hangul(unit.text):
            continue
        prefix, text = catalogs.split_label(unit.text, lang) or ("", unit.text)
        key = cache_key(
            engine_id, pair.source, pair.target, known.glossary.unit_digest(text, lang), text
        )
        wanted.append((key, unit.index, prefix, text))
    cached = known.cache.get_many({w[0] for w in wanted}) if known.cache and engine_id else {}
    missing = [
        w for w in wanted if w[0] not in cached or not fits(doc.units[w[1]], w[2] + cached[w[0]])
    ]
    if missing and engine is None:
        return None
    answers = {}
    if missing and engine is not None:
        terms = known.glossary.terms_for(pair)
        result = engine.translate([Segment(w[3]) for w in missing], pair, terms)
        answers = {w[0]: text for w, text in zip(missing, result.texts, strict=True)}
    for key, index, prefix, _ in wanted:
        out.translations[index] = prefix + answers.get(key, cached.get(key, ""))
    return out
