"""Checks for sam-3/dice-loss.

Expected values come from `dice` below: a plain-Python loop with math.exp, written
independently of the NumPy reference. Each known mistake is the same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def dice(logits, targets, smooth=1.0, *, raw_logits=False, hard=False, no_two=False,
         smooth_num=True, smooth_den=True, coefficient=False):
    inter = size_p = size_t = 0.0
    for z, t in zip(np.ravel(logits), np.ravel(targets), strict=True):
        p = float(z) if raw_logits else sigmoid(float(z))
        if hard:
            p = 1.0 if z > 0 else 0.0
        inter += p * float(t)
        size_p += p
        size_t += float(t)
    num = (1.0 if no_two else 2.0) * inter + (smooth if smooth_num else 0.0)
    den = size_p + size_t + (smooth if smooth_den else 0.0)
    if den == 0:
        return float("nan")
    return num / den if coefficient else 1.0 - num / den


def mistakes(z, t, smooth=1.0):
    return {
        "no smoothing: the +smooth term is missing from the numerator and the denominator":
            dice(z, t, smooth, smooth_num=False, smooth_den=False),
        "smooth was added to the denominator only; it goes in both":
            dice(z, t, smooth, smooth_num=False),
        "smooth was added to the numerator only; it goes in both":
            dice(z, t, smooth, smooth_den=False),
        "the factor 2 on the intersection is missing (2·Σ p·t)": dice(z, t, smooth, no_two=True),
        "the logits were used as probabilities: apply σ first": dice(z, t, smooth, raw_logits=True),
        "the prediction was thresholded (p > 0.5); dice loss uses the soft probabilities so "
        "it has a gradient": dice(z, t, smooth, hard=True),
        "this is the dice coefficient; the loss is 1 − coefficient":
            dice(z, t, smooth, coefficient=True),
    }


def judge(trial, z, t, **kwargs):
    got = trial.expect_float(trial.call(z, t, **kwargs))
    trial.expect_close(got, dice(z, t, **kwargs), likely=mistakes(z, t, **kwargs))


@checks("the lesson's 3 × 3 example: logits ±2 on a 4-pixel square")
def _(trial):
    t = np.array([[0, 1, 1], [0, 1, 1], [0, 0, 0]], dtype=float)
    judge(trial, np.where(t == 1, 2.0, -2.0), t)


@checks("a random 5 × 5 mask, smooth = 1")
def _(trial):
    rng = np.random.default_rng(21)
    z = rng.normal(0.0, 2.0, size=(5, 5))
    t = (rng.uniform(size=(5, 5)) < 0.3).astype(float)
    judge(trial, z, t)


@checks("smooth = 0.5 on a 2 × 6 mask")
def _(trial):
    rng = np.random.default_rng(5)
    z = rng.normal(0.0, 1.0, size=(2, 6))
    t = (rng.uniform(size=(2, 6)) < 0.5).astype(float)
    judge(trial, z, t, smooth=0.5)


@checks("empty target, confidently empty prediction: the loss is ≈ 0, not 1 or nan")
def _(trial):
    z = np.full((4, 4), -12.0)
    t = np.zeros((4, 4))
    judge(trial, z, t)


@checks("logits of ±1000 (no overflow)")
def _(trial):
    z = np.array([1000.0, -1000.0, 1000.0, 0.0])
    t = np.array([1.0, 0.0, 0.0, 1.0])
    overflow = "1/(1 + exp(−z)) overflows for z = −1000; use 0.5·(1 + tanh(z/2)), which is σ(z)"
    got = trial.expect_float(trial.call(z, t), not_finite=overflow)
    trial.expect_close(got, dice(z, t), likely=mistakes(z, t), not_finite=overflow)
