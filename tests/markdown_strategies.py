"""Hypothesis strategies for Markdown documents shaped like the Korean digests we translate.

Every string is valid Markdown, so nothing here tries to be semantically tidy: the point is
to throw realistic shapes (front matter, nesting, hard breaks, CRLF, a BOM, tabs, Liquid,
shortcodes) at the splicer, whose identity render must give back every character. The
strategies draw from small fixed vocabularies so that generation stays cheap.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

KOREAN_WORDS = (
    "확산",
    "모델",
    "트랜스포머",
    "강화 학습",
    "보상",
    "정책",
    "추론",
    "학습률",
    "데이터셋",
    "실험",
    "결과",
    "성능",
    "지식 증류",
    "언어 모델",
    "주의 메커니즘",
    "본 논문은",
    "제안한다",
    "향상되었다",
    "보였다.",
    "한계가 있다.",
)
ASCII_WORDS = ("LLM", "RoPE", "DiT", "AdamW", "GPT-4", "3e-4", "FID", "x_t", "a*b", "v2.1")
PARTICLES = ("", "", "은", "는", "이", "가", "을", "를", "의", "에서", "로", "과", ".", ",")
URLS = (
    "https://arxiv.org/abs/2511.01234",
    "https://example.com/a_b*c",
    "/assets/img/그림.png",
    "#개요",
    "https://ko.wikipedia.org/wiki/변환기_(기계_학습)",
)
INDENTS = ("  ", "   ", "    ", "\t")

LINE_BREAKS = ("\n", "\n", "\n", "  \n", "   \n", "\\\n", " \n", "\t\n")
"""What ends a line inside a paragraph: soft wraps, hard breaks, and trailing blanks."""

words = st.sampled_from(KOREAN_WORDS + ASCII_WORDS)
particles = st.sampled_from(PARTICLES)
urls = st.sampled_from(URLS)


@st.composite
def plain_text(draw: st.DrawFn, max_words: int = 6) -> str:
    """A few words, each maybe followed by a Korean particle or punctuation."""
    parts = draw(st.lists(st.tuples(words, particles), min_size=1, max_size=max_words))
    return " ".join(w + p for w, p in parts)


def _wrapped(template: str) -> st.SearchStrategy[str]:
    return st.builds(template.format, plain_text(3), particles, urls)


INLINE_TEMPLATES = (
    "*{0}*{1}",
    "_{0}_{1}",
    "**{0}**{1}",
    "__{0}__{1}",
    "***{0}***{1}",
    "**{0} *{0}***{1}",
    "~~{0}~~",
    "`{0}`{1}",
    "``a `{0}` b``",
    "[{0}]({2}){1}",
    '[{0}]({2} "{0}"){1}',
    "[{0}](<{2} x>){1}",
    "[{0}][ref1]{1}",
    "[{0}][]",
    "[ref2]{1}",
    "![{0}]({2}){1}",
    "![{0}]({2} '{0}')",
    "[![{0}]({2})]({2})",
    "<{2}>{1}",
    '<span class="k">{0}</span>{1}',
    "<br>",
    "<!-- {0} -->",
    "$x_t^{{2}}$",
    "$\\mathcal{{L}}$ {1}",
    "{{{{ site.url }}}}",
    "{{% include x.html %}}",
    '{{{{< ref "a.md" >}}}}',
    "[^1]",
    "[^note]{1}",
    "[[{0}]]{1}",
    "\\*{0}\\*",
    "&amp; &nbsp;&#44;",
    "{0}&lt;{1}&gt;",
    "<{0}@example.com>",
    "{0}\t{0}",
)

inline_atom: st.SearchStrategy[str] = st.one_of(
    plain_text(),
    st.sampled_from(INLINE_TEMPLATES).flatmap(_wrapped),
)


@st.composite
def inline_line(draw: st.DrawFn) -> str:
    """One line of inline content: text mixed with emphasis, links, code, math, Liquid …"""
    atoms = draw(st.lists(inline_atom, min_size=1, max_size=4))
    glue = draw(st.sampled_from((" ", " ", "")))
    return glue.join(atoms)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """One to three lines joined by soft wraps, hard breaks or stray trailing blanks."""
    lines = draw(st.lists(inline_line(), min_size=1, max_size=3))
    out = lines[0]
    for line in lines[1:]:
        out += draw(st.sampled_from(LINE_BREAKS)) + draw(st.sampled_from(("", "", " ", "   ")))
        out += line
    return out


@st.composite
def atx_heading(draw: st.DrawFn) -> str:
    """``## text ##`` with optional closing hashes and trailing blanks."""
    level = draw(st.integers(1, 6))
    closing = draw(st.sampled_from(("", "", " #", " ##", " " + "#" * level)))
    trailing = draw(st.sampled_from(("", "", "  ", " ", "\t")))
    sep = draw(st.sampled_from((" ", " ", "\t", "  ")))
    return "#" * level + sep + draw(inline_line()) + closing + trailing


