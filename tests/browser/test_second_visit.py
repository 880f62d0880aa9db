"""A student who comes back: in a browser profile kept on disk, as a student's own browser keeps
it, the second visit of a lesson takes Python's machine code from Chromium's WebAssembly code
cache instead of compiling pyodide.asm.wasm again (about a second of CPU on this machine).

Chromium writes that cache only for a module compiled from a network response that still has
its URL; the worker counts the downloaded bytes on a clone for that reason. The evidence is
Chromium's own trace events (its DevTools timeline category): "v8.wasm.cachedModule" when the
compiled module is stored, "v8.wasm.moduleCacheHit" when a later compile is served from it.
No routing here: Playwright turns the HTTP cache off in a context with routes."""

from __future__ import annotations

import time

import pytest
from sitebuild import CHROMIUM, CHROMIUM_ARGS
from visitor import PYTHON_TIMEOUT

pytestmark = pytest.mark.browser
LESSON = "siglip-2/"
CATEGORIES = ["disabled-by-default-devtools.timeline"]
CACHE_WRITE_TIMEOUT_S = 90  # Chromium stores the module once enough of it is optimized


class Trace:
    """Chromium's trace of one page (its workers included), read in pieces."""

    def __init__(self, context, page) -> None:
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.events: list[dict] = []
        self.complete = False
        self.cdp.on("Tracing.dataCollected", lambda data: self.events.extend(data["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda _: setattr(self, "complete", True))

    def start(self) -> None:
        self.complete = False
        self.cdp.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES},
                                        "transferMode": "ReportEvents"})

    def stop(self) -> set[str]:
        """End the trace; the names of every event recorded so far."""
        self.cdp.send("Tracing.end")
        while not self.complete:
            self.page.wait_for_timeout(50)
        return {event["name"] for event in self.events}


def open_lesson(context, url: str):
    """Open the lesson in a new tab, traced from the start, and wait for its Python."""
    page = context.new_page()
    trace = Trace(context, page)
    trace.start()
    page.goto(url)
    page.locator("[data-exercise]").first.scroll_into_view_if_needed()
    page.wait_for_selector('[data-exercise][data-python="ready"]', timeout=PYTHON_TIMEOUT)
    return page, trace


def test_a_second_visit_takes_python_from_the_code_cache(browser, server, tmp_path):
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page, trace = open_lesson(context, server.url + LESSON)
        deadline = time.monotonic() + CACHE_WRITE_TIMEOUT_S
        while "v8.wasm.cachedModule" not in (names := trace.stop()):
            assert "v8.wasm.streamFromResponseCallback" in names, \
                "pyodide.asm.wasm was not compiled from a streamed response"
            assert time.monotonic() < deadline, (
                f"Chromium did not store Python's compiled module within {CACHE_WRITE_TIMEOUT_S} s:"
                " is it compiled from a response without its URL?")
            trace.start()
            page.wait_for_timeout(500)
        page.close()

        page, trace = open_lesson(context, server.url + LESSON)
        names = trace.stop()
        assert "v8.wasm.moduleCacheHit" in names, "the second visit compiled Python again"
        page.close()
    finally:
        context.close()
