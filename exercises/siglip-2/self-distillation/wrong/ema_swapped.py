"""Swaps momentum and 1 − momentum: the teacher almost jumps to the student.

expect: momentum and 1 − momentum are swapped
"""

import numpy as np


def log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def distill_step(student, teacher, full_view, partial_view, lr, momentum, tau_s, tau_t):
    p_t = np.exp(log_softmax(full_view @ teacher / tau_t))
    log_p_s = log_softmax(partial_view @ student / tau_s)
    loss = float(np.mean(-np.sum(p_t * log_p_s, axis=1)))
    grad = partial_view.T @ (np.exp(log_p_s) - p_t) / (tau_s * len(partial_view))
    new_student = student - lr * grad
    return new_student, (1 - momentum) * teacher + momentum * new_student, loss
