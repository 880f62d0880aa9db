"""Softmax without subtracting the maximum: exp overflows for large scores.

expect: subtract each row's maximum
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T / np.sqrt(queries.shape[1])
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    return weights, weights @ values
