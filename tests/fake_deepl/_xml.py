"""What the fake does to a text: XML parsing as DeepL's tag handling does it, a
deterministic stand-in translation (``EN·<hash in letters>`` for a Hangul run; for Japanese,
katakana ``ジャ…`` spelling the hash), and the ways word order moves tags."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from fake_deepl._model import HANGUL_RUN, ApiError

NOT_XML_10 = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    r"|&#(?:0*(?:[0-8]|1[14-9]|2\d|3[01]|6553[45])|x0*(?:[0-8bcef]|1[0-9a-f]|fff[ef]));",
    re.IGNORECASE,
)
"""Characters XML 1.0 forbids, as themselves or as character references."""
TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def parse_tagged(text: str, index: int, *, strict: bool) -> ET.Element | None:
    """The text parsed as XML content. A character XML 1.0 forbids is a 400 for the whole
    request in either version; a malformed tag is one with ``strict`` (tag handling v2), and
    None (translated around its tags) without."""
    try:
        return ET.fromstring(f"<deepl-root>{text}</deepl-root>")
    except ET.ParseError as err:
        if strict or NOT_XML_10.search(text):
            raise ApiError(
                400, f"Tag handling parsing failed, please check input (text {index}: {err})."
            ) from err
        return None


def content_length(root: ET.Element | None, text: str) -> int:
    """Billed characters: text content, tags excluded, an entity one character."""
    if root is None:
        return len(TAG.sub("", text))
    return len("".join(root.itertext()))


def translate_around_tags(text: str, terms: Mapping[str, str], target: str) -> str:
    """v1's way with a text it cannot parse: the text between tags is translated."""
    pieces = TAG.split(text)
    tags = TAG.findall(text)
    out = [translate_text(pieces[0], terms, target)]
    for tag, piece in zip(tags, pieces[1:], strict=True):
        out += [tag, translate_text(piece, terms, target)]
    return "".join(out)


def japanese_order(root: ET.Element) -> None:
    """What Japanese word order does to a sentence's inline elements: the top-level ones come
    back in reverse order (each with its content and nesting), the text between them stays,
    and the spaces that touched an element are gone."""
    children = list(root)
    if not children:
        return
    slots = [root.text or ""] + [child.tail or "" for child in children]
    for child in children:
        root.remove(child)
    root.extend(reversed(children))
    root.text = slots[0].rstrip(" \t")
    last = len(children) - 1
    for n, child in enumerate(root):
        tail = slots[n + 1]
        child.tail = tail.lstrip(" \t") if n == last else tail.strip(" \t")


def last_first(root: ET.Element) -> None:
    """Another Japanese sentence order: the last top-level element comes first (with its
    content), the others and the text between them stay in order, and the spaces that
    touched an element are gone."""
    children = list(root)
    if len(children) < 2:
        return
    texts = [root.text or ""] + [child.tail or "" for child in children]
    for child in children:
        root.remove(child)
    root.extend([children[-1], *children[:-1]])
    root.text = ""
    # each element is followed by the text that followed the one before it in the source;
    # the text after the moved element now ends the sentence
    tails = [*texts[:-2], texts[-2].rstrip(" \t") + texts[-1].lstrip(" \t")]
    for child, tail in zip(root, tails, strict=True):
        child.tail = tail.strip(" \t")


def translate_text(text: str, terms: Mapping[str, str], target: str) -> str:
    if terms:
        pattern = "|".join(re.escape(s) for s in sorted(terms, key=len, reverse=True))
        text = re.sub(pattern, lambda m: terms[m.group(0)], text)
    lang = target.split("-")[0]
    if lang == "JA":  # Japanese text is Japanese script, never a digit next to a tag
        return HANGUL_RUN.sub(lambda m: "ジャ" + _kana(short_hash(target, m.group(0))), text)
    return HANGUL_RUN.sub(lambda m: f"{lang}·{_letters(short_hash(target, m.group(0)))}", text)


def _letters(digest: str) -> str:
    """A word, not a number: a stand-in ending in a digit would glue onto a ``$`` next to it
    (``7$x$`` is not math), which no English word does."""
    return "".join("ghijklmnop"[int(c)] if c.isdigit() else c for c in digest)


KANA = "アイウエオカキクケコサシスセソタ"


def _kana(digest: str) -> str:
    return "".join(KANA[int(c, 16)] for c in digest)


def short_hash(target: str, run: str) -> str:
    return hashlib.sha256(f"{target}\0{run}".encode()).hexdigest()[:6]


def reorder(root: ET.Element) -> None:
    """Reverse every run of sibling elements (each keeps its tail), as word order changes do."""
    for parent in list(root.iter()):
        children = list(parent)
        if len(children) > 1:
            for child in children:
                parent.remove(child)
            parent.extend(reversed(children))


def drop_one_tag(root: ET.Element) -> bool:
    """Unwrap the first empty element (else the first element); False if there is none."""
    parents = {child: parent for parent in root.iter() for child in parent}
    elements = [e for e in root.iter() if e is not root]
    empty = [e for e in elements if len(e) == 0 and not e.text]
    if not elements:
        return False
    victim = (empty or elements)[0]
    parent = parents[victim]
    index = list(parent).index(victim)
    kids = list(victim)
    parent.remove(victim)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    append_text(parent, index, victim.text or "")
    append_text(parent, index + len(kids), victim.tail or "")
    return True


def append_text(parent: ET.Element, index: int, text: str) -> None:
    """Append ``text`` where child ``index`` starts: the previous sibling's tail or the text."""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
