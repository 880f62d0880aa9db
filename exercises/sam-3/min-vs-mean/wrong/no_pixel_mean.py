"""Uses the per-pixel gradient σ(z) − t without the 1/P of the pixel average.

expect: the 1/P is missing
"""

import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    z = np.array(init_logits, dtype=float)
    k_heads = z.shape[0]
    for _ in range(steps):
        grad = np.zeros_like(z)
        for t in targets:
            losses = np.mean(np.logaddexp(0.0, z) - t * z, axis=1)
            per_head = 1.0 / (1.0 + np.exp(-z)) - t
            if rule == "min":
                best = int(np.argmin(losses))
                grad[best] += per_head[best]
            else:
                grad += per_head / k_heads
        z -= lr * grad
    return z
