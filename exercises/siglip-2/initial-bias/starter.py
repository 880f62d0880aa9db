import numpy as np


def best_initial_bias(batch_size):
    """The bias b that makes SigLIP's loss smallest at the very start of training.

    At initialisation the towers are random, so every cosine similarity is (about) 0 and every
    logit t * cos + b equals b. batch_size is the number of (image, text) pairs B >= 2.
    Find, by trying many biases, the b whose initial sigmoid loss is smallest, to within 0.01,
    and return it as a Python float.
    """
    biases = np.linspace(-20.0, 5.0, 2501)  # candidate biases, 0.01 apart
    losses = ...  # the initial loss for every candidate bias
    raise NotImplementedError("return the candidate bias with the smallest loss")


if __name__ == "__main__":  # runs on Run, not on Check
    for b in (4, 256, 32768):
        print(f"B = {b:6d}: best initial bias {best_initial_bias(b):.2f}")
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # no plotting here: the numbers above tell the story
        plt = None
    if plt is not None:  # your function, over batch sizes from 2 to a million
        sizes = np.unique(np.logspace(np.log10(2), 6, 40).astype(int))
        fig, ax = plt.subplots(figsize=(6, 3.4))
        ax.semilogx(sizes, [best_initial_bias(int(b)) for b in sizes], "o-", label="your best bias")
        ax.axhline(-10.0, linestyle="--", color="gray", label="SigLIP's b = −10")
        ax.axvline(32768, linestyle=":", color="gray", label="B = 32,768")
        ax.set_xlabel("batch size B")
        ax.set_ylabel("best initial bias")
        ax.legend()
        fig.tight_layout()
        plt.show()
