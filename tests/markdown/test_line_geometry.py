"""Line tables: the fast path for LF-only text gives what the general (CR, CRLF) path gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from i18n.markdown._blocks import EOL, _split_lines, body_lines, line_starts

TEXT = st.lists(st.sampled_from(["a", "가", " ", "\n", "\n\n", "\t"]), max_size=20).map("".join)


@given(TEXT, st.integers(min_value=0, max_value=25))
def test_lf_only_fast_path_matches_the_general_one(text: str, start: int) -> None:
    start = min(start, len(text))
    assert line_starts(text) == [0, *(m.end() for m in EOL.finditer(text))]
    lines, general = body_lines(text, start), _split_lines(text, start)
    assert (lines.starts, lines.ends, lines.texts) == (general.starts, general.ends, general.texts)


def test_crlf_and_cr_lines() -> None:
    text = "a\r\nb\rc\nd"
    assert line_starts(text) == [0, 3, 5, 7]
    lines = body_lines(text, 0)
    assert lines.texts == ["a", "b", "c", "d"]
    assert lines.ends == [1, 4, 6, 8]
