"""Takes the step size from σ_max instead of σ_max².

expect: the step size is N / σ_max;
"""

import numpy as np


def fit_by_gradient_descent(features, y, steps):
    n = len(y)
    step = n / np.linalg.norm(features, 2)
    w = np.zeros(features.shape[1])
    for _ in range(steps):
        w = w - step * features.T @ (features @ w - y) / n
    return features @ w