@st.composite
def setext_heading(draw: st.DrawFn) -> str:
    """A line (or two) underlined with ``===`` or ``---``."""
    text = draw(paragraph())
    underline = draw(st.sampled_from(("=", "-"))) * draw(st.integers(1, 12))
    return text + "\n" + underline + draw(st.sampled_from(("", "  ")))


@st.composite
def fenced_code(draw: st.DrawFn) -> str:
    """A ``` or ~~~ fence with an info string and Korean comments inside."""
    fence = draw(st.sampled_from(("```", "~~~", "````", "~~~~")))
    info = draw(st.sampled_from(("", "python", "bash", "python {linenos=table}", " json")))
    body = draw(
        st.lists(
            st.sampled_from(
                ("x = 1", "# 한국어 주석", "    return 모델(x)", "", "**not bold**", "\tindent")
            ),
            max_size=4,
        )
    )
    closing = draw(st.sampled_from((fence, fence, fence + "  ", "")))
    return "\n".join([fence + info, *body, closing])


@st.composite
def indented_code(draw: st.DrawFn) -> str:
    """Lines indented by four spaces or a tab."""
    indent = draw(st.sampled_from(("    ", "\t", "     ")))
    body = draw(st.lists(st.sampled_from(("x = 1", "# 주석", "for i in range(3):")), min_size=1))
    return "\n".join(indent + line for line in body)


@st.composite
def table(draw: st.DrawFn) -> str:
    """A GFM table with alignment, inline markup in cells, escaped pipes and ragged rows."""
    cols = draw(st.integers(1, 4))
    cell = st.one_of(plain_text(2), inline_atom, st.just("a \\| b"), st.just(""))
    header = draw(st.lists(cell, min_size=cols, max_size=cols))
    aligns = draw(
        st.lists(st.sampled_from(("---", ":---", "---:", ":-:")), min_size=cols, max_size=cols)
    )
    outer = draw(st.booleans())
    rows = [header, aligns]
    rows += draw(st.lists(st.lists(cell, min_size=1, max_size=cols + 1), max_size=3))
    if outer:
        return "\n".join("| " + " | ".join(r) + " |" for r in rows)
    return "\n".join(" | ".join(r) for r in rows)


BLOCK_TEMPLATES = (
    "---",
    "***",
    "___",
    "- - -",
    " * * *",
    "$$\nq(x_t \\mid x_0) = 1\n$$",
    "$$ \\nabla_\\theta $$",
    "{% highlight python %}\n# 한국어 주석\nx = 1\n{% endhighlight %}",
    "{% raw %}\n{{ 그대로 }}\n{% endraw %}",
    "{% include toc.html %}",
    '{{< figure src="a.png" title="그림 1" >}}',
    "{{% notice info %}}\n논문은 심사 중이다.\n{{% /notice %}}",
    "* 목차\n{:toc}",
    '<div class="notice">\n<b>참고</b> 내용\n</div>',
    "<!-- 주석\n여러 줄 -->",
    "<details>\n<summary>펼치기</summary>\n\n본문이다.\n\n</details>",
    '[ref1]: https://example.com/r "제목"',
    "[ref2]:\n  <https://example.com/r x>\n  '제목'",
    "[^1]: 각주 내용이다.",
    "[^note]: 첫 줄\n    들여쓴 둘째 줄",
)


