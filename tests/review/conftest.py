"""A real browser for the review-page tests: Debian's headless Chromium through chromedriver.

One session per test module (starting Chromium costs about a second). Flags keep it from
reaching the network on its own (updates, sync, QUIC), and a fresh profile directory means
nothing from an earlier run is reused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from helpers import CHROMIUM_FLAGS, require_tools

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH = 1280
"""Window width (the screenshot the README shows is this wide)."""

FLAGS = (*CHROMIUM_FLAGS, "--hide-scrollbars", f"--window-size={WIDTH},1000")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """A headless Chromium for this test module."""
    require_tools(CHROMIUM, CHROMEDRIVER)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
