import numpy as np


def mask_iou(pred_logits, target):
    """IoU of the thresholded prediction with the target; two empty masks agree perfectly."""
    pred = np.asarray(pred_logits) > 0
    truth = np.asarray(target) > 0.5
    union = np.logical_or(pred, truth).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(pred, truth).sum() / union)


if __name__ == "__main__":
    target = np.zeros((4, 4))
    target[1:3, 1:3] = 1
    logits = np.full((4, 4), -3.0)
    logits[1:3, 1:4] = 3.0
    print(mask_iou(logits, target))
