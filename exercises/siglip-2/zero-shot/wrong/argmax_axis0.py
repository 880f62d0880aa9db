"""Takes the argmax over axis 0 (over the images) instead of over each image's classes.

expect: argmax over axis 0
"""

import numpy as np


def zero_shot(image_emb, class_emb, t, b):
    logits = t * image_emb @ class_emb.T + b
    probs = np.exp(-np.logaddexp(0.0, -logits))
    return probs, np.argmax(probs, axis=0)
