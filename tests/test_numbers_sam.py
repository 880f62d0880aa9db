"""Every computed number in docs/sam-3.md, recomputed from the exercises' reference solutions or
from a model of the mechanism written here (SAM 2's memory selection, SAM 3's detection–track
merge), and demanded, formatted into its sentence, in the Markdown: editing the prose or the code
so that they disagree fails a test.

Figures the lesson cites (model sizes, timings, dataset counts, hyperparameters read from the
official configurations) are facts with a source in the lesson's Sources section, not
computations; restating them here would test nothing, so this file does not.
"""

from __future__ import annotations

import math
import re
from itertools import permutations

import numpy as np
import pytest
from helpers import ROOT, assert_claim, lesson, solution

SLUG = "sam-3"

# The lesson's fixed stand-in for SAM's random Gaussian matrix, shared with the exercise's
# checks, the explorer widget and the browser test.
G = np.array([[0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
              [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1]])
CLICK = (342.0, 517.0)
SIZE = (1024, 1024)


def minus(text: str) -> str:
    """The lesson writes negative numbers with a real minus sign."""
    return text.replace("-", "−")


def claim(template: str, *values, fmt: str = ".4f") -> None:
    formatted = [minus(format(v, fmt)) if not isinstance(v, str) else v for v in values]
    assert_claim(SLUG, template, *formatted)


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def encode(points, gaussian=G):
    return solution("sam-3/fourier-pe").fourier_encode(np.array(points, float), gaussian, SIZE)


def focal(logit, target, **kwargs):
    return solution("sam-3/focal-loss").focal_loss(np.array([logit]), np.array([target]), **kwargs)


def logit(p):
    return math.log(p / (1 - p))


def test_the_page_never_mentions_where_it_came_from():
    page = lesson(SLUG).lower()
    for words in ("course record", "course notes", "the record's", "the notes'"):
        assert words not in page, words


# -- the positional-encoding trace -------------------------------------------------------------

def test_the_matrix_in_the_lesson_the_checks_and_the_widget_is_the_same():
    for first, half in ((1, G[:, :4]), (5, G[:, 4:])):  # printed as two 2 × 4 blocks
        rows = [" & ".join(f"{v:.1f}" for v in row) for row in half]  # LaTeX: ASCII minus
        assert_claim(SLUG, "G_{{:,{}:{}}} = \\begin{{bmatrix}}\n{}\\\\\n{}\n\\end{{bmatrix}}",
                     str(first), str(first + 3), *rows)
    checks = (ROOT / "exercises/sam-3/fourier-pe/checks.py").read_text()
    widget = (ROOT / "widgets/lesson/sam-pe.js").read_text()
    for source in (checks, widget):
        numbers = re.search(r"\[\s*\[([^\]]*)\],\s*\[([^\]]*)\]", source)
        got = np.array([[float(x) for x in numbers.group(i).split(",") if x.strip()]
                        for i in (1, 2)])
        np.testing.assert_array_equal(got, G)
    claim("stand-in with F = {} bands", G.shape[1], fmt="d")


def test_normalised_and_mapped_click():
    x, y = CLICK
    claim("$x/W$ = 342 / 1024 = {}", x / SIZE[1])
    claim("$y/H$ = 517 / 1024 = {}", y / SIZE[0])
    claim("$\\mathbf{{c}}$ = ({}, {})", 2 * x / SIZE[1] - 1, 2 * y / SIZE[0] - 1)


def test_first_two_bands_and_what_the_negative_cosine_means():
    x, y = CLICK
    c = np.array([2 * x / SIZE[1] - 1, 2 * y / SIZE[0] - 1])
    proj = c @ G
    code = encode([CLICK])[0]
    claim("$\\mathbf{{c}}\\cdot G_{{:,1}}$ = {}", proj[0])
    claim("$\\theta_1 = 2\\pi \\times ({})$ = {} rad", f"{proj[0]:.4f}", 2 * math.pi * proj[0])
    claim("sin θ₁ = {}, cos θ₁ = {}", code[0], code[8])
    claim("$\\mathbf{{c}}\\cdot G_{{:,2}}$ = {}, $\\theta_2$ = {} rad", proj[1], 2 * math.pi * proj[1])
    claim("sin θ₂ = {}, cos θ₂ = {}", code[1], code[9])
    assert code.shape == (2 * G.shape[1],)
    claim("the {} numbers are the {} sines, then the {} cosines", code.size, G.shape[1],
          G.shape[1], fmt="d")
    # the angle θ₂ / 2π is the fraction of a period between the click and the centre
    periods = (2 * math.pi * proj[1]) / (2 * math.pi)
    claim("$\\mathbf{{c}}\\cdot G_{{:,2}}$ = {} says", proj[1])
    claim("the click sits {} of a period away from the image centre", f"{periods:.2f}")
    assert math.cos(2 * math.pi * periods) < -0.9  # "close to −1"


def test_sam_width_from_128_bands():
    bands = np.random.default_rng(0).normal(size=(2, 128))
    width = encode([CLICK], bands).shape[1]
    claim("SAM uses F = {} bands, so each click becomes a {}-dimensional vector", bands.shape[1],
          width, fmt="d")


def test_similarity_of_nearby_and_mirror_points_and_that_it_depends_on_the_offset():
    a, near, mirror = encode([CLICK, (374, 517), (682, 507)])
    assert (374, 517) == (CLICK[0] + 32, CLICK[1])
    assert (682, 507) == (SIZE[1] - CLICK[0], SIZE[0] - CLICK[1])
    claim("point 32 pixels to the right, (374, 517), has cosine similarity {} with the\nclick's code",
          a @ near / 8, fmt=".3f")
    claim("the mirror-image point (682, 507) has {}", a @ mirror / 8, fmt=".3f")
    # the same offset anywhere gives the same similarity: cos(a − b) summed over the bands
    b, b_near = encode([(100, 900), (132, 900)])
    assert b @ b_near == pytest.approx(a @ near)


# -- spectral bias -----------------------------------------------------------------------------

def test_spectral_bias_experiment():
    ref = solution("sam-3/spectral-bias")
    steps = int(re.search(r"steps=(\d+)", (ROOT / "exercises/sam-3/spectral-bias/starter.py")
                          .read_text()).group(1))
    left = {}
    for name, feats in ref.encodings().items():
        r = ref.Y - ref.fit_by_gradient_descent(feats, ref.Y, steps)
        left[name] = (ref.left_over(r, 1), ref.left_over(r, 6))
        assert feats.shape[1] == 256
    raw, fourier = left["raw coordinate"], left["Fourier features"]
    assert raw[1] > 0.9 and fourier[1] < 0.05  # the conclusion the prose draws
    bands = np.random.default_rng(0).normal(size=(1, 16)).shape[1]
    claim("a frozen random ReLU layer of {} units", 256, fmt="d")
    claim("either the raw coordinate x or {} random Fourier features of x", bands, fmt="d")
    claim("train it for the same {}\ngradient steps", steps, fmt="d")
    claim("with the raw coordinate, {} of the slow wave but {} of the fast\nwave is still "
          "unlearned after {} steps; with Fourier features, {} and {}", f"{raw[0]:.2f}",
          f"{raw[1]:.2f}", str(steps), f"{fourier[0]:.2f}", f"{fourier[1]:.2f}")


# -- the decoder -------------------------------------------------------------------------------

TRACE_Q = np.array([[2.0, 0.0]])
TRACE_K = np.array([[1.5, 0.5], [0.5, 1.0], [-0.5, 0.5], [0.0, -1.0]])
TRACE_V = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0], [-1.0, 0.0]])


