"""The mean rule adds every target's full gradient to every head (a sum, not a mean).

expect: summed over the heads
"""

import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    z = np.array(init_logits, dtype=float)
    pixels = z.shape[1]
    for _ in range(steps):
        grad = np.zeros_like(z)
        for t in targets:
            losses = np.mean(np.logaddexp(0.0, z) - t * z, axis=1)
            per_head = (1.0 / (1.0 + np.exp(-z)) - t) / pixels
            if rule == "min":
                best = int(np.argmin(losses))
                grad[best] += per_head[best]
            else:
                grad += per_head
        z -= lr * grad
    return z
