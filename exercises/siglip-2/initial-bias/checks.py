"""Checks for siglip-2/initial-bias.

The expected bias comes from `scan` below: a plain-Python search over the same candidate biases,
with the row loss written out term by term, independent of the NumPy reference. Each known
mistake is the same search with one change. Right answers may also come from calculus; any
answer within 0.01 of the best candidate passes.
"""

import math

from course.engine import Checks

checks = Checks()
TOLERANCE = 0.01  # the docstring asks for the best bias to within 0.01


def softplus(x):
    """−log σ(−x) = log(1 + e^x), finite for any x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def row_loss(bias, batch_size, *, negatives=None, positive=True, negative_weight=1.0):
    """One row's initial loss: a positive and B − 1 negatives, every logit equal to the bias."""
    count = batch_size - 1 if negatives is None else negatives
    total = softplus(-bias) if positive else 0.0  # −log σ(b)
    return total + negative_weight * count * softplus(bias)  # (B − 1)·(−log σ(−b))


def scan(batch_size, *, pick=min, **mistake):
    """The candidate bias (−20 to 5 in steps of 0.01) with the smallest (or largest) loss."""
    candidates = [-20.0 + 0.01 * k for k in range(2501)]
    losses = [row_loss(c, batch_size, **mistake) for c in candidates]
    return candidates[losses.index(pick(losses))]


def mistakes(batch_size):
    return {
        "a row has B − 1 negatives, not B: the matching text is one of its B entries":
            lambda: scan(batch_size, negatives=batch_size),
        "the positive's term −log σ(b) is missing: with only negatives the loss keeps falling "
        "as b goes down, so the scan ends at its lowest candidate":
            lambda: scan(batch_size, positive=False),
        "the negatives' terms are missing (or their labels are 0 instead of −1): with only the "
        "positive the loss keeps falling as b goes up, so the scan ends at its highest candidate":
            lambda: scan(batch_size, negative_weight=0.0),
        "the largest loss was picked (argmax); the best bias has the smallest loss (argmin)":
            lambda: scan(batch_size, pick=max),
    }


def check_size(trial, batch_size):
    got = trial.expect_float(trial.call(batch_size))
    want = scan(batch_size)
    if abs(got - want) <= TOLERANCE:
        return
    causes = mistakes(batch_size)
    if got <= -19.9 or got >= 4.9:  # an edge of the scan: the loss never turned round
        causes["a softmax over the row: the bias cancels in a softmax, every candidate has the "
               "same loss and argmin returns the first one; SigLIP's loss is a sigmoid per pair"] = -20.0
    trial.expect_close(got, want, atol=TOLERANCE, rtol=0.0, likely=causes)


@checks("a batch of 2: one positive and one negative per row")
def _(trial):
    check_size(trial, 2)


@checks("a batch of 4")
def _(trial):
    check_size(trial, 4)


@checks("a batch of 256")
def _(trial):
    check_size(trial, 256)


@checks("SigLIP's batch of 32,768: compare your answer with the paper's b = −10")
def _(trial):
    check_size(trial, 32768)
