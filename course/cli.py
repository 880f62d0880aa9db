"""The ``course`` command: list exercises and grade students' files without a browser.

    course list
    course check <exercise-id> <file.py> [<file.py> ...] [--json] [--timeout S]
    course new <lesson>/<exercise>

Exit codes for ``check``: 0 every check passed for every file, 1 a check failed (or the
code ran past the time limit), 2 an unknown id or a file that does not import.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from course import exercises, scaffold
from course.grading import DEFAULT_TIMEOUT, grade_source

OK, FAILED, UNUSABLE = 0, 1, 2


def format_report(exercise_id: str, title: str, label: str, report: dict[str, Any]) -> str:
    """The human-readable report; the browser shows the same lines."""
    lines = [f"{exercise_id} — {title}: {label}"]
    if report["status"] != "graded":
        lines.append("  ✗ " + report["error"].replace("\n", "\n    "))
        return "\n".join(lines)
    for result in report["results"]:
        mark = "✓" if result["passed"] else "✗"
        lines.append(f"  {mark} {result['name']}")
        if not result["passed"]:
            lines.extend("      " + line for line in result["message"].splitlines())
    passed = sum(r["passed"] for r in report["results"])
    lines.append(f"  {passed} of {len(report['results'])} checks passed")
    return "\n".join(lines)


def exit_code(report: dict[str, Any]) -> int:
    if report["status"] in ("import-error", "unreadable", "crash"):
        return UNUSABLE
    if report["status"] == "timeout":
        return FAILED
    return OK if all(r["passed"] for r in report["results"]) else FAILED


def cmd_list(_: argparse.Namespace) -> int:
    for exercise in exercises.all_exercises():
        print(f"{exercise.id}\t{exercise.title}")
    return OK


def cmd_check(args: argparse.Namespace) -> int:
    try:
        exercise = exercises.get(args.exercise_id)
    except exercises.ExerciseError as exc:
        print(f"course check: {exc}", file=sys.stderr)
        return UNUSABLE
    worst, rows = OK, []
    for file in args.files:
        try:
            source = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            report = {"status": "unreadable", "results": [], "error": f"cannot read {file}: {exc}"}
        else:
            report = grade_source(exercise, source, timeout=args.timeout)
        code = exit_code(report)
        worst = max(worst, code)
        if args.json:
            passed = sum(r["passed"] for r in report["results"])
            rows.append({"file": file, "exercise": exercise.id, "status": report["status"],
                         "passed": passed, "total": len(report["results"]),
                         "all_passed": code == OK, "exit_code": code,
                         "error": report.get("error"), "results": report["results"]})
        else:
            print(format_report(exercise.id, exercise.title, file, report))
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="print every exercise id with its title").set_defaults(func=cmd_list)
    check = sub.add_parser("check", help="grade student files exactly as the browser's Check does")
    check.add_argument("exercise_id", help="e.g. siglip-2/sigmoid-loss")
    check.add_argument("files", nargs="+", metavar="file.py")
    check.add_argument("--json", action="store_true", help="print one JSON record per file")
    check.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                       help=f"seconds before a file is stopped (default {DEFAULT_TIMEOUT:g})")
    check.set_defaults(func=cmd_check)
    scaffold.add_command(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
