"""Checks for sam-3/presence-score.

Expected scores come from `score` below: plain-Python loops with math.exp, written
independently of the NumPy reference. Each known mistake is the same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def sig(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def score(query_logits, presence_logits, *, combine="product", presence_axis="rows"):
    rows = []
    for n, row in enumerate(query_logits.tolist()):
        out = []
        for q, z in enumerate(row):
            p = float(presence_logits[n if presence_axis == "rows" else q])
            if combine == "product":
                out.append(sig(p) * sig(z))
            elif combine == "logit_sum":
                out.append(sig(p + z))
            elif combine == "logit_product":
                out.append(sig(p * z))
            elif combine == "no_presence":
                out.append(sig(z))
            elif combine == "mean":
                out.append((sig(p) + sig(z)) / 2)
        rows.append(out)
    return np.array(rows)


def mistakes(query_logits, presence_logits):
    def change(**kw):
        return lambda: score(query_logits, presence_logits, **kw)

    found = {
        "the logits were added before the sigmoid: σ(a + b) is not σ(a)·σ(b); multiply the "
        "probabilities": change(combine="logit_sum"),
        "the logits were multiplied: σ(a·b) is not σ(a)·σ(b); multiply the probabilities":
            change(combine="logit_product"),
        "the presence probability is missing: the score is σ(presence) · σ(query)":
            change(combine="no_presence"),
        "the two probabilities were averaged; the probability that both hold is their product":
            change(combine="mean"),
    }
    if query_logits.shape[0] == query_logits.shape[1]:
        found["each prompt's presence must multiply its own row (presence[:, None]); it was "
              "spread along the queries"] = change(presence_axis="columns")
    return found


def judge(trial, query_logits, presence_logits, threshold=None):
    args = (query_logits, presence_logits) + (() if threshold is None else (threshold,))
    got = trial.call(*args)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a tuple (scores, keep).", got=got)
    scores = trial.expect_shape(got[0], query_logits.shape, "scores")
    want = score(query_logits, presence_logits)
    trial.expect_close(scores, want, what="scores", likely=mistakes(query_logits, presence_logits))
    keep = trial.expect_shape(got[1], query_logits.shape, "keep")
    cut = 0.5 if threshold is None else threshold
    want_keep = want > cut
    if not np.array_equal(np.asarray(keep, dtype=bool), want_keep):
        likely = None
        if np.array_equal(np.asarray(keep, dtype=bool), want >= cut):
            likely = "a score equal to the threshold was kept; keep scores above it (>)"
        elif np.array_equal(np.asarray(keep, dtype=bool), score(query_logits, presence_logits,
                                                                combine="no_presence") > cut):
            likely = "keep was decided from the query probability alone; threshold the final score"
        trial.fail("keep is not `scores > threshold`.", expected=want_keep, got=keep,
                   likely=likely)


@checks("one prompt, three queries, the concept clearly present")
def _(trial):
    judge(trial, np.array([[2.0, -1.0, 0.5]]), np.array([3.0]))


@checks("two prompts and two queries: each presence multiplies its own row")
def _(trial):
    judge(trial, np.array([[1.5, 0.2], [2.5, -0.4]]), np.array([2.0, -1.5]))


@checks("three prompts, five queries, threshold 0.3")
def _(trial):
    rng = np.random.default_rng(6)
    judge(trial, rng.normal(0.0, 2.0, size=(3, 5)), rng.normal(0.0, 2.0, size=3), 0.3)


@checks("the lesson's players: \"player in white\" keeps nothing although its queries lean yes")
def _(trial):
    query_logits = np.array([[2.4, 2.0, 1.5, -0.8], [0.5, 0.3, 0.2, -1.4]])
    presence_logits = np.array([3.0, -2.5])
    judge(trial, query_logits, presence_logits)


@checks("a score exactly at the threshold is not kept")
def _(trial):
    # σ(0) · σ(large) = 0.5 · 1.0 = 0.5 exactly in floating point
    judge(trial, np.array([[0.0, 1.0]]), np.array([40.0]))
