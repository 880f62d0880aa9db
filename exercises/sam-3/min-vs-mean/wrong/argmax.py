"""Updates the head with the largest loss.

expect: largest loss was updated
"""

import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    z = np.array(init_logits, dtype=float)
    k_heads, pixels = z.shape
    for _ in range(steps):
        grad = np.zeros_like(z)
        for t in targets:
            losses = np.mean(np.logaddexp(0.0, z) - t * z, axis=1)
            per_head = (1.0 / (1.0 + np.exp(-z)) - t) / pixels
            if rule == "min":
                worst = int(np.argmax(losses))
                grad[worst] += per_head[worst]
            else:
                grad += per_head / k_heads
        z -= lr * grad
    return z
