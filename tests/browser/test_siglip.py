"""The SigLIP 2 lesson in a real Chromium: every exercise solved by typing its reference
solution, the chunked loss's memory check working in Pyodide, both widgets driven and compared
with values computed here from the lesson's own numbers, and a self-check question answered and
remembered across a reload.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import lesson
from playwright.sync_api import expect
from sitebuild import ROOT

from course import exercises

pytestmark = pytest.mark.browser
SLUG = "siglip-2"
NAMES = ["dog", "cat", "fox", "pizza"]


def embedded_ids() -> list[str]:
    """The exercises the lesson embeds, in page order."""
    return re.findall(r'\{\{ exercise\("(siglip-2/[a-z-]+)"\) \}\}', lesson(SLUG))


def check_count(exercise_id: str) -> int:
    """How many checks the exercise has, read from its checks.py."""
    namespace: dict = {}
    exec(exercises.get(exercise_id, ROOT / "exercises").checks, namespace)  # noqa: S102
    return len(namespace["checks"].cases)


def similarity_table() -> np.ndarray:
    rows = {}
    for line in lesson(SLUG).splitlines():
        m = re.match(r"\| \*\*(dog|cat|fox|pizza)\*\* \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [float(c.strip().strip("*").replace("−", "-"))
                                for c in m.group(2).split("|")]
    return np.array([rows[n] for n in NAMES])


def bucket_start() -> np.ndarray:
    """The bucket widget's starting logits, as the lesson states them: t·s + b on its table."""
    m = re.search(r"The logits start at \$(\d+)s - (\d+)\$ for the table above", lesson(SLUG))
    assert m, "the lesson should say how the widget's logits are made from its table"
    return float(m.group(1)) * similarity_table() - float(m.group(2))


def batch_start() -> tuple[int, float, float]:
    """The batch widget's starting state: the lesson's first batch, margin and negative logit."""
    text = lesson(SLUG)
    m = re.search(r"give the positive a margin of (\d+) \(\$z_\+ = (-?\d+)\$, \$z_- = (-?\d+)\$\)",
                  text)
    first = re.search(r"-   \*\*Batch of (\d+)\*\*", text)
    assert m and first
    margin, pos, neg = float(m.group(1)), float(m.group(2)), float(m.group(3))
    assert pos - neg == margin
    return int(first.group(1)), margin, neg


def lesson_batch() -> int:
    """The large batch the lesson compares with: its second card."""
    cards = re.findall(r"-   \*\*Batch of ([\d,]+)\*\*", lesson(SLUG))
    return int(cards[1].replace(",", ""))


def softmax(row) -> np.ndarray:
    row = np.asarray(row, dtype=float)
    e = np.exp(row - row.max())
    return e / e.sum()


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def shown(root, name: str) -> float:
    return float(root.locator(f'[data-value="{name}"]').text_content())


def test_every_exercise_on_the_page_is_solved_by_its_reference(visit):
    ids = embedded_ids()
    on_disk = [i for i in exercises.exercise_ids(ROOT / "exercises") if i.startswith("siglip-2/")]
    assert sorted(ids) == sorted(on_disk), "every exercise folder is embedded once, and no other"
    page = visit.goto("siglip-2/")
    for exercise_id in ids:
        expect(visit.exercise(exercise_id)).to_have_count(1)
    visit.wait_python_ready(ids[0])
    for exercise_id in ids:
        reference = exercises.get(exercise_id, ROOT / "exercises").solution
        visit.set_code(exercise_id, reference)
        report = visit.check(exercise_id)
        expect(report).to_contain_text(f"All {check_count(exercise_id)} checks passed")
    n = len(ids)
    expect(page.locator(".course-page-progress")).to_contain_text(f"{n} of {n} done")
    assert not visit.external, visit.external


def test_the_chunked_memory_check_works_in_pyodide(visit):
    """tracemalloc sees NumPy's allocations in the browser too: the full matrix is caught."""
    exercise_id = "siglip-2/chunked-loss"
    wrong = next(w for w in exercises.get(exercise_id, ROOT / "exercises").wrong
                 if w.path.name == "full_matrix.py")
    visit.goto("siglip-2/")
    visit.wait_python_ready(exercise_id)
    visit.set_code(exercise_id, wrong.source)
    report = visit.check(exercise_id)
    expect(report).to_contain_text(wrong.expect)
    expect(report).to_contain_text(f"{check_count(exercise_id) - 1} of {check_count(exercise_id)}")
    assert not visit.external, visit.external


