"""Gives α to the negatives and 1 − α to the positives.

expect: α is applied to the wrong class
"""

import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    s = (2.0 * targets - 1.0) * logits
    ce = np.logaddexp(0.0, -s)
    loss = (1.0 - np.exp(-ce)) ** gamma * ce
    if alpha is not None:
        loss = np.where(targets == 1, 1.0 - alpha, alpha) * loss
    return float(np.mean(loss))
