"""Math typeset at build time: arithmatex's TeX becomes KaTeX's HTML (no math JavaScript in the
page). A tree processor of the course's Markdown extension sends a page's formulas in one batch
to one Node process that lives for the whole build (``tools/katex.mjs``, KaTeX from
node_modules); bad TeX stays as written and is a warning naming the page."""

from __future__ import annotations

import atexit
import html
import json
import subprocess
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.treeprocessors import Treeprocessor

from course.pages import page_context

_servers: dict[Path, subprocess.Popen] = {}


class MathError(RuntimeError):
    pass


def _server(project: Path) -> subprocess.Popen:
    """The build's KaTeX process (started on first use, ended when Python exits)."""
    server = _servers.get(project)
    if server is None or server.poll() is not None:
        script = project / "tools" / "katex.mjs"
        if not (project / "node_modules" / "katex").is_dir():
            raise MathError(f"{project / 'node_modules' / 'katex'} is missing: run `npm ci` first")
        server = subprocess.Popen(["node", str(script)], cwd=project, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, encoding="utf-8")
        atexit.register(server.kill)
        _servers[project] = server
    return server


def typeset(items: list[tuple[str, bool]], project: Path) -> list[dict[str, str]]:
    """[(tex, display)] -> [{"html": ...} or {"error": ...}], in one round trip."""
    server = _server(project)
    server.stdin.write(json.dumps(items) + "\n")
    server.stdin.flush()
    answer = server.stdout.readline()
    if not answer:
        raise MathError("the KaTeX process ended (see its error above)")
    return json.loads(answer)


class KatexMath(Treeprocessor):
    """Replaces every ``span.arithmatex`` / ``div.arithmatex`` with KaTeX's HTML."""

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
            node.text = self.md.htmlStash.store(result["html"])
