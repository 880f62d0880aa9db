"""Divides by D instead of √D.

expect: divided by D; the scaling is √D
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T / queries.shape[1]
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    return weights, weights @ values
