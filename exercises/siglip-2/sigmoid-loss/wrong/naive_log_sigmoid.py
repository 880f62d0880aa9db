"""Right formula, computed as log(1 / (1 + exp(-z))): overflows for large |logits|.

expect: np.logaddexp(0, −z)
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * image_emb @ text_emb.T + b
    labels = 2.0 * np.eye(len(logits)) - 1.0
    sigmoid = 1.0 / (1.0 + np.exp(-labels * logits))
    return float(-np.sum(np.log(sigmoid)) / len(logits))
