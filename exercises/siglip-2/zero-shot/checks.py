"""Checks for siglip-2/zero-shot.

Expected values come from `oracle` below: a plain-Python loop over images and classes,
independent of the NumPy reference. Each known mistake is the same loop with one change.
"""

import math

import numpy as np

from course.engine import Checks, unit_rows

checks = Checks()


def logistic(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))


def oracle(img, cls, t, b, *, bias=True, bias_inside=False, softmax=False):
    """probs[i][c] = sigmoid(t*sim + b) as nested lists; keywords make the known mistakes."""
    probs = []
    for i in range(len(img)):
        row = []
        for c in range(len(cls)):
            sim = float(np.dot(img[i], cls[c]))
            z = t * (sim + b) if bias_inside else t * sim + (b if bias else 0.0)
            row.append(z)
        if softmax:
            m = max(row)
            e = [math.exp(v - m) for v in row]
            row = [v / sum(e) for v in e]
        else:
            row = [logistic(v) for v in row]
        probs.append(row)
    return probs


def argmax_rows(probs):
    return [max(range(len(row)), key=lambda c: row[c]) for row in probs]


def mistakes(img, cls, t, b):
    return {
        "a softmax over the classes: SigLIP scores each (image, class) pair on its own with a "
        "sigmoid, so a row need not sum to 1": oracle(img, cls, t, b, softmax=True),
        "the bias b is missing: the logit is t·sim + b, as in training":
            oracle(img, cls, t, b, bias=False),
        "the bias ended up inside the scaling, t·(sim + b); the logit is t·sim + b":
            oracle(img, cls, t, b, bias_inside=True),
    }



def check_case(trial, img, cls, t, b):
    got = trial.call(img, cls, t, b)
    if not isinstance(got, tuple) or len(got) != 2:
        trial.fail("should return a pair (probs, labels).", got=got)
    m, c = len(img), len(cls)
    if np.shape(got[0]) == (c, m) and c != m:
        trial.fail(f"probs has shape {(c, m)}, expected {(m, c)}.",
                   likely="the similarity matrix is transposed: use image_emb @ class_emb.T")
    probs = trial.expect_shape(got[0], (m, c), "probs")
    want = oracle(img, cls, t, b)
    trial.expect_close(probs, want, what="probs", likely=mistakes(img, cls, t, b))
    if np.shape(got[1]) == (c,) and c != m:
        trial.fail(f"labels has shape {(c,)}, expected {(m,)}.",
                   likely="argmax over axis 0 (the images); the label of each image is the "
                          "argmax over its row (axis=1)")
    labels = trial.expect_shape(got[1], (m,), "labels")
    trial.expect_close(labels, argmax_rows(want), what="labels", likely={
        "argmax over axis 0 (the images); the label of each image is the argmax over its "
        "row (axis=1)": [max(range(m), key=lambda i: want[i][k]) for k in range(c)][:m],
        "argmin instead of argmax: the label is the most probable class":
            [min(range(c), key=lambda k: row[k]) for row in want]})


@checks("two images, three classes, t=10, b=−5 (the lesson's numbers)")
def _(trial):
    img = np.array([[1.0, 0.0], [0.6, 0.8]])
    cls = np.array([[1.0, 0.0], [0.0, 1.0], [0.8, 0.6]])
    check_case(trial, img, cls, 10.0, -5.0)


@checks("5 random images, 4 classes, D=8, t=12, b=−3")
def _(trial):
    rng = np.random.default_rng(31)
    check_case(trial, unit_rows(rng, 5, 8), unit_rows(rng, 4, 8), 12.0, -3.0)


@checks("one image, six classes, SigLIP's initial t=10, b=−10")
def _(trial):
    rng = np.random.default_rng(7)
    check_case(trial, unit_rows(rng, 1, 5), unit_rows(rng, 6, 5), 10.0, -10.0)


@checks("probabilities are independent: rows need not sum to 1")
def _(trial):
    rng = np.random.default_rng(12)
    img, cls = unit_rows(rng, 3, 4), unit_rows(rng, 7, 4)
    check_case(trial, img, cls, 20.0, 2.0)
