"""The path a student takes, on a build made like the deploy workflow's (site_url = the address
it is served from, under a sub-path): lessons reached by clicking, with Material's instant
navigation swapping pages in; exercises solved there; pages swapped back and forth without
anything piling up; and the lessons' contents links landing on their headings."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LESSONS = ("siglip-2/", "sam-3/")


def page_exercises(page) -> list[str]:
    """The ids of the exercises on the current page, in order (from its JSON document)."""
    return list(json.loads(page.locator("#course-page").text_content())["exercises"])


def solve(visit, exercise_id: str) -> None:
    solution = (ROOT / "exercises" / exercise_id / "solution.py").read_text(encoding="utf-8")
    visit.wait_python_ready(exercise_id)
    visit.set_code(exercise_id, solution)
    expect(visit.check(exercise_id)).to_contain_text("checks passed — exercise done")


def test_lessons_reached_by_every_kind_of_link_run_their_exercises(visit):
    page = visit.goto("")
    # The home page's call to action.
    visit.follow(page.get_by_role("link", name="Start with SigLIP 2").first, "siglip-2/")
    first, *_, last = page_exercises(page)
    solve(visit, first)
    # The footer's "Next" link; Check pressed the moment the page is in, before its exercise
    # was built: the click is kept.
    visit.follow(page.locator("a.md-footer__link--next"), "sam-3/")
    first_sam = page_exercises(page)[0]
    visit.exercise(first_sam).get_by_role("button", name="Check", exact=True).click()
    expect(visit.exercise(first_sam).locator(".course-report")).to_contain_text("checks passed",
                                                                                 timeout=120_000)
    solve(visit, first_sam)
    # A link inside a page: the glossary's links into the lessons.
    visit.follow(page.locator(".md-nav--primary").get_by_role("link", name="Glossary"), "glossary/")
    link = page.locator(".md-content a[href*='siglip-2/#']").first
    visit.follow(link, "siglip-2/")
    # The left navigation, and the last exercise of the page (a long scroll down).
    visit.follow(page.locator(".md-nav--primary").get_by_role("link", name="SAM 3"), "sam-3/")
    visit.follow(page.locator(".md-nav--primary").get_by_role("link", name="SigLIP 2"), "siglip-2/")
    solve(visit, last)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "one page load"


def live_counts(visit, cdp) -> dict[str, int]:
    """What a page leaves alive, counted by the browser itself (the DevTools protocol): event
    listeners on window and on the page's Python, and live CodeMirror views and
    IntersectionObservers after a garbage collection."""
    cdp.send("HeapProfiler.collectGarbage")
    group = {"objectGroup": "live-counts"}  # released at the end: a handle would keep objects alive

    def object_id(expression: str) -> str:
        return cdp.send("Runtime.evaluate", {"expression": expression, **group})["result"]["objectId"]

    def listeners(expression: str) -> int:
        found = cdp.send("DOMDebugger.getEventListeners", {"objectId": object_id(expression)})
        return len(page_listeners(found["listeners"]))

    def instances(prototype: str) -> int:
        found = cdp.send("Runtime.queryObjects", {"prototypeObjectId": object_id(prototype), **group})
        length = cdp.send("Runtime.callFunctionOn", {
            "objectId": found["objects"]["objectId"], "returnByValue": True,
            "functionDeclaration": "function () { return this.length; }"})
        return length["result"]["value"]

    view = "document.querySelector('[data-exercise]').courseEditor.view"
    counts = {"window listeners": listeners("window"),
              "Python listeners": listeners("window.coursePython"),
              "editors": instances(f"Object.getPrototypeOf({view})"),
              "intersection observers": instances("IntersectionObserver.prototype")}
    cdp.send("Runtime.releaseObjectGroup", group)
    return counts


def page_listeners(listeners: list[dict]) -> list[dict]:
    """The page's own listeners: not those of the script Playwright injects to click (it adds
    its own on window while it acts)."""
    injected = {item["scriptId"] for item in listeners if item["type"].startswith("__playwright")}
    return [item for item in listeners if item["scriptId"] not in injected]


def window_listeners(cdp) -> list[str]:
    """The event types of the page's listeners on window, for a failure message."""
    window = cdp.send("Runtime.evaluate", {"expression": "window", "objectGroup": "listing"})
    found = cdp.send("DOMDebugger.getEventListeners", {"objectId": window["result"]["objectId"]})
    cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "listing"})
    return sorted(f"{item['type']}@{item.get('scriptId')}:{item.get('lineNumber')}"
                  for item in page_listeners(found["listeners"]))


