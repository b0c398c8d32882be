"""The site a post belongs to, found upward from a directory, and the dialect it renders."""

from __future__ import annotations

import re
from pathlib import Path

from i18n.errors import UsageError
from i18n.markdown._dialects import DIALECTS

HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")
"""Files that make a directory a Hugo site (its ``config/_default/`` holds them too)."""
_JEKYLL_MARKDOWN = re.compile(r"^markdown[ \t]*:[ \t]*[\"']?([A-Za-z]+)", re.M)
# Jekyll's ``markdown:`` converter names, lower-cased, and the dialect each one reads.
_JEKYLL_CONVERTERS = {
    "kramdown": "kramdown",
    "commonmark": "commonmark",
    "commonmarkghpages": "commonmark",
}


def site_dialect(start: Path) -> str:
    """The dialect of the site that holds ``start``: a Jekyll ``_config.yml`` means kramdown
    (or the converter its ``markdown:`` key names), a Hugo config Goldmark, none CommonMark."""
    for directory in (start, *start.parents):
        jekyll = directory / "_config.yml"
        if jekyll.is_file():
            return _jekyll_dialect(jekyll)
        for name in HUGO_CONFIGS:
            if (directory / name).is_file() or (directory / "config" / "_default" / name).is_file():
                return "goldmark"
    return "commonmark"


def _jekyll_dialect(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "kramdown"
    found = _JEKYLL_MARKDOWN.search(text)
    # Jekyll's default converter is kramdown; a plugin's converter we do not know reads
    # closest to it too
    return _JEKYLL_CONVERTERS.get(found.group(1).lower(), "kramdown") if found else "kramdown"


def check_dialect(name: str) -> str:
    """A known Markdown dialect; else a usage error."""
    if name not in DIALECTS:
        raise UsageError(f"unknown markdown dialect '{name}' (known: {', '.join(DIALECTS)})")
    return name