@cache
def _leaf_blocks() -> st.SearchStrategy[str]:
    return st.one_of(
        paragraph(),
        paragraph(),
        atx_heading(),
        setext_heading(),
        fenced_code(),
        indented_code(),
        table(),
        st.sampled_from(BLOCK_TEMPLATES),
        st.builds("{}\n{{: .notice}}".format, paragraph()),
    )


def _indent_block(block: str, first: str, rest: str) -> str:
    lines = block.split("\n")
    return "\n".join([first + lines[0], *((rest + ln) if ln else ln for ln in lines[1:])])


@st.composite
def bullet_list(draw: st.DrawFn, depth: int) -> str:
    """A -, * or + list; items may hold nested blocks, separated tightly or loosely."""
    marker = draw(st.sampled_from(("-", "*", "+")))
    gap = draw(st.sampled_from((" ", " ", "   ", "\t")))
    indent = draw(st.sampled_from(INDENTS))
    sep = draw(st.sampled_from(("\n", "\n", "\n\n")))
    items = draw(st.lists(_item_body(depth), min_size=1, max_size=3))
    return sep.join(_indent_block(body, marker + gap, indent) for body in items)


@st.composite
def ordered_list(draw: st.DrawFn, depth: int) -> str:
    """An ordered list starting at 0, 1, 7 or 10, with ``.`` or ``)`` delimiters."""
    start = draw(st.sampled_from((0, 1, 1, 7, 10, 3)))
    delim = draw(st.sampled_from((".", ")")))
    same = draw(st.booleans())
    sep = draw(st.sampled_from(("\n", "\n", "\n\n")))
    items = draw(st.lists(_item_body(depth), min_size=1, max_size=3))
    out: list[str] = []
    for i, body in enumerate(items):
        marker = f"{start if same else start + i}{delim} "
        out.append(_indent_block(body, marker, " " * len(marker)))
    return sep.join(out)


@st.composite
def blockquote(draw: st.DrawFn, depth: int) -> str:
    """``>`` quotes: nested, with lazy continuation lines, holding lists and code."""
    inner = draw(_blocks(depth - 1))
    prefix = draw(st.sampled_from(("> ", "> ", ">", ">  ")))
    quoted = "\n".join((prefix + ln) if ln else prefix.rstrip() for ln in inner.split("\n"))
    if draw(st.booleans()):
        quoted += "\n" + draw(inline_line())  # lazy continuation
    return quoted


@st.composite
def _item_body(draw: st.DrawFn, depth: int) -> str:
    first = draw(st.one_of(paragraph(), st.just("")))
    if depth <= 0 or not draw(st.booleans()):
        return first
    nested = draw(_blocks(depth - 1))
    return first + draw(st.sampled_from(("\n", "\n\n"))) + nested


@cache
def _blocks(depth: int) -> st.SearchStrategy[str]:
    if depth <= 0:
        return _leaf_blocks()
    return st.one_of(
        _leaf_blocks(),
        bullet_list(depth),
        ordered_list(depth),
        blockquote(depth),
    )


def blocks(depth: int = 2) -> st.SearchStrategy[str]:
    """One block, nested at most ``depth`` containers deep."""
    return _blocks(depth)


YAML_LINES = (
    'title: "Daily Papers — 2025-11-03"',
    "title: '작은따옴표: 제목'",
    "description: 확산 모델 논문 요약",
    "excerpt: >\n  여러 줄로\n  접히는 요약",
    "summary: |\n  줄을 유지하는\n  요약",
    'tags: [papers, "강화 학습"]',
    "categories:\n  - 논문\n  - AI",
    "# 주석 줄",
    "date: 2025-11-03 08:15:00",
    "toc: true  # 목차",
    "empty:",
)
TOML_LINES = (
    'title = "확산 모델 요약"',
    "description = '작은따옴표 설명'",
    'tags = ["papers", "확산"]',
    "draft = false",
    "# 주석",
    '[params]\n  subtitle = "부제"',
)


