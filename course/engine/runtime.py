"""Run and grade a student's code: the one code path behind Run and Check everywhere.

The browser's worker (Pyodide) and ``course check`` (CPython, in a subprocess) both call
:func:`run` and :func:`grade`; pytest calls :func:`grade` directly. Depends only on the
standard library, NumPy (through the checks) and the rest of :mod:`course.engine`.

NumPy's floating-point errors are ignored while either runs: WebAssembly has no floating-point
exception flags, so in the browser an overflow never warns or raises, and CPython is made to
behave the same way, so that a file gets one grade wherever it is checked.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from course.engine.checking import STUDENT_FILE, remember_source, student_traceback
from course.engine.isolation import SharedModules
from course.engine.report import GRADED, IMPORT_ERROR, Report, RunResult, report


@contextlib.contextmanager
def _like_webassembly() -> Iterator[None]:
    """No floating-point warnings or errors, as in Pyodide (see the module docstring)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


# Where a Run's figures go (matplotlib's plt.show(), see course/engine/plots.py): set by the
# host for the length of a Run; None during a Check, which draws nothing.
figures: Callable[[str, str], None] | None = None


def show_figure(src: str, alt: str) -> None:
    if figures is not None:
        figures(src, alt)


def _close_figures() -> None:
    """Figures still open at the end of a job: shown after a Run, dropped after a Check."""
    if "matplotlib.pyplot" in sys.modules and sys.modules.get("matplotlib").get_backend().endswith(
            "course.engine.plots"):
        from course.engine import plots

        plots.show()


# Between two jobs. pytest and `course check` take a new snapshot of the shared modules for every
# job (2.4 ms in Pyodide). The browser's worker runs nothing between its jobs, so the world a job
# ends in, restored to its snapshot, is the world the next one starts in: it calls
# reuse_snapshots() once, and each job starts from the last one's snapshot unless a module was
# imported since. It also ends a Run's world after sending the result (run(..., tidy_later=True),
# then tidy()), so the restore is not between the student and the Run's result. What is kept
# lives in a closure: a Run's code that rebinds this module's names cannot reach it.
def _between_jobs() -> tuple[Callable[..., None], Callable[[], SharedModules],
                             Callable[[], None], Callable[[contextlib.ExitStack], None]]:
    reusing: list[bool] = [False]
    kept: list[SharedModules] = []
    unfinished: list[contextlib.ExitStack] = []

    def reuse_snapshots(on: bool = True) -> None:
        """Let each job start from the last job's snapshot (only a host that runs nothing else).
        The first snapshot is taken here and now, by a host that is still starting: it is the
        one slow step of a first job (about 90 ms in Pyodide under Node), which the student's
        first Run or Check would otherwise wait for."""
        reusing[0] = on
        kept[:] = [SharedModules()] if on else []

    def snapshot() -> SharedModules:
        if kept and kept[0].covers_every_module():
            return kept[0].forget_student()
        shared = SharedModules()
        kept[:] = [shared] if reusing[0] else []
        return shared

    def tidy() -> None:
        """End the world of a Run made with ``tidy_later``: what its code changed in NumPy & co.
        is undone. Every job calls it first, so a host that forgets cannot leak a Run's changes
        (the worker calls the one it took at boot: a Run may have rebound this name)."""
        while unfinished:
            unfinished.pop().close()

    return reuse_snapshots, snapshot, tidy, unfinished.append


reuse_snapshots, _snapshot, tidy, _until_tidy = _between_jobs()


def _flush(*streams: Any) -> None:
    """Hand what the job printed to the host before its result (stdout is line-buffered)."""
    for stream in streams:
        with contextlib.suppress(Exception):  # a stream the student's code put there may fail
            stream.flush()


