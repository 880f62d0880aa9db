import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    """Sigmoid focal loss, averaged over all elements (pixels).

    logits: array of raw scores (any shape); targets: same shape, 0 or 1.
    Per element: -alpha_t * (1 - p_t)**gamma * log(p_t), where p_t is the probability
    of the true class and alpha_t = alpha for positives, 1 - alpha for negatives.
    alpha=None switches the alpha weighting off. Returns a Python float.
    Must stay finite for very large |logits|.
    """
    ce = ...   # -log p_t, computed stably
    p_t = ...
    raise NotImplementedError("combine the focal term, the alpha weighting and the mean")


if __name__ == "__main__":  # runs on Run, not on Check
    # the lesson's two pixels: an easy background pixel (p = 0.05) and a hard foreground one (p = 0.1)
    easy = focal_loss(np.array([np.log(0.05 / 0.95)]), np.array([0.0]), alpha=None)
    hard = focal_loss(np.array([np.log(0.1 / 0.9)]), np.array([1.0]), alpha=None)
    print(easy, hard, hard / easy)
