"""Bad student code against the runner and every exercise's checks, in CPython.

The same course.engine.runtime runs in the browser (tests/test_browser_robustness.py drives it there);
here every exercise meets every bad return value, and the checks' isolation from the student's
monkeypatching is proven one attack at a time.
"""

from __future__ import annotations

import io
import operator
import os
import sys

import numpy as np
import pytest

import course.engine.checking
from course import exercises
from course.engine import runtime
from course.engine.isolation import SharedModules
from course.engine.runtime import grade, run

ALL = exercises.all_exercises(exercises.find_root())
REAL_EXIT = os._exit  # the runner swaps in a guard while student code runs; it must swap it back
SIGMOID = exercises.get("siglip-2/sigmoid-loss", exercises.find_root())

# What students hand back by mistake, and the words the report must use for it.
BAD_RETURNS = {
    "None": ("None", "returned None"),
    "a string": ("'0.5'", "str"),
    "a list": ("[0.5, 0.25]", "list"),
    "a ragged list": ("[[1.0], [1.0, 2.0]]", "list"),
    "NaN": ("float('nan')", "nan"),
    "inf": ("float('inf')", "inf"),
    "a wrong-shape array": ("np.zeros((7, 3, 2))", "shape"),
    "a dict": ("{'loss': 0.5}", "dict"),
    "an object with a broken repr": ("Broken()", "Broken"),
}
BROKEN = '''
class Broken:
    def __repr__(self):
        raise RuntimeError("no repr")
    def __float__(self):
        raise RuntimeError("no float")
'''


def bad_function(exercise: exercises.Exercise, expression: str) -> str:
    return (f"import numpy as np\n{BROKEN}\n"
            f"def {exercise.function}(*args, **kwargs):\n    return {expression}\n")


@pytest.mark.parametrize("kind", BAD_RETURNS)
@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_every_bad_return_fails_with_a_message_about_it(exercise, kind):
    expression, words = BAD_RETURNS[kind]
    report = grade(bad_function(exercise, expression), exercise.checks, exercise.function,
                   exercise.id)
    assert report["status"] == "graded"
    failed = [r for r in report["results"] if not r["passed"]]
    assert failed, f"returning {kind} passed every check"
    for result in failed:
        assert "the check itself crashed" not in result["message"], result["message"]
    # The message names what came back, or says what should have (a pair, a shape...).
    accepted = (words, "should return", "has shape")
    assert any(w in r["message"] for r in failed for w in accepted), [r["message"] for r in failed]


# Each attack makes the function return a wrong answer and tries to make the checks accept it.
ATTACKS = {
    "replace numpy functions": "np.allclose = np.isclose = lambda *a, **k: True\n"
                               "np.asarray = lambda *a, **k: np.zeros(0)",
    "replace a numpy function's code": "np.allclose._implementation.__code__ = "
                                       "(lambda *a, **k: True).__code__",
    "replace built-ins": "import builtins\nbuiltins.abs = builtins.max = lambda *a, **k: 0.5\n"
                         "builtins.float = lambda *a: 0.5",
    "replace the check helpers": "import course.engine.checking as c\n"
                                 "c.Trial.expect_close = lambda *a, **k: None\n"
                                 "c.Trial.expect_float = lambda self, got: 0.5\n"
                                 "c.Checks.run = lambda *a, **k: []",
    "replace a helper's code": "import course.engine.checking as c\n"
                               "c._is_close.__code__ = (lambda *a, **k: True).__code__\n"
                               "c.describe.__defaults__ = ()",
    "loosen a tolerance in place": "import course.engine.checking as c\n"
                                   "c.Trial.expect_close.__kwdefaults__['rtol'] = 1e9\n"
                                   "c.Trial.expect_close.__kwdefaults__['atol'] = 1e9",
    "swap the numpy module": "import sys, types\nsys.modules['numpy'] = types.SimpleNamespace()",
    "change numpy's error handling": "np.seterr(all='raise')",
    "patch from inside the call": None,  # see below
}


def attack_source(kind: str) -> str:
    if ATTACKS[kind] is None:
        return ("import numpy as np\nimport course.engine.checking as c\n"
                f"def {SIGMOID.function}(image_emb, text_emb, t, b):\n"
                "    c._is_close.__code__ = (lambda *a, **k: True).__code__\n"
                "    np.allclose = lambda *a, **k: True\n"
                "    return 0.5\n")
    return (f"import numpy as np\n{ATTACKS[kind]}\n"
            f"def {SIGMOID.function}(image_emb, text_emb, t, b):\n    return 0.5\n")


@pytest.mark.parametrize("kind", ATTACKS)
def test_monkeypatching_cannot_make_the_checks_pass(kind):
    before = (np.allclose, np.isclose, np.asarray, course.engine.checking._is_close.__code__,
              course.engine.checking.Trial.expect_close, abs, np.geterr())
    report = grade(attack_source(kind), SIGMOID.checks, SIGMOID.function, SIGMOID.id)
    assert report["status"] == "graded", report
    assert not any(r["passed"] for r in report["results"]), report["results"]
    assert "expected: 1.00641" in report["results"][0]["message"]  # the real check ran
    assert report["note"] and report["note"].startswith("Your code changed"), report
    after = (np.allclose, np.isclose, np.asarray, course.engine.checking._is_close.__code__,
             course.engine.checking.Trial.expect_close, abs, np.geterr())
    assert after == before, "the attack outlived the grading"


