"""`mkdocs build --strict`: the real site builds; broken embeds fail it naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site


def test_site_builds_strict(site_dir):
    page = (site_dir / "siglip-2" / "index.html").read_text()
    assert 'data-exercise="siglip-2/sigmoid-loss"' in page
    for asset in ("page.js", "worker.js", "editor.js", "config.js", "py/course/runtime.py"):
        assert (site_dir / "assets" / "course" / asset).is_file(), asset


@pytest.fixture
def scratch(tmp_path):
    """A copy of mkdocs.yml and the exercises, with a docs dir of our own."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    config = (ROOT / "mkdocs.yml").read_text()
    nav_start = config.index("\nnav:")
    nav_end = config.index("\nplugins:")
    config = config[:nav_start] + "\n" + config[nav_end:]  # let MkDocs build every page it finds
    config = config.replace("  - course:\n", f"  - course:\n      widgets_dir: {ROOT / 'widgets'}\n")
    (tmp_path / "mkdocs.yml").write_text(config)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "course").symlink_to(ROOT / "course")
    return tmp_path


def build(scratch: Path):
    return build_site(scratch / "site", config_file=scratch / "mkdocs.yml")


def test_scratch_site_builds(scratch):
    (scratch / "docs" / "lesson.md").write_text(
        "---\ntitle: Lesson\n---\n# Lesson\n\n{{ exercise(\"siglip-2/sigmoid-loss\") }}\n")
    done = build(scratch)
    assert done.returncode == 0, done.stderr


def test_embed_inside_an_admonition_stays_inside(scratch):
    (scratch / "docs" / "lesson.md").write_text(
        '# Lesson\n\n!!! example "Try it"\n\n    Some text.\n\n    {{ exercise("siglip-2/sigmoid-loss") }}\n')
    done = build(scratch)
    assert done.returncode == 0, done.stderr
    page = (scratch / "site" / "lesson" / "index.html").read_text()
    before_exercise = page[page.index('<div class="admonition example">'):page.index("<section")]
    assert "</div>" not in before_exercise, "the exercise fell out of its admonition"
    assert 'id="exercise-siglip-2-sigmoid-loss"' in page


def test_unknown_exercise_id_fails_with_file_and_line(scratch):
    (scratch / "docs" / "lesson.md").write_text(
        "---\ntitle: Lesson\n---\n# Lesson\n\nText.\n\n{{ exercise(\"siglip-2/sigmoid-los\") }}\n")
    done = build(scratch)
    assert done.returncode != 0
    assert "docs/lesson.md:8: unknown exercise id 'siglip-2/sigmoid-los'" in done.stderr


def test_malformed_embed_fails_with_file_and_line(scratch):
    (scratch / "docs" / "lesson.md").write_text("# Lesson\n\n{{ exercise(siglip-2/sigmoid-loss) }}\n")
    done = build(scratch)
    assert done.returncode != 0
    assert "docs/lesson.md:3: malformed exercise embed" in done.stderr


def test_embed_inside_a_code_fence_is_left_alone(scratch):
    (scratch / "docs" / "lesson.md").write_text(
        "# Lesson\n\n```markdown\n{{ exercise(\"nope/nope\") }}\n```\n")
    done = build(scratch)
    assert done.returncode == 0, done.stderr
    assert '{{ exercise("nope/nope") }}' in (scratch / "site" / "lesson" / "index.html").read_text() \
        .replace("&quot;", '"')


def test_exercise_missing_a_part_fails_with_file_and_line(scratch):
    (scratch / "exercises" / "siglip-2" / "sigmoid-loss" / "checks.py").unlink()
    (scratch / "docs" / "lesson.md").write_text("# Lesson\n\n{{ exercise(\"siglip-2/sigmoid-loss\") }}\n")
    done = build(scratch)
    assert done.returncode != 0
    assert "docs/lesson.md:3: exercise siglip-2/sigmoid-loss" in done.stderr
    assert "is missing: checks.py" in done.stderr


def test_malformed_quiz_fails_the_build(scratch):
    (scratch / "docs" / "lesson.md").write_text(
        '# Lesson\n\n!!! quiz "Two right answers?"\n\n    - [x] A\n\n        Because.\n\n'
        '    - [x] B\n\n        Because.\n')
    done = build(scratch)
    assert done.returncode != 0
    assert "exactly one option must be marked [x]" in done.stderr
