import numpy as np


def dice_loss(logits, targets, smooth=1.0):
    """Soft dice loss of one mask.

    logits: raw scores (any shape); targets: same shape, 0 or 1.
    p = sigmoid(logits); returns 1 - (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth)
    as a Python float.
    """
    p = ...  # probabilities
    raise NotImplementedError("soft intersection, soft sizes, dice coefficient, 1 - it")


if __name__ == "__main__":  # runs on Run, not on Check
    target = np.array([[0, 1, 1], [0, 1, 1], [0, 0, 0]], dtype=float)
    logits = np.where(target == 1, 2.0, -2.0)
    print(dice_loss(logits, target))
