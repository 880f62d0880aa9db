"""Sums log σ(label · logit) without the minus sign: a negative "loss".

expect: the sign is flipped
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * image_emb @ text_emb.T + b
    labels = 2.0 * np.eye(len(logits)) - 1.0
    return float(np.sum(-np.logaddexp(0.0, -labels * logits)) / len(logits))
