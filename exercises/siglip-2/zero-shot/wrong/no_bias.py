"""Forgets the learned bias b.

expect: the bias b is missing
"""

import numpy as np


def zero_shot(image_emb, class_emb, t, b):
    logits = t * image_emb @ class_emb.T
    probs = 1.0 / (1.0 + np.exp(-logits))
    return probs, np.argmax(probs, axis=1)
