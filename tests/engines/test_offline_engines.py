"""The offline engines: ``pseudo`` moves inline elements for Japanese as DeepL does."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from i18n.engines._base import GlossaryTerms, LanguagePair, Segment
from i18n.engines._offline import PseudoEngine
from i18n.markdown import parse_document

SOURCE = "`crop` 과 `resize` 는 [jadx](https://j.x) 나 **[viewer](https://v.x) 설명** 으로 연다.\n"


def _translate(text: str, target: str) -> str:
    pair = LanguagePair("ko", target)
    return PseudoEngine().translate([Segment(text)], pair, GlossaryTerms()).texts[0]


def _top_level(tagged: str) -> list[str]:
    root = ET.fromstring(f"<r>{tagged}</r>")
    return [ET.tostring(child, encoding="unicode").split(">")[0] for child in root]


def _spaces_next_to_top_level_elements(tagged: str) -> int:
    root = ET.fromstring(f"<r>{tagged}</r>")
    texts = [root.text or ""] + [child.tail or "" for child in root]
    ends = [t[-1:] for t in texts[:-1]] + [t[:1] for t in texts[1:]]
    return sum(1 for char in ends if char in " \t")


def test_japanese_reverses_the_top_level_elements_and_drops_their_spaces() -> None:
    unit = parse_document(SOURCE).units[0]
    ja, en = _translate(unit.text, "ja"), _translate(unit.text, "en")
    assert _top_level(en) == _top_level(unit.text)  # English keeps the order
    assert _top_level(ja) == list(reversed(_top_level(unit.text)))
    # each element keeps its content and nesting: the <a> stays inside the <strong>
    strong = ET.fromstring(f"<r>{ja}</r>").find("strong")
    assert strong is not None and strong.find("a") is not None
    assert _spaces_next_to_top_level_elements(ja) == 0
    assert _spaces_next_to_top_level_elements(en) > 0
    assert sorted(re.findall(r'i="\d+"', ja)) == sorted(re.findall(r'i="\d+"', unit.text))


def test_japanese_order_is_deterministic_and_splices_back() -> None:
    doc = parse_document(SOURCE)
    first = _translate(doc.units[0].text, "ja")
    assert first == _translate(doc.units[0].text, "ja")
    out = doc.render({0: first})
    assert out.index("`resize`") < out.index("`crop`")
    assert out.index("https://v.x") < out.index("https://j.x")


@pytest.mark.parametrize("target", ["en", "ja"])
def test_a_unit_without_elements_is_left_in_place(target: str) -> None:
    assert "⟧" in _translate("그냥 문장이다.", target)