def run(source: str, filename: str = STUDENT_FILE, *,
        show: Callable[[str, str], None] | None = None, tidy_later: bool = False) -> RunResult:
    """Execute ``source`` like a notebook cell; stdout/stderr go wherever the host sends them,
    and figures (matplotlib) to ``show(src, alt)``. What the code changes in NumPy & co. ends
    with the Run: on return, or with ``tidy_later`` at the next :func:`tidy`."""
    global figures
    # Bound before the student's code: it may rebind this module's names, and what follows it
    # runs in its world (until tidy).
    end, traceback_of, shown, close_figures, flush = tidy, student_traceback, _shown, _close_figures, _flush
    end()
    remember_source(source, filename)
    namespace: dict[str, Any] = {"__name__": "__main__", "input": _no_input}
    streams = (sys.stdout, sys.stderr)  # the host's, even if the code swaps in its own
    world = contextlib.ExitStack()
    _until_tidy(world)  # ended by tidy() however what follows ends
    try:
        world.enter_context(_like_webassembly())
        world.enter_context(_snapshot().student_code())
    except BaseException:
        end()
        raise
    figures = show
    try:  # the value's repr and the figures are the student's code too: they run in its world
        tree = ast.parse(source, filename)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), namespace)
        value = eval(compile(last, filename, "eval"), namespace) if last is not None else None
        result: RunResult = {"ok": True, "value": None if value is None else shown(value), "error": None}
        close_figures()
    except BaseException as exc:  # SystemExit and KeyboardInterrupt included: report, go on
        result = {"ok": False, "value": None, "error": traceback_of(exc, filename)}
        with contextlib.suppress(BaseException):
            close_figures()  # what was drawn before the error is shown
    finally:
        figures = None
        flush(*streams)
        if not tidy_later:
            end()
    return result


def _shown(value: Any) -> str:
    """repr() of the last expression; a broken __repr__ is the student's bug, not the runner's."""
    try:
        return repr(value)
    except BaseException as exc:  # noqa: BLE001 - anything a student's class can raise
        return f"<{type(value).__name__} object: its __repr__ raised {type(exc).__name__}: {exc}>"


def _no_input(prompt: str = "") -> str:
    """input() has no keyboard to read from here (the browser's worker has no console)."""
    raise RuntimeError("input() is not available in exercises: nobody can type an answer "
                       "while your code runs. Put the value in a variable, or take it as a "
                       "function argument.")


def imported_modules(source: str, *, check: bool) -> list[str]:
    """Top-level names of the modules ``source`` imports, so the host can load the packages
    first (matplotlib). A Check does not run the ``if __name__ == "__main__":`` block, so what
    only that block imports is not needed then. A syntax error: nothing (running says why)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []

    def main_guard(node: ast.AST) -> bool:
        return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")

    found: set[str] = set()
    todo = [node for node in tree.body if not (check and main_guard(node))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        todo.extend(ast.iter_child_nodes(node))
    return sorted(found)


def load_checks(checks_source: str, exercise_id: str) -> Any:
    """Execute an exercise's ``checks.py`` source and return its ``checks`` object."""
    module = types.ModuleType("checks_" + exercise_id.replace("/", "_").replace("-", "_"))
    module.__file__ = f"exercises/{exercise_id}/checks.py"
    exec(_compiled(checks_source, module.__file__), module.__dict__)
    return module.checks


@functools.lru_cache(maxsize=32)
def _compiled(source: str, filename: str) -> types.CodeType:
    """Compile an exercise's checks once per page, not on every Check."""
    return compile(source, filename, "exec")


def grade(source: str, checks_source: str, function: str, exercise_id: str,
          filename: str = STUDENT_FILE) -> Report:
    """Grade a student's code against an exercise's checks (see course.engine.report)."""
    tidy()
    with _like_webassembly():
        checks = load_checks(checks_source, exercise_id)
        remember_source(source, filename)
        namespace: dict[str, Any] = {"__name__": "student", "input": _no_input}
        # The checks run in the world as it was before the student's code; the student's code
        # runs in its own (see course.engine.isolation).
        shared = _snapshot()
        try:  # a Check draws nothing: what its code opened is closed however it ends
            try:
                with shared.student_code():
                    exec(compile(source, filename, "exec"), namespace)
            except BaseException as exc:
                return report(IMPORT_ERROR, error="Your code could not run to the end:\n"
                              + student_traceback(exc, filename))
            func = namespace.get(function)
            if not callable(func):
                return report(IMPORT_ERROR,
                              error=f"Define a function named `{function}` (the checks call it).")
            results = checks.run(shared.student(func), function)
            return report(GRADED, results, note=shared.note())
        finally:
            _close_figures()
            _flush(sys.stdout, sys.stderr)
