"""Every page renders offline: math typeset and diagrams drawn at build time, widgets mounted,
and no request leaves 127.0.0.1; the header's light/dark switch works by mouse and keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from visitor import Visit

pytestmark = pytest.mark.browser
PAGES = ["", "siglip-2/", "sam-3/", "progress/", "glossary/", "instructors/", "contributing/"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_page_renders_with_nothing_from_other_hosts(visit, path):
    page = visit.goto(path)
    page.wait_for_load_state("networkidle")
    assert visit.external == []
    assert page.locator("text=/\\\\\\(|\\\\\\[/").count() == 0, "TeX left untypeset"
    for widget in page.locator("[data-widget], [data-progress-page]").all():
        widget.scroll_into_view_if_needed()  # illustrations are built as they near the viewport
        expect(widget).to_have_attribute("data-mounted", "true")
        assert widget.bounding_box()["height"] > 50
    # Diagrams come drawn (tools/diagrams.py): none is left for the browser, which never loads
    # the diagram library.
    expect(page.locator("pre.mermaid")).to_have_count(0)
    assert not any("mermaid" in u for u in visit.requests)


MATH = """() => {
  const pictures = [...document.querySelectorAll(".arithmatex")].map((math) => math.firstElementChild);
  const inkOf = (svg) => getComputedStyle(svg).fill;
  const textOf = (svg) => getComputedStyle(svg.parentElement).color;
  return { count: pictures.length,
           notPictures: pictures.filter((svg) => !svg?.matches("svg.course-math[role=img]")).length,
           unnamed: pictures.filter((svg) => !svg.getAttribute("aria-label")?.trim()).length,
           notTextColour: pictures.filter((svg) => inkOf(svg) !== textOf(svg)).length,
           // (a formula in a closed tab or hidden feedback is not laid out, like its text)
           undrawn: pictures.filter((svg) => svg.parentElement.getClientRects().length
                                             && !svg.getBoundingClientRect().width).length,
           wider: pictures.filter((svg) => svg.getBoundingClientRect().width
                                           > svg.parentElement.getBoundingClientRect().width + 1).length };
}"""


@pytest.mark.parametrize("width", [1280, 360])
def test_lesson_math_is_typeset(visit, width):
    """Every formula is a picture made at build time, named by its spoken form, drawn in the
    text's colour on both palettes, and never wider than its column (on a phone too)."""
    for path in ("siglip-2/", "sam-3/"):
        page = visit.goto(path)
        page.set_viewport_size({"width": width, "height": 800})
        for scheme in ("default", "slate"):
            page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            found = page.evaluate(MATH)
            assert found["count"] > 40, found
            assert found == {**found, "notPictures": 0, "unnamed": 0, "notTextColour": 0,
                             "undrawn": 0, "wider": 0}, found

LAYOUT_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("path", ["siglip-2/", "sam-3/", "progress/"])
def test_nothing_moves_while_the_page_sets_itself_up(browser, server, path):
    """Exercises, questions, the page's exercise list and the progress page are written at build
    time as they look once mounted: the page does not shift as its scripts run."""
    from visitor import Visit

    visit = Visit(browser, server)
    try:
        visit.context.add_init_script(LAYOUT_SHIFTS)
        page = visit.goto(path)
        mountable = "'.admonition.quiz, [data-progress-page]'"
        page.wait_for_function(
            f"() => [...document.querySelectorAll({mountable})].every((node) => node.dataset.mounted)")
        page.wait_for_load_state("networkidle")
        shift = page.evaluate("window.__shift")
        assert shift < 0.02, f"the page shifted by {shift:.3f} (cumulative layout shift) while it set up"
    finally:
        visit.close()


def test_light_dark_switch_follows_the_system_until_the_reader_chooses(browser, server):
    """The header's switch (Material's markup, run by widgets/palette.js): the system's scheme
    first; a click or Enter on the switch flips the palette, and the choice is kept through an
    instant page swap and a reload."""
    guest = Visit(browser, server, color_scheme="dark")
    page = guest.goto("siglip-2/")

    def shown() -> dict:
        return page.evaluate("""() => ({
            scheme: document.body.dataset.mdColorScheme,
            meta: document.querySelector('meta[name=color-scheme]')?.content,
            switch: [...document.querySelectorAll('.md-header__option label')]
                      .filter((label) => label.offsetWidth).map((label) => label.title) })""")

    try:
        assert shown() == {"scheme": "slate", "meta": "dark", "switch": ["Switch to light mode"]}
        page.locator(".md-header__option label[title='Switch to light mode']").click()
        assert shown() == {"scheme": "default", "meta": "light", "switch": ["Switch to dark mode"]}
        guest.follow(page.locator("a.md-footer__link--next"), "sam-3/")
        assert shown()["scheme"] == "default"
        page.reload()
        assert shown() == {"scheme": "default", "meta": "light", "switch": ["Switch to dark mode"]}
        # The keyboard: the switch is the checked radio, named by what it does; Enter flips it.
        page.get_by_role("radio", name="Switch to dark mode").focus()
        page.keyboard.press("Enter")
        assert shown() == {"scheme": "slate", "meta": "dark", "switch": ["Switch to light mode"]}
        expect(page.get_by_role("radio", name="Switch to light mode")).to_be_focused()
        assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
        assert not guest.errors, guest.errors
    finally:
        guest.close()


def test_illustrations_are_built_as_they_near_the_viewport(visit):
    """Not while the lesson opens (a phone's main thread has enough to do then): each one as
    the reader scrolls near it."""
    page = visit.goto("sam-3/")
    page.wait_for_function("() => window.coursePython")  # the page is set up (page.js ran)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    widgets = page.locator("[data-widget]")
    expect(widgets).to_have_count(4)
    assert widgets.evaluate_all("nodes => nodes.filter((n) => n.dataset.mounted).length") == 0
    visit.widget("sam-pe")
    expect(page.locator('[data-widget="sam-presence"]')).not_to_have_attribute("data-mounted", "true")
    visit.widget("sam-presence")


def test_without_scroll_anchoring_every_illustration_is_built_once_the_page_is_idle(browser, server):
    """A browser that does not keep the text in place when something above it grows (Safari)
    gets every illustration built soon, without the reader scrolling: built later, one above a
    reader scrolling up would push the text down. (Chromium stands in, told it lacks the feature.)"""
    guest = Visit(browser, server)
    guest.context.add_init_script("""{
        const supports = CSS.supports.bind(CSS);
        CSS.supports = (...args) => !String(args[0]).includes("overflow-anchor") && supports(...args);
    }""")
    try:
        page = guest.goto("sam-3/")
        widgets = page.locator("[data-widget]")
        expect(widgets).to_have_count(4)
        for widget in widgets.all():
            expect(widget).to_have_attribute("data-mounted", "true")
        assert page.evaluate("scrollY") == 0
        assert not guest.errors, guest.errors
    finally:
        guest.close()
