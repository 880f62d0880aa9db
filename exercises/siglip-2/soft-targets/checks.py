"""Checks for siglip-2/soft-targets.

Expected values come from `soft_ce` below: a plain-Python loop over rows and classes with a
hand-written stable log-softmax, independent of the NumPy reference. Each known mistake is the
same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def log_softmax(values):
    m = max(values)
    lse = m + math.log(sum(math.exp(v - m) for v in values))
    return [v - lse for v in values]


def soft_ce(logits, targets, *, reduce="mean", hard=False, columns=False):
    """Mean over rows of -sum targets*log softmax(logits); keywords make the known mistakes."""
    z = [[float(v) for v in row] for row in logits]
    q = [[float(v) for v in row] for row in targets]
    m, c = len(z), len(z[0])
    if columns:  # softmax down each column (over the examples) instead of across the classes
        cols = [log_softmax([z[i][k] for i in range(m)]) for k in range(c)]
        logp = [[cols[k][i] for k in range(c)] for i in range(m)]
    else:
        logp = [log_softmax(row) for row in z]
    total = 0.0
    for i in range(m):
        if hard:  # the soft target replaced by a one-hot vector at its largest entry
            best = max(range(c), key=lambda k: q[i][k])
            total += -logp[i][best]
        else:
            total += -sum(q[i][k] * logp[i][k] for k in range(c))
    return total / m if reduce == "mean" else total


def mistakes(logits, targets):
    return {
        "the softmax ran over axis 0 (across the examples); it must run over each row's "
        "classes (axis=1)": soft_ce(logits, targets, columns=True),
        "the per-row cross-entropies were summed; the loss is their mean over the M rows":
            soft_ce(logits, targets, reduce="sum"),
        "the soft target was turned into a hard label (argmax): a soft target weights the "
        "log-probability of every class": soft_ce(logits, targets, hard=True),
        "the sign is flipped: cross-entropy is −Σ targets·log p, which is ≥ 0":
            -soft_ce(logits, targets),
    }


def random_targets(rng, m, c):
    w = rng.random((m, c)) + 0.05
    return w / w.sum(axis=1, keepdims=True)


@checks("one-hot targets give the ordinary cross-entropy (M=3, C=4)")
def _(trial):
    logits = np.array([[2.0, 0.5, -1.0, 0.0], [0.0, 1.0, 3.0, 1.5], [-2.0, 0.0, 0.0, 4.0]])
    targets = np.eye(4)[[0, 2, 3]]
    got = trial.expect_float(trial.call(logits, targets))
    trial.expect_close(got, soft_ce(logits, targets), likely=mistakes(logits, targets))


@checks("the lesson's golden retriever: soft target [0.05, 0.10, 0.70, 0.15], two students")
def _(trial):
    logits = np.array([[0.0, 0.0, 5.0, 0.0], [-1.0, 0.5, 2.0, 0.8]])
    targets = np.array([[0.05, 0.10, 0.70, 0.15]] * 2)
    got = trial.expect_float(trial.call(logits, targets))
    trial.expect_close(got, soft_ce(logits, targets), likely=mistakes(logits, targets))


@checks("random soft targets, M=5, C=3")
def _(trial):
    rng = np.random.default_rng(17)
    logits = rng.normal(scale=2.0, size=(5, 3))
    targets = random_targets(rng, 5, 3)
    got = trial.expect_float(trial.call(logits, targets))
    trial.expect_close(got, soft_ce(logits, targets), likely=mistakes(logits, targets))


@checks("numerically stable: logits around ±1000 give a finite, right loss")
def _(trial):
    rng = np.random.default_rng(2)
    logits = rng.normal(scale=1000.0, size=(4, 5))
    targets = random_targets(rng, 4, 5)
    overflow = ("np.exp(logits) overflows for logits in the hundreds; compute log softmax as "
                "z − max − log(sum(exp(z − max))) along each row")
    got = trial.expect_float(trial.call(logits, targets), not_finite=overflow)
    trial.expect_close(got, soft_ce(logits, targets), likely=mistakes(logits, targets),
                       not_finite=overflow)
