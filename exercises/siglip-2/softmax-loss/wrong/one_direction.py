"""Computes only the image→text cross-entropy (softmax over the rows).

expect: only the image→text direction
"""

import numpy as np


def clip_loss(image_emb, text_emb, t):
    logits = t * image_emb @ text_emb.T
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return float(-np.mean(np.diag(log_probs)))
