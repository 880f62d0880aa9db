import numpy as np


def mask_iou(pred_logits, target):
    """Intersection over union of the predicted mask (pred_logits > 0) and a 0/1 target.

    pred_logits: (H, W) logits; target: (H, W) of 0/1.
    Returns a Python float in [0, 1]; 1.0 when both masks are empty.
    """
    pred = ...
    raise NotImplementedError("intersection / union")


if __name__ == "__main__":  # runs on Run, not on Check
    target = np.zeros((4, 4))
    target[1:3, 1:3] = 1
    logits = np.full((4, 4), -3.0)
    logits[1:3, 1:4] = 3.0
    print(mask_iou(logits, target))  # 4 / 6
