"""The glossary matcher (a trie walked where a regex says a term can start, with shortcuts
and a memo) finds exactly what a brute-force reading of the matching rules finds."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from i18n.glossary._glossary import load_glossary
from i18n.glossary._match import TermMatcher, visible_runs

GLOSSARY = load_glossary(Path(__file__).parent.parent.parent / "glossary")
TERMS = [term.source for term in GLOSSARY.terms]
PIECES = st.sampled_from(
    [
        *TERMS,
        *(term.replace(" ", "") for term in TERMS if " " in term),
        *(term.replace(" ", " \t ") for term in TERMS if " " in term),
        "은",
        "는",
        "의",
        "과",
        " ",
        "  ",
        "\n",
        "모",
        "델",
        "a",
        "x",
        "-",
        "_",
        "é",
        "&amp;",
        '<x i="1"/>',
        '<a i="2">',
        "</a>",
    ]
)


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


def _term_pattern(term: str) -> re.Pattern[str]:
    """The rules written out for one term: a blank matches a run of blanks, or nothing
    between two Hangul letters."""
    out = []
    for position, char in enumerate(term):
        if char != " ":
            out.append(re.escape(char))
        elif _is_hangul(term[position - 1]) and _is_hangul(term[position + 1]):
            out.append(r"(?:\s+|)")
        else:
            out.append(r"\s+")
    return re.compile("".join(out))


def _latin_word(char: str) -> bool:
    word = char.isalnum() or char == "_"
    return word and (char.isascii() or unicodedata.name(char, "").startswith("LATIN"))


def brute_force(terms: list[str], text: str) -> list[tuple[int, int, int]]:
    patterns = [_term_pattern(term) for term in terms]
    found: list[tuple[int, int, int]] = []
    for offset, decoded, starts in visible_runs(text):
        candidates = []
        for start in range(len(decoded)):
            word = decoded[start].isalnum() or decoded[start] == "_"
            before = start > 0 and (decoded[start - 1].isalnum() or decoded[start - 1] == "_")
            if word and before:
                continue
            for index, pattern in enumerate(patterns):
                match = pattern.match(decoded, start)
                if match is None:
                    continue
                end = match.end()
                closed = _latin_word(terms[index][-1])
                if closed and end < len(decoded) and _latin_word(decoded[end]):
                    continue
                exact = match.group() == terms[index]
                candidates.append((start, end, index, exact))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], not c[3], c[2]))
        taken: set[int] = set()
        chosen = []
        for start, end, index, _ in candidates:
            if not taken & set(range(start, end)):
                taken |= set(range(start, end))
                chosen.append((start, end, index))
        found += [(offset + starts[s], offset + starts[e], i) for s, e, i in sorted(chosen)]
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_matcher_finds_what_the_rules_say(text: str) -> None:
    assert GLOSSARY._matcher.find(text) == brute_force(TERMS, text)


SMALL = [
    *("언어", "언어 모델", "대형 언어 모델", "모델 학습", "사전 학습", "사전학습"),
    *("LoRA", "A", ".NET", "-기반", "C++"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*SMALL, "은", " ", "  ", "모델", "학습", "LoRAs", "a", "-", ".", "言"]),
        max_size=10,
    ).map("".join)
)
def test_overlaps_and_ties_follow_the_rules(text: str) -> None:
    assert TermMatcher(SMALL).find(text) == brute_force(SMALL, text)


def test_the_memo_answers_again_only_for_the_same_characters() -> None:
    matcher = TermMatcher(["언어 모델", "언어"])
    assert matcher.find("언어 모델은") == [(0, 5, 0)]
    spaced = TermMatcher(["대형 언어 모델", "대형 언어"])
    assert spaced.find("대형 언어   ") == [(0, 5, 1)]  # the walk read the blanks to the end
    assert spaced.find("대형 언어 모델은") == [(0, 8, 0)]
    assert matcher.find("언어 모형은") == [(0, 2, 1)]  # same first letters, other answer
    assert matcher.find("언어 모델") == [(0, 5, 0)]  # the text ends where it read on before
    assert matcher.find("언어 모델은") == [(0, 5, 0)]


def test_the_shortcut_is_taken_on_real_text() -> None:
    assert len(GLOSSARY._matcher._simple) > 100
