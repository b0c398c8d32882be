"""The renderers, for render-parity tests: kramdown as Jekyll runs it (GFM input), Hugo's
Goldmark, each called once for a whole batch of texts, and cmark-gfm, CommonMark's reference
implementation with the extensions digest-i18n reads without a site (tables, strikethrough,
footnotes), for posts read without a site.

``skeleton`` is what a reader gets apart from the words: the block structure (with task-list
boxes), every link and image target, every code span and block byte for byte, the multiset of
inline elements, and which ``#fragment`` links find their target (headings get ids from their
text, as Jekyll and Hugo make them).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Sequence
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from helpers import require_installed, require_tools

KRAMDOWN = r"""
require "json"; require "kramdown"; require "kramdown-parser-gfm"
out = JSON.parse($stdin.read).map do |path|
  text = File.binread(path).force_encoding("UTF-8").sub(/\A\uFEFF/, "")
  # Jekyll strips the front matter before converting
  text = $' if text =~ /\A(---\s*\r?\n.*?\r?\n?)^(---|\.\.\.)\s*$\r?\n?/m
  begin
    Kramdown::Document.new(text, input: "GFM", hard_wrap: false, auto_ids: true,
                           syntax_highlighter: nil).to_html
  rescue => e
    "ERROR: #{e.class}: #{e.message}"
  end
end
puts JSON.generate(out)
"""

HUGO_CONFIG = """baseURL = "http://example.org/"
title = "parity"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
[markup.goldmark.renderer]
unsafe = true
"""
# The home page lists every page's rendered content as JSON: one hugo run for the batch.
HUGO_HOME = (
    "{{- $first := true -}}{ {{- range .Site.RegularPages -}}"
    "{{- if not $first }},{{ end }}{{ $first = false -}}"
    "{{ .File.BaseFileName | jsonify }}: {{ .Content | jsonify }}"
    "{{- end -}} }"
)
# Hugo's own shortcodes; any other name a text uses gets a stub that renders its inner text.
HUGO_SHORTCODES = {"figure", "gist", "highlight", "instagram", "param", "ref", "relref", "tweet"}
SHORTCODE_STUB = '<div class="sc-{{ .Name }}">{{ with .Inner }}{{ . | markdownify }}{{ end }}</div>'
SHORTCODE_NAME = re.compile(r"\{\{[<%]\s*/?\s*([A-Za-z0-9_-]+)")


@cache
def _kramdown_gems() -> bool:
    probe = 'require "kramdown"; require "kramdown-parser-gfm"'
    return subprocess.run(["ruby", "-e", probe], capture_output=True).returncode == 0


def kramdown_html(texts: Sequence[str]) -> list[str]:
    """Each text as Jekyll's kramdown renders it (front matter stripped)."""
    require_tools("ruby")
    require_installed([] if _kramdown_gems() else ["ruby-kramdown, ruby-kramdown-parser-gfm"])
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, text in enumerate(texts):
            path = Path(tmp) / f"{n:05d}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        done = subprocess.run(
            ["ruby", "-e", KRAMDOWN], input=json.dumps(paths), capture_output=True, text=True
        )
    assert done.returncode == 0, done.stderr
    html: list[str] = json.loads(done.stdout)
    return html


def goldmark_html(texts: Sequence[str]) -> list[str]:
    """Each text as Hugo's Goldmark renders it (a front matter is added when it has none)."""
    require_tools("hugo")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "content" / "p").mkdir(parents=True)
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "layouts" / "shortcodes").mkdir(parents=True)
        (site / "config.toml").write_text(HUGO_CONFIG)
        (site / "layouts" / "index.html").write_text(HUGO_HOME)
        (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
        (site / "layouts" / "_default" / "list.html").write_text("")
        names: set[str] = set()
        for n, text in enumerate(texts):
            if not text.startswith(("---", "+++")):
                text = f"---\ntitle: p{n}\n---\n{text}"
            names |= set(SHORTCODE_NAME.findall(text))
            (site / "content" / "p" / f"{n:05d}.md").write_text(text, encoding="utf-8")
        for name in names - HUGO_SHORTCODES:
            (site / "layouts" / "shortcodes" / f"{name}.html").write_text(SHORTCODE_STUB)
        refused: dict[str, str] = {}
        while True:  # a page Hugo refuses is dropped and reported as its error
            done = subprocess.run(
                ["hugo", "--source", str(site), "--quiet", "--buildDrafts", "--buildFuture"],
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                break
            names = set(HUGO_PAGE.findall(done.stdout + done.stderr)) - set(refused)
            assert names, done.stdout + done.stderr
            for name in names:
                refused[name] = "ERROR: " + (done.stdout + done.stderr).strip()[-300:]
                (site / "content" / "p" / f"{name}.md").unlink()
        pages = json.loads((site / "public" / "index.html").read_text(encoding="utf-8"))
    pages.update(refused)
    return [pages[f"{n:05d}"] for n in range(len(texts))]


_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\r?\n.*?^---|\+\+\+[ \t]*\r?\n.*?^\+\+\+)[ \t]*\r?\n?", re.M | re.S
)


