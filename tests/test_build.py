"""`mkdocs build --strict`: the real site builds; broken embeds fail it naming file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site


def test_site_builds_strict(site_dir):
    page = (site_dir / "siglip-2" / "index.html").read_text()
    assert 'data-exercise="siglip-2/sigmoid-loss"' in page
    for asset in ("page.js", "contract.js", "python/worker.js", "python/client.js", "editor.js",
                  "engine.json", "exercise/mount.js", "catalog.json"):
        assert (site_dir / "assets" / "course" / asset).is_file(), asset


def test_no_page_skips_a_heading_level(site_dir):
    """Screen-reader users move by headings; a jump from h1 to h3 hides where a section belongs."""
    skipped = []
    for html in sorted(site_dir.rglob("*.html")):
        article = html.read_text().split('<article', 1)[-1].split("</article>", 1)[0]
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", article)]
        skipped += [f"{html.relative_to(site_dir)}: h{a} then h{b}"
                    for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skipped, skipped


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
    (tmp_path / "tools").symlink_to(ROOT / "tools")
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


def test_mkdocs_serve_live_reloads_exercise_edits(scratch):
    """Editing an exercise folder (not a page) rebuilds the page that embeds it."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    (scratch / "docs" / "lesson.md").write_text("# Lesson\n\n{{ exercise(\"siglip-2/sigmoid-loss\") }}\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload",
         "-a", f"127.0.0.1:{port}", "-f", str(scratch / "mkdocs.yml")],
        cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def page_text() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/lesson/", timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 60
        while "The sigmoid loss" not in page_text():
            assert time.monotonic() < deadline, "mkdocs serve did not come up"
            time.sleep(0.5)
        toml = scratch / "exercises" / "siglip-2" / "sigmoid-loss" / "exercise.toml"
        toml.write_text(toml.read_text().replace('title = "The sigmoid loss"', 'title = "Edited title"'))
        deadline = time.monotonic() + 60
        while "Edited title" not in page_text():
            assert time.monotonic() < deadline, "the exercise edit was not picked up"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_math_is_typeset_at_build_time_and_bad_tex_fails(scratch):
    (scratch / "docs" / "lesson.md").write_text("# Lesson\n\nInline $a^2$ and\n\n$$\n\\frac{1}{N}\n$$\n")
    done = build(scratch)
    assert done.returncode == 0, done.stderr
    page = (scratch / "site" / "lesson" / "index.html").read_text()
    pictures = re.findall(r'<(span|div) class="arithmatex"><svg class="course-math" '
                          r'xmlns="http://www.w3.org/2000/svg" viewBox="[-\d. ]+" role="img" '
                          r'aria-label="([^"]+)" fill="currentColor" '
                          r'style="width:[\d.]+em;vertical-align:-?[\d.]+em">'
                          r'<path d="M[-\d][^"]*"></path></svg></\1>', page)
    # Each formula is one path, named by the formula spoken (a screen reader's words).
    assert pictures == [("span", "a squared"), ("div", "1 over N")]
    assert "\\frac" not in page and "katex" not in page  # no TeX, no math stylesheet in the page
    (scratch / "docs" / "lesson.md").write_text("# Lesson\n\nBad $\\nosuchmacro{x}$.\n")
    done = build(scratch)
    assert done.returncode != 0
    assert "docs/lesson.md: math error" in done.stderr and "nosuchmacro" in done.stderr



def test_math_needs_no_plugin():
    """Another tool that runs the Markdown extension but no MkDocs plugin (Zensical) gets the
    same typeset math: the picture is in the page, nothing else is needed."""
    import markdown

    page = markdown.markdown("Inline $\\sigma(z)$.",
                             extensions=["pymdownx.arithmatex", "course.pages.markdown"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})
    assert re.fullmatch(r'<p>Inline <span class="arithmatex"><svg class="course-math" [^>]*'
                        r'aria-label="sigma of z"[^>]*><path d="[^"]+"></path></svg></span>.</p>', page), page

def test_broken_internal_link_and_anchor_fail_with_file_and_line(scratch):
    (scratch / "docs" / "other.md").write_text("# Other\n\n## Real section\n")
    (scratch / "docs" / "lesson.md").write_text(
        "# Lesson\n\nSee [the other page](other.md#real-section).\n\n"
        "A [typo](othr.md) and a [missing anchor](other.md#no-such-section).\n\n"
        "Here: [self](#lesson) and [nowhere](#nowhere). Code `[x](gone.md)` is ignored.\n")
    done = build(scratch)
    assert done.returncode != 0
    assert "docs/lesson.md:5: link to 'othr.md': there is no page othr.md" in done.stderr
    assert "docs/lesson.md:5: link to 'other.md#no-such-section': other.md has no heading" in done.stderr
    assert "docs/lesson.md:7: link to '#nowhere'" in done.stderr
    assert "real-section'" not in done.stderr and "gone.md" not in done.stderr


def test_the_header_switch_is_materials_template_but_for_its_component():
    """course/pages/theme/partials/palette.html is Material's own, without the attribute that
    makes Material's bundle run it (widgets/palette.js does): an upgrade of Material that changes
    the template fails here, so the copy is brought up to date with it."""
    import material

    def body(path: Path) -> str:  # the template without its leading comment
        return re.sub(r"^\{#-.*?-#\}\s*", "", path.read_text(encoding="utf-8"), flags=re.S)

    theirs = body(Path(material.__file__).parent / "templates" / "partials" / "palette.html")
    ours = body(ROOT / "course" / "pages" / "theme" / "partials" / "palette.html")
    assert ' data-md-component="palette"' in theirs
    assert ours == theirs.replace(' data-md-component="palette"', "", 1)
