"""Uses |A| + |B| as the union.

expect: the union was taken as |A| + |B|
"""

import numpy as np


def mask_iou(pred_logits, target):
    pred = pred_logits > 0
    truth = target > 0.5
    total = pred.sum() + truth.sum()
    if total == 0:
        return 1.0
    return float(np.logical_and(pred, truth).sum() / total)
