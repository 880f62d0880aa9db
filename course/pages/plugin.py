"""The ``course`` MkDocs plugin: the hooks that join the lessons, the exercises and the browser.

Where each job lives:

- ``markdown.py`` (a Markdown extension, listed in mkdocs.yml): exercise embeds (``embeds.py``),
  self-check questions (``quizzes.py``) and math (``math.py``), parsed with the Markdown;
- ``config.py``: this plugin's settings; ``head.py``: the page's JSON document, head links and
  Content-Security-Policy; ``assets.py``: the browser code; ``pyodide.py``: a self-hosted Pyodide;
  ``links.py``: links checked with their line numbers; ``theme/``: the header's light/dark switch
  (Material's template, run by ``widgets/palette.js`` instead of Material's bundle).

The hooks only connect them: open a page context before a page is converted, read what the
extension found after, write the head, and write the assets and the catalog at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import markdown
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from course import exercises
from course.engine.runtime import imported_modules
from course.pages import completions, diagrams, head, links, page_context, progress_page, pyodide
from course.pages.assets import Assets
from course.pages.config import CDN_PYODIDE, OPTIONAL_PACKAGES, CourseConfig
from course.pages.embeds import anchor

log = get_plugin_logger(__name__)
EXTENSION = "course.pages.markdown"
THEME = Path(__file__).resolve().parent / "theme"  # template overrides: see theme/partials/
# Modules an exercise page needs at once, preloaded so they do not wait on page.js.
PRELOAD = ("contract.js", "python/client.js", "exercise/mount.js", "store.js", "dom.js")


class CoursePlugin(BasePlugin[CourseConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if EXTENSION not in config.markdown_extensions:
            raise PluginError(f"add '{EXTENSION}' under markdown_extensions in mkdocs.yml: it "
                              "turns exercise embeds, questions and math into HTML")
        self.project = Path(config.config_file_path).resolve().parent
        # Decided here, once, relative to mkdocs.yml, and handed to the extension as an absolute
        # path, so the plugin and the extension always read the same exercises.
        extension = config.mdx_configs.setdefault(EXTENSION, {})
        self.exercises_root = (self.project / extension.get("exercises_dir", "exercises")).resolve()
        extension["exercises_dir"] = str(self.exercises_root)
        if extension.get("diagrams_dir"):
            extension["diagrams_dir"] = str((self.project / extension["diagrams_dir"]).resolve())
        self.assets = Assets(self.project, self.project / self.config.widgets_dir)
        docs = Path(config.docs_dir).resolve()
        self.docs_rel = docs.relative_to(self.project) if docs.is_relative_to(self.project) else docs
        # URLs in the page's JSON are relative to the site's root, or absolute.
        if self.config.pyodide_dir:
            pyodide_url = "assets/pyodide/"
        else:
            pyodide_url = self.config.pyodide_url or CDN_PYODIDE
        site_path = (config.site_url or "/").split("://", 1)[-1].partition("/")[2]
        # matplotlib & co.: offered when mkdocs.yml asks, or when an exercise imports them.
        imported: set[str] = set()
        for exercise_id in exercises.exercise_ids(self.exercises_root):
            try:
                exercise = exercises.get(exercise_id, self.exercises_root)
                for source in (exercise.starter, exercise.solution):
                    imported.update(imported_modules(source, check=False))
            except (exercises.ExerciseError, SyntaxError):
                pass  # the page that embeds it says what is wrong, with its line
        self.packages = sorted(set(self.config.packages) | (imported & set(OPTIONAL_PACKAGES)))
        self.settings = {
            "pyodideUrl": pyodide_url,
            "timeLimit": self.config.time_limit,
            "storageKey": self.config.storage_key,
            # Progress is kept per site: two courses served from one origin do not share it.
            "storagePrefix": f"{self.config.storage_key}@/{site_path}:",
            "packages": {name: OPTIONAL_PACKAGES[name] for name in self.packages},
        }
        self.csp = head.csp_meta(pyodide_url)
        self.catalog: dict[str, dict[str, dict]] = {"exercises": {}, "quizzes": {}}
        self.links: list[tuple[str, int, str]] = []  # (page src_uri, line, target)
        self.anchors: dict[str, set[str]] = {}
        self.page_exercises: dict[str, list[exercises.Exercise]] = {}
        self.has_exercises: set[str] = set()  # pages (src_uri) with at least one exercise
        self.script_hashes: set[str] = set()
        config.extra_css.append("assets/course/course.css")
        script = opt.ExtraScriptValue("assets/course/page.js")
        script.type = "module"
        config.extra_javascript.append(script)
        # Our templates (theme/) before Material's, after the site's own custom_dir if it has one.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        return config

    def on_env(self, env, config: MkDocsConfig, files):  # noqa: ANN001 - MkDocs' own types
        env.globals["course_inline_script"] = self.assets.inline_script  # theme/ inlines palette.js
        return env

    def on_nav(self, nav, config: MkDocsConfig, files):  # noqa: ANN001 - MkDocs' own types
        self.nav_pages = nav.pages  # the course's order, for the progress page
        return nav

    def on_serve(self, server, config, builder):  # noqa: ANN001 - MkDocs' own signature
        for path in (self.exercises_root, self.assets.widgets, self.project / "course"):
            server.watch(str(path))
        return server

    def on_page_markdown(self, markdown_text: str, page: Page, config: MkDocsConfig, files):  # noqa: ANN001
        source = page.file.content_string
        self.links.extend((page.file.src_uri, n, t) for n, t in links.internal_links(source))
        page_context.open_page(page_context.PageContext(
            where=str(self.docs_rel / page.file.src_uri), lesson=page.file.src_uri.removesuffix(".md"),
            source=source))
        return markdown_text

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files):  # noqa: ANN001
        found = page_context.current()
        page_context.open_page(None)
        self.anchors[page.file.src_uri] = set(page.present_anchor_ids or ())
        self.page_exercises[page.file.src_uri] = found.exercises
        if found.exercises:
            self.has_exercises.add(page.file.src_uri)
        for exercise in found.exercises:
            self.catalog["exercises"][exercise.id] = {
                "id": exercise.id, "lesson": exercise.lesson, "title": exercise.title,
                "url": f"{page.url}#{anchor(exercise.id)}"}
        for quiz in found.quizzes:
            self.catalog["quizzes"][quiz["id"]] = {
                "id": quiz["id"], "lesson": quiz["lesson"], "title": quiz["title"],
                "url": f"{page.url}#{quiz['anchor']}"}
        return html_text

    def exercise_data(self, exercise: exercises.Exercise) -> dict:
        """What the browser needs of one exercise (widgets/contract.js: ExerciseData)."""
        solution_after = exercise.solution_after
        return {**exercise.to_browser(),
                "hintsHtml": [markdown.markdown(hint) for hint in exercise.hints],
                "solutionAfter": self.config.solution_after if solution_after is None else solution_after}

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        root = "../" * page.url.count("/") if config.use_directory_urls else ""
        found = self.page_exercises.pop(page.file.src_uri, [])
        data = {"root": root, "settings": self.settings, "prewarm": self._prewarm(page),
                "exercises": {e.id: self.exercise_data(e) for e in found}}
        early = [self.csp]
        if found:  # Python starts before the stylesheets have loaded (see head.py)
            early += [head.json_script("course-boot", {"root": root, "settings": self.settings}),
                      f"<script>{self.assets.inline_script('early.js')}</script>"]
        extra = [f"<script>{self.assets.inline_script('head.js')}</script>",
                 f"<script>{self.assets.inline_script('search-later.js')}</script>",
                 head.json_script("course-page", data)]
        if found:
            extra += [f'<link rel="modulepreload" href="{root}assets/course/{name}">' for name in PRELOAD]
        output = head.before_stylesheets(head.name_material_chrome(output), "".join(early))
        output = output.replace("</head>", "".join(extra) + "</head>", 1)
        if diagrams.UNDRAWN in output:  # (a strict build has none: see diagrams.py)
            preview = f"<script>{self.assets.inline_script('diagram-preview.js')}</script>"
            output = output.replace(diagrams.UNDRAWN, preview + diagrams.UNDRAWN, 1)
        if progress_page.MARKER in output:  # every page's exercises and questions are known now
            lessons = [(p.file.src_uri.removesuffix(".md"), p.title, p.url) for p in self.nav_pages]
            output = progress_page.fill(output, progress_page.render(lessons, self.catalog, root))
        self.script_hashes |= head.script_hashes(output)
        return output

    def _prewarm(self, page: Page) -> bool:
        """Start Python when idle on this page (it has no exercise, but its text links to a page
        that has): a reader here is a click away from needing it. (MkDocs renders every page's
        content before it writes any, so every page's exercises are known here.)"""
        if not self.config.prewarm or page.file.src_uri in self.has_exercises:
            return False
        return any(links.target_page(source, target) in self.has_exercises
                   for source, _, target in self.links if source == page.file.src_uri)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Static templates (the 404 page) get the same names and policy as pages."""
        if not template_name.endswith(".html"):
            return output_content
        output = head.before_stylesheets(head.name_material_chrome(output_content), self.csp)
        self.script_hashes |= head.script_hashes(output)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        for problem in links.problems(self.links, self.anchors, str(self.docs_rel)):
            log.warning(problem)
        site = Path(config.site_dir)
        self.assets.write(site)
        self._write_engine(site / "assets" / "course")
        completions.write(site / "assets" / "course" / "completions.json")
        if self.config.pyodide_dir:
            pyodide.copy(Path(self.config.pyodide_dir), site / "assets" / "pyodide",
                         ["numpy", *self.packages])
        (site / "assets" / "course" / "catalog.json").write_text(json.dumps(
            {kind: list(items.values()) for kind, items in self.catalog.items()}, indent=1),
            encoding="utf-8")
        # Every page allows the inline scripts of every page: instant navigation keeps the
        # policy of the first page opened while it runs the next page's scripts.
        hashes = " ".join(sorted(self.script_hashes))
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            if head.CSP_PLACEHOLDER in text:
                page.write_text(text.replace(head.CSP_PLACEHOLDER, hashes), encoding="utf-8")

    def _write_engine(self, assets: Path) -> None:
        """course/engine/, the Python the worker runs, as one JSON file {path: source}."""
        engine = Path(__file__).resolve().parent.parent / "engine"
        sources = {f"engine/{path.name}": path.read_text(encoding="utf-8")
                   for path in sorted(engine.glob("*.py"))}
        (assets / "engine.json").write_text(json.dumps(sources), encoding="utf-8")
