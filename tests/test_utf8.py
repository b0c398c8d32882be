"""The one UTF-8 decoder: what it refuses, and how it says so for each kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n.errors import CatalogError, GlossaryError, InputError
from i18n.fileio import decode_utf8
from i18n.glossary._glossary import load_glossary
from i18n.locales._po import read_catalog


def test_text_and_bom_come_through() -> None:
    assert decode_utf8("\ufeff제목\n".encode(), "p.md") == "\ufeff제목\n"


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        ("제목".encode("utf-16"), "is UTF-16", None),
        (b"# title\n\0\0binary", "binary file", None),
        (b"ok\nok\n\xff bad", "is not valid UTF-8 (byte 0xff at offset 6)", 3),
    ],
)
def test_refusals_name_the_file_line_and_byte(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(InputError) as raised:
        decode_utf8(data, "posts/p.md")
    assert message in raised.value.message
    assert (raised.value.file, raised.value.line) == ("posts/p.md", line)


def test_each_kind_of_file_gets_its_own_error(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "terms.csv").write_bytes(b"ko,en\n\xed\x95,x\n")
    with pytest.raises(GlossaryError, match="not valid UTF-8") as glossary:
        load_glossary(tmp_path / "g")
    assert glossary.value.line == 2
    (tmp_path / "digest.po").write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "\xc3"\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as catalog:
        read_catalog(tmp_path / "digest.po")
    assert catalog.value.line == 4
