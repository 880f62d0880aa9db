"""Adds the gradient instead of subtracting it.

expect: the step went uphill
"""

import numpy as np


def fit_by_gradient_descent(features, y, steps):
    n = len(y)
    step = n / np.linalg.norm(features, 2) ** 2
    w = np.zeros(features.shape[1])
    for _ in range(steps):
        w = w + step * features.T @ (features @ w - y) / n
    return features @ w