def mount_all(visit, page) -> None:
    """Scroll to every exercise of the page, as a reader would, so that all their editors exist."""
    for exercise_id in page_exercises(page):
        visit.reach(exercise_id)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-exercise]')].every(n => n.courseEditor?.view)")


def test_twenty_page_swaps_leave_nothing_behind(visit):
    page = visit.goto("siglip-2/")
    cdp = visit.context.new_cdp_session(page)

    def round_trip() -> None:
        visit.follow(page.locator("a.md-footer__link--next"), "sam-3/")
        mount_all(visit, page)
        visit.follow(page.locator("a.md-footer__link--prev"), "siglip-2/")
        mount_all(visit, page)

    round_trip()  # once first: modules that load once add their listeners once
    before, listed = live_counts(visit, cdp), window_listeners(cdp)
    for _ in range(10):
        round_trip()
    after = live_counts(visit, cdp)
    added = sorted(set(window_listeners(cdp)) - set(listed))
    assert after == before, f"20 page swaps later: {after}, at first: {before}; window gained {added}"
    assert before["editors"] == len(page_exercises(page))


def settled_top(page, element_id: str) -> float:
    """The element's distance from the top of the viewport once scrolling and layout have settled."""
    return page.evaluate("""async (id) => {
        const frame = () => new Promise(requestAnimationFrame);
        let last = NaN;
        for (let still = 0; still < 5;) {
            await frame();
            const top = document.getElementById(id).getBoundingClientRect().top;
            still = Math.abs(top - last) < 0.5 ? still + 1 : 0;
            last = top;
        }
        return last;
    }""", element_id)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_contents_link_lands_on_its_heading(visit, lesson):
    page = visit.goto(lesson)
    links = page.locator(".md-sidebar--secondary a.md-nav__link[href*='#']")
    targets = links.evaluate_all("nodes => nodes.map(n => [n.textContent.trim(), n.hash.slice(1)])")
    assert len(targets) > 10, targets
    # Landed = below Material's fixed header (not hidden under it), near the top of the view.
    header = page.locator(".md-header").evaluate("el => el.getBoundingClientRect().bottom")

    def missed_by(top: float) -> bool:
        at_bottom = page.evaluate("innerHeight + scrollY >= document.documentElement.scrollHeight - 2")
        # At the end of the page the browser cannot scroll a heading any higher: it must show.
        return not (header <= top <= 150 or (at_bottom and header <= top < page.viewport_size["height"] - 40))

    missed = []
    for name, anchor in targets:
        page.locator(f".md-sidebar--secondary a.md-nav__link[href$='#{anchor}']").first.click()
        top = settled_top(page, anchor)
        if missed_by(top):
            missed.append((name, round(top)))
    assert not missed, f"contents links that did not land on their heading (name, px from the top): {missed}"
    # The page's own moves to a heading (keeping the target in place while the page sets up) land
    # the same way, whether or not the heading is the URL's :target yet; CI once caught one under
    # the header when that order flipped.
    page.evaluate("history.replaceState(null, '', location.pathname)")
    hidden = []
    for name, anchor in targets:
        page.evaluate("(id) => document.getElementById(id).scrollIntoView()", anchor)
        top = settled_top(page, anchor)
        if missed_by(top):
            hidden.append((name, round(top)))
    assert not hidden, f"headings scrolled to by the page that ended out of place: {hidden}"
