"""Finds the winning head but lets every head learn from the target anyway.

expect: every head was updated with the target
"""

import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    z = np.array(init_logits, dtype=float)
    k_heads, pixels = z.shape
    for _ in range(steps):
        grad = np.zeros_like(z)
        for t in targets:
            per_head = (1.0 / (1.0 + np.exp(-z)) - t) / pixels
            if rule == "min":
                grad += per_head
            else:
                grad += per_head / k_heads
        z -= lr * grad
    return z
