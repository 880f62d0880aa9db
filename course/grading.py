"""Grade a student's file in a separate CPython process with a time limit.

The child process runs ``python -m course.grading`` and calls the same
:func:`course.runtime.grade` as the browser's worker; the parent only enforces the time
limit, so a student's ``while True: pass`` becomes a failed report instead of a hang.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from typing import Any

from course.exercises import Exercise

DEFAULT_TIMEOUT = 10.0


def grade_source(exercise: Exercise, source: str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Grade ``source`` against ``exercise`` in a child process; never hangs past ``timeout``."""
    job = {"source": source, "checks": exercise.checks, "function": exercise.function,
           "id": exercise.id}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "course.grading"], input=json.dumps(job), text=True,
            capture_output=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "results": [],
                "error": f"Stopped after {timeout:g} s: the code never finished "
                         "(an infinite loop, or far too much work)."}
    if done.returncode != 0 or not done.stdout.strip():
        return {"status": "crash", "results": [],
                "error": "The grader crashed:\n" + done.stderr.strip()[-2000:]}
    return json.loads(done.stdout.splitlines()[-1])


def _child() -> None:
    from course.runtime import grade

    job = json.loads(sys.stdin.read())
    printed = io.StringIO()  # the student's prints must not corrupt the JSON on stdout
    with contextlib.redirect_stdout(printed):
        report = grade(job["source"], job["checks"], job["function"], job["id"])
    report["stdout"] = printed.getvalue()[-4000:]
    sys.stdout.write("\n" + json.dumps(report) + "\n")


if __name__ == "__main__":
    _child()
