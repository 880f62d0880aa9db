"""What a student expects from Python in a web page: matplotlib figures in the output (in order
with the printed text, in dark mode too, downloaded only by code that imports matplotlib) and
completion in the editor (NumPy's names after `np.`, by keyboard and by pointer)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from visitor import Visit

pytestmark = pytest.mark.browser
EX = "siglip-2/sigmoid-loss"
PLOTS = """import matplotlib.pyplot as plt
print("before")
plt.plot([0, 1, 4, 9], label="squares")
plt.title("Squares")
plt.xlabel("n")
plt.legend()
plt.show()
print("between")
fig, ax = plt.subplots()
lines = ax.plot([3, 1, 2])  # left open: shown when the Run ends
"""
WHITE_CORNER = """img => {
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext("2d");
    context.drawImage(img, 0, 0);
    return [...context.getImageData(1, 1, 1, 1).data];
}"""


def output(visit):
    return visit.reach(EX).locator(".course-exercise__output")


def run(visit, code: str, by: str = "pointer") -> None:
    visit.set_code(EX, code)  # the code has the focus
    if by == "keyboard":
        visit.page.keyboard.press("Control+Enter")
    else:
        visit.reach(EX).get_by_role("button", name="Run", exact=True).click()


@pytest.mark.parametrize(("scheme", "by"), [("light", "pointer"), ("dark", "keyboard")])
def test_a_run_shows_its_figures_in_order_with_what_it_printed(browser, server, scheme, by):
    visit = Visit(browser, server, color_scheme=scheme)
    try:
        visit.goto("siglip-2/")
        visit.wait_python_ready(EX)
        run(visit, PLOTS, by)
        figures = output(visit).get_by_role("img")
        expect(figures).to_have_count(2, timeout=120_000)  # the second was left open: shown at the end
        parts = output(visit).locator(":scope > pre, :scope > figure").evaluate_all(
            "nodes => nodes.map(n => n.tagName === 'FIGURE' ? 'figure' : n.textContent.trim())")
        assert parts == ["before", "figure", "between", "figure"], parts
        expect(figures.first).to_have_accessible_name(re.compile(r"Squares.*n.*squares"))
        assert figures.first.evaluate("img => img.naturalWidth") > 100
        # On a white ground in both palettes, so axes and labels stay readable in dark mode.
        assert figures.first.evaluate(WHITE_CORNER)[:3] == [255, 255, 255]
        assert figures.first.evaluate("img => getComputedStyle(img).backgroundColor") == "rgb(255, 255, 255)"
        assert any("matplotlib" in url for url in visit.requests)
        # Cleared with the output. A list, not one string: until the new result is written the old
        # output still holds two printed parts, and a single-element expectation fails at once on
        # that (strict mode) instead of waiting for the one part the new Run prints.
        run(visit, "print('again')")
        expect(output(visit).locator(".course-out--stdout")).to_have_text(["again\n"])
        expect(figures).to_have_count(0)
    finally:
        visit.close()
    assert not visit.errors, visit.errors


def test_a_page_that_never_imports_matplotlib_downloads_none_of_it(visit):
    visit.goto("siglip-2/")
    visit.wait_python_ready(EX)
    run(visit, "import numpy as np\nprint(np.arange(3))")
    expect(output(visit).locator(".course-out--stdout")).to_have_text("[0 1 2]\n")
    # A Check of code that plots only when run as a script does not download it either.
    visit.set_code(EX, "def siglip_loss(*a):\n    return 0.0\n\nif __name__ == '__main__':\n"
                       "    import matplotlib.pyplot as plt\n    plt.plot([1])\n")
    expect(visit.check(EX)).to_contain_text("checks passed")
    assert not [url for url in visit.requests if "matplotlib" in url]


def completion(visit):
    return visit.page.get_by_role("listbox")


def test_completion_offers_numpy_names_by_keyboard_and_by_pointer(visit):
    page = visit.goto("siglip-2/")
    visit.set_code(EX, "import numpy as np\n")
    editor = visit.reach(EX).get_by_role("textbox")
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("x = np.lins")
    expect(completion(visit).get_by_role("option", name=re.compile("^linspace"))).to_be_visible()
    assert editor.get_attribute("aria-autocomplete") == "list"  # announced to screen readers
    assert editor.get_attribute("aria-activedescendant")
    page.keyboard.press("Enter")
    expect(completion(visit)).to_have_count(0)
    assert visit.editor_text(EX).endswith("x = np.linspace"), visit.editor_text(EX)
    # Tab accepts too, and Ctrl+Space opens the list where typing did not.
    page.keyboard.type("\ny = np.zeros_l")
    expect(completion(visit).get_by_role("option", name=re.compile("^zeros_like"))).to_be_visible()
    page.keyboard.press("Tab")
    assert visit.editor_text(EX).endswith("y = np.zeros_like")
    page.keyboard.type("\nz = np.lina")
    page.keyboard.press("Escape")
    expect(completion(visit)).to_have_count(0)
    page.keyboard.press("Control+Space")
    completion(visit).get_by_role("option", name=re.compile("^linalg")).click()  # by pointer
    assert visit.editor_text(EX).endswith("z = np.linalg")
    # The student's own names and Python's keywords too.
    page.keyboard.type("\nsiglip_total = 1\nprint(siglip_t")
    expect(completion(visit).get_by_role("option", name=re.compile("^siglip_total"))).to_be_visible()
