"""Mermaid diagrams drawn ahead of time: a ```mermaid fence becomes the SVG that Mermaid drew for
it, in the page (no diagram library in the reader's browser: Mermaid is 1 MB of JavaScript and
half a second of a phone's main thread per page with a diagram).

The drawings are files in ``diagrams/``, one per fence, named by a hash of the fence's text;
``make diagrams`` (``tools/diagrams.py``) draws the missing ones in Chromium with the copy of
Mermaid from node_modules and the settings Material gives it, so a drawing looks as Material's
own would: its colours are Material's ``--md-mermaid-*`` variables, and follow light and dark.

The drawing comes in a <template>, beside an empty picture of its size: ``widgets/page.js`` puts
it in place when it nears the view, as the illustrations are built. Put in the page at once,
SAM 3's four drawings (640 elements, and a stylesheet each) were styled and laid out while the
lesson opened.

A fence without its drawing (one just written or edited) is left for the browser to draw, as
Material does (``widgets/diagram-preview.js`` loads the copy shipped in the site), with a warning
that names the page: ``mkdocs serve`` shows it at once, and a strict build (the deploy
workflow's, the tests') fails until the drawing is made and committed.

    pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:course.pages.diagrams.fence
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from course import exercises
from course.pages import page_context

FOLDER = "diagrams"
UNDRAWN = '<pre class="mermaid" data-diagram="'  # how a diagram without its drawing starts


def key_of(source: str) -> str:
    """The name of a fence's drawing: its text, hashed (any edit needs a new drawing)."""
    return hashlib.sha256(source.strip().encode("utf-8")).hexdigest()[:16]


def element_id(key: str) -> str:
    """The drawing's SVG id, which Mermaid's own styles are scoped by: unique in any page."""
    return f"course-diagram-{key}"


def folder(md=None) -> Path:  # noqa: ANN001 - a Markdown instance
    """Where the drawings are: as the course's Markdown extension was told, or else next to the
    exercises/ folder found upward."""
    return getattr(md, "course_diagrams", None) or exercises.find_root().parent / FOLDER


def fence_line(page: str, source: str) -> int | None:
    """The 1-based line of the ```mermaid fence whose text is `source` (at any indent)."""
    lines = [line.strip() for line in page.splitlines()]
    body = [line.strip() for line in source.strip().splitlines()]
    for number, line in enumerate(lines, start=1):
        if line.startswith("```mermaid") and lines[number:number + len(body)] == body:
            return number
    return None


def deferred(svg: str) -> str:
    """The drawing in a <template>, after an empty picture that takes the room it will take (its
    width, up to its own, and its proportions), so nothing moves when it is put in place."""
    width, height = re.search(r'viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) ([\d.e]+)"', svg).groups()
    widest = re.search(r"max-width: ?([\d.]+)px", svg)
    limit = f' style="max-width: {widest[1]}px"' if widest else ""
    room = f'<svg viewBox="0 0 {width} {height}" width="100%" aria-hidden="true"{limit}></svg>'
    return f"{room}<template>{svg}</template>"


def fence(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:  # noqa: ANN001, ANN003, ARG001 - superfences' formatter signature
    key = key_of(source)
    drawing = folder(md) / f"{key}.svg"
    if drawing.is_file():
        svg = drawing.read_text(encoding="utf-8").strip()
        return f'<div class="{class_name} course-diagram">{deferred(svg)}</div>'
    context = page_context.current()
    if context is not None:
        line = fence_line(context.source, source)
        where = f"{context.where}:{line}" if line else context.where
        page_context.log.warning(f"{where}: this diagram has no drawing in {FOLDER}/ yet, so the reader's "
                                 "browser draws it: run `make diagrams` and commit the new file")
    return f'{UNDRAWN}{key}"><code>{html.escape(source)}</code></pre>'
