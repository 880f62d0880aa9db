"""The exercise embed: a line ``{{ exercise("siglip-2/sigmoid-loss") }}`` on its own.

A block processor of the course's Markdown extension, so it is parsed where Markdown is parsed:
inside admonitions and tabs too, never inside code. The line becomes the exercise's static HTML
(its title and its starter code in a plain text area, which a reader can type in and which works
without JavaScript); the browser's runner takes it over (``widgets/exercise/``). An unknown id or
an incomplete folder becomes a visible problem on the page and a warning naming file and line.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor

from course import exercises
from course.pages import page_context

EMBED = re.compile(r'^\{\{\s*exercise\(\s*"(?P<id>[^"]*)"\s*\)\s*\}\}$')
EMBED_LIKE = re.compile(r"^\{\{\s*exercise\b")


def anchor(exercise_id: str) -> str:
    """The element id of an embedded exercise: siglip-2/sigmoid-loss -> exercise-siglip-2-sigmoid-loss."""
    return "exercise-" + exercise_id.replace("/", "-")


def render(exercise: exercises.Exercise) -> str:
    """The inside of an exercise's <section>: every part of it, laid out as it will be once the
    runner has mounted (widgets/exercise/mount.js finds each by its data-part), so mounting
    moves nothing on the page. Its code is a plain text area, typeable at once; the parts that
    need JavaScript are hidden without it, and the offline instructions shown instead."""
    title = html.escape(exercise.title)
    rows = min(exercise.starter.count("\n") + 1, 24)

    def button(part: str, label: str, *, primary: bool = False, **attrs: str) -> str:
        extra = "".join(f' {name.replace("_", "-")}="{html.escape(value)}"' for name, value in attrs.items())
        kind = "md-button md-button--primary" if primary else "md-button"
        return f'<button type="button" class="{kind}" data-part="{part}"{extra}>{label}</button>'

    def notice(part: str, text: str = "") -> str:
        return f'<p class="course-exercise__notice" role="note" data-part="{part}" hidden>{text}</p>'

    return "".join([
        f'<div class="course-exercise__title" role="heading" aria-level="3">'
        f'<span class="course-exercise__kicker">Exercise</span> {title}'
        f'<span class="course-exercise__badge" data-part="badge"></span></div>',
        f'<p class="course-exercise__fallback">The interactive editor needs JavaScript. You can '
        f'also solve this offline: <code>course check {html.escape(exercise.id)} your_file.py</code></p>',
        notice("starterNotice", "The starter code of this exercise has changed since you began. "
               "Your code is kept; press Reset to start from the new starter."),
        notice("storageNotice"),
        notice("syncNotice", "Updated with your newer edit from another tab (Ctrl+Z brings back "
               "the code it replaced)."),
        f'<div class="course-exercise__editor" data-part="editorBox">'
        f'<textarea class="course-exercise__draft" data-part="draft" aria-label="Code editor: {title}" '
        f'spellcheck="false" autocapitalize="off" autocomplete="off" '
        f'rows="{rows}">{html.escape(exercise.starter)}</textarea></div>',
        f'<div class="course-exercise__toolbar" role="group" aria-label="Controls for {title}" '
        f"data-needs-js>",
        button("run", "Run", primary=True, title="Run (Ctrl+Enter)",
               aria_keyshortcuts="Control+Enter Meta+Enter"),
        button("check", "Check", primary=True, title="Check (Shift+Enter)", aria_keyshortcuts="Shift+Enter"),
        button("stop", "Stop", title="Stop the running code", disabled=""),
        button("reset", "Reset", title="Replace your code with the starter code"),
        button("hint", "Hint", title="Show the next hint"),
        button("solution", "Solution", title="Show the reference solution"),
        "</div>",
        '<div class="course-exercise__status" role="status" data-needs-js>'
        '<progress max="1" value="0" aria-label="Python loading progress" data-part="progress" hidden>'
        '</progress><span data-part="statusText"></span>'
        + button("retry", "Retry", title="Try loading Python again", hidden="") + "</div>",
        '<p class="course-exercise__help" data-needs-js>Ctrl/⌘+Enter runs, Shift+Enter checks. In the '
        'editor, Tab indents; press Esc then Tab to move on.</p>',
        '<ol class="course-exercise__hints" aria-label="Hints" data-part="hints"></ol>',
        '<div class="course-exercise__output" role="log" aria-live="polite" aria-label="Output" '
        'data-part="output"></div>',
        '<div class="course-exercise__solution" data-part="solutionBox" hidden></div>',
    ])


def render_problem(message: str) -> str:
    return (f'<div class="admonition failure"><p class="admonition-title">Exercise embed problem</p>'
            f"<p>{html.escape(message)}</p></div>")


class ExerciseEmbed(BlockProcessor):
    """Turns a paragraph that is one embed line into the exercise's HTML."""

    def __init__(self, parser, exercises_root) -> None:  # noqa: ANN001 - Markdown's own type
        super().__init__(parser)
        self.exercises_root = exercises_root

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(EMBED_LIKE.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        line, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        match = EMBED.match(line.strip())
        stash = self.parser.md.htmlStash.store
        if match is None:
            problem = page_context.warn(f"malformed exercise embed {line.strip()!r}; "
                                        f'write {{{{ exercise("<lesson>/<exercise>") }}}}', line)
            etree.SubElement(parent, "p").text = stash(render_problem(problem))
            return
        try:
            exercise = exercises.get(match["id"], self.exercises_root)
        except exercises.ExerciseError as exc:
            etree.SubElement(parent, "p").text = stash(render_problem(page_context.warn(str(exc), line)))
            return
        # The section is an element (MkDocs sees its id as a link target); its inside is HTML.
        section = etree.SubElement(parent, "section", {
            "class": "course-exercise", "id": anchor(exercise.id), "data-exercise": exercise.id,
            "aria-label": f"Exercise: {exercise.title}"})
        section.text = stash(render(exercise))
        self.parser.md.course_exercises.append(exercise)
        if (page := page_context.current()) is not None:
            page.exercises.append(exercise)


class ExerciseIndex(Treeprocessor):
    """"Exercises on this page": a short list under the page's title, written at build time so
    the page does not move when the browser marks which are done (widgets/progress.js)."""

    def run(self, root: etree.Element) -> None:
        found = self.md.course_exercises
        title = next(root.iter("h1"), None)
        if not found or title is None:
            return
        nav = etree.Element("nav", {"class": "course-page-progress", "aria-label": "Exercises on this page",
                                    "data-needs-js": ""})
        summary = etree.SubElement(nav, "p", {"class": "course-page-progress__summary"})
        summary.text = f"Exercises on this page: 0 of {len(found)} done"
        items = etree.SubElement(nav, "ul")
        for exercise in found:
            item = etree.SubElement(items, "li", {"data-progress-of": exercise.id})
            etree.SubElement(item, "span", {"aria-hidden": "true"}).text = "○ "
            etree.SubElement(item, "a", {"href": f"#{anchor(exercise.id)}"}).text = exercise.title
            etree.SubElement(item, "span", {"class": "visually-hidden"}).text = " (not done)"
        parent = next(element for element in root.iter() if title in list(element))
        parent.insert(list(parent).index(title) + 1, nav)
