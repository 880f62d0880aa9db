"""Search, on a build made like the deploy workflow's. Material builds its search index in a Web
Worker; widgets/search-later.js creates that worker only when the reader reaches for search,
or once the page is idle with no Python starting, so that building the index does not take
the CPU Python needs while it starts. Whichever way it starts, search must answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# When the page's Python said "ready", in ms since navigation (widgets/python/client.js puts
# the page's Python on window.coursePython; this is installed before any script runs).
RECORD_READY = """
let python = null;
Object.defineProperty(window, "coursePython", { configurable: true, get: () => python, set(value) {
  python = value;
  python.addEventListener("status", ({ detail }) => {
    if (detail.state === "ready") window.__pythonReadyAt ??= performance.now();
  });
} });
"""


def search_worker_requests(visit) -> list[str]:
    return [url for url in visit.requests if "/workers/search." in url]


def test_the_index_is_built_once_python_has_started(visit, server):
    server.delays["pyodide.asm.wasm"] = 3.0  # Python takes a while: the page is idle meanwhile
    try:
        visit.context.add_init_script(RECORD_READY)
        page = visit.goto("siglip-2/")
        page.wait_for_function("() => window.courseSearchWorker.started", timeout=120_000)
        started, ready_at = page.evaluate("[window.courseSearchWorker.started, window.__pythonReadyAt]")
    finally:
        server.delays.clear()
    assert started["why"] == "idle"
    assert ready_at is not None and started["at"] >= ready_at, (started, ready_at)
    assert len(search_worker_requests(visit)) == 1
    # Built in the background, it answers the reader's first query.
    page.get_by_role("textbox", name="Search").fill("sigmoid")
    expect(page.locator(".md-search-result__item").first).to_contain_text("SigLIP 2")


@pytest.mark.parametrize("reach", ["field", "phone button", "keyboard shortcut"])
def test_search_answers_when_the_reader_reaches_for_it_while_python_loads(browser, server, reach):
    from visitor import Visit

    phone = {"viewport": {"width": 390, "height": 800}} if reach == "phone button" else {}
    visit = Visit(browser, server, **phone)
    server.delays["pyodide.asm.wasm"] = 60.0  # Python is still starting throughout the test
    try:
        page = visit.goto("siglip-2/")
        page.wait_for_load_state("load")
        assert search_worker_requests(visit) == [], "the index is built before anyone asked"
        if reach == "field":
            page.get_by_role("textbox", name="Search").click()
        elif reach == "phone button":
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.keyboard.press("/")
        expect(page.get_by_role("textbox", name="Search")).to_be_focused()
        page.keyboard.type("presence")
        result = page.locator(".md-search-result__item").first
        expect(result).to_contain_text("SAM 3")
        assert page.evaluate("window.courseSearchWorker.started.why") == "reader"
        assert page.evaluate("window.coursePython.status.state") == "loading"
        # A result is a link like any other: instant navigation takes the reader there.
        visit.follow(result.locator("a").first, "sam-3/")
    finally:
        server.delays.clear()
        visit.close()
    assert not visit.errors, visit.errors


def test_search_opened_before_the_theme_script_runs_answers_once_it_has(browser, server):
    """The header's search button works before Material's bundle has run (it is a label for a
    checkbox): a reader who presses it while the page still loads wants the index built as soon
    as the bundle asks for its worker, not once the page is idle."""
    from visitor import Visit

    visit = Visit(browser, server, viewport={"width": 390, "height": 800})
    server.delays["pyodide.asm.wasm"] = 60.0  # no idle start while the test runs
    server.delays["javascripts/bundle."] = 4.0  # Material's bundle arrives late
    try:
        page = visit.page
        page.goto(server.url + "siglip-2/", wait_until="commit")
        page.locator("label.md-header__button[for='__search']").click()
        assert page.evaluate("window.courseSearchWorker.started?.why") == "reader"
        assert search_worker_requests(visit) == [], "Material's bundle ran before the press"
        page.wait_for_load_state("load")
        page.get_by_role("textbox", name="Search").click()
        page.keyboard.type("presence")
        expect(page.locator(".md-search-result__item").first).to_contain_text("SAM 3")
        assert len(search_worker_requests(visit)) == 1
    finally:
        server.delays.clear()
        visit.close()
    assert not visit.errors, visit.errors


def test_search_opened_after_following_a_link_from_the_home_page_answers(visit, server):
    """The student's path: the home page, a click to the lesson (instant navigation keeps the
    document, and Material's worker asked for on the home page), then search. The worker is
    created from the address Material gave on the home page, not one resolved against the lesson's."""
    page = visit.goto("")
    visit.follow(page.get_by_role("link", name="Start with SigLIP 2").first, "siglip-2/")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("presence")
    expect(page.locator(".md-search-result__item").first).to_contain_text("SAM 3")
    assert search_worker_requests(visit), "no search worker"
    assert all(url.startswith(server.url + "assets/javascripts/workers/search.")
               for url in search_worker_requests(visit)), search_worker_requests(visit)
