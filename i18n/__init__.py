"""digest-i18n: section-aware translation of Markdown digests."""

from __future__ import annotations

__version__ = "0.1.0"
