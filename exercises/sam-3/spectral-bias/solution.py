import numpy as np


def fit_by_gradient_descent(features, y, steps):
    """Gradient descent on a linear read-out from w = 0; returns the predictions."""
    features = np.asarray(features, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    step = n / np.linalg.norm(features, 2) ** 2  # 1 / largest eigenvalue of FᵀF / n
    w = np.zeros(features.shape[1])
    for _ in range(steps):
        residual = features @ w - y
        w = w - step * features.T @ residual / n  # gradient of ½·mean(residual²)
    return features @ w


# -- the experiment ------------------------------------------------------------------------------
X = np.arange(64) / 64  # 64 positions along a line, in [0, 1)
Y = np.sin(2 * np.pi * X) + np.sin(2 * np.pi * 6 * X)  # a slow wave (1 cycle) + a fast one (6)


def hidden_layer(inputs, width=256, seed=1):
    """A frozen random ReLU layer: the same kind of network for both encodings."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, np.sqrt(2.0 / inputs.shape[1]), size=(inputs.shape[1], width))
    b = rng.normal(0.0, 0.5, size=width)
    return np.maximum(0.0, inputs @ w + b)


def encodings():
    coords = (2 * X - 1)[:, None]  # raw coordinate in [-1, 1], shape (64, 1)
    freqs = np.random.default_rng(0).normal(0.0, 8.0, size=(1, 16))  # 16 random frequencies
    angles = 2 * np.pi * coords @ freqs
    fourier = np.concatenate([np.sin(angles), np.cos(angles)], axis=1)  # (64, 32)
    return {"raw coordinate": hidden_layer(coords), "Fourier features": hidden_layer(fourier)}


def left_over(residual, cycles):
    """Amplitude of the `cycles`-cycle wave still in the residual (1.0 = all of it)."""
    return 2 * abs(np.mean(residual * np.exp(-2j * np.pi * cycles * X)))


if __name__ == "__main__":
    fits = {}
    for name, feats in encodings().items():
        fits[name] = fit_by_gradient_descent(feats, Y, steps=300)
        r = Y - fits[name]
        print(f"{name:16s}  left of the slow wave: {left_over(r, 1):.2f}   "
              f"of the fast wave: {left_over(r, 6):.2f}")
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
    if plt is not None:
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.plot(X, Y, "k.", label="target")
        for name, fit in fits.items():
            ax.plot(X, fit, label=f"fit, {name}")
        ax.set_xlabel("position x")
        ax.set_title("300 gradient steps, same network, two encodings of x")
        ax.legend(fontsize=8)
        plt.show()
