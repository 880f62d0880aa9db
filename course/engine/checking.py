"""Helpers that every exercise's ``checks.py`` is written with.

This one file runs unchanged in CPython (pytest, ``course check``) and in Pyodide in the
browser, so it depends on nothing but the standard library and NumPy, and it never decides
anything from a floating-point warning: WebAssembly has no floating-point exception flags, so
in the browser ``np.errstate(over="raise")`` and RuntimeWarnings never fire. A numerically
unstable answer is caught by its values (an inf or a NaN where the answer is finite).

A check is a function that receives a :class:`Trial` wrapping the student's function::

    checks = Checks()

    @checks("two matched pairs, t=1, b=0")
    def _(trial):
        got = trial.call(image_emb, text_emb, 1.0, 0.0)
        trial.expect_float(got)
        trial.expect_close(got, 1.0064, likely={"you divided by N² instead of N": 0.5032})

A check passes when it returns; it fails by raising :class:`CheckFailed` (the ``expect_*``
helpers do that with a message that says what was called, what was expected, what came back
and, when the check knows one, the likely cause).
"""

from __future__ import annotations

import inspect
import linecache
import traceback
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

# Every exercise's checks draw their inputs from np.random.default_rng, and NumPy 2 imports
# numpy.random (with random, secrets, hmac and more) on first use. Imported here, with the
# engine, while Python starts: otherwise the student's first Check waited for that import, and
# the snapshot taken at start (runtime.reuse_snapshots) had to be taken again after it.
import numpy.random  # noqa: F401

from course.engine.report import CheckResult

STUDENT_FILE = "exercise.py"
"""File name the student's code is compiled under; tracebacks keep only its frames."""
_SHOWN_REPEATS = 3  # a frame repeated more often than this (endless recursion) is counted
_TOO_BIG = ("too big", "index-sized", "Maximum allowed dimension")  # NumPy/Pyodide: no memory

# Default tolerances of expect_close: loose enough that a right answer computed in float32
# (about 7 significant digits, less after long sums) passes, tight enough that every known
# mistake fails. An exercise about precision passes its own.
RTOL = 1e-5
ATOL = 1e-6
# A known mistake is named when the answer is this close to what the mistake gives (a little
# looser than passing, so a mistake made in float32 is still recognised).
MISTAKE_RTOL = 1e-4
MISTAKE_ATOL = 1e-5
NOISE = 1e-10  # relative to the expected values' scale: below it, a number is round-off, shown as 0
NOT_FINITE = "an overflow (exp of a large number), log(0) or 0/0 somewhere in the computation"


class CheckFailed(Exception):
    """Raised by a check to fail it; the message is shown to the student as is.

    ``likely`` is the likely cause the message names (also sent apart, for the report's
    structured form).
    """

    def __init__(self, message: str, likely: str | None = None) -> None:
        super().__init__(message)
        self.likely = likely


def student_traceback(exc: BaseException, filename: str = STUDENT_FILE) -> str:
    """Format ``exc`` showing only the frames from the student's own file.

    The runner's and the checks' frames are noise to a student: they wrote ``exercise.py``,
    so the traceback should point at their line and nothing else.
    """
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    lines = []
    if frames:
        lines.append("Traceback (your code):")
        previous, repeats = None, 0
        for frame in frames:
            where = f"  line {frame.lineno}"
            if frame.name != "<module>":
                where += f", in {frame.name}"
            if where == previous:  # endless recursion: say so instead of 1,000 lines
                repeats += 1
                if repeats >= _SHOWN_REPEATS:
                    continue
            else:
                _say_repeats(lines, repeats)
                previous, repeats = where, 0
            lines.append(where)
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        _say_repeats(lines, repeats)
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        lines.append(f"  line {exc.lineno}")
        if exc.text:
            lines.append(f"    {exc.text.strip()}")
            if exc.offset:
                indent = len(exc.text) - len(exc.text.lstrip())
                lines.append("    " + " " * max(exc.offset - 1 - indent, 0) + "^")
        lines.append(f"{type(exc).__name__}: {exc.msg}")
    else:
        lines.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
    if isinstance(exc, RecursionError):
        lines.append("(A function that calls itself needs a case where it stops.)")
    elif isinstance(exc, MemoryError) or any(m in str(exc) for m in _TOO_BIG):
        lines.append("(That is more memory than Python can have here: a browser tab gets a few "
                     "GB at most. Use smaller arrays.)")
    return "\n".join(lines)


