"""Checks for sam-3/focal-loss.

Expected values come from `focal` below: a plain-Python loop over the elements with the math
module, written independently of the NumPy reference. Each known mistake is the same loop with
one change (a keyword argument).
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def neg_log_sigmoid(s):
    """-log σ(s) = log(1 + e^(-s)), finite for any s."""
    return max(-s, 0.0) + math.log1p(math.exp(-abs(s)))


def focal(logits, targets, gamma=2.0, alpha=0.25, *, no_focal_term=False, p_t_power=False,
          alpha_swapped=False, alpha_everywhere=False, reduce="mean"):
    total = 0.0
    flat_z = np.ravel(logits)
    flat_t = np.ravel(targets)
    for z, t in zip(flat_z, flat_t, strict=True):
        s = float(z) if t == 1 else -float(z)
        ce = neg_log_sigmoid(s)
        p_t = math.exp(-ce)
        if no_focal_term:
            term = 1.0
        elif p_t_power:
            term = p_t ** gamma
        else:
            term = (-math.expm1(-ce)) ** gamma
        value = term * ce
        if alpha is not None:
            if alpha_everywhere:
                weight = alpha
            elif alpha_swapped:
                weight = 1 - alpha if t == 1 else alpha
            else:
                weight = alpha if t == 1 else 1 - alpha
            value *= weight
        total += value
    return total if reduce == "sum" else total / len(flat_z)


def mistakes(z, t, gamma=2.0, alpha=0.25):
    """What the mistakes students really make would return for these inputs."""
    found = {
        "the (1 − p_t)^γ term is missing: this is α-weighted cross-entropy, easy pixels are "
        "not down-weighted": focal(z, t, gamma, alpha, no_focal_term=True),
        "the modulating term is p_t^γ; it must be (1 − p_t)^γ, small when the pixel is "
        "already right": focal(z, t, gamma, alpha, p_t_power=True),
        "the loss is summed over the elements; average it (np.mean)":
            focal(z, t, gamma, alpha, reduce="sum"),
    }
    if alpha is not None:
        found["α is applied to the wrong class: α goes to the positives (target 1), 1 − α "
              "to the negatives"] = focal(z, t, gamma, alpha, alpha_swapped=True)
        found["every element is weighted by α; negatives get 1 − α"] = focal(
            z, t, gamma, alpha, alpha_everywhere=True)
        found["α was ignored; with alpha given, weight positives by α and negatives by 1 − α"] = \
            focal(z, t, gamma, None)
    else:
        found["alpha=None must turn the α weighting off, but α = 0.25 was still applied"] = \
            focal(z, t, gamma, 0.25)
    return found


def judge(trial, z, t, **kwargs):
    got = trial.expect_float(trial.call(z, t, **kwargs))
    trial.expect_close(got, focal(z, t, **kwargs), likely=mistakes(z, t, **kwargs))


@checks("the lesson's hard foreground pixel: p = 0.1, target 1, no α")
def _(trial):
    judge(trial, np.array([math.log(0.1 / 0.9)]), np.array([1.0]), gamma=2.0, alpha=None)


@checks("the lesson's easy background pixel: p = 0.05, target 0, γ = 2, α = 0.25")
def _(trial):
    judge(trial, np.array([math.log(0.05 / 0.95)]), np.array([0.0]), gamma=2.0, alpha=0.25)


@checks("a 4 × 4 mask, defaults γ = 2, α = 0.25")
def _(trial):
    rng = np.random.default_rng(4)
    z = rng.normal(0.0, 2.0, size=(4, 4))
    t = (rng.uniform(size=(4, 4)) < 0.4).astype(float)
    got = trial.expect_float(trial.call(z, t))
    trial.expect_close(got, focal(z, t), likely=mistakes(z, t))


@checks("γ = 0 and alpha=None is plain binary cross-entropy")
def _(trial):
    rng = np.random.default_rng(9)
    z = rng.normal(0.0, 1.5, size=10)
    t = (rng.uniform(size=10) < 0.5).astype(float)
    judge(trial, z, t, gamma=0.0, alpha=None)


@checks("γ = 5, α = 0.75 on a 3 × 5 mask")
def _(trial):
    rng = np.random.default_rng(12)
    z = rng.normal(0.0, 3.0, size=(3, 5))
    t = (rng.uniform(size=(3, 5)) < 0.5).astype(float)
    judge(trial, z, t, gamma=5.0, alpha=0.75)


@checks("numerically stable: logits of ±1000 give a finite, right loss")
def _(trial):
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0, 3.0])
    t = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    overflow = ("σ(logit) computed as 1/(1 + exp(−logit)) overflows, and log(p) of a p that "
                "rounds to 0 is log(0); compute −log p_t as np.logaddexp(0, −s) with "
                "s = (2t − 1)·logit")
    got = trial.expect_float(trial.call(z, t), not_finite=overflow)
    trial.expect_close(got, focal(z, t), likely=mistakes(z, t), not_finite=overflow)
