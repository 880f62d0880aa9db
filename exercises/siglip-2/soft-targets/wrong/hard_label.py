"""Turns each soft target into a class index (argmax) and uses the ordinary cross-entropy.

expect: turned into a hard label
"""

import numpy as np


def soft_cross_entropy(logits, targets):
    m = np.max(logits, axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    labels = np.argmax(targets, axis=1)
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))
