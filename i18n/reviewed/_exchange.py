"""Handing one post's units to a translator's tool and taking the result back (PO or XLIFF,
written and read by translate-toolkit), and the reviewed translations as TMX.

An exported unit carries its source as engines see it (XML-tagged), the translation as the
target file has it (in the reviewed catalog's form: the source's tag ids, added markup with its
Markdown), its section path, its place in the post, and a ``unit N`` note that maps it back.
Importing takes every unit whose translation changed as a reviewed translation: it goes into
the reviewed catalog and into the target file, spliced in place of the old text; everything
else in the file stays byte for byte (nothing changed: nothing written).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeXML
from defusedxml import DefusedXmlException

from i18n.config import Config
from i18n.errors import InputError, UsageError
from i18n.fileio import decode_utf8, read_bytes, write_atomic
from i18n.markdown import (
    Document,
    Unit,
    parse_document,
    rewrite_tag,
    write_unit,
)
from i18n.reviewed._catalog import ReviewedCatalogs, reviewed_dir, unit_context
from i18n.reviewed._markup import from_reviewed, to_reviewed, writes
from i18n.reviewed._paths import post_name
from i18n.translate import (
    Layout,
    collect_sources,
    plan_targets,
    read_source,
    read_target,
    restamp_text,
)

FORMATS = ("po", "xliff")
"""Exchange formats for one post's units."""

_UNIT_NOTE = re.compile(r"^unit (\d+)$", re.M)


@dataclass(frozen=True, slots=True)
class Post:
    """A source post and its translation into one language, in step with each other."""

    source: Document
    """The source document."""
    target_path: Path
    """The translation."""
    target: Document
    """The translation, parsed."""
    lang: str
    """Its language."""
    name: str
    """The post's name in catalogs (its path from the config root)."""
    texts: tuple[str, ...]
    """Each source unit's translation, in catalog form."""


def open_post(path: Path, lang: str, out: Path | None, config: Config) -> Post:
    """One post and its ``lang`` translation, which must be current and not edited by hand."""
    if not path.is_file():
        raise UsageError("export and import take one post file", file=path)
    layout = Layout(out, config.output, config.root)
    sources = collect_sources([path], [lang])
    target_path = plan_targets(sources, [lang], layout)[(sources[0].path, lang)]
    data, doc = read_source(path, config.front_matter_keys, config.markdown)
    state = read_target(target_path, config.front_matter_keys)
    if not state.exists:
        raise UsageError("there is no translation yet: run `digest-i18n translate`", file=path)
    if state.edited:
        raise UsageError("was edited by hand: run `digest-i18n learn` first", file=target_path)
    if state.metadata.get("source_sha256") != hashlib.sha256(data).hexdigest():
        raise UsageError(
            "is not current with its source: run `digest-i18n translate` first", file=target_path
        )
    text = decode_utf8(read_bytes(target_path), str(target_path))
    target = parse_document(text, str(target_path), config.front_matter_keys, config.markdown)
    if [u.kind for u in target.units] != [u.kind for u in doc.units]:
        raise InputError("its units do not align with the source's", file=target_path)
    rewrite = config.url_rewriter(lang)
    texts = []
    for unit, translated in zip(doc.units, target.units, strict=True):
        written = [rewrite_tag(tag, rewrite) if rewrite else tag for tag in unit.tags]
        texts.append(to_reviewed(translated.text, translated.tags, written))
    return Post(doc, target_path, target, lang, post_name(config, path), tuple(texts))


def _storage() -> tuple[Any, Any]:
    """translate-toolkit's PO and XLIFF stores, imported when a command exchanges files (it
    takes longer to import than the rest of a translate run needs)."""
    from translate.storage import po, xliff

    return po, xliff


def _new_store(kind: str, source: str, lang: str, name: str) -> Any:
    # translate-toolkit's stores are typed loosely: Any keeps them at arm's length
    store: Any
    if kind == "po":
        po, _ = _storage()
        store = po.pofile()
        store.updateheader(add=True, Language=lang, X_Source_Language=source)
        return store
    return _storage()[1].xlifffile(sourcelanguage=source, targetlanguage=lang)


