"""Puts the 20 on dice and the 1 on focal.

expect: the weights are swapped
"""

import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    """Sigmoid focal loss averaged over all elements (the focal-loss exercise)."""
    s = (2.0 * targets - 1.0) * logits
    ce = np.logaddexp(0.0, -s)
    loss = (-np.expm1(-ce)) ** gamma * ce
    if alpha is not None:
        loss = np.where(targets == 1, alpha, 1.0 - alpha) * loss
    return float(np.mean(loss))


def dice_loss(logits, targets, smooth=1.0):
    """Soft dice loss (the dice-loss exercise)."""
    p = 0.5 * (1.0 + np.tanh(0.5 * logits))
    return float(1.0 - (2.0 * np.sum(p * targets) + smooth) / (np.sum(p) + np.sum(targets) + smooth))


def sam_mask_loss(mask_logits, target):
    losses = np.array([focal_loss(m, target) + 20.0 * dice_loss(m, target) for m in mask_logits])
    best = int(np.argmin(losses))
    return float(losses[best]), best