def test_the_students_own_changes_still_apply_inside_their_code():
    source = ("import numpy as np\nnp.exp = lambda x: 2.0\n"
              f"def {SIGMOID.function}(image_emb, text_emb, t, b):\n    return np.exp(0.0)\n")
    report = grade(source, SIGMOID.checks, SIGMOID.function, SIGMOID.id)
    assert "got:      2.0" in report["results"][0]["message"]
    assert np.exp(0.0) == 1.0


def test_reference_solutions_change_nothing_shared():
    for exercise in ALL:
        report = grade(exercise.solution, exercise.checks, exercise.function, exercise.id)
        assert report["all_passed"], exercise.id
        assert report["note"] is None, (exercise.id, report["note"])


def test_snapshot_restore_and_replay():
    shared = SharedModules()
    original = np.allclose
    np.allclose = len
    shared.restore()
    assert np.allclose is original and shared.changed == {"numpy.allclose"}
    shared.replay()
    assert np.allclose is len
    shared.restore()
    assert np.allclose is original


@pytest.fixture
def reusing():
    """Snapshots reused between jobs, as the browser's worker has it; off again afterwards."""
    runtime.reuse_snapshots(True)
    yield
    runtime.reuse_snapshots(False)


@pytest.fixture
def taken(monkeypatch) -> list[SharedModules]:
    """Every snapshot the runtime takes from now on, in order."""
    snapshots: list[SharedModules] = []

    class Counted(SharedModules):
        def __init__(self) -> None:
            snapshots.append(self)
            super().__init__()

    monkeypatch.setattr(runtime, "SharedModules", Counted)
    return snapshots


def test_reused_snapshots_grade_every_attack_as_fresh_ones_do(taken):
    """One job after another from one kept snapshot: the same reports as a snapshot per job,
    and no attack outlives its job (the next job, the reference solution, passes unchanged)."""
    try:
        for kind in ATTACKS:
            attack = attack_source(kind)
            runtime.reuse_snapshots(False)
            fresh = grade(attack, SIGMOID.checks, SIGMOID.function, SIGMOID.id)
            before = len(taken)
            runtime.reuse_snapshots(True)
            assert grade(SIGMOID.solution, SIGMOID.checks, SIGMOID.function, SIGMOID.id)["all_passed"]
            kept = grade(attack, SIGMOID.checks, SIGMOID.function, SIGMOID.id)
            clean = grade(SIGMOID.solution, SIGMOID.checks, SIGMOID.function, SIGMOID.id)
            assert len(taken) == before + 1, kind  # the three jobs shared one snapshot
            assert kept == fresh, kind
            assert clean["all_passed"] and clean["note"] is None, (kind, clean)
    finally:
        runtime.reuse_snapshots(False)


def test_the_first_job_finds_its_snapshot_taken(taken):
    """The browser's worker calls reuse_snapshots() while it starts: the snapshot is taken
    then, so the student's first Run does not wait for it (the one slow step of a first job)."""
    try:
        runtime.reuse_snapshots(True)
        assert len(taken) == 1
        assert run("6 * 7")["value"] == "42"
        assert grade(SIGMOID.solution, SIGMOID.checks, SIGMOID.function, SIGMOID.id)["all_passed"]
        assert len(taken) == 1
    finally:
        runtime.reuse_snapshots(False)


# Run in a fresh Python: the exercises (as JSON on stdin), then the engine, then every Check.
FIRST_CHECKS = """
import json, sys
found = json.load(sys.stdin)
import course.engine.runtime as runtime
loaded = set(sys.modules)
for exercise in found:
    assert runtime.grade(*exercise)["all_passed"], exercise[3]
print(json.dumps(sorted(set(sys.modules) - loaded)))
"""


def test_checks_import_nothing_the_engine_has_not():
    """In a fresh Python, the reference solution of every exercise passes its Check without
    importing a module the engine's own import did not: the snapshot the worker takes while it
    starts then serves the first Checks too (a module imported since means a new snapshot), and
    the first Check does not wait for an import. The one exception is chunked-loss, whose
    solution and checks measure memory with tracemalloc, a module built into Python."""
    import json
    import subprocess

    found = [[e.solution, e.checks, e.function, e.id] for e in ALL]
    done = subprocess.run([sys.executable, "-c", FIRST_CHECKS], input=json.dumps(found),
                          capture_output=True, text=True, cwd=exercises.find_root(), check=True)
    assert set(json.loads(done.stdout)) <= {"tracemalloc", "_tracemalloc"}, done.stdout


def test_a_module_imported_by_one_job_is_kept_safe_in_the_next(reusing):
    added = "import sys, types\nsys.modules['course_test_added'] = types.ModuleType('x')"
    assert run(added)["ok"]
    module = sys.modules["course_test_added"]
    try:
        module.value = 1
        assert run("import course_test_added\ncourse_test_added.value = 2")["ok"]
        assert module.value == 1  # restored: the kept snapshot was replaced by one that has it
    finally:
        del sys.modules["course_test_added"]


