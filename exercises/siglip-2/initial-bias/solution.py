import numpy as np


def initial_loss(biases, batch_size):
    """SigLIP's loss at initialisation (every logit equals the bias), for each bias.

    Every row is alike: one positive and batch_size - 1 negatives, all with logit b. The batch
    loss sums the N rows and divides by N, so it equals one row's loss.
    """
    positive = np.logaddexp(0.0, -biases)  # -log sigmoid(b): "yes" to the matching text
    negatives = (batch_size - 1) * np.logaddexp(0.0, biases)  # -log sigmoid(-b), B - 1 times
    return positive + negatives


def best_initial_bias(batch_size):
    """The bias (to within 0.01) whose initial loss is smallest, found by a scan."""
    biases = np.linspace(-20.0, 5.0, 2501)  # candidate biases, 0.01 apart
    return float(biases[np.argmin(initial_loss(biases, batch_size))])


if __name__ == "__main__":  # runs on Run, not on Check
    sizes = (4, 256, 32768)
    for b in sizes:
        print(f"B = {b:6d}: best initial bias {best_initial_bias(b):.2f}")
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # no plotting here: the numbers above tell the same story
        plt = None
    if plt is not None:
        biases = np.linspace(-16.0, 4.0, 801)
        fig, ax = plt.subplots(figsize=(6, 3.6))
        for b in sizes:
            loss = initial_loss(biases, b)
            ax.plot(biases, loss, label=f"B = {b:,}")
            best = best_initial_bias(b)
            ax.plot([best], [initial_loss(np.array([best]), b)[0]], "o", color=ax.lines[-1].get_color())
        ax.axvline(-10.0, linestyle="--", linewidth=1, color="gray", label="SigLIP's b = −10")
        ax.set_yscale("log")
        ax.set_xlabel("bias b (every logit at initialisation)")
        ax.set_ylabel("initial loss")
        ax.set_title("Initial SigLIP loss against the bias: the minimum moves with B")
        ax.legend()
        fig.tight_layout()
        plt.show()