def _yaml_key(line: str) -> str:
    return line.split(":", 1)[0]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """YAML (``---``) or TOML (``+++``) front matter built from realistic lines."""
    if draw(st.booleans()):
        lines = draw(st.lists(st.sampled_from(YAML_LINES), max_size=5, unique_by=_yaml_key))
        return "\n".join(["---", *lines, "---"])
    lines = draw(st.lists(st.sampled_from(TOML_LINES[:5]), max_size=4, unique=True))
    if draw(st.booleans()):
        lines.append(TOML_LINES[5])
    return "\n".join(["+++", *lines, "+++"])


@st.composite
def _join_lines(draw: st.DrawFn, text: str, mode: str, choices: tuple[str, ...]) -> str:
    if mode == "lf":
        return text
    if mode == "crlf":
        return text.replace("\n", "\r\n")
    lines = text.split("\n")
    n = len(lines) - 1
    ends = draw(st.lists(st.sampled_from(choices), min_size=n, max_size=n))
    return "".join(line + end for line, end in zip(lines, [*ends, ""], strict=True))


@st.composite
def markdown_documents(draw: st.DrawFn, depth: int = 2, max_blocks: int = 6) -> str:
    """A whole post: optional BOM and front matter, blocks, LF/CRLF/mixed endings, any ending."""
    mode = draw(st.sampled_from(("lf", "lf", "crlf", "mixed")))
    body = ""
    for i, block in enumerate(draw(st.lists(blocks(depth), max_size=max_blocks))):
        if i:
            body += draw(st.sampled_from(("\n\n", "\n\n", "\n\n\n", "\n", "\n  \n")))
        body += block
    body += draw(st.sampled_from(("\n", "\n", "", "\n\n", "  \n")))
    # A lone CR is a line ending to CommonMark but illegal in TOML, so front matter only
    # ever mixes LF and CRLF: the document stays valid and must parse.
    text = draw(_join_lines(body, mode, ("\n", "\r\n", "\r")))
    if draw(st.booleans()):
        matter = draw(front_matter()) + draw(st.sampled_from(("\n", "\n\n", "\n\n\n")))
        text = draw(_join_lines(matter, mode, ("\n", "\r\n"))) + text
    if draw(st.sampled_from((False, False, False, False, True))):
        text = "\ufeff" + text
    return text


NOISE_FRAGMENTS = (
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\t",
    "#",
    "# ",
    "---",
    "+++",
    "===",
    "- ",
    "* ",
    "1. ",
    "0) ",
    "> ",
    "    ",
    "```",
    "~~~",
    "|",
    "|---|",
    "*",
    "**",
    "_",
    "`",
    "[",
    "]",
    "](",
    ")",
    "![",
    "[^1]",
    "[^1]: ",
    "[a]: ",
    "<",
    ">",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "$",
    "$$",
    "{%",
    "%}",
    "{{",
    "}}",
    "{{<",
    ">}}",
    "{:",
    "}",
    "[[",
    "]]",
    "\\",
    "&amp;",
    "&#",
    ";",
    "확산 모델",
    "은 ",
    "text",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x0c",
    "\x00",
)


def noise_documents() -> st.SearchStrategy[str]:
    """Unstructured input: Markdown punctuation soup, Hangul, odd whitespace, raw text()."""
    soup = st.lists(st.sampled_from(NOISE_FRAGMENTS), max_size=40).map("".join)
    alphabet = st.sampled_from("#*_-+>`~[]()!<>{}%$|\\:=&;\"' \t\n\r가나다확산모델ab1\ufeff")
    return st.one_of(soup, st.text(alphabet=alphabet, max_size=120), st.text(max_size=80))
