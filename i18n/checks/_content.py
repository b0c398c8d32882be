"""Content checks (warnings): numbers and length outliers (glossary terms: :mod:`.terms`).

They compare each source text run with its aligned translation. They are warnings because a
good translation may legitimately write a number as a word or rephrase a term; with
``--strict`` they fail the run like errors.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from i18n.checks._model import CheckPair, Finding, TextPair
from i18n.checks._nodes import MARK
from i18n.markdown import HANGUL

_DATE = re.compile(r"(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d.])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WIDE = re.compile(r"[\uff01-\uff5e]")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A number before a Korean myriad unit (3억 = 300 million) is rewritten by any translation.
_MYRIAD = re.compile(r"[ \t]?[만억조]")
_WORDS = {
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ],
    "ja": list("〇一二三四五六七八九十"),
}
_SPELLED = {
    "en": re.compile(r"\b(" + "|".join(_WORDS["en"]) + r")\b", re.I),
    "ja": re.compile("([" + "".join(_WORDS["ja"]) + "])"),
}
_SMALL = frozenset(str(n) for n in range(13))


def _canonical(number: str) -> list[str]:
    """``1,234.50`` → ``1234.50``; ``007`` → ``7``; a comma list ``1,2`` → ``1``, ``2``."""
    if "," in number and not _THOUSANDS.fullmatch(number):
        return [n for part in number.split(",") for n in _canonical(part)]
    number = number.replace(",", "")
    whole, dot, fraction = number.partition(".")
    return [(whole.lstrip("0") or "0") + dot + fraction]


def _narrow(text: str) -> str:
    """Full-width digits and signs as ASCII (normalising only text that has any)."""
    return unicodedata.normalize("NFKC", text) if _WIDE.search(text) else text


def source_numbers(text: str) -> set[str]:
    """The numbers a translation of ``text`` must keep (of a date: the year and the day)."""
    text = _narrow(text)
    wanted: set[str] = set()
    for found in _DATE.finditer(text):
        wanted.update(_canonical(found.group(1)) + _canonical(found.group(3)))
    text = _DATE.sub(" ", text)
    for found in _NUMBER.finditer(text):
        if _MYRIAD.match(text, found.end()):
            continue
        wanted.update(_canonical(found.group(0)))
    return wanted


def target_numbers(text: str, lang: str) -> set[str]:
    """Every number written in ``text`` (digits in any width; small numbers as words)."""
    return _digits(text) | _spelled(text, lang)


def _digits(text: str) -> set[str]:
    found: set[str] = set()
    for match in _NUMBER.finditer(_narrow(text)):
        number = match.group(0)
        found.update(_canonical(number))
        if "." in number or "," in number:
            # the parts too: a date written 2023.06.13 holds the year and the day a source
            # date requires
            found.update(n for part in re.split(r"[.,]", number) for n in _canonical(part))
    return found


def _spelled(text: str, lang: str) -> set[str]:
    pattern = _SPELLED.get(lang.split("-")[0])
    if pattern is None:
        return set()
    return {str(_WORDS[lang.split("-")[0]].index(w.lower())) for w in pattern.findall(text)}


def check_numbers(pair: CheckPair) -> list[Finding]:
    """Numbers of a source text (digits, decimals, percentages, 4096×4096, 32K) are kept."""
    findings = []
    for text in pair.texts:
        wanted = source_numbers(text.source)
        if not wanted:
            continue
        missing = wanted - _digits(text.target)
        if missing & _SMALL:
            missing -= _spelled(text.target, pair.lang)
        if missing:
            shown = ", ".join(sorted(missing, key=_numeric))
            findings.append(
                pair.finding(
                    "numbers",
                    text.line,
                    text.source_line,
                    f"number(s) {shown} of the source are not in the translation",
                )
            )
    return findings


def _numeric(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


_RATIO_LIMIT = 2.5
_MIN_HANGUL = 10
_MIN_SAMPLES = 4


def _lengths(text: TextPair) -> tuple[int, int, int]:
    """(Hangul characters, other visible source characters, visible target characters)."""
    source = "".join(text.source.replace(MARK, " ").split())
    hangul = len(HANGUL.findall(source))
    return hangul, len(source) - hangul, len("".join(text.target.replace(MARK, " ").split()))


def check_length_ratio(pair: CheckPair) -> list[Finding]:
    """A translation far shorter or longer than its source (truncated, or run together).

    How long Korean comes out depends on the language and the engine, so the expectation is
    learnt from the document itself: the median characters per Hangul character over its
    texts; a text more than 2.5× off that expectation is an outlier.
    """
    samples = [(text, *_lengths(text)) for text in pair.texts if not text.key]
    samples = [s for s in samples if s[1] >= _MIN_HANGUL]
    if len(samples) < _MIN_SAMPLES:
        return []
    per_hangul = statistics.median(
        (target - other) / hangul for _, hangul, other, target in samples
    )
    if per_hangul <= 0:
        return []
    findings = []
    for text, hangul, other, target in samples:
        expected = other + per_hangul * hangul
        ratio = target / expected
        if (ratio < 1 / _RATIO_LIMIT or ratio > _RATIO_LIMIT) and abs(target - expected) >= 20:
            findings.append(
                pair.finding(
                    "length-ratio",
                    text.line,
                    text.source_line,
                    f"this text is {ratio:.1f}× the length expected from its source "
                    f"({target} characters for {hangul + other})",
                )
            )
    return findings
