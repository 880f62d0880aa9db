"""Math typeset at build time: arithmatex's TeX becomes one SVG picture per formula, shown as a
single ``<img>`` whose alt text is the formula spoken (no math JavaScript, stylesheet or font in
the page). A formula costs the browser one element to style and lay out; KaTeX's HTML cost
dozens, and on the lessons they were most of the page.

A tree processor of the course's Markdown extension sends a page's formulas in one batch to one
Node process that lives for the whole build (``tools/math.mjs``: MathJax and the Speech Rule
Engine from node_modules). Under MkDocs each picture is a file, ``assets/math/<hash>.svg``
(the plugin writes the ones the page context collected; the browser fetches them lazily and
caches them across pages); without the plugin, a ``data:`` URL in the page. Bad TeX stays as
written and is a warning naming the page.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import subprocess
import urllib.parse
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.treeprocessors import Treeprocessor

from course.pages import page_context

FOLDER = "assets/math"  # under the site's root
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
    """[(tex, display)] -> [{svg, speech, width, height, depth} or {error}], in one round trip."""
    server = _server(project)
    server.stdin.write(json.dumps(items) + "\n")
    server.stdin.flush()
    answer = server.stdout.readline()
    if not answer:
        raise MathError("the typesetting process ended (see its error above)")
    return json.loads(answer)


def picture(result: dict, page: page_context.PageContext | None) -> str:
    """The <img> of one typeset formula. Its box is set from the formula's size, in em of the
    text around it, so nothing moves when the lazily loaded picture arrives; the aspect ratio
    lets a formula wider than a phone's column shrink to fit instead of scrolling sideways."""
    svg = result["svg"]
    if page is None:
        src = "data:image/svg+xml," + urllib.parse.quote(svg)
    else:
        name = hashlib.sha256(svg.encode()).hexdigest()[:16] + ".svg"
        page.pictures[name] = svg
        src = f"{page.root}{FOLDER}/{name}"
    width, height, depth = (round(result[key] * EM_PER_EX, 3) for key in ("width", "height", "depth"))
    style = f"width:{width:g}em;aspect-ratio:{width:g}/{height:g};vertical-align:{-depth:g}em"
    return (f'<img class="course-math" src="{html.escape(src)}" alt="{html.escape(result["speech"])}"'
            f' style="{style}" loading="lazy" decoding="async">')


class TexMath(Treeprocessor):
    """Puts a picture of the formula in every ``span.arithmatex`` / ``div.arithmatex``."""

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
        page = page_context.current()
        for node, (tex, _), result in zip(found, items, typeset(items, self.project), strict=True):
            if "error" in result:
                page_context.warn(f"math error in {tex!r}: {result['error']}")
                continue
            node.text = self.md.htmlStash.store(picture(result, page))


def write(pictures: dict[str, str], site: Path) -> None:
    """Write the pages' formula pictures into the built site."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in pictures.items():
        (folder / name).write_text(svg, encoding="utf-8")
