"""The rules of a Check report, on made-up functions: what passes, what a failure says, and
when a likely cause may be named. Each test feeds a function whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from course.engine import CheckFailed, Checks, Trial


def failure(func, judge) -> CheckFailed:
    """Run `judge(trial)` on a Trial of `func`; it must fail, and its failure is returned."""
    trial = Trial(func, "f")
    with pytest.raises(CheckFailed) as failed:
        judge(trial)
    return failed.value


def test_a_right_answer_computed_in_float32_passes():
    want = np.random.default_rng(0).normal(size=(50, 40)) @ np.random.default_rng(1).normal(size=(40, 30))
    got = want.astype(np.float32)
    Trial(lambda: got, "f").expect_close(got, want)
    Trial(lambda: 2 / 3, "f").expect_close(np.float32(2) / np.float32(3), 2 / 3)


def test_a_mistake_is_named_only_when_it_differs_from_the_right_answer():
    # On this input the mistake gives the right value, so an answer that is wrong in another
    # way must not be blamed on it.
    def judge(trial):
        trial.expect_close(0.9, 0.5, likely={"thresholded at 0.5": 0.5, "squared": 0.81})

    assert failure(lambda: 0.9, judge).likely is None


def test_the_mistake_that_matches_is_named():
    def judge(trial):
        trial.expect_close(0.25, 0.5, likely={"squared": 0.25, "halved": 0.3})

    problem = failure(lambda: 0.25, judge)
    assert problem.likely == "squared" and str(problem).endswith("likely cause: squared")


def test_two_mistakes_that_give_the_same_value_are_both_named():
    def judge(trial):
        trial.expect_close(2.0, 1.0, likely={"added, not averaged": 2.0, "summed over N = 2": 2.0})

    problem = failure(lambda: 2.0, judge)
    assert problem.likely == "one of these: added, not averaged; or summed over N = 2"


def test_numbers_that_print_alike_are_shown_with_the_digits_that_differ():
    def judge(trial):
        trial.expect_close(0.6666667, 2 / 3, rtol=1e-12, atol=0)

    lines = str(failure(lambda: 0.6666667, judge)).splitlines()
    assert lines[-2:] == ["expected: 0.66666667", "got:      0.6666667"]


def test_an_array_mismatch_names_the_first_difference_and_the_largest_error():
    want = np.arange(12.0).reshape(3, 4)
    got = want.copy()
    got[1, 2] += 0.5
    got[2, 3] += 2.0

    def judge(trial):
        trial.expect_close(got, want)

    text = str(failure(lambda: got, judge))
    assert "first difference at index [1, 2]: expected 6.0, got 6.5" in text
    assert "largest error: 2 at index [2, 3] (2 of 12 values differ)" in text


def test_an_inf_or_nan_names_the_unstable_formula():
    hint = "exp overflows: subtract the maximum"

    def judge(trial):
        trial.expect_close(np.array([0.5, np.nan]), np.array([0.5, 0.5]), not_finite=hint)

    problem = failure(lambda: None, judge)
    assert "not finite (first at index [1])" in str(problem) and problem.likely == hint
    assert failure(lambda: None, lambda t: t.expect_float(float("inf"), not_finite=hint)).likely == hint


def test_shapes_that_lost_an_axis_name_keepdims():
    def judge(trial):
        trial.expect_shape(np.zeros(3), (3, 1))

    assert "keepdims" in failure(lambda: None, judge).likely


def test_a_broadcasting_error_names_keepdims():
    def broken(x):
        return x / x.sum(axis=1)

    problem = failure(broken, lambda trial: trial.call(np.ones((2, 3))))
    assert "could not be broadcast" in str(problem) and "keepdims=True" in problem.likely


def test_no_floating_point_warning_decides_anything():
    # In the browser (WebAssembly) NumPy never warns; CPython grades as if it did not either.
    from course.engine.runtime import grade

    checks = ("from course.engine import Checks\nchecks = Checks()\n"
              "@checks('exp of 1000')\ndef _(trial):\n"
              "    trial.expect_float(trial.call(1000.0), not_finite='overflow')\n")
    source = "import numpy as np\ndef f(x):\n    return float(np.exp(x) / np.exp(x))\n"
    report = grade(source, checks, "f", "test/overflow")
    assert report["results"][0]["likely"] == "overflow"
    assert np.geterr()["over"] == "warn"  # the host's own setting is back


def test_a_call_on_a_list_of_arrays_is_described_by_shape_not_by_every_number():
    """A check's message shows the call; a list of 16 blocks printed in full would bury it (and
    formatting it cost more than the chunked-loss check itself)."""
    blocks = [np.random.default_rng(0).normal(size=(32, 8))] * 16
    def judge(trial):
        trial.call(blocks, blocks[:2])
        trial.fail("wrong")

    problem = failure(lambda blocks, few: 0.0, judge)
    call = str(problem).splitlines()[0]
    assert "16 items" in call and "(32, 8)" in call and len(call) < 200, call
    assert call.count("float64 array of shape (32, 8)") == 3, call  # the first of 16, then both of 2


def test_call_once_runs_the_students_code_once_per_check_for_equal_arguments():
    """Two checks that judge one expensive call (a lesson-size experiment) share it; the next
    Check runs it again, other arguments are another call, and a reused call's failure still
    names the call."""
    calls = []

    def f(x):
        calls.append(x.copy())
        return x * 2

    checks = Checks()

    @checks("the fit")
    def _(trial):
        trial.expect_close(trial.call_once(np.arange(3.0)), [0.0, 2.0, 4.0])

    @checks("the conclusion drawn from the same fit")
    def _(trial):
        trial.expect_close(trial.call_once(np.arange(3.0)), [0.0, 2.0, 5.0])

    @checks("other arguments")
    def _(trial):
        trial.expect_close(trial.call_once(np.arange(4.0)), [0.0, 2.0, 4.0, 6.0])

    first = checks.run(f, "f")
    assert [r["passed"] for r in first] == [True, False, True]
    assert len(calls) == 2
    assert first[1]["message"].startswith("f(x=array([0., 1., 2.]))\n"), first[1]["message"]
    checks.run(f, "f")
    assert len(calls) == 4


def test_a_failed_call_once_is_made_again_by_the_next_check():
    calls = []

    def f(x):
        calls.append(x)
        raise ValueError("no")

    checks = Checks()
    for name in ("first", "second"):
        checks(name)(lambda trial: trial.call_once(1.0))
    results = checks.run(f, "f")
    assert len(calls) == 2
    assert all("raised an error" in r["message"] for r in results), results


def test_call_once_keeps_its_result_when_the_students_code_reuses_its_buffer():
    """A function that hands back the same array each time, refilled: the result a later check
    reuses is what the call returned then, not what the buffer holds now."""
    buffer = np.zeros(2)

    def f(x):
        buffer[:] = x
        return buffer

    checks = Checks()

    @checks("first")
    def _(trial):
        trial.expect_close(trial.call_once(np.array([1.0, 2.0])), [1.0, 2.0])
        trial.call(np.array([3.0, 4.0]))

    @checks("the first call again")
    def _(trial):
        trial.expect_close(trial.call_once(np.array([1.0, 2.0])), [1.0, 2.0])

    assert [r["passed"] for r in checks.run(f, "f")] == [True, True]


def test_call_once_refuses_arguments_it_cannot_tell_apart_exactly():
    with pytest.raises(TypeError, match="call_once takes arrays and plain numbers"):
        Trial(lambda x: x, "f").call_once([np.zeros(2)])