def test_widgets_match_the_lesson_and_a_quiz_answer_is_remembered(visit):
    page = visit.goto("siglip-2/")
    # The figures are accessible images, named by their titles.
    for title in re.findall(r'<title id="[a-z-]+">([^<]+)</title>', lesson(SLUG)):
        expect(page.get_by_role("img", name=title)).to_be_visible()

    # -- bucket vs gauges ------------------------------------------------------------------
    bucket = visit.widget("siglip-bucket")
    expect(bucket.locator('[data-value="sigmoid-3-3"]')).to_have_count(1)
    logits = bucket_start()

    def compare_bucket():
        for i in range(4):
            rows = softmax(logits[i])
            cols = softmax(logits[:, i])
            for j in range(4):
                assert shown(bucket, f"softmax-row-{i}-{j}") == pytest.approx(rows[j], abs=6e-4)
                assert shown(bucket, f"softmax-col-{j}-{i}") == pytest.approx(cols[j], abs=6e-4)
                assert shown(bucket, f"sigmoid-{i}-{j}") == pytest.approx(
                    sigmoid(logits[i, j]), abs=6e-4)

    compare_bucket()
    fox, cat = NAMES.index("fox"), NAMES.index("cat")
    bucket.get_by_role("spinbutton", name="Image (row)").fill(str(fox + 1))
    bucket.get_by_role("spinbutton", name="Image (row)").press("Tab")
    bucket.get_by_role("spinbutton", name="Text (column)").fill(str(cat + 1))
    bucket.get_by_role("spinbutton", name="Text (column)").press("Tab")
    logit = bucket.get_by_role("spinbutton", name='Logit of the fox image with the "cat" text')
    new = logits[fox, cat] + 4.5
    logit.fill(f"{new:g}")
    logit.press("Tab")
    before = {"row": np.array([softmax(r) for r in logits]),
              "col": np.array([softmax(c) for c in logits.T]).T,
              "sig": np.vectorize(sigmoid)(logits)}
    logits[fox, cat] = new
    after = {"row": np.array([softmax(r) for r in logits]),
             "col": np.array([softmax(c) for c in logits.T]).T,
             "sig": np.vectorize(sigmoid)(logits)}
    compare_bucket()
    moved = {k: int(np.sum(np.abs(after[k] - before[k]) >= 5e-4)) for k in after}
    assert moved["sig"] == 1
    assert shown(bucket, "changed-sigmoid") == 1
    assert shown(bucket, "changed-softmax-row") == moved["row"] > 1
    assert shown(bucket, "changed-softmax-col") == moved["col"] > 1
    # Keyboard: the slider moves the selected logit in steps of 0.1.
    slider = bucket.get_by_role("slider", name='Logit of the fox image with the "cat" text')
    slider.focus()
    slider.press("ArrowLeft")
    logits[fox, cat] = round(new - 0.1, 10)
    compare_bucket()

    # -- batch-size slider -----------------------------------------------------------------
    batch = visit.widget("siglip-batch")

    def compare_batch(b, margin, neg):
        p_soft = 1.0 / (1.0 + (b - 1) * math.exp(-margin))
        p_sig = sigmoid(neg + margin)
        assert shown(batch, "batch-size") == b
        for name, want in (("p-softmax", p_soft), ("p-sigmoid", p_sig),
                           ("share-softmax", (1 - p_soft) / (b - 1)),
                           ("negatives-softmax", 1 - p_soft), ("loss-softmax", -math.log(p_soft)),
                           ("p-sigmoid-negative", sigmoid(neg)),
                           ("loss-sigmoid", -math.log(p_sig))):
            assert shown(batch, name) == pytest.approx(want, rel=1e-3, abs=1e-12), name

    first, margin0, neg0 = batch_start()
    compare_batch(first, margin0, neg0)
    size = batch.get_by_role("spinbutton", name="Batch size B", exact=True)
    size.fill(str(lesson_batch()))
    size.press("Tab")
    compare_batch(lesson_batch(), margin0, neg0)
    margin = batch.get_by_role("spinbutton", name="Margin (positive − negative logit)", exact=True)
    margin.fill("6.5")
    margin.press("Tab")
    negative = batch.get_by_role("spinbutton", name="Negative logit", exact=True)
    negative.fill("-2")
    negative.press("Tab")
    compare_batch(lesson_batch(), 6.5, -2.0)
    slider = batch.get_by_role("slider", name="Batch size B", exact=True)
    slider.focus()
    slider.press("Home")
    compare_batch(first, 6.5, -2.0)
    slider.press("ArrowRight")
    compare_batch(2 * first, 6.5, -2.0)

    # -- a self-check question, remembered across a reload -----------------------------------
    title = "In SigLIP 2's self-distillation, who is the teacher?"
    block = lesson(SLUG).split(f'!!! quiz "{title}"', 1)[1]
    answer = re.search(r"- \[x\] (.+)", block).group(1)
    explanation = re.compile(re.escape(re.search(r"- \[x\] .+\n\n\s+(.+)", block).group(1)[:30]))

    def quiz():
        return page.locator(".admonition.quiz[data-quiz]").filter(has_text=title)

    quiz().get_by_role("radio", name=answer).check()
    quiz().get_by_role("button", name="Check answer").click()
    feedback = quiz().locator(".course-quiz__feedback")
    expect(feedback.get_by_text(explanation)).to_be_visible()
    page.reload()
    expect(quiz().get_by_role("radio", name=answer)).to_be_checked()
    expect(quiz().locator(".course-quiz__feedback").get_by_text(explanation)).to_be_visible()
    assert not visit.external, visit.external