# Strikethrough as digest-i18n reads it without a site, and as Goldmark and kramdown render
# it: two tildes (cmark-gfm alone also pairs single tildes, as in "1~3번째 … 0~4번째").
CMARK = ("cmark-gfm", "-e", "table", "-e", "strikethrough", "--strikethrough-double-tilde")
CMARK += ("-e", "footnotes")


def cmark_html(texts: Sequence[str]) -> list[str]:
    """Each text as CommonMark's reference implementation renders it (``cmark-gfm`` with
    tables, strikethrough and footnotes; raw HTML kept), its front matter stripped first as a
    site generator would."""
    require_tools("cmark-gfm")
    html = []
    for text in texts:
        body = _FRONT_MATTER.sub("", text.removeprefix("\ufeff"), count=1)
        done = subprocess.run(
            [*CMARK, "--unsafe"], input=body.encode(), capture_output=True, check=True
        )
        html.append(done.stdout.decode("utf-8"))
    return html


HUGO_PAGE = re.compile(r"content/p/(\d{5})\.md")


BLOCKS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody"),
    *("tr", "th", "td", "blockquote", "pre", "hr", "br", "dl", "dt", "dd", "div", "details"),
    *("summary", "figure", "iframe", "script", "style", "img", "input"),
}
INLINE = {"a", "code", "em", "strong", "del", "sup", "sub", "img", "kbd", "span", "small"}
INLINE |= {"samp", "mark", "font", "math", "s"}


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[str] = []
        self.code: list[str] = []
        self.inline: list[str] = []
        self.ids: set[str] = set()
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.add(attr["id"] or "")
        if tag in BLOCKS:
            detail = attr.get("align") or attr.get("type") or ""
            self.blocks.append(f"{tag}[{detail}]" if detail else tag)
        if tag in INLINE and (tag != "a" or "href" in attr):  # an empty anchor shows nothing
            self.inline.append(tag)
        if tag == "a" and "href" in attr:
            self.links.append(attr["href"] or "")
        if tag == "img":
            self.links.append("img:" + (attr.get("src") or ""))
        if tag == "code":
            self._code = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self._code is not None:
            self.code.append("".join(self._code))
            self._code = None

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)


def skeleton(html: str) -> dict[str, list[str]]:
    """What a reader gets from ``html`` apart from the words."""
    assert not html.startswith("ERROR:"), html
    found = _Skeleton()
    found.feed(html)
    fragments = [unquote(link[1:]) for link in found.links if link.startswith("#")]
    return {
        "blocks": found.blocks,
        "links": sorted(found.links),
        "code": sorted(found.code),
        "inline": sorted(found.inline),
        "fragments that resolve": sorted(f for f in fragments if f in found.ids),
    }


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class _TopLevel(HTMLParser):
    """The spans of the top-level elements of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.spans: list[tuple[int, int]] = []
        self.depth = 0
        self._start = 0
        self._lines = [0]
        for line in html.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self._start = self._offset()
        if tag not in VOID:
            self.depth += 1
        elif self.depth == 0:
            text = self.get_starttag_text() or ""
            self.spans.append((self._start, self._start + len(text)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.spans.append((self._start, self.html.index(">", self._offset()) + 1))


def top_level_skeletons(html: str) -> list[dict[str, list[str]]] | None:
    """The skeleton of each top-level element of ``html`` (no fragments: ids are the whole
    page's), so that two renderings can be compared block by block; None when the elements do
    not nest (raw HTML left open), and blocks cannot be told apart."""
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    if parser.depth != 0:
        return None
    blocks = []
    for start, end in parser.spans:
        found = skeleton(html[start:end])
        found.pop("fragments that resolve")
        blocks.append(found)
    return blocks
