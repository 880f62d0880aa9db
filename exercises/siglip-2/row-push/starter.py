import numpy as np


def row_push(batch_size, bias):
    """How hard one image's row pushes its negative logits down, at initialisation.

    At initialisation every cosine is 0, so every logit in the row equals `bias` under SigLIP's
    sigmoid loss (CLIP's softmax has no bias: its logits are all 0). The row has one positive
    and batch_size - 1 negatives. The push is the sum, over the negatives j, of the gradient
    d(row loss)/d(z_j):
      softmax: row loss = -log softmax(z)[positive]           (CLIP, image -> text)
      sigmoid: row loss = sum over the row of -log sigmoid(label * z)   (SigLIP)
    batch_size: an int >= 2, or an array of ints (then both results are arrays of its shape).
    Returns (softmax_push, sigmoid_push).
    """
    raise NotImplementedError("compute both pushes")


if __name__ == "__main__":  # runs on Run, not on Check
    for b in (4, 256, 32768):
        print(b, row_push(b, 0.0), row_push(b, -10.0))
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # no plotting here: the numbers above tell the story
        plt = None
    if plt is not None:  # your function, over batch sizes from 10 to a million
        sizes = np.unique(np.logspace(1, 6, 60).astype(int))
        fig, ax = plt.subplots(figsize=(6, 3.4))
        ax.loglog(sizes, row_push(sizes, 0.0)[0], label="softmax (CLIP)")
        for bias in (0.0, -10.0):
            ax.loglog(sizes, row_push(sizes, bias)[1], label=f"sigmoid, b = {bias:g}")
        ax.set_xlabel("batch size B")
        ax.set_ylabel("push on the row's negatives")
        ax.legend()
        fig.tight_layout()
        plt.show()