def vec(v):
    return "(" + ", ".join(minus(f"{x:g}") for x in v) + ")"


def test_one_attention_traced():
    weights, out = solution("sam-3/cross-attention").cross_attention(TRACE_Q, TRACE_K, TRACE_V, 1)
    names = ["top-left (under the click)", "top-right", "bottom-left", "bottom-right"]
    raw = TRACE_K @ TRACE_Q[0]
    claim("Its query is q = {}", vec(TRACE_Q[0]))
    for name, k, s, w, v in zip(names, TRACE_K, raw, weights[0, 0], TRACE_V, strict=True):
        claim("| {} | {} | {} | {} | {} | {} |", name, vec(k), minus(f"{s:g}"),
              minus(f"{s / math.sqrt(2):.4g}") if s == 0 else minus(f"{s / math.sqrt(2):.4f}"),
              f"{w:.4f}", vec(v))
    claim("$e^{{{}}}$ divided by the sum of the four\nexponentials is {}",
          f"{raw[0] / math.sqrt(2):.4f}", f"{weights[0, 0, 0]:.4f}")
    terms = " + ".join(f"{w:.4f} · {vec(v)}" for w, v in zip(weights[0, 0], TRACE_V, strict=True))
    flat = " ".join(lesson(SLUG).split())  # the sum wraps over two lines in the Markdown
    assert f"{terms} = ({out[0, 0]:.4f}, {out[0, 1]:.4f})" in flat


