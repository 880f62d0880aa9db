"""Checks for sam-3/mask-loss.

Expected values come from `candidate_losses` below: plain-Python loops over the pixels with the
math module (focal and dice written again here, independently of the NumPy helpers in the
starter). Each known mistake is a different way of combining the same per-candidate numbers.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def neg_log_sigmoid(s):
    return max(-s, 0.0) + math.log1p(math.exp(-abs(s)))


def focal(z, t, gamma=2.0, alpha=0.25):
    total, n = 0.0, 0
    for zi, ti in zip(np.ravel(z), np.ravel(t), strict=True):
        s = float(zi) if ti == 1 else -float(zi)
        ce = neg_log_sigmoid(s)
        total += (alpha if ti == 1 else 1 - alpha) * (1.0 - math.exp(-ce)) ** gamma * ce
        n += 1
    return total / n


def dice(z, t, smooth=1.0):
    inter = sp = st = 0.0
    for zi, ti in zip(np.ravel(z), np.ravel(t), strict=True):
        p = math.exp(-neg_log_sigmoid(float(zi)))
        inter += p * float(ti)
        sp += p
        st += float(ti)
    return 1.0 - (2.0 * inter + smooth) / (sp + st + smooth)


def candidate_losses(masks, target, w_focal=20.0, w_dice=1.0):
    return [w_focal * focal(m, target) + w_dice * dice(m, target) for m in masks]


def mistakes(masks, target):
    right = candidate_losses(masks, target)
    return {
        "the losses were averaged over the candidates; SAM keeps the minimum, so that each "
        "mask can specialise": sum(right) / len(right),
        "the losses were summed over the candidates; SAM keeps the minimum": sum(right),
        "the largest loss was kept (max); SAM back-propagates the smallest (min)": max(right),
        "the weights are swapped: 20·focal + 1·dice, not 1·focal + 20·dice":
            min(candidate_losses(masks, target, 1.0, 20.0)),
        "focal and dice were added 1:1; SAM weights focal loss 20 times more":
            min(candidate_losses(masks, target, 1.0, 1.0)),
        "only the first candidate's loss was used; take the minimum over all K":
            right[0],
    }


def judge(trial, masks, target):
    got = trial.call(masks, target)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (loss, best) of two values.", got=got)
    loss, best = got
    loss = trial.expect_float(loss)
    right = candidate_losses(masks, target)
    want = min(right)
    trial.expect_close(loss, want, what="loss", likely=mistakes(masks, target))
    if isinstance(best, (bool, np.bool_)) or not isinstance(best, (int, np.integer)):
        trial.fail(f"best should be an int index, got a {type(best).__name__}.",
                   likely="return int(np.argmin(losses)), not the loss or an array")
    want_best = right.index(want)
    if int(best) != want_best:
        likely = None
        if int(best) == right.index(max(right)):
            likely = "best is the index of the largest loss (argmax); use argmin"
        trial.fail("best is not the index of the smallest candidate loss.",
                   expected=want_best, got=int(best), likely=likely)


def blob(h, w, top, left, bottom, right, inside=4.0, outside=-4.0):
    m = np.full((h, w), outside)
    m[top:bottom, left:right] = inside
    return m


@checks("part / object / scene on a 6 × 6 image: the object mask wins")
def _(trial):
    target = blob(6, 6, 1, 1, 5, 5, 1.0, 0.0)
    masks = np.stack([blob(6, 6, 1, 1, 3, 3), blob(6, 6, 1, 1, 5, 5), np.full((6, 6), 4.0)])
    judge(trial, masks, target)


@checks("the target is the small part: candidate 0 wins")
def _(trial):
    target = blob(6, 6, 1, 1, 3, 3, 1.0, 0.0)
    masks = np.stack([blob(6, 6, 1, 1, 3, 3, 2.0, -2.0), blob(6, 6, 1, 1, 5, 5),
                      np.full((6, 6), 1.0)])
    judge(trial, masks, target)


@checks("four random candidates on a 5 × 7 mask")
def _(trial):
    rng = np.random.default_rng(31)
    target = (rng.uniform(size=(5, 7)) < 0.4).astype(float)
    masks = rng.normal(0.0, 3.0, size=(4, 5, 7))
    masks[2] += np.where(target == 1, 3.0, -3.0)
    judge(trial, masks, target)
