"""Splits the heads by reshaping (T, D) straight to (H, T, d).

expect: reshaping (T, D) straight to (H, T, d)
"""

import numpy as np


def cross_attention(queries, keys, values, num_heads):
    t, width = queries.shape
    p = keys.shape[0]
    d = width // num_heads
    q = queries.reshape(num_heads, t, d)
    k = keys.reshape(num_heads, p, d)
    v = values.reshape(num_heads, p, d)
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d)
    scores = scores - scores.max(axis=2, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=2, keepdims=True)
    return weights, (weights @ v).transpose(1, 0, 2).reshape(t, width)
