"""Checks for sam-3/cross-attention.

Expected values for the small cases come from `attend` below: plain-Python loops with math.exp,
head by head, written independently of the NumPy reference. Each known mistake is the same loop
with one change. The full-size decoder case (7 tokens × 4096 positions, 128 channels in 8 heads)
is too big for Python loops in the browser; it is checked against a NumPy restatement of the
formula, head by head.
"""

import math
from operator import mul

import numpy as np

from course.engine import Checks

checks = Checks()


def heads_of(rows, num_heads, *, transpose=True):
    """Split a (N, D) list of rows into num_heads lists of (N, d) rows."""
    n, width = len(rows), len(rows[0])
    d = width // num_heads
    if transpose:  # channels h·d … h·d + d − 1 of every row form head h
        return [[row[h * d:(h + 1) * d] for row in rows] for h in range(num_heads)]
    flat = [v for row in rows for v in row]  # the mistake: reshape (N, D) straight to (H, N, d)
    return [[flat[(h * n + i) * d:(h * n + i + 1) * d] for i in range(n)] for h in range(num_heads)]


def attend(q, k, v, num_heads, *, scale="head", axis="positions", value_source="values",
           split=True, recombine=True):
    q, k, v = q.tolist(), k.tolist(), v.tolist()  # plain floats: loops over them are fast
    t_count, width = len(q), len(q[0])
    p_count = len(k)
    d = width // num_heads
    div = {"head": math.sqrt(d), "width": math.sqrt(width), "none": 1.0, "d": float(d)}[scale]
    qs, ks = heads_of(q, num_heads, transpose=split), heads_of(k, num_heads, transpose=split)
    vs = heads_of(k if value_source == "keys" else v, num_heads, transpose=split)
    all_weights, outs = [], []
    for h in range(num_heads):
        scores = [[sum(map(mul, q_row, k_row)) / div for k_row in ks[h]] for q_row in qs[h]]
        weights = [[0.0] * p_count for _ in range(t_count)]
        if axis == "positions":
            for i in range(t_count):
                top = max(scores[i])
                row = [math.exp(s - top) for s in scores[i]]
                weights[i] = [r / sum(row) for r in row]
        else:  # softmax over the tokens (down each column)
            for j in range(p_count):
                col = [scores[i][j] for i in range(t_count)]
                top = max(col)
                ex = [math.exp(s - top) for s in col]
                for i in range(t_count):
                    weights[i][j] = ex[i] / sum(ex)
        all_weights.append(weights)
        v_columns = list(zip(*vs[h], strict=True))  # channel c of every position
        outs.append([[sum(map(mul, w_row, column)) for column in v_columns] for w_row in weights])
    if recombine:  # token i's row: head 0's d values, then head 1's, …
        out = [[x for h in range(num_heads) for x in outs[h][i]] for i in range(t_count)]
    else:  # the mistake: reshape (H, T, d) straight to (T, D)
        flat = [x for h in range(num_heads) for row in outs[h] for x in row]
        out = [flat[i * width:(i + 1) * width] for i in range(t_count)]
    return np.array(all_weights), np.array(out)


WEIGHT_MISTAKES = {
    "the softmax ran over the wrong axis (the tokens); each token's row over the P image "
    "positions must sum to 1 (the last axis)": dict(axis="tokens"),
    "the scores were not scaled: divide q_h k_hᵀ by √d": dict(scale="none"),
    "the scores were divided by d; the scaling is √d": dict(scale="d"),
    "the scores were divided by √D, the full width; each head's dot products have d = D / H "
    "terms, so divide by √d": dict(scale="width"),
    "the heads were split by reshaping (T, D) straight to (H, T, d), which puts different "
    "tokens' channels into one row; reshape to (T, H, d), then transpose": dict(split=False),
}
OUT_MISTAKES = {
    "out was computed from the keys; it is weights @ values": dict(value_source="keys"),
    "the heads were put back by reshaping (H, T, d) straight to (T, D); transpose to "
    "(T, H, d) first": dict(recombine=False),
}


