"""Every page renders offline: math typeset at build time, Mermaid diagrams drawn by the copy
shipped with the site, widgets mounted, and no request leaves 127.0.0.1."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PAGES = ["", "siglip-2/", "sam-3/", "progress/", "glossary/", "instructors/", "contributing/"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_page_renders_with_nothing_from_other_hosts(visit, path):
    page = visit.goto(path)
    page.wait_for_load_state("networkidle")
    assert visit.external == []
    assert page.locator("text=/\\\\\\(|\\\\\\[/").count() == 0, "TeX left untypeset"
    for widget in page.locator("[data-widget], [data-progress-page]").all():
        expect(widget).to_have_attribute("data-mounted", "true")
        assert widget.bounding_box()["height"] > 50
    if page.locator("pre.mermaid, div.mermaid").count():
        # A diagram is drawn when it comes near the viewport: Material swaps each
        # <pre class="mermaid"> for a drawn <div class="mermaid"> (its SVG sits in a closed shadow
        # root); an undrawn one would stay a <pre>.
        undrawn = page.locator("pre.mermaid")
        while (left := undrawn.count()) > 0:
            undrawn.first.scroll_into_view_if_needed()
            expect(undrawn).not_to_have_count(left)
        assert any(u.endswith("/assets/vendor/mermaid/mermaid.min.js") for u in visit.requests)


MATH_PICTURES = """async () => {
  const pictures = [...document.querySelectorAll(".arithmatex")].map((math) => math.firstElementChild);
  const files = await Promise.all([...new Set(pictures.map((img) => img.src))].map(async (src) => {
    const answer = await fetch(src);
    return answer.ok && answer.headers.get("content-type") === "image/svg+xml"
      && (await answer.text()).startsWith("<svg");
  }));
  return { count: pictures.length, files: files.length, filesOk: files.every(Boolean),
           notPictures: pictures.filter((img) => !img?.matches("img.course-math[alt]")).length,
           unnamed: pictures.filter((img) => !img?.alt.trim()).length };
}"""


def test_lesson_math_is_typeset(visit):
    """Every formula is a picture made at build time, named by its spoken form; every picture
    file is there; a picture that loads fills the box the page reserved for it (nothing moves);
    on the dark palette the black glyphs are turned light."""
    for path in ("siglip-2/", "sam-3/"):
        page = visit.goto(path)
        found = page.evaluate(MATH_PICTURES)
        assert found["count"] > 40 and found["notPictures"] == 0 and found["unnamed"] == 0, found
        assert found["files"] > 20 and found["filesOk"], found
        display = page.locator("div.arithmatex > img.course-math").first
        display.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=display.element_handle())
        box = display.evaluate("(img) => [img.clientWidth / img.clientHeight,"
                               " img.naturalWidth / img.naturalHeight]")
        assert box[0] == pytest.approx(box[1], rel=0.02), box
        assert display.evaluate("(img) => getComputedStyle(img).filter") == "none"
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        assert display.evaluate("(img) => getComputedStyle(img).filter").startswith("invert(")


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