def export_post(post: Post, kind: str, source_lang: str) -> bytes:
    """The post's units for a translator's tool, as PO or XLIFF."""
    if kind not in FORMATS:
        raise UsageError(f"unknown exchange format {kind!r} (use {', '.join(FORMATS)})")
    store = _new_store(kind, source_lang, post.lang, post.name)
    for unit, text in zip(post.source.units, post.texts, strict=True):
        if kind == "po":
            item = store.addsourceunit(unit.text)
        else:  # one <file> named by the post
            item = store.addsourceunit(unit.text, filename=post.name, createifmissing=True)
        item.target = text
        item.addnote(f"unit {unit.index}", origin="developer")
        if kind == "po":
            item.setcontext(unit_context(unit))
        else:
            item.addnote(unit_context(unit), origin="developer")
        item.addlocation(f"{post.name}:{unit.line}")
    return bytes(store)


def _parse(data: bytes, kind: str, path: Path) -> Any:
    if kind == "xliff":
        try:  # entities, DTDs and external references are refused before anything parses
            SafeXML.fromstring(data, forbid_dtd=True)
        except (DefusedXmlException, SafeXML.ParseError) as error:
            raise InputError(f"not a safe, well-formed XLIFF file: {error}", file=path) from None
        parse: Any = _storage()[1].xlifffile.parsestring
        return parse(data)
    try:
        parse = _storage()[0].pofile.parsestring
        return parse(data)
    except Exception as error:  # translate-toolkit raises plain ValueError and friends
        raise InputError(f"not a PO file: {error}", file=path) from None


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import changed."""

    target: Path
    """The translation."""
    units: int
    """Units in the file."""
    changed: int
    """Units whose translation changed (learned as reviewed and written)."""


def import_post(post: Post, data: bytes, kind: str, path: Path, config: Config) -> Imported:
    """Take a translator's file back: changed units become reviewed translations and are
    spliced into the target; an unchanged file changes nothing."""
    if kind not in FORMATS:
        raise UsageError(f"unknown exchange format {kind!r} (use {', '.join(FORMATS)})")
    changes: dict[int, str] = {}
    units = 0
    for item in _parse(data, kind, path).units:
        if item.isheader() or not item.source:
            continue
        units += 1
        index = _unit_index(item, path, len(post.source.units))
        unit = post.source.units[index]
        if str(item.source) != unit.text:
            raise InputError(
                f"unit {index} has a different source than the post now ({unit.line}): "
                "export again",
                file=path,
            )
        text = str(item.target or "")
        if not text or text == post.texts[index]:
            continue
        if not writes(unit, text):
            raise InputError(
                f"unit {index} (source line {unit.line}): the translation's tags do not "
                "match the source unit's",
                file=path,
            )
        changes[index] = text
    if changes:
        _apply(post, changes, config)
    return Imported(post.target_path, units, len(changes))


def _unit_index(item: Any, path: Path, count: int) -> int:
    found = _UNIT_NOTE.search(item.getnotes("developer") or "")
    if found is None or int(found.group(1)) >= count:
        raise InputError(
            f"a unit without a valid 'unit N' note ({str(item.source)[:40]!r})", file=path
        )
    return int(found.group(1))


def _apply(post: Post, changes: Mapping[int, str], config: Config) -> None:
    rewrite = config.url_rewriter(post.lang)
    catalogs = ReviewedCatalogs(reviewed_dir(config))
    text = post.target.text
    edits = []
    for index, reviewed in changes.items():
        unit, target_unit = post.source.units[index], post.target.units[index]
        catalogs[post.lang].learn(unit, reviewed, post.texts[index], post.name)
        new = _written(target_unit, unit, reviewed, rewrite)
        edits.append((target_unit.start, target_unit.end, new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    catalogs.save()  # the reviews first: the rewritten file relies on them
    write_atomic(
        post.target_path, restamp_text(text, config.front_matter_keys, str(post.target_path))
    )


def _written(
    target_unit: Unit, source_unit: Unit, reviewed: str, rewrite: Callable[[str], str] | None
) -> str:
    """The Markdown of a reviewed unit, in the target unit's place (its own ``{#id}`` stays)."""
    tagged, tags = from_reviewed(reviewed, source_unit.tags)
    return write_unit(replace(target_unit, tags=tags, anchor=""), tagged, rewrite)


def export_reviews(config: Config, langs: Sequence[str]) -> bytes:
    """Every reviewed translation, as TMX (source language and each target language)."""
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=config.source)
    catalogs = ReviewedCatalogs(reviewed_dir(config))
    for lang in langs:
        for entry in catalogs[lang].entries():
            store.addtranslation(
                entry.source, config.source, entry.text, lang, comment=entry.context
            )
    return bytes(store)
