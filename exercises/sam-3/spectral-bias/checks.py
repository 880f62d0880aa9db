"""Checks for sam-3/spectral-bias.

Small cases: expected predictions come from `descend` below, a plain-Python loop over the
weights written independently of the NumPy reference; each known mistake is the same loop with
one change (vectorised in `descend_np`, so that naming a mistake stays fast on big inputs).
The lesson-size case (64 points, 256 features, 300 steps) is too big for Python loops in the
browser; it is checked against the closed form of gradient descent: along the k-th singular
direction of the features (singular value s_k) the fit after T steps holds
1 − (1 − η s_k² / N)^T of the target's part there. The conclusion's check judges those same
two fits (`trial.call_once`: the student's 300 steps run once per Check for each encoding).
"""

import functools
import math

import numpy as np

from course.engine import Checks

checks = Checks()


def descend(features, y, steps, *, sign=-1.0, mean=True, step_rule="squared"):
    f, y = features.tolist(), [float(v) for v in y]
    n, h = len(f), len(f[0])
    s_max = float(np.linalg.norm(features, 2))
    eta = n / s_max ** 2 if step_rule == "squared" else n / s_max
    w = [0.0] * h
    for _ in range(steps):
        r = [sum(f[i][j] * w[j] for j in range(h)) - y[i] for i in range(n)]
        for j in range(h):
            g = sum(f[i][j] * r[i] for i in range(n))
            if mean:
                g /= n
            w[j] += sign * eta * g
    return np.array([sum(f[i][j] * w[j] for j in range(h)) for i in range(n)])


def closed_form(features, y, steps):
    u, s, _ = np.linalg.svd(features, full_matrices=False)
    n = len(y)
    eta = n / s[0] ** 2
    kept = 1.0 - (1.0 - eta * s ** 2 / n) ** steps
    return u @ (kept * (u.T @ y))


def descend_np(features, y, steps, *, sign=-1.0, mean=True, step_rule="squared"):
    """The same loop as `descend`, vectorised: used for the known mistakes on big inputs."""
    n = len(y)
    s_max = float(np.linalg.norm(features, 2))
    eta = n / s_max ** 2 if step_rule == "squared" else n / s_max
    w = np.zeros(features.shape[1])
    with np.errstate(all="ignore"):
        for _ in range(steps):
            g = features.T @ (features @ w - y)
            w = w + sign * eta * (g / n if mean else g)
        return features @ w


def mistakes(features, y, steps):
    return {
        "the step went uphill: w moves against the gradient, w ← w − η·gradient":
            lambda: descend_np(features, y, steps, sign=1.0),
        "the gradient was not divided by N: the gradient of ½·mean(r²) is featuresᵀ r / N":
            lambda: descend_np(features, y, steps, mean=False),
        "the step size is N / σ_max; it is N / σ_max² (the square of the largest singular value)":
            lambda: descend_np(features, y, steps, step_rule="plain"),
        "this is the least-squares solution: the experiment is about what a fixed budget of "
        "gradient steps learns, so take exactly `steps` steps":
            lambda: features @ np.linalg.lstsq(features, y, rcond=None)[0],
    }


BLOW_UP = ("the fit blew up: a step larger than 2 / (largest eigenvalue of FᵀF / N) diverges; "
           "use η = N / σ_max² and the gradient featuresᵀ(features @ w − y) / N")


def judge(trial, features, y, steps, want):
    got = trial.call_once(features, y, steps)  # the conclusion's check reuses the lesson's fits
    n, h = features.shape
    if isinstance(got, np.ndarray) and got.shape == (h,) and h != n:
        trial.fail(f"returned an array of shape {got.shape}, one number per feature.",
                   likely="returned the weights w; return the predictions features @ w")
    got = trial.expect_shape(got, (n,), "the predictions")
    trial.expect_close(got, want, likely=mistakes(features, y, steps), not_finite=BLOW_UP)


@checks("no steps at all: w stays 0, so every prediction is 0")
def _(trial):
    features = np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
    judge(trial, features, np.array([1.0, 0.0, -1.0]), 0, np.zeros(3))


@checks("one step from w = 0 on 3 points with 2 features")
def _(trial):
    features = np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
    y = np.array([1.0, 0.0, -1.0])
    judge(trial, features, y, 1, descend(features, y, 1))


@checks("40 steps on 20 points with 8 random ReLU features")
def _(trial):
    rng = np.random.default_rng(5)
    x = np.linspace(-1.0, 1.0, 20)[:, None]
    features = np.maximum(0.0, x @ rng.normal(size=(1, 8)) + rng.normal(0.0, 0.5, size=8))
    y = np.sin(3.0 * x[:, 0]) + 0.3 * rng.normal(size=20)
    judge(trial, features, y, 40, descend(features, y, 40))


@functools.cache  # both lesson-size checks use it; the two SVDs cost 40 ms in Pyodide
def lesson_setup():
    """The lesson's points, target, both encodings' features and their closed-form fits."""
    x = np.arange(64) / 64
    y = np.sin(2 * np.pi * x) + np.sin(2 * np.pi * 6 * x)

    def hidden(inputs):
        rng = np.random.default_rng(1)
        w = rng.normal(0.0, math.sqrt(2.0 / inputs.shape[1]), size=(inputs.shape[1], 256))
        b = rng.normal(0.0, 0.5, size=256)
        return np.maximum(0.0, inputs @ w + b)

    coords = (2 * x - 1)[:, None]
    angles = 2 * np.pi * coords @ np.random.default_rng(0).normal(0.0, 8.0, size=(1, 16))
    fourier = np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
    raw, fourier = hidden(coords), hidden(fourier)
    return x, y, raw, fourier, [closed_form(f, y, 300) for f in (raw, fourier)]


def left_over(x, residual, cycles):
    return 2 * abs(np.mean(residual * np.exp(-2j * np.pi * cycles * x)))


@checks("the lesson's network, 300 steps: the fit matches the closed form of gradient descent")
def _(trial):
    _, y, raw, fourier, fits = lesson_setup()
    judge(trial, raw, y, 300, fits[0])
    judge(trial, fourier, y, 300, fits[1])


@checks("the conclusion: raw coordinates leave most of the 6-cycle wave unlearned, Fourier "
        "features learn it")
def _(trial):
    x, y, raw, fourier, fits = lesson_setup()
    left = []
    for features in (raw, fourier):
        got = trial.expect_shape(trial.call_once(features, y, 300), (64,), "the predictions")
        got = np.asarray(got, dtype=float)
        if not np.all(np.isfinite(got)):
            trial.fail("the predictions are not finite.", likely=BLOW_UP)
        left.append(left_over(x, y - got, 6))
    want = [left_over(x, y - fit, 6) for fit in fits]

    def solved():
        return np.array([left_over(x, y - f @ np.linalg.lstsq(f, y, rcond=None)[0], 6)
                         for f in (raw, fourier)])

    trial.expect_close(np.array(left), np.array(want), rtol=1e-3, atol=1e-3,
                       what="fraction of the fast wave left (raw, Fourier)",
                       likely={"solved in one go (least squares), both encodings fit both waves; "
                               "300 gradient steps is the budget whose effect the experiment "
                               "measures": solved})