def test_real_decoder_attention_shapes():
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(7, 128))
    image = rng.random((4096, 128))
    weights, out = solution("sam-3/cross-attention").cross_attention(tokens, image, image, 8)
    heads, t, p = weights.shape
    d = tokens.shape[1] // heads
    claim("| Token-to-image attention: 256 → {} channels, {} heads of {} | {} × {} × {} |",
          tokens.shape[1], heads, d, heads, t, p, fmt="d")
    claim("split into {} heads of d = {}", heads, d, fmt="d")
    claim("its spread grows like √d: √{} = {}", d, math.isqrt(d), fmt="d")
    claim("- [x] √{} = {}, the width of one head.", d, math.isqrt(d), fmt="d")
    assert out.shape == tokens.shape


def test_mask_read_out_shape():
    rng = np.random.default_rng(1)
    mask_vectors = rng.normal(size=(4, 32))  # one 32-vector per mask token
    upscaled = rng.normal(size=(32, 256, 256))  # the image side after the transposed convolutions
    masks = np.einsum("kc,chw->khw", mask_vectors, upscaled)
    claim("dot product with every pixel | {} × {} × {} |", *masks.shape, fmt="d")
    claim("the 256 × 256 positions: {} × {} × {} logits", *masks.shape, fmt="d")


# -- IoU, the shirt button, and the losses -------------------------------------------------------

def test_iou_example():
    target = np.zeros((4, 4))
    target[1:3, 1:3] = 1
    logits = np.full((4, 4), -3.0)
    logits[1:3, 1:4] = 3.0
    iou = solution("sam-3/mask-iou").mask_iou(logits, target)
    inter, union = int(target.sum()), int((logits > 0).sum())
    assert iou == pytest.approx(inter / union)
    claim("the intersection is\n{} pixels and the union {}", inter, union, fmt="d")
    claim("so IoU = {} / {} = {}", inter, union, f"{iou:.3f}", fmt="d")
    dice = 2 * inter / (inter + union)
    claim("2·{} / ({} + {}), is {}", inter, inter, union, f"{dice:g}", fmt="d")
    assert dice >= iou


def shirt_picture():
    h, w = 16, 12

    def box(r0, r1, c0, c1):
        m = np.zeros((h, w))
        m[r0:r1, c0:c1] = 1
        return m

    person = box(1, 16, 3, 9)
    person[4:10, 1:3] = 1  # arms
    person[4:10, 9:11] = 1
    shirt = box(4, 10, 3, 9)
    button = box(6, 8, 5, 7)
    m_button = button.copy()
    m_button[6, 7] = 1  # one stray pixel
    m_shirt = shirt.copy()
    m_shirt[9, :] = 0  # misses the shirt's bottom row
    m_person = person.copy()
    m_person[0, 4:8] = 1  # a little extra at the top
    return (h, w), [button, shirt, person], [m_button, m_shirt, m_person]


def test_shirt_button_scores():
    mask_iou = solution("sam-3/mask-iou").mask_iou
    (h, w), objects, masks = shirt_picture()
    claim("a schematic {} × {} picture", h, w, fmt="d")
    table = [[mask_iou(np.where(m > 0, 2.0, -2.0), obj) for obj in objects] for m in masks]
    for label, row in zip(["1 (part)", "2 (object)", "3 (whole)"], table, strict=True):
        claim("| {} | {} | {} | {} |", label, *(f"{v:.3f}" for v in row))
        assert np.argmax(row) == table.index(row)  # each mask is good for exactly one reading
    shirt = [row[1] for row in table]
    claim("the masks' true\nqualities are the middle column, {}, {} and {}", *(f"{v:.3f}" for v in shirt))


