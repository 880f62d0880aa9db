"""Right formula through p = 1/(1 + exp(−z)) and log(p): overflows / log(0) for big logits.

expect: np.logaddexp(0, −s)
"""

import numpy as np


def focal_loss(logits, targets, gamma=2.0, alpha=0.25):
    p = 1.0 / (1.0 + np.exp(-logits))
    p_t = np.where(targets == 1, p, 1.0 - p)
    loss = -((1.0 - p_t) ** gamma) * np.log(p_t)
    if alpha is not None:
        loss = np.where(targets == 1, alpha, 1.0 - alpha) * loss
    return float(np.mean(loss))
