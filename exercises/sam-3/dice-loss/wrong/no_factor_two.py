"""Writes the intersection over the sum of sizes without the factor 2.

expect: factor 2 on the intersection is missing
"""

import numpy as np


def dice_loss(logits, targets, smooth=1.0):
    p = 0.5 * (1.0 + np.tanh(0.5 * logits))
    return float(1.0 - (np.sum(p * targets) + smooth) / (np.sum(p) + np.sum(targets) + smooth))