def test_focal_table_and_ratios():
    easy = dict(logit=logit(0.05), target=0.0)
    hard = dict(logit=logit(0.1), target=1.0)
    e0, h0 = focal(**easy, alpha=None), focal(**hard, alpha=None)
    ea, ha = focal(**easy), focal(**hard)
    claim("| Easy background | 0 | 0.95 | {} | {} | {} | {} |", -math.log(0.95), 0.05 ** 2,
          f"{e0:.6f}", f"{ea:.7f}")
    claim("| Hard foreground | 1 | 0.1 | {} | {} | {} | {} |",
          -math.log(0.1), f"{0.9 ** 2:g}", f"{h0:.4f}", f"{ha:.4f}")
    ce = focal(**hard, gamma=0.0, alpha=None) / focal(**easy, gamma=0.0, alpha=None)
    claim("the hard pixel counts {} times as much as the easy one", ce, fmt=".1f")
    claim("With the\nfocal term it counts **{}** times as much", f"{h0 / e0:,.0f}")
    claim("With α as well, the ratio drops to **{}**", f"{ha / ea:,.0f}")


def test_dice_trace_and_the_focal_value_next_to_it():
    t = np.array([[0, 1, 1], [0, 1, 1], [0, 0, 0]], dtype=float)
    z = np.where(t == 1, 2.0, -2.0)
    p = 1 / (1 + np.exp(-z))
    dice = solution("sam-3/dice-loss").dice_loss(z, t)
    claim("so p = {} on the square and {} elsewhere", p[0, 1], p[0, 0])
    claim("Σ p·t = {} and Σ p = {}, Σ t = {}", (p * t).sum(), p.sum(), f"{t.sum():g}")
    claim("1 − (2 × {} + 1) / ({} + {} + 1) = {}", (p * t).sum(), p.sum(), f"{t.sum():g}", dice)
    assert dice == pytest.approx(1 - (2 * (p * t).sum() + 1) / (p.sum() + t.sum() + 1))
    f = solution("sam-3/focal-loss").focal_loss(z, t)
    claim("({} for the 3 × 3 example above,\nagainst a dice loss of {})", f"{f:.5f}", dice)


def test_mask_loss_weights_are_the_ones_the_lesson_names():
    """Solve the reference sam_mask_loss for its two weights, from two single-candidate masks."""
    ref = solution("sam-3/mask-loss")
    target = np.zeros((4, 4))
    target[1:3, 1:3] = 1.0
    rows, totals = [], []
    for logits in (np.where(target == 1, 1.0, -1.0), np.full((4, 4), 0.5)):
        rows.append([ref.focal_loss(logits, target), ref.dice_loss(logits, target)])
        totals.append(ref.sam_mask_loss(logits[None], target)[0])
    w_focal, w_dice = np.linalg.solve(np.array(rows), np.array(totals))
    ratio = f"{round(w_focal / w_dice):d}:1"
    claim("in a {} ratio\nof focal loss to dice loss", ratio)
    claim("{}\\cdot \\mathcal{{L}}_{{\\text{{focal}}}} + {}\\cdot \\mathcal{{L}}_{{\\text{{dice}}}}",
          f"{w_focal:.0f}", f"{w_dice:.0f}")
    claim("- Training uses **{} × focal + {} × dice**", f"{w_focal:.0f}", f"{w_dice:.0f}")
    claim("First write the loss itself: {} × focal + {} × dice per candidate", f"{w_focal:.0f}",
          f"{w_dice:.0f}")


def test_min_vs_mean_experiment():
    ref = solution("sam-3/min-vs-mean")
    steps = int(re.search(r"steps=(\d+)", (ROOT / "exercises/sam-3/min-vs-mean/starter.py")
                          .read_text()).group(1))
    mean = 1 / (1 + np.exp(-ref.train_mask_heads(ref.TARGETS, ref.START, steps, 24.0, "mean")))
    assert np.ptp(mean, axis=0).max() < 0.01  # the three heads are one mask
    shared = ref.TARGETS.sum(axis=0)  # how many of the three targets cover each pixel
    levels = {n: mean[0, shared == n] for n in (3, 2, 1, 0)}
    for values in levels.values():
        assert np.ptp(values) < 0.01
    claim("sometimes a part\n({} pixels), sometimes the object ({} pixels) and sometimes the whole "
          "({} pixels)", *(int(t.sum()) for t in ref.TARGETS), fmt="d")
    claim("Three tiny mask heads (each one just a row of {}\npixel logits)", ref.PIXELS, fmt="d")
    claim("probability {} on the\ntwo pixels every target shares, {} on the four that two targets "
          "share, {} on the four that\nonly the whole covers, and {} outside",
          *(f"{levels[n][0]:.2f}" for n in (3, 2, 1, 0)))
    assert [int((shared == n).sum()) for n in (3, 2, 1)] == [2, 4, 4]
    z_min = ref.train_mask_heads(ref.TARGETS, ref.START, steps, 24.0, "min")
    won = [next(g for g in range(3) if np.array_equal(z_min[k] > 0, ref.TARGETS[g] > 0))
           for k in range(3)]
    assert won == [0, 1, 2]  # "off" head → part, neutral → object, "on" → whole


