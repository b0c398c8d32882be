"""Reviewed translations, one gettext catalog per target language.

``<locales>/<lang>/LC_MESSAGES/reviewed.po`` holds what reviewers wrote: ``msgctxt`` is the
unit's section path, ``msgid`` the source unit as engines see it (XML-tagged), ``msgstr`` the
reviewed text in the same tagged form, and the ``reviewed`` flag marks it. An extracted comment
keeps the machine translation the reviewer replaced (what ``glossary suggest --from-reviews``
compares), and ``#:`` references name the posts and lines the unit was learned from.

An entry whose source unit is gone from every post it was learned from becomes obsolete
(``#~``), never deleted: a source reverted later brings it back. When a reviewed unit's source
changed, the old review is offered again as a ``fuzzy`` entry of the new source text: that unit
needs review again. babel reads and writes the file; Poedit and Weblate open it as it is.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from i18n import __version__
from i18n.config import Config
from i18n.errors import CatalogError
from i18n.fileio import write_atomic
from i18n.locales import read_catalog
from i18n.markdown import Unit

REVIEWED_FLAG = "reviewed"
"""The PO flag of an entry a person reviewed."""
FUZZY_FLAG = "fuzzy"
REVIEWED_DOMAIN = "reviewed"
MACHINE_COMMENT = "machine: "
"""Prefix of the extracted comment that keeps the machine translation a review replaced."""

Key = tuple[str, str]
"""(msgid, msgctxt), babel's own key order."""


def reviewed_dir(config: Config) -> Path:
    """The project's locales directory, where reviews are written (never the bundled one)."""
    return config.locales_dir or config.root / "locales"


def reviewed_path(directory: Path, lang: str) -> Path:
    """Where one language's reviewed catalog lives."""
    return directory / lang / "LC_MESSAGES" / f"{REVIEWED_DOMAIN}.po"


def unit_context(unit: Unit) -> str:
    """The msgctxt of a unit: its section path (front-matter units: their key)."""
    if unit.kind == "front_matter":
        return f"front matter › {unit.key}"
    return unit.context or "(before the first heading)"


@dataclass(frozen=True, slots=True)
class ReviewedEntry:
    """One reviewed translation, as read from the catalog."""

    context: str
    """Section path of the unit (msgctxt)."""
    source: str
    """The source unit, tagged (msgid)."""
    text: str
    """The reviewed translation, tagged (msgstr)."""
    machine: str
    """The machine translation the review replaced (empty when unknown)."""
    locations: tuple[tuple[str, int], ...]
    """Posts and lines the unit was learned from."""


def _is_reviewed(message: Message) -> bool:
    return (
        isinstance(message.id, str)
        and bool(message.id)
        and isinstance(message.string, str)
        and bool(message.string)
        and REVIEWED_FLAG in message.flags
        and not message.fuzzy
    )


_NO_WRAP = 1 << 30


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _machine(message: Message) -> str:
    for comment in message.auto_comments:
        if comment.startswith(MACHINE_COMMENT):
            return comment[len(MACHINE_COMMENT) :]
    return ""


