"""The course's Markdown extension: exercise embeds, self-check questions, math, tables framed
for Material (``tables.py``) and, through superfences, the diagrams drawn ahead of time
(``diagrams.py``).

Listed under ``markdown_extensions`` in ``mkdocs.yml``, so it runs wherever the lessons'
Markdown is converted: under MkDocs (where the ``course`` plugin also ships the browser code and
collects what each page holds, see ``page_context``), and under tools that run Markdown
extensions but no MkDocs plugins (Zensical), which then show each exercise as its starter code
with the offline ``course check`` instructions.

    markdown_extensions:
      - course.pages.markdown:
          exercises_dir: exercises   # under MkDocs relative to mkdocs.yml (the plugin resolves it);
                                     # elsewhere: as given, or the exercises/ folder found upward
          diagrams_dir: diagrams     # the diagrams' drawings (default: next to exercises/)
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension

from course import exercises
from course.pages.diagrams import FOLDER
from course.pages.embeds import ExerciseEmbed, ExerciseIndex
from course.pages.math import TexMath
from course.pages.quizzes import QuizMarks
from course.pages.tables import TableFrames


class CourseExtension(Extension):
    def __init__(self, **kwargs) -> None:  # noqa: ANN003 - Markdown's own signature
        self.config = {"exercises_dir": ["", "folder of exercise folders (default: found upward)"],
                       "diagrams_dir": ["", "folder of the diagrams' drawings (default: beside it)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's own name
        configured = self.getConfig("exercises_dir")
        root = Path(configured).resolve() if configured else exercises.find_root()
        self.md = md
        drawings = self.getConfig("diagrams_dir")
        md.course_diagrams = Path(drawings).resolve() if drawings else root.parent / FOLDER
        md.course_exercises = []  # the exercises embedded in the page being converted
        md.registerExtension(self)
        # After indented code (80), so an indented example of an embed stays code.
        md.parser.blockprocessors.register(ExerciseEmbed(md.parser, root), "course-exercise", 75)
        md.treeprocessors.register(ExerciseIndex(md), "course-exercise-index", 11)
        # After inline processing (20), before the table of contents (5) and attr_list (8).
        md.treeprocessors.register(QuizMarks(md), "course-quiz", 12)
        md.treeprocessors.register(TexMath(md, root.parent), "course-math", 4)
        md.treeprocessors.register(TableFrames(md), "course-tables", 3)


    def reset(self) -> None:
        self.md.course_exercises = []


def makeExtension(**kwargs) -> CourseExtension:  # noqa: N802 - Markdown's entry point name
    return CourseExtension(**kwargs)