# -- SAM 2's memory ----------------------------------------------------------------------------

def memory_frames(frame, prompted, num_maskmem=7, max_cond=-1):
    """The frames whose memories SAM 2 attends to (sam2_base.py, _prepare_memory_conditioned_
    features, evaluation with stride 1): the prompted frames (all of them when max_cond is −1),
    then the num_maskmem − 1 frames just before the current one that were not prompted."""
    cond = sorted(prompted, key=lambda t: abs(t - frame))
    if max_cond != -1:
        cond = cond[:max_cond]
    previous = [frame - r for r in range(1, num_maskmem) if frame - r >= 0
                and frame - r not in prompted]
    return cond + previous


def pointer_frames(frame, prompted, max_ptrs=16):
    """Frames whose object pointers are attended: prompted frames up to now, then up to
    max_ptrs − 1 frames just before the current one (only_obj_ptrs_in_the_past_for_eval)."""
    cond = [t for t in prompted if t <= frame]
    previous = [frame - r for r in range(1, max_ptrs) if frame - r >= 0 and frame - r not in cond]
    return cond + previous


def test_sam2_memory_count():
    per_frame = 64 * 64  # one memory: the 64 × 64 grid of 64-channel features
    ptr_tokens = 256 // 64  # a 256-number pointer stored as tokens of 64
    one = memory_frames(100, {0})
    two = memory_frames(100, {0, 50})
    ptrs = pointer_frames(100, {0})
    assert len(one) == 1 + 6
    claim("that is {} memories, {} × 4096 =\n{} spatial tokens", len(one), len(one),
          f"{len(one) * per_frame:,}", fmt="d")
    claim("it is {} memories and {}\ntokens", len(two), f"{len(two) * per_frame:,}", fmt="d")
    claim("add {} × {} = {}\nmore tokens", len(ptrs), ptr_tokens, len(ptrs) * ptr_tokens, fmt="d")
    keys = len(one) * per_frame + len(ptrs) * ptr_tokens
    tex = f"{keys:,}".replace(",", "{,}")
    claim("\\underbrace{{K^\\top}}_{{256 \\times {}}}", tex)
    claim("\\underbrace{{A}}_{{4096 \\times {}}}", tex)
    claim("So {} is the count with one prompted frame", f"{len(one) * per_frame:,}")
    claim("(256 numbers, stored as {} tokens of 64)", ptr_tokens, fmt="d")
    claim("`num_maskmem − 1 = {}` frames", len(one) - 1, fmt="d")


# -- SAM 3 ---------------------------------------------------------------------------------------

PRESENCE_EXAMPLE = (np.array([[2.4, 2.0, 1.5, -0.8], [0.5, 0.3, 0.2, -1.4]]), np.array([3.0, -2.5]))


def test_presence_trace_uses_the_exercise_example():
    source = (ROOT / "exercises/sam-3/presence-score/starter.py").read_text()
    assert "[[2.4, 2.0, 1.5, -0.8],\n                             [0.5, 0.3, 0.2, -1.4]]" in source
    assert "np.array([3.0, -2.5])" in source


def test_presence_widget_uses_the_exercise_example():
    widget = (ROOT / "widgets/lesson/sam-presence.js").read_text()
    query_logits, presence_logits = PRESENCE_EXAMPLE
    for row, p in zip(query_logits, presence_logits, strict=True):
        shown = ", ".join(f"{z:.1f}" for z in row)
        assert f"presence: {p:.1f}, queries: [{shown}]" in widget


