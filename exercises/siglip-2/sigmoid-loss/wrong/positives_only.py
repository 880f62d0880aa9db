"""Keeps only the matching pairs, as if the loss were about positives alone.

expect: negative pairs are missing
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * image_emb @ text_emb.T + b
    return float(np.sum(np.logaddexp(0.0, -np.diag(logits))) / len(logits))
