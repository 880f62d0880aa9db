import numpy as np


def soft_cross_entropy(logits, targets):
    """Mean over rows of -sum(targets * log_softmax(logits)), with a stable log-softmax."""
    m = np.max(logits, axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return float(np.mean(-np.sum(targets * log_probs, axis=1)))


if __name__ == "__main__":
    logits = np.array([[0.0, 0.0, 5.0, 0.0]])
    print(soft_cross_entropy(logits, np.array([[0.0, 0.0, 1.0, 0.0]])))  # 0.0200
    print(soft_cross_entropy(logits, np.array([[0.05, 0.10, 0.70, 0.15]])))  # 1.5200
