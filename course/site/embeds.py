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

from course import exercises
from course.site import page_context

EMBED = re.compile(r'^\{\{\s*exercise\(\s*"(?P<id>[^"]*)"\s*\)\s*\}\}$')
EMBED_LIKE = re.compile(r"^\{\{\s*exercise\b")


def anchor(exercise_id: str) -> str:
    """The element id of an embedded exercise: siglip-2/sigmoid-loss -> exercise-siglip-2-sigmoid-loss."""
    return "exercise-" + exercise_id.replace("/", "-")


def render(exercise: exercises.Exercise) -> str:
    """The inside of an exercise's <section> until the runner mounts it."""
    title = html.escape(exercise.title)
    rows = min(exercise.starter.count("\n") + 1, 24)
    return (
        f'<div class="course-exercise__title" role="heading" aria-level="3">'
        f'<span class="course-exercise__kicker">Exercise</span> {title}</div>'
        f'<p class="course-exercise__fallback">The interactive editor needs JavaScript. You can '
        f'also solve this offline: <code>course check {html.escape(exercise.id)} your_file.py</code></p>'
        f'<textarea class="course-exercise__draft" aria-label="Code editor: {title}" '
        f'spellcheck="false" autocapitalize="off" autocomplete="off" '
        f'rows="{rows}">{html.escape(exercise.starter)}</textarea>'
    )


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
        if (page := page_context.current()) is not None:
            page.exercises.append(exercise)
