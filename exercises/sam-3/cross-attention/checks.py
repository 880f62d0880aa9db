"""Checks for sam-3/cross-attention.

Expected values for the small cases come from `attend` below: plain-Python loops with math.exp,
written independently of the NumPy reference. Each known mistake is the same loop with one
change. The full-size decoder case (7 × 4096 × 128) is too big for Python loops in the browser;
it checks shapes, row sums and a vectorised restatement of the formula.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def attend(q, k, v, *, scale="sqrt", axis="positions", value_source="values"):
    q, k, v = q.tolist(), k.tolist(), v.tolist()  # plain floats: loops over them are fast
    t_count, d = len(q), len(q[0])
    p_count = len(k)
    div = {"sqrt": math.sqrt(d), "none": 1.0, "d": float(d)}[scale]
    scores = [[sum(q[i][c] * k[j][c] for c in range(d)) / div
               for j in range(p_count)] for i in range(t_count)]
    weights = [[0.0] * p_count for _ in range(t_count)]
    if axis == "positions":
        for i in range(t_count):
            top = max(scores[i])
            row = [math.exp(s - top) for s in scores[i]]
            total = sum(row)
            weights[i] = [r / total for r in row]
    else:  # softmax over the tokens (down each column)
        for j in range(p_count):
            col = [scores[i][j] for i in range(t_count)]
            top = max(col)
            ex = [math.exp(s - top) for s in col]
            total = sum(ex)
            for i in range(t_count):
                weights[i][j] = ex[i] / total
    src = v if value_source == "values" else k
    out = [[sum(weights[i][j] * src[j][c] for j in range(p_count)) for c in range(d)]
           for i in range(t_count)]
    return np.array(weights), np.array(out)


WEIGHT_MISTAKES = {
    "the softmax ran over the wrong axis (the tokens); each token's row over the P image "
    "positions must sum to 1 (axis=1)": dict(axis="tokens"),
    "the scores were not scaled: divide Q Kᵀ by √D": dict(scale="none"),
    "the scores were divided by D; the scaling is √D": dict(scale="d"),
}


def judge(trial, q, k, v):
    got = trial.call(q, k, v)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (weights, out).", got=got)
    weights = trial.expect_shape(got[0], (len(q), len(k)), "weights")
    out = trial.expect_shape(got[1], (len(q), q.shape[1]), "out")
    want_w, want_out = attend(q, k, v)
    # Each mistake's value is computed only if the answer is wrong (a lambda per mistake).
    likely = {text: (lambda change=change: attend(q, k, v, **change)[0])
              for text, change in WEIGHT_MISTAKES.items()}
    trial.expect_close(weights, want_w, what="weights", likely=likely)
    likely_out = {"out was computed from the keys; it is weights @ values":
                  lambda: attend(q, k, v, value_source="keys")[1]}
    trial.expect_close(out, want_out, what="out", likely=likely_out)


@checks("2 tokens attend over 3 positions, D = 4")
def _(trial):
    q = np.array([[1.0, 0.0, 2.0, -1.0], [0.5, 1.5, -0.5, 0.0]])
    k = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 2.0, 1.0, -1.0], [-1.0, 0.0, 1.0, 2.0]])
    v = np.array([[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 0.0, 1.0], [2.0, 2.0, -2.0, 0.0]])
    judge(trial, q, k, v)


@checks("the decoder's 7 tokens (IoU, 4 mask, click, padding) over an 8 × 8 grid, D = 16")
def _(trial):
    rng = np.random.default_rng(3)
    q = rng.normal(size=(7, 16))
    k = rng.normal(size=(64, 16))
    v = rng.normal(size=(64, 16))
    judge(trial, q, k, v)


@checks("large scores (|Q·K| ~ 10⁴) give finite weights: subtract the row maximum")
def _(trial):
    q = np.array([[300.0, -200.0], [-250.0, 400.0]])
    k = np.array([[30.0, 10.0], [-20.0, 25.0], [5.0, -40.0]])
    v = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    overflow = ("np.exp of a score in the thousands overflows; subtract each row's maximum "
                "before the exponential (the softmax does not change)")
    got = trial.call(q, k, v)
    weights = trial.expect_shape(got[0], (2, 3), "weights")
    want_w, want_out = attend(q, k, v)
    trial.expect_close(weights, want_w, what="weights", not_finite=overflow)
    trial.expect_close(trial.expect_shape(got[1], (2, 2), "out"), want_out, what="out",
                       not_finite=overflow)


@checks("SAM's full size: 7 tokens × 4096 positions (64 × 64), D = 128 (the decoder's "
        "attention width after its 256 → 128 projection)")
def _(trial):
    rng = np.random.default_rng(8)
    q = rng.normal(size=(7, 128))
    # Uniform draws, and values made from the keys (rows reversed, doubled): drawing a million
    # normal numbers costs more than the whole attention in Pyodide.
    k = rng.random((4096, 128)) - 0.5
    v = 2.0 * k[::-1]
    got = trial.call(q, k, v)
    weights = trial.expect_shape(got[0], (7, 4096), "weights")
    trial.expect_shape(got[1], (7, 128), "out")
    rows = weights.sum(axis=1)
    if not np.allclose(rows, 1.0):
        trial.fail("each token's weights over the 4096 positions should sum to 1.",
                   expected=1.0, got=float(rows[0]),
                   likely="the softmax ran over the wrong axis (the tokens); use axis=1")
    unscaled = q @ k.T
    scores = unscaled / math.sqrt(128)
    e = np.exp(scores - scores.max(axis=1)[:, None])
    want = e / e.sum(axis=1)[:, None]

    def not_scaled():
        e2 = np.exp(unscaled - unscaled.max(axis=1)[:, None])
        return e2 / e2.sum(axis=1)[:, None]

    trial.expect_close(weights, want, what="weights",
                       likely={"the scores were not scaled: divide Q Kᵀ by √D = √128 ≈ 11.3":
                               not_scaled})
