"""Sums the gradient over the whole row, the positive included.

expect: the positive's gradient
"""

import numpy as np


def row_push(batch_size, bias):
    b = np.asarray(batch_size, dtype=float)
    s = 1.0 / (1.0 + np.exp(-bias))
    softmax_push = (b - 1.0) / b + (1.0 / b - 1.0)
    sigmoid_push = (b - 1.0) * s + (s - 1.0)
    if b.ndim == 0:
        return float(softmax_push), float(sigmoid_push)
    return softmax_push, sigmoid_push
