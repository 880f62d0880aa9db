"""Adds the bias before scaling: t * (sim + b).

expect: the bias ended up inside the scaling
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * (image_emb @ text_emb.T + b)
    labels = 2.0 * np.eye(len(logits)) - 1.0
    return float(np.sum(np.logaddexp(0.0, -labels * logits)) / len(logits))
