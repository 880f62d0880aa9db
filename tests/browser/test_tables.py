"""Tables, on a build made like the deploy workflow's. The build writes each Markdown table inside
the scroll frame Material's bundle would otherwise move it into at page load
(course/pages/tables.py), because that move restyled the whole lesson while it opened. So:
no table moves when a lesson opens, by its address or by a link; and a framed table looks
exactly as Material draws a class-less one, in light and dark."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every mutation record that takes a <table> itself out of its parent: the signature of a table
# being moved into a frame. (A page swapped by instant navigation removes the content's
# container, not its tables.) Installed before any script runs.
RECORD_MOVES = """
window.__tableMoves = [];
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.removedNodes) {
      if (node.nodeName === "TABLE") window.__tableMoves.push(location.pathname);
    }
  }
}).observe(document, { childList: true, subtree: true });
"""

FRAMED = ["course-table", "md-typeset__table", "md-typeset__scrollwrap", True]
FRAMES = """() => [...document.querySelectorAll(".md-content table")].map((table) => [
  table.className,
  table.parentElement.className,
  table.parentElement.parentElement.className,
  table.closest(".md-typeset__table").parentElement.closest(".md-typeset__table") === null,
])"""


def test_no_table_moves_while_a_lesson_opens(visit):
    visit.context.add_init_script(RECORD_MOVES)
    page = visit.goto("sam-3/")
    page.wait_for_load_state("load")
    frames = page.evaluate(FRAMES)
    assert frames, "the lesson should have tables"
    assert all(frame == FRAMED for frame in frames), frames
    # The student's path: the home page, then the lesson by its link (instant navigation makes
    # Material's bundle set up the new content in the same document).
    page = visit.goto("")
    page.wait_for_load_state("load")
    visit.follow(page.get_by_role("link", name="Start with SigLIP 2").first, "siglip-2/")
    page.locator(".md-content table").first.scroll_into_view_if_needed()
    frames = page.evaluate(FRAMES)
    assert len(frames) >= 3, frames
    assert all(frame == FRAMED for frame in frames), frames
    assert page.evaluate("window.__tableMoves") == []


# The twin: a copy of the first table's frame whose table has no class, inserted after it, which
# Material's stylesheet styles as its own (its bundle has already set the page up, so it does not
# touch the copy). Every computed property of every element in the two must be the same.
COMPARE = """() => {
  const frame = document.querySelector(".md-content .md-typeset__scrollwrap");
  const twin = frame.cloneNode(true);
  twin.querySelector("table").removeAttribute("class");
  frame.after(twin);
  const ours = [frame, ...frame.querySelectorAll("*")];
  const theirs = [twin, ...twin.querySelectorAll("*")];
  const differences = [];
  ours.forEach((node, i) => {
    const a = getComputedStyle(node), b = getComputedStyle(theirs[i]);
    for (const name of a) {
      if (a.getPropertyValue(name) !== b.getPropertyValue(name)) {
        differences.push(`${node.nodeName}.${node.className?.baseVal ?? node.className} ${name}: `
          + `${a.getPropertyValue(name)} vs Material's ${b.getPropertyValue(name)}`);
      }
    }
  });
  const size = (node) => {
    const box = node.querySelector("table").getBoundingClientRect();
    return [box.width, box.height];
  };
  const sizes = [size(frame), size(twin)];
  twin.remove();
  return { differences, sizes, compared: ours.length };
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_framed_table_looks_like_materials_own(visit, scheme):
    page = visit.goto("siglip-2/")
    page.wait_for_load_state("load")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    found = page.evaluate(COMPARE)
    assert found["compared"] > 20, found
    assert found["differences"] == [], found["differences"][:20]
    assert found["sizes"][0] == found["sizes"][1], found["sizes"]
