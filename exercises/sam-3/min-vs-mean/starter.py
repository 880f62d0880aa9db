import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    """Train K tiny mask heads on G ambiguous ground truths.

    targets: (G, P) of 0/1, the masks a user might mean by one click;
    init_logits: (K, P), each head's starting pixel logits (here a head
    is just its P logits); rule: "min" or "mean".
    A head's loss for a target t is the binary cross-entropy averaged
    over the P pixels, mean(log(1 + e^z) − t·z); its gradient with
    respect to the head's logits z is (σ(z) − t) / P.
    Each step, for every target: rule "min" gives that target's gradient
    to the one head with the smallest loss for it; rule "mean" gives
    every head 1/K of it (the gradient of the mean of the K losses).
    Sum over the targets, then z ← z − lr · gradient.
    Returns the (K, P) logits after `steps` steps.
    """
    z = np.array(init_logits, dtype=float)
    raise NotImplementedError("loop over steps and targets; route each target's gradient")


# -- the experiment ------------------------------------------------------------------------------
PIXELS = 12


def region(first, stop):
    mask = np.zeros(PIXELS)
    mask[first:stop] = 1.0
    return mask


# Three nested ground truths for the same click in the middle: a part, the object, the whole.
TARGETS = np.stack([region(5, 7), region(3, 9), region(1, 11)])
# Three heads that start almost alike: a little "off", neutral, a little "on", plus noise.
START = np.array([[-1.0], [0.0], [1.0]]) + np.random.default_rng(0).normal(0.0, 0.3, (3, PIXELS))


if __name__ == "__main__":  # runs on Run, not on Check
    for rule in ("mean", "min"):
        z = train_mask_heads(TARGETS, START, steps=40, lr=24.0, rule=rule)
        print(f"rule = {rule}")
        for k, row in enumerate(1.0 / (1.0 + np.exp(-z))):
            print(f"  head {k}: " + " ".join(f"{p:.2f}" for p in row))
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # plots need matplotlib; the numbers above say the same
        plt = None
    if plt is not None:
        fig, axes = plt.subplots(3, 1, figsize=(6, 5), layout="constrained")
        panels = [("the three ground truths (part, object, whole)", TARGETS)]
        for rule in ("mean", "min"):
            z = train_mask_heads(TARGETS, START, steps=40, lr=24.0, rule=rule)
            panels.append((f"the three heads after 40 steps, rule = {rule}", 1.0 / (1.0 + np.exp(-z))))
        for ax, (title, rows) in zip(axes, panels, strict=True):
            ax.imshow(rows, cmap="viridis", vmin=0, vmax=1, aspect="auto")
            ax.set_title(title, fontsize=10)
            ax.set_yticks(range(3))
        axes[-1].set_xlabel("pixel")
        plt.show()
