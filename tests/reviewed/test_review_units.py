"""The review library on small posts of our own: the catalog form of reviewed units, and the
alignment that tells a reviewer's edits from structure changes."""

from __future__ import annotations

import pytest

from i18n.markdown import TagMismatch, parse_document, write_unit
from i18n.reviewed._align import align
from i18n.reviewed._markup import from_reviewed, reviewed_unit, to_reviewed

SOURCE = (
    "# 제목\n\n"
    "[링크](https://example.com/ko/a)와 `코드`를 쓴 문단이다.\n\n"
    "- 첫째 항목\n"
    "- 둘째 항목\n\n"
    "```python\nprint(1)\n```\n\n"
    "마지막 문단이다.\n"
)
MACHINE = (
    "# Title\n\n"
    "A paragraph with [a link](https://example.com/ko/a) and `코드`.\n\n"
    "- First item\n"
    "- Second item\n\n"
    "```python\nprint(1)\n```\n\n"
    "The last paragraph.\n"
)


def test_a_reviewed_unit_keeps_the_source_ids_and_carries_added_markup() -> None:
    source = parse_document(SOURCE).units[1]
    edited = parse_document(
        "A *paragraph* with [the link](https://example.com/ko/a), `코드` and [more](https://x.org).\n"
    ).units[0]
    reviewed = to_reviewed(edited.text, edited.tags, source.tags)
    assert reviewed == (
        '<em o="*" c="*">paragraph</em> with <a i="1">the link</a>, <x i="2"/> and '
        '<a o="[" c="](https://x.org)">more</a>'
    ).join(["A ", "."])
    unit, tagged = reviewed_unit(source, reviewed)
    assert write_unit(unit, tagged) == (
        "A *paragraph* with [the link](https://example.com/ko/a), `코드` and [more](https://x.org)."
    )
    assert from_reviewed(reviewed, source.tags)[1][1] == source.tags[0]  # the source's own tag


def test_an_id_the_source_unit_does_not_have_is_refused() -> None:
    source = parse_document(SOURCE).units[1]
    with pytest.raises(TagMismatch):
        from_reviewed('<a i="3">x</a>', source.tags)


def test_an_edit_inside_units_aligns_one_to_one() -> None:
    machine = parse_document(MACHINE)
    edited = parse_document(
        MACHINE.replace("The last paragraph.", "The final paragraph, reviewed.")
    )
    alignment = align(machine, edited)
    assert alignment.changes == ()
    assert len(alignment.pairs) == len(machine.units)


@pytest.mark.parametrize(
    ("change", "line", "what"),
    [
        (("- Second item\n", ""), 6, "1 list item of the translation removed ('Second item')"),
        (
            ("The last paragraph.", "The last\n\nparagraph."),
            12,
            "1 paragraph of the translation became 2 paragraphs",
        ),
        (("- First item\n", "- First item\n- An extra item\n"), 6, "1 list item added"),
        (("print(1)\n", "print(2)\n"), 9, "markup outside the text changed: 'print(1)' became"),
        (("```python\nprint(1)\n```\n\n", ""), 8, "line removed: '```python'"),
        (("- First item\n", "- First item  \n"), 5, "spacing changed: …'' became …'  '"),
    ],
)
def test_structure_changes_are_reported_with_their_line(
    change: tuple[str, str], line: int, what: str
) -> None:
    machine = parse_document(MACHINE)
    edited = parse_document(MACHINE.replace(*change, 1))
    changes = align(machine, edited).changes
    assert [c.line for c in changes] == [line], changes
    assert what in changes[0].what


def test_a_reviewer_may_reorder_inline_elements_as_japanese_does() -> None:
    source = parse_document(SOURCE).units[1]  # [링크](…) then `코드`
    edited = parse_document(
        "`코드`を使い、[リンク](https://example.com/ko/a)を書いた段落。\n"
    ).units[0]
    reviewed = to_reviewed(edited.text, edited.tags, source.tags)
    assert reviewed == '<x i="2"/>を使い、<a i="1">リンク</a>を書いた段落。'
    unit, tagged = reviewed_unit(source, reviewed)
    assert (
        write_unit(unit, tagged) == "`코드`を使い、[リンク](https://example.com/ko/a)を書いた段落。"
    )
