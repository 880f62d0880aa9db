import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    """Sigmoid focal loss (Lin et al. 2017), averaged over all elements."""
    z = np.asarray(logits, dtype=float)
    t = np.asarray(targets, dtype=float)
    s = (2.0 * t - 1.0) * z  # the logit of the true class
    ce = np.logaddexp(0.0, -s)  # -log p_t, finite for any s
    one_minus_p_t = -np.expm1(-ce)  # 1 - p_t = 1 - exp(-ce), accurate when p_t is near 1
    loss = one_minus_p_t ** gamma * ce  # (1 - p_t)^gamma * (-log p_t)
    if alpha is not None:
        loss = np.where(t == 1, alpha, 1.0 - alpha) * loss
    return float(np.mean(loss))


if __name__ == "__main__":
    easy = focal_loss(np.array([np.log(0.05 / 0.95)]), np.array([0.0]), alpha=None)
    hard = focal_loss(np.array([np.log(0.1 / 0.9)]), np.array([1.0]), alpha=None)
    print(easy, hard, hard / easy)
