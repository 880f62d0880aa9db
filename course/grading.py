"""Grade a student's file in a separate CPython process with a time limit.

The child process runs ``python -m course.grading`` and calls the same
:func:`course.engine.runtime.grade` as the browser's worker; the parent only enforces the time
limit, so a student's ``while True: pass`` becomes a failed report instead of a hang.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

from course.engine.report import CRASH, TIMEOUT, Report, report
from course.exercises import Exercise


def grade_source(exercise: Exercise, source: str, timeout: float) -> Report:
    """Grade ``source`` against ``exercise`` in a child process; never hangs past ``timeout``."""
    job = {"source": source, "checks": exercise.checks, "function": exercise.function,
           "id": exercise.id}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "course.grading"], input=json.dumps(job), text=True,
            capture_output=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return report(TIMEOUT, error=f"Stopped after {timeout:g} s: the code never finished "
                      "(an infinite loop, or far too much work).")
    if done.returncode != 0 or not done.stdout.strip():
        return report(CRASH, error="The grader crashed:\n" + done.stderr.strip()[-2000:])
    return json.loads(done.stdout.splitlines()[-1])


def _child() -> None:
    from course.engine.runtime import grade

    job = json.loads(sys.stdin.read())
    printed = io.StringIO()  # the student's prints must not corrupt the JSON on stdout
    with contextlib.redirect_stdout(printed):
        result = grade(job["source"], job["checks"], job["function"], job["id"])
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    _child()
