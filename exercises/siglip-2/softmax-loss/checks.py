"""Checks for siglip-2/softmax-loss.

Expected values come from `clip_oracle` below: plain-Python loops over rows and columns with a
hand-written stable log-sum-exp, independent of the NumPy reference. Each known mistake is the
same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks, unit_rows

checks = Checks()


def log_sum_exp(values):
    """log(sum(exp(v))) for a list of floats, shifted by the maximum."""
    m = max(values)
    return m + math.log(sum(math.exp(v - m) for v in values))


def clip_oracle(img, txt, t, *, directions=("rows", "cols"), scale=True, reduce="mean",
                flatten=False):
    """Mean over directions of the mean over i of -log softmax(...)[i, i]; keywords make mistakes."""
    n = len(img)
    z = [[(t if scale else 1.0) * float(np.dot(img[i], txt[j])) for j in range(n)]
         for i in range(n)]
    if flatten:  # one softmax over all N² cells
        lse = log_sum_exp([v for row in z for v in row])
        return sum(lse - z[i][i] for i in range(n)) / n
    parts = []
    for direction in directions:
        total = 0.0
        for i in range(n):
            line = z[i] if direction == "rows" else [z[k][i] for k in range(n)]
            total += log_sum_exp(line) - z[i][i]
        parts.append(total / n if reduce == "mean" else total)
    return sum(parts) / len(parts) if reduce == "mean" else sum(parts)


def mistakes(img, txt, t):
    """What the mistakes students really make would return for these inputs."""
    return {
        "only the image→text direction (softmax over rows); CLIP averages it with the "
        "text→image direction (softmax over columns)": clip_oracle(img, txt, t, directions=("rows",)),
        "only the text→image direction (softmax over columns); CLIP averages it with the "
        "image→text direction (softmax over rows)": clip_oracle(img, txt, t, directions=("cols",)),
        "the cross-entropies were summed instead of averaged (over the N rows and over the "
        "two directions)": clip_oracle(img, txt, t, reduce="sum"),
        "the two directions were added, not averaged: divide their sum by 2":
            2 * clip_oracle(img, txt, t),
        "the cross-entropies were summed over the N rows and the N columns instead of "
        "averaged (divide each sum by N)": len(img) * clip_oracle(img, txt, t),
        "the scale t was not applied: logits = t · (image_emb @ text_emb.T)":
            clip_oracle(img, txt, t, scale=False),
        "one softmax over all N² cells; CLIP's softmax runs along each row and each column":
            clip_oracle(img, txt, t, flatten=True),
    }



@checks("two orthogonal pairs, t=1 (the smallest batch)")
def _(trial):
    eye = np.eye(2)
    got = trial.expect_float(trial.call(eye, eye, 1.0))
    trial.expect_close(got, clip_oracle(eye, eye, 1.0), likely=mistakes(eye, eye, 1.0))


@checks("a random batch of 4 pairs, t=10: rows and columns differ")
def _(trial):
    rng = np.random.default_rng(21)
    img, txt = unit_rows(rng, 4, 6), unit_rows(rng, 4, 6)
    got = trial.expect_float(trial.call(img, txt, 10.0))
    trial.expect_close(got, clip_oracle(img, txt, 10.0), likely=mistakes(img, txt, 10.0))


@checks("a batch of 7 pairs, t=3, D=3")
def _(trial):
    rng = np.random.default_rng(4)
    img, txt = unit_rows(rng, 7, 3), unit_rows(rng, 7, 3)
    got = trial.expect_float(trial.call(img, txt, 3.0))
    trial.expect_close(got, clip_oracle(img, txt, 3.0), likely=mistakes(img, txt, 3.0))


@checks("numerically stable: |logits| up to 10⁴ give a finite, right loss")
def _(trial):
    rng = np.random.default_rng(9)
    img, txt = unit_rows(rng, 5, 4), unit_rows(rng, 5, 4)
    overflow = ("np.exp(logits) overflows for logits in the thousands; use a log-sum-exp that "
                "subtracts the maximum of each row (column) before exponentiating")
    got = trial.expect_float(trial.call(img, txt, 1e4), not_finite=overflow)
    trial.expect_close(got, clip_oracle(img, txt, 1e4), likely=mistakes(img, txt, 1e4),
                       not_finite=overflow)