def _say_repeats(lines: list[str], repeats: int) -> None:
    if repeats >= _SHOWN_REPEATS:
        lines.append(f"  [the line above repeated {repeats - _SHOWN_REPEATS + 1} more times]")


def remember_source(source: str, filename: str = STUDENT_FILE) -> None:
    """Let tracebacks quote lines of code that was compiled from a string."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def describe(value: Any) -> str:
    """A short, readable rendering of an argument or a result for check messages."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            body = np.array2string(value, precision=4, separator=", ").replace("\n", "")
            return f"array({' '.join(body.split())})"
        return f"{value.dtype} array of shape {value.shape}"
    if isinstance(value, (float, np.floating)):
        return repr(float(value)) if len(repr(float(value))) <= 10 else f"{float(value):.6g}"
    if isinstance(value, (tuple, list)):
        # Item by item, so arrays inside stay short ("float64 array of shape …"): a repr of a
        # list of arrays prints every number, and costs more than the check itself.
        if len(value) > 6:
            return f"{type(value).__name__} of {len(value)} items, the first {describe(value[0])}"
        body = ", ".join(describe(v) for v in value)
        return f"({body}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{body}]"
    if isinstance(value, (dict, set)) and len(value) > 20:  # repr of a huge dict is slow
        return f"{type(value).__name__} of length {len(value)}"
    try:
        text = repr(value)
    except Exception as exc:  # a student's object with a broken __repr__
        return f"<{type(value).__name__} object, repr() raised {type(exc).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


def _as_floats(value: Any) -> np.ndarray | None:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _is_close(a: Any, b: Any, rtol: float, atol: float) -> bool:
    a_arr, b_arr = _as_floats(a), _as_floats(b)
    if a_arr is None or b_arr is None or a_arr.shape != b_arr.shape:
        return False
    return bool(np.allclose(a_arr, b_arr, rtol=rtol, atol=atol, equal_nan=False))


def _alike(want: float, got: float) -> tuple[str, str]:
    """The two numbers as describe() shows them or, where that looks alike, with as many
    significant digits as it takes to show the difference."""
    if f"{want:.6g}" != f"{got:.6g}":
        return describe(want), describe(got)
    for digits in range(7, 18):
        shown = f"{want:.{digits}g}", f"{got:.{digits}g}"
        if shown[0] != shown[1]:
            return shown
    return repr(want), repr(got)


def _index(flat: int, shape: tuple[int, ...]) -> str:
    where = np.unravel_index(flat, shape)
    return "[" + ", ".join(str(int(i)) for i in where) + "]"


