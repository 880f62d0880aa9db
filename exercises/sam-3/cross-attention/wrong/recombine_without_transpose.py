"""Puts the heads back by reshaping (H, T, d) straight to (T, D).

expect: reshaping (H, T, d) straight to (T, D)
"""

import numpy as np


def cross_attention(queries, keys, values, num_heads):
    t, width = queries.shape
    p = keys.shape[0]
    d = width // num_heads
    q = queries.reshape(t, num_heads, d).transpose(1, 0, 2)
    k = keys.reshape(p, num_heads, d).transpose(1, 0, 2)
    v = values.reshape(p, num_heads, d).transpose(1, 0, 2)
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d)
    scores = scores - scores.max(axis=2, keepdims=True)
    weights = np.exp(scores) / np.exp(scores).sum(axis=2, keepdims=True)
    return weights, (weights @ v).reshape(t, width)
