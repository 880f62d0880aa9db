"""The ``course`` command: list exercises and grade students' files without a browser.

    course list
    course check <exercise-id> <file.py> [<file.py> ...] [--json] [--timeout S]
    course new <lesson>/<exercise>

Exit codes for ``check``: 0 every check passed for every file, 1 a check failed (or the
code ran past the time limit), 2 an unknown id or a file that does not import. The time limit
defaults to the site's ``time_limit`` in ``mkdocs.yml``, the browser's watchdog.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course import exercises, scaffold
from course.engine.report import CRASH, IMPORT_ERROR, TIMEOUT, UNREADABLE, Report, report
from course.grading import grade_source
from course.pages.config import time_limit

OK, FAILED, UNUSABLE = 0, 1, 2


def format_report(exercise_id: str, title: str, label: str, result: Report) -> str:
    """The human-readable report: the lines the browser shows, as text."""
    lines = [f"{exercise_id} — {title}: {label}"]
    if not result["results"]:
        lines.append("  ✗ " + (result["error"] or result["status"]).replace("\n", "\n    "))
        return "\n".join(lines)
    for check in result["results"]:
        mark = "✓" if check["passed"] else "✗"
        lines.append(f"  {mark} {check['name']}")
        if not check["passed"]:
            lines.extend("      " + line for line in check["message"].splitlines())
    passed = sum(r["passed"] for r in result["results"])
    lines.append(f"  {passed} of {len(result['results'])} checks passed")
    if result["note"]:
        lines.append(f"  note: {result['note']}")
    return "\n".join(lines)


def exit_code(result: Report) -> int:
    if result["status"] in (IMPORT_ERROR, UNREADABLE, CRASH):
        return UNUSABLE
    if result["status"] == TIMEOUT:
        return FAILED
    return OK if result["all_passed"] else FAILED


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
    timeout = args.timeout if args.timeout is not None else time_limit()
    worst, rows = OK, []
    for file in args.files:
        try:
            source = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result = report(UNREADABLE, error=f"cannot read {file}: {exc}")
        else:
            result = grade_source(exercise, source, timeout=timeout)
        code = exit_code(result)
        worst = max(worst, code)
        if args.json:
            rows.append({"file": file, "exercise": exercise.id, **result, "exit_code": code,
                         "passed": sum(r["passed"] for r in result["results"]),
                         "total": len(result["results"])})
        else:
            print(format_report(exercise.id, exercise.title, file, result))
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
    check.add_argument("--timeout", type=float, default=None,
                       help="seconds before a file is stopped (default: time_limit in mkdocs.yml, "
                            "else 10)")
    check.set_defaults(func=cmd_check)
    scaffold.add_command(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
