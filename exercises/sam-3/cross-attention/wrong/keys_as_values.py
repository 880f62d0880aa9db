"""Mixes the keys instead of the values.

expect: out was computed from the keys
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T / np.sqrt(queries.shape[1])
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    return weights, weights @ keys
