"""The glossary matcher's shortcut (skip the trie walk where one term alone can start) finds
exactly what the full walk finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from i18n.glossary import load_glossary

GLOSSARY = load_glossary(Path(__file__).parent.parent / "glossary")
TERMS = [term.source for term in GLOSSARY.terms]
PIECES = st.sampled_from(
    [*TERMS, "은", "는", "의", "과", " ", "  ", "모", "델", "a", "-", '<x i="1"/>']
)


def full_walk(text: str) -> list[tuple[int, int, int]]:
    matcher = GLOSSARY._matcher
    saved = matcher._simple
    matcher._simple = {}
    try:
        return matcher.find(text)
    finally:
        matcher._simple = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_shortcut_matches_the_full_walk(text: str) -> None:
    assert GLOSSARY._matcher.find(text) == full_walk(text)


def test_the_shortcut_is_taken_on_real_text() -> None:
    assert len(GLOSSARY._matcher._simple) > 100
