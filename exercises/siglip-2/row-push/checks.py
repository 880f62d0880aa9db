"""Checks for siglip-2/row-push.

Expected values come from `pushes` below: the row's loss written out in plain Python and its
gradient measured by a central difference along "every negative logit up by ε", independent of
the NumPy reference (which uses the closed forms). Each known mistake is a change to that
measurement.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()
EPS = 1e-4


def softplus(x):
    """log(1 + e^x), finite for any x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def softmax_row_loss(shift, batch_size, *, shift_positive=False):
    """−log softmax(z)[positive] with every logit 0, negatives (and maybe the positive) + shift."""
    pos = shift if shift_positive else 0.0
    # log(e^pos + (B − 1)·e^shift) − pos, written stably
    top = max(pos, shift)
    return top + math.log(math.exp(pos - top) + (batch_size - 1) * math.exp(shift - top)) - pos


def sigmoid_row_loss(shift, batch_size, bias, *, shift_positive=False):
    """Σ −log σ(label·z) over the row: positive logit b, negatives b + shift."""
    pos = bias + (shift if shift_positive else 0.0)
    return softplus(-pos) + (batch_size - 1) * softplus(bias + shift)


def derivative(f):
    return (f(EPS) - f(-EPS)) / (2 * EPS)


def pushes(batch_size, bias, **mistake):
    """(softmax push, sigmoid push), measured by a central difference."""
    return (derivative(lambda e: softmax_row_loss(e, batch_size, **mistake)),
            derivative(lambda e: sigmoid_row_loss(e, batch_size, bias, **mistake)))


def logistic(x):
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def mistakes(batch_size, bias):
    per_negative = (1.0 / batch_size, logistic(bias))
    with_positive = pushes(batch_size, bias, shift_positive=True)
    return {
        "softmax": {
            "that is one negative's share; the push is the sum over the B − 1 negatives":
                per_negative[0],
            "the positive's gradient was added in: a softmax's gradients over the whole row sum "
            "to 0; the push sums the negatives only": with_positive[0],
            "the push was capped at exactly 1; with B − 1 equal shares of 1/B it is (B − 1)/B":
                1.0,
        },
        "sigmoid": {
            "that is one negative's gradient σ(b); the push is the sum over the B − 1 negatives":
                per_negative[1],
            "the positive's gradient σ(b) − 1 was added in; the push sums the negatives only":
                with_positive[1],
            "the sign is flipped: d/dz of −log σ(−z) is σ(z), not σ(−z)":
                (batch_size - 1) * logistic(-bias),
            "divided by B: the push of one row is the sum of its negatives' gradients, with "
            "no mean over the row": pushes(batch_size, bias)[1] / batch_size,
        },
    }


def check_one(trial, batch_size, bias):
    got = trial.call(batch_size, bias)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a pair (softmax_push, sigmoid_push).", got=got)
    soft = trial.expect_float(got[0])
    sig = trial.expect_float(got[1])
    want = pushes(batch_size, bias)
    known = mistakes(batch_size, bias)
    trial.expect_close(soft, want[0], what="softmax_push", likely=known["softmax"])
    trial.expect_close(sig, want[1], what="sigmoid_push", likely=known["sigmoid"])
    return soft, sig


@checks("a batch of 4, b = 0")
def _(trial):
    check_one(trial, 4, 0.0)


@checks("SigLIP's batch of 32,768 with b = 0: the sigmoid's push is thousands of times the softmax's")
def _(trial):
    check_one(trial, 32768, 0.0)


@checks("the same batch with SigLIP's starting bias b = −10")
def _(trial):
    check_one(trial, 32768, -10.0)


@checks("at b = −log(B − 1), the bias of the previous experiment, the sigmoid pushes as hard as the softmax")
def _(trial):
    soft, sig = check_one(trial, 1000, -math.log(999))
    if abs(soft - sig) > 1e-6 * max(1.0, abs(soft)):
        trial.fail("the two pushes should be equal at this bias.", expected=soft, got=sig)


@checks("an array of batch sizes gives arrays of the same shape")
def _(trial):
    sizes = np.array([2, 16, 1024, 32768])
    got = trial.call(sizes, -3.0)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a pair (softmax_push, sigmoid_push).", got=got)
    soft = trial.expect_shape(got[0], sizes.shape, "softmax_push")
    sig = trial.expect_shape(got[1], sizes.shape, "sigmoid_push")
    want = [pushes(int(s), -3.0) for s in sizes]
    trial.expect_close(soft, [w[0] for w in want], what="softmax_push")
    trial.expect_close(sig, [w[1] for w in want], what="sigmoid_push")
