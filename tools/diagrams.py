"""Draw the site's Mermaid diagrams ahead of time: `make diagrams` (see course/pages/diagrams.py).

Builds the site, finds every diagram the build left for the browser to draw (a fence with no
drawing in diagrams/ yet), and draws each in headless Chromium the way Material would in the
reader's browser: the pinned Mermaid from node_modules (the copy the site ships), given the
settings Material's bundle gives it (its theme CSS in terms of its --md-mermaid-* colours),
caught as the bundle hands them over. Each drawing is written to diagrams/<key>.svg, the name
the build looks for; drawings no fence uses any more are removed.

    .venv/bin/python tools/diagrams.py

(Whether one is missing, the strict build says: it fails and names the block's page and line.)
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, Server, build_site  # noqa: E402

from course.pages.diagrams import FOLDER, UNDRAWN, element_id  # noqa: E402

# Stands in for the library while Material's bundle sets diagrams up: keeps the settings it
# gives, and draws nothing (the fences stay in the page for the drawing below).
CATCH_SETTINGS = """
window.mermaid = {
  initialize(settings) { window.__mermaidSettings = settings; },
  render() { return new Promise(() => {}); },
};
"""

DRAW = """async ([library, keys]) => {
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = library;
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load " + library));
    document.head.append(script);
  });
  // Material's settings; a fixed seed for the shapes Mermaid draws with rough.js (random by
  // default), so the same fence always makes the same file.
  window.mermaid.initialize({ ...window.__mermaidSettings, handDrawnSeed: 1 });
  const drawn = {};
  for (const pre of document.querySelectorAll("pre[data-diagram]")) {
    const key = pre.dataset.diagram;
    const { svg } = await window.mermaid.render(keys[key], pre.textContent);  // (trimmed below)
    drawn[key] = svg;
  }
  return drawn;
}"""


def diagrams(site: Path) -> tuple[dict[str, list[str]], set[str]]:
    """In the built site: page path -> the keys of the diagrams left for the browser to draw,
    and the keys of those drawn from diagrams/ (their SVG ids carry the key)."""
    pages, inlined = {}, set()
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if keys := re.findall(re.escape(UNDRAWN) + '([0-9a-f]+)"', text):
            pages[page.relative_to(site).as_posix()] = keys
        inlined.update(re.findall(r'<svg id="' + element_id("([0-9a-f]+)") + '"', text))
    return pages, inlined


def trimmed(svg: str) -> str:
    """Coordinates in shapes to a hundredth of a pixel: Mermaid writes them to 15 digits (a
    rounded box drawn by rough.js is hundreds of them), half the bytes of a drawing."""
    def trim(attribute: re.Match) -> str:
        return re.sub(r"(-?\d+\.\d\d)\d+", r"\1", attribute[0])
    return re.sub(r' (?:d|points|transform)="[^"]*"', trim, svg)


def draw(site: Path, pages: dict[str, list[str]], browser=None) -> dict[str, str]:  # noqa: ANN001 - Playwright's
    """Key -> SVG for the diagrams of `pages` (as from diagrams()), drawn in `browser` (a
    Playwright Chromium; one is started if none is given)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            return draw(site, pages, p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS))
    drawn = {}
    with Server(site) as server:
        context = browser.new_context()
        context.add_init_script(CATCH_SETTINGS)
        page = context.new_page()
        for path, keys in pages.items():
            page.goto(server.url + path)
            page.wait_for_function("() => window.__mermaidSettings")
            library = server.url + "assets/vendor/mermaid/mermaid.min.js"
            found = page.evaluate(DRAW, [library, {key: element_id(key) for key in keys}])
            drawn.update({key: trimmed(svg) for key, svg in found.items()})
        context.close()
    return drawn


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()  # --help
    folder = ROOT / FOLDER
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        done = build_site(site, strict=False)
        if done.returncode:
            sys.exit(done.stderr)
        pages, inlined = diagrams(site)
        folder.mkdir(exist_ok=True)
        for key, svg in draw(site, pages).items():
            (folder / f"{key}.svg").write_text(svg + "\n", encoding="utf-8")
            print(f"drew {FOLDER}/{key}.svg")
    used = inlined | {key for keys in pages.values() for key in keys}
    for old in folder.glob("*.svg"):
        if old.stem not in used:
            old.unlink()
            print(f"removed {FOLDER}/{old.name} (no page uses it any more)")


if __name__ == "__main__":
    main()
