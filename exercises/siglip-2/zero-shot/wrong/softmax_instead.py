"""Turns the logits into probabilities with a softmax over the classes, as in CLIP.

expect: a softmax over the classes
"""

import numpy as np


def zero_shot(image_emb, class_emb, t, b):
    logits = t * image_emb @ class_emb.T + b
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    return probs, np.argmax(probs, axis=1)
