"""Hangul detection and a plain romanisation (for the pseudo engine)."""

from __future__ import annotations

import re

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")

_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "-",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_MEDIALS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "",
    *[
        "k",
        "k",
        "k",
        "n",
        "n",
        "n",
        "t",
        "l",
        "k",
        "m",
        "l",
        "l",
        "l",
        "p",
        "l",
        "m",
        "p",
        "p",
        "t",
        "t",
        "ng",
        "t",
        "t",
        "k",
        "t",
        "p",
        "t",
    ],
]


def has_hangul(text: str) -> bool:
    """True when ``text`` contains any Hangul (syllables or jamo)."""
    return HANGUL.search(text) is not None


def _syllable(index: int) -> str:
    initial = _INITIALS[index // 588].replace("-", "")
    return initial + _MEDIALS[index % 588 // 28] + _FINALS[index % 28]


# One table for str.translate: every syllable's spelling, every stray jamo a middle dot.
_TABLE: dict[int, str] = {0xAC00 + i: _syllable(i) for i in range(11172)}
for _block in ((0x1100, 0x1200), (0x3130, 0x3190), (0xA960, 0xA980), (0xD7A4, 0xD800)):
    _TABLE.update(dict.fromkeys(range(*_block), "·"))
# ASCII (tags, blanks, digits) kept by name: a character the table lacks is kept too, but
# only after a KeyError raised and cleared for it (a fifth of the time on a post's units).
_TABLE.update({code: chr(code) for code in range(128)})


def romanize(text: str) -> str:
    """Revised-Romanisation-like spelling of every Hangul syllable; stray jamo become ``·``."""
    return text.translate(_TABLE)
