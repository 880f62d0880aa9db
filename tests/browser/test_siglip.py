"""The SigLIP 2 lesson in a real Chromium: every exercise solved by typing its reference
solution, both widgets driven and compared with the Python reference functions, and a
self-check question answered and remembered across a reload.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import solution
from playwright.sync_api import expect
from sitebuild import ROOT

from course import exercises

pytestmark = pytest.mark.browser
LESSON_IDS = [i for i in exercises.exercise_ids(ROOT / "exercises") if i.startswith("siglip-2/")]
START = np.array([[3, -2, -4, -7], [-3, 2, -1, -5], [-4, 0, 1, -4], [-6, -5, -3, 4]], dtype=float)


def check_count(exercise_id: str) -> int:
    """How many checks the exercise has, read from its checks.py."""
    namespace: dict = {}
    exec(exercises.get(exercise_id, ROOT / "exercises").checks, namespace)  # noqa: S102
    return len(namespace["checks"].cases)


def softmax(row):
    """Softmax of a row through the reference cross-entropy with one-hot targets."""
    ce = solution("siglip-2/soft-targets").soft_cross_entropy
    row = np.asarray(row, dtype=float)[None, :]
    return np.array([math.exp(-ce(row, np.eye(row.shape[1])[[k]])) for k in range(row.shape[1])])


def sigmoid(z):
    return solution("siglip-2/batch-size").pair_probabilities(float(z), 0.0, 2)[1]


def shown(root, name: str) -> float:
    return float(root.locator(f'[data-value="{name}"]').text_content())


def test_every_exercise_on_the_page_is_solved_by_its_reference(visit):
    assert set(LESSON_IDS) == {"siglip-2/softmax-loss", "siglip-2/sigmoid-loss",
                               "siglip-2/batch-size", "siglip-2/soft-targets", "siglip-2/zero-shot"}
    page = visit.goto("siglip-2/")
    for exercise_id in LESSON_IDS:
        expect(visit.exercise(exercise_id)).to_have_count(1)
    visit.wait_python_ready(LESSON_IDS[0])
    for exercise_id in LESSON_IDS:
        reference = exercises.get(exercise_id, ROOT / "exercises").solution
        visit.set_code(exercise_id, reference)
        report = visit.check(exercise_id)
        expect(report).to_contain_text(f"All {check_count(exercise_id)} checks passed")
    n = len(LESSON_IDS)
    expect(page.locator(".course-page-progress")).to_contain_text(f"{n} of {n} done")
    assert not visit.external, visit.external


def test_widgets_match_the_reference_and_a_quiz_answer_is_remembered(visit):
    page = visit.goto("siglip-2/")
    # The two matrix diagrams are accessible images.
    expect(page.get_by_role("img", name="CLIP: cells coupled along rows and columns")).to_be_visible()
    expect(page.get_by_role("img", name="SigLIP: every cell on its own")).to_be_visible()

    # -- bucket vs gauges ------------------------------------------------------------------
    bucket = page.locator('[data-widget="siglip-bucket"]')
    expect(bucket.locator('[data-value="sigmoid-3-3"]')).to_have_count(1)
    logits = START.copy()

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
    bucket.get_by_role("spinbutton", name="Image (row)").fill("3")
    bucket.get_by_role("spinbutton", name="Image (row)").press("Tab")
    bucket.get_by_role("spinbutton", name="Text (column)").fill("2")
    bucket.get_by_role("spinbutton", name="Text (column)").press("Tab")
    logit = bucket.get_by_role("spinbutton", name='Logit of the fox image with the "cat" text')
    logit.fill("4.5")
    logit.press("Tab")
    before = {"row": np.array([softmax(r) for r in logits]),
              "col": np.array([softmax(c) for c in logits.T]).T,
              "sig": np.vectorize(sigmoid)(logits)}
    logits[2, 1] = 4.5
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
    logits[2, 1] = 4.4
    compare_bucket()

    # -- batch-size slider -----------------------------------------------------------------
    batch = page.locator('[data-widget="siglip-batch"]')
    pair = solution("siglip-2/batch-size").pair_probabilities

    def compare_batch(b, margin, neg):
        p_soft, p_sig = pair(neg + margin, neg, b)
        assert shown(batch, "batch-size") == b
        for name, want in (("p-softmax", p_soft), ("p-sigmoid", p_sig),
                           ("share-softmax", (1 - p_soft) / (b - 1)),
                           ("negatives-softmax", 1 - p_soft), ("loss-softmax", -math.log(p_soft)),
                           ("p-sigmoid-negative", pair(neg, 0.0, 2)[1]),
                           ("loss-sigmoid", -math.log(p_sig))):
            assert shown(batch, name) == pytest.approx(want, rel=1e-3, abs=1e-12), name

    compare_batch(4, 10.0, -5.0)
    size = batch.get_by_role("spinbutton", name="Batch size B", exact=True)
    size.fill("32768")
    size.press("Tab")
    compare_batch(32768, 10.0, -5.0)
    margin = batch.get_by_role("spinbutton", name="Margin (positive − negative logit)", exact=True)
    margin.fill("6.5")
    margin.press("Tab")
    negative = batch.get_by_role("spinbutton", name="Negative logit", exact=True)
    negative.fill("-2")
    negative.press("Tab")
    compare_batch(32768, 6.5, -2.0)
    slider = batch.get_by_role("slider", name="Batch size B", exact=True)
    slider.focus()
    slider.press("Home")
    compare_batch(4, 6.5, -2.0)
    slider.press("ArrowRight")
    compare_batch(8, 6.5, -2.0)

    # -- a self-check question, remembered across a reload -----------------------------------
    def quiz():
        return page.locator(".admonition.quiz[data-quiz]").filter(
            has_text="In SigLIP 2's self-distillation, who is the teacher?")

    answer = "A moving average of the same model's own weights."
    explanation = re.compile(r"Yes\. Same architecture, same size")
    quiz().get_by_role("radio", name=answer).check()
    quiz().get_by_role("button", name="Check answer").click()
    expect(quiz().get_by_text(explanation)).to_be_visible()
    page.reload()
    expect(quiz().get_by_role("radio", name=answer)).to_be_checked()
    expect(quiz().get_by_text(explanation)).to_be_visible()
    assert not visit.external, visit.external
