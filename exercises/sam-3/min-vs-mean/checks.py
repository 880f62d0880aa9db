"""Checks for sam-3/min-vs-mean.

Expected logits come from `train` below: plain-Python loops over heads, targets and pixels with
the math module, written independently of the NumPy reference. Each known mistake is the same
loop with one change (a keyword argument).
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def softplus(z):
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def mean_bce(soft_row, z_row, t):
    """One head's loss for target t, from its logits and their softplus."""
    return sum(s - tp * zp for s, zp, tp in zip(soft_row, z_row, t, strict=True)) / len(t)


def train(targets, init, steps, lr, rule, *, pick="argmin", all_heads=False, divide_k=True,
          divide_p=True, sign=-1.0, per_head_best=False):
    z = [list(map(float, row)) for row in init]
    targets = [list(map(float, row)) for row in targets]
    k_heads, pixels = len(z), len(z[0])
    for _ in range(steps):
        grad = [[0.0] * pixels for _ in range(k_heads)]
        # Each logit's softplus and sigmoid, once per step (every target's loss uses them).
        soft = [[softplus(v) for v in row] for row in z]
        prob = [[sigmoid(v) for v in row] for row in z]
        if per_head_best:  # the mistake: each head picks the target it fits best
            for k in range(k_heads):
                losses = [mean_bce(soft[k], z[k], t) for t in targets]
                t = targets[losses.index(min(losses))]
                for p in range(pixels):
                    grad[k][p] += (prob[k][p] - t[p]) / (pixels if divide_p else 1)
        else:
            for t in targets:
                losses = [mean_bce(soft[k], z[k], t) for k in range(k_heads)]
                best = losses.index(max(losses) if pick == "argmax" else min(losses))
                for k in range(k_heads):
                    if rule == "min" and not all_heads and k != best:
                        continue
                    share = 1.0 / k_heads if (rule == "mean" and divide_k) else 1.0
                    for p in range(pixels):
                        g = (prob[k][p] - t[p]) / (pixels if divide_p else 1)
                        grad[k][p] += share * g
        for k in range(k_heads):
            for p in range(pixels):
                z[k][p] += sign * lr * grad[k][p]
    return np.array(z)


def mistakes(targets, init, steps, lr, rule):
    found = {
        "the logits moved up the gradient: z ← z − lr · gradient":
            lambda: train(targets, init, steps, lr, rule, sign=1.0),
        "the gradient of the pixel-averaged loss is (σ(z) − t) / P; the 1/P is missing":
            lambda: train(targets, init, steps, lr, rule, divide_p=False),
    }
    if rule == "min":
        found.update({
            "every head was updated with the target; under the min rule only the head with "
            "the smallest loss for that target learns from it":
                lambda: train(targets, init, steps, lr, rule, all_heads=True),
            "the head with the largest loss was updated (argmax); the rule keeps the smallest":
                lambda: train(targets, init, steps, lr, rule, pick="argmax"),
            "each head picked the target it fits best; the minimum is over the heads, for each "
            "target: every ground truth goes to its best head":
                lambda: train(targets, init, steps, lr, rule, per_head_best=True),
        })
    else:
        found["the gradients were summed over the heads; the mean rule gives each head 1/K "
              "of every target's gradient"] = lambda: train(targets, init, steps, lr, rule,
                                                            divide_k=False)
    return found


def judge(trial, targets, init, steps, lr, rule):
    got = trial.call(targets, init, steps, lr, rule)
    got = trial.expect_shape(got, init.shape, "the trained logits")
    want = train(targets, init, steps, lr, rule)
    trial.expect_close(got, want, likely=mistakes(targets, init, steps, lr, rule))
    return np.asarray(got, dtype=float)


SMALL_TARGETS = np.array([[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
SMALL_START = np.array([[0.5, -0.2, -1.0, 0.1], [0.2, 0.4, 0.6, -0.3]])


@checks("one step of the mean rule: 2 heads, 4 pixels, 2 ground truths")
def _(trial):
    judge(trial, SMALL_TARGETS, SMALL_START, 1, 2.0, "mean")


@checks("one step of the min rule: each ground truth updates only the head that fits it best")
def _(trial):
    judge(trial, SMALL_TARGETS, SMALL_START, 1, 2.0, "min")


@checks("5 steps of the min rule: 3 heads on 6 pixels, random starts")
def _(trial):
    rng = np.random.default_rng(4)
    targets = (rng.uniform(size=(3, 6)) < 0.5).astype(float)
    judge(trial, targets, rng.normal(0.0, 1.0, size=(3, 6)), 5, 3.0, "min")


def lesson_setup():
    targets = np.zeros((3, 12))
    for g, (first, stop) in enumerate([(5, 7), (3, 9), (1, 11)]):
        targets[g, first:stop] = 1.0
    start = np.array([[-1.0], [0.0], [1.0]]) + np.random.default_rng(0).normal(0.0, 0.3, (3, 12))
    return targets, start


@checks("the lesson's experiment, mean rule: after 40 steps the three heads are one hedged mask")
def _(trial):
    targets, start = lesson_setup()
    z = judge(trial, targets, start, 40, 24.0, "mean")
    p = 1.0 / (1.0 + np.exp(-z))
    spread = float(np.max(np.ptp(p, axis=0)))
    if spread > 0.01:
        trial.fail(f"the heads still differ by up to {spread:.3f} in probability.")


@checks("the lesson's experiment, min rule: after 40 steps each head is a different ground truth")
def _(trial):
    targets, start = lesson_setup()
    z = judge(trial, targets, start, 40, 24.0, "min")
    masks = z > 0
    matched = sorted(g for head in masks for g in range(3) if np.array_equal(head, targets[g] > 0))
    if matched != [0, 1, 2]:
        trial.fail("the heads' masks (logit > 0) are not the part, the object and the whole.")
