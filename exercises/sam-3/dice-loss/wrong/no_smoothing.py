"""Leaves out the smoothing term.

expect: no smoothing
"""

import numpy as np


def dice_loss(logits, targets, smooth=1.0):
    p = 0.5 * (1.0 + np.tanh(0.5 * logits))
    return float(1.0 - 2.0 * np.sum(p * targets) / (np.sum(p) + np.sum(targets)))
