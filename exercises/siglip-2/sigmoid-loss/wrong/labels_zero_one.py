"""Uses 0/1 labels (as in ordinary binary cross-entropy targets) inside −log σ(label·z).

expect: labels are 0/1 instead of +1/−1
"""

import numpy as np


def siglip_loss(image_emb, text_emb, t, b):
    logits = t * image_emb @ text_emb.T + b
    labels = np.eye(len(logits))
    return float(np.sum(np.logaddexp(0.0, -labels * logits)) / len(logits))
