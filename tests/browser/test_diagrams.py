"""Diagrams come drawn: each ```mermaid fence becomes the SVG Mermaid drew for it ahead of time
(course/pages/diagrams.py; `make diagrams` runs tools/diagrams.py), so no page loads the diagram
library. The committed drawings are what the tool draws for the fences now, a fence without one
is drawn in the browser and named in a warning, a drawing is put in place as it nears the view
without moving anything, and it takes the page's colours in light and dark."""

from __future__ import annotations

import re
import sys

import pytest
from helpers import ROOT
from playwright.sync_api import expect

sys.path.insert(0, str(ROOT / "tools"))
from sitebuild import Server, build_site  # noqa: E402

import diagrams as tool  # noqa: E402
from course.pages.diagrams import FOLDER, key_of  # noqa: E402

pytestmark = pytest.mark.browser


def config_without_drawings(tmp_path):
    """mkdocs.yml as it is, but looking for drawings in an empty folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^  - course\.pages\.markdown\b.*$",
                  f"  - course.pages.markdown:\n      exercises_dir: {ROOT / 'exercises'}\n"
                  f"      diagrams_dir: {tmp_path / 'no-drawings'}",
                  text, count=1, flags=re.M)
    text = text.replace("  - course:\n", f"  - course:\n      widgets_dir: {ROOT / 'widgets'}\n")
    text += f"\ndocs_dir: {ROOT / 'docs'}\n"
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def fences() -> dict[str, int]:
    """Each ```mermaid fence in docs/ as page:line -> its key, read from the Markdown directly."""
    found = {}
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```mermaid\n(.*?)^```$", text, re.M | re.S):
            line = text.count("\n", 0, match.start()) + 1
            found[f"docs/{page.name}:{line}"] = key_of(match.group(1))
    return found


def test_committed_drawings_are_what_the_tool_draws_for_the_fences_now(tmp_path, browser):
    written = fences()
    assert len(written) >= 6, written  # SigLIP 2, SAM 3 (4), the contributors' guide
    site = tmp_path / "site"
    done = build_site(site, config_file=config_without_drawings(tmp_path), strict=False)
    assert done.returncode == 0, done.stderr
    # Undrawn, each fence is left for the browser and named where it is written.
    warned = re.findall(r"(docs/[\w-]+\.md:\d+): this diagram has no drawing", done.stderr)
    assert sorted(warned) == sorted(written), done.stderr
    pages, inlined = tool.diagrams(site)
    assert not inlined
    assert sorted(key for keys in pages.values() for key in keys) == sorted(written.values())
    # Drawn again now, they are the committed files byte for byte, and nothing else is committed.
    drawn = tool.draw(site, pages, browser)
    committed = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / FOLDER).glob("*.svg")}
    assert set(committed) == set(written.values()), "drawings no fence uses, or fences without one"
    stale = [key for key, svg in drawn.items() if committed[key] != svg + "\n"]
    assert not stale, f"run `make diagrams`: these drawings differ from what Mermaid draws now: {stale}"
    # Meanwhile (make serve), the author's browser draws an undrawn one with the site's own copy
    # of the library, as Material would, and fetches nothing from any other host.
    with Server(site) as server:
        context = browser.new_context()
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.url + "contributing/")
        expect(page.locator(".md-content div.mermaid")).to_have_count(1)  # Material's drawing
        expect(page.locator("pre.mermaid")).to_have_count(0)
        library = server.url + "assets/vendor/mermaid/mermaid.min.js"
        assert [url for url in requests if "mermaid" in url] == [library]
        assert all(url.startswith(server.url) for url in requests), requests
        assert not errors, errors
        context.close()


def test_a_drawing_takes_the_page_colours_and_the_library_never_loads(visit):
    page = visit.goto("contributing/")
    diagram = page.locator(".md-content div.mermaid.course-diagram > svg[id^=course-diagram-]")
    expect(diagram).to_have_count(1)
    expect(diagram).to_be_visible()
    expect(diagram).to_contain_text("mkdocs build --strict")
    # A label's colour, and the colour Material gives diagram labels in this palette (its
    # variable, resolved by the browser on an element of the page).
    colours = """(svg) => {
        const probe = document.createElement("span");
        probe.style.color = "var(--md-mermaid-label-fg-color)";
        document.querySelector(".md-typeset").append(probe);
        const wanted = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(svg.querySelector(".nodeLabel")).color, wanted];
    }"""
    light, light_wanted = diagram.evaluate(colours)
    page.locator(".md-header__option label[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    dark, dark_wanted = diagram.evaluate(colours)
    assert (light, dark) == (light_wanted, dark_wanted)
    assert light != dark, "the labels should follow the palette"
    assert not any("mermaid" in url for url in visit.requests)


def test_a_drawing_is_put_in_place_as_it_nears_the_view_in_the_room_kept_for_it(visit):
    """Not while the lesson opens (SAM 3's four drawings are 640 elements and four stylesheets):
    each waits in a <template> until the reader scrolls near it, and the empty picture before it
    keeps exactly its room, so nothing moves when it comes."""
    page = visit.goto("sam-3/")
    page.wait_for_function("() => window.coursePython")  # the page is set up (page.js ran)
    diagrams = page.locator(".md-content .course-diagram")
    assert diagrams.count() == 4
    far = "(node) => node.getBoundingClientRect().top > innerHeight + 2000"
    waiting = [index for index in range(4) if diagrams.nth(index).evaluate(far)]
    assert waiting, "SAM 3 has diagrams far below its opening"
    for index in waiting:
        expect(diagrams.nth(index).locator("template")).to_have_count(1)
        expect(diagrams.nth(index).locator("svg[id^=course-diagram-]")).to_have_count(0)
    for index in range(4):
        diagram = diagrams.nth(index)
        room = diagram.evaluate("(node) => node.getBoundingClientRect().height")
        diagram.scroll_into_view_if_needed()
        expect(diagram.locator(":scope > svg[id^=course-diagram-]")).to_be_visible()
        expect(diagram.locator(":scope > *")).to_have_count(1)
        assert abs(diagram.evaluate("(node) => node.getBoundingClientRect().height") - room) < 0.5
