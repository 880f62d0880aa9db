"""The two sides of the contract stay in step: the report's fields as the engine declares them
(course/engine/report.py, TypedDicts) are the fields widgets/contract.js documents, and the
settings the plugin writes into a page are the ones contract.js describes."""

from __future__ import annotations

import re
import typing

from helpers import ROOT

from course.engine import report

CONTRACT = (ROOT / "widgets" / "contract.js").read_text(encoding="utf-8")


def jsdoc_fields(name: str) -> set[str]:
    """The fields of a JSDoc @typedef: inline ({a: T, b: U}) or as @property lines."""
    inline = re.search(r"@typedef \{\{([^\n]*?)\}\} " + name + r"\b", CONTRACT)
    if inline:
        return set(re.findall(r"(\w+):", inline.group(1)))
    block = re.search(r"@typedef \{object\} " + name + r"\b(.*?)\*/", CONTRACT, re.S)
    assert block, f"widgets/contract.js has no typedef {name}"
    return set(re.findall(r"@property \{[^}]*\} (\w+)", block.group(1)))


def test_report_result_and_run_result_have_the_same_fields_on_both_sides():
    for typed_dict in (report.Report, report.CheckResult, report.RunResult):
        python = set(typing.get_type_hints(typed_dict))
        assert jsdoc_fields(typed_dict.__name__) == python, typed_dict.__name__


def test_statuses_are_the_same_on_both_sides():
    python = set(typing.get_args(report.Status))
    js = set(re.findall(r'"([a-z-]+)"', re.search(r"@typedef \{(\"graded\".*?)\} Status", CONTRACT).group(1)))
    assert js == python


def test_the_settings_a_page_carries_are_the_ones_documented(server):
    import json

    page = (server.site_dir / "siglip-2" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="course-page">(.*?)</script>',
                                page, re.S).group(1).replace("<\\/", "</"))
    assert set(data) == jsdoc_fields("PageData")
    assert set(data["settings"]) == jsdoc_fields("Settings")
    exercise = next(iter(data["exercises"].values()))
    assert set(exercise) == jsdoc_fields("ExerciseData")


def test_python_starts_ahead_of_the_stylesheets_with_the_pages_own_root_and_settings(server):
    """early.js must not wait for the stylesheets (an inline script after one does), and what it
    reads ahead of them is the page's data, not a second source of settings."""
    import json

    def head_of(path: str) -> str:
        text = (server.site_dir / path / "index.html").read_text(encoding="utf-8")
        return text[:text.index("</head>")]

    def json_block(head: str, element_id: str) -> dict:
        found = re.search(f'<script type="application/json" id="{element_id}">(.*?)</script>', head, re.S)
        return json.loads(found.group(1).replace("<\\/", "</"))

    for path in ("siglip-2", "sam-3"):
        head = head_of(path)
        first_sheet = head.index('<link rel="stylesheet"')
        scripts_ahead = re.findall(r"<script>(.*?)</script>", head[:first_sheet], re.S)
        assert any("window.coursePythonEarly=" in script.replace(" ", "") for script in scripts_ahead), path
        assert head.index('id="course-boot"') < first_sheet, path
        assert head.index('id="course-page"') > first_sheet, path  # the big document stays last
        page, boot = json_block(head, "course-page"), json_block(head, "course-boot")
        assert boot == {"root": page["root"], "settings": page["settings"]}, path
    home = head_of(".")
    assert 'id="course-boot"' not in home  # no exercises there: no Python at open
    for head in (home, head_of("siglip-2")):  # the policy comes before every inline script
        assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script")
