"""Writes the softmax share with raw exponentials: overflows for logits of ±1000.

expect: exp of a large logit overflows
"""

import numpy as np


def pair_probabilities(pos_logit, neg_logit, batch_size):
    b = np.asarray(batch_size, dtype=float)
    p_softmax = np.exp(pos_logit) / (np.exp(pos_logit) + (b - 1) * np.exp(neg_logit))
    p_sigmoid = np.full(b.shape, 1.0 / (1.0 + np.exp(-pos_logit)))
    if b.ndim == 0:
        return float(p_softmax), float(p_sigmoid)
    return p_softmax, p_sigmoid