def test_a_run_tidied_later_keeps_its_world_until_tidy():
    original = np.allclose
    result = run("import numpy as np\nnp.allclose = len\nnp.allclose", tidy_later=True)
    assert result["value"].startswith("<built-in function len")
    assert np.allclose is len  # the world is still the Run's: the result went out first
    runtime.tidy()
    assert np.allclose is original
    run("import numpy as np\nnp.allclose = len", tidy_later=True)
    report = grade(SIGMOID.solution, SIGMOID.checks, SIGMOID.function, SIGMOID.id)
    assert report["all_passed"] and np.allclose is original  # the next job tidies first


def test_what_a_run_printed_reaches_the_host_before_its_result(monkeypatch):
    """The worker sends the result as soon as run() returns: what the code printed without a
    newline is flushed by then, to the host's stream even if the code swapped in its own."""
    host = io.TextIOWrapper(io.BytesIO(), line_buffering=True)
    monkeypatch.setattr(sys, "stdout", host)
    run("import io, sys\nprint('no newline', end='')\nsys.stdout = io.StringIO()", tidy_later=True)
    assert host.buffer.getvalue() == b"no newline"
    runtime.tidy()
    assert sys.stdout is host


def test_the_run_world_ends_even_if_the_code_rebinds_the_runtime(reusing):
    """A Run's world lasts until tidy(); its code may rebind the runtime's own names (tidy,
    grade, the traceback helper). The host calls the tidy it took before any Run."""
    tidy, original = runtime.tidy, np.allclose
    sneaky = ("import numpy as np\nimport course.engine.runtime as r\n"
              "r.tidy = lambda: None\nr.student_traceback = None\nnp.allclose = len\n1 / 0")
    result = run(sneaky, tidy_later=True)
    assert "ZeroDivisionError" in result["error"]
    tidy()
    assert runtime.tidy is tidy and runtime.student_traceback is not None and np.allclose is original


@pytest.mark.parametrize(("function", "change"), [
    ("student_traceback", "__defaults__ = None"),
    ("student_traceback", "del {}.__defaults__"),
    ("Trial.expect_close", "__kwdefaults__ = None"),
])
def test_a_function_default_set_to_none_or_deleted_is_undone_too(function, change):
    """Those raise the audit event object.__delattr__, not __setattr__ (restore() compares the
    functions only after one of the two)."""
    target = operator.attrgetter(function)(course.engine.checking)
    saved = target.__defaults__, target.__kwdefaults__
    assert saved[0 if "__defaults__" in change else 1] is not None
    name = f"c.{function}"
    statement = change.format(name) if "{}" in change else f"{name}.{change}"
    assert run(f"import course.engine.checking as c\n{statement}")["ok"]
    assert (target.__defaults__, target.__kwdefaults__) == saved


@pytest.mark.parametrize(("source", "words"), [
    ("def f(n):\n    return f(n + 1)\nf(0)", ["RecursionError", "repeated", "stops"]),
    ("import numpy as np\nx = np.zeros(10**10)", ["few GB at most"]),
    ("x = [0] * 10**12", ["few GB at most"]),
    ("raise ValueError('boom at import')", ["line 1", "ValueError: boom at import"]),
    ("def f(:\n    pass", ["line 1", "SyntaxError"]),
    ("name = input('Your name? ')", ["input() is not available"]),
    ("import sys\nsys.exit(2)", ["SystemExit: 2"]),
    ("import os\nos._exit(0)", ["os._exit() would end Python"]),
    ("import os\nos.abort()", ["os.abort() would end Python"]),
    ("class A:\n    def __repr__(self):\n        raise ValueError('no')\nA()", ["__repr__ raised"]),
])
def test_run_reports_what_went_wrong_and_the_process_survives(source, words):
    result = run(source)
    shown = result["error"] or result["value"]
    for word in words:
        assert word in shown, shown
    assert os._exit is REAL_EXIT and run("1 + 1")["value"] == "2"


@pytest.mark.parametrize("source", [
    "import sys\ndef {f}(*a):\n    sys.exit()\n",
    "def {f}(*a):\n    exit()\n",
    "import os\ndef {f}(*a):\n    os._exit(1)\n",
    "def {f}(*a):\n    raise KeyboardInterrupt\n",
    "def {f}(*a):\n    raise GeneratorExit\n",
    "class Escape(BaseException):\n    pass\n\ndef {f}(*a):\n    raise Escape('out')\n",
])
def test_exiting_from_the_function_fails_the_check_and_grading_goes_on(source):
    report = grade(source.format(f=SIGMOID.function), SIGMOID.checks, SIGMOID.function, SIGMOID.id)
    assert report["status"] == "graded"
    assert len(report["results"]) == len(runtime.load_checks(SIGMOID.checks, SIGMOID.id).cases)
    assert not any(r["passed"] for r in report["results"])
    message = report["results"][0]["message"]
    assert any(word in message for word in ("return", "KeyboardInterrupt", "GeneratorExit", "Escape"))
