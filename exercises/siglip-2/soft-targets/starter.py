import numpy as np


def soft_cross_entropy(logits, targets):
    """Cross-entropy between soft targets and the softmax of the logits.

    logits: (M, C) array of scores.  targets: (M, C) array whose rows are probability vectors.
    Returns, as a Python float, the mean over the M rows of  -sum_c targets[c] * log softmax(logits)[c].
    A one-hot target row gives the ordinary cross-entropy. Must stay finite for large logits.
    """
    raise NotImplementedError("compute the cross-entropy")


if __name__ == "__main__":  # runs on Run, not on Check
    logits = np.array([[0.0, 0.0, 5.0, 0.0]])
    print(soft_cross_entropy(logits, np.array([[0.0, 0.0, 1.0, 0.0]])))
    print(soft_cross_entropy(logits, np.array([[0.05, 0.10, 0.70, 0.15]])))
