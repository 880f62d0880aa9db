"""Checks for siglip-2/sigmoid-loss.

Expected values come from `pair_loss` below: a plain-Python loop over the N² pairs, written
independently of the NumPy reference. Each known mistake is the same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks, unit_rows

checks = Checks()


def softplus(x):
    """log(1 + e^x), finite for any x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def pair_loss(img, txt, t, b, *, negative_label=-1.0, divide_by=None, bias_inside=False,
              positives_only=False):
    """Sum of -log sigmoid(label * logit) over the pairs, / N; keyword arguments make mistakes."""
    n = len(img)
    total = 0.0
    for i in range(n):
        for j in range(n):
            if positives_only and i != j:
                continue
            sim = float(np.dot(img[i], txt[j]))
            z = t * (sim + b) if bias_inside else t * sim + b
            label = 1.0 if i == j else negative_label
            total += softplus(-label * z)
    return total / (divide_by or n)


def row_softmax_loss(img, txt, t, b):
    """CLIP's image→text loss on SigLIP's logits: mean over rows of −log softmax(row)[i]."""
    n = len(img)
    total = 0.0
    for i in range(n):
        row = [t * float(np.dot(img[i], txt[j])) + b for j in range(n)]
        top = max(row)
        total += top + math.log(sum(math.exp(z - top) for z in row)) - row[i]
    return total / n


def mistakes(img, txt, t, b):
    """What the mistakes students really make would return for these inputs."""
    n = len(img)
    return {
        "the bias b is missing: the logit is t·sim + b, and b (−10 at the start of training) "
        "keeps the many negatives from dominating the loss": pair_loss(img, txt, t, 0.0),
        "a softmax over each row (CLIP's loss); SigLIP applies a sigmoid to every (image, "
        "text) pair on its own, −log σ(label·logit)": row_softmax_loss(img, txt, t, b),
        "the sum over the N² pairs was averaged (divided by N²); SigLIP divides by N, "
        "the batch size": pair_loss(img, txt, t, b, divide_by=n * n),
        "labels are 0/1 instead of +1/−1: with label 0 every negative pair adds a constant "
        "log 2 and is never pushed apart": pair_loss(img, txt, t, b, negative_label=0.0),
        "only the matching (diagonal) pairs are in the loss; the N² − N negative pairs "
        "are missing": pair_loss(img, txt, t, b, positives_only=True),
        "the bias ended up inside the scaling, t·(sim + b); the logit is t·sim + b":
            pair_loss(img, txt, t, b, bias_inside=True),
        "the sign is flipped: the loss is −Σ log σ(label·logit), which is ≥ 0":
            -pair_loss(img, txt, t, b),
    }



@checks("two orthogonal pairs, t=1, b=0 (the lesson's traced example)")
def _(trial):
    eye = np.eye(2)
    got = trial.call(eye, eye, 1.0, 0.0)
    got = trial.expect_float(got)
    trial.expect_close(got, pair_loss(eye, eye, 1.0, 0.0), likely=mistakes(eye, eye, 1.0, 0.0))


@checks("a random batch of 5 pairs, t=10, b=−10 (SigLIP's initial values)")
def _(trial):
    rng = np.random.default_rng(8)
    img, txt = unit_rows(rng, 5, 8), unit_rows(rng, 5, 8)
    got = trial.expect_float(trial.call(img, txt, 10.0, -10.0))
    trial.expect_close(got, pair_loss(img, txt, 10.0, -10.0),
                       likely=mistakes(img, txt, 10.0, -10.0))


@checks("a batch of 1 pair (only a positive, no negatives)")
def _(trial):
    rng = np.random.default_rng(3)
    img, txt = unit_rows(rng, 1, 4), unit_rows(rng, 1, 4)
    got = trial.expect_float(trial.call(img, txt, 2.0, 0.5))
    trial.expect_close(got, pair_loss(img, txt, 2.0, 0.5), likely=mistakes(img, txt, 2.0, 0.5))


@checks("image and text embeddings are not interchangeable in general (N=4, D=3)")
def _(trial):
    rng = np.random.default_rng(11)
    img, txt = unit_rows(rng, 4, 3), unit_rows(rng, 4, 3)
    got = trial.expect_float(trial.call(img, txt, 5.0, -2.0))
    trial.expect_close(got, pair_loss(img, txt, 5.0, -2.0), likely=mistakes(img, txt, 5.0, -2.0))


@checks("numerically stable: |logits| up to 10⁴ give a finite, right loss")
def _(trial):
    rng = np.random.default_rng(5)
    img, txt = unit_rows(rng, 6, 4), unit_rows(rng, 6, 4)
    overflow = ("log(sigmoid(z)) computed directly overflows (exp of a large number) or takes "
                "log(0); compute −log σ(z) as np.logaddexp(0, −z)")
    got = trial.expect_float(trial.call(img, txt, 1e4, 0.0), not_finite=overflow)
    trial.expect_close(got, pair_loss(img, txt, 1e4, 0.0), likely=mistakes(img, txt, 1e4, 0.0),
                       not_finite=overflow)
