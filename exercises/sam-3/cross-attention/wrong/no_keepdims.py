"""Normalises with a row sum that lost its axis: (T, P) / (T,) does not line up.

expect: keepdims=True
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T / np.sqrt(queries.shape[1])
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = weights / weights.sum(axis=1)
    return weights, weights @ values
