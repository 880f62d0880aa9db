"""Takes the softmax over axis 0 (down the columns, across examples) instead of each row.

expect: the softmax ran over axis 0
"""

import numpy as np


def soft_cross_entropy(logits, targets):
    m = np.max(logits, axis=0, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=0, keepdims=True))
    return float(np.mean(-np.sum(targets * log_probs, axis=1)))
