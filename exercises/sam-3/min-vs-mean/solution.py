import numpy as np


def train_mask_heads(targets, init_logits, steps, lr, rule):
    """Full-batch gradient descent on K mask heads with the "min" or the "mean" rule."""
    z = np.array(init_logits, dtype=float)  # (K, P): one row of pixel logits per head
    targets = np.asarray(targets, dtype=float)  # (G, P): the possible ground truths
    k_heads, pixels = z.shape
    for _ in range(steps):
        grad = np.zeros_like(z)
        for t in targets:
            losses = np.mean(np.logaddexp(0.0, z) - t * z, axis=1)  # BCE of each head, (K,)
            per_head = (0.5 * (1.0 + np.tanh(0.5 * z)) - t) / pixels  # dL_k/dz_k, (K, P)
            if rule == "min":
                best = int(np.argmin(losses))
                grad[best] += per_head[best]  # only the winning head learns from this target
            else:
                grad += per_head / k_heads  # every head learns a third of every target
        z -= lr * grad
    return z


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


if __name__ == "__main__":
    for rule in ("mean", "min"):
        z = train_mask_heads(TARGETS, START, steps=40, lr=24.0, rule=rule)
        print(f"rule = {rule}")
        for k, row in enumerate(1.0 / (1.0 + np.exp(-z))):
            print(f"  head {k}: " + " ".join(f"{p:.2f}" for p in row))
    try:
        import matplotlib.pyplot as plt
    except ImportError:
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
