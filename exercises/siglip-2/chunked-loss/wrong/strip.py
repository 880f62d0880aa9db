"""All-gathers the texts and computes each device's n × B strip of logits.

expect: the logits of more than one block are held at once
"""

import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    devices, n = len(image_blocks), len(image_blocks[0])
    texts = np.concatenate(text_blocks)
    total = 0.0
    for d in range(devices):
        logits = t * image_blocks[d] @ texts.T + b
        labels = -np.ones_like(logits)
        labels[np.arange(n), d * n + np.arange(n)] = 1.0
        total += np.sum(np.logaddexp(0.0, -labels * logits))
    return float(total / (devices * n))
