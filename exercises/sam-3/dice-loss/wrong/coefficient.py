"""Returns the dice coefficient (a similarity, 1 is perfect) instead of the loss.

expect: this is the dice coefficient
"""

import numpy as np


def dice_loss(logits, targets, smooth=1.0):
    p = 0.5 * (1.0 + np.tanh(0.5 * logits))
    return float((2.0 * np.sum(p * targets) + smooth) / (np.sum(p) + np.sum(targets) + smooth))
