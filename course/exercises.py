"""Find and load exercise folders: ``exercises/<lesson>/<exercise>/``.

An exercise folder holds plain Python files plus one metadata file::

    exercise.toml   title, the function the student writes, hints
    starter.py      what the editor starts with (must fail the checks)
    solution.py     the reference solution (must pass them)
    checks.py       defines ``checks = Checks()`` (see course.checking)
    wrong/*.py      mistakes students really make; each docstring has a line
                    ``expect: <text>`` that a failing check's message must contain
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_FILES = ("exercise.toml", "starter.py", "solution.py", "checks.py")


class ExerciseError(Exception):
    """An exercise folder that is missing a part or is malformed."""


@dataclass
class WrongAnswer:
    """A known-wrong answer and the text its failing check message must contain."""

    path: Path
    source: str
    expect: str


@dataclass
class Exercise:
    """Everything the site, the CLI and the tests need to know about one exercise."""

    id: str
    folder: Path
    title: str
    function: str
    hints: list[str]
    starter: str
    solution: str
    checks: str
    wrong: list[WrongAnswer] = field(default_factory=list)
    solution_after: int | None = None  # None: the site's solution_after (mkdocs.yml)

    @property
    def lesson(self) -> str:
        return self.id.split("/")[0]

    @property
    def starter_hash(self) -> str:
        """Changes whenever the starter changes; the browser uses it to notice new versions."""
        return hashlib.sha256(self.starter.encode()).hexdigest()[:12]

    def to_browser(self) -> dict:
        """The JSON the page embeds for the browser runner."""
        return {
            "id": self.id,
            "title": self.title,
            "function": self.function,
            "hints": self.hints,
            "starter": self.starter,
            "starterHash": self.starter_hash,
            "solution": self.solution,
            "checks": self.checks,
        }


def find_root(start: Path | None = None) -> Path:
    """The folder holding ``exercises/``: $COURSE_EXERCISES, else searched upward from cwd."""
    if env := os.environ.get("COURSE_EXERCISES"):
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder / "exercises"
    return Path(__file__).resolve().parent.parent / "exercises"


def _expect_of(path: Path, source: str) -> str:
    try:
        doc = ast.get_docstring(ast.parse(source)) or ""
    except SyntaxError as exc:
        raise ExerciseError(f"{path}: does not parse: {exc}") from None
    for line in doc.splitlines():
        if line.strip().lower().startswith("expect:"):
            return line.split(":", 1)[1].strip()
    raise ExerciseError(f"{path}: its docstring needs a line 'expect: <part of the message>'")


def load(folder: Path, exercise_id: str | None = None) -> Exercise:
    """Load one exercise folder, raising :class:`ExerciseError` naming what is missing."""
    folder = Path(folder)
    exercise_id = exercise_id or f"{folder.parent.name}/{folder.name}"
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    wrong_files = sorted((folder / "wrong").glob("*.py"))
    if not wrong_files:
        missing.append("wrong/*.py (at least one known-wrong answer)")
    if missing:
        raise ExerciseError(f"exercise {exercise_id} ({folder}) is missing: {', '.join(missing)}")
    try:
        meta = tomllib.loads((folder / "exercise.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(f"{folder / 'exercise.toml'}: {exc}") from None
    for key in ("title", "function"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise ExerciseError(f"{folder / 'exercise.toml'}: needs a '{key}' string")
    read = lambda name: (folder / name).read_text(encoding="utf-8")  # noqa: E731
    wrong = []
    for path in wrong_files:
        source = path.read_text(encoding="utf-8")
        wrong.append(WrongAnswer(path, source, _expect_of(path, source)))
    return Exercise(
        id=exercise_id,
        folder=folder,
        title=meta["title"],
        function=meta["function"],
        hints=[str(h) for h in meta.get("hints", [])],
        starter=read("starter.py"),
        solution=read("solution.py"),
        checks=read("checks.py"),
        wrong=wrong,
        solution_after=int(meta["solution_after"]) if "solution_after" in meta else None,
    )


def exercise_ids(root: Path | None = None) -> list[str]:
    """Every ``<lesson>/<exercise>`` id under ``root``, sorted, found by walking the folders."""
    root = root or find_root()
    return sorted(
        f"{d.parent.name}/{d.name}"
        for d in root.glob("*/*")
        if d.is_dir() and not d.name.startswith((".", "_"))
    )


def get(exercise_id: str, root: Path | None = None) -> Exercise:
    """Load the exercise with this id, or raise :class:`ExerciseError` saying why not."""
    root = root or find_root()
    if not ID_PATTERN.match(exercise_id):
        raise ExerciseError(
            f"'{exercise_id}' is not an exercise id (expected <lesson>/<exercise>, "
            "lowercase words joined by '-', e.g. siglip-2/sigmoid-loss)"
        )
    folder = root / exercise_id
    if not folder.is_dir():
        known = ", ".join(exercise_ids(root)) or "none"
        raise ExerciseError(f"unknown exercise id '{exercise_id}' (known: {known})")
    return load(folder, exercise_id)


def all_exercises(root: Path | None = None) -> list[Exercise]:
    """Load every exercise under ``root``."""
    root = root or find_root()
    return [get(i, root) for i in exercise_ids(root)]
