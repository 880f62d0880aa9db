"""Only the negatives' terms: "almost every pair is a negative", so the positive is dropped.

expect: the positive's term −log σ(b) is missing
"""

import numpy as np


def best_initial_bias(batch_size):
    biases = np.linspace(-20.0, 5.0, 2501)
    losses = (batch_size - 1) * np.logaddexp(0.0, biases)
    return float(biases[np.argmin(losses)])
