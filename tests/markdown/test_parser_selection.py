"""Leaving out the extensions whose marker character a text lacks changes no token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from markdown_it.token import Token
from markdown_strategies import markdown_documents, noise_documents

from i18n.markdown._parser import EXTENSIONS, make_parser, parser_for

FIXTURES = Path(__file__).parent.parent / "fixtures" / "fidelity"
SPEC = Path(__file__).resolve().parents[3] / "shared" / "eval" / "commonmark" / "commonmark.json"


def tokens(stream: list[Token]) -> list[Any]:
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            t.content,
            t.markup,
            t.info,
            t.map,
            t.attrs,
            t.meta,
            tokens(t.children or []),
        )
        for t in stream
    ]


def assert_same_tokens(text: str) -> None:
    full_env: dict[str, Any] = {}
    chosen_env: dict[str, Any] = {}
    full = make_parser().parse(text, full_env)
    chosen = parser_for(text).parse(text, chosen_env)
    assert tokens(chosen) == tokens(full)
    assert chosen_env.get("references") == full_env.get("references")  # what we read of it


def test_a_digest_post_needs_no_extension() -> None:
    post = (FIXTURES / "40-daily-digest.md").read_text(encoding="utf-8")
    assert parser_for(post) is make_parser(frozenset())
    assert parser_for("| a |\n|---|\n$x$ ~~s~~ [^1]\n\n[^1]: n") is make_parser(EXTENSIONS)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_fixtures(path: Path) -> None:
    assert_same_tokens(path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not SPEC.is_file(), reason="CommonMark examples not present")
def test_commonmark_examples() -> None:
    for example in json.loads(SPEC.read_text(encoding="utf-8")):
        assert_same_tokens(example["markdown"])


@settings(max_examples=300, deadline=None)
@given(markdown_documents())
def test_generated_documents(text: str) -> None:
    assert_same_tokens(text)


@settings(max_examples=300, deadline=None)
@given(noise_documents())
def test_punctuation_soup(text: str) -> None:
    assert_same_tokens(text)
