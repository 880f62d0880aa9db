"""Returns a single sigmoid value even when batch_size is an array.

expect: p_sigmoid (one value per batch size, all equal) has shape
"""

import numpy as np


def pair_probabilities(pos_logit, neg_logit, batch_size):
    b = np.asarray(batch_size, dtype=float)
    with np.errstate(divide="ignore"):
        margin = pos_logit - neg_logit - np.log(b - 1.0)
    p_softmax = np.exp(-np.logaddexp(0.0, -margin))
    p_sigmoid = float(np.exp(-np.logaddexp(0.0, -pos_logit)))
    if b.ndim == 0:
        return float(p_softmax), p_sigmoid
    return p_softmax, p_sigmoid
