import numpy as np


def sigmoid(x):
    """1 / (1 + exp(-x)) computed as exp(-log(1 + exp(-x))): no overflow for any x."""
    return np.exp(-np.logaddexp(0.0, -x))


def pair_probabilities(pos_logit, neg_logit, batch_size):
    """(softmax share of the positive among batch_size logits, sigmoid of the positive)."""
    b = np.asarray(batch_size, dtype=float)
    # e^pos / (e^pos + (B-1) e^neg) = sigmoid(pos - neg - log(B - 1)); B = 1 leaves no negatives.
    with np.errstate(divide="ignore"):  # log(0) = -inf for B = 1 gives sigmoid(inf) = 1
        margin = pos_logit - neg_logit - np.log(b - 1.0)
    p_softmax = sigmoid(margin)
    p_sigmoid = np.full(b.shape, sigmoid(pos_logit))
    if b.ndim == 0:
        return float(p_softmax), float(p_sigmoid)
    return p_softmax, p_sigmoid


if __name__ == "__main__":
    print(pair_probabilities(5.0, -5.0, 4))  # (0.99986..., 0.99330...)
    print(pair_probabilities(5.0, -5.0, np.array([4, 256, 32768])))
