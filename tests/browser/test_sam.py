"""The SAM 3 lesson in a real Chromium: every exercise solved by typing its reference solution,
the two experiments run (their printed conclusions match the reference), the four widgets driven
and their numbers compared with the Python reference functions, and a self-check question
remembered across a reload.

The widgets use the same inputs as the references: the fixed 2 × 8 matrix of the PE explorer
(also in test_numbers_sam.G), the lesson's easy and hard pixels, and the 12 × 12 nested regions
of the three-masks widget (rebuilt below).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import solution
from playwright.sync_api import expect
from sitebuild import ROOT
from test_numbers_sam import G

from course import exercises

pytestmark = pytest.mark.browser
PAGE = "sam-3/"
IDS = ["sam-3/fourier-pe", "sam-3/spectral-bias", "sam-3/cross-attention", "sam-3/mask-iou",
       "sam-3/focal-loss", "sam-3/dice-loss", "sam-3/mask-loss", "sam-3/min-vs-mean",
       "sam-3/query-matching", "sam-3/presence-score"]


def number(page, name, root=None):
    scope = root if root is not None else page
    text = scope.locator(f'[data-value="{name}"]').first.text_content()
    return float(text.replace("−", "-"))  # widgets write negative numbers with a real minus


def set_range(locator, value):
    locator.evaluate(
        "(node, v) => { node.value = v; node.dispatchEvent(new Event('input', {bubbles: true})); }",
        str(value))


def test_every_exercise_on_the_page_is_solved_by_its_reference(visit):
    page = visit.goto(PAGE)
    for exercise_id in IDS:
        exercise = exercises.get(exercise_id, ROOT / "exercises")
        count = len(re.findall(r"^@checks\(", exercise.checks, flags=re.M))
        visit.set_code(exercise_id, exercise.solution)
        report = visit.check(exercise_id)
        expect(report).to_contain_text(f"All {count} checks passed", timeout=60_000)
    expect(page.locator(".course-page-progress")).to_contain_text(f"{len(IDS)} of {len(IDS)} done")


def run_output(visit, exercise_id, code):
    visit.set_code(exercise_id, code)
    root = visit.reach(exercise_id)
    root.get_by_role("button", name="Run", exact=True).click()
    output = root.locator(".course-exercise__output")
    expect(output).not_to_be_empty(timeout=60_000)
    return output


def test_the_experiments_print_their_conclusions_when_run(visit):
    visit.goto(PAGE)
    ref = solution("sam-3/spectral-bias")
    expected = []
    for name, feats in ref.encodings().items():
        r = ref.Y - ref.fit_by_gradient_descent(feats, ref.Y, steps=300)
        expected.append(f"{name:16s}  left of the slow wave: {ref.left_over(r, 1):.2f}   "
                        f"of the fast wave: {ref.left_over(r, 6):.2f}")
    output = run_output(visit, "sam-3/spectral-bias", exercises.get(
        "sam-3/spectral-bias", ROOT / "exercises").solution)
    for line in expected:
        expect(output).to_contain_text(line, timeout=60_000)

    heads = solution("sam-3/min-vs-mean")
    z = heads.train_mask_heads(heads.TARGETS, heads.START, steps=40, lr=24.0, rule="mean")
    first = "  head 0: " + " ".join(f"{p:.2f}" for p in 1.0 / (1.0 + np.exp(-z[0])))
    output = run_output(visit, "sam-3/min-vs-mean", exercises.get(
        "sam-3/min-vs-mean", ROOT / "exercises").solution)
    expect(output).to_contain_text("rule = min", timeout=60_000)
    expect(output).to_contain_text(first.strip())
    assert not visit.external, f"requests left 127.0.0.1: {visit.external}"


def test_widgets_show_the_reference_numbers_and_a_quiz_answer_survives_a_reload(visit):
    page = visit.goto(PAGE)

    # -- positional-encoding explorer: typed coordinates ------------------------------------
    pe = visit.widget("sam-pe")
    fourier_encode = solution("sam-3/fourier-pe").fourier_encode
    for x, y in [(342, 517), (1000, 20)]:
        pe.get_by_label("x (pixels").fill(str(x))
        pe.get_by_label("x (pixels").dispatch_event("change")
        pe.get_by_label("y (pixels").fill(str(y))
        pe.get_by_label("y (pixels").dispatch_event("change")
        code = fourier_encode(np.array([[x, y]], float), G, (1024, 1024))[0]
        expect(pe.locator('[data-value="nx"]')).to_have_text(f"{x / 1024:.4f}")
        assert number(page, "ny", pe) == pytest.approx(y / 1024, abs=1e-4)
        assert number(page, "cx", pe) == pytest.approx(2 * x / 1024 - 1, abs=1e-4)
        assert number(page, "cy", pe) == pytest.approx(2 * y / 1024 - 1, abs=1e-4)
        for band in range(4):
            assert number(page, f"sin-{band + 1}", pe) == pytest.approx(code[band], abs=1e-4)
            assert number(page, f"cos-{band + 1}", pe) == pytest.approx(code[8 + band], abs=1e-4)
            angle = math.atan2(code[band], code[8 + band])
            shown = number(page, f"angle-{band + 1}", pe)
            assert math.cos(shown - angle) == pytest.approx(1.0, abs=1e-6)
        near = (x + 32, y) if x + 32 <= 1023 else (x - 32, y)
        others = fourier_encode(np.array([near, (1024 - x, 1024 - y)], float), G, (1024, 1024))
        assert number(page, "sim-near", pe) == pytest.approx(code @ others[0] / 8, abs=1e-4)
        assert number(page, "sim-mirror", pe) == pytest.approx(code @ others[1] / 8, abs=1e-4)
    # a click moves the point, and the keyboard does too
    canvas = pe.locator("canvas")
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 4, "y": box["height"] / 2})
    x_after_click = int(pe.get_by_label("x (pixels").input_value())
    assert abs(x_after_click - 256) <= 8
    canvas.focus()
    page.keyboard.press("ArrowRight")
    assert int(pe.get_by_label("x (pixels").input_value()) == x_after_click + 16

    # -- focal-loss curves ------------------------------------------------------------------
    focal = visit.widget("sam-focal")
    focal_loss = solution("sam-3/focal-loss").focal_loss
    easy_logit, hard_logit = math.log(0.05 / 0.95), math.log(0.1 / 0.9)
    for gamma, use_alpha in [(2.0, False), (3.5, False), (2.0, True), (0.0, True)]:
        set_range(focal.get_by_label("γ (focusing parameter)"), gamma)
        box = focal.get_by_label("apply α")
        box.set_checked(use_alpha)
        alpha = 0.25 if use_alpha else None
        easy = focal_loss(np.array([easy_logit]), np.array([0.0]), gamma=gamma, alpha=alpha)
        hard = focal_loss(np.array([hard_logit]), np.array([1.0]), gamma=gamma, alpha=alpha)
        assert number(page, "gamma", focal) == gamma
        assert number(page, "easy-loss", focal) == pytest.approx(easy, rel=1e-3)
        assert number(page, "hard-loss", focal) == pytest.approx(hard, rel=1e-3)
        assert number(page, "ratio", focal) == pytest.approx(hard / easy, rel=1e-3)
    set_range(focal.get_by_label("γ (focusing parameter)"), 2)
    focal.get_by_label("apply α").set_checked(False)
    expect(focal.locator('[data-value="ratio"]')).to_have_text("14545")

    # -- three masks, one loss --------------------------------------------------------------
    masks = visit.widget("sam-masks")
    ref = solution("sam-3/mask-loss")
    regions = {"part": (2, 5, 4, 8), "object": (2, 10, 3, 9), "scene": (1, 11, 1, 11)}

    def region(name):
        r0, r1, c0, c1 = regions[name]
        m = np.zeros((12, 12))
        m[r0:r1, c0:c1] = 1.0
        return m

    names = ["part", "object", "scene"]
    for target_name, magnitude in [("object", 4), ("part", 3), ("scene", 1)]:
        masks.get_by_label("ground truth").select_option(target_name)
        set_range(masks.get_by_label("logit magnitude"), magnitude)
        target = region(target_name)
        logits = np.stack([np.where(region(n) == 1, magnitude, -magnitude) for n in names]).astype(float)
        for name, candidate in zip(names, logits, strict=True):
            f, d = ref.focal_loss(candidate, target), ref.dice_loss(candidate, target)
            assert number(page, f"focal-{name}", masks) == pytest.approx(f, rel=1e-3, abs=1e-9)
            assert number(page, f"dice-{name}", masks) == pytest.approx(d, rel=1e-3, abs=1e-9)
            assert number(page, f"total-{name}", masks) == pytest.approx(20 * f + d, rel=1e-3)
        loss, best = ref.sam_mask_loss(logits, target)
        expect(masks.locator('[data-value="best"]')).to_have_text(names[best])
        assert number(page, "min-loss", masks) == pytest.approx(loss, rel=1e-3)
        expect(masks.locator(".sam-masks__card.is-best")).to_contain_text(names[best])

    # -- presence × match --------------------------------------------------------------------
    presence = visit.widget("sam-presence")
    concept_scores = solution("sam-3/presence-score").concept_scores
    prompts = {"player in red": (3.0, [2.4, 2.0, 1.5, -0.8]),
               "player in white": (-2.5, [0.5, 0.3, 0.2, -1.4])}
    for prompt, (presence_logit, query_logits) in prompts.items():
        presence.get_by_label("prompt").select_option(prompt)
        for logit in (presence_logit, 0.0):
            set_range(presence.get_by_label("presence logit"), logit)
            scores, keep = concept_scores(np.array([query_logits]), np.array([logit]))
            assert number(page, "presence-logit", presence) == logit
            for k in range(4):
                assert number(page, f"score-{k + 1}", presence) == pytest.approx(scores[0, k],
                                                                                abs=1e-3)
            expect(presence.locator('[data-value="kept"]')).to_have_text(str(int(keep.sum())))
    # without the presence head, "player in white" keeps the three players the queries lean to
    presence.get_by_label("use the presence head").set_checked(False)
    white = 1 / (1 + np.exp(-np.array(prompts["player in white"][1])))
    expect(presence.locator('[data-value="kept"]')).to_have_text(str(int((white > 0.5).sum())))
    expect(presence.locator(".sam-presence__card.is-kept")).to_have_count(int((white > 0.5).sum()))

    # -- a self-check question, remembered across a reload -----------------------------------
    quiz = page.locator(".admonition.quiz[data-quiz]").filter(has_text="How often does the ViT-H")
    choice = "Once: its embedding is cached"
    quiz.get_by_role("radio", name=re.compile(re.escape(choice))).check()
    quiz.get_by_role("button", name="Check answer").click()
    feedback = quiz.locator(".course-quiz__feedback")
    expect(feedback.get_by_text("that is the point of the heavy-once")).to_be_visible()
    page.reload()
    quiz = page.locator(".admonition.quiz[data-quiz]").filter(has_text="How often does the ViT-H")
    expect(quiz.get_by_role("radio", name=re.compile(re.escape(choice)))).to_be_checked()
    assert not visit.external, f"requests left 127.0.0.1: {visit.external}"
