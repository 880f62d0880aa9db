"""Broadcasts the presence along the queries (presence[None, :]) instead of down its own row.

expect: its own row
"""

import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def concept_scores(query_logits, presence_logits, threshold=0.5):
    scores = sigmoid(presence_logits)[None, :] * sigmoid(query_logits)
    return scores, scores > threshold
