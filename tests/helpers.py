"""Helpers for tests that read lessons and reference solutions."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


@cache
def solution(exercise_id: str) -> ModuleType:
    """Import an exercise's reference solution.py as a module."""
    path = ROOT / "exercises" / exercise_id / "solution.py"
    spec = importlib.util.spec_from_file_location("solution_" + re.sub(r"\W", "_", exercise_id), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def lesson(slug: str) -> str:
    """The Markdown source of docs/<slug>.md."""
    return (ROOT / "docs" / f"{slug}.md").read_text(encoding="utf-8")


def assert_claim(slug: str, template: str, *values: float | int | str, fmt: str = "") -> None:
    """Assert the lesson says `template` with `values` formatted in: e.g.
    assert_claim("siglip-2", "the loss is {}", 1.00641, fmt=".4f") demands "the loss is 1.0064".

    The values are computed by the test from the reference code, so an edit to the prose
    or to the code that makes them disagree fails.
    """
    text = template.format(*(format(v, fmt) if not isinstance(v, str) else v for v in values))
    page = lesson(slug)
    assert text in page, f"docs/{slug}.md should say {text!r} (computed from the reference code)"


FLOAT32_WRAPPER = '''

# --- float32 variant (tests/helpers.py): the same solution, computed in float32 throughout ---
import numpy as _np

_float64_{name} = {name}


def _to_float32(value):
    if isinstance(value, _np.ndarray) and value.dtype == _np.float64:
        return value.astype(_np.float32)
    if isinstance(value, float):
        return _np.float32(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, float) for v in value):
        return _np.asarray(value, dtype=_np.float32)
    return value


def {name}(*args, **kwargs):
    return _float64_{name}(*map(_to_float32, args), **{{k: _to_float32(v) for k, v in kwargs.items()}})
'''


def float32_variant(source: str, function: str) -> str:
    """A right answer computed in float32: the reference solution with every float argument
    cast to float32 (NumPy then keeps float32 through the whole computation)."""
    return source + FLOAT32_WRAPPER.format(name=function)


def check_count(exercise) -> int:  # noqa: ANN001 - a course.exercises.Exercise
    """How many checks an exercise's checks.py registers (reports say "N of M checks")."""
    from course.engine.runtime import load_checks

    return len(load_checks(exercise.checks, exercise.id).cases)