def judge(trial, q, k, v, num_heads):
    got = trial.call(q, k, v, num_heads)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (weights, out).", got=got)
    weights = trial.expect_shape(got[0], (num_heads, len(q), len(k)), "weights")
    out = trial.expect_shape(got[1], q.shape, "out")
    want_w, want_out = attend(q, k, v, num_heads)
    # Each mistake's value is computed only if the answer is wrong (a lambda per mistake).
    likely = {text: (lambda change=change: attend(q, k, v, num_heads, **change)[0])
              for text, change in WEIGHT_MISTAKES.items()}
    trial.expect_close(weights, want_w, what="weights", likely=likely)
    likely_out = {text: (lambda change=change: attend(q, k, v, num_heads, **change)[1])
                  for text, change in OUT_MISTAKES.items()}
    trial.expect_close(out, want_out, what="out", likely=likely_out)


@checks("one head: 2 tokens attend over 3 positions, D = 4")
def _(trial):
    q = np.array([[1.0, 0.0, 2.0, -1.0], [0.5, 1.5, -0.5, 0.0]])
    k = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 2.0, 1.0, -1.0], [-1.0, 0.0, 1.0, 2.0]])
    v = np.array([[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 0.0, 1.0], [2.0, 2.0, -2.0, 0.0]])
    judge(trial, q, k, v, 1)


@checks("two heads of d = 3: 3 tokens over 4 positions, D = 6")
def _(trial):
    rng = np.random.default_rng(11)
    judge(trial, rng.normal(size=(3, 6)), rng.normal(size=(4, 6)), rng.normal(size=(4, 6)), 2)


@checks("the decoder's 7 tokens (IoU, 4 mask, click, padding) over a 4 × 4 grid, "
        "8 heads of d = 4")
def _(trial):
    rng = np.random.default_rng(3)
    q = rng.normal(size=(7, 32))
    k = rng.normal(size=(16, 32))
    v = rng.normal(size=(16, 32))
    judge(trial, q, k, v, 8)


@checks("large scores (|q·k| ~ 10⁴) give finite weights: subtract the row maximum")
def _(trial):
    q = np.array([[300.0, -200.0], [-250.0, 400.0]])
    k = np.array([[30.0, 10.0], [-20.0, 25.0], [5.0, -40.0]])
    v = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    overflow = ("np.exp of a score in the thousands overflows; subtract each row's maximum "
                "before the exponential (the softmax does not change)")
    got = trial.call(q, k, v, 1)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (weights, out).", got=got)
    weights = trial.expect_shape(got[0], (1, 2, 3), "weights")
    want_w, want_out = attend(q, k, v, 1)
    trial.expect_close(weights, want_w, what="weights", not_finite=overflow)
    trial.expect_close(trial.expect_shape(got[1], (2, 2), "out"), want_out, what="out",
                       not_finite=overflow)


@checks("SAM's real size: 7 tokens × 4096 positions (64 × 64), 128 channels (after the "
        "256 → 128 projection) in 8 heads of d = 16")
def _(trial):
    rng = np.random.default_rng(8)
    q = rng.normal(size=(7, 128))
    # Uniform draws, and values made from the keys (rows reversed, doubled): drawing a million
    # normal numbers costs more than the whole attention in Pyodide.
    k = rng.random((4096, 128)) - 0.5
    v = 2.0 * k[::-1]
    got = trial.call(q, k, v, 8)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (weights, out).", got=got)
    weights = trial.expect_shape(got[0], (8, 7, 4096), "weights")
    out = trial.expect_shape(got[1], (7, 128), "out")
    # Each head's channels made contiguous first: NumPy without BLAS (as in Pyodide) multiplies
    # strided views several times slower.
    qh, kh, vh = (np.ascontiguousarray(x.reshape(len(x), 8, 16).transpose(1, 0, 2))
                  for x in (q, k, v))  # (8, rows, 16)
    raw = qh @ kh.transpose(0, 2, 1)  # (8, 7, 4096)

    def softmax(scores, axis=2):
        e = np.exp(scores - scores.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    want = softmax(raw / 4.0)  # √16 = 4
    trial.expect_close(weights, want, what="weights", likely={
        "the scores were not scaled: divide q_h k_hᵀ by √d = √16 = 4": lambda: softmax(raw),
        "the scores were divided by √D = √128 ≈ 11.3, the full width; each head has d = 16 "
        "channels, so divide by √16 = 4": lambda: softmax(raw / math.sqrt(128)),
        "the scores were divided by d = 16; the scaling is √d = 4": lambda: softmax(raw / 16.0),
        "the softmax ran over the wrong axis (the tokens); each token's row over the 4096 "
        "positions must sum to 1": lambda: softmax(raw / 4.0, axis=1),
    })
    trial.expect_close(out, (want @ vh).transpose(1, 0, 2).reshape(7, 128), what="out")
