"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_deepl import FakeDeepL


@pytest.fixture
def fake_deepl() -> Iterator[FakeDeepL]:
    """A fresh fake DeepL API on 127.0.0.1 (see tests/fake_deepl.py)."""
    with FakeDeepL() as fake:
        yield fake
