"""Uses σ(−b) for a negative's gradient (the derivative of −log σ(−z) taken with the wrong sign).

expect: the sign is flipped
"""

import numpy as np


def row_push(batch_size, bias):
    b = np.asarray(batch_size, dtype=float)
    softmax_push = (b - 1.0) / b
    sigmoid_push = (b - 1.0) / (1.0 + np.exp(bias))
    if b.ndim == 0:
        return float(softmax_push), float(sigmoid_push)
    return softmax_push, sigmoid_push
