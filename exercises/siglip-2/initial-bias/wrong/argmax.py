"""Picks the candidate with the largest loss.

expect: the largest loss was picked (argmax)
"""

import numpy as np


def best_initial_bias(batch_size):
    biases = np.linspace(-20.0, 5.0, 2501)
    losses = np.logaddexp(0.0, -biases) + (batch_size - 1) * np.logaddexp(0.0, biases)
    return float(biases[np.argmax(losses)])
