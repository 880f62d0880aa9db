"""Browser tests for the module home, the progress page and the self-hosted build.

The test site is built with COURSE_PYODIDE_DIR (Pyodide core + NumPy copied into the site), and
the `visit` fixture aborts and records every request to a host other than 127.0.0.1.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT
from playwright.sync_api import expect

from course.pages.pyodide import closure

pytestmark = pytest.mark.browser
DONE = re.compile(r"\bis-done\b")


def catalog(site_dir) -> dict:
    return json.loads((site_dir / "assets" / "course" / "catalog.json").read_text(encoding="utf-8"))


def reference(exercise_id: str) -> str:
    return (ROOT / "exercises" / exercise_id / "solution.py").read_text(encoding="utf-8")


def solve(visit, exercise_id: str, url: str) -> None:
    """Open the exercise's page, type the reference solution, press Check, wait for done."""
    visit.goto(url)
    visit.wait_python_ready(exercise_id)
    visit.set_code(exercise_id, reference(exercise_id))
    visit.check(exercise_id)
    expect(visit.exercise(exercise_id)).to_have_class(DONE, timeout=60_000)


def one_exercise_per_lesson(site_dir) -> dict[str, dict]:
    """The first embedded exercise of each lesson, from the build's catalog."""
    firsts: dict[str, dict] = {}
    for item in catalog(site_dir)["exercises"]:
        firsts.setdefault(item["lesson"], item)
    return firsts


def page_data(page) -> dict:
    """The JSON document the build wrote into the page's head (widgets/contract.js PageData)."""
    return json.loads(page.locator("#course-page").text_content())


def course_keys(page) -> list[str]:
    """The course's own keys in localStorage (the theme keeps some of its own there too)."""
    prefix = page_data(page)["settings"]["storagePrefix"]
    return page.evaluate("prefix => Object.keys(localStorage).filter((key) => key.startsWith(prefix))",
                         prefix)


def progress_item(page, item_id: str):
    return page.locator(f'[data-progress-item="{item_id}"]')


def test_concept_links_land_on_their_sections(visit):
    page = visit.goto("")
    links = page.locator(".md-content table a[href*='#']")
    # [href attribute, path from the site root]; Material may have made the attribute absolute.
    found = links.evaluate_all("""(nodes, root) => nodes.map(n => [n.getAttribute("href"),
        n.href.replace(root, "")])""", visit.server.url)
    targets = list(dict.fromkeys((attr, path) for attr, path in found
                                 if path.split("/")[0] in ("siglip-2", "sam-3")))
    assert len(targets) >= 15, f"the home page's tables should link to lesson sections: {found}"
    assert {path.split("/")[0] for _, path in targets} == {"siglip-2", "sam-3"}
    for attr, path in targets:
        visit.goto("")
        anchor = path.split("#", 1)[1]
        page.locator(f'.md-content table a[href="{attr}"]').first.click()
        page.wait_for_url(f"**/{path}")
        target = page.locator(f'[id="{anchor}"]')
        expect(target).to_have_count(1)
        tag = target.evaluate("node => node.tagName")
        assert tag in ("H2", "H3", "H4"), f"{path} should land on a section heading, not a {tag}"
        expect(target).to_be_in_viewport()


def test_progress_shows_done_exercises_from_both_lessons(visit, site_dir):
    firsts = one_exercise_per_lesson(site_dir)
    assert set(firsts) == {"siglip-2", "sam-3"}, f"an exercise embedded in each lesson: {firsts}"
    everything = catalog(site_dir)

    page = visit.goto("progress/")
    expect(page.locator("[data-progress-page][data-ready]")).to_have_count(1)
    lessons = page.locator("[data-lesson]").evaluate_all("nodes => nodes.map(n => n.dataset.lesson)")
    assert lessons == ["siglip-2", "sam-3"], "lessons in the course's order"
    for item in everything["exercises"] + everything["quizzes"]:
        expect(progress_item(page, item["id"])).to_be_visible()
        expect(progress_item(page, item["id"])).not_to_have_class(DONE)

    for item in firsts.values():
        solve(visit, item["id"], item["url"])

    page = visit.goto("progress/")
    for item in firsts.values():
        row = progress_item(page, item["id"])
        expect(row).to_have_class(DONE)
        expect(row).to_contain_text("done")
    others = [i for i in everything["exercises"] if i not in firsts.values()]
    for item in others:
        expect(progress_item(page, item["id"])).not_to_have_class(DONE)
    done = len(firsts)
    expect(page.locator(".course-progress__overall")).to_contain_text(
        f"{done} of {len(everything['exercises'])} exercises done")
    # Each row links to its exercise on the lesson page.
    first = firsts["sam-3"]
    progress_item(page, first["id"]).get_by_role("link").click()
    page.wait_for_url(f"**/{first['url']}")
    expect(visit.exercise(first["id"])).to_be_visible()
    assert not visit.external, f"requests left 127.0.0.1: {visit.external}"


