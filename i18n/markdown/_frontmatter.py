"""YAML (``---``) and TOML (``+++``) front matter: read safely, edit in place.

Only the configured keys' values change; key order, quoting style, comments and every other
key stay as written, because we splice the value's characters instead of re-dumping the data.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from i18n.errors import InputError

_YAML_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)", re.M)
_LOOKS_LIKE_KEY = re.compile(r"[ \t]*(?:[\w\"'.-]+[ \t]*(?::(?:[ \t]|$)|=)|#)", re.M)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter block of a document."""

    format: str
    """``yaml`` or ``toml``."""
    start: int
    """Offset of the opening fence in the document text."""
    content_start: int
    """Offset of the first character after the opening fence line."""
    content_end: int
    """Offset of the closing fence line (end of the data)."""
    end: int
    """Offset just past the closing fence line: where the Markdown body starts."""
    data: Mapping[str, Any]
    """The parsed mapping (safe loader: plain data only)."""


@dataclass(frozen=True, slots=True)
class ScalarSpan:
    """Where a top-level string value sits in the front matter, and how it is written."""

    key: str
    """The key."""
    start: int
    """Offset of the value's first character (its opening quote, if quoted)."""
    end: int
    """Offset just past the value (its closing quote, if quoted)."""
    style: str
    """``plain``, ``double`` or ``single`` (YAML), ``basic`` or ``literal`` (TOML)."""
    value: str
    """The parsed value."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def split_front_matter(text: str, start: int, path: str) -> FrontMatter | None:
    """Find front matter at ``start`` (after any BOM); None when the document has none.

    A fence whose contents do not look like key/value data is Markdown (a thematic break or
    a setext underline), not front matter; one that does but is unterminated or unparsable
    is an error.
    """
    for fmt, opener, closer in (
        ("yaml", _YAML_OPEN, _YAML_CLOSE),
        ("toml", _TOML_OPEN, _TOML_CLOSE),
    ):
        opened = opener.match(text, start)
        if not opened:
            continue
        closed = closer.search(text, opened.end())
        looks_like_data = bool(_LOOKS_LIKE_KEY.match(text, opened.end()))
        if closed is None:
            if looks_like_data:
                raise InputError(
                    f"{fmt.upper()} front matter opened here is never closed: add the closing "
                    f"'{'---' if fmt == 'yaml' else '+++'}' line",
                    file=path,
                    line=_line_of(text, start),
                )
            return None
        raw = text[opened.end() : closed.start()]
        data = _load(fmt, raw, path, _line_of(text, opened.end()), looks_like_data)
        if data is None:
            return None
        return FrontMatter(fmt, start, opened.end(), closed.start(), closed.end(), data)
    return None


def _load(
    fmt: str, raw: str, path: str, first_line: int, looks_like_data: bool
) -> Mapping[str, Any] | None:
    if not raw.strip():
        return {}
    try:
        data = _safe_yaml(raw) if fmt == "yaml" else tomllib.loads(raw.replace("\r\n", "\n"))
    except yaml.YAMLError as error:
        # a tag the safe loader refuses (``!!python/object/apply:…``) is meant as data, and
        # hostile: never demoted to body text under new front matter
        refused_tag = isinstance(error, yaml.constructor.ConstructorError)
        if not looks_like_data and not refused_tag:
            return None
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(
            f"front matter is not valid YAML: {problem}", file=path, line=line
        ) from None
    except tomllib.TOMLDecodeError as error:
        if not looks_like_data:
            return None
        found = re.search(r"line (\d+)", str(error))
        line = first_line + int(found.group(1)) - 1 if found else first_line
        message = str(error).split(" (at", 1)[0]
        raise InputError(
            f"front matter is not valid TOML: {message}", file=path, line=line
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        if looks_like_data:
            raise InputError(
                "front matter must be a mapping of keys to values", file=path, line=first_line
            )
        return None
    return data


def _safe_yaml(raw: str) -> Any:
    """YAML with the safe loader only (libyaml's when built in): plain data, no object tags."""
    return yaml.load(raw, Loader=_SAFE_LOADER)


_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_KEY_LINE = r"^{key}[ \t]*:[ \t]*"
_TOML_KEY_LINE = r"^{key}[ \t]*=[ \t]*"


def scalar_spans(text: str, fm: FrontMatter, keys: Sequence[str]) -> list[ScalarSpan]:
    """Spans of the single-line string values of ``keys`` (block scalars are left alone)."""
    spans: list[ScalarSpan] = []
    for key in keys:
        value = fm.data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        template = _YAML_KEY_LINE if fm.format == "yaml" else _TOML_KEY_LINE
        pattern = re.compile(template.format(key=re.escape(key)), re.M)
        found = pattern.search(text, fm.content_start, fm.content_end)
        if not found:
            continue
        span = _value_span(text, found.end(), fm.format, key, value)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _value_span(text: str, at: int, fmt: str, key: str, value: str) -> ScalarSpan | None:
    line_end = _line_end(text, at)
    line = text[at:line_end]
    quote = line[:1]
    if quote in ("'", '"'):
        closing = _closing_quote(line, quote, fmt)
        if closing is None:
            return _continued(text, at, line_end, fmt, key, value)
        style = {
            ("yaml", '"'): "double",
            ("yaml", "'"): "single",
            ("toml", '"'): "basic",
            ("toml", "'"): "literal",
        }[(fmt, quote)]
        return ScalarSpan(key, at, at + closing + 1, style, value)
    if fmt == "toml" or quote in "&*!":
        return None
    if _BLOCK_HEADER.fullmatch(line.strip()) or not line.strip():
        return _block(text, line_end, key, value)
    plain = re.split(r"[ \t]#", line, maxsplit=1)[0].rstrip()
    if plain != value:
        return _continued(text, at, line_end, fmt, key, value)
    return ScalarSpan(key, at, at + len(plain), "plain", value)


_BLOCK_HEADER = re.compile(r"[|>][+-]?[1-9]?|[|>][1-9]?[+-]?")
_EOL_AT = re.compile(r"\r\n|\r|\n")


def _line_end(text: str, at: int) -> int:
    found = _EOL_AT.search(text, at)
    return found.start() if found else len(text)


def _indented_lines_end(text: str, line_end: int) -> int:
    """End of the run of indented (or blank) lines after ``line_end``: a value's
    continuation, trailing blank lines left out."""
    end = line_end
    pos = line_end
    while pos < len(text):
        eol = _EOL_AT.match(text, pos)
        if eol is None:
            break
        start = eol.end()
        stop = _line_end(text, start)
        line = text[start:stop]
        if line.strip() and not line[:1].isspace():
            break
        if line.strip():
            end = stop
        pos = stop
    return end


def _block(text: str, line_end: int, key: str, value: str) -> ScalarSpan | None:
    """A ``|`` or ``>`` block scalar: the span is its content lines, written back as one
    line at the first line's indentation (the header and the style stay)."""
    end = _indented_lines_end(text, line_end)
    first = _EOL_AT.match(text, line_end)
    if first is None or end <= first.end():
        return None
    start = first.end()
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return ScalarSpan(key, start, end, "block", value)


def _continued(
    text: str, at: int, line_end: int, fmt: str, key: str, value: str
) -> ScalarSpan | None:
    """A plain or quoted scalar folded over several lines: rewritten on one line, quoted."""
    if fmt == "toml":
        return None
    end = _indented_lines_end(text, line_end)
    if end <= line_end:
        return None
    return ScalarSpan(key, at, end, "double", value)


def _closing_quote(line: str, quote: str, fmt: str) -> int | None:
    i = 1
    while i < len(line):
        char = line[i]
        if char == "\\" and quote == '"':
            i += 2
            continue
        if char == quote:
            if fmt == "yaml" and quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |\s#|:$|\s$|\t")
_YAML_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)
"""What YAML cannot hold as written: non-printable characters, and the ones it reads as
line breaks (NEL, U+2028, U+2029) or strips (a BOM). A double-quoted scalar escapes them."""
_TOML_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
"""Control characters a TOML string may not hold as written (a basic string escapes them)."""


