"""Each device averages over its own n images; the devices' losses are then added up.

expect: each device divided its sum by its own n pairs
"""

import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    devices, n = len(image_blocks), len(image_blocks[0])
    total = 0.0
    for d in range(devices):
        device_total = 0.0
        for step in range(devices):
            logits = t * image_blocks[d] @ text_blocks[(d + step) % devices].T + b
            labels = 2.0 * np.eye(n) - 1.0 if step == 0 else -np.ones((n, n))
            device_total += np.sum(np.logaddexp(0.0, -labels * logits))
        total += device_total / n
    return float(total)
