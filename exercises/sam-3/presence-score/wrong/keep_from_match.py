"""Thresholds the query probability and only then multiplies by the presence.

expect: query probability alone
"""

import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def concept_scores(query_logits, presence_logits, threshold=0.5):
    match = sigmoid(query_logits)
    return sigmoid(presence_logits)[:, None] * match, match > threshold