def test_presence_trace():
    query_logits, presence_logits = PRESENCE_EXAMPLE
    scores, keep = solution("sam-3/presence-score").concept_scores(query_logits, presence_logits)
    red, white = scores
    p_red, p_white = sigmoid(presence_logits[0]), sigmoid(presence_logits[1])
    claim("the presence\nhead is sure: σ({}) = {}", f"{presence_logits[0]:.1f}", p_red)
    claim("σ({}) = {}, σ({}) = {} and σ({}) = {}, the referee's query σ({}) = {}",
          *[v for z in query_logits[0] for v in (minus(f"{z:.1f}"), f"{sigmoid(z):.4f}")])
    claim("so the\nscores are {}, {}, {} and {}: three detections kept", *(f"{s:.3f}" for s in red))
    assert keep[0].tolist() == [True, True, True, False]
    claim("σ({}) = {}, σ({}) = {} and\nσ({}) = {}: on their own, three false detections above 0.5",
          *[v for z in query_logits[1][:3] for v in (f"{z:.1f}", f"{sigmoid(z):.4f}")])
    assert all(sigmoid(z) > 0.5 for z in query_logits[1][:3])
    claim("concept is absent, σ({}) = {}, and the scores become {}, {} and {}: nothing\nkept",
          minus(f"{presence_logits[1]:.1f}"), p_white, *(f"{s:.3f}" for s in white[:3]))
    assert not keep[1].any()
    claim("Yes: {} × {} is about {}", p_white, f"{sigmoid(query_logits[1][0]):.2f}",
          f"{p_white * round(sigmoid(query_logits[1][0]), 2):.3f}")
    probs = [f"{sigmoid(z):.2f}" for z in query_logits[1][:3]]
    assert_claim(SLUG, 'gives queries with match probabilities {}, {} and {}.', *probs)


def greedy_in_order(cost):
    free, chosen = list(range(len(cost))), []
    for g in range(cost.shape[1]):
        q = min(free, key=lambda q: cost[q, g])
        free.remove(q)
        chosen.append(q)
    return chosen


def test_matching_trace_uses_the_exercise_example_and_its_numbers():
    source = (ROOT / "exercises/sam-3/query-matching/starter.py").read_text()
    rows = re.search(r"cost = np\.array\((\[\[.*?\]\])\)", source, flags=re.S).group(1)
    cost = np.array(eval(rows))  # noqa: S307 - the exercise's own literal
    best = solution("sam-3/query-matching").match_queries(cost)
    cheapest = np.argmin(cost, axis=0)
    assert cheapest[0] == cheapest[1]  # both players' cheapest query is the same one
    claim("query {} is the cheapest query for both players (costs {} and\n{})", int(cheapest[0]),
          f"{cost[cheapest[0], 0]:g}", f"{cost[cheapest[1], 1]:g}", fmt="d")
    claim("uses query {} twice", int(cheapest[0]), fmt="d")
    greedy = greedy_in_order(cost)
    claim("gives A query {} and leaves B with query {}, a total of {}", greedy[0], greedy[1],
          f"{cost[greedy, [0, 1]].sum():g}", fmt="d")
    claim("the one-to-one matching gives A\nquery {} and B query {}, a total of {}", int(best[0]),
          int(best[1]), f"{cost[best, [0, 1]].sum():g}", fmt="d")
    assert cost[best, [0, 1]].sum() == min(cost[list(p), [0, 1]].sum()
                                           for p in permutations(range(len(cost)), 2))


# The video merge, restated from sam3/model/sam3_video_base.py (_associate_det_trk, with the
# thresholds of build_sam3_video_model): a detection starts a new masklet when its score is at
# least NEW_DET and its mask IoU with every masklet is below ASSOC; a masklet is matched when
# some detection overlaps it with IoU of at least TRK_ASSOC; a detection re-prompts a masklet
# (on re-prompting frames) when its score and IoU are both at least HIGH.
NEW_DET, ASSOC, TRK_ASSOC, HIGH = 0.7, 0.1, 0.5, 0.8
VIDEO_SCORES = np.array([0.93, 0.81, 0.74, 0.62])
VIDEO_IOU = np.array([[0.86, 0.00], [0.00, 0.31], [0.00, 0.04], [0.00, 0.00]])


def merge(scores, iou):
    new = [d for d in range(len(scores)) if scores[d] >= NEW_DET and np.all(iou[d] < ASSOC)]
    matched = [t for t in range(iou.shape[1]) if np.any(iou[:, t] >= TRK_ASSOC)]
    reprompt = {int(np.argmax(iou[d])): d for d in range(len(scores))
                if d not in new and scores[d] >= HIGH and iou[d].max() >= HIGH}
    return new, matched, reprompt


