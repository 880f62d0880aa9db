"""Self-check questions: a ``!!! quiz "Question?"`` admonition whose list items start with
``[ ]`` or ``[x]``, each with an explanation paragraph under it.

A tree processor of the course's Markdown extension checks each question's shape where the
Markdown is parsed (exactly one ``[x]``; an explanation for every option) and writes the
question as the student will use it: the options as radio buttons, each explanation beside its
option (shown after answering, or at once without JavaScript), a "Check answer" button and a
place for the feedback; the question's id (``data-quiz``, also its anchor ``quiz-…``) and the
right option (``data-correct``) as attributes. ``widgets/quiz.js`` only wires it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from course.pages import page_context

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
        quizzes = [div for div in root.iter("div") if "quiz" in (div.get("class") or "").split()]
        for quiz in quizzes:
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
            lay_out(quiz, title, quiz_id, options)
            if page is not None:
                page.quizzes.append({"id": quiz_id, "lesson": page.lesson, "title": title,
                                     "anchor": f"quiz-{slug}"})


def lay_out(quiz: etree.Element, title: str, quiz_id: str, options: list[etree.Element]) -> None:
    """Replace the question's list by radio buttons, explanations, the button and the feedback."""
    lists = quiz.findall("ul")
    at = list(quiz).index(lists[0])
    for old in lists:
        quiz.remove(old)
    fieldset = etree.Element("fieldset", {"class": "course-quiz__options"})
    etree.SubElement(fieldset, "legend", {"class": "visually-hidden"}).text = title
    for index, item in enumerate(options):
        first, *rest = list(item)
        match = MARK.match(first.text)
        choice = etree.SubElement(fieldset, "div", {"class": "course-quiz__choice"})
        if match["mark"].lower() == "x":
            choice.set("data-correct", "")
        label = etree.SubElement(choice, "label", {"class": "course-quiz__option"})
        etree.SubElement(label, "input", {"type": "radio", "name": f"quiz-{quiz_id}", "value": str(index)})
        answer = etree.SubElement(label, "span")
        answer.text = first.text[match.end():]
        for child in list(first):  # inline markup: code, math, emphasis
            answer.append(child)
        why = etree.SubElement(choice, "div", {"class": "course-quiz__why"})
        for paragraph in rest:
            why.append(paragraph)
    button = etree.Element("button", {"type": "button", "class": "md-button md-button--primary",
                                      "data-needs-js": ""})
    button.text = "Check answer"
    feedback = etree.Element("div", {"class": "course-quiz__feedback", "aria-live": "polite"})
    for offset, element in enumerate((fieldset, button, feedback)):
        quiz.insert(at + offset, element)
