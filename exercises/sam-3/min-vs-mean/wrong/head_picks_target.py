"""Takes the minimum over the targets for each head instead of over the heads for each target.

expect: each head picked the target it fits best
"""

import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    z = np.array(init_logits, dtype=float)
    targets = np.asarray(targets, dtype=float)
    k_heads, pixels = z.shape
    for _ in range(steps):
        grad = np.zeros_like(z)
        if rule == "min":
            for k in range(k_heads):
                losses = np.mean(np.logaddexp(0.0, z[k]) - targets * z[k], axis=1)
                t = targets[int(np.argmin(losses))]
                grad[k] += (1.0 / (1.0 + np.exp(-z[k])) - t) / pixels
        else:
            for t in targets:
                grad += (1.0 / (1.0 + np.exp(-z)) - t) / pixels / k_heads
        z -= lr * grad
    return z
