"""Browser fixtures: a real Chromium (Debian's, driven by Playwright from PyPI) and a fresh
visitor per test. Browser tests never skip: without Chromium they fail, because a skipped
browser test would report a green run that proved nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sitebuild import CHROMIUM, CHROMIUM_ARGS
from visitor import Visit

expect.set_options(timeout=30_000)  # a busy 2-core machine: give assertions room


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser, server):
    """A fresh visitor (empty storage); fails the test on uncaught page errors and on
    Content-Security-Policy violations."""
    visitor = Visit(browser, server)
    yield visitor
    visitor.close()
    assert not visitor.errors, f"errors in the page: {visitor.errors}"
