"""Every exercise, found by walking exercises/, proves its checks discriminate.

The reference solution passes every check; the starter fails at least one; every known-wrong
answer fails, and one of its failure messages is the one meant for that mistake.
"""

from __future__ import annotations

import pytest
from helpers import float32_variant

from course import exercises
from course.engine.runtime import grade

ALL = exercises.all_exercises(exercises.find_root())
WRONG = [(ex, w) for ex in ALL for w in ex.wrong]


def report_text(report: dict) -> str:
    lines = [report.get("error") or ""]
    for r in report["results"]:
        lines.append(f"{'PASS' if r['passed'] else 'FAIL'} {r['name']}: {r['message']}")
    return "\n".join(lines)


def test_exercises_exist():
    assert [e.id for e in ALL], "no exercises found under exercises/"


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_reference_solution_passes(exercise):
    report = grade(exercise.solution, exercise.checks, exercise.function, exercise.id)
    assert report["status"] == "graded", report_text(report)
    assert len(report["results"]) >= 3, "an exercise needs at least three checks"
    assert report["all_passed"], report_text(report)


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_right_answer_in_float32_passes(exercise):
    source = float32_variant(exercise.solution, exercise.function)
    report = grade(source, exercise.checks, exercise.function, exercise.id)
    assert report["all_passed"], report_text(report)


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_starter_fails(exercise):
    report = grade(exercise.starter, exercise.checks, exercise.function, exercise.id)
    assert not report["all_passed"], "the starter code must not pass the checks"


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_exercise_has_hints_and_wrong_answers(exercise):
    assert exercise.hints, "give students at least one hint"
    assert exercise.wrong, "ship at least one known-wrong answer in wrong/"


@pytest.mark.parametrize(("exercise", "wrong"), WRONG, ids=lambda x: getattr(x, "id", None) or x.path.name)
def test_known_wrong_answer_fails_with_its_message(exercise, wrong):
    report = grade(wrong.source, exercise.checks, exercise.function, exercise.id)
    assert not report["all_passed"], f"{wrong.path.name} passes every check: the checks miss it"
    failures = [r["message"] for r in report["results"] if not r["passed"]]
    if report["status"] != "graded":
        failures.append(report["error"])
    assert any(wrong.expect in message for message in failures), (
        f"{wrong.path.name} should fail with a message containing {wrong.expect!r};"
        f" got:\n{report_text(report)}")
