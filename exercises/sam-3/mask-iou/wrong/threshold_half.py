"""Thresholds the logits at 0.5 as if they were probabilities.

expect: thresholded at 0.5
"""

import numpy as np


def mask_iou(pred_logits, target):
    pred = pred_logits > 0.5
    truth = target > 0.5
    union = np.logical_or(pred, truth).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(pred, truth).sum() / union)
