"""The one shape of a Check report and of a Run result, wherever the code was graded.

The browser receives these dictionaries from its worker as they are (``widgets/contract.js``
mirrors them in JSDoc), the CLI prints them (``course check --json`` as they are), pytest reads
them. ``all_passed`` is decided here, once, and sent along.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Status = Literal["graded", "import-error", "timeout", "crash", "unreadable"]
GRADED: Status = "graded"  # the code ran; every check has a result
IMPORT_ERROR: Status = "import-error"  # the code did not run to the end, or lacks the function
TIMEOUT: Status = "timeout"  # stopped at the time limit (CLI; the browser's watchdog says so itself)
CRASH: Status = "crash"  # the grader itself failed
UNREADABLE: Status = "unreadable"  # the CLI could not read the file


class CheckResult(TypedDict):
    """One line of a report."""

    name: str  # what the check tries, in words the student reads
    passed: bool
    message: str  # "passed", or what was called, expected, returned, and the likely cause
    likely: str | None  # the likely cause the message names, if any


class Report(TypedDict):
    status: Status
    results: list[CheckResult]
    error: str | None  # why there are no results (status other than "graded")
    note: str | None  # e.g. "your code changed numpy.allclose; the checks used the original"
    all_passed: bool


class RunResult(TypedDict):
    ok: bool
    value: str | None  # repr() of the last expression, as a notebook cell shows it
    error: str | None  # the student's traceback


def report(status: Status, results: list[CheckResult] | None = None, *, error: str | None = None,
           note: str | None = None) -> Report:
    """Build a report; it passes only when graded with at least one check, all passed."""
    results = results or []
    passed = status == GRADED and bool(results) and all(r["passed"] for r in results)
    return {"status": status, "results": results, "error": error, "note": note, "all_passed": passed}