def test_video_merge_trace():
    new, matched, reprompt = merge(VIDEO_SCORES, VIDEO_IOU)
    assert new == [2] and matched == [0] and reprompt == {0: 0}
    outcomes = {0: "confirms masklet 1 (and re-prompts it on a 16th frame)",
                1: "overlaps masklet 2, so it is not new; too little to confirm it",
                2: "new object: masklet 3",
                3: "not confident enough to start a masklet"}
    # each outcome follows from the rule for its row
    assert 0 in reprompt.values() and 1 not in new and VIDEO_IOU[1].max() >= ASSOC
    assert VIDEO_IOU[1].max() < TRK_ASSOC and VIDEO_SCORES[3] < NEW_DET
    for d, name in enumerate("abcd"):
        claim("| {} | {} | {} | {} | {} |", name, f"{VIDEO_SCORES[d]:.2f}",
              f"{VIDEO_IOU[d, 0]:.2f}", f"{VIDEO_IOU[d, 1]:.2f}", outcomes[d])
    ids = sorted({1, 2} | {3 + i for i in range(len(new))})
    claim("the\noutput of this frame has IDs {}, {} and {}", *ids, fmt="d")
    claim("confident (score\n   at least {})", f"{NEW_DET:g}")
    claim("(IoU below {} with all of them)", f"{ASSOC:g}")
    claim("overlaps with IoU of at least {} counts as unmatched", f"{TRK_ASSOC:g}")
    claim("a detection with score at least {} that overlaps a masklet with IoU of at\n   least {}",
          f"{HIGH:g}", f"{HIGH:g}")


# -- the exercises and widgets on the page, and defaults named in the prose ------------------------

EXERCISES = ("fourier-pe", "spectral-bias", "cross-attention", "mask-iou", "focal-loss",
             "dice-loss", "mask-loss", "min-vs-mean", "query-matching", "presence-score")


def test_every_exercise_of_the_lesson_is_embedded_once_and_after_its_explanation():
    page = lesson(SLUG)
    on_disk = sorted(p.name for p in (ROOT / "exercises/sam-3").iterdir() if p.is_dir())
    assert sorted(EXERCISES) == on_disk
    positions = [page.index(f'{{{{ exercise("sam-3/{name}") }}}}') for name in EXERCISES]
    assert positions == sorted(positions), "the exercises appear in the lesson's order"
    for name in EXERCISES:
        assert page.count(f'{{{{ exercise("sam-3/{name}") }}}}') == 1
    for widget in ("sam-pe", "sam-focal", "sam-masks", "sam-presence"):
        assert page.count(f'<div data-widget="{widget}"></div>') == 1


def test_no_solution_is_printed_before_its_exercise():
    page = lesson(SLUG)
    for name in EXERCISES:
        source = (ROOT / "exercises/sam-3" / name / "solution.py").read_text()
        function = re.search(r"^def (\w+)\(", source, flags=re.M).group(1)
        before = page[:page.index(f'exercise("sam-3/{name}")')]
        assert f"def {function}(" not in before, name


def test_defaults_and_settings_named_in_the_prose():
    import inspect

    focal_defaults = inspect.signature(solution("sam-3/focal-loss").focal_loss).parameters
    gamma, alpha = focal_defaults["gamma"].default, focal_defaults["alpha"].default
    claim("γ = {} and α = {} (the defaults of Lin et al.", f"{gamma:g}", f"{alpha:g}")
    smooth = inspect.signature(solution("sam-3/dice-loss").dice_loss).parameters["smooth"].default
    claim("\\qquad s = {}", f"{smooth:g}")
    claim("(then it is 1 − 1/{} = 0, instead of 0/0)", f"{smooth:g}")
    # the stability checks of the focal- and dice-loss exercises feed logits of ±1000; the one
    # that overflows 1/(1 + e^(−z)) is −1000
    for name in ("focal-loss", "dice-loss"):
        assert "-1000.0" in (ROOT / f"exercises/sam-3/{name}/checks.py").read_text()
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float64(1000.0)))
    claim("a logit of {} overflows: $e^{{{}}}$", minus("-1000"), 1000, fmt="d")
    presence_default = inspect.signature(
        solution("sam-3/presence-score").concept_scores).parameters["threshold"].default
    claim("a detection is kept when its score is above {}", f"{presence_default:g}")
