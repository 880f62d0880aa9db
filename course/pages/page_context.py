"""What the Markdown extension found on the page being converted, for the plugin to use.

MkDocs converts one page at a time: the plugin opens a context before it converts a page
(``on_page_markdown``) and reads it after (``on_page_content``): which exercises and questions
the page holds, and the problems found, each named ``docs/page.md:LINE``. Without the plugin
(another tool running only the Markdown extension) there is no context and nothing is kept.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field

from course.exercises import Exercise

log = logging.getLogger("mkdocs.plugins.course")  # MkDocs counts these warnings in --strict


@dataclass
class PageContext:
    where: str  # the page's source file as the author knows it: docs/siglip-2.md
    lesson: str  # the page's path without .md: siglip-2 (the prefix of its questions' ids)
    source: str  # the Markdown as written, to find the line of a problem
    exercises: list[Exercise] = field(default_factory=list)
    quizzes: list[dict[str, str]] = field(default_factory=list)

    def line_of(self, text: str) -> int | None:
        """The 1-based line of the first source line that reads `text` (stripped)."""
        wanted = text.strip()
        for number, line in enumerate(self.source.splitlines(), start=1):
            if line.strip() == wanted:
                return number
        return None


_current: contextvars.ContextVar[PageContext | None] = contextvars.ContextVar("page", default=None)


def current() -> PageContext | None:
    return _current.get()


def open_page(context: PageContext) -> None:
    _current.set(context)


def warn(problem: str, text: str = "") -> str:
    """Log a problem as a warning (a strict build fails on it) and return the message, which
    names the page and line when the plugin told us the page."""
    page = current()
    if page is not None:
        line = page.line_of(text) if text else None
        problem = f"{page.where}:{line}: {problem}" if line else f"{page.where}: {problem}"
    log.warning(problem)
    return problem
