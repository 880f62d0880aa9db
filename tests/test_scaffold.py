"""`course new <lesson>/<exercise>`: the folder it creates is lint-clean, is picked up by the
test suite at once and fails there until it is filled in; bad or existing ids are refused.

Each test works in a temporary copy of the repository, so the real exercises/ is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.scaffold import ScaffoldError, scaffold

ROOT = Path(__file__).resolve().parent.parent
NEW_ID = "sam-3/mask-area"
FILES = ["checks.py", "exercise.toml", "solution.py", "starter.py", "wrong/todo.py"]


def copy_repo(dest: Path) -> Path:
    """The parts of the repository that `course` and tests/test_exercises.py need."""
    for folder in ("course", "exercises", "tools"):
        shutil.copytree(ROOT / folder, dest / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (dest / "tests").mkdir()
    for name in ("conftest.py", "helpers.py", "test_exercises.py"):
        shutil.copy2(ROOT / "tests" / name, dest / "tests" / name)
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m <args>` in the copy, importing its own `course` package."""
    env = {k: v for k, v in os.environ.items() if k != "COURSE_EXERCISES"}
    env["PYTHONPATH"] = str(repo)
    return subprocess.run([sys.executable, "-m", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def course(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """The `course` command, as a contributor types it."""
    return run(repo, "course.cli", *args)


def course_new(repo: Path, exercise_id: str) -> subprocess.CompletedProcess:
    """`course new` without the `course` wrapper (course/scaffold.py's own entry point), so these
    tests exercise the scaffold itself; test_course_new_is_a_course_subcommand covers the wiring."""
    return run(repo, "course.scaffold", exercise_id)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the repository with one freshly scaffolded exercise in it."""
    repo = copy_repo(tmp_path_factory.mktemp("repo"))
    done = course_new(repo, NEW_ID)
    assert done.returncode == 0, done.stderr
    return repo


def test_creates_every_part_of_an_exercise(repo):
    folder = repo / "exercises" / NEW_ID
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == FILES


def test_prints_where_it_is_and_what_to_do_next(tmp_path):
    repo = copy_repo(tmp_path)
    done = course_new(repo, "siglip-2/logit-bias")
    assert done.returncode == 0, done.stderr
    assert str(repo / "exercises" / "siglip-2" / "logit-bias") in done.stdout
    assert '{{ exercise("siglip-2/logit-bias") }}' in done.stdout


def test_the_new_exercise_loads_and_lists(repo):
    listed = course(repo, "list")
    assert listed.returncode == 0, listed.stderr
    assert NEW_ID in listed.stdout


def test_output_passes_ruff(repo):
    done = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--no-cache",
                           f"exercises/{NEW_ID}"], cwd=repo, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pytest_collects_it_and_it_fails_until_filled_in(repo):
    collected = run(repo, "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                    "tests/test_exercises.py")
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert f"test_reference_solution_passes[{NEW_ID}]" in collected.stdout

    done = run(repo, "pytest", "-q", "-p", "no:cacheprovider", "tests/test_exercises.py",
               "-k", NEW_ID.split("/")[1])
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
    assert any(f"test_reference_solution_passes[{NEW_ID}]" in line for line in failed)
    assert "NotImplementedError" in done.stdout or "TODO" in done.stdout


def test_checking_the_unfilled_solution_fails(repo):
    solution = repo / "exercises" / NEW_ID / "solution.py"
    done = course(repo, "check", NEW_ID, str(solution))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "not implemented" in done.stdout


def test_refuses_an_existing_exercise(repo):
    before = (repo / "exercises" / NEW_ID / "solution.py").read_text(encoding="utf-8")
    done = course_new(repo, NEW_ID)
    assert done.returncode == 2
    assert f"exercise {NEW_ID} already exists" in done.stderr
    assert (repo / "exercises" / NEW_ID / "solution.py").read_text(encoding="utf-8") == before
    done = course_new(repo, "siglip-2/sigmoid-loss")
    assert done.returncode == 2 and "already exists" in done.stderr


@pytest.mark.parametrize("bad", ["sam-3", "SAM-3/focal", "sam_3/focal", "sam-3/focal/extra",
                                 "sam-3/-focal", "../outside/x", "sam-3/focal loss", "/sam-3/x"])
def test_refuses_a_malformed_id(tmp_path, bad):
    repo = copy_repo(tmp_path)
    before = sorted(p.relative_to(repo) for p in (repo / "exercises").rglob("*"))
    done = course_new(repo, bad)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"course new: '{bad}' is not an exercise id" in done.stderr
    assert "e.g. siglip-2/sigmoid-loss" in done.stderr
    assert sorted(p.relative_to(repo) for p in (repo / "exercises").rglob("*")) == before


def test_scaffold_function(tmp_path):
    folder = scaffold("sam-3/box-prompt", tmp_path)
    assert folder == tmp_path / "sam-3" / "box-prompt"
    assert 'function = "box_prompt"' in (folder / "exercise.toml").read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold("sam-3/box-prompt", tmp_path)
    with pytest.raises(ScaffoldError, match="is not an exercise id"):
        scaffold("box-prompt", tmp_path)


def test_course_new_is_a_course_subcommand(tmp_path):
    repo = copy_repo(tmp_path)
    done = course(repo, "new", "sam-3/point-prompt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "exercises" / "sam-3" / "point-prompt" / "checks.py").is_file()
    done = course(repo, "new", "sam-3/point-prompt")
    assert done.returncode == 2 and "already exists" in done.stderr
    done = course(repo, "new", "Point")
    assert done.returncode == 2 and "is not an exercise id" in done.stderr
