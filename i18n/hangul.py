"""Hangul detection and a plain romanisation (for the pseudo engine)."""

from __future__ import annotations

import re

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_SYLLABLES = re.compile(r"[\uac00-\ud7a3]+")

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


def _syllable(char: str) -> str:
    index = ord(char) - 0xAC00
    initial = _INITIALS[index // 588].replace("-", "")
    return initial + _MEDIALS[index % 588 // 28] + _FINALS[index % 28]


def romanize(text: str) -> str:
    """Revised-Romanisation-like spelling of every Hangul syllable; stray jamo become ``·``."""
    text = _SYLLABLES.sub(lambda m: "".join(_syllable(c) for c in m.group(0)), text)
    return HANGUL.sub("·", text)
