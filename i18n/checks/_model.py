"""What a check sees and what it reports: findings, the check table's metadata, a pair.

A :class:`CheckPair` is one source and one translation, each parsed once into an
:class:`~i18n.checks._outline.Outline`, with their inline blocks already aligned by structure.
Checks are plain functions of a pair that return findings; none raises for a problem found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from i18n.checks._align import Opcode, align
from i18n.checks._align import opcodes as align_opcodes
from i18n.checks._outline import Leaf, Outline
from i18n.glossary import Glossary
from i18n.locales import EMPTY_CATALOGS, Catalogs
from i18n.reviewed import ReviewStatus

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one translation, at a target line, quoting the source line."""

    file: str
    """The translation's path."""
    lang: str
    """The translation's language."""
    line: int
    """1-based line in the translation (1 for a file-wide problem)."""
    check: str
    """The check's id (``links``, ``headings`` …)."""
    severity: str
    """``error`` or ``warning``."""
    message: str
    """What is wrong, in one sentence."""
    source_line: int
    """1-based line in the source this corresponds to (0 when there is none)."""
    source_text: str
    """That source line, as written."""
    hint: str
    """How to fix it, in one line."""
    target_text: str = ""
    """The translation's line, as written."""
    source_file: str = ""
    """The source's path."""


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """A check's fixed properties: what the table of checks says about one id."""

    id: str
    """Short kebab-case id used by ``--select`` and ``--ignore``."""
    group: str
    """``structure``, ``inline``, ``content`` or ``currency``."""
    severity: str
    """Severity of every finding of this check."""
    title: str
    """What the check verifies, for ``--help`` and documentation."""
    hint: str
    """The default one-line fix."""


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What checks need beyond the two documents."""

    glossary: Glossary
    """Terms the translation must use."""
    rewrite_url: Callable[[str], str] | None = None
    """The configured link rewrite for this language (None: links stay as they are)."""
    translatable_keys: frozenset[str] = frozenset()
    """Front-matter keys whose values are translated; every other key must stay as it is."""
    source_sha256: str = ""
    """Digest of the source file's bytes, as translate records it."""
    catalogs: Catalogs = EMPTY_CATALOGS
    """The locale catalogs whose entries must be used as they are."""
    review: ReviewStatus | None = None
    """Reviewed units of this translation and what a person's edits would teach."""


@dataclass(frozen=True, slots=True)
class TextPair:
    """A run of source text and its translation (one unit's worth)."""

    source: str
    """The source's rendered text."""
    source_line: int
    """Where it starts in the source."""
    target: str
    """The translation's rendered text."""
    line: int
    """Where it starts in the translation."""
    key: str = ""
    """The front-matter key, for a front-matter value."""


@dataclass(frozen=True, slots=True)
class CheckPair:
    """A source and its translation, parsed and aligned."""

    source: Outline
    """The source document."""
    target: Outline
    """The translation."""
    lang: str
    """Target language."""
    context: CheckContext
    """Glossary, link rewrites, keys, source digest."""
    aligned: tuple[tuple[Leaf, Leaf], ...]
    """Inline blocks (headings, paragraphs, cells) matched by structure."""
    same_shape: bool
    """Both documents have exactly the same block structure (blocks pair by position)."""
    opcodes: tuple[Opcode, ...]
    """Differences of the two inline-block sequences (empty when the structures agree)."""
    texts: tuple[TextPair, ...] = ()
    """Aligned runs of text: segments of aligned blocks with equal hard breaks, then the
    translatable front-matter values."""
    infos: Mapping[str, CheckInfo] = field(default_factory=dict)
    """The check table, for severities and default hints."""

    def map_leaf(self, index: int, *, back: bool = False) -> int:
        """The translation's leaf index for source leaf ``index`` (where it is, or would be);
        with ``back``, the source's for a translation leaf."""
        if self.same_shape:
            return index
        for _, i1, i2, j1, j2 in self.opcodes:
            if back:
                i1, i2, j1, j2 = j1, j2, i1, i2
            if i1 <= index < i2:
                return min(j1 + (index - i1), j2 - 1) if j2 > j1 else j1
        return len(self.source.leaves if back else self.target.leaves)

    def map_line(self, line: int, *, back: bool = False) -> int:
        """The translation's line for a source line, through the inline-block alignment
        (where something missing from the translation would be); with ``back``, the
        source's line for a translation line."""
        here, there = (self.target, self.source) if back else (self.source, self.target)
        if not there.leaves:
            return 1
        index = self.map_leaf(here.leaf_at(line), back=back)
        return there.leaves[min(index, len(there.leaves) - 1)].line

    def finding(
        self, check: str, line: int, source_line: int, message: str, hint: str = ""
    ) -> Finding:
        """A finding of ``check`` at target ``line``, quoting source ``source_line``."""
        info = self.infos[check]
        # a block found or missed on a line only the site's dialect reads as a block says so
        note = self.target.dialect_lines.get(line) or self.source.dialect_lines.get(source_line)
        if note is not None and (info.group in ("structure", "inline") or check == "hangul"):
            message = f"{message} ({note})"
        return Finding(
            file=self.target.path,
            lang=self.lang,
            line=max(line, 1),
            check=check,
            severity=info.severity,
            message=message,
            source_line=source_line,
            source_text=quoted_line(self.source.line_text(source_line)),
            hint=hint or info.hint,
            target_text=quoted_line(self.target.line_text(line)),
            source_file=self.source.path,
        )


