"""Shared fixtures: the built site served on 127.0.0.1 and a real Chromium driven by Playwright.

Browser tests never skip: without Chromium they fail, because a skipped browser test would
report a green run that proved nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import expect  # noqa: E402
from sitebuild import CHROMIUM, CHROMIUM_ARGS, Server, build_site  # noqa: E402

# Python boots in a few seconds on a 2-core machine: give assertions room (not a perf test).
expect.set_options(timeout=30_000)

LOCAL_HOSTS = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The whole site, built once per test session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    done = build_site(out, config_file=os.environ.get("COURSE_TEST_CONFIG"))
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def server(site_dir):
    with Server(site_dir) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser context (fresh storage) with helpers; requests off 127.0.0.1 are blocked."""

    def __init__(self, browser, server, **context_options) -> None:
        self.server = server
        self.context = browser.new_context(**context_options)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.set_default_timeout(30_000)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(LOCAL_HOSTS):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def new_tab(self) -> Visit:
        """Another tab of the same browser (same storage, same helpers)."""
        tab = Visit.__new__(Visit)
        tab.__dict__.update(self.__dict__, page=self.context.new_page())
        tab.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        tab.page.set_default_timeout(30_000)
        return tab

    def goto(self, path: str):
        self.page.goto(self.server.url + path.lstrip("/"))
        return self.page

    def exercise(self, exercise_id: str):
        """The exercise's root element (its editor mounts once it is near the viewport)."""
        return self.page.locator(f'[data-exercise="{exercise_id}"]')

    def reach(self, exercise_id: str):
        """Scroll to an exercise as a student would, and wait until its editor is mounted."""
        root = self.exercise(exercise_id)
        root.scroll_into_view_if_needed()
        root.locator(".cm-content").wait_for()
        return root

    def wait_python_ready(self, exercise_id: str, timeout: float = 60_000) -> None:
        self.reach(exercise_id).and_(self.page.locator('[data-python="ready"]')).wait_for(
            timeout=timeout)

    def set_code(self, exercise_id: str, code: str) -> None:
        """Replace the editor's text through the editor's own input handling."""
        editor = self.reach(exercise_id).get_by_role("textbox")
        editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code)

    def editor_text(self, exercise_id: str) -> str:
        return self.reach(exercise_id).evaluate("node => node.courseEditor.getCode()")

    def check(self, exercise_id: str):
        """Press Check and wait for the report."""
        root = self.reach(exercise_id)
        root.get_by_role("button", name="Check", exact=True).click()
        report = root.locator(".course-report, .course-exercise__note:has-text('Stopped')")
        report.first.wait_for(timeout=60_000)
        return root.locator(".course-report")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    """A fresh visitor (empty storage); fails the test on uncaught page errors."""
    visitor = Visit(browser, server)
    yield visitor
    visitor.close()
    assert not visitor.errors, f"uncaught errors in the page: {visitor.errors}"
