"""The exercise engine in a real Chromium: the student's loop, end to end.

The site is built with Pyodide copied from the offline distribution and served on
127.0.0.1; every request to another host is aborted (see conftest.Visit).
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import check_count
from playwright.sync_api import expect
from sitebuild import ROOT

from course import exercises

pytestmark = pytest.mark.browser
EX = "siglip-2/sigmoid-loss"
SIGMOID = exercises.get(EX, ROOT / "exercises")
CHECKS = check_count(SIGMOID)  # the checks of sigmoid-loss


def button(visit, name, exercise_id=EX):
    return visit.reach(exercise_id).get_by_role("button", name=name, exact=True)


def output(visit, exercise_id=EX):
    return visit.reach(exercise_id).locator(".course-exercise__output")


def test_controls_have_accessible_names_and_the_editor_is_a_textbox(visit):
    visit.goto("siglip-2/")
    root = visit.reach(EX)
    expect(root.get_by_role("textbox", name="Code editor: The sigmoid loss")).to_be_visible()
    for name in ("Run", "Check", "Stop", "Reset", "Hint", "Solution"):
        expect(root.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(root.get_by_role("heading", name=re.compile("The sigmoid loss"))).to_be_visible()
    assert visit.editor_text(EX) == SIGMOID.starter


def test_solve_by_typing_the_reference_then_reload_keeps_code_and_done(visit):
    page = visit.goto("siglip-2/")
    visit.set_code(EX, SIGMOID.solution)
    report = visit.check(EX)
    expect(report).to_contain_text(f"All {CHECKS} checks passed")
    expect(visit.reach(EX)).to_have_class(re.compile("is-done"))
    expect(page.locator(".course-page-progress")).to_contain_text(re.compile(r"1 of \d+ done"))
    page.reload()
    assert visit.editor_text(EX) == SIGMOID.solution
    expect(visit.reach(EX).locator(".course-exercise__badge")).to_have_text("✓ done")
    expect(page.locator(".course-page-progress")).to_contain_text(re.compile(r"1 of \d+ done"))


def test_starter_gets_specific_failure_messages_and_wrong_answer_its_likely_cause(visit):
    visit.goto("siglip-2/")
    report = visit.check(EX)
    expect(report).to_contain_text(f"0 of {CHECKS} checks passed")
    expect(report).to_contain_text("not implemented yet")
    wrong = next(w for w in SIGMOID.wrong if w.path.name == "mean_over_all_pairs.py")
    visit.set_code(EX, wrong.source)
    report = visit.check(EX)
    expect(report).to_contain_text(wrong.expect)
    expect(report).to_contain_text("expected: 1.00641")  # what was expected, and what came back
    expect(report).to_contain_text("got:      0.503204")


def test_run_shows_stdout_stderr_value_and_a_traceback_into_the_students_line(visit):
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "import sys\nprint('hello')\nprint('oops', file=sys.stderr)\n6 * 7\n")
    button(visit, "Run").click()
    out = output(visit)
    expect(out.locator(".course-exercise__value")).to_have_text("42")
    expect(out.locator(".course-out--stdout")).to_have_text("hello\n")
    expect(out.locator(".course-out--stderr")).to_have_text("oops\n")
    visit.set_code(EX, "def f(x):\n    return 1 / x\n\nf(0)\n")
    button(visit, "Run").click()
    error = out.locator(".course-exercise__error")
    expect(error).to_contain_text("ZeroDivisionError: division by zero")
    text = error.inner_text()
    assert "line 4" in text and "line 2, in f" in text and "return 1 / x" in text
    assert "runtime.py" not in text and "pyodide" not in text.lower()


def test_each_run_shows_only_its_own_output(visit):
    """Runs one after another, some with the last one's shape of output (one value, an error,
    "(no output)") and some with another: the output is always this Run's, whole, and nothing
    of the last."""
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    out = output(visit)
    root = visit.reach(EX)
    for code, value, error, printed in [
        ("6 * 7", "42", None, None),
        ("6 * 8", "48", None, None),  # the same shape: one value
        ("1 / 0", None, "ZeroDivisionError", None),
        ("1 / 0.5", "2.0", None, None),
        ("print('hi')", None, None, "hi\n"),
        ("x = 1", None, None, None),
        ("x = 2", None, None, None),  # "(no output)" again
        ("6 * 7", "42", None, None),
    ]:
        visit.set_code(EX, code)
        button(visit, "Run").click()
        # The root is aria-busy from the click to the Run's end (as Visit.check relies on): so
        # each row waits for its own Run, even one whose output looks like the last one's
        # ("x = 2" after "x = 1").
        expect(root).not_to_have_attribute("aria-busy", "true")
        if value is not None:
            expect(out.locator(".course-exercise__value")).to_have_text(value)
        elif error is not None:
            expect(out.locator(".course-exercise__error")).to_contain_text(error)
        elif printed is not None:
            expect(out.locator(".course-out--stdout")).to_have_text(printed)
        else:
            expect(out).to_have_text("(no output)")
        expect(button(visit, "Run")).to_be_enabled()
        assert out.locator(".course-exercise__value").count() == (value is not None), code
        assert out.locator(".course-exercise__error").count() == (error is not None), code
        assert out.locator(".course-exercise__stdout").count() == (printed is not None), code
        assert out.locator(".course-exercise__note").count() == (code.startswith("x =")), code


def test_printed_html_stays_text(visit):
    page = visit.goto("siglip-2/")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visit.set_code(EX, 'print("<img src=x onerror=alert(1)>")\n"<b>bold</b>"\n')
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("<img src=x onerror=alert(1)>\n")
    expect(output(visit).locator(".course-exercise__value")).to_have_text("'<b>bold</b>'")
    assert output(visit).locator("img, b").count() == 0
    assert not dialogs


# Click Run and record, at every change inside the exercise until this Run's value is shown,
# whether a "Running…" note was visible and whether Run was disabled; resolves with those and
# the ms taken. The value is shown when a value element is added or its text is written,
# whichever way the page puts this Run's value in place of the last one's.
RUN_AND_RECORD = """
(root) => new Promise((resolve) => {
  const out = root.querySelector(".course-exercise__output");
  const run = [...root.querySelectorAll("button")].find((b) => b.textContent === "Run");
  const seen = { running: false, disabled: false };
  const start = performance.now();
  const observer = new MutationObserver((records) => {
    const note = out.querySelector(".course-exercise__note:not([hidden])");
    seen.running ||= Boolean(note?.textContent.includes("Running"));
    seen.disabled ||= run.disabled;
    const value = out.querySelector(".course-exercise__value");
    const written = records.some((r) => r.type === "childList"
      && (r.target === value || [...r.addedNodes].includes(value)));
    if (value && written) {
      observer.disconnect();
      resolve({ ...seen, ms: performance.now() - start });
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  run.click();
})
"""


def test_a_quick_run_changes_the_page_once_and_a_slow_one_says_it_runs(visit):
    """A job answered within 150 ms leaves the earlier output in place until its result replaces
    it: no "Running…" flashes by, no button flickers, and no frame of the long lesson is drawn
    between the click and the result. One that takes longer says so and can be stopped."""
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "6 * 7")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-exercise__value")).to_have_text("42")
    root = visit.reach(EX)
    runs = [root.evaluate(RUN_AND_RECORD) for _ in range(5)]  # each waits for its own value
    quick = [r for r in runs if r["ms"] < 100]  # well inside 150 ms, however busy the machine
    assert quick, f"no Run of `6 * 7` answered within 100 ms: {runs}"
    assert not any(r["running"] or r["disabled"] for r in quick), runs
    visit.set_code(EX, "import time\nstart = time.time()\nwhile time.time() - start < 2:\n    pass\n'done'")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-exercise__note")).to_have_text("Running…")
    expect(button(visit, "Stop")).to_be_enabled()
    expect(button(visit, "Run")).to_be_disabled()
    expect(output(visit).locator(".course-exercise__value")).to_have_text("'done'")
    expect(button(visit, "Run")).to_be_enabled()


def test_check_pressed_while_a_quick_run_goes_on_follows_it(visit):
    """Run and Check stay on while a job is quick (nothing flickers), so a Check pressed then
    must not be lost: it runs when the Run ends. Pressed from the page itself the moment the
    Run's first line is printed, well inside the 150 ms before the buttons would turn off."""
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "import time\nprint('started', flush=True)\nstart = time.time()\n"
                       "while time.time() - start < 0.05:\n    pass\n'ran'")
    root = visit.reach(EX)
    pressed_while_running = root.evaluate("""(root) => new Promise((resolve) => {
        const out = root.querySelector(".course-exercise__output");
        const button = (name) => [...root.querySelectorAll("button")].find((b) => b.textContent === name);
        const observer = new MutationObserver(() => {
            if (!out.querySelector(".course-out--stdout")) return;
            observer.disconnect();
            const check = button("Check");
            const enabled = !check.disabled;
            check.click();
            resolve(enabled && root.getAttribute("aria-busy") === "true");
        });
        observer.observe(out, { subtree: true, childList: true, characterData: true });
        button("Run").click();
    })""")
    assert pressed_while_running
    expect(output(visit).locator(".course-report")).to_contain_text(
        f"Define a function named `{SIGMOID.function}`")  # the Check ran, on this code
    expect(visit.reach(EX)).not_to_have_attribute("aria-busy", "true")


def test_a_run_pressed_the_moment_the_last_one_answered_starts_from_a_tidy_world(visit):
    """The worker ends a Run's world a moment after sending its result (so that the result
    reaches the page at once); a job that comes sooner must end that world first, even when
    the Run rebound the runtime's own tidy(). Pressed from the page the moment the first
    result is shown, well inside that moment."""
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "import numpy as np\nimport course.engine.runtime as r\n"
                       "r.tidy = lambda: None\nnp.mean = len\nnp.mean([1.0, 3.0])")
    root = visit.reach(EX)
    values = root.evaluate("""(root) => new Promise((resolve) => {
        const out = root.querySelector(".course-exercise__output");
        const run = [...root.querySelectorAll("button")].find((b) => b.textContent === "Run");
        const seen = [];
        const observer = new MutationObserver(() => {
            const value = out.querySelector(".course-exercise__value");
            if (!value || value.textContent === seen[seen.length - 1]) return;
            seen.push(value.textContent);
            if (seen.length === 2) { observer.disconnect(); resolve(seen); return; }
            root.courseEditor.setCode("import numpy as np\\nimport course.engine.runtime as r\\n"
                + "(np.mean([1.0, 3.0]), r.tidy.__name__)");
            run.click();
        });
        observer.observe(out, { subtree: true, childList: true, characterData: true });
        run.click();
    })""")
    assert values == ["2", "(np.float64(2.0), 'tidy')"]


def test_stop_ends_runaway_code_and_python_works_again(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.set_code(EX, "while True:\n    pass\n")
    button(visit, "Run").click()
    expect(button(visit, "Stop")).to_be_enabled()
    # Running for a second at least (that is when the spare Python starts to boot): the page
    # itself must stay responsive meanwhile.
    page.wait_for_function("() => window.coursePython.spare !== null")
    assert page.evaluate("1 + 1") == 2
    button(visit, "Stop").click()
    expect(output(visit)).to_contain_text("Stopped")
    visit.set_code(EX, "print('back')\n")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("back\n")


def test_watchdog_stops_code_past_the_time_limit(visit):
    visit.goto("siglip-2/")
    visit.set_code(EX, "def siglip_loss(image_emb, text_emb, t, b):\n    while True:\n        pass\n")
    button(visit, "Check").click()
    expect(output(visit)).to_contain_text("Stopped after 10 s", timeout=60_000)
    expect(button(visit, "Check")).to_be_enabled()


def test_keyboard_shortcuts_run_and_check(visit):
    page = visit.goto("siglip-2/")
    visit.set_code(EX, "print('via keyboard')")
    page.keyboard.press("Control+Enter")
    expect(output(visit).locator(".course-out--stdout")).to_have_text("via keyboard\n")
    visit.set_code(EX, SIGMOID.solution)
    page.keyboard.press("Shift+Enter")
    expect(output(visit).locator(".course-report")).to_contain_text(f"All {CHECKS} checks passed")
    assert visit.editor_text(EX) == SIGMOID.solution  # Shift+Enter did not insert a newline


def test_hints_one_at_a_time_reset_and_solution_after_confirmation(visit):
    visit.goto("siglip-2/")
    root = visit.reach(EX)
    hints = root.get_by_role("list", name="Hints").locator("li")
    for shown in range(1, len(SIGMOID.hints) + 1):
        button(visit, "Hint").click()
        expect(hints).to_have_count(shown)
    expect(button(visit, "Hint")).to_be_disabled()
    visit.set_code(EX, "# my attempt\n")
    button(visit, "Reset").click()
    root.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    assert visit.editor_text(EX) == "# my attempt\n"
    button(visit, "Reset").click()
    root.get_by_role("dialog").get_by_role("button", name="Reset code").click()
    assert visit.editor_text(EX) == SIGMOID.starter
    button(visit, "Solution").click()
    root.get_by_role("dialog").get_by_role("button", name="Show solution").click()
    expect(root.locator(".course-exercise__solution")).to_contain_text("np.logaddexp(0.0, -labels * logits)")


def test_solution_unlocks_without_confirmation_after_three_failed_checks(visit):
    visit.goto("siglip-2/")
    root = visit.reach(EX)
    for _ in range(3):
        visit.check(EX)
        expect(output(visit).locator(".course-report")).to_contain_text(f"0 of {CHECKS}")
    button(visit, "Solution").click()
    expect(root.get_by_role("dialog")).to_have_count(0)
    expect(visit.reach(EX).locator(".course-exercise__solution")).to_be_visible()


def test_changed_starter_keeps_code_and_tells_the_student(visit):
    page = visit.goto("siglip-2/")
    prefix = json.loads(page.locator("#course-page").text_content())["settings"]["storagePrefix"]
    key = f"{prefix}exercise:{EX}"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [key, json.dumps({"code": "# from last term\n", "starterHash": "0123456789ab"})])
    page.reload()
    assert visit.editor_text(EX) == "# from last term\n"
    notice = visit.reach(EX).get_by_role("note")
    expect(notice).to_contain_text("starter code of this exercise has changed")
    visit.set_code(EX, "# edited after the notice\n")  # saving keeps the old starter's mark
    visit.wait_saved(EX, "# edited after the notice\n")
    page.reload()
    notice = visit.reach(EX).get_by_role("note")
    expect(notice).to_be_visible()
    button(visit, "Reset").click()
    visit.reach(EX).get_by_role("dialog").get_by_role("button", name="Reset code").click()
    expect(notice).to_be_hidden()
    visit.set_code(EX, "# new work on the new starter\n")
    visit.wait_saved(EX, "# new work on the new starter\n")
    page.reload()
    assert visit.editor_text(EX) == "# new work on the new starter\n"
    expect(visit.reach(EX).get_by_role("note")).to_be_hidden()


def test_instant_navigation_away_and_back_keeps_everything_working(visit):
    page = visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    visit.follow(page.get_by_role("link", name="For instructors").first, "instructors/")
    visit.back("siglip-2/")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no reload
    expect(visit.reach(EX).get_by_role("button", name="Run", exact=True)).to_be_visible()
    visit.set_code(EX, SIGMOID.solution)
    expect(visit.check(EX)).to_contain_text(f"All {CHECKS} checks passed")


def test_page_without_exercises_loads_no_python_and_no_editor(visit):
    page = visit.goto("instructors/")
    page.wait_for_load_state("networkidle")
    heavy = [u for u in visit.requests
             if re.search(r"pyodide|worker\.js|editor\.js|python\.js|\.wasm|\.whl", u)]
    assert heavy == []
    assert page.evaluate("performance.getEntriesByType('resource').length") > 0


def test_unreachable_runtime_says_so_and_retry_recovers(visit):
    blocked = {"on": True}

    def maybe_block(route):
        if blocked["on"]:
            route.abort()
        else:
            route.continue_()

    visit.context.route(re.compile(r".*/assets/pyodide/.*"), maybe_block)
    visit.goto("siglip-2/")
    status = visit.reach(EX).get_by_role("status")
    expect(status).to_contain_text("Python could not be loaded", timeout=30_000)
    button(visit, "Run").click()
    expect(output(visit)).to_contain_text("Python is not available")
    blocked["on"] = False
    visit.reach(EX).get_by_role("button", name="Retry").click()
    visit.wait_python_ready(EX)
    visit.set_code(EX, "print('recovered')")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("recovered\n")


def test_loading_progress_is_visible_and_run_before_ready_is_queued(visit):
    page = visit.goto("siglip-2/")
    status = visit.reach(EX).get_by_role("status")
    expect(status).to_contain_text(re.compile(r"loading Python… \d+%|loading NumPy|preparing"))
    visit.set_code(EX, "print('queued run')")
    button(visit, "Run").click()
    expect(output(visit).locator(".course-out--stdout")).to_have_text("queued run\n", timeout=60_000)
    assert visit.reach(EX).locator(".course-exercise__status progress").is_hidden()
    expect(visit.reach(EX).get_by_role("button", name="Retry")).to_be_hidden()
    del page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_and_colour_schemes(browser, server, scheme):
    from visitor import Visit

    phone = Visit(browser, server, viewport={"width": 360, "height": 740}, color_scheme=scheme)
    try:
        page = phone.goto("siglip-2/")
        root = phone.reach(EX)
        expect(root.get_by_role("button", name="Solution", exact=True)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        box = root.bounding_box()
        assert box["x"] >= -8 and box["x"] + box["width"] <= 360 + 8
        bg = root.locator(".cm-editor").evaluate("e => getComputedStyle(e).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", bg)[:3]]
        luminance = sum(channels) / (3 * 255)
        assert (luminance < 0.3) if scheme == "dark" else (luminance > 0.7), bg
        # Long lines (the starter's docstring) wrap: nothing of the code hides off to the right.
        code = root.locator(".cm-scroller")
        assert code.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), code.evaluate(
            "e => [e.scrollWidth, e.clientWidth]")
        assert not phone.errors
    finally:
        phone.close()
