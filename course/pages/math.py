"""Math typeset at build time: arithmatex's TeX becomes one inline SVG per formula, drawn as a
single path and named by the formula spoken (no math JavaScript, stylesheet or font in the page).
A formula costs the browser two elements to style and lay out; KaTeX's HTML cost dozens, and on
the lessons they were most of the page. Being inline, a formula needs no request and no separate
document (an SVG in an <img> is one per picture, built on the main thread as it scrolls into
view), and it is drawn in the text's colour on either palette and in forced-colours mode.

A tree processor of the course's Markdown extension sends a page's formulas in one batch to one
Node process that lives for the whole build (``tools/math.mjs``: MathJax and the Speech Rule
Engine from node_modules). Bad TeX stays as written and is a warning naming the page.
"""

from __future__ import annotations

import atexit
import html
import json
import subprocess
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.treeprocessors import Treeprocessor

from course.pages import page_context

# Sizes come in MathJax's ex, half its em. The formula's em is 1.21 × the text's (KaTeX's own
# factor): Computer Modern's letters are small for their em, and at 1.21 its x-height is the text's.
EM_PER_EX = 1.21 / 2
_servers: dict[Path, subprocess.Popen] = {}


class MathError(RuntimeError):
    pass


def _server(project: Path) -> subprocess.Popen:
    """The build's typesetting process (started on first use, ended when Python exits)."""
    server = _servers.get(project)
    if server is None or server.poll() is not None:
        script = project / "tools" / "math.mjs"
        if not (project / "node_modules" / "mathjax-full").is_dir():
            raise MathError(f"{project / 'node_modules' / 'mathjax-full'} is missing: run `npm ci` first")
        server = subprocess.Popen(["node", str(script)], cwd=project, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, encoding="utf-8")
        atexit.register(server.kill)
        _servers[project] = server
    return server


def typeset(items: list[tuple[str, bool]], project: Path) -> list[dict]:
    """[(tex, display)] -> [{viewBox, body, speech, width, depth} or {error}]: sizes in MathJax's
    ex, body the SVG's content; in one round trip."""
    server = _server(project)
    server.stdin.write(json.dumps(items) + "\n")
    server.stdin.flush()
    answer = server.stdout.readline()
    if not answer:
        raise MathError("the typesetting process ended (see its error above)")
    return json.loads(answer)


def picture(result: dict) -> str:
    """The <svg> of one typeset formula, sized in em of the text around it and sitting on its
    baseline. Its height follows from the viewBox, so a formula wider than a phone's column
    shrinks to fit (widgets/course.css) instead of making the page scroll sideways."""
    width, depth = (round(result[key] * EM_PER_EX, 3) for key in ("width", "depth"))
    return (f'<svg class="course-math" xmlns="http://www.w3.org/2000/svg" viewBox="{result["viewBox"]}"'
            f' role="img" aria-label="{html.escape(result["speech"])}" fill="currentColor"'
            f' style="width:{width:g}em;vertical-align:{-depth:g}em">{result["body"]}</svg>')


class TexMath(Treeprocessor):
    """Puts the picture of the formula in every ``span.arithmatex`` / ``div.arithmatex``."""

    def __init__(self, md, project: Path) -> None:  # noqa: ANN001 - Markdown's own type
        super().__init__(md)
        self.project = project

    def run(self, root: etree.Element) -> None:
        found = [node for node in root.iter() if node.tag in ("span", "div")
                 and node.get("class") == "arithmatex"]
        if not found:
            return
        items = []
        for node in found:
            tex = html.unescape(node.text or "").strip()  # arithmatex keeps & < > escaped
            items.append((tex[2:-2].strip(), tex.startswith("\\[")))
        for node, (tex, _), result in zip(found, items, typeset(items, self.project), strict=True):
            if "error" in result:
                page_context.warn(f"math error in {tex!r}: {result['error']}")
                continue
            node.text = self.md.htmlStash.store(picture(result))