def unit_rows(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """n random rows of dimension d, each scaled to unit length (L2-normalised embeddings)."""
    x = rng.normal(size=(n, d))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _names(items: Iterable[tuple[str, Any]]) -> str | None:
    texts = list(dict.fromkeys(items))
    if not texts:
        return None
    return texts[0] if len(texts) == 1 else "one of these: " + "; or ".join(texts)


def _argument_key(value: Any) -> tuple:
    """What makes two arguments of Trial.call_once equal: their exact type and contents."""
    if type(value) is np.ndarray:
        return (np.ndarray, value.dtype.str, value.shape, value.tobytes())
    if value is None or type(value) in (bool, int, float, str):
        return (type(value), value)
    raise TypeError(f"call_once takes arrays and plain numbers or strings, not {type(value).__name__}")


def _kept(value: Any) -> Any:
    """A plain array is copied (nothing of the student's code runs); anything else as it is."""
    return value.copy() if type(value) is np.ndarray else value


class Trial:
    """What a check works with: the student's function and ways to judge what it returns."""

    def __init__(self, func: Callable[..., Any], name: str,
                 once: dict[tuple, tuple[str, Any]] | None = None) -> None:
        self.func = func
        self.name = name
        self.last_call = ""
        self.returned: list[Any] = []  # every value the student's function returned
        self._once = {} if once is None else once  # call_once's results, shared by one Check

    # -- calling ---------------------------------------------------------------------------
    def call(self, *args: Any, **kwargs: Any) -> Any:
        """Call the student's function on copies of the arguments; its errors fail the check."""
        self.last_call = f"{self.name}({self._arguments(args, kwargs)})"
        args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        kwargs = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
        try:
            result = self.func(*args, **kwargs)
        except CheckFailed:
            raise
        except NotImplementedError:
            raise CheckFailed(
                f"{self.name} is not implemented yet (it raised NotImplementedError)."
            ) from None
        except BaseException as exc:  # the student's bug, whatever it raised (GeneratorExit too)
            raise self._crashed(exc) from None
        self.returned.append(result)
        return result

    def call_once(self, *args: Any) -> Any:
        """Like :meth:`call`, but once per Check for equal arguments: a later check of the same
        Check asking again gets the same result without running the student's code again. For
        an expensive call that several checks judge in different ways (a lesson-size experiment
        whose fit one check compares and another draws the conclusion from). A call that failed
        is not remembered, so the next check makes it again and reports its own failure.

        Arguments are arrays and plain numbers or strings (equal ones are told apart exactly).
        A returned array is kept as a copy: the student's code may hand back a buffer that its
        next call overwrites."""
        key = tuple(map(_argument_key, args))
        if key in self._once:
            self.last_call, kept = self._once[key]
            result = _kept(kept)
            self.returned.append(result)
            return result
        result = self.call(*args)
        self._once[key] = (self.last_call, _kept(result))
        return result

    def _arguments(self, args: tuple, kwargs: dict) -> str:
        """`image_emb=float64 array of shape (5, 8), t=10.0`: named after the student's own
        parameters where they can be bound, so the message reads like their code."""
        try:
            bound = inspect.signature(self.func).bind(*args, **kwargs).arguments.items()
            return ", ".join(f"{name}={describe(value)}" for name, value in bound)
        except (TypeError, ValueError):
            shown = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
            return ", ".join(shown)

    def _crashed(self, exc: BaseException) -> CheckFailed:
        if isinstance(exc, SystemExit):
            why = exc.code if isinstance(exc.code, str) and "`return`" in exc.code else (
                "called sys.exit() (or exit()), which ends a whole program; a function hands "
                "back its answer with `return`.")
            return CheckFailed(f"{self.last_call}\n{why}")
        message = f"{self.last_call}\nraised an error:\n{student_traceback(exc)}"
        if isinstance(exc, ValueError) and "could not be broadcast" in str(exc):
            likely = ("two arrays whose shapes do not line up: a sum, max or mean without "
                      "keepdims=True, or a missing transpose")
            return CheckFailed(f"{message}\nlikely cause: {likely}", likely)
        return CheckFailed(message)

    # -- judging ---------------------------------------------------------------------------
    def fail(self, problem: str, *, expected: Any = None, got: Any = None,
             likely: str | None = None, details: Iterable[str] = ()) -> None:
        """Fail the check with a message built from its parts."""
        lines = [self.last_call] if self.last_call else []
        lines.append(problem)
        if expected is not None:
            lines.append(f"expected: {describe(expected)}")
        if got is not None:
            lines.append(f"got:      {describe(got)}")
        lines.extend(details)
        if likely:
            lines.append(f"likely cause: {likely}")
        raise CheckFailed("\n".join(lines), likely)

    def expect_float(self, got: Any, *, not_finite: str = NOT_FINITE) -> float:
        """Demand a plain Python float (or a NumPy scalar), not an array or a list.

        ``not_finite`` is the likely cause named when the number is inf or NaN (say what a
        numerically unstable formula does, if the check's inputs are extreme on purpose).
        """
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (float, int, np.number)):
            if isinstance(got, np.ndarray) and got.shape == () and got.dtype.kind in "iuf":
                return self.expect_float(got[()], not_finite=not_finite)
            if got is None:
                self.fail("returned None instead of a number.",
                          likely="a missing `return` (the function computed but did not return)")
            kind = f"{type(got).__name__}"
            if isinstance(got, np.ndarray):
                kind += f" of shape {got.shape}"
            self.fail(f"should return a single number (a float), but returned a {kind}.",
                      likely="a missing sum or mean at the end, or a returned array")
        value = float(got)
        if not np.isfinite(value):
            self.fail("returned a value that is not finite.", got=value, likely=not_finite)
        return value

    def expect_shape(self, got: Any, shape: tuple[int, ...], what: str = "the result") -> np.ndarray:
        """Demand an array of numbers of exactly ``shape``."""
        if got is None:
            self.fail(f"returned None instead of an array of shape {tuple(shape)}.",
                      likely="a missing `return` (the function computed but did not return)")
        try:
            arr = np.asarray(got)
        except (ValueError, TypeError):  # e.g. a ragged list of lists
            arr = None
        if arr is None or arr.dtype.kind not in "biuf":
            self.fail(f"should return an array of numbers of shape {tuple(shape)}, "
                      f"but returned a {type(got).__name__}: {describe(got)}.")
        if arr.shape != tuple(shape):
            likely = None
            if sorted(arr.shape) != sorted(shape) and arr.size == int(np.prod(shape)):
                likely = "an axis kept or dropped: keepdims=True where it should not be, or a reshape"
            elif arr.ndim == len(shape) and sorted(arr.shape) == sorted(shape):
                likely = "the axes are in the wrong order (a missing or extra transpose)"
            self.fail(f"{what} has shape {arr.shape}, expected {tuple(shape)}.", likely=likely)
        return arr

    def expect_close(self, got: Any, want: Any, *, rtol: float = RTOL, atol: float = ATOL,
                     likely: Mapping[str, Any] | Iterable[tuple[str, Any]] = (),
                     what: str = "", not_finite: str = NOT_FINITE) -> None:
        """Demand ``got`` ≈ ``want``; if it matches a known mistake instead, say which.

        ``likely`` maps a mistake's description to the value that mistake would produce,
        computed in the check from the inputs (never copied from the reference solution). A
        value may be a function of no arguments: it is then computed only when ``got`` is wrong,
        which keeps a passing Check fast. A mistake is named only when the answer is close to
        its value and its value is not close to the right answer on this input (else it is
        not the mistake the answer shows). ``not_finite`` is the likely cause named when the
        answer holds an inf or a NaN where the right answer is finite.
        """
        if _is_close(got, want, rtol, atol):
            return
        prefix = f"{what}: " if what else ""
        got_arr, want_arr = _as_floats(got), _as_floats(want)
        if got_arr is None or want_arr is None or got_arr.shape != want_arr.shape:
            self.fail(f"{prefix}wrong value.", expected=want, got=got)
        bad_values = ~np.isfinite(got_arr) & np.isfinite(want_arr)
        if bad_values.any():
            where = "" if got_arr.ndim == 0 else (
                f" (first at index {_index(int(np.flatnonzero(bad_values)[0]), got_arr.shape)})")
            self.fail(f"{prefix}returned a value that is not finite{where}.",
                      expected=want, got=got, likely=not_finite)
        items = likely.items() if isinstance(likely, Mapping) else likely
        causes = []
        for text, value in items:
            value = value() if callable(value) else value
            if (_is_close(got, value, MISTAKE_RTOL, MISTAKE_ATOL)
                    and not _is_close(value, want, MISTAKE_RTOL, MISTAKE_ATOL)):
                causes.append(text)
        cause = _names(causes)
        if got_arr.ndim == 0:
            got_value = float(got_arr)
            if abs(got_value) < NOISE * max(abs(float(want_arr)), 1.0):
                got_value = 0.0  # round-off noise (see _array_differences)
            shown_want, shown_got = _alike(float(want_arr), got_value)
            self.fail(f"{prefix}wrong value.", likely=cause,
                      details=[f"expected: {shown_want}", f"got:      {shown_got}"])
        self.fail(f"{prefix}wrong values.", likely=cause,
                  details=self._array_differences(got_arr, want_arr, rtol, atol))

    @staticmethod
    def _array_differences(got: np.ndarray, want: np.ndarray, rtol: float, atol: float) -> list[str]:
        """Where two arrays of one shape differ: the first index, both values, the largest error.
        Round-off noise (a value far below the expected values' scale) is shown as 0: its digits
        depend on the machine (CPython's BLAS or the browser's), and the report must not."""
        scale = max(float(np.nanmax(np.abs(want))) if want.size else 0.0, 1.0)
        got = np.where(np.abs(got) < NOISE * scale, 0.0, got)
        lines = []
        if want.size <= 6:
            lines += [f"expected: {describe(want)}", f"got:      {describe(got)}"]
        else:
            lines.append(f"expected and got: arrays of shape {want.shape}")
        differ = ~np.isclose(got, want, rtol=rtol, atol=atol)
        first = int(np.flatnonzero(differ)[0])
        shown_want, shown_got = _alike(float(want.flat[first]), float(got.flat[first]))
        lines.append(f"first difference at index {_index(first, want.shape)}: "
                     f"expected {shown_want}, got {shown_got}")
        error = np.abs(got - want)
        worst = int(np.nanargmax(error)) if not np.isnan(error).all() else first
        count = int(differ.sum())
        lines.append(f"largest error: {float(error.flat[worst]):.3g} at index "
                     f"{_index(worst, want.shape)} ({count} of {want.size} values differ)")
        return lines


