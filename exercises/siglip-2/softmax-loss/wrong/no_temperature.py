"""Forgets to multiply the cosine similarities by t.

expect: the scale t was not applied
"""

import numpy as np


def clip_loss(image_emb, text_emb, t):
    logits = image_emb @ text_emb.T
    total = 0.0
    for z in (logits, logits.T):
        m = z.max(axis=1, keepdims=True)
        log_probs = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
        total += -np.mean(np.diag(log_probs))
    return float(total / 2)
