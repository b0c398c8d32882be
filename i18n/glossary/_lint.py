"""``glossary lint``: problems in glossary files, each with its file and line.

Codes: ``malformed`` (the file cannot be read), ``empty-source``, ``no-target``,
``whitespace``, ``control-char``, ``not-nfc``, ``duplicate``, ``conflict`` and
``particle-variant`` (a term that is another term plus a Korean particle: prefix matching
already covers it, and it changes what the shorter term matches).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from i18n.errors import GlossaryError
from i18n.glossary._csv import Row, normalize_term, read_glossary_file

PARTICLES = frozenset(
    {
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "와",
        "과",
        "도",
        "만",
        "로",
        "으로",
        "에서",
        "에게",
        "께",
        "한테",
        "까지",
        "부터",
        "보다",
        "처럼",
        "마다",
        "라는",
        "이라는",
        "란",
        "이란",
        "이나",
        "나",
        "이며",
        "며",
        "이고",
        "고",
        "이다",
        "다",
        "들",
        "뿐",
        "조차",
        "마저",
        "에는",
        "에도",
        "에서는",
        "에서도",
        "으로는",
        "로는",
        "과의",
        "와의",
        "과는",
        "와는",
        "이랑",
        "랑",
    }
)
"""Korean particles (and a few endings) that attach to a noun without a space."""


@dataclass(frozen=True, slots=True)
class LintProblem:
    """One problem in a glossary file."""

    file: str
    """The file."""
    line: int
    """1-based line of the offending row (or of the error in a malformed file)."""
    code: str
    """Stable identifier of the kind of problem (``duplicate``, ``whitespace`` …)."""
    message: str
    """What is wrong and what to do."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code}: {self.message}"


def control_characters(value: str) -> str:
    """Describe the characters of ``value`` that DeepL rejects in a term (``""``: none)."""
    bad = sorted({c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")})
    return ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'control')})" for c in bad)


def is_particle_sequence(text: str) -> bool:
    """``text`` is one or more particles written together (``에서는``, ``들의``)."""
    if not text:
        return False
    return any(
        text[:n] in PARTICLES and (n == len(text) or is_particle_sequence(text[n:]))
        for n in range(1, min(len(text), 3) + 1)
    )


def lint_glossary(directory: Path) -> list[LintProblem]:
    """Every problem in the ``*.csv`` files of ``directory``, by file and line."""
    problems: list[LintProblem] = []
    rows: list[Row] = []
    for path in sorted(directory.glob("*.csv"), key=lambda p: p.name):
        try:
            glossary_file = read_glossary_file(path)
        except GlossaryError as exc:
            problems.append(LintProblem(str(path), exc.line or 1, "malformed", exc.message))
            continue
        for row in glossary_file.rows():
            if any(cell.strip() for cell in (row.source, *row.targets.values(), row.note)):
                problems.extend(_row_problems(row))
                rows.append(row)
    problems.extend(_duplicates(rows))
    problems.extend(_particle_variants(rows))
    return sorted(problems, key=lambda p: (p.file, p.line, p.code, p.message))


def _problem(row: Row, code: str, message: str) -> LintProblem:
    return LintProblem(row.file, row.line, code, message)


def _row_problems(row: Row) -> Iterator[LintProblem]:
    if not row.source.strip():
        yield _problem(row, "empty-source", "the ko cell is empty: the row can never match")
        return
    if not any(value.strip() for value in row.targets.values()):
        yield _problem(
            row, "no-target", f"{row.source.strip()!r} has no target term: fill in en/ja"
        )
    for column, value in (("ko", row.source), *row.targets.items()):
        yield from _cell_problems(row, column, value)


def _cell_problems(row: Row, column: str, value: str) -> Iterator[LintProblem]:
    bad = control_characters(value)
    if bad:
        yield _problem(row, "control-char", f"{column} {value!r} contains {bad}: DeepL rejects it")
    if value != value.strip():
        yield _problem(row, "whitespace", f"{column} {value!r} has leading or trailing whitespace")
    elif "  " in value:
        yield _problem(row, "whitespace", f"{column} {value!r} has repeated spaces")
    if not unicodedata.is_normalized("NFC", value):
        yield _problem(
            row,
            "not-nfc",
            f"{column} {value.strip()!r} is not in NFC (decomposed Hangul?): it will not "
            "match normal text; retype it or normalise the file",
        )


def _duplicates(rows: list[Row]) -> Iterator[LintProblem]:
    first: dict[str, Row] = {}
    for row in rows:
        key = normalize_term(row.source)
        if not key:
            continue
        if key not in first:
            first[key] = row
            continue
        earlier = first[key]
        where = f"{earlier.file}:{earlier.line}"
        clashes = [
            lang
            for lang in sorted(set(row.targets) & set(earlier.targets))
            if normalize_term(row.targets[lang])
            and normalize_term(earlier.targets[lang])
            and normalize_term(row.targets[lang]) != normalize_term(earlier.targets[lang])
        ]
        if clashes:
            lang = clashes[0]
            yield _problem(
                row,
                "conflict",
                f"{key!r} is also at {where} with a different {lang} target "
                f"({normalize_term(earlier.targets[lang])!r} there, "
                f"{normalize_term(row.targets[lang])!r} here): keep one row",
            )
        else:
            yield _problem(row, "duplicate", f"{key!r} is already at {where}: remove one row")


def _particle_variants(rows: list[Row]) -> Iterator[LintProblem]:
    sources = {normalize_term(r.source): r for r in reversed(rows) if normalize_term(r.source)}
    for row in rows:
        longer = normalize_term(row.source)
        for size in range(1, len(longer)):
            shorter = longer[:size]
            rest = longer[size:]
            if shorter in sources and is_particle_sequence(rest):
                other = sources[shorter]
                yield _problem(
                    row,
                    "particle-variant",
                    f"{longer!r} is {shorter!r} ({other.file}:{other.line}) plus the particle "
                    f"{rest!r}: prefix matching already finds {longer!r} as {shorter!r}, and "
                    "this row changes what that term matches; remove it",
                )
                break
