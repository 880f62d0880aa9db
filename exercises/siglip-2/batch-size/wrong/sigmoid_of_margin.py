"""Uses σ(pos − neg) for the sigmoid, as if the sigmoid also compared the pair with a negative.

expect: σ(pos − neg) compares the pair with a negative
"""

import numpy as np


def pair_probabilities(pos_logit, neg_logit, batch_size):
    b = np.asarray(batch_size, dtype=float)
    with np.errstate(divide="ignore"):
        margin = pos_logit - neg_logit - np.log(b - 1.0)
    p_softmax = np.exp(-np.logaddexp(0.0, -margin))
    p_sigmoid = np.full(b.shape, np.exp(-np.logaddexp(0.0, -(pos_logit - neg_logit))))
    if b.ndim == 0:
        return float(p_softmax), float(p_sigmoid)
    return p_softmax, p_sigmoid
