"""``glossary suggest --from-reviews``: substitutions reviewers made in two or more units."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

from helpers import cli

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#. machine: The draft model proposes only one line of candidates.
#: _posts/a.md:12
#, reviewed
msgctxt "2. Draft Trees › Introduction"
msgid "기존 초안 모델은 한 줄의 후보만 제안한다."
msgstr "The drafter proposes only one line of candidates."

#. machine: At each step the probabilities of the draft model decide the branches.
#: _posts/a.md:17
#, reviewed
msgctxt "2. Draft Trees › Method"
msgid "각 단계에서 초안 모델의 확률이 가지를 결정한다."
msgstr "At each step the probabilities of the drafter decide the branches."

#. machine: The router predicts a score for each retriever.
#: _posts/b.md:5
#, reviewed
msgctxt "1. Retrievers › Method"
msgid "라우터는 각 검색기의 점수를 예측한다."
msgstr "The router estimates a score for each retriever."

#, fuzzy
msgctxt "1. Retrievers › Results"
msgid "초안 모델이 빠르다."
msgstr "The drafter is fast."
"""


def test_substitutions_made_in_two_units_are_suggested_with_their_korean_term(
    tmp_path: Path,
) -> None:
    (tmp_path / "digest-i18n.toml").write_text('targets = ["en", "ja"]\n', encoding="utf-8")
    catalog = tmp_path / "locales" / "en" / "LC_MESSAGES" / "reviewed.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(CATALOG, encoding="utf-8")
    done = subprocess.run(
        cli("glossary", "suggest", "--from-reviews"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows == [
        [
            "초안 모델",
            "drafter",
            "",
            "reviews: machine wrote 'draft model', reviewers wrote 'drafter' (2 units)",
        ]
    ]  # 'predicts' → 'estimates' was made once only; the fuzzy entry is no review


def test_suggest_without_posts_or_reviews_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        cli("glossary", "suggest"), cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and done.stderr.startswith("error: ")
    assert "--from-reviews" in done.stderr
