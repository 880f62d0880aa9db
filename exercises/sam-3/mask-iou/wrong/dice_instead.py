"""Computes the dice coefficient and calls it IoU.

expect: this is the dice coefficient
"""

import numpy as np


def mask_iou(pred_logits, target):
    pred = pred_logits > 0
    truth = target > 0.5
    total = pred.sum() + truth.sum()
    if total == 0:
        return 1.0
    return float(2 * np.logical_and(pred, truth).sum() / total)
