"""Divides intersection by union even when both are 0.

expect: the union is 0
"""

import numpy as np


def mask_iou(pred_logits, target):
    pred = pred_logits > 0
    truth = target > 0.5
    return float(np.logical_and(pred, truth).sum() / np.logical_or(pred, truth).sum())
