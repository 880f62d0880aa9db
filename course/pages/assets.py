"""The browser side of the site, written at build time from ``widgets/`` and ``node_modules``.

- ``assets/course/``: our own modules and styles, minified (the readable sources stay in
  ``widgets/``), and the code editor bundled from the pinned CodeMirror packages;
- ``assets/vendor/``: Mermaid, for a diagram that has no drawing yet (a drawn one and math need
  nothing in the browser: see ``diagrams.py`` and ``math.py``);
- ``widgets/head.js``, ``widgets/early.js``, ``widgets/palette.js`` and
  ``widgets/diagram-preview.js`` are not files of the site: they are inlined into the <head> of
  every page, of exercise pages, after the header's light/dark switch (``theme/``), and before a
  diagram with no drawing yet.
All of it goes through one esbuild binary, from npm.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

# Bundled (editor.js), inlined (see inline_script), types.
NOT_COPIED = ("editor.js", "early.js", "head.js", "search-later.js", "palette.js", "diagram-preview.js",
              "*.d.ts")


class Assets:
    def __init__(self, project: Path, widgets: Path) -> None:
        self.project = project
        self.widgets = widgets

    def _node_bin(self, name: str) -> Path:
        path = self.project / "node_modules" / ".bin" / name
        if not path.exists():
            raise PluginError(f"{path} is missing: run `npm ci` first (`make serve` does it)")
        return path

    def esbuild(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([str(self._node_bin("esbuild")), "--log-level=warning", *args],
                              input=stdin, capture_output=True, text=True)
        if done.returncode != 0:
            raise PluginError(f"esbuild {' '.join(args[:2])}… failed:\n{done.stderr}")
        return done.stdout

    @functools.cache  # noqa: B019 - one Assets per build
    def inline_script(self, name: str) -> str:
        """widgets/<name>, minified, for an inline <script> (head.js, search-later.js and
        palette.js on every page, early.js on pages with exercises, diagram-preview.js before
        an undrawn diagram)."""
        source = (self.widgets / name).read_text(encoding="utf-8")
        return self.esbuild("--minify", "--loader=js", stdin=source).strip()

    def write(self, site: Path) -> None:
        own = site / "assets" / "course"
        shutil.copytree(self.widgets, own, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*NOT_COPIED))
        # Each file stays its own ES module, minified in place: a visitor downloads half the bytes.
        files = sorted(str(f) for f in own.rglob("*") if f.suffix in (".js", ".css"))
        self.esbuild(*files, "--minify", "--charset=utf8", f"--outdir={own}", f"--outbase={own}",
                     "--allow-overwrite")
        self.esbuild(str(self.widgets / "editor.js"), "--bundle", "--format=esm", "--minify",
                     f"--outfile={own / 'editor.js'}")
        self._vendor(site / "assets" / "vendor")

    def _vendor(self, vendor: Path) -> None:
        """Copy from node_modules the library that draws, in the browser, a diagram with no
        drawing yet (while its author previews it; a strict build has none)."""
        modules = self.project / "node_modules"
        if not (modules / "mermaid").is_dir():
            raise PluginError(f"{modules / 'mermaid'} is missing: run `npm ci` first")
        (vendor / "mermaid").mkdir(parents=True, exist_ok=True)
        shutil.copy2(modules / "mermaid" / "dist" / "mermaid.min.js", vendor / "mermaid" / "mermaid.min.js")
