"""Normalises down the columns (over the tokens) instead of along the rows.

expect: softmax ran over the wrong axis
"""

import numpy as np


def cross_attention(queries, keys, values):
    scores = queries @ keys.T / np.sqrt(queries.shape[1])
    scores = scores - scores.max(axis=0, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=0, keepdims=True)
    return weights, weights @ values
