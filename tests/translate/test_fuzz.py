"""Generated documents through identity and pseudo, then check: no fidelity or check failure.

The slow variants run 150 fixed examples (the same on every machine, as in CI);
``FUZZ_EXAMPLES=10000 pytest -m slow tests/translate/test_fuzz.py`` explores new ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_strategies import markdown_documents

from i18n.checks import check
from i18n.config import Config
from i18n.engines._base import GlossaryTerms, LanguagePair, Segment
from i18n.engines._offline import PseudoEngine
from i18n.errors import I18nError
from i18n.markdown._document import parse_document

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
EXPLORE = "FUZZ_EXAMPLES" in os.environ
"""The slow runs see the same documents every time (as CI does) unless a number of examples
is asked for: ``pytest`` from the README must pass on every machine, an exploring run is
made by hand and its finds become tests."""
SLOW_RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=list(HealthCheck),
)
ENGINE = PseudoEngine()


def round_trip(text: str, directory: Path, lang: str = "en") -> None:
    try:
        doc = parse_document(text, "fuzz.md")
    except I18nError:
        return  # refusing bad input with a clear error is a correct answer
    assert doc.render({u.index: u.text for u in doc.units}) == text  # identity
    result = ENGINE.translate(
        [Segment(u.text) for u in doc.units], LanguagePair("ko", lang), GlossaryTerms()
    )
    translated = doc.render(dict(zip((u.index for u in doc.units), result.texts, strict=True)))
    source, target = directory / "source.md", directory / "target.md"
    source.write_text(text, encoding="utf-8", newline="")
    target.write_text(translated, encoding="utf-8", newline="")
    # every unit goes to the engine here: no catalog answers, as in the pipeline it would
    config = Config(
        root=directory, glossary_dir=directory / "no-glossary", locales_dir=directory / "none"
    )
    errors = [
        f
        for f in check(source, target, config, lang, ignore=("currency",))
        if f.severity == "error"
    ]
    assert errors == [], (errors, text, translated)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(markdown_documents())
def test_generated_documents_survive_pseudo_translation(tmp_path: Path, text: str) -> None:
    round_trip(text, tmp_path)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # CI sees the same documents; `-m slow` explores new ones
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(markdown_documents())
def test_generated_documents_survive_japanese_word_order(tmp_path: Path, text: str) -> None:
    round_trip(text, tmp_path, "ja")


@pytest.mark.slow
@SLOW_RUN
@given(markdown_documents())
def test_fuzz_many_generated_documents(tmp_path: Path, text: str) -> None:
    round_trip(text, tmp_path)


@pytest.mark.slow
@SLOW_RUN
@given(markdown_documents())
def test_fuzz_many_generated_documents_in_japanese_word_order(tmp_path: Path, text: str) -> None:
    round_trip(text, tmp_path, "ja")


# Finds of exploring runs that do not hold yet (strict: one that starts to hold fails).
@pytest.mark.xfail(
    strict=True,
    reason="the Japanese order moves an emphasis of the paragraph's last lines in front of"
    " its hard break; check counts emphasis per line, and the reader sees it on another line",
)
def test_an_emphasis_moved_across_a_hard_break(tmp_path: Path) -> None:
    round_trip("확산\n\n확산\n\na*b  \n확산\n확산\n_확산_*확산.*은\na*b\n\n확산\n", tmp_path, "ja")