class Checks:
    """The ordered list of an exercise's checks; ``checks.py`` defines one named ``checks``."""

    def __init__(self) -> None:
        self.cases: list[tuple[str, Callable[[Trial], None]]] = []

    def __call__(self, name: str) -> Callable[[Callable[[Trial], None]], Callable[[Trial], None]]:
        """Register a check under a name the student will read (a decorator)."""

        def register(fn: Callable[[Trial], None]) -> Callable[[Trial], None]:
            self.cases.append((name, fn))
            return fn

        return register

    def run(self, func: Callable[..., Any], name: str) -> list[CheckResult]:
        """Run every check against ``func``; a failure never stops the ones after it."""
        results: list[CheckResult] = []
        once: dict[tuple, tuple[str, Any]] = {}  # Trial.call_once's results, for this run only
        for label, case in self.cases:
            trial = Trial(func, name, once)
            passed, likely = False, None
            try:
                case(trial)
            except CheckFailed as failed:
                message, likely = str(failed), failed.likely
            except BaseException as exc:  # e.g. a student's value whose __array__ raises
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                if trial.returned:  # most likely the returned value is not what was asked for
                    got = trial.returned[-1]
                    kind = "None" if got is None else f"a {type(got).__name__}: {describe(got)}"
                    message = (f"{trial.last_call}\nreturned {kind}, which is not the kind of "
                               f"value the exercise asks for (the check could not use it: {detail}).")
                else:  # a bug in the check itself must still be visible
                    message = f"the check itself crashed: {detail}"
            else:
                passed, message = True, "passed"
            results.append({"name": label, "passed": passed, "message": message, "likely": likely})
        return results