def write_scalar(value: str, style: str) -> str:
    """The value written in the style it had, so that the YAML or TOML still parses to it:
    quoted (and escaped) when its own style cannot hold it."""
    if style == "block":  # a block scalar cannot escape: what it cannot hold becomes a space
        return " ".join(_YAML_UNSAFE.sub(" ", value).split())
    value = value.replace("\n", " ")
    if style in ("basic", "literal"):
        if style == "literal" and "'" not in value and not _TOML_UNSAFE.search(value):
            return "'" + value + "'"
        return _toml_basic(value)
    if _YAML_UNSAFE.search(value):
        return _yaml_double(value)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "plain" and not _PLAIN_UNSAFE.search(value) and _stays_string(value):
        return value
    return _yaml_double(value)


_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r", "\n": "\\n"}


def _yaml_double(value: str) -> str:
    """A YAML double-quoted scalar; every character YAML cannot hold is escaped."""

    def escaped(found: re.Match[str]) -> str:
        char = found.group(0)
        if char in _YAML_ESCAPES:
            return _YAML_ESCAPES[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return '"' + _YAML_DOUBLE_UNSAFE.sub(escaped, value) + '"'


_YAML_DOUBLE_UNSAFE = re.compile(r'[\\"\t\r\n]|' + _YAML_UNSAFE.pattern)


def _toml_basic(value: str) -> str:
    """A TOML basic string; quotes, backslashes and control characters escaped."""

    def escaped(found: re.Match[str]) -> str:
        char = found.group(0)
        return "\\" + char if char in '"\\' else f"\\u{ord(char):04X}"

    return '"' + re.sub(r'["\\\x00-\x08\x0a-\x1f\x7f]', escaped, value) + '"'


def _stays_string(value: str) -> bool:
    try:
        return bool(_safe_yaml(value) == value)
    except yaml.YAMLError:
        return False


def metadata_block(fmt: str, lang: str, info: Mapping[str, str], eol: str) -> str:
    """The ``lang`` key and ``i18n`` mapping, as lines to append to the front matter."""
    if fmt == "toml":
        fields = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in info.items())
        return f'lang = "{lang}"{eol}i18n = {{ {fields} }}{eol}'
    lines = [f"lang: {lang}", "i18n:"]
    lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in info.items()]
    return eol.join(lines) + eol


def existing_metadata(text: str, fm: FrontMatter) -> list[tuple[int, int]]:
    """Spans of top-level ``lang``/``i18n`` entries already present (they are replaced)."""
    spans: list[tuple[int, int]] = []
    body = text[fm.content_start : fm.content_end]
    sep = ":" if fm.format == "yaml" else "="
    entry = re.compile(
        rf"^(?:lang|i18n)[ \t]*{sep}.*(?:\r\n|\r|\n|\Z)((?:[ \t]+.*(?:\r\n|\r|\n|\Z))*)", re.M
    )
    for found in entry.finditer(body):
        spans.append((fm.content_start + found.start(), fm.content_start + found.end()))
    return spans
