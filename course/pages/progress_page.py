"""The "Your progress" page, written at build time: every lesson in the course's order, its
exercises and questions with links, and the export/import/clear controls. The browser only
marks what is done (widgets/progress-page.js), so the page does not move when it does. Written
into the element ``<div data-progress-page>`` of the page that holds one."""

from __future__ import annotations

import html

MARKER = "<div data-progress-page"


def _item(item: dict, kind: str, root: str) -> str:
    return (f'<li data-progress-item="{html.escape(item["id"])}" data-kind="{kind}">'
            f'<span class="course-progress__mark" aria-hidden="true">○</span>'
            f'<a href="{root}{html.escape(item["url"])}">{html.escape(item["title"])}</a>'
            f'<span class="course-progress__status"> — not started</span></li>')


def render(lessons: list[tuple[str, str, str]], catalog: dict[str, dict[str, dict]], root: str) -> str:
    """The inside of the progress element. ``lessons``: (slug, title, url) in the course's order."""
    exercises, quizzes = catalog["exercises"].values(), catalog["quizzes"].values()
    parts = [
        f'<p class="course-progress__overall">In this module: 0 of {len(exercises)} exercises done, '
        f"0 of {len(quizzes)} self-check questions answered correctly.</p>",
        '<div class="course-progress__actions" data-needs-js>'
        '<button type="button" class="md-button md-button--primary" data-action="export">'
        "Export progress</button>"
        '<button type="button" class="md-button" data-action="import">Import progress</button>'
        '<button type="button" class="md-button" data-action="clear">Clear progress</button>'
        '<input type="file" accept="application/json,.json" hidden aria-label="Progress file to import">'
        "</div>",
        '<p class="course-progress__rule" data-needs-js>Importing merges a file into what this browser '
        "has, and never loses newer work: an exercise done here stays done, the larger count of hints "
        "shown wins, and your code is replaced only by code edited later than it.</p>",
        '<p class="course-progress__message" role="status"></p>',
        '<div class="course-progress__lessons">',
    ]
    for slug, title, url in lessons:
        mine = [e for e in exercises if e["lesson"] == slug]
        questions = [q for q in quizzes if q["lesson"] == slug]
        if not mine and not questions:
            continue
        counts = []
        if mine:
            counts.append(f"0 of {len(mine)} exercises done")
        if questions:
            counts.append(f"0 of {len(questions)} questions answered correctly")
        parts.append(f'<section class="course-progress__lesson" data-lesson="{html.escape(slug)}" '
                     f'aria-label="{html.escape(title)}"><h2><a href="{root}{html.escape(url)}">'
                     f'{html.escape(title)}</a></h2>'
                     f'<p class="course-progress__summary">{", ".join(counts)}</p>')
        for heading, kind, items in (("Exercises", "exercise", mine),
                                     ("Self-check questions", "quiz", questions)):
            if items:
                parts.append(f'<h3>{heading}</h3><ul class="course-progress__list">'
                             + "".join(_item(item, kind, root) for item in items) + "</ul>")
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def fill(page_html: str, inside: str) -> str:
    """Put `inside` at the start of the page's progress element."""
    start = page_html.index(MARKER)
    end = page_html.index(">", start) + 1
    return page_html[:end] + inside + page_html[end:]
