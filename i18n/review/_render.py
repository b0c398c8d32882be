"""The review page as one self-contained HTML file: Jinja2, autoescaped, locked down.

The stylesheet and the script ship beside the template and are inlined; the page's
Content-Security-Policy allows exactly those two (by their sha256) and nothing else: no
other script, style, image, font, frame or connection, so the page makes no request and
nothing a post contains can run even if it got past the escaping.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from i18n import __version__
from i18n.fileio import write_atomic
from i18n.review._model import ORIGINS, ReviewPage


def _asset(name: str) -> str:
    return resources.files("i18n.review").joinpath("templates", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def content_security_policy(style: str, script: str) -> str:
    """Deny everything but the page's own inline stylesheet and script."""
    return (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


_ENVIRONMENT = Environment(
    loader=PackageLoader("i18n.review", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_review(page: ReviewPage) -> str:
    """The page as HTML text."""
    style, script = _asset("review.css"), _asset("review.js")
    template = _ENVIRONMENT.get_template("review.html.j2")
    return template.render(
        page=page,
        origins=ORIGINS,
        version=__version__,
        style=Markup(style),
        script=Markup(script),
        csp=content_security_policy(style, script),
    )


def write_review(page: ReviewPage, path: Path) -> None:
    """Write the page to ``path`` atomically (no half-written page on failure)."""
    write_atomic(path, render_review(page))
