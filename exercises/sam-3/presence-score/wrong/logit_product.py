"""Multiplies the logits instead of the probabilities.

expect: the logits were multiplied
"""

import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def concept_scores(query_logits, presence_logits, threshold=0.5):
    scores = sigmoid(query_logits * presence_logits[:, None])
    return scores, scores > threshold
