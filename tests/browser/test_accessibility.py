"""Accessibility in a real Chromium: an axe-core audit of every page of the built site, in the
light and dark palettes and in the states a student brings about, and a student who solves an
exercise and answers a question with the keyboard alone.

axe-core comes from npm (a pinned devDependency in package.json) and is injected by the test;
the site itself never ships it. Only violations of impact "serious" or "critical" fail a test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import check_count
from playwright.sync_api import Page, TimeoutError, expect
from sitebuild import ROOT
from visitor import Visit

from course import exercises

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
LESSON = "siglip-2/"
EX = "siglip-2/sigmoid-loss"
CHECKS = check_count(exercises.get(EX, ROOT / "exercises"))
PYTHON_TIMEOUT = 120_000  # Python loads in seconds, but this machine's 2 cores are shared


def page_paths(docs: Path = ROOT / "docs") -> list[str]:
    """The URL path of every page MkDocs builds from docs/ (directory URLs), and the 404 page."""
    paths = []
    for source in sorted(docs.rglob("*.md")):
        stem = source.relative_to(docs).with_suffix("").as_posix()
        paths.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return [*paths, "404.html"]


PAGES = page_paths()


# --- helpers ----------------------------------------------------------------------------------

@contextmanager
def visitor(browser, server, scheme: str) -> Iterator[Visit]:
    """A fresh visitor whose system prefers the given colour scheme (Material follows it)."""
    guest = Visit(browser, server, color_scheme=scheme, bypass_csp=True)  # to inject axe-core
    try:
        yield guest
        assert not guest.errors, f"uncaught errors in the page: {guest.errors}"
    finally:
        guest.close()


def open_page(guest: Visit, path: str, scheme: str) -> Page:
    """Load a page, check the palette really is the wanted one, and mount everything on it."""
    page = guest.goto(path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    mount_everything(page)
    return page


def mount_everything(page: Page) -> None:
    """Bring every exercise, widget, question and diagram near the viewport, as a reader scrolling
    down would (exercises build their editor only then), and wait until all of them are mounted."""
    mountable = ("[data-exercise], [data-widget], [data-progress-page], .admonition.quiz[data-quiz], "
                 ".course-diagram")
    for node in page.locator(mountable).all():
        node.scroll_into_view_if_needed()
    waiting = """() => [
        ...[...document.querySelectorAll('[data-exercise]')].filter((n) => !n.querySelector('.cm-content'))
           .map((n) => `exercise ${n.dataset.exercise}`),
        ...[...document.querySelectorAll('[data-widget], [data-progress-page], .admonition.quiz[data-quiz]')]
           .filter((n) => !n.dataset.mounted).map((n) => n.outerHTML.slice(0, 80)),
        ...[...document.querySelectorAll('.course-diagram:has(template)')].map(() => 'a diagram')]"""
    try:
        page.wait_for_function(f"() => !({waiting})().length")
    except TimeoutError:
        raise AssertionError(f"not mounted after 30 s: {page.evaluate(waiting)}") from None
    page.evaluate("window.scrollTo(0, 0)")


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the whole document; its serious and critical violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    # Colours are measured at rest: a button's 125 ms colour transition (after a click moved the
    # focus to it) would otherwise be measured half way, and fail or pass by chance.
    violations = page.evaluate("""async (tags) => {
        await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
        return (await axe.run(document, {
            runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
    }""", AXE_TAGS)
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict], where: str, shown: int = 8) -> str:
    """A failure message: each rule with its impact and help, and the offending elements."""
    lines = [f"{where}: {len(violations)} serious/critical axe-core violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:shown]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(node['target'])}\n      {summary[:300]}")
        if len(v["nodes"]) > shown:
            lines.append(f"    … and {len(v['nodes']) - shown} more")
    return "\n".join(lines)


def assert_no_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations, where)


def quiz_answer(slug: str, title: str) -> tuple[int, int]:
    """(index of the correct option, number of options) of a `!!! quiz` in docs/<slug>.md."""
    text = (ROOT / "docs" / f"{slug}.md").read_text(encoding="utf-8")
    block = re.search(rf'^!!! quiz "{re.escape(title)}"\n((?:[ \t]*\n|    .*\n)*)', text, re.M)
    assert block, f"no quiz titled {title!r} in docs/{slug}.md"
    marks = re.findall(r"^    - \[([ xX])\]", block.group(1), re.M)
    return [m.lower() for m in marks].index("x"), len(marks)


# --- the audit --------------------------------------------------------------------------------

def test_the_audit_covers_every_built_page(site_dir):
    built = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                   if not p.relative_to(site_dir).as_posix().startswith("assets/"))
    audited = sorted(p + "index.html" if not p.endswith(".html") else p for p in PAGES)
    assert built == audited


def test_axe_core_is_pinned_for_the_tests_and_not_shipped(site_dir):
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"axe-core must be pinned exactly, not {version!r}"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"] == version
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == version, "node_modules is stale: run `npm ci`"
    shipped = [p for p in site_dir.rglob("*") if "axe" in p.name.lower()]
    assert shipped == [], f"axe-core is a test tool, not part of the site: {shipped}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_page_has_no_serious_accessibility_violations(browser, server, path, scheme):
    with visitor(browser, server, scheme) as guest:
        page = open_page(guest, path, scheme)
        assert_no_violations(page, f"/{path} ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_exercise_and_quiz_states_have_no_serious_violations(browser, server, scheme):
    """What a student sees after working: output with an error, a failing report, a hint, the
    confirmation dialog, the solution, a passing exercise, and answered questions."""
    with visitor(browser, server, scheme) as guest:
        page = open_page(guest, LESSON, scheme)
        root = guest.reach(EX)
        guest.wait_python_ready(EX, timeout=PYTHON_TIMEOUT)
        guest.set_code(EX, "import sys\nprint('out')\nprint('err', file=sys.stderr)\n1 / 0\n")
        root.get_by_role("button", name="Run", exact=True).click()
        expect(root.locator(".course-exercise__error")).to_contain_text("ZeroDivisionError")
        assert_no_violations(page, f"/{LESSON} ({scheme}) after Run with an error")

        guest.set_code(EX, (ROOT / "exercises" / EX / "starter.py").read_text(encoding="utf-8"))
        expect(guest.check(EX)).to_contain_text(f"0 of {CHECKS} checks passed",
                                                timeout=PYTHON_TIMEOUT)
        root.get_by_role("button", name="Hint", exact=True).click()
        expect(root.get_by_role("list", name="Hints").locator("li")).to_have_count(1)
        root.get_by_role("button", name="Solution", exact=True).click()
        expect(root.get_by_role("dialog")).to_be_visible()
        assert_no_violations(page, f"/{LESSON} ({scheme}) with the solution dialog open")
        root.get_by_role("dialog").get_by_role("button", name="Show solution").click()
        expect(root.locator(".course-exercise__solution")).to_be_visible()
        assert_no_violations(page, f"/{LESSON} ({scheme}) after Check, Hint and Solution")

        solved = "siglip-2/softmax-loss"
        guest.set_code(solved, (ROOT / "exercises" / solved / "solution.py").read_text(encoding="utf-8"))
        expect(guest.check(solved)).to_contain_text("checks passed — exercise done",
                                                    timeout=PYTHON_TIMEOUT)

        quizzes = page.locator(".admonition.quiz[data-quiz]")
        for index, pick in ((0, "right"), (1, "wrong")):
            quiz = quizzes.nth(index)
            title = quiz.locator(".admonition-title").inner_text().strip()
            correct, count = quiz_answer(LESSON.strip("/"), title)
            choice = correct if pick == "right" else (correct + 1) % count
            quiz.locator(".course-quiz__option").nth(choice).click()
            quiz.get_by_role("button", name="Check answer").click()
            expect(quiz.locator(".course-quiz__verdict")).to_have_class(
                re.compile("is-right" if pick == "right" else "is-wrong"))
            quiz.locator("summary").click()  # the explanations of the other options
        assert_no_violations(page, f"/{LESSON} ({scheme}) after solving and answering questions")


# --- the keyboard alone -----------------------------------------------------------------------

NO_POINTER = """window.__pointerEvents = 0;
for (const type of ["pointerdown", "mousedown", "touchstart"]) {
  addEventListener(type, (event) => { if (event.isTrusted) window.__pointerEvents += 1; }, true);
}"""

FOCUSED = """() => {
  const node = document.activeElement;
  return {
    name: (node.getAttribute("aria-label") || node.textContent || "").trim().slice(0, 80),
    tag: node.tagName.toLowerCase(), type: node.type ?? null,
    editorOf: node.classList.contains("cm-content")
      ? node.closest("[data-exercise]")?.dataset.exercise ?? null : null,
    exercise: node.closest("[data-exercise]")?.dataset.exercise ?? null,
    quiz: node.closest("[data-quiz]")?.dataset.quiz ?? null,
    inDialog: Boolean(node.closest("dialog[open]")),
    inContent: Boolean(node.closest(".md-content")),
  };
}"""

# A visible focus indicator: an outline or a box-shadow (on the editor's frame for the editor).
HAS_RING = """() => {
  const node = document.activeElement;
  const ring = node.classList.contains("cm-content") ? node.closest(".cm-editor") : node;
  const style = getComputedStyle(ring);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
}"""


def focused(page: Page) -> dict:
    """What has the keyboard focus now."""
    return page.evaluate(FOCUSED)


def assert_focus_visible(page: Page) -> None:
    """The focused control shows a focus indicator (outline or box-shadow)."""
    try:
        page.wait_for_function(HAS_RING, timeout=5_000)
    except Exception as exc:  # a timeout: say which control has no visible focus
        raise AssertionError(f"no visible focus indicator on {focused(page)}") from exc


def tab_to(page: Page, want: Callable[[dict], bool], backwards: bool = False,
           limit: int = 300) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is the one wanted; every stop in the
    page's content on the way must show where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if now["inContent"]:
            assert_focus_visible(page)
        if want(now):
            return now
    raise AssertionError(f"{limit} presses of Tab never reached the element; last: {focused(page)}")


def named(name: str) -> Callable[[dict], bool]:
    return lambda now: now["name"] == name


def wait_for_focus(page: Page, name: str) -> None:
    """Wait until the control named `name` has the focus (it moves there when a job ends)."""
    try:
        page.wait_for_function("(name) => (document.activeElement.getAttribute('aria-label')"
                               " || document.activeElement.textContent).trim() === name", arg=name,
                               timeout=30_000)
    except Exception as exc:  # a timeout: say where the focus is instead
        raise AssertionError(f"the focus should be on {name!r}, not on {focused(page)}") from exc
    assert_focus_visible(page)


def test_quiz_answered_with_the_keyboard_alone(visit):
    visit.context.add_init_script(NO_POINTER)
    page = visit.goto(LESSON)
    first = tab_to(page, lambda now: now["quiz"] is not None)
    assert first["type"] == "radio"
    quiz = page.locator(f'[data-quiz="{first["quiz"]}"]')
    correct, count = quiz_answer(LESSON.strip("/"), quiz.locator(".admonition-title").inner_text().strip())
    wrong = (correct + 1) % count
    page.keyboard.press("Space")  # the first option; the arrow keys move the choice
    for _ in range(wrong):
        page.keyboard.press("ArrowDown")
    assert_focus_visible(page)
    assert tab_to(page, lambda now: now["tag"] == "button")["name"] == "Check answer"
    page.keyboard.press("Enter")
    expect(quiz.locator(".course-quiz__verdict")).to_have_text("✗ Not quite.")
    page.keyboard.press("Shift+Tab")  # back into the options, on the chosen one
    for _ in range((correct - wrong) % count):
        page.keyboard.press("ArrowDown")
    assert quiz.locator("input:checked").get_attribute("value") == str(correct)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(quiz.locator(".course-quiz__verdict")).to_have_text("✓ Correct.")
    assert tab_to(page, lambda now: now["tag"] == "summary")["quiz"] == first["quiz"]
    page.keyboard.press("Enter")
    expect(quiz.locator("details")).to_have_attribute("open", "")
    assert page.evaluate("window.__pointerEvents") == 0


def test_exercise_solved_with_the_keyboard_alone(visit):
    visit.context.add_init_script(NO_POINTER)
    page = visit.goto(LESSON)
    first = page.locator("[data-exercise]").first.get_attribute("data-exercise")
    root = visit.exercise(first)
    code = lambda: root.evaluate("node => node.courseEditor.getCode()")  # noqa: E731
    starter = (ROOT / "exercises" / first / "starter.py").read_text(encoding="utf-8")
    solution = (ROOT / "exercises" / first / "solution.py").read_text(encoding="utf-8")
    hint_texts = exercises.get(first, ROOT / "exercises").hints
    assert len(hint_texts) >= 2

    # From the top of the page to the first exercise's code, by Tab alone: the editor, or the plain
    # text area the page was parsed with if the editor is still loading (on a busy machine the
    # Tabs can get there first); the editor then takes the focus over.
    reached = tab_to(page, lambda now: now["editorOf"] is not None
                     or (now["exercise"] is not None and now["tag"] == "textarea"))
    assert reached["exercise"] == first, reached
    page.wait_for_function("""(id) => document.activeElement.matches(".cm-content")
        && document.activeElement.closest("[data-exercise]")?.dataset.exercise === id""", arg=first)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type("print('typed')")  # the editor closes brackets and quotes as you type
    assert code() == "print('typed')"
    page.keyboard.press("Control+Enter")
    expect(root.locator(".course-out--stdout")).to_have_text("typed\n", timeout=PYTHON_TIMEOUT)
    page.keyboard.press("Shift+Enter")
    expect(root.locator(".course-report.is-fail")).to_be_visible(timeout=PYTHON_TIMEOUT)
    assert code() == "print('typed')"  # Shift+Enter checked; it did not add a line

    # Esc then Tab leaves the editor (Tab alone indents); then the controls in order. Run and
    # Check are disabled while code runs: the focus waits on Stop, then comes back.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Run"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(root.locator(".course-report")).to_have_count(0)
    expect(root.locator(".course-out--stdout")).to_have_text("typed\n", timeout=PYTHON_TIMEOUT)
    wait_for_focus(page, "Run")
    assert tab_to(page, lambda now: True)["name"] == "Check"
    page.keyboard.press("Space")
    expect(root.locator(".course-report.is-fail")).to_be_visible(timeout=PYTHON_TIMEOUT)
    wait_for_focus(page, "Check")
    assert tab_to(page, lambda now: True)["name"] == "Reset"  # Stop is disabled: skipped
    assert tab_to(page, lambda now: True)["name"] == "Hint"
    hints = root.get_by_role("list", name="Hints").locator("li")
    page.keyboard.press("Enter")
    expect(hints).to_have_count(1)
    page.keyboard.press("Space")
    expect(hints).to_have_count(2)
    for shown in range(3, len(hint_texts) + 1):
        page.keyboard.press("Enter")
        expect(hints).to_have_count(shown)
    # The last hint disables the button: the focus moves on to that hint instead of the page.
    expect(root.get_by_role("button", name="Hint", exact=True)).to_be_disabled()
    assert focused(page)["tag"] == "li"
    assert focused(page)["name"] == hints.last.inner_text().strip()[:80]
    assert_focus_visible(page)

    # Reset asks first: Escape cancels, "Reset code" confirms; focus comes back each time.
    tab_to(page, named("Reset"), backwards=True)
    page.keyboard.press("Enter")
    dialog = root.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert focused(page)["inDialog"]
    assert_focus_visible(page)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert code() == "print('typed')"
    assert focused(page)["name"] == "Reset"
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    tab_to(page, named("Reset code"))
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    assert code() == starter
    assert focused(page)["editorOf"] == first  # Reset puts the student back in the editor

    # The solution, after confirming in the dialog with Space.
    page.keyboard.press("Escape")
    tab_to(page, named("Solution"))
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    tab_to(page, named("Show solution"))
    page.keyboard.press("Space")
    expect(root.locator(".course-exercise__solution")).to_contain_text("def ")
    assert focused(page)["name"] == "Solution"

    # Back into the editor with Shift+Tab, type the reference solution, check it.
    tab_to(page, lambda now: now["editorOf"] == first, backwards=True)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(solution)
    assert code() == solution
    page.keyboard.press("Shift+Enter")
    expect(root.locator(".course-report")).to_contain_text(
        re.compile(r"All \d+ checks passed — exercise done"), timeout=PYTHON_TIMEOUT)
    expect(root.locator(".course-exercise__badge")).to_have_text("✓ done")
    assert page.evaluate("window.__pointerEvents") == 0
