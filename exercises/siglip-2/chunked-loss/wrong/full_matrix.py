"""Gathers every block and computes the whole B × B matrix: the right number, the wrong memory.

expect: the logits of more than one block are held at once
"""

import numpy as np


def chunked_siglip_loss(image_blocks, text_blocks, t, b):
    images = np.concatenate(image_blocks)
    texts = np.concatenate(text_blocks)
    logits = t * images @ texts.T + b
    labels = 2.0 * np.eye(len(logits)) - 1.0
    return float(np.sum(np.logaddexp(0.0, -labels * logits)) / len(logits))