class ReviewedCatalog:
    """One language's reviewed translations: looked up first, updated by learning."""

    def __init__(self, path: Path, lang: str, catalog: Catalog) -> None:
        self.path = path
        self.lang = lang
        self.catalog = catalog
        self.changed = False
        self._active: dict[Key, str] = {
            (str(m.id), str(m.context or "")): str(m.string) for m in catalog if _is_reviewed(m)
        }

    def __len__(self) -> int:
        return len(self._active)

    def lookup(self, unit: Unit) -> str | None:
        """The reviewed translation of ``unit`` (tagged, source tag ids), or None."""
        if not self._active:
            return None
        return self._active.get((unit.text, unit_context(unit)))

    def needs_review(self, unit: Unit) -> str | None:
        """The earlier review offered (fuzzy) for ``unit`` after its source changed, or None."""
        message = self.catalog.get(unit.text, context=unit_context(unit))
        if message is None or not message.fuzzy or not message.string:
            return None
        return str(message.string)

    def entries(self) -> Iterator[ReviewedEntry]:
        """Every active reviewed entry, in file order."""
        for message in self.catalog:
            if _is_reviewed(message):
                yield ReviewedEntry(
                    str(message.context or ""),
                    str(message.id),
                    str(message.string),
                    _machine(message),
                    tuple((str(f), int(n or 0)) for f, n in message.locations),
                )

    def learn(self, unit: Unit, text: str, machine: str, post: str) -> bool:
        """Record ``text`` as the reviewed translation of ``unit``; True when it is new."""
        context = unit_context(unit)
        key = (unit.text, context)
        if self._active.get(key) == text:
            return self._locate(key, post, unit.line)
        self.catalog.obsolete.pop(key, None)
        self.catalog.delete(unit.text, context=context)
        self.catalog.add(
            unit.text,
            text,
            locations=[(post, unit.line)],
            flags=[REVIEWED_FLAG],
            auto_comments=[MACHINE_COMMENT + machine] if machine else [],
            context=context,
        )
        message = self.catalog.get(unit.text, context=context)
        if message is not None:  # babel guesses format flags from '%' in the text
            message.flags.discard("python-format")
        self._active[key] = text
        self.changed = True
        return True

    @property
    def empty(self) -> bool:
        """No entries at all (reviewed, fuzzy or other)."""
        return len(self.catalog) == 0

    def relocate(self, post: str, units: Sequence[Unit]) -> None:
        """Record the lines where ``post`` uses the reviews of ``units`` (references follow
        the post as its lines move, as msgmerge's do)."""
        lines: dict[Key, list[int]] = {}
        for unit in units:
            lines.setdefault((unit.text, unit_context(unit)), []).append(unit.line)
        for key, numbers in lines.items():
            message = self.catalog.get(key[0], context=key[1])
            if message is None:
                continue
            others = [loc for loc in message.locations if loc[0] != post]
            wanted = [*others, *((post, n) for n in sorted(numbers))]
            if list(message.locations) != wanted:
                message.locations = wanted
                self.changed = True

    def _locate(self, key: Key, post: str, line: int) -> bool:
        message = self.catalog.get(key[0], context=key[1])
        if message is None:
            return False
        kept = [loc for loc in message.locations if loc[0] != post]
        if (post, line) not in message.locations:
            message.locations = [*kept, (post, line)]
            self.changed = True
        return False

    def retire(self, post: str, units: Sequence[Unit]) -> list[Key]:
        """Forget ``post``'s reviewed entries whose unit is no longer among ``units``.

        An entry no other post uses becomes obsolete. When a unit without a review of its own
        looks like the retired one's source (same section first, at least 60 % alike), its
        source changed: it gets the old review as a fuzzy entry, to be reviewed again.
        Returns the keys retired.
        """
        live = {(unit.text, unit_context(unit)) for unit in units}
        retired: list[Key] = []
        for message in list(self.catalog):
            if not _is_reviewed(message):
                continue
            key = (str(message.id), str(message.context or ""))
            if key in live or not any(f == post for f, _ in message.locations):
                continue
            retired.append(key)
            message.locations = [loc for loc in message.locations if loc[0] != post]
            if not message.locations:
                self.catalog.delete(key[0], context=key[1])
                message.flags.discard(REVIEWED_FLAG)
                self.catalog.obsolete[key] = message
                self._active.pop(key, None)
            successor = self._successor(key, units)
            if successor is not None:
                self._offer(successor, message, post)
            self.changed = True
        return retired

    def _successor(self, key: Key, units: Sequence[Unit]) -> Unit | None:
        best: tuple[bool, float] = (False, 0.6)
        found = None
        for unit in units:
            if (unit.text, unit_context(unit)) in self._active:
                continue
            score = (unit_context(unit) == key[1], _alike(unit.text, key[0]))
            if score[1] >= 0.6 and score > best:
                best, found = score, unit
        return found

    def _offer(self, unit: Unit, old: Message, post: str) -> None:
        context = unit_context(unit)
        if self.catalog.get(unit.text, context=context) is not None:
            return
        self.catalog.add(
            unit.text,
            str(old.string),
            locations=[(post, unit.line)],
            flags=[FUZZY_FLAG],
            auto_comments=[f"reviewed for the previous source: {old.id}"],
            context=context,
            previous_id=str(old.id),
        )
        message = self.catalog.get(unit.text, context=context)
        if message is not None:
            message.flags.discard("python-format")

    def text(self) -> str:
        """The catalog as PO text."""
        buffer = io.BytesIO()
        # no wrapping: babel wraps comments (and a previous msgid) even at width 0, and a
        # wrapped ``#| msgid`` is a syntax error for msgfmt
        write_po(buffer, self.catalog, width=_NO_WRAP, include_previous=True)
        return buffer.getvalue().decode("utf-8")

    def save(self) -> bool:
        """Write the catalog if anything changed; True when it was written."""
        if not self.changed:
            return False
        self.catalog.revision_date = datetime.now(UTC)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, self.text())
        self.changed = False
        return True


def load_reviewed(directory: Path, lang: str) -> ReviewedCatalog:
    """One language's reviewed catalog (an empty one when the file does not exist yet)."""
    path = reviewed_path(directory, lang)
    if path.is_file():
        return ReviewedCatalog(path, lang, read_catalog(path, lang))
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise CatalogError(f"unknown language {lang!r} for a catalog", file=path) from error
    catalog = Catalog(
        locale=locale,
        header_comment=(
            f"# Reviewed translations into {lang}, learned by digest-i18n from edited posts.\n"
            "# msgctxt: section path; msgid: source unit (tagged); msgstr: reviewed text.\n"
            "# Keep entries flagged 'reviewed'; 'fuzzy' ones need review again."
        ),
        domain=REVIEWED_DOMAIN,
        project="digest-i18n reviewed translations",
        version=__version__,
        last_translator="digest-i18n learn",
        msgid_bugs_address="",
        language_team=f"{lang} reviewers",
        fuzzy=False,
    )
    return ReviewedCatalog(path, lang, catalog)


class ReviewedCatalogs:
    """Reviewed catalogs by language, loaded when first asked for."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._loaded: dict[str, ReviewedCatalog] = {}

    def __getitem__(self, lang: str) -> ReviewedCatalog:
        found = self._loaded.get(lang)
        if found is None:
            found = self._loaded[lang] = load_reviewed(self.directory, lang)
        return found

    def save(self) -> list[Path]:
        """Write every catalog that changed; the paths written."""
        return [catalog.path for catalog in self._loaded.values() if catalog.save()]
