"""Counts B negatives in a row instead of B − 1.

expect: a row has B − 1 negatives, not B
"""

import numpy as np


def best_initial_bias(batch_size):
    biases = np.linspace(-20.0, 5.0, 2501)
    losses = np.logaddexp(0.0, -biases) + batch_size * np.logaddexp(0.0, biases)
    return float(biases[np.argmin(losses)])
