"""Run and grade a student's code: the one code path behind Run and Check everywhere.

The browser's worker (Pyodide) and ``course check`` (CPython, in a subprocess) both call
:func:`run` and :func:`grade`; pytest calls :func:`grade` directly. Depends only on the
standard library, NumPy (through the checks) and :mod:`course.checking`.
"""

from __future__ import annotations

import ast
import types
from typing import Any

from course.checking import STUDENT_FILE, CheckResult, remember_source, student_traceback


def run(source: str, filename: str = STUDENT_FILE) -> dict[str, Any]:
    """Execute ``source`` like a notebook cell; stdout/stderr go wherever the host sends them.

    Returns ``{"ok": bool, "value": repr of the last expression or None, "error": str|None}``.
    """
    remember_source(source, filename)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    try:
        tree = ast.parse(source, filename)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), namespace)
        value = eval(compile(last, filename, "eval"), namespace) if last is not None else None
    except BaseException as exc:  # SystemExit and KeyboardInterrupt included: report, go on
        return {"ok": False, "value": None, "error": student_traceback(exc, filename)}
    return {"ok": True, "value": None if value is None else repr(value), "error": None}


def load_checks(checks_source: str, exercise_id: str) -> Any:
    """Execute an exercise's ``checks.py`` source and return its ``checks`` object."""
    module = types.ModuleType("checks_" + exercise_id.replace("/", "_").replace("-", "_"))
    module.__file__ = f"exercises/{exercise_id}/checks.py"
    exec(compile(checks_source, module.__file__, "exec"), module.__dict__)
    return module.checks


def grade(source: str, checks_source: str, function: str, exercise_id: str,
          filename: str = STUDENT_FILE) -> dict[str, Any]:
    """Grade a student's code against an exercise's checks.

    Returns ``{"status": "graded", "results": [...]}`` or, when the code cannot even be
    imported or lacks the function, ``{"status": "import-error", "error": str, "results": []}``.
    """
    checks = load_checks(checks_source, exercise_id)
    remember_source(source, filename)
    namespace: dict[str, Any] = {"__name__": "student"}
    try:
        exec(compile(source, filename, "exec"), namespace)
    except BaseException as exc:
        return {"status": "import-error", "results": [],
                "error": "Your code could not run to the end:\n" + student_traceback(exc, filename)}
    func = namespace.get(function)
    if not callable(func):
        return {"status": "import-error", "results": [],
                "error": f"Define a function named `{function}` (the checks call it)."}
    results: list[CheckResult] = checks.run(func, function)
    return {"status": "graded", "results": [r.to_dict() for r in results], "error": None}


def all_passed(report: dict[str, Any]) -> bool:
    """True when the code imported and every check passed."""
    return report["status"] == "graded" and all(r["passed"] for r in report["results"])
