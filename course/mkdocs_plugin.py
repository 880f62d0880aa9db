"""MkDocs plugin: embeds exercises in lesson pages and ships the browser runtime.

A lesson embeds an exercise with one line of Markdown::

    {{ exercise("siglip-2/sigmoid-loss") }}

The line becomes a ``<section data-exercise="…">`` holding the exercise as JSON (starter,
checks, hints, solution). An unknown id or an incomplete exercise folder is reported as
``docs/page.md:LINE: …`` — a warning, so ``mkdocs build --strict`` fails on it while
``mkdocs serve`` keeps running and shows the problem in the page.

After the build, ``widgets/`` is copied to ``assets/course/`` (the editor bundled from npm
packages with esbuild), together with the Python files the browser runs and, when
``pyodide_dir`` is set, a self-hosted copy of Pyodide (core + NumPy only).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import markdown
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from course import exercises

log = get_plugin_logger(__name__)

PYODIDE_VERSION = "0.27.7"
CDN_PYODIDE = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
# The files a self-hosted site needs from a Pyodide distribution: the core and NumPy.
PYODIDE_CORE = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
                "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_PACKAGES = ("numpy",)
# The Python package the browser's worker imports (the same files pytest and the CLI use).
ENGINE = Path(__file__).with_name("engine")
# Starts the Python worker while the page is still parsing (module scripts wait for the end
# of parsing); widgets/python.js adopts the worker and replays the events it sent meanwhile.
EARLY_PYTHON = """<script>(() => {
  const base = new URL(ROOT + "assets/course/", location.href), events = [];
  const worker = new Worker(new URL("worker.js", base));
  worker.onmessage = worker.onerror = (event) => { events.push(event); event.preventDefault?.(); };
  worker.postMessage({ type: "init", pyodideUrl: new URL(PYODIDE_URL, base).href,
                       pythonUrl: new URL("course-python.json", base).href });
  window.coursePythonEarly = { worker, events };
})();</script>"""
# Accessible names for two parts of Material's page chrome that its templates leave unnamed
# (a dialog and a progress bar without a name are announced as just "dialog"/"progress bar").
MATERIAL_NAMES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
    ('<div class="md-progress" data-md-component="progress" role="progressbar">',
     '<div class="md-progress" data-md-component="progress" role="progressbar" '
     'aria-label="Loading the page">'),
)
# Modules an exercise page needs at once, preloaded so they do not wait on page.js.
PRELOAD = ("python.js", "config.js", "exercise.js", "editor.js", "store.js", "dom.js", "progress.js")

EMBED = re.compile(r'^\s*\{\{\s*exercise\(\s*"(?P<id>[^"]*)"\s*\)\s*\}\}\s*$')
EMBED_LIKE = re.compile(r"^\s*\{\{\s*exercise\b")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
PLACEHOLDER = '<div class="course-exercise-slot" data-slot="{index}"></div>'
QUIZ = re.compile(r'<div class="admonition quiz">\s*<p class="admonition-title">(?P<title>.*?)</p>', re.S)
DIV_TAG = re.compile(r"<div\b|</div>")
OPTION = re.compile(r"<li>\s*<p>\s*\[(?P<mark>[ xX])\]", re.S)
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:\s*(?P<ref>\S+)")
CODE_SPAN = re.compile(r"`+[^`]*`+")
ELEMENT_ID = re.compile(r'\bid="([^"]+)"')
SLOT = re.compile(r'<div class="course-exercise-slot" data-slot="(\d+)"></div>')


class CourseConfig(Config):
    exercises_dir = opt.Type(str, default="exercises")
    widgets_dir = opt.Type(str, default="widgets")
    pyodide_url = opt.Type(str, default=CDN_PYODIDE)
    pyodide_dir = opt.Type(str, default="")  # set: copy core + NumPy into the site from here
    time_limit = opt.Type((int, float), default=10)
    solution_after = opt.Type(int, default=3)
    storage_key = opt.Type(str, default="vision-course-8.1")


def outside_fences(markdown_text: str):
    """Yield (1-based line number, line) for the lines that are not inside a code fence."""
    fence = None
    for number, line in enumerate(markdown_text.splitlines(), start=1):
        if match := FENCE.match(line):
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        elif fence is None:
            yield number, line


def embeds(markdown_text: str) -> list[tuple[int, str | None, str]]:
    """Every exercise embed outside code fences: (1-based line, id or None if malformed, line)."""
    found = []
    for number, line in outside_fences(markdown_text):
        if EMBED_LIKE.match(line):
            match = EMBED.match(line)
            found.append((number, match.group("id") if match else None, line))
    return found


def anchor(exercise_id: str) -> str:
    """The element id of an embedded exercise: siglip-2/sigmoid-loss -> exercise-siglip-2-sigmoid-loss."""
    return "exercise-" + exercise_id.replace("/", "-")


def internal_links(markdown_text: str) -> list[tuple[int, str]]:
    """(1-based line, target) of every relative link to a page or an anchor, outside code."""
    found = []
    for number, line in outside_fences(markdown_text):
        for match in LINK.finditer(CODE_SPAN.sub("", line)):
            target = match.group("target") or match.group("ref")
            path = target.split("#")[0]
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                continue  # external, mailto:, absolute
            if path.endswith(".md") or (not path and "#" in target):
                found.append((number, target))
    return found


# Runs as each exercise is parsed, long before any module: the draft editor shows the
# student's saved code, and Ctrl/⌘+Enter or Shift+Enter typed into it are kept for the runner.
DRAFT_SCRIPT = """<script>(function (t) {
  t.previousElementSibling.hidden = true; // the "needs JavaScript" note: it does not
  try { var r = JSON.parse(localStorage.getItem(KEY)); if (r && typeof r.code == "string") t.value = r.code; }
  catch (e) {}
  t.onkeydown = function (e) {
    if (e.key == "Enter" && (e.ctrlKey || e.metaKey || e.shiftKey)) {
      e.preventDefault(); t.dataset.pending = e.shiftKey ? "check" : "run";
    }
  };
})(document.currentScript.previousElementSibling);</script>"""


def render_exercise(exercise: exercises.Exercise, storage_key: str) -> str:
    """The HTML that stands for one exercise until the runner mounts it.

    Its code is a plain <textarea> (the "draft"): readable without JavaScript, and typed into
    as soon as the page is parsed; the runner's editor takes over its text, cursor and focus
    when it mounts (widgets/exercise.js).
    """
    data = exercise.to_browser()
    data["hintsHtml"] = [markdown.markdown(h) for h in exercise.hints]
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    title = html.escape(exercise.title)
    lines = exercise.starter.count("\n") + 1
    key = json.dumps(f"{storage_key}:exercise:{exercise.id}")
    return (
        f'<section class="course-exercise" id="{anchor(exercise.id)}" '
        f'data-exercise="{html.escape(exercise.id)}" '
        f'aria-label="Exercise: {title}">'
        f'<div class="course-exercise__title" role="heading" aria-level="3">'
        f'<span class="course-exercise__kicker">Exercise</span> {title}</div>'
        f'<p class="course-exercise__fallback">The interactive editor needs JavaScript. You can '
        f'also solve this offline: <code>course check {html.escape(exercise.id)} your_file.py</code></p>'
        f'<textarea class="course-exercise__draft" aria-label="Code editor: {title}" '
        f'spellcheck="false" autocapitalize="off" autocomplete="off" '
        f'rows="{min(lines, 24)}">{html.escape(exercise.starter)}</textarea>'
        + DRAFT_SCRIPT.replace("KEY", key) +
        f'<script type="application/json" class="course-exercise__data">{payload}</script>'
        f"</section>"
    )


def slugify(text: str) -> str:
    """'Which part of CLIP changes?' -> 'which-part-of-clip-changes'."""
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", html.unescape(text)).lower()).strip("-")


def admonition_body(html_text: str, start: int) -> str:
    """The HTML from `start` to the </div> that closes the admonition (nested divs allowed)."""
    depth = 1
    for tag in DIV_TAG.finditer(html_text, start):
        depth += 1 if tag.group(0) == "<div" else -1
        if depth == 0:
            return html_text[start:tag.start()]
    return html_text[start:]


def quiz_problem(body: str) -> str | None:
    """Why a rendered quiz is malformed, or None: exactly one [x], an explanation per option."""
    items = re.findall(r"<li>(.*?)</li>", body, re.S)
    marks = OPTION.findall(body)
    if not items or len(marks) != len(items):
        return "every option must start with [ ] or [x]"
    if sum(m.lower() == "x" for m in marks) != 1:
        return "exactly one option must be marked [x]"
    if any(item.count("<p>") < 2 for item in items):
        return "every option needs an explanation (an indented paragraph under it)"
    return None


def name_material_chrome(page_html: str) -> str:
    """Give Material's unnamed search dialog and progress bar their accessible names."""
    for unnamed, named in MATERIAL_NAMES:
        page_html = page_html.replace(unnamed, named, 1)
    return page_html


