"""Nothing a student does is lost or misreported (each case was reproduced on the code before
its fix): a full storage is said out loud, an older tab never writes over newer code, import
says exactly what it stored and merges, output streams, the page trusts only its own jobs, one
exercise's settings stay in that exercise, and the page declares where it may load from."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT
from playwright.sync_api import expect

from course import exercises

pytestmark = pytest.mark.browser
EX = "siglip-2/sigmoid-loss"
SIGMOID = exercises.get(EX, ROOT / "exercises")
DONE = re.compile(r"\bis-done\b")

FILL_STORAGE = """() => {
    // Fill localStorage until it throws: big chunks first, then small ones to the last byte.
    for (const size of [1 << 20, 1 << 14, 1 << 8, 1]) {
        const chunk = "x".repeat(size);
        try { for (let i = 0; ; i++) localStorage.setItem(`filler-${size}-${i}`, chunk); } catch {}
    }
}"""


def button(visit, name: str, exercise_id: str = EX):
    return visit.reach(exercise_id).get_by_role("button", name=name, exact=True)


def output(visit, exercise_id: str = EX):
    return visit.reach(exercise_id).locator(".course-exercise__output")


def record(page, exercise_id: str = EX) -> dict | None:
    prefix = json.loads(page.locator("#course-page").text_content())["settings"]["storagePrefix"]
    raw = page.evaluate("key => localStorage.getItem(key)", f"{prefix}exercise:{exercise_id}")
    return None if raw is None else json.loads(raw)


# --- 1. a full storage ---------------------------------------------------------------------------

def test_storage_that_fills_up_is_said_next_to_the_exercise_and_no_pass_is_shown_as_done(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    page.evaluate(FILL_STORAGE)
    visit.set_code(EX, SIGMOID.solution)
    report = visit.check(EX)
    expect(report).to_contain_text(re.compile(r"All \d+ checks passed"))
    expect(report).to_contain_text("did not let the page save")
    root = visit.reach(EX)
    expect(root.locator(".course-exercise__notice", has_text="not letting the page save")).to_be_visible()
    expect(root).not_to_have_class(DONE)
    assert record(page) is None  # and the page said so: nothing it claims is stored
    # Room again: the next save works, and what could not be saved before is saved with it.
    page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('filler-'))"
                  ".forEach(k => localStorage.removeItem(k))")
    visit.set_code(EX, SIGMOID.solution + "# saved now\n")
    visit.wait_saved(EX, SIGMOID.solution + "# saved now\n")
    expect(root.locator(".course-exercise__notice", has_text="not letting the page save")).to_be_hidden()
    expect(root).to_have_class(DONE)  # the pass the browser refused to store, stored now
    assert record(page)["done"] is True


# --- 2. an older tab ---------------------------------------------------------------------------------

def test_an_older_tab_never_writes_over_newer_code(visit):
    last = list(json.loads(visit.goto("siglip-2/").locator("#course-page").text_content())["exercises"])[-1]
    tab_a = visit  # opened at the top: the last exercise is far below and not built yet
    tab_b = visit.new_tab()
    tab_b.page.goto(visit.server.url + "siglip-2/")
    tab_b.set_code(last, "# written in tab B\n")
    tab_b.page.wait_for_function("(id) => Object.keys(localStorage).some(k => k.endsWith('exercise:' + id)"
                                 " && localStorage.getItem(k).includes('written in tab B'))", arg=last)
    tab_b.page.close()
    tab_a.reach(last)  # now tab A builds that exercise, from a page parsed before tab B typed
    assert tab_a.editor_text(last) == "# written in tab B\n"
    assert record(tab_a.page, last)["code"] == "# written in tab B\n"


# --- progress per site ------------------------------------------------------------------------------

def test_two_sites_on_one_origin_keep_their_own_progress_and_older_keys_are_carried_over(
        browser, server, tmp_path):
    """A second build of the site, served from another path of the same origin, is another
    course: its progress is its own. Progress stored before keys carried the site's path is
    found again."""
    from sitebuild import build_site
    from visitor import Visit

    other = server.site_dir.parent / "other-course"
    done = build_site(other, site_url=server.origin + "other-course/")
    assert done.returncode == 0, done.stderr
    visit = Visit(browser, server)
    try:
        page = visit.goto("siglip-2/")
        settings = json.loads(page.locator("#course-page").text_content())["settings"]
        # What an older version of the site stored, under the course's name alone:
        page.evaluate("() => localStorage.clear()")
        page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                      [f"{settings['storageKey']}:exercise:{EX}", json.dumps({"code": "# from before\n"})])
        page.reload()
        assert visit.editor_text(EX) == "# from before\n"
        visit.set_code(EX, "# course one\n")
        visit.wait_saved(EX, "# course one\n")
        page.goto(server.origin + "other-course/siglip-2/")
        other_settings = json.loads(page.locator("#course-page").text_content())["settings"]
        assert other_settings["storagePrefix"] != settings["storagePrefix"]
        visit.set_code(EX, "# course two\n")
        visit.wait_saved(EX, "# course two\n")
        page.goto(visit.server.url + "siglip-2/")
        assert visit.editor_text(EX) == "# course one\n"
    finally:
        visit.close()
    assert not visit.errors, visit.errors


# --- 3. import -------------------------------------------------------------------------------------

def import_file(page, path) -> str:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(path)
    # The message names the file, so a message left by an earlier import is never read as this one's.
    said = re.compile(rf"(Imported from|Could not import) {re.escape(path.name)}")
    status = page.get_by_role("status").filter(has_text=said)
    expect(status).to_have_count(1)
    return status.text_content()


def export(records: dict) -> str:
    return json.dumps({"format": "vision-course-progress", "version": 1, "records": records})


def test_import_stores_exactly_what_it_says_and_skips_unknown_ids(visit, tmp_path):
    page = visit.goto("progress/")
    expect(page.locator("[data-progress-page][data-ready]")).to_have_count(1)
    huge = tmp_path / "huge.json"
    huge.write_text(export({f"exercise:{EX}": {"code": "x" * 8_000_000}}))
    assert "Could not import" in import_file(page, huge)
    assert record(page) is None
    junk = tmp_path / "junk.json"
    junk.write_text(export({f"exercise:nope/junk-{i}": {"code": "1"} for i in range(50_001)}))
    said = import_file(page, junk)
    assert "0 records stored" in said and "50,001 records skipped" in said.replace("50001", "50,001")
    keys = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('junk-')).length")
    assert keys == 0


def test_import_merges_and_never_replaces_newer_work(visit, tmp_path):
    lesson = visit.goto("siglip-2/")
    visit.set_code(EX, "# my newest code\n")
    lesson.get_by_role("button", name="Hint").first.wait_for()
    prefix = json.loads(lesson.locator("#course-page").text_content())["settings"]["storagePrefix"]
    lesson.wait_for_function(
        "(key) => (JSON.parse(localStorage.getItem(key)) || {}).code === '# my newest code\\n'",
        arg=f"{prefix}exercise:{EX}")
    lesson.evaluate("(key) => { const r = JSON.parse(localStorage.getItem(key));"
                    " localStorage.setItem(key, JSON.stringify({...r, done: true, hints: 2})); }",
                    f"{prefix}exercise:{EX}")
    progress = visit.new_tab()
    page = progress.page
    page.goto(visit.server.url + "progress/")
    expect(page.locator("[data-progress-page][data-ready]")).to_have_count(1)
    older = tmp_path / "older.json"
    older.write_text(export({f"exercise:{EX}": {"code": "# an old draft\n", "editedAt": 1_000,
                                                "done": False, "hints": 0, "failures": 7}}))
    said = import_file(page, older)
    assert "1 record stored" in said
    stored = record(page)
    assert stored["done"] is True and stored["hints"] == 2 and stored["failures"] == 7
    assert stored["code"] == "# my newest code\n"
    assert "never loses newer work" in page.locator(".course-progress__rule").text_content()
    # Newer code from the file does replace older code, and the open lesson follows.
    newer = tmp_path / "newer.json"
    newer.write_text(export({f"exercise:{EX}": {"code": "# from the other computer\n",
                                                "editedAt": 4_102_444_800_000}}))
    import_file(page, newer)
    expect(lesson.locator(f'[data-exercise="{EX}"] .cm-content')).to_contain_text("from the other computer")


# --- 4. output that streams ------------------------------------------------------------------------

def test_printed_output_reaches_the_page_while_the_code_runs_and_stays_after_stop(visit):
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "print('before the loop')\nwhile True:\n    pass\n")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("before the loop\n")
    expect(button(visit, "Stop")).to_be_enabled()  # still running
    button(visit, "Stop").click()
    expect(output(visit)).to_contain_text("Stopped")
    expect(output(visit).locator(".course-out--stdout")).to_have_text("before the loop\n")
    visit.set_code(EX, "import time\nprint('first')\nt = time.time()\nwhile time.time() - t < 4:\n"
                       "    pass\nprint('last')\n")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("first\n")
    assert "last" not in output(visit).text_content()  # the first line came while it ran
    expect(output(visit).locator(".course-out--stdout")).to_have_text("first\nlast\n")


def test_output_that_ends_exactly_at_the_cap_still_says_it_was_cut(visit):
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "print('x' * 199_999)\nprint('more')\n")
    button(visit, "Run").click()
    expect(output(visit)).to_contain_text("output truncated")
    assert "more" not in output(visit).locator(".course-out--stdout").text_content()


# --- 5. the page trusts only its own jobs ------------------------------------------------------------

FORGE = """
import js
for job in range(1, 400):
    js.postMessage(js.JSON.parse('{"type": "result", "id": %d, "fatal": false, "result": {"status":'
        ' "graded", "all_passed": true, "error": null, "note": null, "results": [{"name": "forged",'
        ' "passed": true, "message": "passed", "likely": null}]}}' % job))
