import numpy as np


def zero_shot(image_emb, class_emb, t, b):
    """Independent sigmoid match probabilities (M, C) and the argmax class per image (M,)."""
    logits = t * image_emb @ class_emb.T + b  # (M, C), the same logits as in training
    probs = np.exp(-np.logaddexp(0.0, -logits))  # sigmoid, no overflow
    labels = np.argmax(probs, axis=1)
    return probs, labels


if __name__ == "__main__":
    images = np.array([[1.0, 0.0], [0.6, 0.8]])
    classes = np.array([[1.0, 0.0], [0.0, 1.0], [0.8, 0.6]])
    print(zero_shot(images, classes, 10.0, -5.0))
