"""Labels 0/1 inside −log σ(label · logit): every negative then costs log 2 whatever b is.

expect: the negatives' terms are missing (or their labels are 0 instead of −1)
"""

import numpy as np


def best_initial_bias(batch_size):
    biases = np.linspace(-20.0, 5.0, 2501)
    losses = np.logaddexp(0.0, -biases) + (batch_size - 1) * np.logaddexp(0.0, -0.0 * biases)
    return float(biases[np.argmin(losses)])