def test_export_clear_import_restores_code_and_progress(visit, site_dir, tmp_path):
    exercise_id = "siglip-2/sigmoid-loss"
    item = next(i for i in catalog(site_dir)["exercises"] if i["id"] == exercise_id)
    solve(visit, exercise_id, item["url"])
    code = visit.editor_text(exercise_id)
    assert "logaddexp" in code

    page = visit.goto("progress/")
    expect(progress_item(page, exercise_id)).to_have_class(DONE)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download_info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["records"][f"exercise:{exercise_id}"]["code"] == code
    assert data["records"][f"exercise:{exercise_id}"]["done"] is True

    # Clear asks first: Cancel keeps everything.
    page.get_by_role("button", name="Clear progress").click()
    dialog = page.get_by_role("dialog", name="Clear your progress?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(progress_item(page, exercise_id)).to_have_class(DONE)

    page.get_by_role("button", name="Clear progress").click()
    dialog.get_by_role("button", name="Clear everything").click()
    expect(page.get_by_role("status")).to_contain_text("Cleared")
    expect(progress_item(page, exercise_id)).not_to_have_class(DONE)
    assert course_keys(page) == []

    with page.expect_file_chooser() as chooser_info:
        page.get_by_role("button", name="Import progress").click()
    chooser_info.value.set_files(exported)
    expect(page.get_by_role("status")).to_contain_text("Imported")
    expect(progress_item(page, exercise_id)).to_have_class(DONE)

    visit.goto(item["url"])
    expect(visit.exercise(exercise_id)).to_have_class(DONE)
    visit.exercise(exercise_id).get_by_role("textbox").wait_for()
    assert visit.editor_text(exercise_id) == code


def test_import_rejects_a_file_that_is_not_an_export(visit, tmp_path):
    page = visit.goto("progress/")
    expect(page.locator("[data-progress-page][data-ready]")).to_have_count(1)
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with page.expect_file_chooser() as chooser_info:
        page.get_by_role("button", name="Import progress").click()
    chooser_info.value.set_files(bad)
    expect(page.get_by_role("status")).to_contain_text("not a progress export")
    assert course_keys(page) == []


def test_self_hosted_build_needs_no_third_party_host(visit, site_dir):
    settings = page_data(visit.goto(""))["settings"]
    assert settings["pyodideUrl"] == "assets/pyodide/", "the test site is built with COURSE_PYODIDE_DIR"
    pyodide = site_dir / "assets" / "pyodide"
    assert (pyodide / "pyodide.asm.wasm").is_file()
    # Only what the exercises need: NumPy, and the packages the site offers, with their
    # dependencies, from the pinned distribution's own lock file.
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    wanted = closure(lock, ["numpy", *settings["packages"]])
    copied = sorted(p.name for p in pyodide.glob("*.whl"))
    assert copied == sorted(lock["packages"][name]["file_name"] for name in wanted)
    assert not any(w.startswith(("scipy-", "pandas-")) for w in copied)
    exercise_id = "siglip-2/sigmoid-loss"
    item = next(i for i in catalog(site_dir)["exercises"] if i["id"] == exercise_id)
    solve(visit, exercise_id, item["url"])
    report = visit.exercise(exercise_id).locator(".course-report")
    expect(report).to_contain_text("checks passed")
    assert any("/assets/pyodide/" in url for url in visit.requests), "Pyodide came from the site itself"
    assert not visit.external, f"requests left 127.0.0.1: {visit.external}"
