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
        # Material swaps each <pre class="mermaid"> for a drawn <div class="mermaid"> (its SVG
        # sits in a closed shadow root); an undrawn one would stay a <pre>.
        expect(page.locator("pre.mermaid")).to_have_count(0)
        assert any(u.endswith("/assets/vendor/mermaid/mermaid.min.js") for u in visit.requests)


def test_lesson_math_is_typeset(visit):
    for path in ("siglip-2/", "sam-3/"):
        page = visit.goto(path)
        assert page.locator(".katex").count() > 10
        assert page.locator(".katex-error").count() == 0
