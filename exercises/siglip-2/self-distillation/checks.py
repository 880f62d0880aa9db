"""Checks for siglip-2/self-distillation.

Expected values come from `oracle` below: the step written with plain-Python loops over images,
dimensions and weights, independent of the NumPy reference. Each known mistake is the same loop
with one change.
"""

import math

import numpy as np

from course.engine import Checks

checks = Checks()


def log_softmax(values):
    top = max(values)
    lse = top + math.log(sum(math.exp(v - top) for v in values))
    return [v - lse for v in values]


def softmax(values):
    return [math.exp(v) for v in log_softmax(values)]


def features(view, weights):
    dim, k = len(weights), len(weights[0])
    return [[sum(row[a] * weights[a][c] for a in range(dim)) for c in range(k)] for row in view]


def oracle(student, teacher, full, partial, lr, momentum, tau_s, tau_t, *, swap=False,
           teacher_tau=None, hard=False, grad_tau=True, sign=1.0, ema="new", reduce="mean"):
    """(new_student, new_teacher, loss) as nested lists; the keywords make the known mistakes."""
    s_w = [[float(v) for v in row] for row in student]
    t_w = [[float(v) for v in row] for row in teacher]
    full = [[float(v) for v in row] for row in full]
    partial = [[float(v) for v in row] for row in partial]
    teacher_view, student_view = (partial, full) if swap else (full, partial)
    m, dim, k = len(full), len(s_w), len(s_w[0])
    tt = tau_t if teacher_tau is None else teacher_tau
    p_t = [softmax([z / tt for z in row]) for row in features(teacher_view, t_w)]
    if hard:  # the teacher's answer as a one-hot label
        p_t = [[1.0 if c == max(range(k), key=lambda j: row[j]) else 0.0 for c in range(k)]
               for row in p_t]
    log_p_s = [log_softmax([z / tau_s for z in row]) for row in features(student_view, s_w)]
    p_s = [[math.exp(v) for v in row] for row in log_p_s]
    scale = m if reduce == "mean" else 1
    loss = sum(-sum(p_t[i][c] * log_p_s[i][c] for c in range(k)) for i in range(m)) / scale
    new_s = []
    for a in range(dim):
        row = []
        for c in range(k):
            g = sum(student_view[i][a] * (p_s[i][c] - p_t[i][c]) for i in range(m)) / scale
            if grad_tau:
                g /= tau_s
            row.append(s_w[a][c] - sign * lr * g)
        new_s.append(row)
    follow = {"new": new_s, "old": s_w}.get(ema, new_s)
    if ema == "copy":
        new_t = [row[:] for row in new_s]
    elif ema == "swapped":
        new_t = [[(1 - momentum) * t_w[a][c] + momentum * follow[a][c] for c in range(k)]
                 for a in range(dim)]
    else:
        new_t = [[momentum * t_w[a][c] + (1 - momentum) * follow[a][c] for c in range(k)]
                 for a in range(dim)]
    return new_s, new_t, loss


MISTAKES = {
    "the views are swapped: the teacher reads the full view and the student the partial one "
    "(it learns to guess from less what the teacher sees from more)": {"swap": True},
    "the teacher used the student's temperature tau_s; it uses its own, lower tau_t, which "
    "sharpens its target": {"teacher_tau": "tau_s"},
    "the teacher's answer was turned into a one-hot label (argmax); the student matches the "
    "teacher's whole soft distribution": {"hard": True},
    "the gradient lacks the 1/tau_s that the student's softmax(features / tau_s) brings":
        {"grad_tau": False},
    "the step went up the gradient: new_student = student − lr · gradient": {"sign": -1.0},
    "momentum and 1 − momentum are swapped: the teacher keeps `momentum` of its own weights "
    "and takes only 1 − momentum from the student": {"ema": "swapped"},
    "the teacher followed the student's weights from before this step; it follows the student "
    "after its step": {"ema": "old"},
    "the teacher was set to the student's weights: it is a slow moving average of them, "
    "not a copy": {"ema": "copy"},
    "the loss and the gradient were summed over the M images; take their mean": {"reduce": "sum"},
}


def likely(args, part):
    student, teacher, full, partial, lr, momentum, tau_s, tau_t = args
    causes = {}
    for text, change in MISTAKES.items():
        change = {k: (tau_s if v == "tau_s" else v) for k, v in change.items()}
        causes[text] = (lambda change=change: oracle(*args, **change)[part])
    return causes


def check_step(trial, args):
    student, teacher = args[0], args[1]
    got = trial.call(*args)
    if not isinstance(got, tuple) or len(got) != 3:
        trial.fail("should return a triple (new_student, new_teacher, loss).", got=got)
    want = oracle(*args)
    new_s = trial.expect_shape(got[0], student.shape, "new_student")
    new_t = trial.expect_shape(got[1], teacher.shape, "new_teacher")
    loss = trial.expect_float(got[2], not_finite=OVERFLOW)
    trial.expect_close(loss, want[2], what="loss", likely=likely(args, 2), not_finite=OVERFLOW)
    trial.expect_close(new_s, want[0], what="new_student", likely=likely(args, 0),
                       not_finite=OVERFLOW)
    trial.expect_close(new_t, want[1], what="new_teacher", likely=likely(args, 1),
                       not_finite=OVERFLOW)


OVERFLOW = ("np.exp(features / tau) overflows when the features are large and tau is small; "
            "subtract each row's maximum before exponentiating (a stable log-softmax)")


def case(seed, m, dim, k, lr, momentum, tau_s, tau_t, spread=1.0):
    rng = np.random.default_rng(seed)
    student = rng.normal(size=(dim, k)) * spread
    teacher = student + rng.normal(size=(dim, k)) * 0.3 * spread
    full = rng.normal(size=(m, dim))
    partial = full * (rng.random((m, dim)) < 0.5)
    return student, teacher, full, partial, lr, momentum, tau_s, tau_t


@checks("one step, 3 images, dim 4, K 3 (tau_s = 0.1, tau_t = 0.04, momentum 0.9)")
def _(trial):
    check_step(trial, case(1, 3, 4, 3, 0.1, 0.9, 0.1, 0.04))


@checks("a teacher that starts as a copy of the student (as SigLIP 2's does)")
def _(trial):
    student, _, full, partial, *rest = case(2, 4, 5, 4, 0.05, 0.99, 0.1, 0.04)
    check_step(trial, (student, student.copy(), full, partial, *rest))


@checks("milder temperatures and another momentum: tau_s = 1, tau_t = 0.5, momentum 0.7")
def _(trial):
    check_step(trial, case(3, 3, 3, 5, 0.3, 0.7, 1.0, 0.5, spread=0.5))


@checks("numerically stable: features in the hundreds with tau_t = 0.04")
def _(trial):
    check_step(trial, case(4, 3, 4, 3, 0.01, 0.9, 0.1, 0.04, spread=100.0))