js.postMessage(js.JSON.parse('{"type": "stream", "id": 1, "chunks": '
                            '[{"stream": "stdout", "text": "FORGED"}]}'))
print("my own output")
"""


def test_messages_forged_by_student_code_change_nothing(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, FORGE)
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("my own output\n")
    assert not any("FORGED" in text for text in page.locator(".course-exercise__output").all_text_contents())
    assert page.locator("[data-exercise].is-done").count() == 0
    others = [e for e in json.loads(page.locator("#course-page").text_content())["exercises"] if e != EX]
    assert all(record(page, other) is None for other in others)


@pytest.mark.parametrize("silencer", ["import js\njs.close()", "import js\njs.self.onmessage = None",
                                      "import js\njs.self.postMessage = None"])
def test_a_worker_closed_or_silenced_by_student_code_is_replaced(visit, silencer):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, silencer + "\nprint('said')\n")
    button(visit, "Run").click()
    expect(output(visit)).to_contain_text("said")
    other = next(e for e in json.loads(page.locator("#course-page").text_content())["exercises"] if e != EX)
    visit.set_code(other, "print('the next job runs')\n")
    button(visit, "Run", other).click()
    expect(output(visit, other).locator(".course-out--stdout")).to_have_text("the next job runs\n",
                                                                             timeout=60_000)
    expect(output(visit, other)).not_to_contain_text("infinite loop")


# --- 6. one exercise's settings stay in it ---------------------------------------------------------------

def test_settings_changed_by_one_exercise_do_not_reach_another(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "import numpy as np, sys\nnp.set_printoptions(precision=1)\n"
                       "sys.setrecursionlimit(60)\nprint(np.array([1 / 3]))\n")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("[0.3]\n")
    other = next(e for e in json.loads(page.locator("#course-page").text_content())["exercises"] if e != EX)
    visit.set_code(other, "import numpy as np, sys\nprint(np.array([1 / 3]), sys.getrecursionlimit() > 60)\n")
    button(visit, "Run", other).click()
    expect(output(visit, other).locator(".course-out--stdout")).to_have_text("[0.33333333] True\n")


# --- 7. the smaller ones ---------------------------------------------------------------------------------

def test_a_record_with_fields_of_the_wrong_type_is_not_trusted(visit):
    page = visit.goto("siglip-2/")
    prefix = json.loads(page.locator("#course-page").text_content())["settings"]["storagePrefix"]
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"{prefix}exercise:{EX}", json.dumps({"hints": "abc", "done": "no", "failures": -3})])
    page.reload()
    root = visit.reach(EX)
    expect(root).not_to_have_class(DONE)
    expect(button(visit, "Hint")).to_be_enabled()
    button(visit, "Hint").click()
    expect(root.get_by_role("list", name="Hints").locator("li")).to_have_count(1)


def test_a_job_queued_behind_another_exercise_says_it_is_waiting(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    other = next(e for e in json.loads(page.locator("#course-page").text_content())["exercises"] if e != EX)
    visit.set_code(EX, "import time\nt = time.time()\nwhile time.time() - t < 3:\n    pass\n")
    visit.set_code(other, "print('after')\n")
    button(visit, "Run").click()
    expect(button(visit, "Stop")).to_be_enabled()
    button(visit, "Run", other).click()
    expect(output(visit, other)).to_contain_text("Waiting for the code of another exercise")
    expect(output(visit, other).locator(".course-out--stdout")).to_have_text("after\n")


def test_done_records_the_code_that_was_checked(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    busy = "    import time\n    start = time.time()\n    while time.time() - start < 0.3:\n        pass\n"
    slow = SIGMOID.solution.replace("    n = len(image_emb)", busy + "    n = len(image_emb)")
    visit.set_code(EX, slow)
    button(visit, "Check").click()
    expect(button(visit, "Stop")).to_be_enabled()
    visit.reach(EX).get_by_role("textbox").click()  # back into the editor while the checks run
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("# typed while the checks ran\n")
    expect(visit.reach(EX).locator(".course-report")).to_contain_text("checks passed")
    assert record(page)["doneCode"] == slow


# --- 8. a Content-Security-Policy ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "siglip-2/", "progress/", "glossary/"])
def test_every_page_declares_where_it_may_load_from_and_it_is_enforced(visit, path):
    page = visit.goto(path)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    page.evaluate("() => fetch('https://example.com/steal').catch(() => null)")
    page.wait_for_function("() => window.__cspViolations.some(v => v.includes('connect-src'))")
    visit.errors.clear()  # that violation was the point; any other fails the test
    page.evaluate("() => { window.__cspViolations.length = 0; }")
