"""Each device computes the loss of its own block only: no text block travels.

expect: only each device's own block was counted
"""

import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    devices, n = len(image_blocks), len(image_blocks[0])
    labels = 2.0 * np.eye(n) - 1.0
    total = 0.0
    for d in range(devices):
        logits = t * image_blocks[d] @ text_blocks[d].T + b
        total += np.sum(np.logaddexp(0.0, -labels * logits))
    return float(total / (devices * n))
