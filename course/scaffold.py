"""``course new <lesson>/<exercise>``: create an exercise folder to fill in.

    course new sam-3/mask-area        (also: python -m course.scaffold sam-3/mask-area)

The folder has every part an exercise needs (see :mod:`course.exercises`), so the test suite
picks it up at once, and it fails until it is filled in: the only check fails with
"TODO: write the checks" and the reference solution raises ``NotImplementedError``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.exercises import ID_PATTERN, find_root

TODO_MESSAGE = "TODO: write the checks"


class ScaffoldError(Exception):
    """The id is malformed or the exercise already exists; the message says which."""


def _function_name(exercise_name: str) -> str:
    """'sigmoid-loss' -> 'sigmoid_loss'; a leading digit gets a prefix ('3d-iou' -> 'f_3d_iou')."""
    name = exercise_name.replace("-", "_")
    return f"f_{name}" if name[0].isdigit() else name


def _files(exercise_id: str, title: str, function: str) -> dict[str, str]:
    return {
        "exercise.toml": f'''\
title = "{title}"
function = "{function}"
hints = [
    "TODO: a first hint: what to compute, in words.",
    "TODO: a second hint: the NumPy call that does it.",
]
''',
        "starter.py": f'''\
import numpy as np


def {function}(x):
    """TODO: say what the student computes: the inputs (shapes), the output (type)."""
    raise NotImplementedError("compute the answer")


if __name__ == "__main__":  # runs on Run, not on Check
    print({function}(np.arange(3.0)))
''',
        "solution.py": f'''\
import numpy as np


def {function}(x):
    """TODO: the reference solution; the lesson's numbers are computed from it."""
    raise NotImplementedError("TODO: write the reference solution")


if __name__ == "__main__":
    print({function}(np.arange(3.0)))
''',
        "checks.py": f'''\
"""Checks for {exercise_id}.

Write at least three checks. Compute expected values independently of solution.py (e.g. a
plain-Python loop), and pass `likely={{"what the mistake is": its_value}}` to
`trial.expect_close`, the value computed from the check's inputs, so a known mistake gets a
message that names it (see exercises/siglip-2/sigmoid-loss/checks.py).
"""

import numpy as np

from course.engine import CheckFailed, Checks

checks = Checks()


@checks("TODO: name what this check tries, e.g. 'a batch of 3, t=1'")
def _(trial):
    got = trial.call(np.arange(3.0))
    raise CheckFailed(f"{TODO_MESSAGE} (the function returned {{got!r}})")
''',
        "wrong/todo.py": f'''\
"""TODO: replace with a mistake students really make, one file per mistake.

expect: {TODO_MESSAGE}
"""

import numpy as np


def {function}(x):
    return np.zeros_like(x)
''',
    }


def scaffold(exercise_id: str, root: Path) -> Path:
    """Create ``root/<lesson>/<exercise>/`` (``root`` is the exercises folder); return it.

    Raises :class:`ScaffoldError` for a malformed id or an exercise folder that exists.
    """
    if not ID_PATTERN.match(exercise_id):
        raise ScaffoldError(
            f"'{exercise_id}' is not an exercise id: expected <lesson>/<exercise>, lowercase "
            "letters and digits in words joined by '-', e.g. siglip-2/sigmoid-loss")
    folder = Path(root) / exercise_id
    if folder.exists():
        raise ScaffoldError(f"exercise {exercise_id} already exists at {folder}")
    name = exercise_id.split("/")[1]
    title = name.replace("-", " ").capitalize()
    (folder / "wrong").mkdir(parents=True)
    for relative, text in _files(exercise_id, title, _function_name(name)).items():
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


NEXT_STEPS = """\
Created {folder}/
  exercise.toml  starter.py  solution.py  checks.py  wrong/todo.py
It fails the tests until you fill it in (see: pytest tests/test_exercises.py):
  1. solution.py: the reference solution;  2. checks.py: at least three checks;
  3. wrong/: a file per mistake students make;  4. starter.py and the hints in exercise.toml.
Embed it in docs/{lesson}.md with the line:  {{{{ exercise("{id}") }}}}"""


def cmd_new(args: argparse.Namespace) -> int:
    try:
        folder = scaffold(args.exercise_id, find_root())
    except ScaffoldError as exc:
        print(f"course new: {exc}", file=sys.stderr)
        return 2
    print(NEXT_STEPS.format(folder=folder, id=args.exercise_id,
                            lesson=args.exercise_id.split("/")[0]))
    return 0


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``new`` on the ``course`` command's subparsers."""
    new = subparsers.add_parser("new", help="create an exercise folder to fill in")
    new.add_argument("exercise_id", help="<lesson>/<exercise>, e.g. sam-3/mask-area")
    new.set_defaults(func=cmd_new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description="create an exercise folder")
    add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["new", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