QUOTED_LINE = 400
"""Most characters of a line a finding quotes: a post may hold a line of megabytes, and every
finding on it would carry it whole into the JSON report."""


def quoted_line(text: str) -> str:
    """``text``, cut to :data:`QUOTED_LINE` characters."""
    return text if len(text) <= QUOTED_LINE else text[: QUOTED_LINE - 1] + "…"


def make_pair(
    source: Outline,
    target: Outline,
    lang: str,
    context: CheckContext,
    infos: Mapping[str, CheckInfo],
) -> CheckPair:
    """Align the two documents' inline blocks: by position when the structures agree, else
    by :func:`~i18n.checks._align.align` (so damage in one place stays in one place)."""
    opcodes: tuple[Opcode, ...] = ()
    same_shape = source.skeleton == target.skeleton
    if same_shape:
        aligned = tuple(zip(source.leaves, target.leaves, strict=True))
    else:
        pairs = align(source.leaves, target.leaves)
        opcodes = tuple(align_opcodes(pairs, len(source.leaves), len(target.leaves)))
        aligned = tuple((source.leaves[i], target.leaves[j]) for i, j in pairs)
    texts = _texts(source, target, aligned, context.translatable_keys)
    return CheckPair(source, target, lang, context, aligned, same_shape, opcodes, texts, infos)


def _texts(
    source: Outline,
    target: Outline,
    aligned: Sequence[tuple[Leaf, Leaf]],
    keys: frozenset[str],
) -> tuple[TextPair, ...]:
    texts = [
        TextPair(want.text, want.line, got.text, got.line)
        for want_leaf, got_leaf in aligned
        if len(want_leaf.segments) == len(got_leaf.segments)
        for want, got in zip(want_leaf.segments, got_leaf.segments, strict=True)
    ]
    source_fm, target_fm = source.front_matter, target.front_matter
    if source_fm is not None and target_fm is not None:
        for key in sorted(keys):
            want, got = source_fm.data.get(key), target_fm.data.get(key)
            if isinstance(want, str) and isinstance(got, str):
                texts.append(TextPair(want, source.key_line(key), got, target.key_line(key), key))
    return tuple(texts)


def sequence_opcodes(source: Sequence[object], target: Sequence[object]) -> list[Opcode]:
    """The non-equal opcodes between two key sequences."""
    if list(source) == list(target):
        return []
    matcher = SequenceMatcher(None, list(source), list(target), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one ``check`` run found."""

    findings: tuple[Finding, ...]
    """Every finding, by file, line and check."""
    sources: int
    """Source files checked."""
    pairs: int
    """(source, language) pairs checked."""

    @property
    def errors(self) -> int:
        """Findings of severity error."""
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warnings(self) -> int:
        """Findings of severity warning."""
        return sum(1 for finding in self.findings if finding.severity == WARNING)

    def failed(self, strict: bool = False) -> bool:
        """True when the run must fail: any error (with ``strict``, any warning too)."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> dict[str, object]:
        """Counts for the JSON report."""
        by_check: dict[str, int] = {}
        for finding in self.findings:
            by_check[finding.check] = by_check.get(finding.check, 0) + 1
        files = len({finding.file for finding in self.findings})
        return {
            "sources": self.sources,
            "pairs": self.pairs,
            "files_with_findings": files,
            "errors": self.errors,
            "warnings": self.warnings,
            "by_check": by_check,
        }
