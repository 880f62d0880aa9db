"""Counts batch_size negatives in the row instead of batch_size − 1.

expect: the row has B − 1 negatives, not B
"""

import numpy as np


def pair_probabilities(pos_logit, neg_logit, batch_size):
    b = np.asarray(batch_size, dtype=float)
    p_softmax = np.exp(-np.logaddexp(0.0, -(pos_logit - neg_logit - np.log(b))))
    p_sigmoid = np.full(b.shape, np.exp(-np.logaddexp(0.0, -pos_logit)))
    if b.ndim == 0:
        return float(p_softmax), float(p_sigmoid)
    return p_softmax, p_sigmoid
