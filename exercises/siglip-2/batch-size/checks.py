"""Checks for siglip-2/batch-size.

Expected values come from `softmax_share` and `logistic` below: the softmax written out as a
plain-Python sum over the row (shifted by its maximum), independent of the NumPy reference.
Each known mistake is the same formula with one change.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def logistic(x):
    """1 / (1 + e^-x) without overflow."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))


def softmax_share(pos, neg, negatives):
    """The positive's softmax probability in a row of one positive and `negatives` negatives."""
    m = max(pos, neg) if negatives else pos
    denominator = math.exp(pos - m) + negatives * math.exp(neg - m)
    return math.exp(pos - m) / denominator


def mistakes(pos, neg, b):
    """What the mistakes students really make would return for a single batch size b."""
    return {
        "softmax": {
            "the row has B − 1 negatives, not B: the positive itself is one of the B entries":
                softmax_share(pos, neg, b),
            "that is one negative's share, not the positive's":
                (1.0 - softmax_share(pos, neg, b - 1)) / (b - 1) if b > 1 else 0.0,
            "the batch size is ignored: a softmax over the positive and one negative":
                softmax_share(pos, neg, 1),
        },
        "sigmoid": {
            "σ(pos − neg) compares the pair with a negative; SigLIP's sigmoid looks at the "
            "pair's own logit only: σ(pos_logit)": logistic(pos - neg),
            "the sigmoid was given the softmax probability; it takes the logit itself":
                logistic(softmax_share(pos, neg, b - 1)),
        },
    }


OVERFLOW = ("exp of a large logit overflows; write the softmax share as a sigmoid of "
            "pos − neg − log(B − 1) and compute the sigmoid as np.exp(−np.logaddexp(0, −x))")


def check_one(trial, pos, neg, b):
    got = trial.call(pos, neg, b)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a pair (p_softmax, p_sigmoid).", got=got)
    p_soft = trial.expect_float(got[0], not_finite=OVERFLOW)
    p_sig = trial.expect_float(got[1], not_finite=OVERFLOW)
    known = mistakes(pos, neg, b)
    trial.expect_close(p_soft, softmax_share(pos, neg, b - 1), what="p_softmax",
                       likely=known["softmax"])
    trial.expect_close(p_sig, logistic(pos), what="p_sigmoid", likely=known["sigmoid"])


@checks("batch of 4, positive logit 5, negatives −5 (the lesson's example)")
def _(trial):
    check_one(trial, 5.0, -5.0, 4)


@checks("batch of 32,768, positive logit 5, negatives −5")
def _(trial):
    check_one(trial, 5.0, -5.0, 32768)


@checks("batch of 1: no negatives, the softmax gives the positive everything")
def _(trial):
    check_one(trial, -2.0, 3.0, 1)


@checks("numerically stable: logits of ±1000 give finite, right results")
def _(trial):
    check_one(trial, -1000.0, 1000.0, 64)
    check_one(trial, 1000.0, 0.0, 2)


@checks("an array of batch sizes gives arrays of the same shape")
def _(trial):
    sizes = np.array([2, 16, 1024, 32768])
    got = trial.call(1.5, -0.5, sizes)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a pair (p_softmax, p_sigmoid).", got=got)
    p_soft = trial.expect_shape(got[0], sizes.shape, "p_softmax")
    p_sig = trial.expect_shape(got[1], sizes.shape, "p_sigmoid (one value per batch size, all equal)")
    want_soft = [softmax_share(1.5, -0.5, int(b) - 1) for b in sizes]
    trial.expect_close(p_soft, want_soft, what="p_softmax", likely={
        "the row has B − 1 negatives, not B: the positive itself is one of the B entries":
            [softmax_share(1.5, -0.5, int(b)) for b in sizes]})
    trial.expect_close(p_sig, [logistic(1.5)] * len(sizes), what="p_sigmoid", likely={
        "σ(pos − neg) compares the pair with a negative; SigLIP's sigmoid looks at the "
        "pair's own logit only: σ(pos_logit)": [logistic(2.0)] * len(sizes)})
