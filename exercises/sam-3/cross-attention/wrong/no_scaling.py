"""Forgets the 1/√D.

expect: the scores were not scaled
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    return weights, weights @ values