def render_problem(message: str) -> str:
    return (f'<div class="admonition failure"><p class="admonition-title">Exercise embed problem</p>'
            f"<p>{html.escape(message)}</p></div>")


class CoursePlugin(BasePlugin[CourseConfig]):
    """Turns exercise embeds into exercises and copies the browser runtime into the site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.exercises_root = self.root / self.config.exercises_dir
        self.widgets_root = self.root / self.config.widgets_dir
        docs = Path(config.docs_dir).resolve()
        self.docs_rel = docs.relative_to(self.root) if docs.is_relative_to(self.root) else docs
        self.slots: dict[str, list[str]] = {}
        self.catalog: dict[str, dict[str, dict]] = {"exercises": {}, "quizzes": {}}
        self.links: list[tuple[str, int, str]] = []  # (page src_uri, line, target)
        # Relative to assets/course/, or absolute (the CDN).
        self.pyodide_url = "../pyodide/" if self.config.pyodide_dir else self.config.pyodide_url
        self.anchors: dict[str, set[str]] = {}  # page src_uri -> element ids
        config.extra_css.append("assets/course/course.css")
        script = opt.ExtraScriptValue("assets/course/page.js")
        script.type = "module"
        config.extra_javascript.append(script)
        return config

    def on_serve(self, server, config, builder):  # noqa: ANN001 - MkDocs' own signature
        for path in (self.exercises_root, self.widgets_root, self.root / "course"):
            server.watch(str(path))
        return server

    def on_page_markdown(self, markdown_text: str, page: Page, config: MkDocsConfig, files):  # noqa: ANN001
        source = Path(page.file.abs_src_path or page.file.src_uri)
        where = source.relative_to(self.root) if source.is_relative_to(self.root) else source
        # MkDocs hands us the Markdown without its front matter; report line numbers of the
        # file as written, so errors point at the line the author sees.
        file_lines = [number for number, _, _ in embeds(page.file.content_string)]
        self.links.extend((page.file.src_uri, n, t) for n, t in internal_links(page.file.content_string))
        lines, slots = markdown_text.splitlines(), []
        for (number, exercise_id, text), file_line in zip(embeds(markdown_text), file_lines, strict=True):
            html_text, exercise = self._render_embed(exercise_id, text, f"{where}:{file_line}")
            slots.append(html_text)
            if exercise:
                self.catalog["exercises"][exercise.id] = {
                    "id": exercise.id, "lesson": exercise.lesson, "title": exercise.title,
                    "url": f"{page.url}#{anchor(exercise.id)}"}
            indent = text[: len(text) - len(text.lstrip())]  # keep it inside admonitions/tabs
            lines[number - 1] = f"\n{indent}{PLACEHOLDER.format(index=len(slots) - 1)}\n"
        self.slots[page.file.src_uri] = slots
        return "\n".join(lines)

    def _render_embed(self, exercise_id: str | None, text: str,
                      where: str) -> tuple[str, exercises.Exercise | None]:
        """The HTML for one embed line, or a visible problem (and a warning naming file:line)."""
        if exercise_id is None:
            problem = (f'malformed exercise embed {text.strip()!r}; '
                       f'write {{{{ exercise("<lesson>/<exercise>") }}}}')
        else:
            try:
                exercise = exercises.get(exercise_id, self.exercises_root)
                return render_exercise(exercise, self.config.storage_key), exercise
            except exercises.ExerciseError as exc:
                problem = str(exc)
        log.warning(f"{where}: {problem}")
        return render_problem(f"{where}: {problem}"), None

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files):  # noqa: ANN001
        slots = self.slots.pop(page.file.src_uri, [])
        html_text = SLOT.sub(lambda m: slots[int(m.group(1))], html_text)
        html_text = self._render_math(html_text, page)
        html_text = QUIZ.sub(lambda m: self._mark_quiz(m, html_text, page), html_text)
        self.anchors[page.file.src_uri] = set(ELEMENT_ID.findall(html_text))
        return html_text

    def _render_math(self, html_text: str, page: Page) -> str:
        """Typeset arithmatex's TeX with KaTeX at build time (no math JavaScript in the page)."""
        found = list(MATH.finditer(html_text))
        if not found:
            return html_text
        items = []
        for match in found:
            tex = html.unescape(match.group("tex")).strip()
            display = tex.startswith("\\[")
            items.append([tex[2:-2].strip(), display])
        done = subprocess.run(["node", str(Path(__file__).with_name("math.mjs"))], cwd=self.root,
                              input=json.dumps(items), capture_output=True, text=True)
        if done.returncode != 0:
            raise PluginError(f"rendering math failed (is `npm ci` done?):\n{done.stderr[-2000:]}")
        rendered = iter(json.loads(done.stdout))
        where = self.docs_rel / page.file.src_uri

        def replace(match: re.Match) -> str:
            result = next(rendered)
            if "error" in result:
                log.warning(f"{where}: math error in {html.unescape(match.group('tex'))!r}: "
                            f"{result['error']}")
                return match.group(0)
            tag = match.group("tag")
            return f'<{tag} class="arithmatex">{result["html"]}</{tag}>'

        return MATH.sub(replace, html_text)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Head links a page needs: KaTeX's stylesheet where there is math; on pages with
        exercises, the runner's modules, fetched while the page parses. Also names Material's
        search dialog and progress bar."""
        output = name_material_chrome(output)
        root = "../" * page.url.count("/") if config.use_directory_urls else ""
        links = ""
        if 'class="katex"' in output:
            links += f'<link rel="stylesheet" href="{root}assets/vendor/katex/katex.min.css" data-katex>'
        if 'class="course-exercise"' in output:
            links += "".join(f'<link rel="modulepreload" href="{root}assets/course/{name}">'
                             for name in PRELOAD)
            links += (EARLY_PYTHON.replace("ROOT", json.dumps(root))
                      .replace("PYODIDE_URL", json.dumps(self.pyodide_url)))
        return output.replace("</head>", links + "</head>", 1)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Static templates (the 404 page) get the same accessible names as pages."""
        return name_material_chrome(output_content) if template_name.endswith(".html") else output_content

    def _mark_quiz(self, match: re.Match, html_text: str, page: Page) -> str:
        """Give a self-check question its id (page slug + title) and check its shape."""
        lesson = page.file.src_uri.removesuffix(".md")
        title = match.group("title")
        quiz_id = f"{lesson}/{slugify(title)}"
        if problem := quiz_problem(admonition_body(html_text, match.end())):
            log.warning(f"{self.docs_rel / page.file.src_uri}: self-check question "
                        f"{html.unescape(title)!r}: {problem}")
        element_id = f"quiz-{slugify(title)}"
        self.catalog["quizzes"][quiz_id] = {"id": quiz_id, "lesson": lesson,
                                            "url": f"{page.url}#{element_id}",
                                            "title": re.sub(r"<[^>]+>", "", html.unescape(title))}
        return match.group(0).replace(
            '<div class="admonition quiz">',
            f'<div class="admonition quiz" id="{element_id}" data-quiz="{quiz_id}">', 1)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._check_links()
        site = Path(config.site_dir)
        assets = site / "assets" / "course"
        shutil.copytree(self.widgets_root, assets, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("editor.js", "*.test.*"))
        self._minify_own(assets)
        self._bundle_editor(assets / "editor.js")
        self._copy_vendor(site / "assets" / "vendor")
        # One request brings the worker every module it imports: {file name: source}.
        sources = {f"engine/{path.name}": path.read_text(encoding="utf-8")
                   for path in sorted(ENGINE.glob("*.py"))}
        (assets / "course-python.json").write_text(json.dumps(sources), encoding="utf-8")
        if self.config.pyodide_dir:
            self._copy_pyodide(Path(self.config.pyodide_dir), site / "assets" / "pyodide")
        pyodide_url = self.pyodide_url
        settings = {
            "pyodideUrl": pyodide_url,
            "timeLimit": self.config.time_limit,
            "solutionAfter": self.config.solution_after,
            "storageKey": self.config.storage_key,
        }
        (assets / "catalog.json").write_text(json.dumps(
            {kind: list(items.values()) for kind, items in self.catalog.items()}, indent=1), encoding="utf-8")
        (assets / "config.js").write_text(
            "// Written by the course MkDocs plugin from mkdocs.yml; do not edit.\n"
            f"export default {json.dumps(settings, indent=2)};\n", encoding="utf-8")

    def _check_links(self) -> None:
        """Warn (so a strict build fails) about a link to a missing page or anchor, naming the
        file and line; MkDocs' own validation names only the file."""
        for source, line, target in self.links:
            path, _, fragment = target.partition("#")
            page = (posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
                    if path else source)
            where = f"{self.docs_rel / source}:{line}"
            if page not in self.anchors:
                log.warning(f"{where}: link to '{target}': there is no page {page}")
            elif fragment and fragment not in self.anchors[page]:
                log.warning(f"{where}: link to '{target}': {page} has no heading or element "
                            f"with id '{fragment}'")

    def _node_bin(self, name: str) -> Path:
        path = self.root / "node_modules" / ".bin" / name
        if not path.exists():
            raise PluginError(f"{path} is missing: run `npm ci` first (`make serve` does it)")
        return path

    def _minify_own(self, assets: Path) -> None:
        """Minify our own modules and styles in place: a visitor downloads half the bytes,
        and the readable sources stay in widgets/ (each file stays its own ES module)."""
        files = sorted(str(f) for f in assets.rglob("*") if f.suffix in (".js", ".css"))
        cmd = [str(self._node_bin("esbuild")), *files, "--minify", "--charset=utf8",
               "--log-level=warning", f"--outdir={assets}", f"--outbase={assets}",
               "--allow-overwrite"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise PluginError(f"minifying the course's scripts failed:\n{done.stderr}")

    def _bundle_editor(self, out: Path) -> None:
        """Bundle CodeMirror from the pinned npm packages into one ES module."""
        cmd = [str(self._node_bin("esbuild")), str(self.widgets_root / "editor.js"), "--bundle",
               "--format=esm", "--minify", "--log-level=warning", f"--outfile={out}"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise PluginError(f"bundling the editor failed:\n{done.stderr}")

    def _copy_vendor(self, vendor: Path) -> None:
        """Copy the browser packages used by lesson pages (math, diagrams) from node_modules."""
        modules = self.root / "node_modules"
        katex = modules / "katex" / "dist"
        if not katex.is_dir():
            raise PluginError(f"{katex} is missing: run `npm ci` first")
        (vendor / "katex").mkdir(parents=True, exist_ok=True)
        shutil.copy2(katex / "katex.min.css", vendor / "katex" / "katex.min.css")
        shutil.copytree(katex / "fonts", vendor / "katex" / "fonts", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.ttf", "*.woff"))  # woff2 is enough
        mermaid = modules / "mermaid" / "dist" / "mermaid.min.js"
        (vendor / "mermaid").mkdir(parents=True, exist_ok=True)
        shutil.copy2(mermaid, vendor / "mermaid" / "mermaid.min.js")

    def _copy_pyodide(self, source: Path, target: Path) -> None:
        """Copy Pyodide's core and NumPy (not the whole distribution) into the site."""
        lock_path = source / "pyodide-lock.json"
        if not lock_path.is_file():
            raise PluginError(f"pyodide_dir {source} has no pyodide-lock.json")
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        if lock["info"]["version"] != PYODIDE_VERSION:
            raise PluginError(f"pyodide_dir holds Pyodide {lock['info']['version']}, "
                              f"the site is pinned to {PYODIDE_VERSION}")
        wanted, todo = set(), list(PYODIDE_PACKAGES)
        while todo:  # the packages plus everything they depend on
            name = todo.pop()
            if name not in wanted:
                wanted.add(name)
                todo.extend(lock["packages"][name]["depends"])
        files = [*PYODIDE_CORE, *(lock["packages"][n]["file_name"] for n in sorted(wanted))]
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            if not (target / name).exists():
                shutil.copy2(source / name, target / name)
