"""Checks for sam-3/mask-iou.

Expected values come from `iou` below: a plain-Python count over the pixels, written
independently of the NumPy reference. Each known mistake is the same count with one change.
"""

import math

import numpy as np

from course.engine import CheckFailed, Checks

checks = Checks()


def iou(z, t, *, threshold=0.0, inclusive=False, dice=False, add_sizes=False, soft=False):
    inter = union = size_p = size_t = 0.0
    for zi, ti in zip(np.ravel(z), np.ravel(t), strict=True):
        if soft:
            p = 1.0 / (1.0 + math.exp(-float(zi)))
        else:
            p = 1.0 if (zi >= threshold if inclusive else zi > threshold) else 0.0
        tt = 1.0 if ti > 0.5 else 0.0
        inter += p * tt
        union += max(p, tt) if not soft else p + tt - p * tt
        size_p += p
        size_t += tt
    if dice:
        return 1.0 if size_p + size_t == 0 else 2 * inter / (size_p + size_t)
    if add_sizes:
        return 1.0 if size_p + size_t == 0 else inter / (size_p + size_t)
    return 1.0 if union == 0 else inter / union


def mistakes(z, t):
    return {
        "this is the dice coefficient 2·|A∩B| / (|A| + |B|), not IoU = |A∩B| / |A∪B|":
            iou(z, t, dice=True),
        "the union was taken as |A| + |B|; the overlap is then counted twice (subtract "
        "the intersection)": iou(z, t, add_sizes=True),
        "the logits were thresholded at 0.5 as if they were probabilities; a logit > 0 "
        "means p > 0.5": iou(z, t, threshold=0.5),
        "a logit of exactly 0 (p = 0.5) was counted as foreground; use pred_logits > 0":
            iou(z, t, inclusive=True),
        "this is a soft IoU on σ(logits); threshold the prediction first (pred_logits > 0)":
            iou(z, t, soft=True),
    }


def judge(trial, z, t):
    got = trial.expect_float(trial.call(z, t))
    trial.expect_close(got, iou(z, t), likely=mistakes(z, t))


@checks("the lesson's 4 × 4 example: a 2 × 2 target, a 2 × 3 prediction")
def _(trial):
    t = np.zeros((4, 4))
    t[1:3, 1:3] = 1
    z = np.full((4, 4), -3.0)
    z[1:3, 1:4] = 3.0
    judge(trial, z, t)


@checks("logits between 0 and 0.5 count as foreground (p just above 0.5)")
def _(trial):
    t = np.array([[1, 1, 0], [0, 1, 0], [0, 0, 0]], dtype=float)
    z = np.array([[0.3, 2.0, 0.2], [-1.0, 0.4, -0.1], [-2.0, 0.1, -3.0]])
    judge(trial, z, t)


@checks("a logit of exactly 0 is background")
def _(trial):
    t = np.array([[1, 0], [1, 0]], dtype=float)
    z = np.array([[2.0, 0.0], [0.0, -1.0]])
    judge(trial, z, t)


@checks("a random 6 × 6 prediction")
def _(trial):
    rng = np.random.default_rng(2)
    t = (rng.uniform(size=(6, 6)) < 0.4).astype(float)
    z = rng.normal(0.0, 2.0, size=(6, 6))
    judge(trial, z, t)


@checks("no overlap at all gives 0.0")
def _(trial):
    t = np.array([[1, 0, 0]], dtype=float)
    z = np.array([[-1.0, 1.0, 1.0]])
    judge(trial, z, t)


@checks("both masks empty: they agree perfectly, IoU = 1.0")
def _(trial):
    t = np.zeros((3, 3))
    z = np.full((3, 3), -5.0)
    hint = ("when both masks are empty the union is 0; return 1.0 for that case instead of "
            "dividing 0 by 0")
    try:
        got = trial.call(z, t)
    except CheckFailed as failed:
        if "ZeroDivisionError" not in str(failed):  # plain-int 0 / 0
            raise
        raise CheckFailed(f"{failed}\nlikely cause: {hint}", hint) from None
    got = trial.expect_float(got, not_finite=hint)
    trial.expect_close(got, 1.0, likely={hint: 0.0})
