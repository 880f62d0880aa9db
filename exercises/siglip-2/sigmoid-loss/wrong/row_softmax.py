"""Keeps CLIP's habit: a softmax over each row, the matching text as the right answer.

expect: a softmax over each row
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * image_emb @ text_emb.T + b
    m = logits.max(axis=1, keepdims=True)
    log_softmax = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return float(-np.mean(np.diag(log_softmax)))
