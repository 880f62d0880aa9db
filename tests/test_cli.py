"""The `course` console script, run as a student's grader would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import check_count

from course import exercises

ROOT = Path(__file__).resolve().parent.parent
SIGMOID = ROOT / "exercises" / "siglip-2" / "sigmoid-loss"
CHECKS = check_count(exercises.get("siglip-2/sigmoid-loss", ROOT / "exercises"))


def course(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "course"
    return subprocess.run([str(script), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_list_prints_every_exercise_with_its_title():
    done = course("list")
    assert done.returncode == 0
    for exercise in exercises.all_exercises(ROOT / "exercises"):
        assert f"{exercise.id}\t{exercise.title}" in done.stdout


def test_check_reference_exits_0():
    done = course("check", "siglip-2/sigmoid-loss", str(SIGMOID / "solution.py"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{CHECKS} of {CHECKS} checks passed" in done.stdout


def test_check_starter_exits_1_with_messages():
    done = course("check", "siglip-2/sigmoid-loss", str(SIGMOID / "starter.py"))
    assert done.returncode == 1
    assert "✗" in done.stdout and "not implemented yet" in done.stdout


def test_check_each_wrong_answer_exits_1_with_its_message():
    exercise = exercises.get("siglip-2/sigmoid-loss", ROOT / "exercises")
    for wrong in exercise.wrong:
        done = course("check", exercise.id, str(wrong.path))
        assert done.returncode == 1, wrong.path.name
        assert wrong.expect in done.stdout, (wrong.path.name, done.stdout)


def test_unknown_id_exits_2_with_a_clear_message():
    done = course("check", "siglip-2/no-such-thing", str(SIGMOID / "solution.py"))
    assert done.returncode == 2
    assert "unknown exercise id 'siglip-2/no-such-thing'" in done.stderr


def test_file_that_does_not_import_exits_2(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("def siglip_loss(a, b, t, b2):\n    return (\n")
    done = course("check", "siglip-2/sigmoid-loss", str(broken))
    assert done.returncode == 2
    assert "could not run to the end" in done.stdout and "SyntaxError" in done.stdout


def test_missing_function_exits_2(tmp_path):
    other = tmp_path / "other.py"
    other.write_text("def something_else():\n    return 1\n")
    done = course("check", "siglip-2/sigmoid-loss", str(other))
    assert done.returncode == 2
    assert "Define a function named `siglip_loss`" in done.stdout


def test_infinite_loop_is_stopped_and_reported_failed(tmp_path):
    loop = tmp_path / "loop.py"
    loop.write_text("def siglip_loss(image_emb, text_emb, t, b):\n    while True:\n        pass\n")
    done = course("check", "--timeout", "2", "siglip-2/sigmoid-loss", str(loop))
    assert done.returncode == 1
    assert "Stopped after 2 s" in done.stdout


def test_json_output_for_a_folder_of_student_files(tmp_path):
    shutil.copy(SIGMOID / "solution.py", tmp_path / "alice.py")
    shutil.copy(SIGMOID / "wrong" / "labels_zero_one.py", tmp_path / "bob.py")
    done = course("check", "--json", "siglip-2/sigmoid-loss",
                  str(tmp_path / "alice.py"), str(tmp_path / "bob.py"))
    assert done.returncode == 1
    rows = {Path(r["file"]).name: r for r in json.loads(done.stdout)}
    assert rows["alice.py"]["all_passed"] and rows["alice.py"]["passed"] == rows["alice.py"]["total"]
    assert not rows["bob.py"]["all_passed"] and rows["bob.py"]["exit_code"] == 1
    assert any("labels are 0/1" in r["message"] for r in rows["bob.py"]["results"])


def test_student_prints_do_not_break_grading(tmp_path):
    chatty = tmp_path / "chatty.py"
    chatty.write_text(SIGMOID.joinpath("solution.py").read_text().replace(
        "    n = len(image_emb)", "    print('debug', '{not json')\n    n = len(image_emb)"))
    assert course("check", "siglip-2/sigmoid-loss", str(chatty)).returncode == 0
