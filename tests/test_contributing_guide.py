"""docs/contributing.md's worked example, followed step by step in a temporary copy of the repo.

The test reads the guide's "Adding an exercise" section and does what it says, in order:
- a ```bash block: runs each command (`course …`, `pytest …`, `rm …`) and demands the exit code
  its `# exit code N` comment promises;
- a code block with `title="path"`: writes that file (for docs/*.md: adds the line to the page);
- a ```text block: the report it shows must appear in the previous command's output.
At the end the copy's site builds with `mkdocs build --strict` and embeds the new exercise.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "contributing.md"
BLOCK = re.compile(r"^```(?P<lang>\w+)(?: title=\"(?P<title>[^\"]+)\")?\n(?P<body>.*?)^```$",
                   re.DOTALL | re.MULTILINE)
EXIT = re.compile(r"\s+#\s*exit code (\d+)\s*$")


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end >= 0 else None]


def steps() -> list[tuple[str, str | None, str]]:
    text = section(GUIDE.read_text(encoding="utf-8"), "## Adding an exercise")
    return [(m["lang"], m["title"], m["body"]) for m in BLOCK.finditer(text)]


def copy_repo(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("course", "exercises", "docs", "diagrams", "widgets", "tests", "tools"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # the build copies vendor files
    return dest


def run(repo: Path, line: str) -> subprocess.CompletedProcess:
    """Run one command of the guide in the copy, as a contributor would type it."""
    argv = shlex.split(line)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_EXERCISES"}
    env["PYTHONPATH"] = str(repo)
    if argv[0] == "course":
        argv = [sys.executable, "-m", "course.cli", *argv[1:]]
    elif argv[0] == "pytest":
        argv = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *argv[1:]]
    elif argv[0] == "rm":
        for name in argv[1:]:
            (repo / name).unlink()
        return subprocess.CompletedProcess(argv, 0, "", "")
    else:
        pytest.fail(f"the guide runs a command this test does not know: {line}")
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_the_guide_has_a_worked_example():
    kinds = [(lang, title) for lang, title, _ in steps()]
    assert kinds[0] == ("bash", None), "the example starts with `course new`"
    titles = {title for _, title, _ in steps() if title}
    for part in ("solution.py", "checks.py", "starter.py", "exercise.toml"):
        assert f"exercises/sam-3/mask-to-box/{part}" in titles
    assert any(t.startswith("exercises/sam-3/mask-to-box/wrong/") for t in titles)
    assert "docs/sam-3.md" in titles


def test_following_the_guide_step_by_step(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    exercise_id = "sam-3/mask-to-box"
    assert not (repo / "exercises" / exercise_id).exists()
    last = None
    for lang, title, body in steps():
        if lang == "bash":
            for line in filter(None, (raw.strip() for raw in body.splitlines())):
                comment = EXIT.search(line)  # no comment: the command must succeed
                command, expected = (line[:comment.start()], int(comment[1])) if comment else (
                    line, 0)
                last = run(repo, command)
                assert last.returncode == expected, (
                    f"`{command}` exited {last.returncode}, the guide says {expected}:\n"
                    f"{last.stdout[-3000:]}\n{last.stderr[-3000:]}")
                if command.startswith("course new"):
                    assert sorted(p.name for p in (repo / "exercises" / exercise_id).iterdir()) == [
                        "checks.py", "exercise.toml", "solution.py", "starter.py", "wrong"]
        elif title and title.startswith("docs/"):
            page = repo / title
            page.write_text(page.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
        elif title:
            (repo / title).parent.mkdir(parents=True, exist_ok=True)
            (repo / title).write_text(body, encoding="utf-8")
        elif lang == "text":
            assert last is not None, "a report shown before any command"
            for shown in filter(None, (line.strip() for line in body.splitlines())):
                assert shown in last.stdout, f"the guide shows {shown!r}; got:\n{last.stdout}"

    folder = repo / "exercises" / exercise_id
    assert not (folder / "wrong" / "todo.py").exists()
    lint = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--no-cache",
                           f"exercises/{exercise_id}"], cwd=repo, capture_output=True, text=True,
                          check=False)
    assert lint.returncode == 0, lint.stdout

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(repo)}
    env.pop("COURSE_PYODIDE_DIR", None)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                            str(tmp_path / "site")], cwd=repo, env=env, capture_output=True,
                           text=True, timeout=600, check=False)
    assert build.returncode == 0, build.stderr[-4000:]
    html = (tmp_path / "site" / "sam-3" / "index.html").read_text(encoding="utf-8")
    assert f'data-exercise="{exercise_id}"' in html
    assert exercise_id in (tmp_path / "site" / "assets" / "course" / "catalog.json").read_text()


def test_instructor_page_shows_a_real_course_check_report():
    """docs/instructors.md's sample report is what `course check` prints for that mistake."""
    text = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    report = next(m["body"] for m in BLOCK.finditer(section(text, "## Grading"))
                  if m["lang"] == "text")
    wrong = "exercises/siglip-2/sigmoid-loss/wrong/labels_zero_one.py"
    done = subprocess.run([sys.executable, "-m", "course.cli", "check", "siglip-2/sigmoid-loss",
                           wrong], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    for shown in report.splitlines()[1:]:  # the first line names the student's file
        shown = shown.strip().removesuffix("…").strip()
        if shown:
            assert shown in done.stdout, f"instructors.md shows {shown!r}; got:\n{done.stdout}"
