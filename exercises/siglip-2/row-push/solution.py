import numpy as np


def sigmoid(x):
    """1 / (1 + e^-x) without overflow."""
    return np.exp(-np.logaddexp(0.0, -x))


def row_push(batch_size, bias):
    """(softmax push, sigmoid push): the summed gradient on a row's B - 1 negative logits."""
    b = np.asarray(batch_size, dtype=float)
    # Softmax: d(-log p_i)/dz_j = p_j for a negative j. At initialisation the B logits are
    # equal, so each negative holds 1/B of the bucket: B - 1 shares, never more than 1.
    softmax_push = (b - 1.0) / b
    # Sigmoid: d(-log sigmoid(-z))/dz = sigmoid(z), once per negative, each with logit = bias.
    sigmoid_push = (b - 1.0) * sigmoid(bias)
    if b.ndim == 0:
        return float(softmax_push), float(sigmoid_push)
    return softmax_push, sigmoid_push


if __name__ == "__main__":  # runs on Run, not on Check
    for b in (4, 256, 32768):
        print(b, row_push(b, 0.0), row_push(b, -10.0))
    sizes = np.unique(np.logspace(1, 6, 60).astype(int))
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # no plotting here: the printed numbers tell the same story
        plt = None
    if plt is not None:
        fig, ax = plt.subplots(figsize=(6, 3.6))
        ax.loglog(sizes, row_push(sizes, 0.0)[0], label="softmax (CLIP)")
        ax.loglog(sizes, row_push(sizes, 0.0)[1], label="sigmoid, b = 0")
        ax.loglog(sizes, row_push(sizes, -10.0)[1], label="sigmoid, b = −10")
        ax.loglog(sizes, [row_push(int(s), -np.log(s - 1))[1] for s in sizes], "--",
                  label="sigmoid, b = −log(B − 1)")
        ax.set_xlabel("batch size B")
        ax.set_ylabel("push on the row's negatives")
        ax.set_title("Summed push-down gradient of one row at initialisation")
        ax.legend()
        fig.tight_layout()
        plt.show()
