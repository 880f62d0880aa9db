"""Raises p_t (not 1 − p_t) to the power γ, which up-weights the easy pixels.

expect: the modulating term is p_t^γ
"""

import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    s = (2.0 * targets - 1.0) * logits
    ce = np.logaddexp(0.0, -s)
    loss = np.exp(-ce) ** gamma * ce
    if alpha is not None:
        loss = np.where(targets == 1, alpha, 1.0 - alpha) * loss
    return float(np.mean(loss))
