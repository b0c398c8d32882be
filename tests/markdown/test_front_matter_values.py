"""A translated front-matter value is written so that the YAML or TOML still parses to it."""

from __future__ import annotations

import tomllib

import pytest
import yaml

from i18n.markdown import parse_document
from i18n.markdown._inline import escape

SOURCES = {
    "yaml plain": "---\ntitle: 제목 값\n---\n본문\n",
    "yaml double": '---\ntitle: "제목 값"\n---\n본문\n',
    "yaml single": "---\ntitle: '제목 값'\n---\n본문\n",
    "yaml folded": "---\ntitle: >-\n  제목 값\n---\n본문\n",
    "yaml literal block": "---\ntitle: |\n  제목 값\n---\n본문\n",
    "toml basic": '+++\ntitle = "제목 값"\n+++\n본문\n',
    "toml literal": "+++\ntitle = '제목 값'\n+++\n본문\n",
}
CHARACTERS = [
    '"',
    "'",
    "\\",
    ": ",
    " #",
    "\t",
    "- ",
    "{",
    "[",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "\x03",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\U0001f600",
    "\u00a0",
]


def _parsed(text: str) -> object:
    fence = text[:3]
    data = text.split(fence + "\n")[1]
    loaded = yaml.safe_load(data) if fence == "---" else tomllib.loads(data)
    return loaded["title"]


@pytest.mark.parametrize("style", SOURCES)
@pytest.mark.parametrize("char", CHARACTERS, ids=lambda c: f"U+{ord(c[0]):04X}")
def test_value_survives_every_style(style: str, char: str) -> None:
    doc = parse_document(SOURCES[style])
    (unit,) = [u for u in doc.units if u.kind == "front_matter"]
    value = f"Title {char} value"
    out = doc.render({unit.index: escape(value)})
    title = _parsed(out)
    if "block" in style or "folded" in style:
        assert isinstance(title, str)
        assert title.startswith("Title") and title.strip().endswith("value")
    else:
        assert title == value
