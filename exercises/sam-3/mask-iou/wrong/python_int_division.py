"""Counts with Python ints, so two empty masks raise ZeroDivisionError.

expect: return 1.0 for that case
"""

import numpy as np


def mask_iou(pred_logits, target):
    pred = pred_logits > 0
    truth = target > 0.5
    inter = int(np.logical_and(pred, truth).sum())
    union = int(np.logical_or(pred, truth).sum())
    return inter / union
