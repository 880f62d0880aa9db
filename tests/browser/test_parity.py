"""One grade everywhere: every file of every exercise gets the same report from the browser's
Check (Pyodide in Chromium, through the page's own Python) and from `course check --json`
(CPython): the status, and each check's name, pass/fail, message and likely cause.

The files: the reference solution, the same solution computed in float32, the starter and every
known-wrong answer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import float32_variant

from course import exercises

pytestmark = pytest.mark.browser
ALL = exercises.all_exercises(exercises.find_root())
COMPARED = ("status", "all_passed", "results", "error")


def files(exercise: exercises.Exercise) -> dict[str, str]:
    """{label: source} of the files graded for one exercise."""
    found = {"solution.py": exercise.solution,
             "solution.py in float32": float32_variant(exercise.solution, exercise.function),
             "starter.py": exercise.starter}
    found.update({f"wrong/{w.path.name}": w.source for w in exercise.wrong})
    return found


def cli_reports(exercise: exercises.Exercise, sources: dict[str, str], folder: Path) -> dict[str, dict]:
    paths = {}
    for index, (label, source) in enumerate(sources.items()):
        paths[label] = folder / f"{index}.py"
        paths[label].write_text(source, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "course.cli", "check", "--json", exercise.id,
                           *map(str, paths.values())], capture_output=True, text=True, timeout=600)
    rows = {row["file"]: row for row in json.loads(done.stdout)}
    return {label: rows[str(path)] for label, path in paths.items()}


def disagreement(cli: dict, browser: dict) -> str:
    """The first field or check where the two reports differ, in full."""
    for key in ("status", "all_passed", "error"):
        if cli[key] != browser[key]:
            return f"{key}: CLI {cli[key]!r}\nbrowser {browser[key]!r}"
    for mine, theirs in zip(cli["results"], browser["results"], strict=False):
        if mine != theirs:
            return f"check {mine['name']!r}:\nCLI:\n{mine}\nbrowser:\n{theirs}"
    return f"{len(cli['results'])} checks in the CLI, {len(browser['results'])} in the browser"


BROWSER_GRADE = """async ([exercise, sources]) => {
    const python = window.coursePython;
    const reports = {};
    for (const [label, code] of Object.entries(sources)) {
        const outcome = await python.submit({ kind: "check", code, checks: exercise.checks,
            function: exercise.function, exercise: exercise.id }, { owner: "parity" });
        reports[label] = outcome.kind === "result" ? outcome.result : outcome;
    }
    return reports;
}"""


@pytest.fixture(scope="module")
def lesson_page(browser, server):
    from visitor import Visit

    visitor = Visit(browser, server)
    page = visitor.goto("siglip-2/")
    page.wait_for_function("() => window.coursePython?.status.state === 'ready'", timeout=120_000)
    yield page
    visitor.close()


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_browser_and_cli_give_the_same_report(exercise, lesson_page, tmp_path):
    sources = files(exercise)
    cli = cli_reports(exercise, sources, tmp_path)
    browser = lesson_page.evaluate(BROWSER_GRADE, [
        {"id": exercise.id, "function": exercise.function, "checks": exercise.checks}, sources])
    for label in sources:
        got_cli = {key: cli[label][key] for key in COMPARED}
        got_browser = {key: browser[label].get(key) for key in COMPARED}
        assert got_browser == got_cli, f"{exercise.id} {label}: the browser and the CLI disagree:\n" + (
            disagreement(got_cli, got_browser))
    # And the grades are the ones the exercise promises.
    assert cli["solution.py"]["all_passed"] and cli["solution.py in float32"]["all_passed"]
    assert not cli["starter.py"]["all_passed"]
    for wrong in exercise.wrong:
        report = cli[f"wrong/{wrong.path.name}"]
        assert not report["all_passed"]
        assert any(wrong.expect in r["message"] for r in report["results"] if not r["passed"]) or (
            wrong.expect in (report["error"] or ""))
