"""Self-check questions: a ``!!! quiz "Question?"`` admonition whose list items start with
``[ ]`` or ``[x]``, each with an explanation paragraph under it.

A tree processor of the course's Markdown extension checks each question's shape where the
Markdown is parsed (exactly one ``[x]``; an explanation for every option) and writes what the
browser needs as attributes: the question's id (``data-quiz``, also its anchor ``quiz-…``) and
the right option (``data-correct``), with the marks taken out of the text. ``widgets/quiz.js``
turns the list into radio buttons.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from course.site import page_context

MARK = re.compile(r"^\s*\[(?P<mark>[ xX])\]\s*")


def slugify(text: str) -> str:
    """'Which part of CLIP changes?' -> 'which-part-of-clip-changes'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _text(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def problem(options: list[etree.Element]) -> str | None:
    """Why a question's options are malformed, or None."""
    if not options:
        return "it needs a list of options, each starting with [ ] or [x]"
    marks = []
    for item in options:
        first = item[0] if len(item) and item[0].tag == "p" else item
        match = MARK.match(first.text or "")
        if match is None:
            return "every option must start with [ ] or [x]"
        marks.append(match["mark"].lower())
        if len(item.findall("p")) < 2:
            return "every option needs an explanation (an indented paragraph under it)"
    if marks.count("x") != 1:
        return "exactly one option must be marked [x]"
    return None


class QuizMarks(Treeprocessor):
    """Checks every question and turns its [ ]/[x] marks into data attributes."""

    def run(self, root: etree.Element) -> None:
        page = page_context.current()
        for quiz in root.iter("div"):
            if "quiz" not in (quiz.get("class") or "").split():
                continue
            title_element = quiz.find("p[@class='admonition-title']")
            title = _text(title_element) if title_element is not None else "Question"
            options = [li for ul in quiz.findall("ul") for li in ul.findall("li")]
            if (why := problem(options)) is not None:
                page_context.warn(f"self-check question {title!r}: {why}", f'!!! quiz "{title}"')
                continue
            slug = slugify(title)
            quiz_id = f"{page.lesson}/{slug}" if page is not None else slug
            quiz.set("id", f"quiz-{slug}")
            quiz.set("data-quiz", quiz_id)
            for item in options:
                first = item[0]
                mark = MARK.match(first.text)["mark"]
                first.text = first.text[MARK.match(first.text).end():]
                if mark.lower() == "x":
                    item.set("data-correct", "")
            if page is not None:
                page.quizzes.append({"id": quiz_id, "lesson": page.lesson, "title": title,
                                     "anchor": f"quiz-{slug}"})
